import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coachLanguageInstruction, voiceLanguage } from "../../engine/i18n/coach-language";
import { formatDate, formatTime, formatWeight, weekdayName } from "../../engine/i18n/intl-format";
import { languageOf, negotiateLocale, supportedLocale } from "../../engine/i18n/locale";
import { localeSchema } from "../../engine/i18n/locale-schema";

describe("the locale from Accept-Language", () => {
  it("picks the first supported language by weight, keeping the region sent", () => {
    expect(negotiateLocale("de-AT,de;q=0.9,en;q=0.8")).toBe("de-AT");
    expect(negotiateLocale("pt-BR,pt;q=0.9,es;q=0.8,en;q=0.5")).toBe("es");
    expect(negotiateLocale("en;q=0.3, fr-CA;q=0.7")).toBe("fr-CA");
    expect(negotiateLocale("it, es;q=0.1, de;q=0.5")).toBe("de");
  });

  it("keeps the order sent between equal weights and never takes q=0", () => {
    expect(negotiateLocale("fr, de")).toBe("fr");
    expect(negotiateLocale("de;q=0, fr;q=0.1")).toBe("fr");
  });

  it("canonicalises tags and drops extensions", () => {
    expect(negotiateLocale("DE-at")).toBe("de-AT");
    expect(negotiateLocale("es-419-u-nu-latn")).toBe("es-419");
  });

  it("answers English when nothing matches, for a wildcard or no header", () => {
    expect(negotiateLocale("ja-JP, zh;q=0.9")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale(";;;,,,q=1")).toBe("en");
  });

  it("reads only a bounded prefix of a huge header", () => {
    expect(negotiateLocale(`${"xx, ".repeat(10_000)}de`)).toBe("en");
  });

  it("always answers a supported locale, whatever the header", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        const locale = negotiateLocale(header);
        expect(supportedLocale(locale)).toBe(locale);
      }),
    );
  });
});

describe("profile.locale", () => {
  it("accepts supported BCP 47 tags, canonicalised", () => {
    expect(localeSchema.parse("fr")).toBe("fr");
    expect(localeSchema.parse("es-mx")).toBe("es-MX");
  });

  it("refuses a language without a catalog and a tag that is not BCP 47, saying which are", () => {
    for (const tag of ["pt-BR", "not a tag", "", "x".repeat(40)]) {
      const result = localeSchema.safeParse(tag);
      expect(result.success).toBe(false);
      if (!result.success && tag.length <= 35)
        expect(result.error.issues[0]?.message).toBe(
          'must be a language tag (BCP 47) in one of en, de, es, fr, e.g. "de-AT"',
        );
    }
  });

  it("maps a locale to its catalog language, English for anything else", () => {
    expect(languageOf("de-CH")).toBe("de");
    expect(languageOf("pt")).toBe("en");
    expect(languageOf(null)).toBe("en");
  });
});

describe("Intl formats", () => {
  it("writes weights in the user's units and the locale's digits", () => {
    expect(formatWeight("en", 80, "metric")).toBe("80 kg");
    expect(formatWeight("en", 80, "imperial")).toBe("176.4 lb");
    expect(formatWeight("de", 82.5, "metric")).toBe("82,5 kg");
  });

  it("names weekdays, dates and times as the locale does", () => {
    expect(weekdayName("en", "tue")).toBe("Tuesday");
    expect(weekdayName("de", "tue")).toBe("Dienstag");
    expect(weekdayName("es", "mon")).toBe("lunes");
    expect(weekdayName("fr", "sun")).toBe("dimanche");
    expect(formatDate("de", "2026-03-03")).toBe("Dienstag, 3. März");
    expect(formatTime("en", "19:05")).toBe("7:05 PM");
    expect(formatTime("fr", "19:05")).toBe("19:05");
  });
});

describe("the coaches' language", () => {
  it("tells a coach to answer in the user's language", () => {
    expect(coachLanguageInstruction("de-AT")).toContain("Always answer in German");
    expect(coachLanguageInstruction("pt-BR")).toContain("Always answer in English");
  });

  it("runs a call in the user's language when voice offers it, else says it is not offered", () => {
    expect(voiceLanguage("fr-CA", ["en", "fr"])).toEqual({
      language: "fr",
      offered: true,
      requested: "fr",
    });
    expect(voiceLanguage("es", ["en", "de"])).toEqual({
      language: "en",
      offered: false,
      requested: "es",
    });
  });
});
