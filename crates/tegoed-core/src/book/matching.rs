//! The book side of matching: loading what the engine needs, writing its
//! proposals, and the decisions people take on a transaction — confirm,
//! reject, allocate (re-assign or split), not a customer payment — each
//! recorded with what was there before so that [`Book::undo_decision`]
//! restores it, and each in the audit log.
//!
//! Invariants: an automatic run only replaces the matcher's own undecided
//! suggestions on transactions that have nothing booked; allocations a
//! person decided on carry their decision id and are never touched by a
//! run; a transaction a person decided on gets suggestions only. A
//! confirmed match teaches the payer's IBAN for the customer unless the
//! account is shared; undoing the decision unlearns it.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::{Book, BookError, NewAllocation, audit, insert_allocation};
use crate::matching::{
    Allocation, Customer, EarlierPayment, Knowledge, OpenItem, Payment, Proposal, Reversal,
    Settings, detect_reversal,
};
use crate::money::Money;

/// Rows per statement when a matching run records its proposals.
const RECORD_BATCH: usize = 5_000;

/// Why a person's decision could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    /// No transaction with this id.
    #[error("there is no bank transaction {0}")]
    UnknownTransaction(i64),
    /// No invoice with this number.
    #[error("there is no invoice {0}")]
    UnknownInvoice(String),
    /// The same invoice twice in one split.
    #[error("invoice {0} appears twice in the split; give it one part")]
    TwiceInSplit(String),
    /// Nothing suggested to confirm.
    #[error("transaction {0} has no suggestion to confirm (allocate it instead)")]
    NothingToConfirm(i64),
    /// Nothing booked or suggested to reject.
    #[error("transaction {0} has no match to reject")]
    NothingToReject(i64),
    /// Allocations that do not fit the transaction.
    #[error(
        "allocations of {allocated} do not fit transaction {transaction} of {amount} (same sign, at most the amount)"
    )]
    DoesNotFit {
        /// The transaction.
        transaction: i64,
        /// Its amount.
        amount: Money,
        /// What was to be allocated.
        allocated: Money,
    },
    /// No decision with this id.
    #[error("there is no decision {0}")]
    UnknownDecision(i64),
    /// The decision was undone already.
    #[error("decision {0} was undone already")]
    AlreadyUndone(i64),
    /// A later decision on the same transaction must be undone first.
    #[error(
        "undo decision {later} first: it came after decision {decision} on the same transaction"
    )]
    NotLatest {
        /// The decision asked for.
        decision: i64,
        /// The later one still in force.
        later: i64,
    },
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

impl From<sqlx::Error> for DecisionError {
    fn from(error: sqlx::Error) -> DecisionError {
        DecisionError::Book(BookError::Query(error))
    }
}

impl From<crate::money::MoneyOverflow> for DecisionError {
    fn from(error: crate::money::MoneyOverflow) -> DecisionError {
        DecisionError::Book(BookError::Overflow(error))
    }
}

/// Everything the engine needs, read from the book.
#[derive(Debug, Clone, Default)]
pub struct MatchingInput {
    /// Open invoices and credit notes.
    pub items: Vec<OpenItem>,
    /// Invoices the ledger calls open that booked allocations pay in full,
    /// with nothing open: matching keeps them in view so a payment naming
    /// one is seen as naming a paid invoice (the dunning gate ignores them).
    pub settled: Vec<OpenItem>,
    /// Transactions with nothing booked, not marked as not-a-customer-payment.
    pub payments: Vec<Payment>,
    /// Customers, known and learned IBANs, shared accounts, earlier payments.
    pub knowledge: Knowledge,
    /// Customer codes by id, for reports.
    pub customer_codes: HashMap<i64, String>,
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

/// The setting keys of the matcher in the `settings` table.
const THRESHOLD_KEY: &str = "matching.auto_threshold_permille";
const TOLERANCE_KEY: &str = "matching.tolerance_cents";
const TOLERANCE_PERMILLE_KEY: &str = "matching.tolerance_permille";

/// Reads what the matcher needs inside the caller's transaction, so that a
/// run reads what its own earlier pass wrote.
///
/// # Errors
/// When the book cannot be read.
pub async fn read_matching_input(
    connection: &mut SqliteConnection,
) -> Result<MatchingInput, BookError> {
    let invoices = sqlx::query!(
        r#"SELECT i.id AS "id!: i64", i.number, i.customer_id, i.amount_cents, i.currency,
                      i.invoice_date AS "invoice_date: NaiveDate", i.due_date AS "due_date: NaiveDate",
                      i.reference, i.disputed, i.credits_invoice_id,
                      COALESCE((SELECT SUM(a.amount_cents) FROM allocations a
                                WHERE a.invoice_id = i.id AND a.state = 'booked'), 0) AS "allocated_cents!: i64"
               FROM invoices i WHERE i.ledger_status = 'open'"#
    )
    .fetch_all(&mut *connection)
    .await?;
    // Invoices this book already counts as paid stay in view with nothing
    // open: a payment that names one is then seen as naming a paid invoice
    // (a double payment, for a person) in every run, not only in the run
    // that paid it. Without them a second run would book by IBAN what the
    // first left to a person (issue 14).
    let (settled, items): (Vec<_>, Vec<_>) = invoices
        .into_iter()
        .map(|row| {
            let item = OpenItem {
                invoice_id: row.id,
                number: row.number,
                customer_id: row.customer_id,
                open: Money::from_cents(row.amount_cents - row.allocated_cents),
                invoice_date: row.invoice_date,
                due_date: row.due_date,
                currency: row.currency,
                reference: row.reference,
                credit_note: row.amount_cents < 0 || row.credits_invoice_id.is_some(),
                disputed: row.disputed != 0,
                instalments: Vec::new(),
            };
            (item.open.is_zero(), item)
        })
        .partition(|(settled, _)| *settled);
    let items = items.into_iter().map(|(_, item)| item).collect();
    let settled = settled.into_iter().map(|(_, item)| item).collect();

    let transactions = sqlx::query!(
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
    .await?;
    let payments = transactions
        .into_iter()
        .map(|row| {
            // The bank's own mark (camt `RvslInd`, a return reason, MT940
            // `RC`) first; words in the remittance otherwise.
            // A code written in the text fills in a mark without one.
            let worded = row.remittance.as_deref().and_then(detect_reversal);
            let marked = (row.reversal != 0 || row.return_reason.is_some()).then(|| Reversal {
                reason: row
                    .return_reason
                    .clone()
                    .or_else(|| worded.clone().and_then(|reversal| reversal.reason)),
            });
            let reversal: Option<Reversal> =
                (row.amount_cents < 0).then(|| marked.or(worded)).flatten();
            Payment {
                transaction_id: row.id,
                booking_date: row.booking_date,
                amount: Money::from_cents(row.amount_cents),
                currency: row.currency,
                counterparty_name: row.counterparty_name,
                counterparty_iban: row.counterparty_iban,
                remittance: row.remittance,
                structured_reference: row.structured_reference,
                end_to_end_id: row.end_to_end_id,
                ultimate_debtor: row.ultimate_debtor,
                reversal,
                rejected_invoices: split_ids(row.rejected),
                person_decided: row.decided,
            }
        })
        .collect();

    let customers = sqlx::query!(r#"SELECT id AS "id!: i64", code, name, iban FROM customers"#)
        .fetch_all(&mut *connection)
        .await?;
    let mut knowledge = Knowledge::default();
    let mut customer_codes = HashMap::new();
    for row in customers {
        if let Some(iban) = row.iban.filter(|iban| !iban.trim().is_empty()) {
            knowledge.ibans.push((iban, row.id));
        }
        customer_codes.insert(row.id, row.code.clone());
        knowledge.customers.push(Customer {
            id: row.id,
            code: row.code,
            name: row.name,
        });
    }
    let learned = sqlx::query!("SELECT iban, customer_id FROM customer_ibans")
        .fetch_all(&mut *connection)
        .await?;
    knowledge
        .ibans
        .extend(learned.into_iter().map(|row| (row.iban, row.customer_id)));
    knowledge.shared_ibans = sqlx::query_scalar!("SELECT iban FROM shared_accounts")
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
    .await?;
    for row in earlier {
        let allocation = Allocation {
            invoice_id: row.invoice_id,
            amount: Money::from_cents(row.allocated_cents),
        };
        match knowledge.earlier.last_mut() {
            Some(last) if last.transaction_id == row.id => last.allocations.push(allocation),
            _ => knowledge.earlier.push(EarlierPayment {
                transaction_id: row.id,
                booking_date: row.booking_date,
                amount: Money::from_cents(row.amount_cents),
                counterparty_iban: row.counterparty_iban,
                end_to_end_id: row.end_to_end_id,
                allocations: vec![allocation],
            }),
        }
    }
    Ok(MatchingInput {
        items,
        settled,
        payments,
        knowledge,
        customer_codes,
    })
}

/// Writes one pass of the matcher's proposals in the caller's transaction:
/// the undecided suggestions on `transaction_ids` (the transactions the
/// pass looked at) are replaced, automatic proposals are booked, the rest
/// suggested. Returns how many proposals were booked and suggested.
///
/// # Errors
/// When the book cannot be written.
pub async fn write_proposals(
    connection: &mut SqliteConnection,
    transaction_ids: &[i64],
    proposals: &[Proposal],
    at: DateTime<Utc>,
) -> Result<(usize, usize), BookError> {
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
    let mut rows = Vec::new();
    let mut n_booked = 0;
    let mut n_suggested = 0;
    for proposal in proposals {
        let reason = proposal.reason();
        let reason_nl = proposal.reason_nl();
        for allocation in &proposal.allocations {
            rows.push(serde_json::json!([
                proposal.transaction_id,
                allocation.invoice_id,
                allocation.amount.to_cents()?,
                i64::from(proposal.confidence.permille()),
                i64::from(proposal.auto),
                if proposal.auto { "booked" } else { "suggested" },
                reason,
                reason_nl,
            ]));
        }
        if proposal.auto {
            n_booked += 1;
        } else {
            n_suggested += 1;
        }
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
    Ok((n_booked, n_suggested))
}

/// Records a matching run in the audit log: proposals booked and suggested
/// (as counted by [`write_proposals`]) and transactions looked at.
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
    /// The matcher's settings: the defaults, overridden by `matching.*` keys
    /// in the settings table.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn matching_settings(&self) -> Result<Settings, BookError> {
        let rows = sqlx::query!("SELECT key, value FROM settings WHERE key LIKE 'matching.%'")
            .fetch_all(self.pool())
            .await?;
        let mut settings = Settings::default();
        for row in rows {
            let Ok(number) = row.value.trim().parse::<i64>() else {
                continue;
            };
            match row.key.as_str() {
                THRESHOLD_KEY => {
                    settings.auto_threshold = crate::matching::Confidence::from_permille(
                        u16::try_from(number.clamp(0, 1000)).unwrap_or(1000),
                    );
                }
                TOLERANCE_KEY => settings.tolerance = Money::from_cents(number.max(0)),
                TOLERANCE_PERMILLE_KEY => {
                    settings.tolerance_permille = u16::try_from(number.clamp(0, 1000)).unwrap_or(0);
                }
                _ => {}
            }
        }
        Ok(settings)
    }

    /// Reads what the matcher needs: open items, transactions with nothing
    /// booked, and what is known about customers.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn matching_input(&self) -> Result<MatchingInput, BookError> {
        let mut connection = self.pool().acquire().await?;
        read_matching_input(&mut connection).await
    }

    /// Writes the matcher's proposals in one transaction: the undecided
    /// suggestions on `transaction_ids` (the transactions the run looked at)
    /// are replaced, automatic proposals are booked, the rest suggested.
    ///
    /// # Errors
    /// When the book cannot be written; then nothing is.
    pub async fn record_proposals(
        &self,
        transaction_ids: &[i64],
        proposals: &[Proposal],
        at: DateTime<Utc>,
    ) -> Result<(), BookError> {
        let mut transaction = self.begin().await?;
        let counts = write_proposals(&mut transaction, transaction_ids, proposals, at).await?;
        audit_run(&mut transaction, at, counts, transaction_ids.len()).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Every allocation in `state` (`booked` or `suggested`) with its
    /// transaction, by booking date.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn allocation_lines(&self, booked: bool) -> Result<Vec<AllocationLine>, BookError> {
        let state = if booked { "booked" } else { "suggested" };
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

    /// Confirms the suggestions on a transaction: they become booked, and
    /// the payer's IBAN is learned for the customer. Returns the decision id.
    ///
    /// # Errors
    /// [`DecisionError::NothingToConfirm`] when nothing is suggested.
    pub async fn confirm_match(
        &self,
        transaction_id: i64,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, DecisionError> {
        let mut transaction = self.begin().await?;
        let connection: &mut SqliteConnection = &mut transaction;
        let snapshot = snapshot(connection, transaction_id).await?;
        if !snapshot
            .allocations
            .iter()
            .any(|allocation| allocation.state == "suggested")
        {
            return Err(DecisionError::NothingToConfirm(transaction_id));
        }
        let decision =
            start_decision(connection, transaction_id, "confirm", actor, at, &snapshot).await?;
        sqlx::query!(
            "UPDATE allocations SET state = 'booked', decision_id = ? WHERE transaction_id = ? AND state = 'suggested'",
            decision,
            transaction_id
        )
        .execute(&mut *connection)
        .await?;
        learn_iban(connection, transaction_id, decision, at).await?;
        audit(
            connection,
            at,
            actor,
            "match.confirm",
            &format!("transaction {transaction_id}"),
            Some(&format!("decision {decision}")),
        )
        .await?;
        transaction.commit().await.map_err(BookError::from)?;
        Ok(decision)
    }

    /// Rejects what is booked or suggested on a transaction: those invoices
    /// reopen and are never proposed for it again. Returns the decision id.
    ///
    /// # Errors
    /// [`DecisionError::NothingToReject`] when nothing is booked or suggested.
    pub async fn reject_match(
        &self,
        transaction_id: i64,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, DecisionError> {
        let mut transaction = self.begin().await?;
        let connection: &mut SqliteConnection = &mut transaction;
        let snapshot = snapshot(connection, transaction_id).await?;
        if !snapshot
            .allocations
            .iter()
            .any(|allocation| allocation.state != "rejected")
        {
            return Err(DecisionError::NothingToReject(transaction_id));
        }
        let decision =
            start_decision(connection, transaction_id, "reject", actor, at, &snapshot).await?;
        sqlx::query!(
            "UPDATE allocations SET state = 'rejected', decision_id = ? WHERE transaction_id = ? AND state IN ('booked', 'suggested')",
            decision,
            transaction_id
        )
        .execute(&mut *connection)
        .await?;
        audit(
            connection,
            at,
            actor,
            "match.reject",
            &format!("transaction {transaction_id}"),
            Some(&format!("decision {decision}")),
        )
        .await?;
        transaction.commit().await.map_err(BookError::from)?;
        Ok(decision)
    }

    /// Allocates a transaction by hand: re-assign (one invoice) or split
    /// (several). What was booked or suggested before is rejected; the new
    /// allocations are booked with full confidence, and the payer's IBAN is
    /// learned. Amounts carry the transaction's sign and add up to at most
    /// its amount. Returns the decision id.
    ///
    /// # Errors
    /// [`DecisionError::UnknownInvoice`] for an unknown number,
    /// [`DecisionError::DoesNotFit`] when the amounts do not fit.
    pub async fn allocate_match(
        &self,
        transaction_id: i64,
        allocations: &[(String, Money)],
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, DecisionError> {
        let mut transaction = self.begin().await?;
        let connection: &mut SqliteConnection = &mut transaction;
        let amount = transaction_amount(connection, transaction_id).await?;
        let allocated: Money = allocations.iter().map(|(_, amount)| *amount).sum();
        let mut numbers: Vec<&str> = allocations
            .iter()
            .map(|(number, _)| number.as_str())
            .collect();
        numbers.sort_unstable();
        if let Some(pair) = numbers.windows(2).find(|pair| pair.first() == pair.get(1)) {
            let number = pair.first().copied().unwrap_or_default();
            return Err(DecisionError::TwiceInSplit(number.to_owned()));
        }
        let fits = allocations.iter().all(|(_, part)| {
            (part.is_positive() && amount.is_positive())
                || (part.is_negative() && amount.is_negative())
        }) && allocated.decimal().abs() <= amount.decimal().abs()
            && !allocations.is_empty();
        if !fits {
            return Err(DecisionError::DoesNotFit {
                transaction: transaction_id,
                amount,
                allocated,
            });
        }
        let mut invoice_ids = Vec::with_capacity(allocations.len());
        for (number, _) in allocations {
            let id = sqlx::query_scalar!(
                r#"SELECT id AS "id!: i64" FROM invoices WHERE number = ?"#,
                number
            )
            .fetch_optional(&mut *connection)
            .await?
            .ok_or_else(|| DecisionError::UnknownInvoice(number.clone()))?;
            invoice_ids.push(id);
        }
        let snapshot = snapshot(connection, transaction_id).await?;
        let decision =
            start_decision(connection, transaction_id, "allocate", actor, at, &snapshot).await?;
        sqlx::query!(
            "UPDATE allocations SET state = 'rejected', decision_id = ? WHERE transaction_id = ? AND state IN ('booked', 'suggested')",
            decision,
            transaction_id
        )
        .execute(&mut *connection)
        .await?;
        let reason = format!("allocated by {actor}");
        let reason_nl = format!("toegewezen door {actor}");
        for ((_, part), invoice_id) in allocations.iter().zip(&invoice_ids) {
            let id = insert_allocation(
                connection,
                &NewAllocation {
                    transaction_id,
                    invoice_id: *invoice_id,
                    amount: *part,
                    confidence_permille: 1000,
                    auto: false,
                    booked: true,
                    reason: &reason,
                    reason_nl: Some(&reason_nl),
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
        learn_iban(connection, transaction_id, decision, at).await?;
        let numbers: Vec<String> = allocations
            .iter()
            .map(|(number, part)| format!("{number} {part}"))
            .collect();
        audit(
            connection,
            at,
            actor,
            "match.allocate",
            &format!("transaction {transaction_id}"),
            Some(&format!("decision {decision}: {}", numbers.join(", "))),
        )
        .await?;
        transaction.commit().await.map_err(BookError::from)?;
        Ok(decision)
    }

    /// Re-assigns a transaction to one invoice: its whole amount, or what
    /// the invoice still has open when that is less (the rest stays a
    /// credit). Returns the decision id.
    ///
    /// # Errors
    /// As [`Book::allocate_match`].
    pub async fn reassign_match(
        &self,
        transaction_id: i64,
        invoice_number: &str,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, DecisionError> {
        let amount = {
            let mut connection = self.pool().acquire().await?;
            transaction_amount(&mut connection, transaction_id).await?
        };
        let open = sqlx::query_scalar!(
            r#"SELECT i.amount_cents - COALESCE((SELECT SUM(a.amount_cents) FROM allocations a
                      WHERE a.invoice_id = i.id AND a.state = 'booked' AND a.transaction_id != ?), 0)
                      AS "open!: i64"
               FROM invoices i WHERE i.number = ?"#,
            transaction_id,
            invoice_number
        )
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| DecisionError::UnknownInvoice(invoice_number.to_owned()))?;
        let open = Money::from_cents(open);
        let part = if amount.is_positive() && open.is_positive() {
            amount.min(open)
        } else {
            amount
        };
        self.allocate_match(
            transaction_id,
            &[(invoice_number.to_owned(), part)],
            actor,
            at,
        )
        .await
    }

    /// Marks a transaction as not a customer payment: what was booked or
    /// suggested on it is rejected and the matcher leaves it alone. Returns
    /// the decision id.
    ///
    /// # Errors
    /// [`DecisionError::UnknownTransaction`] for an unknown id.
    pub async fn ignore_transaction(
        &self,
        transaction_id: i64,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, DecisionError> {
        let mut transaction = self.begin().await?;
        let connection: &mut SqliteConnection = &mut transaction;
        let snapshot = snapshot(connection, transaction_id).await?;
        let decision =
            start_decision(connection, transaction_id, "ignore", actor, at, &snapshot).await?;
        sqlx::query!(
            "UPDATE allocations SET state = 'rejected', decision_id = ? WHERE transaction_id = ? AND state IN ('booked', 'suggested')",
            decision,
            transaction_id
        )
        .execute(&mut *connection)
        .await?;
        sqlx::query!(
            "UPDATE bank_transactions SET not_customer_payment = 1 WHERE id = ?",
            transaction_id
        )
        .execute(&mut *connection)
        .await?;
        audit(
            connection,
            at,
            actor,
            "match.ignore",
            &format!("transaction {transaction_id}"),
            Some(&format!("decision {decision}: not a customer payment")),
        )
        .await?;
        transaction.commit().await.map_err(BookError::from)?;
        Ok(decision)
    }

    /// Undoes a decision: the transaction's allocations and flag return to
    /// what they were, and IBANs it taught are forgotten. Only the latest
    /// decision in force on a transaction can be undone.
    ///
    /// # Errors
    /// [`DecisionError::UnknownDecision`], [`DecisionError::AlreadyUndone`],
    /// [`DecisionError::NotLatest`].
    pub async fn undo_decision(
        &self,
        decision_id: i64,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<(), DecisionError> {
        let mut transaction = self.begin().await?;
        let connection: &mut SqliteConnection = &mut transaction;
        let decision = sqlx::query!(
            r#"SELECT transaction_id, kind, before, undone_at FROM match_decisions WHERE id = ?"#,
            decision_id
        )
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(DecisionError::UnknownDecision(decision_id))?;
        if decision.undone_at.is_some() {
            return Err(DecisionError::AlreadyUndone(decision_id));
        }
        let later = sqlx::query_scalar!(
            r#"SELECT MAX(id) AS "id: i64" FROM match_decisions
               WHERE transaction_id = ? AND undone_at IS NULL AND id > ?"#,
            decision.transaction_id,
            decision_id
        )
        .fetch_one(&mut *connection)
        .await?;
        if let Some(later) = later {
            return Err(DecisionError::NotLatest {
                decision: decision_id,
                later,
            });
        }
        let before: Snapshot =
            serde_json::from_str(&decision.before).map_err(|_| BookError::Corrupt {
                what: "match decision",
                value: decision.before.clone(),
            })?;
        sqlx::query!(
            "DELETE FROM allocations WHERE transaction_id = ?",
            decision.transaction_id
        )
        .execute(&mut *connection)
        .await?;
        for saved in &before.allocations {
            sqlx::query!(
                r#"INSERT INTO allocations (id, transaction_id, invoice_id, amount_cents, confidence_permille,
                                           auto, state, reason, reason_nl, created_at, decision_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
                saved.id,
                decision.transaction_id,
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
            decision.transaction_id
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
            &format!("transaction {}", decision.transaction_id),
            Some(&format!("decision {decision_id} ({})", decision.kind)),
        )
        .await?;
        transaction.commit().await.map_err(BookError::from)?;
        Ok(())
    }

    /// Marks an IBAN as a shared account (payment provider, factoring): it
    /// never points to a customer and is never learned.
    ///
    /// # Errors
    /// When the book cannot be written.
    pub async fn mark_shared_account(
        &self,
        iban: &str,
        note: Option<&str>,
    ) -> Result<(), BookError> {
        let iban = crate::matching::normalise_iban(iban);
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
}

async fn transaction_amount(
    connection: &mut SqliteConnection,
    transaction_id: i64,
) -> Result<Money, DecisionError> {
    let cents = sqlx::query_scalar!(
        "SELECT amount_cents FROM bank_transactions WHERE id = ?",
        transaction_id
    )
    .fetch_optional(connection)
    .await?
    .ok_or(DecisionError::UnknownTransaction(transaction_id))?;
    Ok(Money::from_cents(cents))
}

async fn snapshot(
    connection: &mut SqliteConnection,
    transaction_id: i64,
) -> Result<Snapshot, DecisionError> {
    let flag = sqlx::query_scalar!(
        "SELECT not_customer_payment FROM bank_transactions WHERE id = ?",
        transaction_id
    )
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(DecisionError::UnknownTransaction(transaction_id))?;
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

async fn start_decision(
    connection: &mut SqliteConnection,
    transaction_id: i64,
    kind: &str,
    actor: &str,
    at: DateTime<Utc>,
    snapshot: &Snapshot,
) -> Result<i64, DecisionError> {
    let before = serde_json::to_string(snapshot).map_err(|error| BookError::Corrupt {
        what: "match decision",
        value: error.to_string(),
    })?;
    let id = sqlx::query!(
        "INSERT INTO match_decisions (transaction_id, kind, actor, at, before) VALUES (?, ?, ?, ?, ?)",
        transaction_id,
        kind,
        actor,
        at,
        before
    )
    .execute(connection)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// Learns the payer's IBAN for the one customer whose invoices the
/// transaction now pays, unless the account is shared or the payer pays for
/// someone else.
async fn learn_iban(
    connection: &mut SqliteConnection,
    transaction_id: i64,
    decision: i64,
    at: DateTime<Utc>,
) -> Result<(), DecisionError> {
    let payer = sqlx::query!(
        "SELECT counterparty_iban, counterparty_name, remittance, ultimate_debtor FROM bank_transactions WHERE id = ?",
        transaction_id
    )
    .fetch_one(&mut *connection)
    .await?;
    let Some(iban) = payer
        .counterparty_iban
        .as_deref()
        .map(crate::matching::normalise_iban)
        .filter(|iban| !iban.is_empty())
    else {
        return Ok(());
    };
    if crate::matching::looks_shared(
        payer.counterparty_name.as_deref(),
        payer.remittance.as_deref(),
        payer.ultimate_debtor.as_deref(),
    ) {
        return Ok(());
    }
    let shared = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "count!: i64" FROM shared_accounts WHERE iban = ?"#,
        iban
    )
    .fetch_one(&mut *connection)
    .await?;
    if shared > 0 {
        return Ok(());
    }
    let customers = sqlx::query_scalar!(
        r#"SELECT DISTINCT i.customer_id AS "customer_id!: i64" FROM allocations a
           JOIN invoices i ON i.id = a.invoice_id
           WHERE a.transaction_id = ? AND a.state = 'booked'"#,
        transaction_id
    )
    .fetch_all(&mut *connection)
    .await?;
    if let [customer] = customers.as_slice() {
        sqlx::query!(
            "INSERT OR IGNORE INTO customer_ibans (iban, customer_id, learned_from_decision, learned_at) VALUES (?, ?, ?, ?)",
            iban,
            customer,
            decision,
            at
        )
        .execute(connection)
        .await?;
    }
    Ok(())
}

impl Book {
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

#[cfg(test)]
mod tests;
