import { jwtVerify, SignJWT } from "jose";
import type { Config } from "../../kernel/config";
import { secretKey } from "../../kernel/encoding";
import { VerifiedTokens } from "./verified-tokens";

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

/** Verified agent tokens (the room's liveness is still asked on every call). */
const verified = new VerifiedTokens<AgentClaims>();

export async function verifyAgentToken(config: Config, token: string): Promise<AgentClaims | null> {
  const hit = verified.get(config, token);
  if (hit) return hit;
  const result = await verifyUncached(config, token);
  if (!result) return null;
  verified.remember(config, token, result.claims, result.expMs);
  return result.claims;
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
