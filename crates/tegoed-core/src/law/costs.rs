//! Statutory collection costs: the WIK/BIK scale (Besluit vergoeding voor
//! buitengerechtelijke incassokosten, Stb. 2012, 141; `domain.md` §2.2) and
//! when VAT comes on top.
//!
//! The costs are computed on the principal only (never on interest or
//! earlier costs). One letter covering several claims uses their *summed*
//! principal (art. 6:96 lid 7 BW); a partial payment within the 14 days means
//! recomputing on the remainder. Summing and recomputing are the caller's:
//! this module only knows the scale. Whether costs may be claimed at all (a
//! valid 14-day letter for consumers) is the dunning engine's question.

use rust_decimal::Decimal;

use crate::money::Money;

/// The scale's brackets: (width of the bracket in euros, rate in per mille);
/// the last bracket has no upper end.
const BRACKETS: [(Option<i64>, i64); 5] = [
    (Some(2_500), 150),
    (Some(2_500), 100),
    (Some(5_000), 50),
    (Some(190_000), 10),
    (None, 5),
];

/// The minimum costs, due on any claim above zero (art. 6:96 lid 4 BW for B2B).
const MINIMUM: i64 = 40;
/// The maximum costs, reached at a principal of €1,000,000.
const MAXIMUM: i64 = 6_775;

/// The VAT settings that decide whether VAT comes on top of the costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatOnCosts {
    /// The creditor can deduct the VAT a third party charges it (a
    /// VAT-registered business): then no VAT is charged on. Default true.
    pub creditor_can_deduct_vat: bool,
    /// A third party that charges VAT (agency, bailiff, lawyer) was hired.
    /// Default false: the business collects its own claims.
    pub handed_to_third_party: bool,
    /// The VAT rate in percent, e.g. 21. Default 21 (the general rate,
    /// `[VERIFY]` in `domain.md`).
    pub rate_percent: Decimal,
}

impl Default for VatOnCosts {
    fn default() -> VatOnCosts {
        VatOnCosts {
            creditor_can_deduct_vat: true,
            handed_to_third_party: false,
            rate_percent: Decimal::from(21),
        }
    }
}

/// The statutory collection costs on one principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollectionCosts {
    /// The principal the costs were computed on.
    pub principal: Money,
    /// The costs excluding VAT, in cents.
    pub costs: Money,
    /// The VAT on the costs; zero unless [`VatOnCosts`] says it is due.
    pub vat: Money,
}

impl CollectionCosts {
    /// Costs plus VAT: what a letter claims.
    pub fn total(&self) -> Money {
        self.costs + self.vat
    }
}

/// The WIK/BIK collection costs on `principal`: 15 % of the first €2,500,
/// 10 % of the next €2,500, 5 % of the next €5,000, 1 % of the next
/// €190,000 and 0.5 % above €200,000; at least €40 and at most €6,775,
/// rounded half up to the cent. A principal of zero or less has no costs.
///
/// VAT is added only when the claim was handed to a third party *and* the
/// creditor cannot deduct that party's VAT; then it is the rate on the
/// costs, also on the €40 minimum, rounded half up.
pub fn collection_costs(principal: Money, vat: &VatOnCosts) -> CollectionCosts {
    if !principal.is_positive() {
        return CollectionCosts {
            principal,
            costs: Money::ZERO,
            vat: Money::ZERO,
        };
    }
    let costs = Money::new(
        scale(principal.decimal()).clamp(Decimal::from(MINIMUM), Decimal::from(MAXIMUM)),
    );
    let vat_due = vat.handed_to_third_party && !vat.creditor_can_deduct_vat;
    let vat_amount = if vat_due {
        Money::new(costs.decimal() * vat.rate_percent / Decimal::ONE_HUNDRED)
    } else {
        Money::ZERO
    };
    CollectionCosts {
        principal,
        costs,
        vat: vat_amount,
    }
}

/// The unrounded, unclamped scale amount on a positive principal.
fn scale(principal: Decimal) -> Decimal {
    let mut rest = principal;
    let mut total = Decimal::ZERO;
    for (width, per_mille) in BRACKETS {
        if rest <= Decimal::ZERO {
            break;
        }
        let in_bracket = match width {
            Some(width) => rest.min(Decimal::from(width)),
            None => rest,
        };
        total += in_bracket * Decimal::new(per_mille, 3);
        rest -= in_bracket;
    }
    total
}

#[cfg(test)]
mod tests;
