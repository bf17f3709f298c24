/**
 * The Reconcile list's filters beyond state and text: a customer, an amount
 * range and a date range. Amounts are compared in whole cents read from the
 * strings (never floats), dates as `YYYY-MM-DD` strings. A bound that is
 * empty or not an amount filters nothing. Which payment belongs to which
 * customer is Rust's to decide; the customer filter only narrows the list
 * by name and by the invoices a row is booked against or suggested for.
 */

import type { InvoiceRow, TransactionRow } from "../api/types";
import { isNegative, parseCents } from "../format/money";

/**
 * Money out that no one linked and the matcher did not suggest (rent,
 * energy, tax, card payments): no customer's payment, so out of Reconcile's
 * default view. A return or refund the matcher found is suggested or booked
 * and stays in view.
 */
export function isQuietMoneyOut(row: TransactionRow): boolean {
  return isNegative(row.amount) && (row.state === "unmatched" || row.state === "ignored");
}

/** The filters as typed and chosen on the screen; empty strings filter nothing. */
export type TransactionFilters = {
  /** A customer's name, as in `book.customers`. */
  customer: string;
  /** The smallest amount (without sign) to show, as typed. */
  amountMin: string;
  /** The largest amount (without sign) to show, as typed. */
  amountMax: string;
  /** The first booking date to show, `YYYY-MM-DD`. */
  from: string;
  /** The last booking date to show, `YYYY-MM-DD`. */
  to: string;
};

/** Filters that let every row through. */
export const NO_FILTERS: TransactionFilters = {
  customer: "",
  amountMin: "",
  amountMax: "",
  from: "",
  to: "",
};

// Legal forms a bank adds to a name or leaves off: "Jansen Installatie BV".
const LEGAL_FORMS = new Set(["bv", "nv", "vof", "cv", "ltd", "gmbh", "eenmanszaak"]);

/** A name without case, accents, punctuation or legal form, for comparing. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLocaleLowerCase()
    .replace(/\b(b)\.(v)\.?|\b(n)\.(v)\.?|\b(v)\.(o)\.(f)\.?/g, (found) => found.replace(/\./g, ""))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((word) => word !== "" && !LEGAL_FORMS.has(word))
    .join(" ");
}

/** True when the two names are the same up to case, accents and legal form, or one holds the other. */
export function namesMatch(left: string | null, right: string | null): boolean {
  if (left === null || right === null) return false;
  const a = normalizeName(left);
  const b = normalizeName(right);
  if (a.length < 3 || b.length < 3) return a !== "" && a === b;
  return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

/** The customer of each invoice number, from the open invoices. */
export function invoiceCustomers(invoices: readonly InvoiceRow[]): Map<string, string> {
  return new Map(invoices.map((invoice) => [invoice.number, invoice.customer]));
}

function magnitude(cents: bigint): bigint {
  return cents < 0n ? -cents : cents;
}

/** A typed amount bound as whole cents without sign; null when empty or not an amount. */
export function amountBound(text: string): bigint | null {
  if (text.trim() === "") return null;
  const cents = parseCents(text);
  return cents === null ? null : magnitude(cents);
}

/** True when `text` is filled in but is not an amount. */
export function isBadAmount(text: string): boolean {
  return text.trim() !== "" && parseCents(text) === null;
}

/** True when `row` passes every filter set in `filters`. */
export function matchesFilters(
  row: TransactionRow,
  filters: TransactionFilters,
  customerOf: ReadonlyMap<string, string>,
): boolean {
  if (filters.customer !== "") {
    const byName = namesMatch(row.counterparty_name, filters.customer);
    const byInvoice = row.invoices.some((number) => customerOf.get(number) === filters.customer);
    if (!byName && !byInvoice) return false;
  }
  const min = amountBound(filters.amountMin);
  const max = amountBound(filters.amountMax);
  if (min !== null || max !== null) {
    const cents = parseCents(row.amount);
    if (cents === null) return false;
    const size = magnitude(cents);
    if (min !== null && size < min) return false;
    if (max !== null && size > max) return false;
  }
  if (filters.from !== "" && row.booking_date < filters.from) return false;
  if (filters.to !== "" && row.booking_date > filters.to) return false;
  return true;
}

/** True when any filter is set. */
export function hasFilters(filters: TransactionFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== "");
}
