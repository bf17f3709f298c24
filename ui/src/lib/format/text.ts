/** Small display helpers for codes that are not money or dates. */

import type { Language } from "../api/types";
import { INTL_LOCALE } from "./locale";

/** An IBAN in groups of four, as printed on statements: `NL91 ABNA 0417 1643 00`. */
export function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, "$1 ");
}

/** A 0-based column index as a spreadsheet names it: 0 → `A`, 25 → `Z`, 26 → `AA`. */
export function formatColumn(index: number): string {
  let name = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
}

/** Items as a sentence lists them in `language`: `B, C en D`, `B, C and D`. */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(INTL_LOCALE[language], { type: "conjunction" }).format(items);
}
