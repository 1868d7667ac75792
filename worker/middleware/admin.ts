import type { MiddlewareHandler } from "hono";
import { database } from "../../d1/client";
import { findUserRole } from "../../d1/users";
import type { AppEnv } from "../app-env";
import { forbidden } from "../errors";
import { requireUser } from "./auth";

/**
 * /admin/*: an authenticated, open account (requireUser: 401 without a valid token) whose
 * token says `admin` and whose D1 row still says so (403 `forbidden` otherwise). The claim
 * alone would keep a demoted admin in for the rest of the token's lifetime; admin calls are
 * rare, so one D1 read each buys a demotion that takes effect at once. The claim still turns
 * every user token away without that read.
 */
export function requireAdmin(): MiddlewareHandler<AppEnv> {
  const authenticate = requireUser();
  return async function requireAdminMiddleware(c, next) {
    return authenticate(c, async () => {
      const denied = () => {
        c.get("log").warn("admin_denied", { path: c.req.path });
        return forbidden("This route is for operators.");
      };
      if (c.get("role") !== "admin") throw denied();
      if ((await findUserRole(database(c.env.DB), c.get("userId"))) !== "admin") throw denied();
      await next();
    });
  };
}
