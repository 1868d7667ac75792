import { jwtVerify, SignJWT } from "jose";
import type { Config } from "../../kernel/config";

// Browsers cannot set an Authorization header on a WebSocket, so they trade their access
// token for a ticket (a 60-second JWT for the realtime audience only) and put it in the URL.
// Its own audience means a ticket leaked from a URL log is useless against the REST API, and
// its id (`jti`) lets the user's actor accept it once: a replayed URL opens nothing.

export const TICKET_TTL_SECONDS = 60;
const audience = (config: Config) => `${config.JWT_AUDIENCE}:realtime`;

export async function signRealtimeTicket(config: Config, userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setJti(crypto.randomUUID())
    .setSubject(userId)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(audience(config))
    .setIssuedAt()
    .setExpirationTime(`${TICKET_TTL_SECONDS}s`)
    .sign(new TextEncoder().encode(config.JWT_SECRET));
}

export interface RealtimeTicket {
  userId: string;
  ticketId: string;
  expiresAt: number;
}

export async function verifyRealtimeTicket(
  config: Config,
  ticket: string,
): Promise<RealtimeTicket | null> {
  try {
    const { payload } = await jwtVerify(ticket, new TextEncoder().encode(config.JWT_SECRET), {
      algorithms: ["HS256"],
      issuer: config.JWT_ISSUER,
      audience: audience(config),
      requiredClaims: ["sub", "exp", "jti"],
    });
    if (typeof payload.sub !== "string" || typeof payload.jti !== "string") return null;
    return { userId: payload.sub, ticketId: payload.jti, expiresAt: (payload.exp ?? 0) * 1000 };
  } catch {
    return null;
  }
}
