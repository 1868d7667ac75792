import { and, asc, eq, ne, sql } from "drizzle-orm";
import { afterCursor, type Cursor, toPage } from "../kernel/pages";
import type { Database } from "./client";
import { users, voiceSessions, webhookEvents } from "./schema";

// Voice session history in D1. Webhook updates are written so that order does not matter:
// `ended` is final (a late room_started never revives a room), first start and end times win.

export async function insertVoiceSession(
  db: Database,
  userId: string,
  input: { roomName: string; agentType: string; mode: string; createdAt: string },
): Promise<void> {
  await db
    .insert(voiceSessions)
    .values({
      userId,
      roomName: input.roomName,
      agentType: input.agentType,
      mode: input.mode,
      createdAt: input.createdAt,
    })
    .onConflictDoNothing();
}

/** Removes a session that never started (LiveKit failed while it was being set up). */
export async function deleteVoiceSession(db: Database, roomName: string): Promise<void> {
  await db.delete(voiceSessions).where(eq(voiceSessions.roomName, roomName));
}

export async function markVoiceSessionStarted(
  db: Database,
  roomName: string,
  at: string,
): Promise<void> {
  await db
    .update(voiceSessions)
    .set({ status: "active", startedAt: sql`coalesce(${voiceSessions.startedAt}, ${at})` })
    .where(and(eq(voiceSessions.roomName, roomName), ne(voiceSessions.status, "ended")));
}

export async function markVoiceSessionEnded(
  db: Database,
  roomName: string,
  at: string,
): Promise<void> {
  await db
    .update(voiceSessions)
    .set({
      status: "ended",
      endedAt: sql`coalesce(${voiceSessions.endedAt}, ${at})`,
      durationSeconds: sql`coalesce(${voiceSessions.durationSeconds},
        CAST(round((julianday(${at}) - julianday(coalesce(${voiceSessions.startedAt}, ${voiceSessions.createdAt}))) * 86400) AS INTEGER))`,
    })
    .where(eq(voiceSessions.roomName, roomName));
}

export async function recordParticipantJoined(
  db: Database,
  roomName: string,
  isAgent: boolean,
): Promise<void> {
  await db
    .update(voiceSessions)
    .set({
      participantsJoined: sql`${voiceSessions.participantsJoined} + 1`,
      ...(isAgent ? { agentJoined: true } : {}),
    })
    .where(eq(voiceSessions.roomName, roomName));
}

/** Whether an event id was already handled; LiveKit may deliver an event more than once. */
export async function alreadyHandled(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(eq(webhookEvents.id, id))
    .limit(1);
  return rows.length === 1;
}

/**
 * Records an event id as handled, only once its handling succeeded: a failure leaves it
 * unrecorded, so LiveKit's retry of it is handled rather than answered as a duplicate. The room
 * name (it carries the user id) is kept only while its user's account is open: decided in the
 * same statement, so an event recorded after a deletion closed the account keeps no trace of
 * the user, and one recorded before is erased with the account (erase-user.ts). Answers
 * whether the account was open.
 */
export async function recordHandled(
  db: Database,
  id: string,
  event: string,
  room: { name: string; userId: string } | null,
): Promise<boolean> {
  const [row] = await db
    .insert(webhookEvents)
    .values({
      id,
      event,
      roomName: room
        ? sql`(SELECT ${room.name} FROM ${users} WHERE ${users.id} = ${room.userId} AND ${users.accountStatus} != 'deleted')`
        : null,
    })
    .onConflictDoNothing()
    .returning({ roomName: webhookEvents.roomName });
  return row ? row.roomName !== null : true;
}

/** A page of the user's voice session history, oldest first (the data export). */
export async function listVoiceHistory(
  db: Database,
  userId: string,
  query: { limit: number; after?: Cursor },
) {
  const rows = await db
    .select()
    .from(voiceSessions)
    .where(
      and(
        eq(voiceSessions.userId, userId),
        afterCursor(query.after, voiceSessions.createdAt, voiceSessions.roomName, "asc"),
      ),
    )
    .orderBy(asc(voiceSessions.createdAt), asc(voiceSessions.roomName))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({ sort: row.createdAt, id: row.roomName }));
}
