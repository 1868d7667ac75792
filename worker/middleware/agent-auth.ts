import type { MiddlewareHandler } from "hono";
import { actorFor } from "../actor";
import type { AppEnv } from "../app-env";
import { verifyAgentToken } from "../auth/agent-tokens";
import { ApiError, isClosedAccountError, unauthorized } from "../errors";
import { bearerToken } from "./auth";
import { enforceUserRequestLimit } from "./rate-limit";

/**
 * The agent callback API accepts only an agent token (audience `agent-host`), and only while
 * its room is live: 401 for any other token (a user's included), 403 once the room ended.
 * Everything after this runs against the token's user's actor and nothing else.
 */
export function requireAgent(): MiddlewareHandler<AppEnv> {
  return async function requireAgentMiddleware(c, next) {
    const token = bearerToken(c.req.header("authorization"));
    const claims = token ? await verifyAgentToken(c.get("config"), token) : null;
    if (!claims) {
      c.get("log").warn("agent_auth_rejected", { has_token: token !== null });
      throw unauthorized("An agent token is required.");
    }
    await enforceUserRequestLimit(c, claims.userId);
    // A closed account's rooms are over: its agent tokens get the same 403 as an ended room.
    const room = await actorFor(c.env, claims.userId)
      .liveVoiceSession(claims.userId, claims.roomName)
      .catch((error: unknown) => {
        if (isClosedAccountError(error)) return null;
        throw error;
      });
    if (!room) throw new ApiError("session_ended", "The voice session of this token has ended.");
    c.set("userId", claims.userId);
    // The coach speaking now (after any hand-off), not the one the token was minted for.
    c.set("agent", { ...claims, agentType: room.agent_type });
    return next();
  };
}
