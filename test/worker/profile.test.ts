import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";

describe("GET /v1/profile", () => {
  it("is 404 profile_not_found before onboarding is complete", async () => {
    const user = await signUp();
    const response = await call("/v1/profile", { token: user.accessToken });
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe("profile_not_found");
  });

  it("returns the profile with an ETag, and 304 for If-None-Match with it", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const response = await call("/v1/profile", { token: user.accessToken });
    expect(response.status).toBe(200);
    const etag = response.headers.get("etag");
    expect(etag).toBe('"profile-v1"');
    const again = await call("/v1/profile", {
      token: user.accessToken,
      headers: { "if-none-match": etag as string },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("adds imperial units for a user who prefers them", async () => {
    const user = await signUp();
    await onboard(user.accessToken, { basics: { unit_preference: "imperial" } });
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile).toMatchObject({
      height_cm: 180,
      weight_kg: 80,
      height_in: 70.9,
      weight_lb: 176.4,
    });
  });

  it("is served from the actor's cache, and reloaded from D1 when the cache is empty", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    // Empty the actor's cache and memory: the next read must come from D1.
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) =>
      state.storage.sql.exec("DELETE FROM cached_documents WHERE key = 'profile'"),
    );
    await evictDurableObject(env.USER_ACTOR.getByName(user.userId));
    await env.DB.prepare(
      "UPDATE profiles SET data = json_set(data, '$.sleep_hours', 9) WHERE user_id = ?",
    )
      .bind(user.userId)
      .run();
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile.sleep_hours).toBe(9);
  });
});

describe("PATCH /v1/profile", () => {
  it("writes through to D1, updates the cache and bumps the ETag", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const response = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { weight_kg: 78.5, session_minutes: 45, injuries: ["knee", "lower_back"] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"profile-v2"');
    const patched = await json(response);
    expect(patched).toMatchObject({
      weight_kg: 78.5,
      session_minutes: 45,
      injuries: ["knee", "lower_back"],
      version: 2,
    });

    const row = await env.DB.prepare(
      "SELECT version, json_extract(data, '$.weight_kg') AS w FROM profiles WHERE user_id = ?",
    )
      .bind(user.userId)
      .first();
    expect(row).toEqual({ version: 2, w: 78.5 });
    // The old ETag no longer matches; the cached read shows the new values.
    const read = await call("/v1/profile", {
      token: user.accessToken,
      headers: { "if-none-match": '"profile-v1"' },
    });
    expect(read.status).toBe(200);
    expect((await json(read)).weight_kg).toBe(78.5);
  });

  it("honours If-Match: 412 precondition_failed for a stale ETag, the write applied for the current one", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const patch = (body: object, ifMatch?: string) =>
      call("/v1/profile", {
        method: "PATCH",
        token: user.accessToken,
        body,
        headers: ifMatch ? { "if-match": ifMatch } : {},
      });
    // Two devices read v1; the phone saves first.
    const phone = await patch({ weight_kg: 70 }, '"profile-v1"');
    expect(phone.status).toBe(200);
    expect(phone.headers.get("etag")).toBe('"profile-v2"');

    const tablet = await patch({ weight_kg: 90 }, '"profile-v1"');
    expect(tablet.status).toBe(412);
    expect((await json(tablet)).error).toMatchObject({
      code: "precondition_failed",
      details: { current_version: 2 },
    });
    expect((await patch({ weight_kg: 90 }, '"something-else"')).status).toBe(412);
    const read = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(read).toMatchObject({ weight_kg: 70, version: 2 });

    // With the current ETag (weak form too) it applies; without If-Match the last write wins.
    expect((await patch({ weight_kg: 71 }, 'W/"profile-v2"')).status).toBe(200);
    expect((await patch({ weight_kg: 72 })).status).toBe(200);
    const last = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(last).toMatchObject({ weight_kg: 72, version: 4 });
  });

  it("recomputes nutrition targets when the weight or goal changes", async () => {
    const user = await signUp();
    const before = await onboard(user.accessToken);
    const after = await json(
      await call("/v1/profile", {
        method: "PATCH",
        token: user.accessToken,
        body: { primary_goal: "fat_loss" },
      }),
    );
    expect(after.nutrition_targets.calories).toBeLessThan(before.nutrition_targets.calories);
  });

  it("accepts imperial weight and stores it metric", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const patched = await json(
      await call("/v1/profile", {
        method: "PATCH",
        token: user.accessToken,
        body: { weight_lb: 170 },
      }),
    );
    expect(patched.weight_kg).toBe(77.1);
    expect(patched.weight_lb).toBeUndefined(); // metric user: stored and shown metric
  });

  it("stores a timezone in its canonical IANA spelling, whatever case it was typed in", async () => {
    const user = await signUp();
    await onboard(user.accessToken, { basics: { timezone: "america/new_york" } });
    const onboarded = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(onboarded.timezone).toBe("America/New_York");
    const patched = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { timezone: "europe/berlin" },
    });
    expect(patched.status).toBe(200);
    expect((await json(patched)).timezone).toBe("Europe/Berlin");
    const stored = await env.DB.prepare("SELECT timezone FROM profiles WHERE user_id = ?")
      .bind(user.userId)
      .first<{ timezone: string }>();
    expect(stored?.timezone).toBe("Europe/Berlin");
    for (const [typed, canonical] of [
      ["utc", "UTC"],
      ["ETC/GMT+12", "Etc/GMT+12"],
    ]) {
      const moved = await call("/v1/profile", {
        method: "PATCH",
        token: user.accessToken,
        body: { timezone: typed },
      });
      expect((await json(moved)).timezone, typed).toBe(canonical);
    }
  });

  it("rejects bad values and unknown fields with 422 naming them, and changes nothing", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const bad = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { days_per_week: 9, shoe_size: 44 },
    });
    expect(bad.status).toBe(422);
    const fields = (await json(bad)).error.details.map((d: { field: string }) => d.field);
    expect(fields).toContain("shoe_size");
    const value = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { days_per_week: 9 },
    });
    expect(value.status).toBe(422);
    expect((await json(value)).error.details[0].field).toBe("days_per_week");
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile).toMatchObject({ days_per_week: 4, version: 1 });
  });

  it("is 404 before onboarding is complete", async () => {
    const user = await signUp();
    const response = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { sleep_hours: 8 },
    });
    expect(response.status).toBe(404);
  });

  it("never loses one of two concurrent patches", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await Promise.all([
      call("/v1/profile", { method: "PATCH", token: user.accessToken, body: { sleep_hours: 6 } }),
      call("/v1/profile", { method: "PATCH", token: user.accessToken, body: { energy_level: 2 } }),
    ]);
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile).toMatchObject({ sleep_hours: 6, energy_level: 2, version: 3 });
  });
});

describe("GET /v1/coach/context", () => {
  it("summarises the profile, goals, limitations and targets in a few KB", async () => {
    const user = await signUp({ name: "Dana" });
    await onboard(user.accessToken);
    const response = await call("/v1/coach/context", { token: user.accessToken });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeLessThan(4096);
    const context = JSON.parse(text);
    expect(context.profile_summary).toContain("Dana");
    expect(context.profile_summary).toContain("muscle gain");
    expect(context.limitations.injuries).toEqual(["knee"]);
    expect(context.nutrition.targets.calories).toBeGreaterThan(0);
    expect(context.user.timezone).toBe("Europe/Berlin");
    expect(context.user.local_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(context.onboarding.completed).toBe(true);
  });

  it("reflects a profile change at once (the cached context is invalidated)", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await call("/v1/coach/context", { token: user.accessToken });
    await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { injuries: ["shoulder"], energy_level: 1 },
    });
    const context = await json(await call("/v1/coach/context", { token: user.accessToken }));
    expect(context.limitations.injuries).toEqual(["shoulder"]);
    expect(context.lifestyle.energy_level).toBe(1);
  });

  it("shows onboarding progress for a user who has not finished", async () => {
    const user = await signUp();
    const context = await json(await call("/v1/coach/context", { token: user.accessToken }));
    expect(context).toMatchObject({
      profile_summary: null,
      onboarding: { completed: false, current_step: "basics" },
    });
  });

  it("is each user's own", async () => {
    const alice = await signUp({ name: "Alice" });
    const bob = await signUp({ name: "Bob" });
    await onboard(alice.accessToken);
    const bobContext = await json(await call("/v1/coach/context", { token: bob.accessToken }));
    expect(bobContext.user.name).toBe("Bob");
    expect(bobContext.profile_summary).toBeNull();
  });
});
