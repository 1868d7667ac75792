import { createServer } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../support/axe";
import type { ConsoleApp } from "../support/console-app";
import { type OpenConsole, openConsole } from "./open-console";

// The developer console in Debian's Chromium against the production bundle in Miniflare (real
// actors, D1, alarms and realtime socket; no LLM key; no LiveKit server), walked the way a
// developer shows the system to someone: every screen is also checked with axe-core.

const TIMEZONE = "Europe/Berlin";
const REMINDER_WAIT_MS = 150_000;

let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;
const pageErrors: string[] = [];

/** A loopback port nothing listens on: where this run's LiveKit "is". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  opened = await openConsole({
    vars: { LIVEKIT_URL: `ws://127.0.0.1:${await closedPort()}` },
    browser: { timezoneId: TIMEZONE },
  });
  ({ page, app } = opened);
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

async function expectAccessible(screen: string) {
  expect(await seriousAccessibilityViolations(page), screen).toEqual([]);
}

const session = () =>
  page.evaluate(() =>
    JSON.parse(sessionStorage.getItem("fitness-coach-console.session") ?? "null"),
  );

describe("the developer console in a browser", () => {
  it(
    "signs up, onboards, builds a program live, trains, sees progress, gets a reminder, signs out",
    async () => {
      await app.open("/");
      await expectAccessible("sign in");
      const email = `console-${Date.now()}@example.com`;
      await app.signUp(email);
      // The address confirmed from the signup's mail, as its owner does (voice needs it).
      await opened.verifyEmail(email);

      // The API's validation message shows beside the field it is about.
      await page.getByLabel("Age", { exact: true }).fill("7");
      await page.getByRole("button", { name: "Save basics" }).click();
      await expect.poll(() => app.fieldMessage("Age"), { timeout: 10_000 }).toMatch(/13/);
      expect(await page.getByLabel("Age", { exact: true }).getAttribute("aria-invalid")).toBe(
        "true",
      );
      await expectAccessible("onboarding");
      await app.onboardWithSampleProfile();

      // The build's progress comes over the realtime socket; it only ever moves forward.
      await page.getByText("Live", { exact: true }).waitFor();
      await expectAccessible("program, before a build");
      const seen = await app.generateProgram();
      expect(seen.at(-1)).toBe(100);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      const program = app.screen("Program");
      await program.getByRole("heading", { name: "Today's workout" }).waitFor();
      await expectAccessible("program");

      // Today's workout (the sample profile trains today): two sets, then finish.
      const today = await app.goTo("Today");
      await app.startWorkout();
      const exercise =
        (await page.getByLabel("Exercise").locator("option:checked").textContent()) ?? "";
      expect(exercise).not.toBe("");
      await expect(page.getByLabel("Weight (kg)").count()).resolves.toBe(1);
      await app.logSet({ reps: 8, weight: 60, rir: 2 });
      await app.logSet({ reps: 6, weight: 62.5, rir: 1 });
      const logged = today.getByRole("list", { name: "Logged sets" });
      expect(await logged.getByRole("listitem").allTextContents()).toEqual([
        `${exercise}: 8 reps × 60 kg, RIR 2`,
        `${exercise}: 6 reps × 62.5 kg, RIR 1`,
      ]);
      await expect(today.getByRole("row", { name: exercise }).textContent()).resolves.toContain(
        "2 of",
      );
      await expectAccessible("today");
      await app.finishWorkout();

      // Progress shows the two sets: a personal record, and two hard sets this week.
      const progress = await app.goTo("Progress");
      const record = progress
        .getByRole("table", { name: "Personal records" })
        .getByRole("row", { name: exercise });
      await expect(record.textContent()).resolves.toContain("62.5 kg × 6");
      await page.getByLabel("Body weight (kg)").fill("64.2");
      await page.getByRole("button", { name: "Log weight" }).click();
      await progress.getByRole("table", { name: "Body weight and 7-day average" }).waitFor();
      const hardSets = progress.getByRole("table", { name: "Hard sets per muscle, last 7 days" });
      const done = await hardSets.locator("tbody tr td:nth-child(2)").allTextContents();
      expect(done.map(Number).reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(2);
      await expect(
        progress.getByRole("img", { name: /estimated one-rep max/ }).count(),
      ).resolves.toBe(1);
      await expectAccessible("progress");

      // Chat without an LLM key: the 503 is explained, with what to do about it.
      await app.goTo("Coach");
      await app.sendChat("How was my week?");
      const chatAlert = page.getByRole("alert");
      await expect(chatAlert.textContent()).resolves.toMatch(/503 llm_unavailable/);
      expect(await chatAlert.textContent()).toContain("ANTHROPIC_API_KEY");
      await expectAccessible("coach");

      // Voice without a LiveKit server: the screen says what to run.
      await app.goTo("Voice");
      await page.getByRole("button", { name: "Start voice session" }).click();
      await expect(page.getByRole("alert").textContent()).resolves.toContain(
        "livekit-server --dev",
      );
      await expectAccessible("voice");
      // The Admin screen is for operators only (test/console/admin.test.ts walks it).

      // An expired access token: the console refreshes it and carries on, signed in.
      const before = await session();
      await page.evaluate(() => {
        const key = "fitness-coach-console.session";
        const stored = JSON.parse(sessionStorage.getItem(key) ?? "{}");
        sessionStorage.setItem(key, JSON.stringify({ ...stored, accessToken: "expired" }));
      });
      await app.open("/notifications");
      const notifications = app.screen("Notifications");
      await notifications.getByRole("heading", { name: "Reminder settings" }).waitFor();
      expect((await session()).refreshToken).not.toBe(before.refreshToken);

      // A real reminder, due in about a minute, arrives in the open inbox over the socket.
      await page.getByText("Live", { exact: true }).waitFor();
      await expectAccessible("notifications");
      const due = await app.scheduleCheckInSoon(TIMEZONE);
      const inbox = notifications.getByRole("list", { name: "Inbox" });
      const checkIn = inbox.getByRole("listitem").filter({ hasText: "Weekly check-in" });
      await checkIn.waitFor({ timeout: REMINDER_WAIT_MS });
      // Unread until the user says otherwise.
      await checkIn.getByRole("button", { name: "Mark read" }).click();
      await checkIn.getByRole("button", { name: "Mark read" }).waitFor({ state: "detached" });

      // Sent, the check-in's next time is a week on; reminders are named as their
      // notifications, and times read in the locale's format (minutes, no seconds).
      const upcoming = notifications.getByRole("table", { name: "Upcoming reminders" });
      const nextCheckIn = upcoming.getByRole("row", { name: /Weekly check-in/ }).locator("time");
      await expect
        .poll(async () => Date.parse((await nextCheckIn.getAttribute("datetime")) ?? ""), {
          timeout: 30_000,
        })
        .toBeGreaterThan(due.getTime() + 6 * 86_400_000);
      const names = await upcoming.locator("tbody th").allTextContents();
      expect(names).toEqual(expect.arrayContaining(["Breakfast time", "Weekly check-in"]));
      expect(names.filter((name) => /[:_]/.test(name))).toEqual([]);
      const times = await upcoming.locator("tbody td").allTextContents();
      expect(times.filter((time) => /\d:\d\d:\d\d/.test(time))).toEqual([]);

      // The notification opens the screen the app would: the check-in's is the weight log.
      await checkIn.getByRole("link", { name: "Open" }).click();
      await app.screen("Progress").waitFor();

      // Signing out revokes the login on the server, not only in this tab.
      const { refreshToken } = await session();
      await app.signOut();
      expect(await session()).toBeNull();
      const refresh = await fetch(`${opened.worker.url}/v1/auth/refresh`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ refresh_token: refreshToken }),
      });
      expect(refresh.status).toBe(401);
      expect(pageErrors).toEqual([]);
    },
    REMINDER_WAIT_MS + 120_000,
  );
});
