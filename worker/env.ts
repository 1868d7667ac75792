import type { RateLimiter } from "../durable-objects/rate-limiter";
import type { UserActor } from "../durable-objects/user-actor";

/** Bindings and variables the Worker receives (wrangler.toml, .dev.vars, secrets). */
export interface Env {
  DB: D1Database;
  USER_ACTOR: DurableObjectNamespace<UserActor>;
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  [variable: string]: unknown;
}
