import { WEEKDAYS, type Weekday } from "../../kernel/dates";

// Which weekdays to train on. The week repeats, so adjacency is circular (Sunday is next to
// Monday). Candidates are scored, best first, by:
//   1. fewest runs of three consecutive training days (recovery between sessions),
//   2. largest smallest gap between sessions,
//   3. most even gaps (smallest sum of squared gaps),
//   4. earliest days in the week (a stable tie-break).
// At most C(7,3) = 35 candidates, so an exhaustive search is cheap and easy to trust.

const DAY_COUNT = WEEKDAYS.length;

export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}

function subsets(pool: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  const walk = (start: number, picked: number[]): void => {
    if (picked.length === size) {
      out.push([...picked]);
      return;
    }
    for (let i = start; i < pool.length; i++) {
      picked.push(pool[i] as number);
      walk(i + 1, picked);
      picked.pop();
    }
  };
  walk(0, []);
  return out;
}

/** Number of i where days i, i+1 and i+2 (mod 7) are all training days. */
export function consecutiveTriples(days: ReadonlySet<number>): number {
  let count = 0;
  for (let i = 0; i < DAY_COUNT; i++) {
    if (days.has(i) && days.has((i + 1) % DAY_COUNT) && days.has((i + 2) % DAY_COUNT)) count++;
  }
  return count;
}

function gaps(sorted: readonly number[]): number[] {
  return sorted.map((day, i) => {
    const nextDay = i + 1 < sorted.length ? (sorted[i + 1] as number) : (sorted[0] as number) + 7;
    return nextDay - day;
  });
}

function compareCandidates(a: readonly number[], b: readonly number[]): number {
  const triples = consecutiveTriples(new Set(a)) - consecutiveTriples(new Set(b));
  if (triples !== 0) return triples;
  const gapsA = gaps(a);
  const gapsB = gaps(b);
  const minGap = Math.min(...gapsB) - Math.min(...gapsA);
  if (minGap !== 0) return minGap;
  const squares = (g: number[]) => g.reduce((sum, x) => sum + x * x, 0);
  const evenness = squares(gapsA) - squares(gapsB);
  if (evenness !== 0) return evenness;
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Training weekdays, Monday first. With more preferred days than sessions, the best-spread
 * subset of the preferred days; with fewer, all preferred days plus the best-spread fill.
 */
export function pickWeekdays(daysPerWeek: number, preferred: readonly Weekday[]): Weekday[] {
  const wanted = [...new Set(preferred.map(weekdayIndex))].sort((a, b) => a - b);
  const candidates =
    wanted.length >= daysPerWeek
      ? subsets(wanted, daysPerWeek)
      : subsets(
          [...Array(DAY_COUNT).keys()].filter((day) => !wanted.includes(day)),
          daysPerWeek - wanted.length,
        ).map((fill) => [...wanted, ...fill].sort((a, b) => a - b));
  const best = candidates.reduce((a, b) => (compareCandidates(b, a) < 0 ? b : a));
  return best.map((day) => WEEKDAYS[day] as Weekday);
}

/**
 * The `count` days out of `free` that, with the `fixed` days, make the fewest runs of three
 * consecutive training days; the earliest such set on a tie.
 */
export function bestFreeDays(
  free: readonly number[],
  count: number,
  fixed: readonly number[],
): number[] {
  let best: number[] | null = null;
  let bestTriples = Number.POSITIVE_INFINITY;
  const walk = (start: number, picked: number[]) => {
    if (picked.length === count) {
      const triples = consecutiveTriples(new Set([...fixed, ...picked]));
      // Walking in lexicographic order, so the first minimum is also the earliest.
      if (triples < bestTriples) {
        bestTriples = triples;
        best = [...picked];
      }
      return;
    }
    for (let i = start; i < free.length; i++) {
      picked.push(free[i] as number);
      walk(i + 1, picked);
      picked.pop();
    }
  };
  walk(0, []);
  return best ?? [];
}
