import {
  env,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, jobStatus, runJob } from "./program-helpers";

async function onboardedUser(): Promise<SignedUp> {
  const user = await signUp({ verified: true });
  await onboard(user.accessToken);
  return user;
}

describe("POST /v1/programs/generate", () => {
  it("answers 202 with a pending job, which runs on the alarm to a stored, active program", async () => {
    const user = await onboardedUser();
    const response = await generate(user.accessToken, { duration_weeks: 6 });
    expect(response.status).toBe(202);
    const accepted = await json(response);
    expect(accepted).toMatchObject({ status: "pending" });
    expect(accepted.job_id).toMatch(/^job_/);
    expect(accepted.message).toBeTruthy();
    expect(response.headers.get("location")).toBe(`/v1/programs/status/${accepted.job_id}`);

    const job = await runJob(user.userId, user.accessToken, accepted.job_id);
    expect(job).toMatchObject({
      status: "completed",
      progress: 100,
      stage: "complete",
      error_message: null,
    });
    expect(job.started_at).not.toBeNull();
    expect(job.completed_at).not.toBeNull();

    const program = await json(
      await call(`/v1/programs/${job.program_id}`, { token: user.accessToken }),
    );
    expect(program).toMatchObject({
      id: job.program_id,
      goal: "muscle_gain",
      duration_weeks: 6,
      days_per_week: 4,
      is_active: true,
    });
    expect(program.weeks).toHaveLength(6);
    expect(program.weeks[0].days).toHaveLength(4);
    expect(program.weeks[0].days[0].exercises[0]).toHaveProperty("rest_seconds");
    expect(program.personalisation).toEqual({ applied: false, reason: "no_api_key" });

    const current = await json(await call("/v1/programs/current", { token: user.accessToken }));
    expect(current.id).toBe(job.program_id);
    const list = await json(await call("/v1/programs", { token: user.accessToken }));
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([job.program_id]);
    expect(list.items[0].weeks).toBeUndefined();
  });

  it("keeps the program inactive when asked to", async () => {
    const user = await onboardedUser();
    const { job_id } = await json(await generate(user.accessToken, { activate: false }));
    const job = await runJob(user.userId, user.accessToken, job_id);
    const program = await json(
      await call(`/v1/programs/${job.program_id}`, { token: user.accessToken }),
    );
    expect(program.is_active).toBe(false);
    expect((await call("/v1/programs/current", { token: user.accessToken })).status).toBe(404);
    const activated = await call(`/v1/programs/${job.program_id}/activate`, {
      method: "POST",
      token: user.accessToken,
    });
    expect(activated.status).toBe(200);
    expect((await json(activated)).is_active).toBe(true);
    expect((await json(await call("/v1/programs/current", { token: user.accessToken }))).id).toBe(
      job.program_id,
    );
  });

  it("returns the same job for a repeated Idempotency-Key, and 422 when its body differs", async () => {
    const user = await onboardedUser();
    const first = await json(
      await generate(user.accessToken, { duration_weeks: 4 }, { "idempotency-key": "abc-123" }),
    );
    await runJob(user.userId, user.accessToken, first.job_id);
    const again = await json(
      await generate(user.accessToken, { duration_weeks: 4 }, { "idempotency-key": "abc-123" }),
    );
    expect(again.job_id).toBe(first.job_id);
    expect(again.status).toBe("completed");

    const reused = await generate(
      user.accessToken,
      { duration_weeks: 8 },
      { "idempotency-key": "abc-123" },
    );
    expect(reused.status).toBe(422);
    expect((await json(reused)).error).toMatchObject({
      code: "idempotency_key_reused",
      details: { job_id: first.job_id },
    });
  });

  it("accepts PROGRAM_JOBS_PER_DAY new jobs a day, then 429 with Retry-After; a repeat is free", async () => {
    const user = await onboardedUser();
    const accepted: string[] = [];
    for (let weeks = 4; weeks < 14; weeks++) {
      const response = await generate(user.accessToken, { duration_weeks: weeks });
      expect(response.status).toBe(202);
      accepted.push((await json(response)).job_id);
    }
    expect(new Set(accepted).size).toBe(10);
    // The same request as a waiting job returns that job and spends nothing.
    const repeat = await generate(user.accessToken, { duration_weeks: 13 });
    expect(repeat.status).toBe(202);
    expect((await json(repeat)).job_id).toBe(accepted[9]);

    const over = await generate(user.accessToken, { duration_weeks: 14 });
    expect(over.status).toBe(429);
    expect((await json(over)).error.code).toBe("program_quota_exceeded");
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    const jobs = await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) =>
      state.storage.sql.exec("SELECT count(*) AS n FROM program_jobs").one(),
    );
    expect(jobs.n).toBe(10);
  });

  it('returns the pending job for an identical request without a key ("OK" said twice)', async () => {
    const user = await onboardedUser();
    const [a, b] = await Promise.all([
      generate(user.accessToken, { duration_weeks: 5 }).then(json),
      generate(user.accessToken, { duration_weeks: 5 }).then(json),
    ]);
    expect(b.job_id).toBe(a.job_id);
    const different = await json(await generate(user.accessToken, { duration_weeks: 7 }));
    expect(different.job_id).not.toBe(a.job_id);
  });

  it("runs one job at a time: the second waits until the first is done", async () => {
    const user = await onboardedUser();
    const first = await json(await generate(user.accessToken, { duration_weeks: 4 }));
    const second = await json(await generate(user.accessToken, { duration_weeks: 5 }));
    const stub = env.USER_ACTOR.getByName(user.userId);
    await runDurableObjectAlarm(stub);
    expect((await jobStatus(user.accessToken, first.job_id)).status).toBe("in_progress");
    expect(await jobStatus(user.accessToken, second.job_id)).toMatchObject({
      status: "pending",
      stage: "queued",
      started_at: null,
    });
    const done = await runJob(user.userId, user.accessToken, first.job_id);
    const secondDone = await runJob(user.userId, user.accessToken, second.job_id);
    expect(secondDone.status).toBe("completed");
    expect(Date.parse(secondDone.started_at)).toBeGreaterThanOrEqual(Date.parse(done.completed_at));
  });

  it("resumes after an eviction mid-job without redoing a stage or storing twice", async () => {
    const user = await onboardedUser();
    const { job_id } = await json(await generate(user.accessToken, {}));
    const stub = env.USER_ACTOR.getByName(user.userId);
    await runDurableObjectAlarm(stub); // validate
    await runDurableObjectAlarm(stub); // build
    await evictDurableObject(stub);
    const job = await runJob(user.userId, user.accessToken, job_id);
    expect(job.status).toBe("completed");
    const stages = await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) =>
      state.storage.sql
        .exec<{ stages_done: string }>("SELECT stages_done FROM program_jobs WHERE id = ?", job_id)
        .one(),
    );
    expect(JSON.parse(stages.stages_done)).toEqual([
      "validate",
      "build",
      "personalise",
      "store",
      "complete",
    ]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM programs WHERE job_id = ?")
      .bind(job_id)
      .first();
    expect(rows).toEqual({ n: 1 });
  });

  it("fails a job at once on a constraint violation (no retry can fix it), with a useful message, and runs the next one", async () => {
    const user = await onboardedUser();
    const first = await json(await generate(user.accessToken, { duration_weeks: 4 }));
    const second = await json(await generate(user.accessToken, { duration_weeks: 9 }));
    // Take the user row away under the job: the store stage's insert breaks its foreign key.
    const saved = await env.DB.prepare("SELECT * FROM users WHERE id = ?")
      .bind(user.userId)
      .first();
    await env.DB.prepare("PRAGMA foreign_keys = ON").run();
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(user.userId).run();
    const failed = await runJob(user.userId, user.accessToken, first.job_id);
    expect(failed.status).toBe("failed");
    expect(failed.error_message).toBe("Could not save the program. Please try again later.");
    expect(failed.program_id).toBeNull();
    // Put the user back: the queued job was not blocked by the failure.
    const columns = Object.keys(saved ?? {});
    await env.DB.prepare(
      `INSERT INTO users (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    )
      .bind(...columns.map((column) => (saved as Record<string, unknown>)[column]))
      .run();
    const next = await runJob(user.userId, user.accessToken, second.job_id);
    expect(next.status).toBe("completed");
  });

  it("fails at once, without retries, when the inputs cannot make a program", async () => {
    const user = await signUp(); // no onboarding, so no profile
    const response = await generate(user.accessToken, {});
    const { job_id } = await json(response);
    const job = await runJob(user.userId, user.accessToken, job_id);
    expect(job).toMatchObject({
      status: "failed",
      error_message: "Finish onboarding before generating a program.",
    });
  });

  it("rejects invalid overrides with 422 naming them", async () => {
    const user = await onboardedUser();
    const response = await generate(user.accessToken, {
      duration_weeks: 20,
      goal: "bulk",
      colour: "red",
    });
    expect(response.status).toBe(422);
    const fields = (await json(response)).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["duration_weeks", "goal"]));
  });
});

describe("program ownership", () => {
  it("answers 404 for another user's job and program", async () => {
    const alice = await onboardedUser();
    const bob = await signUp();
    const { job_id } = await json(await generate(alice.accessToken, {}));
    const job = await runJob(alice.userId, alice.accessToken, job_id);
    expect((await call(`/v1/programs/status/${job_id}`, { token: bob.accessToken })).status).toBe(
      404,
    );
    expect((await call(`/v1/programs/${job.program_id}`, { token: bob.accessToken })).status).toBe(
      404,
    );
    const steal = await call(`/v1/programs/${job.program_id}/activate`, {
      method: "POST",
      token: bob.accessToken,
    });
    expect(steal.status).toBe(404);
    expect((await json(await call("/v1/programs", { token: bob.accessToken }))).items).toEqual([]);
  });
});

describe("POST /v1/programs/{id}/activate", () => {
  /** The active program as D1 has it, and as the actor serves it (its cache). */
  async function activeEverywhere(user: SignedUp) {
    const rows = await env.DB.prepare("SELECT id FROM programs WHERE user_id = ? AND is_active = 1")
      .bind(user.userId)
      .all<{ id: string }>();
    const current = await call("/v1/programs/current", { token: user.accessToken });
    return {
      d1: rows.results.map((row) => row.id),
      actor: current.status === 200 ? (await json(current)).id : null,
    };
  }

  it("changes nothing for an unknown or another user's id; D1 and the actor agree after each outcome", async () => {
    const alice = await onboardedUser();
    const bob = await onboardedUser();
    const first = await runJob(
      alice.userId,
      alice.accessToken,
      (await json(await generate(alice.accessToken, { duration_weeks: 4 }))).job_id,
    );
    const second = await runJob(
      alice.userId,
      alice.accessToken,
      (await json(await generate(alice.accessToken, { duration_weeks: 6, activate: false })))
        .job_id,
    );
    const bobs = await runJob(
      bob.userId,
      bob.accessToken,
      (await json(await generate(bob.accessToken, {}))).job_id,
    );
    const activate = (user: SignedUp, id: string) =>
      call(`/v1/programs/${id}/activate`, { method: "POST", token: user.accessToken });
    expect(await activeEverywhere(alice)).toEqual({
      d1: [first.program_id],
      actor: first.program_id,
    });

    for (const id of ["prog_unknown", bobs.program_id]) {
      expect((await activate(alice, id)).status).toBe(404);
      expect(await activeEverywhere(alice)).toEqual({
        d1: [first.program_id],
        actor: first.program_id,
      });
    }
    expect(await activeEverywhere(bob)).toEqual({ d1: [bobs.program_id], actor: bobs.program_id });

    expect((await activate(alice, second.program_id)).status).toBe(200);
    expect(await activeEverywhere(alice)).toEqual({
      d1: [second.program_id],
      actor: second.program_id,
    });
    // Again (a retried request): the same program stays the one active program.
    expect((await activate(alice, second.program_id)).status).toBe(200);
    expect(await activeEverywhere(alice)).toEqual({
      d1: [second.program_id],
      actor: second.program_id,
    });
  });
});

describe("GET /v1/workouts/today", () => {
  it("says no_program before a program exists, then gives today's plan in the user's timezone", async () => {
    const user = await onboardedUser();
    const before = await json(await call("/v1/workouts/today", { token: user.accessToken }));
    expect(before.status).toBe("no_program");
    const { job_id } = await json(
      await generate(user.accessToken, {
        preferred_weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].slice(0, 4),
      }),
    );
    await runJob(user.userId, user.accessToken, job_id);
    const today = await json(await call("/v1/workouts/today", { token: user.accessToken }));
    const berlinDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(
      new Date(),
    );
    expect(today.date).toBe(berlinDate);
    expect(today.week).toBe(1);
    expect(["session", "rest"]).toContain(today.status);
    if (today.status === "session") expect(today.session.exercises.length).toBeGreaterThan(0);
    const context = await json(await call("/v1/coach/context", { token: user.accessToken }));
    expect(context.program.id).toBe(today.program_id);
    expect(context.today.status).toBe(today.status);
  });
});
