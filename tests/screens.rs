//! Every screen of the demo book in Dutch and English at 1280×800 and at
//! the smallest window (960×600), saved under `target/e2e/` to be looked
//! at: `screen-{language}-{width}x{height}-{screen}.png`. Each screen must
//! show its own content and nothing may stick out sideways.

use fantoccini::Client;

use crate::app::{Start, click, eval, screenshot, wait_for, with_app};

/// The navigation's screens, by the names of their test ids.
const SCREENS: [&str; 8] = [
    "overview",
    "today",
    "import",
    "reconcile",
    "receivables",
    "customers",
    "letters",
    "settings",
];

/// The window sizes looked at: the common laptop size and the smallest.
const SIZES: [(u32, u32); 2] = [(1280, 800), (960, 600)];

async fn every_screen(client: &Client, language: &str) -> anyhow::Result<()> {
    for (width, height) in SIZES {
        client.set_window_size(width, height).await?;
        let inner = wait_for(
            client,
            &format!("Math.abs(window.innerWidth - {width}) <= 40 && window.innerWidth"),
        )
        .await?;
        anyhow::ensure!(inner.as_i64().is_some(), "window not resized: {inner}");
        for screen in SCREENS {
            click(client, &format!("nav-{screen}")).await?;
            wait_for(
                client,
                &format!("document.querySelector('[data-testid=\"screen-{screen}\"]')"),
            )
            .await?;
            screenshot(
                client,
                &format!("screen-{language}-{width}x{height}-{screen}.png"),
            )
            .await?;
            // Nothing sticks out sideways: the page never scrolls horizontally.
            let overflow = eval(
                client,
                "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            )
            .await?;
            anyhow::ensure!(
                overflow.as_i64().is_some_and(|pixels| pixels <= 1),
                "{screen} at {width}x{height} in {language} is {overflow} px too wide"
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn every_screen_in_dutch_at_both_sizes() -> anyhow::Result<()> {
    with_app(Start::Demo, "nl_NL.UTF-8", async |client, _book| {
        every_screen(client, "nl").await
    })
    .await
}

#[tokio::test]
async fn every_screen_in_english_at_both_sizes() -> anyhow::Result<()> {
    with_app(Start::Demo, "en_GB.UTF-8", async |client, _book| {
        every_screen(client, "en").await
    })
    .await
}
