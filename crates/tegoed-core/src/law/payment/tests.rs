use super::*;

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

/// Checks one application: (costs, interest, principal, left over).
fn check(payment: &str, owed: (&str, &str, &str), expected: (&str, &str, &str, &str)) {
    let applied = apply(money(payment), money(owed.0), money(owed.1), money(owed.2));
    let actual = (
        applied.to_costs.to_string(),
        applied.to_interest.to_string(),
        applied.to_principal.to_string(),
        applied.left_over.to_string(),
    );
    let expected = (
        expected.0.to_owned(),
        expected.1.to_owned(),
        expected.2.to_owned(),
        expected.3.to_owned(),
    );
    assert_eq!(actual, expected, "{payment} on {owed:?}");
}

#[test]
fn the_example_of_domain_2_5() {
    let principal = money("10000");
    let applied = apply(money("12000"), money("875"), money("1437.77"), principal);
    assert_eq!(applied.to_costs.to_string(), "875.00");
    assert_eq!(applied.to_interest.to_string(), "1437.77");
    assert_eq!(applied.to_principal.to_string(), "9687.23");
    assert_eq!(applied.left_over, Money::ZERO);
    assert_eq!((principal - applied.to_principal).to_string(), "312.77");
}

#[test]
fn costs_first_then_interest_then_principal() {
    check(
        "500",
        ("875", "1437.77", "10000"),
        ("500.00", "0.00", "0.00", "0.00"),
    );
    check(
        "1000",
        ("875", "1437.77", "10000"),
        ("875.00", "125.00", "0.00", "0.00"),
    );
    check(
        "2312.77",
        ("875", "1437.77", "10000"),
        ("875.00", "1437.77", "0.00", "0.00"),
    );
    check(
        "100",
        ("0", "0", "10000"),
        ("0.00", "0.00", "100.00", "0.00"),
    );
}

#[test]
fn an_overpayment_is_left_over() {
    check(
        "12500",
        ("875", "1437.77", "10000"),
        ("875.00", "1437.77", "10000.00", "187.23"),
    );
}

#[test]
fn nothing_and_negative_amounts() {
    check(
        "0",
        ("875", "1437.77", "10000"),
        ("0.00", "0.00", "0.00", "0.00"),
    );
    check(
        "-50",
        ("875", "1437.77", "10000"),
        ("0.00", "0.00", "0.00", "0.00"),
    );
    check("50", ("-10", "0", "100"), ("0.00", "0.00", "50.00", "0.00"));
}
