import { t } from "../../engine/i18n/translate";
import type { EmailMessage } from "./send-email";

// The emails the API sends: short, plain, with the link and the token (apps that handle the
// link themselves can read the token off it). In the language of the app that asked
// (`locale`: its Accept-Language), from the catalogs (engine/i18n/catalogs/).

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c,
  );

function message(to: string, subject: string, lines: string[], link?: string): EmailMessage {
  const text = [...lines, ...(link ? ["", link] : [])].join("\n");
  const html = [
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`] : []),
  ].join("\n");
  return { to, subject, text, html };
}

export const passwordResetEmail = (locale: string, to: string, link: string, minutes: number) =>
  message(
    to,
    t(locale, "email.password_reset.subject"),
    [
      t(locale, "email.password_reset.intro"),
      t(locale, "email.password_reset.link", { count: minutes }),
      t(locale, "email.password_reset.ignore"),
    ],
    link,
  );

export const verificationEmail = (locale: string, to: string, link: string) =>
  message(
    to,
    t(locale, "email.verification.subject"),
    [t(locale, "email.verification.body")],
    link,
  );

export const emailChangeNotice = (
  locale: string,
  to: string,
  newAddress: string,
  cancelLink: string,
) =>
  message(
    to,
    t(locale, "email.change.subject"),
    [t(locale, "email.change.body", { address: newAddress }), t(locale, "email.change.cancel")],
    cancelLink,
  );

export const passwordChangedNotice = (locale: string, to: string) =>
  message(to, t(locale, "email.password_changed.subject"), [
    t(locale, "email.password_changed.body"),
    t(locale, "email.password_changed.warning"),
  ]);
