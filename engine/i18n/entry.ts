// The shape of a catalog entry: a text, or a text per CLDR plural category chosen by `count`
// ("other" is required: it is every language's fallback).

export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Entry = string | PluralForms;
