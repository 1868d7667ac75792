import { createHash, randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, type JWTPayload, jwtVerify, SignJWT } from "jose";

/**
 * A LiveKit server's Twirp API (RoomService, AgentDispatchService) on a loopback port, so the
 * real livekit-server-sdk clients run unchanged against it. It checks what livekit-server
 * checks: a `Bearer` HS256 token from the one API key, not expired, carrying the video grant
 * the method needs. Answers use Twirp's default JSON (proto field names, defaults emitted,
 * int64 as strings, enums as names), which the SDK parses as they come (map keys untouched).
 *
 * Tests inside workerd cannot call these methods, so the same controls are served over HTTP
 * under /_stub/ (see #control): start the stub in globalSetup and pass only the URL.
 *
 * `npm run voice:local` runs it too, on LiveKit's dev port when no livekit-server is
 * installed: `events` tells it of each dispatch and deleted room, and `server` lets it serve
 * its local text rooms on the same port (agent-host/dev/text-rooms.ts).
 */

export type ParticipantKind = "STANDARD" | "INGRESS" | "EGRESS" | "SIP" | "AGENT";
export type ParticipantState = "JOINING" | "JOINED" | "ACTIVE" | "DISCONNECTED";

export interface ParticipantInit {
  identity: string;
  kind?: ParticipantKind;
  name?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  state?: ParticipantState;
}
export type StubParticipant = Required<ParticipantInit> & { sid: string; joinedAtMs: number };

export interface StubRoom {
  sid: string;
  name: string;
  emptyTimeout: number;
  departureTimeout: number;
  maxParticipants: number;
  metadata: string;
  creationTimeMs: number;
  participants: StubParticipant[];
}

export interface StubDispatch {
  id: string;
  agentName: string;
  room: string;
  metadata: string;
  createdAtMs: number;
}

export interface VideoGrant {
  roomCreate?: boolean;
  roomList?: boolean;
  roomAdmin?: boolean;
  room?: string;
  [grant: string]: unknown;
}
export type LiveKitClaims = JWTPayload & { video?: VideoGrant; sha256?: string };

export interface TwirpCall {
  service: string;
  method: string;
  body: Record<string, unknown>;
  /** The verified token's claims; absent when the request carried no token. */
  claims?: LiveKitClaims;
  status: number;
}

const TWIRP_STATUS = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
} as const;
export type TwirpCode = keyof typeof TWIRP_STATUS;
export interface TwirpFailure {
  code: TwirpCode;
  msg: string;
  /** Defaults to the status Twirp maps the code to. */
  status?: number;
}
/** "drop" closes the connection (the SDK's fetch rejects); "unavailable" answers 503. */
export type DownMode = "drop" | "unavailable";

class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    msg: string,
    readonly status?: number,
    readonly plain = false,
  ) {
    super(msg);
  }
}
const plain = (msg: string) => new TwirpError("unauthenticated", msg, 401, true);

type Body = Record<string, unknown>;
type Handler = (body: Body, claims: LiveKitClaims | undefined) => unknown;
interface RoomState extends Omit<StubRoom, "participants"> {
  participants: Map<string, StubParticipant>;
}

// livekit-server's ErrPermissionDenied, wrapped by twirpAuthError as `unauthenticated` (401),
// not `permission_denied`: a missing grant and a missing token look the same to a client.
const denied = () => new TwirpError("unauthenticated", "permissions denied");

export class LiveKitStub {
  readonly url: string;
  readonly requests: TwirpCall[] = [];
  readonly events = new EventEmitter<{ dispatch: [StubDispatch]; room_deleted: [string] }>();
  readonly #server: Server;
  readonly #apiKey: string;
  readonly #secret: Uint8Array;
  readonly #rooms = new Map<string, RoomState>();
  readonly #dispatches = new Map<string, StubDispatch>();
  readonly #failures = new Map<string, TwirpFailure[]>();
  #down: DownMode | undefined;

  private constructor(server: Server, options: { apiKey: string; apiSecret: string }) {
    this.#server = server;
    this.#apiKey = options.apiKey;
    this.#secret = new TextEncoder().encode(options.apiSecret);
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on("request", (req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) writeTwirpError(res, "internal", String(error));
      });
    });
  }

  static async start(options: {
    apiKey: string;
    apiSecret: string;
    port?: number;
  }): Promise<LiveKitStub> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", resolve);
    });
    return new LiveKitStub(server, options);
  }

  /** The HTTP server under the stub (its port serves upgrades only for who listens here). */
  get server(): Server {
    return this.#server;
  }

  rooms(): StubRoom[] {
    return [...this.#rooms.values()].map((r) => ({
      ...r,
      participants: [...r.participants.values()].map((p) => structuredClone(p)),
    }));
  }

  dispatches(): StubDispatch[] {
    return [...this.#dispatches.values()].map((d) => ({ ...d }));
  }

  /** A participant joins `room` (created if absent, as a join does on a real server). */
  addParticipant(room: string, init: ParticipantInit): StubParticipant {
    const participant: StubParticipant = {
      kind: "STANDARD",
      name: "",
      metadata: "",
      attributes: {},
      state: "ACTIVE",
      ...init,
      sid: newId("PA_"),
      joinedAtMs: Date.now(),
    };
    this.#ensureRoom(room).participants.set(init.identity, participant);
    return structuredClone(participant);
  }

  removeParticipant(room: string, identity: string): boolean {
    return this.#rooms.get(room)?.participants.delete(identity) ?? false;
  }

  /** The next call to `method` (e.g. "CreateRoom") fails with this Twirp error; queues. */
  failNext(method: string, failure: TwirpFailure): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), failure]);
  }

  setDown(down: boolean, mode?: DownMode): void {
    this.#down = down ? (mode ?? "drop") : undefined;
  }

  reset(): void {
    this.#rooms.clear();
    this.#dispatches.clear();
    this.#failures.clear();
    this.requests.length = 0;
    this.#down = undefined;
  }

  /**
   * A webhook as livekit-server posts it: the event as protojson (camelCase, defaults left
   * out), `Authorization` carrying the bare JWT (no "Bearer") whose `sha256` claim is the
   * base64 SHA-256 of the exact body. A room or participant the stub knows is filled in.
   */
  async signWebhook(event: { event: string; [field: string]: unknown }) {
    const stored = this.#rooms.get(String((event.room as Body | undefined)?.name ?? ""));
    const participant = event.participant as Body | undefined;
    const known = stored?.participants.get(String(participant?.identity ?? ""));
    const payload = {
      ...event,
      ...(event.room
        ? { room: { ...(stored && camelKeys(roomJson(stored))), ...(event.room as Body) } }
        : {}),
      ...(participant
        ? { participant: { ...(known && camelKeys(participantJson(known))), ...participant } }
        : {}),
      id: event.id ?? newId("EV_"),
      createdAt: String(event.createdAt ?? Math.floor(Date.now() / 1000)),
    };
    const body = JSON.stringify(withoutDefaults(payload));
    const sha256 = createHash("sha256").update(body).digest("base64");
    const now = Math.floor(Date.now() / 1000);
    const authorization = await new SignJWT({ sha256 })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(this.#apiKey)
      .setNotBefore(now)
      .setExpirationTime(now + 300)
      .sign(this.#secret);
    return { body, authorization, contentType: "application/webhook+json" };
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  readonly #handlers: Record<string, Handler> = {
    "RoomService/CreateRoom": (body, claims) => {
      if (!claims?.video?.roomCreate) throw denied();
      const name = str(body, "name");
      if (!name) throw new TwirpError("invalid_argument", "room name cannot be empty");
      const room = this.#ensureRoom(name);
      // Like the room allocator: an existing room keeps its sid, non-zero settings win.
      room.emptyTimeout = num(body, "emptyTimeout") || room.emptyTimeout;
      room.departureTimeout = num(body, "departureTimeout") || room.departureTimeout;
      room.maxParticipants = num(body, "maxParticipants") || room.maxParticipants;
      room.metadata = str(body, "metadata") || room.metadata;
      return roomJson(room);
    },
    "RoomService/ListRooms": (body, claims) => {
      if (!claims?.video?.roomList) throw denied();
      const names = (body.names as string[] | undefined) ?? [];
      const rooms = [...this.#rooms.values()].filter(
        (r) => !names.length || names.includes(r.name),
      );
      return { rooms: rooms.map(roomJson) };
    },
    "RoomService/DeleteRoom": (body, claims) => {
      if (!claims?.video?.roomCreate) throw denied();
      const name = str(body, "room");
      if (!this.#rooms.delete(name)) throw new TwirpError("not_found", "room not found");
      for (const [id, d] of this.#dispatches) if (d.room === name) this.#dispatches.delete(id);
      this.events.emit("room_deleted", name);
      return {};
    },
    "RoomService/ListParticipants": (body, claims) => {
      const room = this.#adminRoom(body, claims);
      return {
        participants: [...room.participants.values()].map(participantJson),
      };
    },
    "AgentDispatchService/CreateDispatch": (body, claims) => {
      const name = str(body, "room");
      if (!claims?.video?.roomAdmin || claims.video.room !== name) throw denied();
      if (!name) throw new TwirpError("invalid_argument", "room name is required");
      this.#ensureRoom(name);
      const dispatch: StubDispatch = {
        id: newId("AD_"),
        agentName: str(body, "agentName"),
        room: name,
        metadata: str(body, "metadata"),
        createdAtMs: Date.now(),
      };
      this.#dispatches.set(dispatch.id, dispatch);
      this.events.emit("dispatch", { ...dispatch });
      return dispatchJson(dispatch);
    },
    "AgentDispatchService/ListDispatch": (body, claims) => {
      const room = this.#adminRoom(body, claims);
      const id = str(body, "dispatchId");
      const found = [...this.#dispatches.values()].filter(
        (d) => d.room === room.name && (!id || d.id === id),
      );
      return { agent_dispatches: found.map(dispatchJson) };
    },
    "AgentDispatchService/DeleteDispatch": (body, claims) => {
      const room = this.#adminRoom(body, claims);
      const dispatch = this.#dispatches.get(str(body, "dispatchId"));
      if (dispatch?.room !== room.name) throw new TwirpError("not_found", "dispatch not found");
      this.#dispatches.delete(dispatch.id);
      return dispatchJson(dispatch);
    },
  };

  /** roomAdmin for exactly the named room, as EnsureAdminPermission checks, and the room. */
  #adminRoom(body: Body, claims: LiveKitClaims | undefined): RoomState {
    const name = str(body, "room");
    if (!claims?.video?.roomAdmin || claims.video.room !== name) throw denied();
    const room = this.#rooms.get(name);
    if (!room) throw new TwirpError("not_found", "requested room does not exist");
    return room;
  }

  #ensureRoom(name: string): RoomState {
    let room = this.#rooms.get(name);
    if (!room) {
      // livekit-server's default room config: 5 min empty timeout, 20 s departure timeout.
      room = {
        sid: newId("RM_"),
        name,
        emptyTimeout: 300,
        departureTimeout: 20,
        maxParticipants: 0,
        metadata: "",
        creationTimeMs: Date.now(),
        participants: new Map(),
      };
      this.#rooms.set(name, room);
    }
    return room;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "/";
    if (path.startsWith("/_stub/")) return this.#control(path, await readJson(req), res);
    if (this.#down === "drop") return void req.socket.destroy();
    const [, service = "", method = ""] = /^\/twirp\/livekit\.(\w+)\/(\w+)$/.exec(path) ?? [];
    const call: TwirpCall = { service, method, body: {}, status: 200 };
    this.requests.push(call);
    try {
      writeJson(res, 200, await this.#answer(req, call));
    } catch (error) {
      if (!(error instanceof TwirpError)) throw error;
      call.status = error.status ?? TWIRP_STATUS[error.code];
      if (error.plain) writeText(res, call.status, error.message);
      else writeTwirpError(res, error.code, error.message, call.status);
    }
  }

  async #answer(req: IncomingMessage, call: TwirpCall): Promise<unknown> {
    if (this.#down === "unavailable") throw new TwirpError("unavailable", "server is down");
    // The auth middleware runs before Twirp routing and answers in plain text, not Twirp JSON.
    const header = req.headers.authorization;
    if (header !== undefined) {
      if (!header.startsWith("Bearer ")) {
        throw plain("invalid authorization header. Must start with Bearer ");
      }
      const token = header.slice("Bearer ".length);
      let iss: string | undefined;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        throw plain("invalid authorization token");
      }
      if (iss !== this.#apiKey) throw plain(`invalid API key: ${iss}`);
      try {
        call.claims = (
          await jwtVerify<LiveKitClaims>(token, this.#secret, { clockTolerance: 60 })
        ).payload;
      } catch (error) {
        throw plain(`invalid token: ${token}, error: ${(error as Error).message}`);
      }
    }

    const handler = this.#handlers[`${call.service}/${call.method}`];
    if (!call.method) throw new TwirpError("bad_route", `no handler for path "${req.url}"`);
    if (req.method !== "POST") throw new TwirpError("bad_route", `unsupported ${req.method}`);
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (contentType !== "application/json") {
      throw new TwirpError("bad_route", `unexpected Content-Type: "${contentType}"`);
    }
    const body = await readJson(req);
    if (!body) throw new TwirpError("malformed", "the json request could not be decoded");
    call.body = body;
    if (!handler) throw new TwirpError("unimplemented", `stub lacks ${call.method}`);
    const injected = this.#failures.get(call.method)?.shift();
    if (injected) throw new TwirpError(injected.code, injected.msg, injected.status);
    return handler(body, call.claims);
  }

  /** The helpers above over HTTP, for tests that run where this object is out of reach. */
  async #control(path: string, body: Body | undefined, res: ServerResponse): Promise<void> {
    const b = body ?? {};
    const actions: Record<string, () => unknown> = {
      "/_stub/state": () => ({
        rooms: this.rooms(),
        dispatches: this.dispatches(),
        requests: this.requests,
      }),
      "/_stub/participants": () => this.addParticipant(String(b.room), b as never),
      "/_stub/fail-next": () => this.failNext(String(b.method), b as never),
      "/_stub/down": () => this.setDown(b.down === true, b.mode as DownMode | undefined),
      "/_stub/webhook": () => this.signWebhook(b as never),
      "/_stub/reset": () => this.reset(),
    };
    const action = actions[path];
    if (!action) return writeText(res, 404, `unknown stub control ${path}`);
    writeJson(res, 200, (await action()) ?? {});
  }
}

export function startLiveKitStub(options: { apiKey: string; apiSecret: string; port?: number }) {
  return LiveKitStub.start(options);
}

const sec = (ms: number) => String(Math.floor(ms / 1000));

// Twirp's JSON: proto field names, every default present. Webhooks take these camel-cased
// with the defaults dropped (camelKeys, withoutDefaults).
function roomJson(r: RoomState) {
  return {
    sid: r.sid,
    name: r.name,
    empty_timeout: r.emptyTimeout,
    departure_timeout: r.departureTimeout,
    max_participants: r.maxParticipants,
    creation_time: sec(r.creationTimeMs),
    creation_time_ms: String(r.creationTimeMs),
    turn_password: "",
    enabled_codecs: [],
    metadata: r.metadata,
    num_participants: r.participants.size,
    num_publishers: 0,
    active_recording: false,
  };
}

function participantJson(p: StubParticipant) {
  return {
    sid: p.sid,
    identity: p.identity,
    state: p.state,
    tracks: [],
    metadata: p.metadata,
    joined_at: sec(p.joinedAtMs),
    joined_at_ms: String(p.joinedAtMs),
    name: p.name,
    version: 0,
    region: "",
    is_publisher: false,
    kind: p.kind,
    attributes: p.attributes,
    disconnect_reason: "UNKNOWN_REASON",
    kind_details: [],
  };
}

function dispatchJson(d: StubDispatch) {
  return {
    id: d.id,
    agent_name: d.agentName,
    room: d.room,
    metadata: d.metadata,
    // AgentDispatchState timestamps are Unix nanoseconds.
    state: { jobs: [], created_at: String(BigInt(d.createdAtMs) * 1_000_000n), deleted_at: "0" },
    restart_policy: "JRP_ON_FAILURE",
    deployment: "",
    attributes: {},
  };
}

function camelKeys(json: Body): Body {
  return Object.fromEntries(
    Object.entries(json).map(([k, v]) => [
      k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  );
}

// An enum's zero value is a default too, so protojson leaves it out like "" or 0.
const ENUM_ZEROS: Record<string, string> = {
  state: "JOINING",
  kind: "STANDARD",
  disconnectReason: "UNKNOWN_REASON",
};

function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== "object") return value;
  const kept = Object.entries(value)
    .map(([k, v]) => [k, withoutDefaults(v)] as const)
    .filter(([k, v]) => !(v === "" || v === 0 || v === false || v === ENUM_ZEROS[k]))
    .filter(([, v]) => v !== null && (typeof v !== "object" || Object.keys(v).length > 0));
  return Object.fromEntries(kept);
}

/** A request field by its JSON name or its proto name; protojson accepts both. */
function str(body: Body, camel: string): string {
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return String(body[camel] ?? body[snake] ?? "");
}

function num(body: Body, camel: string): number {
  return Number(str(body, camel)) || 0;
}

function newId(prefix: string): string {
  return prefix + randomBytes(9).toString("base64url").replace(/[-_]/g, "x");
}

async function readJson(req: IncomingMessage): Promise<Body | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const parsed: unknown = JSON.parse(text || "{}");
    return parsed && typeof parsed === "object" ? (parsed as Body) : undefined;
  } catch {
    return undefined;
  }
}

function writeJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}

// The SDK reads the error body as JSON only when content-type is exactly "application/json".
function writeTwirpError(res: ServerResponse, code: TwirpCode, msg: string, status?: number): void {
  writeJson(res, status ?? TWIRP_STATUS[code], { code, msg });
}

function writeText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}
