//! The one place where evidence becomes confidence (`domain.md` §5.4).
//!
//! The engine names the strongest [`Evidence`] it found for a proposal; the
//! table below turns it into a base confidence and says whether it may be
//! booked without a person. [`Adjustment`]s for corroborating or
//! conflicting signals are added here too, so that every number that decides
//! a booking is in this file.

use std::fmt;

/// Confidence in thousandths, 0..=1000: exact, comparable, stored as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Confidence(u16);

impl Confidence {
    /// Certainty: 1000 permille.
    pub const CERTAIN: Confidence = Confidence(1000);

    /// A confidence from permille, capped at 1000.
    pub fn from_permille(permille: u16) -> Confidence {
        Confidence(permille.min(1000))
    }

    /// The confidence in permille.
    pub fn permille(self) -> u16 {
        self.0
    }

    /// The confidence as a fraction for display and wire formats (not for
    /// deciding anything).
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl fmt::Display for Confidence {
    /// `0.95`: three decimals at most, trailing zeros dropped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{}.{:03}", self.0 / 1000, self.0 % 1000);
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        f.pad(trimmed)
    }
}

/// The strongest evidence behind a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Evidence {
    /// A valid reference we issued, amount equal to what is open.
    ReferenceExact,
    /// A valid reference we issued, less paid than is open (partial payment).
    ReferencePartial,
    /// Invoice numbers in the remittance, and the amount equals their open total.
    NumbersExact,
    /// Invoice numbers, amount short of their total by no more than the bank-cost tolerance.
    NumbersWithinTolerance,
    /// One invoice number, less paid than is open, and the payer's IBAN or
    /// name belongs to that invoice's customer.
    NumberPartialConfirmed,
    /// Known IBAN, and exactly one open item of that customer has exactly this amount.
    KnownIbanSingleExact,
    /// Known IBAN, amount equal to an instalment of a payment plan due near the payment date.
    KnownIbanInstalment,
    /// Known IBAN, one item within the bank-cost tolerance.
    KnownIbanWithinTolerance,
    /// Known IBAN, amount equal to exactly one subset of the customer's open items.
    KnownIbanSubset,
    /// A part of the named invoices adds up to the amount.
    NamedSubset,
    /// The named invoices and others of the same customer add up to the
    /// amount, and no other set of that customer's open invoices containing
    /// every named one does; the reference or the payer's IBAN or name
    /// confirms the customer.
    NamedWithOthers,
    /// A valid reference we issued, more paid than is open: the invoice is
    /// settled and the surplus kept as the customer's credit.
    ReferenceOverpaid,
    /// Invoice numbers, more paid than their open total, and the payer's
    /// IBAN or name belongs to their customer: settled, the surplus kept as
    /// the customer's credit.
    NumbersOverpaid,
    /// A reference or number was found but the amount differs (partial, over, unclear).
    AmountDiffers,
    /// Counterparty name like one customer's, and the amount is unique among their items.
    NameUniqueAmount,
    /// Only the IBAN is known: applied to the customer's oldest items.
    KnownIbanOnly,
    /// Only the amount: unique across all open items.
    AmountOnlyUnique,
    /// A return or chargeback of an earlier customer payment.
    Reversal,
    /// Money paid back to a customer against a credit note.
    Refund,
}

/// One row of the confidence table.
struct Row {
    evidence: Evidence,
    permille: u16,
    auto: bool,
}

/// The confidence table (`domain.md` §5.4, extended with the rows the
/// issue adds). `auto` means "may be booked when at or above the threshold".
const TABLE: [Row; 19] = [
    Row {
        evidence: Evidence::ReferenceExact,
        permille: 990,
        auto: true,
    },
    Row {
        evidence: Evidence::ReferencePartial,
        permille: 950,
        auto: true,
    },
    Row {
        evidence: Evidence::NumbersExact,
        permille: 950,
        auto: true,
    },
    Row {
        evidence: Evidence::NumbersWithinTolerance,
        permille: 920,
        auto: true,
    },
    Row {
        evidence: Evidence::NumberPartialConfirmed,
        permille: 900,
        auto: true,
    },
    Row {
        evidence: Evidence::KnownIbanSingleExact,
        permille: 900,
        auto: true,
    },
    Row {
        evidence: Evidence::KnownIbanInstalment,
        permille: 900,
        auto: true,
    },
    Row {
        evidence: Evidence::KnownIbanWithinTolerance,
        permille: 850,
        auto: false,
    },
    Row {
        evidence: Evidence::KnownIbanSubset,
        permille: 800,
        auto: false,
    },
    Row {
        evidence: Evidence::NamedSubset,
        permille: 800,
        auto: false,
    },
    Row {
        evidence: Evidence::NamedWithOthers,
        permille: 920,
        auto: true,
    },
    Row {
        evidence: Evidence::ReferenceOverpaid,
        permille: 950,
        auto: true,
    },
    Row {
        evidence: Evidence::NumbersOverpaid,
        permille: 900,
        auto: true,
    },
    Row {
        evidence: Evidence::AmountDiffers,
        permille: 750,
        auto: false,
    },
    Row {
        evidence: Evidence::NameUniqueAmount,
        permille: 700,
        auto: false,
    },
    Row {
        evidence: Evidence::KnownIbanOnly,
        permille: 600,
        auto: false,
    },
    Row {
        evidence: Evidence::AmountOnlyUnique,
        permille: 400,
        auto: false,
    },
    // Debits are never booked automatically (§5.4).
    Row {
        evidence: Evidence::Reversal,
        permille: 950,
        auto: false,
    },
    Row {
        evidence: Evidence::Refund,
        permille: 800,
        auto: false,
    },
];

/// A corroborating or conflicting signal on top of the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Adjustment {
    /// The payer's IBAN is known for the same customer.
    IbanAgrees,
    /// The payer's name is like the same customer's.
    NameAgrees,
    /// The payer's IBAN is known for another customer.
    IbanDisagrees,
    /// Paid before the invoice date.
    BeforeInvoiceDate,
    /// The items belong to more than one customer.
    SeveralCustomers,
}

/// What an adjustment adds, in permille.
fn delta(adjustment: Adjustment) -> i32 {
    match adjustment {
        Adjustment::IbanAgrees => 20,
        Adjustment::NameAgrees => 10,
        Adjustment::IbanDisagrees => -200,
        Adjustment::BeforeInvoiceDate => -300,
        Adjustment::SeveralCustomers => -150,
    }
}

/// Reasons a proposal is never booked automatically, whatever its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hold {
    /// More than one reading fits equally well.
    Ambiguous,
    /// A disputed invoice is involved.
    Disputed,
    /// Paid in another currency than the invoice's.
    ForeignCurrency,
    /// A person already decided on this transaction.
    PersonDecided,
}

/// The confidence and whether a proposal may be booked without a person.
pub fn score(
    evidence: Evidence,
    adjustments: &[Adjustment],
    holds: &[Hold],
    threshold: Confidence,
) -> (Confidence, bool) {
    let row = TABLE.iter().find(|row| row.evidence == evidence);
    let (base, auto_allowed) = row.map_or((0, false), |row| (row.permille, row.auto));
    let adjusted = adjustments
        .iter()
        .fold(i32::from(base), |total, adjustment| {
            total + delta(*adjustment)
        });
    // Corroboration never lifts a score above 0.99: certainty is for people.
    let permille = u16::try_from(adjusted.clamp(0, 990)).unwrap_or(0);
    let confidence = Confidence::from_permille(permille);
    let auto = auto_allowed && holds.is_empty() && confidence >= threshold;
    (confidence, auto)
}

#[cfg(test)]
mod tests;
