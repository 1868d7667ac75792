import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProgram } from "../../../engine/coaching/program-generator";
import type { Program } from "../../../engine/coaching/program-schema";
import { weekdayIndex } from "../../../engine/coaching/schedule";
import type { Readiness } from "../../../engine/health/readiness";
import {
  adjustForReadiness,
  hasThreeInARow,
  laterRestDay,
} from "../../../engine/health/readiness-plan";
import { addDays, programWeekOf, weekdayOf } from "../../../kernel/dates";
import { programInputArb } from "../support";

// Low readiness changes today's session, never silently: lighter (fewer sets, more reps in
// reserve) or, when very low, moved to a later rest day; nothing on rest days, deload weeks,
// a started session or before last night is in.

const START = "2026-03-02"; // a Monday
const WEDNESDAY = "2026-03-11"; // week 2, a training day of a Mon/Wed/Fri plan
const program = generateProgram({
  goal: "muscle_gain",
  fitness_level: "intermediate",
  days_per_week: 3,
  session_minutes: 60,
  duration_weeks: 8,
  seed: 7,
});

const low = (score: number, settled = true): Readiness => ({
  date: WEDNESDAY,
  score,
  level: score <= 60 ? "low" : "normal",
  reason: "You slept 5 h, 2 h 15 min less than your usual 7 h 15 min.",
  factors: [],
  settled,
});

const facts = (today = WEDNESDAY, session_started = false) => ({
  today,
  program_start: START,
  session_started,
});

const session = (p: Program, date: string) =>
  p.weeks[programWeekOf(START, date) - 1]?.days.find((d) => d.weekday === weekdayOf(date));

describe("a low-readiness morning", () => {
  it("makes today's session lighter by a set and a rep in reserve, and says why", () => {
    const before = structuredClone(program);
    const { program: next, changes } = adjustForReadiness(program, facts(), low(60));
    expect(program).toEqual(before);
    const was = session(program, WEDNESDAY)!;
    const now = session(next, WEDNESDAY)!;
    expect(now.exercises.map((e) => e.sets)).toEqual(
      was.exercises.map((e) => Math.max(1, e.sets - 1)),
    );
    expect(now.exercises.map((e) => e.target_rir)).toEqual(
      was.exercises.map((e) => Math.min(5, e.target_rir + 1)),
    );
    expect(
      now.exercises.every((e) => e.progression === "hold" && e.notes.startsWith("Lighter today")),
    ).toBe(true);
    expect(now.estimated_minutes).toBeLessThan(was.estimated_minutes);
    expect(changes).toEqual([
      {
        kind: "session_lightened",
        description:
          "Today's full body session is lighter: one set fewer per exercise and one more rep in reserve, same load (readiness 60/100). Why: You slept 5 h, 2 h 15 min less than your usual 7 h 15 min.",
      },
    ]);
    // Only today: Friday and next Wednesday keep their sets.
    expect(session(next, "2026-03-13")).toEqual(session(program, "2026-03-13"));
    expect(session(next, "2026-03-18")).toEqual(session(program, "2026-03-18"));
  });

  it("moves a very-low day's session to Thursday and makes today a rest day", () => {
    const { program: next, changes } = adjustForReadiness(program, facts(), low(40));
    expect(session(next, WEDNESDAY)).toBeUndefined();
    expect(session(next, "2026-03-12")).toEqual({ ...session(program, WEDNESDAY), weekday: "thu" });
    expect(changes[0]?.kind).toBe("session_moved");
    expect(changes[0]?.description).toMatch(
      /^Today's full body session moves to Thursday and today is a rest day/,
    );
    expect(changes[0]?.description).toContain("Why: You slept 5 h");
  });

  it("makes a very-low Friday a deload-sized session when no later day is free", () => {
    const friday = "2026-03-13";
    // A six-day plan: Sunday is the only later free day, and Saturday-Sunday-Monday would be
    // three in a row.
    const six = generateProgram({
      goal: "strength",
      fitness_level: "advanced",
      days_per_week: 6,
      session_minutes: 60,
      duration_weeks: 8,
    });
    const { program: next, changes } = adjustForReadiness(
      six,
      { ...facts(friday) },
      { ...low(30), date: friday },
    );
    const was = session(six, friday)!;
    expect(changes[0]?.kind).toBe("session_lightened");
    expect(changes[0]?.description).toContain("about half the sets and two more reps in reserve");
    expect(session(next, friday)?.exercises.map((e) => e.sets)).toEqual(
      was.exercises.map((e) => Math.ceil(e.sets / 2)),
    );
  });

  it("changes nothing on a rest day, in a deload week, once the session is started, or before last night is in", () => {
    expect(adjustForReadiness(program, facts("2026-03-10"), low(30)).changes).toEqual([]);
    expect(adjustForReadiness(program, facts(WEDNESDAY, true), low(30)).changes).toEqual([]);
    expect(adjustForReadiness(program, facts(), low(30, false)).changes).toEqual([]);
    expect(adjustForReadiness(program, facts(), low(80)).changes).toEqual([]);
    expect(adjustForReadiness(program, facts(), null).changes).toEqual([]);
    const deloadWeek = program.weeks.find((w) => w.deload)!;
    const deloadWednesday = addDays(START, (deloadWeek.week - 1) * 7 + 2);
    expect(adjustForReadiness(program, facts(deloadWednesday), low(30)).changes).toEqual([]);
  });

  it("never adds work, never puts two sessions on a day and keeps the week's sessions, for any plan", () => {
    fc.assert(
      fc.property(
        programInputArb,
        fc.integer({ min: 0, max: 27 }),
        fc.integer({ min: 0, max: 60 }),
        (input, offset, score) => {
          const p = generateProgram({ ...input, duration_weeks: 4 });
          const today = addDays(START, offset);
          const { program: next, changes } = adjustForReadiness(p, facts(today), {
            ...low(score),
            date: today,
          });
          expect(changes.length).toBeLessThanOrEqual(1);
          for (const [w, week] of next.weeks.entries()) {
            const old = p.weeks[w]!;
            expect(week.days.length).toBe(old.days.length);
            expect(new Set(week.days.map((d) => d.weekday)).size).toBe(week.days.length);
            const sets = (days: typeof week.days) =>
              days.flatMap((d) => d.exercises.map((e) => e.sets)).reduce((a, b) => a + b, 0);
            expect(sets(week.days)).toBeLessThanOrEqual(sets(old.days));
            for (const d of week.days)
              for (const e of d.exercises) expect(e.sets).toBeGreaterThanOrEqual(1);
          }
          if (changes[0]?.kind === "session_moved") {
            const week = next.weeks[programWeekOf(START, today) - 1]!;
            expect(hasThreeInARow(week.days.map((d) => weekdayIndex(d.weekday)))).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("a later rest day", () => {
  it("is the first one after today that makes no three training days in a row", () => {
    expect(laterRestDay(["mon", "wed", "fri"], "wed")).toBe("thu");
    expect(laterRestDay(["mon", "tue", "thu", "sat"], "tue")).toBe("wed");
    expect(laterRestDay(["mon", "tue", "wed", "thu", "fri", "sat"], "fri")).toBeNull();
    // Sunday would make Saturday, Sunday and next Monday three in a row.
    expect(laterRestDay(["mon", "wed", "fri", "sat"], "fri")).toBeNull();
    expect(laterRestDay(["tue", "fri", "sat"], "fri")).toBe("sun");
  });
});
