import { SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import adminDocument from "../../openapi/admin.json";
import appDocument from "../../openapi/app.json";
import internalDocument from "../../openapi/internal.json";
import { call, json, signUp } from "./helpers";

describe("API basics", () => {
  it("GET /health is public and reports D1 and the version", async () => {
    const response = await call("/health");
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: "ok", version: "0.1.0", d1: "ok" });
  });

  it("answers unknown routes with a JSON 404 in the error envelope", async () => {
    const response = await call("/v1/nothing-here");
    expect(response.status).toBe(404);
    const body = await json(response);
    expect(body.error.code).toBe("not_found");
    expect(body.error.request_id).toBe(response.headers.get("x-request-id"));
  });

  it("puts a request id on every response and keeps a sane client-supplied one", async () => {
    const generated = await call("/health");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await call("/health", { headers: { "x-request-id": "client-req-12345" } });
    expect(echoed.headers.get("x-request-id")).toBe("client-req-12345");
    const refused = await call("/health", { headers: { "x-request-id": "bad id with spaces" } });
    expect(refused.headers.get("x-request-id")).not.toBe("bad id with spaces");
  });

  it("refuses request bodies over 64 KiB with 413", async () => {
    const response = await call("/v1/auth/signup", {
      body: { email: "big@example.com", password: "x".repeat(70 * 1024) },
    });
    expect(response.status).toBe(413);
    expect((await json(response)).error.code).toBe("payload_too_large");
  });

  it("refuses a chunked body over 64 KiB with 413 like a sized one", async () => {
    const user = await signUp();
    const chunk = new TextEncoder().encode(`"${"x".repeat(8 * 1024)}",`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"injuries":['));
        if (sent >= 10) {
          controller.enqueue(new TextEncoder().encode('"x"]}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += 1;
      },
    });
    const response = await SELF.fetch("https://api.test/v1/profile", {
      method: "PATCH",
      headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(413);
    expect((await json(response)).error.code).toBe("payload_too_large");
  });

  it("refuses a body that is not JSON with 415, not as an empty object", async () => {
    const user = await signUp();
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const response = await call("/v1/body/weight", {
        token: user.accessToken,
        headers: { "content-type": type },
        body: JSON.stringify({ weight_kg: 70 }),
      });
      expect(response.status).toBe(415);
      expect((await json(response)).error.code).toBe("unsupported_media_type");
    }
    // JSON with a charset, and a body-less POST, are fine.
    const ok = await call("/v1/body/weight", {
      token: user.accessToken,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: { weight_kg: 70 },
    });
    expect(ok.status).toBe(201);
    const ticket = await call("/v1/realtime/ticket", { method: "POST", token: user.accessToken });
    expect(ticket.status).toBe(200);
  });

  it("refuses a JSON body in another charset than UTF-8 with 415", async () => {
    const user = await signUp();
    for (const charset of ["utf-16", "UTF-16LE", "iso-8859-1", '"utf-16"']) {
      const response = await call("/v1/body/weight", {
        token: user.accessToken,
        headers: { "content-type": `application/json; charset=${charset}` },
        body: { weight_kg: 70 },
      });
      expect(response.status, charset).toBe(415);
      expect((await json(response)).error.code).toBe("unsupported_media_type");
    }
    for (const charset of ["UTF-8", '"utf-8"']) {
      const response = await call("/v1/body/weight", {
        token: user.accessToken,
        headers: { "content-type": `application/json;charset=${charset}` },
        body: { weight_kg: 70 },
      });
      expect(response.status, charset).toBe(201);
    }
  });

  it("answers CORS preflights", async () => {
    const response = await call("/v1/me", {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
  });

  it("publishes an OpenAPI 3.1 document with schemas, examples and errors for every route", async () => {
    const response = await call("/openapi.json");
    expect(response.status).toBe(200);
    const doc = await json(response);
    expect(doc.openapi).toBe("3.1.0");
    const expected = {
      "/health": ["get"],
      "/v1/auth/signup": ["post"],
      "/v1/auth/login": ["post"],
      "/v1/auth/refresh": ["post"],
      "/v1/auth/logout": ["post"],
      "/v1/me": ["get", "delete"],
    };
    for (const [path, methods] of Object.entries(expected)) {
      for (const method of methods) {
        const operation = doc.paths[path]?.[method];
        expect(operation, `${method} ${path}`).toBeDefined();
        expect(operation.tags.length).toBeGreaterThan(0);
        const statuses = Object.keys(operation.responses);
        expect(statuses.some((status) => status.startsWith("2"))).toBe(true);
        expect(statuses.some((status) => status.startsWith("4") || status === "500")).toBe(true);
        if ((path !== "/health" && !path.startsWith("/v1/auth/")) || path === "/v1/auth/logout")
          expect(operation.security).toEqual([{ bearerAuth: [] }]);
      }
    }
    expect(doc.components.schemas.User.example).toBeDefined();
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it("serves exactly the committed documents (npm run openapi regenerates them)", async () => {
    for (const [url, committed] of [
      ["/openapi.json", appDocument],
      ["/internal/openapi.json", internalDocument],
      ["/admin/openapi.json", adminDocument],
    ] as const) {
      const served = await json(await call(url));
      expect(served.servers).toEqual([{ url: "https://api.test", description: "This server" }]);
      expect({ ...served, servers: committed.servers }, `${url}: run npm run openapi`).toEqual(
        committed,
      );
    }
  });

  it("serves a docs UI at /docs whose code and styles are the Worker's own, not a CDN's", async () => {
    const response = await call("/docs");
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("/openapi.json");
    expect(page).toContain("/internal/openapi.json");
    expect(page).toContain("/admin/openapi.json");
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    // Served as static assets (test/served/docs.test.ts fetches them from the built Worker).
    for (const asset of assets) expect(asset?.startsWith("/docs/"), asset).toBe(true);
  });
});

describe("chat without an LLM key", () => {
  it("answers 503 llm_unavailable with a message for the user, and names the variable in the log", async () => {
    const { signUp } = await import("./helpers");
    const user = await signUp();
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const response = await call("/v1/chat", { token: user.accessToken, body: { message: "hi" } });
    expect(response.status).toBe(503);
    const { error } = await json(response);
    expect(error.code).toBe("llm_unavailable");
    expect(error.message).not.toMatch(/ANTHROPIC|operator|configur/i);
    const lines = warned.mock.calls.map((args) => JSON.parse(String(args[0])));
    expect(lines).toContainEqual(
      expect.objectContaining({ event: "chat_unavailable", user_id: user.userId }),
    );
    expect(lines.find((line) => line.event === "chat_unavailable").hint).toContain(
      "ANTHROPIC_API_KEY",
    );
    warned.mockRestore();
  });
});
