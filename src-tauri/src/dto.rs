//! Wire types of the Tauri commands. Core types carry no wire concerns: each
//! DTO is built from a core value here, and its TypeScript twin is generated
//! into `ui/src/lib/api/bindings/` by ts-rs (see `bindings`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    /// Why, in words, when matched or suggested.
    pub reason: Option<String>,
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
