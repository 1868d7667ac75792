import { afterEach, describe, expect, it } from "vitest";
import { sendExpo } from "../../durable-objects/reminders/push/expo";
import { type PushStubs, startPushStubs } from "./push-stubs";

// The Expo parts of the push stubs that the reminder work relies on: the rate limit of 600
// notifications a second, receipts, and the in-process fetch the burst benchmark uses.

const token = (n: number) => `ExponentPushToken[device-${n}]`;
const messages = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ to: token(from + i), title: "Hi", body: "There" }));

let stub: PushStubs;
afterEach(() => stub.close());

async function post(url: string, body: unknown, authorization?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe("Expo's rate in the stub", () => {
  it("refuses a request that would pass 600 notifications in a second, delivering none of it", async () => {
    let now = 1_000_000;
    stub = await startPushStubs({ now: () => now });
    for (let i = 0; i < 6; i++) await sendExpo(messages(i * 100, 100), { url: stub.expoUrl });
    expect(stub.sent).toHaveLength(600);

    now += 999;
    const refused = await post(stub.expoUrl, messages(600, 1));
    expect(refused).toEqual({
      status: 429,
      body: { errors: [{ code: "TOO_MANY_REQUESTS", message: expect.any(String) }] },
    });
    expect(stub.sent).toHaveLength(600);
    expect(stub.expo.throttled).toBe(1);

    // A second after the first 600, the window has room again.
    now += 1;
    expect((await post(stub.expoUrl, messages(600, 100))).status).toBe(200);
    expect(stub.sent).toHaveLength(700);
  });

  it("makes the Expo client ask for a retry", async () => {
    stub = await startPushStubs({ expoPerSecond: 2 });
    const results = await sendExpo(messages(0, 3), { url: stub.expoUrl });
    expect(results).toEqual([
      { status: "retry", reason: "TOO_MANY_REQUESTS" },
      { status: "retry", reason: "TOO_MANY_REQUESTS" },
      { status: "retry", reason: "TOO_MANY_REQUESTS" },
    ]);
  });
});

describe("Expo receipts in the stub", () => {
  it("answers ok receipts for delivered tickets and leaves unknown ids out", async () => {
    stub = await startPushStubs({ expoAccessToken: "secret" });
    const tickets = await sendExpo(messages(0, 2), { url: stub.expoUrl, accessToken: "secret" });
    const ids = tickets.map((t) => (t.status === "sent" ? t.providerId : ""));

    const answer = await post(stub.expoReceiptsUrl, { ids: [...ids, "nope"] }, "Bearer secret");
    expect(answer).toEqual({
      status: 200,
      body: {
        data: { [ids[0] as string]: { status: "ok" }, [ids[1] as string]: { status: "ok" } },
      },
    });
    expect((await post(stub.expoReceiptsUrl, { ids })).status).toBe(401);
  });

  it("reports a device gone in the receipt of an accepted ticket", async () => {
    stub = await startPushStubs();
    stub.expo.failReceipts(token(1), "DeviceNotRegistered");
    const [ticket] = await sendExpo(messages(1, 1), { url: stub.expoUrl });
    expect(ticket).toMatchObject({ status: "sent" });
    const id = ticket?.status === "sent" ? (ticket.providerId as string) : "";

    const answer = await post(stub.expoReceiptsUrl, { ids: [id] });
    expect(answer.body).toEqual({
      data: {
        [id]: {
          status: "error",
          message: expect.any(String),
          details: { error: "DeviceNotRegistered", expoPushToken: token(1) },
        },
      },
    });
  });

  it("has no receipt before its delay and refuses more than 1,000 ids", async () => {
    let now = 0;
    stub = await startPushStubs({ now: () => now, expoReceiptDelayMs: 60_000 });
    const [ticket] = await sendExpo(messages(0, 1), { url: stub.expoUrl });
    const id = ticket?.status === "sent" ? (ticket.providerId as string) : "";
    expect((await post(stub.expoReceiptsUrl, { ids: [id] })).body).toEqual({ data: {} });
    now += 60_000;
    expect((await post(stub.expoReceiptsUrl, { ids: [id] })).body).toEqual({
      data: { [id]: { status: "ok" } },
    });

    const tooMany = await post(stub.expoReceiptsUrl, {
      ids: Array.from({ length: 1001 }, (_, i) => `id-${i}`),
    });
    expect(tooMany).toEqual({
      status: 400,
      body: { errors: [{ code: "PUSH_TOO_MANY_RECEIPTS", message: expect.any(String) }] },
    });
  });

  it("is scriptable over HTTP (receipt errors, rate, delay)", async () => {
    stub = await startPushStubs();
    const control = (path: string, body: object) => post(`${stub.url}/_stub/${path}`, body);
    await control("receipt-error", { token: token(3), error: "InvalidCredentials" });
    await control("expo", { per_second: 1, receipt_delay_ms: 0 });

    const results = await sendExpo(messages(3, 2), { url: stub.expoUrl });
    expect(results.map((r) => r.status)).toEqual(["retry", "retry"]);
    const [ticket] = await sendExpo(messages(3, 1), { url: stub.expoUrl });
    const id = ticket?.status === "sent" ? (ticket.providerId as string) : "";
    expect((await post(stub.expoReceiptsUrl, { ids: [id] })).body).toMatchObject({
      data: { [id]: { status: "error", details: { error: "InvalidCredentials" } } },
    });

    await control("reset", {});
    expect(stub.expo.perSecond).toBe(600);
  });
});

describe("the stub in-process", () => {
  it("answers through its fetch as over HTTP, on its own clock", async () => {
    let now = Date.parse("2026-03-03T08:00:00Z");
    stub = await startPushStubs({ now: () => now, expoPerSecond: 100, recordSent: false });
    const options = { url: stub.expoUrl, fetch: stub.fetch };
    expect((await sendExpo(messages(0, 100), options)).every((r) => r.status === "sent")).toBe(
      true,
    );
    expect((await sendExpo(messages(100, 1), options))[0]).toEqual({
      status: "retry",
      reason: "TOO_MANY_REQUESTS",
    });
    now += 1000;
    expect((await sendExpo(messages(100, 1), options))[0]).toMatchObject({ status: "sent" });
    // Nothing went through the socket, and nothing was kept.
    expect(stub.sent).toEqual([]);
  });
});
