import { addDays } from "../worker/coaching/dates";
import {
  adherence,
  bodyWeightTrend,
  estimatedOneRepMax,
  hardSetsLastWeek,
  type LoggedSet,
  personalRecords,
  plannedSessions,
  streaks,
} from "../worker/coaching/progress";
import type { TodayPlan } from "../worker/coaching/today";
import type { FullProgramRecord } from "../worker/db/programs";
import { bodyWeightsSince, completedSessions, type TrackingDb } from "../worker/db/tracking";
import type { UnitPreference } from "../worker/units";
import { withPounds } from "../worker/units";

// GET /v1/progress, answered inside the actor from its own logs: adherence and streaks from
// the completed sessions and the program, lifts and hard sets from the logged sets, the body
// weight trend from the weights.

interface Inputs {
  db: TrackingDb;
  now: { date: string; units: UnitPreference };
  days: number;
  program: FullProgramRecord | null;
  today: TodayPlan | null;
  setsSince: (fromDate: string) => Promise<LoggedSet[]>;
}

export async function progressReport({ db, now, days, program, today, setsSince }: Inputs) {
  const since = addDays(now.date, -(days - 1));
  const done = program ? completedSessions(db, program.id) : [];
  const weights = bodyWeightsSince(db, since);
  const sets = await setsSince(since);
  const planned = program ? plannedSessions(program, now.date) : [];
  const currentWeek = program?.weeks.find((w) => w.week === (today?.week ?? 1));
  return {
    date: now.date,
    adherence: {
      last_7_days: adherence(planned, done, now.date, 7),
      last_28_days: adherence(planned, done, now.date, 28),
    },
    streak: streaks(planned, done, now.date),
    weekly_hard_sets: hardSetsLastWeek(
      sets,
      now.date,
      currentWeek?.days.flatMap((d) => d.exercises) ?? [],
    ),
    estimated_1rm: estimatedOneRepMax(sets).map((lift) => ({
      ...lift,
      series: lift.series.map((point) => withPounds(point, now.units, ["e1rm_kg"])),
    })),
    personal_records: personalRecords(sets).map((record) =>
      withPounds(record, now.units, ["e1rm_kg", "heaviest_kg"]),
    ),
    body_weight: bodyWeightTrend(
      weights.map((w) => ({ local_date: w.localDate, weight_kg: w.weightKg })),
    ).map((point) => withPounds(point, now.units, ["weight_kg", "average_7d_kg"])),
  };
}

export type ProgressReport = Awaited<ReturnType<typeof progressReport>>;
