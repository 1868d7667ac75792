import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";

/** The largest body any route accepts (the biggest real one, a full profile, is ~3 KiB). */
const MAX_BODY_BYTES = 64 * 1024;
/**
 * Routes whose bodies are large by design: a sync push carries up to SYNC_MAX_OPS (500) queued
 * writes, a health upload up to 1,000 samples.
 */
const LARGE_BODY_BYTES: Readonly<Record<string, number>> = {
  "/v1/sync": 1024 * 1024,
  "/v1/health/samples": 1024 * 1024,
};

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** JSON is UTF-8 (RFC 8259); a body declared in another charset would be read as UTF-8 anyway. */
const otherCharset = (type: string) => {
  const charset = CHARSET.exec(type)?.[1];
  return charset !== undefined && charset.toLowerCase() !== "utf-8";
};

/** Routes that take raw bytes instead (they bound and check the body themselves). */
const RAW_BODY_ROUTES = new Set(["/v1/meals/photo"]);
const RAW_TYPE = /^image\/(jpeg|png)\s*(;|$)/i;

const tooLarge = (limit: number) =>
  new ApiError("payload_too_large", `Request body is larger than ${limit / 1024} KiB.`);

/**
 * Every body the API reads is UTF-8 JSON of at most 64 KiB (LARGE_BODY_BYTES names the
 * exceptions; a plate photo is raw image bytes). Another content type or charset is 415 (a
 * JSON route would otherwise see an empty object, or mojibake). A sized body is judged by its
 * length; a chunked
 * one is read here, counted as it arrives, so one over the limit is 413 exactly like a sized one.
 */
export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async function requireJsonBodyMiddleware(c, next) {
    const body = c.req.raw.body;
    const declared = c.req.header("content-length");
    const limit = LARGE_BODY_BYTES[c.req.path] ?? MAX_BODY_BYTES;
    if (!body || declared === "0") return next();
    if (RAW_BODY_ROUTES.has(c.req.path) && RAW_TYPE.test(c.req.header("content-type") ?? ""))
      return next();
    const type = c.req.header("content-type") ?? "";
    if (!JSON_TYPE.test(type) || otherCharset(type))
      throw new ApiError(
        "unsupported_media_type",
        "Send the body as UTF-8 JSON with Content-Type: application/json.",
      );
    if (declared !== undefined) {
      // A sized body is read once, by the route; the runtime holds it to its declared length.
      if (Number(declared) > limit) throw tooLarge(limit);
      return next();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge(limit);
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
