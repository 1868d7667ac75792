import { generateSampleWeek } from "../../engine/health/sample-week.ts";
import { post } from "./seed-year.mjs";

// A stretch of one person's phone health data (engine/health/sample-week.ts: hourly steps and
// energy, a night's sleep stages, HRV, resting HR, weigh-ins, workouts), uploaded through the
// public API in batches of 1,000, oldest first, as a first sync does.

export function healthBatches({ days, platform = "healthkit", timezone = "Europe/Berlin" }) {
  const { source, samples } = generateSampleWeek({ platform, now: Date.now(), timezone, days });
  const batches = [];
  for (let i = 0; i < samples.length; i += 1000)
    batches.push({ source, samples: samples.slice(i, i + 1000), deleted_ids: [] });
  return { batches, samples: samples.length };
}

/** Uploads `days` of health data; `time` receives each batch's milliseconds. */
export async function seedHealth(url, token, { days, time = () => {} }) {
  const { batches, samples } = healthBatches({ days });
  for (const batch of batches) {
    const started = performance.now();
    const result = await post(url, token, "/v1/health/samples", batch);
    time(performance.now() - started);
    if (result.rejected > 0) throw new Error(`health upload: ${result.rejected} rejected`);
  }
  return { requests: batches.length, samples };
}
