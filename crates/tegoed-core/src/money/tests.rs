use super::*;
use rust_decimal_macros::dec;

fn check(input: &str, expected: &str) {
    let money: Money = input.parse().unwrap();
    assert_eq!(money.to_string(), expected, "input {input}");
}

#[test]
fn formats_with_two_decimals() {
    check("0", "0.00");
    check("1234.5", "1234.50");
    check("-1234.5", "-1234.50");
    check("-0.00", "0.00");
    check("+7", "7.00");
}

#[test]
fn rounds_half_up_to_the_cent() {
    check("0.005", "0.01");
    check("0.004", "0.00");
    check("-0.005", "-0.01");
    check("37.495", "37.50");
}

#[test]
fn rejects_text_that_is_not_an_amount() {
    for bad in ["", "12,30", "1.2.3x", "€5", "abc", "1e5"] {
        assert!(bad.parse::<Money>().is_err(), "{bad} should not parse");
    }
}

#[test]
fn cents_round_trip() {
    let money = Money::new(dec!(-1234.56));
    assert_eq!(money.to_cents().unwrap(), -123_456);
    assert_eq!(Money::from_cents(-123_456), money);
}

#[test]
fn sums_exactly() {
    let total: Money = ["0.10", "0.20", "0.30"]
        .iter()
        .map(|text| text.parse::<Money>().unwrap())
        .sum();
    assert_eq!(total.to_string(), "0.60");
}

fn written(input: &str, mark: Option<DecimalMark>) -> Result<String, AmountError> {
    Money::parse_written_with(input, mark).map(|money| money.to_string())
}

fn check_written(input: &str, mark: Option<DecimalMark>, expected: &str) {
    assert_eq!(
        written(input, mark).as_deref(),
        Ok(expected),
        "{input:?} with {mark:?}"
    );
}

fn check_refused(input: &str, mark: Option<DecimalMark>) {
    assert!(
        written(input, mark).is_err(),
        "{input:?} with {mark:?} must be refused, got {:?}",
        written(input, mark)
    );
}

#[test]
fn written_amounts_with_a_known_mark() {
    let comma = Some(DecimalMark::Comma);
    let dot = Some(DecimalMark::Dot);
    check_written("1.234,56", comma, "1234.56");
    check_written("1,234.50", dot, "1234.50");
    check_written("-12,5", comma, "-12.50");
    check_written("12,-", comma, "12.00");
    check_written("12.-", dot, "12.00");
    check_written("12,--", comma, "12.00");
    check_written("-12,-", comma, "-12.00");
    check_written("€ 1.234,56", comma, "1234.56");
    check_written("€1.234,56", comma, "1234.56");
    check_written("$1,234.50", dot, "1234.50");
    check_written("+12,30", comma, "12.30");
    check_written("121,00-", comma, "-121.00");
    check_written("(121,00)", comma, "-121.00");
    check_written("− 7,25", comma, "-7.25");
    check_written("EUR 605", comma, "605.00");
    check_written("605,00 EUR", comma, "605.00");
    check_written("1 234,56", comma, "1234.56");
    check_written("1'234.56", dot, "1234.56");
    check_written("1.234", comma, "1234.00");
    check_written("500,", comma, "500.00");
    check_written(",50", comma, "0.50");
    check_written("18.150", dot, "18.15");
    check_written("5442.09000", dot, "5442.09");
    check_written("-7.000,97", comma, "-7000.97");
    check_written("0,00", comma, "0.00");
}

#[test]
fn written_amounts_with_the_mark_guessed() {
    check_written("1.234,56", None, "1234.56");
    check_written("1,234.50", None, "1234.50");
    check_written("-12,5", None, "-12.50");
    check_written("12.-", None, "12.00");
    check_written("12,-", None, "12.00");
    check_written("€ 1.234,56", None, "1234.56");
    check_written("$1,234.50", None, "1234.50");
    check_written("+12,30", None, "12.30");
    check_written("12,30-", None, "-12.30");
    check_written("1,234", None, "1234.00");
    check_written("1.234", None, "1234.00");
    check_written("0,500", None, "0.50");
    check_written("1,234,567", None, "1234567.00");
    check_written("1.234.567,89", None, "1234567.89");
    check_written("1234", None, "1234.00");
}

#[test]
fn malformed_written_amounts_are_refused() {
    for mark in [None, Some(DecimalMark::Comma), Some(DecimalMark::Dot)] {
        for bad in [
            "12,3,4",
            "1.23.4,5",
            "12,345,6",
            "1,234.5.6",
            "",
            "-",
            "€",
            "abc",
            "12,x0",
            "1e5",
            "--12",
            "-12-",
            "+-5",
            "12 ,50",
            "1 234.567,00",
            "12,50,",
        ] {
            check_refused(bad, mark);
        }
    }
    // With a known mark, the other separator after it is refused.
    check_refused("1,234.56", Some(DecimalMark::Comma));
    check_refused("1.234,56", Some(DecimalMark::Dot));
    check_refused("1234.56", Some(DecimalMark::Comma));
    // Less than a cent.
    check_refused("12,345", Some(DecimalMark::Comma));
    check_refused("12.3456", None);
    check_refused("12.-", Some(DecimalMark::Comma));
}

#[test]
fn amount_errors_say_what_is_wrong() {
    let error = Money::parse_written("12,3,4", DecimalMark::Comma).unwrap_err();
    assert!(matches!(error, AmountError::Malformed { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "'12,3,4' is not an amount: it has more than one decimal mark (expected e.g. 1.234,56 or 1,234.56)"
    );
    let error = Money::parse_written_guessing("12,3,4").unwrap_err();
    assert_eq!(
        error.to_string(),
        "'12,3,4' is not an amount: thousands separators must split the digits in groups of three (expected e.g. 1.234,56 or 1,234.56)"
    );
    assert!(matches!(
        Money::parse_written("12x", DecimalMark::Comma),
        Err(AmountError::Character { character: 'x', .. })
    ));
}

#[test]
fn decimal_mark_guessed_from_a_column() {
    assert_eq!(
        DecimalMark::guess(["1.234", "12,50"]),
        Some(DecimalMark::Comma)
    );
    assert_eq!(DecimalMark::guess(["1,234", "0.5"]), Some(DecimalMark::Dot));
    assert_eq!(DecimalMark::guess(["1.234,56"]), Some(DecimalMark::Comma));
    assert_eq!(DecimalMark::guess(["1.234", "1,234"]), None);
}
