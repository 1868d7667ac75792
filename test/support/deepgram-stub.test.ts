import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type DeepgramStub, startDeepgramStub } from "./deepgram-stub";

// The Deepgram stand-in refuses what Deepgram refuses, and answers a learned recording with
// the messages a live stream gets (the plugin-level behaviour is in agent-host's voice test).

let stub: DeepgramStub;
const PARAMS =
  "model=nova-3&encoding=linear16&sample_rate=16000&channels=1&interim_results=true&vad_events=true&endpointing=25";

/** Opens /v1/listen; resolves with the socket, or the HTTP status it was refused with. */
function connect(query: string, token?: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${stub.url}/v1/listen?${query}`, {
      headers: token === undefined ? {} : { authorization: `Token ${token}` },
    });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
  });
}

/** A tone burst between silences: speech as far as the stand-in's energy check goes. */
function recording(): Int16Array {
  const pcm = new Int16Array(16_000 * 2);
  for (let i = 4_000; i < 24_000; i++)
    pcm[i] = Math.round(8_000 * Math.sin(i / 5) * Math.sin(i / 97));
  return pcm;
}

beforeAll(async () => {
  stub = await startDeepgramStub({ apiKey: "dg-key" });
  stub.learn(recording(), "Log a set.");
});
afterAll(() => stub.close());

describe("the Deepgram stand-in", () => {
  it("checks the API key and the parameters on the upgrade", async () => {
    expect(await connect(PARAMS)).toBe(401);
    expect(await connect(PARAMS, "wrong")).toBe(401);
    expect(await connect("model=nova-3&encoding=linear16", "dg-key")).toBe(400); // no sample_rate
    expect(await connect("model=whisper-9&sample_rate=16000", "dg-key")).toBe(400);
    expect(await connect("utterance_end_ms=1000&interim_results=false", "dg-key")).toBe(400);
    const ws = await connect(PARAMS, "dg-key");
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });

  it("answers a learned recording with SpeechStarted, interim and final results", async () => {
    const ws = (await connect(PARAMS, "dg-key")) as WebSocket;
    const messages: Array<Record<string, unknown>> = [];
    ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
    const pcm = recording();
    for (let i = 0; i < pcm.length; i += 1_600)
      ws.send(Buffer.from(pcm.slice(i, i + 1_600).buffer));
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.send(JSON.stringify({ type: "CloseStream" }));
    await new Promise((resolve) => ws.once("close", resolve));

    const types = messages.map((m) => m.type);
    expect(types[0]).toBe("SpeechStarted");
    expect(types.at(-1)).toBe("Metadata");
    const final = messages.find((m) => m.type === "Results" && m.speech_final === true) as {
      channel: { alternatives: Array<{ transcript: string; words: unknown[] }> };
    };
    expect(final.channel.alternatives[0]?.transcript).toBe("Log a set.");
    expect(final.channel.alternatives[0]?.words).toHaveLength(3);
    expect(messages.some((m) => m.type === "Results" && m.is_final === false)).toBe(true);
  });

  it("answers audio it does not know with empty transcripts", async () => {
    const ws = (await connect(PARAMS, "dg-key")) as WebSocket;
    const messages: Array<{
      type: string;
      channel?: { alternatives: Array<{ transcript: string }> };
    }> = [];
    ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
    const noise = new Int16Array(16_000 * 2).map(() => Math.round((Math.random() - 0.5) * 4_000));
    ws.send(Buffer.from(noise.buffer));
    ws.send(JSON.stringify({ type: "CloseStream" }));
    await new Promise((resolve) => ws.once("close", resolve));
    const results = messages.filter((m) => m.type === "Results");
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((m) => m.channel?.alternatives[0]?.transcript === "")).toBe(true);
  });
});
