// Debian's Chromium (/usr/bin/chromium, `apt-get install chromium`; .ci/run installs it)
// driven by playwright-core: no browser download. Every launch gets a fresh profile in a
// temporary directory and the flags a headless CI machine needs (no sandbox as root, no GPU,
// nothing that would call Google: QUIC, background networking, component updates, sync).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

export interface BrowserOptions {
  /** The page's timezone (the console's sample profile uses the browser's). */
  timezoneId?: string;
  viewport?: { width: number; height: number };
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  const profile = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.timezoneId && { timezoneId: options.timezoneId }),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
