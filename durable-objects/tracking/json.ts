import type { WeightSource } from "../../engine/health/body-weights";
import type { HealthSample } from "../../engine/health/samples";
import { type UnitPreference, withPounds } from "../../kernel/units";
import type { BodyWeightRow, MealLogRow, SessionRow, SetRow } from "./queries";

// Tracking rows as the API shows them: snake_case, and pounds beside kilograms for users who
// prefer imperial units.

export function sessionJson(row: SessionRow) {
  return {
    id: row.id,
    client_id: row.clientId,
    program_id: row.programId,
    planned_week: row.plannedWeek,
    planned_weekday: row.plannedWeekday,
    local_date: row.localDate,
    status: row.status,
    started_at: row.startedAt,
    finished_at: row.finishedAt,
    notes: row.notes,
    perceived_effort: row.perceivedEffort,
  };
}

function setRecord(row: SetRow) {
  return {
    id: row.id,
    session_id: row.sessionId,
    client_id: row.clientId,
    exercise_id: row.exerciseId,
    reps: row.reps,
    weight_kg: row.weightKg,
    rir: row.rir,
    rest_seconds: row.restSeconds,
    planned: row.planned ?? null,
    created_at: row.createdAt,
  };
}

export const mealJson = (row: MealLogRow) => ({
  id: row.id,
  client_id: row.clientId,
  meal: row.meal,
  logged_at: row.loggedAt,
  local_date: row.localDate,
  foods: row.foods ?? null,
  calories: row.calories,
  protein_g: row.proteinG,
  fat_g: row.fatG,
  carbs_g: row.carbsG,
});

export const weightJson = (row: BodyWeightRow, units: UnitPreference) =>
  withPounds(
    {
      id: row.id,
      client_id: row.clientId,
      weight_kg: row.weightKg,
      measured_at: row.measuredAt,
      local_date: row.localDate,
      measurements: row.measurements ?? null,
      source: "manual" as WeightSource,
    },
    units,
    ["weight_kg"],
  );

/** A body weight from the phone, in the series' shape (its id is the platform's). */
export const healthWeightJson = (sample: HealthSample, localDate: string, units: UnitPreference) =>
  withPounds(
    {
      id: sample.id,
      client_id: null,
      weight_kg: Math.round((sample.value as number) * 100) / 100,
      measured_at: new Date(sample.start).toISOString(),
      local_date: localDate,
      measurements: null,
      source: sample.platform as WeightSource,
    },
    units,
    ["weight_kg"],
  );

/** Byte order, as SQLite compares the ids and timestamps of a keyset. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const setJson = (row: SetRow, units: UnitPreference) =>
  withPounds(setRecord(row), units, ["weight_kg"]);
