import { addDays } from "../../kernel/dates";
import { zonedToUtc } from "../../kernel/zoned";
import { createRng, type Rng, type Seed } from "../coaching/rng";
import { localDateOf } from "./local-days";
import type { HealthSampleInput, HealthSource } from "./samples";
import type { Platform } from "./vocabulary";

// A realistic week (or more) of phone health data for one person, in the platform's own
// terms: what the console's "upload sample data" button posts and what tests and the bench
// upload. HealthKit: hourly step and energy statistics from an Apple Watch, sleep as one
// sample per stage (asleepCore, asleepDeep, asleepREM, awake) under the iPhone's inBed, SDNN
// a few times a day, body fat as a fraction. Health Connect: hourly StepsRecord and
// ActiveCaloriesBurnedRecord, one SleepSessionRecord a night with STAGE_TYPE_* stages, RMSSD
// once a night, body fat in percent. Deterministic for a seed; nothing is later than `now`.
//
// The person: ~8,000 steps on a weekday (one big day near 18,000), sleeps about 7 h 15,
// resting HR ~57 bpm, a 10 km run yesterday, a ride three days ago and a walk five days ago,
// weighs ~80 kg. `shortLastNight` makes last night 4 h 50 min in bed (with a lower HRV and a higher
// resting HR), for a low-readiness morning.

export interface SampleWeekOptions {
  platform: Platform;
  now: number;
  timezone: string;
  days?: number;
  seed?: Seed;
  shortLastNight?: boolean;
}

export interface SampleBatch {
  source: HealthSource;
  samples: HealthSampleInput[];
}

const HOUR = 60;

function uuid(rng: Rng, upper: boolean): string {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16)).join("");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  return upper ? id.toUpperCase() : id;
}

const iso = (ms: number) => new Date(ms).toISOString();
const between = (rng: Rng, min: number, max: number) => min + rng.next() * (max - min);
const gauss = (rng: Rng) => {
  // Box-Muller; 1 - next() is never 0.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

interface Night {
  start: number;
  end: number;
  stages: { stage: "light" | "deep" | "rem" | "awake"; start: number; end: number }[];
}

/** A night as 90-minute cycles: deep sleep early, REM growing later, a short wake now and then. */
function night(rng: Rng, start: number, end: number): Night {
  const stages: Night["stages"] = [];
  let t = start + between(rng, 8, 20) * 60_000; // falling asleep
  stages.push({ stage: "awake", start, end: t });
  for (let cycle = 0; t < end; cycle++) {
    const plan: [Night["stages"][number]["stage"], number][] = [
      ["light", between(rng, 35, 50)],
      ["deep", Math.max(5, between(rng, 25, 35) - cycle * 6)],
      ["light", between(rng, 10, 20)],
      ["rem", Math.min(40, between(rng, 10, 18) + cycle * 5)],
    ];
    if (rng.next() < 0.35) plan.push(["awake", between(rng, 2, 6)]);
    for (const [stage, minutes] of plan) {
      const stop = Math.min(end, t + minutes * 60_000);
      if (stop > t) stages.push({ stage, start: t, end: stop });
      t = stop;
    }
  }
  return { start, end, stages };
}

const HK_STAGE = { light: "asleepCore", deep: "asleepDeep", rem: "asleepREM", awake: "awake" };
const HC_STAGE = {
  light: "STAGE_TYPE_LIGHT",
  deep: "STAGE_TYPE_DEEP",
  rem: "STAGE_TYPE_REM",
  awake: "STAGE_TYPE_AWAKE",
};

export function generateSampleWeek(options: SampleWeekOptions): SampleBatch {
  const { platform, now, timezone } = options;
  const days = options.days ?? 7;
  const rng = createRng(options.seed ?? "sample-week");
  const hk = platform === "healthkit";
  const source: HealthSource = hk
    ? { platform, device: "Apple Watch", app: "com.apple.health" }
    : { platform, device: "Pixel Watch 2", app: "com.google.android.apps.fitness" };
  const samples: HealthSampleInput[] = [];
  const add = (sample: HealthSampleInput) => {
    const last = Date.parse(sample.end ?? sample.start);
    if (last <= now) samples.push(sample);
  };
  const id = () => uuid(rng, hk);
  const today = localDateOf(now, timezone);
  const at = (date: string, minutes: number) => zonedToUtc(date, minutes, timezone);

  for (let offset = days - 1; offset >= 0; offset--) {
    const date = addDays(today, -offset);
    const lastNight = offset === 0 && options.shortLastNight;
    // Last night: to bed the evening before, up this morning.
    const bed = lastNight
      ? at(date, 90 + rng.int(20))
      : at(addDays(date, -1), 22 * HOUR + 30 + rng.int(75));
    const wake = lastNight ? bed + (4 * HOUR + 50) * 60_000 : at(date, 6 * HOUR + 30 + rng.int(60));
    const sleep = night(rng, bed, wake);
    if (hk) {
      add({
        id: id(),
        type: "sleep",
        start: iso(bed - 5 * 60_000),
        end: iso(wake + 4 * 60_000),
        stage: "inBed",
        device: "iPhone",
      });
      for (const s of sleep.stages)
        add({
          id: id(),
          type: "sleep",
          start: iso(s.start),
          end: iso(s.end),
          stage: HK_STAGE[s.stage],
        });
    } else {
      add({
        id: id(),
        type: "sleep",
        start: iso(bed),
        end: iso(wake),
        stages: sleep.stages.map((s) => ({
          stage: HC_STAGE[s.stage],
          start: iso(s.start),
          end: iso(s.end),
        })),
      });
    }

    // Heart: resting HR after waking; HRV during the night (and, on Apple Watch, the day).
    const tired = lastNight ? 1 : 0;
    add({
      id: id(),
      type: "resting_heart_rate",
      start: iso(wake + 60 * 60_000),
      value: Math.round(57 + gauss(rng) * 1.5 + tired * 7),
      unit: hk ? "count/min" : "bpm",
    });
    const hrvMean = hk ? 48 : 42;
    const hrvTimes = hk
      ? [bed + 60 * 60_000, wake - 90 * 60_000, at(date, 11 * HOUR), at(date, 16 * HOUR)]
      : [wake - 60 * 60_000];
    for (const time of hrvTimes)
      add({
        id: id(),
        type: hk ? "hrv_sdnn" : "hrv_rmssd",
        start: iso(time),
        value: Math.round(hrvMean * Math.exp(gauss(rng) * 0.12 - tired * 0.45) * 10) / 10,
        unit: "ms",
      });

    // The morning weigh-in, and body fat twice a week.
    const weighIn = wake + 15 * 60_000;
    add({
      id: id(),
      type: "body_weight",
      start: iso(weighIn),
      value: Math.round((80.4 - (days - offset) * 0.03 + gauss(rng) * 0.25) * 10) / 10,
      unit: hk ? "kg" : "kilograms",
    });
    if (offset % 3 === 1)
      add({
        id: id(),
        type: "body_fat",
        start: iso(weighIn),
        value: hk ? 0.21 + Math.round(gauss(rng) * 5) / 1000 : 21 + Math.round(gauss(rng) * 5) / 10,
        unit: hk ? "%" : "percent",
      });

    // Workouts outside the app.
    const workout = (
      type: [string, string],
      startMin: number,
      minutes: number,
      kcal: number,
      distance: number | undefined,
      hr: number,
      stepsPerMinute: number,
    ) => {
      const start = at(date, startMin);
      add({
        id: id(),
        type: "workout",
        start: iso(start),
        end: iso(start + minutes * 60_000),
        workout_type: hk ? type[0] : type[1],
        energy_kcal: kcal,
        ...(distance === undefined ? {} : { distance_m: distance }),
        avg_heart_rate: hr,
      });
      return { start, end: start + minutes * 60_000, kcal, stepsPerMinute };
    };
    const workouts: ReturnType<typeof workout>[] = [];
    if (offset === 1)
      workouts.push(
        workout(["running", "EXERCISE_TYPE_RUNNING"], 18 * HOUR + 30, 55, 640, 10_050, 152, 165),
      );
    if (offset === 3)
      workouts.push(
        workout(["cycling", "EXERCISE_TYPE_BIKING"], 17 * HOUR + 45, 62, 560, 24_300, 138, 0),
      );
    if (offset === 5)
      workouts.push(
        workout(["walking", "EXERCISE_TYPE_WALKING"], 12 * HOUR + 15, 45, 190, 3_900, 104, 110),
      );

    // Hourly steps and active energy while awake; one big day (a hike or a city trip).
    const bigDay = offset === Math.min(days - 1, 4);
    const wakeHour = Math.ceil((wake - at(date, 0)) / 3_600_000);
    for (let hour = wakeHour; hour < 22; hour++) {
      const start = at(date, hour * HOUR);
      const end = at(date, (hour + 1) * HOUR);
      const commute = hour === 8 || hour === 18 ? 3 : 1;
      let steps = Math.round(between(rng, 250, 750) * commute * (bigDay ? 2.3 : 1));
      let kcal = 12 + steps * 0.04 + rng.int(8);
      for (const w of workouts) {
        const minutes = Math.max(0, Math.min(end, w.end) - Math.max(start, w.start)) / 60_000;
        steps += Math.round(minutes * w.stepsPerMinute);
        kcal += (w.kcal * minutes * 60_000) / (w.end - w.start);
      }
      kcal = Math.round(kcal);
      add({
        id: id(),
        type: "steps",
        start: iso(start),
        end: iso(end),
        value: steps,
        unit: "count",
      });
      add({
        id: id(),
        type: "active_energy",
        start: iso(start),
        end: iso(end),
        value: kcal,
        unit: hk ? "kcal" : "kilocalories",
      });
    }
  }
  return { source, samples };
}
