import { addDays } from "../../kernel/dates";
import { epley } from "./progress";
import type { Muscle } from "./vocabulary";
import { type MuscleTagged, weeklySets } from "./volume";

// Progress from per-day summaries instead of every logged set (issue 21).
//
// One summary per (local_date, exercise_id) "day bucket", recomputed by summarizeDay from that
// bucket's own sets whenever one of them is inserted, corrected or deleted. The update reads a
// handful of rows and does not depend on the previous summary, so replaying it (an at-least-once
// write or alarm) gives the same row. The *From functions give the same numbers as
// estimatedOneRepMax, personalRecords and hardSetsLastWeek in progress.ts over the same sets
// (the property test in test/coaching/progress-summary.test.ts holds them to it), because each
// output is a max, a lexicographic max or a count that composes over days:
// - a day's best e1RM is the max of its sets' e1RM, the series keeps it per day;
// - the record e1RM is the max of the days' bests, dated on the earliest day reaching it;
// - the heaviest set is the max of (kg, reps), dated on the earliest day reaching it;
// - hard sets are counted per day and weighted by the exercise's muscles at read time.
// Values are kept unrounded; rounding happens at output, as in progress.ts.
//
// Output order: lifts and records by the first date they appear in, then exercise id. The
// full computation (progress.ts) keeps the order of the rows it is given; this is the order
// it gives for rows in date order, then exercise id.

/** One logged set, with its session's local date. */
export interface SetFact {
  local_date: string;
  exercise_id: string;
  reps: number;
  weight_kg: number;
  rir: number | null;
}

/** The sets of one exercise on one local date, reduced to what progress reads. */
export interface DaySummary {
  local_date: string;
  exercise_id: string;
  /** Sets logged. */
  sets: number;
  /** Sets with RIR <= 4 or no RIR given. */
  hard_sets: number;
  /** Best Epley e1RM over the sets with load (weight_kg > 0), unrounded; null when none. */
  best_e1rm_kg: number | null;
  /** Heaviest load, the most reps breaking ties; null when no set has load. */
  heaviest_kg: number | null;
  heaviest_reps: number | null;
}

/** Muscles an exercise trains (from the catalog); undefined counts no muscle, as today. */
export type MusclesOf = (
  exerciseId: string,
) => { primary_muscles: readonly Muscle[]; secondary_muscles: readonly Muscle[] } | undefined;

/** Whether an exercise is compound (catalog mechanic); only those get an e1RM series. */
export type IsCompound = (exerciseId: string) => boolean;

export const isHardSet = (set: Pick<SetFact, "rir">) => set.rir === null || set.rir <= 4;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Code-unit order, the same in every runtime (ids and ISO dates are ASCII). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Summaries in date order, then exercise id: the order every output below is built in. */
const byDate = (summaries: readonly DaySummary[]) =>
  [...summaries].sort(
    (a, b) => compare(a.local_date, b.local_date) || compare(a.exercise_id, b.exercise_id),
  );

/** The summary of one day bucket's sets; null when it has none (delete the row). */
export function summarizeDay(sets: readonly SetFact[]): DaySummary | null {
  const first = sets[0];
  if (!first) return null;
  const summary: DaySummary = {
    local_date: first.local_date,
    exercise_id: first.exercise_id,
    sets: 0,
    hard_sets: 0,
    best_e1rm_kg: null,
    heaviest_kg: null,
    heaviest_reps: null,
  };
  for (const set of sets) {
    if (set.local_date !== first.local_date || set.exercise_id !== first.exercise_id)
      throw new RangeError("summarizeDay takes the sets of one date and one exercise");
    addToSummary(summary, set);
  }
  return summary;
}

/**
 * Folds one more set of the bucket into its summary (in place, and returned). The fold does
 * not depend on the order of the sets, so a summary plus a new set is the summary of all of
 * them: logging a set updates its bucket without reading the bucket's other sets.
 */
export function addToSummary(
  summary: DaySummary,
  set: Pick<SetFact, "reps" | "weight_kg" | "rir">,
): DaySummary {
  summary.sets += 1;
  if (isHardSet(set)) summary.hard_sets += 1;
  if (set.weight_kg <= 0) return summary;
  const e1rm = epley(set.weight_kg, set.reps);
  if (summary.best_e1rm_kg === null || e1rm > summary.best_e1rm_kg) summary.best_e1rm_kg = e1rm;
  if (
    summary.heaviest_kg === null ||
    set.weight_kg > summary.heaviest_kg ||
    (set.weight_kg === summary.heaviest_kg && set.reps > (summary.heaviest_reps ?? 0))
  ) {
    summary.heaviest_kg = set.weight_kg;
    summary.heaviest_reps = set.reps;
  }
  return summary;
}

/** Summaries of any sets, one per (local_date, exercise_id), in that order. */
export function summarizeAll(sets: readonly SetFact[]): DaySummary[] {
  const buckets = new Map<string, SetFact[]>();
  for (const set of sets) {
    const key = `${set.local_date}\u0000${set.exercise_id}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(set);
    else buckets.set(key, [set]);
  }
  return byDate([...buckets.values()].map((bucket) => summarizeDay(bucket) as DaySummary));
}

/** Same output as estimatedOneRepMax(sets) for the sets these summaries were made from. */
export function estimatedOneRepMaxFrom(summaries: readonly DaySummary[], isCompound: IsCompound) {
  const series = new Map<string, Array<{ date: string; e1rm_kg: number }>>();
  for (const day of byDate(summaries)) {
    if (day.best_e1rm_kg === null || !isCompound(day.exercise_id)) continue;
    const points = series.get(day.exercise_id) ?? [];
    points.push({ date: day.local_date, e1rm_kg: round1(day.best_e1rm_kg) });
    series.set(day.exercise_id, points);
  }
  return [...series].map(([exercise_id, points]) => ({ exercise_id, series: points }));
}

/** Same output as personalRecords(sets) for the sets these summaries were made from. */
export function personalRecordsFrom(summaries: readonly DaySummary[]) {
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
  // In date order, a later day replaces a record only when strictly better: ties keep the
  // earliest date, as the full computation does.
  for (const day of byDate(summaries)) {
    if (day.best_e1rm_kg === null || day.heaviest_kg === null || day.heaviest_reps === null)
      continue;
    const record = records.get(day.exercise_id);
    if (!record) {
      records.set(day.exercise_id, {
        e1rm_kg: day.best_e1rm_kg,
        e1rm_date: day.local_date,
        heaviest_kg: day.heaviest_kg,
        heaviest_reps: day.heaviest_reps,
        heaviest_date: day.local_date,
      });
      continue;
    }
    if (day.best_e1rm_kg > record.e1rm_kg) {
      record.e1rm_kg = day.best_e1rm_kg;
      record.e1rm_date = day.local_date;
    }
    if (
      day.heaviest_kg > record.heaviest_kg ||
      (day.heaviest_kg === record.heaviest_kg && day.heaviest_reps > record.heaviest_reps)
    ) {
      record.heaviest_kg = day.heaviest_kg;
      record.heaviest_reps = day.heaviest_reps;
      record.heaviest_date = day.local_date;
    }
  }
  return [...records].map(([exercise_id, r]) => ({
    exercise_id,
    ...r,
    e1rm_kg: round1(r.e1rm_kg),
  }));
}

/** Same output as hardSetsLastWeek(sets, today, planned) for these summaries' sets. */
export function hardSetsLastWeekFrom(
  summaries: readonly DaySummary[],
  today: string,
  planned: Iterable<MuscleTagged>,
  musclesOf: MusclesOf,
) {
  const from = addDays(today, -6);
  const hard: MuscleTagged[] = [];
  for (const day of summaries) {
    // A day with no hard set must add no muscle, not a muscle at 0.
    if (day.local_date < from || day.local_date > today || day.hard_sets === 0) continue;
    const muscles = musclesOf(day.exercise_id);
    hard.push({
      primary_muscles: muscles?.primary_muscles ?? [],
      secondary_muscles: muscles?.secondary_muscles ?? [],
      sets: day.hard_sets,
    });
  }
  const done = weeklySets(hard);
  const target = weeklySets(planned);
  const muscles = [...new Set([...done.keys(), ...target.keys()])].sort();
  return muscles.map((muscle) => ({
    muscle,
    done: done.get(muscle) ?? 0,
    target: target.get(muscle) ?? 0,
  }));
}
