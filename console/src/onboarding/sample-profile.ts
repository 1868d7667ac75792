import { WEEKDAYS, type Weekday } from "../../../kernel/dates";
import { weekdayIn } from "../vocabulary";
import type { StepName, StepValues } from "./steps";

// "Use sample profile": a realistic user for developers, in the browser's timezone, training
// four days a week starting today, so that right after onboarding there is a workout today.

function trainingDaysFromToday(timezone: string): Weekday[] {
  const today = WEEKDAYS.indexOf(weekdayIn(timezone));
  return [0, 2, 4, 6].map((offset) => WEEKDAYS[(today + offset) % 7] as Weekday);
}

export function sampleProfile(
  timezone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): Record<StepName, StepValues> {
  return {
    basics: {
      age: "32",
      sex: "female",
      unit_preference: "metric",
      height: "168",
      weight: "64",
      timezone,
    },
    goals: {
      primary_goal: "muscle_gain",
      secondary_goal: "strength",
      goal_raw: "Get stronger and put on some muscle without losing my running fitness.",
      target_weight: "67",
    },
    experience: {
      fitness_level: "intermediate",
      training_history: "Two years of gym training, mostly machines; runs 5 km on weekends.",
      injuries: ["knee"],
    },
    schedule: {
      days_per_week: "4",
      preferred_weekdays: trainingDaysFromToday(timezone),
      session_minutes: "60",
      preferred_time_of_day: "evening",
    },
    equipment: {
      location: "gym",
      equipment: ["barbell", "dumbbell", "cable", "machine", "bench", "pull_up_bar", "body_only"],
    },
    nutrition: {
      diet_type: "omnivore",
      allergies: ["peanuts"],
      disliked_foods: "liver, olives",
      meals_per_day: "4",
    },
    lifestyle: {
      activity_level: "moderate",
      sleep_hours: "7.5",
      energy_level: "4",
    },
    reminders: {
      workout: true,
      meals: true,
      hydration: false,
      "quiet_hours.start": "22:00",
      "quiet_hours.end": "07:00",
    },
  };
}
