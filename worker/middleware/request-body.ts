import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";

/** The largest body any route accepts (the biggest real one, a full profile, is ~3 KiB). */
const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** JSON is UTF-8 (RFC 8259); a body declared in another charset would be read as UTF-8 anyway. */
const otherCharset = (type: string) => {
  const charset = CHARSET.exec(type)?.[1];
  return charset !== undefined && charset.toLowerCase() !== "utf-8";
};

const tooLarge = () => new ApiError("payload_too_large", "Request body is larger than 64 KiB.");

/**
 * Every body the API reads is UTF-8 JSON of at most 64 KiB. Another content type or charset
 * is 415 (a JSON route would otherwise see an empty object, or mojibake). A sized body is judged by its length; a chunked
 * one is read here, counted as it arrives, so one over the limit is 413 exactly like a sized one.
 */
export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async function requireJsonBodyMiddleware(c, next) {
    const body = c.req.raw.body;
    const declared = c.req.header("content-length");
    if (!body || declared === "0") return next();
    const type = c.req.header("content-type") ?? "";
    if (!JSON_TYPE.test(type) || otherCharset(type))
      throw new ApiError(
        "unsupported_media_type",
        "Send the body as UTF-8 JSON with Content-Type: application/json.",
      );
    if (declared !== undefined) {
      // A sized body is read once, by the route; the runtime holds it to its declared length.
      if (Number(declared) > MAX_BODY_BYTES) throw tooLarge();
      return next();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  };
}
