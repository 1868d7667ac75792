import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildBundle,
  type LocalWorker,
  startMiniflare,
  type WorkerBundle,
} from "../support/local-worker";

// The developer console and the API on one origin, as `npm run dev` and a deploy serve them
// (wrangler.toml [assets]): the API's paths reach the Worker first, every other path without
// a file gets the console's index.html.

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

// What a browser sends when the user types a URL or follows a link.
const navigate = (url: string) =>
  fetch(url, { headers: { accept: "text/html", "sec-fetch-mode": "navigate" } });

describe("the console beside the API", () => {
  it("serves the console at / and its deep links, with its scripts", async () => {
    const home = await navigate(`${worker.url}/`);
    expect(home.status).toBe(200);
    const page = await home.text();
    expect(page).toContain("<title>Fitness Coach console</title>");
    for (const deep of ["/program", "/notifications", "/today"]) {
      const response = await navigate(`${worker.url}${deep}`);
      expect(response.status, deep).toBe(200);
      expect(await response.text(), deep).toBe(page);
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    const response = await fetch(`${worker.url}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
  });

  it("keeps an unknown API route a JSON 404, whatever the browser asks for", async () => {
    for (const url of ["/v1/nope", "/v1", "/internal/agent/nope", "/admin/nope", "/healthz"]) {
      const response = await navigate(`${worker.url}${url}`);
      expect(response.status, url).toBe(404);
      expect(response.headers.get("content-type"), url).toMatch(/application\/json/);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code, url).toBe("not_found");
    }
  });

  it("answers the API's own routes from the Worker, not the console", async () => {
    const expectations: Array<[string, number, RegExp]> = [
      ["/health", 200, /application\/json/],
      ["/health/live", 200, /application\/json/],
      ["/openapi.json", 200, /application\/json/],
      ["/internal/openapi.json", 200, /application\/json/],
      ["/admin/openapi.json", 200, /application\/json/],
      ["/admin/users?q=a", 401, /application\/json/],
      ["/v1/me", 401, /application\/json/],
      ["/docs", 200, /text\/html/],
    ];
    for (const [url, status, type] of expectations) {
      const response = await navigate(`${worker.url}${url}`);
      expect(response.status, url).toBe(status);
      expect(response.headers.get("content-type"), url).toMatch(type);
      if (url === "/docs") expect(await response.text()).toContain("swagger-ui");
    }
  });

  it("ships no server secret in the console's files", () => {
    const devSecret = /^JWT_SECRET=(.+)$/m.exec(readFileSync(".dev.vars.example", "utf8"))?.[1];
    const files = readdirSync("dist/public/assets").map((name) =>
      readFileSync(path.join("dist/public/assets", name), "utf8"),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const text of files) {
      expect(text).not.toContain(devSecret);
      expect(text).not.toMatch(/sk-ant-[\w-]{8,}/);
      expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
  });
});
