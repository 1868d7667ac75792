import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../support/axe";
import type { ConsoleApp } from "../support/console-app";
import { type LiveKitStub, startLiveKitStub } from "../support/livekit-stub";
import { LOCAL_WORKER_VARS } from "../support/local-worker";
import { type OpenConsole, openConsole } from "./open-console";

// "Start voice session" against LiveKit's API (the local Twirp stand-in): the API creates the
// room and dispatches the coach, the browser tries to join it with livekit-client. The
// stand-in has no media server, as when only half of LiveKit is up: the screen says what to
// run and the session is ended again, room and all.

let livekit: LiveKitStub;
let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;

beforeAll(async () => {
  livekit = await startLiveKitStub({
    apiKey: LOCAL_WORKER_VARS.LIVEKIT_API_KEY as string,
    apiSecret: LOCAL_WORKER_VARS.LIVEKIT_API_SECRET as string,
  });
  opened = await openConsole({ vars: { LIVEKIT_URL: livekit.url } });
  ({ page, app } = opened);
}, 120_000);

afterAll(async () => {
  await opened?.close();
  await livekit?.close();
});

describe("a voice session from the console", () => {
  it("creates the room, dispatches the coach, and explains a LiveKit it cannot join", async () => {
    await app.open("/");
    const email = `voice-${Date.now()}@example.com`;
    await app.signUp(email);
    let voice = await app.goTo("Voice");

    // Until the address is verified: the notice, a 403 and no room at LiveKit.
    await voice.getByRole("complementary", { name: "Email not verified" }).waitFor();
    await page.getByRole("button", { name: "Start voice session" }).click();
    await expect(voice.getByRole("alert").textContent()).resolves.toContain(
      "403 email_not_verified",
    );
    expect(livekit.requests.filter((call) => call.method)).toEqual([]);
    await opened.verifyEmail(email);
    await app.goTo("Onboarding");
    voice = await app.goTo("Voice");
    // Shown from the session's copy of the account until the screen has read it again.
    await voice
      .getByRole("complementary", { name: "Email not verified" })
      .waitFor({ state: "detached" });
    await page.getByRole("combobox", { name: "Coach" }).selectOption({ label: "diet coach" });
    await page.getByRole("button", { name: "Start voice session" }).click();

    const alert = page.getByRole("alert");
    await expect(alert.textContent()).resolves.toContain(
      `LiveKit is not reachable at ${livekit.url}`,
    );
    expect(await alert.textContent()).toContain("livekit-server --dev");
    // The room was created, the diet coach dispatched into it, and the room deleted again;
    // between those, livekit-client tried to reach the media server (a 404 here).
    const twirp = () =>
      livekit.requests.filter((call) => call.method).map((call) => `${call.method} ${call.status}`);
    await expect
      .poll(twirp, { timeout: 10_000 })
      .toEqual(["CreateRoom 200", "CreateDispatch 200", "DeleteRoom 200"]);
    expect(livekit.requests.filter((call) => !call.method).length).toBeGreaterThan(0);
    const dispatch = livekit.requests.find((call) => call.method === "CreateDispatch");
    expect(JSON.parse(String(dispatch?.body.metadata))).toMatchObject({ agent_type: "diet" });
    await expect.poll(() => livekit.rooms(), { timeout: 10_000 }).toEqual([]);
    expect(await page.getByRole("button", { name: "Start voice session" }).isEnabled()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
