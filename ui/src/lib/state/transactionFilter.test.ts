import { describe, expect, test } from "vitest";
import type { TransactionRow } from "../api/types";
import { NO_FILTERS, matchesFilters, namesMatch, normalizeName } from "./transactionFilter";

const ROW: TransactionRow = {
  id: 1,
  booking_date: "2026-11-25",
  amount: "1210.00",
  counterparty_name: "Jansen Installatie B.V.",
  counterparty_iban: null,
  remittance: null,
  state: "unmatched",
  invoices: ["2026-0139"],
  reason: null,
  confidence: null,
};

const NONE = new Map<string, string>();

describe("names", () => {
  test("compare without case, accents and legal form", () => {
    expect(normalizeName("Café 't Hoekje V.O.F.")).toBe("cafe t hoekje");
    expect(namesMatch("JANSEN INSTALLATIE BV", "Jansen Installatie")).toBe(true);
    expect(namesMatch("Bakkerij de Vries", "Bakkerij de Vries Amsterdam")).toBe(true);
    expect(namesMatch("Jansen", "Jans")).toBe(false);
    expect(namesMatch(null, "Jansen")).toBe(false);
  });
});

describe("matchesFilters", () => {
  test("customer by counterparty name or by an invoice's customer", () => {
    expect(matchesFilters(ROW, { ...NO_FILTERS, customer: "Jansen Installatie" }, NONE)).toBe(true);
    expect(matchesFilters(ROW, { ...NO_FILTERS, customer: "Bakkerij de Vries" }, NONE)).toBe(false);
    const customerOf = new Map([["2026-0139", "Bakkerij de Vries"]]);
    expect(matchesFilters(ROW, { ...NO_FILTERS, customer: "Bakkerij de Vries" }, customerOf)).toBe(
      true,
    );
  });

  test("amount range in cents, without sign; a bad bound filters nothing", () => {
    const shown = (amountMin: string, amountMax: string, amount = ROW.amount) =>
      matchesFilters({ ...ROW, amount }, { ...NO_FILTERS, amountMin, amountMax }, NONE);
    expect(shown("1210", "")).toBe(true);
    expect(shown("1210,01", "")).toBe(false);
    expect(shown("", "1.210,00")).toBe(true);
    expect(shown("", "1209,99")).toBe(false);
    expect(shown("40", "50", "-45.99")).toBe(true);
    expect(shown("abc", "")).toBe(true);
  });

  test("date range, both ends included", () => {
    const shown = (from: string, to: string) =>
      matchesFilters(ROW, { ...NO_FILTERS, from, to }, NONE);
    expect(shown("2026-11-25", "2026-11-25")).toBe(true);
    expect(shown("2026-11-26", "")).toBe(false);
    expect(shown("", "2026-11-24")).toBe(false);
  });
});
