import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenConsole, openConsole } from "./open-console";

// A set logged in the console while the API cannot be reached waits in the sync queue and is
// sent, once, when the network is back (docs/sync.md; console/src/workout/set-sync.ts).

let opened: OpenConsole;

beforeAll(async () => {
  opened = await openConsole({ browser: { timezoneId: "Europe/Berlin" } });
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

describe("logging sets with the network cut", () => {
  it("keeps the set while offline and sends it once when the API is back", async () => {
    const { app, page, browser } = opened;
    await app.open("/");
    await app.signUp(`offline-${Date.now()}@example.com`);
    await app.onboardWithSampleProfile();
    await page.getByText("Live", { exact: true }).waitFor();
    await app.generateProgram();
    const today = await app.goTo("Today");
    await app.startWorkout();
    await app.logSet({ reps: 8, weight: 60, rir: 2 });

    const logged = today.getByRole("list", { name: "Logged sets" }).getByRole("listitem");
    await browser.context.setOffline(true);
    await page.getByLabel("Reps").fill("6");
    await page.getByLabel("Weight (kg)").fill("62.5");
    await page.getByLabel("RIR").fill("1");
    await page.getByRole("button", { name: "Log set" }).click();
    const waiting = page.getByRole("status", { name: "Waiting sets" });
    await expect
      .poll(() => waiting.textContent(), { timeout: 15_000 })
      .toMatch(/^1 set waiting: the API cannot be reached/);
    expect(await logged.count()).toBe(1);

    await browser.context.setOffline(false);
    await logged.nth(1).waitFor({ timeout: 15_000 });
    await waiting.waitFor({ state: "detached" });
    expect(await logged.allTextContents()).toEqual([
      expect.stringMatching(/: 8 reps × 60 kg, RIR 2$/),
      expect.stringMatching(/: 6 reps × 62.5 kg, RIR 1$/),
    ]);
    // Once on the server, whatever the retries.
    await page.reload();
    await today.getByRole("list", { name: "Logged sets" }).waitFor();
    await expect.poll(() => logged.count()).toBe(2);
  }, 180_000);
});
