import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../support/axe";
import { type ConsoleApp, PASSWORD } from "../support/console-app";
import { type OpenConsole, openConsole } from "./open-console";

// The console's layout as a person sees it: on a 1280 px desktop the header is one row with
// every screen (Admin too); on a 390x844 phone it is compact, and no screen, signed in or
// out, is wider than the phone (messages wrap inside their cards). The API's validation
// messages read in the form's words, the progress chart draws every muscle's label, and the
// Coach, Voice and Forgot password screens say what this server lacks before anyone tries.

const PHONE = { width: 390, height: 844 };
const SCREENS = [
  "Onboarding",
  "Program",
  "Today",
  "Progress",
  "Nutrition",
  "Health",
  "Coach",
  "Notifications",
  "Voice",
  "Account",
  "Admin",
];

let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;
// Long enough to test the header's room for it.
const email = `operator-with-a-long-address-${Date.now()}@example.com`;
const pageErrors: string[] = [];

// Records the text each canvas draws (a chart's labels), before the console's code runs.
const RECORD_CANVAS_TEXT = `
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    (this.canvas.drawnText ??= new Set()).add(String(text));
    return fillText.call(this, text, ...rest);
  };
`;

beforeAll(async () => {
  // No email API on this server (blank is unset): the Forgot password screen says so.
  opened = await openConsole({
    vars: { EMAIL_API_URL: "", EMAIL_API_KEY: "" },
    browser: { timezoneId: "Europe/Berlin" },
  });
  ({ page, app } = opened);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.addInitScript({ content: RECORD_CANVAS_TEXT });
  const signup = await fetch(`${opened.worker.url}/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(signup.status).toBe(201);
  await opened.worker.sql?.("UPDATE users SET role = 'admin' WHERE email = ?", email);
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

/** How far the page is wider than the window (0 when nothing overflows sideways). */
const overflow = () =>
  page.evaluate<number>(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  );

const headerHeight = async () => (await page.locator("header").boundingBox())?.height ?? 0;

async function expectFitsThePhone(screen: string) {
  expect(await overflow(), `${screen} overflows sideways`).toBe(0);
  expect(await seriousAccessibilityViolations(page), screen).toEqual([]);
}

describe("the console's layout", () => {
  it("keeps the desktop header to one row and every phone screen within the phone", async () => {
    await app.open("/");
    await app.signIn(email);

    // Desktop: brand, every screen and the account on one row.
    const nav = page.getByRole("navigation", { name: "Screens" });
    const tops = await nav
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => link.getBoundingClientRect().top));
    expect(tops).toHaveLength(SCREENS.length);
    expect(new Set(tops).size).toBe(1);
    const signOut = await page.getByRole("button", { name: "Sign out" }).boundingBox();
    expect((signOut?.x ?? 0) + (signOut?.width ?? 0)).toBeLessThanOrEqual(1280);
    expect(await headerHeight()).toBeLessThan(60);

    // Onboarding's messages, in the form's words, on the phone (where they must wrap).
    await page.setViewportSize(PHONE);
    await page.getByLabel("Weight (kg)", { exact: true }).fill("abc");
    await page.getByLabel("Timezone").fill("Somewhere/Over-the-rainbow-far-far-away");
    await page.getByRole("button", { name: "Save basics" }).click();
    await expect.poll(() => app.fieldMessage("Sex")).toBe("Choose your sex");
    expect(await app.fieldMessage("Weight (kg)")).toBe("Weight must be a number");
    expect(await app.fieldMessage("Timezone")).toBe(
      "Timezone must be an IANA timezone name such as Europe/Berlin",
    );
    await expectFitsThePhone("onboarding with messages");

    await app.onboardWithSampleProfile();
    // Onboarding is done: the Program screen says what to do now, not to finish onboarding.
    const program = app.screen("Program");
    await program.getByText("No program yet: choose how many weeks").waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    await app.generateProgram();
    await program.getByText(/^An 8-week /).waitFor();
    expect(await headerHeight()).toBeLessThan(100);

    for (const name of SCREENS) {
      const screen = await app.goTo(name);
      if (name === "Progress") {
        const table = screen.getByRole("table", { name: "Hard sets per muscle, last 7 days" });
        await table.waitFor();
        const muscles = await table.locator("tbody th").allTextContents();
        expect(muscles.length).toBeGreaterThan(8);
        // Whole sets as targets, and a label drawn on the chart for every muscle.
        const targets = await table.locator("tbody td:nth-child(3)").allTextContents();
        expect(targets.every((target) => Number.isInteger(Number(target)))).toBe(true);
        const canvas = screen.getByRole("img", { name: /hard sets per muscle/ });
        await expect
          .poll(() =>
            canvas.evaluate((element) => [
              ...((element as unknown as { drawnText?: Set<string> }).drawnText ?? []),
            ]),
          )
          .toEqual(expect.arrayContaining(muscles));
        // The body-weight field and its button sit on one line, with a message below too.
        await page.getByLabel("Body weight (kg)").fill("abc");
        await page.getByRole("button", { name: "Log weight" }).click();
        await expect
          .poll(() => app.fieldMessage("Body weight (kg)"))
          .toBe("Body weight must be a number");
        const input = await page.getByLabel("Body weight (kg)").boundingBox();
        const button = await page.getByRole("button", { name: "Log weight" }).boundingBox();
        const middle = (box: typeof input) => (box?.y ?? 0) + (box?.height ?? 0) / 2;
        expect(Math.abs(middle(input) - middle(button))).toBeLessThan(2);
      }
      // Before anyone tries: what chat and voice need on this server (no LLM key here).
      if (name === "Coach")
        await expect(
          screen
            .getByRole("complementary", { name: "Chat is not set up on this server" })
            .textContent(),
        ).resolves.toContain("ANTHROPIC_API_KEY");
      if (name === "Voice")
        await expect(
          screen.getByRole("complementary", { name: "What a voice call needs" }).textContent(),
        ).resolves.toMatch(/livekit-server --dev.*DEEPGRAM_API_KEY/);
      if (name === "Notifications")
        await screen.getByRole("table", { name: "Upcoming reminders" }).waitFor();
      if (name === "Admin") {
        await page.getByLabel("Search users").fill(email.slice(0, 12));
        await page.getByLabel("Search users").press("Enter");
        await screen.getByRole("cell", { name: email }).waitFor();
      }
      await expectFitsThePhone(name);
    }

    // Signed out: sign-in and the screens an emailed link opens.
    await app.signOut();
    await expectFitsThePhone("sign in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await app.screen("Forgot password").waitFor();
    // No email API on this server: the screen says where the message goes instead.
    await expect(
      page.getByRole("complementary", { name: "This server sends no email" }).textContent(),
    ).resolves.toMatch(/email_not_sent_logged.*EMAIL_API_URL/);
    await expectFitsThePhone("forgot password");
    const token = "a-made-up-token-of-the-right-length-0123456789";
    await app.open(`/reset-password?token=${token}`);
    await page.getByLabel("New password").fill("battery-staple-77");
    await page.getByRole("button", { name: "Set new password" }).click();
    await app.screen("Reset password").getByRole("alert").waitFor();
    await expectFitsThePhone("reset password, link used up");
    await app.open(`/verify-email?token=${token}`);
    await app.screen("Verify email").getByRole("alert").waitFor();
    await expectFitsThePhone("verify email, link used up");
    expect(pageErrors).toEqual([]);
  });
});
