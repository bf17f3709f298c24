//! The contract's JSON shapes (`shared/cli-contract.md`). Only this module
//! decides field names; money is a string with two decimals, dates `YYYY-MM-DD`.

use serde::Serialize;
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

/// `parse --json`.
#[derive(Debug, Serialize)]
pub struct ParsedFiles {
    pub files: Vec<ParsedFileLine>,
}

/// One file in `parse --json`.
#[derive(Debug, Serialize)]
pub struct ParsedFileLine {
    pub file: String,
    pub kind: &'static str,
    pub format: String,
    pub encoding: &'static str,
    pub statements: Vec<StatementLine>,
    pub warnings: Vec<String>,
}

/// A balance in `parse --json`.
#[derive(Debug, Serialize)]
pub struct BalanceLine {
    pub date: String,
    pub amount: String,
}

/// A statement in `parse --json`.
#[derive(Debug, Serialize)]
pub struct StatementLine {
    pub account: String,
    pub currency: String,
    pub statement_id: Option<String>,
    pub opening_balance: Option<BalanceLine>,
    pub closing_balance: Option<BalanceLine>,
    pub transactions: Vec<BankTransactionLine>,
}

/// A bank transaction in `parse --json`.
#[derive(Debug, Serialize)]
pub struct BankTransactionLine {
    pub booking_date: String,
    pub value_date: Option<String>,
    pub amount: String,
    pub currency: String,
    pub counterparty_name: Option<String>,
    pub counterparty_iban: Option<String>,
    pub remittance: Option<String>,
    pub structured_reference: Option<String>,
    pub end_to_end_id: Option<String>,
    pub bank_reference: Option<String>,
}

fn balance_line(balance: Option<tegoed_core::statement::Balance>) -> Option<BalanceLine> {
    balance.map(|balance| BalanceLine {
        date: balance.date.to_string(),
        amount: balance.amount.to_string(),
    })
}

impl From<&tegoed_core::intake::ParsedFile> for ParsedFileLine {
    fn from(parsed: &tegoed_core::intake::ParsedFile) -> ParsedFileLine {
        match parsed {
            tegoed_core::intake::ParsedFile::Bank(bank) => ParsedFileLine {
                file: bank.file_name.clone(),
                kind: parsed.kind().code(),
                format: bank.format.code(),
                encoding: bank.encoding.code(),
                warnings: bank.warnings.clone(),
                statements: bank
                    .statements
                    .iter()
                    .map(|statement| StatementLine {
                        account: statement.account.clone(),
                        currency: statement.currency.clone(),
                        statement_id: statement.statement_id.clone(),
                        opening_balance: balance_line(statement.opening),
                        closing_balance: balance_line(statement.closing),
                        transactions: statement
                            .transactions
                            .iter()
                            .map(|transaction| BankTransactionLine {
                                booking_date: transaction.booking_date.to_string(),
                                value_date: transaction.value_date.map(|date| date.to_string()),
                                amount: transaction.amount.to_string(),
                                currency: transaction.currency.clone(),
                                counterparty_name: transaction.counterparty_name.clone(),
                                counterparty_iban: transaction.counterparty_iban.clone(),
                                remittance: transaction.remittance.clone(),
                                structured_reference: transaction.structured_reference.clone(),
                                end_to_end_id: transaction.end_to_end_id.clone(),
                                bank_reference: transaction.bank_reference.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            },
        }
    }
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
    pub statements_added: usize,
    pub warnings: Vec<String>,
}

impl From<&tegoed_core::import::ImportReport> for ImportedFile {
    fn from(report: &tegoed_core::import::ImportReport) -> ImportedFile {
        ImportedFile {
            file: report.file_name.clone(),
            kind: "bank",
            added: report.added,
            duplicates: report.duplicates,
            statements_added: report.statements_added,
            warnings: report.warnings.clone(),
        }
    }
}
