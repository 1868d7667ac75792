import { env, SELF } from "cloudflare:test";
import adminDocument from "../../openapi/admin.json";
import appDocument from "../../openapi/app.json";
import internalDocument from "../../openapi/internal.json";
import { defineExercise } from "../../worker/coaching/exercise";
import { exerciseInsertSql } from "../../worker/db/exercises";
import { Contract } from "../support/contract";

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

export async function signUp(overrides: { email?: string; name?: string } = {}): Promise<SignedUp> {
  const email = overrides.email ?? uniqueEmail();
  const password = "correct-horse-42";
  const response = await call("/v1/auth/signup", {
    body: { email, password, name: overrides.name ?? "Test User" },
  });
  if (response.status !== 201)
    throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const body = await json(response);
  return {
    userId: body.user.id,
    email,
    password,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
  };
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

/** Deletes the account, confirming with its password. */
export async function deleteAccount(user: SignedUp): Promise<Response> {
  return call("/v1/me", {
    method: "DELETE",
    token: user.accessToken,
    body: { password: user.password },
  });
}
