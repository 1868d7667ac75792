import { fail, ok, type Result } from "../../kernel/result";

// What was said in a call, as the agent host posts it: the final user and coach turns, plus
// the tools the coach used (recorded by the actor itself). A turn is stored once by the id the
// agent host gave it, so a retried post changes nothing. Bounded per turn (the route's schema)
// and per call (MAX_TURNS_PER_CALL); only the last VOICE_TRANSCRIPTS_KEPT calls keep theirs.

export const MAX_TURNS_PER_CALL = 500;

export type TurnRole = "user" | "coach" | "tool";

export type VoiceTurnRow = {
  seq: number;
  room_name: string;
  turn_id: string;
  role: TurnRole;
  agent_type: string;
  text: string;
  spoken_at: string;
};

export type VoiceTurn = Pick<VoiceTurnRow, "role" | "agent_type" | "text" | "spoken_at">;

export class VoiceTranscripts {
  constructor(private readonly sql: SqlStorage) {}

  /** Stores a turn once; false when its id was already stored (a retry). */
  add(roomName: string, turn: VoiceTurn & { turn_id: string }): Result<{ stored: boolean }> {
    const known = this.sql
      .exec("SELECT 1 FROM voice_turns WHERE room_name = ? AND turn_id = ?", roomName, turn.turn_id)
      .toArray();
    if (known.length > 0) return ok({ stored: false });
    if (this.count(roomName) >= MAX_TURNS_PER_CALL)
      return fail(
        "transcript_full",
        `A call keeps at most ${MAX_TURNS_PER_CALL} transcript turns.`,
      );
    this.sql.exec(
      "INSERT INTO voice_turns (room_name, turn_id, role, agent_type, text, spoken_at) VALUES (?, ?, ?, ?, ?, ?)",
      roomName,
      turn.turn_id,
      turn.role,
      turn.agent_type,
      turn.text,
      turn.spoken_at,
    );
    return ok({ stored: true });
  }

  count(roomName: string): number {
    return (
      this.sql
        .exec<{ n: number }>("SELECT count(*) AS n FROM voice_turns WHERE room_name = ?", roomName)
        .toArray()[0]?.n ?? 0
    );
  }

  /** The call's turns in the order they were spoken (then stored). */
  turns(roomName: string): VoiceTurn[] {
    return this.sql
      .exec<VoiceTurn>(
        "SELECT role, agent_type, text, spoken_at FROM voice_turns WHERE room_name = ? ORDER BY spoken_at, seq",
        roomName,
      )
      .toArray();
  }

  drop(roomName: string): void {
    this.sql.exec("DELETE FROM voice_turns WHERE room_name = ?", roomName);
  }
}
