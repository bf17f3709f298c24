//! Invoice PDFs: storing a business's own invoice PDFs and linking each to
//! its invoice, so that reminders can append the real invoice.
//!
//! A PDF is linked by the invoice number in its file name (`Factuur
//! 2026-0142.pdf`, `F2026-0142.pdf`, `invoice_2026-0142.pdf`) or, failing
//! that, by the one invoice number found in its text. Numbers are compared
//! token by token against the book's invoice numbers, with `-`, `/`, `.` and
//! `_` treated alike and letters before the digits (`F`, `INV`) allowed, so
//! a number is never matched inside a longer one. A PDF that names no known
//! invoice, or several without a clear "invoice number" label, is stored
//! unlinked for the user to assign (`Book::assign_document`).
//!
//! A reader: bytes in, values out. Storing is the import use case's
//! (`crate::import`).
//!
//! The bytes are stored **in the book** (`invoice_documents.content`, with
//! its SHA-256 unique): the book stays one file that can be backed up,
//! moved or mailed to an accountant whole; the PDF lands in the same
//! transaction as its link; a re-import of the same file is recognised by
//! its hash. Invoice PDFs are small (tens of kilobytes), so SQLite keeps
//! them well; a content-addressed folder beside the book would break when
//! only the book file is copied.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// A file that cannot be taken as an invoice PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The file has no bytes.
    #[error("{file}: the file is empty (0 bytes)")]
    Empty {
        /// The file name.
        file: String,
    },
    /// The bytes are not a PDF.
    #[error(
        "{file}: not a PDF (it does not start with %PDF-); save the invoice as PDF and import that"
    )]
    NotPdf {
        /// The file name.
        file: String,
    },
}

/// How a PDF was linked to its invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkedBy {
    /// The invoice number is in the file name.
    FileName,
    /// The invoice number was found in the PDF's text.
    Text,
}

/// An invoice PDF read without the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoicePdf {
    /// The file name.
    pub file_name: String,
    /// The invoice number its file name suggests.
    pub number_in_name: Option<String>,
    /// Number of pages, when the PDF can be parsed.
    pub pages: Option<usize>,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
}

/// Reads an invoice PDF without the book: what its name suggests and how
/// many pages it has.
///
/// # Errors
/// [`PdfError::Empty`] or [`PdfError::NotPdf`].
pub fn read(file_name: &str, bytes: &[u8]) -> Result<InvoicePdf, PdfError> {
    check(file_name, bytes)?;
    Ok(InvoicePdf {
        file_name: file_name.to_owned(),
        number_in_name: number_in_name(file_name),
        pages: page_count(bytes),
        sha256: sha256(bytes),
    })
}

/// Checks that the bytes are a PDF: `%PDF-` within the first kilobyte.
///
/// # Errors
/// [`PdfError::Empty`] or [`PdfError::NotPdf`].
pub fn check(file_name: &str, bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty {
            file: file_name.to_owned(),
        });
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    if !head.windows(5).any(|window| window == b"%PDF-") {
        return Err(PdfError::NotPdf {
            file: file_name.to_owned(),
        });
    }
    Ok(())
}

/// True when the bytes start like a PDF.
pub fn is_pdf(bytes: &[u8]) -> bool {
    check("", bytes).is_ok()
}

/// The text of every page, or `None` when the PDF cannot be parsed (broken,
/// encrypted) or has no text layer (a scan).
pub fn text(bytes: &[u8]) -> Option<String> {
    let document = lopdf::Document::load_mem(bytes).ok()?;
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let text = document.extract_text(&pages).ok()?;
    (!text.trim().is_empty()).then_some(text)
}

/// Number of pages, `None` when the PDF cannot be parsed.
pub fn page_count(bytes: &[u8]) -> Option<usize> {
    lopdf::Document::load_mem(bytes)
        .ok()
        .map(|document| document.get_pages().len())
}

/// The invoice number a file name suggests, without the book: the first
/// token with a digit once a prefix such as `Factuur`, `F`, `INV` or
/// `invoice_` is removed (`F2026-0142.pdf` → `2026-0142`).
pub fn number_in_name(file_name: &str) -> Option<String> {
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or(file_name);
    tokens(stem)
        .into_iter()
        .map(|token| token.trim_start_matches(|c: char| !c.is_ascii_digit()))
        .find(|token| token.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_owned)
}

/// Runs of letters, digits and the separators invoice numbers use.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '_')))
        .map(|token| token.trim_matches(|c: char| matches!(c, '-' | '/' | '.' | '_')))
        .filter(|token| !token.is_empty())
        .collect()
}

/// The token up to where letters follow digits (`2026-0143Totaal` →
/// `2026-0143`), or the token itself.
fn glued_word_removed(token: &str) -> &str {
    let mut previous_digit = false;
    for (index, character) in token.char_indices() {
        if previous_digit && character.is_alphabetic() {
            return token.get(..index).unwrap_or(token);
        }
        previous_digit = character.is_ascii_digit();
    }
    token
}

/// A number in comparable form: lower case, separators as `-`.
fn canonical(number: &str) -> String {
    number
        .chars()
        .map(|c| match c {
            '/' | '.' | '_' | ' ' => '-',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// Looks up invoice numbers in texts: a map from canonical form to number.
#[derive(Debug, Clone, Default)]
pub struct Numbers {
    by_canonical: HashMap<String, String>,
}

/// Labels that introduce an invoice's own number in its text.
const LABELS: [&str; 8] = [
    "factuurnummer",
    "factuurnr",
    "factuur nr",
    "invoice number",
    "invoice no",
    "invoice nr",
    "nummer",
    "number",
];

impl Numbers {
    /// Indexes the given invoice numbers.
    pub fn new<'a>(numbers: impl IntoIterator<Item = &'a str>) -> Numbers {
        let mut by_canonical = HashMap::new();
        for number in numbers {
            by_canonical
                .entry(canonical(number))
                .or_insert_with(|| number.to_owned());
        }
        Numbers { by_canonical }
    }

    /// The known invoice numbers in a text, in order of appearance, each
    /// once, with the byte offset of its first appearance.
    pub fn found_in(&self, text: &str) -> Vec<(usize, &str)> {
        let mut found: Vec<(usize, &str)> = Vec::new();
        let base = text.as_ptr() as usize;
        for token in tokens(text) {
            let offset = (token.as_ptr() as usize).saturating_sub(base);
            let without_prefix = token.trim_start_matches(|c: char| !c.is_ascii_digit());
            // Text extraction may glue the next word on: `2026-0143Totaal`.
            let hit = [
                token,
                without_prefix,
                glued_word_removed(token),
                glued_word_removed(without_prefix),
            ]
            .into_iter()
            .filter(|candidate| !candidate.is_empty())
            .find_map(|candidate| self.by_canonical.get(&canonical(candidate)));
            if let Some(number) = hit
                && !found.iter().any(|(_, seen)| *seen == number.as_str())
            {
                found.push((offset, number.as_str()));
            }
        }
        found
    }

    /// The invoice a file name names: exactly one known number in it.
    pub fn in_file_name(&self, file_name: &str) -> Option<&str> {
        let stem = std::path::Path::new(file_name)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or(file_name);
        match self.found_in(stem).as_slice() {
            [(_, only)] => Some(only),
            _ => None,
        }
    }

    /// The invoice a PDF's text is about: the only known number in it, or,
    /// when it names several (a credit note names what it credits), the one
    /// right after an "invoice number" label.
    pub fn in_text<'a>(&'a self, text: &str) -> Result<Option<&'a str>, Vec<&'a str>> {
        let found = self.found_in(text);
        match found.as_slice() {
            [] => Ok(None),
            [(_, only)] => Ok(Some(only)),
            several => {
                let lower = text.to_lowercase();
                let labelled = several.iter().find(|(offset, _)| {
                    let start = offset.saturating_sub(30);
                    let before = lower.get(start..*offset).unwrap_or_default();
                    LABELS.iter().any(|label| before.contains(label))
                });
                match labelled {
                    Some((_, number)) => Ok(Some(number)),
                    None => Err(several.iter().map(|(_, number)| *number).collect()),
                }
            }
        }
    }
}

/// How a PDF links to the invoices the book knows (`numbers`): by the
/// number in its file name, else the one number in its text; unlinked
/// with a warning otherwise.
pub fn link(file_name: &str, bytes: &[u8], numbers: &Numbers) -> Link {
    let mut warnings = Vec::new();
    let (invoice, linked_by) = match numbers.in_file_name(file_name) {
        Some(number) => (Some(number.to_owned()), Some(LinkedBy::FileName)),
        None => match text(bytes) {
            None => {
                warnings.push(format!(
                    "{file_name}: no known invoice number in the file name and no readable text in the PDF; assign it to its invoice by hand"
                ));
                (None, None)
            }
            Some(content) => match numbers.in_text(&content) {
                Ok(Some(number)) => (Some(number.to_owned()), Some(LinkedBy::Text)),
                Ok(None) => {
                    warnings.push(format!(
                        "{file_name}: no known invoice number in the file name or the text; assign it to its invoice by hand"
                    ));
                    (None, None)
                }
                Err(several) => {
                    warnings.push(format!(
                        "{file_name}: the text names several invoices ({}); assign it to its invoice by hand",
                        several.join(", ")
                    ));
                    (None, None)
                }
            },
        },
    };
    Link {
        invoice,
        linked_by,
        warnings,
    }
}

/// Hex SHA-256 of a file's bytes: a stored PDF's identity.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// What [`link`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The invoice number it links to.
    pub invoice: Option<String>,
    /// How.
    pub linked_by: Option<LinkedBy>,
    /// Why it is unlinked.
    pub warnings: Vec<String>,
}

#[cfg(test)]
pub(crate) mod tests;
