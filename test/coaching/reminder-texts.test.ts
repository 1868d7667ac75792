import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../engine/i18n/locale";
import type { FirstLift, ReminderContent } from "../../engine/reminders/outcomes";
import { reminderTexts } from "../../engine/reminders/texts";

const bench: FirstLift = {
  name: "Barbell Bench Press",
  sets: 3,
  rep_min: 8,
  rep_max: 8,
  last_load_kg: 80,
};
const metric = (locale: string) => ({ locale, units: "metric" as const });

describe("reminder texts", () => {
  it.each([
    ["en", "Today: upper body", "Barbell Bench Press 80 kg × 8 to start. Ready when you are!"],
    [
      "de",
      "Heute: Oberkörper",
      "Zum Start: Barbell Bench Press 80 kg × 8. Leg los, wenn du bereit bist!",
    ],
    ["es", "Hoy: tren superior", "Para empezar: Barbell Bench Press 80 kg × 8. ¡Cuando quieras!"],
    // French puts a narrow no-break space between a number and its unit.
    [
      "fr",
      "Aujourd'hui : haut du corps",
      "Pour commencer : Barbell Bench Press 80\u202fkg × 8. Quand tu veux !",
    ],
  ])("names today's focus and first lift with its last load in %s", (locale, title, body) => {
    const workout: ReminderContent = {
      type: "workout",
      focus: "upper",
      deload: false,
      first: bench,
    };
    expect(reminderTexts(workout, metric(locale))).toEqual({ title, body });
  });

  it("gives the load in pounds to an imperial user and the sets when there is no load yet", () => {
    const workout: ReminderContent = {
      type: "workout",
      focus: "upper",
      deload: false,
      first: bench,
    };
    expect(reminderTexts(workout, { locale: "en-US", units: "imperial" }).body).toBe(
      "Barbell Bench Press 176.4 lb × 8 to start. Ready when you are!",
    );
    const fresh: ReminderContent = {
      ...workout,
      first: { ...bench, last_load_kg: null, rep_min: 6, rep_max: 10 },
    };
    expect(reminderTexts(fresh, metric("en")).body).toBe(
      "Start with Barbell Bench Press: 3 sets of 6–10. Ready when you are!",
    );
    expect(reminderTexts(fresh, metric("de")).body).toBe(
      "Zum Start: Barbell Bench Press, 3 Sätze à 6–10. Leg los, wenn du bereit bist!",
    );
  });

  it("writes meal, nudge and streak texts with the locale's plurals and day names", () => {
    const lunch: ReminderContent = { type: "meal", slot: "lunch", number: 2, of: 3 };
    expect(reminderTexts(lunch, metric("en"))).toEqual({
      title: "Lunch time",
      body: "Time for meal 2 of 3. Log it once you have eaten.",
    });
    expect(reminderTexts(lunch, metric("fr")).title).toBe("À table : Déjeuner");
    const nudge: ReminderContent = { type: "nudge", focus: "legs", missed_date: "2026-03-03" };
    expect(reminderTexts(nudge, metric("es")).body).toBe(
      "Tu sesión de piernas del martes no se hizo. No pasa nada: un entrenamiento corto hoy te devuelve al camino.",
    );
    expect(reminderTexts(nudge, metric("de")).body).toContain("am Dienstag");
    const streak: ReminderContent = { type: "streak", focus: "push", streak: 5 };
    expect(reminderTexts(streak, metric("fr")).body).toBe(
      "5 séances prévues faites d'affilée. La séance (poussée) d'aujourd'hui prolonge la série, et il reste du temps ce soir.",
    );
  });

  it("fills every hole of every kind in every language", () => {
    const contents: ReminderContent[] = [
      { type: "workout", focus: "full_body", deload: true, first: bench },
      { type: "workout", focus: "pull", deload: false, first: null },
      { type: "meal", slot: "evening_snack", number: 6, of: 6 },
      { type: "hydration" },
      { type: "checkin" },
      { type: "nudge", focus: "lower", missed_date: "2026-03-08" },
      { type: "streak", focus: "legs", streak: 2 },
    ];
    for (const language of LANGUAGES)
      for (const content of contents) {
        const { title, body } = reminderTexts(content, metric(language));
        expect([language, content.type, title, body].join(" ")).not.toMatch(/[{}]|undefined/);
        expect(title.length).toBeGreaterThan(0);
        expect(body.length).toBeGreaterThan(0);
      }
  });
});
