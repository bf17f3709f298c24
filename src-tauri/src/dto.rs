//! Wire types of the Tauri commands. Core types carry no wire concerns: each
//! DTO is built from a core value here, and its TypeScript twin is generated
//! into `ui/src/lib/api/bindings/` by ts-rs (see `bindings`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod dunning;
mod letters;

pub use dunning::*;
pub use letters::*;

/// The book the app has open.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BookStatus {
    /// Absolute path of the SQLite file.
    pub path: String,
    /// True when the book holds no invoices and no bank transactions yet.
    pub empty: bool,
}

/// Payment status of an invoice, derived from allocations and the ledger.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Nothing paid yet.
    Open,
    /// Fully paid.
    Paid,
    /// Partly paid; the rest is open.
    PartiallyPaid,
    /// Cancelled by a credit note.
    Credited,
    /// Written off as uncollectable.
    WrittenOff,
}

/// One invoice as the Receivables screen shows it. Money is a decimal string.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InvoiceRow {
    /// Invoice number as the ledger writes it.
    pub number: String,
    /// Customer name.
    pub customer: String,
    /// Customer code.
    pub customer_code: String,
    /// `YYYY-MM-DD`.
    pub invoice_date: String,
    /// `YYYY-MM-DD`.
    pub due_date: String,
    /// Invoice total, e.g. `"1210.00"`.
    pub amount: String,
    /// What is still to be paid.
    pub open_amount: String,
    /// ISO currency code.
    pub currency: String,
    /// Payment status.
    pub status: InvoiceStatus,
    /// Days past the due date on the as-of date; 0 when not yet due.
    pub days_overdue: i32,
    /// Dunning stage reached: `none`, `reminder_1`, `call`, `reminder_2`, `demand`, `agency`.
    pub stage: String,
    /// Disputed: excluded from dunning until lifted.
    pub disputed: bool,
}

/// Totals and open invoices on a date, for Overview and Receivables.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Receivables {
    /// The date the figures are computed for.
    pub as_of: String,
    /// Sum of all open amounts.
    pub total_open: String,
    /// Sum of open amounts past their due date.
    pub total_overdue: String,
    /// Number of invoices with something open.
    pub n_open: u32,
    /// Number of those that are overdue.
    pub n_overdue: u32,
    /// Open amounts by age past due: not due, 1–30, 31–60, 61–90, over 90 days.
    pub ageing: Vec<AgeingBucket>,
    /// Every invoice with an open amount, oldest due date first.
    pub invoices: Vec<InvoiceRow>,
}

/// One column of the ageing overview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgeingBucket {
    /// Stable key: `not_due`, `d1_30`, `d31_60`, `d61_90`, `d90_plus`.
    pub key: String,
    /// Sum of open amounts in the bucket.
    pub amount: String,
    /// Number of invoices in the bucket.
    pub count: u32,
}

/// A customer with their open position.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerRow {
    /// Customer code.
    pub code: String,
    /// Name.
    pub name: String,
    /// E-mail address for letters, if known.
    pub email: Option<String>,
    /// True for consumers (B2C).
    pub consumer: bool,
    /// Number of invoices with something open.
    pub n_open: u32,
    /// Sum of open amounts.
    pub total_open: String,
    /// Sum of overdue open amounts.
    pub total_overdue: String,
    /// Why reminders to this customer wait for a person (a recent payment
    /// not yet placed, or a match suggestion), if they do.
    pub hold: Option<String>,
}

/// An invoice PDF that could not be linked to an invoice.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UnlinkedDocument {
    /// The stored document's id.
    pub id: i32,
    /// Its file name.
    pub file: String,
}

/// A bank account and how current its data is.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AccountRow {
    /// IBAN.
    pub iban: String,
    /// Account name, if the bank gave one.
    pub name: Option<String>,
    /// Last booking date the book has a statement for (`YYYY-MM-DD`).
    pub last_updated: Option<String>,
    /// Number of statements imported.
    pub n_statements: u32,
    /// Number of transactions imported.
    pub n_transactions: u32,
}

/// How a bank transaction stands against invoices.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TransactionState {
    /// Booked against one or more invoices.
    Matched,
    /// A suggestion awaits a person.
    Suggested,
    /// Nothing found yet.
    Unmatched,
    /// Marked as not a customer payment.
    Ignored,
}

/// A bank transaction for the Reconcile screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TransactionRow {
    /// Book-internal id.
    pub id: i32,
    /// `YYYY-MM-DD`.
    pub booking_date: String,
    /// Signed amount: money in is positive.
    pub amount: String,
    /// Payer or payee name.
    pub counterparty_name: Option<String>,
    /// Payer or payee IBAN.
    pub counterparty_iban: Option<String>,
    /// Description as the bank gave it.
    pub remittance: Option<String>,
    /// Where it stands.
    pub state: TransactionState,
    /// Invoice numbers it is booked against or suggested for.
    pub invoices: Vec<String>,
    /// Why, in words, in the interface language, when matched or suggested.
    pub reason: Option<String>,
    /// How sure the match is, in percent, when matched or suggested.
    pub confidence: Option<u32>,
}

/// A letter produced for a customer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LetterRow {
    /// Customer name.
    pub customer: String,
    /// Dunning stage the letter belongs to.
    pub stage: String,
    /// Date the letter was made for.
    pub as_of: String,
    /// Invoices it covers.
    pub invoices: Vec<String>,
    /// Total open at the time.
    pub total_open: String,
    /// When it was sent, if it was.
    pub sent_at: Option<String>,
}

/// Interface language.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

impl From<tegoed_core::customer::Language> for Language {
    fn from(language: tegoed_core::customer::Language) -> Language {
        match language {
            tegoed_core::customer::Language::Nl => Language::Nl,
            tegoed_core::customer::Language::En => Language::En,
        }
    }
}

impl From<Language> for tegoed_core::customer::Language {
    fn from(language: Language) -> tegoed_core::customer::Language {
        match language {
            Language::Nl => tegoed_core::customer::Language::Nl,
            Language::En => tegoed_core::customer::Language::En,
        }
    }
}

/// What a command returns on failure. The UI switches on `kind`, never on the message.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CommandError {
    /// Closed set of error kinds.
    pub kind: ErrorKind,
    /// One clear, translated-by-core message for a person.
    pub message: String,
}

/// Closed set of error kinds a command can return.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The user gave something unusable (bad file, bad date).
    Input,
    /// The book could not be opened or read.
    Book,
    /// Something went wrong inside Tegoed.
    Internal,
}

/// The kind of an imported file.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A bank statement (MT940, camt, bank CSV).
    Bank,
    /// A ledger of invoices and customers.
    Ledger,
    /// An invoice PDF.
    InvoicePdf,
}

/// One statement in a bank file, as checked before importing.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StatementPreview {
    /// The own account (IBAN).
    pub account: String,
    /// Its currency.
    pub currency: String,
    /// First booking date.
    pub from: Option<String>,
    /// Last booking date.
    pub to: Option<String>,
    /// Number of transactions.
    pub count: u32,
    /// Money in.
    pub credits: String,
    /// Money out (negative).
    pub debits: String,
    /// Sum of all transactions.
    pub sum: String,
    /// Opening balance.
    pub opening: Option<String>,
    /// Closing balance.
    pub closing: Option<String>,
    /// False when opening plus transactions does not give the closing balance.
    pub adds_up: bool,
}

/// A file as read before importing.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FilePreview {
    /// Full path, to import it after.
    pub path: String,
    /// File name.
    pub file: String,
    /// What it is, when it could be read.
    pub kind: Option<FileKind>,
    /// The format found, e.g. `mt940`, `camt.053.001.02`, `csv:ing`, `xlsx`.
    pub format: Option<String>,
    /// A bank file's statements.
    pub statements: Vec<StatementPreview>,
    /// A ledger's number of customers.
    pub customers: u32,
    /// A ledger's number of invoices.
    pub invoices: u32,
    /// The invoice number a PDF's name carries.
    pub invoice_number: Option<String>,
    /// Things to know before importing.
    pub warnings: Vec<String>,
    /// Why the file cannot be imported, naming the line or cell.
    pub error: Option<String>,
    /// True for a ledger whose columns a person must map once (`ledger_mapping`).
    pub needs_mapping: bool,
}

/// What importing one file did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportOutcome {
    /// File name.
    pub file: String,
    /// What it was.
    pub kind: Option<FileKind>,
    /// Records added (transactions, invoices, documents).
    pub added: u32,
    /// Records the book already had.
    pub duplicates: u32,
    /// Things to see: balance breaks, unlinked PDFs, vanished invoices.
    pub warnings: Vec<String>,
    /// Why nothing of this file was imported.
    pub error: Option<String>,
}

/// Progress of a bank file's import, sent as the `import-progress` event.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    /// File name.
    pub file: String,
    /// Transactions written.
    pub done: u32,
    /// Transactions in the file.
    pub total: u32,
}

/// One field's column in a mapped table.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FieldColumn {
    /// The field's key, e.g. `invoice_number`, `due_date`, `open_amount`.
    pub field: String,
    /// The 0-based column.
    pub column: u32,
    /// How sure recognition was, in percent (100 for a saved or chosen mapping).
    pub confidence: u32,
}

/// Where one table (invoices or customers) is in a workbook.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TableColumns {
    /// The sheet's name.
    pub sheet: String,
    /// The 0-based header row; data starts below it.
    pub header_row: u32,
    /// The header texts of that row.
    pub headers: Vec<String>,
    /// The mapped fields.
    pub columns: Vec<FieldColumn>,
}

/// A whole file's mapping, as the screen edits it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LedgerMapping {
    /// The invoices table.
    pub invoices: TableColumns,
    /// The customers table, when the workbook has one.
    pub customers: Option<TableColumns>,
}

/// A sheet's first rows as text.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetRows {
    /// The sheet's name.
    pub name: String,
    /// How many rows it has.
    pub n_rows: u32,
    /// The first rows, each cell as shown in a spreadsheet.
    pub rows: Vec<Vec<String>>,
}

/// A field the mapping screen offers in its dropdowns.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FieldOption {
    /// The key, e.g. `invoice_number`.
    pub key: String,
    /// Offered for an invoices sheet.
    pub on_invoices: bool,
    /// Offered for a customers sheet.
    pub on_customers: bool,
}

/// Everything the mapping screen shows for a ledger file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LedgerMappingScreen {
    /// The file's full path.
    pub path: String,
    /// Each sheet's first rows.
    pub sheets: Vec<SheetRows>,
    /// The mapping to start from (saved, recognised, or null when nothing was found).
    pub mapping: Option<LedgerMapping>,
    /// True when the mapping is one saved for this file shape.
    pub saved: bool,
    /// The headers seen, when nothing was recognised.
    pub headers_seen: String,
    /// The fields to choose from.
    pub fields: Vec<FieldOption>,
}

/// What a matching run did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MatchSummary {
    /// Allocations booked automatically.
    pub booked: u32,
    /// Suggestions awaiting a person.
    pub suggested: u32,
    /// Transactions that could not be placed.
    pub unmatched: u32,
}

/// One invoice's part of a split payment.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SplitPart {
    /// The invoice number.
    pub invoice: String,
    /// The amount for it, as a decimal string with the transaction's sign.
    pub amount: String,
}

/// A person's decision on a transaction, to undo it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Decision {
    /// The decision's id, for `undo_decision`.
    pub id: i32,
}

/// How a bank CSV gives the amount.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    /// One signed column (`-12,50`).
    Signed,
    /// An unsigned amount plus a column saying `Af`/`Bij` (debit/credit).
    WithSign,
    /// Separate debit and credit columns.
    DebitCredit,
}

/// A person's column mapping for a bank CSV no preset knows.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BankCsvMapping {
    /// Lines before the first transaction (title and header lines).
    pub skip_lines: u32,
    /// The booking date column.
    pub date_column: u32,
    /// The date format, e.g. `%d-%m-%Y` or `%Y%m%d`.
    pub date_format: String,
    /// How the amount is given.
    pub amount_kind: AmountKind,
    /// The amount column (signed, or unsigned with a sign column).
    pub amount_column: Option<u32>,
    /// The column saying which way the money goes (`with_sign`).
    pub sign_column: Option<u32>,
    /// That column's text for money out, e.g. `Af` or `D` (`with_sign`).
    pub debit_word: Option<String>,
    /// Money out (`debit_credit`).
    pub debit_column: Option<u32>,
    /// Money in (`debit_credit`).
    pub credit_column: Option<u32>,
    /// True for a decimal comma (`1.234,56`).
    pub decimal_comma: bool,
    /// The own account's column, when the file has one.
    pub account_column: Option<u32>,
    /// The own account (IBAN) when no column has it.
    pub account: Option<String>,
    /// Counterparty name.
    pub counterparty_name_column: Option<u32>,
    /// Counterparty IBAN.
    pub counterparty_iban_column: Option<u32>,
    /// Description columns, joined with a space.
    pub remittance_columns: Vec<u32>,
    /// The bank's own reference.
    pub bank_reference_column: Option<u32>,
}

/// What the bank CSV mapping screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BankCsvScreen {
    /// The file's full path.
    pub path: String,
    /// The delimiter found, as text (`;`, `,` or `tab`).
    pub delimiter: String,
    /// The first rows, split into cells.
    pub rows: Vec<Vec<String>>,
}

mod convert {
    //! From core values to DTOs: the one place money and dates become strings.

    use tegoed_core::book::{AccountSummary, AllocationState, LetterSummary, TransactionSummary};
    use tegoed_core::import::{
        Content, FileError, FileOutcome, FileReport, NeedsMapping, Prepared,
    };
    use tegoed_core::intake::ParsedFile;
    use tegoed_core::receivables::{self, CustomerPosition, Position, Summary};
    use tegoed_core::{ledger, statement};

    use super::*;

    fn count(n: impl TryInto<u32>) -> u32 {
        n.try_into().unwrap_or(u32::MAX)
    }

    impl From<receivables::InvoiceStatus> for InvoiceStatus {
        fn from(status: receivables::InvoiceStatus) -> InvoiceStatus {
            match status {
                receivables::InvoiceStatus::Open => InvoiceStatus::Open,
                receivables::InvoiceStatus::Paid => InvoiceStatus::Paid,
                receivables::InvoiceStatus::PartiallyPaid => InvoiceStatus::PartiallyPaid,
                receivables::InvoiceStatus::Credited => InvoiceStatus::Credited,
                receivables::InvoiceStatus::WrittenOff => InvoiceStatus::WrittenOff,
            }
        }
    }

    impl From<&Position> for InvoiceRow {
        fn from(position: &Position) -> InvoiceRow {
            InvoiceRow {
                number: position.number.clone(),
                customer: position.customer_name.clone(),
                customer_code: position.customer_code.clone(),
                invoice_date: position.invoice_date.to_string(),
                due_date: position.due_date.to_string(),
                amount: position.amount.to_string(),
                open_amount: position.open_amount.to_string(),
                currency: position.currency.clone(),
                status: position.status.into(),
                days_overdue: i32::try_from(position.days_overdue).unwrap_or(i32::MAX),
                stage: position.stage.code().to_owned(),
                disputed: false,
            }
        }
    }

    impl From<&Summary> for Receivables {
        fn from(summary: &Summary) -> Receivables {
            Receivables {
                as_of: summary.as_of.to_string(),
                total_open: summary.totals.open.to_string(),
                total_overdue: summary.totals.overdue.to_string(),
                n_open: count(summary.totals.n_open),
                n_overdue: count(summary.totals.n_overdue),
                ageing: summary
                    .ageing
                    .iter()
                    .map(|(class, amount, n)| AgeingBucket {
                        key: class.key().to_owned(),
                        amount: amount.to_string(),
                        count: count(*n),
                    })
                    .collect(),
                invoices: summary.open.iter().map(InvoiceRow::from).collect(),
            }
        }
    }

    impl From<&CustomerPosition> for CustomerRow {
        fn from(position: &CustomerPosition) -> CustomerRow {
            CustomerRow {
                code: position.customer.code.clone(),
                name: position.customer.name.clone(),
                email: position.customer.email.clone(),
                consumer: position.customer.consumer,
                n_open: count(position.totals.n_open),
                total_open: position.totals.open.to_string(),
                total_overdue: position.totals.overdue.to_string(),
                hold: position.hold.clone(),
            }
        }
    }

    impl From<&AccountSummary> for AccountRow {
        fn from(account: &AccountSummary) -> AccountRow {
            AccountRow {
                iban: account.iban.clone(),
                name: account.name.clone(),
                last_updated: account.last_updated.map(|date| date.to_string()),
                n_statements: count(account.n_statements),
                n_transactions: count(account.n_transactions),
            }
        }
    }

    impl TransactionRow {
        /// The row for a transaction, with its reason in `language`.
        pub fn of(transaction: &TransactionSummary, language: Language) -> TransactionRow {
            TransactionRow {
                id: i32::try_from(transaction.id).unwrap_or(i32::MAX),
                booking_date: transaction.booking_date.to_string(),
                amount: transaction.amount.to_string(),
                counterparty_name: transaction.counterparty_name.clone(),
                counterparty_iban: transaction.counterparty_iban.clone(),
                remittance: transaction.remittance.clone(),
                state: match transaction.state {
                    AllocationState::Matched => TransactionState::Matched,
                    AllocationState::Suggested => TransactionState::Suggested,
                    AllocationState::Unmatched => TransactionState::Unmatched,
                    AllocationState::Ignored => TransactionState::Ignored,
                },
                invoices: transaction.invoices.clone(),
                reason: match language {
                    Language::Nl => transaction
                        .reason_nl
                        .clone()
                        .or_else(|| transaction.reason.clone()),
                    Language::En => transaction.reason.clone(),
                },
                confidence: transaction
                    .confidence_permille
                    .and_then(|permille| u32::try_from((permille + 5) / 10).ok()),
            }
        }
    }

    impl From<&LetterSummary> for LetterRow {
        fn from(letter: &LetterSummary) -> LetterRow {
            LetterRow {
                customer: letter.customer.clone(),
                stage: letter.stage.clone(),
                as_of: letter.as_of.to_string(),
                invoices: letter.invoices.clone(),
                total_open: letter.total_open.to_string(),
                sent_at: letter.sent_at.map(|at| at.to_rfc3339()),
            }
        }
    }

    impl From<tegoed_core::intake::Kind> for FileKind {
        fn from(kind: tegoed_core::intake::Kind) -> FileKind {
            match kind {
                tegoed_core::intake::Kind::Bank => FileKind::Bank,
                tegoed_core::intake::Kind::Ledger => FileKind::Ledger,
                tegoed_core::intake::Kind::InvoicePdf => FileKind::InvoicePdf,
            }
        }
    }

    impl From<&tegoed_core::statement::Preview> for StatementPreview {
        fn from(preview: &tegoed_core::statement::Preview) -> StatementPreview {
            StatementPreview {
                account: preview.account.clone(),
                currency: preview.currency.clone(),
                from: preview.from.map(|date| date.to_string()),
                to: preview.to.map(|date| date.to_string()),
                count: count(preview.count),
                credits: preview.credits.to_string(),
                debits: preview.debits.to_string(),
                sum: preview.sum.to_string(),
                opening: preview.opening.map(|balance| balance.amount.to_string()),
                closing: preview.closing.map(|balance| balance.amount.to_string()),
                adds_up: preview.adds_up,
            }
        }
    }

    impl FilePreview {
        /// The preview of a file that could be read.
        pub fn of(path: String, prepared: &Prepared) -> FilePreview {
            let mut preview = FilePreview {
                path,
                file: prepared.name.clone(),
                kind: Some(prepared.kind().into()),
                format: None,
                statements: Vec::new(),
                customers: 0,
                invoices: 0,
                invoice_number: None,
                warnings: Vec::new(),
                error: None,
                needs_mapping: false,
            };
            match &prepared.content {
                Content::Read(ParsedFile::Bank(bank)) => {
                    preview.format = Some(bank.format.code());
                    preview.statements =
                        bank.preview().iter().map(StatementPreview::from).collect();
                    preview.warnings = bank.warnings.clone();
                }
                Content::Read(ParsedFile::Ledger(ledger)) => {
                    preview.format = Some(ledger.format.code().to_owned());
                    preview.customers = count(ledger.customers.len());
                    preview.invoices = count(ledger.invoices.len());
                    preview.warnings = ledger.warnings.clone();
                }
                Content::Read(ParsedFile::InvoicePdf(pdf)) => {
                    preview.format = Some("pdf".to_owned());
                    preview.invoice_number = pdf.number_in_name.clone();
                }
                Content::NeedsMapping(NeedsMapping::BankCsv { .. }) => {
                    preview.kind = None;
                    preview.format = Some("csv".to_owned());
                    preview.needs_mapping = true;
                    preview.error = Some(format!(
                        "{}: Tegoed does not recognise these columns; map them once and files like it are read the same way from then on",
                        prepared.name
                    ));
                }
                Content::NeedsMapping(needs @ NeedsMapping::Ledger(_)) => {
                    preview.kind = None;
                    preview.needs_mapping = true;
                    preview.error = Some(needs.to_string());
                }
            }
            preview
        }

        /// The preview of a file that cannot be imported.
        pub fn failed(path: String, file: String, error: &FileError) -> FilePreview {
            FilePreview {
                needs_mapping: error.needs_mapping(),
                ..FilePreview::unreadable(path, file, error.to_string())
            }
        }

        /// The preview of a file that could not even be read.
        pub fn unreadable(path: String, file: String, message: String) -> FilePreview {
            FilePreview {
                path,
                file,
                kind: None,
                format: None,
                statements: Vec::new(),
                customers: 0,
                invoices: 0,
                invoice_number: None,
                warnings: Vec::new(),
                error: Some(message),
                needs_mapping: false,
            }
        }
    }

    impl From<&FileReport> for ImportOutcome {
        fn from(report: &FileReport) -> ImportOutcome {
            let (file, kind, added, duplicates) = match report {
                FileReport::Bank(bank) => (
                    bank.file_name.clone(),
                    FileKind::Bank,
                    bank.added,
                    bank.duplicates,
                ),
                FileReport::Ledger(file, ledger) => (
                    file.clone(),
                    FileKind::Ledger,
                    ledger.added,
                    ledger.unchanged,
                ),
                FileReport::InvoicePdf(file, pdf) => (
                    file.clone(),
                    FileKind::InvoicePdf,
                    usize::from(!pdf.duplicate),
                    usize::from(pdf.duplicate),
                ),
            };
            ImportOutcome {
                file,
                kind: Some(kind),
                added: count(added),
                duplicates: count(duplicates),
                warnings: report.warnings().to_vec(),
                error: None,
            }
        }
    }

    impl From<&FileOutcome> for ImportOutcome {
        fn from(outcome: &FileOutcome) -> ImportOutcome {
            match outcome {
                FileOutcome::Imported(report) => ImportOutcome::from(report),
                FileOutcome::NeedsMapping { file, needs } => {
                    ImportOutcome::unreadable(file.clone(), needs.to_string())
                }
                FileOutcome::Failed { file, error } => ImportOutcome::failed(file.clone(), error),
            }
        }
    }

    impl ImportOutcome {
        /// A file of which nothing was imported.
        pub fn failed(file: String, error: &FileError) -> ImportOutcome {
            ImportOutcome::unreadable(file, error.to_string())
        }

        /// A file that could not be read.
        pub fn unreadable(file: String, message: String) -> ImportOutcome {
            ImportOutcome {
                file,
                kind: None,
                added: 0,
                duplicates: 0,
                warnings: Vec::new(),
                error: Some(message),
            }
        }
    }

    impl ImportProgress {
        /// Progress through a file's transactions.
        pub fn new(file: &str, done: usize, total: usize) -> ImportProgress {
            ImportProgress {
                file: file.to_owned(),
                done: count(done),
                total: count(total),
            }
        }
    }

    fn field_key(field: ledger::Field) -> String {
        serde_json::to_value(field)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    fn table_columns(
        table: &ledger::TableMapping,
        confidence: Option<&ledger::TableGuess>,
    ) -> TableColumns {
        TableColumns {
            sheet: table.sheet.clone(),
            header_row: table.header_row,
            headers: table.headers.clone(),
            columns: table
                .columns
                .iter()
                .map(|(field, column)| FieldColumn {
                    field: field_key(*field),
                    column: *column,
                    confidence: confidence
                        .and_then(|guess| guess.confidence.get(field))
                        .map_or(100, |sure| percent(*sure)),
                })
                .collect(),
        }
    }

    /// A 0..=1 score as whole percent, for display only.
    fn percent(score: f32) -> u32 {
        let clamped = score.clamp(0.0, 1.0) * 100.0;
        format!("{clamped:.0}").parse().unwrap_or(0)
    }

    impl LedgerMappingScreen {
        /// The screen for a ledger preview.
        pub fn of(path: String, preview: &ledger::Preview) -> LedgerMappingScreen {
            let guess = |table: &ledger::TableMapping, found: Option<&ledger::TableGuess>| {
                table_columns(table, if preview.saved { None } else { found })
            };
            LedgerMappingScreen {
                path,
                sheets: preview
                    .sheets
                    .iter()
                    .map(|sheet| SheetRows {
                        name: sheet.name.clone(),
                        n_rows: count(sheet.n_rows),
                        rows: sheet.rows.clone(),
                    })
                    .collect(),
                mapping: preview.mapping.as_ref().map(|mapping| LedgerMapping {
                    invoices: guess(&mapping.invoices, preview.invoices.as_ref()),
                    customers: mapping
                        .customers
                        .as_ref()
                        .map(|table| guess(table, preview.customers.as_ref())),
                }),
                saved: preview.saved,
                headers_seen: preview.headers_seen.clone(),
                fields: ledger::Field::ALL
                    .iter()
                    .map(|field| FieldOption {
                        key: field_key(*field),
                        on_invoices: field.on_invoices(),
                        on_customers: field.on_customers(),
                    })
                    .collect(),
            }
        }
    }

    impl TableColumns {
        fn to_core(&self) -> Result<ledger::TableMapping, String> {
            let mut columns = std::collections::BTreeMap::new();
            for column in &self.columns {
                let field: ledger::Field =
                    serde_json::from_value(serde_json::Value::String(column.field.clone()))
                        .map_err(|_| format!("'{}' is not a ledger field", column.field))?;
                columns.insert(field, column.column);
            }
            Ok(ledger::TableMapping {
                sheet: self.sheet.clone(),
                header_row: self.header_row,
                headers: self.headers.clone(),
                columns,
            })
        }
    }

    impl LedgerMapping {
        /// The core mapping.
        ///
        /// # Errors
        /// A field key that is not a ledger field.
        pub fn to_core(&self) -> Result<ledger::Mapping, String> {
            Ok(ledger::Mapping {
                invoices: self.invoices.to_core()?,
                customers: self
                    .customers
                    .as_ref()
                    .map(TableColumns::to_core)
                    .transpose()?,
            })
        }
    }

    impl From<&tegoed_core::reconcile::Outcome> for MatchSummary {
        fn from(outcome: &tegoed_core::reconcile::Outcome) -> MatchSummary {
            MatchSummary {
                booked: count(outcome.n_booked()),
                suggested: count(outcome.n_suggested()),
                unmatched: count(outcome.unmatched_transactions),
            }
        }
    }

    impl Decision {
        /// A decision by its book id.
        pub fn new(id: i64) -> Decision {
            Decision {
                id: i32::try_from(id).unwrap_or(i32::MAX),
            }
        }
    }

    fn column(value: Option<u32>) -> Option<usize> {
        value.and_then(|column| usize::try_from(column).ok())
    }

    fn required(value: Option<u32>, what: &str) -> Result<usize, String> {
        column(value).ok_or_else(|| format!("choose the {what} column"))
    }

    impl BankCsvMapping {
        /// The core mapping for a file with this delimiter.
        ///
        /// # Errors
        /// A column the amount kind needs that was not chosen.
        pub fn to_core(&self, delimiter: u8) -> Result<statement::csv::Mapping, String> {
            let amount = match self.amount_kind {
                AmountKind::Signed => {
                    statement::csv::AmountColumns::Signed(required(self.amount_column, "amount")?)
                }
                AmountKind::WithSign => statement::csv::AmountColumns::WithSign {
                    amount: required(self.amount_column, "amount")?,
                    sign: required(self.sign_column, "debit/credit")?,
                    debit_word: self.debit_word.clone().unwrap_or_else(|| "Af".to_owned()),
                },
                AmountKind::DebitCredit => statement::csv::AmountColumns::DebitCredit {
                    debit: required(self.debit_column, "debit")?,
                    credit: required(self.credit_column, "credit")?,
                },
            };
            Ok(statement::csv::Mapping {
                delimiter,
                skip_lines: usize::try_from(self.skip_lines).unwrap_or(0),
                date_column: required(Some(self.date_column), "date")?,
                date_format: self.date_format.clone(),
                amount,
                decimal_comma: self.decimal_comma,
                account_column: column(self.account_column),
                // Core refuses a file with no own account, naming the line.
                account: self
                    .account
                    .as_ref()
                    .map(|iban| iban.split_whitespace().collect::<String>())
                    .filter(|iban| !iban.is_empty()),
                currency_column: None,
                counterparty_name_column: column(self.counterparty_name_column),
                counterparty_iban_column: column(self.counterparty_iban_column),
                remittance_columns: self
                    .remittance_columns
                    .iter()
                    .filter_map(|value| column(Some(*value)))
                    .collect(),
                bank_reference_column: column(self.bank_reference_column),
                balance_after_column: None,
            })
        }
    }

    impl BankCsvScreen {
        /// The screen for a file's first rows.
        pub fn of(path: String, grid: &statement::csv::Grid) -> BankCsvScreen {
            BankCsvScreen {
                path,
                delimiter: match grid.delimiter {
                    b'\t' => "tab".to_owned(),
                    other => char::from(other).to_string(),
                },
                rows: grid.rows.clone(),
            }
        }
    }
}
