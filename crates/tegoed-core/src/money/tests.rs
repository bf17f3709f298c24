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
