import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DailyQuotas } from "../../durable-objects/account/daily-quotas";
import { addressKey } from "../../durable-objects/account/deleted-account-usage";
import { actorFor } from "../../worker/actor";
import { testBindings } from "../support/test-bindings";
import { call, deleteAccount, json, type SignedUp, sentTo, signUp, verifyEmail } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate } from "./program-helpers";

// Every daily quota (program jobs, exports, chat tokens, voice minutes) against the review's
// repro: a user moves to a zone just before its midnight, again and again, to open a new day
// every hour. The clock is the test's (vi.setSystemTime reaches the Worker and the actor, which
// run in this isolate); 2026-11-20 has no DST change in Berlin, London or the Azores.

afterEach(() => vi.useRealTimers());

const HOUR = 3600_000;
/** 23:50 in Berlin (UTC+1), the first use of the day. */
const T0 = Date.parse("2026-11-20T22:50:00Z");

function clockAt(instant: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(instant);
}

async function moveTo(user: SignedUp, timezone: string) {
  const moved = await call("/v1/profile", {
    method: "PATCH",
    token: user.accessToken,
    body: { timezone },
  });
  expect(moved.status).toBe(200);
}

/** A new access token (the first one lapses after 30 minutes of the test's clock). */
async function logIn(user: SignedUp): Promise<SignedUp> {
  const response = await call("/v1/auth/login", {
    body: { email: user.email, password: user.password },
  });
  expect(response.status).toBe(200);
  return { ...user, accessToken: (await json(response)).access_token };
}

/** The hops of the repro: each lands just before the new zone's midnight. */
const HOPS = [
  { at: T0 + 15 * 60_000, timezone: "Europe/London" }, // 23:05 in London (UTC+0)
  { at: T0 + 75 * 60_000, timezone: "Atlantic/Azores" }, // 23:05 in the Azores (UTC-1)
];

// Journeys of a dozen requests each (signups, jobs, logins across zones): more than the default 5 s
// on a loaded 2-core machine.
describe("daily quotas across a timezone change at a day boundary", { timeout: 30_000 }, () => {
  it("program jobs: 10, then no zone just before its midnight opens more until 24 h after the first", async () => {
    clockAt(T0);
    let user = await signUp({ verified: true });
    await onboard(user.accessToken, { basics: { timezone: "Europe/Berlin" } });
    for (let seed = 0; seed < 10; seed++)
      expect((await generate(user.accessToken, { seed })).status).toBe(202);
    expect((await generate(user.accessToken, { seed: 10 })).status).toBe(429);

    for (const hop of HOPS) {
      vi.setSystemTime(hop.at);
      user = await logIn(user);
      await moveTo(user, hop.timezone);
      const refused = await generate(user.accessToken, { seed: hop.at });
      expect(refused.status).toBe(429);
      expect((await json(refused)).error.code).toBe("program_quota_exceeded");
      // The first job leaves the window 24 h after it was taken, not at any midnight.
      expect(Number(refused.headers.get("retry-after"))).toBe((T0 + 24 * HOUR - hop.at) / 1000);
    }

    vi.setSystemTime(T0 + 24 * HOUR + 1000);
    user = await logIn(user);
    expect((await generate(user.accessToken, { seed: "next day" })).status).toBe(202);
  });

  it("exports: 3, then none after moves across midnight until the window passes", async () => {
    clockAt(T0);
    let user = await signUp();
    await onboard(user.accessToken, { basics: { timezone: "Europe/Berlin" } });
    for (let i = 0; i < 3; i++)
      expect((await call("/v1/me/export", { token: user.accessToken })).status).toBe(200);
    for (const hop of HOPS) {
      vi.setSystemTime(hop.at);
      user = await logIn(user);
      await moveTo(user, hop.timezone);
      const refused = await call("/v1/me/export", { token: user.accessToken });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBe((T0 + 24 * HOUR - hop.at) / 1000);
    }
  });

  it("chat tokens: a spent budget stays spent across the moves (the same counter)", async () => {
    clockAt(T0);
    let user = await signUp({ verified: true });
    await onboard(user.accessToken, { basics: { timezone: "Europe/Berlin" } });
    const actor = actorFor(env, user.userId);
    const held = await actor.chat.reserve(null);
    if (!held.ok) throw new Error("the first turn was refused");
    await actor.chat.settle(held.value.reservation.id, {
      input_tokens: 150_000,
      output_tokens: 50_000,
    });
    expect(await actor.chat.reserve(null)).toMatchObject({
      ok: false,
      error: { code: "chat_budget_exceeded" },
    });
    for (const hop of HOPS) {
      vi.setSystemTime(hop.at);
      user = await logIn(user);
      await moveTo(user, hop.timezone);
      expect(await actor.chat.reserve(null)).toMatchObject({
        ok: false,
        error: {
          code: "chat_budget_exceeded",
          details: { retry_after_seconds: (T0 + 24 * HOUR - hop.at) / 1000 },
        },
      });
    }
  });

  it("voice minutes: an hour in calls stays counted across the moves (the same counter)", async () => {
    clockAt(T0);
    let user = await signUp({ verified: true });
    await onboard(user.accessToken, { basics: { timezone: "Europe/Berlin" } });
    const actor = actorFor(env, user.userId);
    const room = (n: number) => ({
      room_name: `fitness-voice-${user.userId}-00000000000${n}`,
      agent_type: "workout",
      mode: "voice",
      created_at: new Date(T0 - HOUR).toISOString(),
      expires_at: new Date(T0 + 6 * HOUR).toISOString(),
    });
    expect(await actor.voice.open(room(1))).toMatchObject({ ok: true });
    await actor.voice.presence(room(1).room_name, "joined", new Date(T0 - HOUR));
    await actor.voice.presence(room(1).room_name, "left", new Date(T0));
    await actor.voice.end(room(1).room_name, new Date(T0));
    expect(await actor.voice.open(room(2))).toMatchObject({
      ok: false,
      error: { code: "voice_budget_exceeded" },
    });
    for (const hop of HOPS) {
      vi.setSystemTime(hop.at);
      user = await logIn(user);
      await moveTo(user, hop.timezone);
      expect(await actor.voice.open(room(2))).toMatchObject({
        ok: false,
        error: {
          code: "voice_budget_exceeded",
          details: { retry_after_seconds: (T0 + 24 * HOUR - hop.at) / 1000 },
        },
      });
    }
  });
});

describe("usage of the window after the account is deleted", { timeout: 30_000 }, () => {
  it("survives deletion and a new signup with the same address (in any case or spacing)", async () => {
    const first = await signUp({ verified: true });
    await onboard(first.accessToken);
    for (let seed = 0; seed < 10; seed++)
      expect((await generate(first.accessToken, { seed })).status).toBe(202);
    for (let i = 0; i < 3; i++)
      expect((await call("/v1/me/export", { token: first.accessToken })).status).toBe(200);
    expect((await deleteAccount(first)).status).toBe(200);

    // The new account confirms the address too (unverified, its cap of 2 would refuse alone).
    const mailed = (await sentTo(first.email)).length;
    const again = await signUp({ email: `  ${first.email.toUpperCase()} ` });
    await expect.poll(async () => (await sentTo(first.email)).length).toBeGreaterThan(mailed);
    await verifyEmail(first);
    expect(again.userId).not.toBe(first.userId);
    await onboard(again.accessToken);
    const refused = await generate(again.accessToken, { seed: "after re-signup" });
    expect(refused.status).toBe(429);
    expect((await json(refused)).error.code).toBe("program_quota_exceeded");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(23 * 3600);
    expect((await call("/v1/me/export", { token: again.accessToken })).status).toBe(429);

    // Another address starts with its own window.
    const other = await signUp();
    await onboard(other.accessToken);
    expect((await generate(other.accessToken, { seed: 1 })).status).toBe(202);
  });
});

describe("what a deleted account leaves behind", () => {
  it("is the uses' times and amounts under a keyed hash of the address, erased when the window passes", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    expect((await generate(user.accessToken, { seed: 1 })).status).toBe(202);
    expect((await deleteAccount(user)).status).toBe(200);

    const key = await addressKey(testBindings.JWT_SECRET, user.email);
    expect(key).not.toBe(await addressKey("another-secret-of-at-least-32-chars!", user.email));
    const stub = env.DELETED_ACCOUNT_USAGE.getByName(key);
    const kept = () =>
      runInDurableObject(stub, async (_, state) => ({
        entries: Object.fromEntries(await state.storage.list()),
        alarm: await state.storage.getAlarm(),
      }));
    const before = await kept();
    expect(before.entries).toEqual({ uses: { program_job: [[expect.any(Number), 1]] } });
    const usedAt = (before.entries.uses as { program_job: [number, number][] }).program_job[0]?.[0];
    expect(before.alarm).toBe((usedAt ?? 0) + 24 * HOUR);
    expect(JSON.stringify(before)).not.toContain(user.email.split("@")[0]);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await kept()).toEqual({ entries: {}, alarm: null });
  });
});

describe("DailyQuotas", () => {
  const inActor = <T>(fn: (sql: SqlStorage) => Promise<T>) =>
    runInDurableObject(env.USER_ACTOR.getByName(crypto.randomUUID()), (_, state) =>
      fn(state.storage.sql),
    );

  it("counts a use for exactly 24 hours; Retry-After is when enough of it leaves the window", async () => {
    clockAt(T0);
    await inActor(async (sql) => {
      const quotas = new DailyQuotas(sql, async () => ({}));
      expect(await quotas.take("export", 2)).toEqual({ ok: true });
      vi.setSystemTime(T0 + HOUR);
      expect(await quotas.take("export", 2)).toEqual({ ok: true });
      vi.setSystemTime(T0 + 2 * HOUR);
      expect(await quotas.take("export", 2)).toEqual({
        ok: false,
        used: 2,
        retryAfterSeconds: 22 * 3600,
      });
      vi.setSystemTime(T0 + 24 * HOUR);
      expect(await quotas.take("export", 2)).toEqual({ ok: true });
      expect(await quotas.take("export", 2)).toEqual({
        ok: false,
        used: 2,
        retryAfterSeconds: 3600,
      });
      // Amounts: 150 of 200 tokens left the window only when the use that holds them does.
      await quotas.add("tokens", 150);
      vi.setSystemTime(T0 + 25 * HOUR);
      await quotas.add("tokens", 100);
      expect(await quotas.used("tokens", 200)).toEqual({ used: 250, retryAfterSeconds: 23 * 3600 });
      expect((await quotas.reserve("tokens", 200, 50, 60_000)).ok).toBe(false);
    });
  });

  it("adds a deleted account's uses once, at the first count", async () => {
    clockAt(T0);
    await inActor(async (sql) => {
      let asked = 0;
      const carried = async () => {
        asked += 1;
        return { program_job: [[T0 - 23 * HOUR, 9] as [number, number]] };
      };
      const quotas = new DailyQuotas(sql, carried);
      const [a, b] = await Promise.all([
        quotas.take("program_job", 10),
        quotas.take("program_job", 10),
      ]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      expect(asked).toBe(1);
      // The carried uses leave the window on their own time: an hour later, 9 of 10 are free.
      vi.setSystemTime(T0 + HOUR);
      expect(await new DailyQuotas(sql, carried).used("program_job", 10)).toMatchObject({
        used: 1,
      });
      expect(asked).toBe(1);
    });
  });

  it("keeps the per-day counts of the previous release until their day ends", async () => {
    clockAt(T0);
    await inActor(async (sql) => {
      const endsAt = T0 + 10 * 60_000;
      sql.exec(
        "INSERT OR REPLACE INTO cached_documents (key, value, stored_at) VALUES ('daily_quotas', ?, ?)",
        JSON.stringify({ day: "2026-11-20", endsAt, used: { export: 3 }, holds: [] }),
        new Date(T0).toISOString(),
      );
      const quotas = new DailyQuotas(sql, async () => ({}));
      expect(await quotas.take("export", 3)).toEqual({
        ok: false,
        used: 3,
        retryAfterSeconds: 600,
      });
      vi.setSystemTime(endsAt);
      expect(await quotas.take("export", 3)).toEqual({ ok: true });
    });
  });
});
