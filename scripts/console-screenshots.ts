// Screenshots of every console screen for the docs (docs/console/*.png), taken in Debian's
// Chromium on the production bundle in Miniflare, as the browser tests run it. The coach is
// the local Anthropic stub (so the Coach screen shows a streamed answer with a tool call);
// LiveKit's API is the local stand-in without a media server (the Voice screen shows what to run). A few weeks of body weight and two
// earlier workouts are logged through the API first, so the Progress charts have a history.
// Account email goes to the local email stub, whose links open the console's link screens.
//   npm run console:screenshots   (builds the assets first)
import { mkdirSync } from "node:fs";
import { createCoachClient } from "@fitness-coach/client";
import { startAnthropicStub } from "../test/support/anthropic-stub";
import { verifyEmail } from "../test/support/api-client";
import { launchBrowser } from "../test/support/browser";
import { ConsoleApp } from "../test/support/console-app";
import { emailedLink, startEmailStub } from "../test/support/email-stub";
import { startLiveKitStub } from "../test/support/livekit-stub";
import { buildBundle, startMiniflare } from "../test/support/local-worker";

const OUT = "docs/console";
const TIMEZONE = "Europe/Berlin";
const DAY_MS = 86_400_000;

mkdirSync(OUT, { recursive: true });
const stub = await startAnthropicStub();
const livekit = await startLiveKitStub({ apiKey: "devkey", apiSecret: "secret" });
// Sam confirms the address from the signup's mail (coach chat and voice need it).
const email = await startEmailStub({ apiKey: "screenshots-email-key" });
const bundle = buildBundle();
const worker = await startMiniflare(bundle.scriptPath, 0, {
  vars: {
    ...email.vars,
    ANTHROPIC_API_KEY: stub.apiKey,
    ANTHROPIC_BASE_URL: stub.url,
    LIVEKIT_URL: livekit.url,
  },
});
const browser = await launchBrowser({
  timezoneId: TIMEZONE,
  viewport: { width: 1280, height: 800 },
});
try {
  const page = await browser.context.newPage();
  const app = new ConsoleApp(page, worker.url);
  const shoot = async (name: string) => {
    await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
    console.log(`console-screenshots: ${OUT}/${name}.png`);
  };

  await app.open("/");
  await page.getByLabel("Email").fill("sam@example.com");
  await shoot("1-sign-in");
  await app.signUp("sam@example.com");
  await verifyEmail(worker.url, email.url, "sam@example.com");
  await page.getByRole("button", { name: "Use sample profile" }).click();
  await shoot("2-onboarding");
  await page.getByRole("button", { name: "Complete onboarding" }).click();
  await app.waitForProgramScreen();
  await page.getByText("Live", { exact: true }).waitFor();
  await app.generateProgram();
  await shoot("3-program");

  // History for the charts, through the same API the console calls.
  const { accessToken } = await page.evaluate(() =>
    JSON.parse(sessionStorage.getItem("fitness-coach-console.session") ?? "{}"),
  );
  const api = createCoachClient({ baseUrl: worker.url, accessToken });
  const today = (await api.GET("/v1/workouts/today")).data;
  const lift = today?.session?.exercises[0];
  if (!lift) throw new Error("the sample profile should train today");
  for (let day = 21; day >= 1; day--) {
    await api.POST("/v1/body/weight", {
      body: {
        weight_kg: Math.round((64.8 - day * 0.03 + Math.sin(day) * 0.4) * 10) / 10,
        measured_at: new Date(Date.now() - day * DAY_MS).toISOString(),
      },
    });
  }
  for (const [daysAgo, weight] of [
    [14, 52.5],
    [7, 55],
  ] as const) {
    const session = await api.POST("/v1/workouts/sessions", {
      body: { started_at: new Date(Date.now() - daysAgo * DAY_MS).toISOString() },
    });
    const id = session.data?.id ?? "";
    for (const reps of [8, 8, 7])
      await api.POST("/v1/workouts/sessions/{id}/sets", {
        params: { path: { id } },
        body: {
          client_id: `${id}-${reps}`,
          exercise_id: lift.exercise_id,
          reps,
          weight_kg: weight,
          rir: 2,
        },
      });
    await api.PATCH("/v1/workouts/sessions/{id}", {
      params: { path: { id } },
      body: { status: "completed" },
    });
  }

  await app.goTo("Today");
  await app.startWorkout();
  await app.logSet({ reps: 8, weight: 57.5, rir: 2 });
  await app.logSet({ reps: 7, weight: 60, rir: 1 });
  await shoot("4-today");
  await app.finishWorkout();

  const progress = await app.goTo("Progress");
  await page.getByLabel("Body weight (kg)").fill("64.1");
  await page.getByRole("button", { name: "Log weight" }).click();
  await progress.getByRole("img").first().waitFor();
  await shoot("5-progress");

  const coach = await app.goTo("Coach");
  stub.enqueue(
    { toolUse: { name: "get_today_workout", input: {} } },
    {
      text:
        "Good session: two sets of your first lift are in, and your estimated 1RM is up again. " +
        "Next week, add 2.5 kg if the last set still felt like two reps in reserve.",
    },
  );
  await app.sendChat("How is my training going?", "workout coach");
  await coach.getByText("Next week").waitFor();
  await shoot("6-coach");

  const notifications = await app.goTo("Notifications");
  await app.scheduleCheckInSoon(TIMEZONE);
  await notifications
    .getByRole("list", { name: "Inbox" })
    .getByText("Weekly check-in")
    .waitFor({ timeout: 150_000 });
  await shoot("7-notifications");

  await app.goTo("Voice");
  await page.getByRole("button", { name: "Start voice session" }).click();
  await page.getByRole("alert").waitFor();
  await shoot("8-voice");

  // The operators' screen: Sam becomes an admin (as `npm run admin:grant` would) and signs in
  // again, so the access token carries the role.
  await worker.sql?.("UPDATE users SET role = 'admin' WHERE email = ?", "sam@example.com");
  await app.signOut();
  await app.signIn("sam@example.com");
  const admin = await app.goTo("Admin");
  await page.getByLabel("Search users").fill("sam@");
  await page.getByLabel("Search users").press("Enter");
  await admin.getByRole("cell", { name: "sam@example.com" }).waitFor();
  await shoot("9-admin");

  // The screens the emailed links open.
  await app.signOut();
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.getByLabel("Email").fill("sam@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByText("If an account uses").waitFor();
  await shoot("10-forgot-password");
  await page.goto(String(await emailedLink(email.url, "sam@example.com", /Reset/)));
  await page.getByLabel("New password").fill("passwordpass");
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByText("New password must contain a digit").waitFor();
  await shoot("11-reset-password");
  // A new signup's link: Sam's was spent at the start, and a link verifies once.
  await app.open("/");
  await app.signUp("kim@example.com");
  await app.signOut();
  await page.goto(String(await emailedLink(email.url, "kim@example.com", /Confirm/)));
  await page.getByText("is verified").waitFor();
  await shoot("12-verify-email");
  await app.open("/");

  // A phone (390x844): the compact header, and onboarding's messages in the form's words.
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open("/");
  await app.signUp("alex@example.com");
  await page.getByLabel("Weight (kg)", { exact: true }).fill("abc");
  await page.getByRole("button", { name: "Save basics" }).click();
  await page.getByText("Choose your sex").waitFor();
  // The header and the first step; the full page is eight steps long.
  await page.screenshot({
    path: `${OUT}/13-phone-onboarding.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width: 390, height: 1000 },
  });
  console.log(`console-screenshots: ${OUT}/13-phone-onboarding.png`);
} finally {
  await browser.close();
  await worker.stop();
  bundle.cleanup();
  await stub.close();
  await livekit.close();
  await email.close();
}
