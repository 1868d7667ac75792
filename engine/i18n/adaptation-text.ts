import type { ChangeFacts } from "../coaching/adaptation";
import { weekdayName } from "./intl-format";
import { translator } from "./translate";

// A program adaptation's change as the user reads it, in their language: the adaptation
// records what changed (ChangeFacts), this writes it from the catalogs with the locale's
// weekday names.

export function adaptationText(facts: ChangeFacts, locale: string): string {
  const t = translator(locale);
  const day = (weekday: Parameters<typeof weekdayName>[1]) => weekdayName(locale, weekday);
  switch (facts.text) {
    case "session_dropped_week_over":
      return t("adaptation.session_dropped_week_over", { day: day(facts.day), week: facts.week });
    case "session_dropped_no_day":
      return t("adaptation.session_dropped_no_day", {
        day: day(facts.day),
        focus: t(`focus.${facts.focus}`),
      });
    case "session_moved":
      return t("adaptation.session_moved", {
        focus: t(`focus.${facts.focus}`),
        from_day: day(facts.from_day),
        to_day: day(facts.to_day),
      });
    case "exercise_swapped":
      return t("adaptation.exercise_swapped", {
        exercise: facts.exercise,
        replacement: facts.replacement,
        week: facts.week,
      });
    case "exercise_deloaded":
      return t("adaptation.exercise_deloaded", { exercise: facts.exercise, week: facts.week });
    case "return_week":
      return t("adaptation.return_week", { week: facts.week, count: facts.days });
    case "return_week_ease":
      return t("adaptation.return_week_ease", { week: facts.week });
  }
}
