use super::*;

/// Renders mentions compactly: `2026-142` year and sequence, `#20260142`
/// all digits, `~42` a bare sequence; `c:` a credit note; `(j)`/`(s)` the
/// joined and split readings of a wrapped number.
fn render(mention: &Mention) -> String {
    let keys: Vec<String> = mention
        .keys
        .iter()
        .map(|key| match key {
            Key::YearSequence(year, sequence) => format!("{year}-{sequence}"),
            Key::Digits(value) => format!("#{value}"),
            Key::Sequence(sequence) => format!("~{sequence}"),
        })
        .collect();
    let credit = if mention.credit { "c:" } else { "" };
    let reading = match mention.reading {
        Reading::Only => "",
        Reading::Joined => "(j)",
        Reading::Split => "(s)",
    };
    format!("{credit}{}{reading}", keys.join("|"))
}

fn check(text: &str, expected: &[&str]) {
    let found: Vec<String> = mentions(text).iter().map(render).collect();
    assert_eq!(found, expected, "{text:?}");
}

#[test]
fn year_and_sequence_in_many_forms() {
    check("Factuur 2026-0142", &["2026-142|#20260142"]);
    check("2026/0142", &["2026-142|#20260142"]);
    check("2026/142", &["2026-142|#2026142"]);
    check("INV 2026 0142", &["2026-142|#20260142"]);
    check("INV-2026-0142", &["2026-142|#20260142"]);
    check("F2026.0142", &["2026-142|#20260142"]);
    check("f2026-0142", &["2026-142|#20260142"]);
}

#[test]
fn long_numbers_and_keyword_sequences() {
    check("factuurnr. 20260142", &["#20260142"]);
    check("betaling 20260142 dank", &["#20260142"]);
    check("fact 142", &["~142"]);
    check("nr 42", &["~42"]);
    check("#142", &["~142"]);
    check("F12345", &["#12345|~12345"]);
}

#[test]
fn bare_short_numbers_are_not_invoice_numbers() {
    check("betaling 142", &[]);
    check("3 stuks", &[]);
}

#[test]
fn lists_and_ranges() {
    check("fact 40 en 42", &["~40", "~42"]);
    check("facturen 40/42/47", &["~40", "~42", "~47"]);
    check("fact 40 t/m 42", &["~40", "~41", "~42"]);
    check(
        "Factuur 2026-0040 en 2026-0042",
        &["2026-40|#20260040", "2026-42|#20260042"],
    );
    check(
        "2026-0040/0042",
        &["2026-40|#20260040", "2026-42|#20260042"],
    );
    check("fact 40 en 42 minus creditnota 3", &["~40", "~42", "c:~3"]);
    check("C003", &["c:~3"]);
}

#[test]
fn a_line_wrap_inside_a_number_is_read_joined_first() {
    check(
        "Factuur 2026-01 42",
        &["2026-142|#20260142(j)", "2026-1|#202601(s)"],
    );
    check(
        "factuurnr 202601 42",
        &["#20260142(j)", "#202601|~202601(s)"],
    );
}

#[test]
fn dates_amounts_postcodes_phones_and_ibans_are_skipped() {
    check("betaald op 15-03-2026", &[]);
    check("Factuur 2025-0010 15-03-2026", &["2025-10|#20250010"]);
    check("2026-03-15 factuur", &[]);
    check("EUR 1.694,00", &[]);
    check("bedrag 1694,00", &[]);
    check("3511 AB Utrecht", &[]);
    check("bel 0612345678", &[]);
    check("030-1234567", &[]);
    check("van NL91ABNA0417164300", &[]);
    check("E2E-REF 12345678", &["#12345678"]);
    check("e2e 2026", &[]);
}

#[test]
fn invoice_numbers_of_the_ledger_have_the_same_keys() {
    let keys = keys_of_invoice_number("2026-0142");
    assert_eq!(
        keys,
        vec![
            Key::YearSequence(2026, 142),
            Key::Digits(2_026_142),
            Key::Digits(20_260_142),
            Key::Sequence(142)
        ]
    );
    assert_eq!(
        keys_of_invoice_number("C003"),
        vec![Key::Digits(3), Key::Sequence(3)]
    );
    assert_eq!(prefix_of("F2026-0142"), "f");
    assert_eq!(prefix_of("2026-0142"), "");
    let mut index = NumberIndex::default();
    index.insert("2026-0142", 7);
    assert_eq!(index.get(Key::YearSequence(2026, 142)), &[7]);
    assert_eq!(index.get(Key::Sequence(142)), &[7]);
    assert!(index.get(Key::Sequence(143)).is_empty());
}
