import { beforeEach, inject } from "vitest";

// Scripts the local Anthropic stub from inside workerd over its /_stub/* HTTP endpoints (the
// stub runs in Node, started by the global setup). Importing this resets it before each test.

const stub = (path: string, init?: RequestInit) =>
  fetch(`${inject("anthropicUrl")}/_stub/${path}`, init);

/** Replies for the next Messages requests, in order. */
export const enqueue = (...replies: unknown[]) =>
  stub("replies", { method: "POST", body: JSON.stringify(replies) });

/** The Messages requests the stub received since the last reset. */
export const requests = async () =>
  // biome-ignore lint/suspicious/noExplicitAny: the request as the SDK sent it, for assertions
  (await (await stub("requests")).json()) as Array<{ body: any }>;

beforeEach(async () => {
  await stub("reset", { method: "POST" });
});
