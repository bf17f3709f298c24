//! The contract's JSON shapes (`shared/cli-contract.md`). Only this module
//! decides field names; money is a string with two decimals, dates `YYYY-MM-DD`.

pub mod dunning;
pub mod law;
pub mod letters;
pub mod matching;

use chrono::NaiveDate;
use serde::Serialize;
use tegoed_core::money::Money;
use tegoed_core::receivables::Position;

/// `invoices --json`.
#[derive(Debug, Serialize)]
pub struct Invoices {
    /// Every invoice.
    pub invoices: Vec<InvoiceLine>,
}

/// One invoice in `invoices --json`.
#[derive(Debug, Serialize)]
pub struct InvoiceLine {
    pub number: String,
    pub customer: String,
    pub customer_code: String,
    pub invoice_date: String,
    pub amount: String,
    pub open_amount: String,
    pub currency: String,
    pub status: &'static str,
    pub due_date: String,
    pub days_overdue: i64,
    pub stage: &'static str,
}

impl From<&Position> for InvoiceLine {
    fn from(position: &Position) -> InvoiceLine {
        InvoiceLine {
            number: position.number.clone(),
            customer: position.customer_name.clone(),
            customer_code: position.customer_code.clone(),
            invoice_date: position.invoice_date.to_string(),
            amount: position.amount.to_string(),
            open_amount: position.open_amount.to_string(),
            currency: position.currency.clone(),
            status: position.status.code(),
            due_date: position.due_date.to_string(),
            days_overdue: position.days_overdue,
            stage: position.stage.code(),
        }
    }
}

/// `demo --json`.
#[derive(Debug, Serialize)]
pub struct Demo {
    pub book: String,
    pub customers: usize,
    pub invoices: usize,
    pub statements: usize,
    pub transactions: usize,
}

/// `parse --json`: written straight from the parsed files, borrowing every
/// text, so that a 300,000-transaction statement costs no second copy.
#[derive(Debug, Serialize)]
pub struct ParsedFiles<'a> {
    pub files: Vec<ParsedFileLine<'a>>,
}

/// One file in `parse --json`: its shape depends on its kind.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum ParsedFileLine<'a> {
    /// A bank statement file.
    Bank(BankFileLine<'a>),
    /// A ledger.
    Ledger(LedgerFileLine),
    /// An invoice PDF.
    InvoicePdf(InvoicePdfLine),
}

/// A bank file in `parse --json`.
#[derive(Debug, Serialize)]
pub struct BankFileLine<'a> {
    pub file: &'a str,
    pub kind: &'static str,
    pub format: String,
    pub encoding: &'static str,
    #[serde(serialize_with = "statement_lines")]
    pub statements: &'a [tegoed_core::statement::Statement],
    pub warnings: &'a [String],
}

/// A balance in `parse --json`.
#[derive(Debug, Serialize)]
pub struct BalanceLine {
    #[serde(serialize_with = "shown")]
    pub date: NaiveDate,
    #[serde(serialize_with = "shown")]
    pub amount: Money,
}

/// A statement in `parse --json`.
#[derive(Debug, Serialize)]
pub struct StatementLine<'a> {
    pub account: &'a str,
    pub currency: &'a str,
    pub statement_id: Option<&'a str>,
    pub opening_balance: Option<BalanceLine>,
    pub closing_balance: Option<BalanceLine>,
    #[serde(serialize_with = "transaction_lines")]
    pub transactions: &'a [tegoed_core::statement::Transaction],
}

/// A bank transaction in `parse --json`.
#[derive(Debug, Serialize)]
pub struct BankTransactionLine<'a> {
    #[serde(serialize_with = "shown")]
    pub booking_date: NaiveDate,
    #[serde(serialize_with = "shown_if_any")]
    pub value_date: Option<NaiveDate>,
    #[serde(serialize_with = "shown")]
    pub amount: Money,
    pub currency: &'a str,
    pub counterparty_name: Option<&'a str>,
    pub counterparty_iban: Option<&'a str>,
    pub remittance: Option<&'a str>,
    pub structured_reference: Option<&'a str>,
    pub end_to_end_id: Option<&'a str>,
    pub bank_reference: Option<&'a str>,
    /// A return or reversal of an earlier booking.
    pub reversal: bool,
    /// The return reason code (e.g. `MD06`), when the bank gives one.
    pub return_reason: Option<&'a str>,
    /// The party the payer paid for, when it differs (`UltmtDbtr`).
    pub ultimate_debtor: Option<&'a str>,
}

/// Writes a value by its `Display` (dates, money) without building a string.
fn shown<S: serde::Serializer>(value: &impl std::fmt::Display, out: S) -> Result<S::Ok, S::Error> {
    out.collect_str(value)
}

fn shown_if_any<S: serde::Serializer>(
    value: &Option<NaiveDate>,
    out: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => out.collect_str(value),
        None => out.serialize_none(),
    }
}

fn statement_lines<S: serde::Serializer>(
    statements: &&[tegoed_core::statement::Statement],
    out: S,
) -> Result<S::Ok, S::Error> {
    out.collect_seq(statements.iter().map(|statement| StatementLine {
        account: &statement.account,
        currency: &statement.currency,
        statement_id: statement.statement_id.as_deref(),
        opening_balance: balance_line(statement.opening),
        closing_balance: balance_line(statement.closing),
        transactions: &statement.transactions,
    }))
}

fn transaction_lines<S: serde::Serializer>(
    transactions: &&[tegoed_core::statement::Transaction],
    out: S,
) -> Result<S::Ok, S::Error> {
    out.collect_seq(transactions.iter().map(|transaction| BankTransactionLine {
        booking_date: transaction.booking_date,
        value_date: transaction.value_date,
        amount: transaction.amount,
        currency: &transaction.currency,
        counterparty_name: transaction.counterparty_name.as_deref(),
        counterparty_iban: transaction.counterparty_iban.as_deref(),
        remittance: transaction.remittance.as_deref(),
        structured_reference: transaction.structured_reference.as_deref(),
        end_to_end_id: transaction.end_to_end_id.as_deref(),
        bank_reference: transaction.bank_reference.as_deref(),
        reversal: transaction.reversal,
        return_reason: transaction.return_reason.as_deref(),
        ultimate_debtor: transaction.ultimate_debtor.as_deref(),
    }))
}

fn balance_line(balance: Option<tegoed_core::statement::Balance>) -> Option<BalanceLine> {
    balance.map(|balance| BalanceLine {
        date: balance.date,
        amount: balance.amount,
    })
}

impl<'a> From<&'a tegoed_core::intake::ParsedFile> for ParsedFileLine<'a> {
    fn from(parsed: &'a tegoed_core::intake::ParsedFile) -> ParsedFileLine<'a> {
        match parsed {
            tegoed_core::intake::ParsedFile::Ledger(ledger) => {
                ParsedFileLine::Ledger(LedgerFileLine::from(&**ledger))
            }
            tegoed_core::intake::ParsedFile::InvoicePdf(pdf) => {
                ParsedFileLine::InvoicePdf(InvoicePdfLine {
                    file: pdf.file_name.clone(),
                    kind: parsed.kind().code(),
                    format: "pdf",
                    invoice_number_in_name: pdf.number_in_name.clone(),
                    pages: pdf.pages,
                    sha256: pdf.sha256.clone(),
                })
            }
            tegoed_core::intake::ParsedFile::Bank(bank) => ParsedFileLine::Bank(BankFileLine {
                file: &bank.file_name,
                kind: parsed.kind().code(),
                format: bank.format.code(),
                encoding: bank.encoding.code(),
                warnings: &bank.warnings,
                statements: &bank.statements,
            }),
        }
    }
}

/// A ledger in `parse --json`.
#[derive(Debug, Serialize)]
pub struct LedgerFileLine {
    pub file: String,
    pub kind: &'static str,
    pub format: &'static str,
    pub encoding: Option<&'static str>,
    pub preset: Option<&'static str>,
    pub customers: Vec<LedgerCustomerLine>,
    pub invoices: Vec<LedgerInvoiceLine>,
    pub documents: Vec<String>,
    pub warnings: Vec<String>,
}

/// A customer of a ledger in `parse --json`.
#[derive(Debug, Serialize)]
pub struct LedgerCustomerLine {
    pub code: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub iban: Option<String>,
    pub payment_term_days: Option<i64>,
    pub language: Option<&'static str>,
    pub consumer: Option<bool>,
    pub own_terms: Option<bool>,
    pub phone: Option<String>,
    pub contact_person: Option<String>,
    pub address: Option<String>,
    pub kvk_number: Option<String>,
}

/// An invoice of a ledger in `parse --json`.
#[derive(Debug, Serialize)]
pub struct LedgerInvoiceLine {
    pub number: String,
    pub customer: Option<String>,
    pub customer_code: Option<String>,
    pub invoice_date: Option<String>,
    pub due_date: Option<String>,
    pub due_date_derived: bool,
    pub amount: Option<String>,
    pub open_amount: Option<String>,
    pub currency: Option<String>,
    pub reference: Option<String>,
    pub status: Option<&'static str>,
    pub credits: Option<String>,
}

impl From<&tegoed_core::ledger::Ledger> for LedgerFileLine {
    fn from(ledger: &tegoed_core::ledger::Ledger) -> LedgerFileLine {
        let text = |value: Option<chrono::NaiveDate>| value.map(|date| date.to_string());
        let money =
            |value: Option<tegoed_core::money::Money>| value.map(|amount| amount.to_string());
        LedgerFileLine {
            file: ledger.file.clone(),
            kind: "ledger",
            format: ledger.format.code(),
            encoding: ledger.encoding,
            preset: ledger.preset,
            customers: ledger
                .customers
                .iter()
                .map(|customer| LedgerCustomerLine {
                    code: customer.code.clone(),
                    name: customer.name.clone(),
                    email: customer.email.clone(),
                    iban: customer.iban.clone(),
                    payment_term_days: customer.payment_term_days,
                    language: customer.language.map(|language| language.code()),
                    consumer: customer.consumer,
                    own_terms: customer.own_terms,
                    phone: customer.phone.clone(),
                    contact_person: customer.contact_person.clone(),
                    address: customer.address.clone(),
                    kvk_number: customer.kvk_number.clone(),
                })
                .collect(),
            invoices: ledger
                .invoices
                .iter()
                .map(|invoice| LedgerInvoiceLine {
                    number: invoice.number.clone(),
                    customer: invoice
                        .customer_name
                        .clone()
                        .or_else(|| invoice.customer_code.clone()),
                    customer_code: invoice.customer_code.clone(),
                    invoice_date: text(invoice.invoice_date),
                    due_date: text(invoice.due_date),
                    due_date_derived: invoice.due_date_derived,
                    amount: money(invoice.amount),
                    open_amount: money(invoice.open_amount),
                    currency: invoice.currency.clone(),
                    reference: invoice.reference.clone(),
                    status: invoice.status.map(|status| status.code()),
                    credits: invoice.credits.clone(),
                })
                .collect(),
            documents: ledger
                .documents
                .iter()
                .map(|document| document.file_name.clone())
                .collect(),
            warnings: ledger.warnings.clone(),
        }
    }
}

/// An invoice PDF in `parse --json`.
#[derive(Debug, Serialize)]
pub struct InvoicePdfLine {
    pub file: String,
    pub kind: &'static str,
    pub format: &'static str,
    pub invoice_number_in_name: Option<String>,
    pub pages: Option<usize>,
    pub sha256: String,
}

/// `import --json`.
#[derive(Debug, Serialize)]
pub struct Imported {
    pub files: Vec<ImportedFile>,
}

/// One file in `import --json`.
#[derive(Debug, Serialize)]
pub struct ImportedFile {
    pub file: String,
    pub kind: &'static str,
    pub added: usize,
    pub duplicates: usize,
    /// Bank: of `duplicates`, those the book had from a file of another
    /// format (recognised by content, not by identity).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recognised: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statements_added: Option<usize>,
    /// Ledger: known invoices whose ledger data changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<usize>,
    /// Ledger: open invoices of this ledger no longer in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vanished: Option<Vec<String>>,
    /// Ledger: customers added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customers_added: Option<usize>,
    /// Invoice PDF: the invoice it is linked to (`null`: unlinked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice: Option<Option<String>>,
    /// Invoice PDF: `file_name` or `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_by: Option<&'static str>,
    pub warnings: Vec<String>,
}

impl From<&tegoed_core::import::ImportReport> for ImportedFile {
    fn from(report: &tegoed_core::import::ImportReport) -> ImportedFile {
        ImportedFile {
            file: report.file_name.clone(),
            kind: "bank",
            added: report.added,
            duplicates: report.duplicates,
            recognised: Some(report.recognised),
            statements_added: Some(report.statements_added),
            updated: None,
            vanished: None,
            customers_added: None,
            invoice: None,
            linked_by: None,
            warnings: report.warnings.clone(),
        }
    }
}

impl From<&tegoed_core::import::FileReport> for ImportedFile {
    fn from(report: &tegoed_core::import::FileReport) -> ImportedFile {
        use tegoed_core::import::FileReport;
        match report {
            FileReport::Bank(report) => ImportedFile::from(report),
            FileReport::Ledger(file, report) => ImportedFile::ledger(file, report),
            FileReport::InvoicePdf(file, report) => ImportedFile::invoice_pdf(file, report),
        }
    }
}

impl ImportedFile {
    /// A ledger import: `duplicates` counts the invoices already in the
    /// book unchanged.
    pub fn ledger(file: &str, report: &tegoed_core::import::ledger::ImportReport) -> ImportedFile {
        ImportedFile {
            file: file.to_owned(),
            kind: "ledger",
            added: report.added,
            duplicates: report.unchanged,
            recognised: None,
            statements_added: None,
            updated: Some(report.updated),
            vanished: Some(report.vanished.clone()),
            customers_added: Some(report.customers_added),
            invoice: None,
            linked_by: None,
            warnings: report.warnings.clone(),
        }
    }

    /// An invoice PDF import.
    pub fn invoice_pdf(file: &str, report: &tegoed_core::import::PdfImport) -> ImportedFile {
        use tegoed_core::invoice_pdf::LinkedBy;
        ImportedFile {
            file: file.to_owned(),
            kind: "invoice_pdf",
            added: usize::from(!report.duplicate),
            duplicates: usize::from(report.duplicate),
            recognised: None,
            statements_added: None,
            updated: None,
            vanished: None,
            customers_added: None,
            invoice: Some(report.invoice.clone()),
            linked_by: report.linked_by.map(|how| match how {
                LinkedBy::FileName => "file_name",
                LinkedBy::Text => "text",
            }),
            warnings: report.warnings.clone(),
        }
    }
}
