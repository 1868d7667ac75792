import { en } from "./catalogs/en";
import { CATALOGS } from "./catalogs/index";
import type { Entry, PluralForms } from "./entry";
import { languageOf } from "./locale";

// Texts for people, from the catalogs: `t(locale, key, params)`. A text is a string with
// `{name}` holes, or plural forms chosen by `count` through Intl.PluralRules (CLDR's rules:
// French says "0 séance", English "0 sessions"). Numbers are formatted for the locale
// ("1.234,5" in German); strings go in as they are. The English catalog is the reference: its
// keys and holes type every call, and the other catalogs must have the same (checked by the
// compiler and by test/coaching/i18n-catalogs.test.ts).

type Catalog = typeof en;
export type MessageKey = keyof Catalog;

type Holes<S> = S extends `${string}{${infer Hole}}${infer Rest}` ? Hole | Holes<Rest> : never;
type EntryHoles<E> = E extends string
  ? Holes<E>
  : E extends PluralForms
    ? Holes<E[keyof E] & string> | "count"
    : never;
export type MessageParams<K extends MessageKey> = {
  [P in EntryHoles<Catalog[K]>]: string | number;
};
/** No argument for a text without holes, the params object otherwise. */
export type ParamsArg<K extends MessageKey> = [EntryHoles<Catalog[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let value = cache.get(locale);
  if (!value) {
    value = make();
    cache.set(locale, value);
  }
  return value;
}

export const formatNumber = (locale: string, value: number) =>
  cached(
    numberFormats,
    locale,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
  ).format(value);

function pick(locale: string, entry: Entry, count: unknown): string {
  if (typeof entry === "string") return entry;
  const n = typeof count === "number" ? count : Number(count);
  const category = cached(pluralRules, locale, () => new Intl.PluralRules(locale)).select(
    Number.isFinite(n) ? n : 0,
  );
  return entry[category] ?? entry.other;
}

/** Fills `{name}` holes; a hole with no value stays as written (visible, never a crash). */
export function fill(locale: string, text: string, params: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (hole, name: string) => {
    const value = params[name];
    if (typeof value === "number") return formatNumber(locale, value);
    return typeof value === "string" ? value : hole;
  });
}

/** The text of `key` in the locale's language (English when the locale has no catalog). */
export function t<K extends MessageKey>(locale: string, key: K, ...args: ParamsArg<K>): string {
  const params: Record<string, unknown> = args[0] ?? {};
  const entry: Entry = CATALOGS[languageOf(locale)][key] ?? en[key];
  return fill(locale, pick(locale, entry, params.count), params);
}

/** A translator bound to one locale, for code that writes several texts. */
export type Translator = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => string;
export const translator =
  (locale: string): Translator =>
  (key, ...args) =>
    t(locale, key, ...args);
