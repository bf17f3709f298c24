//! Reconciling in the real app: a suggested match confirmed with one
//! click becomes a booked allocation the CLI sees, and undo takes it back.

use std::path::Path;

use anyhow::Context;
use fantoccini::Client;
use tegoed_e2e::cli;

use crate::app::{Start, click, eval, screenshot, wait_for, with_app};

fn booked_by_cli(book: &Path) -> anyhow::Result<usize> {
    let listed: serde_json::Value = serde_json::from_str(&cli(book, &["allocations", "--json"])?)?;
    Ok(listed["allocations"]
        .as_array()
        .context("no allocations")?
        .len())
}

fn row(id: &str) -> String {
    format!(
        "document.querySelector('[data-testid=\"screen-reconcile\"] tr[data-transaction-id=\"{id}\"]')"
    )
}

async fn confirm_and_undo(client: &Client, book: &Path) -> anyhow::Result<()> {
    wait_for(
        client,
        "document.querySelector('[data-testid=\"app-root\"]')?.dataset.ready === 'true'",
    )
    .await?;
    click(client, "nav-reconcile").await?;
    let id = wait_for(
        client,
        "document.querySelector('[data-testid=\"screen-reconcile\"] tr[data-state=\"suggested\"]')?.dataset.transactionId",
    )
    .await?;
    let id = id.as_str().context("no transaction id")?.to_owned();
    let before = booked_by_cli(book)?;

    eval(
        client,
        &format!(
            "{}.querySelector('[data-testid=\"reconcile-confirm\"]').click()",
            row(&id)
        ),
    )
    .await?;
    wait_for(
        client,
        &format!("{}?.dataset.state === 'matched'", row(&id)),
    )
    .await?;
    assert_eq!(
        booked_by_cli(book)?,
        before + 1,
        "one allocation more after confirming"
    );
    screenshot(client, "reconcile.png").await?;

    click(client, "reconcile-undo").await?;
    wait_for(
        client,
        &format!("{}?.dataset.state === 'suggested'", row(&id)),
    )
    .await?;
    assert_eq!(
        booked_by_cli(book)?,
        before,
        "undo takes the allocation back"
    );
    Ok(())
}

#[tokio::test]
async fn a_suggestion_is_confirmed_with_one_click_and_undone() -> anyhow::Result<()> {
    with_app(Start::Demo, "nl_NL.UTF-8", confirm_and_undo).await
}
