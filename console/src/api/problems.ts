import type { Schemas } from "@fitness-coach/client";

// The API's one error envelope, made into what a screen shows (a 422's messages per form
// field: field-messages.ts).

export type Problem = Schemas["Error"]["error"] & { status: number };

/** The error of a typed client call as a Problem (a body that is not our envelope too). */
export function problemOf(error: unknown, response: Response): Problem {
  const envelope = (error as Partial<Schemas["Error"]> | undefined)?.error;
  if (envelope && typeof envelope.code === "string")
    return { ...envelope, status: response.status };
  return {
    code: "unexpected_response",
    message: `The server answered ${response.status} ${response.statusText}.`,
    request_id: response.headers.get("x-request-id") ?? "",
    status: response.status,
  };
}

/** A network failure (the Worker is not running, the connection dropped). */
export function networkProblem(error: unknown): Problem {
  return {
    code: "network_error",
    message: `The API could not be reached (${error instanceof Error ? error.message : String(error)}). Is \`npm run dev\` running?`,
    request_id: "",
    status: 0,
  };
}

export type Outcome<T> =
  | { ok: true; data: T; response: Response }
  | { ok: false; problem: Problem; response: Response | null };

/** Awaits a typed client call: its data, or the problem to show (a network failure too). */
export async function settle<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call;
    if (response.ok) return { ok: true, data: data as T, response };
    return { ok: false, problem: problemOf(error, response), response };
  } catch (error) {
    return { ok: false, problem: networkProblem(error), response: null };
  }
}
