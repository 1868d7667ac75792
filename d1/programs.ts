import { and, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Program } from "../engine/coaching/program-schema";
import type { Goal, Level } from "../engine/coaching/vocabulary";
import { afterCursor, type Cursor, type Page, toPage } from "../kernel/pages";
import type { Database } from "./client";
import { programs } from "./schema";

// Programs in D1. Every function takes the user id: a user never reads another's program.

/** What the model changed of a built program, or why it did not (stored with the program). */
export interface PersonalisationRecord {
  applied: boolean;
  reason?: "timeout" | "refusal" | "invalid_output" | "error" | "no_api_key";
  detail?: string;
  model?: string;
  coach_notes?: string[];
  swaps_applied?: Array<{ from_exercise_id: string; to_exercise_id: string; reason: string }>;
  swaps_rejected?: Array<{ from_exercise_id: string; to_exercise_id: string; why: string }>;
  usage?: { input_tokens: number; output_tokens: number };
}

export interface ProgramRecord {
  id: string;
  job_id: string;
  name: string;
  description: string;
  goal: Goal;
  fitness_level: Level;
  duration_weeks: number;
  days_per_week: number;
  is_active: boolean;
  starts_on: string | null;
  created_at: string;
  activated_at: string | null;
  personalisation: PersonalisationRecord | null;
}

export type FullProgramRecord = ProgramRecord & { weeks: Program["weeks"] };

type Row = typeof programs.$inferSelect;

function toRecord(row: Omit<Row, "content" | "userId">): ProgramRecord {
  return {
    id: row.id,
    job_id: row.jobId,
    name: row.name,
    description: row.description,
    // Stored from the generator's validated output, so the column holds a Goal and a Level.
    goal: row.goal as Goal,
    fitness_level: row.fitnessLevel as Level,
    duration_weeks: row.durationWeeks,
    days_per_week: row.daysPerWeek,
    is_active: row.isActive,
    starts_on: row.startsOn,
    created_at: row.createdAt,
    activated_at: row.activatedAt,
    personalisation: (row.personalisation as PersonalisationRecord | null) ?? null,
  };
}

const toFull = (row: Row): FullProgramRecord => ({
  ...toRecord(row),
  weeks: (row.content as unknown as Program).weeks,
});

/** Stores a generated program; a second call for the same job stores nothing. */
export async function insertProgram(
  db: Database,
  userId: string,
  input: {
    id: string;
    jobId: string;
    program: Program;
    personalisation: Record<string, unknown> | null;
  },
): Promise<void> {
  const { program } = input;
  await db
    .insert(programs)
    .values({
      id: input.id,
      userId,
      jobId: input.jobId,
      name: program.name,
      description: program.description,
      goal: program.goal,
      fitnessLevel: program.fitness_level,
      durationWeeks: program.duration_weeks,
      daysPerWeek: program.days_per_week,
      content: program as unknown as Record<string, unknown>,
      personalisation: input.personalisation,
    })
    .onConflictDoNothing();
}

export async function findProgram(
  db: Database,
  userId: string,
  id: string,
): Promise<FullProgramRecord | null> {
  const rows = await db
    .select()
    .from(programs)
    .where(and(eq(programs.id, id), eq(programs.userId, userId)))
    .limit(1);
  return rows[0] ? toFull(rows[0]) : null;
}

export async function findActiveProgram(
  db: Database,
  userId: string,
): Promise<FullProgramRecord | null> {
  const rows = await db
    .select()
    .from(programs)
    .where(and(eq(programs.userId, userId), eq(programs.isActive, true)))
    .limit(1);
  return rows[0] ? toFull(rows[0]) : null;
}

/** The user's programs, newest first by (created_at, id), without their weeks. */
export async function listPrograms(
  db: Database,
  userId: string,
  page: { limit: number; after?: Cursor },
): Promise<Page<ProgramRecord>> {
  const { content: _content, userId: _userId, ...columns } = getTableColumns(programs);
  const rows = await db
    .select(columns)
    .from(programs)
    .where(
      and(
        eq(programs.userId, userId),
        afterCursor(page.after, programs.createdAt, programs.id, "desc"),
      ),
    )
    .orderBy(desc(programs.createdAt), desc(programs.id))
    .limit(page.limit + 1);
  return toPage(rows.map(toRecord), page.limit, (row) => ({ sort: row.created_at, id: row.id }));
}

/**
 * Makes one program the active one (and no other), starting on the given local date; null,
 * with nothing changed, when the program is not the user's.
 */
export async function activateProgram(
  db: Database,
  userId: string,
  id: string,
  startsOn: string,
): Promise<FullProgramRecord | null> {
  const at = new Date().toISOString();
  const [, activated] = await db.batch([
    db
      .update(programs)
      .set({ isActive: false })
      .where(
        and(
          eq(programs.userId, userId),
          eq(programs.isActive, true),
          sql`${programs.id} <> ${id}`,
          // Only when the target is this user's: an unknown or foreign id changes nothing.
          sql`EXISTS (SELECT 1 FROM programs AS target WHERE target.id = ${id} AND target.user_id = ${userId})`,
        ),
      ),
    db
      .update(programs)
      .set({ isActive: true, startsOn, activatedAt: at })
      .where(and(eq(programs.userId, userId), eq(programs.id, id)))
      .returning(),
  ]);
  return activated[0] ? toFull(activated[0]) : null;
}

/** Replaces a program's weeks after an adaptation (same id, same activation). */
export async function updateProgramContent(
  db: Database,
  userId: string,
  id: string,
  program: Program,
): Promise<FullProgramRecord | null> {
  const rows = await db
    .update(programs)
    .set({ content: program as unknown as Record<string, unknown> })
    .where(and(eq(programs.userId, userId), eq(programs.id, id)))
    .returning();
  return rows[0] ? toFull(rows[0]) : null;
}
