import { nextOccurrence, parseHhmm, type Recurrence } from "../../kernel/zoned";
import { hashSeed } from "../coaching/rng";
import { inQuietHours } from "./quiet-hours";

// No thundering herd: a reminder set for 08:00 fires at 08:00 plus the user's own offset, a
// stable 0-10 minutes from a hash of the user id (FNV-1a with a final avalanche, so ids
// differing in one character land far apart). 300,000 users at 08:00 become ~500 a second
// over ten minutes instead of 300,000 in one (docs/scale.md). The offset is added to the local
// wall-clock time, so a user's reminder is at the same local minute and second every day,
// across DST changes, like the time it came from.

export const SPREAD_WINDOW_SECONDS = 600;

/** The user's offset in seconds, 0 to window - 1, from the engine's string hash. */
export function spreadOffsetSeconds(userId: string, windowSeconds = SPREAD_WINDOW_SECONDS): number {
  return hashSeed(userId) % windowSeconds;
}

/** A local wall-clock time with seconds: "HH:MM" and 0-59. */
export interface SpreadTime {
  time: string;
  second: number;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * A time moved by the user's offset: later, unless that would cross midnight (the reminder
 * would change day, and weekday) or enter quiet hours; then earlier by the same amount. A
 * time that neither way keeps out of quiet hours is left as it was.
 */
export function spreadTime(
  time: string,
  offsetSeconds: number,
  quiet: { start: string; end: string } | null = null,
): SpreadTime {
  const base = parseHhmm(time) * 60;
  for (const at of [base + offsetSeconds, base - offsetSeconds]) {
    if (at < 0 || at >= 86_400) continue;
    const minute = Math.floor(at / 60);
    if (inQuietHours(hhmm(minute), quiet)) continue;
    return { time: hhmm(minute), second: at % 60 };
  }
  return { time, second: 0 };
}

/** A recurrence at a spread time: the local minute of `time`, plus `second` seconds. */
export type SpreadRecurrence = Recurrence & { second?: number };

/**
 * The first occurrence strictly after `after`. The seconds ride on the local minute, which
 * zoned.ts places across DST (a minute inside a spring-forward gap moves to the gap's end).
 */
export function nextSpreadOccurrence(rule: SpreadRecurrence, after: number): number {
  const seconds = (rule.second ?? 0) * 1000;
  return nextOccurrence(rule, after - seconds) + seconds;
}
