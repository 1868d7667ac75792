import { describe, expect, it } from "vitest";
import { call, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";

interface Received {
  socket: WebSocket;
  events: Array<{ type: string; data: any; at: string }>;
}

async function connect(path: string, token?: string): Promise<Received> {
  const response = await call(path, { token, headers: { upgrade: "websocket" } });
  expect(response.status).toBe(101);
  const socket = response.webSocket as WebSocket;
  socket.accept();
  const received: Received = { socket, events: [] };
  socket.addEventListener("message", (event) => {
    if (typeof event.data === "string" && event.data.startsWith("{"))
      received.events.push(JSON.parse(event.data));
  });
  return received;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("/v1/realtime", () => {
  it("sends job progress and completion to every socket of the user and to no one else", async () => {
    const alice = await signUp();
    const bob = await signUp();
    await onboard(alice.accessToken);
    const phone = await connect("/v1/realtime", alice.accessToken);
    const tablet = await connect("/v1/realtime", alice.accessToken);
    const other = await connect("/v1/realtime", bob.accessToken);

    const { job_id } = await json(await generate(alice.accessToken, {}));
    await runJob(alice.userId, alice.accessToken, job_id);
    await settle();

    for (const device of [phone, tablet]) {
      const types = device.events.map((event) => event.type);
      expect(types).toContain("job.progress");
      expect(types.at(-1)).toBe("job.completed");
      const completed = device.events.at(-1);
      expect(completed?.data).toMatchObject({ job_id, status: "completed", progress: 100 });
      expect(Date.parse(completed?.at ?? "")).not.toBeNaN();
      const progress = device.events
        .filter((e) => e.type === "job.progress")
        .map((e) => e.data.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    }
    expect(other.events.filter((event) => event.type.startsWith("job."))).toEqual([]);
    for (const device of [phone, tablet, other]) device.socket.close();
  });

  it("pushes profile.updated after a profile change", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const socket = await connect("/v1/realtime", user.accessToken);
    await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { sleep_hours: 8 },
    });
    await settle();
    const update = socket.events.find((event) => event.type === "profile.updated");
    expect(update?.data).toMatchObject({ sleep_hours: 8, version: 2 });
    socket.socket.close();
  });

  it("accepts a short-lived ticket instead of the header (browsers)", async () => {
    const user = await signUp();
    const { ticket, expires_in } = await json(
      await call("/v1/realtime/ticket", { method: "POST", token: user.accessToken }),
    );
    expect(expires_in).toBe(60);
    const socket = await connect(`/v1/realtime?ticket=${ticket}`);
    // A ticket opens one socket: the same URL replayed (a log, a proxy) opens nothing.
    const replayed = await call(`/v1/realtime?ticket=${ticket}`, {
      headers: { upgrade: "websocket" },
    });
    expect(replayed.status).toBe(401);
    expect((await json(replayed)).error.message).toMatch(/already used/);
    socket.socket.close();
    // A ticket is not an access token.
    expect((await call("/v1/me", { token: ticket })).status).toBe(401);
  });

  it("keeps REALTIME_SOCKETS_PER_USER (10) open: one more closes the oldest with a reason", async () => {
    const user = await signUp();
    const closed: Array<{ index: number; code: number; reason: string }> = [];
    const sockets: Received[] = [];
    for (let index = 0; index < 11; index++) {
      const received = await connect("/v1/realtime", user.accessToken);
      received.socket.addEventListener("close", (event) =>
        closed.push({ index, code: event.code, reason: event.reason }),
      );
      sockets.push(received);
      await settle();
      if (index === 9) expect(closed).toEqual([]);
    }
    await settle();
    expect(closed).toEqual([{ index: 0, code: 4009, reason: "socket_limit" }]);
    for (const received of sockets) received.socket.close();
  });

  it("refuses a connection without credentials, with a bad ticket, or without an upgrade", async () => {
    expect((await call("/v1/realtime", { headers: { upgrade: "websocket" } })).status).toBe(401);
    expect(
      (await call("/v1/realtime?ticket=nope", { headers: { upgrade: "websocket" } })).status,
    ).toBe(401);
    const user = await signUp();
    expect((await call("/v1/realtime", { token: user.accessToken })).status).toBe(426);
  });
});
