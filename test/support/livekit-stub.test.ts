import { ParticipantInfo_Kind } from "@livekit/protocol";
import {
  AccessToken,
  AgentDispatchClient,
  RoomServiceClient,
  TwirpError,
  WebhookReceiver,
} from "livekit-server-sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LiveKitStub, startLiveKitStub } from "./livekit-stub";

const apiKey = "devkey";
const apiSecret = "secret-for-tests-only-32-characters";

let stub: LiveKitStub;
let rooms: RoomServiceClient;
let agents: AgentDispatchClient;

beforeEach(async () => {
  stub = await startLiveKitStub({ apiKey, apiSecret });
  rooms = new RoomServiceClient(stub.url, apiKey, apiSecret);
  agents = new AgentDispatchClient(stub.url, apiKey, apiSecret);
});

afterEach(() => stub.close());

async function twirp(path: string, token: string, body: unknown) {
  return fetch(`${stub.url}/twirp/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

async function tokenWith(grant: Record<string, unknown>) {
  const at = new AccessToken(apiKey, apiSecret, { ttl: "1m" });
  at.addGrant(grant);
  return at.toJwt();
}

describe("LiveKit stub, RoomService", () => {
  it("creates, lists by name and deletes rooms through the real RoomServiceClient", async () => {
    const created = await rooms.createRoom({
      name: "coach-u1",
      emptyTimeout: 120,
      maxParticipants: 2,
      metadata: '{"user":"u1"}',
    });
    await rooms.createRoom({ name: "coach-u2" });

    expect(created.sid).toMatch(/^RM_/);
    expect(created).toMatchObject({ name: "coach-u1", emptyTimeout: 120, maxParticipants: 2 });
    expect(created.metadata).toBe('{"user":"u1"}');
    expect(created.creationTime).toBeGreaterThan(0n);
    expect(created.numParticipants).toBe(0);
    expect((await rooms.listRooms()).map((r) => r.name).sort()).toEqual(["coach-u1", "coach-u2"]);
    expect((await rooms.listRooms(["coach-u2"])).map((r) => r.name)).toEqual(["coach-u2"]);

    await rooms.deleteRoom("coach-u1");

    expect(stub.rooms().map((r) => r.name)).toEqual(["coach-u2"]);
    expect(stub.requests.map((r) => r.method)).toEqual([
      "CreateRoom",
      "CreateRoom",
      "ListRooms",
      "ListRooms",
      "DeleteRoom",
    ]);
    expect(stub.requests[0]?.claims?.video).toMatchObject({ roomCreate: true });
    expect(stub.requests[0]?.body).toMatchObject({ name: "coach-u1", emptyTimeout: 120 });
  });

  it("lists a room's participants with an agent's kind decoded as ParticipantInfo_Kind.AGENT", async () => {
    stub.addParticipant("coach-u1", { identity: "u1", name: "Ada" });
    stub.addParticipant("coach-u1", { identity: "agent-7", kind: "AGENT" });

    const participants = await rooms.listParticipants("coach-u1");

    expect(participants.map((p) => [p.identity, p.kind])).toEqual([
      ["u1", ParticipantInfo_Kind.STANDARD],
      ["agent-7", ParticipantInfo_Kind.AGENT],
    ]);
    expect(participants[0]?.name).toBe("Ada");
    expect(participants[0]?.sid).toMatch(/^PA_/);
    expect((await rooms.listRooms(["coach-u1"]))[0]?.numParticipants).toBe(2);
  });

  it("hands back attribute keys as they were set (the SDK no longer camel-cases map keys)", async () => {
    stub.addParticipant("coach-u1", {
      identity: "agent-7",
      kind: "AGENT",
      attributes: { "lk.agent.state": "listening" },
    });

    const [agent] = await rooms.listParticipants("coach-u1");

    expect(agent?.attributes).toEqual({ "lk.agent.state": "listening" });
  });

  it("answers not_found for a room that does not exist", async () => {
    const deleting = rooms.deleteRoom("nope").catch((e: unknown) => e);
    const listing = rooms.listParticipants("nope").catch((e: unknown) => e);

    for (const error of [await deleting, await listing]) {
      expect(error).toBeInstanceOf(TwirpError);
      expect(error).toMatchObject({ status: 404, code: "not_found" });
    }
  });
});

describe("LiveKit stub, AgentDispatchService", () => {
  it("creates, lists and deletes a dispatch with its metadata through AgentDispatchClient", async () => {
    await rooms.createRoom({ name: "coach-u1" });

    const dispatch = await agents.createDispatch("coach-u1", "coach", {
      metadata: '{"session":"s1"}',
    });

    expect(dispatch.id).toMatch(/^AD_/);
    expect(dispatch).toMatchObject({ agentName: "coach", room: "coach-u1" });
    expect(dispatch.metadata).toBe('{"session":"s1"}');
    expect(dispatch.state?.createdAt).toBeGreaterThan(0n);
    expect(stub.dispatches()).toMatchObject([{ agentName: "coach", metadata: '{"session":"s1"}' }]);
    expect(stub.requests[1]?.claims?.video).toMatchObject({ roomAdmin: true, room: "coach-u1" });
    expect((await agents.listDispatch("coach-u1")).map((d) => d.id)).toEqual([dispatch.id]);
    expect((await agents.getDispatch(dispatch.id, "coach-u1"))?.agentName).toBe("coach");

    await agents.deleteDispatch(dispatch.id, "coach-u1");

    expect(stub.dispatches()).toEqual([]);
  });
});

describe("LiveKit stub, authentication", () => {
  it("rejects a client that signs its tokens with the wrong secret", async () => {
    const impostor = new RoomServiceClient(stub.url, apiKey, "not-the-secret-at-all-0123456789");

    const error = await impostor.listRooms().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TwirpError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as TwirpError).message).toContain("signature verification failed");
    expect(stub.requests[0]?.status).toBe(401);
  });

  it("rejects a token without the grant the method needs with Twirp unauthenticated", async () => {
    const listOnly = await tokenWith({ roomList: true });

    const response = await twirp("livekit.RoomService/CreateRoom", listOnly, { name: "r" });

    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ code: "unauthenticated", msg: "permissions denied" });
    expect(stub.rooms()).toEqual([]);
  });

  it("accepts roomAdmin only for the room the token names", async () => {
    stub.addParticipant("coach-u1", { identity: "u1" });
    const otherRoom = await tokenWith({ roomAdmin: true, room: "coach-u2" });
    const rightRoom = await tokenWith({ roomAdmin: true, room: "coach-u1" });

    const denied = await twirp("livekit.RoomService/ListParticipants", otherRoom, {
      room: "coach-u1",
    });
    const allowed = await twirp("livekit.RoomService/ListParticipants", rightRoom, {
      room: "coach-u1",
    });

    expect(denied.status).toBe(401);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({
      participants: [{ identity: "u1", kind: "STANDARD", joined_at: expect.any(String) }],
    });
  });
});

describe("LiveKit stub, failure injection", () => {
  it("fails the next call to a method with the injected Twirp error, then recovers", async () => {
    stub.failNext("CreateRoom", { code: "resource_exhausted", msg: "room limit reached" });

    const error = await rooms.createRoom({ name: "coach-u1" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TwirpError);
    expect(error).toMatchObject({ status: 429, code: "resource_exhausted" });
    expect((error as TwirpError).message).toBe("room limit reached");
    expect((await rooms.createRoom({ name: "coach-u1" })).name).toBe("coach-u1");
  });

  it("makes every call throw while down, by dropping connections or answering 503", async () => {
    stub.setDown(true);
    await expect(rooms.listRooms()).rejects.toThrow(TypeError);

    stub.setDown(true, "unavailable");
    await expect(agents.listDispatch("coach-u1")).rejects.toMatchObject({
      status: 503,
      code: "unavailable",
    });

    stub.setDown(false);
    expect(await rooms.listRooms()).toEqual([]);
  });
});

describe("LiveKit stub, webhooks", () => {
  it("signs a webhook the real WebhookReceiver accepts, filling in the known room", async () => {
    await rooms.createRoom({ name: "coach-u1", metadata: "m" });
    stub.addParticipant("coach-u1", { identity: "agent-7", kind: "AGENT" });
    const receiver = new WebhookReceiver(apiKey, apiSecret);

    const hook = await stub.signWebhook({
      event: "participant_joined",
      room: { name: "coach-u1" },
      participant: { identity: "agent-7" },
    });
    const event = await receiver.receive(hook.body, hook.authorization);

    expect(hook.contentType).toBe("application/webhook+json");
    expect(hook.authorization.startsWith("Bearer")).toBe(false);
    expect(event.event).toBe("participant_joined");
    expect(event.id).toMatch(/^EV_/);
    expect(event.createdAt).toBeGreaterThan(0n);
    expect(event.room).toMatchObject({ name: "coach-u1", metadata: "m", numParticipants: 1 });
    expect(event.participant?.kind).toBe(ParticipantInfo_Kind.AGENT);
  });

  it("produces a signature that no longer matches once the body is tampered with", async () => {
    const receiver = new WebhookReceiver(apiKey, apiSecret);
    const hook = await stub.signWebhook({ event: "room_finished", room: { name: "coach-u1" } });

    const tampered = hook.body.replace("room_finished", "room_started");

    await expect(receiver.receive(tampered, hook.authorization)).rejects.toThrow(/sha256/);
    await expect(
      new WebhookReceiver(apiKey, "another-secret-entirely-0123456789").receive(
        hook.body,
        hook.authorization,
      ),
    ).rejects.toThrow();
  });
});

describe("LiveKit stub, HTTP controls", () => {
  it("adds participants, injects failures and reports state over /_stub/ for workerd tests", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${stub.url}/_stub/${path}`, { method: "POST", body: JSON.stringify(body) });

    await post("participants", { room: "coach-u1", identity: "agent-7", kind: "AGENT" });
    await post("fail-next", { method: "ListRooms", code: "internal", msg: "boom" });
    const hook = (await (await post("webhook", { event: "room_started" })).json()) as {
      authorization: string;
    };

    await expect(rooms.listRooms()).rejects.toMatchObject({ status: 500 });
    const state = (await (await fetch(`${stub.url}/_stub/state`)).json()) as {
      rooms: ReturnType<LiveKitStub["rooms"]>;
      requests: LiveKitStub["requests"];
    };
    expect(state.rooms[0]?.participants[0]).toMatchObject({ identity: "agent-7", kind: "AGENT" });
    expect(state.requests).toMatchObject([{ method: "ListRooms", status: 500 }]);
    expect(hook.authorization).toEqual(expect.any(String));
  });
});
