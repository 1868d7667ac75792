import type { Config } from "./config";
import type { Env } from "./env";
import type { Logger } from "./logger";

/** Hono's typed context: bindings plus the per-request values middleware sets. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
    config: Config;
    /** Set by requireUser on authenticated routes. */
    userId: string;
  };
}
