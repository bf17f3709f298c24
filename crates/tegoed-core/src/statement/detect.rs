//! Which format a file is, from its content (never its extension): camt XML,
//! MT940 tags, or bank CSV columns. Pictures, archives, MT942 interim reports
//! and other text are refused here with a message saying what they are.

use super::StatementError;

/// How much of the file detection looks at.
const PREFIX: usize = 64 * 1024;

/// A format family the content belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// SWIFT MT940.
    Mt940,
    /// ISO 20022 camt XML.
    Camt,
    /// Delimited text.
    Csv,
}

/// Detects the format family of a decoded file.
///
/// # Errors
/// [`StatementError::Empty`] for a file with nothing but white space, and
/// [`StatementError::NotAStatement`] for anything that is not a bank
/// statement, saying what it seems to be.
pub fn detect(file_name: &str, bytes: &[u8], text: &str) -> Result<Detected, StatementError> {
    let not = |found: &str| StatementError::NotAStatement {
        file: file_name.to_owned(),
        found: found.to_owned(),
    };
    let prefix = head(text, PREFIX);
    let trimmed = prefix.trim_start_matches(|c: char| c.is_whitespace() || is_swift_control(c));
    if trimmed.is_empty() {
        return Err(StatementError::Empty {
            file: file_name.to_owned(),
        });
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(not(kind));
    }
    if has_controls(trimmed) {
        return Err(not("binary data, not text"));
    }
    refuse_nul(file_name, text)?;
    if trimmed.starts_with('<') {
        if prefix.contains("camt.05") || prefix.contains("BkToCstmr") {
            return Ok(Detected::Camt);
        }
        return Err(not("XML that is not an ISO 20022 camt.052/053/054 message"));
    }
    let mut mt_tags = 0;
    let mut mt942 = false;
    for line in trimmed.lines().take(400) {
        let line = line.trim_start_matches(|c: char| is_swift_control(c) || c == '{');
        if let Some(tag) = mt_tag(line) {
            mt_tags += 1;
            if matches!(tag, "34F" | "13D" | "90D" | "90C") {
                mt942 = true;
            }
        } else if line.starts_with("1:") && line.contains("{2:") && line.contains("942") {
            mt942 = true;
        }
    }
    if mt942 {
        return Err(not(
            "an MT942 interim transaction report; import the MT940 end-of-day statement instead",
        ));
    }
    if mt_tags >= 2 || trimmed.starts_with(":940:") {
        return Ok(Detected::Mt940);
    }
    // Belfius puts a query block of `label;value` lines above its header.
    if looks_delimited(trimmed) || super::csv::has_known_header(prefix) {
        return Ok(Detected::Csv);
    }
    Err(not("text without MT940 tags, camt XML or CSV columns"))
}

/// Refuses text that holds a NUL byte anywhere: no bank writes one in a
/// text file, and a reader that skipped it would import what a damaged or
/// crafted file hides behind it.
///
/// # Errors
/// [`StatementError::Invalid`] at the line of the first NUL byte.
pub(crate) fn refuse_nul(file_name: &str, text: &str) -> Result<(), StatementError> {
    let Some(at) = text.find('\0') else {
        return Ok(());
    };
    let line = text
        .get(..at)
        .unwrap_or_default()
        .bytes()
        .filter(|&byte| byte == b'\n')
        .count()
        + 1;
    Err(StatementError::invalid(
        file_name,
        super::Location::Line(line),
        "the file holds a NUL byte, which a bank's text file never does; it is damaged or not a bank export, so nothing was read: download it again",
    ))
}

/// The tag of an MT940 line such as `:61:…` (`61`), or `None`.
pub(crate) fn mt_tag(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let tag = rest.get(..end)?;
    let bytes = tag.as_bytes();
    let well_formed = match bytes {
        [b'N', b'S'] => true,
        [a, b] => a.is_ascii_digit() && b.is_ascii_digit(),
        [a, b, c] => a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_uppercase(),
        _ => false,
    };
    well_formed.then_some(tag)
}

/// SOH, ETX and Ctrl-Z: SWIFT and DOS framing bytes some banks leave in files.
pub(crate) fn is_swift_control(c: char) -> bool {
    matches!(c, '\u{1}' | '\u{3}' | '\u{1a}' | '\u{feff}')
}

/// The first `limit` bytes of a text, cut at a character boundary.
fn head(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or(text)
}

/// What a binary file is, from its first bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let signatures: [(&[u8], &str); 7] = [
        (
            b"PK\x03\x04",
            "a ZIP archive; unpack it and import the files inside",
        ),
        (b"\x89PNG", "a PNG picture"),
        (b"\xff\xd8\xff", "a JPEG picture"),
        (b"GIF8", "a GIF picture"),
        (
            b"%PDF",
            "a PDF document; download the statement as MT940, camt.053 or CSV",
        ),
        (b"II*\x00", "a TIFF picture"),
        (b"MM\x00*", "a TIFF picture"),
    ];
    signatures
        .iter()
        .find(|(signature, _)| bytes.starts_with(signature))
        .map(|(_, kind)| *kind)
}

/// True when more than one character in a hundred is a control character
/// that text files do not hold.
fn has_controls(text: &str) -> bool {
    let mut n_chars = 0_usize;
    let mut n_controls = 0_usize;
    for c in text.chars().take(8192) {
        n_chars += 1;
        let control = (c < ' ' && !matches!(c, '\t' | '\r' | '\n') && !is_swift_control(c))
            || c == '\u{fffd}'
            || ('\u{80}'..='\u{9f}').contains(&c);
        if control {
            n_controls += 1;
        }
    }
    n_controls * 100 > n_chars
}

/// True when the first lines split into three or more fields on `;`, `,`
/// or tab.
fn looks_delimited(text: &str) -> bool {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .take(3)
        .any(|line| {
            [';', ',', '\t']
                .iter()
                .any(|delimiter| line.matches(*delimiter).count() >= 2)
        })
}
