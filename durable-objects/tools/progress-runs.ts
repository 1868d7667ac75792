import { adherence, plannedSessions, streaks } from "../../engine/coaching/progress";
import { personalRecordsFrom } from "../../engine/coaching/progress-summary";
import type { progressTools } from "../../engine/tools/progress-tools";
import { addDays } from "../../kernel/dates";
import { ok } from "../../kernel/result";
import { completedSessions, summariesSince } from "../tracking/queries";
import type { ToolRuns } from "./tool-context";

// Progress in brief, for a coach to talk about.

export const progressRuns: ToolRuns<typeof progressTools> = {
  async get_progress(_args, context) {
    const [program, plan] = await Promise.all([context.activeProgram(), context.plan()]);
    const done = program ? completedSessions(context.tracking.db, program.id) : [];
    // The day summaries, as GET /v1/progress reads them: no scan of the sets.
    const days = summariesSince(context.tracking.db, addDays(plan.date, -90));
    const planned = program ? plannedSessions(program, plan.date) : [];
    const records = personalRecordsFrom(days)
      .sort((a, b) => b.e1rm_date.localeCompare(a.e1rm_date))
      .slice(0, 3);
    return ok({
      last_7_days: adherence(planned, done, plan.date, 7),
      last_28_days: adherence(planned, done, plan.date, 28),
      streak: streaks(planned, done, plan.date),
      recent_records: records.map((r) => ({
        exercise_id: r.exercise_id,
        e1rm_kg: r.e1rm_kg,
        date: r.e1rm_date,
      })),
    });
  },
};
