import type { Config } from "../../kernel/config";
import type { Logger } from "../../kernel/logger";

// Sends email through a Resend-compatible HTTP API (`POST EMAIL_API_URL` with
// `Authorization: Bearer EMAIL_API_KEY` and `{from, to, subject, text, html}`). Without that
// configuration (local development) the message is written to the log instead, so a
// developer can copy the link; `npm run check-config -- --remote` requires it in production.

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export async function sendEmail(config: Config, log: Logger, message: EmailMessage): Promise<void> {
  if (!config.EMAIL_API_URL || !config.EMAIL_API_KEY) {
    // The dev log line: the link is what the developer needs. A production deploy never gets
    // here: `check-config --remote` refuses one without the email API.
    log.info("email_not_sent_logged", {
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    return;
  }
  const response = await fetch(config.EMAIL_API_URL, {
    method: "POST",
    headers: {
      authorization: `Bearer ${config.EMAIL_API_KEY}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ from: config.EMAIL_FROM, ...message }),
  });
  if (!response.ok) {
    log.error("email_failed", { status: response.status, subject: message.subject });
    throw new Error(`email API answered ${response.status}`);
  }
  log.info("email_sent", { subject: message.subject });
}
