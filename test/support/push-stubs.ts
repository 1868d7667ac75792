import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import type { ServiceAccount } from "../../durable-objects/reminders/push/fcm";

/**
 * Expo's push API, Google's OAuth2 token endpoint and FCM HTTP v1, on one loopback port, so
 * the push clients run unchanged against them. Each checks what the real service checks:
 * Expo the token format and (when enabled) the access token; the token endpoint the signed
 * JWT assertion against the service account's public key; FCM the access token it issued,
 * the project and the message shape (data values must be strings).
 *
 *   POST /expo/--/api/v2/push/send              expoUrl
 *   POST /fcm-token                             tokenUri (in serviceAccount.token_uri)
 *   POST /fcm/v1/projects/{id}/messages:send    fcmBaseUrl + /v1/...
 *
 * Tests inside workerd cannot call these methods; the same controls are served over HTTP:
 * GET /_stub/sent, GET /_stub/state, GET /_stub/service-account, POST /_stub/invalidate
 * {token}, POST /_stub/fail {provider, status, times?, retry_after_seconds?}, POST /_stub/reset.
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
  /** The `expires_in` of issued access tokens (Google's is 3600). */
  accessTokenTtlSeconds?: number;
}

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const EXPO_TOKEN = /^Expo(nent)?PushToken\[.+\]$/;
// FCM registration tokens are base64url-ish with a colon; anything else FCM calls invalid.
const FCM_TOKEN = /^[A-Za-z0-9_:-]+$/;
const RESERVED_DATA_KEYS = /^(from|notification|message_type)$|^(google|gcm)\./;
const BAD_FCM_TOKEN = "The registration token is not a valid FCM registration token";
const ROUTES: Record<string, FailTarget> = {
  "/expo/--/api/v2/push/send": "expo",
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

const expoError = (status: number, code: string, message: string) =>
  new Answer(status, { errors: [{ code, message }] });

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
    return expoError(status, code ?? "INTERNAL_SERVER_ERROR", "Injected failure.");
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
  readonly fcmBaseUrl: string;
  readonly tokenUri: string;
  readonly serviceAccount: ServiceAccount;
  readonly sent: RecordedPush[] = [];
  readonly #server: Server;
  readonly #publicKey: CryptoKey;
  readonly #expoAccessToken: string | undefined;
  readonly #ttlSeconds: number;
  readonly #invalidated = new Set<string>();
  /** Access tokens issued, with when each expires (ms). */
  readonly #issued = new Map<string, number>();
  readonly #failures = new Map<FailTarget, Array<{ status: number; retryAfter?: number }>>();
  #tokenRequests = 0;

  private constructor(server: Server, publicKey: CryptoKey, pem: string, o: PushStubOptions) {
    this.#server = server;
    this.#publicKey = publicKey;
    this.#expoAccessToken = o.expoAccessToken;
    this.#ttlSeconds = o.accessTokenTtlSeconds ?? 3600;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.expoUrl = `${this.url}/expo/--/api/v2/push/send`;
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
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const text = await readText(req);
    if (path.startsWith("/_stub/")) return this.#control(path, text, res);
    try {
      const target = ROUTES[path] ?? (path.startsWith("/fcm/v1/") ? "fcm" : undefined);
      if (!target || req.method !== "POST") throw new Answer(404, { error: "Not Found" });
      if (target === "fcm-token") this.#tokenRequests++;
      const failure = this.#failures.get(target)?.shift();
      if (failure) {
        const answer = injected(target, failure.status);
        throw new Answer(answer.status, answer.body, failure.retryAfter);
      }
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim();
      const auth = req.headers.authorization;
      const body =
        target === "expo"
          ? this.#expo(contentType, auth, text)
          : target === "fcm-token"
            ? await this.#token(contentType, text)
            : this.#fcm(path, contentType, auth, text);
      writeJson(res, 200, body);
    } catch (error) {
      if (!(error instanceof Answer)) throw error;
      if (error.retryAfterSeconds !== undefined) {
        res.setHeader("retry-after", String(error.retryAfterSeconds));
      }
      writeJson(res, error.status, error.body);
    }
  }

  #expo(contentType: string | undefined, auth: string | undefined, text: string): unknown {
    if (this.#expoAccessToken !== undefined && auth !== `Bearer ${this.#expoAccessToken}`) {
      throw expoError(401, "UNAUTHORIZED", "The bearer token is invalid.");
    }
    if (contentType !== "application/json") {
      throw expoError(400, "VALIDATION_ERROR", "content-type must be application/json.");
    }
    const parsed = parse(text);
    if (typeof parsed !== "object" || parsed === null) {
      throw expoError(400, "VALIDATION_ERROR", "The request body must be JSON.");
    }
    const single = !Array.isArray(parsed);
    const messages: unknown[] = single ? [parsed] : parsed;
    if (messages.length > 100) {
      throw expoError(400, "PUSH_TOO_MANY_NOTIFICATIONS", "Too many notifications (max 100).");
    }
    const checked = messages.map((m, i) => {
      // biome-ignore lint/suspicious/noExplicitAny: checking an unvalidated message
      const message = m as any;
      const to: unknown[] = [message?.to ?? []].flat();
      const bad = (field: string, why: string) =>
        expoError(400, "VALIDATION_ERROR", `"[${i}].${field}" ${why}`);
      if (typeof message !== "object" || to.length === 0) throw bad("to", "is required");
      if (!to.every((t) => typeof t === "string" && EXPO_TOKEN.test(t))) {
        throw bad("to", "must be an Expo push token");
      }
      for (const field of ["title", "body"]) {
        if (message[field] !== undefined && typeof message[field] !== "string") {
          throw bad(field, "must be a string");
        }
      }
      if (message.data !== undefined && !isMap(message.data))
        throw bad("data", "must be an object");
      return { message, to: to as string[] };
    });
    // Validation is all-or-nothing; tickets are then per recipient, in order.
    const tickets = checked.flatMap(({ message, to }) =>
      to.map((token) => {
        if (this.#invalidated.has(token)) {
          return {
            status: "error",
            message: `"${token}" is not a registered push notification recipient`,
            details: { error: "DeviceNotRegistered", expoPushToken: token },
          };
        }
        this.#record("expo", token, message.title, message.body, message.data);
        return { status: "ok", id: randomUUID() };
      }),
    );
    return { data: single && tickets.length === 1 ? tickets[0] : tickets };
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
    this.#issued.set(accessToken, Date.now() + this.#ttlSeconds * 1000);
    return { access_token: accessToken, expires_in: this.#ttlSeconds, token_type: "Bearer" };
  }

  #fcm(path: string, contentType: string | undefined, auth: string | undefined, text: string) {
    const expiresAt = this.#issued.get(auth?.replace(/^Bearer /, "") ?? "");
    if (!auth?.startsWith("Bearer ") || expiresAt === undefined || expiresAt <= Date.now()) {
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
    const at = new Date().toISOString();
    this.sent.push({ provider, token, title, body, data: data as Record<string, unknown>, at });
  }

  /** The controls above over HTTP, for tests running inside workerd. */
  #control(path: string, text: string, res: ServerResponse): void {
    // biome-ignore lint/suspicious/noExplicitAny: control bodies are trusted test input
    const b: any = parse(text) ?? {};
    const actions: Record<string, () => unknown> = {
      "/_stub/sent": () => this.sent,
      "/_stub/state": () => ({ sent: this.sent, token_requests: this.tokenRequests }),
      "/_stub/service-account": () => ({ type: "service_account", ...this.serviceAccount }),
      "/_stub/invalidate": () => this.invalidate(String(b.token)),
      "/_stub/fail": () => {
        if (!["expo", "fcm", "fcm-token"].includes(b.provider)) throw new Error("bad provider");
        this.failNext(b.provider, Number(b.status), b.times ?? 1, b.retry_after_seconds);
      },
      "/_stub/reset": () => this.reset(),
    };
    const action = actions[path];
    if (!action) return void writeJson(res, 404, { error: `unknown stub control ${path}` });
    try {
      writeJson(res, 200, action() ?? {});
    } catch (error) {
      writeJson(res, 400, { error: (error as Error).message });
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
