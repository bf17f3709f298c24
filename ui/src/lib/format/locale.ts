import type { Language } from "../api/types";

/**
 * The Intl locale used for each interface language. English uses British
 * conventions (`27 Nov 2026`, `€1,234.50`), which read naturally next to
 * Dutch ones and keep the day before the month.
 */
export const INTL_LOCALE: Record<Language, string> = {
  nl: "nl-NL",
  en: "en-GB",
};
