import { describe, expect, it } from "vitest";
import { type DailySummary, summarizeDay } from "../../../engine/health/daily-summary";
import { ingestBatch, type SampleStorage } from "../../../engine/health/ingest";
import { readinessFromDays } from "../../../engine/health/readiness";
import { generateSampleWeek } from "../../../engine/health/sample-week";
import { type HealthSample, validateSample } from "../../../engine/health/samples";
import { addDays } from "../../../kernel/dates";

// The generated week the console uploads must be data a real phone could send: every sample
// valid, nothing in the future, figures in human ranges, in both platforms' terms.

const NOW = Date.parse("2026-03-10T09:30:00Z"); // 10:30 in Berlin
const TZ = "Europe/Berlin";

function store() {
  const samples = new Map<string, HealthSample>();
  const days = new Map<string, DailySummary>();
  const storage: SampleStorage = {
    get: (id) => {
      const sample = samples.get(id);
      return sample ? { deleted: false, sample } : null;
    },
    put: (s) => void samples.set(s.id, s),
    tombstone: (id) => void samples.delete(id),
    startingBetween: (a, b) => [...samples.values()].filter((s) => s.start >= a && s.start < b),
    writeDay: (date, summary) => void (summary ? days.set(date, summary) : days.delete(date)),
  };
  return { storage, days };
}

describe.each(["healthkit", "health_connect"] as const)("a generated %s week", (platform) => {
  const week = generateSampleWeek({ platform, now: NOW, timezone: TZ, seed: 1 });

  it("is a valid upload of under 1,000 samples with nothing in the future", () => {
    expect(week.samples.length).toBeGreaterThan(100);
    expect(week.samples.length).toBeLessThanOrEqual(1000);
    for (const raw of week.samples) {
      const checked = validateSample(raw, week.source, NOW);
      expect(checked.ok ? null : checked.error).toBeNull();
    }
    expect(new Set(week.samples.map((s) => s.id)).size).toBe(week.samples.length);
    expect(generateSampleWeek({ platform, now: NOW, timezone: TZ, seed: 1 })).toEqual(week);
  });

  it("summarises to human days: steps, sleep, heart and weight in their usual ranges", () => {
    const { storage, days } = store();
    const result = ingestBatch(storage, { ...week, deleted_ids: [] }, { timezone: TZ, now: NOW });
    expect(result.results.every((r) => r.status === "created")).toBe(true);
    const full = [...days.values()].filter((d) => d.date < "2026-03-10");
    expect(full).toHaveLength(6);
    for (const d of full) {
      expect(d.steps).toBeGreaterThan(4000);
      expect(d.steps).toBeLessThan(25_000);
      expect(d.sleep_minutes).toBeGreaterThan(360);
      expect(d.sleep_minutes).toBeLessThan(540);
      expect(d.sleep_efficiency).toBeGreaterThan(0.85);
      expect(d.resting_heart_rate).toBeGreaterThan(50);
      expect(d.resting_heart_rate).toBeLessThan(65);
      expect(d.body_weight_kg).toBeGreaterThan(78);
      expect(d.body_weight_kg).toBeLessThan(82);
      expect(d.active_energy_kcal).toBeGreaterThan(200);
    }
    expect(days.get("2026-03-09")?.workouts.map((w) => [w.category, w.minutes])).toEqual([
      ["running", 55],
    ]);
    expect(Math.max(...full.map((d) => d.steps ?? 0))).toBeGreaterThan(15_000);
    // Today is under way: last night's sleep, a weigh-in, a few hours of steps.
    const today = days.get("2026-03-10");
    expect(today?.sleep_minutes).toBeGreaterThan(360);
    expect(today?.steps).toBeLessThan(4000);
    expect(summarizeDay([], "2026-03-10", TZ)).toBeNull();
  });

  it("with a short last night, makes a low-readiness morning that says why", () => {
    const short = generateSampleWeek({
      platform,
      now: NOW,
      timezone: TZ,
      seed: 1,
      days: 28,
      shortLastNight: true,
    });
    const { storage, days } = store();
    ingestBatch(storage, { ...short, deleted_ids: [] }, { timezone: TZ, now: NOW });
    const r = readinessFromDays([...days.values()], "2026-03-10", TZ);
    expect(r?.level).toBe("low");
    expect(r?.settled).toBe(true);
    expect(r?.reason).toMatch(/^You slept 4 h \d+ min, \d h \d+ min less than your usual 7 h/);
    const normal = generateSampleWeek({ platform, now: NOW, timezone: TZ, seed: 1, days: 28 });
    const fresh = store();
    ingestBatch(fresh.storage, { ...normal, deleted_ids: [] }, { timezone: TZ, now: NOW });
    expect(readinessFromDays([...fresh.days.values()], "2026-03-10", TZ)?.level).not.toBe("low");
    expect(addDays("2026-03-10", -27) in Object.fromEntries(fresh.days)).toBe(true);
  });
});
