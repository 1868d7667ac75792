import { jwtVerify, SignJWT } from "jose";
import type { Config } from "../config";

// Browsers cannot set an Authorization header on a WebSocket, so they trade their access
// token for a ticket (a 60-second JWT for the realtime audience only) and put it in the URL.
// Its own audience means a ticket leaked from a URL log is useless against the REST API.

export const TICKET_TTL_SECONDS = 60;
const audience = (config: Config) => `${config.JWT_AUDIENCE}:realtime`;

export async function signRealtimeTicket(config: Config, userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(audience(config))
    .setIssuedAt()
    .setExpirationTime(`${TICKET_TTL_SECONDS}s`)
    .sign(new TextEncoder().encode(config.JWT_SECRET));
}

export async function verifyRealtimeTicket(config: Config, ticket: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(ticket, new TextEncoder().encode(config.JWT_SECRET), {
      algorithms: ["HS256"],
      issuer: config.JWT_ISSUER,
      audience: audience(config),
      requiredClaims: ["sub", "exp"],
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
