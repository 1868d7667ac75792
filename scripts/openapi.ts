// Regenerates the committed API contract from the running Worker: openapi/app.json,
// openapi/internal.json, openapi/admin.json and the typed clients' types
// (clients/typescript/schema.d.ts for the app, internal.d.ts for the agent host's API,
// admin.d.ts for the admin API).
//   npm run openapi
import { writeFileSync } from "node:fs";
import { buildBundle, startMiniflare } from "../test/support/local-worker";
import {
  ADMIN_CLIENT_TYPES_PATH,
  CLIENT_TYPES_PATH,
  clientTypes,
  committedDocument,
  DOCUMENT_PATHS,
  DOCUMENT_URLS,
  INTERNAL_CLIENT_TYPES_PATH,
} from "./openapi-client";

const bundle = buildBundle();
const worker = await startMiniflare(bundle.scriptPath, 0);
try {
  for (const [which, path] of Object.entries(DOCUMENT_PATHS)) {
    const url = `${worker.url}${DOCUMENT_URLS[which as keyof typeof DOCUMENT_URLS]}`;
    const document = (await (await fetch(url)).json()) as Record<string, unknown>;
    writeFileSync(path, committedDocument(document));
    if (which === "app") writeFileSync(CLIENT_TYPES_PATH, await clientTypes(document, path));
    if (which === "internal")
      writeFileSync(INTERNAL_CLIENT_TYPES_PATH, await clientTypes(document, path));
    if (which === "admin")
      writeFileSync(ADMIN_CLIENT_TYPES_PATH, await clientTypes(document, path));
    console.log(`openapi: ${url} -> ${path}`);
  }
  console.log(
    `openapi: types -> ${CLIENT_TYPES_PATH}, ${INTERNAL_CLIENT_TYPES_PATH}, ${ADMIN_CLIENT_TYPES_PATH}`,
  );
} finally {
  await worker.stop();
  bundle.cleanup();
}
