import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The developer console (a single-page app) built into the Worker's static assets. Vite empties
// its outDir, so scripts/build-assets.ts builds this first and copies the docs UI in after.
// `npm run console:dev` serves it with hot reload on :5173 and proxies the API to `npm run dev`,
// at the address that wrote in .wrangler/dev-server.json (`--port` included), or API_URL.

const root = import.meta.dirname;
const devServer = path.join(root, "../.wrangler/dev-server.json");
const API =
  process.env.API_URL ??
  (existsSync(devServer)
    ? (JSON.parse(readFileSync(devServer, "utf8")) as { url: string }).url
    : "http://127.0.0.1:8787");

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(root, "../dist/public"),
    emptyOutDir: true,
    // One chunk per lazily loaded screen dependency (charts, LiveKit) keeps the first load small.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: {
      "/v1": { target: API, ws: true },
      "/health": API,
      "/openapi.json": API,
      "/internal": API,
      "/admin": API,
      "/docs": API,
    },
  },
});
