import { jwtVerify, SignJWT } from "jose";
import type { Config } from "../config";
import { secretKey } from "./access-tokens";

// The only credential the agent host gets for a user: a JWT for the `agent-host` audience,
// scoped to one user and one room, expiring with the voice session. A user's access token
// (another audience) is refused by the agent API, and this one by the user API.

export const AGENT_AUDIENCE = "agent-host";

export interface AgentClaims {
  userId: string;
  roomName: string;
  agentType: string;
  mode: "voice" | "text";
}

const key = (config: Config) => secretKey(config.JWT_SECRET);

export async function signAgentToken(
  config: Config,
  claims: AgentClaims,
  expiresAt: Date,
): Promise<string> {
  return new SignJWT({ room: claims.roomName, agent_type: claims.agentType, mode: claims.mode })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(AGENT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await key(config));
}

/**
 * Agent tokens this isolate has verified, by their exact text, until their `exp`: the agent
 * host sends the same token on every tool call and context read of a call, and the answer
 * cannot change before then (the claims are in the signed text). Only successes are kept;
 * bounded like the access tokens' cache. Whether the room is still live is asked every time.
 */
const verified = new WeakMap<Config, Map<string, { claims: AgentClaims; expMs: number }>>();
const VERIFIED_LIMIT = 10_000;

export async function verifyAgentToken(config: Config, token: string): Promise<AgentClaims | null> {
  let cache = verified.get(config);
  if (!cache) {
    cache = new Map();
    verified.set(config, cache);
  }
  const hit = cache.get(token);
  if (hit) {
    if (Date.now() < hit.expMs) return hit.claims;
    cache.delete(token);
  }
  const result = await verifyUncached(config, token);
  if (result) {
    if (cache.size >= VERIFIED_LIMIT) cache.clear();
    cache.set(token, result);
  }
  return result?.claims ?? null;
}

async function verifyUncached(
  config: Config,
  token: string,
): Promise<{ claims: AgentClaims; expMs: number } | null> {
  try {
    const { payload } = await jwtVerify(token, await key(config), {
      algorithms: ["HS256"],
      issuer: config.JWT_ISSUER,
      audience: AGENT_AUDIENCE,
      requiredClaims: ["sub", "exp", "room", "agent_type"],
    });
    if (
      typeof payload.sub !== "string" ||
      typeof payload.room !== "string" ||
      typeof payload.agent_type !== "string"
    )
      return null;
    return {
      claims: {
        userId: payload.sub,
        roomName: payload.room,
        agentType: payload.agent_type,
        mode: payload.mode === "text" ? "text" : "voice",
      },
      expMs: (payload.exp as number) * 1000,
    };
  } catch {
    return null;
  }
}
