import { type AnthropicStub, startAnthropicStub } from "../../test/support/anthropic-stub.ts";
import { type CartesiaStub, startCartesiaStub } from "../../test/support/cartesia-stub.ts";
import { type DeepgramStub, startDeepgramStub } from "../../test/support/deepgram-stub.ts";
import { type LiveKitStub, startLiveKitStub } from "../../test/support/livekit-stub.ts";
import { agentConfigSchema } from "../src/config.ts";
import { scriptedCoach } from "./scripted-coach.ts";

// The outside services of a voice call for `npm run voice:local`: each provider whose key is
// in .dev.vars is the real one; the others are the local stand-ins the tests use
// (test/support/*-stub.ts), Claude's answering as the scripted coach. LiveKit's API stand-in
// is started only when asked (no livekit-server on this machine).

export interface LocalProviders {
  /** For the Worker (`wrangler dev --var`): Claude's stand-in when there is no key. */
  workerVars: Record<string, string>;
  /** The agent host's environment, without COACH_API_URL. */
  agentEnv: Record<string, string>;
  /** One line per service: the real one or a stand-in. */
  summary: string[];
  /** LiveKit's API stand-in, when started. */
  livekit?: LiveKitStub;
  close(): Promise<void>;
}

const AGENT_VARIABLES = Object.keys(agentConfigSchema.shape);

export async function startLocalProviders(
  vars: Record<string, string>,
  options: { livekitStandIn: boolean; livekitPort?: number },
): Promise<LocalProviders> {
  const agentEnv: Record<string, string> = Object.fromEntries(
    Object.entries(vars).filter(([name, value]) => AGENT_VARIABLES.includes(name) && value),
  );
  agentEnv.LIVEKIT_URL ??= "ws://127.0.0.1:7880";
  agentEnv.LIVEKIT_API_KEY ??= "devkey";
  agentEnv.LIVEKIT_API_SECRET ??= "secret";
  const workerVars: Record<string, string> = {};
  const summary: string[] = [];
  const stubs: Array<AnthropicStub | DeepgramStub | CartesiaStub | LiveKitStub> = [];
  try {
    if (vars.ANTHROPIC_API_KEY || (vars.VOICE_LLM === "openai" && vars.OPENAI_API_KEY)) {
      summary.push("Claude: the real API (ANTHROPIC_API_KEY in .dev.vars)");
    } else {
      const claude = await startAnthropicStub({ apiKey: "sk-ant-local-stand-in" });
      claude.onRequest(scriptedCoach);
      stubs.push(claude);
      Object.assign(workerVars, {
        ANTHROPIC_API_KEY: claude.apiKey,
        ANTHROPIC_BASE_URL: claude.url,
      });
      Object.assign(agentEnv, workerVars, { VOICE_LLM: "anthropic" });
      summary.push(`Claude: the scripted local coach at ${claude.url} (no ANTHROPIC_API_KEY)`);
    }
    if (vars.DEEPGRAM_API_KEY) summary.push("Deepgram: the real API (DEEPGRAM_API_KEY)");
    else {
      const deepgram = await startDeepgramStub({ apiKey: "dg-local-stand-in" });
      stubs.push(deepgram);
      Object.assign(agentEnv, {
        DEEPGRAM_API_KEY: deepgram.apiKey,
        DEEPGRAM_BASE_URL: deepgram.url,
      });
      summary.push(`Deepgram: stand-in at ${deepgram.url} (hears only its recordings)`);
    }
    if (vars.CARTESIA_API_KEY) summary.push("Cartesia: the real API (CARTESIA_API_KEY)");
    else {
      const cartesia = await startCartesiaStub({ apiKey: "sk_car_local-stand-in" });
      stubs.push(cartesia);
      Object.assign(agentEnv, {
        CARTESIA_API_KEY: cartesia.apiKey,
        CARTESIA_BASE_URL: cartesia.url,
      });
      summary.push(`Cartesia: stand-in at ${cartesia.url} (a tone, not a voice)`);
    }
    let livekit: LiveKitStub | undefined;
    if (options.livekitStandIn) {
      livekit = await startLiveKitStub({
        apiKey: agentEnv.LIVEKIT_API_KEY,
        apiSecret: agentEnv.LIVEKIT_API_SECRET,
        port: options.livekitPort ?? Number(new URL(agentEnv.LIVEKIT_URL).port || 7880),
      });
      stubs.push(livekit);
      workerVars.LIVEKIT_URL = agentEnv.LIVEKIT_URL = livekit.url.replace(/^http/, "ws");
      summary.push(
        `LiveKit: API stand-in at ${livekit.url}; calls run in text (no livekit-server)`,
      );
    }
    return {
      workerVars,
      agentEnv,
      summary,
      livekit,
      close: async () => {
        await Promise.all(stubs.map((stub) => stub.close()));
      },
    };
  } catch (error) {
    await Promise.all(stubs.map((stub) => stub.close()));
    throw error;
  }
}
