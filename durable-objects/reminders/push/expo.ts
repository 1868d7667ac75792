import {
  DEFAULT_TIMEOUT_MS,
  errorCode,
  isRetryableStatus,
  networkFailure,
  type PushResult,
  readJson,
  retryResult,
} from "./types";

/**
 * Expo's push API (https://docs.expo.dev/push-notifications/sending-notifications/): one POST
 * of up to 100 messages answers with one ticket per message, in order. A ticket only says
 * Expo accepted the message; receipts (not fetched here) say whether APNs/FCM delivered it.
 * Runs in workerd and Node alike: fetch only.
 */

export interface ExpoMessage {
  to: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
}

export interface ExpoOptions {
  /** https://exp.host/--/api/v2/push/send, or a stub's. */
  url: string;
  /** Needed only when the Expo project has "enhanced push security" on. */
  accessToken?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Expo refuses a request with more (PUSH_TOO_MANY_NOTIFICATIONS). */
export const EXPO_MAX_MESSAGES_PER_REQUEST = 100;

type Ticket =
  | { status: "ok"; id?: string }
  | { status: "error"; message?: string; details?: { error?: string } };

/** Sends each message once; returns one result per message, in the same order. */
export async function sendExpo(
  messages: ExpoMessage[],
  options: ExpoOptions,
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  // Chunks go one after another: a rate limit on one chunk would hit the next at once too,
  // and a Worker has few concurrent connections to spare.
  for (let i = 0; i < messages.length; i += EXPO_MAX_MESSAGES_PER_REQUEST) {
    const chunk = messages.slice(i, i + EXPO_MAX_MESSAGES_PER_REQUEST);
    results.push(...(await sendChunk(chunk, options)));
  }
  return results;
}

/** The headers of every call to Expo's push API (its access token when the project has one). */
export function expoHeaders(options: Pick<ExpoOptions, "accessToken">): Record<string, string> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "content-type": "application/json",
  };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  return headers;
}

async function sendChunk(messages: ExpoMessage[], options: ExpoOptions): Promise<PushResult[]> {
  const doFetch = options.fetch ?? fetch;
  const headers = expoHeaders(options);
  let response: Response;
  try {
    response = await doFetch(options.url, {
      method: "POST",
      headers,
      // Always an array: for a single object Expo answers `data` as an object, not a list.
      body: JSON.stringify(
        messages.map(({ to, title, body, data }) => ({ to, title, body, data })),
      ),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    return messages.map(() => networkFailure(error));
  }
  const json = (await readJson(response)) as
    | { data?: Ticket[] | Ticket; errors?: Array<{ code?: string }> }
    | undefined;
  const requestError = errorCode(json?.errors?.[0]?.code, `http_${response.status}`);

  if (!response.ok) {
    const result: PushResult = isRetryableStatus(response.status)
      ? retryResult(requestError, response, Date.now())
      : { status: "failed", reason: requestError };
    return messages.map(() => result);
  }
  const tickets = Array.isArray(json?.data) ? json.data : json?.data ? [json.data] : undefined;
  if (!tickets) {
    // A 200 means Expo took the request; sending again could notify the user twice.
    const reason = json?.errors ? requestError : "bad_response";
    return messages.map(() => ({ status: "failed", reason }));
  }
  return messages.map((_, index) => ticketResult(tickets[index]));
}

function ticketResult(ticket: Ticket | undefined): PushResult {
  if (ticket?.status === "ok") {
    return typeof ticket.id === "string"
      ? { status: "sent", providerId: ticket.id }
      : { status: "sent" };
  }
  if (ticket?.status !== "error") return { status: "failed", reason: "bad_response" };
  const code = errorCode(ticket.details?.error, "unknown_error");
  switch (code) {
    case "DeviceNotRegistered":
      return { status: "invalid_token", reason: code };
    case "MessageRateExceeded":
      // Too many messages to this one device; Expo asks for exponential backoff.
      return { status: "retry", reason: code };
    default:
      // MessageTooBig, MismatchSenderId, InvalidCredentials and codes added later: sending
      // the same message again would fail the same way.
      return { status: "failed", reason: code };
  }
}
