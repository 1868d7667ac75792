import { z } from "zod";
import { WEEKDAYS, weekdaySchema } from "../../kernel/dates";
import { fail, ok } from "../../kernel/result";
import { goalSchema } from "../coaching/vocabulary";
import { defineTool } from "./define-tool";

// Programs: start a new one in the background, follow its job, move this week's session.

export const programTools = [
  defineTool({
    name: "generate_workout_program",
    description:
      "Start generating a new training program in the background; returns a job to check on. Asking twice returns the same job.",
    input: z
      .object({
        goal: goalSchema.optional(),
        days_per_week: z.number().int().min(2).max(6).optional(),
        duration_weeks: z.number().int().min(4).max(16).optional(),
      })
      .strict(),
    async run(args, context) {
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
  }),
  defineTool({
    name: "check_program_status",
    description: "Progress of a program generation job (the latest one when no job_id is given).",
    input: z.object({ job_id: z.string().max(100).optional() }).strict(),
    async run(args, context) {
      const job = context.programJob(args.job_id ?? null);
      if (!job) return fail("job_not_found", "There is no program being generated.");
      const { job_id, status, progress, stage, program_id, error_message } = job;
      return ok({ job_id, status, progress, stage, program_id, error_message });
    },
  }),
  defineTool({
    name: "reschedule_workout",
    description: "Move this week's session from one weekday to another free day of this week.",
    input: z.object({ from_weekday: weekdaySchema, to_weekday: weekdaySchema }).strict(),
    async run({ from_weekday: from, to_weekday: to }, context) {
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
  }),
];
