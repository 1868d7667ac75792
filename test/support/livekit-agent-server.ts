import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AvailabilityRequest,
  type AvailabilityResponse,
  Job,
  JobAssignment,
  JobState,
  JobStatus,
  JobType,
  RegisterWorkerResponse,
  Room,
  ServerInfo,
  ServerInfo_Edition,
  ServerMessage,
  WorkerMessage,
  WorkerPong,
  WorkerStatus,
} from "@livekit/protocol";
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * LiveKit's agent worker endpoint (`/agent`, a WebSocket of protobuf `WorkerMessage` /
 * `ServerMessage`) on a loopback port, so the real @livekit/agents worker registers,
 * answers job requests and drains against it unchanged. It checks what livekit-server
 * checks (pkg/service/agentservice.go, pkg/agent/worker.go): a WebSocket upgrade with an
 * HS256 token from the one API key carrying the `agent` video grant (401 otherwise), a
 * register message first (within 10 s) with a known job type, and it only offers a job to a
 * worker registered under the job's agent name whose last status is available. An accepted
 * job gets an assignment with a room token built like protocol's BuildAgentToken.
 *
 * The room itself (WebRTC signalling on /rtc) is out of scope: a job process that tries to
 * join is recorded (`roomJoins`, with its verified token) and refused with 503, or held open
 * with `holdRoomJoins` so a job stays running for as long as a test wants.
 */

export interface AgentServerOptions {
  apiKey: string;
  apiSecret: string;
}

export interface RegisteredWorker {
  id: string;
  agentName: string;
  jobType: JobType;
  version: string;
  status: WorkerStatus;
  load: number;
  /** Every message the worker sent after registering, by case, in order. */
  received: Array<{ case: string; at: number }>;
  closed: boolean;
}

export type DispatchOutcome =
  | {
      status: "assigned";
      workerId: string;
      job: Job;
      response: AvailabilityResponse;
      /** The room token sent with the assignment. */
      token: string;
    }
  | { status: "declined"; workerId: string; response: AvailabilityResponse }
  | { status: "no_worker"; reason: string };

export interface RoomJoin {
  path: string;
  /** The verified claims of the token the job process joined with. */
  claims: JWTPayload & Record<string, unknown>;
}

const REGISTER_TIMEOUT_MS = 10_000;
const ASSIGN_JOB_TIMEOUT_MS = 10_000;
const JOB_TYPES = new Set([JobType.JT_ROOM, JobType.JT_PUBLISHER, JobType.JT_PARTICIPANT]);

interface Connection {
  socket: WebSocket;
  worker: RegisteredWorker;
  availability: Map<string, (response: AvailabilityResponse) => void>;
}

const newId = (prefix: string) => prefix + randomBytes(6).toString("hex");

export class LiveKitAgentServer {
  /** The URL to give the worker as LIVEKIT_URL (it appends /agent itself). */
  readonly url: string;
  readonly roomJoins: RoomJoin[] = [];
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #apiKey: string;
  readonly #secret: Uint8Array;
  readonly #connections: Connection[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #heldJoins = new Set<IncomingMessage>();
  #holdRoomJoins = false;

  private constructor(server: Server, options: AgentServerOptions) {
    this.#server = server;
    this.#apiKey = options.apiKey;
    this.#secret = new TextEncoder().encode(options.apiSecret);
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on("upgrade", (req, socket, head) => {
      void this.#upgrade(req, head, socket as never);
    });
    server.on("request", (req, res) => {
      void this.#roomJoin(req).then((status) => {
        if (status === "held") return;
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status === 401 ? "invalid token" : "room service out of scope here");
      });
    });
  }

  static async start(options: AgentServerOptions): Promise<LiveKitAgentServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new LiveKitAgentServer(server, options);
  }

  workers(): RegisteredWorker[] {
    return this.#connections.map((c) => c.worker);
  }

  /** Resolves with the first worker registered under `agentName` (now or later). */
  waitForWorker(agentName: string, timeoutMs = 30_000): Promise<RegisteredWorker> {
    return this.#waitFor(
      () => this.workers().find((w) => w.agentName === agentName && !w.closed),
      timeoutMs,
      `no worker registered as ${agentName}`,
    );
  }

  /** Resolves once `check` holds, re-checked on every message the server receives. */
  #waitFor<T>(check: () => T | undefined, timeoutMs: number, message: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = check();
      if (done !== undefined) return resolve(done);
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`${message} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(value);
      };
      this.#listeners.add(listener);
    });
  }

  waitUntil(check: () => boolean, timeoutMs = 30_000, message = "condition not met") {
    return this.#waitFor(() => (check() ? true : undefined), timeoutMs, message);
  }

  /** Keep room joins (WebRTC signalling) open instead of refusing them: the job keeps running. */
  holdRoomJoins(hold: boolean): void {
    this.#holdRoomJoins = hold;
    if (!hold) {
      for (const req of this.#heldJoins) req.socket.destroy();
      this.#heldJoins.clear();
    }
  }

  /**
   * An explicit dispatch, as AgentDispatchService.CreateDispatch leads to: the job goes to an
   * available worker registered under `agentName`; it is asked (AvailabilityRequest) and, if
   * it accepts, assigned with a room token.
   */
  async dispatch(options: {
    room: string;
    agentName: string;
    metadata?: string;
  }): Promise<DispatchOutcome> {
    const candidates = this.#connections.filter(
      (c) => !c.worker.closed && c.worker.agentName === options.agentName,
    );
    if (candidates.length === 0) return { status: "no_worker", reason: "no workers available" };
    const connection = candidates.find((c) => c.worker.status === WorkerStatus.WS_AVAILABLE);
    if (!connection) return { status: "no_worker", reason: "no workers with sufficient capacity" };

    const now = BigInt(Date.now()) * 1_000_000n;
    const job = new Job({
      id: newId("AJ_"),
      dispatchId: newId("AD_"),
      type: JobType.JT_ROOM,
      room: new Room({ sid: newId("RM_"), name: options.room }),
      agentName: options.agentName,
      metadata: options.metadata ?? "",
      state: new JobState({
        status: JobStatus.JS_RUNNING,
        workerId: connection.worker.id,
        startedAt: now,
        updatedAt: now,
      }),
    });
    const response = await new Promise<AvailabilityResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        connection.availability.delete(job.id);
        reject(new Error("agent worker availability timeout"));
      }, ASSIGN_JOB_TIMEOUT_MS);
      connection.availability.set(job.id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.#send(connection, { case: "availability", value: new AvailabilityRequest({ job }) });
    });
    if (!response.available)
      return { status: "declined", workerId: connection.worker.id, response };

    const token = await this.#agentToken(options.room, response, connection.worker.agentName);
    this.#send(connection, { case: "assignment", value: new JobAssignment({ job, token }) });
    return { status: "assigned", workerId: connection.worker.id, job, response, token };
  }

  async close(): Promise<void> {
    this.holdRoomJoins(false);
    for (const { socket } of this.#connections) socket.terminate();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The worker's token: `Authorization: Bearer` (or `access_token`), as livekit-server reads it. */
  async #claims(req: IncomingMessage): Promise<(JWTPayload & Record<string, unknown>) | null> {
    const url = new URL(req.url ?? "/", "http://x");
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? url.searchParams.get("access_token");
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        algorithms: ["HS256"],
        issuer: this.#apiKey,
      });
      return payload as JWTPayload & Record<string, unknown>;
    } catch {
      return null;
    }
  }

  async #upgrade(req: IncomingMessage, head: Buffer, socket: import("node:net").Socket) {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const refuse = (status: number, body: string) => {
      socket.end(
        `HTTP/1.1 ${status} ${status === 404 ? "Not Found" : "Unauthorized"}\r\n\r\n${body}`,
      );
    };
    if (path !== "/agent") return refuse(404, "not found");
    const claims = await this.#claims(req);
    const video = claims?.video as { agent?: boolean } | undefined;
    if (!video?.agent) return refuse(401, "permissions denied");
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#serve(ws));
  }

  #serve(socket: WebSocket): void {
    let connection: Connection | null = null;
    const registerDeadline = setTimeout(
      () => socket.close(1008, "register timeout"),
      REGISTER_TIMEOUT_MS,
    );
    socket.on("message", (data, isBinary) => {
      if (!isBinary) return socket.close(1003, "expected a binary WorkerMessage");
      const message = WorkerMessage.fromBinary(new Uint8Array(data as Buffer));
      const { case: kind, value } = message.message;
      if (kind === "ping") {
        const pong = new WorkerPong({
          lastTimestamp: value.timestamp,
          timestamp: BigInt(Date.now()),
        });
        socket.send(new ServerMessage({ message: { case: "pong", value: pong } }).toBinary());
        return;
      }
      if (!connection) {
        // Only register (or ping) is valid before the worker is registered.
        if (kind !== "register" || !JOB_TYPES.has(value.type)) {
          socket.close(1008, "expected register");
          return;
        }
        clearTimeout(registerDeadline);
        connection = {
          socket,
          availability: new Map(),
          worker: {
            id: newId("AW_"),
            agentName: value.agentName,
            jobType: value.type,
            version: value.version,
            status: WorkerStatus.WS_AVAILABLE,
            load: 0,
            received: [],
            closed: false,
          },
        };
        this.#connections.push(connection);
        this.#send(connection, {
          case: "register",
          value: new RegisterWorkerResponse({
            workerId: connection.worker.id,
            serverInfo: new ServerInfo({
              edition: ServerInfo_Edition.Standard,
              version: "1.9.0",
              protocol: 16,
              agentProtocol: 1,
            }),
          }),
        });
      } else {
        connection.worker.received.push({ case: String(kind), at: Date.now() });
        if (kind === "availability") {
          connection.availability.get(value.jobId)?.(value);
          connection.availability.delete(value.jobId);
        } else if (kind === "updateWorker") {
          if (value.status !== undefined) connection.worker.status = value.status;
          connection.worker.load = value.load;
        }
      }
      this.#notify();
    });
    socket.on("close", () => {
      clearTimeout(registerDeadline);
      if (connection) connection.worker.closed = true;
      this.#notify();
    });
  }

  #send(connection: Connection, message: ServerMessage["message"]): void {
    connection.socket.send(new ServerMessage({ message }).toBinary());
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** A job process joining its room: recorded with its verified token, then refused or held. */
  async #roomJoin(req: IncomingMessage): Promise<number | "held"> {
    const claims = await this.#claims(req);
    if (!claims) return 401;
    this.roomJoins.push({ path: new URL(req.url ?? "/", "http://x").pathname, claims });
    this.#notify();
    if (this.#holdRoomJoins) {
      this.#heldJoins.add(req);
      return "held";
    }
    return 503;
  }

  /** The participant token of an accepted job, built as protocol's agent.BuildAgentToken. */
  #agentToken(room: string, response: AvailabilityResponse, agentName: string): Promise<string> {
    return new SignJWT({
      video: {
        room,
        roomJoin: true,
        agent: true,
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
        canUpdateOwnMetadata: true,
      },
      name: response.participantName,
      metadata: response.participantMetadata,
      attributes: { ...response.participantAttributes, "lk.agent_name": agentName },
      kind: "agent",
    })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(this.#apiKey)
      .setSubject(response.participantIdentity)
      .setNotBefore("0s")
      .setExpirationTime("1h")
      .sign(this.#secret);
  }
}

export function startLiveKitAgentServer(options: AgentServerOptions): Promise<LiveKitAgentServer> {
  return LiveKitAgentServer.start(options);
}
