import { initializeLogger } from "@livekit/agents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { onboardedUser, verifyEmail } from "../../test/support/api-client";
import { seriousAccessibilityViolations } from "../../test/support/axe";
import { launchBrowser } from "../../test/support/browser";
import { ConsoleApp } from "../../test/support/console-app";
import { type EmailStub, startEmailStub } from "../../test/support/email-stub";
import {
  buildBundle,
  type LocalWorker,
  startMiniflare,
  type WorkerBundle,
} from "../../test/support/local-worker";
import { type LocalProviders, startLocalProviders } from "../dev/local-providers";
import { SCRIPTED_GREETING, scriptedReply } from "../dev/scripted-coach";
import { TEXT_ROOM_PATH, TextRooms } from "../dev/text-rooms";
import { loadConfig } from "../src/config";

// `npm run voice:local` on a machine without livekit-server and without any key, as on a
// fresh clone: its pieces (the stand-ins of Claude, Deepgram, Cartesia and LiveKit's API, and
// the agent host's text rooms) around the built Worker in Miniflare with real actors and D1.
// A call goes as the console's Voice screen makes it: the API creates a text room and
// dispatches the coach, the app joins with its participant token, the scripted coach greets
// and answers, the turns land in the call's transcript, and ending the call ends the room;
// then the same in Debian's Chromium through the console's Voice screen.

let bundle: WorkerBundle;
let worker: LocalWorker;
let providers: LocalProviders;
let rooms: TextRooms;
// Voice and chat need a verified address: the signup mail goes to the email stand-in.
let email: EmailStub;
const logged: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  initializeLogger({ pretty: false, level: "warn" });
  providers = await startLocalProviders({}, { livekitStandIn: true, livekitPort: 0 });
  email = await startEmailStub({ apiKey: "voice-local-email-key" });
  bundle = buildBundle();
  worker = await startMiniflare(bundle.scriptPath, 0, {
    vars: { ...providers.workerVars, ...email.vars },
  });
  const config = loadConfig({ ...providers.agentEnv, COACH_API_URL: worker.url });
  rooms = new TextRooms(
    providers.livekit as NonNullable<LocalProviders["livekit"]>,
    config,
    (event, fields) => logged.push({ event, ...fields }),
  );
}, 120_000);

afterAll(async () => {
  await rooms?.close();
  await worker?.stop();
  bundle?.cleanup();
  await providers?.close();
  await email?.close();
});

async function api(path: string, token: string, body?: unknown, method = body ? "POST" : "GET") {
  const response = await fetch(`${worker.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The room's lines as they arrive, and a way to wait for the n-th. */
function join(url: string) {
  const socket = new WebSocket(url);
  const lines: Array<{ speaker: string; text: string }> = [];
  socket.on("message", (data) => lines.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const until = async (count: number) => {
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
    return lines.slice(0, count);
  };
  return { socket, lines, opened, closed, until };
}

describe("npm run voice:local without livekit-server or keys", () => {
  it("says which services are stand-ins", () => {
    expect(providers.summary).toEqual([
      expect.stringMatching(/^Claude: the scripted local coach at http:\/\/127\.0\.0\.1:\d+/),
      expect.stringMatching(/^Deepgram: stand-in at ws:/),
      expect.stringMatching(/^Cartesia: stand-in at http:/),
      expect.stringMatching(/^LiveKit: API stand-in at http:.*calls run in text/),
    ]);
  });

  it("runs a call with the scripted coach from the Voice screen's text room", async () => {
    const user = await onboardedUser(worker.url, { verifyWith: email.url });
    const created = await api("/v1/voice/sessions", user.token, {
      agent_type: "workout",
      mode: "text",
    });
    expect(created.status).toBe(201);
    const { room_name: room, token, livekit_url: livekitUrl } = created.body;
    expect(livekitUrl).toBe(providers.agentEnv.LIVEKIT_URL);

    // A token for another room, or signed with another secret, joins nothing.
    const stranger = join(`${livekitUrl}${TEXT_ROOM_PATH}?access_token=${token.slice(0, -4)}AAAA`);
    await expect(stranger.opened).rejects.toThrow(/401/);

    const call = join(`${livekitUrl}${TEXT_ROOM_PATH}?access_token=${token}`);
    await call.opened;
    expect(await call.until(1)).toEqual([
      expect.objectContaining({ speaker: "Coach", text: SCRIPTED_GREETING }),
    ]);
    call.socket.send(JSON.stringify({ type: "say", text: "I did 8 squats at 60 kilos" }));
    expect((await call.until(3)).slice(1)).toEqual([
      expect.objectContaining({ speaker: "You", text: "I did 8 squats at 60 kilos" }),
      expect.objectContaining({
        speaker: "Coach",
        text: scriptedReply("I did 8 squats at 60 kilos"),
      }),
    ]);
    expect(logged).toContainEqual(
      expect.objectContaining({ event: "coach_joined", agent_type: "workout", room }),
    );

    // The agent host posted the turns to the backend, which keeps the call's transcript.
    await expect
      .poll(
        async () => (await api(`/v1/voice/sessions/${room}/transcript`, user.token)).body.items,
        {
          timeout: 10_000,
        },
      )
      .toEqual([
        expect.objectContaining({ role: "coach", text: SCRIPTED_GREETING }),
        expect.objectContaining({ role: "user", text: "I did 8 squats at 60 kilos" }),
        expect.objectContaining({
          role: "coach",
          text: scriptedReply("I did 8 squats at 60 kilos"),
        }),
      ]);

    // Ending the call in the app deletes the room: the agent host's call ends with it.
    expect((await api(`/v1/voice/sessions/${room}`, user.token, undefined, "DELETE")).status).toBe(
      200,
    );
    expect(await call.closed).toBe(1000);
    expect(rooms.rooms()).toEqual([]);
  });

  it("answers text chat with the same scripted coach", async () => {
    const user = await onboardedUser(worker.url, { verifyWith: email.url });
    const chat = await api("/v1/chat", user.token, {
      message: "How many rest days?",
      agent_type: "workout",
    });
    expect(chat.status).toBe(200);
    expect(chat.body.text).toBe(scriptedReply("How many rest days?"));
  });

  it("runs the call from the console's Voice screen, in text, with one click", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const app = new ConsoleApp(page, worker.url);
      await app.open("/");
      const address = `voice-local-${Date.now()}@example.com`;
      await app.signUp(address);
      await verifyEmail(worker.url, email.url, address);
      await app.goTo("Voice");
      await page.getByRole("button", { name: "Start voice session" }).click();
      // livekit-client finds no media server; the screen moves the call to a text room.
      await page.getByText("In a text call").waitFor({ timeout: 20_000 });
      const transcript = page.getByRole("list", { name: "Transcript" });
      await expect.poll(() => transcript.textContent()).toContain(SCRIPTED_GREETING);
      await page.getByLabel("Say to the coach").fill("What is on today?");
      await page.getByRole("button", { name: "Send" }).click();
      await expect
        .poll(() => transcript.textContent())
        .toContain(`Coach: ${scriptedReply("What is on today?")}`);
      expect(await transcript.textContent()).toContain("You: What is on today?");
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await page.getByRole("button", { name: "End voice session" }).click();
      await expect.poll(() => rooms.rooms()).toEqual([]);
      expect(providers.livekit?.rooms()).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
