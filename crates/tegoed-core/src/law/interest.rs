//! Statutory interest (`domain.md` §2.4): *handelsrente* for commercial
//! claims (art. 6:119a BW) and *wettelijke rente* for consumers and other
//! non-commercial claims (art. 6:119 BW).
//!
//! Interest runs from the day after the due date up to and including the
//! payment day. Within each interest year it is simple; after each full year
//! that year's interest joins the base (art. 6:119 lid 2, 6:119a lid 3). A
//! period is split at every rate change and every anniversary, counted in
//! actual days over 365 (Tegoed's convention, printed on statements), and each
//! period is rounded half up to the cent.
//!
//! The rates are data: `rates.csv` beside this file, compiled in and parsed
//! on first use, one row per half-year with the rate in force from that date
//! (the last row stays in force). This module does not decide from when a
//! consumer is in default, nor apply contractual rates; payments during the
//! period are the caller's (split the computation at each payment).

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::LawError;
use crate::money::Money;

/// The rate table as shipped: `from,consumer,commercial`, percentages.
const RATES_CSV: &str = include_str!("rates.csv");

/// Which statutory rate applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InterestKind {
    /// *Handelsrente*, art. 6:119a BW: claims between businesses. The default.
    #[default]
    Commercial,
    /// *Wettelijke rente*, art. 6:119 BW: consumers and non-commercial claims.
    Consumer,
}

/// One row of the rate table: the rates in force from `from` until the next
/// row's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateRow {
    /// The first day these rates apply.
    pub from: NaiveDate,
    /// The art. 6:119 rate in percent.
    pub consumer: Decimal,
    /// The art. 6:119a rate in percent.
    pub commercial: Decimal,
}

impl RateRow {
    /// The rate of `kind` in this row, in percent.
    pub fn rate(&self, kind: InterestKind) -> Decimal {
        match kind {
            InterestKind::Commercial => self.commercial,
            InterestKind::Consumer => self.consumer,
        }
    }
}

/// One stretch of days with the same base and rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestPeriod {
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day of the period (inclusive).
    pub to: NaiveDate,
    /// The amount interest is computed on: the principal plus the interest
    /// of completed interest years.
    pub base: Money,
    /// The yearly rate in percent, e.g. `12.50`.
    pub rate: Decimal,
    /// The number of days, `from` and `to` included.
    pub days: i64,
    /// `base × rate × days / 365`, rounded half up to the cent.
    pub interest: Money,
}

/// Statutory interest on a principal over a stretch of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interest {
    /// The principal interest was computed on.
    pub principal: Money,
    /// The sum of the periods' interest.
    pub interest: Money,
    /// The periods in date order; empty when no interest ran.
    pub periods: Vec<InterestPeriod>,
}

/// The statutory interest on `principal`, due on `due` and paid (or counted
/// up to) on `to`: from the day after `due` up to and including `to`, at the
/// rate of `kind` in force on each day, compounded on each anniversary of the
/// first interest day (a first day of 29 February has its anniversaries on
/// 1 March). `to` on or before `due`, or a principal of zero or less, gives
/// no interest and no periods.
///
/// # Errors
/// [`LawError::NoRate`] when a day lies before the rate table's first row,
/// [`LawError::RateTable`] when the compiled-in table is malformed.
pub fn statutory_interest(
    principal: Money,
    due: NaiveDate,
    to: NaiveDate,
    kind: InterestKind,
) -> Result<Interest, LawError> {
    let mut interest = Interest {
        principal,
        interest: Money::ZERO,
        periods: Vec::new(),
    };
    let Some(first_day) = due
        .succ_opt()
        .filter(|_| to > due && principal.is_positive())
    else {
        return Ok(interest);
    };
    let table = rates()?;
    let end = to.succ_opt().unwrap_or(NaiveDate::MAX);
    let mut base = principal;
    let mut year_interest = Money::ZERO;
    let mut n_years: u32 = 1;
    let mut anniversary = anniversary_of(first_day, n_years);
    let mut start = first_day;
    while start < end {
        let row_index = row_in_force(table, start).ok_or(LawError::NoRate { date: start })?;
        let row = table
            .get(row_index)
            .ok_or(LawError::NoRate { date: start })?;
        let next_change = table.get(row_index + 1).map(|next| next.from);
        let stop = [Some(end), anniversary, next_change]
            .into_iter()
            .flatten()
            .filter(|stop| *stop > start)
            .min()
            .unwrap_or(end);
        let days = (stop - start).num_days();
        let rate = row.rate(kind);
        let amount =
            Money::new(base.decimal() * rate * Decimal::from(days) / Decimal::from(100 * 365));
        let last_day = stop.pred_opt().unwrap_or(stop);
        interest.periods.push(InterestPeriod {
            from: start,
            to: last_day,
            base,
            rate,
            days,
            interest: amount,
        });
        interest.interest += amount;
        year_interest += amount;
        start = stop;
        if Some(stop) == anniversary {
            base += year_interest;
            year_interest = Money::ZERO;
            n_years += 1;
            anniversary = anniversary_of(first_day, n_years);
        }
    }
    Ok(interest)
}

/// The statutory rate of `kind` in force on `date`, in percent; `None`
/// before the table's first row (or when the table is malformed, which a
/// test rules out).
pub fn rate_on(date: NaiveDate, kind: InterestKind) -> Option<Decimal> {
    let table = rates().ok()?;
    let row = table.get(row_in_force(table, date)?)?;
    Some(row.rate(kind))
}

/// The rate table, parsed once from `rates.csv`.
///
/// # Errors
/// [`LawError::RateTable`] when the table is malformed: a row that is not
/// `YYYY-MM-DD,percent,percent`, or rows out of date order.
pub fn rates() -> Result<&'static [RateRow], LawError> {
    static TABLE: OnceLock<Result<Vec<RateRow>, LawError>> = OnceLock::new();
    match TABLE.get_or_init(|| parse_rates(RATES_CSV)) {
        Ok(rows) => Ok(rows),
        Err(error) => Err(error.clone()),
    }
}

/// Parses a rate table: a `from,consumer,commercial` header, then one row
/// per date in strictly increasing order. Blank lines and lines starting
/// with `#` are skipped.
fn parse_rates(text: &str) -> Result<Vec<RateRow>, LawError> {
    let mut rows: Vec<RateRow> = Vec::new();
    let mut saw_header = false;
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let malformed = |message: String| LawError::RateTable {
            line: line_number,
            message,
        };
        if !saw_header {
            if line != "from,consumer,commercial" {
                return Err(malformed(format!(
                    "expected the header 'from,consumer,commercial', found '{line}'"
                )));
            }
            saw_header = true;
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [from, consumer, commercial] = fields.as_slice() else {
            return Err(malformed(format!(
                "expected three fields 'YYYY-MM-DD,percent,percent', found '{line}'"
            )));
        };
        let from: NaiveDate = from
            .parse()
            .map_err(|_| malformed(format!("expected a date YYYY-MM-DD, found '{from}'")))?;
        let percent = |text: &str| {
            text.parse::<Decimal>()
                .ok()
                .filter(|rate| !rate.is_sign_negative())
                .ok_or_else(|| {
                    malformed(format!(
                        "expected a percentage such as 8.15, found '{text}'"
                    ))
                })
        };
        let row = RateRow {
            from,
            consumer: percent(consumer)?,
            commercial: percent(commercial)?,
        };
        if let Some(previous) = rows.last()
            && previous.from >= row.from
        {
            return Err(malformed(format!(
                "expected a date after {}, found {}: rows must be in date order",
                previous.from, row.from
            )));
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(LawError::RateTable {
            line: text.lines().count(),
            message: "expected at least one row of rates".to_owned(),
        });
    }
    Ok(rows)
}

/// The index of the row in force on `date`: the last one starting on or
/// before it.
fn row_in_force(table: &[RateRow], date: NaiveDate) -> Option<usize> {
    table.partition_point(|row| row.from <= date).checked_sub(1)
}

/// The first day of interest year `n_years + 1`: `first_day` plus
/// `n_years` years, where a first day of 29 February counts from 1 March.
fn anniversary_of(first_day: NaiveDate, n_years: u32) -> Option<NaiveDate> {
    let year = first_day.year().checked_add(i32::try_from(n_years).ok()?)?;
    if first_day.month() == 2 && first_day.day() == 29 {
        return NaiveDate::from_ymd_opt(year, 3, 1);
    }
    first_day.with_year(year)
}

#[cfg(test)]
mod tests;
