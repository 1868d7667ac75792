// Body weights from the phone join the body-weight series the user logs by hand: one series,
// each entry showing where it came from. On a date with a manual entry the manual entries
// are the day's (the user stepped on the scale and told us; a smart scale's reading the same
// day is the same weighing or a less deliberate one), so health entries of that date are
// left out of the series; on other dates the health entries stand.

export type WeightSource = "manual" | "healthkit" | "health_connect";

export function bodyWeightSeries<T extends { local_date: string; source: WeightSource }>(
  entries: readonly T[],
): T[] {
  const manualDates = new Set(
    entries.filter((e) => e.source === "manual").map((e) => e.local_date),
  );
  return entries.filter((e) => e.source === "manual" || !manualDates.has(e.local_date));
}
