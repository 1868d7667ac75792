import type { Page } from "playwright-core";
import { inject } from "vitest";
import { verifyEmail } from "../support/api-client";
import { type Browser, type BrowserOptions, launchBrowser } from "../support/browser";
import { ConsoleApp } from "../support/console-app";
import { startEmailStub } from "../support/email-stub";
import { type LocalWorker, startMiniflare } from "../support/local-worker";

// Every browser test's setup: the built Worker in Miniflare (with the test's variables, its
// email sent to the email API's stand-in) and a fresh Chromium page on the console it serves.

export interface OpenConsole {
  worker: LocalWorker;
  browser: Browser;
  page: Page;
  app: ConsoleApp;
  /** Where the Worker's email goes (the email API's stand-in; test/support/mail-links.ts). */
  emailStubUrl: string;
  /** Confirms an address as its owner does: with the link the signup mailed to it. */
  verifyEmail(address: string): Promise<void>;
  close(): Promise<void>;
}

export async function openConsole(
  options: { vars?: Record<string, string>; browser?: BrowserOptions } = {},
): Promise<OpenConsole> {
  const email = await startEmailStub({ apiKey: "console-test-email-key" });
  const worker = await startMiniflare(inject("workerBundle"), 0, {
    vars: { ...email.vars, ...options.vars },
  });
  const browser = await launchBrowser(options.browser);
  const page = await browser.context.newPage();
  return {
    worker,
    browser,
    page,
    app: new ConsoleApp(page, worker.url),
    emailStubUrl: email.url,
    verifyEmail: (address) => verifyEmail(worker.url, email.url, address),
    close: async () => {
      await browser.close();
      await worker.stop();
      await email.close();
    },
  };
}
