import { describe, expect, it } from "vitest";
import { bodyWeightSeries } from "../../../engine/health/body-weights";

describe("one body-weight series", () => {
  it("keeps health weights on days without a manual entry and the manual one where there is", () => {
    const entries = [
      { id: "1", local_date: "2026-03-01", source: "healthkit" as const },
      { id: "2", local_date: "2026-03-02", source: "healthkit" as const },
      { id: "3", local_date: "2026-03-02", source: "manual" as const },
      { id: "4", local_date: "2026-03-03", source: "health_connect" as const },
      { id: "5", local_date: "2026-03-03", source: "health_connect" as const },
    ];
    expect(bodyWeightSeries(entries).map((e) => e.id)).toEqual(["1", "3", "4", "5"]);
  });
});
