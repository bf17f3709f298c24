//! The first rows of a CSV bank file as a grid of cells, for the screen
//! where a person maps the columns of a layout no preset knows.

use super::mapping::sniff_delimiter;
use crate::statement::encoding;

/// A CSV file's first rows, split into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The delimiter found (`;`, `,` or tab).
    pub delimiter: u8,
    /// The shape its mapping is saved under (see [`super::shape`]).
    pub shape: String,
    /// The first rows, each cell trimmed.
    pub rows: Vec<Vec<String>>,
}

/// Reads up to `max_rows` rows of a CSV file, whatever its encoding.
pub fn grid(bytes: &[u8], max_rows: usize) -> Grid {
    let (text, _) = encoding::decode(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let first = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    let delimiter = sniff_delimiter(first);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows = reader
        .records()
        .map_while(Result::ok)
        .take(max_rows)
        .map(|record| record.iter().map(|cell| cell.trim().to_owned()).collect())
        .collect();
    Grid {
        delimiter,
        shape: super::shape(text),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_first_rows() {
        let found = grid(
            b"Datum;Bedrag;Omschrijving\n02-11-2026;12,50;koffie\n03-11-2026;-1,00;x\n",
            2,
        );
        assert_eq!(found.delimiter, b';');
        assert_eq!(
            found.rows,
            vec![
                vec!["Datum", "Bedrag", "Omschrijving"],
                vec!["02-11-2026", "12,50", "koffie"]
            ]
        );
        assert_eq!(found.shape, ";|datum|bedrag|omschrijving");
    }
}
