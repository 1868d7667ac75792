import { describe, expect, it } from "vitest";
import { en } from "../../engine/i18n/catalogs/en";
import { CATALOGS } from "../../engine/i18n/catalogs/index";
import type { Entry } from "../../engine/i18n/entry";
import { LANGUAGES } from "../../engine/i18n/locale";
import { type MessageKey, t } from "../../engine/i18n/translate";
import { ERROR_CODES } from "../../kernel/error-codes";

// The catalogs are complete: every language has every English key, with the same holes, and
// every plural form the language uses for counts up to 1,000. A key added to en.ts and
// forgotten in another language fails here (and does not compile).

const holes = (entry: Entry) =>
  new Set(
    (typeof entry === "string" ? [entry] : Object.values(entry)).flatMap((text) =>
      [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
    ),
  );

/** The CLDR categories a language's counts 0..1000 fall in. */
function categoriesUsed(language: string): Set<string> {
  const rules = new Intl.PluralRules(language);
  return new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
}

const englishKeys = Object.keys(en).sort();

describe.each(LANGUAGES)("the %s catalog", (language) => {
  const catalog = CATALOGS[language] as Record<string, Entry>;

  it("has exactly the English catalog's keys", () => {
    const keys = Object.keys(catalog).sort();
    expect(englishKeys.filter((key) => !(key in catalog))).toEqual([]);
    expect(keys.filter((key) => !(key in en))).toEqual([]);
  });

  it("uses the same holes as English in every text", () => {
    for (const key of englishKeys) {
      const reference = holes(en[key as MessageKey]);
      const entry = catalog[key] as Entry;
      const own = holes(entry);
      // A plural text may leave the number out of its "one" form ("Un set"); `count` is given.
      reference.delete("count");
      own.delete("count");
      expect([key, [...own].sort()]).toEqual([key, [...reference].sort()]);
    }
  });

  it("has every plural form the language uses, for the same keys as English", () => {
    const needed = categoriesUsed(language);
    for (const key of englishKeys) {
      const reference = en[key as MessageKey];
      const entry = catalog[key] as Entry;
      expect([key, typeof entry]).toEqual([key, typeof reference]);
      if (typeof entry === "string") continue;
      for (const category of needed)
        expect([key, category, typeof entry[category as keyof typeof entry]]).toEqual([
          key,
          category,
          "string",
        ]);
    }
  });

  it("writes no empty text", () => {
    for (const key of englishKeys) {
      const entry = catalog[key] as Entry;
      for (const text of typeof entry === "string" ? [entry] : Object.values(entry))
        expect([key, String(text).trim().length > 0]).toEqual([key, true]);
    }
  });
});

describe("the catalogs and the API", () => {
  it("have a human message for every error code the API answers", () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !(`error.${code}` in en));
    expect(missing).toEqual([]);
  });

  it("name no error code the API does not have", () => {
    const stale = Object.keys(en)
      .filter((key) => key.startsWith("error."))
      .map((key) => key.slice("error.".length))
      .filter((code) => !(code in ERROR_CODES));
    expect(stale).toEqual([]);
  });
});

describe("t()", () => {
  it("chooses plural forms by the language's own rules", () => {
    expect(t("en", "validation.min_chars", { count: 1 })).toBe("must be at least 1 character");
    expect(t("en", "validation.min_chars", { count: 0 })).toBe("must be at least 0 characters");
    // French counts 0 as singular, English does not.
    expect(t("fr", "validation.min_items", { count: 0 })).toBe("doit contenir au moins 0 élément");
    expect(t("fr", "validation.min_items", { count: 2 })).toBe("doit contenir au moins 2 éléments");
    expect(t("de", "validation.max_items", { count: 1 })).toBe("darf höchstens 1 Eintrag haben");
  });

  it("formats numbers for the locale", () => {
    expect(t("en", "validation.max", { limit: 1234.5 })).toBe("must be at most 1,234.5");
    expect(t("de", "validation.max", { limit: 1234.5 })).toBe("darf höchstens 1.234,5 sein");
    // French groups digits with a (narrow) no-break space.
    expect(t("fr-CA", "validation.max", { limit: 1234.5 })).toMatch(
      /^doit valoir au plus 1\s234,5$/,
    );
  });

  it("falls back to English for a locale without a catalog", () => {
    expect(t("pt-BR", "error.not_found")).toBe(en["error.not_found"]);
    expect(t("de-CH", "error.not_found")).toBe("Unter dieser Adresse gibt es nichts.");
  });
});
