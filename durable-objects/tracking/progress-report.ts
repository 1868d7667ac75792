import type { FullProgramRecord } from "../../d1/programs";
import {
  adherence,
  bodyWeightTrend,
  plannedSessions,
  streaks,
} from "../../engine/coaching/progress";
import {
  estimatedOneRepMaxFrom,
  hardSetsLastWeekFrom,
  personalRecordsFrom,
} from "../../engine/coaching/progress-summary";
import type { TodayPlan } from "../../engine/coaching/today";
import { addDays } from "../../kernel/dates";
import { type UnitPreference, withPounds } from "../../kernel/units";
import type { ExerciseInfo } from "./exercise-catalog";
import { bodyWeightsSince, completedSessions, summariesSince, type TrackingDb } from "./queries";

// GET /v1/progress, answered inside the actor from its own logs: adherence and streaks from
// the completed sessions and the program; lifts, records and hard sets from the per-day set
// summaries (set_day_summaries, kept by every set write: no scan of the sets), with each
// exercise's muscles and mechanic from the cached catalog; the body weight trend from the
// weights.

interface Inputs {
  db: TrackingDb;
  now: { date: string; units: UnitPreference };
  days: number;
  program: FullProgramRecord | null;
  today: TodayPlan | null;
  info: (ids: string[]) => Promise<Map<string, ExerciseInfo>>;
}

export async function progressReport({ db, now, days, program, today, info }: Inputs) {
  const since = addDays(now.date, -(days - 1));
  const done = program ? completedSessions(db, program.id) : [];
  const weights = bodyWeightsSince(db, since);
  const summaries = summariesSince(db, since);
  const exercises = await info(summaries.map((day) => day.exercise_id));
  const planned = program ? plannedSessions(program, now.date) : [];
  const currentWeek = program?.weeks.find((w) => w.week === (today?.week ?? 1));
  return {
    date: now.date,
    adherence: {
      last_7_days: adherence(planned, done, now.date, 7),
      last_28_days: adherence(planned, done, now.date, 28),
    },
    streak: streaks(planned, done, now.date),
    weekly_hard_sets: hardSetsLastWeekFrom(
      summaries,
      now.date,
      currentWeek?.days.flatMap((d) => d.exercises) ?? [],
      (id) => exercises.get(id),
    ),
    estimated_1rm: estimatedOneRepMaxFrom(
      summaries,
      (id) => exercises.get(id)?.compound ?? false,
    ).map((lift) => ({
      ...lift,
      series: lift.series.map((point) => withPounds(point, now.units, ["e1rm_kg"])),
    })),
    personal_records: personalRecordsFrom(summaries).map((record) =>
      withPounds(record, now.units, ["e1rm_kg", "heaviest_kg"]),
    ),
    body_weight: bodyWeightTrend(
      weights.map((w) => ({ local_date: w.localDate, weight_kg: w.weightKg })),
    ).map((point) => withPounds(point, now.units, ["weight_kg", "average_7d_kg"])),
  };
}

export type ProgressReport = Awaited<ReturnType<typeof progressReport>>;
