//! The limits every XML file is held to, bank statement or e-invoice: no
//! document type declaration (a DTD can define entities that expand a few
//! kilobytes into gigabytes, or name other files to fetch), and a bounded
//! nesting depth (a real camt message nests about 15 deep).
//!
//! [`super::camt`] applies them while it streams, at no extra cost;
//! [`check`] is a separate pass for readers that do not (the UBL reader,
//! through [`crate::intake`]). Neither ever expands an entity other than
//! the five XML defines.

use quick_xml::events::Event;

/// The deepest nesting of elements accepted.
pub const MAX_DEPTH: usize = 64;

/// Why a document with a DTD is refused, for messages.
pub const DTD_REFUSED: &str = "the XML declares a document type (<!DOCTYPE …>); bank files and e-invoices never carry one, and Tegoed does not read it (it can expand entities into gigabytes or fetch other files), so nothing was read";

/// Why a document nested too deep is refused, for messages.
pub fn too_deep() -> String {
    format!(
        "the XML nests elements more than {MAX_DEPTH} deep; a real bank file or e-invoice nests about 15 deep, so this is not one and nothing was read"
    )
}

/// A document that breaks a limit: the 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The line the offending markup starts on.
    pub line: usize,
    /// What is wrong, in a sentence.
    pub problem: String,
}

/// Checks a whole document against the limits in one pass that keeps
/// nothing. Broken XML passes: the reader that follows says where.
///
/// # Errors
/// [`Refused`] for a DTD or nesting beyond [`MAX_DEPTH`].
pub fn check(bytes: &[u8]) -> Result<(), Refused> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut depth = 0_usize;
    loop {
        let offset = reader.buffer_position();
        let line = || line_at(bytes, offset);
        match reader.read_event() {
            Ok(Event::DocType(_)) => {
                return Err(Refused {
                    line: line(),
                    problem: DTD_REFUSED.to_owned(),
                });
            }
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Refused {
                        line: line(),
                        problem: too_deep(),
                    });
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// The 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    bytes
        .get(..end)
        .unwrap_or_default()
        .iter()
        .filter(|&&byte| byte == b'\n')
        .count()
        + 1
}
