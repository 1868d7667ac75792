import { env, SELF } from "cloudflare:test";
import { inject } from "vitest";
import { exerciseInsertSql } from "../../d1/exercises";
import { defineExercise } from "../../engine/coaching/exercise";
import adminDocument from "../../openapi/admin.json";
import appDocument from "../../openapi/app.json";
import internalDocument from "../../openapi/internal.json";
import { Contract } from "../support/contract";
import * as mails from "../support/mail-links";

// Drives the real Worker (same module instance the pool serves) over HTTP-shaped calls.

let counter = 0;
/** A distinct client IP per call site, so the per-IP auth limiter never couples two tests. */
export function freshIp(): string {
  counter += 1;
  const n = Math.floor(Math.random() * 200) + 20;
  return `10.${n}.${(counter >> 8) & 255}.${counter & 255}`;
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 12)}@example.com`;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  ip?: string;
}

export async function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    "cf-connecting-ip": options.ip ?? freshIp(),
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  const method = options.method ?? (body ? "POST" : "GET");
  const url = `https://api.test${path}`;
  const response = await SELF.fetch(url, { method, headers, body });
  await expectContractKept(method, url, response);
  return response;
}

// The committed documents (a test proves they equal what the Worker serves).
const contract = new Contract([appDocument, internalDocument, adminDocument] as never);

/** Fails the test when a response breaks the API contract (status, error code, body shape). */
export async function expectContractKept(method: string, url: string, response: Response) {
  const violations = await contract.violations(method, url, response);
  if (violations.length) throw new Error(`API contract broken:\n${violations.join("\n")}`);
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface SignedUp {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * A new account. `verified`: its address confirmed as its owner would, by the link the signup
 * mailed (voice, chat, more than PROGRAM_JOBS_PER_DAY_UNVERIFIED programs and an email change
 * need it).
 */
export async function signUp(
  overrides: { email?: string; name?: string; verified?: boolean } = {},
): Promise<SignedUp> {
  const email = overrides.email ?? uniqueEmail();
  const password = "correct-horse-42";
  const response = await call("/v1/auth/signup", {
    body: { email, password, name: overrides.name ?? "Test User" },
  });
  if (response.status !== 201)
    throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const body = await json(response);
  const user = {
    userId: body.user.id,
    email,
    password,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
  };
  if (overrides.verified) await verifyEmail(user);
  return user;
}

/** DELETE /v1/me as the account's owner does it: confirmed with the current password. */
export const deleteAccount = (user: SignedUp) =>
  call("/v1/me", {
    method: "DELETE",
    token: user.accessToken,
    body: { current_password: user.password },
  });

/** The email API stand-in's view, for this run's stub (test/support/mail-links.ts). */
export const sentTo = (address: string) => mails.sentTo(inject("emailStubUrl"), address);
export const mailTo = (address: string, subject: RegExp) =>
  mails.mailTo(inject("emailStubUrl"), address, subject);
export const linkToken = mails.linkToken;

/** Confirms the user's address the way its owner does: the link in the signup's mail. */
export async function verifyEmail(user: { email: string }): Promise<void> {
  await mails.verifyThroughMail(inject("emailStubUrl"), user.email, (token) =>
    call("/v1/auth/email/verify", { body: { token } }),
  );
}

/**
 * Adds plain carry exercises to D1's catalog (what an admin's edit does); the caller deletes
 * them again so other tests see the catalog they expect.
 */
export async function addTestExercises(rows: Array<{ id: string; name: string }>) {
  const exercises = rows.map(({ id, name }) =>
    defineExercise({
      id,
      name,
      pattern: "carry",
      primary_muscles: ["forearms"],
      equipment: ["dumbbell"],
      mechanic: "compound",
      force: null,
      level: "beginner",
      cues: ["Walk tall"],
    }),
  );
  await env.DB.batch(exercises.map((exercise) => env.DB.prepare(exerciseInsertSql(exercise))));
}
