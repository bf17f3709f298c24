/**
 * Which open invoices a person may mean when linking a payment: what they
 * typed, found in the number (also as digits alone, so "143" finds
 * "2026-0143"), the customer or the open amount; the payer's own invoices
 * first, then those whose open amount equals the payment, each in Rust's order.
 */
import type { InvoiceRow } from "../api/types";
import { namesMatch } from "./transactionFilter";

/** At most this many candidates are listed. */
export const MAX_CANDIDATES = 8;

function digits(text: string): string {
  return text.replace(/\D/g, "");
}

/** True when `invoice` fits what was typed (`needle`, already trimmed). */
export function fitsTyped(invoice: InvoiceRow, needle: string): boolean {
  if (needle === "") return true;
  const lower = needle.toLocaleLowerCase();
  if (invoice.number.toLocaleLowerCase().includes(lower)) return true;
  if (invoice.customer.toLocaleLowerCase().includes(lower)) return true;
  const typedDigits = digits(needle);
  if (typedDigits.length >= 2) {
    // "143" for "2026-0143": the number's digits end with, or hold, the typed ones.
    const numberDigits = digits(invoice.number).replace(/^0+/, "");
    if (numberDigits.endsWith(typedDigits.replace(/^0+/, ""))) return true;
    if (invoice.open_amount.replace(".", "").startsWith(typedDigits)) return true;
  }
  return false;
}

/** The invoices to offer for a payment from `payer` of `amount`, filtered by `typed`. */
export function candidates(
  invoices: readonly InvoiceRow[],
  payer: string | null,
  amount: string,
  typed: string,
): InvoiceRow[] {
  const needle = typed.trim();
  const rank = (invoice: InvoiceRow): number =>
    (namesMatch(payer, invoice.customer) ? 0 : 2) + (invoice.open_amount === amount ? 0 : 1);
  return invoices
    .map((invoice, index) => ({ invoice, index }))
    .filter(({ invoice }) => fitsTyped(invoice, needle))
    .sort((a, b) => rank(a.invoice) - rank(b.invoice) || a.index - b.index)
    .slice(0, MAX_CANDIDATES)
    .map(({ invoice }) => invoice);
}

/**
 * The invoice number OK links to: the one typed exactly, else the only
 * candidate left, else what was typed (Rust then says there is no such
 * open invoice).
 */
export function chosenNumber(listed: readonly InvoiceRow[], typed: string): string {
  const needle = typed.trim();
  const exact = listed.find(
    (invoice) => invoice.number.toLocaleLowerCase() === needle.toLocaleLowerCase(),
  );
  if (exact !== undefined) return exact.number;
  const only = listed.length === 1 ? listed[0] : undefined;
  if (needle !== "" && only !== undefined) return only.number;
  return needle;
}
