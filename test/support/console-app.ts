// The developer console as a user drives it, by the accessible names it keeps stable (labels,
// button names, landmarks and headings): shared by the browser tests and the screenshot
// script (`npm run console:screenshots`), so both walk the same journey.
import type { Locator, Page } from "playwright-core";
import { spreadOffsetSeconds } from "../../engine/reminders/spread";

export const PASSWORD = "correct-horse-42";

export class ConsoleApp {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** A screen: the region landmark named by its heading. */
  screen(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** The message shown beside a form control (its accessible description), or "". */
  async fieldMessage(label: string): Promise<string> {
    const control = this.page.getByLabel(label, { exact: true });
    const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(" ");
    const error = ids.find((id) => id.endsWith("-error"));
    if (!error) return "";
    return (await this.page.locator(`[id="${error}"]`).textContent()) ?? "";
  }

  async open(path = "/"): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  async signUp(email: string, password = PASSWORD): Promise<void> {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign up" }).click();
    await this.screen("Onboarding").waitFor();
  }

  /** Signs in to an existing account and waits for the screens' navigation. */
  async signIn(email: string, password = PASSWORD): Promise<void> {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.page.getByRole("navigation", { name: "Screens" }).waitFor();
  }

  /** Follows the link of a screen in the navigation and waits for its heading. */
  async goTo(name: string): Promise<Locator> {
    await this.page
      .getByRole("navigation", { name: "Screens" })
      .getByRole("link", { name, exact: true })
      .click();
    const screen = this.screen(name);
    await screen.waitFor();
    return screen;
  }

  async onboardWithSampleProfile(): Promise<void> {
    await this.page.getByRole("button", { name: "Use sample profile" }).click();
    await this.page.getByRole("button", { name: "Complete onboarding" }).click();
    await this.waitForProgramScreen();
  }

  /** After "Complete onboarding": eight step saves and the completion, slow on a busy machine. */
  async waitForProgramScreen(): Promise<void> {
    await this.screen("Program").waitFor({ timeout: 60_000 });
  }

  /**
   * Generates a program and follows the build's progress bar to 100, then waits for the
   * program. Returns the values the bar showed, in order.
   */
  async generateProgram(): Promise<number[]> {
    await this.page.getByRole("button", { name: "Generate program" }).click();
    const bar = this.page.getByRole("progressbar", { name: "Program build" });
    await bar.waitFor();
    const seen: number[] = [];
    const deadline = Date.now() + 60_000;
    while (seen.at(-1) !== 100) {
      if (Date.now() > deadline) throw new Error(`the build stalled at ${seen.at(-1)}%`);
      const value = Number(await bar.getAttribute("aria-valuenow"));
      if (value !== seen.at(-1)) seen.push(value);
    }
    await this.page.getByText("Week 1", { exact: true }).waitFor();
    return seen;
  }

  async startWorkout(): Promise<void> {
    await this.page.getByRole("button", { name: "Start workout" }).click();
    await this.page.getByRole("button", { name: "Log set" }).waitFor();
  }

  /** Logs one set of the selected exercise; weight in the user's units (the label says which). */
  async logSet(set: { reps: number; weight: number; rir: number }): Promise<void> {
    const logged = this.page.getByRole("list", { name: "Logged sets" }).getByRole("listitem");
    const before = await logged.count();
    await this.page.getByLabel("Reps").fill(String(set.reps));
    await this.page.getByLabel(/^Weight \((kg|lb)\)$/).fill(String(set.weight));
    await this.page.getByLabel("RIR").fill(String(set.rir));
    await this.page.getByRole("button", { name: "Log set" }).click();
    await logged.nth(before).waitFor();
  }

  async finishWorkout(): Promise<void> {
    await this.page.getByRole("button", { name: "Finish workout" }).click();
    await this.page.getByText("Workout finished.").waitFor();
  }

  async sendChat(message: string, coach?: string): Promise<void> {
    if (coach)
      await this.page.getByRole("combobox", { name: "Coach" }).selectOption({ label: coach });
    await this.page.getByLabel("Message").fill(message);
    await this.page.getByRole("button", { name: "Send" }).click();
  }

  /**
   * Sets the weekly check-in to the next whole minute (at least 20 s away) in the user's
   * timezone, with no quiet hours, so a real reminder is due within about a minute.
   */
  async scheduleCheckInSoon(timezone: string): Promise<Date> {
    // A reminder fires at its minute plus the user's own spread offset (0-10 minutes, from
    // the user id: the access token's subject): set the minute that lands it 20-80 s from now.
    const token = await this.page.evaluate(
      () =>
        JSON.parse(sessionStorage.getItem("fitness-coach-console.session") ?? "{}")
          .accessToken as string,
    );
    const userId = JSON.parse(
      Buffer.from(String(token.split(".")[1]), "base64url").toString("utf8"),
    ).sub as string;
    const offsetMs = spreadOffsetSeconds(userId) * 1000;
    const set = new Date(Math.ceil((Date.now() + 20_000 - offsetMs) / 60_000) * 60_000);
    const due = new Date(set.getTime() + offsetMs);
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", {
        timeZone: timezone,
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      })
        .formatToParts(set)
        .map((part) => [part.type, part.value]),
    );
    await this.page.getByLabel("Quiet hours start").fill("");
    await this.page.getByLabel("Quiet hours end").fill("");
    await this.page.getByLabel("Check-in day").selectOption(String(parts.weekday).toLowerCase());
    await this.page.getByLabel("Check-in time").fill(`${parts.hour}:${parts.minute}`);
    await this.page.getByRole("button", { name: "Save reminders" }).click();
    await this.page.getByText("Saved.").waitFor();
    return due;
  }

  async signOut(): Promise<void> {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await this.page.getByRole("button", { name: "Sign in" }).waitFor();
  }
}
