import {
  programWeekOf,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type Weekday,
  weekdayOf,
} from "../../kernel/dates";
import { CATALOG, indexCatalogById } from "../coaching/catalog";
import type { Exercise } from "../coaching/exercise";
import { isTimedHold } from "../coaching/prescription";
import type { Program, ProgramDay } from "../coaching/program-schema";
import { deloadRir, deloadSets, MAX_RIR } from "../coaching/progression";
import { weekdayIndex } from "../coaching/schedule";
import { dayMinutes } from "../coaching/session-time";
import { type Readiness, VERY_LOW_READINESS_MAX_SCORE } from "./readiness";

// What low readiness does to today's session. Never silent: every change comes back as a
// listed change carrying the readiness reason, like the daily adaptation's.
//
// - Low (score 41-60): today's session is lighter: one set fewer per exercise (never below
//   one) and one more rep in reserve, load held. The schedule the user planned around stays.
// - Very low (40 or less): the session moves to the first later rest day this week that does
//   not make three training days in a row, and today becomes a rest day; with no such day it
//   is made a deload-sized session (half the sets, two more reps in reserve).
// - Nothing changes on a rest day, in a deload week (already light), once today's session has
//   been started, or before the day's readiness is settled (last night's sleep is in).
// The caller applies this at most once a day (the readiness rule reads the day's data, and
// lightening an already lightened session again would compound it).

export type ReadinessChangeKind = "session_lightened" | "session_moved";

export interface ReadinessChange {
  kind: ReadinessChangeKind;
  description: string;
}

export interface ReadinessAdjustment {
  program: Program;
  changes: ReadinessChange[];
}

function cloneProgram(program: Program): Program {
  return structuredClone(program);
}

function refreshMinutes(day: ProgramDay, byId: ReadonlyMap<string, Exercise>): void {
  day.estimated_minutes = dayMinutes(day.exercises, (id) => {
    const exercise = byId.get(id);
    return exercise ? isTimedHold(exercise) : false;
  });
}

/** Three consecutive training days; the week repeats, so Sunday is followed by Monday. */
export function hasThreeInARow(days: readonly number[]): boolean {
  const set = new Set(days);
  return days.some((d) => set.has((d + 1) % 7) && set.has((d + 2) % 7));
}

/** The first later rest day of the week the session can move to, or null. */
export function laterRestDay(training: readonly Weekday[], today: Weekday): Weekday | null {
  const todayIdx = weekdayIndex(today);
  const others = training.filter((d) => d !== today).map(weekdayIndex);
  for (let i = todayIdx + 1; i < WEEKDAYS.length; i++) {
    if (others.includes(i)) continue;
    if (!hasThreeInARow([...others, i])) return WEEKDAYS[i] as Weekday;
  }
  return null;
}

export function adjustForReadiness(
  program: Program,
  facts: { today: string; program_start: string; session_started: boolean },
  readiness: Readiness | null,
  catalog: readonly Exercise[] = CATALOG,
): ReadinessAdjustment {
  const unchanged = { program, changes: [] };
  if (readiness?.level !== "low" || !readiness.settled || facts.session_started) return unchanged;
  const weekNumber = programWeekOf(facts.program_start, facts.today);
  if (weekNumber < 1) return unchanged;
  const weekday = weekdayOf(facts.today);
  const original = program.weeks[weekNumber - 1];
  if (!original || original.deload || !original.days.some((d) => d.weekday === weekday))
    return unchanged;

  const next = cloneProgram(program);
  const week = next.weeks[weekNumber - 1] as (typeof next.weeks)[number];
  const day = week.days.find((d) => d.weekday === weekday) as ProgramDay;
  const focus = day.focus.replaceAll("_", " ");
  const why = `Why: ${readiness.reason}`;
  const veryLow = readiness.score <= VERY_LOW_READINESS_MAX_SCORE;

  if (veryLow) {
    const target = laterRestDay(
      week.days.map((d) => d.weekday),
      weekday,
    );
    if (target) {
      day.weekday = target;
      week.days.sort((a, b) => weekdayIndex(a.weekday) - weekdayIndex(b.weekday));
      return {
        program: next,
        changes: [
          {
            kind: "session_moved",
            description: `Today's ${focus} session moves to ${WEEKDAY_NAMES[target]} and today is a rest day: your readiness is very low (${readiness.score}/100). ${why}`,
          },
        ],
      };
    }
  }

  const byId = indexCatalogById(catalog);
  for (const item of day.exercises) {
    item.sets = veryLow ? deloadSets(item.sets) : Math.max(1, item.sets - 1);
    item.target_rir = veryLow ? deloadRir(item.target_rir) : Math.min(MAX_RIR, item.target_rir + 1);
    item.progression = "hold";
    item.notes = `Lighter today (low readiness): keep last session's load. ${item.notes}`;
  }
  refreshMinutes(day, byId);
  const dose = veryLow
    ? "about half the sets and two more reps in reserve"
    : "one set fewer per exercise and one more rep in reserve";
  return {
    program: next,
    changes: [
      {
        kind: "session_lightened",
        description: `Today's ${focus} session is lighter: ${dose}, same load (readiness ${readiness.score}/100). ${why}`,
      },
    ],
  };
}
