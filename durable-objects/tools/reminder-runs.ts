import type { reminderTools } from "../../engine/tools/reminder-tools";
import { ok } from "../../kernel/result";
import type { ToolRuns } from "./tool-context";

// Reminders, switched on and off by the scheduler coach.

export const reminderRuns: ToolRuns<typeof reminderTools> = {
  async update_reminders(args, context) {
    const prefs = { ...(await context.reminderPrefs()), ...args };
    await context.setReminderPrefs(prefs);
    return ok({ workout: prefs.workout, meals: prefs.meals, hydration: prefs.hydration });
  },
};
