/**
 * Typed wrappers around the Tauri commands: the only place the UI calls
 * `invoke`. Each wrapper names its command exactly as Rust registers it;
 * Tauri turns the camelCase argument names into the snake_case parameters.
 *
 * A failed command rejects with a {@link CommandError} (`{kind, message}`).
 * Anything else that rejects (a missing command, a broken bridge) is turned
 * into one of kind `internal`, so callers handle a single shape and switch
 * on `kind`, never on the message.
 *
 * Events Rust emits are listened to here as well, by name, for the same
 * reason: one place knows the wire.
 */

import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebview, type DragDropEvent } from "@tauri-apps/api/webview";
import type {
  AccountRow,
  BankCsvMapping,
  BankCsvScreen,
  BookStatus,
  CommandError,
  CustomerRow,
  ErrorKind,
  FilePreview,
  ImportOutcome,
  ImportProgress,
  Language,
  LedgerMapping,
  LedgerMappingScreen,
  LetterRow,
  Receivables,
  SplitPart,
  TransactionRow,
  UnlinkedDocument,
} from "./types";
// Imported from the bindings directly: the reconcile results are only used through these wrappers.
import type { Decision } from "./bindings/Decision";
import type { MatchSummary } from "./bindings/MatchSummary";

export type { CommandError, DragDropEvent, ErrorKind, UnlistenFn };

// A record, so that a kind added in Rust fails type checking here until it is listed.
const KNOWN_KINDS: Record<ErrorKind, true> = { input: true, book: true, internal: true };

/** The error kinds Rust can return, the closed set the UI switches on. */
export const ERROR_KINDS = Object.keys(KNOWN_KINDS) as readonly ErrorKind[];

/** True when `value` is a `{kind, message}` error as the commands return it. */
export function isCommandError(value: unknown): value is CommandError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate["kind"] === "string" &&
    (ERROR_KINDS as readonly string[]).includes(candidate["kind"]) &&
    typeof candidate["message"] === "string"
  );
}

/** Turns whatever a failed call rejected with into a {@link CommandError}. */
export function toCommandError(error: unknown): CommandError {
  if (isCommandError(error)) return error;
  if (error instanceof Error) return { kind: "internal", message: error.message };
  return { kind: "internal", message: String(error) };
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toCommandError(error);
  }
}

/** `book_status`: the open book's path and whether it is still empty. */
export function bookStatus(): Promise<BookStatus> {
  return call("book_status");
}

/** `create_demo_book`: fills the open book with a demo business. */
export function createDemoBook(): Promise<BookStatus> {
  return call("create_demo_book");
}

/** `open_other_book`: asks for another book file; null when cancelled. */
export function openOtherBook(): Promise<BookStatus | null> {
  return call("open_other_book");
}

/** `receivables`: totals, ageing and open invoices on `asOf` (null = today). */
export function receivables(asOf: string | null = null): Promise<Receivables> {
  return call("receivables", { asOf });
}

/** `customers`: every customer with their open position on `asOf` (null = today). */
export function customers(asOf: string | null = null): Promise<CustomerRow[]> {
  return call("customers", { asOf });
}

/** `accounts`: the bank accounts and how current their data is. */
export function accounts(): Promise<AccountRow[]> {
  return call("accounts");
}

/** `transactions`: bank transactions and how they stand against invoices. */
export function transactions(): Promise<TransactionRow[]> {
  return call("transactions");
}

export type { Decision, MatchSummary };

/** `run_matching`: matches the unplaced transactions; books the sure ones, suggests the rest. */
export function runMatching(): Promise<MatchSummary> {
  return call("run_matching");
}

/** `confirm_match`: books the suggested match of a transaction. */
export function confirmMatch(transactionId: number): Promise<Decision> {
  return call("confirm_match", { transactionId });
}

/** `reject_match`: drops the suggested or booked match of a transaction. */
export function rejectMatch(transactionId: number): Promise<Decision> {
  return call("reject_match", { transactionId });
}

/** `reassign_match`: books a transaction against the invoice with number `invoice`. */
export function reassignMatch(transactionId: number, invoice: string): Promise<Decision> {
  return call("reassign_match", { transactionId, invoice });
}

/**
 * `split_match`: books one payment against several invoices, each part a
 * decimal string with the transaction's sign; together at most its amount.
 */
export function splitMatch(transactionId: number, parts: readonly SplitPart[]): Promise<Decision> {
  return call("split_match", { transactionId, parts });
}

/** `ignore_transaction`: marks a transaction as not a customer payment. */
export function ignoreTransaction(transactionId: number): Promise<Decision> {
  return call("ignore_transaction", { transactionId });
}

/** `undo_decision`: takes back a decision made by one of the calls above. */
export function undoDecision(decisionId: number): Promise<void> {
  return call("undo_decision", { decisionId });
}

/** `letters`: the letters produced so far. */
export function letters(): Promise<LetterRow[]> {
  return call("letters");
}

/** `language`: the interface language Rust chose (saved setting, else the OS). */
export function language(): Promise<Language> {
  return call("language");
}

/** `set_language`: saves the interface language. */
export function setLanguage(language: Language): Promise<void> {
  return call("set_language", { language });
}

/** `pick_import_files`: the native dialog for files to import; empty when cancelled. */
export function pickImportFiles(): Promise<string[]> {
  return call("pick_import_files");
}

/**
 * `preview_files`: what each file holds, without importing it. A folder
 * stands for the files in it; a file that cannot be read comes back with
 * its `error` rather than failing the call.
 */
export function previewFiles(paths: readonly string[]): Promise<FilePreview[]> {
  return call("preview_files", { paths });
}

/**
 * `import_files`: imports each file in its own transaction and says what
 * each one did. While it runs, Rust emits {@link IMPORT_PROGRESS_EVENT}.
 */
export function importFiles(paths: readonly string[]): Promise<ImportOutcome[]> {
  return call("import_files", { paths });
}

/**
 * `ledger_mapping`: a ledger's sheets (their first rows as text) and the
 * columns to start the mapping screen from: a mapping saved for files of
 * this shape, else what Tegoed recognised, else none.
 */
export function ledgerMapping(path: string): Promise<LedgerMappingScreen> {
  return call("ledger_mapping", { path });
}

/**
 * `import_ledger`: reads the ledger at `path` with `mapping`, imports it and
 * saves the mapping for later files of the same shape. A cell that does not
 * fit its column rejects with an `input` error naming the sheet and cell.
 */
export function importLedger(path: string, mapping: LedgerMapping): Promise<ImportOutcome> {
  return call("import_ledger", { path, mapping });
}

/**
 * `bank_csv_mapping`: the first rows of a bank CSV no reader recognised,
 * split with the delimiter Rust found, for the bank mapping screen.
 */
export function bankCsvMapping(path: string): Promise<BankCsvScreen> {
  return call("bank_csv_mapping", { path });
}

/**
 * `import_bank_csv`: reads the bank CSV at `path` with `mapping`, imports it
 * in one transaction, saves the mapping for files of the same shape and runs
 * matching. A cell that does not fit its column rejects with an `input`
 * error naming the line and column.
 */
export function importBankCsv(path: string, mapping: BankCsvMapping): Promise<ImportOutcome> {
  return call("import_bank_csv", { path, mapping });
}

/**
 * `unlinked_documents`: the invoice PDFs imported whose invoice could not be
 * found by file name or text, for a person to link.
 */
export function unlinkedDocuments(): Promise<UnlinkedDocument[]> {
  return call("unlinked_documents");
}

/**
 * `assign_document`: links the stored PDF `documentId` to the invoice with
 * number `invoice`. An unknown number rejects with an `input` error.
 */
export function assignDocument(documentId: number, invoice: string): Promise<void> {
  return call("assign_document", { documentId, invoice });
}

/** The event Rust emits while `import_files` writes bank transactions. */
export const IMPORT_PROGRESS_EVENT = "import-progress";

/**
 * Calls `handler` with every {@link ImportProgress} until the returned
 * function is called. Rejects with a {@link CommandError} when listening
 * is not possible.
 */
export async function listenImportProgress(
  handler: (progress: ImportProgress) => void,
): Promise<UnlistenFn> {
  try {
    return await listen<ImportProgress>(IMPORT_PROGRESS_EVENT, (event) => handler(event.payload));
  } catch (error) {
    throw toCommandError(error);
  }
}

/**
 * Calls `handler` for every file drag over the window (`enter`, `over`,
 * `leave`, and `drop` with the absolute paths) until the returned function
 * is called. Resolves to null outside Tauri (Vitest, a plain browser), where
 * there is no webview to listen to. Rejects with a {@link CommandError} when
 * listening is not possible.
 */
export async function listenFileDrags(
  handler: (drag: DragDropEvent) => void,
): Promise<UnlistenFn | null> {
  let webview: ReturnType<typeof getCurrentWebview>;
  try {
    webview = getCurrentWebview();
  } catch {
    return null;
  }
  try {
    return await webview.onDragDropEvent((event) => handler(event.payload));
  } catch (error) {
    throw toCommandError(error);
  }
}
