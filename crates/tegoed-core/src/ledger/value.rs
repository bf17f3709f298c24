//! Turning cells into amounts, dates, days, yes/no and languages.
//!
//! Spreadsheets give amounts as floats and dates as serial numbers or text in
//! any of a handful of layouts; CSV gives everything as text with a decimal
//! comma or dot. Each conversion here either yields an exact value or says
//! no; the caller names the cell. Floats become [`Money`] through their
//! shortest decimal form, and anything that is not whole cents beyond float
//! noise is refused rather than rounded.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Language;
use super::sheet::Cell;
use crate::money::Money;

/// A cell that does not hold the kind of value its column asks for; the
/// caller names the cell and the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the cell does not hold a value of this column's kind")]
pub struct Unreadable;

pub use crate::money::DecimalMark;

/// How a column writes dates whose day and month are both numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// `15-01-2026`: day first, the Dutch (and European) way.
    #[default]
    DayFirst,
    /// `01/15/2026`: month first, as some US-made software exports.
    MonthFirst,
}

/// The largest float error tolerated when an amount is turned into cents.
fn float_noise() -> Decimal {
    Decimal::new(1, 6)
}

/// An amount from a cell, `Ok(None)` when the cell is empty.
///
/// # Errors
/// [`Unreadable`] when the cell holds something that is not an amount in whole
/// cents; the caller builds the message with the cell's place.
#[allow(clippy::result_unit_err)]
pub fn amount(cell: &Cell, mark: Option<DecimalMark>) -> Result<Option<Money>, Unreadable> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Int(value) => Ok(Some(Money::new(Decimal::from(*value)))),
        Cell::Number(value) => float_amount(*value).map(Some),
        Cell::Text(text) => text_amount(text, mark).map(Some),
        Cell::Date(_) | Cell::Bool(_) => Err(Unreadable),
    }
}

/// A float as money: its shortest decimal representation, accepted when it
/// is whole cents up to float noise (`0.1 + 0.2` is fine, `12.345` is not).
fn float_amount(value: f64) -> Result<Money, Unreadable> {
    if !value.is_finite() {
        return Err(Unreadable);
    }
    let decimal = Decimal::from_str(&format!("{value}")).map_err(|_| Unreadable)?;
    whole_cents(decimal)
}

/// Accepts a decimal that is whole cents, up to float noise.
fn whole_cents(decimal: Decimal) -> Result<Money, Unreadable> {
    let cents = decimal.round_dp(2);
    if (decimal - cents).abs() > float_noise() {
        return Err(Unreadable);
    }
    Ok(Money::new(cents))
}

/// A text amount: `1.234,56`, `1,234.56`, `1234,5`, `-121,00`, `€ 12,00`,
/// `121,00-`, `(121,00)`, read by the one reader of written amounts,
/// [`Money::parse_written_with`]. `mark` decides a lone separator followed
/// by exactly three digits (`1.234`), which is otherwise read as thousands.
///
/// # Errors
/// [`Unreadable`] when the text is not an amount in whole cents; the caller
/// builds the message with the cell's place.
#[allow(clippy::result_unit_err)]
pub fn text_amount(text: &str, mark: Option<DecimalMark>) -> Result<Money, Unreadable> {
    Money::parse_written_with(text, mark).map_err(|_| Unreadable)
}

/// Guesses a column's decimal mark from its text amounts: the first text
/// that can only be read one way decides ([`DecimalMark::guess`]).
pub fn guess_mark<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<DecimalMark> {
    DecimalMark::guess(texts)
}

/// The first day Excel's 1900 serial numbers count from (serial 0, with the
/// 1900 leap-year bug folded in for every date after February 1900).
fn excel_epoch() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)
}

/// Serial numbers accepted as dates in a date column: 1954 to 2119.
const SERIAL_RANGE: std::ops::RangeInclusive<i64> = 20_000..=80_000;

/// A date from a cell, `Ok(None)` when the cell is empty.
///
/// # Errors
/// [`Unreadable`] when the cell holds something that is not a date.
#[allow(clippy::result_unit_err)]
pub fn date(cell: &Cell, order: DateOrder) -> Result<Option<NaiveDate>, Unreadable> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(date) => Ok(Some(*date)),
        Cell::Int(serial) => serial_date(*serial).map(Some),
        Cell::Number(serial) if serial.fract() == 0.0 && serial.abs() < 1e9 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            serial_date(*serial as i64).map(Some)
        }
        Cell::Text(text) => text_date(text, order).map(Some),
        Cell::Number(_) | Cell::Bool(_) => Err(Unreadable),
    }
}

/// An Excel serial day number as a date.
fn serial_date(serial: i64) -> Result<NaiveDate, Unreadable> {
    if !SERIAL_RANGE.contains(&serial) {
        return Err(Unreadable);
    }
    excel_epoch()
        .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(serial)))
        .ok_or(Unreadable)
}

/// Month names and abbreviations, Dutch and English, with their number.
const MONTHS: [(&str, u32); 30] = [
    ("jan", 1),
    ("januari", 1),
    ("january", 1),
    ("feb", 2),
    ("februari", 2),
    ("february", 2),
    ("mrt", 3),
    ("maart", 3),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("mei", 5),
    ("may", 5),
    ("jun", 6),
    ("juni", 6),
    ("june", 6),
    ("jul", 7),
    ("juli", 7),
    ("july", 7),
    ("aug", 8),
    ("augustus", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("okt", 10),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// A month number from a name (`jan`, `maart`, `oktober`, `October`).
fn month(token: &str) -> Option<u32> {
    let lower = token.to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, number)| *number)
        .or(match lower.as_str() {
            "oktober" | "october" => Some(10),
            "november" => Some(11),
            "december" => Some(12),
            _ => None,
        })
}

/// A text date: `2026-01-15`, `15-01-2026`, `15-1-2026`, `15/01/2026`,
/// `15.01.2026`, `15-01-26`, `20260115`, `15 jan 2026`, `Jan 15, 2026`;
/// a time after the date is ignored.
#[allow(clippy::result_unit_err)]
pub fn text_date(text: &str, order: DateOrder) -> Result<NaiveDate, Unreadable> {
    let date_part = text
        .trim()
        .split(['T', ' '])
        .take_while(|part| !part.contains(':'))
        .collect::<Vec<_>>()
        .join(" ");
    let tokens: Vec<&str> = date_part
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .collect();
    let number = |token: &str| -> Result<i64, Unreadable> {
        if token.chars().all(|c| c.is_ascii_digit()) && token.len() <= 4 {
            token.parse().map_err(|_| Unreadable)
        } else {
            Err(Unreadable)
        }
    };
    let year = |token: &str| -> Result<i32, Unreadable> {
        let value = i32::try_from(number(token)?).map_err(|_| Unreadable)?;
        match token.len() {
            4 => Ok(value),
            2 => Ok(2000 + value),
            _ => Err(Unreadable),
        }
    };
    let day_month = |first: &str, second: &str| -> Result<(u32, u32), Unreadable> {
        let as_u32 =
            |token: &str| number(token).and_then(|n| u32::try_from(n).map_err(|_| Unreadable));
        match (month(first), month(second)) {
            (None, Some(month)) => Ok((as_u32(first)?, month)),
            (Some(month), None) => Ok((as_u32(second)?, month)),
            _ if order == DateOrder::MonthFirst => Ok((as_u32(second)?, as_u32(first)?)),
            _ => Ok((as_u32(first)?, as_u32(second)?)),
        }
    };
    let (year, month, day) = match tokens.as_slice() {
        [single] if single.len() == 8 && single.chars().all(|c| c.is_ascii_digit()) => {
            let digits = *single;
            let part = |range: std::ops::Range<usize>| {
                digits
                    .get(range)
                    .ok_or(Unreadable)
                    .and_then(|p| p.parse::<u32>().map_err(|_| Unreadable))
            };
            let year = i32::try_from(part(0..4)?).map_err(|_| Unreadable)?;
            (year, part(4..6)?, part(6..8)?)
        }
        [first, second, third] if first.len() == 4 => {
            let month_number = match month(second) {
                Some(month) => month,
                None => u32::try_from(number(second)?).map_err(|_| Unreadable)?,
            };
            (
                year(first)?,
                month_number,
                u32::try_from(number(third)?).map_err(|_| Unreadable)?,
            )
        }
        [first, second, third] => {
            let (day, month) = day_month(first, second)?;
            (year(third)?, month, day)
        }
        _ => return Err(Unreadable),
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Unreadable)
}

/// Guesses whether a column writes month first: a number above 12 in the
/// second place of a text date says so; one in the first place says not.
pub fn guess_order<'a>(texts: impl IntoIterator<Item = &'a str>) -> DateOrder {
    for text in texts {
        let tokens: Vec<&str> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|token| !token.is_empty())
            .collect();
        if let [first, second, third] = tokens.as_slice()
            && first.len() <= 2
            && (third.len() == 4 || third.len() == 2)
        {
            let first: u32 = first.parse().unwrap_or(0);
            let second: u32 = second.parse().unwrap_or(0);
            if first > 12 {
                return DateOrder::DayFirst;
            }
            if second > 12 {
                return DateOrder::MonthFirst;
            }
        }
    }
    DateOrder::DayFirst
}

/// A number of days (a payment term) from a cell: `30`, `30 dagen`,
/// `30 days`, `netto 30`.
///
/// # Errors
/// [`Unreadable`] when the cell does not hold exactly one whole number from 0 to 3650.
#[allow(clippy::result_unit_err)]
pub fn days(cell: &Cell) -> Result<Option<i64>, Unreadable> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Int(value) => *value,
        #[allow(clippy::cast_possible_truncation)]
        Cell::Number(value) if value.fract() == 0.0 && value.abs() < 1e6 => *value as i64,
        Cell::Text(text) => {
            let numbers: Vec<&str> = text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|token| !token.is_empty())
                .collect();
            match numbers.as_slice() {
                [only] => only.parse().map_err(|_| Unreadable)?,
                _ => return Err(Unreadable),
            }
        }
        Cell::Number(_) | Cell::Date(_) | Cell::Bool(_) => return Err(Unreadable),
    };
    if (0..=3650).contains(&value) {
        Ok(Some(value))
    } else {
        Err(Unreadable)
    }
}

/// Yes or no from a cell: `ja`/`nee`, `yes`/`no`, `j`/`n`, `y`, `x`,
/// `true`/`false`, `waar`/`onwaar`, `1`/`0`, or a boolean cell.
///
/// # Errors
/// [`Unreadable`] for anything else.
#[allow(clippy::result_unit_err)]
pub fn yes_no(cell: &Cell) -> Result<Option<bool>, Unreadable> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(value) => Ok(Some(*value)),
        Cell::Int(1) => Ok(Some(true)),
        Cell::Int(0) => Ok(Some(false)),
        Cell::Number(value) if *value == 1.0 => Ok(Some(true)),
        Cell::Number(value) if *value == 0.0 => Ok(Some(false)),
        Cell::Text(text) => match text.to_lowercase().trim() {
            "ja" | "j" | "yes" | "y" | "x" | "true" | "waar" | "1" | "✓" => Ok(Some(true)),
            "nee" | "n" | "no" | "false" | "onwaar" | "0" | "-" => Ok(Some(false)),
            _ => Err(Unreadable),
        },
        _ => Err(Unreadable),
    }
}

/// A letter language from a cell: `nl`, `NL`, `Nederlands`, `Dutch`, `en`,
/// `Engels`, `English`, `en-GB`.
///
/// # Errors
/// [`Unreadable`] for any other language.
#[allow(clippy::result_unit_err)]
pub fn language(cell: &Cell) -> Result<Option<Language>, Unreadable> {
    let Some(text) = cell.text() else {
        return if cell.is_empty() {
            Ok(None)
        } else {
            Err(Unreadable)
        };
    };
    let lower = text.to_lowercase();
    let code = lower.split(['-', '_']).next().unwrap_or_default();
    match code {
        "nl" | "nld" | "ned" | "nederlands" | "dutch" | "vlaams" => Ok(Some(Language::Nl)),
        "en" | "eng" | "engels" | "english" | "gb" | "uk" => Ok(Some(Language::En)),
        _ => Err(Unreadable),
    }
}

/// Plain text from a cell, `None` when empty; numbers are written without a
/// trailing `.0` so that invoice number 20260142 stays `20260142`.
pub fn text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Number(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
            Some(format!("{value:.0}"))
        }
        Cell::Date(date) => Some(date.format("%Y-%m-%d").to_string()),
        other => Some(other.display()),
    }
}
