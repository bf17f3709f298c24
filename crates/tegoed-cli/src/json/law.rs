//! `costs --json` and `interest --json`.

use serde::Serialize;
use tegoed_core::law::costs::CollectionCosts;
use tegoed_core::law::interest::{Interest, InterestPeriod};

/// `costs --json`: `{"principal", "costs", "vat"}`.
#[derive(Debug, Serialize)]
pub struct Costs {
    pub principal: String,
    pub costs: String,
    pub vat: String,
}

impl From<&CollectionCosts> for Costs {
    fn from(costs: &CollectionCosts) -> Costs {
        Costs {
            principal: costs.principal.to_string(),
            costs: costs.costs.to_string(),
            vat: costs.vat.to_string(),
        }
    }
}

/// `interest --json`: `{"principal", "interest", "periods"}`.
#[derive(Debug, Serialize)]
pub struct InterestJson {
    pub principal: String,
    pub interest: String,
    /// `commercial` (art. 6:119a BW) or `consumer` (art. 6:119 BW).
    pub kind: &'static str,
    pub periods: Vec<PeriodJson>,
}

/// One period in `interest --json`; `base` and `days` go beyond the contract.
#[derive(Debug, Serialize)]
pub struct PeriodJson {
    pub from: String,
    pub to: String,
    /// The yearly rate in percent with two decimals, e.g. `"12.50"`.
    pub rate: String,
    pub interest: String,
    pub base: String,
    pub days: i64,
}

impl InterestJson {
    /// The JSON of one computation of `kind` (`commercial` or `consumer`).
    pub fn new(interest: &Interest, kind: &'static str) -> InterestJson {
        InterestJson {
            principal: interest.principal.to_string(),
            interest: interest.interest.to_string(),
            kind,
            periods: interest.periods.iter().map(PeriodJson::from).collect(),
        }
    }
}

impl From<&InterestPeriod> for PeriodJson {
    fn from(period: &InterestPeriod) -> PeriodJson {
        PeriodJson {
            from: period.from.to_string(),
            to: period.to.to_string(),
            rate: format!("{:.2}", period.rate),
            interest: period.interest.to_string(),
            base: period.base.to_string(),
            days: period.days,
        }
    }
}
