//! The app shell on the demo book: the window, the navigation, and the
//! overdue total agreeing with the CLI to the cent.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use tegoed_e2e::{Driver, binary, cents, cli, enabled, screenshot_dir};

/// Connects a WebDriver session to the app.
async fn connect(driver: &Driver) -> anyhow::Result<Client> {
    let application = binary("tegoed-app")?;
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".to_owned(), json!("wry"));
    capabilities.insert(
        "tauri:options".to_owned(),
        json!({ "application": application }),
    );
    // A session that cannot start (an app that never shows its window)
    // fails the test instead of hanging the suite.
    let mut builder = ClientBuilder::native();
    builder.capabilities(capabilities);
    Ok(
        tokio::time::timeout(Duration::from_secs(90), builder.connect(&driver.url))
            .await
            .map_err(|_| anyhow::anyhow!("no WebDriver session within 90 s"))??,
    )
}

/// Evaluates a JavaScript expression in the page.
pub(crate) async fn eval(client: &Client, expression: &str) -> anyhow::Result<serde_json::Value> {
    Ok(client
        .execute(&format!("return {expression};"), vec![])
        .await?)
}

/// Polls an expression until it is truthy; elements are never held across re-renders.
pub(crate) async fn wait_for(
    client: &Client,
    expression: &str,
) -> anyhow::Result<serde_json::Value> {
    let started = Instant::now();
    loop {
        let value = eval(client, expression).await?;
        if !(value.is_null() || value == json!(false) || value == json!("")) {
            return Ok(value);
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(30),
            "timed out waiting for {expression}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

pub(crate) async fn click(client: &Client, test_id: &str) -> anyhow::Result<()> {
    wait_for(
        client,
        &format!("document.querySelector('[data-testid=\"{test_id}\"]')"),
    )
    .await?;
    eval(
        client,
        &format!("document.querySelector('[data-testid=\"{test_id}\"]').click()"),
    )
    .await?;
    Ok(())
}

/// Saves a screenshot to `target/e2e/` once the page has painted what the DOM holds.
pub(crate) async fn screenshot(client: &Client, name: &str) -> anyhow::Result<()> {
    let painted = "const done = arguments[arguments.length - 1]; \
                   requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
    client.execute_async(painted, vec![]).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let png = client.screenshot().await?;
    std::fs::write(screenshot_dir()?.join(name), png)?;
    Ok(())
}

/// The CLI's total overdue on the same book and day, in cents.
fn overdue_by_cli(book: &std::path::Path) -> anyhow::Result<i64> {
    let invoices: serde_json::Value = serde_json::from_str(&cli(book, &["invoices", "--json"])?)?;
    let mut total = 0;
    for invoice in invoices["invoices"]
        .as_array()
        .context("no invoices array")?
    {
        if invoice["days_overdue"].as_i64().unwrap_or(0) > 0 {
            total += cents(invoice["open_amount"].as_str().context("open_amount")?)?;
        }
    }
    Ok(total)
}

async fn overview_matches_cli(client: &Client, book: &Path) -> anyhow::Result<()> {
    wait_for(
        client,
        "document.querySelector('[data-testid=\"app-root\"]')?.dataset.ready === 'true'",
    )
    .await?;
    assert_eq!(client.title().await?, "Tegoed");

    let shown = wait_for(
        client,
        "document.querySelector('[data-testid=\"total-overdue\"]')?.dataset.amount",
    )
    .await?;
    let shown = cents(shown.as_str().context("data-amount is not text")?)?;
    let expected = overdue_by_cli(book)?;
    assert!(expected > 0, "the demo book should have overdue invoices");
    assert_eq!(
        shown, expected,
        "total overdue in the app vs the CLI, in cents"
    );
    screenshot(client, "overview.png").await?;

    click(client, "nav-receivables").await?;
    let rows = wait_for(
        client,
        "document.querySelectorAll('[data-testid=\"invoice-table\"] tbody tr').length",
    )
    .await?;
    assert!(
        rows.as_u64().unwrap_or(0) >= 10,
        "{rows} rows in the receivables table"
    );
    screenshot(client, "receivables.png").await?;

    click(client, "nav-today").await?;
    wait_for(
        client,
        "document.querySelector('[data-testid=\"screen-today\"]')?.getAttribute('aria-busy') === 'false' && \
         document.querySelector('[data-testid=\"screen-today\"] header p')",
    )
    .await?;
    screenshot(client, "today-demo.png").await?;

    for screen in [
        "today",
        "import",
        "reconcile",
        "customers",
        "letters",
        "settings",
        "overview",
    ] {
        click(client, &format!("nav-{screen}")).await?;
        wait_for(
            client,
            &format!("document.querySelector('[data-testid=\"screen-{screen}\"]')"),
        )
        .await?;
    }
    Ok(())
}

/// What the book holds when the app starts.
pub(crate) enum Start {
    /// A new, empty book.
    Empty,
    /// The demo business.
    Demo,
    /// These files imported with the real CLI (`tegoed import`), each path
    /// relative to `tests/data/`.
    Imported(&'static [&'static str]),
}

/// Runs `body` against the real app on a fresh book in a temporary home,
/// once the first load has finished; then closes the session and stops the
/// driver. Outside `cargo xtask test` (no Xvfb, D-Bus, tauri-driver) it skips.
pub(crate) async fn with_app(
    start: Start,
    language: &str,
    body: impl AsyncFnOnce(&Client, &Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    with_app_env(start, language, &[], body).await
}

/// As [`with_app`], with more environment variables for the app (e.g.
/// `TEGOED_SMTP_URL`).
pub(crate) async fn with_app_env(
    start: Start,
    language: &str,
    env: &[(&str, &str)],
    body: impl AsyncFnOnce(&Client, &Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if !enabled() {
        eprintln!("skipped: run through `cargo xtask test` (needs Xvfb, D-Bus and tauri-driver)");
        return Ok(());
    }
    let home = tempfile::tempdir()?;
    let book = home.path().join("book.db");
    match start {
        Start::Empty => {}
        Start::Demo => {
            cli(&book, &["demo"])?;
        }
        Start::Imported(files) => {
            let paths: Vec<String> = files
                .iter()
                .map(|file| data(file).display().to_string())
                .collect();
            let mut args = vec!["import"];
            args.extend(paths.iter().map(String::as_str));
            cli(&book, &args)?;
        }
    }
    let driver = Driver::start_with(&book, home.path(), language, env)?;
    let client = connect(&driver).await?;
    let outcome = match wait_for(&client, READY).await {
        Ok(_) => body(&client, &book).await,
        Err(error) => Err(error),
    };
    client.close().await?;
    drop(driver);
    outcome
}

/// A file under `tests/data/`.
pub(crate) fn data(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file)
}

/// True once the app's first load has finished.
const READY: &str =
    "document.querySelector('[data-testid=\"app-root\"]')?.dataset.ready === 'true'";

#[tokio::test]
async fn overview_shows_the_same_overdue_total_as_the_cli() -> anyhow::Result<()> {
    with_app(Start::Demo, "nl_NL.UTF-8", overview_matches_cli).await
}
