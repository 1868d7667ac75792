import type { Level } from "./vocabulary";

// Deload cadence and what a deload does. Training hard for several weeks accumulates
// fatigue; a planned lighter week every 4-6 weeks (sooner for advanced lifters, who train
// closer to their limits with more volume) lets it dissipate while keeping the skill.

/** A deload falls on every week number divisible by this. */
export const DELOAD_EVERY: Readonly<Record<Level, number>> = {
  beginner: 6,
  intermediate: 5,
  advanced: 4,
};

export function isDeloadWeek(week: number, level: Level): boolean {
  return week % DELOAD_EVERY[level] === 0;
}

/** Deload sets: half, rounded up, so a 1-set exercise stays at 1. */
export function deloadSets(sets: number): number {
  return Math.ceil(sets / 2);
}

/** Deloads stop two reps further from failure. */
export const DELOAD_EXTRA_RIR = 2;
export const MAX_RIR = 5;

export function deloadRir(rir: number): number {
  return Math.min(MAX_RIR, rir + DELOAD_EXTRA_RIR);
}
