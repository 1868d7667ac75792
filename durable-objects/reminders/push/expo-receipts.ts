import type { Receipt } from "../../../engine/reminders/receipts";
import { type ExpoOptions, expoHeaders } from "./expo";
import { DEFAULT_TIMEOUT_MS, errorCode, readJson } from "./types";

// Expo's receipts: POST /--/api/v2/push/getReceipts {ids} answers {data: {id: receipt}}, an id
// left out having no receipt yet (https://docs.expo.dev/push-notifications/sending-notifications/).
// The endpoint sits beside the send endpoint, so its URL is derived from EXPO_PUSH_URL.

export const receiptsUrl = (sendUrl: string) => sendUrl.replace(/\/send$/, "/getReceipts");

type RawReceipt = { status?: string; details?: { error?: unknown } };

/** The receipts Expo has for these ids (at most 1,000), or null when the request failed. */
export async function fetchExpoReceipts(
  ids: readonly string[],
  options: ExpoOptions,
): Promise<Map<string, Receipt> | null> {
  const headers = expoHeaders(options);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(receiptsUrl(options.url), {
      method: "POST",
      headers,
      body: JSON.stringify({ ids }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch {
    return null;
  }
  const json = (await readJson(response)) as { data?: Record<string, RawReceipt> } | undefined;
  if (!response.ok || !json?.data || typeof json.data !== "object") return null;
  const receipts = new Map<string, Receipt>();
  for (const [id, raw] of Object.entries(json.data)) {
    if (raw?.status === "ok") receipts.set(id, { status: "ok" });
    else if (raw?.status === "error")
      receipts.set(id, { status: "error", code: errorCode(raw.details?.error, "unknown_error") });
  }
  return receipts;
}
