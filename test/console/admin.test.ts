import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../support/axe";
import { type ConsoleApp, PASSWORD } from "../support/console-app";
import { type OpenConsole, openConsole } from "./open-console";

// The operators' screen: an admin (made one in D1, as `npm run admin:grant` does) finds a
// user, suspends them with a reason (their token is refused at once) and reinstates them;
// a user without the role never sees the screen's link.

let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;
const stamp = Date.now();
const adminEmail = `operator-${stamp}@example.com`;
const userEmail = `member-${stamp}@example.com`;
let userToken: string;
let userId: string;

async function signUp(email: string): Promise<{ access_token: string; user: { id: string } }> {
  const response = await fetch(`${opened.worker.url}/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { access_token: string; user: { id: string } };
}

async function me(token: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${opened.worker.url}/v1/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, ...(body.error && { code: body.error.code }) };
}

beforeAll(async () => {
  opened = await openConsole();
  ({ page, app } = opened);
  await signUp(adminEmail);
  const member = await signUp(userEmail);
  userToken = member.access_token;
  userId = member.user.id;
  const sql = opened.worker.sql;
  if (!sql) throw new Error("this LocalWorker has no D1 access");
  const granted = await sql(
    "UPDATE users SET role = 'admin' WHERE email = ? RETURNING id",
    adminEmail,
  );
  expect(granted).toHaveLength(1);
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

describe("the Admin screen", () => {
  it("lets an admin suspend a user with a reason and reinstate them", async () => {
    await app.open("/");
    await app.signIn(adminEmail);
    const screen = await app.goTo("Admin");
    await screen.getByRole("region", { name: "Failed jobs" }).getByText("No failed").waitFor();
    await screen.getByRole("region", { name: "Parked pushes" }).getByText("No parked").waitFor();

    await screen.getByLabel("Search users").fill(userEmail);
    await screen.getByRole("button", { name: "Search" }).click();
    const row = screen.getByRole("row").filter({ hasText: userEmail });
    await row.getByRole("cell", { name: "active", exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole("button", { name: "Suspend" }).click();
    await screen.getByLabel("Reason").fill("Ticket 4411: abusive chat messages");
    await screen.getByRole("button", { name: "Confirm" }).click();
    await row.getByRole("cell", { name: "suspended", exact: true }).waitFor();
    await expect(me(userToken)).resolves.toEqual({ status: 403, code: "account_suspended" });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole("button", { name: "Unsuspend" }).click();
    await screen.getByLabel("Reason").fill("Ticket 4411 closed");
    await screen.getByRole("button", { name: "Confirm" }).click();
    await row.getByRole("cell", { name: "active", exact: true }).waitFor();
    // The suspension ended the user's sessions: reinstated, they sign in again (next test).
    await expect(me(userToken)).resolves.toEqual({ status: 401, code: "session_revoked" });
  });

  it("lists a user's snapshots, takes one and restores it with a reason, naming the undo", async () => {
    const screen = app.screen("Admin");
    const backups = screen.getByRole("region", { name: "Backups" });
    await backups.getByLabel("User id for backups").fill(userId);
    await backups.getByRole("button", { name: "List snapshots" }).click();
    await backups.getByText("No snapshots yet.").waitFor();
    await backups.getByRole("button", { name: "Take a snapshot now" }).click();
    const row = backups.getByRole("row").filter({ hasText: "manual" });
    await row.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole("button", { name: "Restore" }).click();
    const confirm = backups.getByRole("form", { name: "Restore snapshot" });
    await confirm.getByLabel("Reason").fill("Drill: quarterly restore");
    await confirm.getByRole("button", { name: "Restore" }).click();
    await backups.getByText(/To undo, restore \d{8}T\d{9}Z-pre_restore/).waitFor();
    await backups.getByRole("row").filter({ hasText: "pre_restore" }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("shows a user without the admin role no Admin link", async () => {
    await app.signOut();
    await app.signIn(userEmail);
    const nav = page.getByRole("navigation", { name: "Screens" });
    await nav.getByRole("link", { name: "Onboarding", exact: true }).waitFor();
    await expect(nav.getByRole("link", { name: "Admin", exact: true }).count()).resolves.toBe(0);
    // A deep link to the Admin screen (/operators: /admin is the admin API's) goes to the user's first screen instead.
    await app.open("/operators");
    await app.screen("Onboarding").waitFor();
    await expect(app.screen("Admin").count()).resolves.toBe(0);
  });
});
