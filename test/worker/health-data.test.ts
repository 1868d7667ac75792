import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actorSql } from "./actor-helpers";
import { daily, daytimeZone, sampleUploads, upload, uploadOk } from "./health-data-helpers";
import { call, deleteAccount, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function userIn(timezone: string) {
  const user = await signUp();
  await onboard(user.accessToken, { basics: { timezone } });
  return user;
}

const steps = (id: string, start: string, value: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: "steps",
  start,
  end: iso(Date.parse(start) + HOUR),
  value,
  ...extra,
});

describe("POST /v1/health/samples", () => {
  it("stores a generated week in either platform's terms once, however often it is sent", async () => {
    // A zone where it is daytime now: last night has ended and today's walking has begun.
    const timezone = daytimeZone();
    for (const platform of ["healthkit", "health_connect"] as const) {
      const user = await userIn(timezone);
      const [batch] = sampleUploads({ platform, now: Date.now(), timezone });
      const first = await uploadOk(user.accessToken, batch);
      expect(first.created).toBe(batch?.samples.length);
      expect(first.rejected).toBe(0);
      const days = await daily(user.accessToken, "limit=28");
      expect(days.items.length).toBeGreaterThanOrEqual(7);
      const walked = days.items.filter((d: { steps: number | null }) => (d.steps ?? 0) > 2000);
      expect(walked.length).toBeGreaterThanOrEqual(6);
      expect(days.items.at(-1).sleep_minutes).toBeGreaterThan(300);
      expect(days.items.some((d: { workouts: unknown[] }) => d.workouts.length > 0)).toBe(true);

      // The phone retries the same upload: nothing is added, the days are the same.
      const again = await uploadOk(user.accessToken, batch);
      expect(again.unchanged).toBe(batch?.samples.length);
      expect(await daily(user.accessToken, "limit=28")).toEqual(days);
      const [count] = await actorSql<{ n: number }>(
        user.userId,
        "SELECT COUNT(*) AS n FROM health_samples",
      );
      expect(count?.n).toBe(batch?.samples.length);
    }
  }, 30_000);

  it("rejects a future, impossible or unknown-unit sample alone, naming the field", async () => {
    const user = await userIn("Europe/Berlin");
    const at = iso(Date.now() - 30 * HOUR);
    const result = await uploadOk(user.accessToken, {
      source: { platform: "healthkit" },
      samples: [
        steps("ok-1", at, 900),
        steps("future", iso(Date.now() + 2 * HOUR), 100),
        steps("too-many", at, 90_000),
        { id: "weight", type: "body_weight", start: at, value: 80, unit: "stone-ish" },
        { type: "resting_heart_rate", start: at, value: 50 },
      ],
    });
    expect(result.created).toBe(1);
    expect(result.rejected).toBe(4);
    const errors = result.results.filter((r: { status: string }) => r.status === "rejected");
    expect(errors.map((r: { error: { field: string; code: string } }) => r.error)).toEqual([
      expect.objectContaining({ field: "end", code: "future_time" }),
      expect.objectContaining({ field: "value", code: "implausible_value" }),
      expect.objectContaining({ field: "unit", code: "unknown_unit" }),
      expect.objectContaining({ field: "id", code: "required" }),
    ]);
  });

  it("answers 422 for a batch over 1,000 samples or without a platform, 401 without a token", async () => {
    const user = await userIn("Europe/Berlin");
    const at = iso(Date.now() - 30 * HOUR);
    const tooMany = Array.from({ length: 1001 }, (_, i) => steps(`s${i}`, at, 10));
    const big = await upload(user.accessToken, {
      source: { platform: "healthkit" },
      samples: tooMany,
    });
    expect(big.status).toBe(422);
    expect((await json(big)).error.details[0].field).toBe("samples");
    // The batch above was ~150 KiB (over every other route's 64 KiB); past 1 MiB is a 413.
    const huge = await upload(user.accessToken, {
      source: { platform: "healthkit" },
      samples: [{ id: "x".repeat(1_100_000) }],
    });
    expect(huge.status).toBe(413);
    expect((await json(huge)).error.code).toBe("payload_too_large");
    const noPlatform = await upload(user.accessToken, { source: {}, samples: [] });
    expect(noPlatform.status).toBe(422);
    expect((await json(noPlatform)).error.details[0].field).toBe("source.platform");
    const anonymous = await call("/v1/health/samples", {
      body: { source: { platform: "healthkit" }, samples: [] },
    });
    expect(anonymous.status).toBe(401);
  });

  it("keeps each user's data in their own actor", async () => {
    const timezone = daytimeZone();
    const owner = await userIn(timezone);
    const other = await userIn(timezone);
    const [batch] = sampleUploads({ platform: "healthkit", now: Date.now(), timezone });
    await uploadOk(owner.accessToken, batch);
    expect((await daily(other.accessToken, "limit=28")).items).toEqual([]);
    // Deleting the owner's ids from another account deletes nothing of the owner's.
    const ids = (batch?.samples ?? []).map((s) => s.id);
    const attempt = await uploadOk(other.accessToken, {
      source: { platform: "healthkit" },
      deleted_ids: ids.slice(0, 50),
    });
    expect(attempt.deleted_ids.every((d: { status: string }) => d.status === "not_found")).toBe(
      true,
    );
    expect((await daily(owner.accessToken, "limit=28")).items.length).toBeGreaterThanOrEqual(7);
  });
});

describe("convergence under re-uploads, edits and deletions", () => {
  // Health Connect samples in a 3-day stretch: each is created, maybe edited (a later
  // modified_at), maybe deleted; the phone's uploads carry these versions in any order, some
  // twice. The days must equal those of one clean upload of the final state.
  const BASE = Date.parse("2026-11-10T06:00:00Z");
  const version = fc.record({
    slot: fc.integer({ min: 0, max: 60 }),
    value: fc.integer({ min: 0, max: 5000 }),
  });
  const history = fc.array(
    fc.record({
      versions: fc.array(version, { minLength: 1, maxLength: 3 }),
      deleted: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  );

  it("converges to the days of the final state (property, random re-uploads)", async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.infiniteStream(fc.nat()), async (records, order) => {
        const source = { platform: "health_connect", device: "Pixel Watch 2" };
        type Op = { sample?: Record<string, unknown>; deleted?: string };
        const ops: Op[] = [];
        const finalSamples: Record<string, unknown>[] = [];
        const finalDeleted: string[] = [];
        records.forEach((record, r) => {
          const id = `rec-${r}`;
          const versions = record.versions.map((v, n) =>
            steps(id, iso(BASE + v.slot * HOUR), v.value, {
              modified_at: iso(BASE + (100 + n) * HOUR),
            }),
          );
          ops.push(...versions.map((sample) => ({ sample })));
          ops.push({ sample: versions[0] }); // an old request retried late
          if (record.deleted) {
            ops.push({ deleted: id });
            finalDeleted.push(id);
          } else finalSamples.push(versions.at(-1) as Record<string, unknown>);
        });
        // Deletions arrive after the samples they delete (the phone saw them later), the rest
        // in a random order, in random batch sizes.
        const shuffled = ops.filter((op) => op.sample);
        const it = order[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as Op, shuffled[i] as Op];
        }
        const all = [...shuffled, ...ops.filter((op) => op.deleted)];
        // Not onboarded: the days are UTC days (the profile's zone is tested below).
        const messy = await signUp();
        for (let i = 0; i < all.length; ) {
          const size = 1 + ((it.next().value as number) % 4);
          const part = all.slice(i, i + size);
          i += size;
          await uploadOk(messy.accessToken, {
            source,
            samples: part.flatMap((op) => (op.sample ? [op.sample] : [])),
            deleted_ids: part.flatMap((op) => (op.deleted ? [op.deleted] : [])),
          });
        }
        const clean = await signUp();
        await uploadOk(clean.accessToken, { source, samples: finalSamples });
        const range = "from=2026-11-09&to=2026-11-14&limit=28";
        const days = (u: { accessToken: string }) =>
          daily(u.accessToken, range).then((page) =>
            page.items.map((d: { readiness: unknown }) => ({ ...d, readiness: null })),
          );
        expect(await days(messy)).toEqual(await days(clean));
        // A deleted id sent again stays deleted.
        if (finalDeleted[0]) {
          const again = await uploadOk(messy.accessToken, {
            source,
            samples: [
              steps(finalDeleted[0], iso(BASE), 10, { modified_at: iso(BASE + 200 * HOUR) }),
            ],
          });
          expect(again.results[0].status).toBe("deleted");
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});

describe("local days", () => {
  const night = (id: string, start: string, end: string) => ({
    id,
    type: "sleep",
    start,
    end,
    stages: [{ stage: "STAGE_TYPE_SLEEPING", start, end }],
  });

  it("counts a DST night in real hours, for the morning it ends on", async () => {
    const user = await userIn("Europe/Berlin");
    await uploadOk(user.accessToken, {
      source: { platform: "health_connect" },
      samples: [
        // 23:00 to 07:00 local when clocks go forward (29 March 2026) and back (25 October).
        night("spring", "2026-03-28T23:00:00+01:00", "2026-03-29T07:00:00+02:00"),
        night("autumn", "2026-10-24T23:00:00+02:00", "2026-10-25T07:00:00+01:00"),
      ],
    });
    const spring = await daily(user.accessToken, "from=2026-03-28&to=2026-03-30");
    expect(
      spring.items.map((d: { date: string; sleep_minutes: number }) => [d.date, d.sleep_minutes]),
    ).toEqual([["2026-03-29", 420]]);
    const autumn = await daily(user.accessToken, "from=2026-10-24&to=2026-10-26");
    expect(
      autumn.items.map((d: { date: string; sleep_minutes: number }) => [d.date, d.sleep_minutes]),
    ).toEqual([["2026-10-25", 540]]);
  });

  it("sums a day in the user's timezone and again when the timezone changes", async () => {
    const user = await userIn("America/Los_Angeles");
    // 07:30 UTC on the 20th is 23:30 on the 19th in Los Angeles, 08:30 on the 20th in Berlin.
    await uploadOk(user.accessToken, {
      source: { platform: "healthkit" },
      samples: [
        { ...steps("late-walk", "2026-11-20T07:30:00Z", 3000), end: "2026-11-20T07:50:00Z" },
      ],
    });
    const la = await daily(user.accessToken, "from=2026-11-18&to=2026-11-21");
    expect(la.items.map((d: { date: string; steps: number }) => [d.date, d.steps])).toEqual([
      ["2026-11-19", 3000],
    ]);
    const moved = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { timezone: "Europe/Berlin" },
    });
    expect(moved.status).toBe(200);
    const berlin = await daily(user.accessToken, "from=2026-11-18&to=2026-11-21");
    expect(berlin.items.map((d: { date: string; steps: number }) => [d.date, d.steps])).toEqual([
      ["2026-11-20", 3000],
    ]);
  });
});

describe("export and deletion", () => {
  it("exports the samples and days, and deleting the account erases them", async () => {
    const user = await userIn("Europe/Berlin");
    const [batch] = sampleUploads({
      platform: "health_connect",
      now: Date.now(),
      timezone: "Europe/Berlin",
    });
    await uploadOk(user.accessToken, { ...batch, deleted_ids: [batch?.samples[0]?.id] });
    const data = await json(await call("/v1/me/export", { token: user.accessToken }));
    expect(data.health_samples).toHaveLength((batch?.samples.length ?? 0) - 1);
    expect(data.health_samples.map((s: { id: string }) => s.id)).not.toContain(
      batch?.samples[0]?.id,
    );
    expect(data.health_samples[0]).toMatchObject({ platform: "health_connect" });
    expect(data.health_days).toEqual((await daily(user.accessToken, "limit=28")).items);

    expect((await deleteAccount(user)).status).toBe(200);
    for (const table of ["health_samples", "health_days"])
      expect(await actorSql(user.userId, `SELECT * FROM ${table}`), table).toEqual([]);
  }, 30_000);
});

describe("body weights from the phone", () => {
  it("join the body-weight series with their source; a manual entry wins its day", async () => {
    const user = await userIn("Europe/Berlin");
    const token = user.accessToken;
    const weighIn = (id: string, start: string) => ({
      id,
      type: "body_weight",
      start,
      value: 176.4,
      unit: "lb",
    });
    await uploadOk(token, {
      source: { platform: "healthkit", device: "Withings Body+" },
      samples: [
        weighIn("scale-20", "2026-11-20T07:05:00+01:00"),
        weighIn("scale-21", "2026-11-21T07:05:00+01:00"),
      ],
    });
    const manual = await call("/v1/body/weight", {
      token,
      body: { weight_kg: 79.5, measured_at: "2026-11-21T08:00:00+01:00" },
    });
    expect(manual.status).toBe(201);
    const range = "from=2026-11-19&to=2026-11-22";
    const all = await json(await call(`/v1/body/weight?${range}`, { token }));
    expect(
      all.items.map((w: { local_date: string; source: string; weight_kg: number }) => [
        w.local_date,
        w.source,
        w.weight_kg,
      ]),
    ).toEqual([
      ["2026-11-20", "healthkit", 80.01],
      ["2026-11-21", "manual", 79.5],
    ]);
    // A page at a time, across the two sources, nothing twice.
    const first = await json(await call(`/v1/body/weight?${range}&limit=1`, { token }));
    const second = await json(
      await call(`/v1/body/weight?${range}&limit=1&cursor=${first.next_cursor}`, { token }),
    );
    expect([...first.items, ...second.items]).toEqual(all.items);
    expect(second.next_cursor).toBeNull();
  });
});
