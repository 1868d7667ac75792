import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type CartesiaStub, startCartesiaStub } from "./cartesia-stub";

// The Cartesia stand-in refuses what Cartesia refuses and streams PCM for what it is asked.

let stub: CartesiaStub;
const WS = () => `${stub.url.replace(/^http/, "ws")}/tts/websocket`;

function connect(headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(WS(), { headers });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
  });
}

const request = {
  context_id: "ctx-1",
  model_id: "sonic-2",
  transcript: "Logged it, well done. ",
  continue: false,
  voice: { mode: "id", id: "voice-1" },
  output_format: { container: "raw", encoding: "pcm_s16le", sample_rate: 24_000 },
  language: "en",
  add_timestamps: true,
};

beforeAll(async () => {
  stub = await startCartesiaStub({ apiKey: "ca-key" });
});
afterAll(() => stub.close());

describe("the Cartesia stand-in", () => {
  it("checks the API key and the API version on the upgrade", async () => {
    expect(await connect({ "cartesia-version": "2025-04-16" })).toBe(401);
    expect(await connect({ "x-api-key": "ca-key" })).toBe(400);
    expect(await connect({ "x-api-key": "ca-key", "cartesia-version": "1999-01-01" })).toBe(400);
    const ws = await connect({ "x-api-key": "ca-key", "cartesia-version": "2025-04-16" });
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });

  it("streams PCM chunks, word timestamps and done; a bad request gets an error for its context", async () => {
    const ws = (await connect({
      "x-api-key": "ca-key",
      "cartesia-version": "2025-04-16",
    })) as WebSocket;
    const messages: Array<Record<string, unknown>> = [];
    ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
    ws.send(JSON.stringify(request));
    ws.send(
      JSON.stringify({
        ...request,
        context_id: "ctx-2",
        output_format: { ...request.output_format, sample_rate: 12_345 },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    ws.close();

    const chunks = messages.filter((m) => m.type === "chunk" && m.context_id === "ctx-1");
    const bytes = chunks.reduce((n, m) => n + Buffer.from(String(m.data), "base64").length, 0);
    expect(bytes / 2 / 24_000).toBeCloseTo(4 * 0.3, 1); // four words, 0.3 s each
    expect(messages).toContainEqual(
      expect.objectContaining({ type: "timestamps", context_id: "ctx-1" }),
    );
    expect(messages).toContainEqual({
      type: "done",
      done: true,
      status_code: 200,
      context_id: "ctx-1",
    });
    expect(messages).toContainEqual(
      expect.objectContaining({ type: "error", context_id: "ctx-2", status_code: 400 }),
    );
  });
});
