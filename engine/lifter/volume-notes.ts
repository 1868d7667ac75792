import { z } from "zod";
import type { Program } from "../coaching/program-schema";
import { type Goal, type Level, MAJOR_MUSCLES, muscleSchema } from "../coaching/vocabulary";
import { fullVolumeMinutes, VOLUME_RANGES, weeklySets } from "../coaching/volume";

// When the minutes limit the volume, the program says so. The generator fills sessions up to
// the user's minutes and guarantees every major muscle its weekly minimum only from
// fullVolumeMinutes(goal, level, days) on; below that, the muscles last in the allocation
// order get less. A note names the major muscles under the level's minimum in a normal week
// and the session length that would reach it, so the lifter can choose time over volume
// knowingly. Muscles short for another reason (every exercise ruled out by an injury) are
// not the minutes' doing and get no note. Example: advanced, muscle gain, 4 days x 60 minutes
// leaves the front delts near 12 weekly sets (the minimum is 15; 80-minute sessions reach it).

export const programNoteSchema = z.object({
  kind: z.literal("volume_limited_by_minutes"),
  /** One sentence for the lifter. */
  text: z.string(),
  muscles: z.array(
    z.object({ muscle: muscleSchema, weekly_sets: z.number(), minimum: z.number() }),
  ),
  session_minutes: z.number().int(),
  /** Minutes per session from which every major muscle gets its minimum; null: none do. */
  minutes_needed: z.number().int().nullable(),
});
export type ProgramNote = z.infer<typeof programNoteSchema>;

export interface VolumeNoteInput {
  goal: Goal;
  fitness_level: Level;
  days_per_week: number;
  session_minutes: number;
}

const label = (muscle: string) => muscle.replace(/_/g, " ");

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** Notes for a freshly generated program (its first normal week is the plan); [] when none. */
export function volumeNotes(program: Program, input: VolumeNoteInput): ProgramNote[] {
  const needed = fullVolumeMinutes(input.goal, input.fitness_level, input.days_per_week);
  if (needed !== null && input.session_minutes >= needed) return [];
  const week = program.weeks.find((w) => !w.deload);
  if (!week) return [];
  const sets = weeklySets(week.days.flatMap((day) => day.exercises));
  const minimum = VOLUME_RANGES[input.fitness_level].min;
  const short = MAJOR_MUSCLES.map((muscle) => ({
    muscle,
    weekly_sets: sets.get(muscle) ?? 0,
    minimum,
  })).filter((row) => row.weekly_sets < minimum);
  if (short.length === 0) return [];
  const names = listWords(short.map((row) => `${label(row.muscle)} at ${row.weekly_sets}`));
  const remedy =
    needed === null
      ? `even 120-minute sessions would not reach it on ${input.days_per_week} days; another training day would`
      : `${needed}-minute sessions would reach it`;
  return [
    {
      kind: "volume_limited_by_minutes",
      text:
        `${input.session_minutes}-minute sessions leave ${names} weekly sets, under the minimum ` +
        `of ${minimum} for ${input.fitness_level === "beginner" ? "a" : "an"} ${input.fitness_level} lifter; ${remedy}.`,
      muscles: short,
      session_minutes: input.session_minutes,
      minutes_needed: needed,
    },
  ];
}
