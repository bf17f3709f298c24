use super::*;
use rust_decimal_macros::dec;

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

/// Checks the costs (no VAT) on `principal`.
fn check(principal: &str, expected: &str) {
    let computed = collection_costs(money(principal), &VatOnCosts::default());
    assert_eq!(computed.costs.to_string(), expected, "costs on {principal}");
    assert_eq!(computed.vat, Money::ZERO, "VAT on {principal}");
    assert_eq!(computed.principal, money(principal));
}

#[test]
fn the_table_of_domain_2_2() {
    check("250", "40.00");
    check("1000", "150.00");
    check("3000", "425.00");
    check("10000", "875.00");
    check("12000", "895.00");
    check("1000000", "6775.00");
    check("2000000", "6775.00");
}

#[test]
fn the_minimum_up_to_266_67() {
    check("0.01", "40.00");
    check("266.66", "40.00");
    // 15 % of 266.67 is 40.0005: rounds to 40.00.
    check("266.67", "40.00");
    check("266.70", "40.01");
    check("266.73", "40.01");
}

#[test]
fn every_bracket_edge() {
    check("2500", "375.00");
    check("2500.01", "375.00");
    check("2510", "376.00");
    check("5000", "625.00");
    check("5000.01", "625.00");
    check("5020", "626.00");
    check("10000", "875.00");
    check("10000.01", "875.00");
    check("10100", "876.00");
    check("200000", "2775.00");
    check("200000.01", "2775.00");
    check("200200", "2776.00");
    check("999999.99", "6775.00");
}

#[test]
fn rounding_is_half_up() {
    // 375 + 10 % of 0.05 = 375.005: up to 375.01; 375.004 stays 375.00.
    check("2500.05", "375.01");
    check("2500.04", "375.00");
}

#[test]
fn no_costs_on_nothing() {
    check("0", "0.00");
    check("-100", "0.00");
}

#[test]
fn vat_only_for_a_third_party_the_creditor_cannot_deduct() {
    let charged = VatOnCosts {
        creditor_can_deduct_vat: false,
        handed_to_third_party: true,
        ..VatOnCosts::default()
    };
    let on_10000 = collection_costs(money("10000"), &charged);
    assert_eq!(on_10000.costs.to_string(), "875.00");
    assert_eq!(on_10000.vat.to_string(), "183.75");
    assert_eq!(on_10000.total().to_string(), "1058.75");
    let on_250 = collection_costs(money("250"), &charged);
    assert_eq!(on_250.vat.to_string(), "8.40");
    assert_eq!(on_250.total().to_string(), "48.40");

    let own_collection = VatOnCosts {
        creditor_can_deduct_vat: false,
        handed_to_third_party: false,
        ..VatOnCosts::default()
    };
    assert_eq!(
        collection_costs(money("10000"), &own_collection).vat,
        Money::ZERO
    );
    let deducts = VatOnCosts {
        creditor_can_deduct_vat: true,
        handed_to_third_party: true,
        ..VatOnCosts::default()
    };
    assert_eq!(collection_costs(money("10000"), &deducts).vat, Money::ZERO);

    let other_rate = VatOnCosts {
        rate_percent: dec!(9),
        ..charged
    };
    assert_eq!(
        collection_costs(money("10000"), &other_rate)
            .vat
            .to_string(),
        "78.75"
    );
}

#[test]
fn the_defaults() {
    let defaults = VatOnCosts::default();
    assert!(defaults.creditor_can_deduct_vat);
    assert!(!defaults.handed_to_third_party);
    assert_eq!(defaults.rate_percent, dec!(21));
}

#[test]
fn one_letter_sums_the_principals() {
    let summed: Money = ["100", "150", "200"].into_iter().map(money).sum();
    let costs = collection_costs(summed, &VatOnCosts::default());
    assert_eq!(costs.costs.to_string(), "67.50");
}

#[test]
fn a_partial_payment_recomputes_on_the_remainder() {
    let before = collection_costs(money("3000"), &VatOnCosts::default());
    assert_eq!(before.costs.to_string(), "425.00");
    let after = collection_costs(money("3000") - money("1000"), &VatOnCosts::default());
    assert_eq!(after.costs.to_string(), "300.00");
}
