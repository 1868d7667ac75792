import {
  env,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, freshIp, signUp, uniqueEmail } from "./helpers";

// The login guard and the auth limiter keep their counts in their Durable Object's storage
// (issue 26, item 5): an evicted object, or a new isolate, forgets nothing; the counts go
// once their window has passed.

const limiter = (key: string) => env.RATE_LIMITER.getByName(key);

/** Whether the limiter of this key holds anything in its storage. */
const stored = (key: string) =>
  runInDurableObject(limiter(key), (_, state) => [...state.storage.kv.list()].length > 0);

describe("the login guard", () => {
  it("still stops an IP after 5 failures when its object was evicted in between", async () => {
    const user = await signUp();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const guess = await call("/v1/auth/login", {
        ip,
        body: { email: user.email, password: `guess-${i}-gggg` },
      });
      expect(guess.status).toBe(401);
    }
    const keys = [`login-fail:pair:${user.email}|${ip}`, `login-fail:email:${user.email}`];
    for (const key of keys) {
      expect(await stored(key), key).toBe(true);
      await evictDurableObject(limiter(key));
    }
    const owner = await call("/v1/auth/login", {
      ip,
      body: { email: user.email, password: user.password },
    });
    expect(owner.status).toBe(429);
  });
});

describe("the signup limiter", () => {
  it("still refuses the 11th signup of a minute from one IP after an eviction", async () => {
    const ip = freshIp();
    const signup = () =>
      call("/v1/auth/signup", {
        ip,
        body: { email: uniqueEmail("burst"), password: "correct-horse-42" },
      });
    for (let i = 0; i < 10; i++) expect((await signup()).status).toBe(201);
    await evictDurableObject(limiter(`signup:ip:${ip}`));
    const eleventh = await signup();
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("expiry", () => {
  it("keeps a key's hits in storage while they count, and erases them once they are out of the window", async () => {
    const live = `test:live:${crypto.randomUUID()}`;
    expect(await limiter(live).hit(10, 60_000)).toMatchObject({ allowed: true, remaining: 9 });
    expect(await stored(live)).toBe(true);

    // A hit two minutes old: its alarm is due at once (run here, or already by the runtime).
    const expired = `test:expired:${crypto.randomUUID()}`;
    await limiter(expired).hit(10, 60_000, Date.now() - 120_000);
    await runDurableObjectAlarm(limiter(expired));
    await expect.poll(() => stored(expired)).toBe(false);
    expect(await limiter(expired).recent(60_000)).toEqual({ count: 0, last: null });
  });
});
