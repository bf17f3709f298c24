//! Stable identities of bank transactions within their account.
//!
//! The key is the bank's own reference when it has one (plus date and
//! amount, since some banks reuse references across days), and otherwise
//! the content: dates, amount, currency, counterparty, texts and
//! references. Equal keys within one statement are told apart by their
//! occurrence (first, second, …), never merged: real exports hold genuinely
//! identical lines. Because equal lines share a day, a statement that
//! overlaps an earlier one by whole days gives the same identities again.
//!
//! Those identities are the file's own: a CSV carries no bank reference
//! and other texts than the camt.053 or MT940 of the same account, so its
//! identities differ. [`Recogniser`] therefore also recognises a
//! transaction the account already holds from a file of another format:
//! the same booking date and amount, and the same counterparty account,
//! end-to-end id and bank reference wherever both sides have one (bank
//! references only between files that share the bank's numbering: MT940
//! and camt, or two CSVs). Each known transaction is recognised at most
//! once, so genuinely identical lines are counted by occurrence and stay
//! two.

use std::collections::HashMap;
use std::fmt::Write;

use sha2::{Digest, Sha256};

use chrono::NaiveDate;

use crate::book::KnownTransaction;
use crate::statement::{Statement, Transaction};

/// Bank references that are not references.
const PLACEHOLDERS: [&str; 3] = ["NONREF", "NOTPROVIDED", "NONE"];

/// The identity of each transaction of a statement, in order.
pub fn transaction_identities(statement: &Statement) -> Vec<String> {
    let mut seen: HashMap<[u8; 16], u32> = HashMap::with_capacity(statement.transactions.len());
    statement
        .transactions
        .iter()
        .map(|transaction| {
            let key = key(transaction);
            let occurrence = seen.entry(key).or_insert(0);
            *occurrence += 1;
            let mut identity = String::with_capacity(40);
            for byte in key {
                let _ = write!(identity, "{byte:02x}");
            }
            let _ = write!(identity, "-{occurrence}");
            identity
        })
        .collect()
}

/// The identity of a statement: its account, id, balances and the
/// identities of its transactions.
pub fn statement_identity(statement: &Statement, identities: &[String]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(statement.account.as_bytes());
    hasher.update([0]);
    hasher.update(
        statement
            .statement_id
            .as_deref()
            .unwrap_or_default()
            .as_bytes(),
    );
    for balance in [statement.opening, statement.closing] {
        hasher.update([0]);
        if let Some(balance) = balance {
            hasher.update(format!("{}={}", balance.date, balance.amount).as_bytes());
        }
    }
    for identity in identities {
        hasher.update([0]);
        hasher.update(identity.as_bytes());
    }
    let digest = hasher.finalize();
    digest
        .iter()
        .take(16)
        .fold(String::with_capacity(32), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}

fn key(transaction: &Transaction) -> [u8; 16] {
    let mut hasher = Sha256::new();
    let mut field = |text: &str| {
        hasher.update(text.as_bytes());
        hasher.update([0x1f]);
    };
    field(&transaction.booking_date.to_string());
    field(&transaction.amount.to_string());
    field(&transaction.currency);
    let reference = transaction
        .bank_reference
        .as_deref()
        .map(str::trim)
        .filter(|reference| !reference.is_empty() && !PLACEHOLDERS.contains(reference));
    match reference {
        Some(reference) => {
            field("bank");
            field(reference);
        }
        None => {
            field("content");
            field(
                &transaction
                    .value_date
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
            );
            for text in [
                &transaction.counterparty_name,
                &transaction.counterparty_iban,
                &transaction.remittance,
                &transaction.structured_reference,
                &transaction.end_to_end_id,
            ] {
                field(text.as_deref().unwrap_or_default());
            }
        }
    }
    let digest = hasher.finalize();
    let mut key = [0_u8; 16];
    for (slot, byte) in key.iter_mut().zip(digest.iter()) {
        *slot = *byte;
    }
    key
}

/// Whether a transaction is already in the book, and how it was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Not in the book: to be added.
    New,
    /// In the book under the same identity (the same file, an overlapping
    /// statement, or MT940 and camt agreeing on the bank's reference).
    Same,
    /// In the book from a file of another format, recognised by its content.
    Recognised,
}

/// Which numbering of bank references a file carries: a CSV's sequence
/// numbers (Rabobank `Volgnr`, Knab, ASN) are not the reference the same
/// bank writes in its MT940 or camt (`AcctSvcrRef`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Csv,
    Statement,
}

impl Numbering {
    fn of(format: &str) -> Numbering {
        if format.starts_with("csv") {
            Numbering::Csv
        } else {
            Numbering::Statement
        }
    }
}

/// One transaction of the book that another file may turn out to hold.
#[derive(Debug)]
struct Candidate {
    counterparty: Option<String>,
    end_to_end_id: Option<String>,
    bank_reference: Option<String>,
    numbering: Numbering,
    claimed: bool,
}

/// Recognises, for one statement being imported, which of its
/// transactions the account already holds.
#[derive(Debug)]
pub struct Recogniser {
    identities: std::collections::HashSet<String>,
    candidates: HashMap<(NaiveDate, i64), Vec<Candidate>>,
    numbering: Numbering,
}

impl Recogniser {
    /// A recogniser over what the account holds in the statement's period
    /// (`known`, from [`crate::book::known_transactions`]), for a file of
    /// `format`. Transactions of `own_statements` (statements this same file
    /// already added) count for identity only: two statements of one file
    /// never recognise each other's lines by content.
    pub fn new(known: Vec<KnownTransaction>, own_statements: &[i64], format: &str) -> Recogniser {
        let mut identities = std::collections::HashSet::with_capacity(known.len());
        let mut candidates: HashMap<(NaiveDate, i64), Vec<Candidate>> = HashMap::new();
        for transaction in known {
            identities.insert(transaction.identity);
            if own_statements.contains(&transaction.statement_id) {
                continue;
            }
            let Ok(cents) = transaction.amount.to_cents() else {
                continue;
            };
            candidates
                .entry((transaction.booking_date, cents))
                .or_default()
                .push(Candidate {
                    counterparty: transaction.counterparty_iban.as_deref().and_then(account),
                    end_to_end_id: transaction
                        .end_to_end_id
                        .as_deref()
                        .and_then(reference)
                        .map(str::to_owned),
                    bank_reference: transaction
                        .bank_reference
                        .as_deref()
                        .and_then(reference)
                        .map(str::to_owned),
                    numbering: Numbering::of(&transaction.format),
                    claimed: false,
                });
        }
        Recogniser {
            identities,
            candidates,
            numbering: Numbering::of(format),
        }
    }

    /// Whether each transaction of a statement (with its `identities`, from
    /// [`transaction_identities`]) is new, the same, or recognised.
    ///
    /// Lines known under their identity are settled first; the others
    /// are then recognised in file order, each against the known
    /// transaction of that day and amount that agrees on the most fields,
    /// and each known transaction at most once.
    pub fn judge(&mut self, statement: &Statement, identities: &[String]) -> Vec<Seen> {
        let mut seen: Vec<Seen> = identities
            .iter()
            .map(|identity| {
                if self.identities.contains(identity) {
                    Seen::Same
                } else {
                    Seen::New
                }
            })
            .collect();
        for (transaction, verdict) in statement.transactions.iter().zip(seen.iter_mut()) {
            if *verdict == Seen::New && self.claim(transaction) {
                *verdict = Seen::Recognised;
            }
        }
        seen
    }

    /// Claims the best unclaimed known transaction that is this one.
    fn claim(&mut self, transaction: &Transaction) -> bool {
        let Ok(cents) = transaction.amount.to_cents() else {
            return false;
        };
        let Some(candidates) = self.candidates.get_mut(&(transaction.booking_date, cents)) else {
            return false;
        };
        let counterparty = transaction.counterparty_iban.as_deref().and_then(account);
        let end_to_end_id = transaction.end_to_end_id.as_deref().and_then(reference);
        let bank_reference = transaction.bank_reference.as_deref().and_then(reference);
        let mut best: Option<(usize, u32)> = None;
        for (index, candidate) in candidates.iter().enumerate() {
            if candidate.claimed {
                continue;
            }
            let mut score = 0;
            match (&counterparty, &candidate.counterparty) {
                (Some(ours), Some(theirs)) if same_account(ours, theirs) => score += 4,
                (Some(_), Some(_)) => continue,
                _ => {}
            }
            match (end_to_end_id, candidate.end_to_end_id.as_deref()) {
                (Some(ours), Some(theirs)) if ours == theirs => score += 2,
                (Some(_), Some(_)) => continue,
                _ => {}
            }
            if self.numbering == candidate.numbering {
                match (bank_reference, candidate.bank_reference.as_deref()) {
                    (Some(ours), Some(theirs)) if ours == theirs => score += 1,
                    (Some(_), Some(_)) => continue,
                    _ => {}
                }
            }
            if best.is_none_or(|(_, best_score)| score > best_score) {
                best = Some((index, score));
            }
        }
        match best.and_then(|(index, _)| candidates.get_mut(index)) {
            Some(candidate) => {
                candidate.claimed = true;
                true
            }
            None => false,
        }
    }
}

/// A counterparty account compared across formats: letters and digits
/// only, upper case (`nl91 abna 0417 1643 00` is `NL91ABNA0417164300`).
fn account(text: &str) -> Option<String> {
    let normalised: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!normalised.is_empty()).then_some(normalised)
}

/// Two spellings of one account: equal, or one file writes the domestic
/// account number that ends the other's IBAN.
fn same_account(ours: &str, theirs: &str) -> bool {
    let (short, long) = if ours.len() <= theirs.len() {
        (ours, theirs)
    } else {
        (theirs, ours)
    };
    short == long
        || (short.len() >= 7
            && short.chars().all(|c| c.is_ascii_digit())
            && long.ends_with(short.trim_start_matches('0')))
}

/// A reference that is one (not empty, not a placeholder).
fn reference(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty() && !PLACEHOLDERS.contains(&text)).then_some(text)
}
