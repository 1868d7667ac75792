import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bodyWeightTrend,
  estimatedOneRepMax,
  hardSetsLastWeek,
  type LoggedSet,
  personalRecords,
} from "../../engine/coaching/progress";
import { summarizeAll } from "../../engine/coaching/progress-summary";
import type { Muscle } from "../../engine/coaching/vocabulary";
import { addDays } from "../../kernel/dates";
import { actorSql } from "./actor-helpers";
import { call, json, signUp } from "./helpers";

// The actor keeps one summary row per (local date, exercise), rebuilt inside every set write's
// transaction, and answers GET /v1/progress from those rows. Random histories of set logs,
// retries, corrections and deletions over random dates, driven through the real API, must leave
// the summaries equal to a rebuild from the sets read back, and the progress answer equal to
// the full computation of engine/coaching/progress.ts over those sets.

const RUNS = 25;
const EXERCISES = ["barbell-back-squat", "barbell-bench-press", "barbell-curl", "pistol-squat"];

type Op =
  | { kind: "log"; day: number; exercise: number; reps: number; kg: number; rir: number | null }
  | { kind: "retry"; pick: number }
  | { kind: "correct"; pick: number; reps: number; kg: number; rir: number | null }
  | { kind: "delete"; pick: number }
  | { kind: "weight"; day: number; kg: number };

const kg = fc.constantFrom(0, 20, 40, 60, 60, 62.5, 80, 100);
const reps = fc.integer({ min: 0, max: 12 });
const rir = fc.option(fc.integer({ min: 0, max: 6 }), { nil: null });
const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("log" as const),
      day: fc.integer({ min: 0, max: 20 }),
      exercise: fc.nat({ max: EXERCISES.length - 1 }),
      reps,
      kg,
      rir,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("retry" as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("correct" as const), pick, reps, kg, rir }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("weight" as const),
      day: fc.integer({ min: 0, max: 20 }),
      kg: fc.constantFrom(79.9, 80.3, 81.15),
    }),
  },
);

const byExercise = <T extends { exercise_id: string }>(list: T[]) =>
  [...list].sort((a, b) => a.exercise_id.localeCompare(b.exercise_id));

async function catalog() {
  const rows = await env.DB.prepare(
    `SELECT id, primary_muscles, secondary_muscles, mechanic FROM exercises WHERE id IN (${EXERCISES.map(() => "?").join(",")})`,
  )
    .bind(...EXERCISES)
    .all<{ id: string; primary_muscles: string; secondary_muscles: string; mechanic: string }>();
  expect(rows.results).toHaveLength(EXERCISES.length);
  return new Map(
    rows.results.map((row) => [
      row.id,
      {
        primary_muscles: JSON.parse(row.primary_muscles) as Muscle[],
        secondary_muscles: JSON.parse(row.secondary_muscles) as Muscle[],
        compound: row.mechanic === "compound",
      },
    ]),
  );
}

describe("set day summaries", () => {
  it("equal a rebuild from the sets, and progress equals the full computation, after any history", async () => {
    const exercises = await catalog();
    const today = new Date().toISOString().slice(0, 10);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const user = await signUp();
        const token = user.accessToken;
        const sessions = new Map<number, string>();
        const sets: Array<{ id: string; session: string; body: Record<string, unknown> }> = [];
        const sessionOn = async (day: number) => {
          const known = sessions.get(day);
          if (known) return known;
          const started = await json(
            await call("/v1/workouts/sessions", {
              token,
              body: { started_at: `${addDays(today, -day)}T12:00:00.000Z` },
            }),
          );
          sessions.set(day, started.id);
          return started.id as string;
        };
        for (const [n, step] of ops.entries()) {
          if (step.kind === "log") {
            const session = await sessionOn(step.day);
            const body = {
              client_id: `c${n}`,
              exercise_id: EXERCISES[step.exercise],
              reps: step.reps,
              weight_kg: step.kg,
              ...(step.rir === null ? {} : { rir: step.rir }),
            };
            const response = await call(`/v1/workouts/sessions/${session}/sets`, { token, body });
            expect(response.status).toBe(201);
            sets.push({ id: (await json(response)).id, session, body });
          } else if (step.kind === "retry" && sets.length) {
            const set = sets[step.pick % sets.length];
            const response = await call(`/v1/workouts/sessions/${set?.session}/sets`, {
              token,
              body: set?.body,
            });
            // A retried request answers the stored set and stores nothing (deleted ones are
            // no longer picked).
            expect(response.status).toBe(200);
          } else if (step.kind === "correct" && sets.length) {
            const set = sets[step.pick % sets.length];
            const response = await call(`/v1/workouts/sessions/${set?.session}/sets/${set?.id}`, {
              method: "PATCH",
              token,
              body: {
                reps: step.reps,
                weight_kg: step.kg,
                ...(step.rir === null ? {} : { rir: step.rir }),
              },
            });
            expect(response.status).toBe(200);
            // A retry carries what the set now is (else it would be a 409 client_id_reused).
            if (set) set.body = { ...set.body, reps: step.reps, weight_kg: step.kg };
          } else if (step.kind === "delete" && sets.length) {
            const [set] = sets.splice(step.pick % sets.length, 1);
            const response = await call(`/v1/workouts/sessions/${set?.session}/sets/${set?.id}`, {
              method: "DELETE",
              token,
            });
            expect(response.status).toBe(204);
          } else if (step.kind === "weight") {
            await call("/v1/body/weight", {
              token,
              body: {
                weight_kg: step.kg,
                measured_at: `${addDays(today, -step.day)}T07:00:00.000Z`,
              },
            });
          }
        }

        const facts = await actorSql<{
          local_date: string;
          exercise_id: string;
          reps: number;
          weight_kg: number;
          rir: number | null;
        }>(
          user.userId,
          `SELECT s.local_date, w.exercise_id, w.reps, w.weight_kg, w.rir
             FROM workout_sets w JOIN workout_sessions s ON s.id = w.session_id
            ORDER BY s.local_date, w.exercise_id, w.created_at, w.id`,
        );
        expect(facts).toHaveLength(sets.length);
        const stored = await actorSql(
          user.userId,
          "SELECT * FROM set_day_summaries ORDER BY local_date, exercise_id",
        );
        expect(stored).toEqual(summarizeAll(facts));

        const logged: LoggedSet[] = facts.map((fact) => ({
          ...fact,
          ...(exercises.get(fact.exercise_id) as NonNullable<ReturnType<typeof exercises.get>>),
        }));
        const weights = await actorSql<{ local_date: string; weight_kg: number }>(
          user.userId,
          "SELECT local_date, weight_kg FROM body_weights ORDER BY measured_at",
        );
        const progress = await json(await call("/v1/progress?days=365", { token }));
        expect(byExercise(progress.estimated_1rm)).toEqual(byExercise(estimatedOneRepMax(logged)));
        expect(byExercise(progress.personal_records)).toEqual(byExercise(personalRecords(logged)));
        expect(progress.weekly_hard_sets).toEqual(hardSetsLastWeek(logged, today, []));
        expect(progress.body_weight).toEqual(bodyWeightTrend(weights));
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
