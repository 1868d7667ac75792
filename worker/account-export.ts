import { actorFor } from "./actor";
import { database } from "./db/client";
import type { Cursor, Page } from "./db/pages";
import { decodeCursor } from "./db/pages";
import { findProgram, listPrograms } from "./db/programs";
import { listVoiceHistory } from "./db/voice-sessions";
import { maskToken } from "./presenters/device";
import { toProfileRecord } from "./presenters/profile";
import { mealJson, sessionJson, setJson, weightJson } from "./presenters/tracking";
import type { UserRecord } from "./presenters/user";

// Everything held about a user, as one JSON document written piece by piece: each list is
// read a page at a time and streamed out, so a user with years of logs never has them all
// in memory at once. Sections: docs in the OpenAPI document (AccountExport).

const PAGE = 100;
export const EXPORT_FORMAT = "fitness-coach-export/1";

type Pager<T> = (after: Cursor | undefined) => Promise<Page<T>>;

/** Adapts an actor list answering `{items, next_cursor}` to a pager. */
const fromActorPage =
  <T>(
    list: (after: Cursor | undefined) => Promise<{ items: T[]; next_cursor: string | null }>,
  ): Pager<T> =>
  async (after) => {
    const page = await list(after);
    return { items: page.items, nextCursor: page.next_cursor };
  };

/** A conversation with every event: its detail pages them, the export wants them all. */
async function wholeConversation(actor: ReturnType<typeof actorFor>, userId: string, id: string) {
  const first = await actor.getConversation(userId, id, { limit: PAGE });
  if (!first) return null;
  const { events_next_cursor: _, ...conversation } = first;
  let next = first.events_next_cursor;
  while (next) {
    const page = await actor.getConversation(userId, id, {
      limit: PAGE,
      after: decodeCursor(next) ?? undefined,
    });
    conversation.events.push(...(page?.events ?? []));
    next = page?.events_next_cursor ?? null;
  }
  return conversation;
}

async function* listSection<T>(
  name: string,
  pager: Pager<T>,
  present: (item: T) => Promise<unknown> | unknown,
) {
  yield `,${JSON.stringify(name)}:[`;
  let after: Cursor | undefined;
  let first = true;
  for (;;) {
    const page = await pager(after);
    for (const item of page.items) {
      yield `${first ? "" : ","}${JSON.stringify(await present(item))}`;
      first = false;
    }
    const next = page.nextCursor ? decodeCursor(page.nextCursor) : null;
    if (!next) break;
    after = next;
  }
  yield "]";
}

async function* exportChunks(env: Env, user: UserRecord) {
  const userId = user.id;
  const db = database(env.DB);
  const actor = actorFor(env, userId);
  const [profile, onboarding, reminders, now] = await Promise.all([
    actor.getProfile(userId),
    actor.getOnboarding(userId),
    actor.getReminders(userId),
    actor.localNow(userId),
  ]);
  yield `{"format":${JSON.stringify(EXPORT_FORMAT)},"exported_at":${JSON.stringify(new Date().toISOString())}`;
  yield `,"account":${JSON.stringify(user)}`;
  yield `,"profile":${JSON.stringify(profile ? toProfileRecord(profile) : null)}`;
  yield `,"onboarding":${JSON.stringify(onboarding)}`;
  yield `,"reminders":${JSON.stringify(reminders)}`;
  yield* listSection(
    "programs",
    (after) => listPrograms(db, userId, { limit: PAGE, ...(after ? { after } : {}) }),
    async (summary) => (await findProgram(db, userId, summary.id)) ?? summary,
  );
  yield* listSection(
    "program_jobs",
    (after) => actor.listProgramJobs(userId, { limit: PAGE, after }),
    (job) => job,
  );
  // The logs live in the actor: one RPC a keyset page, never the whole history at once.
  yield* listSection(
    "workout_sessions",
    (after) => actor.listWorkoutSessions(userId, { limit: PAGE, after }),
    sessionJson,
  );
  yield* listSection(
    "workout_sets",
    async (after) => {
      const { result } = await actor.listSets(userId, { limit: PAGE, after });
      return result.ok ? result.value : { items: [], nextCursor: null };
    },
    (set) => setJson(set, now.units),
  );
  yield* listSection(
    "meal_logs",
    (after) => actor.listMeals(userId, { limit: PAGE, after }, false),
    mealJson,
  );
  yield* listSection(
    "body_weights",
    async (after) => (await actor.listBodyWeights(userId, { limit: PAGE, after })).page,
    (entry) => weightJson(entry, now.units),
  );
  yield* listSection(
    "notifications",
    fromActorPage((after) =>
      actor.listNotifications(userId, { limit: PAGE, unreadOnly: false, after }),
    ),
    (notification) => notification,
  );
  yield* listSection(
    "devices",
    (after) => actor.listDevices(userId, { limit: PAGE, after }),
    (device) => ({ ...device, token: maskToken(device.token) }),
  );
  yield* listSection(
    "conversations",
    (after) => actor.listConversations(userId, { limit: PAGE, after }),
    async (conversation) =>
      (await wholeConversation(actor, userId, conversation.id)) ?? conversation,
  );
  yield* listSection(
    "voice_sessions",
    (after) => listVoiceHistory(db, userId, { limit: PAGE, after }),
    (row) => ({
      room_name: row.roomName,
      agent_type: row.agentType,
      mode: row.mode,
      status: row.status,
      created_at: row.createdAt,
      started_at: row.startedAt,
      ended_at: row.endedAt,
      duration_seconds: row.durationSeconds,
    }),
  );
  yield* listSection(
    "voice_calls",
    (after) => actor.voiceHistory(userId, { limit: PAGE, after }),
    async (room) => {
      const call = await actor.voiceTranscript(userId, room.room_name);
      return {
        room_name: room.room_name,
        status: room.status,
        mode: room.mode,
        coaches: JSON.parse(room.coaches),
        created_at: room.created_at,
        ended_at: room.ended_at,
        duration_seconds: room.duration_seconds,
        summary: room.summary,
        transcript: call?.turns ?? [],
      };
    },
  );
  yield "}";
}

/** The export as a byte stream, pulled (and so read from D1 and the actor) as it is sent. */
export function exportStream(env: Env, user: UserRecord): ReadableStream<Uint8Array> {
  const chunks = exportChunks(env, user);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
