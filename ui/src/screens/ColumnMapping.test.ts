import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import App from "../App.svelte";
import { BookState } from "../lib/state/book.svelte";
import { ImportState } from "../lib/state/importer.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import {
  LEDGER_PREVIEW,
  RECOGNISED_MAPPING,
  UNMAPPED_PREVIEW,
  fixtureBackend,
  serve,
  type Backend,
} from "../testing/fixtures";
import Import from "./Import.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

const HEADERS = ["Nr", "Wie", "Wanneer", "Totaal", "Nog te ontvangen"];

/** The Import screen with `paths` previewed. */
async function renderImport(paths: string[], backend: Backend = fixtureBackend()) {
  serve(backend);
  const book = new BookState();
  await book.start();
  const importer = new ImportState(book);
  mounted = render(Import, { book, importer });
  await importer.preview(paths);
  await settle();
  return { backend, importer, root: mounted.target };
}

/** Clicks the mapping button on the card of `path` and waits for the screen. */
async function openMapping(root: HTMLElement, path: string): Promise<HTMLElement> {
  const card = root.querySelector<HTMLElement>(
    `[data-testid="${TestId.ImportPreviewFile}"][data-path="${path}"]`,
  );
  if (card === null) throw new Error(`no preview card for ${path}`);
  byTestId(card, TestId.MapColumnsButton).click();
  await settle();
  return byTestId(root, TestId.MappingScreen);
}

function columnSelects(screen: HTMLElement): HTMLSelectElement[] {
  return [
    ...screen.querySelectorAll<HTMLSelectElement>(`[data-testid="${TestId.MappingColumnSelect}"]`),
  ];
}

function columnSelect(screen: HTMLElement, column: number): HTMLSelectElement {
  const select = screen.querySelector<HTMLSelectElement>(
    `[data-testid="${TestId.MappingColumnSelect}"][data-column="${column}"]`,
  );
  if (select === null) throw new Error(`no select for column ${column}`);
  return select;
}

/** Picks `value` the way the end-to-end test does: set it, then a bubbling change. */
async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await settle();
}

function importButton(root: HTMLElement): HTMLButtonElement {
  return byTestId(root, TestId.MappingImportButton) as HTMLButtonElement;
}

function problems(screen: HTMLElement): string[] {
  const list = screen.querySelector(`[data-testid="${TestId.MappingProblems}"]`);
  return [...(list?.querySelectorAll("li") ?? [])].map((item) => item.textContent?.trim() ?? "");
}

/** Maps the unrecognised CSV: number, name, date, total and open. */
async function mapUnrecognised(screen: HTMLElement): Promise<void> {
  await choose(columnSelect(screen, 0), "invoice_number");
  await choose(columnSelect(screen, 1), "customer_name");
  await choose(columnSelect(screen, 2), "invoice_date");
  await choose(columnSelect(screen, 3), "amount");
  await choose(columnSelect(screen, 4), "open_amount");
}

describe("ColumnMapping", () => {
  test("a ledger that needs mapping opens the screen with its rows and a dropdown per column", async () => {
    const { backend, root } = await renderImport([UNMAPPED_PREVIEW.path]);
    const card = byTestId(root, TestId.ImportPreviewFile);
    expect(card.dataset["needsMapping"]).toBe("true");
    expect(byTestId(card, TestId.MapColumnsButton).textContent?.trim()).toBe(
      "Kolommen toewijzen…",
    );

    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    expect(backend.calls.at(-1)).toEqual({
      command: "ledger_mapping",
      args: { path: UNMAPPED_PREVIEW.path },
    });
    expect(screen.textContent).toContain("export-boekhouding.csv");
    // The mapping screen takes the place of the file list.
    expect(root.querySelector(`[data-testid="${TestId.ImportPreview}"]`)).toBeNull();

    const unrecognised = byTestId(screen, TestId.MappingUnrecognised);
    expect(unrecognised.textContent).toContain("Tegoed herkende de kolommen van dit bestand niet");
    expect(unrecognised.textContent).toContain(
      "'Nr', 'Wie', 'Wanneer', 'Totaal', 'Nog te ontvangen'",
    );

    // The row with the most cells is taken for the headers, and highlighted.
    const headerRow = byTestId(screen, TestId.MappingHeaderRow) as HTMLSelectElement;
    expect(headerRow.value).toBe("1");
    expect(headerRow.selectedOptions[0]?.textContent).toBe(
      "Rij 2: Nr · Wie · Wanneer · Totaal · Nog te ontvangen",
    );
    expect(headerRow.options[0]?.textContent).toBe("Rij 1: Export boekhouding 27-11-2026");
    expect(headerRow.options).toHaveLength(12);
    const preview = byTestId(screen, TestId.MappingPreview);
    const rows = [...preview.querySelectorAll<HTMLElement>("tbody tr")];
    expect(rows).toHaveLength(12);
    const cells = (row: HTMLElement | undefined) =>
      [...(row?.querySelectorAll("td") ?? [])].map((cell) => cell.textContent);
    expect(
      rows.filter((row) => row.classList.contains("header-row")).map((row) => row.dataset["row"]),
    ).toEqual(["1"]);
    expect(cells(rows[1])).toEqual(HEADERS);
    expect(cells(rows[2])).toEqual([
      "F-101",
      "Bakkerij de Vries",
      "01-09-2026",
      "8.666,54",
      "8.666,54",
    ]);
    expect(screen.textContent).toContain("De eerste 12 van 42 rijen");

    const selects = columnSelects(screen);
    expect(selects.map((select) => select.dataset["column"])).toEqual(["0", "1", "2", "3", "4"]);
    expect(selects.map((select) => select.value)).toEqual(["", "", "", "", ""]);
    expect(selects[3]?.getAttribute("aria-label")).toBe("Kolom D (Totaal)");
    expect([...(selects[0]?.options ?? [])].map((option) => option.textContent)).toEqual([
      "— niet gebruikt —",
      "Factuurnummer",
      "Klantcode",
      "Klantnaam",
      "Factuurdatum",
      "Vervaldatum",
      "Bedrag incl. btw",
      "Openstaand",
      "Valuta",
      "Betalingskenmerk",
      "Status",
      "Gecrediteerde factuur",
      "Betaaltermijn (dagen)",
      "Ordernummer",
      "E-mail",
      "IBAN",
    ]);
    expect(screen.querySelector(`[data-testid="${TestId.MappingConfidence}"]`)).toBeNull();
    expect(screen.querySelector(`[data-testid="${TestId.MappingTab}"]`)).toBeNull();
    expect((byTestId(screen, TestId.MappingSheetSelect) as HTMLSelectElement).disabled).toBe(true);
    expect(screen.textContent).toContain(
      "Tegoed onthoudt deze toewijzing voor bestanden met dezelfde kolommen",
    );
    expect(importButton(root).textContent?.trim()).toBe("Importeren met deze kolommen");
    expect(importButton(root).disabled).toBe(true);
  });

  test("the invoice number and an amount are required, and a field goes on one column", async () => {
    const { root } = await renderImport([UNMAPPED_PREVIEW.path]);
    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    expect(problems(screen)).toEqual([
      "Kies de kolom met het factuurnummer.",
      "Kies de kolom met het bedrag incl. btw of met het openstaande bedrag.",
    ]);

    await choose(columnSelect(screen, 0), "invoice_number");
    expect(problems(screen)).toEqual([
      "Kies de kolom met het bedrag incl. btw of met het openstaande bedrag.",
    ]);
    expect(importButton(root).disabled).toBe(true);

    await choose(columnSelect(screen, 4), "open_amount");
    expect(problems(screen)).toEqual([]);
    expect(screen.textContent).toContain("Alle benodigde kolommen zijn gekozen.");
    expect(screen.dataset["valid"]).toBe("true");
    expect(importButton(root).disabled).toBe(false);

    await choose(columnSelect(screen, 3), "open_amount");
    expect(problems(screen)).toEqual([
      "‘Openstaand’ is gekozen voor de kolommen D en E; een veld hoort bij één kolom.",
    ]);
    expect(
      columnSelects(screen).map((select) => select.getAttribute("aria-invalid") ?? "false"),
    ).toEqual(["false", "false", "false", "true", "true"]);
    expect(importButton(root).disabled).toBe(true);

    await choose(columnSelect(screen, 3), "amount");
    expect(problems(screen)).toEqual([]);
    expect(importButton(root).disabled).toBe(false);
  });

  test("the chosen columns and header row are what import_ledger gets", async () => {
    const { backend, root } = await renderImport([UNMAPPED_PREVIEW.path]);
    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    await mapUnrecognised(screen);
    await choose(columnSelect(screen, 1), "customer_code");
    // A header row chosen by hand, and back: its cells are the headers.
    await choose(byTestId(screen, TestId.MappingHeaderRow) as HTMLSelectElement, "0");
    const preview = byTestId(screen, TestId.MappingPreview);
    expect(
      [...preview.querySelectorAll<HTMLElement>("tr.header-row")].map((row) => row.dataset["row"]),
    ).toEqual(["0"]);
    await choose(byTestId(screen, TestId.MappingHeaderRow) as HTMLSelectElement, "1");

    backend.calls.length = 0;
    importButton(root).click();
    await settle();
    expect(backend.calls[0]).toEqual({
      command: "import_ledger",
      args: {
        path: UNMAPPED_PREVIEW.path,
        mapping: {
          invoices: {
            sheet: "export-boekhouding",
            header_row: 1,
            headers: HEADERS,
            columns: [
              { field: "invoice_number", column: 0, confidence: 100 },
              { field: "customer_code", column: 1, confidence: 100 },
              { field: "invoice_date", column: 2, confidence: 100 },
              { field: "amount", column: 3, confidence: 100 },
              { field: "open_amount", column: 4, confidence: 100 },
            ],
          },
          customers: null,
        },
      },
    });
  });

  test("after the import the result is listed, the file leaves the list and the book reloads", async () => {
    const { backend, importer, root } = await renderImport([
      UNMAPPED_PREVIEW.path,
      LEDGER_PREVIEW.path,
    ]);
    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    await mapUnrecognised(screen);

    backend.calls.length = 0;
    importButton(root).click();
    await settle();

    expect(backend.calls.map((call) => call.command).slice(1).sort()).toEqual(
      [
        "accounts",
        "book_status",
        "customers",
        "letters",
        "receivables",
        "transactions",
        "unlinked_documents",
      ].sort(),
    );
    expect(importer.mapping).toBeNull();
    expect(root.querySelector(`[data-testid="${TestId.MappingScreen}"]`)).toBeNull();
    const result = byTestId(byTestId(root, TestId.ImportResults), TestId.ImportResult);
    expect(result.dataset["file"]).toBe("export-boekhouding.csv");
    expect(result.dataset["added"]).toBe("18");
    expect(result.dataset["failed"]).toBe("false");
    expect(result.textContent).toContain("18 toegevoegd");
    expect(
      [...root.querySelectorAll<HTMLElement>(`[data-testid="${TestId.ImportPreviewFile}"]`)].map(
        (card) => card.dataset["path"],
      ),
    ).toEqual([LEDGER_PREVIEW.path]);
  });

  test("an error from import_ledger stays on the screen with the mapping", async () => {
    const backend = fixtureBackend({
      ledgerError: {
        kind: "input",
        message:
          "export-boekhouding.csv, sheet export-boekhouding, cell D5 (Totaal): 'honderd' is not an amount (expected e.g. 1234,56 or 1234.56 or -121,00)",
      },
    });
    const { importer, root } = await renderImport([UNMAPPED_PREVIEW.path], backend);
    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    await mapUnrecognised(screen);
    importButton(root).click();
    await settle();

    const error = byTestId(screen, TestId.MappingError);
    expect(error.dataset["kind"]).toBe("input");
    expect(error.textContent).toContain("Er klopt iets niet aan de invoer");
    expect(error.textContent).toContain("cell D5 (Totaal): 'honderd' is not an amount");
    expect(byTestId(root, TestId.MappingScreen)).toBe(screen);
    expect(columnSelect(screen, 3).value).toBe("amount");
    expect(importButton(root).disabled).toBe(false);
    expect(importer.outcomes).toEqual([]);
    expect(importer.previews.map((preview) => preview.path)).toEqual([UNMAPPED_PREVIEW.path]);
    // The app-wide banner is for the book, not for this file.
    expect(root.querySelector(`[data-testid="${TestId.ErrorBanner}"]`)).toBeNull();
  });

  test("Cancel closes the screen and keeps the file waiting", async () => {
    const { backend, root } = await renderImport([UNMAPPED_PREVIEW.path]);
    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    await choose(columnSelect(screen, 0), "invoice_number");
    byTestId(screen, TestId.MappingCancelButton).click();
    await settle();
    expect(root.querySelector(`[data-testid="${TestId.MappingScreen}"]`)).toBeNull();
    expect(byTestId(root, TestId.ImportPreviewFile).dataset["path"]).toBe(UNMAPPED_PREVIEW.path);
    expect(backend.calls.map((call) => call.command)).not.toContain("import_ledger");
  });

  test("a recognised ledger can be adjusted: its columns pre-selected, with how sure Tegoed was", async () => {
    const { backend, root } = await renderImport([LEDGER_PREVIEW.path]);
    const button = byTestId(byTestId(root, TestId.ImportPreviewFile), TestId.MapColumnsButton);
    expect(button.textContent?.trim()).toBe("Kolommen aanpassen…");
    const screen = await openMapping(root, LEDGER_PREVIEW.path);

    expect(screen.querySelector(`[data-testid="${TestId.MappingUnrecognised}"]`)).toBeNull();
    expect(screen.textContent).toContain("Tegoed heeft de kolommen hieronder herkend");
    expect(columnSelects(screen).map((select) => select.value)).toEqual([
      "invoice_number",
      "customer_code",
      "invoice_date",
      "due_date",
      "amount",
      "open_amount",
    ]);
    const confidence = [
      ...screen.querySelectorAll<HTMLElement>(`[data-testid="${TestId.MappingConfidence}"]`),
    ];
    expect(confidence.map((hint) => hint.textContent?.trim())).toEqual([
      "98 %",
      "73 %",
      "90 %",
      "88 %",
      "95 %",
      "91 %",
    ]);
    const sheets = byTestId(screen, TestId.MappingSheetSelect) as HTMLSelectElement;
    expect(sheets.value).toBe("Facturen");
    expect([...sheets.options].map((option) => option.value)).toEqual([
      "Facturen",
      "Klanten",
      "Notities",
    ]);
    expect(importButton(root).disabled).toBe(false);

    // The customers table has its own tab, with the fields of a customer.
    const tabs = [...screen.querySelectorAll<HTMLElement>(`[data-testid="${TestId.MappingTab}"]`)];
    expect(
      tabs.map((tab) => [tab.textContent?.trim(), tab.getAttribute("aria-selected")]),
    ).toEqual([
      ["Facturen", "true"],
      ["Klanten", "false"],
    ]);
    tabs[1]?.click();
    await settle();
    expect(sheets.value).toBe("Klanten");
    expect(columnSelects(screen).map((select) => select.value)).toEqual([
      "customer_code",
      "customer_name",
      "email",
    ]);
    const options = [...columnSelect(screen, 2).options].map((option) => option.value);
    expect(options).toContain("postal_code");
    expect(options).not.toContain("invoice_number");
    await choose(columnSelect(screen, 2), "phone");

    backend.calls.length = 0;
    importButton(root).click();
    await settle();
    expect(backend.calls[0]).toEqual({
      command: "import_ledger",
      args: {
        path: LEDGER_PREVIEW.path,
        mapping: {
          invoices: RECOGNISED_MAPPING.invoices,
          customers: {
            ...RECOGNISED_MAPPING.customers,
            columns: [
              { field: "customer_code", column: 0, confidence: 97 },
              { field: "customer_name", column: 1, confidence: 99 },
              { field: "phone", column: 2, confidence: 100 },
            ],
          },
        },
      },
    });
  });

  test("a ledger that cannot be read shows why, and can be tried again", async () => {
    const backend = fixtureBackend();
    backend.mappingScreens = {};
    const { root } = await renderImport([UNMAPPED_PREVIEW.path], backend);
    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    expect(byTestId(screen, TestId.MappingError).textContent).toContain("no such file");
    expect(screen.querySelector(`[data-testid="${TestId.MappingPreview}"]`)).toBeNull();
    expect(importButton(root).disabled).toBe(true);

    backend.mappingScreens = fixtureBackend().mappingScreens;
    const retry = [...byTestId(screen, TestId.MappingError).querySelectorAll("button")].find(
      (button) => button.textContent?.trim() === "Opnieuw proberen",
    );
    retry?.click();
    await settle();
    expect(screen.querySelector(`[data-testid="${TestId.MappingError}"]`)).toBeNull();
    expect(columnSelects(screen)).toHaveLength(5);
  });

  test("speaks English", async () => {
    const { root } = await renderImport(
      [UNMAPPED_PREVIEW.path],
      fixtureBackend({ language: "en" }),
    );
    expect(byTestId(root, TestId.MapColumnsButton).textContent?.trim()).toBe("Map columns…");
    const screen = await openMapping(root, UNMAPPED_PREVIEW.path);
    expect(screen.textContent).toContain("Tegoed did not recognise the columns of this file");
    const labels = [...columnSelect(screen, 0).options].map((option) => option.textContent);
    expect(labels.slice(0, 3)).toEqual(["— not used —", "Invoice number", "Customer code"]);
    expect(labels).toContain("Amount incl. VAT");
    expect(importButton(root).textContent?.trim()).toBe("Import with these columns");
    expect(byTestId(screen, TestId.MappingCancelButton).textContent?.trim()).toBe("Cancel");
  });

  test("end to end in the app: drop, map by data-column, import", async () => {
    const backend = fixtureBackend();
    serve(backend);
    mounted = render(App, { book: new BookState() });
    await settle();
    const root = mounted.target;

    await window.__tegoedDropPaths?.([UNMAPPED_PREVIEW.path]);
    await settle();
    const card = byTestId(root, TestId.ImportPreviewFile);
    expect(card.dataset["needsMapping"]).toBe("true");
    byTestId(card, TestId.MapColumnsButton).click();
    await settle();

    const screen = byTestId(root, TestId.MappingScreen);
    expect(screen.dataset["loading"]).toBe("false");
    for (const [column, field] of [
      ["0", "invoice_number"],
      ["1", "customer_name"],
      ["3", "amount"],
    ]) {
      const select = screen.querySelector<HTMLSelectElement>(
        `[data-testid="mapping-column-select"][data-column="${column}"]`,
      );
      if (select === null) throw new Error(`no select for column ${column}`);
      select.value = field ?? "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    await settle();
    expect(screen.dataset["valid"]).toBe("true");
    importButton(root).click();
    await settle();

    const result = byTestId(root, TestId.ImportResult);
    expect(result.dataset["file"]).toBe("export-boekhouding.csv");
    expect(result.dataset["added"]).toBe("18");
    expect(root.querySelector(`[data-testid="${TestId.MappingScreen}"]`)).toBeNull();
    expect(root.querySelector(`[data-testid="${TestId.ImportPreviewFile}"]`)).toBeNull();
  });
});
