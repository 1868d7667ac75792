import { en } from "../engine/i18n/catalogs/en";
import { languageOf, negotiateLocale } from "../engine/i18n/locale";
import { type MessageKey, t } from "../engine/i18n/translate";
import type { ErrorCode } from "../kernel/error-codes";

// The human part of an error (`error.message`) in the app's language (Accept-Language). In
// English the message stays the specific one the code wrote ("Unknown onboarding step x");
// another language gets the catalog's text for the code: `code` and `details` carry the
// specifics for a program, the message is for a person.

export function humanMessage(
  acceptLanguage: string | undefined,
  code: ErrorCode,
  english: string,
): string {
  const locale = negotiateLocale(acceptLanguage);
  const key = `error.${code}`;
  if (languageOf(locale) === "en" || !(key in en)) return english;
  return t(locale, key as MessageKey & `error.${string}`);
}
