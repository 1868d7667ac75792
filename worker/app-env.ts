import type { Config } from "../kernel/config";
import type { Logger } from "../kernel/logger";
import type { Role } from "./auth/access-tokens";
import type { AgentClaims } from "./auth/agent-tokens";

/** Hono's typed context: bindings plus the per-request values middleware sets. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
    config: Config;
    /** Set by requireUser on authenticated routes (and requireAgent on agent routes). */
    userId: string;
    /** Set by requireUser: the role the access token carries (external tokens: `user`). */
    role: Role;
    /**
     * Set by requireUser for an identity provider's token: when the provider last signed the
     * user in (epoch ms; null when the token does not say), for changes that need a fresh one.
     */
    signedInAt: number | null;
    /**
     * Set by requireAgent: the session the agent token is scoped to (its `agentType` is the
     * coach it was minted for; the one speaking now is the actor's answer).
     */
    agent: AgentClaims;
    /** The `error.code` answered, set by the error handler for the request metrics. */
    errorCode: string;
  };
}
