//! What a matching run reads, turned from the book's rows into the
//! engine's inputs, and the matcher's settings from the book's keys.

use std::collections::HashMap;

use crate::book::{Book, BookError, MatchingRows, ProposedRow};
use crate::matching::{
    Allocation, Confidence, Customer, EarlierPayment, Knowledge, OpenItem, Payment, Proposal,
    Reversal, Settings, detect_reversal,
};
use crate::money::Money;

/// The setting keys of the matcher in the `settings` table.
const PREFIX: &str = "matching.";
const THRESHOLD_KEY: &str = "matching.auto_threshold_permille";
const TOLERANCE_KEY: &str = "matching.tolerance_cents";
const TOLERANCE_PERMILLE_KEY: &str = "matching.tolerance_permille";

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

/// The matcher's settings: the defaults, overridden by `matching.*` keys in
/// the book's settings.
///
/// # Errors
/// When the book cannot be read.
pub async fn settings(book: &Book) -> Result<Settings, BookError> {
    let mut settings = Settings::default();
    for (key, value) in book.settings_with_prefix(PREFIX).await? {
        let Ok(number) = value.trim().parse::<i64>() else {
            continue;
        };
        let permille = u16::try_from(number.clamp(0, 1000)).unwrap_or(1000);
        match key.as_str() {
            THRESHOLD_KEY => settings.auto_threshold = Confidence::from_permille(permille),
            TOLERANCE_KEY => settings.tolerance = Money::from_cents(number.max(0)),
            TOLERANCE_PERMILLE_KEY => settings.tolerance_permille = permille,
            _ => {}
        }
    }
    Ok(settings)
}

/// What the matcher needs: open items, transactions with nothing booked,
/// and what is known about customers.
///
/// # Errors
/// When the book cannot be read.
pub async fn input(book: &Book) -> Result<MatchingInput, BookError> {
    Ok(from_rows(book.matching_rows().await?))
}

/// The engine's inputs from the book's rows.
pub(super) fn from_rows(rows: MatchingRows) -> MatchingInput {
    // Invoices this book already counts as paid stay in view with nothing
    // open: a payment that names one is then seen as naming a paid invoice
    // (a double payment, for a person) in every run, not only in the run
    // that paid it. Without them a second run would book by IBAN what the
    // first left to a person (issue 14).
    let (settled, items): (Vec<OpenItem>, Vec<OpenItem>) = rows
        .invoices
        .into_iter()
        .map(|row| OpenItem {
            invoice_id: row.id,
            number: row.number,
            customer_id: row.customer_id,
            open: row.amount - row.allocated,
            invoice_date: row.invoice_date,
            due_date: row.due_date,
            currency: row.currency,
            reference: row.reference,
            credit_note: row.amount.is_negative() || row.credits_invoice_id.is_some(),
            disputed: row.disputed,
            instalments: Vec::new(),
        })
        .partition(|item| item.open.is_zero());

    let payments = rows
        .unplaced
        .into_iter()
        .map(|row| {
            // The bank's own mark (camt `RvslInd`, a return reason, MT940
            // `RC`) first; words in the remittance otherwise. A code
            // written in the text fills in a mark without one.
            let worded = row.remittance.as_deref().and_then(detect_reversal);
            let marked = (row.reversal || row.return_reason.is_some()).then(|| Reversal {
                reason: row
                    .return_reason
                    .clone()
                    .or_else(|| worded.clone().and_then(|reversal| reversal.reason)),
            });
            let reversal = row
                .amount
                .is_negative()
                .then(|| marked.or(worded))
                .flatten();
            Payment {
                transaction_id: row.id,
                booking_date: row.booking_date,
                amount: row.amount,
                currency: row.currency,
                counterparty_name: row.counterparty_name,
                counterparty_iban: row.counterparty_iban,
                remittance: row.remittance,
                structured_reference: row.structured_reference,
                end_to_end_id: row.end_to_end_id,
                ultimate_debtor: row.ultimate_debtor,
                reversal,
                rejected_invoices: row.rejected_invoices,
                person_decided: row.person_decided,
            }
        })
        .collect();

    let mut knowledge = Knowledge::default();
    let mut customer_codes = HashMap::new();
    for row in rows.customers {
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
    knowledge.ibans.extend(rows.learned);
    knowledge.shared_ibans = rows.shared;
    for row in rows.earlier {
        let allocation = Allocation {
            invoice_id: row.invoice_id,
            amount: row.allocated,
        };
        match knowledge.earlier.last_mut() {
            Some(last) if last.transaction_id == row.transaction_id => {
                last.allocations.push(allocation);
            }
            _ => knowledge.earlier.push(EarlierPayment {
                transaction_id: row.transaction_id,
                booking_date: row.booking_date,
                amount: row.amount,
                counterparty_iban: row.counterparty_iban,
                end_to_end_id: row.end_to_end_id,
                allocations: vec![allocation],
            }),
        }
    }
    MatchingInput {
        items,
        settled,
        payments,
        knowledge,
        customer_codes,
    }
}

/// The proposals' allocations as the book stores them, with their reasons
/// rendered once per proposal.
pub(super) struct Rendered {
    reasons: Vec<(String, String)>,
}

impl Rendered {
    /// Renders the reasons of `proposals` in English and Dutch.
    pub(super) fn new(proposals: &[Proposal]) -> Rendered {
        Rendered {
            reasons: proposals
                .iter()
                .map(|proposal| (proposal.reason(), proposal.reason_nl()))
                .collect(),
        }
    }

    /// One row per allocation of `proposals` (the same slice as [`Rendered::new`]).
    pub(super) fn rows<'a>(&'a self, proposals: &'a [Proposal]) -> Vec<ProposedRow<'a>> {
        proposals
            .iter()
            .zip(&self.reasons)
            .flat_map(|(proposal, (reason, reason_nl))| {
                proposal
                    .allocations
                    .iter()
                    .map(move |allocation| ProposedRow {
                        transaction_id: proposal.transaction_id,
                        invoice_id: allocation.invoice_id,
                        amount: allocation.amount,
                        confidence_permille: proposal.confidence.permille(),
                        auto: proposal.auto,
                        reason,
                        reason_nl,
                    })
            })
            .collect()
    }
}
