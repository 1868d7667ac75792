import { generateSampleWeek, type SampleWeekOptions } from "../../engine/health/sample-week";
import { call, json } from "./helpers";

// Shared by the health tests and the bench: uploads in the phone's own terms.

export const upload = (token: string, body: unknown) => call("/v1/health/samples", { token, body });

export async function uploadOk(token: string, body: unknown) {
  const response = await upload(token, body);
  if (response.status !== 200)
    throw new Error(`upload: ${response.status} ${await response.text()}`);
  return json(response);
}

export async function daily(token: string, query: string) {
  const response = await call(`/v1/health/daily?${query}`, { token });
  if (response.status !== 200)
    throw new Error(`daily: ${response.status} ${await response.text()}`);
  return json(response);
}

/** A generated stretch of days in a platform's terms, as one or more uploads of at most 1,000. */
export function sampleUploads(options: SampleWeekOptions) {
  const { source, samples } = generateSampleWeek(options);
  const batches = [];
  for (let i = 0; i < samples.length; i += 1000)
    batches.push({ source, samples: samples.slice(i, i + 1000), deleted_ids: [] as string[] });
  return batches;
}

/** A zone where it is now between 10:00 and 20:00, so "last night" has ended and today is not over. */
export function daytimeZone(now = new Date()): string {
  const zones = [
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Europe/Berlin",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Honolulu",
  ];
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat("en-GB", {
        timeZone: zone,
        hour: "2-digit",
        hourCycle: "h23",
      }).format(now),
    );
  return zones.find((zone) => hour(zone) >= 10 && hour(zone) < 20) as string;
}
