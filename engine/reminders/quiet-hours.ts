import { parseHhmm } from "../../kernel/zoned";

/** Inside quiet hours; a span whose end is before its start wraps past midnight. */
export function inQuietHours(time: string, quiet: { start: string; end: string } | null): boolean {
  if (!quiet) return false;
  const t = parseHhmm(time);
  const start = parseHhmm(quiet.start);
  const end = parseHhmm(quiet.end);
  return start <= end ? t >= start && t < end : t >= start || t < end;
}
