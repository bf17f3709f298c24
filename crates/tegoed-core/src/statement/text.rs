//! Small text helpers the readers share: amounts with a decimal comma or
//! dot, dates in the forms banks write, and tidy optional strings.

use chrono::NaiveDate;

use crate::money::{AmountError, DecimalMark, Money};

/// Parses an unsigned or signed amount whose decimal mark the text itself
/// shows: `1234,56`, `1.234,56`, `1,234.56`, `1234.56`, `+12,00`, `500,`
/// or `7,5`; a lone separator before three digits groups thousands.
/// Returns `None` for anything else. Readers that know their format's mark
/// use [`written`] instead; kept for the unit tests of amount forms.
#[cfg(test)]
pub(crate) fn amount(text: &str) -> Option<Money> {
    Money::parse_written_guessing(text).ok()
}

/// Parses an amount written with a known decimal mark (or the one the text
/// shows, for `None`), by the one reader of written amounts
/// ([`Money::parse_written_with`]).
///
/// # Errors
/// The [`AmountError`] saying what is wrong; the caller adds the place.
pub(crate) fn written(text: &str, mark: Option<DecimalMark>) -> Result<Money, AmountError> {
    Money::parse_written_with(text, mark)
}

/// Parses a date in one of the forms given, e.g. `%Y%m%d` or `%d-%m-%Y`.
pub(crate) fn date(text: &str, formats: &[&str]) -> Option<NaiveDate> {
    let text = text.trim();
    formats
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// Parses `YYMMDD` as SWIFT writes dates (years 00–79 are 20xx, 80–99 19xx).
pub(crate) fn swift_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 6 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> { text.get(range)?.parse().ok() };
    let year = number(0..2)?;
    let year = if year >= 80 { 1900 + year } else { 2000 + year };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, number(2..4)?, number(4..6)?)
}

/// Like [`swift_date`], but a day past the month's end (`160230`, written
/// by banks that count 30-day months) becomes the month's last day; the
/// flag says so, for a warning.
pub(crate) fn swift_date_clamped(text: &str) -> Option<(NaiveDate, bool)> {
    if let Some(date) = swift_date(text) {
        return Some((date, false));
    }
    let bytes = text.as_bytes();
    if bytes.len() != 6 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> { text.get(range)?.parse().ok() };
    let (month, day) = (number(2..4)?, number(4..6)?);
    if !(29..=31).contains(&day) {
        return None;
    }
    let first = swift_date(&format!("{}{month:02}01", text.get(..2)?))?;
    let last = first
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    Some((last, true))
}

/// `Some(text)` trimmed, or `None` when nothing is left.
pub(crate) fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Collapses runs of white space into one space and trims the ends.
pub(crate) fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`collapse_spaces`], or `None` when nothing is left: the same as
/// `non_empty(&collapse_spaces(text))` (collapsed text has no white space
/// at its ends) without copying the text twice.
pub(crate) fn non_empty_collapsed(text: &str) -> Option<String> {
    let collapsed = collapse_spaces(text);
    (!collapsed.is_empty()).then_some(collapsed)
}

/// True when a text has the shape of an IBAN: two letters, two digits and
/// 11 to 30 letters or digits (the check digits are not tested: banks'
/// anonymised samples and old files fail them, and the book keeps what the
/// bank wrote).
pub(crate) fn looks_like_iban(text: &str) -> bool {
    let bytes = text.as_bytes();
    (15..=34).contains(&bytes.len())
        && bytes.iter().take(2).all(u8::is_ascii_uppercase)
        && bytes.iter().skip(2).take(2).all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
}
