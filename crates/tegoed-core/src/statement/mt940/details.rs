//! The `:86:` information to account owner in each bank's dialect, turned
//! into counterparty, remittance and references.
//!
//! Four layouts cover the Dutch and Belgian banks and the generic SWIFT files:
//! - SEPA code words `/EREF/ /REMI/ /NAME/ /IBAN/ /CNTP/ /ORDP/ /BENM/
//!   /TRTP/ …` (ING, Rabobank, ABN AMRO's `/TRTP/` layout, Knab, bunq, ASN),
//!   wrapped at 65 columns anywhere, even inside a code word;
//! - sub-fields `>20..>29 >31 >32` (Triodos) and `?20..?29 ?31 ?32 ?60..?63`
//!   (German banks), words split across sub-fields;
//! - labelled free text `Naam: IBAN: Omschrijving: Kenmerk:` in 32-column
//!   blocks (ABN AMRO's older layout, also its TAB export), `BEA`/`GEA`
//!   card lines;
//! - anything else: the text, unwrapped, as remittance.

use crate::statement::text::{collapse_spaces, looks_like_iban, non_empty, non_empty_collapsed};

/// What the `:86:` text says about a transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Details {
    /// Counterparty name.
    pub name: Option<String>,
    /// Counterparty account.
    pub iban: Option<String>,
    /// Remittance text.
    pub remittance: Option<String>,
    /// Structured reference.
    pub structured_reference: Option<String>,
    /// End-to-end id.
    pub end_to_end_id: Option<String>,
    /// SEPA return reason (`/RTRN/MS03/`): the booking returns an earlier one.
    pub return_reason: Option<String>,
    /// Ultimate debtor's name (`/ULTD/name/id/`).
    pub ultimate_debtor: Option<String>,
}

/// The SEPA code words recognised in `:86:` text.
const CODE_WORDS: [&str; 29] = [
    "EREF", "PREF", "MARF", "CSID", "CNTP", "REMI", "PURP", "ULTC", "ULTD", "ULTB", "RTRN", "ISDT",
    "ORDP", "BENM", "NAME", "ADDR", "IBAN", "BIC", "BBAN", "TRTP", "SUM", "TRCD", "OCMT", "CHGS",
    "EXCH", "IREF", "KREF", "SVCL", "ID",
];

/// Reads `:86:` lines (the first without its tag).
pub(crate) fn parse(lines: &[&str]) -> Details {
    parse_as(lines, FreeText::Keep)
}

/// Reads the description column of ABN AMRO's TAB export: the `:86:`
/// layouts, but card and bank-cost lines give only the name (the layout
/// the shared synthetic corpus expects of that export).
pub(crate) fn parse_tab_description(description: &str) -> Details {
    parse_as(&[description], FreeText::NameOnly)
}

/// What becomes of a card or bank-cost line's text besides the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FreeText {
    /// The whole description is the remittance (MT940).
    Keep,
    /// Only the name is read (ABN AMRO TAB).
    NameOnly,
}

fn parse_as(lines: &[&str], free_text: FreeText) -> Details {
    let first = lines.first().copied().unwrap_or_default().trim_start();
    if has_code_words(lines) {
        return code_words(&join_wrapped(lines));
    }
    if first.len() >= 3
        && first
            .as_bytes()
            .get(..3)
            .is_some_and(|code| code.iter().all(u8::is_ascii_digit))
    {
        let joined: String = lines.concat();
        if joined.contains(">20") || joined.contains(">10") {
            return subfields(&joined, '>');
        }
        if joined.contains('?') {
            return subfields(&joined, '?');
        }
    }
    let joined = join_free(lines);
    if joined.contains("REK:") || joined.contains("NAAM:") {
        return knab_labels(&joined);
    }
    if has_labels(&joined)
        || card_payment(&joined).is_some()
        || joined.starts_with("ABN AMRO Bank N.V.")
    {
        let mut details = labelled(&joined);
        if free_text == FreeText::Keep && details.remittance.is_none() && !has_labels(&joined) {
            // Card payments (`BEA`, `GEA`) and bank costs: the merchant or
            // bank is the name, and the whole text the description, so the
            // date, time, card and the cost items are not lost.
            let description = joined
                .trim_start()
                .strip_prefix("ABN AMRO Bank N.V.")
                .unwrap_or(&joined);
            details.remittance = non_empty_collapsed(description);
        }
        return details;
    }
    Details {
        remittance: non_empty(&collapse_spaces(&joined)),
        ..Details::default()
    }
}

/// Joins free-text lines: straight on after a full 65-column line (the
/// bank broke mid-word), with a space after a shorter or padded one.
fn join_free(lines: &[&str]) -> String {
    let mut joined = String::with_capacity(lines.iter().map(|line| line.len() + 1).sum());
    let mut full = false;
    for (index, line) in lines.iter().enumerate() {
        if index > 0 && !full {
            joined.push(' ');
        }
        let width = line.chars().count() + if index == 0 { 4 } else { 0 };
        full = width >= 65 && !line.ends_with(' ');
        joined.push_str(line);
    }
    joined
}

/// Knab's older free text: `… REK: NL52RABO…/NAAM: SOME NAME`.
fn knab_labels(text: &str) -> Details {
    let values = label_values(text, &["NAAM:", "REK:"]);
    let start = text
        .find("REK:")
        .into_iter()
        .chain(text.find("NAAM:"))
        .min()
        .unwrap_or(text.len());
    let iban = first_value(&values, "REK:").map(|value| value.trim_end_matches('/').to_owned());
    Details {
        name: first_value(&values, "NAAM:"),
        iban,
        remittance: text
            .get(..start)
            .and_then(|before| non_empty(&collapse_spaces(before))),
        ..Details::default()
    }
}

/// True when the text carries SEPA code words such as `/REMI/`.
fn has_code_words(lines: &[&str]) -> bool {
    let start = lines.first().copied().unwrap_or_default().trim_start();
    let key_at = |text: &str| {
        CODE_WORDS.iter().any(|word| {
            text.strip_prefix('/')
                .and_then(|rest| rest.strip_prefix(word))
                .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    if key_at(start) {
        return true;
    }
    let joined: String = lines.concat();
    [
        "/EREF/", "/REMI/", "/NAME/", "/CNTP/", "/TRTP/", "/ORDP/", "/BENM/", "/IBAN/",
    ]
    .iter()
    .filter(|word| joined.contains(*word))
    .count()
        >= 2
}

/// Joins lines wrapped at a fixed width: straight on, since banks break
/// anywhere (mid-word, mid-code-word), except after a line padded with
/// spaces, which ended at a word.
fn join_wrapped(lines: &[&str]) -> String {
    let mut joined = String::with_capacity(lines.iter().map(|line| line.len()).sum());
    let mut padded = false;
    for line in lines {
        if padded && !joined.is_empty() && !line.starts_with('/') {
            joined.push(' ');
        }
        let trimmed = line.trim_end();
        padded = trimmed.len() < line.len();
        joined.push_str(if padded { trimmed } else { line });
    }
    joined
}

/// The code word that `rest` starts with, closed by a `/` (`EREF/…`).
///
/// The text up to the next `/` (at most four bytes) must be one of
/// [`CODE_WORDS`] (the arms list the same words; a test checks they agree);
/// a byte-slice `match` instead of comparing each word in turn, since this
/// runs at every `/` of every `:86:`.
fn code_word_at(rest: &[u8]) -> Option<&'static str> {
    let end = rest.iter().take(5).position(|&b| b == b'/')?;
    let word = match rest.get(..end)? {
        b"EREF" => "EREF",
        b"PREF" => "PREF",
        b"MARF" => "MARF",
        b"CSID" => "CSID",
        b"CNTP" => "CNTP",
        b"REMI" => "REMI",
        b"PURP" => "PURP",
        b"ULTC" => "ULTC",
        b"ULTD" => "ULTD",
        b"ULTB" => "ULTB",
        b"RTRN" => "RTRN",
        b"ISDT" => "ISDT",
        b"ORDP" => "ORDP",
        b"BENM" => "BENM",
        b"NAME" => "NAME",
        b"ADDR" => "ADDR",
        b"IBAN" => "IBAN",
        b"BIC" => "BIC",
        b"BBAN" => "BBAN",
        b"TRTP" => "TRTP",
        b"SUM" => "SUM",
        b"TRCD" => "TRCD",
        b"OCMT" => "OCMT",
        b"CHGS" => "CHGS",
        b"EXCH" => "EXCH",
        b"IREF" => "IREF",
        b"KREF" => "KREF",
        b"SVCL" => "SVCL",
        b"ID" => "ID",
        _ => return None,
    };
    Some(word)
}

/// Splits `/KEY/value/KEY/value` text at the known code words.
pub(crate) fn code_word_fields(text: &str) -> Vec<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut starts: Vec<(usize, usize, &str)> = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes.get(index) == Some(&b'/') {
            let rest = bytes.get(index + 1..).unwrap_or_default();
            if let Some(word) = code_word_at(rest) {
                starts.push((index, index + word.len() + 2, word));
                index += word.len() + 1;
                continue;
            }
        }
        index += 1;
    }
    let mut fields = Vec::with_capacity(starts.len());
    for (position, (_, value_start, word)) in starts.iter().enumerate() {
        let value_end = starts
            .get(position + 1)
            .map_or(text.len(), |(next_start, _, _)| *next_start);
        let value = text
            .get(*value_start..value_end.max(*value_start))
            .unwrap_or_default();
        fields.push((*word, value));
    }
    fields
}

/// Reads SEPA code-word text.
fn code_words(text: &str) -> Details {
    let mut details = Details::default();
    let mut remittance: Option<String> = None;
    for (word, value) in code_word_fields(text) {
        let value = value.strip_suffix('/').unwrap_or(value);
        match word {
            "NAME" if details.name.is_none() => details.name = non_empty(value),
            "IBAN" | "BBAN" if details.iban.is_none() => details.iban = non_empty(value),
            "EREF" if details.end_to_end_id.is_none() => {
                details.end_to_end_id =
                    non_empty(value).filter(|eref| eref != "NOTPROVIDED" && eref != "NONREF");
            }
            "RTRN" if details.return_reason.is_none() => {
                let code = value.split('/').find(|part| !part.trim().is_empty());
                details.return_reason = code.and_then(non_empty);
            }
            "ULTD" if details.ultimate_debtor.is_none() => {
                let name = value.split('/').find(|part| !part.trim().is_empty());
                details.ultimate_debtor = name.and_then(|name| non_empty(&collapse_spaces(name)));
            }
            "CNTP" => {
                let mut parts = value.split('/');
                let iban = parts.next().unwrap_or_default();
                let _bic = parts.next();
                let name = parts.next().unwrap_or_default();
                if details.iban.is_none() {
                    details.iban = non_empty(iban);
                }
                if let Some(name) = non_empty(name) {
                    details.name = Some(name);
                }
            }
            "REMI" => {
                if let Some(structured) = value
                    .strip_prefix("STRD/CUR/")
                    .or_else(|| value.strip_prefix("STRD/ISO/"))
                    .or_else(|| value.strip_prefix("STRD/BBA/"))
                    .or_else(|| value.strip_prefix("STRD//"))
                {
                    details.structured_reference = non_empty(structured.trim_end_matches('/'));
                } else {
                    let text = value
                        .strip_prefix("USTD//")
                        .or_else(|| value.strip_prefix("USTD/"))
                        .unwrap_or(value);
                    if let Some(text) = non_empty_collapsed(text) {
                        remittance = Some(match remittance {
                            Some(before) => format!("{before} {text}"),
                            None => text,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    details.remittance = remittance;
    details
}

/// Reads Triodos `>NN` or German `?NN` sub-fields.
fn subfields(text: &str, marker: char) -> Details {
    let mut purpose = String::new();
    let mut name = String::new();
    let mut account: Option<String> = None;
    let mut bic: Option<String> = None;
    let mut previous_full = false;
    let mut parts = text.split(marker);
    parts.next();
    for part in parts {
        let (Some(code), Some(value)) = (part.get(..2), part.get(2..)) else {
            continue;
        };
        let Ok(number) = code.parse::<u8>() else {
            continue;
        };
        let value = value.trim_end_matches(['\n', '\r']);
        match number {
            20..=29 | 60..=63 => {
                if !purpose.is_empty() && !previous_full {
                    purpose.push(' ');
                }
                purpose.push_str(value);
                previous_full = value.len() >= 27;
            }
            30 => bic = non_empty(value),
            31 => account = non_empty(value),
            32 | 33 => name.push_str(value),
            _ => {}
        }
    }
    let purpose = collapse_spaces(&purpose);
    let mut details = Details {
        name: non_empty(&name),
        iban: account,
        ..Details::default()
    };
    // Triodos SEPA: >20 holds the BIC and >21 the IBAN of the counterparty.
    if marker == '>' {
        let _ = bic;
        let mut words = purpose.split(' ');
        if let (Some(first), Some(second)) = (words.next(), words.next())
            && (8..=11).contains(&first.len())
            && first.bytes().all(|b| b.is_ascii_alphanumeric())
            && looks_like_iban(second)
        {
            details.iban = Some(second.to_owned());
            let rest: Vec<&str> = words.collect();
            details.remittance = non_empty(&rest.join(" "));
            return details;
        }
    }
    if let Some(sepa) = sepa_keywords(&purpose) {
        details.end_to_end_id = sepa.end_to_end_id;
        details.remittance = sepa.remittance.or_else(|| non_empty(&purpose));
    } else {
        details.remittance = non_empty(&purpose);
    }
    details
}

/// German SEPA keywords inside a purpose text (`EREF+`, `SVWZ+`, …).
struct SepaKeywords {
    end_to_end_id: Option<String>,
    remittance: Option<String>,
}

fn sepa_keywords(purpose: &str) -> Option<SepaKeywords> {
    const KEYWORDS: [&str; 9] = [
        "EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+", "IBAN+",
    ];
    let mut found: Vec<(usize, &str)> = KEYWORDS
        .iter()
        .flat_map(|keyword| purpose.match_indices(keyword))
        .collect();
    if found.is_empty() {
        return None;
    }
    found.sort_unstable();
    let value = |keyword: &str| {
        found.iter().enumerate().find_map(|(index, (start, word))| {
            if *word != keyword {
                return None;
            }
            let end = found
                .get(index + 1)
                .map_or(purpose.len(), |(next, _)| *next);
            purpose.get(start + word.len()..end).and_then(non_empty)
        })
    };
    Some(SepaKeywords {
        end_to_end_id: value("EREF+").filter(|eref| eref != "NOTPROVIDED"),
        remittance: value("SVWZ+"),
    })
}

/// The labels of ABN AMRO's free-text descriptions, longest first so that
/// `Kenmerk Machtiging:` is not read as `Machtiging:`.
const LABELS: [&str; 9] = [
    "Kenmerk Machtiging:",
    "Betalingskenm.:",
    "Omschrijving:",
    "Machtiging:",
    "Incassant:",
    "Kenmerk:",
    "IBAN:",
    "Naam:",
    "BIC:",
];

fn has_labels(text: &str) -> bool {
    text.contains("Naam:") || text.contains("IBAN:") || text.contains("Omschrijving:")
}

/// A BEA/GEA card payment: the merchant before `,PAS`. The newer layout
/// has the kind in the first 32-column block (`BEA, Betaalpas`, `BEA,
/// Google Pay`); the older one `NR:… date/time` before the merchant.
fn card_payment(text: &str) -> Option<String> {
    let start = text.trim_start();
    if !(start.starts_with("BEA") || start.starts_with("GEA")) {
        return None;
    }
    let (before, _) = start.split_once(",PAS")?;
    let merchant = if start.get(3..4) == Some(",") {
        before.get(32..).unwrap_or_default()
    } else {
        let mut words = before.split_whitespace().skip(1).peekable();
        while let Some(word) = words.peek() {
            if word.starts_with("NR:") || word.contains('/') && word.contains('.') {
                words.next();
            } else {
                break;
            }
        }
        return non_empty(&words.collect::<Vec<_>>().join(" "));
    };
    non_empty(&collapse_spaces(merchant))
}

/// The values after each label in a text, e.g. `Naam: … Omschrijving: …`,
/// a value running to the next label, white space collapsed. A label counts
/// only at the start of the text or after white space; `labels` go longest
/// first.
pub(crate) fn label_values(text: &str, labels: &[&'static str]) -> Vec<(&'static str, String)> {
    raw_label_values(text, labels)
        .into_iter()
        .map(|(label, value)| (label, collapse_spaces(value)))
        .collect()
}

/// [`label_values`] with each value as written, padding kept.
fn raw_label_values<'t>(text: &'t str, labels: &[&'static str]) -> Vec<(&'static str, &'t str)> {
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    for label in labels {
        for (position, _) in text.match_indices(label) {
            let at_word_start = position == 0
                || text
                    .get(..position)
                    .and_then(|before| before.chars().last())
                    .is_some_and(char::is_whitespace);
            let inside_longer = marks
                .iter()
                .any(|(start, found)| *start <= position && position < start + found.len());
            if at_word_start && !inside_longer {
                marks.push((position, label));
            }
        }
    }
    marks.sort_unstable();
    marks
        .iter()
        .enumerate()
        .map(|(index, (start, label))| {
            let end = marks.get(index + 1).map_or(text.len(), |(next, _)| *next);
            let value = text.get(start + label.len()..end).unwrap_or_default();
            (*label, value)
        })
        .collect()
}

/// The first non-empty value of a label.
pub(crate) fn first_value(values: &[(&'static str, String)], label: &str) -> Option<String> {
    values
        .iter()
        .find(|(found, value)| *found == label && !value.is_empty())
        .map(|(_, value)| value.clone())
}

/// Reads ABN AMRO's labelled free text (`Naam: … Omschrijving: …`), also
/// used for its TAB export's description column.
pub(crate) fn labelled(text: &str) -> Details {
    if let Some(merchant) = card_payment(text) {
        return Details {
            name: Some(merchant),
            ..Details::default()
        };
    }
    if text.trim_start().starts_with("ABN AMRO Bank N.V.") {
        return Details {
            name: Some("ABN AMRO Bank N.V.".to_owned()),
            ..Details::default()
        };
    }
    let values = label_values(text, &LABELS);
    // The name fills its 32-column block (or two); text after the padding
    // that no label introduces is the payer's description, not the name.
    let (name, after_name) = raw_label_values(text, &LABELS)
        .into_iter()
        .find(|(label, value)| *label == "Naam:" && !value.trim().is_empty())
        .map_or((None, None), |(_, value)| {
            let value = value.trim();
            match value.split_once("  ") {
                Some((name, rest)) => (non_empty(name), non_empty_collapsed(rest)),
                None => (non_empty_collapsed(value), None),
            }
        });
    let remittance = match (first_value(&values, "Omschrijving:"), after_name) {
        (Some(described), Some(more)) => Some(format!("{more} {described}")),
        (described, more) => described.or(more),
    };
    Details {
        name,
        iban: first_value(&values, "IBAN:"),
        remittance,
        structured_reference: first_value(&values, "Betalingskenm.:"),
        end_to_end_id: first_value(&values, "Kenmerk:"),
        ..Details::default()
    }
}

#[cfg(test)]
mod tests {
    use super::{CODE_WORDS, code_word_at};

    #[test]
    fn code_word_at_knows_exactly_the_code_words() {
        for word in CODE_WORDS {
            assert_eq!(code_word_at(format!("{word}/x").as_bytes()), Some(word));
            assert_eq!(code_word_at(word.as_bytes()), None, "{word} without '/'");
        }
        assert_eq!(code_word_at(b"EREFX/"), None);
        assert_eq!(code_word_at(b"ERE/"), None);
        assert_eq!(code_word_at(b"/"), None);
    }
}
