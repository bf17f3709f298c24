//! Matching reaches its fixed point in one run (issue 14): on a generated
//! business written into a real book, a second matching run right after
//! the first books nothing and changes no allocation.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a test that reports figures"
)]

#[path = "support/generator.rs"]
mod generator;

use chrono::{DateTime, Utc};
use tegoed_core::book::{self, Book, NewCustomer, NewInvoice, NewStatement, NewTransaction};
use tegoed_core::money::Money;
use tegoed_core::receivables::LedgerStatus;

fn at() -> DateTime<Utc> {
    "2026-11-27T09:00:00Z".parse().unwrap()
}

/// Writes the generated world into a fresh book: customers, invoices and
/// payments get the same ids as in the world.
async fn book_of(world: &generator::World) -> (tempfile::TempDir, Book) {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("book.db")).await.unwrap();
    let mut transaction = book.begin().await.unwrap();
    for customer in &world.knowledge.customers {
        let iban = world
            .knowledge
            .ibans
            .iter()
            .find(|(_, id)| *id == customer.id)
            .map(|(iban, _)| iban.as_str());
        let id = book::insert_customer(
            &mut transaction,
            &NewCustomer {
                code: &customer.code,
                name: &customer.name,
                iban,
                language: "nl",
                ..NewCustomer::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(id, customer.id);
    }
    for iban in &world.knowledge.shared_ibans {
        sqlx::query("INSERT INTO shared_accounts (iban) VALUES (?)")
            .bind(iban)
            .execute(&mut *transaction)
            .await
            .unwrap();
    }
    for item in &world.items {
        let id = book::insert_invoice(
            &mut transaction,
            &NewInvoice {
                number: &item.number,
                customer_id: item.customer_id,
                invoice_date: item.invoice_date,
                due_date: item.due_date,
                amount: item.open,
                currency: &item.currency,
                reference: item.reference.as_deref(),
                ledger_status: LedgerStatus::Open,
                source: "generator",
            },
        )
        .await
        .unwrap();
        assert_eq!(id, item.invoice_id);
    }
    let account = book::upsert_account(&mut transaction, "NL20INGB0001234567", "EUR", None)
        .await
        .unwrap();
    let statement = book::insert_statement(
        &mut transaction,
        &NewStatement {
            account_id: account,
            statement_id: None,
            opening: None,
            closing: None,
            file_name: "generated.xml",
            format: "camt.053",
            imported_at: at(),
        },
    )
    .await
    .unwrap();
    for payment in &world.payments {
        let identity = payment.transaction_id.to_string();
        let id = book::insert_transaction(
            &mut transaction,
            &NewTransaction {
                account_id: account,
                statement_id: statement,
                identity: &identity,
                booking_date: payment.booking_date,
                value_date: None,
                amount: payment.amount,
                currency: &payment.currency,
                counterparty_name: payment.counterparty_name.as_deref(),
                counterparty_iban: payment.counterparty_iban.as_deref(),
                remittance: payment.remittance.as_deref(),
                structured_reference: payment.structured_reference.as_deref(),
                end_to_end_id: payment.end_to_end_id.as_deref(),
                bank_reference: None,
                reversal: payment.reversal.is_some(),
                return_reason: payment
                    .reversal
                    .as_ref()
                    .and_then(|reversal| reversal.reason.as_deref()),
                ultimate_debtor: payment.ultimate_debtor.as_deref(),
            },
        )
        .await
        .unwrap();
        assert_eq!(id, Some(payment.transaction_id));
    }
    transaction.commit().await.unwrap();
    (folder, book)
}

/// Booked and suggested allocations, without the time they were written.
async fn allocations(book: &Book) -> Vec<(i64, String, Money, bool, u16)> {
    let mut lines = Vec::new();
    for booked in [true, false] {
        lines.extend(
            book.allocation_lines(booked)
                .await
                .unwrap()
                .into_iter()
                .map(|line| {
                    (
                        line.transaction_id,
                        line.invoice,
                        line.amount,
                        line.booked,
                        line.confidence_permille,
                    )
                }),
        );
    }
    lines.sort();
    lines
}

#[tokio::test]
async fn a_second_run_on_a_generated_business_changes_nothing() {
    for seed in [0x007E_60ED, 0x0014_0014] {
        let world = generator::generate(400, 6_000, 4_000, seed);
        let (_folder, book) = book_of(&world).await;
        let first = tegoed_core::reconcile::run_with_book_settings(&book, at())
            .await
            .unwrap();
        let after_first = allocations(&book).await;
        let second = tegoed_core::reconcile::run_with_book_settings(&book, at())
            .await
            .unwrap();
        let after_second = allocations(&book).await;
        let booked =
            |lines: &[(i64, String, Money, bool, u16)]| lines.iter().filter(|line| line.3).count();
        println!(
            "seed {seed:#x}: first run booked {} allocations ({} in the book), a second run booked {} ({} in the book)",
            first.n_booked(),
            booked(&after_first),
            second.n_booked(),
            booked(&after_second)
        );
        assert_eq!(
            booked(&after_first),
            booked(&after_second),
            "seed {seed:#x}"
        );
        let changed: Vec<_> = after_first
            .iter()
            .filter(|line| !after_second.contains(line))
            .chain(
                after_second
                    .iter()
                    .filter(|line| !after_first.contains(line)),
            )
            .take(10)
            .collect();
        assert!(changed.is_empty(), "seed {seed:#x}: changed {changed:?}");
    }
}
