import { readFileSync } from "node:fs";
import path from "node:path";
import { verifyThroughMail } from "./mail-links";

// A minimal client of the public API over HTTP, for setting up state in a running Worker
// (benchmarks, the browser tests, and the agent host's test against the built Worker): a new
// account, its address verified, and one that has finished onboarding with the sample profile.

export const SAMPLE_STEPS = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "sample-onboarding.json"), "utf8"),
) as Record<string, unknown>;

export interface ApiUser {
  email: string;
  password: string;
  userId: string;
  token: string;
}

async function send(url: string, token: string, method: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
}

export async function signUp(
  url: string,
  email = `user-${crypto.randomUUID().slice(0, 8)}@example.com`,
): Promise<ApiUser> {
  const password = "local-password-42";
  const response = await fetch(`${url}/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, name: "Robin" }),
  });
  if (response.status !== 201)
    throw new Error(`signup ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string }; access_token: string };
  return { email, password, userId: body.user.id, token: body.access_token };
}

/**
 * Confirms the address as its owner does, with the link the signup mailed to `emailStubUrl`
 * (the email API's stand-in the Worker sends to: test/support/email-stub.ts). Voice and chat
 * need it.
 */
export async function verifyEmail(url: string, emailStubUrl: string, email: string) {
  await verifyThroughMail(emailStubUrl, email, (token) =>
    fetch(`${url}/v1/auth/email/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    }),
  );
}

/**
 * A new user through all eight onboarding steps (test/support/sample-onboarding.json), its
 * address verified through `verifyWith` (an email stub's URL) when given.
 */
export async function onboardedUser(
  url: string,
  options: { verifyWith?: string } = {},
): Promise<ApiUser> {
  const user = await signUp(url);
  if (options.verifyWith) await verifyEmail(url, options.verifyWith, user.email);
  for (const [step, body] of Object.entries(SAMPLE_STEPS))
    await send(`${url}/v1/onboarding/steps/${step}`, user.token, "PUT", body);
  await send(`${url}/v1/onboarding/complete`, user.token, "POST");
  return user;
}
