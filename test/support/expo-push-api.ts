import { randomUUID } from "node:crypto";

/**
 * The Expo half of the push stubs (push-stubs.ts serves it): Expo's push API as documented at
 * https://docs.expo.dev/push-notifications/sending-notifications/, checking what Expo checks.
 *
 * - send: up to 100 messages a request (an array, or one object), Expo push tokens only, all-or-
 *   nothing validation, one ticket per recipient in order; a token made invalid answers
 *   DeviceNotRegistered in its ticket.
 * - the rate: 600 notifications a second per project; a request that would pass it answers 429
 *   TOO_MANY_REQUESTS and delivers nothing. Expo does not publish its algorithm; the stub takes
 *   the strictest reading (no one-second window, wherever it starts, holds more than 600
 *   accepted notifications), so a sender that passes here passes a looser limiter too.
 * - receipts: `{ids}` of at most 1,000 tickets; an id with no receipt (unknown, or not ready
 *   yet when a delay is set) is left out of the answer, as Expo does. A token given a receipt
 *   error gets ok tickets and that error in their receipts: DeviceNotRegistered mostly arrives
 *   this way, after Apple or Google report the device gone.
 */

export interface ExpoApiOptions {
  /** When set, requests must carry `Authorization: Bearer <this>` (enhanced security). */
  accessToken?: string;
  /** Notifications accepted per second (Expo's is 600). */
  perSecond?: number;
  /** How long after the send a receipt becomes available (0: at once). */
  receiptDelayMs?: number;
  now: () => number;
  /** Tokens the device no longer has: tickets fail with DeviceNotRegistered. */
  invalidated: ReadonlySet<string>;
  record: (token: string, title?: string, body?: string, data?: object) => void;
}

const EXPO_TOKEN = /^Expo(nent)?PushToken\[.+\]$/;
const WINDOW_MS = 1000;

export class ExpoAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`expo stub answer ${status}`);
  }
}

export const expoError = (status: number, code: string, message: string) =>
  new ExpoAnswer(status, { errors: [{ code, message }] });

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

type Receipt = { status: "ok" } | { status: "error"; message: string; details: object };

export class ExpoPushApi {
  perSecond: number;
  receiptDelayMs: number;
  /** Requests refused with 429 so far. */
  throttled = 0;
  readonly #o: ExpoApiOptions;
  /** Accepted notifications by time, for the rate window. */
  readonly #accepted: Array<{ at: number; count: number }> = [];
  #inWindow = 0;
  readonly #tickets = new Map<string, { at: number; receipt: Receipt }>();
  /** Receipt errors to give the tickets of a token (its code), e.g. DeviceNotRegistered. */
  readonly #receiptErrors = new Map<string, string>();

  constructor(options: ExpoApiOptions) {
    this.#o = options;
    this.perSecond = options.perSecond ?? 600;
    this.receiptDelayMs = options.receiptDelayMs ?? 0;
  }

  /** Tickets to this token are ok; their receipts carry `code` (e.g. DeviceNotRegistered). */
  failReceipts(token: string, code: string): void {
    this.#receiptErrors.set(token, code);
  }

  /** Forgets tickets and the rate window; the rate and receipt delay return to the options'. */
  reset(): void {
    this.perSecond = this.#o.perSecond ?? 600;
    this.receiptDelayMs = this.#o.receiptDelayMs ?? 0;
    this.#accepted.length = 0;
    this.#inWindow = 0;
    this.#tickets.clear();
    this.#receiptErrors.clear();
    this.throttled = 0;
  }

  #authorize(auth: string | undefined, contentType: string | undefined): void {
    if (this.#o.accessToken !== undefined && auth !== `Bearer ${this.#o.accessToken}`) {
      throw expoError(401, "UNAUTHORIZED", "The bearer token is invalid.");
    }
    if (contentType !== "application/json") {
      throw expoError(400, "VALIDATION_ERROR", "content-type must be application/json.");
    }
  }

  /** Takes `count` notifications into the rate window, or refuses the whole request. */
  #admit(count: number): void {
    const now = this.#o.now();
    while (
      this.#accepted.length > 0 &&
      (this.#accepted[0] as { at: number }).at <= now - WINDOW_MS
    ) {
      this.#inWindow -= (this.#accepted.shift() as { count: number }).count;
    }
    if (this.#inWindow + count > this.perSecond) {
      this.throttled++;
      throw expoError(
        429,
        "TOO_MANY_REQUESTS",
        `You are exceeding the request limit of ${this.perSecond} notifications per second per project.`,
      );
    }
    this.#accepted.push({ at: now, count });
    this.#inWindow += count;
  }

  send(auth: string | undefined, contentType: string | undefined, text: string): unknown {
    this.#authorize(auth, contentType);
    const parsed = parse(text);
    if (typeof parsed !== "object" || parsed === null) {
      throw expoError(400, "VALIDATION_ERROR", "The request body must be JSON.");
    }
    const single = !Array.isArray(parsed);
    const messages: unknown[] = single ? [parsed] : parsed;
    if (messages.length > 100) {
      throw expoError(400, "PUSH_TOO_MANY_NOTIFICATIONS", "Too many notifications (max 100).");
    }
    const checked = messages.map((m, i) => {
      // biome-ignore lint/suspicious/noExplicitAny: checking an unvalidated message
      const message = m as any;
      const to: unknown[] = [message?.to ?? []].flat();
      const bad = (field: string, why: string) =>
        expoError(400, "VALIDATION_ERROR", `"[${i}].${field}" ${why}`);
      if (typeof message !== "object" || to.length === 0) throw bad("to", "is required");
      if (!to.every((t) => typeof t === "string" && EXPO_TOKEN.test(t))) {
        throw bad("to", "must be an Expo push token");
      }
      for (const field of ["title", "body"]) {
        if (message[field] !== undefined && typeof message[field] !== "string") {
          throw bad(field, "must be a string");
        }
      }
      if (message.data !== undefined && !isMap(message.data))
        throw bad("data", "must be an object");
      return { message, to: to as string[] };
    });
    this.#admit(checked.reduce((sum, { to }) => sum + to.length, 0));
    // Validation is all-or-nothing; tickets are then per recipient, in order.
    const tickets = checked.flatMap(({ message, to }) =>
      to.map((token) => {
        if (this.#o.invalidated.has(token)) {
          return {
            status: "error",
            message: `"${token}" is not a registered push notification recipient`,
            details: { error: "DeviceNotRegistered", expoPushToken: token },
          };
        }
        this.#o.record(token, message.title, message.body, message.data);
        const id = randomUUID();
        const code = this.#receiptErrors.get(token);
        this.#tickets.set(id, {
          at: this.#o.now(),
          receipt: code
            ? {
                status: "error",
                message: `The receipt of "${token}" is an error: ${code}`,
                details: { error: code, expoPushToken: token },
              }
            : { status: "ok" },
        });
        return { status: "ok", id };
      }),
    );
    return { data: single && tickets.length === 1 ? tickets[0] : tickets };
  }

  receipts(auth: string | undefined, contentType: string | undefined, text: string): unknown {
    this.#authorize(auth, contentType);
    const ids = (parse(text) as { ids?: unknown } | undefined)?.ids;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) {
      throw expoError(400, "VALIDATION_ERROR", '"ids" must be an array of strings.');
    }
    if (ids.length > 1000) {
      throw expoError(400, "PUSH_TOO_MANY_RECEIPTS", "Too many receipts (max 1000).");
    }
    const ready = this.#o.now() - this.receiptDelayMs;
    const data: Record<string, Receipt> = {};
    for (const id of ids) {
      const ticket = this.#tickets.get(id);
      if (ticket && ticket.at <= ready) data[id] = ticket.receipt;
    }
    return { data };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
