//! `tegoed costs AMOUNT` and `tegoed interest AMOUNT --from DATE --to DATE`:
//! the statutory collection costs and interest on a principal. Neither needs
//! the book.

use std::io::Write;

use chrono::NaiveDate;
use tegoed_core::law::costs::{self, VatOnCosts};
use tegoed_core::law::interest::{self, InterestKind};
use tegoed_core::money::{DecimalMark, Money};

use super::print_json;
use crate::failure::Failure;
use crate::json::law::{Costs, InterestJson};

/// Runs `costs`. Consumers (`--b2c`) get the same scale; no VAT is added,
/// since a VAT-registered creditor collecting its own claims never adds it.
pub fn run_costs(amount: &str, _b2c: bool, as_json: bool) -> Result<(), Failure> {
    let principal = parse_amount(amount)?;
    let computed = costs::collection_costs(principal, &VatOnCosts::default());
    if as_json {
        return print_json(&Costs::from(&computed));
    }
    writeln!(
        std::io::stdout().lock(),
        "collection costs on {}: {} (VAT {})",
        computed.principal,
        computed.costs,
        computed.vat
    )?;
    Ok(())
}

/// Runs `interest`: commercial, or consumer with `--b2c`.
pub fn run_interest(
    amount: &str,
    due: NaiveDate,
    to: NaiveDate,
    b2c: bool,
    as_json: bool,
) -> Result<(), Failure> {
    let principal = parse_amount(amount)?;
    let (kind, kind_code) = if b2c {
        (InterestKind::Consumer, "consumer")
    } else {
        (InterestKind::Commercial, "commercial")
    };
    let computed = interest::statutory_interest(principal, due, to, kind)?;
    if as_json {
        return print_json(&InterestJson::new(&computed, kind_code));
    }
    let mut out = std::io::stdout().lock();
    if !computed.periods.is_empty() {
        writeln!(
            out,
            "{:<10}  {:<10}  {:>12}  {:>7}  {:>4}  {:>10}",
            "from", "to", "base", "rate %", "days", "interest"
        )?;
    }
    for period in &computed.periods {
        writeln!(
            out,
            "{:<10}  {:<10}  {:>12}  {:>7.2}  {:>4}  {:>10}",
            period.from.to_string(),
            period.to.to_string(),
            period.base,
            period.rate,
            period.days,
            period.interest
        )?;
    }
    match computed.periods.first() {
        Some(first) => writeln!(
            out,
            "statutory {kind_code} interest on {} from {} to {to}: {}",
            computed.principal, first.from, computed.interest
        )?,
        None => writeln!(
            out,
            "statutory {kind_code} interest on {}: {} (the payment date {to} is not after \
             the due date {due})",
            computed.principal, computed.interest
        )?,
    }
    Ok(())
}

/// Reads a principal with core's one reader of written amounts: a comma
/// is the decimal mark when there is one (`1000,00`, `1.000,00`), else the
/// dot (`1000`, `1000.00`); `1,000.00` is refused as ambiguous, and so is
/// anything but digits, a sign and the marks (the contract's plain amount).
pub(crate) fn parse_amount(text: &str) -> Result<Money, Failure> {
    let plain = text
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | ','));
    let mark = if text.contains(',') {
        DecimalMark::Comma
    } else {
        DecimalMark::Dot
    };
    let read = if plain {
        Money::parse_written(text.trim(), mark).ok()
    } else {
        None
    };
    read.ok_or_else(|| {
        Failure::User(format!(
            "'{text}' is not an amount (expected e.g. 1000, 1000.00, 1000,00 or 1.000,00)"
        ))
    })
}
