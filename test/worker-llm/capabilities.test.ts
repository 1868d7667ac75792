import { describe, expect, it } from "vitest";
import { call, json } from "../worker/helpers";

describe("GET /v1/capabilities with an LLM key", () => {
  it("says chat is configured", async () => {
    const capabilities = await json(await call("/v1/capabilities"));
    expect(capabilities.chat).toEqual({ configured: true, missing: [] });
  });
});
