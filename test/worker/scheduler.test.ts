import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Scheduler } from "../../durable-objects/scheduler/scheduler";
import { RetryableError } from "../../kernel/retry";

// The actor's one retry policy, driven directly over a real actor's storage with a clock the
// test controls: transient failures are retried with backoff, permanent ones are given up at
// once, and what is given up is parked or dropped as the kind's policy says.

async function withScheduler<T>(
  run: (scheduler: Scheduler, clock: { now: number }, gaveUp: string[]) => Promise<T>,
  onGiveUp: "park" | "drop" = "park",
) {
  const stub = env.USER_ACTOR.getByName(`scheduler-test-${crypto.randomUUID()}`);
  return runInDurableObject(stub, async (_, state) => {
    const clock = { now: Date.parse("2026-11-23T09:00:00Z") };
    const gaveUp: string[] = [];
    const scheduler = new Scheduler(state.storage, {
      now: () => clock.now,
      random: () => 1,
      policy: () => ({
        maxAttempts: () => 3,
        baseMs: () => 1000,
        onGiveUp,
        gaveUp: (row, error, attempts) => {
          gaveUp.push(`${row.key}:${attempts}:${error}`);
        },
      }),
    });
    return run(scheduler, clock, gaveUp);
  });
}

describe("the scheduler's retry policy", () => {
  it("retries a transient failure with growing backoff, then parks it with the reason", async () => {
    const outcome = await withScheduler(async (scheduler, clock, gaveUp) => {
      await scheduler.schedule({ kind: "push", key: "push:n1", runAt: clock.now });
      const fail = { push: () => Promise.reject(new RetryableError("expo is down")) };
      const waits: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        await scheduler.runDue(fail);
        const row = scheduler.get("push:n1");
        if (row?.status === "pending") {
          waits.push(row.run_at - clock.now);
          clock.now = row.run_at;
        }
      }
      return { row: scheduler.get("push:n1"), waits, gaveUp };
    });
    expect(outcome.waits).toEqual([1000, 2000]);
    expect(outcome.row).toMatchObject({
      status: "parked",
      attempts: 3,
      last_error: "expo is down",
    });
    expect(outcome.gaveUp).toEqual(["push:n1:3:expo is down"]);
  });

  it("gives up at once on a failure no retry can fix, and drops the row when told to", async () => {
    const outcome = await withScheduler(async (scheduler, clock, gaveUp) => {
      await scheduler.schedule({ kind: "job", key: "job:1", runAt: clock.now });
      await scheduler.runDue({
        job: () => Promise.reject(new Error("FOREIGN KEY constraint failed: SQLITE_CONSTRAINT")),
      });
      return { row: scheduler.get("job:1"), gaveUp };
    }, "drop");
    expect(outcome.row).toBeNull();
    expect(outcome.gaveUp).toEqual(["job:1:1:FOREIGN KEY constraint failed: SQLITE_CONSTRAINT"]);
  });
});
