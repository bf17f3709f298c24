//! What a file's bytes are, told from its first bytes before any reader
//! opens them (ground layer): the one sniffing by which `intake` sends a
//! file to its reader and the ledger reader opens a workbook.

/// The first bytes of a zip archive (xlsx, ods).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file (xls, and encrypted xlsx).
const CFB_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// The stream an encrypted Office Open XML file keeps its package in, UTF-16LE.
const ENCRYPTED_PACKAGE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

/// A spreadsheet package format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spreadsheet {
    /// Office Open XML (Excel 2007 and later); any zip that is not ODS.
    Xlsx,
    /// Legacy Excel (an OLE compound file).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

/// What the bytes of a file look like, before reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Nothing at all.
    Empty,
    /// A workbook in one of the spreadsheet formats.
    Workbook(Spreadsheet),
    /// An encrypted (password-protected) Office file.
    Encrypted,
    /// XML text, perhaps an e-invoice.
    Xml,
    /// A PDF document.
    Pdf,
    /// Other text, read as CSV.
    Text,
    /// Binary data that is none of the above.
    Binary,
}

/// Tells the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    if bytes.starts_with(ZIP_MAGIC) {
        let head = bytes.get(..200).unwrap_or(bytes);
        let is_ods = find(
            head,
            b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
        );
        return Sniffed::Workbook(if is_ods {
            Spreadsheet::Ods
        } else {
            Spreadsheet::Xlsx
        });
    }
    if bytes.starts_with(CFB_MAGIC) {
        if find(bytes, ENCRYPTED_PACKAGE) {
            return Sniffed::Encrypted;
        }
        return Sniffed::Workbook(Spreadsheet::Xls);
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    if find(head, b"%PDF-") {
        return Sniffed::Pdf;
    }
    let text_start = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start();
    if text_start.starts_with(b"<") {
        return Sniffed::Xml;
    }
    let binary = head
        .iter()
        .filter(|&&byte| byte < 0x09 || (0x0E..0x20).contains(&byte))
        .count();
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    if binary > head.len() / 20 && !utf16 {
        return Sniffed::Binary;
    }
    Sniffed::Text
}

/// True when `needle` occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::{Sniffed, Spreadsheet, sniff};

    #[test]
    fn sniffing_tells_formats_apart_by_content() {
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(
            sniff(b"PK\x03\x04rest"),
            Sniffed::Workbook(Spreadsheet::Xlsx)
        );
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
            Sniffed::Workbook(Spreadsheet::Xls)
        );
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><Invoice/>"), Sniffed::Xml);
        assert_eq!(sniff(b"Factuur;Bedrag\n1;2\n"), Sniffed::Text);
        assert_eq!(sniff(&[0u8, 1, 2, 3, 4, 5, 6, 7]), Sniffed::Binary);
    }
}
