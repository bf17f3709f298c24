import { emit } from "@tauri-apps/api/event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BookState } from "../lib/state/book.svelte";
import { ImportState } from "../lib/state/importer.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import {
  BANK_PREVIEW,
  BROKEN_PREVIEW,
  LEDGER_PREVIEW,
  PDF_PREVIEW,
  UNLINKED_DOCUMENTS,
  fixtureBackend,
  serve,
  type Backend,
} from "../testing/fixtures";
import Import from "./Import.svelte";

const NBSP = "\u00a0";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderImport(backend: Backend = fixtureBackend()) {
  serve(backend);
  const book = new BookState();
  await book.start();
  const importer = new ImportState(book);
  mounted = render(Import, { book, importer });
  await settle();
  return { backend, book, importer, root: mounted.target };
}

function cards(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-testid="${TestId.ImportPreviewFile}"]`)];
}

function card(root: HTMLElement, file: string): HTMLElement {
  const found = cards(root).find((element) => element.textContent?.includes(file));
  if (found === undefined) throw new Error(`no preview card for ${file}`);
  return found;
}

function commitButton(root: HTMLElement): HTMLButtonElement {
  return byTestId(root, TestId.ImportCommitButton) as HTMLButtonElement;
}

function commands(backend: Backend): string[] {
  return backend.calls.map((call) => call.command);
}

const ALL = [BANK_PREVIEW.path, LEDGER_PREVIEW.path, PDF_PREVIEW.path, BROKEN_PREVIEW.path];

describe("Import", () => {
  test("the drop zone offers the file dialog, and nothing is shown when it is cancelled", async () => {
    const { backend, root } = await renderImport();
    const zone = byTestId(root, TestId.ImportDropZone);
    expect(zone.textContent).toContain("Sleep bankafschriften, grootboeken of factuur-PDF's hierheen");
    const pick = byTestId(zone, TestId.ImportPickButton);
    expect(pick.textContent?.trim()).toBe("Bestanden kiezen…");

    backend.calls.length = 0;
    pick.click();
    await settle();
    expect(commands(backend)).toEqual(["pick_import_files"]);
    expect(root.querySelector(`[data-testid="${TestId.ImportPreview}"]`)).toBeNull();
  });

  test("picked files are previewed: statements with formatted money and the adds-up check", async () => {
    const { backend, root } = await renderImport(fixtureBackend({ picked: [BANK_PREVIEW.path] }));
    byTestId(root, TestId.ImportPickButton).click();
    await settle();

    expect(backend.calls.at(-1)).toEqual({
      command: "preview_files",
      args: { paths: [BANK_PREVIEW.path] },
    });
    const bank = card(byTestId(root, TestId.ImportPreview), "abn-2026.sta");
    expect(bank.dataset["kind"]).toBe("bank");
    expect(bank.textContent).toContain("Bankafschrift");
    expect(bank.textContent).toContain("mt940");

    const table = byTestId(bank, TestId.ImportStatementTable);
    expect([...table.querySelectorAll("th")].map((th) => th.textContent?.trim())).toEqual([
      "Rekening",
      "Periode",
      "Aantal",
      "Bij",
      "Af",
      "Netto",
      "Saldo begin",
      "Saldo eind",
    ]);
    const rows = [...table.querySelectorAll("tbody tr")];
    expect(rows).toHaveLength(2);
    const october = [...(rows[0]?.querySelectorAll("td") ?? [])].map((td) => td.textContent?.trim());
    expect(october).toEqual([
      "NL91 ABNA 0417 1643 00",
      "01-10-2026 – 31-10-2026",
      "42",
      `€${NBSP}12.345,67`,
      `€${NBSP}-2.345,60`,
      `€${NBSP}10.000,07`,
      `€${NBSP}1.000,00`,
      `€${NBSP}11.000,07`,
    ]);
    // The exact amounts stay on the elements, as Rust sent them.
    expect(
      [...(rows[0]?.querySelectorAll("[data-amount]") ?? [])].map((cell) =>
        cell.getAttribute("data-amount"),
      ),
    ).toEqual(["12345.67", "-2345.60", "10000.07", "1000.00", "11000.07"]);

    const warnings = table.querySelectorAll(`[data-testid="${TestId.ImportAddsUpWarning}"]`);
    expect(warnings).toHaveLength(1);
    // On the second statement, next to the closing balance it does not reach.
    const closing = rows[1]?.querySelectorAll("td")[7];
    expect(closing?.contains(warnings[0] ?? null)).toBe(true);
    expect(warnings[0]?.textContent?.trim()).toBe("Telt niet op");
    expect(closing?.querySelector("[data-amount]")?.getAttribute("data-amount")).toBe("12264.08");

    expect(bank.querySelector(".warnings")?.textContent).toContain("Statement 2 opens at 11100.07");
    expect(commitButton(root).textContent?.trim()).toBe("Importeer 1 bestand");
    expect(commitButton(root).disabled).toBe(false);
  });

  test("a ledger shows its counts, a PDF its invoice number, a broken file its error", async () => {
    const { importer, root } = await renderImport();
    await importer.preview(ALL);
    await settle();

    expect(cards(root).map((element) => element.dataset["path"])).toEqual(ALL);
    expect(card(root, "debiteuren.xlsx").textContent).toContain("12 klanten · 40 facturen");
    expect(card(root, "debiteuren.xlsx").textContent).toContain("Grootboek");
    expect(card(root, "factuur-2026-0142.pdf").textContent).toContain("Factuur 2026-0142");

    const broken = card(root, "export.csv");
    expect(broken.dataset["importable"]).toBe("false");
    expect(byTestId(broken, TestId.ImportPreviewError).textContent).toContain(
      "Wordt niet geïmporteerd: export.csv line 3: expected a date in column 'Datum'",
    );
    expect(broken.querySelector(`[data-testid="${TestId.ImportStatementTable}"]`)).toBeNull();
    expect(commitButton(root).textContent?.trim()).toBe("Importeer 3 bestanden");
  });

  test("a ledger whose columns must be mapped says so and is not imported", async () => {
    const backend = fixtureBackend();
    backend.previews = {
      ...backend.previews,
      [LEDGER_PREVIEW.path]: {
        ...LEDGER_PREVIEW,
        error: "debiteuren.xlsx: no column for the invoice number",
        needs_mapping: true,
      },
    };
    const { importer, root } = await renderImport(backend);
    await importer.preview([LEDGER_PREVIEW.path]);
    await settle();
    const ledger = card(root, "debiteuren.xlsx");
    expect(ledger.dataset["needsMapping"]).toBe("true");
    expect(ledger.textContent).toContain("moeten eerst één keer worden toegewezen");
    expect(commitButton(root).disabled).toBe(true);
  });

  test("dropping a file again replaces its preview instead of listing it twice", async () => {
    const { importer, root } = await renderImport();
    await importer.preview([BANK_PREVIEW.path, LEDGER_PREVIEW.path]);
    await importer.preview([BANK_PREVIEW.path]);
    await settle();
    expect(cards(root).map((element) => element.dataset["path"])).toEqual([
      LEDGER_PREVIEW.path,
      BANK_PREVIEW.path,
    ]);
  });

  test("imports the previewed files without the failed one, then reloads the book", async () => {
    const { backend, importer, root } = await renderImport();
    await importer.preview(ALL);
    await settle();

    backend.calls.length = 0;
    commitButton(root).click();
    await settle();

    expect(backend.calls[0]).toEqual({
      command: "import_files",
      args: { paths: [BANK_PREVIEW.path, LEDGER_PREVIEW.path, PDF_PREVIEW.path] },
    });
    expect(commands(backend).slice(1).sort()).toEqual(
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

    const results = [
      ...byTestId(root, TestId.ImportResults).querySelectorAll<HTMLElement>(
        `[data-testid="${TestId.ImportResult}"]`,
      ),
    ];
    expect(
      results.map((result) => [
        result.dataset["file"],
        result.dataset["added"],
        result.dataset["duplicates"],
      ]),
    ).toEqual([
      ["abn-2026.sta", "45", "4"],
      ["debiteuren.xlsx", "40", "0"],
      ["factuur-2026-0142.pdf", "0", "1"],
    ]);
    expect(results[0]?.textContent).toContain("45 toegevoegd");
    expect(results[0]?.textContent).toContain("4 al in het boek");
    expect(results[0]?.querySelector(".warnings")?.textContent).toContain("Balance break");

    // The failed file stays, with its error, and there is nothing left to import.
    expect(cards(root).map((element) => element.dataset["path"])).toEqual([BROKEN_PREVIEW.path]);
    expect(commitButton(root).disabled).toBe(true);
  });

  test("a file that fails during the import shows its error among the results", async () => {
    const backend = fixtureBackend();
    backend.outcomes = {
      ...backend.outcomes,
      [LEDGER_PREVIEW.path]: {
        file: LEDGER_PREVIEW.file,
        kind: "ledger",
        added: 0,
        duplicates: 0,
        warnings: [],
        error: "debiteuren.xlsx, sheet 1, cell C7: expected an amount, found 'n.v.t.'",
      },
    };
    const { importer, root } = await renderImport(backend);
    await importer.preview([LEDGER_PREVIEW.path]);
    await importer.commit();
    await settle();

    const result = byTestId(root, TestId.ImportResult);
    expect(result.dataset["failed"]).toBe("true");
    expect(result.dataset["added"]).toBe("0");
    expect(result.textContent).toContain("Niet geïmporteerd: debiteuren.xlsx, sheet 1, cell C7");
    expect(result.textContent).not.toContain("toegevoegd");
  });

  test("while importing, each bank file shows Rust's progress and the button is disabled", async () => {
    let release = (): void => {};
    const backend = fixtureBackend({ importGate: new Promise((resolve) => (release = resolve)) });
    const { importer, root } = await renderImport(backend);
    await importer.preview([BANK_PREVIEW.path, LEDGER_PREVIEW.path]);
    await settle();

    commitButton(root).click();
    await settle();

    expect(commitButton(root).disabled).toBe(true);
    expect(commitButton(root).textContent?.trim()).toBe("Bezig met importeren…");
    expect((byTestId(root, TestId.ImportPickButton) as HTMLButtonElement).disabled).toBe(true);
    const bars = [...root.querySelectorAll<HTMLElement>(`[data-testid="${TestId.ImportProgress}"]`)];
    expect(bars).toHaveLength(1);
    expect(bars[0]?.dataset["file"]).toBe("abn-2026.sta");
    expect(bars[0]?.dataset["done"]).toBe("40");
    expect(bars[0]?.dataset["total"]).toBe("49");
    expect(bars[0]?.querySelector("progress")?.getAttribute("value")).toBe("40");
    expect(bars[0]?.textContent).toContain("40 van 49 transacties");

    release();
    await settle();
    expect(root.querySelector(`[data-testid="${TestId.ImportProgress}"]`)).toBeNull();
    expect(byTestId(root, TestId.ImportResults).children).toHaveLength(2);
  });

  test("progress stops being listened to once the import is done", async () => {
    const backend = fixtureBackend();
    const { importer } = await renderImport(backend);
    await importer.preview([BANK_PREVIEW.path]);
    await importer.commit();
    expect(importer.progress[BANK_PREVIEW.file]?.done).toBe(40);

    // A late event from Rust changes nothing.
    await emit("import-progress", { file: BANK_PREVIEW.file, done: 49, total: 49 });
    expect(importer.progress[BANK_PREVIEW.file]?.done).toBe(40);
  });

  test("an import that Rust refuses shows the error and keeps the files", async () => {
    const backend = fixtureBackend();
    const { importer, book, root } = await renderImport(backend);
    await importer.preview([PDF_PREVIEW.path]);
    backend.outcomes = {};
    await importer.commit();
    await settle();

    expect(book.error?.kind).toBe("input");
    expect(book.error?.message).toContain("no such file");
    expect(cards(root)).toHaveLength(1);
    expect(root.querySelector(`[data-testid="${TestId.ImportResults}"]`)).toBeNull();
    expect(commitButton(root).disabled).toBe(false);
  });

  test("Clear forgets the waiting files and the results", async () => {
    const { importer, root } = await renderImport();
    await importer.preview([PDF_PREVIEW.path]);
    await importer.commit();
    await importer.preview([BROKEN_PREVIEW.path]);
    await settle();
    expect(root.querySelector(`[data-testid="${TestId.ImportResults}"]`)).not.toBeNull();

    byTestId(root, TestId.ImportClearButton).click();
    await settle();
    expect(root.querySelector(`[data-testid="${TestId.ImportPreview}"]`)).toBeNull();
    expect(root.querySelector(`[data-testid="${TestId.ImportResults}"]`)).toBeNull();
  });

  test("follows the language", async () => {
    const { importer, root } = await renderImport(fixtureBackend({ language: "en" }));
    await importer.preview([BANK_PREVIEW.path, LEDGER_PREVIEW.path]);
    await settle();
    const bank = card(root, "abn-2026.sta");
    expect(bank.textContent).toContain("€12,345.67");
    expect(bank.textContent).toContain("1 Oct 2026 – 31 Oct 2026");
    expect(byTestId(bank, TestId.ImportAddsUpWarning).textContent?.trim()).toBe("Does not add up");
    expect(card(root, "debiteuren.xlsx").textContent).toContain("12 customers · 40 invoices");
    expect(commitButton(root).textContent?.trim()).toBe("Import 2 files");
  });

  test("keeps the bank accounts table", async () => {
    const { root } = await renderImport();
    const table = byTestId(root, TestId.AccountTable);
    expect(table.textContent).toContain("NL91 ABNA 0417 1643 00");
    expect(table.textContent).toContain("26-11-2026");
  });

  describe("PDFs without an invoice", () => {
    function documents(root: HTMLElement): HTMLElement[] {
      return [
        ...root.querySelectorAll<HTMLElement>(`[data-testid="${TestId.UnlinkedDocument}"]`),
      ];
    }

    function unlinkedDocument(root: HTMLElement, id: number): HTMLElement {
      const found = documents(root).find((element) => element.dataset["id"] === String(id));
      if (found === undefined) throw new Error(`no unlinked document ${id}`);
      return found;
    }

    function type(element: HTMLElement, text: string): void {
      const input = byTestId(element, TestId.UnlinkedDocumentInput) as HTMLInputElement;
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function assignButton(element: HTMLElement): HTMLButtonElement {
      return byTestId(element, TestId.UnlinkedDocumentAssign) as HTMLButtonElement;
    }

    test("are listed on entering the screen, and no panel is shown without any", async () => {
      const { backend, root } = await renderImport(
        fixtureBackend({ unlinked: UNLINKED_DOCUMENTS }),
      );
      expect(commands(backend)).toContain("unlinked_documents");
      const panel = byTestId(root, TestId.UnlinkedDocuments);
      expect(root.textContent).toContain("PDF's zonder factuur");
      expect(documents(panel).map((element) => element.dataset["id"])).toEqual(["7", "9"]);
      expect(unlinkedDocument(root, 7).textContent).toContain("scan-0001.pdf");
      expect(assignButton(unlinkedDocument(root, 7)).textContent?.trim()).toBe("Koppelen");
      // Nothing typed yet, so nothing to link.
      expect(assignButton(unlinkedDocument(root, 7)).disabled).toBe(true);

      mounted?.destroy();
      const empty = await renderImport();
      expect(empty.root.querySelector(`[data-testid="${TestId.UnlinkedDocuments}"]`)).toBeNull();
    });

    test("are listed again after every import", async () => {
      const backend = fixtureBackend();
      const { importer, root } = await renderImport(backend);
      expect(root.querySelector(`[data-testid="${TestId.UnlinkedDocuments}"]`)).toBeNull();

      backend.unlinked = [UNLINKED_DOCUMENTS[0]!];
      await importer.preview([PDF_PREVIEW.path]);
      await settle();
      commitButton(root).click();
      await settle();
      expect(documents(root).map((element) => element.dataset["id"])).toEqual(["7"]);
    });

    test("linking one by number takes it off the list and reloads the book", async () => {
      const backend = fixtureBackend({ unlinked: UNLINKED_DOCUMENTS });
      const { root } = await renderImport(backend);

      backend.calls.length = 0;
      type(unlinkedDocument(root, 7), " 2026-0140 ");
      await settle();
      assignButton(unlinkedDocument(root, 7)).click();
      await settle();

      expect(backend.calls[0]).toEqual({
        command: "assign_document",
        args: { documentId: 7, invoice: "2026-0140" },
      });
      expect(commands(backend)).toContain("receivables");
      expect(documents(root).map((element) => element.dataset["id"])).toEqual(["9"]);
    });

    test("an unknown number is shown beside the PDF, which stays to be corrected", async () => {
      const backend = fixtureBackend({ unlinked: UNLINKED_DOCUMENTS });
      const { book, root } = await renderImport(backend);

      type(unlinkedDocument(root, 9), "9999");
      await settle();
      assignButton(unlinkedDocument(root, 9)).click();
      await settle();

      const error = byTestId(unlinkedDocument(root, 9), TestId.UnlinkedDocumentError);
      expect(error.getAttribute("role")).toBe("alert");
      expect(error.textContent?.trim()).toBe("no invoice with number 9999");
      expect(
        unlinkedDocument(root, 7).querySelector(`[data-testid="${TestId.UnlinkedDocumentError}"]`),
      ).toBeNull();
      // Shown beside the PDF, not in the banner.
      expect(book.error).toBeNull();
      const input = byTestId(unlinkedDocument(root, 9), TestId.UnlinkedDocumentInput) as HTMLInputElement;
      expect(input.value).toBe("9999");
      expect(input.getAttribute("aria-invalid")).toBe("true");

      type(unlinkedDocument(root, 9), "2026-0101");
      await settle();
      assignButton(unlinkedDocument(root, 9)).click();
      await settle();
      expect(documents(root).map((element) => element.dataset["id"])).toEqual(["7"]);
    });

    test("follow the language", async () => {
      const { root } = await renderImport(
        fixtureBackend({ language: "en", unlinked: UNLINKED_DOCUMENTS }),
      );
      expect(root.textContent).toContain("PDFs without an invoice");
      expect(assignButton(unlinkedDocument(root, 7)).textContent?.trim()).toBe("Link");
    });
  });
});
