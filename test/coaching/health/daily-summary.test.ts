import { describe, expect, it } from "vitest";
import { summarizeDay } from "../../../engine/health/daily-summary";
import { datesOfSample } from "../../../engine/health/local-days";
import { HC, HK, sample } from "./support";

// A day's figures in the user's own timezone: steps split at local midnight, sleep counted
// for the morning it ends on (across midnight and across a DST change), one source's total
// when two devices count the same steps, overlapping sleep records not added twice.

const BERLIN = "Europe/Berlin";

describe("steps and active energy per local day", () => {
  it("splits an interval across local midnight by time", () => {
    // 23:30-00:30 Berlin (UTC+1 in January): half of it on each day.
    const s = sample({
      id: "s1",
      type: "steps",
      start: "2026-01-14T22:30:00Z",
      end: "2026-01-14T23:30:00Z",
      value: 1000,
    });
    expect(datesOfSample(s, BERLIN)).toEqual(["2026-01-14", "2026-01-15"]);
    expect(summarizeDay([s], "2026-01-14", BERLIN)?.steps).toBe(500);
    expect(summarizeDay([s], "2026-01-15", BERLIN)?.steps).toBe(500);
    // The same instants are all one day in New York.
    expect(datesOfSample(s, "America/New_York")).toEqual(["2026-01-14"]);
    expect(summarizeDay([s], "2026-01-14", "America/New_York")?.steps).toBe(1000);
  });

  it("takes the larger device's total, not the sum, when a phone and a watch both count", () => {
    const watch = [10, 12, 17].map((h) =>
      sample({
        id: `w${h}`,
        type: "steps",
        start: `2026-01-14T${h}:00:00Z`,
        end: `2026-01-14T${h}:59:00Z`,
        value: 2000,
      }),
    );
    const phone = [10, 12].map((h) =>
      sample(
        {
          id: `p${h}`,
          type: "steps",
          start: `2026-01-14T${h}:00:00Z`,
          end: `2026-01-14T${h}:59:00Z`,
          value: 1800,
        },
        { ...HK, device: "iPhone" },
      ),
    );
    expect(summarizeDay([...watch, ...phone], "2026-01-14", "UTC")?.steps).toBe(6000);
  });

  it("gives a 23-hour DST day and a 25-hour one their own share of a spanning interval", () => {
    // 2026-03-29: Berlin jumps from 02:00 to 03:00; the local day is 23 hours long.
    const spring = sample({
      id: "e",
      type: "active_energy",
      start: "2026-03-28T23:00:00Z", // 00:00 local on the 29th
      end: "2026-03-29T23:00:00Z", // 01:00 local on the 30th (UTC+2)
      value: 2400,
    });
    expect(summarizeDay([spring], "2026-03-29", BERLIN)?.active_energy_kcal).toBe(2300);
    expect(summarizeDay([spring], "2026-03-30", BERLIN)?.active_energy_kcal).toBe(100);
  });
});

describe("sleep", () => {
  it("counts a night across midnight for the morning it ends on", () => {
    const night = sample(
      {
        id: "n",
        type: "sleep",
        start: "2026-01-14T22:15:00Z", // 23:15 Berlin
        end: "2026-01-15T06:00:00Z", // 07:00 Berlin
        stages: [
          { stage: "STAGE_TYPE_AWAKE", start: "2026-01-14T22:15:00Z", end: "2026-01-14T22:30:00Z" },
          { stage: "STAGE_TYPE_LIGHT", start: "2026-01-14T22:30:00Z", end: "2026-01-15T01:00:00Z" },
          { stage: "STAGE_TYPE_DEEP", start: "2026-01-15T01:00:00Z", end: "2026-01-15T02:00:00Z" },
          { stage: "STAGE_TYPE_REM", start: "2026-01-15T02:00:00Z", end: "2026-01-15T05:30:00Z" },
          { stage: "STAGE_TYPE_AWAKE", start: "2026-01-15T05:30:00Z", end: "2026-01-15T06:00:00Z" },
        ],
      },
      HC,
    );
    expect(datesOfSample(night, BERLIN)).toEqual(["2026-01-15"]);
    expect(summarizeDay([night], "2026-01-14", BERLIN)).toBeNull();
    const day = summarizeDay([night], "2026-01-15", BERLIN);
    expect(day).toMatchObject({
      sleep_minutes: 420,
      in_bed_minutes: 465,
      sleep_efficiency: 0.9,
      sleep_end: Date.parse("2026-01-15T05:30:00Z"),
    });
  });

  it("measures a night across the spring DST change in real hours: 23:00 to 07:00 is 7 hours", () => {
    // Berlin, night of 28 to 29 March 2026: clocks go from 02:00 to 03:00.
    const night = sample(
      { id: "n", type: "sleep", start: "2026-03-28T22:00:00Z", end: "2026-03-29T05:00:00Z" },
      HC,
    );
    expect(new Date(night.start).toLocaleString("en-GB", { timeZone: BERLIN })).toContain("23:00");
    expect(new Date(night.end).toLocaleString("en-GB", { timeZone: BERLIN })).toContain("07:00");
    expect(summarizeDay([night], "2026-03-29", BERLIN)?.sleep_minutes).toBe(420);
  });

  it("measures a night across the autumn DST change in real hours: 23:00 to 07:00 is 9 hours", () => {
    // Berlin, night of 24 to 25 October 2026: clocks go from 03:00 back to 02:00.
    const night = sample(
      { id: "n", type: "sleep", start: "2026-10-24T21:00:00Z", end: "2026-10-25T06:00:00Z" },
      HC,
    );
    expect(summarizeDay([night], "2026-10-25", BERLIN)?.sleep_minutes).toBe(540);
  });

  it("does not add a phone's in-bed record and a watch's stages twice", () => {
    const inBed = sample({
      id: "bed",
      type: "sleep",
      start: "2026-01-14T22:00:00Z",
      end: "2026-01-15T06:00:00Z",
      stage: "inBed",
      device: "iPhone",
    });
    const stages = [
      ["awake", "22:00", "22:20"],
      ["asleepCore", "22:20", "01:00"],
      ["asleepDeep", "01:00", "02:00"],
      ["asleepREM", "02:00", "05:40"],
    ].map(([stage, start, end], i) =>
      sample({
        id: `st${i}`,
        type: "sleep",
        stage,
        start: `${start! < "12:00" ? "2026-01-15" : "2026-01-14"}T${start}:00Z`,
        end: `${end! < "12:00" ? "2026-01-15" : "2026-01-14"}T${end}:00Z`,
      }),
    );
    const day = summarizeDay([inBed, ...stages], "2026-01-15", "UTC");
    expect(day).toMatchObject({ sleep_minutes: 440, in_bed_minutes: 480, sleep_efficiency: 0.92 });
  });

  it("counts time in bed as sleep, with no efficiency, when there is no stage detail", () => {
    const inBed = sample({
      id: "bed",
      type: "sleep",
      start: "2026-01-14T23:00:00Z",
      end: "2026-01-15T06:30:00Z",
      stage: "inBed",
    });
    expect(summarizeDay([inBed], "2026-01-15", "UTC")).toMatchObject({
      sleep_minutes: 450,
      in_bed_minutes: 450,
      sleep_efficiency: null,
    });
  });

  it("counts an evening nap towards the next night's day", () => {
    const nap = sample(
      { id: "nap", type: "sleep", start: "2026-01-14T19:00:00Z", end: "2026-01-14T19:40:00Z" },
      HC,
    );
    expect(datesOfSample(nap, "UTC")).toEqual(["2026-01-15"]);
  });
});

describe("heart, body and workouts", () => {
  it("averages the day's heart readings and takes the day's first weigh-in", () => {
    const samples = [
      sample({ id: "r1", type: "resting_heart_rate", start: "2026-01-15T08:00:00Z", value: 56 }),
      sample({ id: "r2", type: "resting_heart_rate", start: "2026-01-15T20:00:00Z", value: 59 }),
      sample({ id: "h1", type: "hrv_sdnn", start: "2026-01-15T03:00:00Z", value: 40 }),
      sample({ id: "h2", type: "hrv_sdnn", start: "2026-01-15T11:00:00Z", value: 50 }),
      sample({ id: "h3", type: "hrv_rmssd", start: "2026-01-15T04:00:00Z", value: 38 }, HC),
      sample({ id: "w2", type: "body_weight", start: "2026-01-15T19:00:00Z", value: 81.2 }),
      sample({ id: "w1", type: "body_weight", start: "2026-01-15T07:00:00Z", value: 80.4 }),
      sample({ id: "f1", type: "body_fat", start: "2026-01-15T07:00:00Z", value: 0.2, unit: "%" }),
    ];
    expect(summarizeDay(samples, "2026-01-15", "UTC")).toMatchObject({
      resting_heart_rate: 57.5,
      hrv_sdnn_ms: 45,
      hrv_rmssd_ms: 38,
      body_weight_kg: 80.4,
      body_fat_pct: 20,
    });
  });

  it("keeps one of two recordings of the same run (a watch and a running app)", () => {
    const run = (id: string, start: string, end: string, app: string) =>
      sample({
        id,
        type: "workout",
        workout_type: id.startsWith("hc") ? "EXERCISE_TYPE_RUNNING" : "running",
        start,
        end,
        distance_m: 10_000,
        app,
      });
    const day = summarizeDay(
      [
        run("a", "2026-01-15T17:30:00Z", "2026-01-15T18:25:00Z", "com.apple.health"),
        run("b", "2026-01-15T17:31:00Z", "2026-01-15T18:20:00Z", "com.strava"),
        sample({
          id: "c",
          type: "workout",
          workout_type: "traditionalStrengthTraining",
          start: "2026-01-15T18:30:00Z",
          end: "2026-01-15T19:20:00Z",
        }),
      ],
      "2026-01-15",
      "UTC",
    );
    expect(day?.workouts.map((w) => [w.id, w.category, w.minutes])).toEqual([
      ["a", "running", 55],
      ["c", "strength", 50],
    ]);
  });
});
