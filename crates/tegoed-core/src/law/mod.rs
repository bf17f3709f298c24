//! Dutch law as pure arithmetic (`domain.md` §2): working days and holidays
//! ([`calendar`]), statutory collection costs ([`costs`], WIK/BIK), statutory
//! interest ([`interest`], art. 6:119 and 6:119a BW) and the order in which a
//! payment settles costs, interest and principal ([`payment`], art. 6:44 BW).
//!
//! Nothing here reads a file, the book or the clock: every date is a
//! parameter, and the interest rates are data compiled in from
//! `law/rates.csv`. Deciding *whether* costs or interest may be claimed (a
//! valid 14-day letter, default) is the dunning engine's work, not this
//! module's.

pub mod calendar;
pub mod costs;
pub mod interest;
pub mod payment;

use chrono::NaiveDate;

/// Why a legal computation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LawError {
    /// No statutory interest rate is known for a date (it lies before the
    /// first row of the rate table).
    #[error(
        "no statutory interest rate is known for {date}: the rate table (law/rates.csv) starts \
         later; expected a date on or after its first row"
    )]
    NoRate {
        /// The first day that needed a rate.
        date: NaiveDate,
    },
    /// The compiled-in rate table is malformed.
    #[error("law/rates.csv line {line}: {message}")]
    RateTable {
        /// The 1-based line of `rates.csv`.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
}

impl crate::fault::Classify for LawError {
    /// A date outside the rate table is the person's; a malformed
    /// compiled-in table is ours.
    fn fault(&self) -> crate::fault::Fault {
        match self {
            LawError::NoRate { .. } => crate::fault::Fault::Input,
            LawError::RateTable { .. } => crate::fault::Fault::Internal,
        }
    }
}
