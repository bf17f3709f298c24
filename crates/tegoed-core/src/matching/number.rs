//! Invoice numbers as people write them in a remittance (`domain.md` §5.1
//! item 2), and the index of open invoices by the same normalised forms.
//!
//! A text is tokenised once into words, digit runs and punctuation. Digit
//! runs joined by `-`, `/`, `.` or `_` (or a space after a year) form a
//! group; a group is read as year + sequence (`2026-0142`, `2026/142`,
//! `INV 2026 0142`, `F2026.0142`), as one long number (`20260142`) or, after a
//! keyword such as `factuur`, `fact`, `nr` or `#`, as a bare sequence
//! (`fact 142`) or a list (`fact 40 en 42`, `40/42/47`, `40 t/m 42`). Dates,
//! amounts, postcodes, phone numbers and IBAN fragments are skipped. A space
//! inside a number may be an MT940 line wrap, so `2026-01 42` is read first
//! as `2026-0142` and only when that finds nothing as `2026-0001`.
//!
//! Nothing here knows about customers: weak keys (a bare sequence) are
//! resolved by the engine within a customer it already knows.

use std::collections::HashMap;

/// A normalised form of an invoice number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// Year and sequence: `2026-0142`, `2026/142`, `F2026.0142`.
    YearSequence(u16, u32),
    /// All digits as one number, leading zeros dropped: `20260142`, `F12345`.
    Digits(u64),
    /// The sequence alone (`fact 142`): only meaningful within one customer.
    Sequence(u32),
}

impl Key {
    /// A weak key only counts within a customer known from other evidence.
    pub fn is_weak(self) -> bool {
        matches!(self, Key::Sequence(_))
    }
}

/// Whether a mention is the preferred reading of its group or a fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The only reading.
    Only,
    /// A reading that joins digits across a space (a line wrap): tried first.
    Joined,
    /// The split reading of the same digits: used only when no joined
    /// reading of its group resolves.
    Split,
}

/// An invoice number written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The forms to look up, most specific first.
    pub keys: Vec<Key>,
    /// Written as a credit note (`creditnota 3`, `minus C003`).
    pub credit: bool,
    /// The group of digits it came from, to pair joined and split readings.
    pub group: u32,
    /// Joined, split or the only reading.
    pub reading: Reading,
}

/// The normalised forms of an invoice number as the ledger writes it, most
/// specific first, and whether the number reads as a credit note.
pub fn keys_of_invoice_number(number: &str) -> Vec<Key> {
    let lower = number.to_lowercase();
    let groups: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|group| !group.is_empty())
        .collect();
    let mut keys = Vec::new();
    match groups.as_slice() {
        [] => {}
        [single] => {
            if let Some(value) = digits_value(single) {
                keys.push(Key::Digits(value));
                if let Ok(sequence) = u32::try_from(value) {
                    keys.push(Key::Sequence(sequence));
                }
            }
        }
        [first, .., last] => {
            if let (Some(year), Some(sequence)) = (year_of(first), sequence_of(last)) {
                if groups.len() == 2 {
                    keys.push(Key::YearSequence(year, sequence));
                }
                // Written without its zero padding: 2026-0142 as 2026142.
                if let Some(value) = digits_value(&format!("{first}{sequence}")) {
                    keys.push(Key::Digits(value));
                }
            }
            if let Some(value) = digits_value(&groups.concat()) {
                keys.push(Key::Digits(value));
            }
            if let Some(sequence) = sequence_of(last) {
                keys.push(Key::Sequence(sequence));
            }
        }
    }
    keys.dedup();
    let mut unique = Vec::with_capacity(keys.len());
    for key in keys {
        if !unique.contains(&key) {
            unique.push(key);
        }
    }
    unique
}

/// The letters before an invoice number's first digit, lower-cased: `f`
/// for `F2026-0142`, `c` for `C003`.
pub fn prefix_of(number: &str) -> String {
    number
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_lowercase()
}

/// Open invoices by every normalised form of their number.
#[derive(Debug, Default, Clone)]
pub struct NumberIndex {
    entries: HashMap<Key, Vec<u32>>,
}

impl NumberIndex {
    /// Adds an invoice number for item `position`.
    pub fn insert(&mut self, number: &str, position: u32) {
        for key in keys_of_invoice_number(number) {
            self.entries.entry(key).or_default().push(position);
        }
    }

    /// The items whose number has this form.
    pub fn get(&self, key: Key) -> &[u32] {
        self.entries.get(&key).map_or(&[], Vec::as_slice)
    }
}

/// One lexical token of a remittance.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// Letters, lower-cased.
    Word(String),
    /// ASCII digits.
    Number(String),
    /// Whitespace.
    Space,
    /// Any other character.
    Punct(char),
}

fn tokenise(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for character in text.chars() {
        let last = tokens.last_mut();
        match (character, last) {
            (c, Some(Token::Number(digits))) if c.is_ascii_digit() => digits.push(c),
            (c, _) if c.is_ascii_digit() => tokens.push(Token::Number(c.to_string())),
            (c, Some(Token::Word(word))) if c.is_alphabetic() => word.extend(c.to_lowercase()),
            (c, _) if c.is_alphabetic() => tokens.push(Token::Word(c.to_lowercase().collect())),
            (c, Some(Token::Space)) if c.is_whitespace() => {}
            (c, _) if c.is_whitespace() => tokens.push(Token::Space),
            (c, _) => tokens.push(Token::Punct(c)),
        }
    }
    tokens
}

/// Words that announce an invoice number.
const INVOICE_WORDS: [&str; 24] = [
    "factuur",
    "factuurnr",
    "factuurnummer",
    "factuurnrs",
    "facturen",
    "fact",
    "factnr",
    "fac",
    "fa",
    "fakt",
    "fnr",
    "nr",
    "nrs",
    "nummer",
    "no",
    "nos",
    "inv",
    "invoice",
    "invoices",
    "invoicenr",
    "rekening",
    "rekeningnr",
    "betreft",
    "ref",
];

/// Words that announce a credit note.
const CREDIT_WORDS: [&str; 7] = [
    "creditnota",
    "creditnotas",
    "creditfactuur",
    "credit",
    "creditnr",
    "cn",
    "cr",
];

/// Words that keep a list going: `40 en 42`, `40 t/m 42`, `40 minus creditnota 3`.
const LIST_WORDS: [&str; 9] = ["en", "and", "t", "m", "tm", "tot", "met", "plus", "minus"];

/// What the words before a number say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Nothing announced it.
    Bare,
    /// An invoice keyword or prefix came first.
    Invoice,
    /// A credit-note keyword came first.
    Credit,
}

/// One digit run inside a group and what separated it from the previous one.
#[derive(Debug, Clone)]
struct Element {
    digits: String,
    /// The separator before it: `None` for the first, `Some(' ')` for a bare
    /// space, otherwise the punctuation character.
    separator: Option<char>,
}

/// Finds the invoice numbers written in `text`.
pub fn mentions(text: &str) -> Vec<Mention> {
    let tokens = tokenise(text);
    let mut found = Vec::new();
    let mut context = Context::Bare;
    let mut range_from: Option<(Option<u16>, u32)> = None;
    let mut pending_range = false;
    let mut group_id = 0_u32;
    let mut index = 0;
    while let Some(token) = tokens.get(index) {
        match token {
            Token::Word(word) => {
                // A prefix glued to digits (`F2026`, `C003`), but not letter-digit
                // soup such as `e2e` or `abc123def`.
                let attached = matches!(tokens.get(index + 1), Some(Token::Number(_)))
                    && !matches!(tokens.get(index + 2), Some(Token::Word(_)));
                if is_iban_start(&tokens, index) {
                    index = skip_iban(&tokens, index);
                    context = Context::Bare;
                    continue;
                }
                let word = word.as_str();
                if CREDIT_WORDS.contains(&word) || (attached && word == "c") {
                    context = Context::Credit;
                } else if INVOICE_WORDS.contains(&word) || (attached && word.chars().count() <= 4) {
                    context = Context::Invoice;
                } else if word == "t" || word == "tm" || word == "tot" {
                    pending_range = context != Context::Bare;
                } else if !LIST_WORDS.contains(&word) {
                    context = Context::Bare;
                    pending_range = false;
                }
                index += 1;
            }
            Token::Punct('#') => {
                context = Context::Invoice;
                index += 1;
            }
            Token::Number(_) => {
                let (elements, next) = group(&tokens, index);
                let skip = is_date(&elements)
                    || is_amount(&tokens, next, &elements, context)
                    || is_postcode(&tokens, next, &elements)
                    || is_phone(&elements);
                if !skip {
                    let range = if pending_range { range_from } else { None };
                    let last = read_group(&elements, context, group_id, range, &mut found);
                    range_from = last.or(range_from);
                    group_id += 1;
                }
                pending_range = false;
                index = next;
            }
            Token::Space | Token::Punct(_) => index += 1,
        }
    }
    found
}

/// Collects the digit runs of a group starting at `start`; returns them and
/// the index after the group.
fn group(tokens: &[Token], start: usize) -> (Vec<Element>, usize) {
    let mut elements = Vec::new();
    let mut index = start;
    let mut separator = None;
    while let Some(Token::Number(digits)) = tokens.get(index) {
        elements.push(Element {
            digits: digits.clone(),
            separator,
        });
        index += 1;
        // A separator: punctuation with optional spaces around it, or a
        // single space (a year followed by its sequence, or a line wrap).
        let mut probe = index;
        let mut saw_space = false;
        let mut punct = None;
        while let Some(token) = tokens.get(probe) {
            match token {
                Token::Space if !saw_space => saw_space = true,
                Token::Punct(c @ ('-' | '/' | '.' | '_')) if punct.is_none() => punct = Some(*c),
                _ => break,
            }
            probe += 1;
        }
        let Some(Token::Number(_)) = tokens.get(probe) else {
            break;
        };
        if probe == index {
            break;
        }
        if punct.is_none() && !space_continues(&elements, tokens.get(probe)) {
            break;
        }
        separator = Some(punct.unwrap_or(' '));
        index = probe;
    }
    (elements, index)
}

/// Whether a bare space continues a group: after a lone year (`INV 2026
/// 0142`), inside a year and sequence cut short by a line wrap (`2026-01 42`),
/// or inside a long number cut by one (`202601 42`). Anything else after a
/// space (`2026-0010 15-03-2026`) starts a new group.
fn space_continues(elements: &[Element], next: Option<&Token>) -> bool {
    let Some(Token::Number(next)) = next else {
        return false;
    };
    match elements {
        [only] => year_of(&only.digits).is_some() || (only.digits.len() >= 4 && next.len() <= 4),
        [.., last] => {
            last.separator.is_some_and(|separator| separator != ' ')
                && last.digits.len() < 4
                && next.len() <= 4
        }
        [] => false,
    }
}

/// Reads a group into mentions; returns the last number read (for ranges).
fn read_group(
    elements: &[Element],
    context: Context,
    group_id: u32,
    range_from: Option<(Option<u16>, u32)>,
    found: &mut Vec<Mention>,
) -> Option<(Option<u16>, u32)> {
    let credit = context == Context::Credit;
    let keyed = context != Context::Bare;
    let mut push = |keys: Vec<Key>, reading: Reading| {
        if !keys.is_empty() {
            found.push(Mention {
                keys,
                credit,
                group: group_id,
                reading,
            });
        }
    };
    let mut last = None;
    let mut position = 0;
    while let Some(element) = elements.get(position) {
        let next = elements.get(position + 1);
        let after = elements.get(position + 2);
        let year = year_of(&element.digits);
        match (year, next) {
            (Some(year), Some(next)) if next.digits.len() <= 6 => {
                let base = year_sequence_keys(year, &element.digits, &next.digits);
                match after {
                    Some(after)
                        if after.separator == Some(' ')
                            && next.digits.len() + after.digits.len() <= 6 =>
                    {
                        let joined = format!("{}{}", next.digits, after.digits);
                        push(
                            year_sequence_keys(year, &element.digits, &joined),
                            Reading::Joined,
                        );
                        push(base, Reading::Split);
                        last = sequence_of(&joined).map(|sequence| (Some(year), sequence));
                        position += 3;
                    }
                    _ => {
                        push(base, Reading::Only);
                        last = sequence_of(&next.digits).map(|sequence| (Some(year), sequence));
                        position += 2;
                    }
                }
                // `2026-0040/0042`: more sequences of the same year and width.
                while let Some(more) = elements.get(position) {
                    if more.separator == Some(' ') || more.digits.len() != next.digits.len() {
                        break;
                    }
                    push(
                        year_sequence_keys(year, &element.digits, &more.digits),
                        Reading::Only,
                    );
                    last = sequence_of(&more.digits).map(|sequence| (Some(year), sequence));
                    position += 1;
                }
            }
            _ => {
                // A lone number; a long one split by a space may be a wrap.
                let wrap = next.filter(|next| {
                    next.separator == Some(' ')
                        && element.digits.len() >= 4
                        && element.digits.len() + next.digits.len() <= 10
                });
                if let Some(next) = wrap {
                    let joined = format!("{}{}", element.digits, next.digits);
                    push(lone_keys(&joined, keyed), Reading::Joined);
                    push(lone_keys(&element.digits, keyed), Reading::Split);
                    position += 2;
                } else {
                    let keys = lone_keys(&element.digits, keyed);
                    if let (Some((from_year, from)), Some(to)) =
                        (range_from, sequence_of(&element.digits))
                    {
                        // `40 t/m 42`: the numbers between, bounded.
                        if to > from && to - from <= 20 {
                            for sequence in from + 1..to {
                                let key = match from_year {
                                    Some(year) => Key::YearSequence(year, sequence),
                                    None => Key::Sequence(sequence),
                                };
                                push(vec![key], Reading::Only);
                            }
                        }
                    }
                    push(keys, Reading::Only);
                    last = sequence_of(&element.digits).map(|sequence| (None, sequence));
                    position += 1;
                }
            }
        }
    }
    last
}

fn year_sequence_keys(year: u16, year_digits: &str, sequence_digits: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    if let Some(sequence) = sequence_of(sequence_digits) {
        keys.push(Key::YearSequence(year, sequence));
    }
    if let Some(value) = digits_value(&format!("{year_digits}{sequence_digits}")) {
        keys.push(Key::Digits(value));
    }
    keys
}

/// Keys for a number standing alone: strong with four or more significant
/// digits, a weak sequence only after a keyword.
fn lone_keys(digits: &str, keyed: bool) -> Vec<Key> {
    let significant = digits.trim_start_matches('0').len();
    let mut keys = Vec::new();
    // A bare year (`2026`) says nothing.
    if digits.len() > 10 || (!keyed && year_of(digits).is_some()) {
        return keys;
    }
    if significant >= 4
        && let Some(value) = digits_value(digits)
    {
        keys.push(Key::Digits(value));
    }
    if keyed && let Some(sequence) = sequence_of(digits) {
        keys.push(Key::Sequence(sequence));
    }
    keys
}

fn digits_value(digits: &str) -> Option<u64> {
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits.parse().ok()
}

fn sequence_of(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    digits.parse().ok()
}

/// A four-digit year Tegoed's ledgers plausibly number invoices by.
fn year_of(digits: &str) -> Option<u16> {
    if digits.len() != 4 {
        return None;
    }
    digits
        .parse::<u16>()
        .ok()
        .filter(|year| (1990..=2099).contains(year))
}

/// `15-03-2026`, `2026-03-15`, `15/03/26`: a date, not an invoice number.
fn is_date(elements: &[Element]) -> bool {
    let [first, second, third] = elements else {
        return false;
    };
    let same_punct = second.separator.is_some()
        && second.separator != Some(' ')
        && second.separator == third.separator;
    let number = |element: &Element| element.digits.parse::<u32>().unwrap_or(0);
    let day_month = |day: &Element, month: &Element| {
        day.digits.len() <= 2
            && month.digits.len() <= 2
            && (1..=31).contains(&number(day))
            && (1..=12).contains(&number(month))
    };
    same_punct
        && ((first.digits.len() == 4 && day_month(third, second))
            || (matches!(third.digits.len(), 2 | 4) && day_month(first, second)))
}

/// `1.694,00`, `€ 484,00`, `1694.00`: an amount.
fn is_amount(tokens: &[Token], next: usize, elements: &[Element], context: Context) -> bool {
    let comma_cents = matches!(tokens.get(next), Some(Token::Punct(',')))
        && matches!(tokens.get(next + 1), Some(Token::Number(cents)) if cents.len() == 2);
    let dot_cents = context == Context::Bare
        && elements.len() >= 2
        && elements.last().is_some_and(|last| {
            last.digits.len() == 2 && matches!(last.separator, Some('.') | Some(','))
        });
    comma_cents || dot_cents
}

/// `3511 AB`: a Dutch postcode.
fn is_postcode(tokens: &[Token], next: usize, elements: &[Element]) -> bool {
    let [only] = elements else {
        return false;
    };
    let letters = match (tokens.get(next), tokens.get(next + 1)) {
        (Some(Token::Space), Some(Token::Word(word))) | (Some(Token::Word(word)), _) => {
            word.chars().count() == 2
        }
        _ => false,
    };
    only.digits.len() == 4 && letters
}

/// `0612345678`, `030-1234567`: a phone number.
fn is_phone(elements: &[Element]) -> bool {
    let digits: String = elements
        .iter()
        .map(|element| element.digits.as_str())
        .collect();
    digits.len() == 10 && digits.starts_with('0')
}

/// Two letters and two digits followed by letters: the start of an IBAN.
fn is_iban_start(tokens: &[Token], index: usize) -> bool {
    match (
        tokens.get(index),
        tokens.get(index + 1),
        tokens.get(index + 2),
    ) {
        (Some(Token::Word(country)), Some(Token::Number(check)), Some(Token::Word(bank))) => {
            country.chars().count() == 2 && check.len() == 2 && bank.chars().count() == 4
        }
        _ => false,
    }
}

fn skip_iban(tokens: &[Token], index: usize) -> usize {
    let mut next = index + 3;
    while let Some(Token::Number(_)) | Some(Token::Space) = tokens.get(next) {
        if matches!(tokens.get(next), Some(Token::Space))
            && !matches!(tokens.get(next + 1), Some(Token::Number(digits)) if digits.len() <= 4)
        {
            break;
        }
        next += 1;
    }
    next
}

#[cfg(test)]
mod tests;
