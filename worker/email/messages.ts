import type { EmailMessage } from "./send-email";

// The emails the API sends: short, plain, with the link and the token (apps that handle the
// link themselves can read the token off it).

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

export const passwordResetEmail = (to: string, link: string, minutes: number) =>
  message(
    to,
    "Reset your Fitness Coach password",
    [
      "Someone (hopefully you) asked to reset the password of your Fitness Coach account.",
      `Open this link within ${minutes} minutes to choose a new one. It works once.`,
      "If it was not you, ignore this email: your password stays as it is.",
    ],
    link,
  );

export const verificationEmail = (to: string, link: string) =>
  message(
    to,
    "Confirm your email for Fitness Coach",
    ["Confirm that this is your email address by opening this link:"],
    link,
  );

export const emailChangeNotice = (to: string, newAddress: string, cancelLink: string) =>
  message(
    to,
    "Your Fitness Coach email is changing",
    [
      `Someone signed in to your Fitness Coach account asked to change its email to ${newAddress}.`,
      "The change happens once the new address is confirmed. If it was not you, open this " +
        "link to cancel it, then change your password (that signs every device out):",
    ],
    cancelLink,
  );

export const passwordChangedNotice = (to: string) =>
  message(to, "Your Fitness Coach password was changed", [
    "The password of your Fitness Coach account was just changed, and every other device was " +
      "signed out.",
    "If it was not you, reset your password at once.",
  ]);
