import type { RealtimeEventType } from "../realtime/realtime";

// What a room's voice agent hears on /internal/agent/events: the one allow-list. The agent acts
// on few events (the outcome of a program job it started, its call running out of minutes), so
// only those reach it, each with only the fields it reads. The apps' feed carries the full
// profile (weight, injuries, allergies), the inbox and program changes: none of that is the
// agent's business, and a socket that outlives its call must not carry it anywhere.

type Projection = (data: Record<string, unknown>) => Record<string, unknown>;

const pick =
  (...fields: string[]): Projection =>
  (data) =>
    Object.fromEntries(
      fields.filter((field) => field in data).map((field) => [field, data[field]]),
    );

const AGENT_EVENTS: Partial<Record<RealtimeEventType, Projection>> = {
  "job.completed": pick("job_id", "status", "program_id"),
  "job.failed": pick("job_id", "status", "error_message"),
  "voice.budget_exhausted": pick("room_name", "minutes_used", "minutes_limit"),
};

/** The event's data as the agent may see it, or null when the agent gets no such event. */
export function agentEventData(type: RealtimeEventType, data: unknown): unknown {
  const project = AGENT_EVENTS[type];
  if (!project) return null;
  return project(data && typeof data === "object" ? (data as Record<string, unknown>) : {});
}

export const AGENT_TAG = "agent";

/** The hibernation tag naming an agent socket's room (tags survive the actor's eviction). */
export const agentRoomTag = (roomName: string) => `room:${roomName}`;

export const agentRoomOf = (tags: string[]) =>
  tags.find((tag) => tag.startsWith("room:"))?.slice("room:".length) ?? null;

/**
 * Agent sockets one room may hold open: its agent's, and one more for a reconnect that races the
 * old socket's close. More is a leaked or stolen token fanning out every event (60 were seen).
 */
export const AGENT_SOCKETS_PER_ROOM = 2;

/** Close code and reason an agent socket gets when its room ends or its token stops working. */
export const VOICE_SESSION_ENDED_CLOSE = { code: 4004, reason: "voice_session_ended" } as const;
