import type { programTools } from "../../engine/tools/program-tools";
import { WEEKDAYS } from "../../kernel/dates";
import { fail, ok } from "../../kernel/result";
import type { ToolRuns } from "./tool-context";

// Programs: start a new one in the background, follow its job, move this week's session.

export const programRuns: ToolRuns<typeof programTools> = {
  async generate_workout_program(args, context) {
    const submitted = await context.submitProgramJob(args);
    if (!submitted.ok) return submitted;
    const { job, created } = submitted.value;
    return ok({
      job_id: job.job_id,
      status: job.status,
      progress: job.progress,
      already_running: !created,
    });
  },
  async check_program_status(args, context) {
    const job = context.programJob(args.job_id ?? null);
    if (!job) return fail("job_not_found", "There is no program being generated.");
    const { job_id, status, progress, stage, program_id, error_message } = job;
    return ok({ job_id, status, progress, stage, program_id, error_message });
  },
  async reschedule_workout({ from_weekday: from, to_weekday: to }, context) {
    const [program, plan] = await Promise.all([context.activeProgram(), context.plan()]);
    if (!program || plan.week === null)
      return fail("no_active_program", "There is no active program this week.");
    const week = program.weeks.find((w) => w.week === plan.week);
    if (!week?.days.some((d) => d.weekday === from))
      return fail("no_session_that_day", `There is no session on ${from} this week.`);
    if (week.days.some((d) => d.weekday === to))
      return fail("day_taken", `There is already a session on ${to}.`);
    if (WEEKDAYS.indexOf(to) < WEEKDAYS.indexOf(plan.weekday))
      return fail("day_passed", `${to} has already passed this week.`);
    const weeks = program.weeks.map((w) =>
      w.week === plan.week
        ? {
            ...w,
            days: w.days
              .map((d) => (d.weekday === from ? { ...d, weekday: to } : d))
              .sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday)),
          }
        : w,
    );
    await context.saveProgram({ ...program, weeks });
    return ok({ moved: true, week: plan.week, from_weekday: from, to_weekday: to });
  },
};
