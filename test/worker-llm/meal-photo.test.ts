import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { DailyQuotas } from "../../durable-objects/account/daily-quotas";
import { PHOTO_TOKEN_HOLD } from "../../durable-objects/nutrition/meal-photos";
import {
  call,
  deleteAccount,
  expectContractKept,
  freshIp,
  json,
  type SignedUp,
  signUp,
} from "../worker/helpers";
import { onboard } from "../worker/onboarding-helpers";
import { enqueue, requests } from "./anthropic-control";

// A photo of a plate end to end, against the real Worker, actor, R2 and the Anthropic stand-in
// (which checks the image block: media type against the bytes, size, turn): stored under the
// user, looked at, matched to foods, kept as a draft until confirmed into one meal log; in the
// export; deleted after MEAL_PHOTO_KEEP_DAYS and with the account. MEAL_PHOTOS_PER_DAY is 3 here.
// This project has no FDC_API_KEY: foods come from the built-in list and the cache.

const plate = () => Uint8Array.from(atob(inject("platePhotoBase64")), (c) => c.charCodeAt(0));

async function sendPhoto(user: SignedUp, bytes: Uint8Array = plate(), type = "image/jpeg") {
  const url = "https://api.test/v1/meals/photo";
  const response = await SELF.fetch(url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${user.accessToken}`,
      "content-type": type,
      "cf-connecting-ip": freshIp(),
    },
    body: bytes,
  });
  await expectContractKept("POST", url, response);
  return response;
}

const REPORT = {
  toolUse: {
    name: "report_plate",
    input: {
      items: [
        { name: "grilled chicken breast", grams: 152, confidence: 0.9 },
        { name: "white rice, cooked", grams: 181, confidence: 0.8 },
        { name: "broccoli", grams: 78, confidence: 0.95 },
        { name: "mystery sauce", grams: 30, confidence: 0.3 },
      ],
    },
  },
};

async function eater() {
  const user = await signUp({ verified: true });
  await onboard(user.accessToken);
  return user;
}

describe("a photo of the plate", () => {
  it("becomes a draft, logged only once confirmed, exported, and erased with the account", async () => {
    const user = await eater();
    await enqueue(REPORT);
    const sent = await sendPhoto(user);
    expect(sent.status).toBe(201);
    const draft = await json(sent);
    expect(draft.items.map((i: { food: { id: string } }) => i.food.id)).toEqual([
      "builtin:chicken-breast",
      "builtin:white-rice",
      "builtin:broccoli",
    ]);
    expect(draft.items[0]).toMatchObject({ seen_as: "grilled chicken breast", grams: 150 });
    expect(draft.items[0].calories).toBeCloseTo(247.5, 1); // 165 kcal per 100 g
    expect(draft.unmatched).toEqual([{ seen_as: "mystery sauce", grams: 30, confidence: 0.3 }]);
    expect(draft.photo_key).toBe(`meal-photos/${user.userId}/${draft.id}.jpg`);

    // The model saw the image as a base64 JPEG block with the prompt, and had to report.
    const [asked] = await requests();
    const [image, text] = asked?.body.messages[0].content ?? [];
    expect(image.source).toMatchObject({ type: "base64", media_type: "image/jpeg" });
    expect(text.type).toBe("text");
    expect(asked?.body.tool_choice).toEqual({ type: "tool", name: "report_plate" });
    const stored = await env.MEAL_PHOTOS.get(draft.photo_key);
    expect(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(plate());

    // The look's tokens are in the chat budget: the hold settled to what the model used.
    const chatTokens = await runInDurableObject(
      env.USER_ACTOR.getByName(user.userId),
      async (_, state) =>
        (await new DailyQuotas(state.storage.sql, async () => ({})).used("chat_tokens", 20_000))
          .used,
    );
    expect(chatTokens).toBeGreaterThan(100); // a 320 x 240 image is ~102 tokens, then the text
    expect(chatTokens).toBeLessThan(PHOTO_TOKEN_HOLD);

    const before = await json(await call("/v1/nutrition/today", { token: user.accessToken }));
    expect(before.logged.meals).toBe(0); // nothing logged without confirmation

    // Confirmed with the rice weighed (200 g), the rest as seen.
    const items = [
      { food_id: "builtin:chicken-breast", grams: 150 },
      { food_id: "builtin:white-rice", grams: 200 },
      { food_id: "builtin:broccoli", grams: 80 },
    ];
    const body = { meal: "dinner", draft_id: draft.id, items };
    const confirmed = await call("/v1/meals/logs", { token: user.accessToken, body });
    expect(confirmed.status).toBe(201);
    const log = await json(confirmed);
    // 247.5 + 260 (130 kcal per 100 g of rice) + 27.2 (34 per 100 g of broccoli)
    expect(log.calories).toBeCloseTo(534.7, 1);
    const again = await call("/v1/meals/logs", { token: user.accessToken, body });
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(log.id);
    const after = await json(await call("/v1/nutrition/today", { token: user.accessToken }));
    expect(after.logged).toMatchObject({ meals: 1, calories: 534.7 });

    const exported = await json(await call("/v1/me/export", { token: user.accessToken }));
    expect(exported.meal_photos).toHaveLength(1);
    expect(exported.meal_photos[0]).toMatchObject({ id: draft.id, meal_log_id: log.id });
    expect(exported.meal_photos[0].image_base64).toBe(inject("platePhotoBase64"));
    expect(exported.meal_logs[0].foods.map((f: { food_id: string }) => f.food_id)).toEqual(
      items.map((item) => item.food_id),
    );

    expect((await deleteAccount(user)).status).toBe(200);
    const left = await env.MEAL_PHOTOS.list({ prefix: `meal-photos/${user.userId}/` });
    expect(left.objects).toHaveLength(0);
  });

  it("confirms a draft as it was seen when no items are sent", async () => {
    const user = await eater();
    await enqueue(REPORT);
    const draft = await json(await sendPhoto(user));
    const log = await json(
      await call("/v1/meals/logs", {
        token: user.accessToken,
        body: { meal: "lunch", draft_id: draft.id },
      }),
    );
    expect(log.calories).toBeCloseTo(draft.totals.calories, 5);
    const unknown = await call("/v1/meals/logs", {
      token: user.accessToken,
      body: { meal: "lunch", draft_id: "photo_nope" },
    });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe("meal_draft_not_found");
  });

  it("deletes a photo from R2 once it is older than MEAL_PHOTO_KEEP_DAYS", async () => {
    const user = await eater();
    await enqueue(REPORT);
    const draft = await json(await sendPhoto(user));
    expect(await env.MEAL_PHOTOS.head(draft.photo_key)).not.toBeNull();
    const stub = env.USER_ACTOR.getByName(user.userId);
    await runInDurableObject(stub, (_, state) => {
      const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
      state.storage.sql.exec("UPDATE meal_photos SET created_at = ?", old);
      state.storage.sql.exec(
        "UPDATE schedules SET run_at = ? WHERE kind = 'meal_photo_retention'",
        Date.now() - 1,
      );
    });
    await runDurableObjectAlarm(stub);
    expect(await env.MEAL_PHOTOS.head(draft.photo_key)).toBeNull();
    const confirm = await call("/v1/meals/logs", {
      token: user.accessToken,
      body: { meal: "lunch", draft_id: draft.id },
    });
    expect(confirm.status).toBe(404);
  });

  it("refuses what is not a JPEG or PNG, bodies over 5 MB, and unverified addresses", async () => {
    const user = await eater();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect((await sendPhoto(user, png, "image/jpeg")).status).toBe(415);
    expect((await sendPhoto(user, new TextEncoder().encode("hello"), "image/jpeg")).status).toBe(
      415,
    );
    expect((await sendPhoto(user, plate(), "image/heic")).status).toBe(415);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(plate().subarray(0, 3));
    expect((await sendPhoto(user, big)).status).toBe(413);
    const unverified = await signUp();
    await onboard(unverified.accessToken);
    const refused = await sendPhoto(unverified);
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe("email_not_verified");
    expect(await requests()).toHaveLength(0); // none of these reached the model
  });

  it("allows MEAL_PHOTOS_PER_DAY photos a day, then 429 with Retry-After", async () => {
    const user = await eater();
    for (let i = 0; i < 3; i++) {
      await enqueue(REPORT);
      expect((await sendPhoto(user)).status).toBe(201);
    }
    const refused = await sendPhoto(user);
    expect(refused.status).toBe(429);
    expect((await json(refused)).error.code).toBe("meal_photos_exceeded");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await requests()).toHaveLength(3);
  });

  it("searches built-in and cached foods only without an FDC key, and says so", async () => {
    const user = await eater();
    const found = await json(await call("/v1/foods?q=rice", { token: user.accessToken }));
    expect(found.providers.fdc).toBe("not_configured");
    expect(found.items.map((f: { id: string }) => f.id)).toContain("builtin:white-rice");
  });
});
