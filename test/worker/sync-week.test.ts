import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fireSchedule } from "./actor-helpers";
import { call, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import { berlinDate, type Op, op, pullAll, push } from "./sync-helpers";
import { agentToken } from "./voice-helpers";

// Issue 30's "done when": a phone trains a week in a basement, then syncs. 5 sessions, 120
// sets, 7 weights and 20 meals go up in batches of 50, half of them sent twice (answers lost);
// meanwhile the daily adaptation rewrote the program and the diet coach logged a meal by voice.
// Every write lands once, on the day it was lived, and the pull from the phone's old cursor
// answers exactly those records, plus the coach's and the adaptation's.

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A week of offline writes, oldest first: `at` is when each happened on the phone. */
function offlineWeek(): Op[] {
  const ops: Op[] = [];
  const start = Date.now() - 8 * DAY_MS;
  const at = (day: number, hourUtc: number, minute = 0) =>
    new Date(start + day * DAY_MS + (hourUtc * 60 + minute) * 60_000).toISOString();
  const trainingDays = [1, 2, 4, 5, 7];
  let meals = 0;
  for (let day = 1; day <= 7; day++) {
    // 21:30 UTC is 22:30 in Berlin: still the same local day, though UTC's hour is late.
    ops.push(op("body_weight.log", { weight_kg: 80 - day / 10 }, { at: at(day, 5, 30) }));
    const mealsToday = day === 7 ? 2 : 3;
    for (let m = 0; m < mealsToday && meals < 20; m++, meals++)
      ops.push(
        op(
          "meal.log",
          { meal: ["breakfast", "lunch", "dinner"][m], calories: 500 + m * 100 },
          {
            at: at(day, [6, 11, 21][m] as number, 30),
          },
        ),
      );
    if (!trainingDays.includes(day)) continue;
    const session = `ses-day-${day}`;
    ops.push(op("session.start", { client_id: session }, { at: at(day, 16) }));
    for (let s = 0; s < 24; s++)
      ops.push(
        op(
          "set.log",
          {
            session_client_id: session,
            client_id: `${session}-set-${s}`,
            exercise_id: "barbell-back-squat",
            reps: 5 + (s % 4),
            weight_kg: 60 + s,
            rir: 2,
          },
          { at: at(day, 16, 5 + s * 2) },
        ),
      );
    ops.push(
      op(
        "session.update",
        { session_client_id: session, status: "completed" },
        {
          at: at(day, 17, 10),
        },
      ),
    );
  }
  return ops;
}

async function trainee() {
  const user = await signUp({ verified: true });
  await onboard(user.accessToken);
  const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 8 }));
  const job = await runJob(user.userId, user.accessToken, job_id);
  return { user, programId: job.program_id as string };
}

/** The program started three weeks ago and was never trained: the adaptation will act. */
async function programStartedWeeksAgo(userId: string, programId: string) {
  const today = berlinDate(new Date().toISOString());
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) - 21);
  await env.DB.prepare("UPDATE programs SET starts_on = ? WHERE id = ?")
    .bind(monday, programId)
    .run();
  const stub = env.USER_ACTOR.getByName(userId);
  await runInDurableObject(stub, (_, state) => {
    state.storage.sql.exec("DELETE FROM cached_documents WHERE key = 'active_program'");
  });
  await evictDurableObject(stub);
}

describe("a week offline, synced in one go", () => {
  it("writes everything once, on the day it was lived, and the old cursor pulls exactly what changed", async () => {
    const { user, programId } = await trainee();
    await programStartedWeeksAgo(user.userId, programId);
    // The phone's last sync before the basement.
    const before = await pullAll(user, null);
    expect(before.changes.map((c) => `${c.entity}:${c.id}`)).toEqual(
      expect.arrayContaining(["profile:me", "reminders:me", `program:${programId}`]),
    );

    // Meanwhile, on the server: the nightly adaptation and the diet coach by voice.
    await fireSchedule(user.userId, "adaptation:daily");
    const diet = (await agentToken(user, "diet")).token;
    const coachMeal = await json(
      await call("/internal/agent/tools/log_meal", {
        token: diet,
        body: { meal: "snack", calories: 250, protein_g: 20, client_id: "coach-snack" },
      }),
    );
    expect(coachMeal.result.logged).toBe(true);

    const ops = offlineWeek();
    expect(ops.filter((o) => o.type === "set.log")).toHaveLength(120);
    const first = new Map<string, unknown>();
    for (let i = 0; i < ops.length; i += 50) {
      const batch = ops.slice(i, i + 50);
      const answer = await push(user, batch);
      expect(answer.results).toHaveLength(batch.length);
      for (const result of answer.results) {
        expect(result.status, JSON.stringify(result)).toBeLessThan(300);
        first.set(result.op_id, result);
      }
      // The answer was lost on the way: the phone sends the first half again.
      const retry = await push(user, batch.slice(0, 25));
      for (const result of retry.results) expect(result).toEqual(first.get(result.op_id));
    }

    // Every write once.
    const from = addDays(berlinDate(ops[0]?.occurred_at as string), -1);
    const sessions = await json(
      await call(`/v1/workouts/sessions?from=${from}&limit=100`, { token: user.accessToken }),
    );
    expect(sessions.items).toHaveLength(5);
    const weights = await json(
      await call(`/v1/body/weight?from=${from}&limit=100`, { token: user.accessToken }),
    );
    expect(weights.items).toHaveLength(7);
    const meals = await json(
      await call(`/v1/meals/logs?from=${from}&limit=100`, { token: user.accessToken }),
    );
    expect(meals.items).toHaveLength(21);

    // On the day each was lived, in the user's timezone, not the day of the upload.
    const started = new Map(
      ops.filter((o) => o.type === "session.start").map((o) => [o.data.client_id, o.occurred_at]),
    );
    for (const session of sessions.items) {
      const at = started.get(session.client_id) as string;
      expect(session).toMatchObject({
        local_date: berlinDate(at),
        started_at: at,
        status: "completed",
      });
      const sets = await json(
        await call(`/v1/workouts/sessions/${session.id}/sets?limit=100`, {
          token: user.accessToken,
        }),
      );
      expect(sets.items).toHaveLength(24);
    }
    const weighed = ops.filter((o) => o.type === "body_weight.log").map((o) => o.occurred_at);
    expect(weights.items.map((w: { local_date: string }) => w.local_date).sort()).toEqual(
      weighed.map(berlinDate).sort(),
    );
    const late = ops.filter((o) => o.type === "meal.log" && o.data.meal === "dinner");
    for (const dinner of late) {
      const logged = meals.items.find(
        (m: { logged_at: string }) => m.logged_at === dinner.occurred_at,
      );
      expect(logged?.local_date).toBe(berlinDate(dinner.occurred_at));
    }

    // The old cursor: exactly the records written while the phone was away, each once.
    const after = await pullAll(user, before.cursor, 100);
    const keys = after.changes.map((c) => `${c.entity}:${c.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The adaptation told the user why, in the inbox: that notification is a change too.
    const inbox = await json(await call("/v1/notifications", { token: user.accessToken }));
    const adapted = inbox.items.find((n: { kind: string }) => n.kind === "program.adapted");
    expect(adapted).toBeDefined();
    const expected = [
      `program:${programId}`,
      `notification:${adapted.id}`,
      `meal:${coachMeal.result.meal_log_id}`,
      ...[...first.values()].map((r) => {
        const result = r as { op_id: string; id: string };
        const type = ops.find((o) => o.op_id === result.op_id)?.type as string;
        const entity = type.startsWith("body_weight") ? "body_weight" : type.split(".")[0];
        return `${entity}:${result.id}`;
      }),
    ];
    expect(keys.sort()).toEqual([...new Set(expected)].sort());
    const seqs = after.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const program = after.changes.find((c) => c.entity === "program");
    expect(program?.data?.id).toBe(programId);
    const aSet = after.changes.find((c) => c.entity === "set");
    expect(aSet?.data).toMatchObject({
      exercise_id: "barbell-back-squat",
      session_id: expect.any(String),
    });

    // Pulled again from where that ended: nothing new; then the notification read elsewhere.
    expect((await pullAll(user, after.cursor)).changes).toEqual([]);
    await call(`/v1/notifications/${adapted.id}/read`, { method: "POST", token: user.accessToken });
    const read = await pullAll(user, after.cursor);
    expect(read.changes).toEqual([
      expect.objectContaining({
        entity: "notification",
        id: adapted.id,
        data: expect.objectContaining({ read_at: expect.any(String) }),
      }),
    ]);
    // About 250 requests: seconds on a quiet machine, more on a loaded one.
  }, 90_000);
});
