use super::*;

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

fn check(amounts: &[&str], target: &str, expected: Fit) {
    let amounts: Vec<Money> = amounts.iter().map(|amount| money(amount)).collect();
    assert_eq!(
        subsets(&amounts, money(target)),
        expected,
        "{amounts:?} → {target}"
    );
}

#[test]
fn one_fit_is_unique() {
    check(
        &["100.00", "250.00", "75.50"],
        "175.50",
        Fit::Unique(vec![0, 2]),
    );
    check(&["100.00"], "100.00", Fit::Unique(vec![0]));
    check(
        &["100.00", "250.00", "75.50"],
        "425.50",
        Fit::Unique(vec![0, 1, 2]),
    );
}

#[test]
fn no_fit() {
    check(&["100.00", "250.00"], "175.00", Fit::None);
    check(&[], "1.00", Fit::None);
    check(&["100.00"], "0.00", Fit::None);
}

#[test]
fn the_domain_guide_example_is_ambiguous() {
    // 0040 €1,210.00, 0042 €605.00, 0047 €484.00, credit note C003 −€121.00:
    // €1,694.00 is both {0040, 0047} and {0040, 0042, C003}.
    let fit = subsets(
        &[
            money("1210.00"),
            money("605.00"),
            money("484.00"),
            money("-121.00"),
        ],
        money("1694.00"),
    );
    let Fit::Ambiguous(first, second) = fit else {
        panic!("expected two fits, got {fit:?}");
    };
    let mut both = [first, second];
    both.sort();
    assert_eq!(both, [vec![0, 1, 3], vec![0, 2]]);
}

#[test]
fn equal_amounts_are_ambiguous() {
    assert!(matches!(
        subsets(&[money("50.00"), money("50.00")], money("50.00")),
        Fit::Ambiguous(..)
    ));
}

#[test]
fn only_the_first_twenty_items_are_searched() {
    let mut amounts = vec![money("1000.00"); MAX_ITEMS];
    amounts.push(money("0.01"));
    assert_eq!(subsets(&amounts, money("0.01")), Fit::None);
    let distinct: Vec<Money> = (0..MAX_ITEMS as i64)
        .map(|index| Money::from_cents(1 << index))
        .collect();
    let target = Money::from_cents((1 << 19) + (1 << 3));
    assert_eq!(subsets(&distinct, target), Fit::Unique(vec![3, 19]));
}
