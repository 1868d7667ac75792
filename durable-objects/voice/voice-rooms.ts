// The user's voice rooms in the actor: which are active (so status queries ask LiveKit about
// this user's rooms only) and which have ended (the agent token of an ended room is refused).
// `agent_type` is the coach speaking now: it starts as the requested one and follows in-call
// hand-offs, so the agent API serves (and enforces) the tools of the coach actually talking.
// Ended rooms stay as the call history: every coach that spoke, the length and a summary.

import { afterCursorSql, type Cursor, type Page, toPage } from "../../kernel/pages";

export type VoiceRoom = {
  room_name: string;
  agent_type: string;
  mode: string;
  created_at: string;
  expires_at: string;
  status: "active" | "ended";
  ended_at: string | null;
  /** JSON array of the coaches that spoke, in order. */
  coaches: string;
  duration_seconds: number | null;
  summary: string | null;
  /** 0 once the transcript was dropped (older than the last VOICE_TRANSCRIPTS_KEPT calls). */
  transcript_kept: number;
};

export type NewVoiceRoom = Pick<
  VoiceRoom,
  "room_name" | "agent_type" | "mode" | "created_at" | "expires_at"
>;

export type VoiceHistoryStatus = "active" | "ended" | undefined;

/**
 * The history's order: live rooms first (oldest first), then ended ones (latest end first).
 * A cursor names its segment ("a:" or "e:" before the time), so a page may span both.
 */
export const historyKey = (room: VoiceRoom): Cursor =>
  room.status === "active"
    ? { sort: `a:${room.created_at}`, id: room.room_name }
    : { sort: `e:${room.ended_at}`, id: room.room_name };

const segmentCursor = (after: Cursor | undefined, prefix: "a:" | "e:") =>
  after?.sort.startsWith(prefix) ? { sort: after.sort.slice(2), id: after.id } : undefined;

export class VoiceRooms {
  constructor(private readonly sql: SqlStorage) {}

  record(room: NewVoiceRoom): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO voice_rooms (room_name, agent_type, mode, created_at, expires_at, coaches) VALUES (?, ?, ?, ?, ?, json_array(?))",
      room.room_name,
      room.agent_type,
      room.mode,
      room.created_at,
      room.expires_at,
      room.agent_type,
    );
  }

  get(roomName: string): VoiceRoom | null {
    return (
      this.sql
        .exec<VoiceRoom>("SELECT * FROM voice_rooms WHERE room_name = ?", roomName)
        .toArray()[0] ?? null
    );
  }

  /** Active and not past their token expiry. */
  active(now = new Date()): VoiceRoom[] {
    return this.sql
      .exec<VoiceRoom>(
        "SELECT * FROM voice_rooms WHERE status = 'active' AND expires_at > ? ORDER BY created_at",
        now.toISOString(),
      )
      .toArray();
  }

  remove(roomName: string): void {
    this.sql.exec("DELETE FROM voice_rooms WHERE room_name = ?", roomName);
  }

  end(roomName: string, at = new Date()): void {
    this.sql.exec(
      `UPDATE voice_rooms SET status = 'ended', ended_at = coalesce(ended_at, ?),
         duration_seconds = coalesce(duration_seconds,
           max(0, CAST(round((julianday(?) - julianday(created_at)) * 86400) AS INTEGER)))
       WHERE room_name = ?`,
      at.toISOString(),
      at.toISOString(),
      roomName,
    );
  }

  /** Rooms still marked active whose token expired: they ended at their expiry. */
  expired(now = new Date()): VoiceRoom[] {
    return this.sql
      .exec<VoiceRoom>(
        "SELECT * FROM voice_rooms WHERE status = 'active' AND expires_at <= ?",
        now.toISOString(),
      )
      .toArray();
  }

  setSummary(roomName: string, summary: string): void {
    this.sql.exec("UPDATE voice_rooms SET summary = ? WHERE room_name = ?", summary, roomName);
  }

  /** Ended calls after the `keep` latest whose transcript is still held. */
  beyondKept(keep: number): string[] {
    return this.sql
      .exec<{ room_name: string }>(
        `SELECT room_name FROM voice_rooms WHERE status = 'ended' AND transcript_kept = 1
           AND room_name NOT IN (SELECT room_name FROM voice_rooms WHERE status = 'ended'
             ORDER BY ended_at DESC, room_name DESC LIMIT ?)`,
        keep,
      )
      .toArray()
      .map((row) => row.room_name);
  }

  transcriptDropped(roomName: string): void {
    this.sql.exec("UPDATE voice_rooms SET transcript_kept = 0 WHERE room_name = ?", roomName);
  }

  /** The latest ended calls with a summary, for the coaching context. */
  recentEnded(limit: number): VoiceRoom[] {
    return this.sql
      .exec<VoiceRoom>(
        `SELECT * FROM voice_rooms WHERE status = 'ended' AND summary IS NOT NULL
         ORDER BY ended_at DESC, room_name DESC LIMIT ?`,
        limit,
      )
      .toArray();
  }

  /** A page of the history in historyKey order, optionally one status only. */
  page(options: { limit: number; after?: Cursor; status?: VoiceHistoryStatus }): Page<VoiceRoom> {
    const { limit, after, status } = options;
    const rows: VoiceRoom[] = [];
    const inEnded = after?.sort.startsWith("e:") ?? false;
    if (status !== "ended" && !inEnded) {
      const from = afterCursorSql(segmentCursor(after, "a:"), "created_at", "room_name", "asc");
      rows.push(
        ...this.sql
          .exec<VoiceRoom>(
            `SELECT * FROM voice_rooms WHERE status = 'active' AND ${from.where}
             ORDER BY created_at, room_name LIMIT ?`,
            ...from.params,
            limit + 1,
          )
          .toArray(),
      );
    }
    if (status !== "active" && rows.length <= limit) {
      const from = afterCursorSql(segmentCursor(after, "e:"), "ended_at", "room_name", "desc");
      rows.push(
        ...this.sql
          .exec<VoiceRoom>(
            `SELECT * FROM voice_rooms WHERE status = 'ended' AND ${from.where}
             ORDER BY ended_at DESC, room_name DESC LIMIT ?`,
            ...from.params,
            limit + 1 - rows.length,
          )
          .toArray(),
      );
    }
    return toPage(rows, limit, historyKey);
  }

  /** The room if it is active and not past its token expiry, else null. */
  live(roomName: string, now = new Date()): VoiceRoom | null {
    const room = this.get(roomName);
    return room && room.status === "active" && room.expires_at > now.toISOString() ? room : null;
  }

  /** Records the coach now speaking in a live room; returns the coach it replaced. */
  setCoach(roomName: string, agentType: string): string | null {
    const room = this.live(roomName);
    if (!room) return null;
    this.sql.exec(
      `UPDATE voice_rooms SET agent_type = ?,
         coaches = CASE WHEN EXISTS (SELECT 1 FROM json_each(coaches) WHERE value = ?) THEN coaches
           ELSE json_insert(coaches, '$[#]', ?) END
       WHERE room_name = ?`,
      agentType,
      agentType,
      agentType,
      roomName,
    );
    return room.agent_type;
  }
}
