//! Bank statements (*bankafschriften*): reading the files a Dutch or Belgian
//! bank lets a business download into one model.
//!
//! [`parse`] takes a file name and its bytes (never a path), finds the
//! encoding ([`encoding`]) and the format from the content, not the extension
//! ([`detect`]), and hands the text to the format's reader: [`mt940`] (every
//! Dutch bank's dialect plus generic SWIFT), [`camt`] (camt.052/053/054,
//! versions .001.01 to .001.08) or [`csv`] (bank presets and a user mapping).
//! The result is a [`ParsedFile`]: statements per account, each with its
//! balances and transactions, amounts signed (money in positive).
//!
//! This module is pure: it reads no files, touches no book and prints
//! nothing. Importing into the book lives in [`crate::import`]; a bad file is
//! a [`StatementError`] that names the file and the line, cell or XML element.

pub mod camt;
pub mod csv;
pub mod detect;
pub mod encoding;
mod error;
pub mod mt940;
mod text;
pub mod xml;

use std::fmt;

use chrono::NaiveDate;

pub use encoding::Encoding;
pub use error::{Location, StatementError};

use crate::money::Money;

/// A bank file read whole: its format, encoding and statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    /// The file name it was read under (for messages and the book).
    pub file_name: String,
    /// The format found in the content.
    pub format: Format,
    /// The character encoding found in the bytes.
    pub encoding: Encoding,
    /// The statements, in file order; a CSV gives one per own account.
    pub statements: Vec<Statement>,
    /// Things a person should know that do not stop the import (e.g. a
    /// statement whose transactions do not add up to its closing balance).
    pub warnings: Vec<String>,
}

/// The format of a bank file, as the contract's `format` code names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// SWIFT MT940 in any bank's dialect.
    Mt940,
    /// ISO 20022 camt: the message (52, 53, 54) and version (1..=8 or more).
    Camt {
        /// 52 (account report), 53 (statement) or 54 (notification).
        message: u16,
        /// The `.001.NN` version.
        version: u16,
    },
    /// A bank's CSV (or tab) export.
    Csv(csv::Layout),
}

impl Format {
    /// The contract's code: `mt940`, `camt.053.001.02`, `csv:ing`, ….
    pub fn code(&self) -> String {
        match self {
            Format::Mt940 => "mt940".to_owned(),
            Format::Camt { message, version } => format!("camt.{message:03}.001.{version:02}"),
            Format::Csv(layout) => format!("csv:{}", layout.code()),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// A balance on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    /// The date the balance holds on.
    pub date: NaiveDate,
    /// Signed amount, credit positive.
    pub amount: Money,
}

/// One statement of one account: balances and the transactions between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The own account: an IBAN where the file gives or implies one,
    /// otherwise the account number as written.
    pub account: String,
    /// ISO currency code of the account.
    pub currency: String,
    /// The bank's statement id (MT940 `:20:`/`:28C:`, camt `Stmt/Id`).
    pub statement_id: Option<String>,
    /// Opening balance (MT940 `:60F:`/`:60M:`, camt `OPBD`/`PRCD`).
    pub opening: Option<Balance>,
    /// Closing balance (MT940 `:62F:`/`:62M:`, camt `CLBD`).
    pub closing: Option<Balance>,
    /// The transactions in file order.
    pub transactions: Vec<Transaction>,
    /// Where the statement starts in the file.
    pub origin: Location,
}

/// One booked bank transaction (*mutatie*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// Booking date (*boekdatum*).
    pub booking_date: NaiveDate,
    /// Value date (*valutadatum*), when the file gives one.
    pub value_date: Option<NaiveDate>,
    /// Signed amount: money in positive, money out negative.
    pub amount: Money,
    /// ISO currency code.
    pub currency: String,
    /// Counterparty (*tegenpartij*) name.
    pub counterparty_name: Option<String>,
    /// Counterparty account (*tegenrekening*), normally an IBAN.
    pub counterparty_iban: Option<String>,
    /// Remittance text (*omschrijving*), unwrapped.
    pub remittance: Option<String>,
    /// Structured reference (betalingskenmerk, RF, OGM).
    pub structured_reference: Option<String>,
    /// SEPA end-to-end id.
    pub end_to_end_id: Option<String>,
    /// The bank's own reference for the booking.
    pub bank_reference: Option<String>,
    /// The bank marks it as a return or reversal of an earlier booking
    /// (camt `RvslInd`, MT940 `RC`/`RD`, a return reason).
    pub reversal: bool,
    /// The SEPA return reason code (`AC04`, `AC06`, `MD06`, `MS03`, …):
    /// camt `RtrInf/Rsn/Cd`, MT940 `/RTRN/`.
    pub return_reason: Option<String>,
    /// The party the payer pays for (camt `UltmtDbtr/Nm`, MT940 `/ULTD/`);
    /// differing from the payer, it marks a provider or factoring account.
    pub ultimate_debtor: Option<String>,
    /// Where the transaction starts in the file.
    pub origin: Location,
}

/// What a person sees before importing a statement: account, period,
/// count, sum and balances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The own account.
    pub account: String,
    /// Its currency.
    pub currency: String,
    /// First booking date (or opening balance date when empty).
    pub from: Option<NaiveDate>,
    /// Last booking date (or closing balance date when empty).
    pub to: Option<NaiveDate>,
    /// Number of transactions.
    pub count: usize,
    /// Money in.
    pub credits: Money,
    /// Money out (negative).
    pub debits: Money,
    /// Sum of all transactions.
    pub sum: Money,
    /// Opening balance.
    pub opening: Option<Balance>,
    /// Closing balance.
    pub closing: Option<Balance>,
    /// True when opening + sum = closing (or a balance is missing).
    pub adds_up: bool,
}

impl Statement {
    /// The sum of the transactions.
    pub fn sum(&self) -> Money {
        self.transactions
            .iter()
            .map(|transaction| transaction.amount)
            .sum()
    }

    /// False only when both balances are known and the transactions do not
    /// lead from the opening to the closing balance.
    pub fn adds_up(&self) -> bool {
        match (self.opening, self.closing) {
            (Some(opening), Some(closing)) => opening.amount + self.sum() == closing.amount,
            _ => true,
        }
    }

    /// The preview a person checks before importing.
    pub fn preview(&self) -> Preview {
        let credits: Money = self
            .transactions
            .iter()
            .map(|transaction| transaction.amount)
            .filter(|amount| amount.is_positive())
            .sum();
        let debits: Money = self
            .transactions
            .iter()
            .map(|transaction| transaction.amount)
            .filter(|amount| amount.is_negative())
            .sum();
        let dates = self
            .transactions
            .iter()
            .map(|transaction| transaction.booking_date);
        Preview {
            account: self.account.clone(),
            currency: self.currency.clone(),
            from: dates
                .clone()
                .min()
                .or(self.opening.map(|balance| balance.date)),
            to: dates.max().or(self.closing.map(|balance| balance.date)),
            count: self.transactions.len(),
            credits,
            debits,
            sum: credits + debits,
            opening: self.opening,
            closing: self.closing,
            adds_up: self.adds_up(),
        }
    }
}

impl ParsedFile {
    /// The preview of every statement, in file order.
    pub fn preview(&self) -> Vec<Preview> {
        self.statements.iter().map(Statement::preview).collect()
    }

    /// Number of transactions over all statements.
    pub fn n_transactions(&self) -> usize {
        self.statements
            .iter()
            .map(|statement| statement.transactions.len())
            .sum()
    }
}

/// Reads a bank file: detects encoding and format from the bytes and parses
/// every statement in it.
///
/// # Errors
/// A [`StatementError`] naming the file and the line, cell or element when
/// the bytes are empty, not a bank statement, or damaged; and
/// [`StatementError::UnknownCsvLayout`] for a CSV whose columns need mapping
/// once (see [`csv::Mapping`] and [`parse_with_mapping`]).
pub fn parse(file_name: &str, bytes: &[u8]) -> Result<ParsedFile, StatementError> {
    let (text, encoding) = encoding::decode(bytes);
    let format = detect::detect(file_name, bytes, &text)?;
    let mut parsed = match format {
        detect::Detected::Mt940 => mt940::parse(file_name, &text)?,
        detect::Detected::Camt => camt::parse(file_name, &text)?,
        detect::Detected::Csv => csv::parse(file_name, &text)?,
    };
    parsed.encoding = encoding;
    finish(&mut parsed);
    Ok(parsed)
}

/// Reads a CSV bank file with a column mapping the user made (and the book
/// saved) for files of its shape.
///
/// # Errors
/// A [`StatementError`] naming the file and the line and column of a value
/// that does not fit the mapping.
pub fn parse_with_mapping(
    file_name: &str,
    bytes: &[u8],
    mapping: &csv::Mapping,
) -> Result<ParsedFile, StatementError> {
    let (text, encoding) = encoding::decode(bytes);
    if text.trim().is_empty() {
        return Err(StatementError::Empty {
            file: file_name.to_owned(),
        });
    }
    detect::refuse_nul(file_name, &text)?;
    let mut parsed = csv::parse_mapped(file_name, &text, mapping)?;
    parsed.encoding = encoding;
    finish(&mut parsed);
    Ok(parsed)
}

/// Adds the warnings every format shares: statements that do not add up.
fn finish(parsed: &mut ParsedFile) {
    for statement in &parsed.statements {
        if let (Some(opening), Some(closing)) = (statement.opening, statement.closing) {
            let sum = statement.sum();
            if opening.amount + sum != closing.amount {
                parsed.warnings.push(format!(
                    "{} {}: statement of {} does not add up: opening balance {} + transactions {} = {}, but the closing balance is {}",
                    parsed.file_name,
                    statement.origin,
                    statement.account,
                    opening.amount,
                    sum,
                    opening.amount + sum,
                    closing.amount
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests;
