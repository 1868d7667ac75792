import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { testBindings } from "./test/support/test-bindings";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "coaching",
          include: ["test/coaching/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "tools",
          include: ["test/support/**/*.test.ts", "test/scripts/**/*.test.ts", "test/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            main: "./worker/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ...testBindings,
                AUTH_JWKS_URL: inject("jwksUrl"),
                AUTH_ISSUER: "https://idp.test/",
                AUTH_AUDIENCE: "fitness-coach-test",
                TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, "migrations")),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          globalSetup: ["./test/support/global-setup.ts"],
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["./test/worker/apply-migrations.ts"],
        },
      },
    ],
  },
});
