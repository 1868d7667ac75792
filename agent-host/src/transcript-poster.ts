import { BackendError, type CoachBackend, type TranscriptTurn } from "./backend.ts";
import type { CallLog } from "./coaching-call.ts";

// The call's final turns go to the backend (the user's call history, the next call's memory)
// beside the conversation, never in its way: a post is not awaited by anyone who speaks, and a
// failed one is retried a few times with the same turn id, which the backend stores once.

const RETRY_DELAYS_MS = [500, 2_000, 5_000];
/** The backend refuses longer turns; a monologue is cut rather than lost. */
const MAX_TURN_CHARS = 2_000;

/** Worth another try: the network, a timeout, a 5xx, 408 or 429; not a refusal. */
const retryable = (error: unknown) =>
  !(error instanceof BackendError) ||
  error.status >= 500 ||
  error.status === 408 ||
  error.status === 429;

export class TranscriptPoster {
  readonly #backend: Pick<CoachBackend, "postTurn">;
  readonly #log: CallLog;
  readonly #delays: number[];
  readonly #pending = new Set<Promise<void>>();

  constructor(options: {
    backend: Pick<CoachBackend, "postTurn">;
    log: CallLog;
    retryDelaysMs?: number[];
  }) {
    this.#backend = options.backend;
    this.#log = options.log;
    this.#delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  /** Posts a turn in the background; returns at once. */
  post(turn: TranscriptTurn): void {
    const text = turn.text.trim().slice(0, MAX_TURN_CHARS);
    if (!text) return;
    const sending = this.#send({ ...turn, text }).finally(() => this.#pending.delete(sending));
    this.#pending.add(sending);
  }

  /** Waits for the posts under way (their retries included). */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  async #send(turn: TranscriptTurn): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#backend.postTurn(turn);
        return;
      } catch (error) {
        const delay = this.#delays[attempt];
        if (delay === undefined || !retryable(error)) {
          this.#log("transcript_post_failed", {
            turn_id: turn.turn_id,
            attempts: attempt + 1,
            error: String(error),
          });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
