//! Importing bank files in the real app: an ING CSV, a Rabobank MT940 and
//! a camt.053 dropped on the window land in the book exactly once.

use std::path::{Path, PathBuf};

use anyhow::Context;
use fantoccini::Client;
use tegoed_e2e::cli;

use crate::app::{Start, click, eval, screenshot, wait_for, with_app};

/// The three files, from the statement goldens of tegoed-core.
fn bank_files() -> Vec<PathBuf> {
    let data =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/tegoed-core/tests/data/statement");
    [
        "ing-cp1252.csv",
        "rabobank-structured.swi",
        "camt053-batch.xml",
    ]
    .iter()
    .map(|name| data.join(name))
    .collect()
}

/// Drops files through the same entry point a real drop uses (WebDriver
/// cannot perform an OS drag-and-drop), then imports what the preview shows.
pub(crate) async fn drop_and_import(
    client: &Client,
    files: &[PathBuf],
) -> anyhow::Result<Vec<(i64, i64)>> {
    let paths = serde_json::to_string(
        &files
            .iter()
            .map(|path| path.display().to_string())
            .collect::<Vec<_>>(),
    )?;
    eval(client, &format!("void window.__tegoedDropPaths({paths})")).await?;
    wait_for(
        client,
        &format!(
            "document.querySelectorAll('[data-testid=\"import-preview-file\"]').length === {}",
            files.len()
        ),
    )
    .await?;
    wait_for(
        client,
        "!document.querySelector('[data-testid=\"import-commit-button\"]')?.disabled",
    )
    .await?;
    screenshot(client, "import-preview.png").await?;
    click(client, "import-commit-button").await?;
    let results = wait_for(
        client,
        &format!(
            "(() => {{ const rows = [...document.querySelectorAll('[data-testid=\"import-result\"]')]; \
             return rows.length === {} ? rows.map(row => [Number(row.dataset.added), Number(row.dataset.duplicates)]) : null; }})()",
            files.len()
        ),
    )
    .await?;
    let pairs = results.as_array().context("results are not a list")?;
    Ok(pairs
        .iter()
        .map(|pair| {
            (
                pair[0].as_i64().unwrap_or(-1),
                pair[1].as_i64().unwrap_or(-1),
            )
        })
        .collect())
}

/// Transactions in the files, as the CLI parses them.
fn transactions_by_cli(book: &Path, files: &[PathBuf]) -> anyhow::Result<i64> {
    let mut args = vec!["parse".to_owned()];
    args.extend(files.iter().map(|path| path.display().to_string()));
    args.push("--json".to_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let parsed: serde_json::Value = serde_json::from_str(&cli(book, &args)?)?;
    let mut total = 0;
    for file in parsed["files"].as_array().context("no files")? {
        for statement in file["statements"].as_array().context("no statements")? {
            total += statement["transactions"]
                .as_array()
                .context("no transactions")?
                .len() as i64;
        }
    }
    Ok(total)
}

async fn imports_once(client: &Client, book: &Path) -> anyhow::Result<()> {
    wait_for(
        client,
        "document.querySelector('[data-testid=\"app-root\"]')?.dataset.ready === 'true'",
    )
    .await?;
    let files = bank_files();
    let expected = transactions_by_cli(book, &files)?;
    assert!(expected >= 3, "{expected} transactions in the sample files");

    let first = drop_and_import(client, &files).await?;
    let added: i64 = first.iter().map(|(added, _)| added).sum();
    assert_eq!(
        added, expected,
        "transactions added by the app vs parsed by the CLI: {first:?}"
    );
    screenshot(client, "import.png").await?;

    let again = drop_and_import(client, &files).await?;
    assert!(
        again.iter().all(|(added, _)| *added == 0),
        "a second import added something: {again:?}"
    );
    let duplicates: i64 = again.iter().map(|(_, duplicates)| duplicates).sum();
    assert_eq!(duplicates, expected);

    click(client, "nav-reconcile").await?;
    let rows = wait_for(
        client,
        "document.querySelectorAll('[data-testid=\"screen-reconcile\"] tbody tr').length",
    )
    .await?;
    assert_eq!(
        rows.as_i64(),
        Some(expected),
        "transactions on the Reconcile screen"
    );
    Ok(())
}

#[tokio::test]
async fn dropped_bank_files_land_in_the_book_once() -> anyhow::Result<()> {
    with_app(Start::Empty, "en_GB.UTF-8", imports_once).await
}
