/**
 * Money for display. Amounts arrive from the commands as decimal strings
 * (`"-1234.50"`) and stay strings: the digits are grouped here by hand, and
 * Intl only tells where the currency sign, the minus and the separators go.
 * No amount is ever turned into a float, and nothing here adds amounts up:
 * every total comes from Rust.
 */

import type { Language } from "../api/types";
import { INTL_LOCALE } from "./locale";

/** A decimal string taken apart: sign, integer digits, fraction digits. */
export type DecimalParts = {
  negative: boolean;
  integer: string;
  fraction: string;
};

const DECIMAL = /^\s*([+-]?)(\d+)(?:\.(\d*))?\s*$/;

/** Splits a decimal string such as `"-1234.50"`; null when it is not one. */
export function parseDecimal(value: string): DecimalParts | null {
  const match = DECIMAL.exec(value);
  if (match === null) return null;
  const [, sign = "", integerDigits = "0", fractionDigits = ""] = match;
  const integer = integerDigits.replace(/^0+(?=\d)/, "");
  const zero = /^0+$/.test(integer) && /^0*$/.test(fractionDigits);
  // "-0.00" is zero, and zero has no sign on screen.
  return { negative: sign === "-" && !zero, integer, fraction: fractionDigits };
}

type Token = { kind: "text"; text: string } | { kind: "integer" } | { kind: "fraction" };

type Pattern = {
  positive: Token[];
  negative: Token[];
  group: string;
  fractionDigits: number;
};

const patterns = new Map<string, Pattern>();

function tokens(parts: Intl.NumberFormatPart[]): Token[] {
  const result: Token[] = [];
  for (const part of parts) {
    if (part.type === "integer" || part.type === "group") {
      if (result[result.length - 1]?.kind !== "integer") result.push({ kind: "integer" });
    } else if (part.type === "fraction") {
      result.push({ kind: "fraction" });
    } else {
      result.push({ kind: "text", text: part.value });
    }
  }
  return result;
}

/**
 * Learns the layout of a currency amount in a locale from Intl, by formatting
 * a fixed sample number (a constant, not an amount from the book).
 */
function pattern(language: Language, currency: string): Pattern {
  const cacheKey = `${language}:${currency}`;
  const cached = patterns.get(cacheKey);
  if (cached !== undefined) return cached;
  const format = new Intl.NumberFormat(INTL_LOCALE[language], {
    style: "currency",
    currency,
    currencyDisplay: "symbol",
  });
  const sample = format.formatToParts(-1234567.5);
  const created: Pattern = {
    positive: tokens(format.formatToParts(1234567.5)),
    negative: tokens(sample),
    group: sample.find((part) => part.type === "group")?.value ?? "",
    fractionDigits: format.resolvedOptions().minimumFractionDigits ?? 2,
  };
  patterns.set(cacheKey, created);
  return created;
}

function groupDigits(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * The fraction as shown: padded to the currency's digits, and longer only
 * when the extra digits are not zeros (never rounded: the UI does not decide
 * about cents).
 */
function displayFraction(fraction: string, digits: number): string {
  const padded = fraction.padEnd(digits, "0");
  const extra = padded.slice(digits).replace(/0+$/, "");
  return padded.slice(0, digits) + extra;
}

/**
 * Formats a decimal string as money: nl `€ 1.234,50`, en `€1,234.50`.
 * A value that is not a decimal string is returned unchanged, so odd data
 * shows up instead of disappearing.
 */
export function formatMoney(amount: string, language: Language, currency = "EUR"): string {
  const parts = parseDecimal(amount);
  if (parts === null) return amount;
  const layout = pattern(language, currency);
  const fraction = displayFraction(parts.fraction, layout.fractionDigits);
  let text = "";
  for (const token of parts.negative ? layout.negative : layout.positive) {
    if (token.kind === "integer") text += groupDigits(parts.integer, layout.group);
    else if (token.kind === "fraction") text += fraction;
    else text += token.text;
  }
  return text;
}

/** True when the decimal string is below zero. */
export function isNegative(amount: string): boolean {
  return parseDecimal(amount)?.negative ?? false;
}

/** True when the decimal string is zero (`"0.00"`, `"-0.00"`). */
export function isZero(amount: string): boolean {
  const parts = parseDecimal(amount);
  return parts !== null && /^0+$/.test(parts.integer) && /^0*$/.test(parts.fraction);
}

function compareMagnitude(a: DecimalParts, b: DecimalParts): number {
  if (a.integer.length !== b.integer.length) return a.integer.length - b.integer.length;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fractionA = a.fraction.padEnd(width, "0");
  const fractionB = b.fraction.padEnd(width, "0");
  if (fractionA === fractionB) return 0;
  return fractionA < fractionB ? -1 : 1;
}

/**
 * Orders two decimal strings exactly, for sorting tables (negative when `a`
 * is smaller). Strings that are not decimals sort after all amounts.
 */
export function compareDecimal(a: string, b: string): number {
  const partsA = parseDecimal(a);
  const partsB = parseDecimal(b);
  if (partsA === null || partsB === null) {
    if (partsA === partsB) return a.localeCompare(b);
    return partsA === null ? 1 : -1;
  }
  if (partsA.negative !== partsB.negative) return partsA.negative ? -1 : 1;
  const magnitude = compareMagnitude(partsA, partsB);
  return partsA.negative ? -magnitude : magnitude;
}

function scaled(parts: DecimalParts, fractionDigits: number): bigint {
  const digits = parts.integer + parts.fraction.padEnd(fractionDigits, "0");
  return BigInt(digits) * (parts.negative ? -1n : 1n);
}

/**
 * How much of `whole` the amount `part` is, in thousandths (0 to 1000), for
 * drawing a bar. Exact integer arithmetic on the digits; it is a proportion
 * for the eye, never shown as money.
 */
export function sharePerMille(part: string, whole: string): number {
  const partParts = parseDecimal(part);
  const wholeParts = parseDecimal(whole);
  if (partParts === null || wholeParts === null) return 0;
  const digits = Math.max(partParts.fraction.length, wholeParts.fraction.length);
  const numerator = scaled(partParts, digits);
  const denominator = scaled(wholeParts, digits);
  if (denominator <= 0n || numerator <= 0n) return 0;
  if (numerator >= denominator) return 1000;
  return Number((numerator * 1000n) / denominator);
}

// An amount as a person types it: digits with `.` or `,` between thousands
// and before the cents, an optional sign, no currency.
const TYPED_AMOUNT = /^([+-]?)(\d[\d.,]*)$/;

/**
 * A typed amount (`12,50`, `1.234,56`, `1234.5`, `-3`) or a decimal string
 * from Rust, as whole cents; null when it is not an amount or has more than
 * two decimals. Of `.` and `,` the last one written separates the cents when
 * one or two digits follow it; the others only group thousands. Parsed from
 * the digits, never through a float: the result is for enabling a button or
 * filtering a list, never an amount the book stores.
 */
export function parseCents(text: string): bigint | null {
  const match = TYPED_AMOUNT.exec(text.replace(/\s+/g, ""));
  if (match === null) return null;
  const [, sign = "", body = ""] = match;
  const last = Math.max(body.lastIndexOf("."), body.lastIndexOf(","));
  let integer = body;
  let fraction = "";
  if (last >= 0 && body.length - last - 1 <= 2) {
    integer = body.slice(0, last);
    fraction = body.slice(last + 1);
    // The separator before the cents does not group thousands as well.
    if (integer.includes(body.charAt(last))) return null;
  }
  // Grouping separators sit between groups of three digits.
  const groups = integer.split(/[.,]/);
  if (groups.length > 1 && groups.slice(1).some((group) => group.length !== 3)) return null;
  const digits = groups.join("");
  if (digits === "" || !/^\d*$/.test(fraction)) return null;
  const cents = BigInt(digits) * 100n + BigInt(fraction.padEnd(2, "0") || "0");
  return sign === "-" ? -cents : cents;
}

/** Whole cents as a decimal string with two decimals: `-1250n` → `"-12.50"`. */
export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const magnitude = (negative ? -cents : cents).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${magnitude.slice(0, -2)}.${magnitude.slice(-2)}`;
}
