import { afterEach, describe, expect, it, vi } from "vitest";
import type { StoredProfile } from "../../d1/profiles";
import { CoachingContextCache } from "../../durable-objects/context/coaching-context";
import { ok } from "../../kernel/result";

afterEach(() => vi.useRealTimers());

function cacheFor(timezone: string) {
  const built = { count: 0 };
  const profile = {
    data: { timezone, age: 30, primary_goal: "muscle_gain" },
    nutritionTargets: null,
    version: 1,
    updatedAt: "2026-11-01T00:00:00.000Z",
  } as unknown as StoredProfile;
  const cache = new CoachingContextCache({
    account: async () => {
      built.count++;
      return ok({ id: "user-1", name: "Sam" } as never);
    },
    profile: async () => profile,
    onboarding: () => ({ current_step: null, steps: [], progress_percent: 100, completed: true }),
    activeProgram: async () => null,
    today: async () => ({ status: "no_program" }) as never,
    recentCalls: async () => [],
    completed: () => [],
  });
  return { cache, built };
}

describe("the coaching context cache", () => {
  it("is built once a day and again after the user's local midnight", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 23:30 in Berlin (UTC+1 in November).
    vi.setSystemTime(new Date("2026-11-23T22:30:00Z"));
    const { cache, built } = cacheFor("Europe/Berlin");
    const first = await cache.get();
    expect(first.ok && first.value.user.local_date).toBe("2026-11-23");
    vi.setSystemTime(new Date("2026-11-23T22:59:59Z"));
    await cache.get();
    expect(built.count).toBe(1);
    vi.setSystemTime(new Date("2026-11-23T23:00:01Z"));
    const next = await cache.get();
    expect(built.count).toBe(2);
    expect(next.ok && next.value.user.local_date).toBe("2026-11-24");
  });
});
