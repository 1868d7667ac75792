import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The developer console (a single-page app) built into the Worker's static assets. Vite empties
// its outDir, so scripts/build-assets.ts builds this first and copies the docs UI in after.
// `npm run console:dev` serves it with hot reload on :5173 and proxies the API to `npm run dev`.

const API = "http://127.0.0.1:8787";
const root = import.meta.dirname;

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
      "/docs": API,
    },
  },
});
