//! Receivables (*openstaande posten*): what each invoice still owes on a
//! date, its status, how far overdue it is, and the totals per book and
//! per customer.
//!
//! Status and open amount follow from the invoice, the ledger's own status
//! and the booked allocations; nothing here is stored.

mod status;

use chrono::NaiveDate;

use crate::customer::CustomerRecord;
use crate::invoice::InvoiceRecord;
use crate::invoice::Stage;
use crate::money::Money;

pub use crate::invoice::{LedgerStatus, UnknownLedgerStatus};
pub use status::InvoiceStatus;

/// An invoice's position on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// Invoice number.
    pub number: String,
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer_name: String,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Effective due date.
    pub due_date: NaiveDate,
    /// Invoice total.
    pub amount: Money,
    /// What is still to be paid.
    pub open_amount: Money,
    /// ISO currency code.
    pub currency: String,
    /// Payment status.
    pub status: InvoiceStatus,
    /// Days past due on the as-of date, 0 when not yet due or nothing open.
    pub days_overdue: i64,
    /// Furthest dunning stage reached.
    pub stage: Stage,
}

impl Position {
    /// The position of a stored invoice on `as_of`.
    pub fn of(record: InvoiceRecord, as_of: NaiveDate) -> Position {
        let (status, open_amount) = status::derive(
            record.ledger_status,
            record.amount,
            record.allocated,
            record.ledger_open,
        );
        let days_overdue = if open_amount.is_positive() {
            (as_of - record.due_date).num_days().max(0)
        } else {
            0
        };
        Position {
            number: record.number,
            customer_code: record.customer_code,
            customer_name: record.customer_name,
            invoice_date: record.invoice_date,
            due_date: record.due_date,
            amount: record.amount,
            open_amount,
            currency: record.currency,
            status,
            days_overdue,
            stage: record.stage,
        }
    }

    /// True when something is still to be paid.
    pub fn is_open(&self) -> bool {
        self.open_amount.is_positive()
    }

    /// True when something is open and the due date has passed.
    pub fn is_overdue(&self) -> bool {
        self.is_open() && self.days_overdue > 0
    }
}

/// Age classes of open amounts, as accountants report them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeClass {
    /// Not yet due.
    NotDue,
    /// 1 to 30 days overdue.
    Days1To30,
    /// 31 to 60 days overdue.
    Days31To60,
    /// 61 to 90 days overdue.
    Days61To90,
    /// More than 90 days overdue.
    Over90,
}

impl AgeClass {
    /// Every class, youngest first.
    pub const ALL: [AgeClass; 5] = [
        AgeClass::NotDue,
        AgeClass::Days1To30,
        AgeClass::Days31To60,
        AgeClass::Days61To90,
        AgeClass::Over90,
    ];

    /// The class for a number of days overdue.
    pub fn of(days_overdue: i64) -> AgeClass {
        match days_overdue {
            ..=0 => AgeClass::NotDue,
            1..=30 => AgeClass::Days1To30,
            31..=60 => AgeClass::Days31To60,
            61..=90 => AgeClass::Days61To90,
            _ => AgeClass::Over90,
        }
    }

    /// A stable key for wire formats: `not_due`, `d1_30`, `d31_60`, `d61_90`, `d90_plus`.
    pub fn key(self) -> &'static str {
        match self {
            AgeClass::NotDue => "not_due",
            AgeClass::Days1To30 => "d1_30",
            AgeClass::Days31To60 => "d31_60",
            AgeClass::Days61To90 => "d61_90",
            AgeClass::Over90 => "d90_plus",
        }
    }
}

/// Totals of open and overdue amounts over a set of positions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    /// Sum of open amounts.
    pub open: Money,
    /// Sum of overdue open amounts.
    pub overdue: Money,
    /// Number of open invoices.
    pub n_open: usize,
    /// Number of overdue invoices.
    pub n_overdue: usize,
}

impl Totals {
    /// Adds up the open positions.
    pub fn of<'a>(positions: impl IntoIterator<Item = &'a Position>) -> Totals {
        let mut totals = Totals::default();
        for position in positions.into_iter().filter(|position| position.is_open()) {
            totals.open += position.open_amount;
            totals.n_open += 1;
            if position.is_overdue() {
                totals.overdue += position.open_amount;
                totals.n_overdue += 1;
            }
        }
        totals
    }
}

/// The receivables of a book on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The date.
    pub as_of: NaiveDate,
    /// Totals over all invoices.
    pub totals: Totals,
    /// Open amount and count per age class, youngest first.
    pub ageing: Vec<(AgeClass, Money, usize)>,
    /// The open invoices, oldest due date first.
    pub open: Vec<Position>,
}

impl Summary {
    /// Summarises positions on `as_of`.
    pub fn of(positions: Vec<Position>, as_of: NaiveDate) -> Summary {
        let open: Vec<Position> = positions.into_iter().filter(Position::is_open).collect();
        let ageing = AgeClass::ALL
            .into_iter()
            .map(|class| {
                let members = open
                    .iter()
                    .filter(|position| AgeClass::of(position.days_overdue) == class);
                let (amount, count) = members
                    .fold((Money::ZERO, 0), |(amount, count), position| {
                        (amount + position.open_amount, count + 1)
                    });
                (class, amount, count)
            })
            .collect();
        Summary {
            as_of,
            totals: Totals::of(&open),
            ageing,
            open,
        }
    }
}

/// A customer's open position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerPosition {
    /// The customer.
    pub customer: CustomerRecord,
    /// Totals over the customer's invoices.
    pub totals: Totals,
    /// Why reminders to this customer wait for a person (a recent payment
    /// that could not be placed, or a pending match suggestion), if they do.
    pub hold: Option<String>,
}

#[cfg(test)]
mod tests;
