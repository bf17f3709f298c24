//! The ledger mapping screen in the real app: a sheet whose columns Tegoed
//! does not recognise is mapped once, imported, and the next file of the
//! same shape is read without asking.

use std::path::{Path, PathBuf};

use anyhow::Context;
use fantoccini::Client;
use tegoed_e2e::cli;

use crate::app::{Start, click, eval, screenshot, wait_for, with_app};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

async fn drop_file(client: &Client, path: &Path) -> anyhow::Result<()> {
    let paths = serde_json::to_string(&[path.display().to_string()])?;
    eval(client, &format!("void window.__tegoedDropPaths({paths})")).await?;
    wait_for(
        client,
        "document.querySelectorAll('[data-testid=\"import-preview-file\"]').length === 1",
    )
    .await?;
    Ok(())
}

/// The numbers of `import-result` rows: (added, duplicates) each.
async fn results(client: &Client, n: usize) -> anyhow::Result<Vec<i64>> {
    let added = wait_for(
        client,
        &format!(
            "(() => {{ const rows = [...document.querySelectorAll('[data-testid=\"import-result\"]')]; \
             return rows.length === {n} ? rows.map(row => Number(row.dataset.added)) : null; }})()"
        ),
    )
    .await?;
    Ok(added
        .as_array()
        .context("no results")?
        .iter()
        .map(|value| value.as_i64().unwrap_or(-1))
        .collect())
}

async fn choose(client: &Client, column: u32, field: &str) -> anyhow::Result<()> {
    let selector = format!("[data-testid=\"mapping-column-select\"][data-column=\"{column}\"]");
    wait_for(client, &format!("document.querySelector('{selector}')")).await?;
    eval(
        client,
        &format!(
            "(() => {{ const select = document.querySelector('{selector}'); select.value = '{field}'; \
             select.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()"
        ),
    )
    .await?;
    Ok(())
}

fn invoices_by_cli(book: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let listed: serde_json::Value = serde_json::from_str(&cli(book, &["invoices", "--json"])?)?;
    let mut invoices: Vec<(String, String)> = listed["invoices"]
        .as_array()
        .context("no invoices")?
        .iter()
        .map(|invoice| {
            (
                invoice["number"].as_str().unwrap_or_default().to_owned(),
                invoice["amount"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    invoices.sort();
    Ok(invoices)
}

async fn maps_once(client: &Client, book: &Path) -> anyhow::Result<()> {
    wait_for(
        client,
        "document.querySelector('[data-testid=\"app-root\"]')?.dataset.ready === 'true'",
    )
    .await?;
    drop_file(client, &data("eigen-lijst-oktober.csv")).await?;
    wait_for(client, "document.querySelector('[data-testid=\"import-preview-file\"]')?.dataset.needsMapping === 'true'")
        .await?;
    click(client, "map-columns-button").await?;
    wait_for(
        client,
        "document.querySelector('[data-testid=\"mapping-screen\"]')",
    )
    .await?;
    for (column, field) in [
        "invoice_number",
        "customer_name",
        "invoice_date",
        "due_date",
        "amount",
    ]
    .iter()
    .enumerate()
    {
        choose(client, u32::try_from(column)?, field).await?;
    }
    wait_for(
        client,
        "!document.querySelector('[data-testid=\"mapping-import-button\"]')?.disabled",
    )
    .await?;
    screenshot(client, "mapping.png").await?;
    click(client, "mapping-import-button").await?;
    assert_eq!(results(client, 1).await?, vec![2]);
    assert_eq!(
        invoices_by_cli(book)?,
        vec![
            ("2026-0101".to_owned(), "121.00".to_owned()),
            ("2026-0102".to_owned(), "242.50".to_owned())
        ]
    );

    // The next month's export has the same columns: read without asking.
    drop_file(client, &data("eigen-lijst-november.csv")).await?;
    wait_for(client, "document.querySelector('[data-testid=\"import-preview-file\"]')?.dataset.kind === 'ledger'").await?;
    click(client, "import-commit-button").await?;
    let added = wait_for(
        client,
        "[...document.querySelectorAll('[data-testid=\"import-result\"]')].some(row => row.dataset.file === 'eigen-lijst-november.csv' && row.dataset.added === '1')",
    )
    .await?;
    assert_eq!(added, serde_json::json!(true));
    assert_eq!(invoices_by_cli(book)?.len(), 3);
    Ok(())
}

#[tokio::test]
async fn unrecognised_columns_are_mapped_once_and_remembered() -> anyhow::Result<()> {
    with_app(Start::Empty, "nl_NL.UTF-8", maps_once).await
}

/// Sets a bank column's role through the select a person uses.
async fn bank_role(client: &Client, column: u32, role: &str) -> anyhow::Result<()> {
    let selector =
        format!("[data-testid=\"bank-mapping-column-select\"][data-column=\"{column}\"]");
    wait_for(client, &format!("document.querySelector('{selector}')")).await?;
    eval(
        client,
        &format!(
            "(() => {{ const select = document.querySelector('{selector}'); select.value = '{role}'; \
             select.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()"
        ),
    )
    .await?;
    Ok(())
}

async fn maps_a_bank_export_once(client: &Client, book: &Path) -> anyhow::Result<()> {
    wait_for(
        client,
        "document.querySelector('[data-testid=\"app-root\"]')?.dataset.ready === 'true'",
    )
    .await?;
    let export = data("eigen-bankexport.csv");
    drop_file(client, &export).await?;
    wait_for(client, "document.querySelector('[data-testid=\"import-preview-file\"]')?.dataset.needsMapping === 'true'")
        .await?;
    click(client, "map-bank-columns-button").await?;
    wait_for(
        client,
        "document.querySelector('[data-testid=\"bank-mapping-screen\"]')",
    )
    .await?;
    for (column, role) in ["date", "remittance", "sign", "amount", "counterparty_iban"]
        .iter()
        .enumerate()
    {
        bank_role(client, u32::try_from(column)?, role).await?;
    }
    eval(
        client,
        "(() => { const input = document.querySelector('[data-testid=\"bank-mapping-account\"]'); \
         input.value = 'NL91 ABNA 0417 1643 00'; input.dispatchEvent(new Event('input', { bubbles: true })); })()",
    )
    .await?;
    wait_for(
        client,
        "document.querySelector('[data-testid=\"bank-mapping-screen\"]')?.dataset.valid === 'true'",
    )
    .await?;
    screenshot(client, "bank-mapping.png").await?;
    click(client, "bank-mapping-import-button").await?;
    // Two identical rent lines stay two: three transactions.
    assert_eq!(results(client, 1).await?, vec![3]);

    // The CLI now reads the same export with the saved mapping, and adds nothing twice.
    let again: serde_json::Value = serde_json::from_str(&cli(
        book,
        &["import", &export.display().to_string(), "--json"],
    )?)?;
    assert_eq!(
        (
            &again["files"][0]["added"],
            &again["files"][0]["duplicates"]
        ),
        (&serde_json::json!(0), &serde_json::json!(3))
    );
    Ok(())
}

#[tokio::test]
async fn an_unknown_bank_export_is_mapped_once_and_read_by_the_cli_after() -> anyhow::Result<()> {
    with_app(Start::Empty, "en_GB.UTF-8", maps_a_bank_export_once).await
}
