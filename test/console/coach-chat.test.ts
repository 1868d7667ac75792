import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnthropicStub, startAnthropicStub } from "../support/anthropic-stub";
import { seriousAccessibilityViolations } from "../support/axe";
import type { ConsoleApp } from "../support/console-app";
import { type OpenConsole, openConsole } from "./open-console";

// Coach chat in the browser with an LLM key, Claude being the local Anthropic stub (real
// SDK, real streaming): the answer appears word by word, the tool call as it happens.

const ANSWER =
  "You train four days a week in the evening, so let us add weight to your main lifts each week.";

let stub: AnthropicStub;
let opened: OpenConsole;
let page: Page;
let app: ConsoleApp;

beforeAll(async () => {
  stub = await startAnthropicStub();
  opened = await openConsole({
    vars: { ANTHROPIC_API_KEY: stub.apiKey, ANTHROPIC_BASE_URL: stub.url },
  });
  ({ page, app } = opened);
}, 120_000);

afterAll(async () => {
  await opened?.close();
  await stub?.close();
});

describe("coach chat in the browser", () => {
  it("streams the chosen coach's answer word by word and shows its tool call", async () => {
    await app.open("/");
    const email = `chat-${Date.now()}@example.com`;
    await app.signUp(email);
    await app.onboardWithSampleProfile();
    let coach = await app.goTo("Coach");

    // Until the address is verified, chat is refused and the screen says how to verify.
    await coach.getByRole("complementary", { name: "Email not verified" }).waitFor();
    await app.sendChat("Hello?", "workout coach");
    await expect(coach.getByRole("alert").textContent()).resolves.toContain(
      "403 email_not_verified",
    );
    expect(stub.requests).toEqual([]);
    await opened.verifyEmail(email);
    await app.goTo("Program");
    coach = await app.goTo("Coach");
    // Shown from the session's copy of the account until the screen has read it again.
    await coach
      .getByRole("complementary", { name: "Email not verified" })
      .waitFor({ state: "detached" });

    stub.enqueue(
      { toolUse: { name: "get_profile_summary", input: {} } },
      // A pause between streamed pieces, so the half-written answer is there to see.
      { text: ANSWER, chunkDelayMs: 150 },
    );
    await app.sendChat("What should I focus on?", "workout coach");

    const tools = coach.getByRole("list", { name: "Tool calls" });
    await tools.getByText("get_profile_summary").waitFor();
    // The answer's first words are on screen before the rest has arrived.
    const turn = coach.getByRole("article");
    const answer = turn.locator(".answer");
    let firstSeen = "";
    for (const deadline = Date.now() + 30_000; !firstSeen && Date.now() < deadline; )
      firstSeen = (await answer.textContent()) ?? "";
    expect(ANSWER.startsWith(firstSeen)).toBe(true);
    expect(firstSeen.length).toBeGreaterThan(0);
    expect(firstSeen.length).toBeLessThan(ANSWER.length);
    await coach.getByText(ANSWER).waitFor();
    expect(await tools.getByRole("listitem").allTextContents()).toEqual([
      "get_profile_summary {} done",
    ]);
    expect(await turn.getByText("workout coach", { exact: true }).count()).toBe(1);
    // The coach got the tool's result back before it answered.
    expect(stub.requests.at(-1)?.body.messages.at(-1).content[0]).toMatchObject({
      type: "tool_result",
    });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
