import type { Language } from "../locale";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import type { Catalog } from "./shape";

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, de, es, fr };
