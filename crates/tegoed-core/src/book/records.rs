//! Writing rows: each function inserts one record inside the caller's
//! transaction and returns its id, so an import lands whole or not at all.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::BookError;
use crate::invoice::LedgerStatus;
use crate::invoice::Stage;
use crate::money::Money;

/// A customer (*debiteur*) to add.
#[derive(Debug, Clone, Default)]
pub struct NewCustomer<'a> {
    /// Customer code, unique in the book.
    pub code: &'a str,
    /// Name.
    pub name: &'a str,
    /// E-mail address for letters.
    pub email: Option<&'a str>,
    /// Phone number.
    pub phone: Option<&'a str>,
    /// Contact person.
    pub contact_person: Option<&'a str>,
    /// Postal address, lines separated by newlines.
    pub address: Option<&'a str>,
    /// Known IBAN the customer pays from.
    pub iban: Option<&'a str>,
    /// Chamber of Commerce number.
    pub kvk_number: Option<&'a str>,
    /// Agreed payment term in days.
    pub payment_term_days: Option<i64>,
    /// Letter language, `nl` or `en`.
    pub language: &'a str,
    /// A consumer (B2C) rather than a business.
    pub consumer: bool,
    /// A regular customer with their own agreed term, left alone by dunning.
    pub own_terms: bool,
}

/// Inserts a customer.
///
/// # Errors
/// When the code is taken or the row cannot be written.
pub async fn insert_customer(
    connection: &mut SqliteConnection,
    customer: &NewCustomer<'_>,
) -> Result<i64, BookError> {
    let id = sqlx::query!(
        r#"INSERT INTO customers (code, name, email, phone, contact_person, address, iban, kvk_number,
                                  payment_term_days, language, consumer, own_terms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        customer.code,
        customer.name,
        customer.email,
        customer.phone,
        customer.contact_person,
        customer.address,
        customer.iban,
        customer.kvk_number,
        customer.payment_term_days,
        customer.language,
        customer.consumer,
        customer.own_terms
    )
    .execute(connection)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// An invoice to add.
#[derive(Debug, Clone)]
pub struct NewInvoice<'a> {
    /// Invoice number, unique in the book.
    pub number: &'a str,
    /// Book id of the customer.
    pub customer_id: i64,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Effective due date.
    pub due_date: NaiveDate,
    /// Total including VAT.
    pub amount: Money,
    /// ISO currency code.
    pub currency: &'a str,
    /// Payment reference printed on the invoice.
    pub reference: Option<&'a str>,
    /// What the ledger says.
    pub ledger_status: LedgerStatus,
    /// Where the invoice came from (file name or `demo`).
    pub source: &'a str,
}

/// Inserts an invoice.
///
/// # Errors
/// When the number is taken, the amount does not fit, or the row cannot be written.
pub async fn insert_invoice(
    connection: &mut SqliteConnection,
    invoice: &NewInvoice<'_>,
) -> Result<i64, BookError> {
    let amount_cents = invoice.amount.to_cents()?;
    let ledger_status = invoice.ledger_status.code();
    let id = sqlx::query!(
        r#"INSERT INTO invoices (number, customer_id, invoice_date, due_date, amount_cents, currency,
                                 reference, ledger_status, source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        invoice.number,
        invoice.customer_id,
        invoice.invoice_date,
        invoice.due_date,
        amount_cents,
        invoice.currency,
        invoice.reference,
        ledger_status,
        invoice.source
    )
    .execute(connection)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// Finds or adds the bank account with this IBAN and returns its id.
///
/// # Errors
/// When the row cannot be read or written.
pub async fn upsert_account(
    connection: &mut SqliteConnection,
    iban: &str,
    currency: &str,
    name: Option<&str>,
) -> Result<i64, BookError> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO bank_accounts (iban, currency, name) VALUES (?, ?, ?)
           ON CONFLICT (iban) DO UPDATE SET name = COALESCE(excluded.name, bank_accounts.name)
           RETURNING id AS "id!: i64""#,
        iban,
        currency,
        name
    )
    .fetch_one(connection)
    .await?;
    Ok(id)
}

/// A bank statement to add.
#[derive(Debug, Clone)]
pub struct NewStatement<'a> {
    /// Book id of the account.
    pub account_id: i64,
    /// The bank's statement id.
    pub statement_id: Option<&'a str>,
    /// Opening balance and its date, when the file has one.
    pub opening: Option<(NaiveDate, Money)>,
    /// Closing balance and its date, when the file has one.
    pub closing: Option<(NaiveDate, Money)>,
    /// The file it came from.
    pub file_name: &'a str,
    /// The detected format, e.g. `mt940`.
    pub format: &'a str,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
}

/// Inserts a statement.
///
/// # Errors
/// When a balance does not fit or the row cannot be written.
pub async fn insert_statement(
    connection: &mut SqliteConnection,
    statement: &NewStatement<'_>,
) -> Result<i64, BookError> {
    let opening_date = statement.opening.map(|(date, _)| date);
    let opening_cents = statement
        .opening
        .map(|(_, amount)| amount.to_cents())
        .transpose()?;
    let closing_date = statement.closing.map(|(date, _)| date);
    let closing_cents = statement
        .closing
        .map(|(_, amount)| amount.to_cents())
        .transpose()?;
    let id = sqlx::query!(
        r#"INSERT INTO statements (account_id, statement_id, opening_date, opening_cents, closing_date,
                                   closing_cents, file_name, format, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        statement.account_id,
        statement.statement_id,
        opening_date,
        opening_cents,
        closing_date,
        closing_cents,
        statement.file_name,
        statement.format,
        statement.imported_at
    )
    .execute(connection)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// A bank transaction to add.
#[derive(Debug, Clone, Default)]
pub struct NewTransaction<'a> {
    /// Book id of the account.
    pub account_id: i64,
    /// Book id of the statement.
    pub statement_id: i64,
    /// Identity within the account (bank reference, or content plus occurrence).
    pub identity: &'a str,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// Value date.
    pub value_date: Option<NaiveDate>,
    /// Signed amount, money in positive.
    pub amount: Money,
    /// ISO currency code.
    pub currency: &'a str,
    /// Counterparty name.
    pub counterparty_name: Option<&'a str>,
    /// Counterparty IBAN.
    pub counterparty_iban: Option<&'a str>,
    /// Remittance text.
    pub remittance: Option<&'a str>,
    /// Structured reference.
    pub structured_reference: Option<&'a str>,
    /// End-to-end id.
    pub end_to_end_id: Option<&'a str>,
    /// The bank's own reference.
    pub bank_reference: Option<&'a str>,
    /// The bank marks it as a return or reversal.
    pub reversal: bool,
    /// The SEPA return reason code.
    pub return_reason: Option<&'a str>,
    /// The ultimate debtor's name.
    pub ultimate_debtor: Option<&'a str>,
}

/// Inserts a transaction; returns `None` when one with the same identity is
/// already in the account (a re-import adds nothing).
///
/// # Errors
/// When the amount does not fit or the row cannot be written.
pub async fn insert_transaction(
    connection: &mut SqliteConnection,
    transaction: &NewTransaction<'_>,
) -> Result<Option<i64>, BookError> {
    let amount_cents = transaction.amount.to_cents()?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO bank_transactions (account_id, statement_id, identity, booking_date, value_date,
                amount_cents, currency, counterparty_name, counterparty_iban, remittance,
                structured_reference, end_to_end_id, bank_reference, reversal, return_reason,
                ultimate_debtor)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (account_id, identity) DO NOTHING
           RETURNING id AS "id!: i64""#,
        transaction.account_id,
        transaction.statement_id,
        transaction.identity,
        transaction.booking_date,
        transaction.value_date,
        amount_cents,
        transaction.currency,
        transaction.counterparty_name,
        transaction.counterparty_iban,
        transaction.remittance,
        transaction.structured_reference,
        transaction.end_to_end_id,
        transaction.bank_reference,
        transaction.reversal,
        transaction.return_reason,
        transaction.ultimate_debtor
    )
    .fetch_optional(connection)
    .await?;
    Ok(id)
}

/// An allocation of (part of) a transaction to an invoice.
#[derive(Debug, Clone)]
pub struct NewAllocation<'a> {
    /// Book id of the transaction.
    pub transaction_id: i64,
    /// Book id of the invoice.
    pub invoice_id: i64,
    /// Amount applied to the invoice.
    pub amount: Money,
    /// Confidence in thousandths.
    pub confidence_permille: i64,
    /// Made by the automatic matcher.
    pub auto: bool,
    /// `booked` or `suggested`.
    pub booked: bool,
    /// Why, in words (English, the CLI contract).
    pub reason: &'a str,
    /// The same reason in Dutch, for the app.
    pub reason_nl: Option<&'a str>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Inserts an allocation.
///
/// # Errors
/// When the amount does not fit or the row cannot be written.
pub async fn insert_allocation(
    connection: &mut SqliteConnection,
    allocation: &NewAllocation<'_>,
) -> Result<i64, BookError> {
    let amount_cents = allocation.amount.to_cents()?;
    let state = if allocation.booked {
        "booked"
    } else {
        "suggested"
    };
    let id = sqlx::query!(
        r#"INSERT INTO allocations (transaction_id, invoice_id, amount_cents, confidence_permille, auto,
                                    state, reason, reason_nl, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        allocation.transaction_id,
        allocation.invoice_id,
        amount_cents,
        allocation.confidence_permille,
        allocation.auto,
        state,
        allocation.reason,
        allocation.reason_nl,
        allocation.created_at
    )
    .execute(connection)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// A letter produced for a customer.
#[derive(Debug, Clone)]
pub struct NewLetter<'a> {
    /// Book id of the customer.
    pub customer_id: i64,
    /// Stage of the letter.
    pub stage: Stage,
    /// Date it was made for.
    pub as_of: NaiveDate,
    /// Book ids and numbers of the invoices it covers.
    pub invoices: &'a [(i64, String)],
    /// Total open.
    pub total_open: Money,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

/// Inserts a letter and links its invoices.
///
/// # Errors
/// When the same stage was already recorded for this invoice set, or a row cannot be written.
pub async fn insert_letter(
    connection: &mut SqliteConnection,
    letter: &NewLetter<'_>,
) -> Result<i64, BookError> {
    let mut numbers: Vec<&str> = letter
        .invoices
        .iter()
        .map(|(_, number)| number.as_str())
        .collect();
    numbers.sort_unstable();
    let invoice_set = numbers.join(" ");
    let stage = letter.stage.code();
    let total_open_cents = letter.total_open.to_cents()?;
    let id = sqlx::query!(
        r#"INSERT INTO letters (customer_id, stage, as_of, invoice_set, total_open_cents, sent_at, state, channel)
           VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ?6 IS NULL THEN 'generated' ELSE 'sent' END,
                   CASE WHEN ?6 IS NULL THEN NULL ELSE 'email' END)"#,
        letter.customer_id,
        stage,
        letter.as_of,
        invoice_set,
        total_open_cents,
        letter.sent_at
    )
    .execute(&mut *connection)
    .await?
    .last_insert_rowid();
    for (invoice_id, _) in letter.invoices {
        sqlx::query!(
            "INSERT INTO letter_invoices (letter_id, invoice_id) VALUES (?, ?)",
            id,
            invoice_id
        )
        .execute(&mut *connection)
        .await?;
    }
    Ok(id)
}

/// A step taken on an invoice.
#[derive(Debug, Clone)]
pub struct NewDunningEvent<'a> {
    /// Book id of the invoice.
    pub invoice_id: i64,
    /// The stage reached.
    pub stage: Stage,
    /// When.
    pub event_date: NaiveDate,
    /// The letter that carried it, if any.
    pub letter_id: Option<i64>,
    /// Free note (call outcome, agreement).
    pub note: Option<&'a str>,
}

/// Inserts a dunning event.
///
/// # Errors
/// When the row cannot be written.
pub async fn insert_dunning_event(
    connection: &mut SqliteConnection,
    event: &NewDunningEvent<'_>,
) -> Result<i64, BookError> {
    let stage = event.stage.code();
    let id = sqlx::query!(
        "INSERT INTO dunning_events (invoice_id, stage, event_date, letter_id, note) VALUES (?, ?, ?, ?, ?)",
        event.invoice_id,
        stage,
        event.event_date,
        event.letter_id,
        event.note
    )
    .execute(connection)
    .await?
    .last_insert_rowid();
    Ok(id)
}
