import { describe, expect, test } from "vitest";
import {
  amountKind,
  likelyDateFormat,
  likelySkipLines,
  toBankCsvMapping,
  validateBank,
  type BankRoles,
} from "./bankMapping.svelte";

const SETTINGS = {
  skipLines: 1,
  dateFormat: "%d-%m-%Y",
  decimalComma: true,
  debitWord: "Af",
  account: "",
};

describe("amountKind", () => {
  test("follows from the roles chosen", () => {
    expect(amountKind(["date"])).toBeNull();
    expect(amountKind(["date", "amount"])).toBe("signed");
    expect(amountKind(["date", "sign", "amount"])).toBe("with_sign");
    expect(amountKind(["date", "debit", "credit"])).toBe("debit_credit");
    expect(amountKind(["date", null, "credit"])).toBe("debit_credit");
  });
});

describe("validateBank", () => {
  const kinds = (roles: BankRoles, debitWord = "", account = "") =>
    validateBank(roles, debitWord, account).map((problem) => problem.kind);

  test("needs a date, an amount and an own account", () => {
    expect(kinds([])).toEqual(["missing_date", "missing_amount", "missing_account"]);
    expect(kinds(["date", "amount"], "", "NL91 ABNA 0417 1643 00")).toEqual([]);
    expect(kinds(["date", "amount", "account"])).toEqual([]);
    expect(kinds(["date", "amount"], "", "   ")).toEqual(["missing_account"]);
  });

  test("a sign column needs the word for debit", () => {
    expect(kinds(["date", "amount", "sign", "account"])).toEqual(["missing_debit_word"]);
    expect(kinds(["date", "amount", "sign", "account"], "D")).toEqual([]);
  });

  test("debit and credit come as a pair, without an amount column", () => {
    expect(kinds(["date", "debit", "account"])).toEqual(["missing_debit_credit"]);
    expect(kinds(["date", "debit", "credit", "account"])).toEqual([]);
    expect(kinds(["date", "debit", "credit", "amount", "account"])).toEqual([
      "amount_and_debit_credit",
    ]);
  });
});

describe("defaults", () => {
  test("a first row without an amount is a header line to skip", () => {
    expect(likelySkipLines([["Datum", "Bedrag"], ["27-11-2026", "12,50"]])).toBe(1);
    expect(likelySkipLines([["20261127", "NL91ABNA0417164300", "-12.50"]])).toBe(0);
    expect(likelySkipLines([])).toBe(1);
  });

  test("the date format is recognised from a cell", () => {
    expect(likelyDateFormat("27-11-2026")).toBe("%d-%m-%Y");
    expect(likelyDateFormat("2026-11-27")).toBe("%Y-%m-%d");
    expect(likelyDateFormat("27/11/2026")).toBe("%d/%m/%Y");
    expect(likelyDateFormat(" 20261127 ")).toBe("%Y%m%d");
    expect(likelyDateFormat("27.11.2026")).toBe("%d.%m.%Y");
    expect(likelyDateFormat("gisteren")).toBeNull();
  });
});

describe("toBankCsvMapping", () => {
  test("sends only the columns the amount kind uses", () => {
    const roles: BankRoles = [
      "date",
      "counterparty_name",
      "account",
      "counterparty_iban",
      "sign",
      "amount",
      "remittance",
      "bank_reference",
      "remittance",
    ];
    expect(toBankCsvMapping(roles, SETTINGS)).toEqual({
      skip_lines: 1,
      date_column: 0,
      date_format: "%d-%m-%Y",
      amount_kind: "with_sign",
      amount_column: 5,
      sign_column: 4,
      debit_word: "Af",
      debit_column: null,
      credit_column: null,
      decimal_comma: true,
      account_column: 2,
      account: null,
      counterparty_name_column: 1,
      counterparty_iban_column: 3,
      remittance_columns: [6, 8],
      bank_reference_column: 7,
    });
  });

  test("debit and credit columns with a typed own IBAN", () => {
    const mapping = toBankCsvMapping([null, "date", "debit", "credit"], {
      ...SETTINGS,
      skipLines: 0,
      account: "nl91 abna 0417 1643 00",
    });
    expect(mapping).toMatchObject({
      skip_lines: 0,
      date_column: 1,
      amount_kind: "debit_credit",
      amount_column: null,
      sign_column: null,
      debit_word: null,
      debit_column: 2,
      credit_column: 3,
      account_column: null,
      account: "NL91ABNA0417164300",
      remittance_columns: [],
    });
  });

  test("nothing without a date or an amount", () => {
    expect(toBankCsvMapping(["amount"], SETTINGS)).toBeNull();
    expect(toBankCsvMapping(["date"], SETTINGS)).toBeNull();
  });
});
