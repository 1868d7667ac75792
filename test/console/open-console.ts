import type { Page } from "playwright-core";
import { inject } from "vitest";
import { type Browser, type BrowserOptions, launchBrowser } from "../support/browser";
import { ConsoleApp } from "../support/console-app";
import { type LocalWorker, startMiniflare } from "../support/local-worker";

// Every browser test's setup: the built Worker in Miniflare (with the test's variables) and a
// fresh Chromium page on the console it serves.

export interface OpenConsole {
  worker: LocalWorker;
  browser: Browser;
  page: Page;
  app: ConsoleApp;
  close(): Promise<void>;
}

export async function openConsole(
  options: { vars?: Record<string, string>; browser?: BrowserOptions } = {},
): Promise<OpenConsole> {
  const worker = await startMiniflare(inject("workerBundle"), 0, { vars: options.vars ?? {} });
  const browser = await launchBrowser(options.browser);
  const page = await browser.context.newPage();
  return {
    worker,
    browser,
    page,
    app: new ConsoleApp(page, worker.url),
    close: async () => {
      await browser.close();
      await worker.stop();
    },
  };
}
