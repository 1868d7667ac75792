import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for an email API with Resend's wire format: `POST /emails` with
 * `Authorization: Bearer <key>` and JSON `{from, to, subject, text, html}`. It checks the key
 * and the fields as the real service does (401 for a bad key, 422 naming a missing field) and
 * records what was sent; tests read it over `GET /_stub/sent` (`?to=ADDRESS` for one
 * recipient's: test files run at once against one stub, so none clears it).
 */
export interface SentEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
  });

export type EmailStub = Awaited<ReturnType<typeof startEmailStub>>;

export async function startEmailStub(options: { apiKey: string }) {
  const sent: SentEmail[] = [];
  const server = createServer(async (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://stub");
    if (url.pathname === "/_stub/sent") {
      const to = url.searchParams.get("to");
      return json(200, to === null ? sent : sent.filter((email) => email.to === to));
    }
    if (req.method !== "POST" || req.url !== "/emails") return json(404, { message: "not found" });
    if (req.headers.authorization !== `Bearer ${options.apiKey}`)
      return json(401, {
        statusCode: 401,
        name: "validation_error",
        message: "API key is invalid",
      });
    let email: Partial<SentEmail>;
    try {
      email = JSON.parse(body);
    } catch {
      return json(422, { statusCode: 422, name: "validation_error", message: "Invalid JSON" });
    }
    for (const field of ["from", "to", "subject"] as const)
      if (typeof email[field] !== "string" || !email[field])
        return json(422, {
          statusCode: 422,
          name: "missing_required_field",
          message: `Missing \`${field}\``,
        });
    if (!email.text && !email.html)
      return json(422, {
        statusCode: 422,
        name: "missing_required_field",
        message: "Missing `text` or `html`",
      });
    sent.push(email as SentEmail);
    return json(200, { id: crypto.randomUUID() });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    /** The Worker's variables that send its email here. */
    vars: { EMAIL_API_URL: `${url}/emails`, EMAIL_API_KEY: options.apiKey },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The link in the newest email the stub at `stubUrl` got for `to` with a matching subject,
 * waiting up to `timeoutMs` for it (the Worker sends after answering).
 */
export async function emailedLink(
  stubUrl: string,
  to: string,
  subject: RegExp,
  timeoutMs = 15_000,
): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sent = (await (await fetch(`${stubUrl}/_stub/sent`)).json()) as SentEmail[];
    const email = sent.filter((e) => e.to === to && subject.test(e.subject)).at(-1);
    const link = email?.text.match(/https?:\/\/\S+/)?.[0];
    if (link) return new URL(link);
    if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A stand-in for Cloudflare Turnstile's siteverify: a form `secret`, `response`, `remoteip`;
 * `{success: true}` only for the right secret and the token `valid-turnstile-token`.
 */
export async function startTurnstileStub(options: { secret: string }) {
  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const codes: string[] = [];
    if (form.get("secret") !== options.secret) codes.push("invalid-input-secret");
    if (form.get("response") !== "valid-turnstile-token") codes.push("invalid-input-response");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ success: codes.length === 0, "error-codes": codes }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/siteverify`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
