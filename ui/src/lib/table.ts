/**
 * Column definitions for `DataTable` and the comparisons it sorts with.
 * Amounts are compared as decimal strings, dates as `YYYY-MM-DD` strings;
 * neither is turned into a number.
 */

import { compareDecimal } from "./format/money";

/** Sort direction of a column. */
export type SortDirection = "asc" | "desc";

/** Orders two rows; negative when `a` comes first in ascending order. */
export type Compare<Row> = (a: Row, b: Row) => number;

/** One column of a `DataTable`. */
export type Column<Row> = {
  /** Stable key, passed to the cell snippet. */
  key: string;
  /** Header text, already translated. */
  label: string;
  /** `end` for amounts and counts, which are right-aligned. */
  align?: "start" | "end";
  /** Makes the column sortable. */
  compare?: Compare<Row>;
};

/** The sort a table starts with. */
export type SortState = { key: string; direction: SortDirection };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Compares a text field, naturally (`F-2` before `F-10`); empty values last. */
export function byText<Row>(get: (row: Row) => string | null): Compare<Row> {
  return (a, b) => {
    const textA = get(a);
    const textB = get(b);
    if (textA === null || textA === "") return textB === null || textB === "" ? 0 : 1;
    if (textB === null || textB === "") return -1;
    return collator.compare(textA, textB);
  };
}

/** Compares a count or a number of days. */
export function byNumber<Row>(get: (row: Row) => number): Compare<Row> {
  return (a, b) => get(a) - get(b);
}

/** Compares a decimal-string amount exactly. */
export function byAmount<Row>(get: (row: Row) => string): Compare<Row> {
  return (a, b) => compareDecimal(get(a), get(b));
}

/** Compares `YYYY-MM-DD` dates (and RFC 3339 timestamps); missing ones last. */
export function byDate<Row>(get: (row: Row) => string | null): Compare<Row> {
  return (a, b) => {
    const dateA = get(a);
    const dateB = get(b);
    if (dateA === null) return dateB === null ? 0 : 1;
    if (dateB === null) return -1;
    return dateA < dateB ? -1 : dateA > dateB ? 1 : 0;
  };
}

/** A sorted copy of `rows`; the sort is stable, so ties keep Rust's order. */
export function sortRows<Row>(
  rows: readonly Row[],
  compare: Compare<Row> | undefined,
  direction: SortDirection,
): Row[] {
  const copy = [...rows];
  if (compare === undefined) return copy;
  const sign = direction === "asc" ? 1 : -1;
  return copy.sort((a, b) => sign * compare(a, b));
}
