//! Which open items add up to a payment (`domain.md` §5.2, combined
//! payment): a bounded subset-sum.
//!
//! At most [`MAX_ITEMS`] items are considered (the caller passes them
//! oldest first). The search is meet-in-the-middle: every subset sum of each
//! half (at most 2¹⁰ each) is listed in ascending order by merging (no
//! sort), and the two lists are swept against each other once. The work is
//! therefore fixed — about 2 × 1,024 additions and one linear sweep —
//! whatever the amounts, credit notes (negative amounts) included. Amounts
//! that are whole cents (all of them, in practice) are searched as integer
//! cents; any other amount is searched as exact decimals, with the same
//! result. It reports at most two fits: one fit is an answer, two are an
//! ambiguity a person must settle.

use std::ops::{Add, Sub};

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
    /// At least two subsets add up: the first two in the order of the
    /// positions' masks (left half first, then right half).
    Ambiguous(Vec<usize>, Vec<usize>),
}

/// Every subset sum of the `(amount, bit)` items with its bit mask,
/// ascending by (sum, mask): built item by item (bits ascending), merging
/// the sums without the item with the sums with it (both already in order,
/// as adding the new, highest bit keeps masks in order), so no sort is needed.
fn sorted_sums<T>(items: &[(T, u32)], zero: T) -> Vec<(T, u32)>
where
    T: Copy + Ord + Add<Output = T>,
{
    let size = 1_usize << items.len();
    let mut sums: Vec<(T, u32)> = Vec::with_capacity(size);
    let mut next: Vec<(T, u32)> = Vec::with_capacity(size);
    sums.push((zero, 0));
    for (amount, bit) in items {
        let (amount, bit) = (*amount, *bit);
        next.clear();
        let (mut without, mut with) = (0, 0);
        while let (Some(plain), Some((sum, mask))) = (sums.get(without), sums.get(with)) {
            let added = (*sum + amount, *mask | bit);
            if *plain <= added {
                next.push(*plain);
                without += 1;
            } else {
                next.push(added);
                with += 1;
            }
        }
        next.extend_from_slice(sums.get(without..).unwrap_or_default());
        next.extend(
            sums.get(with..)
                .unwrap_or_default()
                .iter()
                .map(|(sum, mask)| (*sum + amount, *mask | bit)),
        );
        std::mem::swap(&mut sums, &mut next);
    }
    sums
}

fn positions(mask: u64) -> Vec<usize> {
    (0..64).filter(|bit| mask & (1 << bit) != 0).collect()
}

/// The meet-in-the-middle search over any exact number type: the first two
/// non-empty subsets in (left mask, right mask) order that add up to `target`.
fn search<T>(amounts: &[T], zero: T, target: T) -> Fit
where
    T: Copy + Ord + Add<Output = T> + Sub<Output = T>,
{
    // Out of reach of every subset: nothing to search.
    let lowest = amounts
        .iter()
        .filter(|amount| **amount < zero)
        .fold(zero, |sum, amount| sum + *amount);
    let highest = amounts
        .iter()
        .filter(|amount| **amount > zero)
        .fold(zero, |sum, amount| sum + *amount);
    if target < lowest || target > highest {
        return Fit::None;
    }
    // An item can be in a fitting subset only when the others can make up
    // the rest: the others leave out, keeping each half's bit positions (so
    // the order of the fits, and thus the answer, is unchanged).
    let half = amounts.len() / 2;
    let mut left: Vec<(T, u32)> = Vec::with_capacity(half);
    let mut right: Vec<(T, u32)> = Vec::with_capacity(amounts.len() - half);
    for (index, amount) in amounts.iter().enumerate() {
        let (others_lowest, others_highest) = if *amount < zero {
            (lowest - *amount, highest)
        } else {
            (lowest, highest - *amount)
        };
        let rest = target - *amount;
        if rest < others_lowest || rest > others_highest {
            continue;
        }
        if index < half {
            left.push((*amount, 1 << index));
        } else {
            right.push((*amount, 1 << (index - half)));
        }
    }
    let left_sums = sorted_sums(&left, zero);
    let right_sums = sorted_sums(&right, zero);
    let shift = half;
    // The two smallest (left mask, right mask) pairs that fit.
    let mut best: Vec<(u32, u32)> = Vec::with_capacity(12);
    let mut low = 0;
    let mut high = right_sums.len();
    while low < left_sums.len() && high > 0 {
        let Some((left_sum, _)) = left_sums.get(low).copied() else {
            break;
        };
        let Some((right_sum, _)) = right_sums.get(high - 1).copied() else {
            break;
        };
        let sum = left_sum + right_sum;
        if sum < target {
            low += 1;
        } else if sum > target {
            high -= 1;
        } else {
            // Two groups of equal sums: within each, masks ascend.
            let left_end = left_sums.get(low..).map_or(low, |rest| {
                low + rest.iter().take_while(|(sum, _)| *sum == left_sum).count()
            });
            let mut right_start = high - 1;
            while right_start > 0
                && right_sums
                    .get(right_start - 1)
                    .is_some_and(|(sum, _)| *sum == right_sum)
            {
                right_start -= 1;
            }
            // The first two valid pairs of the group lie among its first
            // three masks on either side (only the empty pair is invalid).
            let lefts = left_sums.get(low..left_end).unwrap_or_default();
            let rights = right_sums.get(right_start..high).unwrap_or_default();
            for (_, left_mask) in lefts.iter().take(3) {
                for (_, right_mask) in rights.iter().take(3) {
                    if *left_mask != 0 || *right_mask != 0 {
                        best.push((*left_mask, *right_mask));
                    }
                }
            }
            best.sort_unstable();
            best.truncate(2);
            low = left_end;
            high = right_start;
        }
    }
    let mask = |(left_mask, right_mask): (u32, u32)| {
        u64::from(left_mask) | (u64::from(right_mask) << shift)
    };
    match best.as_slice() {
        [] => Fit::None,
        [only] => Fit::Unique(positions(mask(*only))),
        [first, second, ..] => Fit::Ambiguous(positions(mask(*first)), positions(mask(*second))),
    }
}

/// Integer cents bound under which 20 amounts and a target cannot overflow.
const CENTS_LIMIT: i64 = 1 << 56;

/// The exact amount in whole cents, when it is one and well within range.
fn exact_cents(amount: Money) -> Option<i64> {
    let decimal = amount.decimal();
    let mantissa = decimal.mantissa();
    let scale = decimal.scale();
    let cents = if scale <= 2 {
        mantissa.checked_mul(10_i128.checked_pow(2 - scale)?)?
    } else {
        let divisor = 10_i128.checked_pow(scale - 2)?;
        if mantissa % divisor != 0 {
            return None;
        }
        mantissa / divisor
    };
    i64::try_from(cents)
        .ok()
        .filter(|cents| cents.unsigned_abs() < CENTS_LIMIT.unsigned_abs())
}

/// Finds the non-empty subsets of the first [`MAX_ITEMS`] amounts that add
/// up to `target`, reporting at most two.
pub fn subsets(amounts: &[Money], target: Money) -> Fit {
    let amounts = amounts
        .get(..amounts.len().min(MAX_ITEMS))
        .unwrap_or(amounts);
    let cents: Option<Vec<i64>> = amounts.iter().map(|amount| exact_cents(*amount)).collect();
    match (cents, exact_cents(target)) {
        (Some(cents), Some(target)) => search(&cents, 0, target),
        _ => search(amounts, Money::ZERO, target),
    }
}

#[cfg(test)]
mod tests;
