import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { actorSql, fireSchedule } from "./actor-helpers";
import { auditOf, signUpAdmin } from "./admin-helpers";
import { call, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";

// The operators' API: admin role only, every call audited, and each action reaches the
// user's actor by RPC like the user's own requests do.

const post = (path: string, token: string, body: unknown = {}) => call(path, { token, body });

describe("the admin role", () => {
  it("refuses /admin without a token (401) and with a user's (403), serves an admin's", async () => {
    const user = await signUp();
    const admin = await signUpAdmin();
    const path = `/admin/users/${user.userId}`;
    expect((await call(path)).status).toBe(401);
    const forbidden = await call(path, { token: user.accessToken });
    expect(forbidden.status).toBe(403);
    expect((await json(forbidden)).error.code).toBe("forbidden");
    expect((await call(path, { token: admin.accessToken })).status).toBe(200);
  });

  it("carries the role in the token from login and refresh, and a demotion takes effect at once", async () => {
    const admin = await signUpAdmin();
    const refreshed = await json(
      await call("/v1/auth/refresh", { body: { refresh_token: admin.refreshToken } }),
    );
    const claims = JSON.parse(atob(refreshed.access_token.split(".")[1]));
    expect(claims.role).toBe("admin");
    await env.DB.prepare("UPDATE users SET role = 'user' WHERE id = ?").bind(admin.userId).run();
    const response = await call("/admin/users?q=a", { token: refreshed.access_token });
    expect(response.status).toBe(403);
  });

  it("does not let a user's token in by a forged claim", async () => {
    const user = await signUp();
    const [header, payload, signature] = user.accessToken.split(".");
    const forged = btoa(JSON.stringify({ ...JSON.parse(atob(payload ?? "")), role: "admin" }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    const response = await call("/admin/users?q=a", {
      token: `${header}.${forged}.${signature}`,
    });
    expect(response.status).toBe(401);
  });
});

describe("/admin/users", () => {
  it("finds a user by email prefix and by id, shows status and counts but no health details, and audits each call", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 4 }));
    await runJob(user.userId, user.accessToken, job_id);
    await call("/v1/meals/logs", {
      token: user.accessToken,
      body: { meal: "lunch", calories: 600 },
    });
    const admin = await signUpAdmin();

    const byEmail = await json(
      await call(`/admin/users?q=${encodeURIComponent(user.email.slice(0, 14).toUpperCase())}`, {
        token: admin.accessToken,
      }),
    );
    expect(byEmail.items.map((u: { id: string }) => u.id)).toContain(user.userId);
    const byId = await json(
      await call(`/admin/users?q=${user.userId}`, { token: admin.accessToken }),
    );
    expect(byId.items).toHaveLength(1);

    const detail = await json(
      await call(`/admin/users/${user.userId}`, { token: admin.accessToken }),
    );
    expect(detail).toMatchObject({
      id: user.userId,
      email: user.email,
      role: "user",
      account_status: "active",
      onboarding_completed: true,
      counts: { programs: 1, workout_sessions: 0, workout_sets: 0, meal_logs: 1 },
    });
    expect(JSON.stringify(detail)).not.toMatch(/weight|injur|profile|goal/i);

    expect(await auditOf(admin.userId)).toEqual([
      // The search by email is audited as whom it found, not as the address typed.
      expect.objectContaining({ action: "users.search", target: user.userId }),
      expect.objectContaining({ action: "users.search", target: user.userId }),
      expect.objectContaining({ action: "users.view", target_user_id: user.userId }),
    ]);
  });

  it("answers 404 for an unknown user", async () => {
    const admin = await signUpAdmin();
    const response = await call(`/admin/users/${crypto.randomUUID()}`, {
      token: admin.accessToken,
    });
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe("user_not_found");
  });

  it("suspends a user (403 account_suspended on their token) and reinstates them (signing in again), with the reason audited", async () => {
    const user = await signUp();
    const admin = await signUpAdmin();
    const missing = await post(`/admin/users/${user.userId}/suspend`, admin.accessToken);
    expect(missing.status).toBe(422);

    const suspended = await post(`/admin/users/${user.userId}/suspend`, admin.accessToken, {
      reason: "Ticket 1: abuse",
    });
    expect(suspended.status).toBe(200);
    expect((await json(suspended)).account_status).toBe("suspended");
    const refused = await call("/v1/me", { token: user.accessToken });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe("account_suspended");

    const restored = await post(`/admin/users/${user.userId}/unsuspend`, admin.accessToken);
    expect((await json(restored)).account_status).toBe("active");
    // The suspension ended the user's sessions: reinstated, they sign in again.
    const stale = await call("/v1/me", { token: user.accessToken });
    expect(stale.status).toBe(401);
    expect((await json(stale)).error.code).toBe("session_revoked");
    const login = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect((await call("/v1/me", { token: (await json(login)).access_token })).status).toBe(200);

    expect(await auditOf(admin.userId)).toEqual([
      expect.objectContaining({
        admin_id: admin.userId,
        action: "users.suspend",
        target_user_id: user.userId,
        reason: "Ticket 1: abuse",
      }),
      expect.objectContaining({
        action: "users.unsuspend",
        target_user_id: user.userId,
        reason: null,
      }),
    ]);
  });

  it("deletes a user on request as DELETE /v1/me does (a suspended one too), with the reason audited", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await call("/v1/meals/logs", {
      token: user.accessToken,
      body: { meal: "lunch", calories: 600 },
    });
    const admin = await signUpAdmin();
    await post(`/admin/users/${user.userId}/suspend`, admin.accessToken, { reason: "Ticket 2" });

    const deleted = await post(`/admin/users/${user.userId}/delete`, admin.accessToken, {
      reason: "Ticket 2: the user asked by email",
    });
    expect(deleted.status).toBe(200);
    expect(await json(deleted)).toEqual({ status: "deleted", erased: true });

    const refused = await call("/v1/me", { token: user.accessToken });
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.code).toBe("account_deleted");
    for (const table of ["profiles", "password_credentials", "refresh_tokens"]) {
      const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`)
        .bind(user.userId)
        .first<{ n: number }>();
      expect(row?.n, table).toBe(0);
    }
    // The meal log lived in the actor's storage, erased with it.
    expect(await actorSql(user.userId, "SELECT * FROM meal_logs")).toEqual([]);
    const tombstone = await env.DB.prepare("SELECT email, account_status FROM users WHERE id = ?")
      .bind(user.userId)
      .first();
    expect(tombstone).toEqual({ email: null, account_status: "deleted" });
    // The signup address is free again, and the audit keeps who deleted whom and why.
    expect(
      (await call("/v1/auth/signup", { body: { email: user.email, password: user.password } }))
        .status,
    ).toBe(201);
    expect((await auditOf(admin.userId)).at(-1)).toMatchObject({
      action: "users.delete",
      target_user_id: user.userId,
      reason: "Ticket 2: the user asked by email",
    });
    expect(
      (await post(`/admin/users/${user.userId}/delete`, admin.accessToken, { reason: "again" }))
        .status,
    ).toBe(404);
  });
});

describe("/admin/jobs", () => {
  it("lists a failed job with its error (recorded by the actor in D1) and retries it to completion", async () => {
    const user = await signUp(); // no profile yet: the job fails at its first stage
    const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 4 }));
    expect((await runJob(user.userId, user.accessToken, job_id)).status).toBe("failed");
    const admin = await signUpAdmin();

    const failed = await json(
      await call("/admin/jobs/failed?limit=100", { token: admin.accessToken }),
    );
    const issue = failed.items.find((item: { job_id: string }) => item.job_id === job_id);
    expect(issue).toMatchObject({
      user_id: user.userId,
      error_message: "Finish onboarding before generating a program.",
    });

    await onboard(user.accessToken); // what support asked the user to do
    const retried = await post(`/admin/jobs/failed/${issue.id}/retry`, admin.accessToken, {
      reason: "Ticket 7: onboarding finished",
    });
    expect(retried.status).toBe(200);
    const { job, retry_of } = await json(retried);
    expect(retry_of).toBe(job_id);
    expect(job.job_id).not.toBe(job_id);
    const done = await runJob(user.userId, user.accessToken, job.job_id);
    expect(done.status).toBe("completed");
    expect(done.program_id).toMatch(/^prg_/);

    const again = await json(
      await call("/admin/jobs/failed?limit=100", { token: admin.accessToken }),
    );
    expect(again.items.map((item: { id: string }) => item.id)).not.toContain(issue.id);
    const twice = await post(`/admin/jobs/failed/${issue.id}/retry`, admin.accessToken);
    expect(twice.status).toBe(409);
    expect((await json(twice)).error.code).toBe("issue_resolved");
    expect(await auditOf(admin.userId)).toEqual([
      expect.objectContaining({ action: "jobs.list" }),
      expect.objectContaining({
        action: "jobs.retry",
        target_user_id: user.userId,
        target: job_id,
        reason: "Ticket 7: onboarding finished",
      }),
      expect.objectContaining({ action: "jobs.list" }),
    ]);
  });
});

describe("/admin/schedules", () => {
  /** A push whose handler fails for good (an unreadable payload): parked after one attempt. */
  async function parkedPush(userId: string, key: string) {
    await runInDurableObject(env.USER_ACTOR.getByName(userId), (_, state) => {
      state.storage.sql.exec(
        `INSERT INTO schedules (id, kind, key, run_at, payload, attempts, status, created_at, updated_at)
         VALUES (?, 'push', ?, ?, 'not json', 0, 'pending', ?, ?)`,
        crypto.randomUUID(),
        key,
        Date.now() - 1000,
        Date.now(),
        Date.now(),
      );
    });
    await fireSchedule(userId, key);
    const [row] = await actorSql<{ status: string }>(
      userId,
      "SELECT status FROM schedules WHERE key = ?",
      key,
    );
    expect(row?.status).toBe("parked");
  }

  it("lists parked pushes with the reason, retries one to completion and drops another", async () => {
    const user = await signUp();
    await call("/v1/me", { token: user.accessToken }); // the actor knows its user from here on
    await parkedPush(user.userId, "push:retry-me");
    await parkedPush(user.userId, "push:drop-me");
    const admin = await signUpAdmin();

    const parked = await json(
      await call("/admin/schedules/parked?limit=100", { token: admin.accessToken }),
    );
    const mine = parked.items.filter((item: { user_id: string }) => item.user_id === user.userId);
    expect(mine.map((item: { key: string }) => item.key).sort()).toEqual([
      "push:drop-me",
      "push:retry-me",
    ]);
    expect(mine[0].reason).toMatch(/JSON/);
    const idOf = (key: string) => mine.find((item: { key: string }) => item.key === key).id;

    // The cause is fixed (here: the payload), then the operator retries.
    await actorSql(
      user.userId,
      `UPDATE schedules SET payload = '{"notification_id":"gone"}' WHERE key = 'push:retry-me'`,
    );
    const retried = await post(
      `/admin/schedules/parked/${idOf("push:retry-me")}/retry`,
      admin.accessToken,
      { reason: "Ticket 9" },
    );
    expect(await json(retried)).toMatchObject({ key: "push:retry-me", outcome: "retried" });
    await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId));
    expect(
      await actorSql(user.userId, "SELECT * FROM schedules WHERE key = 'push:retry-me'"),
    ).toEqual([]);

    const dropped = await post(
      `/admin/schedules/parked/${idOf("push:drop-me")}/drop`,
      admin.accessToken,
    );
    expect(await json(dropped)).toMatchObject({ key: "push:drop-me", outcome: "dropped" });
    expect(
      await actorSql(user.userId, "SELECT * FROM schedules WHERE key = 'push:drop-me'"),
    ).toEqual([]);
    expect(
      (await post(`/admin/schedules/parked/${idOf("push:drop-me")}/drop`, admin.accessToken))
        .status,
    ).toBe(409);
    expect((await auditOf(admin.userId)).map((entry) => entry.action)).toEqual([
      "schedules.list",
      "schedules.retry",
      "schedules.drop",
    ]);
  });
});

describe("/admin/exercises", () => {
  const landmine = {
    id: `landmine-press-${crypto.randomUUID().slice(0, 8)}`,
    name: "Landmine Press",
    category: "strength",
    primary_muscles: ["front_delts"],
    secondary_muscles: ["triceps"],
    equipment: ["barbell"],
    mechanic: "compound",
    force: "push",
    level: "beginner",
    pattern: "vertical_push",
    cues: ["Brace", "Press up and forward"],
    contraindications: ["shoulder"],
    image_url: null,
  };

  it("adds, edits and retires an exercise: the app sees each change, and a retired one only by id", async () => {
    const admin = await signUpAdmin();
    const user = await signUp();
    const search = async (q: string) =>
      (
        await json(
          await call(`/v1/exercises?q=${encodeURIComponent(q)}&limit=100`, {
            token: user.accessToken,
          }),
        )
      ).items.map((e: { id: string }) => e.id);

    const added = await post("/admin/exercises", admin.accessToken, landmine);
    expect(added.status).toBe(201);
    expect(await json(added)).toMatchObject({
      id: landmine.id,
      source: "operator",
      retired_at: null,
    });
    expect((await post("/admin/exercises", admin.accessToken, landmine)).status).toBe(409);
    expect(await search("Landmine Press")).toContain(landmine.id);

    const edited = await call(`/admin/exercises/${landmine.id}`, {
      method: "PATCH",
      token: admin.accessToken,
      body: { name: "Half-Kneeling Landmine Press" },
    });
    expect(edited.status).toBe(200);
    const read = await json(
      await call(`/v1/exercises/${landmine.id}`, { token: user.accessToken }),
    );
    expect(read.name).toBe("Half-Kneeling Landmine Press");
    expect(await search("Half-Kneeling Landmine")).toContain(landmine.id);
    const invalid = await call(`/admin/exercises/${landmine.id}`, {
      method: "PATCH",
      token: admin.accessToken,
      body: { cues: [] },
    });
    expect(invalid.status).toBe(422);

    const retired = await post(`/admin/exercises/${landmine.id}/retire`, admin.accessToken, {
      reason: "Duplicate",
    });
    expect((await json(retired)).retired_at).toEqual(expect.any(String));
    expect(await search("Landmine")).not.toContain(landmine.id);
    const byId = await call(`/v1/exercises/${landmine.id}`, { token: user.accessToken });
    expect(byId.status).toBe(200);
    expect((await json(byId)).name).toBe("Half-Kneeling Landmine Press");

    expect(await auditOf(admin.userId)).toEqual([
      expect.objectContaining({ action: "catalog.add", target: landmine.id }),
      expect.objectContaining({ action: "catalog.edit", target: landmine.id }),
      expect.objectContaining({
        action: "catalog.retire",
        target: landmine.id,
        reason: "Duplicate",
      }),
    ]);
  });

  it("edits a built-in exercise seen by GET /v1/exercises, and 404s an unknown one", async () => {
    const admin = await signUpAdmin();
    const user = await signUp();
    const before = await json(
      await call("/v1/exercises/dumbbell-goblet-squat", { token: user.accessToken }),
    );
    const cues = ["Elbows inside the knees", ...before.cues.slice(0, 3)];
    await call("/admin/exercises/dumbbell-goblet-squat", {
      method: "PATCH",
      token: admin.accessToken,
      body: { cues },
    });
    const list = await json(
      await call("/v1/exercises?q=Goblet%20Squat&limit=100", { token: user.accessToken }),
    );
    expect(list.items.find((e: { id: string }) => e.id === "dumbbell-goblet-squat").cues).toEqual(
      cues,
    );
    await call("/admin/exercises/dumbbell-goblet-squat", {
      method: "PATCH",
      token: admin.accessToken,
      body: { cues: before.cues },
    });
    const missing = await call("/admin/exercises/no-such-move", {
      method: "PATCH",
      token: admin.accessToken,
      body: { name: "X" },
    });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe("exercise_not_found");
  });
});
