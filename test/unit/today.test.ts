import { describe, expect, it } from "vitest";
import type { ProgramWeek } from "../../engine/coaching/program-schema";
import { planForDate } from "../../engine/coaching/today";
import { weekdayOf } from "../../kernel/dates";

const day = (weekday: ProgramWeek["days"][number]["weekday"]) => ({
  weekday,
  focus: "full_body" as const,
  estimated_minutes: 45,
  exercises: [],
});
const weeks: ProgramWeek[] = [1, 2, 3, 4].map((week) => ({
  week,
  deload: week === 4,
  days: [day("mon"), day("wed"), day("fri")],
}));

describe("planForDate", () => {
  it("knows the weekday of a date", () => {
    expect(weekdayOf("2026-11-23")).toBe("mon");
    expect(weekdayOf("2026-11-29")).toBe("sun");
    expect(weekdayOf("1970-01-01")).toBe("thu");
  });

  it("finds the planned session on a training day of the first week", () => {
    const plan = planForDate({ id: "p", starts_on: "2026-11-23", weeks }, "2026-11-25");
    expect(plan).toMatchObject({ status: "session", week: 1, weekday: "wed", deload: false });
    expect(plan.session?.weekday).toBe("wed");
  });

  it("says rest on a day without a session", () => {
    expect(planForDate({ id: "p", starts_on: "2026-11-23", weeks }, "2026-11-24").status).toBe(
      "rest",
    );
  });

  it("counts weeks as calendar weeks from the Monday of the start week", () => {
    // Started on a Thursday: the next Monday is week 2.
    const plan = planForDate({ id: "p", starts_on: "2026-11-26", weeks }, "2026-11-30");
    expect(plan).toMatchObject({ status: "session", week: 2 });
    expect(planForDate({ id: "p", starts_on: "2026-11-26", weeks }, "2026-11-25").status).toBe(
      "not_started",
    );
  });

  it("marks the deload week and the end of the program", () => {
    expect(planForDate({ id: "p", starts_on: "2026-11-23", weeks }, "2026-12-14")).toMatchObject({
      week: 4,
      deload: true,
    });
    expect(planForDate({ id: "p", starts_on: "2026-11-23", weeks }, "2026-12-21").status).toBe(
      "finished",
    );
  });

  it("says no_program without an active program", () => {
    expect(planForDate(null, "2026-11-23")).toMatchObject({
      status: "no_program",
      program_id: null,
    });
  });
});
