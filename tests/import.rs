//! Importing bank files in the real app: an ING CSV, a Rabobank MT940 and
//! a camt.053 dropped on the window land in the book exactly once, and so
//! does a zip of camt files, as banks deliver them.

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
    drop_and_import_inside(client, files, files.len()).await
}

/// As [`drop_and_import`], for files that hold `inside` files in all (a zip
/// is previewed and imported as the files in it).
async fn drop_and_import_inside(
    client: &Client,
    files: &[PathBuf],
    inside: usize,
) -> anyhow::Result<Vec<(i64, i64)>> {
    drop_paths(client, files).await?;
    wait_for(
        client,
        &format!(
            "document.querySelectorAll('[data-testid=\"import-preview-file\"]').length === {inside}"
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
             return rows.length === {inside} ? rows.map(row => [Number(row.dataset.added), Number(row.dataset.duplicates)]) : null; }})()"
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

/// Drops files on the window through the entry point a real drop uses.
async fn drop_paths(client: &Client, files: &[PathBuf]) -> anyhow::Result<()> {
    let paths = serde_json::to_string(
        &files
            .iter()
            .map(|path| path.display().to_string())
            .collect::<Vec<_>>(),
    )?;
    eval(client, &format!("void window.__tegoedDropPaths({paths})")).await?;
    Ok(())
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
    let rows = "document.querySelectorAll('[data-testid=\"screen-reconcile\"] tbody tr').length";
    // Money in by default; the money out no one linked waits behind a toggle
    // that says how much of it there is.
    let money_in = wait_for(client, rows).await?.as_i64().unwrap_or_default();
    let toggle = wait_for(
        client,
        "document.querySelector('[data-testid=\"reconcile-show-money-out\"]')?.parentElement.textContent",
    )
    .await?;
    let out = expected - money_in;
    assert!(
        toggle
            .as_str()
            .is_some_and(|text| text.contains(&format!("({out})"))),
        "{toggle} for {out} rows of money out"
    );
    click(client, "reconcile-show-money-out").await?;
    let all = wait_for(client, &format!("{rows} === {expected} && {rows}")).await?;
    assert_eq!(
        all.as_i64(),
        Some(expected),
        "transactions on the Reconcile screen"
    );
    Ok(())
}

#[tokio::test]
async fn dropped_bank_files_land_in_the_book_once() -> anyhow::Result<()> {
    with_app(Start::Empty, "en_GB.UTF-8", imports_once).await
}

/// A zip of two camt files (a camt.053 statement and camt.054
/// notifications) dropped on the window: previewed as the two files inside,
/// imported with as many transactions as the CLI reads from them, and a
/// second drop adds nothing.
async fn zip_imports_once(client: &Client, book: &Path) -> anyhow::Result<()> {
    wait_for(
        client,
        "document.querySelector('[data-testid=\"app-root\"]')?.dataset.ready === 'true'",
    )
    .await?;
    click(client, "nav-import").await?;
    let data = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zip = data.join("data/r18/camt-november.zip");
    let statements = data.join("../crates/tegoed-core/tests/data/statement");
    let expected = transactions_by_cli(
        book,
        &[
            statements.join("camt053-batch.xml"),
            statements.join("camt054-notification.xml"),
        ],
    )?;
    assert!(expected >= 3, "{expected} transactions in the zip's files");
    let names = wait_for_preview_names(client, std::slice::from_ref(&zip), 2).await?;
    assert_eq!(
        names,
        [
            "camt-november.zip/camt053-batch.xml",
            "camt-november.zip/camt054-notification.xml"
        ],
        "the zip is previewed as the files inside"
    );
    let first = drop_and_import_inside(client, std::slice::from_ref(&zip), 2).await?;
    let added: i64 = first.iter().map(|(added, _)| added).sum();
    assert_eq!(
        added, expected,
        "transactions added from the zip: {first:?}"
    );
    let again = drop_and_import_inside(client, std::slice::from_ref(&zip), 2).await?;
    assert!(
        again.iter().all(|(added, _)| *added == 0),
        "a second drop of the zip added something: {again:?}"
    );
    Ok(())
}

/// Drops files and answers the file names the preview shows, once there
/// are `count` of them.
async fn wait_for_preview_names(
    client: &Client,
    files: &[PathBuf],
    count: usize,
) -> anyhow::Result<Vec<String>> {
    drop_paths(client, files).await?;
    let names = wait_for(
        client,
        &format!(
            "(() => {{ const cards = [...document.querySelectorAll('[data-testid=\"import-preview-file\"]')]; \
             return cards.length === {count} ? cards.map(card => card.dataset.file) : null; }})()"
        ),
    )
    .await?;
    screenshot(client, "import-zip-preview.png").await?;
    eval(
        client,
        "document.querySelector('[data-testid=\"import-clear-button\"]')?.click()",
    )
    .await?;
    Ok(names
        .as_array()
        .context("names are not a list")?
        .iter()
        .map(|name| name.as_str().unwrap_or_default().to_owned())
        .collect())
}

#[tokio::test]
async fn a_dropped_zip_of_camt_files_lands_in_the_book_once() -> anyhow::Result<()> {
    with_app(Start::Empty, "nl_NL.UTF-8", zip_imports_once).await
}
