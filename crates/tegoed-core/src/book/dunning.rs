//! The dunning records: customers with every field letters and calls need,
//! the stages invoices reached, calls, payment plans, the outbox, the
//! timeline and the bank data's cover. Rows only: what they mean is decided
//! in `dunning` and the use cases.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{Book, BookError};
use crate::customer::{Customer, Language};
use crate::invoice::Stage;
use crate::money::Money;

/// A stored customer with its book id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    /// Book id.
    pub id: i64,
    /// The customer.
    pub customer: Customer,
}

/// A stage an invoice reached, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRow {
    /// Invoice number.
    pub invoice: String,
    /// The stage.
    pub stage: Stage,
    /// The day it was reached.
    pub date: NaiveDate,
}

/// What the gate needs to know about an invoice beyond its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFacts {
    /// Book id.
    pub id: i64,
    /// Invoice number.
    pub number: String,
    /// Book id of the customer.
    pub customer_id: i64,
    /// Disputed.
    pub disputed: bool,
    /// The customer's order (PO) number.
    pub order_number: Option<String>,
    /// A credit note for it is still open in the ledger.
    pub credit_pending: bool,
    /// The payment reference issued for it.
    pub reference: Option<String>,
}

/// A call as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRow {
    /// Book id.
    pub id: i64,
    /// Book id of the customer.
    pub customer_id: i64,
    /// The day of the call.
    pub at: NaiveDate,
    /// The outcome code.
    pub outcome: String,
    /// The date promised.
    pub promise_date: Option<NaiveDate>,
    /// The amount promised.
    pub amount: Option<Money>,
    /// Who was spoken to.
    pub contact: Option<String>,
    /// Notes.
    pub note: Option<String>,
    /// The invoices it was about.
    pub invoices: Vec<String>,
}

/// A call to record.
#[derive(Debug, Clone)]
pub struct NewCall<'a> {
    /// Book id of the customer.
    pub customer_id: i64,
    /// The day of the call.
    pub at: NaiveDate,
    /// The outcome code.
    pub outcome: &'a str,
    /// The date promised.
    pub promise_date: Option<NaiveDate>,
    /// The amount promised.
    pub amount: Option<Money>,
    /// Who was spoken to.
    pub contact: Option<&'a str>,
    /// Notes.
    pub note: Option<&'a str>,
    /// Book ids of the invoices it was about.
    pub invoice_ids: &'a [i64],
    /// The timeline event that records it.
    pub event_id: i64,
}

/// A payment plan as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// Book id.
    pub id: i64,
    /// Book id of the customer.
    pub customer_id: i64,
    /// The day it was agreed.
    pub agreed_at: NaiveDate,
    /// Principal.
    pub principal: Money,
    /// Costs included.
    pub costs: Money,
    /// Interest included.
    pub interest: Money,
    /// The total.
    pub total: Money,
    /// The instalments, in order.
    pub instalments: Vec<(NaiveDate, Money)>,
    /// The invoices it covers.
    pub invoices: Vec<String>,
}

/// A plan to record.
#[derive(Debug, Clone)]
pub struct NewPlan<'a> {
    /// Book id of the customer.
    pub customer_id: i64,
    /// The day it was agreed.
    pub agreed_at: NaiveDate,
    /// Principal.
    pub principal: Money,
    /// Costs included.
    pub costs: Money,
    /// Interest included.
    pub interest: Money,
    /// The total.
    pub total: Money,
    /// The instalments.
    pub instalments: &'a [(NaiveDate, Money)],
    /// Book ids of the invoices it covers.
    pub invoice_ids: &'a [i64],
    /// The timeline event that records it.
    pub event_id: i64,
}

/// A booked payment on an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRow {
    /// Invoice number.
    pub invoice: String,
    /// The transaction's booking date.
    pub date: NaiveDate,
    /// The amount allocated.
    pub amount: Money,
}

/// The last day a bank account's statements cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCoverRow {
    /// The IBAN.
    pub iban: String,
    /// The latest closing balance date, else the latest transaction's date.
    pub up_to: Option<NaiveDate>,
}

/// A timeline event to append.
#[derive(Debug, Clone)]
pub struct NewTimelineEvent<'a> {
    /// Book id of the customer.
    pub customer_id: i64,
    /// The business day it is recorded on.
    pub at: NaiveDate,
    /// Its kind (`letter`, `call`, `plan`, `dispute`, …).
    pub kind: &'a str,
    /// The stage it concerns.
    pub stage: Option<&'a str>,
    /// The invoice numbers it is about.
    pub invoices: &'a [String],
    /// What happened, in English.
    pub text: &'a str,
    /// What happened, in Dutch.
    pub text_nl: &'a str,
    /// The letter it concerns.
    pub letter_id: Option<i64>,
    /// The wall-clock moment it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A timeline event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    /// Book id.
    pub id: i64,
    /// The business day.
    pub at: NaiveDate,
    /// Its kind.
    pub kind: String,
    /// The stage it concerns.
    pub stage: Option<String>,
    /// The invoice numbers.
    pub invoices: Vec<String>,
    /// English.
    pub text: String,
    /// Dutch.
    pub text_nl: String,
    /// The letter it concerns.
    pub letter_id: Option<i64>,
}

/// A letter in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Book id (the outbox id).
    pub id: i64,
    /// Book id of the customer.
    pub customer_id: i64,
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// The action code it carried out (`reminder_1`, `confirmation`, …).
    pub stage: String,
    /// The letter date.
    pub as_of: NaiveDate,
    /// The invoice numbers, sorted.
    pub invoices: Vec<String>,
    /// What it answered (`call:ID`, `plan:ID`, or empty).
    pub occasion: String,
    /// The open total it stated.
    pub total_open: Money,
    /// Its language.
    pub language: Language,
    /// The deadline it stated.
    pub deadline: Option<NaiveDate>,
    /// The costs it stated.
    pub costs: Option<Money>,
    /// The interest it stated.
    pub interest: Option<Money>,
    /// The file name it was written as.
    pub file_name: Option<String>,
    /// Its page count.
    pub pages: Option<i64>,
    /// `generated`, `printed`, `sent`, `failed` or `unknown`.
    pub state: String,
    /// `email`, `print`, `draft`.
    pub channel: Option<String>,
    /// Where it was mailed.
    pub recipient: Option<String>,
    /// The mail's Message-ID.
    pub message_id: Option<String>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// The server's words when sending failed.
    pub error: Option<String>,
}

/// A letter to put in the outbox.
#[derive(Debug, Clone)]
pub struct NewOutboxLetter<'a> {
    /// Book id of the customer.
    pub customer_id: i64,
    /// The action code.
    pub stage: &'a str,
    /// The letter date.
    pub as_of: NaiveDate,
    /// Book ids and numbers of its invoices.
    pub invoices: &'a [(i64, String)],
    /// What it answers.
    pub occasion: &'a str,
    /// The open total.
    pub total_open: Money,
    /// Its language.
    pub language: Language,
    /// The deadline it states.
    pub deadline: Option<NaiveDate>,
    /// The costs it states.
    pub costs: Option<Money>,
    /// The interest it states.
    pub interest: Option<Money>,
    /// The file name.
    pub file_name: &'a str,
    /// The PDF.
    pub content: &'a [u8],
    /// Its SHA-256, hex.
    pub sha256: &'a str,
    /// Its page count.
    pub pages: i64,
    /// The e-mail subject.
    pub subject: &'a str,
    /// The e-mail body.
    pub mail_body: &'a str,
}

/// What mailing a letter needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterMail {
    /// The e-mail subject.
    pub subject: String,
    /// The e-mail body.
    pub body: String,
    /// The PDF's file name.
    pub file_name: String,
    /// The PDF.
    pub content: Vec<u8>,
}

/// A change of a letter's delivery state.
#[derive(Debug, Clone)]
pub struct LetterState<'a> {
    /// The new state.
    pub state: &'a str,
    /// The channel.
    pub channel: Option<&'a str>,
    /// Where it went.
    pub recipient: Option<&'a str>,
    /// The Message-ID.
    pub message_id: Option<&'a str>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// The error.
    pub error: Option<&'a str>,
}

fn split_set(set: &str) -> Vec<String> {
    set.split(' ')
        .filter(|number| !number.is_empty())
        .map(str::to_owned)
        .collect()
}

fn corrupt(what: &'static str, value: &str) -> BookError {
    BookError::Corrupt {
        what,
        value: value.to_owned(),
    }
}

impl Book {
    /// Every customer with its book id, by name.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn customer_rows(&self) -> Result<Vec<CustomerRow>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT id AS "id!: i64", code, name, email, phone, contact_person, address, iban,
                      kvk_number, payment_term_days, language, consumer, own_terms, no_calls,
                      stop_dunning, fatal_term_agreed
               FROM customers ORDER BY name, code"#
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(CustomerRow {
                    id: row.id,
                    customer: Customer {
                        code: row.code,
                        name: row.name,
                        email: row.email,
                        phone: row.phone,
                        contact_person: row.contact_person,
                        address: row.address,
                        iban: row.iban,
                        kvk_number: row.kvk_number,
                        payment_term_days: row.payment_term_days,
                        language: row
                            .language
                            .parse()
                            .map_err(|_| corrupt("customer language", &row.language))?,
                        consumer: row.consumer != 0,
                        own_terms: row.own_terms != 0,
                        no_calls: row.no_calls != 0,
                        stop_dunning: row.stop_dunning != 0,
                        fatal_term_agreed: row.fatal_term_agreed != 0,
                    },
                })
            })
            .collect()
    }

    /// The customer whose code is `key`, or failing that whose name is exactly `key`.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn find_customer(&self, key: &str) -> Result<Option<CustomerRow>, BookError> {
        let rows = self.customer_rows().await?;
        let by_code = rows.iter().find(|row| row.customer.code == key);
        Ok(by_code
            .or_else(|| rows.iter().find(|row| row.customer.name == key))
            .cloned())
    }

    /// Every stage every invoice reached.
    ///
    /// # Errors
    /// When the book cannot be read or holds an unknown stage.
    pub async fn stage_rows(&self) -> Result<Vec<StageRow>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT i.number, e.stage, e.event_date AS "date: NaiveDate"
               FROM dunning_events e JOIN invoices i ON i.id = e.invoice_id
               ORDER BY e.event_date, e.id"#
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(StageRow {
                    invoice: row.number,
                    stage: row
                        .stage
                        .parse()
                        .map_err(|_| corrupt("dunning stage", &row.stage))?,
                    date: row.date,
                })
            })
            .collect()
    }

    /// The gate's facts about every invoice.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn invoice_facts(&self) -> Result<Vec<InvoiceFacts>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT i.id AS "id!: i64", i.number, i.customer_id, i.disputed, i.order_number, i.reference,
                      EXISTS (SELECT 1 FROM invoices c WHERE c.credits_invoice_id = i.id
                              AND c.ledger_status = 'open') AS "credit_pending!: bool"
               FROM invoices i ORDER BY i.number"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| InvoiceFacts {
                id: row.id,
                number: row.number,
                customer_id: row.customer_id,
                disputed: row.disputed != 0,
                order_number: row.order_number,
                credit_pending: row.credit_pending,
                reference: row.reference,
            })
            .collect())
    }

    /// Every call, in the order recorded.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn call_rows(&self) -> Result<Vec<CallRow>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT c.id AS "id!: i64", c.customer_id, c.at AS "at: NaiveDate", c.outcome,
                      c.promise_date AS "promise_date: NaiveDate", c.amount_cents, c.contact, c.note,
                      COALESCE((SELECT group_concat(number, ' ') FROM
                          (SELECT i.number FROM call_invoices ci JOIN invoices i ON i.id = ci.invoice_id
                           WHERE ci.call_id = c.id ORDER BY i.number)), '') AS "invoices!: String"
               FROM calls c ORDER BY c.at, c.id"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| CallRow {
                id: row.id,
                customer_id: row.customer_id,
                at: row.at,
                outcome: row.outcome,
                promise_date: row.promise_date,
                amount: row.amount_cents.map(Money::from_cents),
                contact: row.contact,
                note: row.note,
                invoices: split_set(&row.invoices),
            })
            .collect())
    }

    /// Every payment plan, in the order agreed.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn plan_rows(&self) -> Result<Vec<PlanRow>, BookError> {
        let plans = sqlx::query!(
            r#"SELECT p.id AS "id!: i64", p.customer_id, p.agreed_at AS "agreed_at: NaiveDate",
                      p.principal_cents, p.costs_cents, p.interest_cents, p.total_cents,
                      COALESCE((SELECT group_concat(number, ' ') FROM
                          (SELECT i.number FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id
                           WHERE pi.plan_id = p.id ORDER BY i.number)), '') AS "invoices!: String"
               FROM payment_plans p ORDER BY p.agreed_at, p.id"#
        )
        .fetch_all(self.pool())
        .await?;
        let instalments = sqlx::query!(
            r#"SELECT plan_id, due AS "due: NaiveDate", amount_cents FROM plan_instalments ORDER BY plan_id, seq"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(plans
            .into_iter()
            .map(|plan| PlanRow {
                id: plan.id,
                customer_id: plan.customer_id,
                agreed_at: plan.agreed_at,
                principal: Money::from_cents(plan.principal_cents),
                costs: Money::from_cents(plan.costs_cents),
                interest: Money::from_cents(plan.interest_cents),
                total: Money::from_cents(plan.total_cents),
                instalments: instalments
                    .iter()
                    .filter(|row| row.plan_id == plan.id)
                    .map(|row| (row.due, Money::from_cents(row.amount_cents)))
                    .collect(),
                invoices: split_set(&plan.invoices),
            })
            .collect())
    }

    /// Every booked payment on an invoice, with its booking date.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn payment_rows(&self) -> Result<Vec<PaymentRow>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT i.number, t.booking_date AS "date: NaiveDate", a.amount_cents
               FROM allocations a JOIN invoices i ON i.id = a.invoice_id
               JOIN bank_transactions t ON t.id = a.transaction_id
               WHERE a.state = 'booked' ORDER BY t.booking_date, a.id"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| PaymentRow {
                invoice: row.number,
                date: row.date,
                amount: Money::from_cents(row.amount_cents),
            })
            .collect())
    }

    /// The last day each bank account's statements cover: the latest
    /// closing balance date, else the latest transaction's booking date.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn account_covers(&self) -> Result<Vec<AccountCoverRow>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT a.iban AS "iban!",
                      MAX(COALESCE(s.closing_date,
                          (SELECT MAX(t.booking_date) FROM bank_transactions t WHERE t.statement_id = s.id))) AS "up_to: NaiveDate"
               FROM bank_accounts a LEFT JOIN statements s ON s.account_id = a.id
               GROUP BY a.id ORDER BY a.iban"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| AccountCoverRow {
                iban: row.iban,
                up_to: row.up_to,
            })
            .collect())
    }

    /// The customer's timeline, by day and then in the order recorded.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn timeline_rows(&self, customer_id: i64) -> Result<Vec<TimelineRow>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT id AS "id!: i64", at AS "at: NaiveDate", kind, stage, invoices, text, text_nl, letter_id
               FROM timeline_events WHERE customer_id = ? ORDER BY at, id"#,
            customer_id
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| TimelineRow {
                id: row.id,
                at: row.at,
                kind: row.kind,
                stage: row.stage,
                invoices: split_set(&row.invoices),
                text: row.text,
                text_nl: row.text_nl,
                letter_id: row.letter_id,
            })
            .collect())
    }

    /// The outbox: every letter, oldest first.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn outbox(&self) -> Result<Vec<OutboxRow>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT l.id AS "id!: i64", l.customer_id, c.code AS customer_code, c.name AS customer,
                      l.stage, l.as_of AS "as_of: NaiveDate", l.invoice_set, l.occasion,
                      l.total_open_cents, l.language, l.deadline AS "deadline: NaiveDate",
                      l.costs_cents, l.interest_cents, l.file_name, l.pages, l.state, l.channel,
                      l.recipient, l.message_id, l.sent_at AS "sent_at: DateTime<Utc>", l.error
               FROM letters l JOIN customers c ON c.id = l.customer_id
               ORDER BY l.as_of, l.id"#
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(OutboxRow {
                    id: row.id,
                    customer_id: row.customer_id,
                    customer_code: row.customer_code,
                    customer: row.customer,
                    stage: row.stage,
                    as_of: row.as_of,
                    invoices: split_set(&row.invoice_set),
                    occasion: row.occasion,
                    total_open: Money::from_cents(row.total_open_cents),
                    language: row
                        .language
                        .parse()
                        .map_err(|_| corrupt("letter language", &row.language))?,
                    deadline: row.deadline,
                    costs: row.costs_cents.map(Money::from_cents),
                    interest: row.interest_cents.map(Money::from_cents),
                    file_name: row.file_name,
                    pages: row.pages,
                    state: row.state,
                    channel: row.channel,
                    recipient: row.recipient,
                    message_id: row.message_id,
                    sent_at: row.sent_at,
                    error: row.error,
                })
            })
            .collect()
    }

    /// A letter's PDF, when the book holds one.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn letter_content(&self, id: i64) -> Result<Option<Vec<u8>>, BookError> {
        Ok(sqlx::query!("SELECT content FROM letters WHERE id = ?", id)
            .fetch_optional(self.pool())
            .await?
            .and_then(|row| row.content))
    }

    /// The subject, body and PDF of a letter, when it has a PDF.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn letter_mail(&self, id: i64) -> Result<Option<LetterMail>, BookError> {
        let row = sqlx::query!(
            "SELECT subject, mail_body, file_name, content FROM letters WHERE id = ?",
            id
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(row.and_then(|row| {
            Some(LetterMail {
                subject: row.subject.unwrap_or_default(),
                body: row.mail_body.unwrap_or_default(),
                file_name: row.file_name.unwrap_or_else(|| format!("letter-{id}.pdf")),
                content: row.content?,
            })
        }))
    }

    /// The settings whose keys start with `prefix`, as (key, value).
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn settings_with_prefix(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, String)>, BookError> {
        let pattern = format!("{prefix}%");
        Ok(sqlx::query!(
            "SELECT key, value FROM settings WHERE key LIKE ? ORDER BY key",
            pattern
        )
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|row| (row.key, row.value))
        .collect())
    }
}

/// Writes a setting.
///
/// # Errors
/// When the row cannot be written.
pub async fn set_setting(
    connection: &mut SqliteConnection,
    key: &str,
    value: &str,
) -> Result<(), BookError> {
    sqlx::query!(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        key,
        value
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Appends a timeline event.
///
/// # Errors
/// When the row cannot be written.
pub async fn insert_timeline_event(
    connection: &mut SqliteConnection,
    event: &NewTimelineEvent<'_>,
) -> Result<i64, BookError> {
    let mut numbers: Vec<&str> = event.invoices.iter().map(String::as_str).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let invoices = numbers.join(" ");
    Ok(sqlx::query!(
        r#"INSERT INTO timeline_events (customer_id, at, kind, stage, invoices, text, text_nl, letter_id, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        event.customer_id,
        event.at,
        event.kind,
        event.stage,
        invoices,
        event.text,
        event.text_nl,
        event.letter_id,
        event.recorded_at
    )
    .execute(connection)
    .await?
    .last_insert_rowid())
}

/// Records a call and the invoices it was about.
///
/// # Errors
/// When a row cannot be written.
pub async fn insert_call(
    connection: &mut SqliteConnection,
    call: &NewCall<'_>,
) -> Result<i64, BookError> {
    let amount_cents = call.amount.map(|amount| amount.to_cents()).transpose()?;
    let id = sqlx::query!(
        r#"INSERT INTO calls (customer_id, at, outcome, promise_date, amount_cents, contact, note, event_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)"#,
        call.customer_id,
        call.at,
        call.outcome,
        call.promise_date,
        amount_cents,
        call.contact,
        call.note,
        call.event_id
    )
    .execute(&mut *connection)
    .await?
    .last_insert_rowid();
    for invoice_id in call.invoice_ids {
        sqlx::query!(
            "INSERT OR IGNORE INTO call_invoices (call_id, invoice_id) VALUES (?, ?)",
            id,
            invoice_id
        )
        .execute(&mut *connection)
        .await?;
    }
    Ok(id)
}

/// Records a payment plan with its instalments and invoices.
///
/// # Errors
/// When a row cannot be written.
pub async fn insert_plan(
    connection: &mut SqliteConnection,
    plan: &NewPlan<'_>,
) -> Result<i64, BookError> {
    let principal = plan.principal.to_cents()?;
    let costs = plan.costs.to_cents()?;
    let interest = plan.interest.to_cents()?;
    let total = plan.total.to_cents()?;
    let id = sqlx::query!(
        r#"INSERT INTO payment_plans (customer_id, agreed_at, principal_cents, costs_cents, interest_cents, total_cents, event_id)
           VALUES (?, ?, ?, ?, ?, ?, ?)"#,
        plan.customer_id,
        plan.agreed_at,
        principal,
        costs,
        interest,
        total,
        plan.event_id
    )
    .execute(&mut *connection)
    .await?
    .last_insert_rowid();
    for (seq, (due, amount)) in plan.instalments.iter().enumerate() {
        let seq = i64::try_from(seq + 1).unwrap_or(i64::MAX);
        let cents = amount.to_cents()?;
        sqlx::query!(
            "INSERT INTO plan_instalments (plan_id, seq, due, amount_cents) VALUES (?, ?, ?, ?)",
            id,
            seq,
            due,
            cents
        )
        .execute(&mut *connection)
        .await?;
    }
    for invoice_id in plan.invoice_ids {
        sqlx::query!(
            "INSERT OR IGNORE INTO plan_invoices (plan_id, invoice_id) VALUES (?, ?)",
            id,
            invoice_id
        )
        .execute(&mut *connection)
        .await?;
    }
    Ok(id)
}

/// Sets or lifts an invoice's dispute flag.
///
/// # Errors
/// When the row cannot be written.
pub async fn set_disputed(
    connection: &mut SqliteConnection,
    invoice_id: i64,
    disputed: bool,
) -> Result<(), BookError> {
    sqlx::query!(
        "UPDATE invoices SET disputed = ? WHERE id = ?",
        disputed,
        invoice_id
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Writes a customer's contact details and flags.
///
/// # Errors
/// When the row cannot be written.
pub async fn update_customer(
    connection: &mut SqliteConnection,
    id: i64,
    customer: &Customer,
) -> Result<(), BookError> {
    let language = customer.language.code();
    sqlx::query!(
        r#"UPDATE customers SET name = ?, email = ?, phone = ?, contact_person = ?, address = ?,
                  payment_term_days = ?, language = ?, consumer = ?, own_terms = ?, no_calls = ?,
                  stop_dunning = ?, fatal_term_agreed = ?
           WHERE id = ?"#,
        customer.name,
        customer.email,
        customer.phone,
        customer.contact_person,
        customer.address,
        customer.payment_term_days,
        language,
        customer.consumer,
        customer.own_terms,
        customer.no_calls,
        customer.stop_dunning,
        customer.fatal_term_agreed,
        id
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Puts a letter in the outbox; `None` when a letter of that stage,
/// invoice set and occasion already exists (a letter is made once).
///
/// # Errors
/// When a row cannot be written.
pub async fn insert_outbox_letter(
    connection: &mut SqliteConnection,
    letter: &NewOutboxLetter<'_>,
) -> Result<Option<i64>, BookError> {
    let mut numbers: Vec<&str> = letter
        .invoices
        .iter()
        .map(|(_, number)| number.as_str())
        .collect();
    numbers.sort_unstable();
    let invoice_set = numbers.join(" ");
    let total_open_cents = letter.total_open.to_cents()?;
    let costs_cents = letter.costs.map(|costs| costs.to_cents()).transpose()?;
    let interest_cents = letter
        .interest
        .map(|interest| interest.to_cents())
        .transpose()?;
    let language = letter.language.code();
    let id = sqlx::query!(
        r#"INSERT INTO letters (customer_id, stage, as_of, invoice_set, occasion, total_open_cents, language,
                                deadline, costs_cents, interest_cents, file_name, content, sha256, pages, state,
                                subject, mail_body)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'generated', ?, ?)
           ON CONFLICT (customer_id, stage, invoice_set, occasion) DO NOTHING
           RETURNING id AS "id!: i64""#,
        letter.customer_id,
        letter.stage,
        letter.as_of,
        invoice_set,
        letter.occasion,
        total_open_cents,
        language,
        letter.deadline,
        costs_cents,
        interest_cents,
        letter.file_name,
        letter.content,
        letter.sha256,
        letter.pages,
        letter.subject,
        letter.mail_body
    )
    .fetch_optional(&mut *connection)
    .await?
    .map(|row| row.id);
    let Some(id) = id else { return Ok(None) };
    for (invoice_id, _) in letter.invoices {
        sqlx::query!(
            "INSERT INTO letter_invoices (letter_id, invoice_id) VALUES (?, ?)",
            id,
            invoice_id
        )
        .execute(&mut *connection)
        .await?;
    }
    Ok(Some(id))
}

/// Changes a letter's delivery state.
///
/// # Errors
/// When the row cannot be written.
pub async fn set_letter_state(
    connection: &mut SqliteConnection,
    id: i64,
    state: &LetterState<'_>,
) -> Result<(), BookError> {
    sqlx::query!(
        r#"UPDATE letters SET state = ?, channel = COALESCE(?, channel), recipient = COALESCE(?, recipient),
                  message_id = COALESCE(?, message_id), sent_at = COALESCE(?, sent_at), error = ?
           WHERE id = ?"#,
        state.state,
        state.channel,
        state.recipient,
        state.message_id,
        state.sent_at,
        state.error,
        id
    )
    .execute(connection)
    .await?;
    Ok(())
}
