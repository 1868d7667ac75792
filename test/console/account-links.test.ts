import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../support/axe";
import { type ConsoleApp, PASSWORD } from "../support/console-app";
import { emailedLink, startEmailStub } from "../support/email-stub";
import { type OpenConsole, openConsole } from "./open-console";

// The emailed links, followed as a person would: the Worker sends through the email stub (no
// APP_URL, so each link points at the address the console was reached at, here Miniflare's
// ephemeral port), and each link opens its console screen.

const EMAIL_KEY = "console-email-key";
const NEW_PASSWORD = "battery-staple-77";

let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;
let emailStub: Awaited<ReturnType<typeof startEmailStub>>;
const pageErrors: string[] = [];

beforeAll(async () => {
  emailStub = await startEmailStub({ apiKey: EMAIL_KEY });
  opened = await openConsole({
    vars: { EMAIL_API_URL: `${emailStub.url}/emails`, EMAIL_API_KEY: EMAIL_KEY },
  });
  ({ page, app } = opened);
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await opened?.close();
  await emailStub?.close();
});

const linkIn = (to: string, subject: RegExp) => emailedLink(emailStub.url, to, subject);

async function expectAccessible(screen: string) {
  expect(await seriousAccessibilityViolations(page), screen).toEqual([]);
}

describe("the console's emailed links", () => {
  it("verifies the address from the signup email's link, on the console's own origin", async () => {
    const email = `verify-${Date.now()}@example.com`;
    await app.open("/");
    await app.signUp(email);

    const link = await linkIn(email, /Confirm your email/);
    expect(link.origin).toBe(opened.worker.url);
    expect(link.pathname).toBe("/verify-email");
    // Opened in the same tab: the console shows the address verified and the session knows.
    await page.goto(link.toString());
    const screen = app.screen("Verify email");
    await screen.getByText(`Your email address ${email} is verified.`).waitFor();
    await expectAccessible("verify email");
    const stored = await page.evaluate(() =>
      JSON.parse(sessionStorage.getItem("fitness-coach-console.session") ?? "null"),
    );
    expect(stored.user.email_verified).toBe(true);

    // A link works once: opened again, it says so.
    await page.reload();
    await expect(screen.getByRole("alert").textContent()).resolves.toMatch(
      /400 invalid_verification_token/,
    );
    await screen.getByRole("link", { name: "Continue to the console" }).click();
    await page.getByRole("navigation", { name: "Screens" }).waitFor();
  });

  it("resets a forgotten password: forgot, the emailed link, a new password, sign in", async () => {
    const email = `forgot-${Date.now()}@example.com`;
    const signup = await fetch(`${opened.worker.url}/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(signup.status).toBe(201);
    await page.evaluate(() => sessionStorage.clear());

    await app.open("/");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    const forgot = app.screen("Forgot password");
    await forgot.waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await forgot.getByText(`If an account uses ${email}`).waitFor();
    await expectAccessible("forgot password");

    const link = await linkIn(email, /Reset your/);
    expect(link.origin).toBe(opened.worker.url);
    expect(link.pathname).toBe("/reset-password");
    await page.goto(link.toString());
    const reset = app.screen("Reset password");
    // A password the API refuses: its message, in the form's words, beside the field.
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect
      .poll(() => app.fieldMessage("New password"))
      .toBe("New password must be at least 10 characters and must contain a digit");
    await expectAccessible("reset password");
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set new password" }).click();
    await reset.getByText("Your password is changed").waitFor();

    await reset.getByRole("link", { name: "Sign in" }).click();
    await app.signIn(email, NEW_PASSWORD);
    const old = await fetch(`${opened.worker.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(old.status).toBe(401);

    // The same link again: used up, and the screen offers a new one.
    await page.goto(link.toString());
    await page.getByLabel("New password").fill("another-pass-99");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(reset.getByRole("alert").textContent()).resolves.toMatch(/invalid_reset_token/);
    await reset.getByRole("link", { name: "Ask for a new link" }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
