import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adaptProgram,
  applyReturnAfterGap,
  CHANGE_KINDS,
  handleStalledLifts,
  rescheduleMissedSessions,
} from "../../engine/coaching/adaptation";
import { isEligible, resolveEquipment } from "../../engine/coaching/eligibility";
import { generateProgram } from "../../engine/coaching/program-generator";
import type { Program } from "../../engine/coaching/program-schema";
import { weekdayIndex } from "../../engine/coaching/schedule";
import { VOLUME_RANGES, weeklySets } from "../../engine/coaching/volume";
import { dayNumber, programWeekOf, weekdayOf } from "../../kernel/dates";
import { catalogEntry, programInputArb, RUNS, Violations } from "./support";

const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const MONDAY = dayNumber("2025-03-03");

/** A short program, its start date, today and a few missed dates before today. */
const scenarioArb = fc
  .record({
    input: programInputArb.map((input) => ({
      ...input,
      duration_weeks: 4 + ((input.duration_weeks ?? 4) % 5),
    })),
    startOffset: fc.integer({ min: 0, max: 6 }),
    todayOffset: fc.integer({ min: 0, max: 62 }),
    missedOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 62 }), { maxLength: 8 }),
    gap: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ input, startOffset, todayOffset, missedOffsets, gap }) => {
    const start = MONDAY + startOffset;
    const today = start + todayOffset;
    return {
      input,
      facts: {
        program_start: isoOf(start),
        today: isoOf(today),
        missed_dates: missedOffsets
          .map((o) => isoOf(start + o))
          .filter((d) => dayNumber(d) < today),
        days_since_last_workout: gap,
      },
    };
  });

function noStacking(program: Program, v: Violations) {
  for (const week of program.weeks) {
    const days = week.days.map((d) => d.weekday);
    v.check(new Set(days).size === days.length, `week ${week.week} stacks sessions: ${days}`);
  }
}

describe("rescheduling missed sessions", () => {
  it("shifts the rest of the week: Monday's missed session moves to Wednesday and the rest follow", () => {
    const program = generateProgram({
      goal: "general_fitness",
      fitness_level: "beginner",
      days_per_week: 3,
      session_minutes: 45,
      duration_weeks: 4,
      preferred_weekdays: ["mon", "wed", "fri"],
    });
    const { program: next, changes } = rescheduleMissedSessions(program, {
      program_start: "2025-03-03",
      today: "2025-03-05",
      missed_dates: ["2025-03-03"],
    });
    expect(next.weeks[0]?.days.map((d) => d.weekday)).toEqual(["wed", "thu", "sat"]);
    expect(next.weeks[0]?.days.map((d) => d.exercises)).toEqual(
      program.weeks[0]?.days.map((d) => d.exercises),
    );
    expect(next.weeks[1]).toEqual(program.weeks[1]);
    expect(changes.map((c) => c.kind)).toEqual(["session_moved", "session_moved", "session_moved"]);
  });

  it("drops what cannot fit by Sunday rather than doubling up", () => {
    const program = generateProgram({
      goal: "strength",
      fitness_level: "intermediate",
      days_per_week: 6,
      session_minutes: 60,
      duration_weeks: 4,
    });
    const { program: next, changes } = rescheduleMissedSessions(program, {
      program_start: "2025-03-03",
      today: "2025-03-06",
      missed_dates: ["2025-03-03", "2025-03-04", "2025-03-05"],
    });
    expect(next.weeks[0]?.days.map((d) => d.weekday)).toEqual(["thu", "fri", "sat", "sun"]);
    expect(changes.filter((c) => c.kind === "session_dropped")).toHaveLength(2);
  });

  it("never stacks two sessions on one day, never moves a session before today and leaves other weeks alone", () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, facts }) => {
        const program = generateProgram(input);
        const before = JSON.stringify(program);
        const { program: next } = rescheduleMissedSessions(program, facts);
        expect(JSON.stringify(program)).toBe(before);
        const v = new Violations();
        noStacking(next, v);
        const current = programWeekOf(facts.program_start, facts.today);
        const todayIdx = weekdayIndex(weekdayOf(facts.today));
        next.weeks.forEach((week, i) => {
          const original = program.weeks[i];
          if (week.week !== current) {
            v.check(JSON.stringify(week) === JSON.stringify(original), `week ${week.week} changed`);
            return;
          }
          v.check(week.days.length <= (original?.days.length ?? 0), "sessions added");
          // Two sessions can hold the same exercises, so a content maps to several weekdays.
          const origin = new Map<string, string[]>();
          for (const d of original?.days ?? []) {
            const key = JSON.stringify(d.exercises);
            origin.set(key, [...(origin.get(key) ?? []), d.weekday]);
          }
          for (const day of week.days) {
            const from = origin.get(JSON.stringify(day.exercises));
            v.check(from !== undefined, `session content changed on ${day.weekday}`);
            const moved = !from?.includes(day.weekday);
            v.check(
              !moved || weekdayIndex(day.weekday) >= todayIdx,
              `moved before today: ${day.weekday}`,
            );
          }
          // When the owed sessions fit the days left, nothing is dropped.
          const missed = new Set(
            facts.missed_dates
              .filter((d) => programWeekOf(facts.program_start, d) === current)
              .map(weekdayOf),
          );
          const owed = (original?.days ?? []).filter(
            (d) => missed.has(d.weekday) || weekdayIndex(d.weekday) >= todayIdx,
          );
          if (missed.size > 0 && owed.length <= 7 - todayIdx) {
            v.check(week.days.length === original?.days.length, "dropped a session that fitted");
          }
        });
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("stalled lifts", () => {
  it("swaps a stalled lift for one of the same pattern and muscles that the user may do", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ input, facts }, pick) => {
        const program = generateProgram(input);
        const ids = [
          ...new Set(program.weeks[0]?.days.flatMap((d) => d.exercises.map((e) => e.exercise_id))),
        ];
        const stalled = [ids[pick % ids.length] as string, "not-an-exercise"];
        const context = {
          equipment: input.equipment,
          location: input.location,
          injuries: input.injuries,
        };
        const { program: next, changes } = handleStalledLifts(
          program,
          { ...facts, stalled_exercise_ids: stalled },
          context,
        );
        const eligibility = {
          equipment: resolveEquipment(input.equipment, input.location ?? "gym"),
          injuries: new Set(input.injuries ?? []),
          level: program.fitness_level,
        };
        const v = new Violations();
        v.check(
          changes.some((c) => c.kind === "ignored"),
          "unknown id not reported",
        );
        next.weeks.forEach((week, w) => {
          week.days.forEach((day, d) => {
            const ids = day.exercises.map((e) => e.exercise_id);
            v.check(new Set(ids).size === ids.length, `duplicate in week ${week.week}`);
            day.exercises.forEach((item, i) => {
              const original = program.weeks[w]?.days[d]?.exercises[i];
              if (!original || original.exercise_id === item.exercise_id) return;
              const from = catalogEntry(original.exercise_id);
              const to = catalogEntry(item.exercise_id);
              v.check(stalled.includes(from.id), `${from.id} swapped without a stall`);
              v.check(to.pattern === from.pattern, `${to.id} pattern`);
              v.check(
                [...to.primary_muscles].sort().join() === [...from.primary_muscles].sort().join(),
                `${to.id} primary`,
              );
              v.check(
                to.secondary_muscles.every((m) => from.secondary_muscles.includes(m)),
                `${to.id} secondary`,
              );
              v.check(isEligible(to, eligibility), `${to.id} not allowed`);
              v.check(
                item.sets === original.sets && item.rep_min === original.rep_min,
                `${to.id} dose`,
              );
            });
          });
          const { max } = VOLUME_RANGES[program.fitness_level];
          for (const [muscle, sets] of weeklySets(week.days.flatMap((d) => d.exercises))) {
            v.check(sets <= max, `${muscle} over max after swap`);
          }
        });
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("swaps a stalled lat pulldown for another lat pulldown variation in a gym", () => {
    const program = generateProgram({
      goal: "muscle_gain",
      fitness_level: "intermediate",
      days_per_week: 4,
      session_minutes: 75,
      equipment: ["cable", "dumbbell", "bench"],
      location: "gym",
      duration_weeks: 6,
      seed: 3,
    });
    const ids = program.weeks[0]?.days.flatMap((d) => d.exercises.map((e) => e.exercise_id)) ?? [];
    const stalled = ids.find((id) => catalogEntry(id).pattern === "vertical_pull");
    if (!stalled) throw new Error("the plan has a vertical pull");
    const { program: next, changes } = handleStalledLifts(
      program,
      { program_start: "2025-03-03", today: "2025-03-10", stalled_exercise_ids: [stalled] },
      { equipment: ["cable", "dumbbell", "bench"] },
    );
    expect(changes.map((c) => c.kind)).toEqual(["exercise_swapped"]);
    expect(next.weeks[0]).toEqual(program.weeks[0]);
    const later = next.weeks[1]?.days.flatMap((d) => d.exercises.map((e) => e.exercise_id)) ?? [];
    expect(later).not.toContain(stalled);
  });

  it("resets a beginner's linear-load lift instead of swapping it", () => {
    const program = generateProgram({
      goal: "strength",
      fitness_level: "beginner",
      days_per_week: 3,
      session_minutes: 60,
      location: "gym",
      duration_weeks: 4,
    });
    const linear = program.weeks[0]?.days[0]?.exercises.find(
      (e) => e.progression === "linear_load",
    );
    if (!linear) throw new Error("a beginner gym strength plan has a linear-load lift");
    const { program: next, changes } = handleStalledLifts(program, {
      program_start: "2025-03-03",
      today: "2025-03-03",
      stalled_exercise_ids: [linear.exercise_id],
    });
    expect(changes.map((c) => c.kind)).toEqual(["exercise_deloaded"]);
    const after = next.weeks[0]?.days[0]?.exercises.find(
      (e) => e.exercise_id === linear.exercise_id,
    );
    expect(after?.target_rir).toBe(linear.target_rir + 1);
    expect(after?.notes).toMatch(/^Stalled: use 90%/);
    expect(next.weeks[1]).toEqual(program.weeks[1]);
  });
});

describe("return after a long gap", () => {
  it("turns the current week into a return week after 14+ days and eases the next one after 28+", () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, facts }) => {
        const program = generateProgram(input);
        const { program: next, changes } = applyReturnAfterGap(program, facts);
        const gap = facts.days_since_last_workout;
        const current = programWeekOf(facts.program_start, facts.today);
        const v = new Violations();
        next.weeks.forEach((week, w) => {
          const original = program.weeks[w] as Program["weeks"][number];
          const step = week.week - current;
          const eased = !original.deload && gap >= 14 && (step === 0 || (step === 1 && gap >= 28));
          if (!eased) {
            v.check(JSON.stringify(week) === JSON.stringify(original), `week ${week.week} changed`);
            return;
          }
          week.days.forEach((day, d) => {
            day.exercises.forEach((item, i) => {
              const before = original.days[d]?.exercises[i];
              if (!before) return;
              const sets = step === 0 ? Math.ceil(before.sets / 2) : Math.max(1, before.sets - 1);
              v.check(item.sets === sets, `sets ${item.exercise_id}`);
              v.check(
                item.target_rir > before.target_rir || item.target_rir === 5,
                `rir ${item.exercise_id}`,
              );
              v.check(item.progression === "hold", "hold");
            });
            v.check(day.estimated_minutes <= (original.days[d]?.estimated_minutes ?? 0), "longer");
          });
        });
        v.check(gap >= 14 || changes.length === 0, "changes without a gap");
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("adaptProgram", () => {
  it("combines the rules without stacking sessions and describes every change", () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, facts }) => {
        const program = generateProgram(input);
        const stalled =
          program.weeks[0]?.days[0]?.exercises.slice(0, 2).map((e) => e.exercise_id) ?? [];
        const { program: next, changes } = adaptProgram(
          program,
          { ...facts, stalled_exercise_ids: stalled },
          { equipment: input.equipment, location: input.location, injuries: input.injuries },
        );
        const v = new Violations();
        noStacking(next, v);
        for (const change of changes) {
          v.check(CHANGE_KINDS.includes(change.kind), change.kind);
          v.check(change.description.length > 10, change.description);
        }
        expect(v.list).toEqual([]);
        expect(next.weeks).toHaveLength(program.weeks.length);
      }),
      { numRuns: RUNS },
    );
  });
});
