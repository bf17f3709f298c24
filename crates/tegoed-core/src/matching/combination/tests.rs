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

/// The search as it was first written (every left sum, in mask order,
/// looked up by binary search in the sorted right sums): the fast search
/// must give exactly the same answers.
fn reference(amounts: &[Money], target: Money) -> Fit {
    fn all_sums(amounts: &[Money]) -> Vec<(Money, u32)> {
        let count = 1_u32 << amounts.len();
        let mut sums: Vec<(Money, u32)> = vec![(Money::ZERO, 0)];
        for mask in 1..count {
            let lowest = mask.trailing_zeros() as usize;
            let rest = mask & (mask - 1);
            let base = sums[rest as usize].0;
            sums.push((base + amounts[lowest], mask));
        }
        sums
    }
    let amounts = &amounts[..amounts.len().min(MAX_ITEMS)];
    let (left, right) = amounts.split_at(amounts.len() / 2);
    let left_sums = all_sums(left);
    let mut right_sums = all_sums(right);
    right_sums.sort_unstable();
    let shift = left.len();
    let mut found: Vec<u64> = Vec::new();
    'outer: for (left_sum, left_mask) in &left_sums {
        let wanted = target - *left_sum;
        let start = right_sums.partition_point(|(sum, _)| *sum < wanted);
        for (sum, right_mask) in &right_sums[start..] {
            if *sum != wanted {
                break;
            }
            let mask = u64::from(*left_mask) | (u64::from(*right_mask) << shift);
            if mask != 0 {
                found.push(mask);
                if found.len() == 2 {
                    break 'outer;
                }
            }
        }
    }
    match found.as_slice() {
        [] => Fit::None,
        [only] => Fit::Unique(positions(*only)),
        [first, second, ..] => Fit::Ambiguous(positions(*first), positions(*second)),
    }
}

#[test]
fn the_fast_search_answers_as_the_reference_does() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    for round in 0..6_000 {
        let count = next(24) as usize;
        // Few distinct values make many equal sums (ambiguities, zero sums).
        let spread = [3, 20, 100_000][round % 3];
        let fractional = round % 7 == 0;
        let amounts: Vec<Money> = (0..count)
            .map(|_| {
                let offset = if round % 5 == 0 { 0 } else { spread as i64 / 5 };
                let cents = next(spread) as i64 - offset;
                if fractional && next(4) == 0 {
                    money(&format!("{}.005", cents))
                } else {
                    Money::from_cents(cents * 100 / 7)
                }
            })
            .collect();
        let target = match next(4) {
            0 => Money::ZERO,
            1 => Money::from_cents(next(spread * 3) as i64),
            _ => {
                // A real subset's sum.
                amounts.iter().filter(|_| next(2) == 0).copied().sum()
            }
        };
        assert_eq!(
            subsets(&amounts, target),
            reference(&amounts, target),
            "{amounts:?} → {target}"
        );
    }
}
