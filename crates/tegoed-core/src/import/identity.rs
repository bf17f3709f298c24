//! Stable identities of bank transactions within their account.
//!
//! The key is the bank's own reference when it has one (plus date and
//! amount, since some banks reuse references across days), and otherwise
//! the content: dates, amount, currency, counterparty, texts and
//! references. Equal keys within one statement are told apart by their
//! occurrence (first, second, …), never merged: real exports hold genuinely
//! identical lines. Because equal lines share a day, a statement that
//! overlaps an earlier one by whole days gives the same identities again.

use std::collections::HashMap;
use std::fmt::Write;

use sha2::{Digest, Sha256};

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
