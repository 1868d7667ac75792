import { type DailySummary, summarizeDay } from "./daily-summary";
import { datesOfSample, readWindow } from "./local-days";
import {
  type HealthSample,
  type HealthSource,
  MAX_INTERVAL_MS,
  type SampleError,
  validateSample,
} from "./samples";

// Applying one upload to a user's stored samples, and which days it changes. The storage is
// passed in (the actor's SQLite, or a Map in tests), so the rules are tested without it:
//
// - the platform id is the key: a re-upload of an id updates it and never adds a second one;
// - of two versions of an id, the one with the later `modified_at` (Health Connect's
//   lastModifiedTime) wins, so a retried old upload arriving late cannot undo an edit; with
//   no modified_at (HealthKit samples never change) the later upload wins;
// - a deleted id leaves a tombstone and is never brought back: neither platform reuses an id,
//   so a later upload of it is an old request retried;
// - a batch's deletions apply after its samples (a sample made and deleted between two syncs
//   ends deleted);
// - every date whose figures the old or the new version touched is summarised again from
//   the samples in its windows.

export type UpsertStatus = "created" | "updated" | "unchanged" | "stale" | "deleted";
export type DeleteStatus = "deleted" | "not_found" | "already_deleted";

export type StoredEntry = { deleted: false; sample: HealthSample } | { deleted: true };

export interface SampleStorage {
  get(id: string): StoredEntry | null;
  put(sample: HealthSample): void;
  /** Removes the sample (if any) and remembers that the id was deleted. */
  tombstone(id: string): void;
  /** Samples starting in [start, end). */
  startingBetween(start: number, end: number): HealthSample[];
  /** Stores a date's summary; null removes it. */
  writeDay(date: string, summary: DailySummary | null): void;
}

export type SampleResult =
  | { index: number; id: string; status: UpsertStatus }
  | { index: number; id: string | null; status: "rejected"; error: SampleError };

export interface IngestResult {
  results: SampleResult[];
  deleted: { id: string; status: DeleteStatus }[];
  /** The local dates summarised again, in order. */
  dates: string[];
}

/** Canonical text of a sample's content, to tell an unchanged re-upload from an edit. */
const content = (s: HealthSample) => JSON.stringify(s);

export function upsertStatus(existing: StoredEntry | null, incoming: HealthSample): UpsertStatus {
  if (!existing) return "created";
  if (existing.deleted) return "deleted";
  const stored = existing.sample;
  if (
    stored.modified_at !== null &&
    (incoming.modified_at === null || incoming.modified_at < stored.modified_at)
  )
    return "stale";
  return content(stored) === content(incoming) ? "unchanged" : "updated";
}

export function ingestBatch(
  storage: SampleStorage,
  batch: { source: HealthSource; samples: readonly unknown[]; deleted_ids: readonly string[] },
  options: { timezone: string; now: number },
): IngestResult {
  const touched = new Set<string>();
  const touch = (sample: HealthSample) => {
    for (const date of datesOfSample(sample, options.timezone)) touched.add(date);
  };
  const results: SampleResult[] = batch.samples.map((raw, index) => {
    const checked = validateSample(raw, batch.source, options.now);
    if (!checked.ok) return { index, id: checked.id, status: "rejected", error: checked.error };
    const existing = storage.get(checked.sample.id);
    const status = upsertStatus(existing, checked.sample);
    if (status === "created" || status === "updated") {
      if (existing && !existing.deleted) touch(existing.sample);
      storage.put(checked.sample);
      touch(checked.sample);
    }
    return { index, id: checked.sample.id, status };
  });
  const deleted = [...new Set(batch.deleted_ids)].map((id) => {
    const existing = storage.get(id);
    if (existing && !existing.deleted) touch(existing.sample);
    if (!existing?.deleted) storage.tombstone(id);
    const status: DeleteStatus = !existing
      ? "not_found"
      : existing.deleted
        ? "already_deleted"
        : "deleted";
    return { id, status };
  });
  const dates = [...touched].sort();
  for (const date of dates) storage.writeDay(date, rebuildDay(storage, date, options.timezone));
  return { results, deleted, dates };
}

/** A date's summary from the stored samples of its windows. */
export function rebuildDay(
  storage: Pick<SampleStorage, "startingBetween">,
  date: string,
  timezone: string,
): DailySummary | null {
  const window = readWindow(date, timezone, MAX_INTERVAL_MS);
  return summarizeDay(storage.startingBetween(window.start, window.end), date, timezone);
}
