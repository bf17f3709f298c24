//! The fixed-layout MT940 fields: balances (`:60F:`, `:62F:` and their `M`
//! intermediate forms) and the statement line `:61:`.
//!
//! Written by hand rather than with the `mt940` crate: that crate rejects
//! what Dutch banks really send (ING's bank reference wrapped mid-value,
//! amounts such as `9,` or `000000000300.00`, Rabobank's `:940:` header,
//! `:28:` instead of `:28C:`), copies every field into owned strings, and
//! its errors carry no line numbers.

use chrono::{Datelike, NaiveDate};

use crate::money::{DecimalMark, Money};
use crate::statement::text::swift_date_clamped;

/// A parsed `:60x:`/`:62x:` balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BalanceField {
    /// Balance date.
    pub date: NaiveDate,
    /// True when the written date did not exist (30 February) and became
    /// the month's last day.
    pub clamped: bool,
    /// Currency code, when written.
    pub currency: Option<String>,
    /// Signed amount.
    pub amount: Money,
}

/// Parses `C170914EUR12345,12` (also with spaces, a dot decimal, or `D`).
pub(crate) fn balance(value: &str) -> Result<BalanceField, Problem> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let expected =
        "expected D or C, a date YYMMDD, a currency and an amount, e.g. C240131EUR1234,56";
    let sign = compact
        .get(..1)
        .ok_or_else(|| format!("empty balance; {expected}"))?;
    let negative = match sign {
        "C" => false,
        "D" => true,
        other => return Err(format!("balance starts with '{other}'; {expected}").into()),
    };
    let date_text = compact.get(1..7).unwrap_or_default();
    let (date, clamped) = swift_date_clamped(date_text)
        .ok_or_else(|| format!("'{date_text}' is not a valid date; {expected}"))?;
    // Some banks leave the currency out of page balances (`:62M:C020315105000,00`).
    let currency = compact.get(7..10).unwrap_or_default();
    let has_currency = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
    let amount_start = if has_currency { 10 } else { 7 };
    if !has_currency && !currency.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return Err(format!("'{currency}' is not a currency code; {expected}").into());
    }
    let amount_text = compact.get(amount_start..).unwrap_or_default();
    // The tag `:60F:` takes five columns; white space inside is rare.
    let column = Some(amount_start + 6);
    let (amount, rest) = read_swift_amount(amount_text).map_err(|problem| Problem {
        text: format!("{problem}; {expected}"),
        column,
    })?;
    if !rest.is_empty() {
        return Err(Problem {
            text: format!("unexpected '{rest}' after the amount; {expected}"),
            column,
        });
    }
    Ok(BalanceField {
        date,
        clamped,
        currency: has_currency.then(|| currency.to_owned()),
        amount: if negative { -amount } else { amount },
    })
}

/// A problem in a fixed field, with the 1-based column of the field's
/// value where it is, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// What is wrong, what was expected.
    pub text: String,
    /// The column in the line, counting the tag (`:61:` is columns 1–4).
    pub column: Option<usize>,
}

impl From<String> for Problem {
    fn from(text: String) -> Problem {
        Problem { text, column: None }
    }
}

/// Reads a SWIFT amount (`1234,56`, `500,`, `7,5`, `000000000300.00`) at
/// the start of a text and returns it with the rest. The decimal separator
/// is required: `C500NTRF` is a damaged amount, not 500. The readers use
/// [`read_swift_amount`], which says why; this form is for the unit tests.
#[cfg(test)]
pub(crate) fn swift_amount(text: &str) -> Option<(Money, &str)> {
    read_swift_amount(text).ok()
}

/// [`swift_amount`], saying what is wrong: SWIFT writes digits and exactly
/// one decimal comma (some banks a dot), no signs and no thousands
/// separators, so `12,3,4` or `1.234,56` are damaged amounts. The number is
/// read by the one reader of written amounts, [`Money::parse_written`].
pub(crate) fn read_swift_amount(text: &str) -> Result<(Money, &str), String> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len());
    let token = text.get(..end).unwrap_or_default();
    let rest = text.get(end..).unwrap_or_default();
    let n_separators = token.matches([',', '.']).count();
    if !token.starts_with(|c: char| c.is_ascii_digit()) || n_separators == 0 {
        return Err(format!(
            "'{}' is not an amount with a decimal comma",
            text.chars().take(16).collect::<String>()
        ));
    }
    let mark = if token.contains(',') {
        DecimalMark::Comma
    } else {
        DecimalMark::Dot
    };
    let amount = Money::parse_written(token, mark).map_err(|error| error.to_string())?;
    if n_separators > 1 {
        return Err(format!(
            "'{token}' is not a SWIFT amount: it has digits and one decimal comma, no thousands separators"
        ));
    }
    Ok((amount, rest))
}

/// A parsed `:61:` statement line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatementLine<'a> {
    /// Value date.
    pub value_date: NaiveDate,
    /// True when the written value date did not exist and was clamped.
    pub clamped: bool,
    /// Entry (booking) date, when given; its year follows the value date.
    pub entry_date: Option<NaiveDate>,
    /// Signed amount (reversals of debits are credits and vice versa).
    pub amount: Money,
    /// Marked `RC` (reversal of a credit) or `RD` (reversal of a debit).
    pub reversal: bool,
    /// Transaction type, e.g. `NTRF`.
    pub kind: &'a str,
    /// Reference for the account owner (`NONREF`, `EREF`, a timestamp, an IBAN…).
    pub customer_reference: &'a str,
    /// The bank's reference after `//`.
    pub bank_reference: &'a str,
    /// Supplementary details: the text after the first line.
    pub supplementary: &'a str,
}

/// Parses the first line of `:61:` and takes `supplementary` as is.
pub(crate) fn statement_line<'a>(
    first: &'a str,
    supplementary: &'a str,
) -> Result<StatementLine<'a>, Problem> {
    let expected = "expected value date YYMMDD, optional entry date MMDD, C/D/RC/RD, an amount with a decimal comma, a type such as NTRF and a reference, e.g. 2401310131C125,00NTRFNONREF";
    let date_text = first.get(..6).unwrap_or(first);
    let (value_date, clamped) = swift_date_clamped(date_text)
        .ok_or_else(|| format!("'{date_text}' is not a valid value date; {expected}"))?;
    let mut rest = first.get(6..).unwrap_or_default();
    let mut entry_date = None;
    if let Some(candidate) = rest.get(..4) {
        let mark_follows = matches!(rest.as_bytes().get(4), Some(b'C' | b'D' | b'R'));
        if candidate.bytes().all(|b| b.is_ascii_digit()) && mark_follows {
            entry_date = Some(entry_date_near(candidate, value_date).ok_or_else(|| {
                format!("'{candidate}' is not a valid entry date MMDD; {expected}")
            })?);
            rest = rest.get(4..).unwrap_or_default();
        } else if candidate == "    " {
            rest = rest.get(4..).unwrap_or_default();
        }
    }
    let reversal = rest.starts_with("RC") || rest.starts_with("RD");
    let (negative, after_mark) = if let Some(after) = rest.strip_prefix("RC") {
        (true, after)
    } else if let Some(after) = rest.strip_prefix("RD") {
        (false, after)
    } else if let Some(after) = rest.strip_prefix("EC") {
        (false, after)
    } else if let Some(after) = rest.strip_prefix("ED") {
        (true, after)
    } else if let Some(after) = rest.strip_prefix('C') {
        (false, after)
    } else if let Some(after) = rest.strip_prefix('D') {
        (true, after)
    } else {
        return Err(format!(
            "'{}' is not a debit/credit mark; {expected}",
            rest.chars().take(2).collect::<String>()
        )
        .into());
    };
    // An optional funds code: the third letter of the currency code.
    let after_funds = match after_mark.as_bytes() {
        [letter, next, ..] if letter.is_ascii_uppercase() && next.is_ascii_digit() => {
            after_mark.get(1..).unwrap_or_default()
        }
        _ => after_mark,
    };
    let (amount, after_amount) = read_swift_amount(after_funds).map_err(|problem| Problem {
        text: format!("{problem}; {expected}"),
        // After the tag `:61:` (four columns), 1-based.
        column: Some(first.len().saturating_sub(after_funds.len()) + 5),
    })?;
    let (kind, after_kind) = transaction_kind(after_amount);
    let (customer_reference, bank_reference) = match after_kind.split_once("//") {
        Some((customer, bank)) => (customer, bank),
        None => (after_kind, ""),
    };
    Ok(StatementLine {
        value_date,
        clamped,
        entry_date,
        amount: if negative { -amount } else { amount },
        reversal,
        kind,
        customer_reference: customer_reference.trim(),
        bank_reference: bank_reference.trim(),
        supplementary,
    })
}

/// Splits off the transaction type (`N` or `F` or `S` plus three
/// characters). A missing type (`D20,00NONREF`, or a mark followed straight
/// by the reference) gives an empty type.
fn transaction_kind(text: &str) -> (&str, &str) {
    let bytes = text.as_bytes();
    let has_kind = matches!(bytes.first(), Some(b'N' | b'F' | b'S'))
        && bytes.len() >= 4
        && !text.starts_with("NONREF")
        && bytes
            .get(1..4)
            .is_some_and(|code| code.iter().all(|b| b.is_ascii_alphanumeric() || *b == b' '));
    if has_kind {
        (
            text.get(..4).unwrap_or_default(),
            text.get(4..).unwrap_or_default(),
        )
    } else {
        ("", text)
    }
}

/// The entry date `MMDD` in the year that puts it nearest the value date
/// (an entry on 2 January for a value date of 31 December is next year's).
fn entry_date_near(mmdd: &str, value_date: NaiveDate) -> Option<NaiveDate> {
    let month: u32 = mmdd.get(..2)?.parse().ok()?;
    let day: u32 = mmdd.get(2..)?.parse().ok()?;
    let year = value_date.year();
    let year = match (value_date.month(), month) {
        (12, 1) => year + 1,
        (1, 12) => year - 1,
        _ => year,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}
