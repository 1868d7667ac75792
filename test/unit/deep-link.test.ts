import { describe, expect, it } from "vitest";
import { consoleRoute } from "../../console/src/notifications/deep-link";
import { MEAL_SLOTS } from "../../engine/reminders/meal-slots";
import { deepLink, PROGRAM_ADAPTED_LINK } from "../../engine/reminders/outcomes";

// Every deep link the backend writes opens a console screen (the console's own paths).

const SCREENS = ["/today", "/progress", "/program"];

describe("deep links in the console", () => {
  it("maps every link a notification can carry to a console screen", () => {
    const links = [
      deepLink({ type: "workout", focus: "upper", deload: false, first: null }),
      deepLink({ type: "nudge", focus: "legs", missed_date: "2026-11-23" }),
      deepLink({ type: "streak", focus: "push", streak: 3 }),
      deepLink({ type: "hydration" }),
      deepLink({ type: "checkin" }),
      ...MEAL_SLOTS.map((slot) => deepLink({ type: "meal", slot, number: 1, of: 3 })),
      PROGRAM_ADAPTED_LINK,
    ];
    for (const link of links) expect(SCREENS).toContain(consoleRoute(link));
    expect(consoleRoute("app://workout/today")).toBe("/today");
    expect(consoleRoute("app://body/weight/log")).toBe("/progress");
    expect(consoleRoute("app://program")).toBe("/program");
  });

  it("opens nothing for a link it does not know, or none", () => {
    expect(consoleRoute("app://settings")).toBeNull();
    expect(consoleRoute("https://example.com/today")).toBeNull();
    expect(consoleRoute(null)).toBeNull();
  });
});
