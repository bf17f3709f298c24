//! Dunning stages in ladder order, with the codes of the CLI contract: the
//! vocabulary the book, receivables, dunning and letters share.

use std::fmt;
use std::str::FromStr;

/// A step on the ladder. The order of the variants is the order of the
/// ladder, so `max` gives the furthest stage reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Stage {
    /// Nothing done yet.
    #[default]
    None,
    /// First, friendly reminder (*betalingsherinnering*) with a new term.
    Reminder1,
    /// The prepared phone call.
    Call,
    /// Second, firm reminder; for consumers also the *ingebrekestelling*.
    Reminder2,
    /// The formal demand (*aanmaning*; for consumers the *veertiendagenbrief*).
    Demand,
    /// Handed over to a collection agency (*incassobureau*).
    Agency,
}

/// A stage code that is not on the ladder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a dunning stage (expected none, reminder_1, call, reminder_2, demand or agency)"
)]
pub struct UnknownStage(pub String);

impl Stage {
    /// Every stage in ladder order.
    pub const ALL: [Stage; 6] = [
        Stage::None,
        Stage::Reminder1,
        Stage::Call,
        Stage::Reminder2,
        Stage::Demand,
        Stage::Agency,
    ];

    /// The contract's code for the stage, e.g. `reminder_1`.
    pub fn code(self) -> &'static str {
        match self {
            Stage::None => "none",
            Stage::Reminder1 => "reminder_1",
            Stage::Call => "call",
            Stage::Reminder2 => "reminder_2",
            Stage::Demand => "demand",
            Stage::Agency => "agency",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Stage {
    type Err = UnknownStage;

    fn from_str(code: &str) -> Result<Stage, UnknownStage> {
        Stage::ALL
            .into_iter()
            .find(|stage| stage.code() == code)
            .ok_or_else(|| UnknownStage(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_in_ladder_order() {
        for window in Stage::ALL.windows(2) {
            assert!(window[0] < window[1]);
        }
        for stage in Stage::ALL {
            assert_eq!(stage.code().parse::<Stage>(), Ok(stage));
        }
        assert!("reminder_3".parse::<Stage>().is_err());
    }
}
