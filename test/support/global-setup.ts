import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startAnthropicStub } from "./anthropic-stub";
import { startEmailStub, startTurnstileStub } from "./email-stub";
import { startFdcStub } from "./fdc-stub";
import { startJwksServer } from "./jwks-server";
import { startLiveKitStub } from "./livekit-stub";
import { startOpenFoodFactsStub } from "./open-food-facts-stub";
import { startPushStubs } from "./push-stubs";
import { testBindings } from "./test-bindings";

// Local stand-ins for outside services, started once in Node for the whole run. Their URLs
// (and the external IdP's signing key) reach the Worker's bindings and the tests via inject.
// Tests inside workerd script the Anthropic stub over its /_stub/* HTTP endpoints.

export default async function setup(project: TestProject) {
  const jwks = await startJwksServer();
  const anthropic = await startAnthropicStub({ apiKey: "sk-ant-test-key" });
  const push = await startPushStubs({ expoAccessToken: "expo-test-access-token" });
  const email = await startEmailStub({ apiKey: "email-test-api-key" });
  const turnstile = await startTurnstileStub({ secret: "turnstile-test-secret" });
  const fdc = await startFdcStub({ apiKey: "fdc-test-api-key" });
  const openFoodFacts = await startOpenFoodFactsStub();
  const livekit = await startLiveKitStub({
    apiKey: testBindings.LIVEKIT_API_KEY,
    apiSecret: testBindings.LIVEKIT_API_SECRET,
  });
  project.provide("jwksUrl", jwks.url);
  project.provide("jwksPrivateKey", jwks.privateJwk);
  project.provide("anthropicUrl", anthropic.url);
  project.provide("anthropicApiKey", anthropic.apiKey);
  project.provide("pushStubUrl", push.url);
  project.provide("livekitUrl", livekit.url);
  project.provide("expoPushUrl", push.expoUrl);
  project.provide("fcmBaseUrl", push.fcmBaseUrl);
  project.provide("fcmServiceAccount", JSON.stringify(push.serviceAccount));
  project.provide("emailStubUrl", email.url);
  project.provide("turnstileUrl", turnstile.url);
  project.provide("fdcUrl", fdc.url);
  project.provide("fdcApiKey", fdc.apiKey);
  project.provide("openFoodFactsUrl", openFoodFacts.url);
  project.provide(
    "platePhotoBase64",
    readFileSync(path.join(import.meta.dirname, "fixtures/plate.jpg")).toString("base64"),
  );
  return async () => {
    await jwks.close();
    await anthropic.close();
    await push.close();
    await livekit.close();
    await email.close();
    await turnstile.close();
    await fdc.close();
    await openFoodFacts.close();
  };
}
