import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import type { ServiceAccount } from "../../durable-objects/reminders/push/fcm";
import { ExpoAnswer, ExpoPushApi, expoError } from "./expo-push-api";

/**
 * Expo's push API, Google's OAuth2 token endpoint and FCM HTTP v1, on one loopback port, so
 * the push clients run unchanged against them. Each checks what the real service checks:
 * Expo the token format, (when enabled) the access token, its rate of 600 notifications a
 * second and its receipts (expo-push-api.ts); the token endpoint the signed JWT assertion
 * against the service account's public key; FCM the access token it issued, the project and
 * the message shape (data values must be strings), and UNREGISTERED for a dead token.
 *
 *   POST /expo/--/api/v2/push/send              expoUrl
 *   POST /expo/--/api/v2/push/getReceipts       expoReceiptsUrl
 *   POST /fcm-token                             tokenUri (in serviceAccount.token_uri)
 *   POST /fcm/v1/projects/{id}/messages:send    fcmBaseUrl + /v1/...
 *
 * Tests inside workerd cannot call these methods; the same controls are served over HTTP:
 * GET /_stub/sent, GET /_stub/state, GET /_stub/service-account, POST /_stub/invalidate
 * {token}, POST /_stub/fail {provider, status, times?, retry_after_seconds?}, POST
 * /_stub/receipt-error {token, error}, POST /_stub/expo {per_second?, receipt_delay_ms?},
 * POST /_stub/reset. `stub.fetch` serves the same answers in-process, on the stub's clock
 * (`now`), for benchmarks that simulate time (bench/scenarios/reminder-burst.mjs).
 */

export type PushProvider = "expo" | "fcm";
export type FailTarget = PushProvider | "fcm-token";

export interface RecordedPush {
  provider: PushProvider;
  token: string;
  title?: string;
  body?: string;
  data?: Record<string, unknown>;
  /** ISO 8601, when the stub accepted it. */
  at: string;
}

export interface PushStubOptions {
  /** When set, Expo requests must carry `Authorization: Bearer <this>` (enhanced security). */
  expoAccessToken?: string;
  /** Expo's rate, notifications a second per project (600, as Expo's). */
  expoPerSecond?: number;
  /** How long after a send its Expo receipt is available (0: at once). */
  expoReceiptDelayMs?: number;
  /** The `expires_in` of issued access tokens (Google's is 3600). */
  accessTokenTtlSeconds?: number;
  /** The stub's clock (ms); a benchmark's simulated time. */
  now?: () => number;
  /** Keep what was delivered in `sent` (off for a benchmark's hundreds of thousands). */
  recordSent?: boolean;
}

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
// FCM registration tokens are base64url-ish with a colon; anything else FCM calls invalid.
const FCM_TOKEN = /^[A-Za-z0-9_:-]+$/;
const RESERVED_DATA_KEYS = /^(from|notification|message_type)$|^(google|gcm)\./;
const BAD_FCM_TOKEN = "The registration token is not a valid FCM registration token";
const ROUTES: Record<string, FailTarget | "expo-receipts"> = {
  "/expo/--/api/v2/push/send": "expo",
  "/expo/--/api/v2/push/getReceipts": "expo-receipts",
  "/fcm-token": "fcm-token",
};

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An answer other than 200: the handlers throw it, #handle writes it. */
class Answer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(`stub answer ${status}`);
  }
}

const googleError = (status: number, grpc: string, message: string, details: object[] = []) =>
  new Answer(status, { error: { code: status, message, status: grpc, details } });

const fcmError = (status: number, grpc: string, code: string, message: string, more = {}) =>
  googleError(status, grpc, message, [
    { "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: code },
    ...(Object.keys(more).length ? [more] : []),
  ]);

const invalidArgument = (field: string, description: string) =>
  fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", description, {
    "@type": "type.googleapis.com/google.rpc.BadRequest",
    fieldViolations: [{ field, description }],
  });

const oauthError = (error: string, description: string) =>
  new Answer(400, { error, error_description: description });

/** The body a provider sends with an injected failure status. */
function injected(target: FailTarget, status: number): Answer {
  if (target === "fcm-token") {
    return status < 500
      ? oauthError("invalid_grant", "Invalid grant: account not found")
      : new Answer(status, { error: "internal_failure", error_description: "Backend Error" });
  }
  if (target === "expo") {
    const code = { 400: "VALIDATION_ERROR", 401: "UNAUTHORIZED", 429: "TOO_MANY_REQUESTS" }[
      status as 400 | 401 | 429
    ];
    const answer = expoError(status, code ?? "INTERNAL_SERVER_ERROR", "Injected failure.");
    return new Answer(answer.status, answer.body);
  }
  const [grpc, code] = ({
    400: ["INVALID_ARGUMENT", "INVALID_ARGUMENT"],
    401: ["UNAUTHENTICATED", undefined],
    403: ["PERMISSION_DENIED", "SENDER_ID_MISMATCH"],
    404: ["NOT_FOUND", "UNREGISTERED"],
    429: ["RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"],
    503: ["UNAVAILABLE", "UNAVAILABLE"],
  }[status] ?? ["INTERNAL", "INTERNAL"]) as [string, string | undefined];
  return code
    ? fcmError(status, grpc, code, "Injected failure.")
    : googleError(status, grpc, "Injected failure.");
}

export class PushStubs {
  readonly url: string;
  readonly expoUrl: string;
  readonly expoReceiptsUrl: string;
  readonly fcmBaseUrl: string;
  readonly tokenUri: string;
  readonly serviceAccount: ServiceAccount;
  readonly sent: RecordedPush[] = [];
  /** Expo's push and receipts API, its rate and receipt controls. */
  readonly expo: ExpoPushApi;
  readonly #server: Server;
  readonly #publicKey: CryptoKey;
  readonly #ttlSeconds: number;
  readonly #now: () => number;
  readonly #recordSent: boolean;
  readonly #invalidated = new Set<string>();
  /** Access tokens issued, with when each expires (ms). */
  readonly #issued = new Map<string, number>();
  readonly #failures = new Map<FailTarget, Array<{ status: number; retryAfter?: number }>>();
  #tokenRequests = 0;

  private constructor(server: Server, publicKey: CryptoKey, pem: string, o: PushStubOptions) {
    this.#server = server;
    this.#publicKey = publicKey;
    this.#ttlSeconds = o.accessTokenTtlSeconds ?? 3600;
    this.#now = o.now ?? Date.now;
    this.#recordSent = o.recordSent ?? true;
    this.expo = new ExpoPushApi({
      accessToken: o.expoAccessToken,
      perSecond: o.expoPerSecond,
      receiptDelayMs: o.expoReceiptDelayMs,
      now: this.#now,
      invalidated: this.#invalidated,
      record: (token, title, body, data) => this.#record("expo", token, title, body, data),
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.expoUrl = `${this.url}/expo/--/api/v2/push/send`;
    this.expoReceiptsUrl = `${this.url}/expo/--/api/v2/push/getReceipts`;
    this.fcmBaseUrl = `${this.url}/fcm`;
    this.tokenUri = `${this.url}/fcm-token`;
    const projectId = "fitness-coach-test";
    this.serviceAccount = {
      project_id: projectId,
      private_key_id: randomBytes(20).toString("hex"),
      private_key: pem,
      client_email: `push-sender@${projectId}.iam.gserviceaccount.com`,
      token_uri: this.tokenUri,
    };
    server.on("request", (req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) writeJson(res, 500, { error: String(error) });
      });
    });
  }

  static async start(options: PushStubOptions = {}): Promise<PushStubs> {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    const privatePem = await exportPKCS8(privateKey);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new PushStubs(server, publicKey, privatePem, options);
  }

  /** Token endpoint requests so far, failed ones included. */
  get tokenRequests(): number {
    return this.#tokenRequests;
  }

  /** The device uninstalled the app: Expo answers DeviceNotRegistered, FCM UNREGISTERED. */
  invalidate(token: string): void {
    this.#invalidated.add(token);
  }

  /** The next `times` requests to that endpoint answer `status` and deliver nothing. */
  failNext(target: FailTarget, status: number, times = 1, retryAfterSeconds?: number): void {
    const queue = this.#failures.get(target) ?? [];
    for (let i = 0; i < times; i++) queue.push({ status, retryAfter: retryAfterSeconds });
    this.#failures.set(target, queue);
  }

  /** Forgets everything but the key pair; issued access tokens stop working (401). */
  reset(): void {
    this.sent.length = 0;
    this.#invalidated.clear();
    this.#issued.clear();
    this.#failures.clear();
    this.#tokenRequests = 0;
    this.expo.reset();
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const text = await readText(req);
    const answer = path.startsWith("/_stub/")
      ? this.#control(path, text)
      : await this.#answer(req.method ?? "GET", path, req.headers, text);
    if (answer.retryAfter !== undefined) res.setHeader("retry-after", String(answer.retryAfter));
    writeJson(res, answer.status, answer.body);
  }

  /**
   * The stub as a `fetch` (push clients take one), answered in-process on the stub's clock:
   * the same checks and answers as over HTTP, without a socket per simulated request.
   */
  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const headers = Object.fromEntries(request.headers);
    const answer = await this.#answer(request.method, path, headers, await request.text());
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: {
        "content-type": "application/json; charset=utf-8",
        ...(answer.retryAfter === undefined ? {} : { "retry-after": String(answer.retryAfter) }),
      },
    });
  };

  async #answer(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    text: string,
  ): Promise<{ status: number; body: unknown; retryAfter?: number }> {
    try {
      const target = ROUTES[path] ?? (path.startsWith("/fcm/v1/") ? "fcm" : undefined);
      if (!target || method !== "POST") throw new Answer(404, { error: "Not Found" });
      if (target === "fcm-token") this.#tokenRequests++;
      const failure = target === "expo-receipts" ? undefined : this.#failures.get(target)?.shift();
      if (failure && target !== "expo-receipts") {
        const answer = injected(target, failure.status);
        throw new Answer(answer.status, answer.body, failure.retryAfter);
      }
      const contentType = String(headers["content-type"] ?? "")
        .split(";")[0]
        ?.trim();
      const auth = headers.authorization as string | undefined;
      const body =
        target === "expo"
          ? this.expo.send(auth, contentType, text)
          : target === "expo-receipts"
            ? this.expo.receipts(auth, contentType, text)
            : target === "fcm-token"
              ? await this.#token(contentType, text)
              : this.#fcm(path, contentType, auth, text);
      return { status: 200, body };
    } catch (error) {
      if (error instanceof ExpoAnswer) return { status: error.status, body: error.body };
      if (!(error instanceof Answer)) return { status: 500, body: { error: String(error) } };
      return { status: error.status, body: error.body, retryAfter: error.retryAfterSeconds };
    }
  }

  async #token(contentType: string | undefined, text: string): Promise<unknown> {
    if (contentType !== "application/x-www-form-urlencoded") {
      throw oauthError("invalid_request", "Bad Request");
    }
    const form = new URLSearchParams(text);
    if (form.get("grant_type") !== JWT_BEARER) {
      throw oauthError("unsupported_grant_type", `Invalid grant_type: ${form.get("grant_type")}`);
    }
    const assertion = form.get("assertion") ?? "";
    const account = this.serviceAccount;
    let payload: Record<string, unknown>;
    try {
      const { kid } = decodeProtectedHeader(assertion);
      // Google picks the public key by kid; an unknown kid cannot verify.
      if (kid !== undefined && kid !== account.private_key_id) throw new Error("unknown kid");
      ({ payload } = await jwtVerify(assertion, this.#publicKey, {
        algorithms: ["RS256"],
        issuer: account.client_email,
        audience: account.token_uri,
        requiredClaims: ["iat", "exp"],
        maxTokenAge: 3600,
        clockTolerance: 300,
      }));
    } catch {
      throw oauthError("invalid_grant", "Invalid JWT Signature.");
    }
    if ((payload.exp as number) - (payload.iat as number) > 3600) {
      throw oauthError("invalid_grant", "Invalid JWT: Token must be a short-lived token.");
    }
    const scopes = String(payload.scope ?? "").split(" ");
    if (!scopes.includes(SCOPE)) {
      throw oauthError("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    }
    const accessToken = `ya29.stub-${randomBytes(24).toString("base64url")}`;
    this.#issued.set(accessToken, this.#now() + this.#ttlSeconds * 1000);
    return { access_token: accessToken, expires_in: this.#ttlSeconds, token_type: "Bearer" };
  }

  #fcm(path: string, contentType: string | undefined, auth: string | undefined, text: string) {
    const expiresAt = this.#issued.get(auth?.replace(/^Bearer /, "") ?? "");
    if (!auth?.startsWith("Bearer ") || expiresAt === undefined || expiresAt <= this.#now()) {
      throw googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
    }
    const projectId = /^\/fcm\/v1\/projects\/([^/]+)\/messages:send$/.exec(path)?.[1];
    if (projectId === undefined) throw googleError(404, "NOT_FOUND", "Not Found");
    if (decodeURIComponent(projectId) !== this.serviceAccount.project_id) {
      throw googleError(403, "PERMISSION_DENIED", "Permission denied on resource project.");
    }
    if (contentType !== "application/json") {
      throw googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    const message = (parse(text) as { message?: unknown } | undefined)?.message;
    if (!isMap(message)) {
      throw invalidArgument("message", "Request contains an invalid argument.");
    }
    const { token, data } = message;
    const notification = (message.notification ?? {}) as Record<string, unknown>;
    if (typeof token !== "string" || !FCM_TOKEN.test(token)) {
      throw invalidArgument("message.token", BAD_FCM_TOKEN);
    }
    for (const field of ["title", "body"]) {
      const value = notification[field];
      if (value !== undefined && typeof value !== "string") {
        throw invalidArgument(`message.notification.${field}`, "Invalid value (TYPE_STRING)");
      }
    }
    if (data !== undefined) {
      if (!isMap(data)) {
        throw invalidArgument("message.data", "Invalid value (map<string, string>)");
      }
      Object.entries(data).forEach(([key, value], i) => {
        if (typeof value !== "string") {
          throw invalidArgument(`message.data[${i}].value`, `Invalid value, ${value}`);
        }
        if (RESERVED_DATA_KEYS.test(key)) {
          throw invalidArgument(`message.data[${i}].key`, `Invalid data payload key: ${key}`);
        }
      });
    }
    if (this.#invalidated.has(token)) {
      throw fcmError(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.");
    }
    this.#record("fcm", token, notification.title as string, notification.body as string, data);
    return { name: `projects/${projectId}/messages/${randomBytes(8).toString("hex")}` };
  }

  #record(provider: PushProvider, token: string, title?: string, body?: string, data?: object) {
    if (!this.#recordSent) return;
    const at = new Date(this.#now()).toISOString();
    this.sent.push({ provider, token, title, body, data: data as Record<string, unknown>, at });
  }

  /** The controls above over HTTP, for tests running inside workerd. */
  #control(path: string, text: string): { status: number; body: unknown; retryAfter?: number } {
    // biome-ignore lint/suspicious/noExplicitAny: control bodies are trusted test input
    const b: any = parse(text) ?? {};
    const actions: Record<string, () => unknown> = {
      "/_stub/sent": () => this.sent,
      "/_stub/state": () => ({
        sent: this.sent,
        token_requests: this.tokenRequests,
        expo_throttled: this.expo.throttled,
      }),
      "/_stub/service-account": () => ({ type: "service_account", ...this.serviceAccount }),
      "/_stub/invalidate": () => this.invalidate(String(b.token)),
      "/_stub/fail": () => {
        if (!["expo", "fcm", "fcm-token"].includes(b.provider)) throw new Error("bad provider");
        this.failNext(b.provider, Number(b.status), b.times ?? 1, b.retry_after_seconds);
      },
      "/_stub/receipt-error": () => this.expo.failReceipts(String(b.token), String(b.error)),
      "/_stub/expo": () => {
        if (b.per_second !== undefined) this.expo.perSecond = Number(b.per_second);
        if (b.receipt_delay_ms !== undefined) this.expo.receiptDelayMs = Number(b.receipt_delay_ms);
      },
      "/_stub/reset": () => this.reset(),
    };
    const action = actions[path];
    if (!action) return { status: 404, body: { error: `unknown stub control ${path}` } };
    try {
      return { status: 200, body: action() ?? {} };
    } catch (error) {
      return { status: 400, body: { error: (error as Error).message } };
    }
  }
}

export function startPushStubs(options?: PushStubOptions): Promise<PushStubs> {
  return PushStubs.start(options);
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
