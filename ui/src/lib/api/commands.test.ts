import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import * as commands from "./commands";
import type { DragDropEvent } from "./commands";
import type { BankCsvMapping, ImportProgress, LedgerMapping } from "./types";

afterEach(() => clearMocks());

describe("command wrappers", () => {
  test("call the Rust commands by name with camelCase arguments", async () => {
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "language") return "en";
      if (command === "pick_import_files") return ["/home/test/a.sta"];
      return command === "preview_files" || command === "import_files" ? [] : null;
    });

    await commands.receivables(null);
    await commands.customers("2026-11-27");
    await commands.setLanguage("en");
    expect(await commands.language()).toBe("en");
    await commands.bookStatus();
    await commands.createDemoBook();
    await commands.openOtherBook();
    await commands.accounts();
    await commands.transactions();
    await commands.letters();
    expect(await commands.pickImportFiles()).toEqual(["/home/test/a.sta"]);
    await commands.previewFiles(["/home/test/a.sta", "/home/test/exports"]);
    await commands.importFiles(["/home/test/a.sta"]);

    expect(calls).toEqual([
      { command: "receivables", args: { asOf: null } },
      { command: "customers", args: { asOf: "2026-11-27" } },
      { command: "set_language", args: { language: "en" } },
      { command: "language", args: {} },
      { command: "book_status", args: {} },
      { command: "create_demo_book", args: {} },
      { command: "open_other_book", args: {} },
      { command: "accounts", args: {} },
      { command: "transactions", args: {} },
      { command: "letters", args: {} },
      { command: "pick_import_files", args: {} },
      { command: "preview_files", args: { paths: ["/home/test/a.sta", "/home/test/exports"] } },
      { command: "import_files", args: { paths: ["/home/test/a.sta"] } },
    ]);
  });

  test("map a ledger's columns and import it with that mapping", async () => {
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "import_ledger") {
        return { file: "l.csv", kind: "ledger", added: 2, duplicates: 0, warnings: [], error: null };
      }
      return {
        path: "/home/test/l.csv",
        sheets: [],
        mapping: null,
        saved: false,
        headers_seen: "",
        fields: [],
      };
    });
    const mapping: LedgerMapping = {
      invoices: {
        sheet: "l",
        header_row: 1,
        headers: ["Nr", "Totaal"],
        columns: [
          { field: "invoice_number", column: 0, confidence: 100 },
          { field: "amount", column: 1, confidence: 100 },
        ],
      },
      customers: null,
    };

    expect((await commands.ledgerMapping("/home/test/l.csv")).mapping).toBeNull();
    expect((await commands.importLedger("/home/test/l.csv", mapping)).added).toBe(2);
    expect(calls).toEqual([
      { command: "ledger_mapping", args: { path: "/home/test/l.csv" } },
      { command: "import_ledger", args: { path: "/home/test/l.csv", mapping } },
    ]);
  });

  test("list unlinked invoice PDFs and link one by invoice number", async () => {
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "unlinked_documents") return [{ id: 7, file: "scan-0001.pdf" }];
      if (command === "assign_document") return null;
      throw { kind: "internal", message: `unknown command ${command}` };
    });

    expect(await commands.unlinkedDocuments()).toEqual([{ id: 7, file: "scan-0001.pdf" }]);
    await commands.assignDocument(7, "2026-0142");
    expect(calls).toEqual([
      { command: "unlinked_documents", args: {} },
      { command: "assign_document", args: { documentId: 7, invoice: "2026-0142" } },
    ]);
  });

  test("an unknown invoice number for a PDF keeps its input kind", async () => {
    mockIPC(() => {
      throw { kind: "input", message: "no invoice with number 9999" };
    });
    await expect(commands.assignDocument(7, "9999")).rejects.toEqual({
      kind: "input",
      message: "no invoice with number 9999",
    });
  });

  test("an import_ledger error names the cell and keeps its kind", async () => {
    mockIPC(() => {
      throw {
        kind: "input",
        message: "l.csv, sheet l, cell D3 (Totaal): 'twaalf' is not an amount",
      };
    });
    await expect(
      commands.importLedger("/home/test/l.csv", {
        invoices: { sheet: "l", header_row: 0, headers: [], columns: [] },
        customers: null,
      }),
    ).rejects.toEqual({
      kind: "input",
      message: "l.csv, sheet l, cell D3 (Totaal): 'twaalf' is not an amount",
    });
  });

  test("map a bank CSV, import it, and split a payment", async () => {
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "bank_csv_mapping") {
        return { path: "/home/test/b.csv", delimiter: ";", rows: [["Datum", "Bedrag"]] };
      }
      if (command === "import_bank_csv") {
        return { file: "b.csv", kind: "bank", added: 3, duplicates: 0, warnings: [], error: null };
      }
      return { id: 7 };
    });
    const mapping: BankCsvMapping = {
      skip_lines: 1,
      date_column: 0,
      date_format: "%d-%m-%Y",
      amount_kind: "signed",
      amount_column: 1,
      sign_column: null,
      debit_word: null,
      debit_column: null,
      credit_column: null,
      decimal_comma: true,
      account_column: null,
      account: "NL91ABNA0417164300",
      counterparty_name_column: null,
      counterparty_iban_column: null,
      remittance_columns: [],
      bank_reference_column: null,
    };
    expect((await commands.bankCsvMapping("/home/test/b.csv")).delimiter).toBe(";");
    expect((await commands.importBankCsv("/home/test/b.csv", mapping)).added).toBe(3);
    const parts = [{ invoice: "2026-0140", amount: "300.00" }];
    expect(await commands.splitMatch(4, parts)).toEqual({ id: 7 });
    expect(calls).toEqual([
      { command: "bank_csv_mapping", args: { path: "/home/test/b.csv" } },
      { command: "import_bank_csv", args: { path: "/home/test/b.csv", mapping } },
      { command: "split_match", args: { transactionId: 4, parts } },
    ]);
  });

  test("listen to import-progress until told to stop", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const received: ImportProgress[] = [];
    const stop = await commands.listenImportProgress((progress) => received.push(progress));
    await emit("import-progress", { file: "a.sta", done: 1, total: 2 });
    await stop();
    await emit("import-progress", { file: "a.sta", done: 2, total: 2 });
    expect(received).toEqual([{ file: "a.sta", done: 1, total: 2 }]);
  });

  test("listening that fails rejects with a CommandError", async () => {
    mockIPC(() => {
      throw "event.listen not allowed";
    });
    await expect(commands.listenImportProgress(() => {})).rejects.toEqual({
      kind: "internal",
      message: "event.listen not allowed",
    });
  });

  test("file drags arrive as enter, over, drop and leave", async () => {
    mockWindows("main");
    mockIPC(() => null, { shouldMockEvents: true });
    const drags: DragDropEvent["type"][] = [];
    const dropped: string[][] = [];
    const stop = await commands.listenFileDrags((drag) => {
      drags.push(drag.type);
      if (drag.type === "drop") dropped.push(drag.paths);
    });
    const position = { x: 10, y: 20 };
    await emit("tauri://drag-enter", { paths: ["/home/test/a.sta"], position });
    await emit("tauri://drag-over", { position });
    await emit("tauri://drag-drop", { paths: ["/home/test/a.sta"], position });
    await emit("tauri://drag-leave", null);
    expect(drags).toEqual(["enter", "over", "drop", "leave"]);
    expect(dropped).toEqual([["/home/test/a.sta"]]);
    await stop?.();
  });

  test("outside Tauri there are no file drags to listen to", async () => {
    await expect(commands.listenFileDrags(() => {})).resolves.toBeNull();
  });

  test("pass a CommandError through", async () => {
    mockIPC(() => {
      throw { kind: "book", message: "the book is locked by another program" };
    });
    await expect(commands.bookStatus()).rejects.toEqual({
      kind: "book",
      message: "the book is locked by another program",
    });
  });

  test("turn any other failure into an internal CommandError", async () => {
    mockIPC(() => {
      throw "command book_status not found";
    });
    await expect(commands.bookStatus()).rejects.toEqual({
      kind: "internal",
      message: "command book_status not found",
    });
  });
});

describe("isCommandError", () => {
  test("accepts the three kinds with a message", () => {
    for (const kind of ["input", "book", "internal"]) {
      expect(commands.isCommandError({ kind, message: "m" })).toBe(true);
    }
  });

  test("rejects anything else", () => {
    expect(commands.isCommandError({ kind: "other", message: "m" })).toBe(false);
    expect(commands.isCommandError({ kind: "book" })).toBe(false);
    expect(commands.isCommandError("book")).toBe(false);
    expect(commands.isCommandError(null)).toBe(false);
    expect(commands.isCommandError(new Error("x"))).toBe(false);
  });
});
