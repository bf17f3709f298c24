//! Reading an amount as people and programs write it: `1.234,56`,
//! `1,234.50`, `-12,5`, `12,-`, `€ 1.234,56`, `$1,234.50`, `+12,30`,
//! `121,00-`, `(121,00)`, `1 234,56`, `EUR 605`.
//!
//! This is the one reader of written amounts: bank CSVs, MT940, camt,
//! spreadsheets and UBL all come here, so an amount is read the same way
//! everywhere. It refuses rather than guesses: `12,3,4`, `1.23.4,5` or
//! `12,345,6` are errors, never €123.40. It does not know currencies beyond
//! stripping a sign or code written next to the number; the caller knows
//! the currency of its column or field.

use rust_decimal::Decimal;

use super::Money;

/// Which character separates the cents in a written amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecimalMark {
    /// `1.234,56`, as Dutch exports write it (and SWIFT MT940).
    Comma,
    /// `1,234.56`, as English exports and XML write it.
    Dot,
}

impl DecimalMark {
    /// The character.
    pub fn char(self) -> char {
        match self {
            DecimalMark::Comma => ',',
            DecimalMark::Dot => '.',
        }
    }

    /// The other separator, the one that may group thousands.
    fn group(self) -> char {
        match self {
            DecimalMark::Comma => '.',
            DecimalMark::Dot => ',',
        }
    }

    /// Guesses a column's decimal mark from its written amounts: the first
    /// text that can only be read one way decides (`1.234,56`, `12,5`,
    /// `0.50`); `1.234` or `1,234` alone decide nothing.
    pub fn guess<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<DecimalMark> {
        texts.into_iter().find_map(DecimalMark::implied_by)
    }

    /// The mark a single text can only be read with, if any.
    pub fn implied_by(text: &str) -> Option<DecimalMark> {
        let body: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let body = body.trim_end_matches(['-', '\u{2212}', '–', '—', ')']);
        let last_comma = body.rfind(',');
        let last_dot = body.rfind('.');
        let digits_after = |position: usize| {
            body.get(position + 1..).map_or(0, |rest| {
                rest.chars().take_while(char::is_ascii_digit).count()
            })
        };
        match (last_comma, last_dot) {
            (Some(comma), Some(dot)) => Some(if comma > dot {
                DecimalMark::Comma
            } else {
                DecimalMark::Dot
            }),
            (Some(comma), None) if body.matches(',').count() == 1 && digits_after(comma) != 3 => {
                Some(DecimalMark::Comma)
            }
            (None, Some(dot)) if body.matches('.').count() == 1 && digits_after(dot) != 3 => {
                Some(DecimalMark::Dot)
            }
            _ => None,
        }
    }
}

/// Why a text is not an amount. Each message quotes the text and says what
/// was expected; the caller adds the file, line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing but white space, a sign or a currency.
    #[error("'{text}' holds no digits (expected an amount such as 1.234,56 or 1234.56)")]
    Empty {
        /// The text as written.
        text: String,
    },
    /// A character that has no place in an amount.
    #[error(
        "'{text}' is not an amount: '{character}' does not belong in one (expected e.g. 1.234,56 or -12.50)"
    )]
    Character {
        /// The text as written.
        text: String,
        /// The first character that does not belong.
        character: char,
    },
    /// Separators in an order or grouping no amount is written in.
    #[error("'{text}' is not an amount: {problem} (expected e.g. 1.234,56 or 1,234.56)")]
    Malformed {
        /// The text as written.
        text: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Less than a cent in the amount: `12,345` with a decimal comma.
    #[error("'{text}' has more decimals than cents; amounts are kept to the cent")]
    BelowCents {
        /// The text as written.
        text: String,
    },
    /// More digits than an amount of money can hold.
    #[error("'{text}' is too large to be an amount")]
    TooLarge {
        /// The text as written.
        text: String,
    },
}

/// Currency signs and codes written next to a number; stripped.
const CURRENCIES: [&str; 10] = [
    "EUR", "eur", "Eur", "USD", "GBP", "CHF", "US$", "€", "$", "£",
];

/// Minus signs: the hyphen, the Unicode minus and the dashes spreadsheets
/// and word processors put in.
fn is_minus(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '–' | '—')
}

/// White space and apostrophes that group thousands (`1 234`, `1'234`,
/// no-break and narrow no-break spaces).
fn is_space_group(c: char) -> bool {
    matches!(c, ' ' | '\'' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Takes a currency sign or code off one end of `text`.
fn strip_currency(text: &str) -> Option<&str> {
    // A code glued to letters (`EURO5`) is not a code.
    CURRENCIES.iter().find_map(|code| {
        text.strip_prefix(code)
            .filter(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
            .or_else(|| {
                text.strip_suffix(code)
                    .filter(|rest| !rest.ends_with(|c: char| c.is_ascii_alphabetic()))
            })
    })
}

/// The sign, currency and whole-units marks around the number, taken off.
struct Bare<'a> {
    negative: bool,
    number: &'a str,
    /// Written `12,-` or `12.--`: whole units, with the mark given.
    whole_units_mark: Option<char>,
}

fn bare(text: &str) -> Result<Bare<'_>, AmountError> {
    let mut rest = text.trim();
    let mut signs = 0;
    let mut negative = false;
    let mut whole_units_mark = None;
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        signs += 1;
        rest = inner.trim();
    }
    loop {
        let before = rest;
        if let Some(after) = strip_currency(rest) {
            rest = after.trim();
        }
        // `12,-` / `12.--`: the dashes stand for zero cents, they are not a sign.
        let trimmed_dashes = rest.trim_end_matches(is_minus);
        if trimmed_dashes.len() < rest.len()
            && whole_units_mark.is_none()
            && let Some(mark) = trimmed_dashes
                .chars()
                .last()
                .filter(|c| *c == ',' || *c == '.')
            && trimmed_dashes
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit())
        {
            whole_units_mark = Some(mark);
            rest = trimmed_dashes
                .get(..trimmed_dashes.len() - 1)
                .unwrap_or_default();
            continue;
        }
        if let Some(first) = rest.chars().next()
            && (is_minus(first) || first == '+')
        {
            signs += 1;
            negative |= is_minus(first);
            rest = rest
                .get(first.len_utf8()..)
                .unwrap_or_default()
                .trim_start();
        } else if let Some(last) = rest.chars().last()
            && (is_minus(last) || last == '+')
            && rest.len() > last.len_utf8()
        {
            signs += 1;
            negative |= is_minus(last);
            rest = rest
                .get(..rest.len() - last.len_utf8())
                .unwrap_or_default()
                .trim_end();
        }
        if rest == before {
            break;
        }
    }
    if signs > 1 {
        return Err(AmountError::Malformed {
            text: text.to_owned(),
            problem: "it has more than one sign",
        });
    }
    Ok(Bare {
        negative,
        number: rest,
        whole_units_mark,
    })
}

/// True when `whole` is digits grouped by thousands with `group`: 1 to 3
/// digits, then groups of exactly 3.
fn grouped(whole: &str, group: impl Fn(char) -> bool) -> bool {
    let mut parts = whole.split(group);
    let first_ok = parts
        .next()
        .is_some_and(|first| (1..=3).contains(&first.len()));
    first_ok && parts.all(|part| part.len() == 3)
}

/// Reads an amount with a known decimal mark, or the one the text implies
/// when `mark` is `None`.
fn read(text: &str, mark: Option<DecimalMark>) -> Result<Money, AmountError> {
    let malformed = |problem: &'static str| AmountError::Malformed {
        text: text.to_owned(),
        problem,
    };
    let bare = bare(text)?;
    let number = bare.number;
    if let Some(character) = number
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == ',' || *c == '.' || is_space_group(*c)))
    {
        return Err(AmountError::Character {
            text: text.to_owned(),
            character,
        });
    }
    if !number.chars().any(|c| c.is_ascii_digit()) {
        return Err(AmountError::Empty {
            text: text.to_owned(),
        });
    }
    let n_commas = number.matches(',').count();
    let n_dots = number.matches('.').count();
    // The decimal mark: given, written as `12,-`, or implied by the text.
    let mark = match (bare.whole_units_mark, mark) {
        (Some(written), Some(given)) if written != given.char() => {
            return Err(malformed(
                "its whole-euro mark is not the column's decimal mark",
            ));
        }
        (Some(','), _) => Some(DecimalMark::Comma),
        (Some(_), _) => Some(DecimalMark::Dot),
        (None, Some(given)) => Some(given),
        (None, None) => match (n_commas, n_dots) {
            (0, 0) => None,
            (_, 0) | (0, _) => {
                let separator = if n_commas > 0 { ',' } else { '.' };
                let (whole, fraction) = number.rsplit_once(separator).unwrap_or((number, ""));
                let looks_grouped = fraction.len() == 3
                    && grouped(whole, |c| c == separator || is_space_group(c))
                    && !whole.starts_with('0');
                if n_commas + n_dots > 1 || looks_grouped {
                    // `1,234,567` or `1.234`: thousands, no decimals.
                    None
                } else if separator == ',' {
                    Some(DecimalMark::Comma)
                } else {
                    Some(DecimalMark::Dot)
                }
            }
            _ => {
                let last_comma = number.rfind(',');
                let last_dot = number.rfind('.');
                Some(if last_comma > last_dot {
                    DecimalMark::Comma
                } else {
                    DecimalMark::Dot
                })
            }
        },
    };
    let (whole, fraction, group) = match mark {
        Some(mark) => {
            let mut parts = number.splitn(2, mark.char());
            let whole = parts.next().unwrap_or_default();
            let fraction = parts.next();
            if fraction.is_some_and(|f| f.contains(mark.char())) {
                return Err(malformed("it has more than one decimal mark"));
            }
            if fraction.is_some_and(|f| f.contains(mark.group())) {
                return Err(malformed("a thousands separator follows the decimal mark"));
            }
            (whole, fraction.unwrap_or_default(), Some(mark.group()))
        }
        None => {
            let group = if n_commas > 0 { ',' } else { '.' };
            (number, "", Some(group))
        }
    };
    if bare.whole_units_mark.is_some() && !fraction.is_empty() {
        return Err(malformed("digits follow a whole-euro mark"));
    }
    if fraction.chars().any(|c| !c.is_ascii_digit()) {
        return Err(malformed("the decimals contain a separator"));
    }
    let has_groups = whole.chars().any(|c| Some(c) == group || is_space_group(c));
    if has_groups {
        let uses_mark_group = group.is_some_and(|g| whole.contains(g));
        let uses_space_group = whole.chars().any(is_space_group);
        if uses_mark_group && uses_space_group {
            return Err(malformed("it groups thousands in two ways"));
        }
        if !grouped(whole, |c| Some(c) == group || is_space_group(c)) {
            return Err(malformed(
                "thousands separators must split the digits in groups of three",
            ));
        }
    }
    let too_large = || AmountError::TooLarge {
        text: text.to_owned(),
    };
    // Digits straight into an integer of the smallest unit: no string is
    // built, as this runs for every amount of every bank file.
    let n_whole_digits = whole.bytes().filter(u8::is_ascii_digit).count();
    if n_whole_digits == 0 && fraction.is_empty() {
        return Err(AmountError::Empty {
            text: text.to_owned(),
        });
    }
    if n_whole_digits > 20 || fraction.len() > 8 {
        return Err(too_large());
    }
    let mut units: i128 = 0;
    for byte in whole.bytes().chain(fraction.bytes()) {
        if byte.is_ascii_digit() {
            units = units
                .checked_mul(10)
                .and_then(|units| units.checked_add(i128::from(byte - b'0')))
                .ok_or_else(too_large)?;
        }
    }
    let scale = u32::try_from(fraction.len()).map_err(|_| too_large())?;
    let signed = if bare.negative { -units } else { units };
    let decimal = Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| too_large())?;
    if decimal.normalize().scale() > 2 {
        return Err(AmountError::BelowCents {
            text: text.to_owned(),
        });
    }
    Ok(Money::new(decimal))
}

impl Money {
    /// Reads an amount written with a known decimal mark: `1.234,56` or
    /// `12,-` with [`DecimalMark::Comma`], `1,234.50` with
    /// [`DecimalMark::Dot`]; a sign before or after (`-12,5`, `121,00-`,
    /// `(121,00)`, `+12,30`) and a currency sign or code (`€ 1.234,56`,
    /// `$1,234.50`, `EUR 605`) are allowed, thousands may be grouped by the
    /// other separator, a space or an apostrophe.
    ///
    /// # Errors
    /// An [`AmountError`] for anything else: more than one decimal mark
    /// (`12,3,4`), groups that are not three digits (`1.23.4,5`), letters,
    /// two signs, or less than a cent (`12,345` with a decimal comma).
    pub fn parse_written(text: &str, mark: DecimalMark) -> Result<Money, AmountError> {
        read(text, Some(mark))
    }

    /// Reads an amount whose decimal mark is unknown: the text decides
    /// (`1.234,56` and `12,5` have a comma, `1,234.56` and `0.50` a dot),
    /// and a lone separator followed by three digits (`1.234`, `1,234`)
    /// groups thousands. Prefer [`Money::parse_written`] with the mark of
    /// the column or format, or [`DecimalMark::guess`] over a whole column.
    ///
    /// # Errors
    /// As [`Money::parse_written`].
    pub fn parse_written_guessing(text: &str) -> Result<Money, AmountError> {
        read(text, None)
    }

    /// [`Money::parse_written`] when the mark is known, else
    /// [`Money::parse_written_guessing`].
    ///
    /// # Errors
    /// As [`Money::parse_written`].
    pub fn parse_written_with(text: &str, mark: Option<DecimalMark>) -> Result<Money, AmountError> {
        read(text, mark)
    }
}
