import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ADMIN_CLIENT_TYPES_PATH,
  CLIENT_TYPES_PATH,
  clientTypes,
  DOCUMENT_PATHS,
  INTERNAL_CLIENT_TYPES_PATH,
} from "../../scripts/openapi-client";
import { Contract } from "../support/contract";

// The committed API contract: the documents the mobile teams generate clients from, the
// typed client generated from them, and the checker every Worker test runs responses through.

const read = (path: string) => readFileSync(path, "utf8");
const app = JSON.parse(read(DOCUMENT_PATHS.app));
const internal = JSON.parse(read(DOCUMENT_PATHS.internal));
const admin = JSON.parse(read(DOCUMENT_PATHS.admin));

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("the committed API contract", () => {
  it("has the typed client generated from the current app document", async () => {
    expect(read(CLIENT_TYPES_PATH)).toBe(await clientTypes(app));
  });

  it("has the agent host's types generated from the current internal document", async () => {
    expect(read(INTERNAL_CLIENT_TYPES_PATH)).toBe(
      await clientTypes(internal, DOCUMENT_PATHS.internal),
    );
  });

  it("has the admin client's types generated from the current admin document", async () => {
    expect(read(ADMIN_CLIENT_TYPES_PATH)).toBe(await clientTypes(admin, DOCUMENT_PATHS.admin));
  });

  it("gives every operation with a JSON body an example of it", () => {
    // `examples` (several named ones, e.g. an upload in HealthKit's and Health Connect's terms)
    // counts as well as `example`.
    type Content = Record<string, { example?: unknown; examples?: Record<string, unknown> }>;
    type Op = {
      requestBody?: { content: Content };
      responses: Record<string, { content?: Content }>;
    };
    const missing: string[] = [];
    for (const document of [app, internal, admin])
      for (const [path, operations] of Object.entries<Record<string, Op>>(document.paths))
        for (const [method, op] of Object.entries(operations)) {
          const request = op.requestBody?.content ?? {};
          for (const [type, media] of Object.entries(request))
            if (media.example === undefined && media.examples === undefined)
              missing.push(`${method} ${path} request ${type}`);
          for (const [status, response] of Object.entries(op.responses))
            for (const [type, media] of Object.entries(response.content ?? {}))
              if (Number(status) < 400 && media.example === undefined)
                missing.push(`${method} ${path} ${status} ${type}`);
        }
    expect(missing).toEqual([]);
  });

  it("keeps the agent callback API and the webhook out of the app's document", () => {
    expect(
      Object.keys(app.paths).filter((p) => p.startsWith("/internal") || p.includes("webhook")),
    ).toEqual([]);
    expect(Object.keys(internal.paths).sort()).toEqual([
      "/internal/agent/coach",
      "/internal/agent/context",
      "/internal/agent/events",
      "/internal/agent/tools",
      "/internal/agent/tools/{name}",
      "/internal/agent/transcript",
      "/v1/webhooks/livekit",
    ]);
  });

  it("catches an undocumented status, an unlisted error code and a body of the wrong shape", async () => {
    const contract = new Contract([app, internal]);
    const url = "https://api.test/v1/me";
    const error = (code: string) => ({ error: { code, message: "m", request_id: "r" } });
    expect(await contract.violations("GET", url, json(401, error("unauthorized")))).toEqual([]);
    expect(await contract.violations("GET", url, json(401, error("email_taken")))).toHaveLength(1);
    expect(await contract.violations("GET", url, json(418, error("unauthorized")))).toEqual([
      "getMe (GET /v1/me) answered 418: status not documented",
    ]);
    expect(await contract.violations("GET", url, json(200, { id: 7 }))).toHaveLength(1);
    // Literal segments win over parameters: /v1/programs/current is not /v1/programs/{id}.
    expect(
      await contract.violations(
        "GET",
        "https://api.test/v1/programs/current",
        json(404, error("program_not_found")),
      ),
    ).toEqual([]);
  });
});
