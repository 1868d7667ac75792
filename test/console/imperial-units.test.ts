import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsoleApp } from "../support/console-app";
import { type OpenConsole, openConsole } from "./open-console";

// A user who lifts in pounds: the console asks for and shows weights in lb everywhere (the
// API takes `weight_lb` and answers `_lb` beside every `_kg` for imperial users).

let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;

beforeAll(async () => {
  opened = await openConsole();
  ({ page, app } = opened);
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

describe("the console in imperial units", () => {
  it("onboards, logs a set and shows the record in pounds", async () => {
    await app.open("/");
    await app.signUp(`imperial-${Date.now()}@example.com`);
    await page.getByRole("button", { name: "Use sample profile" }).click();
    // Switching units converts what the form holds: the sample's 64 kg is 141.1 lb.
    await page.getByLabel("Units").selectOption("imperial");
    expect(await page.getByLabel("Weight (lb)", { exact: true }).inputValue()).toBe("141.1");
    expect(await page.getByLabel("Height (in)", { exact: true }).inputValue()).toBe("66.1");
    await page.getByRole("button", { name: "Complete onboarding" }).click();
    await app.waitForProgramScreen();
    await app.generateProgram();

    const today = await app.goTo("Today");
    await app.startWorkout();
    const exercise =
      (await page.getByLabel("Exercise").locator("option:checked").textContent()) ?? "";
    await app.logSet({ reps: 8, weight: 135, rir: 2 });
    expect(
      await today.getByRole("list", { name: "Logged sets" }).getByRole("listitem").textContent(),
    ).toBe(`${exercise}: 8 reps × 135 lb, RIR 2`);

    const progress = await app.goTo("Progress");
    const record = progress
      .getByRole("table", { name: "Personal records" })
      .getByRole("row", { name: exercise });
    await expect(record.textContent()).resolves.toContain("135 lb × 8");
    await page.getByLabel("Body weight (lb)").waitFor();
  });
});
