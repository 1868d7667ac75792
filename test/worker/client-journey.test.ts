import { env, runDurableObjectAlarm, SELF } from "cloudflare:test";
import { createCoachClient, type Schemas } from "@fitness-coach/client";
import { describe, expect, it } from "vitest";
import { expectContractKept, freshIp, uniqueEmail } from "./helpers";
import { VALID_STEPS, weekdaysIncludingToday } from "./onboarding-helpers";

// The main app journey through the generated typed client (clients/typescript), against the
// real Worker: the contract is proven by use. Every call is type-checked against the
// committed OpenAPI document; a response the document does not describe fails the test.

function client() {
  const ip = freshIp();
  return createCoachClient({
    baseUrl: "https://api.test",
    fetch: async (request) => {
      request.headers.set("cf-connecting-ip", ip);
      const response = await SELF.fetch(request);
      await expectContractKept(request.method, request.url, response);
      return response;
    },
  });
}

describe("the app journey through the typed client", () => {
  it("signs up, onboards, gets a program, trains today, sees progress and its inbox", async () => {
    const api = client();
    const email = uniqueEmail("journey");

    const signup = await api.POST("/v1/auth/signup", {
      body: { email, password: "correct-horse-42", name: "Journey" },
    });
    expect(signup.response.status).toBe(201);
    if (!signup.data) throw new Error("no signup body");
    api.setAccessToken(signup.data.access_token);
    const userId = signup.data.user.id;

    const steps: Record<string, Record<string, unknown>> = {
      ...VALID_STEPS,
      schedule: { ...VALID_STEPS.schedule, preferred_weekdays: weekdaysIncludingToday() },
    };
    for (const [step, body] of Object.entries(steps)) {
      const saved = await api.PUT("/v1/onboarding/steps/{step}", {
        params: { path: { step } },
        // The sample profile is untyped JSON; the Worker validates it against the step schema.
        body: body as Schemas["OnboardingStepBasics"],
      });
      expect(saved.response.status, step).toBe(200);
    }
    const completed = await api.POST("/v1/onboarding/complete");
    expect(completed.data?.nutrition_targets?.calories).toBeGreaterThan(1200);

    const accepted = await api.POST("/v1/programs/generate", { body: { duration_weeks: 4 } });
    expect(accepted.response.status).toBe(202);
    expect(accepted.response.headers.get("location")).toBe(
      `/v1/programs/status/${accepted.data?.job_id}`,
    );
    const jobId = accepted.data?.job_id ?? "";
    let job: Schemas["ProgramJob"] | undefined;
    for (let i = 0; i < 200 && job?.status !== "completed"; i++) {
      await runDurableObjectAlarm(env.USER_ACTOR.getByName(userId));
      job = (await api.GET("/v1/programs/status/{job_id}", { params: { path: { job_id: jobId } } }))
        .data;
    }
    expect(job).toMatchObject({ status: "completed", progress: 100 });

    const today = await api.GET("/v1/workouts/today");
    expect(today.data?.status).toBe("session");
    const exercise = today.data?.session?.exercises[0];
    if (!exercise) throw new Error("today has no exercise");

    const session = await api.POST("/v1/workouts/sessions", {
      body: { client_id: "journey-session", planned_day: "today" },
    });
    expect(session.response.status).toBe(201);
    const sessionId = session.data?.id ?? "";
    const set = await api.POST("/v1/workouts/sessions/{id}/sets", {
      params: { path: { id: sessionId } },
      body: {
        client_id: "journey-set-1",
        exercise_id: exercise.exercise_id,
        reps: 8,
        weight_kg: 60,
        rir: 2,
      },
    });
    expect(set.response.status).toBe(201);
    expect(set.data).toMatchObject({ reps: 8, weight_kg: 60, planned: { sets: exercise.sets } });
    const sets = await api.GET("/v1/workouts/sessions/{id}/sets", {
      params: { path: { id: sessionId }, query: { limit: 10 } },
    });
    expect(sets.data).toMatchObject({ items: [{ id: set.data?.id }], next_cursor: null });

    const progress = await api.GET("/v1/progress");
    expect(progress.data?.personal_records).toEqual([
      expect.objectContaining({
        exercise_id: exercise.exercise_id,
        heaviest_kg: 60,
        heaviest_reps: 8,
      }),
    ]);

    const inbox = await api.GET("/v1/notifications", { params: { query: { limit: 5 } } });
    expect(inbox.data).toMatchObject({ next_cursor: null });

    // Chat needs an LLM key this test run does not have: the documented 503, typed.
    const chat = await api.POST("/v1/chat", { body: { message: "How was my week?" } });
    expect(chat.response.status).toBe(503);
    expect(chat.error?.error.code).toBe("llm_unavailable");
    expect(chat.response.headers.get("retry-after")).toBe("3600");
  });
});
