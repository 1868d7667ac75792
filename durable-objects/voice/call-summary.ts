import { localDate } from "../../kernel/zoned";
import type { VoiceTurn } from "./voice-transcripts";

// A call's summary, deterministic like text chat's folded history (no model call, so it is
// there with no API key and costs nothing): who coached, what the user asked, which tools
// the coach used. The coaching context of later calls and chats quotes it.

const QUESTIONS = 3;
const QUOTE_CHARS = 80;
export const SUMMARY_CHARS = 400;

const quote = (text: string) => {
  const clean = text.replace(/\s+/g, " ").trim();
  return `"${clean.length > QUOTE_CHARS ? `${clean.slice(0, QUOTE_CHARS - 1)}…` : clean}"`;
};

export function callSummary(input: {
  coaches: string[];
  durationSeconds: number;
  turns: VoiceTurn[];
}): string {
  const minutes = Math.max(1, Math.round(input.durationSeconds / 60));
  const parts = [`${input.coaches.join(" then ")} coach, ${minutes} min`];
  const said = input.turns.filter((turn) => turn.role === "user");
  if (said.length === 0) parts.push("no speech from the user");
  else
    parts.push(
      `user said ${said
        .slice(0, QUESTIONS)
        .map((turn) => quote(turn.text))
        .join(", ")}`,
    );
  const tools = new Map<string, number>();
  for (const turn of input.turns)
    if (turn.role === "tool") tools.set(turn.text, (tools.get(turn.text) ?? 0) + 1);
  if (tools.size > 0)
    parts.push(
      `used ${[...tools].map(([name, n]) => (n > 1 ? `${name} x${n}` : name)).join(", ")}`,
    );
  return parts.join("; ").slice(0, SUMMARY_CHARS);
}

/** "earlier today", "yesterday", "3 days ago": on the user's calendar. */
export function daysAgo(endedAt: string, timezone: string | null, now = new Date()): string {
  const zone = timezone ?? "UTC";
  const days = Math.round(
    (Date.parse(localDate(zone, now)) - Date.parse(localDate(zone, new Date(endedAt)))) /
      86_400_000,
  );
  if (days <= 0) return "earlier today";
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/** One line of the coaching context: "last call, 2 days ago: workout coach, 12 min; ...". */
export const recentCallLine = (
  index: number,
  endedAt: string,
  summary: string,
  timezone: string | null,
) => `${index === 0 ? "last call" : "earlier call"}, ${daysAgo(endedAt, timezone)}: ${summary}`;
