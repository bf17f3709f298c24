import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import {
  LEDGER_PREVIEW,
  RECOGNISED_MAPPING,
  UNMAPPED_PREVIEW,
  fixtureBackend,
  serve,
  type Backend,
} from "../../testing/fixtures";
import type { TableColumns } from "../api/types";
import { MappingState, validate } from "./mapping.svelte";

afterEach(() => clearMocks());

async function open(path: string, backend: Backend = fixtureBackend()) {
  serve(backend);
  const mapping = new MappingState(path);
  await mapping.load();
  return { backend, mapping };
}

function table(columns: [string, number][]): TableColumns {
  return {
    sheet: "Blad1",
    header_row: 0,
    headers: [],
    columns: columns.map(([field, column]) => ({ field, column, confidence: 100 })),
  };
}

describe("validate", () => {
  test("an invoice number and an amount are enough", () => {
    expect(validate(table([["invoice_number", 0], ["amount", 3]]), null)).toEqual([]);
    expect(validate(table([["invoice_number", 0], ["open_amount", 4]]), null)).toEqual([]);
  });

  test("names each missing field", () => {
    expect(validate(table([]), null)).toEqual([
      { kind: "missing_invoice_number" },
      { kind: "missing_amount" },
    ]);
    expect(validate(table([["amount", 1]]), null)).toEqual([{ kind: "missing_invoice_number" }]);
    expect(validate(null, null)).toEqual([{ kind: "no_sheet" }]);
  });

  test("a customers table needs a code or a name", () => {
    const invoices = table([["invoice_number", 0], ["amount", 1]]);
    expect(validate(invoices, table([["email", 2]]))).toEqual([{ kind: "missing_customer" }]);
    expect(validate(invoices, table([["customer_name", 2]]))).toEqual([]);
  });

  test("a field on two columns is a clash, with the columns in order", () => {
    const invoices = table([
      ["invoice_number", 0],
      ["amount", 4],
      ["amount", 3],
    ]);
    expect(validate(invoices, table([["customer_code", 0], ["customer_code", 1]]))).toEqual([
      { kind: "duplicate", table: "invoices", field: "amount", columns: [3, 4] },
      { kind: "duplicate", table: "customers", field: "customer_code", columns: [0, 1] },
    ]);
  });
});

describe("MappingState", () => {
  test("an unrecognised ledger starts unmapped, its most header-like row as the header row", async () => {
    const { backend, mapping } = await open(UNMAPPED_PREVIEW.path);
    expect(backend.calls.at(-1)).toEqual({
      command: "ledger_mapping",
      args: { path: UNMAPPED_PREVIEW.path },
    });
    expect(mapping.file).toBe("export-boekhouding.csv");
    expect(mapping.recognised).toBe(false);
    expect(mapping.tables).toEqual(["invoices"]);
    expect(mapping.invoices).toEqual({
      sheet: "export-boekhouding",
      header_row: 1,
      headers: ["Nr", "Wie", "Wanneer", "Totaal", "Nog te ontvangen"],
      columns: [],
    });
    expect(mapping.columnCount("invoices")).toBe(5);
    expect(mapping.fields("invoices").map((field) => field.key)).toContain("invoice_number");
    expect(mapping.fields("invoices").map((field) => field.key)).not.toContain("postal_code");
    expect(mapping.problems.map((problem) => problem.kind)).toEqual([
      "missing_invoice_number",
      "missing_amount",
    ]);
    expect(mapping.canImport).toBe(false);
  });

  test("fields chosen per column make the mapping that is sent", async () => {
    const { mapping } = await open(UNMAPPED_PREVIEW.path);
    mapping.assign("invoices", 4, "open_amount");
    mapping.assign("invoices", 0, "invoice_number");
    mapping.assign("invoices", 1, "customer_name");
    mapping.assign("invoices", 1, null);
    expect(mapping.canImport).toBe(true);
    expect(mapping.mapping).toEqual({
      invoices: {
        sheet: "export-boekhouding",
        header_row: 1,
        headers: ["Nr", "Wie", "Wanneer", "Totaal", "Nog te ontvangen"],
        columns: [
          { field: "invoice_number", column: 0, confidence: 100 },
          { field: "open_amount", column: 4, confidence: 100 },
        ],
      },
      customers: null,
    });
  });

  test("another header row brings its cells as the headers and keeps the columns", async () => {
    const { mapping } = await open(UNMAPPED_PREVIEW.path);
    mapping.assign("invoices", 0, "invoice_number");
    mapping.chooseHeaderRow("invoices", 0);
    expect(mapping.invoices?.header_row).toBe(0);
    expect(mapping.invoices?.headers).toEqual(["Export boekhouding 27-11-2026"]);
    expect(mapping.fieldAt("invoices", 0)).toBe("invoice_number");
    expect(mapping.headerRowChoices("invoices")).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(mapping.previewRows("invoices")).toHaveLength(12);
  });

  test("a recognised ledger starts from Rust's mapping and shows its confidence", async () => {
    const { mapping } = await open(LEDGER_PREVIEW.path);
    expect(mapping.recognised).toBe(true);
    expect(mapping.tables).toEqual(["invoices", "customers"]);
    expect(mapping.mapping).toEqual(RECOGNISED_MAPPING);
    expect(mapping.canImport).toBe(true);
    expect(mapping.confidenceAt("invoices", 1)).toBe(73);
    expect(mapping.fields("customers").map((field) => field.key)).not.toContain("invoice_number");
    expect(mapping.fields("customers").map((field) => field.key)).toContain("postal_code");

    // A person's choice has no confidence to show; putting Rust's field back does.
    mapping.assign("invoices", 1, "customer_name");
    expect(mapping.confidenceAt("invoices", 1)).toBeNull();
    expect(mapping.invoices?.columns[1]).toEqual({
      field: "customer_name",
      column: 1,
      confidence: 100,
    });
    mapping.assign("invoices", 1, "customer_code");
    expect(mapping.confidenceAt("invoices", 1)).toBe(73);
  });

  test("a field put on a second column is a clash until one is cleared", async () => {
    const { mapping } = await open(LEDGER_PREVIEW.path);
    mapping.assign("invoices", 5, "amount");
    expect(mapping.problems).toEqual([
      { kind: "duplicate", table: "invoices", field: "amount", columns: [4, 5] },
    ]);
    expect([...mapping.clashing("invoices")]).toEqual([4, 5]);
    expect(mapping.canImport).toBe(false);
    mapping.assign("invoices", 4, null);
    expect(mapping.canImport).toBe(true);
  });

  test("another sheet starts unmapped; going back restores Rust's mapping", async () => {
    const { mapping } = await open(LEDGER_PREVIEW.path);
    mapping.chooseSheet("customers", "Notities");
    expect(mapping.customers).toEqual({
      sheet: "Notities",
      header_row: 0,
      headers: ["Bijgewerkt op 27-11-2026"],
      columns: [],
    });
    expect(mapping.problems).toEqual([{ kind: "missing_customer" }]);
    mapping.chooseSheet("customers", "Klanten");
    expect(mapping.customers).toEqual(RECOGNISED_MAPPING.customers);
  });

  test("a saved mapping shows no confidence", async () => {
    const backend = fixtureBackend();
    const screen = backend.mappingScreens[LEDGER_PREVIEW.path]!;
    backend.mappingScreens = { [LEDGER_PREVIEW.path]: { ...screen, saved: true } };
    const { mapping } = await open(LEDGER_PREVIEW.path, backend);
    expect(mapping.confidenceAt("invoices", 1)).toBeNull();
  });

  test("import sends the mapping and keeps Rust's error", async () => {
    const backend = fixtureBackend({
      ledgerError: { kind: "input", message: "cell E3: 'n.v.t.' is not an amount" },
    });
    const { mapping } = await open(LEDGER_PREVIEW.path, backend);
    expect(await mapping.import()).toBeNull();
    expect(mapping.error).toEqual({ kind: "input", message: "cell E3: 'n.v.t.' is not an amount" });
    expect(mapping.importing).toBe(false);
    expect(backend.calls.at(-1)).toEqual({
      command: "import_ledger",
      args: { path: LEDGER_PREVIEW.path, mapping: RECOGNISED_MAPPING },
    });

    backend.ledgerError = null;
    expect((await mapping.import())?.added).toBe(40);
    expect(mapping.error).toBeNull();
  });

  test("a ledger that cannot be read leaves the error and nothing to import", async () => {
    const { mapping } = await open("/home/test/weg.xlsx");
    expect(mapping.screen).toBeNull();
    expect(mapping.error?.message).toContain("no such file");
    expect(mapping.canImport).toBe(false);
    expect(await mapping.import()).toBeNull();
  });
});
