//! Storing invoice PDFs in a real book: linked by name, then text; stored
//! once; unlinked ones assigned by hand; a non-PDF changes nothing.

use chrono::{DateTime, Utc};

use super::*;
use crate::book::{NewCustomer, NewInvoice, insert_customer, insert_invoice};
use crate::invoice::LedgerStatus;
use crate::invoice_pdf::tests::pdf_with_text;
use crate::money::Money;

async fn book_with_invoices(numbers: &[&str]) -> (tempfile::TempDir, Book) {
    let folder = tempfile::tempdir().unwrap();
    let book = Book::open(&folder.path().join("book.db")).await.unwrap();
    let mut transaction = book.begin().await.unwrap();
    let customer_id = insert_customer(
        &mut transaction,
        &NewCustomer {
            code: "D1",
            name: "Bakkerij Jansen",
            language: "nl",
            ..Default::default()
        },
    )
    .await
    .unwrap();
    for number in numbers {
        insert_invoice(
            &mut transaction,
            &NewInvoice {
                number,
                customer_id,
                invoice_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                due_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
                amount: Money::from_cents(12_100),
                currency: "EUR",
                reference: None,
                ledger_status: LedgerStatus::Open,
                source: "test",
            },
        )
        .await
        .unwrap();
    }
    transaction.commit().await.unwrap();
    (folder, book)
}

fn at() -> DateTime<Utc> {
    "2026-11-27T10:00:00Z".parse().unwrap()
}

#[tokio::test]
async fn pdfs_link_by_name_then_by_text_and_are_stored_once() {
    let (_folder, book) = book_with_invoices(&["2026-0142", "2026-0143"]).await;
    let by_name = pdf_with_text(&["Factuur"]);
    let outcome = import(&book, "F2026-0142.pdf", &by_name, at())
        .await
        .unwrap();
    assert_eq!(outcome.invoice.as_deref(), Some("2026-0142"));
    assert_eq!(outcome.linked_by, Some(LinkedBy::FileName));
    assert!(!outcome.duplicate);

    let by_text = pdf_with_text(&["Factuurnummer: 2026-0143", "Totaal: 121,00"]);
    let outcome = import(&book, "scan-0007.pdf", &by_text, at())
        .await
        .unwrap();
    assert_eq!(outcome.invoice.as_deref(), Some("2026-0143"));
    assert_eq!(outcome.linked_by, Some(LinkedBy::Text));

    let again = import(&book, "copy.pdf", &by_text, at()).await.unwrap();
    assert!(again.duplicate);

    let stored = book.invoice_document("2026-0143").await.unwrap().unwrap();
    assert_eq!(stored.0, "scan-0007.pdf");
    assert_eq!(stored.1, by_text);
}

#[tokio::test]
async fn unlinked_pdfs_are_listed_and_can_be_assigned() {
    let (_folder, book) = book_with_invoices(&["2026-0142"]).await;
    let bytes = pdf_with_text(&["Offerte 2025-77"]);
    let outcome = import(&book, "offerte.pdf", &bytes, at()).await.unwrap();
    assert_eq!(outcome.invoice, None);
    assert_eq!(outcome.warnings.len(), 1);
    assert!(outcome.warnings[0].starts_with("offerte.pdf: no known invoice number"));
    let unlinked = book.unlinked_documents().await.unwrap();
    assert_eq!(unlinked.len(), 1);
    assert_eq!(unlinked[0].1, "offerte.pdf");
    assert!(!book.assign_document(unlinked[0].0, "9999").await.unwrap());
    assert!(
        book.assign_document(unlinked[0].0, "2026-0142")
            .await
            .unwrap()
    );
    assert!(book.unlinked_documents().await.unwrap().is_empty());
    assert!(book.invoice_document("2026-0142").await.unwrap().is_some());
}

#[tokio::test]
async fn a_non_pdf_changes_nothing() {
    let (_folder, book) = book_with_invoices(&["2026-0142"]).await;
    let error = import(&book, "Factuur 2026-0142.pdf", b"not a pdf", at())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        PdfImportError::Pdf(PdfError::NotPdf { .. })
    ));
    assert!(book.invoice_document("2026-0142").await.unwrap().is_none());
}
