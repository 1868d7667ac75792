import { addDays, dayNumber, WEEKDAYS, type Weekday, weekdayOfDayNumber } from "../../kernel/dates";
import type { Muscle } from "./vocabulary";
import { weeklySets } from "./volume";

// Progress maths over a user's logs. Pure: the route loads the rows, this computes.
// The same e1RM series, records and hard sets from per-day summaries: progress-summary.ts.
//
// - Adherence: planned sessions in the window (the last 7 or 28 local days up to today; today's
//   session counts only once it is done, since the day is not over) against those done.
// - Streaks: runs of consecutive planned sessions done, in date order; rest days neither
//   break nor extend a streak, a missed planned session breaks it.
// - Hard sets: logged sets in the last 7 days with RIR <= 4 (or no RIR given), counted 1 for
//   each primary muscle and 0.5 for each secondary (the generator's rule), against the
//   program's plan for the current week.
// - Estimated 1RM (Epley 1985): weight x (1 + reps / 30); a single is its own weight. The best
//   per exercise per day; "main lifts" are compound exercises logged with load.
// - Body weight: each entry with the mean of the entries in the 7 days ending on its date.

export interface PlannedSession {
  date: string;
  week: number;
  weekday: string;
}

export interface CompletedSession {
  local_date: string;
  planned_week: number | null;
  planned_weekday: string | null;
}

export interface LoggedSet {
  local_date: string;
  exercise_id: string;
  reps: number;
  weight_kg: number;
  rir: number | null;
  primary_muscles: Muscle[];
  secondary_muscles: Muscle[];
  compound: boolean;
}

export interface WeightEntry {
  local_date: string;
  weight_kg: number;
}

export const epley = (weightKg: number, reps: number) =>
  reps <= 1 ? weightKg : weightKg * (1 + reps / 30);

const round1 = (n: number) => Math.round(n * 10) / 10;

function isDone(planned: PlannedSession, done: ReadonlySet<string>) {
  return done.has(`${planned.week}:${planned.weekday}`);
}

export function adherence(
  planned: PlannedSession[],
  completed: CompletedSession[],
  today: string,
  days: number,
) {
  const done = new Set(
    completed
      .filter((s) => s.planned_week !== null)
      .map((s) => `${s.planned_week}:${s.planned_weekday}`),
  );
  const from = addDays(today, -(days - 1));
  const window = planned.filter(
    (p) => p.date >= from && (p.date < today || (p.date === today && isDone(p, done))),
  );
  const doneCount = window.filter((p) => isDone(p, done)).length;
  return {
    planned: window.length,
    done: doneCount,
    rate: window.length ? round1((doneCount / window.length) * 100) / 100 : null,
  };
}

export function streaks(planned: PlannedSession[], completed: CompletedSession[], today: string) {
  const done = new Set(
    completed
      .filter((s) => s.planned_week !== null)
      .map((s) => `${s.planned_week}:${s.planned_weekday}`),
  );
  const due = planned
    .filter((p) => p.date < today || (p.date === today && isDone(p, done)))
    .sort((a, b) => a.date.localeCompare(b.date));
  let current = 0;
  let longest = 0;
  for (const session of due) {
    current = isDone(session, done) ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return { current, longest };
}

export function hardSetsLastWeek(
  sets: LoggedSet[],
  today: string,
  planned: Array<{ primary_muscles: Muscle[]; secondary_muscles: Muscle[]; sets: number }>,
) {
  const from = addDays(today, -6);
  const hard = sets.filter(
    (s) => s.local_date >= from && s.local_date <= today && (s.rir === null || s.rir <= 4),
  );
  const done = weeklySets(hard.map((s) => ({ ...s, sets: 1 })));
  const target = weeklySets(planned);
  const muscles = [...new Set([...done.keys(), ...target.keys()])].sort();
  return muscles.map((muscle) => ({
    muscle,
    done: done.get(muscle) ?? 0,
    target: target.get(muscle) ?? 0,
  }));
}

export function estimatedOneRepMax(sets: LoggedSet[]) {
  const best = new Map<string, Map<string, number>>();
  for (const set of sets) {
    if (!set.compound || set.weight_kg <= 0) continue;
    const byDay = best.get(set.exercise_id) ?? new Map<string, number>();
    byDay.set(
      set.local_date,
      Math.max(byDay.get(set.local_date) ?? 0, epley(set.weight_kg, set.reps)),
    );
    best.set(set.exercise_id, byDay);
  }
  return [...best].map(([exercise_id, byDay]) => ({
    exercise_id,
    series: [...byDay]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, value]) => ({ date, e1rm_kg: round1(value) })),
  }));
}

export function personalRecords(sets: LoggedSet[]) {
  const records = new Map<
    string,
    {
      e1rm_kg: number;
      e1rm_date: string;
      heaviest_kg: number;
      heaviest_reps: number;
      heaviest_date: string;
    }
  >();
  for (const set of [...sets].sort((a, b) => a.local_date.localeCompare(b.local_date))) {
    if (set.weight_kg <= 0) continue;
    const e1rm = epley(set.weight_kg, set.reps);
    const record = records.get(set.exercise_id);
    if (!record) {
      records.set(set.exercise_id, {
        e1rm_kg: e1rm,
        e1rm_date: set.local_date,
        heaviest_kg: set.weight_kg,
        heaviest_reps: set.reps,
        heaviest_date: set.local_date,
      });
      continue;
    }
    if (e1rm > record.e1rm_kg) Object.assign(record, { e1rm_kg: e1rm, e1rm_date: set.local_date });
    if (
      set.weight_kg > record.heaviest_kg ||
      (set.weight_kg === record.heaviest_kg && set.reps > record.heaviest_reps)
    )
      Object.assign(record, {
        heaviest_kg: set.weight_kg,
        heaviest_reps: set.reps,
        heaviest_date: set.local_date,
      });
  }
  return [...records].map(([exercise_id, r]) => ({
    exercise_id,
    ...r,
    e1rm_kg: round1(r.e1rm_kg),
  }));
}

export function bodyWeightTrend(entries: WeightEntry[]) {
  const sorted = [...entries].sort((a, b) => a.local_date.localeCompare(b.local_date));
  const trend: Array<{ date: string; weight_kg: number; average_7d_kg: number }> = [];
  // One window per distinct date (entries of a date share it), its start moving forward only.
  // Each window is summed afresh from its first entry, not kept as a running sum, so the
  // floating-point sum (and its rounding) is the one a plain reduce over the window gives;
  // an entry is in the windows of at most 7 dates, so this stays O(n) after the sort.
  let start = 0;
  for (let i = 0; i < sorted.length; ) {
    const date = (sorted[i] as WeightEntry).local_date;
    let end = i;
    while (end < sorted.length && (sorted[end] as WeightEntry).local_date === date) end += 1;
    const from = addDays(date, -6);
    while ((sorted[start] as WeightEntry).local_date < from) start += 1;
    let sum = 0;
    for (let j = start; j < end; j += 1) sum += (sorted[j] as WeightEntry).weight_kg;
    const average_7d_kg = round1(sum / (end - start));
    for (; i < end; i += 1) {
      const entry = sorted[i] as WeightEntry;
      trend.push({ date: entry.local_date, weight_kg: entry.weight_kg, average_7d_kg });
    }
  }
  return trend;
}

/** Planned sessions of a program from its start up to and including `until`. */
export function plannedSessions(
  program: {
    starts_on: string | null;
    weeks: Array<{ week: number; days: Array<{ weekday: string }> }>;
  },
  until: string,
): PlannedSession[] {
  if (!program.starts_on) return [];
  const start = dayNumber(program.starts_on);
  const monday = addDays(program.starts_on, -weekdayOfDayNumber(start));
  const sessions: PlannedSession[] = [];
  for (const week of program.weeks) {
    for (const day of week.days) {
      const date = addDays(monday, (week.week - 1) * 7 + WEEKDAYS.indexOf(day.weekday as Weekday));
      if (date >= program.starts_on && date <= until)
        sessions.push({ date, week: week.week, weekday: day.weekday });
    }
  }
  return sessions.sort((a, b) => a.date.localeCompare(b.date));
}

/** A lift is stalled when its best e1RM of the last 3 weeks is no better than the 3 before. */
export function stalledLifts(
  series: ReturnType<typeof estimatedOneRepMax>,
  today: string,
): string[] {
  const recentFrom = addDays(today, -21);
  const olderFrom = addDays(today, -42);
  return series
    .filter(({ series: points }) => {
      const recent = points.filter((p) => p.date >= recentFrom);
      const older = points.filter((p) => p.date >= olderFrom && p.date < recentFrom);
      if (recent.length < 2 || older.length < 2) return false;
      return Math.max(...recent.map((p) => p.e1rm_kg)) <= Math.max(...older.map((p) => p.e1rm_kg));
    })
    .map(({ exercise_id }) => exercise_id);
}
