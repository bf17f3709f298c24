//! The dunning gate's second check (`domain.md` §1.3 item 2): a customer
//! with an unplaced payment in the last ten days that points to them — by
//! IBAN, name or an invoice number of theirs in the remittance — or with a
//! match suggestion awaiting a person, gets no reminder until a person looks.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::pointers;
use crate::book::{Book, BookError};

/// How many days back an unplaced payment holds a customer's reminders.
pub const HOLD_DAYS: u64 = 10;

/// A customer whose reminders wait, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// Customer code.
    pub customer_code: String,
    /// Why, in words.
    pub why: String,
}

/// The customers whose reminders wait on `as_of`, by customer code.
///
/// # Errors
/// When the book cannot be read.
pub async fn holds(book: &Book, as_of: NaiveDate) -> Result<Vec<Hold>, BookError> {
    let settings = book.matching_settings().await?;
    let input = book.matching_input().await?;
    let since = as_of - Days::new(HOLD_DAYS);
    let recent: Vec<_> = input
        .payments
        .iter()
        .filter(|payment| {
            payment.amount.is_positive()
                && payment.booking_date > since
                && payment.booking_date <= as_of
        })
        .cloned()
        .collect();
    let mut why_by_customer: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (transaction_id, customer, signal) in
        pointers(&input.items, &recent, &input.knowledge, &settings)
    {
        let Some(payment) = recent
            .iter()
            .find(|payment| payment.transaction_id == transaction_id)
        else {
            continue;
        };
        let Some(code) = input.customer_codes.get(&customer) else {
            continue;
        };
        why_by_customer
            .entry(code.clone())
            .or_default()
            .push(format!(
                "payment of {} on {} not yet matched ({signal})",
                payment.amount, payment.booking_date
            ));
    }
    for line in book.pending_suggestions().await? {
        why_by_customer
            .entry(line.0)
            .or_default()
            .push(format!("match suggestion for {} awaits a person", line.1));
    }
    Ok(why_by_customer
        .into_iter()
        .map(|(customer_code, mut reasons)| {
            reasons.dedup();
            Hold {
                customer_code,
                why: reasons.join("; "),
            }
        })
        .collect())
}
