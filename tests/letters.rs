//! Issue 16 in the real app: on the demo book the business's e-mail is set
//! in Settings, the letter actions are ticked on Today and made, the real
//! PDF is previewed (pages rendered by Rust), and the batch is e-mailed to a
//! real SMTP server on 127.0.0.1 started here (`TEGOED_SMTP_URL` for the
//! app). The outbox shows them sent, the server received one message per
//! letter with its PDF attached, and a second click sends nothing: the
//! server's count stays and `tegoed letters --json` says `sent` for each.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use fantoccini::Client;
use smtp_sink::SmtpSink;
use tegoed_e2e::cli;

use crate::app::{Start, click, eval, screenshot, wait_for, with_app_env};

/// The address the business sends from.
const BUSINESS_EMAIL: &str = "administratie@studio-tegoed.example";

/// `document.querySelector` of a test id, optionally refined by attributes.
fn select(test_id: &str, refine: &str) -> String {
    format!("document.querySelector('[data-testid=\"{test_id}\"]{refine}')")
}

/// Every element with a test id.
fn all(test_id: &str) -> String {
    format!("[...document.querySelectorAll('[data-testid=\"{test_id}\"]')]")
}

/// Types `value` into the element with `test_id`, as a person would.
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

/// The ids of the letters the preview screen lists.
async fn made_ids(client: &Client) -> anyhow::Result<BTreeSet<i64>> {
    let ids = eval(
        client,
        &format!("{}.map(row => Number(row.dataset.id))", all("made-letter")),
    )
    .await?;
    Ok(ids
        .as_array()
        .context("no list of letters")?
        .iter()
        .filter_map(serde_json::Value::as_i64)
        .collect())
}

async fn settings_give_the_business_an_address(client: &Client) -> anyhow::Result<()> {
    click(client, "nav-settings").await?;
    // The forms are filled from Rust once loaded; the mail status shows then.
    wait_for(client, &select("smtp-status", "")).await?;
    enter(client, "business-name", "Studio Tegoed").await?;
    enter(client, "business-email", BUSINESS_EMAIL).await?;
    enter(client, "agency-name", "Incassobureau Domstad").await?;
    click(client, "business-save").await?;
    wait_for(client, &select("business-saved", "")).await?;
    screenshot(client, "letters-settings.png").await?;
    Ok(())
}

async fn today_makes_the_ticked_letters(client: &Client) -> anyhow::Result<BTreeSet<i64>> {
    click(client, "nav-today").await?;
    wait_for(
        client,
        &format!(
            "{} && !{}.getAttribute('aria-busy').includes('true')",
            select("screen-today", ""),
            select("screen-today", "")
        ),
    )
    .await?;
    // The demo's bank data can be a few days old on some dates: continue, as a person would.
    if eval(
        client,
        &format!("!!{}", select("today-continue-anyway", "")),
    )
    .await?
    .as_bool()
        == Some(true)
    {
        click(client, "today-continue-anyway").await?;
    }
    wait_for(client, &select("today-choose-all", "")).await?;
    click(client, "today-choose-all").await?;
    let ticked = wait_for(
        client,
        &format!("{}.filter(box => box.checked).length", all("today-choose")),
    )
    .await?
    .as_u64()
    .context("no count")?;
    assert!(
        ticked >= 2,
        "the demo should have letters due, {ticked} ticked"
    );
    screenshot(client, "letters-today-selected.png").await?;

    click(client, "today-make-letters").await?;
    wait_for(client, &select("made-letter", "")).await?;
    let made = made_ids(client).await?;
    assert_eq!(
        u64::try_from(made.len())?,
        ticked,
        "one letter per ticked action"
    );
    // The first letter's real pages, rendered by Rust.
    wait_for(
        client,
        &format!("{}?.naturalWidth > 300", select("made-page", "")),
    )
    .await?;
    screenshot(client, "letters-preview.png").await?;
    Ok(made)
}

async fn email_the_batch_once(
    client: &Client,
    book: &Path,
    sink: &SmtpSink,
    made: &BTreeSet<i64>,
) -> anyhow::Result<()> {
    click(client, "made-email").await?;
    let sent = wait_for(
        client,
        &format!("{}?.dataset.sent", select("send-outcome", "")),
    )
    .await?;
    let received = sink
        .wait_for(made.len(), Duration::from_secs(30))
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    assert_eq!(sent.as_str(), Some(made.len().to_string().as_str()));
    assert_eq!(received.len(), made.len(), "one message per letter");
    for message in &received {
        let text = String::from_utf8_lossy(&message.data);
        assert!(
            text.contains("Content-Type: application/pdf"),
            "a PDF attached: {}",
            &text[..text.len().min(400)]
        );
        assert_eq!(message.mail_from, BUSINESS_EMAIL);
        assert!(
            message.rcpt_to.iter().all(|to| to.ends_with(".example")),
            "{:?}",
            message.rcpt_to
        );
    }
    screenshot(client, "letters-sent.png").await?;

    // The second click: every letter was sent, so nothing goes out again.
    click(client, "made-email").await?;
    wait_for(
        client,
        &format!(
            "{}?.dataset.sent === '0' && {}?.dataset.skipped === '{}'",
            select("send-outcome", ""),
            select("send-outcome", ""),
            made.len()
        ),
    )
    .await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sink.messages().len(), made.len(), "nothing sent twice");

    let listed: serde_json::Value = serde_json::from_str(&cli(book, &["letters", "--json"])?)?;
    let letters = listed["letters"].as_array().context("no letters")?;
    for id in made {
        let letter = letters
            .iter()
            .find(|letter| letter["id"].as_i64() == Some(*id))
            .with_context(|| format!("letter {id} not listed by the CLI"))?;
        assert_eq!(letter["state"], "sent", "{letter}");
        assert_eq!(letter["channel"], "email", "{letter}");
    }
    Ok(())
}

async fn outbox_shows_them_sent(client: &Client, made: &BTreeSet<i64>) -> anyhow::Result<()> {
    click(client, "made-outbox").await?;
    wait_for(client, &select("outbox-letter", "")).await?;
    let states = eval(
        client,
        &format!(
            "Object.fromEntries({}.map(cell => [cell.dataset.id, cell.dataset.state]))",
            all("outbox-letter")
        ),
    )
    .await?;
    for id in made {
        assert_eq!(
            states[id.to_string()],
            "sent",
            "letter {id} in the outbox: {states}"
        );
    }
    screenshot(client, "letters-outbox.png").await?;
    Ok(())
}

#[tokio::test]
async fn r16_letters_made_on_today_are_previewed_and_emailed_once() -> anyhow::Result<()> {
    let sink = SmtpSink::start()?;
    let url = sink.url();
    with_app_env(
        Start::Demo,
        "nl_NL.UTF-8",
        &[("TEGOED_SMTP_URL", &url)],
        async |client, book| {
            settings_give_the_business_an_address(client).await?;
            let made = today_makes_the_ticked_letters(client).await?;
            email_the_batch_once(client, book, &sink, &made).await?;
            outbox_shows_them_sent(client, &made).await
        },
    )
    .await
}
