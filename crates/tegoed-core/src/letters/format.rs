//! Money, dates, percentages and payment references written out for a letter
//! in Dutch or English.
//!
//! This is the one place where numbers become letter text; it does not
//! choose words (that is the templates' job), only the conventions of each
//! language: `€ 1.234,56` and `15 januari 2026` in Dutch, `€1,234.56` and
//! `15 January 2026` in English.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Language;
use crate::money::Money;

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An amount as a letter prints it: NL `€ 1.234,56`, EN `€1,234.56`;
/// negatives `-€ 12,00` / `-€12.00`.
pub fn money(amount: Money, language: Language) -> String {
    let text = amount.to_string();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
    let (thousands, decimal, symbol) = match language {
        Language::Nl => ('.', ',', "€ "),
        Language::En => (',', '.', "€"),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    let sign = if negative { "-" } else { "" };
    format!("{sign}{symbol}{grouped}{decimal}{cents}")
}

/// A date written out: `15 januari 2026` / `15 January 2026`.
pub fn date(date: NaiveDate, language: Language) -> String {
    let months = match language {
        Language::Nl => &MONTHS_NL,
        Language::En => &MONTHS_EN,
    };
    let month = months[date.month0() as usize % 12];
    format!("{} {} {}", date.day(), month, date.year())
}

/// A date in a table column: `16-12-2025` / `16 Dec 2025` (short, so the
/// eight invoice columns fit the text width).
pub fn short_date(date: NaiveDate, language: Language) -> String {
    match language {
        Language::Nl => date.format("%d-%m-%Y").to_string(),
        Language::En => {
            let month = MONTHS_EN[date.month0() as usize % 12];
            format!("{} {} {}", date.day(), &month[..3], date.year())
        }
    }
}

/// A percentage such as an interest rate: NL `10,15 %`, EN `10.15%`.
pub fn percent(rate: Decimal, language: Language) -> String {
    let text = rate.normalize().to_string();
    match language {
        Language::Nl => format!("{} %", text.replace('.', ",")),
        Language::En => format!("{text}%"),
    }
}

/// A whole number: NL `1.234`, EN `1,234`.
pub fn count(number: i64, language: Language) -> String {
    let text = money(Money::from_cents(number.saturating_mul(100)), language);
    let digits = text.trim_start_matches(['-', '€', ' ']);
    let whole = digits
        .get(..digits.len().saturating_sub(3))
        .unwrap_or(digits);
    if number < 0 {
        format!("-{whole}")
    } else {
        whole.to_string()
    }
}

/// A payment reference grouped in fours for reading aloud and typing:
/// `6000000020260042` → `6000 0000 2026 0042`. Spaces already present are
/// dropped first.
pub fn reference(reference: &str) -> String {
    let compact: Vec<char> = reference.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An IBAN grouped in fours (`NL91 ABNA 0417 1643 00`), in capitals.
pub fn iban(iban: &str) -> String {
    reference(&iban.to_uppercase())
}
