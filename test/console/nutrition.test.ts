import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnthropicStub, startAnthropicStub } from "../support/anthropic-stub";
import { seriousAccessibilityViolations } from "../support/axe";
import type { ConsoleApp } from "../support/console-app";
import { type FdcStub, startFdcStub } from "../support/fdc-stub";
import { type OpenConsole, openConsole } from "./open-console";

// The Nutrition screen in the browser, FoodData Central and Claude being their local
// stand-ins: search a food and log it by grams, swap a meal of the plan, and send the sample
// plate photo, whose draft is confirmed into a meal; today's totals follow.

let anthropic: AnthropicStub;
let fdc: FdcStub;
let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;

beforeAll(async () => {
  anthropic = await startAnthropicStub();
  fdc = await startFdcStub({ apiKey: "console-fdc-key" });
  opened = await openConsole({
    vars: {
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.url,
      FDC_API_KEY: fdc.apiKey,
      FDC_API_URL: fdc.url,
    },
  });
  ({ page, app } = opened);
}, 120_000);

afterAll(async () => {
  await opened?.close();
  await anthropic?.close();
  await fdc?.close();
});

describe("the Nutrition screen", () => {
  it("logs a searched food by grams, swaps a planned meal and logs a plate photo", async () => {
    await app.open("/");
    const email = `nutrition-${Date.now()}@example.com`;
    await app.signUp(email);
    await opened.verifyEmail(email);
    await app.onboardWithSampleProfile();
    const screen = await app.goTo("Nutrition");
    const totals = screen.getByRole("table").first();
    await expect.poll(() => totals.textContent()).toContain("0 meals logged");

    // Search (FDC's stand-in answers once), pick FDC's banana, log 120 g.
    await screen.getByLabel("Food", { exact: true }).fill("banana");
    await screen.getByRole("button", { name: "Search" }).click();
    const results = screen.getByRole("list", { name: "Foods found" });
    await results.getByRole("button", { name: /Bananas, raw/ }).click();
    await screen.getByLabel("Grams", { exact: true }).fill("120");
    await screen.getByRole("button", { name: "Log", exact: true }).click();
    await screen.getByText("Logged 120 g of Bananas, raw: 106.8 kcal.").waitFor();
    await expect.poll(() => totals.textContent()).toContain("1 meal logged");

    // The plan: swap the first meal; the others stay.
    const plan = screen.getByRole("region", { name: "Meal plan" });
    const first = plan.getByRole("article").first();
    const name = (await first.getByRole("heading").textContent())?.split(" · ")[0] ?? "";
    await first.getByRole("button", { name: /^Swap/ }).click();
    await plan.getByText(new RegExp(`${name} swapped|No other`)).waitFor();

    // The sample plate: the stand-in reports what it "sees"; the draft is confirmed.
    anthropic.enqueue({
      toolUse: {
        name: "report_plate",
        input: {
          items: [
            { name: "chicken breast", grams: 150, confidence: 0.9 },
            { name: "white rice", grams: 180, confidence: 0.8 },
          ],
        },
      },
    });
    await screen.getByRole("button", { name: "Try the sample plate" }).click();
    const draft = screen.getByRole("form", { name: "Draft meal" });
    await draft.waitFor();
    await draft.getByLabel("Grams of White rice").fill("200");
    await draft.getByRole("button", { name: "Log this meal" }).click();
    // 150 g of chicken breast (247.5 kcal) and 200 g of white rice (260 kcal).
    await screen.getByText("507.5 kcal logged from the photo.").waitFor();
    await expect.poll(() => totals.textContent()).toContain("2 meals logged");
    const image = anthropic.requests.at(-1)?.body.messages[0].content[0];
    expect(image.source.media_type).toBe("image/jpeg");

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
