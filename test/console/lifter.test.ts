import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsoleApp } from "../support/console-app";
import { type OpenConsole, openConsole } from "./open-console";

// The lifter's loop on the Today screen: each planned exercise shows last time and today's
// target (with the warm-up before the first main lift), and Swap replaces one for today.

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

/** An earlier session with one set, logged through the API as the signed-in user. */
async function logEarlierSet(exerciseId: string, weightKg: number, reps: number) {
  await page.evaluate(
    async ({ exerciseId, weightKg, reps }) => {
      const { accessToken } = JSON.parse(
        sessionStorage.getItem("fitness-coach-console.session") ?? "{}",
      );
      const headers = {
        authorization: `Bearer ${accessToken}`,
        "content-type": "application/json",
      };
      const startedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
      const session = (await (
        await fetch("/v1/workouts/sessions", {
          method: "POST",
          headers,
          body: JSON.stringify({ started_at: startedAt }),
        })
      ).json()) as { id: string };
      const set = await fetch(`/v1/workouts/sessions/${session.id}/sets`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          client_id: "earlier-set",
          exercise_id: exerciseId,
          reps,
          weight_kg: weightKg,
          rir: 2,
        }),
      });
      if (set.status !== 201) throw new Error(`set: ${set.status}`);
    },
    { exerciseId, weightKg, reps },
  );
}

describe("Today: last time, the target and swaps", () => {
  it("shows last time and today's target, and swaps an exercise for today", async () => {
    await app.open("/");
    await app.signUp(`lifter-${Date.now()}@example.com`);
    await app.onboardWithSampleProfile();
    await app.generateProgram();

    let today = await app.goTo("Today");
    const planned = today.getByRole("table", { name: "Planned exercises" });
    const firstRow = planned.getByRole("row").nth(1);
    expect(await firstRow.getByRole("cell").nth(2).textContent()).toBe("—");

    // With a session logged three days ago, its sets and the target built on them show.
    const exerciseId = await page.evaluate(async () => {
      const { accessToken } = JSON.parse(
        sessionStorage.getItem("fitness-coach-console.session") ?? "{}",
      );
      const plan = (await (
        await fetch("/v1/workouts/today", { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as { session: { exercises: { exercise_id: string }[] } };
      return plan.session.exercises[0]?.exercise_id ?? "";
    });
    await logEarlierSet(exerciseId, 60, 8);
    await page.reload();
    today = app.screen("Today");
    await today.waitFor();
    const row = today.getByRole("table", { name: "Planned exercises" }).getByRole("row").nth(1);
    await expect
      .poll(async () => row.getByRole("cell").nth(2).textContent())
      .toMatch(/^60 kg × 8 \(\d{4}-\d{2}-\d{2}\)$/);
    expect(await row.getByRole("cell").nth(3).textContent()).toMatch(/kg · \d+ × \d+ @ RIR \d/);

    // The rack is taken: swap the first exercise that has a replacement, for today.
    const rows = today.getByRole("table", { name: "Planned exercises" }).getByRole("row");
    for (let index = 1; index < (await rows.count()); index++) {
      const slot = rows.nth(index);
      const name = (await slot.getByRole("cell").first().textContent()) ?? "";
      await slot.getByRole("button", { name: `Swap ${name}` }).click();
      const picker = today.getByRole("region", { name: `Replacements for ${name}` });
      const choices = picker.getByRole("listitem");
      const none = picker.getByText("Nothing else fills this slot");
      await choices.first().or(none).waitFor();
      if (await none.isVisible()) {
        await picker.getByRole("button", { name: `Keep ${name}` }).click();
        continue;
      }
      const choice = choices.first().getByRole("button");
      const replacement = (await choice.textContent()) ?? "";
      await choice.click();
      await picker.waitFor({ state: "detached" });
      await expect.poll(async () => slot.getByRole("cell").first().textContent()).toBe(replacement);
      expect(replacement).not.toBe(name);
      return;
    }
    throw new Error("no exercise of today has a replacement");
  });
});
