// Builds the static assets the Worker serves (Workers Static Assets, `[assets]` in
// wrangler.toml): the API docs UI from the pinned swagger-ui-dist package, so /docs works
// offline and never loads code from a CDN. `npm run dev`, `npm test` and `npm run deploy` run it.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const ASSETS_DIR = "dist/public";
const DOCS_FILES = [
  "swagger-ui.css",
  "swagger-ui-bundle.js",
  "swagger-ui-standalone-preset.js",
  "favicon-32x32.png",
  "LICENSE",
  "NOTICE",
];

const swaggerDir = path.dirname(
  createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
);
const docsOut = path.join(ASSETS_DIR, "docs");
rmSync(docsOut, { recursive: true, force: true });
mkdirSync(docsOut, { recursive: true });
for (const file of DOCS_FILES) copyFileSync(path.join(swaggerDir, file), path.join(docsOut, file));
console.log(`build-assets: ${DOCS_FILES.length} docs UI files -> ${docsOut}`);
