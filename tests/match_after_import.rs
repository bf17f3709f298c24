//! Issue 14: matching runs after every import in the app too. On a book
//! with an overdue invoice, a dropped bank export whose payment names it
//! leaves the invoice paid on Receivables without anyone opening Reconcile,
//! and `tegoed invoices` on the same book agrees; likewise for a dropped
//! ledger whose invoice an earlier-imported payment pays.

use std::path::Path;

use anyhow::Context;
use fantoccini::Client;
use tegoed_e2e::{cents, cli};

use crate::app::{Start, click, data, screenshot, wait_for, with_app};
use crate::import::drop_and_import;

/// The invoice of `tests/data/r14/ledger-overdue.csv`, overdue since 2025.
const INVOICE: &str = "INV-1401";

/// The status `tegoed invoices --json` gives the invoice on `book`.
fn status_by_cli(book: &Path) -> anyhow::Result<String> {
    let invoices: serde_json::Value = serde_json::from_str(&cli(book, &["invoices", "--json"])?)?;
    let invoice = invoices["invoices"]
        .as_array()
        .context("no invoices array")?
        .iter()
        .find(|invoice| invoice["number"] == INVOICE)
        .with_context(|| format!("{INVOICE} is not in the book"))?;
    Ok(invoice["status"].as_str().unwrap_or_default().to_owned())
}

/// True when the Receivables table lists the invoice as open.
fn listed() -> String {
    format!(
        "[...document.querySelectorAll('[data-testid=\"invoice-table\"] tbody tr')].some(row => row.innerText.includes('{INVOICE}'))"
    )
}

/// The overdue total on Receivables, in cents.
async fn overdue_shown(client: &Client) -> anyhow::Result<i64> {
    let amount = wait_for(
        client,
        "document.querySelector('[data-testid=\"receivables-total-overdue\"]')?.dataset.amount",
    )
    .await?;
    cents(amount.as_str().context("data-amount is not text")?)
}

/// Drops `file` on the Import screen and imports it, then goes straight to
/// Receivables (never Reconcile) and waits for the invoice to leave the
/// open invoices.
async fn drop_then_paid(
    client: &Client,
    book: &Path,
    file: &str,
    shot: &str,
) -> anyhow::Result<()> {
    click(client, "nav-import").await?;
    wait_for(
        client,
        "document.querySelector('[data-testid=\"screen-import\"]')",
    )
    .await?;
    let outcomes = drop_and_import(client, &[data(file)]).await?;
    assert_eq!(outcomes, vec![(1, 0)], "{file} adds one record");

    click(client, "nav-receivables").await?;
    wait_for(
        client,
        "document.querySelector('[data-testid=\"screen-receivables\"]')",
    )
    .await?;
    wait_for(client, &format!("!({})", listed())).await?;
    assert_eq!(
        overdue_shown(client).await?,
        0,
        "nothing is overdue any more"
    );
    screenshot(client, shot).await?;
    assert_eq!(status_by_cli(book)?, "paid", "the CLI on the same book");
    Ok(())
}

async fn dropped_payment_pays_overdue_invoice(client: &Client, book: &Path) -> anyhow::Result<()> {
    assert_eq!(status_by_cli(book)?, "open");
    click(client, "nav-receivables").await?;
    wait_for(client, &listed()).await?;
    assert!(
        overdue_shown(client).await? > 0,
        "the invoice is overdue before"
    );
    drop_then_paid(
        client,
        book,
        "r14/bank-pays-invoice.csv",
        "r14-payment-dropped.png",
    )
    .await
}

async fn dropped_ledger_is_paid_by_earlier_payment(
    client: &Client,
    book: &Path,
) -> anyhow::Result<()> {
    drop_then_paid(
        client,
        book,
        "r14/ledger-overdue.csv",
        "r14-ledger-dropped.png",
    )
    .await
}

#[tokio::test]
async fn r14_a_dropped_bank_export_pays_the_overdue_invoice_without_reconcile() -> anyhow::Result<()>
{
    with_app(
        Start::Imported(&["r14/ledger-overdue.csv"]),
        "en_GB.UTF-8",
        dropped_payment_pays_overdue_invoice,
    )
    .await
}

#[tokio::test]
async fn r14_a_dropped_ledger_is_paid_by_an_earlier_payment_without_reconcile() -> anyhow::Result<()>
{
    with_app(
        Start::Imported(&["r14/bank-pays-invoice.csv"]),
        "en_GB.UTF-8",
        dropped_ledger_is_paid_by_earlier_payment,
    )
    .await
}
