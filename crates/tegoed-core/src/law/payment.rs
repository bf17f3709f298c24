//! Applying a payment within one claim (art. 6:44 BW, `domain.md` §2.5):
//! first to costs, then to interest due, then to the principal.
//!
//! This order holds only once costs or interest were *claimed* (from the
//! demand on); before that a payment simply reduces the principal, which is
//! the caller's to decide. Spreading a payment across several claims
//! (art. 6:43 BW) is not done here.

use crate::money::Money;

/// How one payment settles a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// The part that pays collection costs.
    pub to_costs: Money,
    /// The part that pays interest due.
    pub to_interest: Money,
    /// The part that pays the principal.
    pub to_principal: Money,
    /// The part of the payment beyond costs, interest and principal: an
    /// overpayment to refund or place elsewhere.
    pub left_over: Money,
}

/// Applies `payment` to `costs`, then `interest`, then `principal` (art. 6:44
/// BW). Each part is at most what is owed; negative amounts count as zero.
/// What stays open is `principal - to_principal` (and likewise for costs and
/// interest).
pub fn apply(payment: Money, costs: Money, interest: Money, principal: Money) -> Applied {
    let mut rest = payment.max(Money::ZERO);
    let mut take = |owed: Money| {
        let part = rest.min(owed.max(Money::ZERO));
        rest -= part;
        part
    };
    let to_costs = take(costs);
    let to_interest = take(interest);
    let to_principal = take(principal);
    Applied {
        to_costs,
        to_interest,
        to_principal,
        left_over: rest,
    }
}

#[cfg(test)]
mod tests;
