import type { LiveEvent } from "./agent-events.ts";

// Speaks up when a program job the user started in this call finishes. Jobs are tracked from
// the generate_workout_program tool's result; the backend's job.completed / job.failed event
// may arrive before that result does (a short job finishes in milliseconds), so recent
// outcomes are remembered and a job tracked after its outcome is announced at once.

const REMEMBERED_OUTCOMES = 20;

export type Announcement =
  | { kind: "completed"; jobId: string; programId: string | null }
  | { kind: "failed"; jobId: string; reason: string | null };

export class ProgramAnnouncer {
  readonly #pending = new Set<string>();
  readonly #outcomes = new Map<string, Announcement>();

  private readonly announce: (announcement: Announcement) => void;

  constructor(announce: (announcement: Announcement) => void) {
    this.announce = announce;
  }

  /** A job this call started (or joined, when one was already running). */
  track(jobId: string): void {
    const outcome = this.#outcomes.get(jobId);
    if (outcome) {
      this.#outcomes.delete(jobId);
      this.announce(outcome);
    } else {
      this.#pending.add(jobId);
    }
  }

  onEvent(event: LiveEvent): void {
    if (event.type !== "job.completed" && event.type !== "job.failed") return;
    const jobId = String(event.data.job_id ?? "");
    if (!jobId) return;
    const outcome: Announcement =
      event.type === "job.completed"
        ? { kind: "completed", jobId, programId: (event.data.program_id as string) ?? null }
        : { kind: "failed", jobId, reason: (event.data.error_message as string) ?? null };
    if (this.#pending.delete(jobId)) {
      this.announce(outcome);
      return;
    }
    this.#outcomes.set(jobId, outcome);
    if (this.#outcomes.size > REMEMBERED_OUTCOMES) {
      const oldest = this.#outcomes.keys().next().value;
      if (oldest !== undefined) this.#outcomes.delete(oldest);
    }
  }
}

/** What the coach is asked to say for an announcement. */
export function announcementInstructions(announcement: Announcement): string {
  return announcement.kind === "completed"
    ? "The new workout program the user asked for in this call is ready and active. Tell them so in one short sentence and offer to go through today's session."
    : `The workout program the user asked for could not be built${
        announcement.reason ? ` (${announcement.reason})` : ""
      }. Apologise in one sentence and offer to try again.`;
}
