//! Use case "what to do today": reads the book, builds every customer's
//! case, asks the dunning engine, and answers with the work list (what is
//! due, who is held and why, whether stale bank data blocks the run) and
//! the overdue invoices with their next step. The CLI's `today` and
//! `overdue`, `remind`, and the app's Today screen call this.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::book::{Book, BookError, CustomerRow, InvoiceFacts};
use crate::dunning::{
    self, AccountCover, Action, CallRecord, Case, CaseCustomer, CaseInvoice, Hold, LetterRecord,
    Occasion, PlanRecord, Settings, WorkList,
};
use crate::law::calendar::Bevrijdingsdag;
use crate::matching;
use crate::overview;
use crate::receivables::Position;

/// The book read for dunning: every case plus what the faces and letters
/// need to show it.
#[derive(Debug, Clone)]
pub struct Casebook {
    /// The day.
    pub as_of: NaiveDate,
    /// The dunning settings.
    pub settings: Settings,
    /// One case per customer with overdue-able invoices, by customer code.
    pub cases: Vec<Case>,
    /// Every customer, by code.
    pub customers: BTreeMap<String, CustomerRow>,
    /// Every invoice's position, by number.
    pub positions: HashMap<String, Position>,
    /// The gate's facts per invoice number.
    pub facts: HashMap<String, InvoiceFacts>,
    /// The cover of every bank account.
    pub accounts: Vec<AccountCover>,
    /// Booked payments per invoice number: (booking date, amount).
    pub payments: HashMap<String, Vec<(NaiveDate, crate::money::Money)>>,
}

/// How a customer paid before (`domain.md` §1.3 item 6): shown, never blocking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentHistory {
    /// Invoices paid in full.
    pub paid: usize,
    /// Of those, paid after their due date.
    pub late: usize,
    /// Average days late over the paid invoices (0 when paid on time).
    pub average_days_late: i64,
    /// In words, both languages.
    pub text: crate::dunning::Text,
}

impl Casebook {
    /// The work list of the day. `ignore_stale_bank` lists the actions even
    /// when bank data is stale (the override the caller logs).
    pub fn worklist(&self, ignore_stale_bank: bool) -> WorkList {
        let blocked = dunning::stale_bank(&self.accounts, self.as_of, &self.settings.calendar);
        let mut list = dunning::worklist(
            &self.cases,
            self.as_of,
            &self.settings,
            if ignore_stale_bank {
                None
            } else {
                blocked.clone()
            },
        );
        if ignore_stale_bank {
            list.blocked = None;
        }
        list
    }

    /// The case of one customer.
    pub fn case(&self, code: &str) -> Option<&Case> {
        self.cases.iter().find(|case| case.customer.code == code)
    }

    /// How the customer paid their invoices so far: how many were late and
    /// by how many days on average (the last payment against the due date).
    pub fn payment_history(&self, code: &str) -> PaymentHistory {
        let mut paid = 0_usize;
        let mut late = 0_usize;
        let mut days_total = 0_i64;
        for position in self.positions.values() {
            if position.customer_code != code
                || position.is_open()
                || !position.amount.is_positive()
            {
                continue;
            }
            let Some(last) = self
                .payments
                .get(&position.number)
                .and_then(|payments| payments.iter().map(|(date, _)| *date).max())
            else {
                continue;
            };
            paid += 1;
            let days = (last - position.due_date).num_days().max(0);
            if days > 0 {
                late += 1;
                days_total += days;
            }
        }
        let average_days_late = if paid == 0 {
            0
        } else {
            days_total / i64::try_from(paid).unwrap_or(1)
        };
        let text = match (paid, late) {
            (0, _) => {
                crate::dunning::Text::new("no payment history yet", "nog geen betaalgeschiedenis")
            }
            (_, 0) => crate::dunning::Text::new(
                format!("paid all {paid} earlier invoices on time: first time late"),
                format!("betaalde alle {paid} eerdere facturen op tijd: voor het eerst te laat"),
            ),
            (_, 1) => crate::dunning::Text::new(
                format!(
                    "late once before ({late} of {paid} invoices, on average {average_days_late} days late)"
                ),
                format!(
                    "eerder één keer te laat ({late} van {paid} facturen, gemiddeld {average_days_late} dagen te laat)"
                ),
            ),
            _ => crate::dunning::Text::new(
                format!(
                    "pays late habitually ({late} of {paid} invoices, on average {average_days_late} days late)"
                ),
                format!(
                    "betaalt vaker te laat ({late} van {paid} facturen, gemiddeld {average_days_late} dagen te laat)"
                ),
            ),
        };
        PaymentHistory {
            paid,
            late,
            average_days_late,
            text,
        }
    }
}

/// The dunning settings the book holds (`dunning.*` keys), over the defaults.
///
/// # Errors
/// When the book cannot be read.
pub async fn settings(book: &Book) -> Result<Settings, BookError> {
    let mut settings = Settings::default();
    for (key, value) in book.settings_with_prefix("dunning.").await? {
        let number = value.trim().parse::<u64>().ok();
        match (key.as_str(), number) {
            ("dunning.grace_days", Some(days)) => settings.grace_days = days,
            ("dunning.reminder_1_after_days", Some(days)) => settings.reminder_1_after_days = days,
            ("dunning.reminder_term_days", Some(days)) => settings.reminder_term_days = days,
            ("dunning.call_attempts", Some(n)) => {
                settings.call_attempts = usize::try_from(n).unwrap_or(2);
            }
            ("dunning.demand_term_days", Some(days)) => settings.demand_term_days = days.max(5),
            ("dunning.consumer_margin_days", Some(days)) => settings.consumer_margin_days = days,
            ("dunning.bevrijdingsdag", _) => {
                settings.calendar.bevrijdingsdag = match value.trim() {
                    "never" => Bevrijdingsdag::Never,
                    "always" => Bevrijdingsdag::Always,
                    _ => Bevrijdingsdag::Lustrum,
                }
            }
            _ => {}
        }
    }
    Ok(settings)
}

/// Why matching's evidence holds customers, by customer code (`domain.md`
/// §1.3 item 2): every unplaced incoming payment that points to them — of
/// any age — and every match suggestion awaiting a person.
///
/// # Errors
/// When the book cannot be read.
pub async fn holds(book: &Book) -> Result<BTreeMap<String, Vec<Hold>>, BookError> {
    let settings = crate::reconcile::settings(book).await?;
    let input = crate::reconcile::input(book).await?;
    let incoming: Vec<_> = input
        .payments
        .iter()
        .filter(|payment| payment.amount.is_positive())
        .cloned()
        .collect();
    let mut by_customer: BTreeMap<String, Vec<Hold>> = BTreeMap::new();
    for (transaction_id, customer, pointer) in
        matching::pointers(&input.items, &incoming, &input.knowledge, &settings)
    {
        let (Some(payment), Some(code)) = (
            incoming
                .iter()
                .find(|payment| payment.transaction_id == transaction_id),
            input.customer_codes.get(&customer),
        ) else {
            continue;
        };
        let hold = Hold::UnplacedPayment {
            amount: payment.amount,
            date: payment.booking_date,
            pointer,
        };
        let holds = by_customer.entry(code.clone()).or_default();
        if !holds.contains(&hold) {
            holds.push(hold);
        }
    }
    for (code, invoice) in book.pending_suggestions().await? {
        let hold = Hold::PendingSuggestion { invoice };
        let holds = by_customer.entry(code).or_default();
        if !holds.contains(&hold) {
            holds.push(hold);
        }
    }
    Ok(by_customer)
}

/// The hold reasons in English, by customer code: for the customer list.
///
/// # Errors
/// When the book cannot be read.
pub async fn hold_reasons(
    book: &Book,
    language: crate::customer::Language,
) -> Result<HashMap<String, String>, BookError> {
    Ok(holds(book)
        .await?
        .into_iter()
        .map(|(code, holds)| {
            let texts: Vec<dunning::Text> = holds.iter().map(Hold::text).collect();
            (
                code,
                dunning::Text::join(&texts, "; ")
                    .in_language(language)
                    .to_owned(),
            )
        })
        .collect())
}

/// Reads every case on `as_of`.
///
/// # Errors
/// When the book cannot be read.
pub async fn casebook(book: &Book, as_of: NaiveDate) -> Result<Casebook, BookError> {
    let settings = settings(book).await?;
    let customers: BTreeMap<String, CustomerRow> = book
        .customer_rows()
        .await?
        .into_iter()
        .map(|row| (row.customer.code.clone(), row))
        .collect();
    let by_id: HashMap<i64, &str> = customers
        .values()
        .map(|row| (row.id, row.customer.code.as_str()))
        .collect();
    let positions: HashMap<String, Position> = overview::positions(book, as_of)
        .await?
        .into_iter()
        .map(|position| (position.number.clone(), position))
        .collect();
    let facts: HashMap<String, InvoiceFacts> = book
        .invoice_facts()
        .await?
        .into_iter()
        .map(|facts| (facts.number.clone(), facts))
        .collect();
    let mut stages: HashMap<String, Vec<(dunning::Stage, NaiveDate)>> = HashMap::new();
    for row in book.stage_rows().await? {
        stages
            .entry(row.invoice)
            .or_default()
            .push((row.stage, row.date));
    }
    let mut payments: HashMap<String, Vec<(NaiveDate, crate::money::Money)>> = HashMap::new();
    for row in book.payment_rows().await? {
        payments
            .entry(row.invoice)
            .or_default()
            .push((row.date, row.amount));
    }
    let mut holds = holds(book).await?;
    let mut cases: BTreeMap<&str, Case> = BTreeMap::new();
    for row in customers.values() {
        let customer = &row.customer;
        cases.insert(
            customer.code.as_str(),
            Case {
                customer: CaseCustomer {
                    code: customer.code.clone(),
                    name: customer.name.clone(),
                    consumer: customer.consumer,
                    own_terms: customer.own_terms,
                    payment_term_days: customer.payment_term_days,
                    no_calls: customer.no_calls,
                    stop_dunning: customer.stop_dunning,
                    fatal_term_agreed: customer.fatal_term_agreed,
                },
                holds: holds.remove(&customer.code).unwrap_or_default(),
                ..Case::default()
            },
        );
    }
    let mut positions_sorted: Vec<&Position> = positions.values().collect();
    positions_sorted.sort_by(|a, b| (a.due_date, &a.number).cmp(&(b.due_date, &b.number)));
    for position in positions_sorted {
        if !position.is_open() || !position.amount.is_positive() {
            continue;
        }
        let Some(case) = cases.get_mut(position.customer_code.as_str()) else {
            continue;
        };
        let fact = facts.get(&position.number);
        case.invoices.push(CaseInvoice {
            number: position.number.clone(),
            invoice_date: position.invoice_date,
            due_date: position.due_date,
            open: position.open_amount,
            disputed: fact.is_some_and(|fact| fact.disputed),
            credit_pending: fact.is_some_and(|fact| fact.credit_pending),
            stages: stages.remove(&position.number).unwrap_or_default(),
            payments: payments.get(&position.number).cloned().unwrap_or_default(),
        });
    }
    for call in book.call_rows().await? {
        let (Some(code), Ok(outcome)) = (by_id.get(&call.customer_id), call.outcome.parse()) else {
            continue;
        };
        if let Some(case) = cases.get_mut(code) {
            case.calls.push(CallRecord {
                id: call.id,
                at: call.at,
                outcome,
                promise_date: call.promise_date,
                invoices: call.invoices,
            });
        }
    }
    for letter in book.outbox().await? {
        let (Some(code), Ok(action)) = (
            by_id.get(&letter.customer_id),
            letter.stage.parse::<Action>(),
        ) else {
            continue;
        };
        if let Some(case) = cases.get_mut(code) {
            case.letters.push(LetterRecord {
                id: letter.id,
                action,
                as_of: letter.as_of,
                invoices: letter.invoices,
                occasion: Occasion::parse(&letter.occasion),
            });
        }
    }
    for plan in book.plan_rows().await? {
        let Some(code) = by_id.get(&plan.customer_id) else {
            continue;
        };
        let plan_payments = plan
            .invoices
            .iter()
            .filter_map(|number| payments.get(number))
            .flatten()
            .filter(|(date, _)| *date >= plan.agreed_at)
            .copied()
            .collect();
        if let Some(case) = cases.get_mut(code) {
            case.plans.push(PlanRecord {
                id: plan.id,
                agreed_at: plan.agreed_at,
                instalments: plan.instalments,
                invoices: plan.invoices,
                payments: plan_payments,
            });
        }
    }
    let accounts = book
        .account_covers()
        .await?
        .into_iter()
        .map(|row| AccountCover {
            iban: row.iban,
            up_to: row.up_to,
        })
        .collect();
    Ok(Casebook {
        as_of,
        settings,
        cases: cases.into_values().collect(),
        customers,
        positions,
        facts,
        accounts,
        payments,
    })
}
