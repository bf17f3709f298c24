//! The letter font, DejaVu Sans Book and Bold, embedded in the binary and
//! parsed once per process; text widths from the fonts' advance widths.
//!
//! DejaVu covers `€` and every Dutch diacritic. Widths of the first 0x250
//! code points (Latin and Latin Extended) plus `€` are kept in a table so
//! that wrapping a paragraph costs no font look-ups. The licence is
//! `assets/fonts/LICENSE-DejaVu.txt`.

use std::sync::LazyLock;

use printpdf::ParsedFont;

use super::LetterError;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Code points below this have a precomputed width.
const TABLE_SIZE: usize = 0x250;

/// One face with its width table.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    widths: Vec<f32>,
    euro: f32,
    units_per_em: f32,
}

/// The two faces a letter uses.
pub(crate) struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

static FONTS: LazyLock<Result<Fonts, String>> = LazyLock::new(|| {
    Ok(Fonts {
        regular: Face::load("DejaVuSans.ttf", REGULAR_TTF)?,
        bold: Face::load("DejaVuSans-Bold.ttf", BOLD_TTF)?,
    })
});

/// The fonts, parsed on first use.
///
/// # Errors
/// [`LetterError::Font`] when an embedded font cannot be parsed (a broken build).
pub(crate) fn fonts() -> Result<&'static Fonts, LetterError> {
    FONTS
        .as_ref()
        .map_err(|message| LetterError::Font(message.clone()))
}

impl Face {
    fn load(name: &str, bytes: &[u8]) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("{name}: the embedded font cannot be parsed ({warnings:?})"))?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let advance = |c: char| -> f32 {
            parsed
                .lookup_glyph_index(u32::from(c))
                .map(|glyph| f32::from(parsed.get_horizontal_advance(glyph)))
                .unwrap_or(0.0)
        };
        let widths = (0..TABLE_SIZE as u32)
            .map(|code| char::from_u32(code).map(advance).unwrap_or(0.0))
            .collect();
        let euro = advance('€');
        Ok(Face {
            widths,
            euro,
            units_per_em,
            parsed,
        })
    }

    /// The advance width of one character in font units.
    fn advance(&self, c: char) -> f32 {
        let code = c as usize;
        if code < TABLE_SIZE {
            return self.widths[code];
        }
        if c == '€' {
            return self.euro;
        }
        self.parsed
            .lookup_glyph_index(c as u32)
            .map(|glyph| f32::from(self.parsed.get_horizontal_advance(glyph)))
            .unwrap_or(self.units_per_em * 0.6)
    }

    /// The width of `text` at `size` points, in millimetres.
    pub(crate) fn width_mm(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text.chars().map(|c| self.advance(c)).sum();
        units / self.units_per_em * size * MM_PER_PT
    }

    /// Breaks `text` into lines no wider than `width` mm at `size` points,
    /// at spaces; a single word wider than the line is broken by characters.
    pub(crate) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let space = self.width_mm(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in glue_currency(text) {
            let word = word.as_str();
            let word_width = self.width_mm(word, size);
            if !line.is_empty() && line_width + space + word_width > width {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            if line.is_empty() && word_width > width {
                for piece in self.break_word(word, size, width) {
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line_width = self.width_mm(&piece, size);
                    line = piece;
                }
                continue;
            }
            if !line.is_empty() {
                line.push(' ');
                line_width += space;
            }
            line.push_str(word);
            line_width += word_width;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Breaks `text` at spaces only (for table headings); a word wider than
    /// the line stays whole.
    pub(crate) fn wrap_words(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for word in text.split(' ').filter(|word| !word.is_empty()) {
            match lines.last_mut() {
                Some(line) if self.width_mm(&format!("{line} {word}"), size) <= width => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
        lines
    }

    fn break_word(&self, word: &str, size: f32, width: f32) -> Vec<String> {
        let mut pieces = Vec::new();
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if self.width_mm(&piece, size) > width && piece.chars().count() > 1 {
                piece.pop();
                pieces.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        pieces.push(piece);
        pieces
    }
}

/// The words of `text`, with a currency sign kept on the amount after it
/// (`€ 90,75` never breaks between `€` and `90,75`).
fn glue_currency(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut glue_next = false;
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        match words.last_mut() {
            Some(last) if glue_next => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
        glue_next = word == "€" || word == "-€";
    }
    words
}

/// Millimetres per PostScript point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;
