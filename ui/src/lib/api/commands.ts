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
  BusinessSettings,
  ChosenLetter,
  LetterPreview,
  MadeLetterView,
  OutboxLetter,
  SendOutcome,
  SendProgress,
  SmtpSettings,
  WrittenFile,
  CallForm,
  CallSheet,
  CommandError,
  CustomerDetail,
  CustomerRow,
  CustomerUpdate,
  DisputeResult,
  ErrorKind,
  FilePreview,
  ImportOutcome,
  ImportProgress,
  Language,
  LedgerMapping,
  LedgerMappingScreen,
  LetterRow,
  NextStepView,
  PlanForm,
  PlanView,
  Receivables,
  SplitPart,
  TimelineEvent,
  TodayList,
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

/**
 * `today`: what needs doing on `asOf` (null = today), by customer with the
 * reason, the held customers with why, and `blocked` when stale bank data
 * stops the run; `ignoreStaleBank` lists the actions anyway.
 */
export function today(asOf: string | null, ignoreStaleBank: boolean): Promise<TodayList> {
  return call("today", { asOf, ignoreStaleBank });
}

/** `call_sheet`: everything at hand before calling `customer` on `asOf` (null = today). */
export function callSheet(customer: string, asOf: string | null): Promise<CallSheet> {
  return call("call_sheet", { customer, asOf });
}

/** `log_call`: records a call and answers with the next step. */
export function logCall(form: CallForm): Promise<NextStepView> {
  return call("log_call", { form });
}

/** `preview_plan`: the instalments agreeing `form` would give; nothing is saved. */
export function previewPlan(form: PlanForm): Promise<PlanView> {
  return call("preview_plan", { form });
}

/** `agree_plan`: agrees the payment plan of `form`; its `next` says what follows. */
export function agreePlan(form: PlanForm): Promise<PlanView> {
  return call("agree_plan", { form });
}

/** `set_dispute`: sets or lifts a dispute on an invoice on `at` (null = today). */
export function setDispute(
  invoice: string,
  disputed: boolean,
  note: string | null,
  at: string | null,
): Promise<DisputeResult> {
  return call("set_dispute", { invoice, disputed, note, at });
}

/** `customer_detail`: contact data, flags, open invoices, next step and timeline. */
export function customerDetail(code: string, asOf: string | null): Promise<CustomerDetail> {
  return call("customer_detail", { code, asOf });
}

/** `update_customer`: changes contact data and flags; answers with the detail as it now is. */
export function updateCustomer(
  code: string,
  changes: CustomerUpdate,
  at: string | null,
): Promise<CustomerDetail> {
  return call("update_customer", { code, changes, at });
}

/** `timeline`: a customer's timeline in the order recorded. */
export function timeline(code: string): Promise<TimelineEvent[]> {
  return call("timeline", { code });
}

/**
 * `make_letters`: makes the letters due on `asOf` (null = today); only the
 * `chosen` letter actions when given, else every one. A letter made before
 * is not made again, so the answer can be shorter than the choice.
 */
export function makeLetters(
  asOf: string | null,
  ignoreStaleBank: boolean,
  chosen: readonly ChosenLetter[] | null,
): Promise<MadeLetterView[]> {
  return call("make_letters", { asOf, ignoreStaleBank, chosen });
}

/** `outbox`: every letter with its state (generated, printed, sent, failed, unknown). */
export function outbox(): Promise<OutboxLetter[]> {
  return call("outbox");
}

/** `letter_pdf`: a letter's PDF, base64-encoded. */
export function letterPdf(id: number): Promise<string> {
  return call("letter_pdf", { id });
}

/** `preview_letter`: the letter's pages as PNG data URLs rendered by Rust, or why not. */
export function previewLetter(id: number): Promise<LetterPreview> {
  return call("preview_letter", { id });
}

/**
 * `send_letters`: mails the letters `ids` (null = every generated or failed
 * one). While it runs Rust emits {@link SEND_PROGRESS_EVENT}; a letter
 * already sent, or whose send broke off, is skipped, never sent twice.
 */
export function sendLetters(ids: readonly number[] | null, at: string | null): Promise<SendOutcome> {
  return call("send_letters", { ids, at });
}

/** `cancel_send`: stops the running batch before its next letter. */
export function cancelSend(): Promise<void> {
  return call("cancel_send");
}

/** `draft_letter`: writes the letter as an unsent e-mail and opens it in the mail program. */
export function draftLetter(id: number): Promise<WrittenFile> {
  return call("draft_letter", { id });
}

/**
 * `print_letters`: the letters as one PDF, marked printed; opened in the
 * system viewer, or sent to the printer with `lp` when `direct` and present.
 */
export function printLetters(
  ids: readonly number[],
  direct: boolean,
  at: string | null,
): Promise<WrittenFile> {
  return call("print_letters", { ids, direct, at });
}

/** `open_letter`: opens a letter's PDF in the system viewer. */
export function openLetter(id: number): Promise<WrittenFile> {
  return call("open_letter", { id });
}

/** `business_settings`: the business details letters carry, the logo and the agency. */
export function businessSettings(): Promise<BusinessSettings> {
  return call("business_settings");
}

/** `save_business_settings`: saves the details (not the logo); answers with what is saved. */
export function saveBusinessSettings(settings: BusinessSettings): Promise<BusinessSettings> {
  return call("save_business_settings", { settings });
}

/** `choose_logo`: asks for a PNG and saves it as the letters' logo; null when cancelled. */
export function chooseLogo(): Promise<BusinessSettings | null> {
  return call("choose_logo");
}

/** `remove_logo`: takes the logo off the letters. */
export function removeLogo(): Promise<BusinessSettings> {
  return call("remove_logo");
}

/** `smtp_settings`: the mail server (password masked), its source and where the password is kept. */
export function smtpSettings(): Promise<SmtpSettings> {
  return call("smtp_settings");
}

/**
 * `save_smtp_settings`: saves the URL without its password; `password` goes
 * to the OS keychain, or to this session when there is none.
 */
export function saveSmtpSettings(url: string, password: string | null): Promise<SmtpSettings> {
  return call("save_smtp_settings", { url, password });
}

/** `send_test_mail`: a short test message to `to`; answers with its Message-ID. */
export function sendTestMail(to: string): Promise<string> {
  return call("send_test_mail", { to });
}

/** The event Rust emits while `send_letters` mails a batch. */
export const SEND_PROGRESS_EVENT = "send-progress";

/** Calls `handler` with every {@link SendProgress} until the returned function is called. */
export async function listenSendProgress(
  handler: (progress: SendProgress) => void,
): Promise<UnlistenFn> {
  try {
    return await listen<SendProgress>(SEND_PROGRESS_EVENT, (event) => handler(event.payload));
  } catch (error) {
    throw toCommandError(error);
  }
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
