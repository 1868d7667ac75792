import { exportPKCS8, generateKeyPair } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendExpo } from "../../durable-objects/reminders/push/expo";
import {
  clearFcmTokenCache,
  parseServiceAccount,
  sendFcm,
} from "../../durable-objects/reminders/push/fcm";
import { type PushStubs, startPushStubs } from "../support/push-stubs";

const expoToken = (n: number) => `ExponentPushToken[device-${n}]`;
const fcmToken = (n: number) => `fcm-device-${n}:APA91bHstub`;
const hello = { title: "Leg day", body: "Your session starts in 30 minutes." };

let stub: PushStubs;

afterEach(() => stub.close());

/** A fetch that counts its calls, to see how many requests a client made. */
function countingFetch() {
  const calls: string[] = [];
  const counted: typeof fetch = (input, init) => {
    calls.push(String(input));
    return fetch(input, init);
  };
  return { calls, fetch: counted };
}

describe("Expo push client", () => {
  const accessToken = "expo-access-token-test";
  beforeEach(async () => {
    stub = await startPushStubs({ expoAccessToken: accessToken });
  });
  const options = () => ({ url: stub.expoUrl, accessToken });

  it("delivers with the access token and returns each ticket's id", async () => {
    const results = await sendExpo(
      [{ to: expoToken(1), ...hello, data: { kind: "reminder", session_id: 7 } }],
      options(),
    );

    expect(results).toEqual([{ status: "sent", providerId: expect.any(String) }]);
    expect(stub.sent).toMatchObject([
      {
        provider: "expo",
        token: expoToken(1),
        ...hello,
        data: { kind: "reminder", session_id: 7 },
      },
    ]);
  });

  it("fails permanently, delivering nothing, when the access token is wrong", async () => {
    const results = await sendExpo([{ to: expoToken(1), ...hello }], {
      url: stub.expoUrl,
      accessToken: "stale",
    });

    expect(results).toEqual([{ status: "failed", reason: "UNAUTHORIZED" }]);
    expect(stub.sent).toEqual([]);
  });

  it("reports DeviceNotRegistered as invalid_token and still delivers the others", async () => {
    stub.invalidate(expoToken(2));

    const results = await sendExpo(
      [1, 2, 3].map((n) => ({ to: expoToken(n), ...hello })),
      options(),
    );

    expect(results.map((r) => r.status)).toEqual(["sent", "invalid_token", "sent"]);
    expect(results[1]).toEqual({ status: "invalid_token", reason: "DeviceNotRegistered" });
    expect(stub.sent.map((s) => s.token)).toEqual([expoToken(1), expoToken(3)]);
  });

  it("asks for a retry on a 503, honouring Retry-After, then sends once Expo is back", async () => {
    stub.failNext("expo", 503, 1, 30);
    const message = { to: expoToken(1), ...hello };

    expect(await sendExpo([message], options())).toEqual([
      { status: "retry", reason: "INTERNAL_SERVER_ERROR", retryAfterSeconds: 30 },
    ]);
    expect(stub.sent).toEqual([]);
    expect(await sendExpo([message], options())).toEqual([
      { status: "sent", providerId: expect.any(String) },
    ]);
  });

  it("fails every message of a request Expo rejects as invalid", async () => {
    const results = await sendExpo(
      [
        { to: expoToken(1), ...hello },
        { to: "not-a-push-token", ...hello },
      ],
      options(),
    );

    expect(results).toEqual([
      { status: "failed", reason: "VALIDATION_ERROR" },
      { status: "failed", reason: "VALIDATION_ERROR" },
    ]);
    expect(stub.sent).toEqual([]);
  });

  it("splits 250 messages into requests of at most 100 and keeps results in order", async () => {
    stub.invalidate(expoToken(150));
    const counting = countingFetch();
    const messages = Array.from({ length: 250 }, (_, n) => ({ to: expoToken(n), ...hello }));

    const results = await sendExpo(messages, { ...options(), fetch: counting.fetch });

    expect(counting.calls).toHaveLength(3);
    expect(results).toHaveLength(250);
    expect(results.filter((r) => r.status === "sent")).toHaveLength(249);
    expect(results[150]).toEqual({ status: "invalid_token", reason: "DeviceNotRegistered" });
    expect(stub.sent.map((s) => s.token)).toEqual(
      messages.map((m) => m.to).filter((to) => to !== expoToken(150)),
    );
  });

  it("maps ticket errors: rate limits retry, credential problems fail", async () => {
    const tickets = ["MessageRateExceeded", "MismatchSenderId", "InvalidCredentials"].map(
      (error) => ({ status: "error", message: "free text", details: { error } }),
    );
    const scripted: typeof fetch = async () => Response.json({ data: tickets });

    const results = await sendExpo(
      [1, 2, 3].map((n) => ({ to: expoToken(n), ...hello })),
      { url: stub.expoUrl, fetch: scripted },
    );

    expect(results).toEqual([
      { status: "retry", reason: "MessageRateExceeded" },
      { status: "failed", reason: "MismatchSenderId" },
      { status: "failed", reason: "InvalidCredentials" },
    ]);
  });

  it("asks for a retry when the network fails", async () => {
    const down: typeof fetch = () => Promise.reject(new TypeError("fetch failed"));

    const results = await sendExpo([{ to: expoToken(1), ...hello }], {
      url: stub.expoUrl,
      fetch: down,
    });

    expect(results).toEqual([{ status: "retry", reason: "network_error" }]);
  });
});

describe("FCM HTTP v1 client", () => {
  beforeEach(async () => {
    clearFcmTokenCache();
    stub = await startPushStubs({ accessTokenTtlSeconds: 120 });
  });
  const options = (now?: () => number) => ({
    serviceAccount: stub.serviceAccount,
    baseUrl: stub.fcmBaseUrl,
    ...(now ? { now } : {}),
  });

  it("mints an access token once and reuses it for the next send", async () => {
    const first = await sendFcm({ token: fcmToken(1), ...hello }, options());
    const second = await sendFcm({ token: fcmToken(2), ...hello }, options());

    expect(first).toEqual({ status: "sent", providerId: expect.stringMatching(/^projects\//) });
    expect(second.status).toBe("sent");
    expect(stub.tokenRequests).toBe(1);
    expect(stub.sent.map((s) => [s.provider, s.token, s.title])).toEqual([
      ["fcm", fcmToken(1), hello.title],
      ["fcm", fcmToken(2), hello.title],
    ]);
  });

  it("mints a new access token once the cached one is within a minute of expiry", async () => {
    const start = Date.now();
    let clock = start;
    const now = () => clock;

    await sendFcm({ token: fcmToken(1), ...hello }, options(now));
    clock = start + 30_000; // 90 s of the 120 s left
    await sendFcm({ token: fcmToken(1), ...hello }, options(now));
    expect(stub.tokenRequests).toBe(1);

    clock = start + 61_000; // 59 s left
    expect((await sendFcm({ token: fcmToken(1), ...hello }, options(now))).status).toBe("sent");
    expect(stub.tokenRequests).toBe(2);
  });

  it("reports an UNREGISTERED token as invalid_token", async () => {
    stub.invalidate(fcmToken(1));

    const result = await sendFcm({ token: fcmToken(1), ...hello }, options());

    expect(result).toEqual({ status: "invalid_token", reason: "UNREGISTERED" });
    expect(stub.sent).toEqual([]);
  });

  it("reports a malformed registration token (INVALID_ARGUMENT) as invalid_token", async () => {
    const result = await sendFcm({ token: "not a token", ...hello }, options());

    expect(result).toEqual({ status: "invalid_token", reason: "INVALID_ARGUMENT" });
  });

  it("asks for a retry on a 503, honouring Retry-After", async () => {
    stub.failNext("fcm", 503, 1, 12);

    const result = await sendFcm({ token: fcmToken(1), ...hello }, options());

    expect(result).toEqual({ status: "retry", reason: "UNAVAILABLE", retryAfterSeconds: 12 });
    expect(stub.sent).toEqual([]);
  });

  it("fails permanently on SENDER_ID_MISMATCH", async () => {
    stub.failNext("fcm", 403);

    const result = await sendFcm({ token: fcmToken(1), ...hello }, options());

    expect(result).toEqual({ status: "failed", reason: "SENDER_ID_MISMATCH" });
  });

  it("re-mints and delivers when FCM no longer accepts the cached access token", async () => {
    await sendFcm({ token: fcmToken(1), ...hello }, options());
    stub.reset(); // forgets every access token it issued

    const result = await sendFcm({ token: fcmToken(2), ...hello }, options());

    expect(result.status).toBe("sent");
    expect(stub.tokenRequests).toBe(1);
    expect(stub.sent.map((s) => s.token)).toEqual([fcmToken(2)]);
  });

  it("asks for a retry when FCM refuses the fresh access token too", async () => {
    stub.failNext("fcm", 401, 2);

    const result = await sendFcm({ token: fcmToken(1), ...hello }, options());

    expect(result).toEqual({ status: "retry", reason: "UNAUTHENTICATED" });
    expect(stub.tokenRequests).toBe(2);
  });

  it("fails when the token endpoint refuses an assertion signed with the wrong key", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const forged = { ...stub.serviceAccount, private_key: await exportPKCS8(privateKey) };

    const result = await sendFcm(
      { token: fcmToken(1), ...hello },
      { ...options(), serviceAccount: forged },
    );

    expect(result).toEqual({ status: "failed", reason: "oauth_invalid_grant" });
    expect(stub.sent).toEqual([]);
  });

  it("asks for a retry when the token endpoint is down", async () => {
    stub.failNext("fcm-token", 503);

    const result = await sendFcm({ token: fcmToken(1), ...hello }, options());

    expect(result).toEqual({ status: "retry", reason: "oauth_internal_failure" });
  });

  it("sends data values as strings, which FCM requires", async () => {
    const data = { session_id: 42, rest_day: false, kind: "reminder" };

    const result = await sendFcm({ token: fcmToken(1), ...hello, data }, options());

    expect(result.status).toBe("sent");
    expect(stub.sent[0]?.data).toEqual({ session_id: "42", rest_day: "false", kind: "reminder" });
  });
});

describe("push stubs", () => {
  beforeEach(async () => {
    clearFcmTokenCache();
    stub = await startPushStubs();
  });

  it("refuses FCM data values that are not strings, as FCM does", async () => {
    // Borrow a real access token from a client send, then post a message the client never would.
    let authorization = "";
    const spying: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (String(input).includes("messages:send")) authorization = headers.get("authorization")!;
      return fetch(input, init);
    };
    await sendFcm(
      { token: fcmToken(1), ...hello },
      { serviceAccount: stub.serviceAccount, baseUrl: stub.fcmBaseUrl, fetch: spying },
    );

    const response = await fetch(
      `${stub.fcmBaseUrl}/v1/projects/${stub.serviceAccount.project_id}/messages:send`,
      {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ message: { token: fcmToken(2), data: { reps: 8 } } }),
      },
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        status: "INVALID_ARGUMENT",
        details: [
          { errorCode: "INVALID_ARGUMENT" },
          { fieldViolations: [{ field: "message.data[0].value" }] },
        ],
      },
    });
    expect(stub.sent.map((s) => s.token)).toEqual([fcmToken(1)]);
  });

  it("refuses a token request without the JWT bearer grant", async () => {
    const response = await fetch(stub.tokenUri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "unsupported_grant_type" });
    expect(stub.tokenRequests).toBe(1);
  });

  it("is scriptable over HTTP, as tests inside workerd need", async () => {
    const control = (path: string, body?: object) =>
      fetch(`${stub.url}/_stub/${path}`, {
        method: body ? "POST" : "GET",
        body: body && JSON.stringify(body),
      }).then((r) => r.json());

    const account = parseServiceAccount(await control("service-account"));
    expect(account).toEqual({ ok: true, serviceAccount: stub.serviceAccount });
    await control("invalidate", { token: expoToken(1) });
    await control("fail", { provider: "fcm", status: 429, times: 1 });

    const expo = await sendExpo(
      [1, 2].map((n) => ({ to: expoToken(n), ...hello })),
      {
        url: stub.expoUrl,
      },
    );
    const fcm = await sendFcm(
      { token: fcmToken(1), ...hello },
      {
        serviceAccount: stub.serviceAccount,
        baseUrl: stub.fcmBaseUrl,
      },
    );

    expect(expo.map((r) => r.status)).toEqual(["invalid_token", "sent"]);
    expect(fcm).toEqual({ status: "retry", reason: "QUOTA_EXCEEDED" });
    expect(await control("sent")).toMatchObject([{ provider: "expo", token: expoToken(2) }]);
    await control("reset", {});
    expect(await control("state")).toEqual({ sent: [], token_requests: 0, expo_throttled: 0 });
  });
});

describe("parseServiceAccount", () => {
  it("names each missing or malformed field", () => {
    const result = parseServiceAccount(
      JSON.stringify({
        project_id: "p",
        client_email: "not-an-email",
        private_key: "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----",
      }),
    );

    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      expect.stringContaining("client_email"),
      expect.stringMatching(/private_key: must be a PKCS#8 PEM key/),
      expect.stringContaining("token_uri"),
    ]);
    expect(parseServiceAccount("{not json")).toEqual({
      ok: false,
      errors: ["service account: not valid JSON"],
    });
  });
});
