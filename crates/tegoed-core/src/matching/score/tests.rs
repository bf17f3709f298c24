use super::*;

fn check(evidence: Evidence, adjustments: &[Adjustment], holds: &[Hold], expected: (u16, bool)) {
    let (confidence, auto) = score(evidence, adjustments, holds, Confidence::from_permille(900));
    assert_eq!(
        (confidence.permille(), auto),
        expected,
        "{evidence:?} {adjustments:?} {holds:?}"
    );
}

#[test]
fn the_table() {
    check(Evidence::ReferenceExact, &[], &[], (990, true));
    check(Evidence::ReferencePartial, &[], &[], (950, true));
    check(Evidence::NumbersExact, &[], &[], (950, true));
    check(Evidence::KnownIbanSingleExact, &[], &[], (900, true));
    check(Evidence::KnownIbanSubset, &[], &[], (800, false));
    check(Evidence::AmountDiffers, &[], &[], (750, false));
    check(Evidence::NameUniqueAmount, &[], &[], (700, false));
    check(Evidence::KnownIbanOnly, &[], &[], (600, false));
    check(Evidence::AmountOnlyUnique, &[], &[], (400, false));
    check(Evidence::Reversal, &[], &[], (950, false));
}

#[test]
fn adjustments_and_holds() {
    check(
        Evidence::NumbersExact,
        &[Adjustment::IbanAgrees],
        &[],
        (970, true),
    );
    check(
        Evidence::ReferenceExact,
        &[Adjustment::IbanAgrees],
        &[],
        (990, true),
    );
    check(
        Evidence::NumbersExact,
        &[Adjustment::IbanDisagrees],
        &[],
        (750, false),
    );
    check(
        Evidence::ReferenceExact,
        &[Adjustment::BeforeInvoiceDate],
        &[],
        (690, false),
    );
    check(
        Evidence::AmountOnlyUnique,
        &[Adjustment::BeforeInvoiceDate, Adjustment::SeveralCustomers],
        &[],
        (0, false),
    );
    check(
        Evidence::ReferenceExact,
        &[],
        &[Hold::Ambiguous],
        (990, false),
    );
    check(
        Evidence::ReferenceExact,
        &[],
        &[Hold::Disputed],
        (990, false),
    );
    check(
        Evidence::NumbersExact,
        &[],
        &[Hold::ForeignCurrency],
        (950, false),
    );
    check(
        Evidence::NumbersExact,
        &[],
        &[Hold::PersonDecided],
        (950, false),
    );
}

#[test]
fn confidence_prints_as_a_fraction() {
    assert_eq!(Confidence::from_permille(950).to_string(), "0.95");
    assert_eq!(Confidence::from_permille(1000).to_string(), "1");
    assert_eq!(Confidence::from_permille(5).to_string(), "0.005");
    assert_eq!(Confidence::from_permille(2000), Confidence::CERTAIN);
}
