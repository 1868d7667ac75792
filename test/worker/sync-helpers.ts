import { call, json, type SignedUp } from "./helpers";

// Calls of the sync protocol (docs/sync.md) as a phone makes them.

export interface OpResult {
  op_id: string;
  status: number;
  id?: string;
  version?: number;
  error?: { code: string; message: string; details?: unknown };
  current?: Record<string, any>;
}

export interface Change {
  seq: number;
  entity: string;
  id: string;
  op: "upsert" | "delete";
  version: number;
  data?: Record<string, any>;
}

export interface Op {
  op_id: string;
  type: string;
  occurred_at: string;
  base_version?: number;
  data: Record<string, unknown>;
}

let opIds = 0;
/** An op with a fresh op_id, happening `at` (now by default). */
export const op = (
  type: string,
  data: Record<string, unknown>,
  extra: { at?: string; base_version?: number } = {},
): Op => ({
  op_id: `op-${++opIds}-${crypto.randomUUID().slice(0, 8)}`,
  type,
  occurred_at: extra.at ?? new Date().toISOString(),
  ...(extra.base_version !== undefined ? { base_version: extra.base_version } : {}),
  data,
});

export async function push(user: SignedUp, ops: Op[], deviceId = "phone") {
  const response = await call("/v1/sync", {
    token: user.accessToken,
    body: { device_id: deviceId, ops },
  });
  if (response.status !== 200) throw new Error(`push: ${response.status} ${await response.text()}`);
  return json<{ results: OpResult[]; cursor: string }>(response);
}

/** Every page after `since` (null: from the beginning): the changes and the cursor to keep. */
export async function pullAll(user: SignedUp, since: string | null, limit = 500) {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const query = new URLSearchParams({
      limit: String(limit),
      ...(cursor ? { since: cursor } : {}),
    });
    const response = await call(`/v1/sync/changes?${query}`, { token: user.accessToken });
    if (response.status !== 200)
      throw new Error(`pull: ${response.status} ${await response.text()}`);
    const page = await json<{ changes: Change[]; next_cursor: string; has_more: boolean }>(
      response,
    );
    changes.push(...page.changes);
    cursor = page.next_cursor;
    if (!page.has_more) return { changes, cursor };
  }
}

/** The user's local date of an instant in Berlin (the sample profile's timezone). */
export const berlinDate = (at: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(at));
