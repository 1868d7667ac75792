import { describe, expect, it } from "vitest";
import {
  decideMeal,
  decideNudge,
  decideStreak,
  decideWorkout,
  type PastNudge,
  type TodayFacts,
  tooLate,
} from "../../engine/reminders/decide";
import { type MealLogFact, plannedMeals } from "../../engine/reminders/meal-slots";
import { deepLink } from "../../engine/reminders/outcomes";

const session: TodayFacts = {
  status: "session",
  focus: "upper",
  deload: false,
  completed: false,
  in_progress: false,
  first: {
    name: "Barbell Bench Press",
    sets: 3,
    rep_min: 6,
    rep_max: 8,
    last_load_kg: 80,
  },
};

describe("the workout reminder", () => {
  it("names today's focus and first lift when the session is still to do", () => {
    expect(decideWorkout(session)).toEqual({
      send: true,
      content: { type: "workout", focus: "upper", deload: false, first: session.first },
    });
  });

  it("stays silent once today's session is completed or being logged", () => {
    expect(decideWorkout({ ...session, completed: true })).toEqual({
      send: false,
      type: "workout",
      reason: "session_completed",
    });
    expect(decideWorkout({ ...session, in_progress: true })).toMatchObject({
      reason: "session_in_progress",
    });
  });

  it("stays silent when today became a rest day (the session moved away)", () => {
    expect(decideWorkout({ ...session, status: "rest", focus: null })).toMatchObject({
      send: false,
      reason: "rest_day",
    });
  });

  it("stays silent without a program today", () => {
    for (const status of ["no_program", "not_started", "finished"] as const)
      expect(decideWorkout({ ...session, status, focus: null })).toMatchObject({
        reason: "no_active_program",
      });
  });
});

describe("the meal reminder", () => {
  const day = Date.parse("2026-03-03T00:00:00Z");
  const at = (hhmm: string) =>
    day + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
  const meals = plannedMeals({ start: "07:00", end: "22:00" }, 3);
  const lunch = meals[1] as (typeof meals)[number];
  const decide = (logs: MealLogFact[], now = at("13:37")) =>
    decideMeal({
      meal: lunch,
      windowStart: at(lunch.time) - lunch.window_minutes * 60_000,
      now,
      today: "2026-03-03",
      logs,
    });

  it("names three meals breakfast, lunch and dinner at even times", () => {
    expect(meals.map((m) => [m.slot, m.time])).toEqual([
      ["breakfast", "08:00"],
      ["lunch", "13:30"],
      ["dinner", "19:00"],
    ]);
  });

  it("is skipped when a meal was logged in lunch's window", () => {
    expect(
      decide([{ meal: "Sandwich", logged_at: at("12:50"), local_date: "2026-03-03" }]),
    ).toEqual({ send: false, type: "meal", reason: "meal_logged" });
  });

  it("is sent when the only meal logged today was breakfast", () => {
    expect(decide([{ meal: "oats", logged_at: at("08:10"), local_date: "2026-03-03" }])).toEqual({
      send: true,
      content: { type: "meal", slot: "lunch", number: 2, of: 3 },
    });
  });

  it("is skipped when lunch was logged early by name", () => {
    expect(
      decide([{ meal: "Lunch ", logged_at: at("10:00"), local_date: "2026-03-03" }]),
    ).toMatchObject({ reason: "meal_logged" });
  });

  it("does not count yesterday's lunch", () => {
    const yesterday = at("13:00") - 86_400_000;
    expect(
      decide([{ meal: "lunch", logged_at: yesterday, local_date: "2026-03-02" }]),
    ).toMatchObject({
      send: true,
    });
  });
});

describe("the missed-session nudge", () => {
  const missed = { date: "2026-03-02", focus: "lower" as const };
  const nudge = (date: string, read = false): PastNudge => ({
    sent_at: Date.parse(`${date}T09:00:00Z`),
    local_date: date,
    read,
  });
  const decide = (nudges: PastNudge[], lastWorkoutStartedAt: number | null = null) =>
    decideNudge({ missed, today: "2026-03-03", nudges, lastWorkoutStartedAt });

  it("is sent the morning after a missed planned session", () => {
    expect(decide([])).toEqual({
      send: true,
      content: { type: "nudge", focus: "lower", missed_date: "2026-03-02" },
    });
  });

  it("is skipped when nothing was missed", () => {
    expect(
      decideNudge({ missed: null, today: "2026-03-03", nudges: [], lastWorkoutStartedAt: null }),
    ).toMatchObject({ reason: "nothing_missed" });
  });

  it("is sent at most once a day", () => {
    expect(decide([nudge("2026-03-03")])).toMatchObject({ reason: "already_nudged_today" });
  });

  it("backs off after two unanswered nudges in a row", () => {
    expect(decide([nudge("2026-02-28")])).toMatchObject({ send: true });
    expect(decide([nudge("2026-03-01"), nudge("2026-02-27")])).toMatchObject({
      send: false,
      reason: "backed_off",
    });
  });

  it("starts again once a nudge is read or a workout is started after it", () => {
    expect(decide([nudge("2026-03-01", true), nudge("2026-02-27")])).toMatchObject({ send: true });
    const trainedAfter = Date.parse("2026-03-01T18:00:00Z");
    expect(decide([nudge("2026-03-01"), nudge("2026-02-27")], trainedAfter)).toMatchObject({
      send: true,
    });
  });
});

describe("the streak-at-risk reminder", () => {
  it("is sent in the evening when today's session would keep a streak of two or more", () => {
    expect(decideStreak(session, 4)).toEqual({
      send: true,
      content: { type: "streak", focus: "upper", streak: 4 },
    });
  });

  it("is skipped without a streak, once the session is done, or on a rest day", () => {
    expect(decideStreak(session, 1)).toMatchObject({ reason: "no_streak" });
    expect(decideStreak({ ...session, completed: true }, 4)).toMatchObject({
      reason: "session_completed",
    });
    expect(decideStreak({ ...session, status: "rest", focus: null }, 4)).toMatchObject({
      reason: "rest_day",
    });
  });
});

describe("late alarms and deep links", () => {
  it("calls a meal reminder more than 45 minutes late too late", () => {
    const due = Date.parse("2026-03-03T12:00:00Z");
    expect(tooLate("meal", due, due + 45 * 60_000)).toBe(false);
    expect(tooLate("meal", due, due + 46 * 60_000)).toBe(true);
  });

  it("links every kind to its screen", () => {
    expect(deepLink({ type: "workout", focus: "upper", deload: false, first: null })).toBe(
      "app://workout/today",
    );
    expect(deepLink({ type: "meal", slot: "lunch", number: 2, of: 3 })).toBe(
      "app://meals/log?meal=lunch",
    );
    expect(deepLink({ type: "hydration" })).toBe("app://today");
    expect(deepLink({ type: "checkin" })).toBe("app://body/weight/log");
    expect(deepLink({ type: "nudge", focus: "legs", missed_date: "2026-03-02" })).toBe(
      "app://workout/today",
    );
    expect(deepLink({ type: "streak", focus: "legs", streak: 3 })).toBe("app://workout/today");
  });
});
