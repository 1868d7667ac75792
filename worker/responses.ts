import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { JsonText } from "../kernel/json-text";

// Answers a route sends that are not an object it built, typed for the route's checked
// response: the one place their type is asserted, so no route casts.

/**
 * Sends JSON text made elsewhere (the actor keeps its hot answers as text) unchanged, typed
 * as the JSON of the value it encodes, so the route's response schema still checks it.
 */
export function sendJsonText<T>(
  c: Context,
  text: JsonText<T>,
): Response & TypedResponse<JSONParsed<T>, 200, "json"> {
  return c.body(text, 200, { "content-type": "application/json" }) as unknown as Response &
    TypedResponse<JSONParsed<T>, 200, "json">;
}

/**
 * A WebSocket route answers with the actor's 101 response. Its documented content is the
 * socket's messages, not a body the handler returns, so the typed response check is waived.
 */
export const upgraded = (response: Response): never => response as never;

/** A Server-Sent Events answer: its documented content is the events, as for a socket. */
export const streamed = upgraded;
