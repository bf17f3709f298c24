//! The gate (`domain.md` §1.3): the checks before any step. Each exclusion
//! carries its reason in Dutch and English; nothing here blocks silently.

use chrono::NaiveDate;

use super::Text;
use super::text::{date_en, date_nl};
use crate::matching::Pointer;
use crate::money::Money;

/// Why matching's evidence holds a customer's reminders (§1.3 item 2): a
/// person must look first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Hold {
    /// An incoming payment no one has placed points to the customer — of
    /// any age: a combined payment the matcher could not split is the
    /// commonest "but I paid".
    UnplacedPayment {
        /// Amount received.
        amount: Money,
        /// Booking date.
        date: NaiveDate,
        /// How it points to the customer.
        pointer: Pointer,
    },
    /// A match suggestion for one of the customer's invoices awaits a person.
    PendingSuggestion {
        /// The invoice.
        invoice: String,
    },
}

impl Hold {
    /// The reason in both languages.
    pub fn text(&self) -> Text {
        match self {
            Hold::UnplacedPayment {
                amount,
                date,
                pointer,
            } => {
                let (en, nl) = match pointer {
                    Pointer::Iban => ("IBAN known".to_owned(), "IBAN bekend".to_owned()),
                    Pointer::Name => ("name alike".to_owned(), "naam lijkt erop".to_owned()),
                    Pointer::Invoice(number) => (
                        format!("{number} in description"),
                        format!("{number} in omschrijving"),
                    ),
                    Pointer::Amount(number) => (
                        format!("the amount {number} has open"),
                        format!("het bedrag dat {number} open heeft"),
                    ),
                };
                Text::new(
                    format!(
                        "payment of {amount} on {} not yet matched ({en})",
                        date_en(*date)
                    ),
                    format!(
                        "betaling van {} op {} nog niet gekoppeld ({nl})",
                        super::text::money_nl(*amount),
                        date_nl(*date)
                    ),
                )
            }
            Hold::PendingSuggestion { invoice } => Text::new(
                format!("match suggestion for {invoice} awaits a person"),
                format!("koppelvoorstel voor {invoice} wacht op een beslissing"),
            ),
        }
    }
}

/// Why an overdue invoice gets no step today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// The customer is marked "stop dunning".
    StopDunning,
    /// A regular customer with own agreed terms: left alone (§1.3 item 7).
    OwnTerms {
        /// Their term in days, when known.
        term_days: Option<i64>,
    },
    /// The invoice is disputed.
    Dispute,
    /// A credit note for the invoice is still open.
    CreditPending,
    /// An active payment plan with instalments on time.
    PaymentPlan {
        /// The next instalment's date.
        next_due: Option<NaiveDate>,
    },
    /// A promise to pay whose date has not passed (until the working day after it).
    Promise {
        /// The date promised.
        date: NaiveDate,
    },
    /// The customer asked for a payment plan: agree one, or call again from `until`.
    PlanRequested {
        /// When the case moves on without a plan.
        until: NaiveDate,
    },
    /// The customer said they paid: the bank gets until `until` to show it.
    SaysPaid {
        /// The day of the call.
        on: NaiveDate,
        /// The first day the case moves on.
        until: NaiveDate,
    },
    /// Matching's evidence: a person must place a payment or decide a suggestion.
    Held(Vec<Hold>),
}

impl Exclusion {
    /// A stable code for wire formats.
    pub fn code(&self) -> &'static str {
        match self {
            Exclusion::StopDunning => "stop_dunning",
            Exclusion::OwnTerms { .. } => "own_terms",
            Exclusion::Dispute => "dispute",
            Exclusion::CreditPending => "credit_pending",
            Exclusion::PaymentPlan { .. } => "payment_plan",
            Exclusion::Promise { .. } => "promise",
            Exclusion::PlanRequested { .. } => "plan_requested",
            Exclusion::SaysPaid { .. } => "says_paid",
            Exclusion::Held(_) => "unplaced_payment",
        }
    }

    /// The reason in both languages.
    pub fn text(&self) -> Text {
        match self {
            Exclusion::StopDunning => Text::new(
                "stop dunning is set for this customer",
                "voor deze klant staat 'niet aanmanen' aan",
            ),
            Exclusion::OwnTerms { term_days } => match term_days {
                Some(days) => Text::new(
                    format!("own terms: a regular customer with an agreed term of {days} days"),
                    format!(
                        "eigen afspraken: vaste klant met een betalingstermijn van {days} dagen"
                    ),
                ),
                None => Text::new(
                    "own terms: a regular customer whose term is not known; review by hand",
                    "eigen afspraken: vaste klant zonder bekende termijn; handmatig beoordelen",
                ),
            },
            Exclusion::Dispute => Text::new("dispute", "geschil"),
            Exclusion::CreditPending => Text::new(
                "a credit note for this invoice is still open",
                "er staat nog een creditnota voor deze factuur open",
            ),
            Exclusion::PaymentPlan { next_due } => match next_due {
                Some(due) => Text::new(
                    format!(
                        "payment plan, instalments on time (next on {})",
                        date_en(*due)
                    ),
                    format!(
                        "betalingsregeling, termijnen op tijd (volgende op {})",
                        date_nl(*due)
                    ),
                ),
                None => Text::new(
                    "payment plan, instalments on time",
                    "betalingsregeling, termijnen op tijd",
                ),
            },
            Exclusion::Promise { date } => Text::new(
                format!("promise to pay by {}", date_en(*date)),
                format!("betalingsbelofte tot {}", date_nl(*date)),
            ),
            Exclusion::PlanRequested { until } => Text::new(
                format!(
                    "a payment plan was requested: agree it, or the case moves on on {}",
                    date_en(*until)
                ),
                format!(
                    "betalingsregeling gevraagd: leg die vast, anders gaat het dossier op {} verder",
                    date_nl(*until)
                ),
            ),
            Exclusion::SaysPaid { on, until } => Text::new(
                format!(
                    "said on {} it was paid: waiting for the bank until {}",
                    date_en(*on),
                    date_en(*until)
                ),
                format!(
                    "zei op {} betaald te hebben: wacht op de bank tot {}",
                    date_nl(*on),
                    date_nl(*until)
                ),
            ),
            Exclusion::Held(holds) => {
                let texts: Vec<Text> = holds.iter().map(Hold::text).collect();
                Text::join(&texts, "; ")
            }
        }
    }
}
