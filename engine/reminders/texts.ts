import { weekdayOf } from "../../kernel/dates";
import type { UnitPreference } from "../../kernel/units";
import { formatWeight, weekdayName } from "../i18n/intl-format";
import { formatNumber, translator } from "../i18n/translate";
import type { FirstLift, ReminderContent } from "./outcomes";

// A sent reminder's title and body in the user's language, from the catalogs. Exercise names
// are the catalog's own (English) names: the exercise catalog is not translated.

/** "8" for a fixed target, "6–8" for a range, in the locale's digits. */
function repsText(locale: string, lift: FirstLift): string {
  const min = formatNumber(locale, lift.rep_min);
  return lift.rep_min === lift.rep_max ? min : `${min}–${formatNumber(locale, lift.rep_max)}`;
}

export function reminderTexts(
  content: ReminderContent,
  user: { locale: string; units: UnitPreference },
): { title: string; body: string } {
  const { locale } = user;
  const t = translator(locale);
  switch (content.type) {
    case "workout": {
      const focus = t(`focus.${content.focus}`);
      const lift = content.first;
      let body: string;
      if (!lift) body = t("reminder.workout.body_plain");
      else if (lift.last_load_kg !== null && lift.last_load_kg > 0)
        body = t("reminder.workout.body_load", {
          exercise: lift.name,
          load: formatWeight(locale, lift.last_load_kg, user.units),
          reps: repsText(locale, lift),
        });
      else
        body = t("reminder.workout.body", {
          exercise: lift.name,
          count: lift.sets,
          reps: repsText(locale, lift),
        });
      if (content.deload) body = `${body} ${t("reminder.workout.deload")}`;
      return { title: t("reminder.workout.title", { focus }), body };
    }
    case "meal":
      return {
        title: t("reminder.meal.title", { meal: t(`meal.${content.slot}`) }),
        body: t("reminder.meal.body", { number: content.number, count: content.of }),
      };
    case "hydration":
      return { title: t("reminder.hydration.title"), body: t("reminder.hydration.body") };
    case "checkin":
      return { title: t("reminder.checkin.title"), body: t("reminder.checkin.body") };
    case "nudge":
      return {
        title: t("reminder.nudge.title"),
        body: t("reminder.nudge.body", {
          focus: t(`focus.${content.focus}`),
          day: weekdayName(locale, weekdayOf(content.missed_date)),
        }),
      };
    case "streak":
      return {
        title: t("reminder.streak.title"),
        body: t("reminder.streak.body", {
          count: content.streak,
          focus: t(`focus.${content.focus}`),
        }),
      };
  }
}
