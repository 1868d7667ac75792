import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../../engine/coaching/catalog";
import { isEligible, resolveEquipment } from "../../../engine/coaching/eligibility";
import { isTimedHold, roleOf } from "../../../engine/coaching/prescription";
import { generateProgram } from "../../../engine/coaching/program-generator";
import {
  type Program,
  type ProgramInput,
  programInputSchema,
} from "../../../engine/coaching/program-schema";
import { rankAlternatives } from "../../../engine/lifter/alternatives";
import {
  applySwap,
  eligibilityFor,
  fillsSameSlot,
  swapCandidates,
} from "../../../engine/lifter/swaps";
import { catalogEntry, programInputArb, RUNS } from "../support";

const INPUT: ProgramInput = programInputSchema.parse({
  goal: "muscle_gain",
  fitness_level: "intermediate",
  days_per_week: 4,
  session_minutes: 60,
  duration_weeks: 6,
  seed: 7,
});
const PROGRAM = generateProgram(INPUT);

const idsOf = (program: Program, week: number, weekday?: string) =>
  program.weeks
    .filter((w) => w.week === week)
    .flatMap((w) => w.days.filter((d) => !weekday || d.weekday === weekday))
    .flatMap((d) => d.exercises.map((e) => e.exercise_id));

/** The first exercise of a day with a replacement not yet in the program. */
function swappable(program: Program, input: ProgramInput) {
  const candidates = swapCandidates(program, input);
  for (const day of program.weeks[0]?.days ?? [])
    for (const e of day.exercises) {
      const to = candidates[e.exercise_id]?.[0];
      if (to) return { day, from: e.exercise_id, to };
    }
  throw new Error("no swappable exercise");
}

describe("the same-slot rule", () => {
  it("keeps pattern, mechanic, primary muscles and timing", () => {
    const bench = catalogEntry("barbell-bench-press");
    expect(fillsSameSlot(bench, catalogEntry("dumbbell-bench-press"))).toBe(true);
    expect(fillsSameSlot(bench, bench)).toBe(false);
    expect(fillsSameSlot(bench, catalogEntry("barbell-overhead-press"))).toBe(false);
    expect(fillsSameSlot(bench, catalogEntry("dumbbell-fly"))).toBe(false);
    // A plank (held for seconds) never replaces a crunch (counted in reps).
    expect(fillsSameSlot(catalogEntry("crunch"), catalogEntry("plank"))).toBe(false);
  });

  it("gives the personalising model only candidates that fill the slot and are allowed", () => {
    const rules = eligibilityFor(INPUT);
    for (const [from, tos] of Object.entries(swapCandidates(PROGRAM, INPUT)))
      for (const to of tos) {
        expect(fillsSameSlot(catalogEntry(from), catalogEntry(to))).toBe(true);
        expect(isEligible(catalogEntry(to), rules)).toBe(true);
      }
  });
});

describe("a program swap", () => {
  it("replaces the exercise from the given week on, keeping sets, reps and minutes", () => {
    const { from, to } = swappable(PROGRAM, INPUT);
    const verdict = applySwap(
      PROGRAM,
      INPUT,
      { from_exercise_id: from, to_exercise_id: to, reason: "rack taken" },
      { kind: "program", from_week: 3 },
    );
    if (!verdict.ok) throw new Error(verdict.reason);
    expect(idsOf(verdict.program, 2)).toContain(from);
    for (const week of [3, 4, 5, 6]) {
      expect(idsOf(verdict.program, week)).not.toContain(from);
      expect(idsOf(verdict.program, week)).toContain(to);
    }
    const shape = (p: Program) =>
      p.weeks.map((w) => w.days.map((d) => [d.estimated_minutes, d.exercises.map((e) => e.sets)]));
    expect(shape(verdict.program)).toEqual(shape(PROGRAM));
    const swapped = verdict.program.weeks[3]?.days
      .flatMap((d) => d.exercises)
      .find((e) => e.exercise_id === to);
    expect(swapped?.name).toBe(catalogEntry(to).name);
    expect(swapped?.notes).toContain(`Cue: ${catalogEntry(to).cues[0]}.`);
    expect(swapped?.notes).not.toContain(`Cue: ${catalogEntry(from).cues[0]}.`);
  });

  it("refuses a replacement already in the program, or one the equipment rules out", () => {
    // Seed 7's week: pull-ups on Monday, machine pulldowns on Thursday.
    expect(idsOf(PROGRAM, 1, "mon")).toContain("pull-up");
    expect(idsOf(PROGRAM, 1, "thu")).toContain("machine-pulldown");
    const swap = (to: string, input = INPUT) =>
      applySwap(PROGRAM, input, { from_exercise_id: "pull-up", to_exercise_id: to, reason: "" });
    expect(swap("machine-pulldown")).toEqual({
      ok: false,
      reason: "replacement already in the program",
    });
    const home = programInputSchema.parse({ ...INPUT, location: "home", equipment: [] });
    expect(swap("lat-pulldown", home)).toEqual({
      ok: false,
      reason: "replacement not allowed by equipment, injuries or level",
    });
    expect(swap("lat-pulldown").ok).toBe(true);
    expect(swap("barbell-curl")).toEqual({
      ok: false,
      reason: "replacement trains a different pattern or muscles",
    });
    expect(
      applySwap(PROGRAM, INPUT, {
        from_exercise_id: "nope",
        to_exercise_id: "push-up",
        reason: "",
      }),
    ).toEqual({ ok: false, reason: "unknown exercise" });
    expect(
      applySwap(PROGRAM, INPUT, {
        from_exercise_id: "barbell-back-squat",
        to_exercise_id: "leg-press",
        reason: "",
      }),
    ).toEqual({ ok: false, reason: "exercise not in the program" });
  });

  it("refuses a swap whose new secondary muscle would break the weekly cap", () => {
    const advanced = programInputSchema.parse({ ...INPUT, fitness_level: "advanced" });
    const row = catalogEntry("barbell-bent-over-row");
    const squat = catalogEntry("barbell-back-squat");
    const item = (id: string, sets: number) => {
      const e = catalogEntry(id);
      return {
        exercise_id: e.id,
        name: e.name,
        primary_muscles: e.primary_muscles,
        secondary_muscles: e.secondary_muscles,
        equipment: e.equipment,
        sets,
        rep_min: 6,
        rep_max: 10,
        target_rir: 2,
        rest_seconds: 120,
        progression: "double_progression" as const,
        notes: "",
      };
    };
    // Upper back at the advanced cap (20) from rows; a front squat adds 0.5 x 5 to it.
    expect(row.primary_muscles).toContain("upper_back");
    expect(catalogEntry("barbell-front-squat").secondary_muscles).toContain("upper_back");
    const program: Program = {
      ...PROGRAM,
      fitness_level: "advanced",
      weeks: [
        {
          week: 1,
          deload: false,
          days: [
            {
              weekday: "mon",
              focus: "full_body",
              estimated_minutes: 60,
              exercises: [item(squat.id, 5), item(row.id, 20)],
            },
          ],
        },
      ],
    };
    expect(
      applySwap(program, advanced, {
        from_exercise_id: squat.id,
        to_exercise_id: "barbell-front-squat",
        reason: "",
      }),
    ).toEqual({ ok: false, reason: "would exceed the weekly set cap" });
  });
});

describe("a one-day swap", () => {
  it("changes only that week's session, and may use an exercise found on other days", () => {
    const { day, from, to } = swappable(PROGRAM, INPUT);
    const verdict = applySwap(
      PROGRAM,
      INPUT,
      { from_exercise_id: from, to_exercise_id: to, reason: "" },
      { kind: "day", week: 2, weekday: day.weekday },
    );
    if (!verdict.ok) throw new Error(verdict.reason);
    expect(idsOf(verdict.program, 2, day.weekday)).toContain(to);
    expect(idsOf(verdict.program, 2, day.weekday)).not.toContain(from);
    expect(idsOf(verdict.program, 1, day.weekday)).toContain(from);
    expect(idsOf(verdict.program, 3, day.weekday)).toContain(from);
    for (const other of PROGRAM.weeks[1]?.days ?? [])
      if (other.weekday !== day.weekday)
        expect(idsOf(verdict.program, 2, other.weekday)).toEqual(idsOf(PROGRAM, 2, other.weekday));
  });

  it("refuses an exercise not in that session, and allows one found on another day", () => {
    const oneDay = (from: string, to: string, weekday: "mon" | "thu") =>
      applySwap(
        PROGRAM,
        INPUT,
        { from_exercise_id: from, to_exercise_id: to, reason: "" },
        { kind: "day", week: 1, weekday },
      );
    expect(oneDay("pull-up", "lat-pulldown", "thu")).toEqual({
      ok: false,
      reason: "exercise not in that session",
    });
    // Machine pulldowns are Thursday's: for Monday only, they may replace the pull-ups.
    expect(oneDay("pull-up", "machine-pulldown", "mon").ok).toBe(true);
    expect(oneDay("machine-pulldown", "pull-up", "thu").ok).toBe(true);
  });

  it("never changes minutes or sets, whatever the program and the candidate", () => {
    fc.assert(
      fc.property(programInputArb, fc.nat(), (raw, pick) => {
        const input = programInputSchema.parse(raw);
        const program = generateProgram(input);
        const candidates = Object.entries(swapCandidates(program, input)).filter(
          ([, tos]) => tos.length > 0,
        );
        const chosen = candidates[pick % Math.max(1, candidates.length)];
        if (!chosen) return;
        const [from, tos] = chosen;
        const verdict = applySwap(program, input, {
          from_exercise_id: from,
          to_exercise_id: tos[pick % tos.length] as string,
          reason: "",
        });
        if (!verdict.ok) {
          expect(verdict.reason).toBe("would exceed the weekly set cap");
          return;
        }
        const shape = (p: Program) =>
          p.weeks.map((w) =>
            w.days.map((d) => [d.estimated_minutes, d.exercises.map((e) => [e.sets, e.rep_min])]),
          );
        expect(shape(verdict.program)).toEqual(shape(program));
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

describe("alternatives for a slot", () => {
  const gym = {
    equipment: resolveEquipment([], "gym"),
    injuries: new Set<never>(),
    level: "advanced" as const,
  };
  const squat = catalogEntry("barbell-back-squat");

  it("fill the same slot, are allowed, and skip today's session", () => {
    const list = rankAlternatives({
      original: squat,
      catalog: CATALOG,
      eligibility: gym,
      session_ids: new Set([squat.id, "leg-press"]),
      program_ids: new Set(),
      known_ids: new Set(),
    });
    expect(list.length).toBeGreaterThan(3);
    for (const { exercise } of list) {
      expect(fillsSameSlot(squat, exercise)).toBe(true);
      expect(isEligible(exercise, gym)).toBe(true);
      expect(exercise.id).not.toBe("leg-press");
    }
  });

  it("put volume-neutral, same-role lifts on another implement first (the rack is taken)", () => {
    const list = rankAlternatives({
      original: squat,
      catalog: CATALOG,
      eligibility: gym,
      session_ids: new Set([squat.id]),
      program_ids: new Set(["hack-squat"]),
      known_ids: new Set(["smith-machine-squat"]),
    });
    const first = list[0];
    expect(first?.volume_neutral).toBe(true);
    expect(first && roleOf(first.exercise)).toBe("main");
    expect(first?.exercise.equipment).not.toContain("barbell");
    expect(first?.exercise.id).toBe("smith-machine-squat"); // known load wins among equals
    const front = list.findIndex((a) => a.exercise.id === "barbell-front-squat");
    const goblet = list.findIndex((a) => a.exercise.id === "dumbbell-goblet-squat");
    expect(goblet).toBeLessThan(front);
    expect(list.find((a) => a.exercise.id === "hack-squat")?.scopes).toEqual(["today"]);
    expect(list.find((a) => a.exercise.id === "dumbbell-goblet-squat")?.scopes).toEqual([
      "today",
      "program",
    ]);
  });

  it("leave out what an injury or missing equipment rules out", () => {
    const home = {
      equipment: resolveEquipment([], "home"),
      injuries: new Set(["knee" as const]),
      level: "advanced" as const,
    };
    const list = rankAlternatives({
      original: squat,
      catalog: CATALOG,
      eligibility: home,
      session_ids: new Set(),
      program_ids: new Set(),
      known_ids: new Set(),
    });
    for (const { exercise } of list) {
      expect(exercise.contraindications).not.toContain("knee");
      expect(exercise.equipment).not.toContain("machine");
    }
  });

  it("keep the timing: a held exercise is only replaced by a held one", () => {
    const plank = catalogEntry("plank");
    const list = rankAlternatives({
      original: plank,
      catalog: CATALOG,
      eligibility: gym,
      session_ids: new Set(),
      program_ids: new Set(),
      known_ids: new Set(),
    });
    for (const { exercise } of list) expect(isTimedHold(exercise)).toBe(true);
  });
});
