//! Money: an exact decimal amount in euros (or another currency's units).
//!
//! `Money` wraps [`rust_decimal::Decimal`]. Integer cents exist only where the
//! book stores amounts; everywhere else amounts are `Money`. There is one
//! rounding rule, half up to the cent, as `domain.md` prescribes.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

mod written;

pub use written::{AmountError, DecimalMark};

/// An exact amount of money, kept to the cent after [`Money::round`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// A text that is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an amount (expected digits with at most one decimal point, e.g. 1234.50)")]
pub struct ParseMoneyError(pub String);

/// Cents that do not fit the book's integer column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("amount {0} is too large to store")]
pub struct MoneyOverflow(pub Money);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Wraps a decimal as money, rounding half up to the cent.
    pub fn new(amount: Decimal) -> Money {
        Money(amount).round()
    }

    /// Money from integer cents, as the book stores it.
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// Integer cents for the book, after rounding half up.
    ///
    /// # Errors
    /// When the amount does not fit in an `i64` of cents.
    pub fn to_cents(self) -> Result<i64, MoneyOverflow> {
        let scaled = self.round().0 * Decimal::ONE_HUNDRED;
        i64::try_from(scaled).map_err(|_| MoneyOverflow(self))
    }

    /// Rounds half up (away from zero at .5) to the cent: the one rounding rule.
    pub fn round(self) -> Money {
        Money(
            self.0
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// The underlying decimal.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// True when the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// True when the amount is above zero.
    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    /// True when the amount is exactly zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl fmt::Display for Money {
    /// Formats with a dot and exactly two decimals, e.g. `-1234.50`: the
    /// contract's wire form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rounded = self.round().0;
        rounded.rescale(2);
        if rounded.is_zero() {
            rounded.set_sign_positive(true);
        }
        f.pad(&rounded.to_string())
    }
}

impl FromStr for Money {
    type Err = ParseMoneyError;

    /// Parses a plain decimal with a dot (`1234.5`, `-0.01`); the format
    /// parsers handle commas and thousands separators before calling this.
    fn from_str(text: &str) -> Result<Money, ParseMoneyError> {
        let trimmed = text.trim();
        let well_formed = !trimmed.is_empty()
            && trimmed
                .trim_start_matches(['-', '+'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.');
        if !well_formed {
            return Err(ParseMoneyError(text.to_owned()));
        }
        Decimal::from_str(trimmed)
            .map(Money::new)
            .map_err(|_| ParseMoneyError(text.to_owned()))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        self.0 += other.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, other: Money) {
        self.0 -= other.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(amounts: I) -> Money {
        amounts.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests;
