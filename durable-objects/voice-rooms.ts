// The user's voice rooms in the actor: which are active (so status queries ask LiveKit about
// this user's rooms only) and which have ended (the agent token of an ended room is refused).
// `agent_type` is the coach speaking now: it starts as the requested one and follows in-call
// hand-offs, so the agent API serves (and enforces) the tools of the coach actually talking.

export type VoiceRoom = {
  room_name: string;
  agent_type: string;
  mode: string;
  created_at: string;
  expires_at: string;
  status: "active" | "ended";
  ended_at: string | null;
};

export class VoiceRooms {
  constructor(private readonly sql: SqlStorage) {}

  record(room: Omit<VoiceRoom, "status" | "ended_at">): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO voice_rooms (room_name, agent_type, mode, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      room.room_name,
      room.agent_type,
      room.mode,
      room.created_at,
      room.expires_at,
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
      "UPDATE voice_rooms SET status = 'ended', ended_at = coalesce(ended_at, ?) WHERE room_name = ?",
      at.toISOString(),
      roomName,
    );
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
    this.sql.exec("UPDATE voice_rooms SET agent_type = ? WHERE room_name = ?", agentType, roomName);
    return room.agent_type;
  }
}
