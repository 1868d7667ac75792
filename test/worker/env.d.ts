import type { D1Migration } from "@cloudflare/vitest-plugin";

// The Worker's Env (worker/worker-configuration.d.ts, from `npm run types`) plus what the
// test configuration adds.
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
