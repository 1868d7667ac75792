import type { Context } from "hono";
import { type AccountTokenKind, issueAccountToken } from "../../d1/account-tokens";
import { database } from "../../d1/client";
import { negotiateLocale } from "../../engine/i18n/locale";
import type { Config } from "../../kernel/config";
import { errorFields } from "../../kernel/logger";
import type { AppEnv } from "../app-env";
import { emailChangeNotice, passwordResetEmail, verificationEmail } from "../email/messages";
import { type EmailMessage, sendEmail } from "../email/send-email";

// The emails of account recovery and verification, each carrying a fresh single-use token.
// Sent after the answer (waitUntil), so a request never waits on the email service and a
// forgot-password for an unknown address answers as fast as one for a known address.

export function sendLater(c: Context<AppEnv>, work: () => Promise<void>, what: string): void {
  const log = c.get("log");
  c.executionCtx.waitUntil(
    work().catch((error: unknown) =>
      log.error("email_work_failed", { what, ...errorFields(error) }),
    ),
  );
}

/** An email's language: the app's that asked for it (a reset has no signed-in user). */
export const emailLocale = (c: Context<AppEnv>) => negotiateLocale(c.req.header("accept-language"));

/** Where email links point: APP_URL, or else the origin this request was sent to. */
export function linkOrigin(config: Pick<Config, "APP_URL">, requestUrl: string): string {
  return config.APP_URL ?? new URL(requestUrl).origin;
}

async function tokenLink(
  c: Context<AppEnv>,
  input: { userId: string; email: string; kind: AccountTokenKind; ttlMs: number; path: string },
) {
  const token = await issueAccountToken(database(c.env.DB), input);
  const link = new URL(input.path, linkOrigin(c.get("config"), c.req.url));
  link.searchParams.set("token", token);
  return link.toString();
}

export async function sendVerification(
  c: Context<AppEnv>,
  user: { id: string; email: string },
  kind: "email_verification" | "email_change" = "email_verification",
) {
  const config = c.get("config");
  const link = await tokenLink(c, {
    userId: user.id,
    email: user.email,
    kind,
    ttlMs: config.EMAIL_VERIFICATION_TTL_HOURS * 3_600_000,
    path: "/verify-email",
  });
  await sendEmail(config, c.get("log"), verificationEmail(emailLocale(c), user.email, link));
}

/**
 * An email change's two mails: the confirmation link to the new address, and to the old one a
 * notice with a link that cancels the change (valid as long as the confirmation).
 */
export async function sendEmailChange(
  c: Context<AppEnv>,
  user: { id: string; email: string },
  newAddress: string,
) {
  const config = c.get("config");
  await sendVerification(c, { id: user.id, email: newAddress }, "email_change");
  const cancelLink = await tokenLink(c, {
    userId: user.id,
    email: newAddress,
    kind: "email_change_cancel",
    ttlMs: config.EMAIL_VERIFICATION_TTL_HOURS * 3_600_000,
    path: "/cancel-email-change",
  });
  await sendEmail(
    config,
    c.get("log"),
    emailChangeNotice(emailLocale(c), user.email, newAddress, cancelLink),
  );
}

export async function sendPasswordReset(c: Context<AppEnv>, user: { id: string; email: string }) {
  const config = c.get("config");
  const link = await tokenLink(c, {
    userId: user.id,
    email: user.email,
    kind: "password_reset",
    ttlMs: config.PASSWORD_RESET_TTL_MINUTES * 60_000,
    path: "/reset-password",
  });
  await sendEmail(
    config,
    c.get("log"),
    passwordResetEmail(emailLocale(c), user.email, link, config.PASSWORD_RESET_TTL_MINUTES),
  );
}

export function sendNotice(c: Context<AppEnv>, message: EmailMessage) {
  sendLater(c, () => sendEmail(c.get("config"), c.get("log"), message), message.subject);
}
