import { availableParallelism } from "node:os";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import type { ProvidedContext } from "vitest";
import { defineConfig } from "vitest/config";
import { testBindings } from "./test/support/test-bindings.ts";

type Inject = <K extends keyof ProvidedContext>(key: K) => ProvidedContext[K];

/** A test project running inside workerd with the real Worker, D1 and actors. */
function workersProject(
  name: string,
  include: string[],
  extraBindings: (inject: Inject) => Record<string, string> = () => ({}),
  // One scripted Anthropic stub serves the project: its files must not run at once.
  extraTest: { fileParallelism?: boolean } = {},
) {
  return {
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
            LIVEKIT_URL: inject("livekitUrl"),
            EXPO_PUSH_URL: inject("expoPushUrl"),
            EXPO_ACCESS_TOKEN: "expo-test-access-token",
            FCM_BASE_URL: inject("fcmBaseUrl"),
            FCM_SERVICE_ACCOUNT: inject("fcmServiceAccount"),
            EMAIL_API_URL: `${inject("emailStubUrl")}/emails`,
            EMAIL_API_KEY: "email-test-api-key",
            EMAIL_FROM: "Fitness Coach <no-reply@fitness-coach.test>",
            APP_URL: "https://app.fitness-coach.test",
            TURNSTILE_VERIFY_URL: inject("turnstileUrl"),
            FDC_API_URL: inject("fdcUrl"),
            OPEN_FOOD_FACTS_URL: inject("openFoodFactsUrl"),
            OPEN_FOOD_FACTS_CONTACT: "tests@fitness-coach.test",
            ...extraBindings(inject),
            TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, "migrations")),
          },
        },
      })),
    ],
    test: {
      name,
      globalSetup: ["./test/support/global-setup.ts"],
      include,
      setupFiles: ["./test/worker/apply-migrations.ts"],
      ...extraTest,
    },
  };
}

export default defineConfig({
  test: {
    // Vitest's default is one file fewer than the cores: one at a time on a 2-core machine. The
    // suite mostly waits (on workerd, Chromium, wrangler and the stand-ins), so two files at
    // once use the cores that one file leaves idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "coaching",
          include: ["test/coaching/**/*.test.ts", "test/sync/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "tools",
          include: [
            "test/support/**/*.test.ts",
            "test/scripts/**/*.test.ts",
            "test/unit/**/*.test.ts",
            "test/served/**/*.test.ts",
          ],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        // The developer console in Debian's Chromium, against the built bundle in Miniflare.
        test: {
          name: "console",
          include: ["test/console/**/*.test.ts"],
          globalSetup: ["./test/console/global-setup.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "agent-host",
          include: ["agent-host/test/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      // FoodData Central with a key (its stand-in); worker-llm runs without one.
      workersProject("worker", ["test/worker/**/*.test.ts"], (inject) => ({
        FDC_API_KEY: inject("fdcApiKey"),
      })),
      // The same Worker with an LLM key, against the local Anthropic stub.
      workersProject(
        "worker-llm",
        ["test/worker-llm/**/*.test.ts"],
        (inject) => ({
          ANTHROPIC_API_KEY: inject("anthropicApiKey"),
          ANTHROPIC_BASE_URL: inject("anthropicUrl"),
          PERSONALISE_TIMEOUT_MS: "1000",
          CHAT_TIMEOUT_MS: "1000",
          CHAT_DAILY_TOKEN_BUDGET: "20000",
          CHAT_TURN_MAX_TOKENS: "8000",
          MEAL_PHOTOS_PER_DAY: "3",
        }),
        { fileParallelism: false },
      ),
    ],
  },
});
