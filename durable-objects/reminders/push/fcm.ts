import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import {
  DEFAULT_TIMEOUT_MS,
  errorCode,
  isRetryableStatus,
  networkFailure,
  type PushResult,
  readJson,
  retryResult,
} from "./types";

/**
 * Firebase Cloud Messaging HTTP v1 (https://firebase.google.com/docs/cloud-messaging/send/v1-api):
 * one message per request, authorised by an OAuth2 access token that a service account mints
 * for itself with a signed JWT (the "JWT bearer" grant, RFC 7523). Runs in workerd and Node
 * alike: fetch, WebCrypto and jose only.
 */

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const TOKEN_LIFETIME_SECONDS = 3600; // the most Google accepts
const EXPIRY_MARGIN_MS = 60_000;

const serviceAccountSchema = z.object({
  project_id: z.string().min(1),
  client_email: z.email(),
  // Secrets pasted into a dashboard often arrive with the JSON's "\n" escapes left literal.
  private_key: z
    .string()
    .transform((pem) => pem.replace(/\\n/g, "\n"))
    .refine((pem) => pem.includes("-----BEGIN PRIVATE KEY-----"), "must be a PKCS#8 PEM key"),
  private_key_id: z.string().min(1).optional(),
  token_uri: z.url(),
});

/** The fields of the service-account JSON that Google issues that this client uses. */
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

export type ServiceAccountResult =
  | { ok: true; serviceAccount: ServiceAccount }
  | { ok: false; errors: string[] };

/** Parses and checks a service-account JSON (as text or already parsed). */
export function parseServiceAccount(input: unknown): ServiceAccountResult {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, errors: ["service account: not valid JSON"] };
    }
  }
  const parsed = serviceAccountSchema.safeParse(value);
  if (parsed.success) return { ok: true, serviceAccount: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map(
      (issue) => `service account ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    ),
  };
}

export interface FcmMessage {
  /** The device's FCM registration token. */
  token: string;
  title: string;
  body: string;
  data?: Record<string, string | number | boolean>;
}

export interface FcmOptions {
  serviceAccount: ServiceAccount;
  /** https://fcm.googleapis.com, or a stub's. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; for tests of token expiry. */
  now?: () => number;
  timeoutMs?: number;
}

// Module scope, so one isolate mints once an hour per service account. Only finished tokens
// are kept, never a pending mint: workerd may refuse to settle a promise from one request
// inside another, so two cold requests racing each mint their own (Google allows that).
const tokenCache = new Map<string, { accessToken: string; expiresAtMs: number }>();

/** Forgets every cached access token (tests). */
export function clearFcmTokenCache(): void {
  tokenCache.clear();
}

/** Sends one message; never throws for provider or network failures. */
export async function sendFcm(message: FcmMessage, options: FcmOptions): Promise<PushResult> {
  const now = options.now ?? Date.now;
  const { serviceAccount } = options;
  let token = await accessToken(options, false);
  if (!token.ok) return token.result;
  let response = await post(message, token.accessToken, options);
  if (response instanceof Response && response.status === 401) {
    const body = await readJson(response);
    // An APNs credential problem also answers 401; a fresh access token would not fix it.
    if (fcmErrorCode(body) === "THIRD_PARTY_AUTH_ERROR") {
      return { status: "failed", reason: "THIRD_PARTY_AUTH_ERROR" };
    }
    // Revoked or expired early (clock skew, key rotation): mint a fresh one and try once more.
    tokenCache.delete(serviceAccount.client_email);
    token = await accessToken(options, true);
    if (!token.ok) return token.result;
    response = await post(message, token.accessToken, options);
  }
  if (!(response instanceof Response)) return networkFailure(response.error);
  if (response.ok) {
    const body = (await readJson(response)) as { name?: unknown } | undefined;
    return typeof body?.name === "string"
      ? { status: "sent", providerId: body.name }
      : { status: "sent" };
  }
  if (response.status === 401) {
    tokenCache.delete(serviceAccount.client_email);
    return retryResult("UNAUTHENTICATED", response, now());
  }
  return fcmErrorResult(response, await readJson(response), now());
}

async function post(
  message: FcmMessage,
  accessToken: string,
  options: FcmOptions,
): Promise<Response | { error: unknown }> {
  const doFetch = options.fetch ?? fetch;
  const { project_id } = options.serviceAccount;
  const payload: Record<string, unknown> = {
    token: message.token,
    notification: { title: message.title, body: message.body },
  };
  // FCM takes only string values in data; it answers INVALID_ARGUMENT to anything else.
  if (message.data) {
    payload.data = Object.fromEntries(
      Object.entries(message.data).map(([key, value]) => [key, String(value)]),
    );
  }
  try {
    return await doFetch(
      `${options.baseUrl.replace(/\/$/, "")}/v1/projects/${encodeURIComponent(project_id)}/messages:send`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ message: payload }),
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      },
    );
  } catch (error) {
    return { error };
  }
}

interface GoogleError {
  error?: {
    status?: string;
    message?: string;
    details?: Array<{
      "@type"?: string;
      errorCode?: string;
      fieldViolations?: Array<{ field?: string }>;
    }>;
  };
}

function fcmErrorCode(body: unknown): string | undefined {
  const details = (body as GoogleError | undefined)?.error?.details ?? [];
  return details.find((d) => d["@type"]?.endsWith("google.firebase.fcm.v1.FcmError"))?.errorCode;
}

/** Maps FCM's error answers (https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode). */
function fcmErrorResult(response: Response, body: unknown, nowMs: number): PushResult {
  const error = (body as GoogleError | undefined)?.error;
  const reason = errorCode(fcmErrorCode(body) ?? error?.status, `http_${response.status}`);
  if (response.status === 404 || reason === "UNREGISTERED") {
    return { status: "invalid_token", reason };
  }
  if (response.status === 400) {
    // INVALID_ARGUMENT covers both a malformed token and a malformed payload; only the first
    // is the device's fault. FCM names the field in a BadRequest detail.
    const aboutToken =
      error?.details?.some((d) => d.fieldViolations?.some((v) => v.field === "message.token")) ||
      /registration token/i.test(error?.message ?? "");
    return aboutToken ? { status: "invalid_token", reason } : { status: "failed", reason };
  }
  if (isRetryableStatus(response.status)) return retryResult(reason, response, nowMs);
  // 403 SENDER_ID_MISMATCH / PERMISSION_DENIED and the rest: retrying would not help.
  return { status: "failed", reason };
}

type TokenResult = { ok: true; accessToken: string } | { ok: false; result: PushResult };

/** The cached access token, or a fresh one from the service account's token_uri. */
async function accessToken(options: FcmOptions, fresh: boolean): Promise<TokenResult> {
  const now = options.now ?? Date.now;
  const account = options.serviceAccount;
  const cached = tokenCache.get(account.client_email);
  if (!fresh && cached && now() < cached.expiresAtMs - EXPIRY_MARGIN_MS) {
    return { ok: true, accessToken: cached.accessToken };
  }

  let assertion: string;
  try {
    const iat = Math.floor(now() / 1000);
    const key = await importPKCS8(account.private_key, "RS256");
    assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({
        alg: "RS256",
        typ: "JWT",
        ...(account.private_key_id ? { kid: account.private_key_id } : {}),
      })
      .setIssuer(account.client_email)
      .setAudience(account.token_uri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_LIFETIME_SECONDS)
      .sign(key);
  } catch {
    return { ok: false, result: { status: "failed", reason: "invalid_service_account" } };
  }

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(account.token_uri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, result: networkFailure(error) };
  }
  const body = (await readJson(response)) as
    | { access_token?: unknown; expires_in?: unknown; error?: unknown }
    | undefined;
  if (!response.ok) {
    // OAuth errors are codes by spec (invalid_grant, invalid_scope, ...); 4xx means the
    // service account or its key is wrong, which retrying will not change.
    const reason = `oauth_${errorCode(body?.error, `http_${response.status}`)}`;
    return {
      ok: false,
      result: isRetryableStatus(response.status)
        ? retryResult(reason, response, now())
        : { status: "failed", reason },
    };
  }
  if (typeof body?.access_token !== "string" || typeof body.expires_in !== "number") {
    return { ok: false, result: { status: "retry", reason: "oauth_bad_response" } };
  }
  tokenCache.set(account.client_email, {
    accessToken: body.access_token,
    expiresAtMs: now() + body.expires_in * 1000,
  });
  return { ok: true, accessToken: body.access_token };
}
