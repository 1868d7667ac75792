import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildBundle,
  type LocalWorker,
  startMiniflare,
  type WorkerBundle,
} from "../support/local-worker";

// The production bundle (`wrangler deploy --dry-run`) with its static assets, served by
// Miniflare as `wrangler dev` serves it: what a developer's browser gets with no network.

let bundle: WorkerBundle;
let worker: LocalWorker;

beforeAll(async () => {
  bundle = buildBundle();
  worker = await startMiniflare(bundle.scriptPath, 0);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  bundle?.cleanup();
});

describe("the docs UI, offline", () => {
  it("serves every script and stylesheet of /docs from the Worker's own assets", async () => {
    const page = await (await fetch(`${worker.url}/docs`)).text();
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(assets).toEqual(
      expect.arrayContaining(["/docs/ui/swagger-ui.css", "/docs/ui/swagger-ui-bundle.js"]),
    );
    for (const asset of assets) {
      const response = await fetch(`${worker.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(500);
    }
    // No page asset points anywhere but this server.
    expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it("answers /docs/ and any other /docs/* path from the Worker, never with the console", async () => {
    const slash = await fetch(`${worker.url}/docs/`, {
      redirect: "manual",
      headers: { "sec-fetch-mode": "navigate", accept: "text/html" },
    });
    expect(slash.status).toBe(301);
    expect(slash.headers.get("location")).toBe("/docs");
    const unknown = await fetch(`${worker.url}/docs/tags/auth`, {
      headers: { "sec-fetch-mode": "navigate", accept: "text/html" },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
