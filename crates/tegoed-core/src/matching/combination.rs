//! Which open items add up to a payment (`domain.md` §5.2, combined
//! payment): a bounded subset-sum.
//!
//! At most [`MAX_ITEMS`] items are considered (the caller passes them
//! oldest first). The search is meet-in-the-middle: every subset sum of each
//! half (at most 2¹⁰ each) is listed, one half sorted, and each sum of the
//! other half looked up by binary search. The work is therefore fixed —
//! about 2 × 1,024 additions and 1,024 look-ups — whatever the amounts,
//! credit notes (negative amounts) included. It stops at two fits: one
//! fit is an answer, two are an ambiguity a person must settle.

use crate::money::Money;

/// The most items a subset search considers.
pub const MAX_ITEMS: usize = 20;

/// The subsets of the items that add up to the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fit {
    /// No subset adds up.
    None,
    /// Exactly one subset adds up: the positions of its items, ascending.
    Unique(Vec<usize>),
    /// At least two subsets add up: the first two found.
    Ambiguous(Vec<usize>, Vec<usize>),
}

/// Every subset sum of `amounts` with its bit mask, in mask order.
fn sums(amounts: &[Money]) -> Vec<(Money, u32)> {
    let count = 1_u32 << amounts.len();
    let mut sums: Vec<(Money, u32)> = Vec::with_capacity(count as usize);
    sums.push((Money::ZERO, 0));
    for mask in 1..count {
        let lowest = mask.trailing_zeros() as usize;
        let rest = mask & (mask - 1);
        let base = sums.get(rest as usize).map_or(Money::ZERO, |(sum, _)| *sum);
        let amount = amounts.get(lowest).copied().unwrap_or(Money::ZERO);
        sums.push((base + amount, mask));
    }
    sums
}

fn positions(mask: u64) -> Vec<usize> {
    (0..64).filter(|bit| mask & (1 << bit) != 0).collect()
}

/// Finds the non-empty subsets of the first [`MAX_ITEMS`] amounts that add
/// up to `target`, stopping at two.
pub fn subsets(amounts: &[Money], target: Money) -> Fit {
    let amounts = amounts
        .get(..amounts.len().min(MAX_ITEMS))
        .unwrap_or(amounts);
    let (left, right) = amounts.split_at(amounts.len() / 2);
    let left_sums = sums(left);
    let mut right_sums = sums(right);
    right_sums.sort_unstable();
    let shift = left.len();
    let mut found: Vec<u64> = Vec::with_capacity(2);
    for (left_sum, left_mask) in &left_sums {
        let wanted = target - *left_sum;
        let start = right_sums.partition_point(|(sum, _)| *sum < wanted);
        for (sum, right_mask) in right_sums.iter().skip(start) {
            if *sum != wanted {
                break;
            }
            let mask = u64::from(*left_mask) | (u64::from(*right_mask) << shift);
            if mask != 0 {
                found.push(mask);
                if found.len() == 2 {
                    break;
                }
            }
        }
        if found.len() == 2 {
            break;
        }
    }
    match found.as_slice() {
        [] => Fit::None,
        [only] => Fit::Unique(positions(*only)),
        [first, second, ..] => Fit::Ambiguous(positions(*first), positions(*second)),
    }
}

#[cfg(test)]
mod tests;
