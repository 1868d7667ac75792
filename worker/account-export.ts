import { database } from "../d1/client";
import { findProgram, listPrograms } from "../d1/programs";
import type { UserRecord } from "../d1/user-record";
import { listVoiceHistory } from "../d1/voice-sessions";
import { type Cursor, decodeCursor, type Page, type PageJson, pageJson } from "../kernel/pages";
import { type ActorClient, actorFor } from "./actor";

// Everything held about a user, as one JSON document written piece by piece: each list is
// read a page at a time and streamed out, so a user with years of logs never has them all
// in memory at once. Sections: docs in the OpenAPI document (AccountExport).

const PAGE = 100;
export const EXPORT_FORMAT = "fitness-coach-export/1";

/** A page as every list answers it. */
type Pager<T> = (after: Cursor | undefined) => Promise<PageJson<T>>;

/** A D1 page (`nextCursor`) as the actor's lists answer theirs. */
const fromD1 =
  <T>(list: (after: Cursor | undefined) => Promise<Page<T>>): Pager<T> =>
  async (after) =>
    pageJson(await list(after), (item) => item);

/** A conversation with every event: its detail pages them, the export wants them all. */
async function wholeConversation(actor: ActorClient, id: string) {
  const first = await actor.chat.get(id, { limit: PAGE });
  if (!first) return null;
  const { events_next_cursor: _, ...conversation } = first;
  let next = first.events_next_cursor;
  while (next) {
    const page = await actor.chat.get(id, {
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
  present: (item: T) => Promise<unknown> | unknown = (item) => item,
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
    const next = page.next_cursor ? decodeCursor(page.next_cursor) : null;
    if (!next) break;
    after = next;
  }
  yield "]";
}

async function* exportChunks(env: Env, user: UserRecord) {
  const userId = user.id;
  const db = database(env.DB);
  const actor = actorFor(env, userId);
  const [profile, onboarding, reminders] = await Promise.all([
    actor.profile.get(),
    actor.onboarding.get(),
    actor.reminders.get(),
  ]);
  yield `{"format":${JSON.stringify(EXPORT_FORMAT)},"exported_at":${JSON.stringify(new Date().toISOString())}`;
  yield `,"account":${JSON.stringify(user)}`;
  yield `,"profile":${JSON.stringify(profile)}`;
  yield `,"onboarding":${JSON.stringify(onboarding)}`;
  yield `,"reminders":${JSON.stringify(reminders.preferences)}`;
  yield* listSection(
    "programs",
    fromD1((after) => listPrograms(db, userId, { limit: PAGE, ...(after ? { after } : {}) })),
    async (summary) => (await findProgram(db, userId, summary.id)) ?? summary,
  );
  yield* listSection("program_jobs", (after) => actor.programs.jobs({ limit: PAGE, after }));
  // The logs live in the actor, which answers them as the API shows them: one RPC a keyset
  // page, never the whole history at once.
  yield* listSection("workout_sessions", (after) =>
    actor.tracking.listSessions({ limit: PAGE, after }),
  );
  yield* listSection("workout_sets", async (after) => {
    const page = await actor.tracking.listSets({ limit: PAGE, after });
    return page.ok ? page.value : { items: [], next_cursor: null };
  });
  yield* listSection("meal_logs", (after) =>
    actor.tracking.listMeals({ limit: PAGE, after }, false),
  );
  yield* listSection("body_weights", (after) =>
    actor.tracking.listBodyWeights({ limit: PAGE, after }),
  );
  yield* listSection("notifications", (after) =>
    actor.notifications.list({ limit: PAGE, unreadOnly: false, after }),
  );
  yield* listSection("devices", (after) => actor.devices.list({ limit: PAGE, after }));
  yield* listSection(
    "conversations",
    (after) => actor.chat.list({ limit: PAGE, after }),
    async (conversation) => (await wholeConversation(actor, conversation.id)) ?? conversation,
  );
  yield* listSection(
    "voice_sessions",
    fromD1((after) => listVoiceHistory(db, userId, { limit: PAGE, after })),
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
    fromD1((after) => actor.voice.history({ limit: PAGE, after })),
    async (room) => {
      const call = await actor.voice.transcript(room.room_name);
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
