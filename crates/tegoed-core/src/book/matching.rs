//! The book side of matching, SQL only: the rows a matching run reads, the
//! proposals it writes, and a person's decision written as the
//! [`Change`] the matching rules made of it, with a snapshot of what was
//! there before so that [`Book::undo_decision`] restores it, each in the
//! audit log. Which decision is allowed and what it changes is decided in
//! `crate::matching::decision`; the reconcile use case joins the two.
//!
//! Invariants: an automatic run only replaces the matcher's own undecided
//! suggestions on transactions that have nothing booked; allocations a
//! person decided on carry their decision id and are never touched by a
//! run. Undoing a decision unlearns the IBANs it taught.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::{Book, BookError, NewAllocation, audit, insert_allocation};
use crate::allocation::{Change, Held, Named, Payer, State, Transaction};
use crate::money::Money;

/// Rows per statement when a matching run records its proposals.
const RECORD_BATCH: usize = 5_000;

/// An invoice the ledger calls open, with what is booked against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoiceRow {
    /// Book id.
    pub id: i64,
    /// Invoice number.
    pub number: String,
    /// Book id of the customer.
    pub customer_id: i64,
    /// Invoice amount; negative for a credit note.
    pub amount: Money,
    /// Booked against it.
    pub allocated: Money,
    /// Currency.
    pub currency: String,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// Payment reference we issued.
    pub reference: Option<String>,
    /// Disputed by the customer.
    pub disputed: bool,
    /// The invoice a credit note credits.
    pub credits_invoice_id: Option<i64>,
}

/// A transaction with nothing booked, not marked as not a customer payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnplacedRow {
    /// Book id.
    pub id: i64,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// Signed amount.
    pub amount: Money,
    /// Currency.
    pub currency: String,
    /// Counterparty name.
    pub counterparty_name: Option<String>,
    /// Counterparty IBAN.
    pub counterparty_iban: Option<String>,
    /// Remittance text.
    pub remittance: Option<String>,
    /// Structured reference.
    pub structured_reference: Option<String>,
    /// End-to-end id.
    pub end_to_end_id: Option<String>,
    /// The bank marked it a reversal.
    pub reversal: bool,
    /// The bank's return reason.
    pub return_reason: Option<String>,
    /// Ultimate debtor.
    pub ultimate_debtor: Option<String>,
    /// Invoices a person rejected for it.
    pub rejected_invoices: Vec<i64>,
    /// A decision of a person stands on it.
    pub person_decided: bool,
}

/// A customer as matching knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownCustomerRow {
    /// Book id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// IBAN from the ledger.
    pub iban: Option<String>,
}

/// One booked allocation of an earlier incoming payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierRow {
    /// Book id of the transaction.
    pub transaction_id: i64,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// The transaction's amount.
    pub amount: Money,
    /// Counterparty IBAN.
    pub counterparty_iban: Option<String>,
    /// End-to-end id.
    pub end_to_end_id: Option<String>,
    /// The invoice it paid.
    pub invoice_id: i64,
    /// How much of it.
    pub allocated: Money,
}

/// Everything a matching run reads, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchingRows {
    /// Invoices the ledger calls open.
    pub invoices: Vec<OpenInvoiceRow>,
    /// Transactions with nothing booked, by booking date.
    pub unplaced: Vec<UnplacedRow>,
    /// Every customer.
    pub customers: Vec<KnownCustomerRow>,
    /// IBANs learned from decisions: (IBAN, customer id).
    pub learned: Vec<(String, i64)>,
    /// Accounts marked as shared.
    pub shared: Vec<String>,
    /// Booked allocations of earlier incoming payments, by transaction.
    pub earlier: Vec<EarlierRow>,
}

/// One allocation a matching run proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposedRow<'a> {
    /// Book id of the transaction.
    pub transaction_id: i64,
    /// Book id of the invoice.
    pub invoice_id: i64,
    /// Amount applied.
    pub amount: Money,
    /// Confidence in thousandths.
    pub confidence_permille: u16,
    /// Booked without a person (otherwise suggested).
    pub auto: bool,
    /// Why, in English.
    pub reason: &'a str,
    /// Why, in Dutch.
    pub reason_nl: &'a str,
}

/// One allocation as the CLI and the Reconcile screen show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationLine {
    /// Book id of the transaction.
    pub transaction_id: i64,
    /// Booking date.
    pub booking_date: NaiveDate,
    /// The transaction's signed amount.
    pub transaction_amount: Money,
    /// Counterparty name.
    pub counterparty_name: Option<String>,
    /// End-to-end id.
    pub end_to_end_id: Option<String>,
    /// The bank's reference.
    pub bank_reference: Option<String>,
    /// Invoice number.
    pub invoice: String,
    /// Amount applied to the invoice.
    pub amount: Money,
    /// Confidence in permille.
    pub confidence_permille: u16,
    /// Made by the matcher without a person.
    pub auto: bool,
    /// Booked (otherwise a suggestion).
    pub booked: bool,
    /// Why, in English (the CLI contract's `reason`).
    pub reason: String,
    /// Why, in Dutch; `None` for allocations written before Dutch reasons.
    pub reason_nl: Option<String>,
}

/// A decision as stored, for undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    /// The transaction it was taken on.
    pub transaction_id: i64,
    /// Its kind (`confirm`, `reject`, `allocate`, `ignore`).
    pub kind: String,
    /// It was undone already.
    pub undone: bool,
    /// A later decision on the same transaction still in force.
    pub later: Option<i64>,
}

/// A transaction's allocations and flag as they were before a decision.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Snapshot {
    not_customer_payment: bool,
    allocations: Vec<SavedAllocation>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SavedAllocation {
    id: i64,
    invoice_id: i64,
    amount_cents: i64,
    confidence_permille: i64,
    auto: bool,
    state: String,
    reason: String,
    #[serde(default)]
    reason_nl: Option<String>,
    created_at: String,
    decision_id: Option<i64>,
}

/// Reads what a matching run needs inside the caller's transaction, so that
/// a pass reads what the pass before it wrote.
///
/// # Errors
/// When the book cannot be read.
pub async fn read_matching_rows(
    connection: &mut SqliteConnection,
) -> Result<MatchingRows, BookError> {
    let invoices = sqlx::query!(
        r#"SELECT i.id AS "id!: i64", i.number, i.customer_id, i.amount_cents, i.currency,
                      i.invoice_date AS "invoice_date: NaiveDate", i.due_date AS "due_date: NaiveDate",
                      i.reference, i.disputed, i.credits_invoice_id,
                      COALESCE((SELECT SUM(a.amount_cents) FROM allocations a
                                WHERE a.invoice_id = i.id AND a.state = 'booked'), 0) AS "allocated_cents!: i64"
               FROM invoices i WHERE i.ledger_status = 'open'"#
    )
    .fetch_all(&mut *connection)
    .await?
    .into_iter()
    .map(|row| OpenInvoiceRow {
        id: row.id,
        number: row.number,
        customer_id: row.customer_id,
        amount: Money::from_cents(row.amount_cents),
        allocated: Money::from_cents(row.allocated_cents),
        currency: row.currency,
        invoice_date: row.invoice_date,
        due_date: row.due_date,
        reference: row.reference,
        disputed: row.disputed != 0,
        credits_invoice_id: row.credits_invoice_id,
    })
    .collect();

    let unplaced = sqlx::query!(
        r#"SELECT t.id AS "id!: i64", t.booking_date AS "booking_date: NaiveDate", t.amount_cents,
                      t.currency, t.counterparty_name, t.counterparty_iban, t.remittance,
                      t.structured_reference, t.end_to_end_id, t.reversal, t.return_reason,
                      t.ultimate_debtor,
                      (SELECT group_concat(a.invoice_id) FROM allocations a
                       WHERE a.transaction_id = t.id AND a.state = 'rejected') AS "rejected: String",
                      EXISTS (SELECT 1 FROM match_decisions d
                              WHERE d.transaction_id = t.id AND d.undone_at IS NULL) AS "decided!: bool"
               FROM bank_transactions t
               WHERE t.not_customer_payment = 0
                 AND NOT EXISTS (SELECT 1 FROM allocations a
                                 WHERE a.transaction_id = t.id AND a.state = 'booked')
               ORDER BY t.booking_date, t.id"#
    )
    .fetch_all(&mut *connection)
    .await?
    .into_iter()
    .map(|row| UnplacedRow {
        id: row.id,
        booking_date: row.booking_date,
        amount: Money::from_cents(row.amount_cents),
        currency: row.currency,
        counterparty_name: row.counterparty_name,
        counterparty_iban: row.counterparty_iban,
        remittance: row.remittance,
        structured_reference: row.structured_reference,
        end_to_end_id: row.end_to_end_id,
        reversal: row.reversal != 0,
        return_reason: row.return_reason,
        ultimate_debtor: row.ultimate_debtor,
        rejected_invoices: split_ids(row.rejected),
        person_decided: row.decided,
    })
    .collect();

    let customers = sqlx::query!(r#"SELECT id AS "id!: i64", code, name, iban FROM customers"#)
        .fetch_all(&mut *connection)
        .await?
        .into_iter()
        .map(|row| KnownCustomerRow {
            id: row.id,
            code: row.code,
            name: row.name,
            iban: row.iban,
        })
        .collect();
    let learned = sqlx::query!("SELECT iban, customer_id FROM customer_ibans")
        .fetch_all(&mut *connection)
        .await?
        .into_iter()
        .map(|row| (row.iban, row.customer_id))
        .collect();
    let shared = sqlx::query_scalar!("SELECT iban FROM shared_accounts")
        .fetch_all(&mut *connection)
        .await?;
    let earlier = sqlx::query!(
        r#"SELECT t.id AS "id!: i64", t.booking_date AS "booking_date: NaiveDate", t.amount_cents,
                      t.counterparty_iban, t.end_to_end_id, a.invoice_id, a.amount_cents AS allocated_cents
               FROM bank_transactions t
               JOIN allocations a ON a.transaction_id = t.id AND a.state = 'booked'
               WHERE t.amount_cents > 0
               ORDER BY t.id, a.id"#
    )
    .fetch_all(&mut *connection)
    .await?
    .into_iter()
    .map(|row| EarlierRow {
        transaction_id: row.id,
        booking_date: row.booking_date,
        amount: Money::from_cents(row.amount_cents),
        counterparty_iban: row.counterparty_iban,
        end_to_end_id: row.end_to_end_id,
        invoice_id: row.invoice_id,
        allocated: Money::from_cents(row.allocated_cents),
    })
    .collect();
    Ok(MatchingRows {
        invoices,
        unplaced,
        customers,
        learned,
        shared,
        earlier,
    })
}

/// Writes one pass of proposals in the caller's transaction: the undecided
/// suggestions on `transaction_ids` (the transactions the pass looked at)
/// are replaced, automatic proposals are booked, the rest suggested.
///
/// # Errors
/// When the book cannot be written.
pub async fn write_proposals(
    connection: &mut SqliteConnection,
    transaction_ids: &[i64],
    proposed: &[ProposedRow<'_>],
    at: DateTime<Utc>,
) -> Result<(), BookError> {
    // One statement per batch (SQLite's `json_each`), not one per
    // transaction: a run over 300,000 transactions stays well under a second.
    for batch in transaction_ids.chunks(RECORD_BATCH) {
        let ids = serde_json::Value::from(batch.to_vec()).to_string();
        sqlx::query!(
            "DELETE FROM allocations WHERE state = 'suggested' AND decision_id IS NULL
                 AND transaction_id IN (SELECT value FROM json_each(?))",
            ids
        )
        .execute(&mut *connection)
        .await?;
    }
    let mut rows = Vec::with_capacity(proposed.len());
    for row in proposed {
        let state = if row.auto {
            State::Booked
        } else {
            State::Suggested
        };
        rows.push(serde_json::json!([
            row.transaction_id,
            row.invoice_id,
            row.amount.to_cents()?,
            i64::from(row.confidence_permille),
            i64::from(row.auto),
            state.as_str(),
            row.reason,
            row.reason_nl,
        ]));
    }
    for batch in rows.chunks(RECORD_BATCH) {
        let batch = serde_json::Value::from(batch.to_vec()).to_string();
        sqlx::query!(
            r#"INSERT INTO allocations (transaction_id, invoice_id, amount_cents, confidence_permille, auto,
                                            state, reason, reason_nl, created_at)
                   SELECT json_extract(row.value, '$[0]'), json_extract(row.value, '$[1]'),
                          json_extract(row.value, '$[2]'), json_extract(row.value, '$[3]'),
                          json_extract(row.value, '$[4]'), json_extract(row.value, '$[5]'),
                          json_extract(row.value, '$[6]'), json_extract(row.value, '$[7]'), ?
                   FROM json_each(?) AS row"#,
            at,
            batch
        )
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// Records a matching run in the audit log: proposals booked and suggested
/// and transactions looked at.
///
/// # Errors
/// When the book cannot be written.
pub async fn audit_run(
    connection: &mut SqliteConnection,
    at: DateTime<Utc>,
    (n_booked, n_suggested): (usize, usize),
    n_looked_at: usize,
) -> Result<(), BookError> {
    let detail = format!("{n_booked} booked, {n_suggested} suggested, {n_looked_at} looked at");
    audit(
        connection,
        at,
        "matcher",
        "match.run",
        "book",
        Some(&detail),
    )
    .await
}

fn split_ids(list: Option<String>) -> Vec<i64> {
    list.map(|list| {
        list.split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect()
    })
    .unwrap_or_default()
}

impl Book {
    /// Reads what a matching run needs (see [`read_matching_rows`]).
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn matching_rows(&self) -> Result<MatchingRows, BookError> {
        let mut connection = self.pool().acquire().await?;
        read_matching_rows(&mut connection).await
    }

    /// Every allocation booked (`true`) or suggested (`false`) with its
    /// transaction, by booking date.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn allocation_lines(&self, booked: bool) -> Result<Vec<AllocationLine>, BookError> {
        let state = if booked {
            State::Booked
        } else {
            State::Suggested
        }
        .as_str();
        let rows = sqlx::query!(
            r#"SELECT t.id AS "transaction_id!: i64", t.booking_date AS "booking_date: NaiveDate",
                      t.amount_cents AS transaction_cents, t.counterparty_name, t.end_to_end_id,
                      t.bank_reference, i.number, a.amount_cents, a.confidence_permille, a.auto,
                      a.reason, a.reason_nl
               FROM allocations a
               JOIN bank_transactions t ON t.id = a.transaction_id
               JOIN invoices i ON i.id = a.invoice_id
               WHERE a.state = ?
               ORDER BY t.booking_date, t.id, a.id"#,
            state
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| AllocationLine {
                transaction_id: row.transaction_id,
                booking_date: row.booking_date,
                transaction_amount: Money::from_cents(row.transaction_cents),
                counterparty_name: row.counterparty_name,
                end_to_end_id: row.end_to_end_id,
                bank_reference: row.bank_reference,
                invoice: row.number,
                amount: Money::from_cents(row.amount_cents),
                confidence_permille: u16::try_from(row.confidence_permille.clamp(0, 1000))
                    .unwrap_or(0),
                auto: row.auto != 0,
                booked,
                reason: row.reason,
                reason_nl: row.reason_nl,
            })
            .collect())
    }

    /// The invoice numbered `number` with its customer and what it has
    /// open not counting transaction `transaction_id`'s own booking; `None`
    /// for an unknown invoice.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn named_invoice(
        &self,
        number: &str,
        transaction_id: i64,
    ) -> Result<Option<Named>, BookError> {
        Ok(sqlx::query!(
            r#"SELECT i.id AS "id!: i64", i.customer_id,
                      i.amount_cents - COALESCE((SELECT SUM(a.amount_cents) FROM allocations a
                      WHERE a.invoice_id = i.id AND a.state = 'booked' AND a.transaction_id != ?), 0)
                      AS "open!: i64"
               FROM invoices i WHERE i.number = ?"#,
            transaction_id,
            number
        )
        .fetch_optional(self.pool())
        .await?
        .map(|row| Named {
            invoice_id: row.id,
            customer_id: row.customer_id,
            open: Money::from_cents(row.open),
        }))
    }

    /// A transaction's signed amount; `None` for an unknown id.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn transaction_amount(
        &self,
        transaction_id: i64,
    ) -> Result<Option<Money>, BookError> {
        Ok(sqlx::query_scalar!(
            "SELECT amount_cents FROM bank_transactions WHERE id = ?",
            transaction_id
        )
        .fetch_optional(self.pool())
        .await?
        .map(Money::from_cents))
    }

    /// The payer's IBAN of a transaction, as imported.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn payer_iban(&self, transaction_id: i64) -> Result<Option<String>, BookError> {
        Ok(sqlx::query_scalar!(
            "SELECT counterparty_iban FROM bank_transactions WHERE id = ?",
            transaction_id
        )
        .fetch_optional(self.pool())
        .await?
        .flatten())
    }

    /// Whether `iban` (normalised) is marked as a shared account.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn is_shared_account(&self, iban: &str) -> Result<bool, BookError> {
        Ok(sqlx::query_scalar!(
            r#"SELECT COUNT(*) AS "count!: i64" FROM shared_accounts WHERE iban = ?"#,
            iban
        )
        .fetch_one(self.pool())
        .await?
            > 0)
    }

    /// Takes a decision on a transaction in one database transaction: reads
    /// it as it stands, lets `decide` (a matching rule) make the change or
    /// refuse, and writes the change with a snapshot of what was there, its
    /// allocations tagged with the decision, and the audit entry
    /// `match.<kind>`. Returns the decision id; on a refusal nothing is
    /// written. `missing` is the error for an unknown transaction.
    ///
    /// # Errors
    /// `missing`, what `decide` returns, or a book failure.
    pub async fn decide<E>(
        &self,
        transaction_id: i64,
        missing: E,
        decide: impl FnOnce(&Transaction) -> Result<Change, E> + Send,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, E>
    where
        E: From<BookError> + Send,
    {
        let mut transaction = self.begin().await?;
        let connection: &mut SqliteConnection = &mut transaction;
        let Some(current) = read_transaction(connection, transaction_id).await? else {
            return Err(missing);
        };
        let change = decide(&current)?;
        let snapshot = snapshot(connection, transaction_id).await?;
        let decision = write_change(connection, transaction_id, &change, &snapshot, actor, at)
            .await
            .map_err(E::from)?;
        transaction.commit().await.map_err(BookError::from)?;
        Ok(decision)
    }

    /// Undoes decision `decision_id` in one database transaction once
    /// `allow` (a matching rule) agrees: the transaction's allocations and
    /// flag return to what they were, and IBANs it taught are forgotten.
    ///
    /// # Errors
    /// What `allow` returns, or a book failure.
    pub async fn undo_decision<E>(
        &self,
        decision_id: i64,
        allow: impl FnOnce(Option<&DecisionRow>) -> Result<(), E> + Send,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<(), E>
    where
        E: From<BookError> + Send,
    {
        let mut transaction = self.begin().await?;
        let connection: &mut SqliteConnection = &mut transaction;
        let stored = sqlx::query!(
            r#"SELECT transaction_id, kind, before, undone_at FROM match_decisions WHERE id = ?"#,
            decision_id
        )
        .fetch_optional(&mut *connection)
        .await
        .map_err(BookError::from)?;
        let row = match &stored {
            Some(stored) => Some(DecisionRow {
                transaction_id: stored.transaction_id,
                kind: stored.kind.clone(),
                undone: stored.undone_at.is_some(),
                later: sqlx::query_scalar!(
                    r#"SELECT MAX(id) AS "id: i64" FROM match_decisions
                       WHERE transaction_id = ? AND undone_at IS NULL AND id > ?"#,
                    stored.transaction_id,
                    decision_id
                )
                .fetch_one(&mut *connection)
                .await
                .map_err(BookError::from)?,
            }),
            None => None,
        };
        allow(row.as_ref())?;
        if let (Some(stored), Some(row)) = (stored, row) {
            restore(connection, decision_id, &row, &stored.before, actor, at).await?;
        }
        transaction.commit().await.map_err(BookError::from)?;
        Ok(())
    }

    /// Marks an IBAN (normalised) as a shared account (payment provider,
    /// factoring): it never points to a customer and is never learned.
    ///
    /// # Errors
    /// When the book cannot be written.
    pub async fn mark_shared_account(
        &self,
        iban: &str,
        note: Option<&str>,
    ) -> Result<(), BookError> {
        sqlx::query!(
            "INSERT INTO shared_accounts (iban, note) VALUES (?, ?) ON CONFLICT (iban) DO UPDATE SET note = excluded.note",
            iban,
            note
        )
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Customer ids with the IBANs learned for them.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn learned_ibans(&self) -> Result<Vec<(String, i64)>, BookError> {
        Ok(
            sqlx::query!("SELECT iban, customer_id FROM customer_ibans ORDER BY id")
                .fetch_all(self.pool())
                .await?
                .into_iter()
                .map(|row| (row.iban, row.customer_id))
                .collect(),
        )
    }

    /// Undecided match suggestions: customer code and invoice number.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn pending_suggestions(&self) -> Result<Vec<(String, String)>, BookError> {
        Ok(sqlx::query!(
            r#"SELECT c.code, i.number FROM allocations a
               JOIN invoices i ON i.id = a.invoice_id
               JOIN customers c ON c.id = i.customer_id
               JOIN bank_transactions t ON t.id = a.transaction_id
               WHERE a.state = 'suggested' AND t.not_customer_payment = 0
               ORDER BY c.code, i.number"#
        )
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|row| (row.code, row.number))
        .collect())
    }
}

/// A transaction with its payer and its allocations' customers and states.
async fn read_transaction(
    connection: &mut SqliteConnection,
    transaction_id: i64,
) -> Result<Option<Transaction>, BookError> {
    let Some(row) = sqlx::query!(
        "SELECT amount_cents, counterparty_iban, counterparty_name, remittance, ultimate_debtor
         FROM bank_transactions WHERE id = ?",
        transaction_id
    )
    .fetch_optional(&mut *connection)
    .await?
    else {
        return Ok(None);
    };
    let held = sqlx::query!(
        r#"SELECT i.customer_id, a.state FROM allocations a
           JOIN invoices i ON i.id = a.invoice_id
           WHERE a.transaction_id = ? ORDER BY a.id"#,
        transaction_id
    )
    .fetch_all(&mut *connection)
    .await?;
    let mut allocations = Vec::with_capacity(held.len());
    for allocation in held {
        let state = allocation
            .state
            .parse::<State>()
            .map_err(|_| BookError::Corrupt {
                what: "allocation state",
                value: allocation.state.clone(),
            })?;
        allocations.push(Held {
            customer_id: allocation.customer_id,
            state,
        });
    }
    Ok(Some(Transaction {
        id: transaction_id,
        amount: Money::from_cents(row.amount_cents),
        payer: Payer {
            iban: row.counterparty_iban,
            name: row.counterparty_name,
            remittance: row.remittance,
            ultimate_debtor: row.ultimate_debtor,
        },
        allocations,
    }))
}

/// Writes `change` as decision on `transaction_id`; returns its id.
async fn write_change(
    connection: &mut SqliteConnection,
    transaction_id: i64,
    change: &Change,
    snapshot: &Snapshot,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<i64, BookError> {
    let kind = change.kind.as_str();
    let before = serde_json::to_string(snapshot).map_err(|error| BookError::Corrupt {
        what: "match decision",
        value: error.to_string(),
    })?;
    let decision = sqlx::query!(
        "INSERT INTO match_decisions (transaction_id, kind, actor, at, before) VALUES (?, ?, ?, ?, ?)",
        transaction_id,
        kind,
        actor,
        at,
        before
    )
    .execute(&mut *connection)
    .await?
    .last_insert_rowid();
    if let Some(restate) = &change.restate {
        let to = restate.to.as_str();
        for from in &restate.from {
            let from = from.as_str();
            sqlx::query!(
                "UPDATE allocations SET state = ?, decision_id = ? WHERE transaction_id = ? AND state = ?",
                to,
                decision,
                transaction_id,
                from
            )
            .execute(&mut *connection)
            .await?;
        }
    }
    let (reason, reason_nl) = &change.reason;
    for part in &change.parts {
        let id = insert_allocation(
            connection,
            &NewAllocation {
                transaction_id,
                invoice_id: part.invoice_id,
                amount: part.amount,
                confidence_permille: 1000,
                auto: false,
                booked: true,
                reason,
                reason_nl: Some(reason_nl),
                created_at: at,
            },
        )
        .await?;
        sqlx::query!(
            "UPDATE allocations SET decision_id = ? WHERE id = ?",
            decision,
            id
        )
        .execute(&mut *connection)
        .await?;
    }
    if let Some(flag) = change.not_customer_payment {
        sqlx::query!(
            "UPDATE bank_transactions SET not_customer_payment = ? WHERE id = ?",
            flag,
            transaction_id
        )
        .execute(&mut *connection)
        .await?;
    }
    if let Some((iban, customer)) = &change.learn {
        sqlx::query!(
            "INSERT OR IGNORE INTO customer_ibans (iban, customer_id, learned_from_decision, learned_at) VALUES (?, ?, ?, ?)",
            iban,
            customer,
            decision,
            at
        )
        .execute(&mut *connection)
        .await?;
    }
    let detail = match &change.detail {
        Some(detail) => format!("decision {decision}: {detail}"),
        None => format!("decision {decision}"),
    };
    audit(
        connection,
        at,
        actor,
        &format!("match.{kind}"),
        &format!("transaction {transaction_id}"),
        Some(&detail),
    )
    .await?;
    Ok(decision)
}

/// Puts back what decision `decision_id` found, forgets what it taught and
/// marks it undone.
async fn restore(
    connection: &mut SqliteConnection,
    decision_id: i64,
    decision: &DecisionRow,
    before: &str,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<(), BookError> {
    let before: Snapshot = serde_json::from_str(before).map_err(|_| BookError::Corrupt {
        what: "match decision",
        value: before.to_owned(),
    })?;
    let transaction_id = decision.transaction_id;
    sqlx::query!(
        "DELETE FROM allocations WHERE transaction_id = ?",
        transaction_id
    )
    .execute(&mut *connection)
    .await?;
    for saved in &before.allocations {
        sqlx::query!(
            r#"INSERT INTO allocations (id, transaction_id, invoice_id, amount_cents, confidence_permille,
                                       auto, state, reason, reason_nl, created_at, decision_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
            saved.id,
            transaction_id,
            saved.invoice_id,
            saved.amount_cents,
            saved.confidence_permille,
            saved.auto,
            saved.state,
            saved.reason,
            saved.reason_nl,
            saved.created_at,
            saved.decision_id
        )
        .execute(&mut *connection)
        .await?;
    }
    sqlx::query!(
        "UPDATE bank_transactions SET not_customer_payment = ? WHERE id = ?",
        before.not_customer_payment,
        transaction_id
    )
    .execute(&mut *connection)
    .await?;
    sqlx::query!(
        "DELETE FROM customer_ibans WHERE learned_from_decision = ?",
        decision_id
    )
    .execute(&mut *connection)
    .await?;
    sqlx::query!(
        "UPDATE match_decisions SET undone_at = ? WHERE id = ?",
        at,
        decision_id
    )
    .execute(&mut *connection)
    .await?;
    audit(
        connection,
        at,
        actor,
        "match.undo",
        &format!("transaction {transaction_id}"),
        Some(&format!("decision {decision_id} ({})", decision.kind)),
    )
    .await
}

async fn snapshot(
    connection: &mut SqliteConnection,
    transaction_id: i64,
) -> Result<Snapshot, BookError> {
    let flag = sqlx::query_scalar!(
        "SELECT not_customer_payment FROM bank_transactions WHERE id = ?",
        transaction_id
    )
    .fetch_one(&mut *connection)
    .await?;
    let rows = sqlx::query!(
        r#"SELECT id AS "id!: i64", invoice_id, amount_cents, confidence_permille, auto, state, reason,
                  reason_nl, created_at, decision_id
           FROM allocations WHERE transaction_id = ? ORDER BY id"#,
        transaction_id
    )
    .fetch_all(&mut *connection)
    .await?;
    Ok(Snapshot {
        not_customer_payment: flag != 0,
        allocations: rows
            .into_iter()
            .map(|row| SavedAllocation {
                id: row.id,
                invoice_id: row.invoice_id,
                amount_cents: row.amount_cents,
                confidence_permille: row.confidence_permille,
                auto: row.auto != 0,
                state: row.state,
                reason: row.reason,
                reason_nl: row.reason_nl,
                created_at: row.created_at,
                decision_id: row.decision_id,
            })
            .collect(),
    })
}
