//! SWIFT MT940 customer statements, in the dialect of every Dutch bank
//! (ING, Rabobank, ABN AMRO, Triodos, ASN/SNS/RegioBank, Knab, bunq) and
//! generic SWIFT.
//!
//! One pass over the lines: tags (`:20:`, `:25:`, `:28C:`, `:60F:`, `:61:`,
//! `:86:`, `:62F:`, …) open fields, other lines continue the open field,
//! `{1:}{2:}{4:` blocks, `-` and `-}` frame messages, and a bank's header
//! lines before the first tag (`ABNANL2A`, `940`, `:940:`) are skipped.
//! Several statements per file, `:60M:`/`:62M:` page balances, CRLF or LF,
//! control bytes and a missing final newline are all fine; a new `:20:`
//! begins the next statement with or without a `-` line before it. The
//! fixed fields are in [`line`], the `:86:` dialects in [`details`]. Amounts
//! are read by [`crate::money::Money::parse_written`]: a malformed one stops
//! the file with its line and column. The available and forward balances
//! (`:64:`, `:65:`) are not kept; one that cannot be read is a warning, and a
//! statement that reached them without a `:62F:` is read with a warning
//! rather than refused as cut off.
//!
//! Written by hand: no MT940 crate reads these dialects with line numbers
//! in its errors, and a hand-written pass borrows the text instead of
//! copying it (hundreds of thousands of lines per second).

pub(crate) mod details;
pub(crate) mod line;

use super::text::{looks_like_iban, non_empty};
use super::{Balance, Format, Location, ParsedFile, Statement, StatementError, Transaction};
use crate::reference::iban;

/// Bank dialects that change how `:61:` and `:86:` are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// ING: everything wrapped at 65 columns, even the bank reference.
    Ing,
    /// Rabobank: counterparty account on the second `:61:` line.
    Rabobank,
    /// de Volksbank (SNS, ASN, RegioBank): counterparty IBAN as the `:61:`
    /// reference, the name on the second line and first in `:86:`.
    Volksbank,
    /// Everyone else.
    Other,
}

/// Reads an MT940 file.
///
/// # Errors
/// [`StatementError::Invalid`] naming the line of a damaged field, a
/// statement without account, or a file cut off before its closing balance.
pub fn parse(file_name: &str, text: &str) -> Result<ParsedFile, StatementError> {
    let mut reader = Reader {
        file_name,
        header_bank: None,
        statements: Vec::new(),
        warnings: Vec::new(),
        current: None,
        field: None,
        dash_line: None,
        ended: true,
        spare_lines: Vec::new(),
    };
    let mut line_number = 0;
    for raw in text.split('\n') {
        line_number += 1;
        reader.line(line_number, raw)?;
    }
    reader.finish_field()?;
    if let Some(dash) = reader.dash_line.take() {
        let _ = dash;
        reader.ended = true;
    }
    reader.finish_statement(line_number)?;
    if reader.statements.is_empty() {
        return Err(StatementError::NotAStatement {
            file: file_name.to_owned(),
            found: "MT940-like text without a statement (no :20:/:25: block)".to_owned(),
        });
    }
    Ok(ParsedFile {
        file_name: file_name.to_owned(),
        format: Format::Mt940,
        encoding: super::Encoding::UTF_8,
        statements: reader.statements,
        warnings: reader.warnings,
    })
}

/// The field being read: its tag, first line number and lines.
struct Field<'a> {
    tag: &'a str,
    line: usize,
    lines: Vec<&'a str>,
}

/// A statement being assembled.
struct Builder<'a> {
    line: usize,
    reference: Option<String>,
    number: Option<String>,
    account: Option<String>,
    currency: Option<String>,
    dialect: Dialect,
    opening: Option<Balance>,
    closing: Option<Balance>,
    transactions: Vec<Transaction>,
    /// A `:61:` waiting for its `:86:`.
    pending: Option<Pending>,
    /// The `:86:` lines of the pending transaction, borrowed from the text.
    details: Vec<&'a str>,
    /// An available or forward balance (`:64:`, `:65:`) was seen: the
    /// statement reached its end part, so a missing `:62F:` is not a
    /// cut-off download.
    reached_end: bool,
}

/// A `:61:` read, before its `:86:`.
struct Pending {
    line: usize,
    transaction: Transaction,
    customer_reference: String,
    supplementary: String,
}

struct Reader<'a> {
    file_name: &'a str,
    header_bank: Option<&'static str>,
    statements: Vec<Statement>,
    warnings: Vec<String>,
    current: Option<Builder<'a>>,
    field: Option<Field<'a>>,
    /// A `-` line seen: a message end, unless text continues the field.
    dash_line: Option<usize>,
    /// True when the last statement was closed by `-`, `-}` or a new `:20:`.
    ended: bool,
    /// The line buffer of the last finished field, emptied, for the next
    /// field to reuse (one allocation per file instead of one per field).
    spare_lines: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    fn invalid(&self, line: usize, problem: impl Into<String>) -> StatementError {
        StatementError::invalid(self.file_name, Location::Line(line), problem)
    }

    /// An error in a fixed field, at its column when the field knows it.
    fn invalid_field(&self, line: usize, tag: &str, problem: line::Problem) -> StatementError {
        let at = match problem.column {
            Some(column) => Location::Cell {
                line,
                column: column.to_string(),
            },
            None => Location::Line(line),
        };
        StatementError::invalid(self.file_name, at, format!(":{tag}: {}", problem.text))
    }

    fn line(&mut self, number: usize, raw: &'a str) -> Result<(), StatementError> {
        let line = raw
            .trim_end_matches(['\r', '\u{1a}', '\u{3}'])
            .trim_start_matches(['\u{1}', '\u{feff}']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        if trimmed == "-" || trimmed == "}" {
            self.dash_line = Some(number);
            return Ok(());
        }
        let starts_block = line.starts_with('{') || line.starts_with("-}");
        let tag = super::detect::mt_tag(line);
        if let Some(dash) = self.dash_line.take() {
            if tag.is_some() || starts_block {
                self.end_message()?;
            } else if let Some(field) = self.field.as_mut() {
                field.lines.push("-");
            } else {
                let _ = dash;
            }
        }
        if starts_block {
            if line.starts_with("-}") || line.starts_with('}') {
                self.end_message()?;
            }
            self.header_bank = self.header_bank.or_else(|| bank_of_header(line));
            if let Some(position) = line.find("{4:") {
                let rest = line.get(position + 3..).unwrap_or_default();
                if !rest.trim().is_empty() {
                    return self.line(number, rest);
                }
            }
            return Ok(());
        }
        if let Some(tag) = tag {
            self.finish_field()?;
            let value = line.get(tag.len() + 2..).unwrap_or_default();
            let mut lines = std::mem::take(&mut self.spare_lines);
            lines.push(value);
            self.field = Some(Field {
                tag,
                line: number,
                lines,
            });
            return Ok(());
        }
        if line.starts_with(':') && line.get(1..).is_some_and(looks_like_bad_tag) {
            if line.starts_with(":940:") {
                self.header_bank = self.header_bank.or(Some("RABO"));
                return Ok(());
            }
            return Err(self.invalid(
                number,
                format!(
                    "'{}' is not an MT940 tag (expected e.g. :20:, :25:, :61:); the file is damaged or not an MT940 statement",
                    line.chars().take(12).collect::<String>()
                ),
            ));
        }
        match self.field.as_mut() {
            Some(field) if is_multiline(field.tag) => field.lines.push(line),
            Some(_) => {}
            None => {
                if self.current.is_none() {
                    self.header_bank = self.header_bank.or_else(|| bank_of_header(line));
                }
            }
        }
        Ok(())
    }

    /// A `-` or `-}` closed the message.
    fn end_message(&mut self) -> Result<(), StatementError> {
        self.finish_field()?;
        if let Some(builder) = self.current.as_mut() {
            flush_pending(builder);
        }
        self.ended = true;
        Ok(())
    }

    fn builder(&mut self, line: usize) -> &mut Builder<'a> {
        self.ended = false;
        self.current.get_or_insert_with(|| Builder {
            line,
            reference: None,
            number: None,
            account: None,
            currency: None,
            dialect: Dialect::Other,
            opening: None,
            closing: None,
            transactions: Vec::new(),
            pending: None,
            details: Vec::new(),
            reached_end: false,
        })
    }

    /// Applies the open field, then keeps its line buffer for the next one.
    fn finish_field(&mut self) -> Result<(), StatementError> {
        let Some(mut field) = self.field.take() else {
            return Ok(());
        };
        self.apply_field(&field)?;
        field.lines.clear();
        self.spare_lines = field.lines;
        Ok(())
    }

    /// Reads a finished field into the statement being assembled.
    fn apply_field(&mut self, field: &Field<'a>) -> Result<(), StatementError> {
        let first = field.lines.first().copied().unwrap_or_default();
        match field.tag {
            "20" => {
                if self.current.is_some() {
                    self.ended = true;
                    self.finish_statement(field.line)?;
                }
                let builder = self.builder(field.line);
                builder.reference = non_empty(first);
            }
            "25" => {
                let header_bank = self.header_bank;
                if self
                    .current
                    .as_ref()
                    .is_some_and(|builder| builder.account.is_some())
                {
                    return Err(self.invalid(
                        field.line,
                        "a second account identification (:25:) inside one statement, where :86: or :61: was expected; the file is damaged",
                    ));
                }
                let builder = self.builder(field.line);
                let (account, currency, bank) = account(&field.lines.concat(), header_bank);
                builder.dialect = dialect(bank);
                builder.account = Some(account);
                if builder.currency.is_none() {
                    builder.currency = currency;
                }
            }
            "28" | "28C" => {
                let builder = self.builder(field.line);
                builder.number = non_empty(&field.lines.concat());
            }
            "60F" | "60M" | "62F" | "62M" => {
                let parsed = line::balance(first)
                    .map_err(|problem| self.invalid_field(field.line, field.tag, problem))?;
                if parsed.clamped {
                    self.warnings
                        .push(clamped_warning(self.file_name, field.line, parsed.date));
                }
                let builder = self.builder(field.line);
                flush_pending(builder);
                let balance = Balance {
                    date: parsed.date,
                    amount: parsed.amount,
                };
                if field.tag.starts_with("60") {
                    if builder.opening.is_none() {
                        builder.opening = Some(balance);
                    }
                    if parsed.currency.is_some() {
                        builder.currency = parsed.currency;
                    }
                } else {
                    builder.closing = Some(balance);
                    if builder.currency.is_none() {
                        builder.currency = parsed.currency;
                    }
                }
            }
            "61" => {
                let builder = self.builder(field.line);
                flush_pending(builder);
                let dialect = builder.dialect;
                let currency = builder.currency.clone().unwrap_or_else(|| "EUR".to_owned());
                let (pending, clamped) = statement_line(field, dialect, currency)
                    .map_err(|problem| self.invalid_field(field.line, "61", problem))?;
                if clamped {
                    let date = pending
                        .transaction
                        .value_date
                        .unwrap_or(pending.transaction.booking_date);
                    self.warnings
                        .push(clamped_warning(self.file_name, field.line, date));
                }
                let builder = self.builder(field.line);
                builder.pending = Some(pending);
            }
            "86" => {
                if let Some(builder) = self.current.as_mut()
                    && builder.pending.is_some()
                {
                    builder.details.extend_from_slice(&field.lines);
                }
            }
            "64" | "65" => {
                // The available and forward balances are not kept, but a
                // statement that reached them ended: without a :62F: it is
                // incomplete, not cut off. One that cannot be read is
                // reported, never a reason to refuse the transactions.
                if let Err(problem) = line::balance(first) {
                    self.warnings.push(format!(
                        "{} line {}: the {} balance (:{}:) cannot be read ({}); the transactions were read without it",
                        self.file_name,
                        field.line,
                        if field.tag == "64" { "available" } else { "forward" },
                        field.tag,
                        problem.text
                    ));
                }
                if let Some(builder) = self.current.as_mut() {
                    flush_pending(builder);
                    builder.reached_end = true;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn finish_statement(&mut self, line: usize) -> Result<(), StatementError> {
        let Some(mut builder) = self.current.take() else {
            return Ok(());
        };
        flush_pending(&mut builder);
        let Some(account) = builder.account else {
            return Err(self.invalid(
                builder.line,
                "the statement has no account identification (:25:); the file is incomplete or not a full MT940 statement",
            ));
        };
        if builder.opening.is_some()
            && builder.closing.is_none()
            && !self.ended
            && !builder.reached_end
        {
            return Err(self.invalid(
                line,
                format!(
                    "the statement of {account} that starts on line {} has an opening balance but ends without a closing balance (:62F:): the file is cut off; download it again",
                    builder.line
                ),
            ));
        }
        if builder.closing.is_none() && builder.opening.is_some() {
            self.warnings.push(format!(
                "{} line {}: the statement of {account} has no closing balance (:62F:)",
                self.file_name, builder.line
            ));
        }
        let statement_id = builder
            .number
            .filter(|number| !number.trim_matches(['0', '/']).is_empty())
            .or(builder.reference);
        self.statements.push(Statement {
            account,
            currency: builder.currency.unwrap_or_else(|| "EUR".to_owned()),
            statement_id,
            opening: builder.opening,
            closing: builder.closing,
            transactions: builder.transactions,
            origin: Location::Line(builder.line),
        });
        Ok(())
    }
}

/// Fields whose value may go on over several lines.
fn is_multiline(tag: &str) -> bool {
    matches!(tag, "61" | "86" | "28" | "28C" | "25" | "NS" | "20")
}

/// `:NNNN:`-like text that is not a tag (`:9401:`).
fn looks_like_bad_tag(rest: &str) -> bool {
    match rest.find(':') {
        Some(end) if (1..=6).contains(&end) => rest
            .get(..end)
            .is_some_and(|word| word.bytes().all(|b| b.is_ascii_alphanumeric())),
        _ => false,
    }
}

/// The bank code a header line names (`ABNANL2A`, `{1:F01INGBNL2A…}`).
fn bank_of_header(line: &str) -> Option<&'static str> {
    const BANKS: [(&str, &str); 9] = [
        ("ABNANL", "ABNA"),
        ("INGBNL", "INGB"),
        ("RABONL", "RABO"),
        ("SNSBNL", "SNSB"),
        ("ASNBNL", "ASNB"),
        ("RBRBNL", "RBRB"),
        ("KNABNL", "KNAB"),
        ("BUNQNL", "BUNQ"),
        ("TRIONL", "TRIO"),
    ];
    BANKS
        .iter()
        .find(|(bic, _)| line.contains(bic))
        .map(|(_, code)| *code)
}

fn dialect(bank: Option<&str>) -> Dialect {
    match bank {
        Some("INGB") => Dialect::Ing,
        Some("RABO") => Dialect::Rabobank,
        Some("SNSB" | "ASNB" | "RBRB") => Dialect::Volksbank,
        _ => Dialect::Other,
    }
}

/// Reads `:25:`: the account (an IBAN where one can be made), the currency
/// written after it, and the bank.
fn account(
    value: &str,
    header_bank: Option<&'static str>,
) -> (String, Option<String>, Option<&'static str>) {
    let mut text: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let mut bank = header_bank;
    if let Some(rest) = text.strip_prefix("TRIODOSBANK/") {
        text = rest.to_owned();
        bank = Some("TRIO");
    }
    let mut currency = None;
    let bytes = text.as_bytes();
    if bytes.len() > 3 {
        let split = bytes.len() - 3;
        let tail = text.get(split..).unwrap_or_default();
        let before = bytes.get(split - 1).copied().unwrap_or_default();
        if tail.bytes().all(|b| b.is_ascii_uppercase()) && before.is_ascii_digit() {
            currency = Some(tail.to_owned());
            text.truncate(split);
        }
    }
    if looks_like_iban(&text) {
        let bank_code = text.get(4..8).unwrap_or_default();
        let known = bank_of_header(&format!("{bank_code}NL")).or(bank);
        return (text, currency, known);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let only_number = text.chars().all(|c| c.is_ascii_digit() || c == '.');
    if only_number
        && (7..=10).contains(&digits.len())
        && let Some(code) = bank
        && let Some(iban) = iban::from_parts("NL", &format!("{code}{digits:0>10}"))
    {
        return (iban, currency, bank);
    }
    (text, currency, bank)
}

/// Reads a `:61:` field into a transaction waiting for its `:86:`.
fn statement_line(
    field: &Field<'_>,
    dialect: Dialect,
    currency: String,
) -> Result<(Pending, bool), line::Problem> {
    let first = field.lines.first().copied().unwrap_or_default();
    let joined;
    let (head, supplementary): (&str, String) = if dialect == Dialect::Ing {
        // ING wraps the bank reference itself; the details start at `/`.
        joined = field.lines.concat();
        match joined.find("//") {
            Some(position) => {
                let after = joined.get(position + 2..).unwrap_or_default();
                let end = after
                    .find('/')
                    .map_or(joined.len(), |slash| position + 2 + slash);
                (
                    joined.get(..end).unwrap_or_default(),
                    joined.get(end..).unwrap_or_default().to_owned(),
                )
            }
            None => (first, field.lines.get(1..).unwrap_or_default().join("\n")),
        }
    } else if first.len() < 12 && field.lines.len() > 1 {
        // A line break inside the amount (`CR` then the amount).
        joined = field.lines.get(..2).unwrap_or_default().concat();
        (
            joined.as_str(),
            field.lines.get(2..).unwrap_or_default().join("\n"),
        )
    } else {
        (first, field.lines.get(1..).unwrap_or_default().join("\n"))
    };
    let parsed = line::statement_line(head.trim_end(), "")?;
    let bank_reference = non_empty(parsed.bank_reference);
    let pending = Pending {
        line: field.line,
        customer_reference: parsed.customer_reference.to_owned(),
        supplementary,
        transaction: Transaction {
            booking_date: parsed.entry_date.unwrap_or(parsed.value_date),
            value_date: Some(parsed.value_date),
            amount: parsed.amount,
            currency,
            counterparty_name: None,
            counterparty_iban: None,
            remittance: None,
            structured_reference: None,
            end_to_end_id: None,
            bank_reference,
            reversal: parsed.reversal,
            return_reason: None,
            ultimate_debtor: None,
            origin: Location::Line(field.line),
        },
    };
    Ok((pending, parsed.clamped))
}

fn clamped_warning(file_name: &str, line: usize, date: chrono::NaiveDate) -> String {
    format!(
        "{file_name} line {line}: the bank wrote a day that does not exist (such as 30 February); read as {date}, the month's last day"
    )
}

/// Completes the pending transaction with its `:86:` details.
fn flush_pending(builder: &mut Builder<'_>) {
    let Some(mut pending) = builder.pending.take() else {
        return;
    };
    let lines: &[&str] = &builder.details;
    let reference_iban =
        looks_like_iban(&pending.customer_reference).then(|| pending.customer_reference.clone());
    let supplementary_first = pending
        .supplementary
        .lines()
        .next()
        .unwrap_or_default()
        .trim();
    let mut detail_lines: &[&str] = lines;
    if builder.dialect == Dialect::Volksbank
        && let (Some(first), Some(iban)) = (lines.first(), reference_iban.as_deref())
        && first.trim_start().starts_with(iban)
    {
        detail_lines = lines.get(1..).unwrap_or_default();
    }
    let details = details::parse(detail_lines);
    let transaction = &mut pending.transaction;
    transaction.counterparty_name = details.name;
    transaction.counterparty_iban = details.iban;
    transaction.remittance = details.remittance;
    transaction.structured_reference = details.structured_reference;
    transaction.end_to_end_id = details.end_to_end_id;
    transaction.reversal |= details.return_reason.is_some();
    transaction.return_reason = details.return_reason;
    transaction.ultimate_debtor = details.ultimate_debtor;
    if transaction.counterparty_iban.is_none() {
        let first_token = supplementary_first
            .split_whitespace()
            .next()
            .unwrap_or_default();
        if looks_like_iban(first_token) {
            transaction.counterparty_iban = Some(first_token.to_owned());
        } else if builder.dialect == Dialect::Volksbank {
            transaction.counterparty_iban = reference_iban;
        }
    }
    if builder.dialect == Dialect::Volksbank
        && transaction.counterparty_name.is_none()
        && !supplementary_first.starts_with('/')
    {
        transaction.counterparty_name = non_empty(supplementary_first);
    }
    let _ = pending.line;
    builder.transactions.push(pending.transaction);
    builder.details.clear();
}
