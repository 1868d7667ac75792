// Builds the static assets the Worker serves (Workers Static Assets, `[assets]` in
// wrangler.toml): the developer console (console/, a Vite single-page app) and the API docs
// UI from the pinned swagger-ui-dist package, so /docs works offline and never loads code
// from a CDN. `npm run dev`, `npm test` and `npm run deploy` run it.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "vite";

export const ASSETS_DIR = "dist/public";
const DOCS_FILES = [
  "swagger-ui.css",
  "swagger-ui-bundle.js",
  "swagger-ui-standalone-preset.js",
  "favicon-32x32.png",
  "LICENSE",
  "NOTICE",
];

// The console first: Vite empties its outDir (dist/public), so the docs UI is copied after.
await build({ configFile: "console/vite.config.ts", logLevel: "warn" });
console.log(`build-assets: console -> ${ASSETS_DIR}`);

const swaggerDir = path.dirname(
  createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
);
// Under /docs/ui/, the one part of /docs/* served as files (wrangler.toml run_worker_first).
const docsOut = path.join(ASSETS_DIR, "docs", "ui");
mkdirSync(docsOut, { recursive: true });
for (const file of DOCS_FILES) copyFileSync(path.join(swaggerDir, file), path.join(docsOut, file));
console.log(`build-assets: ${DOCS_FILES.length} docs UI files -> ${docsOut}`);
