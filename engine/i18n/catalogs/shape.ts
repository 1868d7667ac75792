import type { Entry } from "../entry";
import type { en } from "./en";

/** Every key of the English catalog, each with a text: a missing key does not compile. */
export type Catalog = { readonly [K in keyof typeof en]: Entry };
