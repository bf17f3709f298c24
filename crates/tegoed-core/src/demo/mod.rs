//! The demo book: a realistic Dutch small business with a year of invoices,
//! three monthly bank statements, payments matched and unmatched, and
//! overdue invoices at every stage of the ladder, so that a new user sees
//! every screen working.
//!
//! Everything is generated from a fixed seed relative to the `as_of` date.
//! The bank statements carry the customers' payments as people write them
//! (a betalingskenmerk, an invoice number in some form, only a name), and
//! the real matcher ([`crate::reconcile::run`]) places them: it books most,
//! suggests some and leaves a few. The dunning history is then played
//! by the real engine ([`history`]): day by day over the last months, the
//! letters `remind` makes and the calls a person logs, so that no invoice
//! the matcher booked as paid carries a reminder and Today shows what the
//! ladder really asks for.
//!
//! Customers, invoices and statements are written in one transaction, so
//! that a failure there leaves the book empty. Matching and the dunning
//! history follow in their own transactions: a failure there leaves a valid
//! demo whose payments are not yet (all) placed.

mod business;
mod history;
mod random;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::SqliteConnection;

use crate::book::{self, Book, BookError, NewCustomer, NewInvoice, NewStatement, NewTransaction};
use crate::matching;
use crate::money::Money;
use crate::receivables::LedgerStatus;
use crate::reference::{betalingskenmerk, iban};
use business::{CUSTOMERS, Cast, EXPENSES, WORK};
use random::Random;

/// How many invoices the demo business sent over the year.
const N_INVOICES: usize = 150;
/// The bank statements cover this many months before `as_of`.
const STATEMENT_MONTHS: u32 = 3;
/// Unpaid invoices placed so that every stage of the ladder shows: the
/// customer's index and the days overdue on `as_of`.
const STORY: [(usize, u64); 6] = [(2, 5), (8, 11), (12, 14), (15, 16), (3, 26), (13, 70)];
/// The index of the invoice a credit note cancels.
const CREDITED_INVOICE: usize = 17;

/// Why the demo could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The book already holds invoices or transactions.
    #[error(
        "the book {0} already holds data; the demo needs an empty book (use another --db path)"
    )]
    NotEmpty(String),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
    /// A letter of the demo's history could not be made.
    #[error(transparent)]
    Letters(#[from] crate::remind::RemindError),
    /// A call of the demo's history could not be recorded.
    #[error(transparent)]
    Record(#[from] crate::record::RecordError),
}

/// What the demo put in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBook {
    /// Number of customers.
    pub customers: usize,
    /// Number of invoices (credit notes included).
    pub invoices: usize,
    /// Number of bank statements.
    pub statements: usize,
    /// Number of bank transactions.
    pub transactions: usize,
}

/// One generated invoice and what became of it.
struct DemoInvoice {
    number: String,
    reference: Option<String>,
    credited: bool,
    customer: usize,
    due_date: NaiveDate,
    amount: Money,
    fate: Fate,
}

/// What happened to a demo invoice.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Paid in full on the date.
    Paid(NaiveDate),
    /// Partly paid on the date, in percent.
    Partly(NaiveDate, i64),
    /// Nothing paid.
    Unpaid,
}

/// A payment on the bank statement, before it is written.
struct Payment {
    date: NaiveDate,
    amount: Money,
    name: String,
    counterparty_iban: Option<String>,
    remittance: Option<String>,
    structured_reference: Option<String>,
    end_to_end_id: Option<String>,
}

/// Fills an empty book with the demo business as it stands on `as_of`.
///
/// # Errors
/// [`DemoError::NotEmpty`] when the book holds data; [`DemoError::Book`]
/// when it cannot be written. A failure while writing customers, invoices
/// or statements writes nothing; one while matching or writing the dunning
/// history leaves the demo with payments not yet placed.
pub async fn create(
    book: &Book,
    as_of: NaiveDate,
    at: DateTime<Utc>,
) -> Result<DemoBook, DemoError> {
    if !book.is_empty().await? {
        return Err(DemoError::NotEmpty(book.path().display().to_string()));
    }
    let mut random = Random::new(0x7E60_ED00);
    let mut transaction = book.begin().await?;
    let connection: &mut SqliteConnection = &mut transaction;

    let customer_ids = insert_customers(connection).await?;
    history::business_settings(connection).await?;
    let window_start = first_of_month(as_of, STATEMENT_MONTHS);
    let invoices =
        insert_invoices(connection, &mut random, &customer_ids, window_start, as_of).await?;
    let credit_notes = insert_credit_note(connection, &customer_ids, &invoices).await?;
    let payments = payments(&mut random, &invoices, window_start, as_of);
    let (statements, transactions) =
        insert_statements(connection, &mut random, payments, window_start, as_of, at).await?;
    book::audit(
        connection,
        at,
        "demo",
        "demo.created",
        "book",
        Some(business::COMPANY_NAME),
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;

    // The real matcher places the payments, as after any import.
    crate::reconcile::run(book, &matching::Settings::default(), at).await?;

    // The dunning history: the real engine played forward day by day over
    // what the matcher left open, letters and calls as a person would have.
    history::play(book, as_of, at).await?;

    Ok(DemoBook {
        customers: CUSTOMERS.len(),
        invoices: invoices.len() + credit_notes,
        statements,
        transactions,
    })
}

async fn insert_customers(connection: &mut SqliteConnection) -> Result<Vec<i64>, BookError> {
    let mut ids = Vec::with_capacity(CUSTOMERS.len());
    for (index, cast) in CUSTOMERS.iter().enumerate() {
        let email = email_of(cast);
        let iban = customer_iban(index);
        let address = format!(
            "{} {}\n{} {}",
            street(index),
            10 + index,
            3500 + index * 7,
            cast.city
        );
        let customer = NewCustomer {
            code: cast.code,
            name: cast.name,
            email: Some(&email),
            phone: Some("030-1234567"),
            address: Some(&address),
            iban: iban.as_deref(),
            payment_term_days: Some(cast.term_days),
            language: if cast.english { "en" } else { "nl" },
            consumer: cast.consumer,
            own_terms: cast.own_terms,
            ..NewCustomer::default()
        };
        ids.push(book::insert_customer(connection, &customer).await?);
    }
    Ok(ids)
}

async fn insert_invoices(
    connection: &mut SqliteConnection,
    random: &mut Random,
    customer_ids: &[i64],
    window_start: NaiveDate,
    as_of: NaiveDate,
) -> Result<Vec<DemoInvoice>, BookError> {
    let mut dates: Vec<(NaiveDate, Option<usize>)> = (0..N_INVOICES - STORY.len())
        .map(|_| (as_of - Days::new(random.between(2, 365) as u64), None))
        .collect();
    for (customer, days_overdue) in STORY {
        let term = CUSTOMERS.get(customer).map_or(30, |cast| cast.term_days) as u64;
        dates.push((as_of - Days::new(days_overdue + term), Some(customer)));
    }
    dates.sort_unstable();
    let mut invoices = Vec::with_capacity(N_INVOICES);
    let mut sequence_in_year = (0, 0);
    for (invoice_date, story_customer) in dates {
        let customer = story_customer
            .unwrap_or_else(|| random.between(0, CUSTOMERS.len() as i64 - 1) as usize);
        let (Some(cast), Some(&customer_id)) =
            (CUSTOMERS.get(customer), customer_ids.get(customer))
        else {
            continue;
        };
        sequence_in_year = if sequence_in_year.0 == invoice_date.year() {
            (sequence_in_year.0, sequence_in_year.1 + 1)
        } else {
            (invoice_date.year(), 1)
        };
        let number = format!("{}-{:04}", sequence_in_year.0, sequence_in_year.1);
        let net_cents = cast.typical_net * random.between(60, 160);
        let amount = Money::new(Decimal::new(net_cents, 2) * Decimal::new(121, 2));
        let due_date = invoice_date + Days::new(cast.term_days as u64);
        let reference =
            betalingskenmerk::issue((sequence_in_year.0 as u64) * 10_000 + sequence_in_year.1);
        let fate = match fate(random, cast, due_date, amount, as_of) {
            _ if story_customer.is_some() => Fate::Unpaid,
            // Paid before the bank statements begin: settled in the accounting package.
            Fate::Partly(date, _) if date < window_start => Fate::Paid(date),
            other => other,
        };
        let ledger_status = match fate {
            _ if invoices.len() == CREDITED_INVOICE => LedgerStatus::Credited,
            Fate::Paid(date) if date < window_start => LedgerStatus::Paid,
            _ => LedgerStatus::Open,
        };
        book::insert_invoice(
            connection,
            &NewInvoice {
                number: &number,
                customer_id,
                invoice_date,
                due_date,
                amount,
                currency: "EUR",
                reference: reference.as_deref(),
                ledger_status,
                source: "demo",
            },
        )
        .await?;
        let fate = if ledger_status == LedgerStatus::Credited {
            Fate::Paid(invoice_date)
        } else {
            fate
        };
        invoices.push(DemoInvoice {
            number,
            reference,
            credited: ledger_status == LedgerStatus::Credited,
            customer,
            due_date,
            amount,
            fate,
        });
    }
    Ok(invoices)
}

/// Decides what became of an invoice: reliable customers pay around the due
/// date, others late, partly or not at all.
fn fate(
    random: &mut Random,
    cast: &Cast,
    due_date: NaiveDate,
    amount: Money,
    as_of: NaiveDate,
) -> Fate {
    let paid_on = |offset: i64| due_date.checked_add_signed(chrono::Duration::days(offset));
    if random.chance(cast.reliability) {
        match paid_on(random.between(-12, 6)) {
            Some(date) if date < as_of => Fate::Paid(date),
            _ => Fate::Unpaid,
        }
    } else if amount > Money::from_cents(50_000) && random.chance(35) {
        match paid_on(random.between(5, 25)) {
            Some(date) if date < as_of => Fate::Partly(date, random.between(30, 60)),
            _ => Fate::Unpaid,
        }
    } else {
        match paid_on(random.between(20, 80)) {
            Some(date) if date < as_of && random.chance(50) => Fate::Paid(date),
            _ => Fate::Unpaid,
        }
    }
}

/// One credit note against the credited invoice, to show netting.
async fn insert_credit_note(
    connection: &mut SqliteConnection,
    customer_ids: &[i64],
    invoices: &[DemoInvoice],
) -> Result<usize, BookError> {
    let Some(credited) = invoices.get(CREDITED_INVOICE) else {
        return Ok(0);
    };
    let Some(&customer_id) = customer_ids.get(credited.customer) else {
        return Ok(0);
    };
    let number = format!("C{}", credited.number);
    let invoice_date = credited.due_date - Days::new(20);
    book::insert_invoice(
        connection,
        &NewInvoice {
            number: &number,
            customer_id,
            invoice_date,
            due_date: invoice_date,
            amount: -credited.amount,
            currency: "EUR",
            reference: None,
            ledger_status: LedgerStatus::Credited,
            source: "demo",
        },
    )
    .await?;
    Ok(1)
}

/// The bank side of the story: payments inside the statement window become
/// transactions, written the way customers write them; older ones were
/// settled in the accounting package. Which are booked, suggested or left
/// is up to the matcher.
fn payments(
    random: &mut Random,
    invoices: &[DemoInvoice],
    window_start: NaiveDate,
    as_of: NaiveDate,
) -> Vec<Payment> {
    let mut payments = Vec::new();
    for (index, invoice) in invoices.iter().enumerate() {
        let Some(cast) = CUSTOMERS.get(invoice.customer) else {
            continue;
        };
        if invoice.credited {
            continue;
        }
        let (date, amount) = match invoice.fate {
            Fate::Paid(date) => (date, invoice.amount),
            Fate::Partly(date, percent) => (
                date,
                Money::new(invoice.amount.decimal() * Decimal::new(percent, 2)),
            ),
            Fate::Unpaid => continue,
        };
        if date < window_start || date >= as_of {
            continue;
        }
        // A part payment names its invoice; a full one may name nothing.
        let style = match (index % 5, invoice.fate) {
            (3, Fate::Partly(..)) => 1,
            (style, _) => style,
        };
        let mut payment = Payment {
            date,
            amount,
            name: cast.name.to_uppercase(),
            counterparty_iban: customer_iban(invoice.customer),
            remittance: None,
            structured_reference: None,
            end_to_end_id: None,
        };
        match style {
            // The betalingskenmerk from the invoice, in its own field.
            0 => {
                payment.structured_reference = invoice.reference.clone();
                payment.end_to_end_id = Some(format!("E2E-{}", invoice.number));
            }
            1 => {
                payment.remittance = Some(format!(
                    "Factuur {} {}",
                    invoice.number,
                    random.pick(&WORK).unwrap_or(&"")
                ));
            }
            2 => {
                payment.remittance = Some(format!(
                    "Betaling {} dank u wel",
                    invoice.number.replace('-', "")
                ));
            }
            // Only "betaling", from the owner's private account: name and
            // amount point to the customer, nothing certain does.
            3 => {
                payment.remittance = Some("Betaling".to_owned());
                payment.counterparty_iban = private_iban(invoice.customer);
            }
            _ => payment.remittance = Some(format!("{} {}", cast.code, invoice.number)),
        }
        payments.push(payment);
    }
    // Two customer payments nobody can place yet, from an account the book
    // does not know: they hold the customer's reminders.
    for (customer, amount_cents, text) in [
        (7_usize, 25_000_i64, "aanbetaling"),
        (19, 60_500, "zie mail"),
    ] {
        let Some(cast) = CUSTOMERS.get(customer) else {
            continue;
        };
        payments.push(Payment {
            date: as_of - Days::new(4 + customer as u64 % 3),
            amount: Money::from_cents(amount_cents),
            name: cast.name.to_uppercase(),
            counterparty_iban: private_iban(customer),
            remittance: Some(text.to_owned()),
            structured_reference: None,
            end_to_end_id: None,
        });
    }
    payments
}

async fn insert_statements(
    connection: &mut SqliteConnection,
    random: &mut Random,
    mut payments: Vec<Payment>,
    window_start: NaiveDate,
    as_of: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(usize, usize), BookError> {
    let company_iban = iban::from_parts(
        "NL",
        &format!(
            "{}{}",
            business::COMPANY_ACCOUNT.0,
            business::COMPANY_ACCOUNT.1
        ),
    )
    .unwrap_or_default();
    let account_id = book::upsert_account(
        connection,
        &company_iban,
        "EUR",
        Some(business::COMPANY_NAME),
    )
    .await?;
    for month in 0..STATEMENT_MONTHS {
        let first = first_of_month(as_of, STATEMENT_MONTHS - month);
        for (expense_index, (name, text, cents)) in EXPENSES.iter().enumerate() {
            let day = first + Days::new(random.between(0, 24) as u64);
            if day >= as_of || (expense_index == 2 && month != 1) {
                continue;
            }
            payments.push(Payment {
                date: day,
                amount: Money::from_cents(*cents),
                name: (*name).to_owned(),
                counterparty_iban: iban::from_parts(
                    "NL",
                    &format!("RABO0{:09}", 300_000_000 + expense_index * 7919),
                ),
                remittance: Some(format!("{text} {}", first.format("%m-%Y"))),
                structured_reference: None,
                end_to_end_id: None,
            });
        }
    }
    payments.sort_by_key(|payment| payment.date);

    let mut balance = Money::from_cents(1_234_567);
    let mut n_statements = 0;
    let mut n_transactions = 0;
    let last_booking_day = as_of - Days::new(1);
    for month in 0..STATEMENT_MONTHS {
        let first = first_of_month(as_of, STATEMENT_MONTHS - month).max(window_start);
        let next = first_of_month(as_of, STATEMENT_MONTHS - month - 1);
        let last = if month + 1 == STATEMENT_MONTHS {
            last_booking_day
        } else {
            next - Days::new(1)
        };
        let in_month: Vec<&Payment> = payments
            .iter()
            .filter(|payment| payment.date >= first && payment.date <= last)
            .collect();
        let closing = balance + in_month.iter().map(|payment| payment.amount).sum();
        let statement_code = format!("{}/{:02}", first.year(), first.month());
        let statement_id = book::insert_statement(
            connection,
            &NewStatement {
                account_id,
                statement_id: Some(&statement_code),
                opening: Some((first, balance)),
                closing: Some((last, closing)),
                file_name: "demo",
                format: "demo",
                imported_at: at,
            },
        )
        .await?;
        n_statements += 1;
        for (sequence, payment) in in_month.iter().enumerate() {
            let bank_reference = format!("DEMO{}{:04}", first.format("%Y%m"), sequence + 1);
            let added = book::insert_transaction(
                connection,
                &NewTransaction {
                    account_id,
                    statement_id,
                    identity: &bank_reference,
                    booking_date: payment.date,
                    value_date: Some(payment.date),
                    amount: payment.amount,
                    currency: "EUR",
                    counterparty_name: Some(&payment.name),
                    counterparty_iban: payment.counterparty_iban.as_deref(),
                    remittance: payment.remittance.as_deref(),
                    structured_reference: payment.structured_reference.as_deref(),
                    end_to_end_id: payment.end_to_end_id.as_deref(),
                    bank_reference: Some(&bank_reference),
                    ..NewTransaction::default()
                },
            )
            .await?;
            if added.is_some() {
                n_transactions += 1;
            }
        }
        balance = closing;
    }
    Ok((n_statements, n_transactions))
}

/// The first day of the month `months_back` months before `as_of`'s month.
fn first_of_month(as_of: NaiveDate, months_back: u32) -> NaiveDate {
    let first = as_of.with_day(1).unwrap_or(as_of);
    first
        .checked_sub_months(chrono::Months::new(months_back))
        .unwrap_or(first)
}

fn email_of(cast: &Cast) -> String {
    let local = if cast.consumer {
        "post"
    } else {
        "administratie"
    };
    let domain: String = cast
        .name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(18)
        .collect();
    format!("{local}@{domain}.example")
}

/// A valid Dutch IBAN per demo customer, at a spread of banks.
fn customer_iban(index: usize) -> Option<String> {
    let banks = ["INGB", "RABO", "ABNA", "TRIO", "ASNB", "KNAB", "BUNQ"];
    let bank = banks.get(index % banks.len())?;
    iban::from_parts(
        "NL",
        &format!("{bank}0{:09}", 100_000_000 + index * 104_729),
    )
}

/// The customer owner's private account, which the book does not know.
fn private_iban(index: usize) -> Option<String> {
    iban::from_parts("NL", &format!("SNSB0{:09}", 900_000_000 + index * 7_919))
}

fn street(index: usize) -> &'static str {
    [
        "Oudegracht",
        "Biltstraat",
        "Amsterdamsestraatweg",
        "Vleutenseweg",
        "Nachtegaalstraat",
    ][index % 5]
}

impl crate::fault::Classify for DemoError {
    fn fault(&self) -> crate::fault::Fault {
        use crate::fault::Fault;
        match self {
            DemoError::NotEmpty(_) => Fault::Input,
            DemoError::Book(error) => error.fault(),
            DemoError::Letters(_) | DemoError::Record(_) => Fault::Internal,
        }
    }
}

#[cfg(test)]
mod tests;
