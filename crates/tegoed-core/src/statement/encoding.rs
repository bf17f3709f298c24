//! Character encodings of bank files: a byte order mark wins, then valid
//! UTF-8, then a guess among the single-byte encodings (chardetng, biased to
//! Dutch text, so Windows-1252 unless the bytes clearly say otherwise).
//!
//! ISO-8859-1 files decode as Windows-1252, its superset for every printable
//! character (the WHATWG rule `encoding_rs` follows), so names such as
//! "Chloë Daniëls" and "Zoë’s" never turn into mojibake. Valid UTF-8 is
//! borrowed, not copied. Code page 852 and other DOS code pages are not in
//! `encoding_rs`; such files are read with the closest guess.

use std::borrow::Cow;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Encoding {
    /// The WHATWG name in lower case: `utf-8`, `windows-1252`, `utf-16le`, ….
    pub name: &'static str,
    /// True when the file started with a byte order mark.
    pub bom: bool,
}

impl Encoding {
    /// UTF-8 without a byte order mark.
    pub const UTF_8: Encoding = Encoding {
        name: "utf-8",
        bom: false,
    };

    /// The contract's code: the name, e.g. `utf-8` or `windows-1252`.
    pub fn code(&self) -> &'static str {
        self.name
    }
}

/// Decodes a file's bytes into text and says which encoding it was.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some((found, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom_length..).unwrap_or_default();
        let (text, _) = found.decode_without_bom_handling(body);
        return (text, encoding(found, true));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), Encoding::UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(Some(b"nl"), chardetng::Utf8Detection::Deny);
    let (text, _) = guessed.decode_without_bom_handling(bytes);
    (text, encoding(guessed, false))
}

fn encoding(found: &'static encoding_rs::Encoding, bom: bool) -> Encoding {
    let name = match found.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1252" => "windows-1252",
        "windows-1250" => "windows-1250",
        "windows-1251" => "windows-1251",
        "ISO-8859-2" => "iso-8859-2",
        "ISO-8859-15" => "iso-8859-15",
        "IBM866" => "ibm866",
        _ => "other",
    };
    Encoding { name, bom }
}
