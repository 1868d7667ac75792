import { z } from "zod";
import { LANGUAGES, supportedLocale } from "./locale";
import { t } from "./translate";

/** `profile.locale` on the wire: canonicalised ("DE-at" -> "de-AT"), only languages with a catalog. */
export const localeSchema = z
  .string()
  .max(35)
  .transform((tag, ctx) => {
    const locale = supportedLocale(tag);
    if (locale) return locale;
    ctx.addIssue({
      code: "custom",
      message: t("en", "validation.locale", {
        languages: LANGUAGES.join(", "),
        example: '"de-AT"',
      }),
    });
    return z.NEVER;
  });
