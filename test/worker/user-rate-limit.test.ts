import { describe, expect, it } from "vitest";
import { call, json, signUp } from "./helpers";

describe("per-user request limit (USER_RATE_LIMIT: 100 per 10 s)", () => {
  it("answers 429 with Retry-After past the limit, for that user only", async () => {
    const greedy = await signUp();
    const other = await signUp();
    // The binding counts in fixed 10-second windows: a run that crosses a window's end gets a
    // second allowance, so at most two windows' worth pass before the first refusal.
    let passed = 0;
    let refused: Response | null = null;
    while (!refused && passed <= 200) {
      const response = await call("/v1/me", { token: greedy.accessToken });
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        passed += 1;
      }
    }
    expect(passed).toBeGreaterThanOrEqual(100);
    expect(refused).not.toBeNull();
    expect(refused?.headers.get("retry-after")).toBe("10");
    expect((await json(refused as Response)).error.code).toBe("rate_limited");
    expect((await call("/v1/me", { token: other.accessToken })).status).toBe(200);
  });
});
