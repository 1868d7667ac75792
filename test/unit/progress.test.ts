import { describe, expect, it } from "vitest";
import {
  adherence,
  bodyWeightTrend,
  type CompletedSession,
  epley,
  estimatedOneRepMax,
  hardSetsLastWeek,
  type LoggedSet,
  personalRecords,
  plannedSessions,
  streaks,
} from "../../engine/coaching/progress";

// A hand-computed history. The program started Monday 2026-11-02 with sessions on Mon, Wed,
// Fri; "today" is Wednesday 2026-11-25 (week 4).
const program = {
  starts_on: "2026-11-02",
  weeks: [1, 2, 3, 4].map((week) => ({
    week,
    days: [{ weekday: "mon" }, { weekday: "wed" }, { weekday: "fri" }],
  })),
};
const today = "2026-11-25";
// Planned up to today: wk1 Nov 2,4,6; wk2 9,11,13; wk3 16,18,20; wk4 23,25 (11 sessions).
// Done: all of wk1, wk2 Mon+Wed (Fri 13 missed), wk3 all, wk4 Mon (today's Wed not yet).
const done: CompletedSession[] = [
  [1, "mon"],
  [1, "wed"],
  [1, "fri"],
  [2, "mon"],
  [2, "wed"],
  [3, "mon"],
  [3, "wed"],
  [3, "fri"],
  [4, "mon"],
].map(([week, weekday]) => ({
  local_date: "x",
  planned_week: week as number,
  planned_weekday: weekday as string,
}));

const set = (over: Partial<LoggedSet>): LoggedSet => ({
  local_date: today,
  exercise_id: "barbell-back-squat",
  reps: 5,
  weight_kg: 100,
  rir: 2,
  primary_muscles: ["quads", "glutes"],
  secondary_muscles: ["hamstrings"],
  compound: true,
  ...over,
});

describe("progress maths", () => {
  it("lists the planned sessions from the start date up to today", () => {
    const planned = plannedSessions(program, today);
    expect(planned.map((p) => p.date)).toEqual([
      "2026-11-02",
      "2026-11-04",
      "2026-11-06",
      "2026-11-09",
      "2026-11-11",
      "2026-11-13",
      "2026-11-16",
      "2026-11-18",
      "2026-11-20",
      "2026-11-23",
      "2026-11-25",
    ]);
  });

  it("computes adherence over 7 and 28 days, leaving today's unfinished session out", () => {
    const planned = plannedSessions(program, today);
    // 7 days = Nov 19..25: planned Fri 20, Mon 23 (Wed 25 is today, not done) -> 2 of 2.
    expect(adherence(planned, done, today, 7)).toEqual({ planned: 2, done: 2, rate: 1 });
    // 28 days covers all 10 sessions before today; 9 done -> 0.9.
    expect(adherence(planned, done, today, 28)).toEqual({ planned: 10, done: 9, rate: 0.9 });
  });

  it("counts streaks of planned sessions done; a miss breaks it, rest days do not", () => {
    // Order: 1 1 1 | 1 1 0 | 1 1 1 | 1 -> longest 5 (wk1 + wk2 Mon, Wed), current 4.
    expect(streaks(plannedSessions(program, today), done, today)).toEqual({
      current: 4,
      longest: 5,
    });
  });

  it("uses Epley for estimated 1RM, and a single is its own weight", () => {
    expect(epley(100, 5)).toBeCloseTo(116.667, 3);
    expect(epley(140, 1)).toBe(140);
    const series = estimatedOneRepMax([
      set({ local_date: "2026-11-02", weight_kg: 100, reps: 5 }), // 116.7
      set({ local_date: "2026-11-02", weight_kg: 105, reps: 3 }), // 115.5 (lower, same day)
      set({ local_date: "2026-11-09", weight_kg: 110, reps: 5 }), // 128.3
      set({ exercise_id: "biceps-curl", compound: false, weight_kg: 20, reps: 10 }),
    ]);
    expect(series).toEqual([
      {
        exercise_id: "barbell-back-squat",
        series: [
          { date: "2026-11-02", e1rm_kg: 116.7 },
          { date: "2026-11-09", e1rm_kg: 128.3 },
        ],
      },
    ]);
  });

  it("keeps personal records for best e1RM and heaviest weight separately", () => {
    const records = personalRecords([
      set({ local_date: "2026-11-02", weight_kg: 100, reps: 8 }), // e1RM 126.7
      set({ local_date: "2026-11-09", weight_kg: 120, reps: 1 }), // e1RM 120, heaviest
    ]);
    expect(records).toEqual([
      {
        exercise_id: "barbell-back-squat",
        e1rm_kg: 126.7,
        e1rm_date: "2026-11-02",
        heaviest_kg: 120,
        heaviest_reps: 1,
        heaviest_date: "2026-11-09",
      },
    ]);
  });

  it("counts hard sets per muscle over the last 7 days against the plan", () => {
    const rows = hardSetsLastWeek(
      [
        set({}), // quads 1, glutes 1, hamstrings 0.5
        set({}),
        set({ rir: 6 }), // too easy: not a hard set
        set({ local_date: "2026-11-10" }), // older than 7 days
      ],
      today,
      [{ primary_muscles: ["quads"], secondary_muscles: ["glutes"], sets: 4 }],
    );
    expect(rows).toEqual([
      { muscle: "glutes", done: 2, target: 2 },
      { muscle: "hamstrings", done: 1, target: 0 },
      { muscle: "quads", done: 2, target: 4 },
    ]);
  });

  it("smooths body weight with a 7-day average", () => {
    const trend = bodyWeightTrend([
      { local_date: "2026-11-01", weight_kg: 80 },
      { local_date: "2026-11-03", weight_kg: 79 },
      { local_date: "2026-11-07", weight_kg: 78 }, // window Nov 1..7: (80+79+78)/3 = 79
      { local_date: "2026-11-09", weight_kg: 77 }, // window Nov 3..9: (79+78+77)/3 = 78
    ]);
    expect(trend.map((t) => t.average_7d_kg)).toEqual([80, 79.5, 79, 78]);
  });
});
