// The languages people read the API's texts in, and a user's locale: a BCP 47 tag whose
// language is one of them ("de", "de-AT", "fr-CA"). The language picks the catalog; the whole
// tag picks number and date formats through Intl (de-AT and de-CH write numbers differently).

export const LANGUAGES = ["en", "de", "es", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LOCALE = "en";

/** Each language's name in English (for the coaches' prompts) and in itself (for people). */
export const LANGUAGE_NAMES: Readonly<Record<Language, { english: string; native: string }>> = {
  en: { english: "English", native: "English" },
  de: { english: "German", native: "Deutsch" },
  es: { english: "Spanish", native: "Español" },
  fr: { english: "French", native: "Français" },
};

const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

/**
 * A supported locale in canonical form ("DE-at" -> "de-AT"), without extensions ("-u-nu-...")
 * a client might send; null when the tag is not BCP 47 or its language has no catalog.
 */
export function supportedLocale(tag: string): string | null {
  if (tag.length === 0 || tag.length > 35) return null;
  try {
    const locale = new Intl.Locale(Intl.getCanonicalLocales(tag)[0] ?? "");
    return isLanguage(locale.language) ? locale.baseName : null;
  } catch {
    return null;
  }
}

/** The catalog language of a locale; English for anything unsupported. */
export function languageOf(locale: string | null | undefined): Language {
  const supported = locale ? supportedLocale(locale) : null;
  return supported ? (new Intl.Locale(supported).language as Language) : "en";
}

// An Accept-Language header is client input: read a bounded prefix and a bounded number of
// entries, so a megabyte of commas costs nothing.
const MAX_HEADER = 512;
const MAX_ENTRIES = 16;

/**
 * The best supported locale for an Accept-Language header (RFC 9110 12.5.4): entries by
 * weight (q), ties in the order sent, q=0 never; the first whose language has a catalog wins,
 * with the region the client sent ("de-AT;q=0.9" -> "de-AT"). English when nothing matches
 * or the header is missing; "*" matches English too.
 */
export function negotiateLocale(header: string | null | undefined): string {
  if (!header) return DEFAULT_LOCALE;
  const entries = header
    .slice(0, MAX_HEADER)
    .split(",")
    .slice(0, MAX_ENTRIES)
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      const weight = q === undefined ? 1 : Number(q);
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of entries) {
    if (tag === "*") return DEFAULT_LOCALE;
    const locale = supportedLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
