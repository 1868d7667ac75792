import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DailySummary, summarizeDay } from "../../../engine/health/daily-summary";
import { ingestBatch, type SampleStorage, type StoredEntry } from "../../../engine/health/ingest";
import { datesOfSample } from "../../../engine/health/local-days";
import type { HealthSample, HealthSource } from "../../../engine/health/samples";
import { FAR_FUTURE, HC, HK, sample } from "./support";

// Uploads from a phone arrive retried, duplicated, out of order and with deletions; whatever
// the order, the stored samples and every day's figures must end where the phone's data is.

/** The actor's storage as Maps: samples by id, tombstones, day summaries by date. */
class MapStorage implements SampleStorage {
  samples = new Map<string, HealthSample>();
  tombstones = new Set<string>();
  days = new Map<string, DailySummary>();
  get(id: string): StoredEntry | null {
    if (this.tombstones.has(id)) return { deleted: true };
    const s = this.samples.get(id);
    return s ? { deleted: false, sample: s } : null;
  }
  put(s: HealthSample) {
    this.samples.set(s.id, s);
  }
  tombstone(id: string) {
    this.samples.delete(id);
    this.tombstones.add(id);
  }
  startingBetween(start: number, end: number) {
    return [...this.samples.values()].filter((s) => s.start >= start && s.start < end);
  }
  writeDay(date: string, summary: DailySummary | null) {
    if (summary) this.days.set(date, summary);
    else this.days.delete(date);
  }
}

const ingest = (
  storage: SampleStorage,
  source: HealthSource,
  samples: unknown[],
  deleted: string[] = [],
  timezone = "UTC",
) => ingestBatch(storage, { source, samples, deleted_ids: deleted }, { timezone, now: FAR_FUTURE });

const steps = (id: string, hour: number, value: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: "steps",
  start: `2026-01-15T${String(hour).padStart(2, "0")}:00:00Z`,
  end: `2026-01-15T${String(hour).padStart(2, "0")}:59:00Z`,
  value,
  ...extra,
});

describe("ingesting a batch", () => {
  it("answers each sample and lets a bad one fail alone", () => {
    const storage = new MapStorage();
    const result = ingest(storage, HK, [
      steps("a", 9, 1000),
      { ...steps("b", 10, 1000), value: -1 },
      steps("c", 11, 500),
    ]);
    expect(result.results.map((r) => [r.id, r.status])).toEqual([
      ["a", "created"],
      ["b", "rejected"],
      ["c", "created"],
    ]);
    expect(storage.days.get("2026-01-15")?.steps).toBe(1500);
    expect(result.dates).toEqual(["2026-01-15"]);
  });

  it("updates a re-uploaded id instead of adding it twice, and reports an identical one unchanged", () => {
    const storage = new MapStorage();
    ingest(storage, HK, [steps("a", 9, 1000)]);
    expect(ingest(storage, HK, [steps("a", 9, 1000)]).results[0]?.status).toBe("unchanged");
    expect(ingest(storage, HK, [steps("a", 9, 1200)]).results[0]?.status).toBe("updated");
    expect(storage.samples.size).toBe(1);
    expect(storage.days.get("2026-01-15")?.steps).toBe(1200);
  });

  it("rebuilds both days when an edit moves a sample to another day, dropping a day left empty", () => {
    const storage = new MapStorage();
    ingest(storage, HC, [{ ...steps("a", 9, 1000), modified_at: "2026-01-15T10:00:00Z" }]);
    const moved = {
      ...steps("a", 9, 1000),
      start: "2026-01-16T09:00:00Z",
      end: "2026-01-16T09:59:00Z",
      modified_at: "2026-01-16T10:00:00Z",
    };
    expect(ingest(storage, HC, [moved]).dates).toEqual(["2026-01-15", "2026-01-16"]);
    expect([...storage.days.keys()]).toEqual(["2026-01-16"]);
  });

  it("keeps the later edit when an older version arrives late (Health Connect's lastModifiedTime)", () => {
    const storage = new MapStorage();
    ingest(storage, HC, [{ ...steps("a", 9, 1500), modified_at: "2026-01-15T12:00:00Z" }]);
    const late = ingest(storage, HC, [
      { ...steps("a", 9, 900), modified_at: "2026-01-15T10:00:00Z" },
    ]);
    expect(late.results[0]?.status).toBe("stale");
    expect(storage.days.get("2026-01-15")?.steps).toBe(1500);
  });

  it("deletes by id, never brings a deleted id back, and applies a batch's deletions last", () => {
    const storage = new MapStorage();
    ingest(storage, HK, [steps("a", 9, 1000), steps("b", 10, 700)]);
    const deletion = ingest(storage, HK, [], ["a", "zzz"]);
    expect(deletion.deleted).toEqual([
      { id: "a", status: "deleted" },
      { id: "zzz", status: "not_found" },
    ]);
    expect(storage.days.get("2026-01-15")?.steps).toBe(700);
    // A retried upload of the deleted sample, and one of an id deleted before it ever came.
    const retry = ingest(storage, HK, [steps("a", 9, 1000), steps("zzz", 11, 50)]);
    expect(retry.results.map((r) => r.status)).toEqual(["deleted", "deleted"]);
    expect(storage.days.get("2026-01-15")?.steps).toBe(700);
    const both = ingest(storage, HK, [steps("c", 12, 300)], ["c", "b"]);
    expect(both.results[0]?.status).toBe("created");
    expect(storage.days.has("2026-01-15")).toBe(false);
    expect(ingest(storage, HK, [], ["b"]).deleted[0]?.status).toBe("already_deleted");
  });
});

// Property: random re-uploads converge ------------------------------------------------------

const TIMEZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe"];
/** Ten days around the spring DST change in Europe and the week after the US one. */
const FIRST_HOUR = Date.parse("2026-03-24T00:00:00Z");
const HOURS = 10 * 24;

const iso = (ms: number) => new Date(ms).toISOString();

/** The wire form of one version of a record: type fixed per record, content random. */
const versionArb = (type: string) =>
  fc
    .record({
      hour: fc.integer({ min: 0, max: HOURS }),
      minutes: fc.integer({ min: 1, max: 600 }),
      value: fc.double({ min: 0, max: 0.999, noNaN: true }),
    })
    .map(({ hour, minutes, value }) => {
      const start = FIRST_HOUR + hour * 3_600_000;
      const span = (m: number) => ({ start: iso(start), end: iso(start + m * 60_000) });
      switch (type) {
        case "steps":
          return {
            type,
            ...span(Math.min(minutes, 120)),
            value: Math.round(value * 150 * Math.min(minutes, 120)),
          };
        case "active_energy":
          return {
            type,
            ...span(Math.min(minutes, 120)),
            value: Math.round(value * 20 * Math.min(minutes, 120)),
          };
        case "sleep":
          return {
            type,
            ...span(minutes),
            stage: ["asleepCore", "inBed", "awake", "asleepREM"][Math.floor(value * 4)],
          };
        case "workout":
          return {
            type,
            ...span(Math.min(minutes, 180)),
            workout_type: ["running", "walking", "cycling"][Math.floor(value * 3)],
          };
        case "body_weight":
          return { type, start: iso(start), value: 60 + value * 40 };
        default:
          return { type, start: iso(start), value: 30 + value * 60 };
      }
    });

const recordArb = fc
  .record({
    type: fc.constantFrom(
      "steps",
      "active_energy",
      "sleep",
      "workout",
      "body_weight",
      "resting_heart_rate",
      "hrv_sdnn",
    ),
    versioned: fc.boolean(),
    deleted: fc.boolean(),
    device: fc.constantFrom("Apple Watch", "iPhone"),
  })
  .chain((r) =>
    fc
      .array(versionArb(r.type), { minLength: 1, maxLength: r.versioned ? 3 : 1 })
      .map((versions) => ({ ...r, versions: versions as Record<string, unknown>[] })),
  );

type Op = { kind: "upload"; record: number; version: number } | { kind: "delete"; record: number };

const scenarioArb = fc.array(recordArb, { minLength: 1, maxLength: 20 }).chain((records) => {
  // Every record's last version is delivered, every deletion too; plus random extra deliveries
  // of any version (retries, duplicates) in any order.
  const required: Op[] = records.flatMap((r, i) => [
    { kind: "upload" as const, record: i, version: r.versions.length - 1 },
    ...(r.deleted ? [{ kind: "delete" as const, record: i }] : []),
  ]);
  const extra = fc.array(
    fc.integer({ min: 0, max: records.length - 1 }).chain((i) =>
      fc.oneof(
        fc
          .integer({ min: 0, max: (records[i]?.versions.length ?? 1) - 1 })
          .map((v): Op => ({ kind: "upload", record: i, version: v })),
        ...(records[i]?.deleted ? [fc.constant<Op>({ kind: "delete", record: i })] : []),
      ),
    ),
    { maxLength: 40 },
  );
  return fc.record({
    records: fc.constant(records),
    timezone: fc.constantFrom(...TIMEZONES),
    ops: extra.chain((more) =>
      fc.shuffledSubarray([...required, ...more], { minLength: required.length + more.length }),
    ),
    batchSizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 10 }),
  });
});

describe("random re-uploads", () => {
  it("converge to the phone's samples and the right days whatever the order, duplicates and deletions", () => {
    fc.assert(
      fc.property(scenarioArb, ({ records, timezone, ops, batchSizes }) => {
        const wire = (i: number, v: number) => {
          const r = records[i]!;
          return {
            id: `rec-${i}`,
            ...r.versions[v],
            device: r.device,
            ...(r.versioned
              ? { modified_at: iso(Date.parse("2026-01-01T00:00:00Z") + v * 60_000) }
              : {}),
          };
        };
        const storage = new MapStorage();
        let cursor = 0;
        for (let b = 0; cursor < ops.length; b++) {
          const size = batchSizes[b % batchSizes.length]!;
          const batch = ops.slice(cursor, cursor + size);
          cursor += size;
          ingest(
            storage,
            HC,
            batch.flatMap((op) => (op.kind === "upload" ? [wire(op.record, op.version)] : [])),
            batch.flatMap((op) => (op.kind === "delete" ? [`rec-${op.record}`] : [])),
            timezone,
          );
        }
        // The phone's final data: each kept record's last version.
        const truth = records.flatMap((r, i) =>
          r.deleted ? [] : [sample(wire(i, r.versions.length - 1), HC)],
        );
        expect(new Map([...storage.samples].sort())).toEqual(
          new Map(truth.map((s): [string, HealthSample] => [s.id, s]).sort()),
        );
        const dates = new Set(truth.flatMap((s) => datesOfSample(s, timezone)));
        const expected = new Map<string, DailySummary>();
        for (const date of [...dates].sort()) {
          const summary = summarizeDay(truth, date, timezone);
          if (summary) expected.set(date, summary);
        }
        expect(new Map([...storage.days].sort())).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
