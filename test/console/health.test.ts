import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../support/axe";
import type { ConsoleApp } from "../support/console-app";
import { type OpenConsole, openConsole } from "./open-console";

// The Health screen: "Upload sample data" posts a generated HealthKit week for the user's
// timezone, and the days and today's readiness come back from the actor.

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

describe("the Health screen", () => {
  it("uploads a sample week and shows its days and readiness", async () => {
    await app.open("/");
    await app.signUp(`health-${Date.now()}@example.com`);
    await page.getByRole("button", { name: "Use sample profile" }).click();
    await page.getByRole("button", { name: "Complete onboarding" }).click();
    await app.waitForProgramScreen();

    const health = await app.goTo("Health");
    await expect(health.getByText("No readiness yet").textContent()).resolves.toBeTruthy();
    await page.getByRole("button", { name: "Upload sample data" }).click();
    await expect(health.locator("output").textContent()).resolves.toMatch(
      /^Uploaded \d+ samples: \d+ new, 0 updated, 0 unchanged, 0 rejected\.$/,
    );
    const rows = health.getByRole("table", { name: "The last 28 days" }).locator("tbody tr");
    await rows.nth(5).waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    // A week of ~8,000 steps a day: every full day's steps cell holds a number in the thousands.
    expect(await rows.nth(1).locator("td").first().textContent()).toMatch(/^\d{1,2},\d{3}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
