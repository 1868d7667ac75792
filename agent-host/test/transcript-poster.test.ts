import { describe, expect, it } from "vitest";
import { BackendError, type TranscriptTurn } from "../src/backend";
import { TranscriptPoster } from "../src/transcript-poster";

// Posting a call's turns never holds up the conversation and survives a flaky backend.

const turn = (turn_id: string): TranscriptTurn => ({
  turn_id,
  role: "user",
  text: ` ${"a".repeat(2100)} `,
  spoken_at: "2026-11-23T18:30:05.000Z",
});

describe("TranscriptPoster", () => {
  it("retries a failed post with the same turn id, and gives up on a refusal at once", async () => {
    const posted: TranscriptTurn[] = [];
    const failures = [new TypeError("fetch failed"), new BackendError("503", 503)];
    const lines: string[] = [];
    const poster = new TranscriptPoster({
      backend: {
        postTurn: async (t) => {
          posted.push(t);
          if (t.turn_id === "refused") throw new BackendError("403 session_ended", 403);
          const failure = failures.shift();
          if (failure) throw failure;
          return { stored: true };
        },
      },
      log: (event) => lines.push(event),
      retryDelaysMs: [1, 1, 1],
    });
    poster.post(turn("t1"));
    poster.post(turn("refused"));
    poster.post({ ...turn("silent"), text: "   " });
    await poster.flush();
    expect(posted.map((t) => t.turn_id)).toEqual(["t1", "refused", "t1", "t1"]);
    expect(posted[0]?.text).toHaveLength(2000);
    expect(lines).toEqual(["transcript_post_failed"]);
  });
});
