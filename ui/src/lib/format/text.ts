/** Small display helpers for codes that are not money or dates. */

/** An IBAN in groups of four, as printed on statements: `NL91 ABNA 0417 1643 00`. */
export function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, "$1 ");
}
