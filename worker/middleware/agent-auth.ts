import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { verifyAgentToken } from "../auth/agent-tokens";
import { unauthorized } from "../errors";
import { bearerToken } from "./auth";
import { enforceUserRequestLimit } from "./rate-limit";

/**
 * The agent callback API accepts only an agent token (audience `agent-host`): 401 for any
 * other token (a user's included). Whether its room is still live, and which coach speaks in
 * it now, the route's one call to the user's actor answers (403 `session_ended` once it is
 * over). Everything after this runs against the token's user's actor and nothing else.
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
    c.set("userId", claims.userId);
    c.set("agent", claims);
    return next();
  };
}
