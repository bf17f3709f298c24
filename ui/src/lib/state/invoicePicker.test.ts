import { describe, expect, test } from "vitest";
import type { InvoiceRow } from "../api/types";
import { candidates, chosenNumber, fitsTyped } from "./invoicePicker";

function invoice(number: string, customer: string, open: string): InvoiceRow {
  return {
    number,
    customer,
    customer_code: customer.slice(0, 3),
    invoice_date: "2026-10-01",
    due_date: "2026-10-31",
    amount: open,
    open_amount: open,
    currency: "EUR",
    status: "open",
    days_overdue: 10,
    stage: "none",
  } as unknown as InvoiceRow;
}

const open = [
  invoice("2026-0141", "Bakkerij De Korenschoof", "605.00"),
  invoice("2026-0143", "Jansen Installatie", "544.50"),
  invoice("2026-0150", "Jansen Installatie", "1210.00"),
  invoice("2026-0152", "Drukkerij Vos", "544.50"),
];

describe("invoice picker", () => {
  test("digits alone find the number they end", () => {
    expect(fitsTyped(open[1]!, "143")).toBe(true);
    expect(fitsTyped(open[0]!, "143")).toBe(false);
    expect(candidates(open, null, "0.00", "fact. nr 143").map((row) => row.number)).toEqual([
      "2026-0143",
    ]);
    expect(candidates(open, null, "0.00", "143").map((row) => row.number)).toEqual(["2026-0143"]);
  });

  test("the payer's invoices come first, then those of the payment's amount", () => {
    const listed = candidates(open, "JANSEN INSTALLATIE BV", "544.50", "");
    expect(listed.map((row) => row.number)).toEqual([
      "2026-0143",
      "2026-0150",
      "2026-0152",
      "2026-0141",
    ]);
  });

  test("a customer's name filters", () => {
    expect(candidates(open, null, "1.00", "vos").map((row) => row.number)).toEqual(["2026-0152"]);
  });

  test("OK takes the exact number, else the only candidate, else what was typed", () => {
    expect(chosenNumber(open, "2026-0150")).toBe("2026-0150");
    expect(chosenNumber([open[1]!], "143")).toBe("2026-0143");
    expect(chosenNumber(open, "9999")).toBe("9999");
    expect(chosenNumber([], " 2026-0199 ")).toBe("2026-0199");
  });
});
