import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baselinesFor } from "../../../engine/health/baselines";
import type { DailySummary, WorkoutSummary } from "../../../engine/health/daily-summary";
import { readinessFromDays } from "../../../engine/health/readiness";
import { day, history } from "./support";

// Readiness from sleep, HRV and resting heart rate against the user's own 28 days, and
// yesterday's extra load. Conservative: one moderate sign never makes a low day; missing data
// takes nothing off; the reason lists exactly the signs that did.

const TODAY = "2026-03-10";
const YESTERDAY = "2026-03-09";

/** Four usual weeks: ~7 h 15 sleep, resting HR ~56, SDNN ~48 ms, ~8,000 steps. */
const usual = history(TODAY, 28, (i) => ({
  sleep_minutes: 435 + ((i * 7) % 5) * 6 - 12,
  resting_heart_rate: 56 + ((i * 2) % 3) - 1,
  hrv_sdnn_ms: 48 * Math.exp((((i * 5) % 7) - 3) * 0.07),
  steps: 8000 + ((i * 11) % 5) * 400 - 800,
}));

const withToday = (today: Partial<DailySummary>, yesterday: Partial<DailySummary> = {}) => {
  const days = usual.filter((d) => d.date !== YESTERDAY);
  const y = usual.find((d) => d.date === YESTERDAY) as DailySummary;
  return [...days, { ...y, ...yesterday }, day(TODAY, today)];
};

const readiness = (days: DailySummary[], sessions?: { start: number; end: number }[]) =>
  readinessFromDays(days, TODAY, "UTC", sessions);

const run = (minutes: number, distance: number): WorkoutSummary => ({
  id: "run",
  workout_type: "running",
  category: "running",
  start: Date.parse(`${YESTERDAY}T18:00:00Z`),
  end: Date.parse(`${YESTERDAY}T18:00:00Z`) + minutes * 60_000,
  minutes,
  energy_kcal: 600,
  distance_m: distance,
  avg_heart_rate: 150,
  app: "com.apple.health",
});

describe("readiness", () => {
  it("is high after a usual night with usual heart figures, and never adds work", () => {
    const r = readiness(withToday({ sleep_minutes: 440, resting_heart_rate: 56, hrv_sdnn_ms: 49 }));
    expect(r).toMatchObject({ score: 100, level: "high", settled: true });
    expect(r?.reason).toContain("You slept 7 h 20 min");
  });

  it("is low after a five-hour night, saying so", () => {
    const r = readiness(withToday({ sleep_minutes: 300, resting_heart_rate: 56, hrv_sdnn_ms: 47 }));
    expect(r?.level).toBe("low");
    expect(r?.score).toBe(60);
    expect(r?.reason).toBe("You slept 5 h, 2 h 15 min less than your usual 7 h 15 min.");
  });

  it("is low after a five-hour night even without a baseline yet", () => {
    const r = readinessFromDays([day(TODAY, { sleep_minutes: 300 })], TODAY, "UTC");
    expect(r).toMatchObject({ level: "low", score: 60, reason: "You slept 5 h." });
  });

  it("stays normal on one moderate sign alone and turns low on two", () => {
    const shortish = readiness(withToday({ sleep_minutes: 370, hrv_sdnn_ms: 47 }));
    expect(shortish).toMatchObject({ level: "normal", score: 80 });
    const lowHrv = readiness(withToday({ sleep_minutes: 440, hrv_sdnn_ms: 38 }));
    expect(lowHrv).toMatchObject({ level: "normal", score: 80 });
    expect(lowHrv?.reason).toMatch(
      /^Your HRV \(SDNN\) is 38 ms, under your usual range of 4\d-5\d ms\.$/,
    );
    const both = readiness(withToday({ sleep_minutes: 370, hrv_sdnn_ms: 38 }));
    expect(both).toMatchObject({ level: "low", score: 60 });
    expect(both?.factors.filter((f) => f.effect < 0).map((f) => f.signal)).toEqual([
      "sleep",
      "hrv",
    ]);
  });

  it("is low when resting heart rate is 10 bpm above the usual", () => {
    const r = readiness(withToday({ sleep_minutes: 440, resting_heart_rate: 67 }));
    expect(r).toMatchObject({ level: "low", score: 60 });
    expect(r?.reason).toBe("Your resting heart rate is 67 bpm, 11 above your usual 56.");
  });

  it("counts yesterday's 10 km run outside the app as load, and not a workout logged in the app", () => {
    const r = readiness(withToday({ sleep_minutes: 440 }, { workouts: [run(55, 10_050)] }));
    expect(r).toMatchObject({ level: "normal", score: 90 });
    expect(r?.reason).toBe("Yesterday outside this app: 55 min of running (10.1 km).");
    // A run and a somewhat short night: the coach hears both, the plan stays.
    const afterShortNight = readiness(
      withToday({ sleep_minutes: 375 }, { workouts: [run(55, 10_050)] }),
    );
    expect(afterShortNight).toMatchObject({ level: "normal", score: 70 });
    // The same workout recorded while logging a session in this app is the plan's own load.
    const own = readiness(withToday({ sleep_minutes: 440 }, { workouts: [run(55, 10_050)] }), [
      { start: Date.parse(`${YESTERDAY}T17:55:00Z`), end: Date.parse(`${YESTERDAY}T19:00:00Z`) },
    ]);
    expect(own?.factors.some((f) => f.signal === "load")).toBe(false);
    // A half marathon (about two hours of running) is not low on its own; with a moderate
    // sign from the body it is.
    expect(
      readiness(withToday({ sleep_minutes: 440 }, { workouts: [run(125, 21_100)] })),
    ).toMatchObject({ level: "normal", score: 75 });
    expect(
      readiness(withToday({ sleep_minutes: 375 }, { workouts: [run(125, 21_100)] })),
    ).toMatchObject({ level: "low", score: 55 });
  });

  it("takes points off for very high steps yesterday against the days before it", () => {
    const r = readiness(withToday({ sleep_minutes: 440 }, { steps: 18_000 }));
    expect(r?.score).toBe(90);
    expect(r?.reason).toMatch(
      /^Yesterday you walked 18,000 steps, about 2\.\d times your usual 8,000\.$/,
    );
    expect(readiness(withToday({ sleep_minutes: 440 }, { steps: 12_000 }))?.score).toBe(100);
  });

  it("waits for last night: an evening nap is not a night, and without sleep it is not settled", () => {
    const nap = day(TODAY, { sleep_minutes: 40, sleep_end: Date.parse(`${YESTERDAY}T19:40:00Z`) });
    const r = readiness([...usual, nap]);
    expect(r).toBeNull();
    const heartOnly = readiness(withToday({ resting_heart_rate: 56 }));
    expect(heartOnly).toMatchObject({ level: "normal", settled: false });
  });

  it("is settled on heart data for a user who never tracks sleep", () => {
    const noSleep = history(TODAY, 28, (i) => ({ resting_heart_rate: 55 + (i % 3) }));
    const r = readinessFromDays([...noSleep, day(TODAY, { resting_heart_rate: 56 })], TODAY, "UTC");
    expect(r).toMatchObject({ settled: true, level: "normal" });
  });

  it("is null with nothing to judge on", () => {
    expect(readinessFromDays([], TODAY, "UTC")).toBeNull();
    expect(readinessFromDays(usual.slice(0, 20), TODAY, "UTC")).toBeNull();
  });

  it("compares RMSSD with RMSSD: a Health Connect value is not judged against an SDNN baseline", () => {
    const r = readiness(withToday({ sleep_minutes: 440, hrv_rmssd_ms: 20 }));
    expect(r?.factors.some((f) => f.signal === "hrv")).toBe(false);
  });

  it("keeps the score in 0-100, low exactly at 60 or less, and the reason naming every sign that took points", () => {
    const dayArb = fc.record({
      sleep_minutes: fc.option(fc.integer({ min: 0, max: 720 })),
      resting_heart_rate: fc.option(fc.integer({ min: 35, max: 110 })),
      hrv_sdnn_ms: fc.option(fc.integer({ min: 5, max: 200 })),
    });
    fc.assert(
      fc.property(dayArb, fc.option(fc.integer({ min: 0, max: 60_000 })), (today, steps) => {
        const r = readiness(withToday(today, { steps }));
        if (!r) return;
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.level === "low").toBe(r.score <= 60);
        for (const f of r.factors.filter((f) => f.effect < 0)) expect(r.reason).toContain(f.text);
      }),
      { numRuns: 300 },
    );
  });

  it("never scores a shorter night higher, all else equal", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 720 }), fc.integer({ min: 0, max: 720 }), (a, b) => {
        const [short, long] = a < b ? [a, b] : [b, a];
        const s = readiness(withToday({ sleep_minutes: short }))?.score ?? 100;
        const l = readiness(withToday({ sleep_minutes: long }))?.score ?? 100;
        expect(s).toBeLessThanOrEqual(l);
      }),
      { numRuns: 200 },
    );
  });
});

describe("baselines", () => {
  it("summarise the 28 days before the date, HRV on the log scale, and need enough days", () => {
    const b = baselinesFor(usual, TODAY);
    expect(b.sleep_minutes?.days).toBe(28);
    expect(b.sleep_minutes?.mean).toBeCloseTo(435, -1);
    expect(b.hrv_sdnn_ms?.mean).toBeGreaterThan(45);
    expect(b.hrv_sdnn_ms?.low).toBeLessThan(b.hrv_sdnn_ms?.mean ?? 0);
    // The date itself is not in its own baseline, nor anything older than 28 days.
    const shifted = baselinesFor([...usual, day(TODAY, { sleep_minutes: 60 * 12 })], TODAY);
    expect(shifted.sleep_minutes).toEqual(b.sleep_minutes);
    expect(baselinesFor(usual, "2026-04-30").sleep_minutes).toBeNull();
    // Thirteen days of HRV are not enough; seven nights of sleep are.
    const two = usual.slice(-13);
    expect(baselinesFor(two, TODAY).hrv_sdnn_ms).toBeNull();
    expect(baselinesFor(two, TODAY).sleep_minutes).not.toBeNull();
  });

  it("leave out nights under three hours and days under 1,000 steps", () => {
    const patchy = history(TODAY, 10, (i) => ({
      sleep_minutes: i < 5 ? 60 : 420,
      steps: i < 5 ? 200 : 9000,
    }));
    const b = baselinesFor(patchy, TODAY);
    expect(b.sleep_minutes).toBeNull();
    expect(b.steps).toBeNull();
  });
});
