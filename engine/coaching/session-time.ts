// Estimated session length, used to make every session fit the user's minutes.
//
//   seconds = WARM_UP_SECONDS
//           + for each exercise: TRANSITION_SECONDS
//               + sets * (mean reps * seconds per rep + rest_seconds)
//   estimated_minutes = ceil(seconds / 60)
//
// Seconds per rep is 3.5 (a controlled 1-2 s lift and 2 s lowering, the middle of the
// common 3-4 s estimate); for timed holds a "rep" is one second. Rest is counted after every
// set, the last one included, which also covers walking to the next station. The warm-up is
// a fixed 5 minutes of general and specific warm-up sets.

export const WARM_UP_SECONDS = 300;
export const TRANSITION_SECONDS = 60;
export const SECONDS_PER_REP = 3.5;
export const SECONDS_PER_HOLD_REP = 1;

export interface TimedSet {
  rep_min: number;
  rep_max: number;
  rest_seconds: number;
  /** True when reps are seconds of holding. */
  timed_hold: boolean;
}

export function secondsPerSet(set: TimedSet): number {
  const meanReps = (set.rep_min + set.rep_max) / 2;
  const perRep = set.timed_hold ? SECONDS_PER_HOLD_REP : SECONDS_PER_REP;
  return meanReps * perRep + set.rest_seconds;
}

export function exerciseSeconds(set: TimedSet, sets: number): number {
  return sets > 0 ? TRANSITION_SECONDS + sets * secondsPerSet(set) : 0;
}

export function sessionSeconds(exercises: readonly { set: TimedSet; sets: number }[]): number {
  return exercises.reduce(
    (sum, item) => sum + exerciseSeconds(item.set, item.sets),
    WARM_UP_SECONDS,
  );
}

export function toMinutes(seconds: number): number {
  return Math.ceil(seconds / 60);
}

/** Minutes of a rendered day; `isTimedHold` tells which exercises count reps as seconds. */
export function dayMinutes(
  exercises: readonly {
    sets: number;
    rep_min: number;
    rep_max: number;
    rest_seconds: number;
    exercise_id: string;
  }[],
  isTimedHold: (exerciseId: string) => boolean,
): number {
  return toMinutes(
    sessionSeconds(
      exercises.map((item) => ({
        set: { ...item, timed_hold: isTimedHold(item.exercise_id) },
        sets: item.sets,
      })),
    ),
  );
}
