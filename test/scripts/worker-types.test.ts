import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The Worker's Env type is generated from wrangler.toml (and the secret names in
// .dev.vars.example) by `npm run types`; a binding or variable added to the configuration
// without regenerating it fails here, not in production.

describe("worker/worker-configuration.d.ts", () => {
  it("is what `npm run types` generates from the current configuration", () => {
    const check = () =>
      execFileSync("npm", ["run", "--silent", "types", "--", "--check"], {
        encoding: "utf8",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    expect(check).not.toThrow();
  });
});
