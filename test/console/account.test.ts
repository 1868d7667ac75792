import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../support/axe";
import type { ConsoleApp } from "../support/console-app";
import { mailTo } from "../support/mail-links";
import { type OpenConsole, openConsole } from "./open-console";

// The Account screen follows the API's rules for what a stolen token must not do alone: the
// password for an email change and for deletion, a pending change that can be cancelled (on
// the screen, and from the link mailed to the old address), and a notice while the address is
// unverified, with a button that mails the link again.

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

/** Leaves the Account screen and comes back: it reads the account again. */
async function reopenAccount() {
  await app.goTo("Voice");
  return app.goTo("Account");
}

describe("the Account screen", () => {
  it("verifies, changes and cancels the email with the password, then deletes with it", async () => {
    const email = `account-${Date.now()}@example.com`;
    await app.open("/");
    await app.signUp(email);
    let account = await app.goTo("Account");

    // Unverified: the notice, and a fresh link on request (the earlier one stops working).
    const notice = account.getByRole("complementary", { name: "Email not verified" });
    await notice.getByText(email).waitFor();
    await notice.getByRole("button", { name: "Mail me a new link" }).click();
    await notice.getByText("Sent: check your inbox").waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await opened.verifyEmail(email);
    account = await reopenAccount();
    await account.getByText("verified", { exact: true }).waitFor();
    expect(await notice.count()).toBe(0);

    // An email change needs the right password; then it is pending, and can be cancelled.
    const change = account.getByRole("form", { name: "Change email" });
    const moved = `moved-${Date.now()}@example.com`;
    await change.getByLabel("New email").fill(moved);
    await change.getByLabel("Current password").fill("not-my-password-1");
    await change.getByRole("button", { name: "Change email" }).click();
    await expect(change.getByRole("alert").textContent()).resolves.toContain("403 wrong_password");
    await change.getByLabel("Current password").fill("correct-horse-42");
    await change.getByRole("button", { name: "Change email" }).click();
    await account.getByText(`Changing to ${moved}`).waitFor();
    await account.getByRole("button", { name: "Cancel the change" }).click();
    await account.getByText(`Changing to ${moved}`).waitFor({ state: "detached" });

    // Asked again, it is cancelled from the link in the notice to the old address, signed in
    // or not, as its reader would.
    const again = `again-${Date.now()}@example.com`;
    await change.getByLabel("New email").fill(again);
    await change.getByLabel("Current password").fill("correct-horse-42");
    await change.getByRole("button", { name: "Change email" }).click();
    await account.getByText(`Changing to ${again}`).waitFor();
    const link = (await mailTo(opened.emailStubUrl, email, /changing/))?.text.match(
      /https?:\/\/\S+cancel-email-change\S+/,
    )?.[0];
    expect(link).toBeDefined();
    const { pathname, search } = new URL(link ?? "");
    await app.open(`${pathname}${search}`);
    const cancel = app.screen("Cancel email change");
    await cancel.getByRole("button", { name: "Cancel the email change" }).click();
    await cancel.getByText("The change is cancelled").waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.open("/account");
    account = app.screen("Account");
    // The session's copy still shows the change until the screen has read the account again.
    await account.getByText(`Changing to ${again}`).waitFor({ state: "detached" });

    // Deleting needs the password too; then the account is gone and its sign-in with it.
    const remove = account.getByRole("form", { name: "Delete the account" });
    await remove.getByRole("button", { name: "Delete my account" }).click();
    await remove.getByText("Current password is required").waitFor();
    await remove.getByLabel("Current password").fill("correct-horse-42");
    await remove.getByRole("button", { name: "Delete my account" }).click();
    await app.screen("Sign in").waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-42");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("invalid_credentials");
  });

  it("signs out every device", async () => {
    const email = `everywhere-${Date.now()}@example.com`;
    await app.open("/");
    await page.evaluate(() => sessionStorage.clear());
    await app.open("/");
    await app.signUp(email);
    const stale = await page.evaluate(() =>
      JSON.parse(sessionStorage.getItem("fitness-coach-console.session") ?? "null"),
    );
    const account = await app.goTo("Account");
    await account.getByRole("button", { name: "Sign out everywhere" }).click();
    await app.screen("Sign in").waitFor();
    const response = await fetch(`${app.baseUrl}/v1/me`, {
      headers: { authorization: `Bearer ${stale.accessToken}` },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "session_revoked",
    );
  });
});
