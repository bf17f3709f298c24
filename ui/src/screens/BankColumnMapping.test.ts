import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BookState } from "../lib/state/book.svelte";
import { ImportState } from "../lib/state/importer.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import {
  BANK_CSV_PREVIEW,
  BANK_CSV_SCREEN,
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

function card(root: HTMLElement, path: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(
    `[data-testid="${TestId.ImportPreviewFile}"][data-path="${path}"]`,
  );
  if (found === null) throw new Error(`no preview card for ${path}`);
  return found;
}

async function openBankMapping(root: HTMLElement, path: string): Promise<HTMLElement> {
  byTestId(card(root, path), TestId.MapBankColumnsButton).click();
  await settle();
  return byTestId(root, TestId.BankMappingScreen);
}

function columnSelect(screen: HTMLElement, column: number): HTMLSelectElement {
  const select = screen.querySelector<HTMLSelectElement>(
    `[data-testid="${TestId.BankMappingColumnSelect}"][data-column="${column}"]`,
  );
  if (select === null) throw new Error(`no select for column ${column}`);
  return select;
}

async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await settle();
}

async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

function importButton(root: HTMLElement): HTMLButtonElement {
  return byTestId(root, TestId.BankMappingImportButton) as HTMLButtonElement;
}

function problems(screen: HTMLElement): string[] {
  const list = screen.querySelector(`[data-testid="${TestId.BankMappingProblems}"]`);
  return [...(list?.querySelectorAll("li") ?? [])].map((item) => item.dataset["problem"] ?? "");
}

describe("BankColumnMapping", () => {
  test("an unrecognised CSV offers both the bank and the ledger mapping", async () => {
    const { root } = await renderImport([BANK_CSV_PREVIEW.path, UNMAPPED_PREVIEW.path]);
    const bankCard = card(root, BANK_CSV_PREVIEW.path);
    expect(byTestId(bankCard, TestId.MapBankColumnsButton).textContent?.trim()).toBe(
      "Dit is een bankafschrift: kolommen toewijzen…",
    );
    expect(byTestId(bankCard, TestId.MapColumnsButton).textContent?.trim()).toBe(
      "Kolommen toewijzen…",
    );
    byTestId(card(root, UNMAPPED_PREVIEW.path), TestId.MapBankColumnsButton);
  });

  test("opens with the rows, a role per column and defaults from the file", async () => {
    const { backend, root } = await renderImport([BANK_CSV_PREVIEW.path]);
    const screen = await openBankMapping(root, BANK_CSV_PREVIEW.path);
    expect(backend.calls.at(-1)).toEqual({
      command: "bank_csv_mapping",
      args: { path: BANK_CSV_PREVIEW.path },
    });
    expect(root.querySelector(`[data-testid="${TestId.ImportPreview}"]`)).toBeNull();
    const preview = byTestId(screen, TestId.BankMappingPreview);
    expect(preview.querySelectorAll("tbody tr")).toHaveLength(3);
    expect(preview.textContent).toContain("Bakkerij de Vries");
    expect(
      screen.querySelectorAll(`[data-testid="${TestId.BankMappingColumnSelect}"]`),
    ).toHaveLength(8);
    const options = [...columnSelect(screen, 0).options].map((option) => option.textContent);
    expect(options).toEqual([
      "— niet gebruikt —",
      "Datum",
      "Bedrag",
      "Af/Bij",
      "Af",
      "Bij",
      "Eigen rekening",
      "Naam tegenpartij",
      "IBAN tegenpartij",
      "Omschrijving",
      "Bankreferentie",
    ]);
    // A header without amounts: one line to skip; ";" means a decimal comma.
    expect((byTestId(screen, TestId.BankMappingSkip) as HTMLSelectElement).value).toBe("1");
    expect((byTestId(screen, TestId.BankMappingDecimalComma) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(importButton(root).disabled).toBe(true);
    expect(problems(screen)).toEqual(["missing_date", "missing_amount", "missing_account"]);
  });

  test("amount with an Af/Bij column sends with_sign and the debit word", async () => {
    const { backend, importer, root } = await renderImport([BANK_CSV_PREVIEW.path]);
    const screen = await openBankMapping(root, BANK_CSV_PREVIEW.path);
    await choose(columnSelect(screen, 0), "date");
    await choose(columnSelect(screen, 1), "counterparty_name");
    await choose(columnSelect(screen, 2), "account");
    await choose(columnSelect(screen, 3), "counterparty_iban");
    await choose(columnSelect(screen, 5), "amount");
    expect(screen.dataset["amountKind"]).toBe("signed");
    await choose(columnSelect(screen, 4), "sign");
    expect(screen.dataset["amountKind"]).toBe("with_sign");
    // The word for money out is found in the sign column.
    const debitWord = byTestId(screen, TestId.BankMappingDebitWord) as HTMLInputElement;
    expect(debitWord.value).toBe("Af");
    await choose(columnSelect(screen, 6), "remittance");
    await choose(columnSelect(screen, 7), "bank_reference");
    // The own account comes from a column, so no IBAN is asked for.
    expect(screen.querySelector(`[data-testid="${TestId.BankMappingAccount}"]`)).toBeNull();
    expect(problems(screen)).toEqual([]);
    expect(importButton(root).disabled).toBe(false);

    importButton(root).click();
    await settle();
    const call = backend.calls.find((candidate) => candidate.command === "import_bank_csv");
    expect(call?.args).toEqual({
      path: BANK_CSV_PREVIEW.path,
      mapping: {
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
        remittance_columns: [6],
        bank_reference_column: 7,
      },
    });
    // Success: the screen closes, the file leaves the list, its outcome shows, the book reloads.
    expect(importer.bankMapping).toBeNull();
    expect(root.querySelector(`[data-testid="${TestId.BankMappingScreen}"]`)).toBeNull();
    expect(importer.previews.map((preview) => preview.path)).not.toContain(BANK_CSV_PREVIEW.path);
    const result = byTestId(root, TestId.ImportResult);
    expect(result.dataset["file"]).toBe(BANK_CSV_PREVIEW.file);
    expect(result.dataset["added"]).toBe("2");
    const after = backend.calls.slice(backend.calls.indexOf(call!));
    expect(after.map((candidate) => candidate.command)).toContain("transactions");
  });

  test("debit and credit columns with a typed IBAN; a role moves to the column chosen last", async () => {
    const rows = [
      ["20261127", "12,50", "", "Factuur 7"],
      ["20261126", "", "3,00", "Kosten"],
    ];
    const backend = fixtureBackend({
      bankScreens: { [BANK_CSV_PREVIEW.path]: { ...BANK_CSV_SCREEN, delimiter: ",", rows } },
    });
    const { root } = await renderImport([BANK_CSV_PREVIEW.path], backend);
    const screen = await openBankMapping(root, BANK_CSV_PREVIEW.path);
    // The first row holds amounts, so nothing is skipped; "," means a decimal point.
    expect((byTestId(screen, TestId.BankMappingSkip) as HTMLSelectElement).value).toBe("0");
    expect((byTestId(screen, TestId.BankMappingDecimalComma) as HTMLInputElement).checked).toBe(
      false,
    );
    await choose(columnSelect(screen, 3), "date");
    await choose(columnSelect(screen, 0), "date");
    expect(columnSelect(screen, 3).value).toBe("");
    expect((byTestId(screen, TestId.BankMappingDateFormat) as HTMLSelectElement).value).toBe(
      "%Y%m%d",
    );
    await choose(columnSelect(screen, 1), "credit");
    expect(problems(screen)).toEqual(["missing_debit_credit", "missing_account"]);
    await choose(columnSelect(screen, 2), "debit");
    await choose(columnSelect(screen, 3), "remittance");
    expect(importButton(root).disabled).toBe(true);
    await type(
      byTestId(screen, TestId.BankMappingAccount) as HTMLInputElement,
      "NL91 ABNA 0417 1643 00",
    );
    const decimalComma = byTestId(screen, TestId.BankMappingDecimalComma) as HTMLInputElement;
    decimalComma.click();
    await settle();
    expect(screen.dataset["amountKind"]).toBe("debit_credit");
    expect(importButton(root).disabled).toBe(false);
    importButton(root).click();
    await settle();
    const call = backend.calls.find((candidate) => candidate.command === "import_bank_csv");
    expect(call?.args).toMatchObject({
      mapping: {
        skip_lines: 0,
        date_column: 0,
        date_format: "%Y%m%d",
        amount_kind: "debit_credit",
        amount_column: null,
        sign_column: null,
        debit_word: null,
        debit_column: 2,
        credit_column: 1,
        decimal_comma: true,
        account_column: null,
        account: "NL91ABNA0417164300",
        remittance_columns: [3],
      },
    });
  });

  test("an error from Rust stays on the screen, which stays open", async () => {
    const backend = fixtureBackend({
      bankError: { kind: "input", message: "line 3, column F: '45,9x' is not an amount" },
    });
    const { importer, root } = await renderImport([BANK_CSV_PREVIEW.path], backend);
    const screen = await openBankMapping(root, BANK_CSV_PREVIEW.path);
    await choose(columnSelect(screen, 0), "date");
    await choose(columnSelect(screen, 5), "amount");
    await type(byTestId(screen, TestId.BankMappingAccount) as HTMLInputElement, "NL91ABNA0417164300");
    importButton(root).click();
    await settle();
    const error = byTestId(root, TestId.BankMappingError);
    expect(error.textContent).toContain("line 3, column F");
    expect(importer.bankMapping).not.toBeNull();
    expect(importer.previews.map((preview) => preview.path)).toContain(BANK_CSV_PREVIEW.path);
  });

  test("Cancel closes the screen without importing", async () => {
    const { backend, root } = await renderImport([BANK_CSV_PREVIEW.path]);
    await openBankMapping(root, BANK_CSV_PREVIEW.path);
    byTestId(root, TestId.BankMappingCancelButton).click();
    await settle();
    expect(root.querySelector(`[data-testid="${TestId.BankMappingScreen}"]`)).toBeNull();
    byTestId(root, TestId.ImportPreview);
    expect(backend.calls.map((call) => call.command)).not.toContain("import_bank_csv");
  });
});
