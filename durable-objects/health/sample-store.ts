import type { DailySummary } from "../../engine/health/daily-summary";
import type { SampleStorage, StoredEntry } from "../../engine/health/ingest";
import type { HealthSample } from "../../engine/health/samples";

// The health tables of the actor's storage (migration 10): one row per platform id, the
// normalised sample as JSON or NULL for a tombstone, and one summary row per local date.
// This is the SQLite side of engine/health/ingest.ts's SampleStorage.

export interface DayRow {
  local_date: string;
  timezone: string;
  summary: string;
}

export class SampleStore implements SampleStorage {
  constructor(
    private readonly sql: SqlStorage,
    /** The zone the days written now are summed in. */
    private readonly timezone: string,
  ) {}

  get(id: string): StoredEntry | null {
    const row = this.sql
      .exec<{ data: string | null }>("SELECT data FROM health_samples WHERE id = ?", id)
      .toArray()[0];
    if (!row) return null;
    return row.data === null
      ? { deleted: true }
      : { deleted: false, sample: JSON.parse(row.data) as HealthSample };
  }

  put(sample: HealthSample): void {
    this.sql.exec(
      `INSERT INTO health_samples (id, type, start_ms, end_ms, data, received_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, start_ms = excluded.start_ms,
         end_ms = excluded.end_ms, data = excluded.data, received_at = excluded.received_at`,
      sample.id,
      sample.type,
      sample.start,
      sample.end,
      JSON.stringify(sample),
      new Date().toISOString(),
    );
  }

  tombstone(id: string): void {
    this.sql.exec(
      `INSERT INTO health_samples (id, type, start_ms, end_ms, data, received_at)
       VALUES (?, NULL, NULL, NULL, NULL, ?)
       ON CONFLICT (id) DO UPDATE SET type = NULL, start_ms = NULL, end_ms = NULL, data = NULL,
         received_at = excluded.received_at`,
      id,
      new Date().toISOString(),
    );
  }

  startingBetween(start: number, end: number): HealthSample[] {
    return this.sql
      .exec<{ data: string }>(
        `SELECT data FROM health_samples
         WHERE data IS NOT NULL AND start_ms >= ? AND start_ms < ? ORDER BY start_ms, id`,
        start,
        end,
      )
      .toArray()
      .map((row) => JSON.parse(row.data) as HealthSample);
  }

  writeDay(date: string, summary: DailySummary | null): void {
    if (summary === null) {
      this.sql.exec("DELETE FROM health_days WHERE local_date = ?", date);
      return;
    }
    this.sql.exec(
      `INSERT OR REPLACE INTO health_days (local_date, timezone, summary, updated_at)
       VALUES (?, ?, ?, ?)`,
      date,
      this.timezone,
      JSON.stringify(summary),
      new Date().toISOString(),
    );
  }

  /** Every stored sample (a timezone change re-sums them all; the export). */
  allSamples(): HealthSample[] {
    return this.startingBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  /** Up to `limit` + 1 stored samples after an id, by id (the export's pages). */
  samplesPage(afterId: string | null, limit: number): HealthSample[] {
    return this.sql
      .exec<{ data: string }>(
        "SELECT data FROM health_samples WHERE data IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
        afterId ?? "",
        limit + 1,
      )
      .toArray()
      .map((row) => JSON.parse(row.data) as HealthSample);
  }

  /** Up to `limit` + 1 body weights in [start, end) after (at, id), by time then id. */
  weightsPage(
    range: { start: number; end: number },
    after: { at: number; id: string } | null,
    limit: number,
  ): HealthSample[] {
    const at = after?.at ?? Number.MIN_SAFE_INTEGER;
    return this.sql
      .exec<{ data: string }>(
        `SELECT data FROM health_samples
         WHERE type = 'body_weight' AND data IS NOT NULL AND start_ms >= ? AND start_ms < ?
           AND (start_ms > ? OR (start_ms = ? AND id > ?))
         ORDER BY start_ms, id LIMIT ?`,
        range.start,
        range.end,
        at,
        at,
        after?.id ?? "",
        limit + 1,
      )
      .toArray()
      .map((row) => JSON.parse(row.data) as HealthSample);
  }

  /** Whether some day was summed in another zone than this store's. */
  hasDaysInOtherZone(): boolean {
    return (
      this.sql
        .exec("SELECT 1 FROM health_days WHERE timezone != ? LIMIT 1", this.timezone)
        .toArray().length > 0
    );
  }

  clearDays(): void {
    this.sql.exec("DELETE FROM health_days");
  }

  /** The summaries of the dates in [from, to], oldest first. */
  days(from: string, to: string): DailySummary[] {
    return this.sql
      .exec<{ summary: string }>(
        "SELECT summary FROM health_days WHERE local_date >= ? AND local_date <= ? ORDER BY local_date",
        from,
        to,
      )
      .toArray()
      .map((row) => JSON.parse(row.summary) as DailySummary);
  }

  /** Up to `limit` + 1 dates in [from, to] after `after`, oldest first (a page and whether more). */
  datesPage(from: string, to: string, after: string | null, limit: number): string[] {
    return this.sql
      .exec<{ local_date: string }>(
        `SELECT local_date FROM health_days
         WHERE local_date >= ? AND local_date <= ? AND local_date > ?
         ORDER BY local_date LIMIT ?`,
        from,
        to,
        after ?? "",
        limit + 1,
      )
      .toArray()
      .map((row) => row.local_date);
  }
}
