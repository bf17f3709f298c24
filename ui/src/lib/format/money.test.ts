import { describe, expect, test } from "vitest";
import {
  centsToDecimal,
  compareDecimal,
  formatMoney,
  isNegative,
  isZero,
  parseCents,
  parseDecimal,
  sharePerMille,
} from "./money";

// Intl puts a no-break space between the euro sign and the amount in Dutch.
const NBSP = "\u00a0";

describe("formatMoney nl", () => {
  test.each([
    ["1234.50", `€${NBSP}1.234,50`],
    ["-1234.50", `€${NBSP}-1.234,50`],
    ["0.00", `€${NBSP}0,00`],
    ["-0.00", `€${NBSP}0,00`],
    ["0.05", `€${NBSP}0,05`],
    ["999.99", `€${NBSP}999,99`],
    ["1000.00", `€${NBSP}1.000,00`],
    ["12345.67", `€${NBSP}12.345,67`],
    ["1234567.89", `€${NBSP}1.234.567,89`],
    ["-987654321.00", `€${NBSP}-987.654.321,00`],
  ])("%s → %s", (amount, expected) => {
    expect(formatMoney(amount, "nl")).toBe(expected);
  });
});

describe("formatMoney en", () => {
  test.each([
    ["1234.50", "€1,234.50"],
    ["-1234.50", "-€1,234.50"],
    ["0.00", "€0.00"],
    ["-0.00", "€0.00"],
    ["0.05", "€0.05"],
    ["1000.00", "€1,000.00"],
    ["12345.67", "€12,345.67"],
    ["1234567.89", "€1,234,567.89"],
    ["-987654321.00", "-€987,654,321.00"],
  ])("%s → %s", (amount, expected) => {
    expect(formatMoney(amount, "en")).toBe(expected);
  });
});

describe("formatMoney edge cases", () => {
  test("pads a short fraction and keeps an integer", () => {
    expect(formatMoney("5", "en")).toBe("€5.00");
    expect(formatMoney("5.5", "en")).toBe("€5.50");
    expect(formatMoney("+7.10", "en")).toBe("€7.10");
  });

  test("never rounds: extra non-zero digits stay, extra zeros go", () => {
    expect(formatMoney("1.005", "en")).toBe("€1.005");
    expect(formatMoney("1.2500", "en")).toBe("€1.25");
  });

  test("keeps amounts beyond float precision exact", () => {
    expect(formatMoney("90071992547409931.99", "en")).toBe("€90,071,992,547,409,931.99");
  });

  test("drops leading zeros", () => {
    expect(formatMoney("0001234.50", "nl")).toBe(`€${NBSP}1.234,50`);
  });

  test("shows what is not a decimal unchanged", () => {
    expect(formatMoney("n/a", "nl")).toBe("n/a");
    expect(formatMoney("1,234.50", "en")).toBe("1,234.50");
    expect(formatMoney("", "en")).toBe("");
  });

  test("other currencies use their own symbol", () => {
    expect(formatMoney("-12.30", "en", "USD")).toBe("-US$12.30");
  });

  test("agrees with Intl on every cent value it can represent", () => {
    for (const language of ["nl", "en"] as const) {
      const intl = new Intl.NumberFormat(language === "nl" ? "nl-NL" : "en-GB", {
        style: "currency",
        currency: "EUR",
      });
      for (const cents of [1, 99, 100, 12345, 99999, 100000, 123456789, 98765432101]) {
        for (const sign of [1, -1]) {
          const whole = Math.floor(cents / 100);
          const fraction = String(cents % 100).padStart(2, "0");
          const text = `${sign < 0 ? "-" : ""}${whole}.${fraction}`;
          expect(formatMoney(text, language)).toBe(intl.format(Number(text)));
        }
      }
    }
  });
});

describe("decimal helpers", () => {
  test("parseDecimal splits sign, integer and fraction", () => {
    expect(parseDecimal("-1234.50")).toEqual({ negative: true, integer: "1234", fraction: "50" });
    expect(parseDecimal("x")).toBeNull();
  });

  test("isNegative and isZero read the string", () => {
    expect(isNegative("-0.01")).toBe(true);
    expect(isNegative("-0.00")).toBe(false);
    expect(isNegative("12.00")).toBe(false);
    expect(isZero("0.00")).toBe(true);
    expect(isZero("-0.00")).toBe(true);
    expect(isZero("0.01")).toBe(false);
  });

  test("compareDecimal orders exactly", () => {
    const sorted = ["10.00", "-5.00", "9.99", "100.00", "-10.50", "0.00", "9.9"].sort(
      compareDecimal,
    );
    expect(sorted).toEqual(["-10.50", "-5.00", "0.00", "9.9", "9.99", "10.00", "100.00"]);
    expect(compareDecimal("1.10", "1.1")).toBe(0);
    expect(compareDecimal("abc", "1.00")).toBeGreaterThan(0);
  });

  test("sharePerMille gives bar proportions in thousandths", () => {
    expect(sharePerMille("25.00", "100.00")).toBe(250);
    expect(sharePerMille("1.00", "3.00")).toBe(333);
    expect(sharePerMille("0.00", "100.00")).toBe(0);
    expect(sharePerMille("5.00", "0.00")).toBe(0);
    expect(sharePerMille("150.00", "100.00")).toBe(1000);
    expect(sharePerMille("-5.00", "100.00")).toBe(0);
  });
});

describe("parseCents", () => {
  test("reads typed amounts and decimal strings as whole cents", () => {
    expect(parseCents("12,50")).toBe(1250n);
    expect(parseCents("12.5")).toBe(1250n);
    expect(parseCents(" 1.234,56 ")).toBe(123456n);
    expect(parseCents("1,234.56")).toBe(123456n);
    expect(parseCents("1.234")).toBe(123400n);
    expect(parseCents("-8666.54")).toBe(-866654n);
    expect(parseCents("+3")).toBe(300n);
    expect(parseCents("0,07")).toBe(7n);
  });

  test("refuses what is not an amount in cents", () => {
    for (const text of ["", "abc", "12,345,6", "1.2.3", "12.5x", "1.2345", "€ 5", "-"]) {
      expect(parseCents(text), text).toBeNull();
    }
  });
});

describe("centsToDecimal", () => {
  test("writes two decimals and the sign", () => {
    expect(centsToDecimal(1250n)).toBe("12.50");
    expect(centsToDecimal(-7n)).toBe("-0.07");
    expect(centsToDecimal(0n)).toBe("0.00");
    expect(centsToDecimal(866654n)).toBe("8666.54");
  });
});
