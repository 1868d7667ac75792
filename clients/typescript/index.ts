import createClient, { type Middleware } from "openapi-fetch";
import type {
  components as adminComponents,
  operations as adminOperations,
  paths as adminPaths,
} from "./admin";
import type { components, operations, paths } from "./schema";
import type { SyncTransport, TransportAnswer } from "./sync";

// A typed client for the app API, generated from openapi/app.json (`npm run openapi`):
// every path, parameter, body and response is checked by the compiler.
//
//   const api = createCoachClient({ baseUrl: "http://127.0.0.1:8787" });
//   const { data } = await api.POST("/v1/auth/login", { body: { email, password } });
//   api.setAccessToken(data.access_token);
//   const today = await api.GET("/v1/workouts/today");

// Offline-first sync: a persisted queue of writes pushed in batches, then the changes pulled
// (sync.ts, docs/sync.md).
export * from "./sync";
export type { components, operations, paths };
export type Schemas = components["schemas"];

// The admin API (openapi/admin.json, /admin/*, admin role only) has its own document and so
// its own types (admin.d.ts) and client: createAdminClient, same options.
export type { adminComponents, adminOperations, adminPaths };
export type AdminSchemas = adminComponents["schemas"];

export interface CoachClientOptions {
  baseUrl: string;
  /** A fetch to use instead of the global one (tests pass the Worker's). */
  fetch?: (request: Request) => Promise<Response>;
  accessToken?: string;
}

export function createCoachClient(options: CoachClientOptions) {
  return withBearer(createClient<paths>(clientOptions(options)), options.accessToken);
}

export type CoachClient = ReturnType<typeof createCoachClient>;

/** The sync helper's transport over the typed client: POST /v1/sync, GET /v1/sync/changes. */
export function coachSyncTransport(api: CoachClient): SyncTransport {
  const answer = <T>(call: {
    data?: T;
    error?: unknown;
    response: Response;
  }): TransportAnswer<T> => {
    const retryAfter = call.response.headers.get("retry-after");
    return {
      status: call.response.status,
      ...(call.data !== undefined ? { data: call.data } : {}),
      ...(call.error !== undefined
        ? { error: call.error as NonNullable<TransportAnswer<T>["error"]> }
        : {}),
      ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}),
    };
  };
  return {
    push: async ({ device_id, ops }) =>
      answer(
        await api.POST("/v1/sync", { body: { device_id, ops: ops.map((op) => ({ ...op })) } }),
      ),
    pull: async (query) =>
      answer(
        await api.GET("/v1/sync/changes", {
          params: { query: { limit: query.limit, ...(query.since ? { since: query.since } : {}) } },
        }),
      ),
  };
}

/** The admin API's client: its calls need an access token whose `role` is `admin`. */
export function createAdminClient(options: CoachClientOptions) {
  return withBearer(createClient<adminPaths>(clientOptions(options)), options.accessToken);
}

export type AdminClient = ReturnType<typeof createAdminClient>;

function clientOptions(options: CoachClientOptions) {
  return {
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

function withBearer<Client extends { use(...middleware: Middleware[]): void }>(
  client: Client,
  initialToken: string | undefined,
) {
  let accessToken = initialToken;
  const auth: Middleware = {
    onRequest({ request }) {
      if (accessToken && !request.headers.has("authorization"))
        request.headers.set("authorization", `Bearer ${accessToken}`);
      return request;
    },
  };
  client.use(auth);
  return Object.assign(client, {
    /** Sends this access token on every later request (null to stop). */
    setAccessToken(token: string | null) {
      accessToken = token ?? undefined;
    },
  });
}
