//! Issue 15 in the real app: a call with a promise logged on the call
//! screen makes the case wait on Today until the working day after the
//! promise date, and then a call is due; a dispute set on Receivables takes
//! the invoice off Today. The CLI on the same book agrees (`timeline`,
//! `overdue`). The book is `tests/data/r15/ledger-overdue.csv`: three
//! invoices due Thursday 15 January 2026, so on Monday 19 January the
//! first reminders are due (`domain.md` §1.2's timeline).

use std::path::Path;

use anyhow::Context;
use fantoccini::Client;
use tegoed_e2e::cli;

use crate::app::{Start, click, eval, screenshot, wait_for, with_app};

/// The ledger every test here starts from.
const LEDGER: &[&str] = &["r15/ledger-overdue.csv"];
/// The first reminders fall due on this Monday.
const FIRST_DAY: &str = "2026-01-19";
/// The customer who promises to pay, and the promised Friday.
const PROMISER: &str = "C-15";
const PROMISE_DATE: &str = "2026-01-30";
/// The working day after the promise.
const DAY_AFTER_PROMISE: &str = "2026-02-02";
/// The customer with two invoices, one of which gets disputed.
const DISPUTER: &str = "C-16";
const DISPUTED: &str = "INV-1503";

/// `document.querySelector` of a test id, optionally refined by attributes.
fn select(test_id: &str, refine: &str) -> String {
    format!("document.querySelector('[data-testid=\"{test_id}\"]{refine}')")
}

/// Types `value` into the element with `test_id`, as a person would (input and change).
async fn enter(client: &Client, test_id: &str, value: &str) -> anyhow::Result<()> {
    let element = select(test_id, "");
    wait_for(client, &element).await?;
    eval(
        client,
        &format!(
            "(() => {{ const input = {element}; input.value = '{value}'; \
             input.dispatchEvent(new Event('input', {{ bubbles: true }})); \
             input.dispatchEvent(new Event('change', {{ bubbles: true }})); return true; }})()"
        ),
    )
    .await?;
    Ok(())
}

/// Moves Today's "as of" control to `day` and waits for the list of that day.
async fn today_on(client: &Client, day: &str) -> anyhow::Result<()> {
    click(client, "nav-today").await?;
    wait_for(client, &select("screen-today", "")).await?;
    enter(client, "today-as-of", day).await?;
    // The subtitle names the day the list was made for (Dutch: 19-01-2026).
    let shown: String = day.split('-').rev().collect::<Vec<_>>().join("-");
    wait_for(
        client,
        &format!(
            "{}?.closest('section')?.querySelector('header')?.innerText.includes('{shown}') && \
             !{}?.getAttribute('aria-busy')?.includes('true')",
            select("today-as-of", ""),
            select("screen-today", "")
        ),
    )
    .await?;
    Ok(())
}

/// The actions Today lists for `customer`, as action codes.
async fn actions_of(client: &Client, customer: &str) -> anyhow::Result<Vec<String>> {
    let codes = eval(
        client,
        &format!(
            "[...document.querySelectorAll('[data-testid=\"today-action\"][data-customer=\"{customer}\"]')]\
             .map(row => row.dataset.action)"
        ),
    )
    .await?;
    Ok(codes
        .as_array()
        .context("no list of actions")?
        .iter()
        .filter_map(|code| code.as_str().map(str::to_owned))
        .collect())
}

/// What Today says about `customer` while they are held, if they are.
async fn held_why(client: &Client, customer: &str) -> anyhow::Result<Option<String>> {
    let text = eval(
        client,
        &format!(
            "document.querySelector('[data-testid=\"today-held-row\"][data-customer=\"{customer}\"]')?.innerText ?? null"
        ),
    )
    .await?;
    Ok(text.as_str().map(str::to_owned))
}

async fn promise_makes_the_case_wait(client: &Client, book: &Path) -> anyhow::Result<()> {
    today_on(client, FIRST_DAY).await?;
    assert_eq!(actions_of(client, PROMISER).await?, ["reminder_1"]);
    screenshot(client, "r15-today.png").await?;

    // From Today to the customer, and from there to the call screen.
    eval(
        client,
        &format!(
            "{}.querySelector('[data-testid=\"today-open-customer\"]').click()",
            select("today-action", &format!("[data-customer=\"{PROMISER}\"]"))
        ),
    )
    .await?;
    wait_for(client, &select("screen-customer-detail", "")).await?;
    wait_for(client, &select("detail-invoices", "")).await?;
    screenshot(client, "r15-customer-detail.png").await?;
    click(client, "detail-call").await?;
    wait_for(client, &select("call-invoices", "")).await?;
    let sheet = wait_for(
        client,
        &format!("{}.innerText", select("call-invoices", "")),
    )
    .await?;
    assert!(
        sheet.as_str().unwrap_or_default().contains("INV-1501"),
        "the call sheet lists the invoice: {sheet}"
    );

    let promise = select("call-outcome", "[data-outcome=\"promise\"]");
    wait_for(client, &promise).await?;
    eval(client, &format!("{promise}.click()")).await?;
    enter(client, "call-promise-date", PROMISE_DATE).await?;
    enter(client, "call-amount", "1452,00").await?;
    enter(client, "call-note", "betaalt na de maandafsluiting").await?;
    screenshot(client, "r15-call.png").await?;
    click(client, "call-save").await?;
    let next = wait_for(
        client,
        &format!("{}?.dataset.action", select("call-next", "")),
    )
    .await?;
    assert_eq!(
        next, "confirmation",
        "a promise is confirmed in writing first"
    );
    screenshot(client, "r15-call-saved.png").await?;

    // The CLI on the same book sees the call.
    let timeline: serde_json::Value =
        serde_json::from_str(&cli(book, &["timeline", PROMISER, "--json"])?)?;
    let kinds: Vec<&str> = timeline["events"]
        .as_array()
        .context("no events")?
        .iter()
        .filter_map(|event| event["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"call"), "timeline events: {kinds:?}");
    assert!(kinds.contains(&"promise"), "timeline events: {kinds:?}");

    // The confirmation letter is made as a person would: `tegoed remind`
    // (letters say where to pay, so the business's IBAN is set first).
    cli(
        book,
        &["settings", "business.iban", "NL91ABNA0417164300", "--json"],
    )?;
    let letters = book.with_file_name("letters");
    let made: serde_json::Value = serde_json::from_str(&cli(
        book,
        &[
            "remind",
            "--as-of",
            FIRST_DAY,
            "--out",
            &letters.display().to_string(),
            "--ignore-stale-bank",
            "--json",
        ],
    )?)?;
    assert!(
        made["letters"].as_array().is_some_and(|letters| letters
            .iter()
            .any(|letter| letter["stage"] == "confirmation")),
        "remind made no confirmation: {made}"
    );

    // Up to the promise date the case waits, with the promise as the reason.
    for day in [FIRST_DAY, "2026-01-26", PROMISE_DATE] {
        today_on(client, day).await?;
        assert_eq!(
            actions_of(client, PROMISER).await?,
            Vec::<String>::new(),
            "no action on {day}"
        );
        let why = held_why(client, PROMISER).await?.unwrap_or_default();
        assert!(
            why.contains("betalingsbelofte tot 30 januari 2026"),
            "held on {day}: {why}"
        );
    }
    screenshot(client, "r15-today-waiting.png").await?;

    // On the working day after it, unpaid: a call.
    today_on(client, DAY_AFTER_PROMISE).await?;
    assert_eq!(actions_of(client, PROMISER).await?, ["call"]);
    let today: serde_json::Value = serde_json::from_str(&cli(
        book,
        &["today", "--as-of", DAY_AFTER_PROMISE, "--json"],
    )?)?;
    assert!(
        today["actions"]
            .as_array()
            .context("no actions")?
            .iter()
            .any(|action| action["customer_code"] == PROMISER && action["action"] == "call"),
        "the CLI lists the call too: {today}"
    );
    screenshot(client, "r15-today-after-promise.png").await?;

    // The smallest window still shows the call screen whole.
    click(client, "today-call").await?;
    wait_for(client, &select("call-questions", "")).await?;
    client.set_window_size(960, 600).await?;
    screenshot(client, "r15-call-960.png").await?;
    Ok(())
}

async fn dispute_takes_the_invoice_off_today(client: &Client, book: &Path) -> anyhow::Result<()> {
    today_on(client, FIRST_DAY).await?;
    let invoices = eval(
        client,
        &format!(
            "{}.innerText",
            select("today-action", &format!("[data-customer=\"{DISPUTER}\"]"))
        ),
    )
    .await?;
    assert!(
        invoices.as_str().unwrap_or_default().contains(DISPUTED),
        "before: {invoices}"
    );

    click(client, "nav-receivables").await?;
    let toggle = select("invoice-dispute", &format!("[data-invoice=\"{DISPUTED}\"]"));
    wait_for(client, &toggle).await?;
    eval(client, &format!("{toggle}.click()")).await?;
    wait_for(client, &format!("{toggle}?.checked && !{toggle}?.disabled")).await?;
    screenshot(client, "r15-receivables-dispute.png").await?;

    today_on(client, FIRST_DAY).await?;
    let row = select("today-action", &format!("[data-customer=\"{DISPUTER}\"]"));
    let text = wait_for(client, &format!("{row}?.innerText")).await?;
    let text = text.as_str().unwrap_or_default();
    assert!(
        !text.contains(DISPUTED),
        "the disputed invoice left Today: {text}"
    );
    assert!(text.contains("INV-1502"), "the other invoice stays: {text}");
    let why = held_why(client, DISPUTER).await?.unwrap_or_default();
    assert!(why.contains("geschil"), "held with the dispute: {why}");

    let overdue: serde_json::Value =
        serde_json::from_str(&cli(book, &["overdue", "--as-of", FIRST_DAY, "--json"])?)?;
    let invoice = overdue["overdue"]
        .as_array()
        .context("no overdue list")?
        .iter()
        .find(|invoice| invoice["number"] == DISPUTED)
        .context("the disputed invoice is not listed")?;
    assert_eq!(invoice["excluded"], "dispute", "{invoice}");
    Ok(())
}

#[tokio::test]
async fn r15_a_promise_logged_on_the_call_screen_makes_today_wait_until_the_day_after()
-> anyhow::Result<()> {
    with_app(
        Start::Imported(LEDGER),
        "nl_NL.UTF-8",
        promise_makes_the_case_wait,
    )
    .await
}

#[tokio::test]
async fn r15_a_dispute_set_in_the_app_takes_the_invoice_off_today() -> anyhow::Result<()> {
    with_app(
        Start::Imported(LEDGER),
        "nl_NL.UTF-8",
        dispute_takes_the_invoice_off_today,
    )
    .await
}
