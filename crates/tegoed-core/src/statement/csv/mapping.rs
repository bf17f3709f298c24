//! A user's column mapping for a CSV layout no preset knows: which column
//! holds the date, the amount (signed, with a sign column, or as separate
//! debit and credit columns), the counterparty and the description. The
//! book saves it under the file's [`super::shape`], so the next file of the
//! same export reads without asking.

use chrono::NaiveDate;

use super::{Record, Row};
use crate::money::{DecimalMark, Money};
use crate::statement::text::{self, non_empty};
use crate::statement::{Location, StatementError, Transaction};

/// Where the amount is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountColumns {
    /// One column with a signed amount (`-12,50`).
    Signed(usize),
    /// An unsigned amount and a column saying which way it goes.
    WithSign {
        /// The amount column.
        amount: usize,
        /// The direction column.
        sign: usize,
        /// The direction column's text for money out (`Af`, `D`, `Debit`).
        debit_word: String,
    },
    /// Separate debit and credit columns, one of them filled per row.
    DebitCredit {
        /// Money out.
        debit: usize,
        /// Money in.
        credit: usize,
    },
}

/// A column mapping for one CSV shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Field delimiter (`;`, `,` or tab).
    pub delimiter: u8,
    /// Lines before the first transaction (preamble and header).
    pub skip_lines: usize,
    /// The booking date column.
    pub date_column: usize,
    /// The date format in chrono syntax, e.g. `%d-%m-%Y`.
    pub date_format: String,
    /// The amount.
    pub amount: AmountColumns,
    /// True when amounts use a decimal comma (`1.234,56`).
    pub decimal_comma: bool,
    /// The own account column, when the file has one.
    pub account_column: Option<usize>,
    /// The own account when no column has it.
    pub account: Option<String>,
    /// The currency column, when the file has one.
    pub currency_column: Option<usize>,
    /// Counterparty name column.
    pub counterparty_name_column: Option<usize>,
    /// Counterparty account column.
    pub counterparty_iban_column: Option<usize>,
    /// Description column(s), joined with a space.
    pub remittance_columns: Vec<usize>,
    /// The bank's reference column.
    pub bank_reference_column: Option<usize>,
    /// Balance after the row, when the file has it.
    pub balance_after_column: Option<usize>,
}

impl Mapping {
    /// Reads every row of a file with this mapping.
    ///
    /// # Errors
    /// [`StatementError::Invalid`] at the line and column of a value that
    /// does not fit.
    pub(crate) fn read(&self, file_name: &str, text: &str) -> Result<Vec<Row>, StatementError> {
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut rows = Vec::new();
        let n_fields = self.columns().max().map_or(1, |highest| highest + 1);
        let mut lines = super::LineCounter::default();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(error) => {
                    let line = error
                        .position()
                        .map_or(0, |position| lines.at(text, position.byte()));
                    return Err(StatementError::invalid(
                        file_name,
                        Location::Line(line),
                        format!("the row cannot be read as CSV ({error})"),
                    ));
                }
            }
            let line = record
                .position()
                .map_or(0, |position| lines.at(text, position.byte()));
            if line <= self.skip_lines || record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            if record.len() < n_fields {
                return Err(StatementError::invalid(
                    file_name,
                    Location::Line(line),
                    format!(
                        "the row has {} columns but the mapping uses column {n_fields}; the file is cut off or of another shape",
                        record.len()
                    ),
                ));
            }
            let context = Record {
                fields: &record,
                line,
                file_name,
                headers: &[],
                mark: Some(if self.decimal_comma {
                    DecimalMark::Comma
                } else {
                    DecimalMark::Dot
                }),
            };
            rows.push(self.row(&context)?);
        }
        if rows.is_empty() {
            return Err(StatementError::invalid(
                file_name,
                Location::File,
                "the file holds no transactions after the header",
            ));
        }
        Ok(rows)
    }

    fn columns(&self) -> impl Iterator<Item = usize> + '_ {
        let amount_columns = match &self.amount {
            AmountColumns::Signed(column) => vec![*column],
            AmountColumns::WithSign { amount, sign, .. } => vec![*amount, *sign],
            AmountColumns::DebitCredit { debit, credit } => vec![*debit, *credit],
        };
        [
            Some(self.date_column),
            self.account_column,
            self.currency_column,
            self.counterparty_name_column,
            self.counterparty_iban_column,
            self.bank_reference_column,
            self.balance_after_column,
        ]
        .into_iter()
        .flatten()
        .chain(amount_columns)
        .chain(self.remittance_columns.iter().copied())
    }

    fn money(&self, record: &Record<'_>, index: usize) -> Result<Option<Money>, StatementError> {
        let value = record.get(index);
        if value.is_empty() {
            return Ok(None);
        }
        text::written(value, record.mark)
            .map(Some)
            .map_err(|error| {
                record.invalid(
                    index,
                    format!(
                        "{error}; the mapping expects a decimal {}",
                        if self.decimal_comma { "comma" } else { "point" }
                    ),
                )
            })
    }

    fn row(&self, record: &Record<'_>) -> Result<Row, StatementError> {
        let date_text = record.get(self.date_column);
        let booking_date =
            NaiveDate::parse_from_str(date_text, &self.date_format).map_err(|_| {
                record.invalid(
                    self.date_column,
                    format!(
                        "'{date_text}' is not a date in the mapped format {}",
                        self.date_format
                    ),
                )
            })?;
        let missing = |index: usize| record.invalid(index, "the amount is empty");
        let amount = match &self.amount {
            AmountColumns::Signed(column) => self
                .money(record, *column)?
                .ok_or_else(|| missing(*column))?,
            AmountColumns::WithSign {
                amount,
                sign,
                debit_word,
            } => {
                let value = self
                    .money(record, *amount)?
                    .ok_or_else(|| missing(*amount))?;
                // The direction column decides, whatever sign the amount
                // carries (Odoo's sample writes `-1,533.50` with `C`).
                let unsigned = value.decimal().abs().into_money();
                if record.get(*sign).eq_ignore_ascii_case(debit_word) {
                    -unsigned
                } else {
                    unsigned
                }
            }
            AmountColumns::DebitCredit { debit, credit } => {
                match (self.money(record, *debit)?, self.money(record, *credit)?) {
                    (Some(out), None) => -out.decimal().abs().into_money(),
                    (None, Some(into)) => into,
                    (Some(out), Some(into)) => into - out,
                    (None, None) => return Err(missing(*credit)),
                }
            }
        };
        let currency = self
            .currency_column
            .and_then(|column| non_empty(record.get(column)))
            .unwrap_or_else(|| "EUR".to_owned());
        let remittance: Vec<&str> = self
            .remittance_columns
            .iter()
            .map(|column| record.get(*column))
            .filter(|part| !part.is_empty())
            .collect();
        let account = self
            .account_column
            .map(|column| record.get(column).to_owned())
            .filter(|account| !account.is_empty())
            .or_else(|| self.account.clone())
            .ok_or_else(|| {
                record.invalid(
                    self.account_column.unwrap_or(0),
                    "no own account: map the account column or give the account",
                )
            })?;
        Ok(Row {
            account,
            transaction: Transaction {
                booking_date,
                value_date: None,
                amount,
                currency,
                counterparty_name: self
                    .counterparty_name_column
                    .and_then(|column| non_empty(record.get(column))),
                counterparty_iban: self
                    .counterparty_iban_column
                    .and_then(|column| non_empty(record.get(column))),
                remittance: non_empty(&remittance.join(" ")),
                structured_reference: None,
                end_to_end_id: None,
                bank_reference: self
                    .bank_reference_column
                    .and_then(|column| non_empty(record.get(column))),
                reversal: false,
                return_reason: None,
                ultimate_debtor: None,
                origin: Location::Line(record.line),
            },
            balance_before: None,
            balance_after: match self.balance_after_column {
                Some(column) => self.money(record, column)?,
                None => None,
            },
        })
    }

    /// The mapping as text lines `key=value`, for the book.
    pub fn to_text(&self) -> String {
        let optional =
            |value: Option<usize>| value.map_or_else(String::new, |column| column.to_string());
        let amount = match &self.amount {
            AmountColumns::Signed(column) => format!("signed:{column}"),
            AmountColumns::WithSign {
                amount,
                sign,
                debit_word,
            } => format!("sign:{amount}:{sign}:{debit_word}"),
            AmountColumns::DebitCredit { debit, credit } => format!("debitcredit:{debit}:{credit}"),
        };
        let remittance: Vec<String> = self
            .remittance_columns
            .iter()
            .map(usize::to_string)
            .collect();
        [
            format!("delimiter={}", self.delimiter),
            format!("skip_lines={}", self.skip_lines),
            format!("date_column={}", self.date_column),
            format!("date_format={}", self.date_format),
            format!("amount={amount}"),
            format!("decimal_comma={}", self.decimal_comma),
            format!("account_column={}", optional(self.account_column)),
            format!("account={}", self.account.clone().unwrap_or_default()),
            format!("currency_column={}", optional(self.currency_column)),
            format!(
                "counterparty_name_column={}",
                optional(self.counterparty_name_column)
            ),
            format!(
                "counterparty_iban_column={}",
                optional(self.counterparty_iban_column)
            ),
            format!("remittance_columns={}", remittance.join(",")),
            format!(
                "bank_reference_column={}",
                optional(self.bank_reference_column)
            ),
            format!(
                "balance_after_column={}",
                optional(self.balance_after_column)
            ),
        ]
        .join("\n")
    }

    /// Reads a mapping written by [`Mapping::to_text`]; `None` when the
    /// text is not one.
    pub fn from_text(text: &str) -> Option<Mapping> {
        let mut mapping = Mapping {
            delimiter: b';',
            skip_lines: 0,
            date_column: 0,
            date_format: String::new(),
            amount: AmountColumns::Signed(0),
            decimal_comma: true,
            account_column: None,
            account: None,
            currency_column: None,
            counterparty_name_column: None,
            counterparty_iban_column: None,
            remittance_columns: Vec::new(),
            bank_reference_column: None,
            balance_after_column: None,
        };
        let optional = |value: &str| -> Option<Option<usize>> {
            if value.is_empty() {
                Some(None)
            } else {
                value.parse().ok().map(Some)
            }
        };
        for line in text.lines() {
            let (key, value) = line.split_once('=')?;
            match key {
                "delimiter" => mapping.delimiter = value.parse().ok()?,
                "skip_lines" => mapping.skip_lines = value.parse().ok()?,
                "date_column" => mapping.date_column = value.parse().ok()?,
                "date_format" => mapping.date_format = value.to_owned(),
                "amount" => {
                    let parts: Vec<&str> = value.split(':').collect();
                    mapping.amount = match parts.as_slice() {
                        ["signed", column] => AmountColumns::Signed(column.parse().ok()?),
                        ["sign", amount, sign, word] => AmountColumns::WithSign {
                            amount: amount.parse().ok()?,
                            sign: sign.parse().ok()?,
                            debit_word: (*word).to_owned(),
                        },
                        ["debitcredit", debit, credit] => AmountColumns::DebitCredit {
                            debit: debit.parse().ok()?,
                            credit: credit.parse().ok()?,
                        },
                        _ => return None,
                    };
                }
                "decimal_comma" => mapping.decimal_comma = value == "true",
                "account_column" => mapping.account_column = optional(value)?,
                "account" => mapping.account = non_empty(value),
                "currency_column" => mapping.currency_column = optional(value)?,
                "counterparty_name_column" => mapping.counterparty_name_column = optional(value)?,
                "counterparty_iban_column" => mapping.counterparty_iban_column = optional(value)?,
                "remittance_columns" => {
                    mapping.remittance_columns = value
                        .split(',')
                        .filter(|column| !column.is_empty())
                        .map(str::parse)
                        .collect::<Result<_, _>>()
                        .ok()?;
                }
                "bank_reference_column" => mapping.bank_reference_column = optional(value)?,
                "balance_after_column" => mapping.balance_after_column = optional(value)?,
                _ => {}
            }
        }
        (!mapping.date_format.is_empty()).then_some(mapping)
    }
}

/// Money from a decimal, rounded to the cent.
trait IntoMoney {
    fn into_money(self) -> Money;
}

impl IntoMoney for rust_decimal::Decimal {
    fn into_money(self) -> Money {
        Money::new(self)
    }
}

/// The delimiter a line most likely uses: the most frequent of `;`, tab
/// and `,` outside quotes.
pub(crate) fn sniff_delimiter(line: &str) -> u8 {
    let mut counts = [(b';', 0_usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (delimiter, count) in &mut counts {
                if byte == *delimiter {
                    *count += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, count)| *count)
        .map_or(b';', |(delimiter, _)| *delimiter)
}
