import { jwtVerify, SignJWT } from "jose";
import type { Config } from "../config";

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

const key = (config: Config) => new TextEncoder().encode(config.JWT_SECRET);

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
    .sign(key(config));
}

export async function verifyAgentToken(config: Config, token: string): Promise<AgentClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(config), {
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
      userId: payload.sub,
      roomName: payload.room,
      agentType: payload.agent_type,
      mode: payload.mode === "text" ? "text" : "voice",
    };
  } catch {
    return null;
  }
}
