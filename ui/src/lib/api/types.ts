/**
 * The wire types of the Tauri commands. The files in `bindings/` are
 * generated from `src-tauri/src/dto.rs` by ts-rs and must not be edited by
 * hand; this index is not generated.
 */
export type { AccountRow } from "./bindings/AccountRow";
export type { AgeingBucket } from "./bindings/AgeingBucket";
export type { AmountKind } from "./bindings/AmountKind";
export type { BankCsvMapping } from "./bindings/BankCsvMapping";
export type { BankCsvScreen } from "./bindings/BankCsvScreen";
export type { BookStatus } from "./bindings/BookStatus";
export type { CommandError } from "./bindings/CommandError";
export type { CustomerRow } from "./bindings/CustomerRow";
export type { ErrorKind } from "./bindings/ErrorKind";
export type { FieldColumn } from "./bindings/FieldColumn";
export type { FieldOption } from "./bindings/FieldOption";
export type { FileKind } from "./bindings/FileKind";
export type { FilePreview } from "./bindings/FilePreview";
export type { ImportOutcome } from "./bindings/ImportOutcome";
export type { ImportProgress } from "./bindings/ImportProgress";
export type { InvoiceRow } from "./bindings/InvoiceRow";
export type { InvoiceStatus } from "./bindings/InvoiceStatus";
export type { Language } from "./bindings/Language";
export type { LedgerMapping } from "./bindings/LedgerMapping";
export type { LedgerMappingScreen } from "./bindings/LedgerMappingScreen";
export type { LetterRow } from "./bindings/LetterRow";
export type { Receivables } from "./bindings/Receivables";
export type { SheetRows } from "./bindings/SheetRows";
export type { SplitPart } from "./bindings/SplitPart";
export type { StatementPreview } from "./bindings/StatementPreview";
export type { TableColumns } from "./bindings/TableColumns";
export type { TransactionRow } from "./bindings/TransactionRow";
export type { TransactionState } from "./bindings/TransactionState";
export type { UnlinkedDocument } from "./bindings/UnlinkedDocument";
