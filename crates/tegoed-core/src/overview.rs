//! What is owed, as the Overview and Receivables screens and `tegoed
//! invoices` show it: the book's invoices and customers read and given
//! their positions by `receivables` (a use case; the rules stay pure).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::book::{Book, BookError};
use crate::money::Money;
use crate::receivables::{CustomerPosition, Position, Summary, Totals};

/// Every invoice's position on `as_of`, ordered by due date.
///
/// # Errors
/// When the book cannot be read.
pub async fn positions(book: &Book, as_of: NaiveDate) -> Result<Vec<Position>, BookError> {
    let records = book.invoices(as_of).await?;
    Ok(records
        .into_iter()
        .map(|record| Position::of(record, as_of))
        .collect())
}

/// The book's receivables on `as_of`.
///
/// # Errors
/// When the book cannot be read.
pub async fn summary(book: &Book, as_of: NaiveDate) -> Result<Summary, BookError> {
    Ok(Summary::of(positions(book, as_of).await?, as_of))
}

/// Every customer with the totals of their invoices on `as_of`, by name,
/// with why the dunning gate holds them (`holds`, by customer code).
///
/// # Errors
/// When the book cannot be read.
pub async fn by_customer(
    book: &Book,
    as_of: NaiveDate,
    mut holds: HashMap<String, String>,
) -> Result<Vec<CustomerPosition>, BookError> {
    let positions = positions(book, as_of).await?;
    let mut by_code: HashMap<&str, Vec<&Position>> = HashMap::new();
    for position in &positions {
        by_code
            .entry(position.customer_code.as_str())
            .or_default()
            .push(position);
    }
    Ok(book
        .customers()
        .await?
        .into_iter()
        .map(|customer| {
            let totals = Totals::of(
                by_code
                    .get(customer.code.as_str())
                    .into_iter()
                    .flatten()
                    .copied(),
            );
            let hold = holds.remove(&customer.code);
            CustomerPosition {
                customer,
                totals,
                hold,
            }
        })
        .collect())
}

/// What a customer has paid beyond their invoices: the surplus of each
/// incoming payment booked for less than it brought in (an overpayment
/// that settled its invoice, a person's allocation that left a rest), to
/// refund or to set against their next invoice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Credit {
    /// The sum of the surpluses.
    pub total: Money,
    /// Each payment with a surplus: (booking date, amount, surplus), oldest first.
    pub payments: Vec<(NaiveDate, Money, Money)>,
}

/// The customer's credit (see [`Credit`]).
///
/// # Errors
/// When the book cannot be read.
pub async fn credit(book: &Book, customer_code: &str) -> Result<Credit, BookError> {
    let payments: Vec<(NaiveDate, Money, Money)> = book
        .paid_beyond(customer_code)
        .await?
        .into_iter()
        .map(|payment| {
            (
                payment.booking_date,
                payment.amount,
                payment.amount - payment.booked,
            )
        })
        .collect();
    Ok(Credit {
        total: payments.iter().map(|(_, _, surplus)| *surplus).sum(),
        payments,
    })
}
