//! Outgoing mail against a real SMTP server on 127.0.0.1 (`smtp-sink`): what arrives is parsed
//! back with mail-parser (encoded words, quoted-printable, base64) and compared with what was
//! sent; failures keep the server's own words; drafts and secret stores.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers may unwrap and panic"
)]

use std::net::TcpListener;
use std::time::{Duration, UNIX_EPOCH};

use mail_parser::{MessageParser, MimeHeaders};
use smtp_sink::SmtpSink;
use tegoed_core::delivery::{
    self, DeliveryError, KeychainStore, MemoryStore, Outgoing, SecretStore, Security, SmtpUrl,
};

/// A PDF-looking attachment with every byte value and SMTP's own delimiters inside.
fn pdf_bytes() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\r\n%\xe2\xe3\xcf\xd3\r\n".to_vec();
    bytes.extend(0..=255u8);
    bytes.extend_from_slice(b"\r\n.\r\n..\r\n.leading dot\n\r\nQUIT\r\n%%EOF\r\n");
    bytes
}

fn letter() -> Outgoing {
    Outgoing {
        from_name: "Bakkerij Ünal & Zonen".to_owned(),
        from_email: "facturen@bakkerij-unal.nl".to_owned(),
        reply_to: Some("Administratie <administratie@bakkerij-unal.nl>".to_owned()),
        to: "Jan de Vries <jan@klant.nl>".to_owned(),
        subject: "Herinnering: factuur 2026-014 staat open (€ 1.234,56), café Één".to_owned(),
        body: "Beste heer De Vries,\n\nVolgens onze administratie staat factuur 2026-014 \
               van € 1.234,56 nog open. Wilt u dit bedrag binnen 14 dagen overmaken?\n\
               .Een regel die met een punt begint.\n\nMet vriendelijke groet,\nBakkerij Ünal"
            .to_owned(),
        attachment_name: "Herinnering 2026-014 café Één.pdf".to_owned(),
        attachment: pdf_bytes(),
    }
}

fn url(sink: &SmtpSink) -> SmtpUrl {
    sink.url().parse().unwrap()
}

fn crlf_to_lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[tokio::test]
async fn a_letter_arrives_whole() {
    let sink = SmtpSink::start().unwrap();
    let outgoing = letter();
    let message_id = delivery::send(&url(&sink), &outgoing).await.unwrap();

    let received = sink.wait_for(1, Duration::from_secs(5)).unwrap();
    assert_eq!(received.len(), 1);
    let received = &received[0];
    assert_eq!(received.mail_from, "facturen@bakkerij-unal.nl");
    assert_eq!(received.rcpt_to, ["jan@klant.nl"]);
    assert!(received.data.is_ascii(), "the message should be 7-bit");

    let parsed = MessageParser::default().parse(&received.data).unwrap();
    assert_eq!(parsed.subject(), Some(outgoing.subject.as_str()));
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("facturen@bakkerij-unal.nl"));
    assert_eq!(from.name(), Some("Bakkerij Ünal & Zonen"));
    let to = parsed.to().unwrap().first().unwrap();
    assert_eq!(to.address(), Some("jan@klant.nl"));
    let reply_to = parsed.reply_to().unwrap().first().unwrap();
    assert_eq!(reply_to.address(), Some("administratie@bakkerij-unal.nl"));
    assert_eq!(
        format!("<{}>", parsed.message_id().unwrap()),
        message_id,
        "the returned id is the header's"
    );
    assert!(message_id.ends_with("@bakkerij-unal.nl>"), "{message_id}");
    assert!(parsed.date().is_some());
    assert!(parsed.header_raw("X-Unsent").is_none());

    let body = parsed.body_text(0).unwrap();
    assert_eq!(crlf_to_lf(&body).trim_end(), outgoing.body);

    assert_eq!(parsed.attachment_count(), 1);
    let attachment = parsed.attachment(0).unwrap();
    assert_eq!(
        attachment.attachment_name(),
        Some(outgoing.attachment_name.as_str())
    );
    let content_type = attachment.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("application", Some("pdf"))
    );
    assert_eq!(attachment.contents(), outgoing.attachment.as_slice());
    let raw = String::from_utf8_lossy(&received.data);
    assert!(raw.contains("Content-Transfer-Encoding: base64"), "{raw}");
}

#[tokio::test]
async fn a_refused_recipient_keeps_the_servers_words() {
    let sink = SmtpSink::start_rejecting("550 5.1.1 mailbox unavailable").unwrap();
    let error = delivery::send(&url(&sink), &letter()).await.unwrap_err();
    match &error {
        DeliveryError::Smtp {
            server,
            message,
            permanent,
        } => {
            assert_eq!(server, &format!("127.0.0.1:{}", sink.port()));
            assert_eq!(message, "550 5.1.1 mailbox unavailable");
            assert!(permanent);
        }
        other => panic!("expected an SMTP error, got {other:?}"),
    }
    assert!(
        error.to_string().contains("550 5.1.1 mailbox unavailable"),
        "{error}"
    );
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn a_temporary_refusal_is_not_permanent() {
    let sink = SmtpSink::start_rejecting("451 4.3.0 try again later").unwrap();
    let error = delivery::send(&url(&sink), &letter()).await.unwrap_err();
    assert!(
        matches!(&error, DeliveryError::Smtp { message, permanent: false, .. }
            if message == "451 4.3.0 try again later"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_message_refused_after_data_is_an_smtp_error() {
    let sink = SmtpSink::start_rejecting_data("554 5.6.0 message content rejected").unwrap();
    let error = delivery::send(&url(&sink), &letter()).await.unwrap_err();
    assert!(
        matches!(&error, DeliveryError::Smtp { message, permanent: true, .. }
            if message == "554 5.6.0 message content rejected"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url: SmtpUrl = format!("smtp://127.0.0.1:{port}").parse().unwrap();
    let error = delivery::send(&url, &letter()).await.unwrap_err();
    match &error {
        DeliveryError::Connect { server, .. } => assert_eq!(server, &format!("127.0.0.1:{port}")),
        other => panic!("expected a connect error, got {other:?}"),
    }
}

#[tokio::test]
async fn no_answer_after_the_data_is_interrupted_not_failed() {
    let sink = SmtpSink::start_hanging_after_data().unwrap();
    let outgoing = letter();
    let message_id = delivery::new_message_id(&outgoing.from_email);
    let error = delivery::send_with_id(&url(&sink), &outgoing, &message_id, Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(
        matches!(error, DeliveryError::Interrupted { .. }),
        "{error:?}"
    );
    // The server did get it: exactly why the outcome must be recorded as unknown.
    let received = sink.messages();
    assert_eq!(received.len(), 1);
    let parsed = MessageParser::default().parse(&received[0].data).unwrap();
    assert_eq!(
        format!("<{}>", parsed.message_id().unwrap()),
        message_id,
        "the id made beforehand is the one sent"
    );
}

#[tokio::test]
async fn a_test_mail_arrives() {
    let sink = SmtpSink::start().unwrap();
    let message_id = delivery::send_test_mail(&url(&sink), "info@bakker.nl", "ik@bakker.nl")
        .await
        .unwrap();
    let received = sink.wait_for(1, Duration::from_secs(5)).unwrap();
    assert_eq!(received[0].rcpt_to, ["ik@bakker.nl"]);
    let parsed = MessageParser::default().parse(&received[0].data).unwrap();
    assert_eq!(format!("<{}>", parsed.message_id().unwrap()), message_id);
    assert!(parsed.subject().unwrap().contains("Tegoed"));
}

#[tokio::test]
async fn a_bad_address_is_refused_before_connecting() {
    let outgoing = Outgoing {
        to: "not an address".to_owned(),
        ..letter()
    };
    // Nothing listens on port 9: an attempt to connect would be a Connect error.
    let url: SmtpUrl = "smtp://127.0.0.1:9".parse().unwrap();
    let error = delivery::send(&url, &outgoing).await.unwrap_err();
    assert!(
        matches!(&error, DeliveryError::Address { field: "To", address, .. } if address == "not an address"),
        "{error:?}"
    );
}

#[test]
fn message_ids_are_unique_and_on_the_senders_domain() {
    let first = delivery::new_message_id("a@Example.NL");
    let second = delivery::new_message_id("a@Example.NL");
    assert_ne!(first, second);
    assert!(
        first.starts_with('<') && first.ends_with("@example.nl>"),
        "{first}"
    );
    assert!(delivery::new_message_id("nonsense").ends_with("@tegoed.invalid>"));
}

// --- SMTP URLs -------------------------------------------------------------------------------

fn parse(text: &str) -> SmtpUrl {
    text.parse()
        .unwrap_or_else(|error| panic!("{text}: {error}"))
}

#[test]
fn smtp_url_forms() {
    let check = |text: &str,
                 host: &str,
                 port: u16,
                 security: Security,
                 user: Option<&str>,
                 password: Option<&str>| {
        let url = parse(text);
        assert_eq!(
            (
                url.host.as_str(),
                url.port,
                url.security,
                url.user.as_deref(),
                url.password.as_deref()
            ),
            (host, port, security, user, password),
            "{text}"
        );
    };
    check(
        "smtp://mail.example.nl",
        "mail.example.nl",
        25,
        Security::None,
        None,
        None,
    );
    check(
        "smtp://127.0.0.1:2525",
        "127.0.0.1",
        2525,
        Security::None,
        None,
        None,
    );
    check(
        "smtp://127.0.0.1:2525/",
        "127.0.0.1",
        2525,
        Security::None,
        None,
        None,
    );
    check(
        "smtp://smtp.example.nl?tls=starttls",
        "smtp.example.nl",
        587,
        Security::StartTls,
        None,
        None,
    );
    check(
        "smtp://smtp.example.nl:587?tls=starttls",
        "smtp.example.nl",
        587,
        Security::StartTls,
        None,
        None,
    );
    check(
        "smtp://u:p@smtp.example.nl:2587?tls=required",
        "smtp.example.nl",
        2587,
        Security::StartTls,
        Some("u"),
        Some("p"),
    );
    check(
        "smtps://user:pass@smtp.example.nl:465",
        "smtp.example.nl",
        465,
        Security::Implicit,
        Some("user"),
        Some("pass"),
    );
    check(
        "smtps://smtp.example.nl",
        "smtp.example.nl",
        465,
        Security::Implicit,
        None,
        None,
    );
    check(
        "  smtps://info%40bakker.nl:p%C3%ABss%2Fw%3Ard%40%25@smtp.example.nl  ",
        "smtp.example.nl",
        465,
        Security::Implicit,
        Some("info@bakker.nl"),
        Some("pëss/w:rd@%"),
    );
    check(
        "smtps://only-user@smtp.example.nl",
        "smtp.example.nl",
        465,
        Security::Implicit,
        Some("only-user"),
        None,
    );
    check("smtp://[::1]:2525", "::1", 2525, Security::None, None, None);
}

#[test]
fn bad_smtp_urls_say_what_was_expected_and_never_show_the_password() {
    for (text, hint) in [
        ("http://mail.example.nl", "http"),
        ("mail.example.nl:25", "scheme"),
        ("smtp://", "host"),
        ("smtp:///x", "host"),
        ("smtp://mail.example.nl:99999", "port"),
        ("smtp://mail.example.nl:abc", "port"),
        ("smtp://mail.example.nl/ehlo-name", "/ehlo-name"),
        ("smtp://mail.example.nl?tls=yes", "tls=yes"),
        ("smtp://mail.example.nl?tls=starttls&tls=starttls", "twice"),
        ("smtp://mail.example.nl?port=25", "port"),
        ("smtps://mail.example.nl?tls=starttls", "smtps"),
        ("smtps://:geheim123@mail.example.nl", "without a user"),
        ("smtps://user:geheim123@mail.example.nl:xyz", "port"),
        ("smtps://user:geheim123@mail.example.nl/path", "/path"),
        ("smtps://user:gehe%FFim123@mail.example.nl", "UTF-8"),
    ] {
        let error = text.parse::<SmtpUrl>().unwrap_err();
        let message = error.to_string();
        assert!(
            matches!(error, DeliveryError::Url { .. }),
            "{text}: {error:?}"
        );
        assert!(message.contains(hint), "{text}: {message}");
        assert!(
            message.contains("smtps://user:password@host:465"),
            "{text}: {message}"
        );
        assert!(
            !message.contains("geheim"),
            "{text} leaked its password: {message}"
        );
    }
}

#[test]
fn masked_urls_hide_the_password() {
    let url = parse("smtps://info%40bakker.nl:geheim@smtp.example.nl");
    assert_eq!(
        url.masked(),
        "smtps://info%40bakker.nl:***@smtp.example.nl:465"
    );
    assert_eq!(url.to_string(), url.masked());
    assert!(!format!("{url:?}").contains("geheim"));
    assert_eq!(
        parse("smtp://h?tls=starttls").masked(),
        "smtp://h:587?tls=starttls"
    );
    assert_eq!(parse("smtp://[::1]:2525").masked(), "smtp://[::1]:2525");
    assert_eq!(
        parse(&parse("smtp://u@h:26?tls=starttls").masked()),
        parse("smtp://u@h:26?tls=starttls")
    );
}

// --- Drafts ----------------------------------------------------------------------------------

#[test]
fn a_draft_opens_as_a_new_message_with_the_pdf() {
    let outgoing = letter();
    let eml = delivery::draft(&outgoing).unwrap();
    let text = String::from_utf8(eml.clone()).unwrap();
    assert!(
        text.contains("\r\nX-Unsent: 1\r\n") || text.starts_with("X-Unsent: 1\r\n"),
        "{text}"
    );
    assert!(
        !text.contains("Message-ID"),
        "a draft gets its id when it is sent"
    );
    assert!(
        text.contains("To: \"Jan de Vries\" <jan@klant.nl>")
            || text.contains("To: Jan de Vries <jan@klant.nl>"),
        "{text}"
    );

    let parsed = MessageParser::default().parse(&eml).unwrap();
    assert_eq!(parsed.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(parsed.subject(), Some(outgoing.subject.as_str()));
    assert_eq!(
        parsed.to().unwrap().first().unwrap().address(),
        Some("jan@klant.nl")
    );
    assert_eq!(parsed.attachment_count(), 1);
    let attachment = parsed.attachment(0).unwrap();
    assert_eq!(attachment.contents(), outgoing.attachment.as_slice());
    assert_eq!(
        attachment.attachment_name(),
        Some(outgoing.attachment_name.as_str())
    );
    assert!(text.contains("Content-Transfer-Encoding: base64"));
}

#[test]
fn a_draft_with_a_given_date_is_reproducible() {
    let date = UNIX_EPOCH + Duration::from_secs(1_796_000_000);
    let first = delivery::draft_at(&letter(), date).unwrap();
    let second = delivery::draft_at(&letter(), date).unwrap();
    assert_eq!(first, second);
    let parsed = MessageParser::default().parse(&first).unwrap();
    assert_eq!(parsed.date().unwrap().to_timestamp(), 1_796_000_000);
}

#[test]
fn a_draft_refuses_a_bad_sender() {
    let outgoing = Outgoing {
        from_email: "facturen at bakkerij".to_owned(),
        ..letter()
    };
    let error = delivery::draft(&outgoing).unwrap_err();
    assert!(
        matches!(error, DeliveryError::Address { field: "From", .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("facturen at bakkerij"));
}

// --- Secret stores ---------------------------------------------------------------------------

#[test]
fn memory_store_sets_gets_and_deletes() {
    let store = MemoryStore::new();
    assert_eq!(store.get("smtp").unwrap(), None);
    store.set("smtp", "geheim").unwrap();
    store.set("other", "x").unwrap();
    assert_eq!(store.get("smtp").unwrap().as_deref(), Some("geheim"));
    store.set("smtp", "nieuw").unwrap();
    assert_eq!(store.get("smtp").unwrap().as_deref(), Some("nieuw"));
    store.delete("smtp").unwrap();
    store.delete("smtp").unwrap();
    assert_eq!(store.get("smtp").unwrap(), None);
    assert_eq!(store.get("other").unwrap().as_deref(), Some("x"));
    let boxed: Box<dyn SecretStore> = Box::new(store);
    assert_eq!(boxed.get("other").unwrap().as_deref(), Some("x"));
}

#[test]
fn keychain_store_without_a_keychain_is_an_error_not_a_panic() {
    let store = KeychainStore::with_service("nl.tegoed.Tegoed.test");
    let key = format!("delivery-test-{}", std::process::id());
    let outcome = std::panic::catch_unwind(|| store.get(&key));
    let Ok(result) = outcome else {
        panic!("KeychainStore::get panicked");
    };
    match result {
        Err(error) => {
            assert!(matches!(error, DeliveryError::Secret { .. }), "{error:?}");
            assert!(error.to_string().contains("keychain"), "{error}");
            assert!(store.set(&key, "x").is_err());
        }
        // A desktop with a running keychain: then it must work end to end.
        Ok(None) => {
            store.set(&key, "geheim").unwrap();
            assert_eq!(store.get(&key).unwrap().as_deref(), Some("geheim"));
            store.delete(&key).unwrap();
            assert_eq!(store.get(&key).unwrap(), None);
        }
        Ok(Some(_)) => panic!("a secret left behind under {key}"),
    }
}
