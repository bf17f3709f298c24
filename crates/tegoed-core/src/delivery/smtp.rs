//! Sending over SMTP with lettre's async connection on tokio and rustls.
//!
//! The session is driven step by step (connect, STARTTLS, AUTH, MAIL, RCPT, DATA, message)
//! rather than through `AsyncSmtpTransport::send`, so that each failure is known to fall
//! before or after the message left: before it, nothing was delivered
//! ([`DeliveryError::Connect`] or [`DeliveryError::Smtp`]); once the final `.` was written and
//! no answer came, the outcome is unknown ([`DeliveryError::Interrupted`]).

use std::time::{Duration, SystemTime};

use lettre::Message;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use super::message::{letter, new_message_id, plain};
use super::{DeliveryError, Outgoing, Security, SmtpUrl};

/// How long to wait for the connection and for each answer of the server.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Mails one letter and returns the `Message-ID` it was sent with.
///
/// # Errors
/// [`DeliveryError::Address`] or [`DeliveryError::Build`] before connecting;
/// [`DeliveryError::Connect`] when the server cannot be reached or the session breaks off
/// before the message was sent; [`DeliveryError::Smtp`] with the server's own words when it
/// refuses; [`DeliveryError::Interrupted`] when the message was sent but no answer came.
pub async fn send(url: &SmtpUrl, outgoing: &Outgoing) -> Result<String, DeliveryError> {
    let message_id = new_message_id(&outgoing.from_email);
    send_with_id(url, outgoing, &message_id, DEFAULT_TIMEOUT).await?;
    Ok(message_id)
}

/// Mails one letter with a `Message-ID` made beforehand by [`new_message_id`] (so it can be
/// recorded before the send starts), waiting at most `timeout` for each step.
///
/// # Errors
/// As [`send`].
pub async fn send_with_id(
    url: &SmtpUrl,
    outgoing: &Outgoing,
    message_id: &str,
    timeout: Duration,
) -> Result<(), DeliveryError> {
    let message = letter(outgoing, Some(message_id), SystemTime::now(), false)?;
    transmit(url, &message, timeout).await
}

/// Sends a short test message from `from_email` to `to`, to check the SMTP settings, and
/// returns its `Message-ID`.
///
/// # Errors
/// As [`send`].
pub async fn send_test_mail(
    url: &SmtpUrl,
    from_email: &str,
    to: &str,
) -> Result<String, DeliveryError> {
    let message_id = new_message_id(from_email);
    let message = plain(
        from_email,
        to,
        "Testbericht van Tegoed / Test message from Tegoed",
        "Dit bericht laat zien dat Tegoed via deze mailserver kan versturen.\n\n\
         This message shows that Tegoed can send through this mail server.\n",
        &message_id,
    )?;
    transmit(url, &message, DEFAULT_TIMEOUT).await?;
    Ok(message_id)
}

/// Where a session failed: before the message was written, or after it was.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Before,
    After,
}

/// Why a step failed: lettre's error, or our own clock (lettre bounds only the TCP connect
/// of an async connection, not the reads after it).
enum Failure {
    Smtp(lettre::transport::smtp::Error),
    TimedOut(Duration),
}

/// Runs one step of the session within `limit`.
async fn step<T>(
    limit: Duration,
    phase: Phase,
    future: impl Future<Output = Result<T, lettre::transport::smtp::Error>>,
) -> Result<T, (Phase, Failure)> {
    match tokio::time::timeout(limit, future).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err((phase, Failure::Smtp(error))),
        Err(_) => Err((phase, Failure::TimedOut(limit))),
    }
}

/// One SMTP session for one message.
async fn transmit(
    url: &SmtpUrl,
    message: &Message,
    timeout: Duration,
) -> Result<(), DeliveryError> {
    let server = url.server();
    let tls = match url.security {
        Security::None => None,
        Security::StartTls | Security::Implicit => Some(
            TlsParameters::new(url.host.clone())
                .map_err(|error| classify(&server, Phase::Before, &Failure::Smtp(error)))?,
        ),
    };
    let hello = ClientId::default();
    let implicit_tls = match url.security {
        Security::Implicit => tls.clone(),
        Security::None | Security::StartTls => None,
    };
    // Connecting includes the greeting and EHLO, and TLS for smtps.
    let mut connection = step(
        timeout,
        Phase::Before,
        AsyncSmtpConnection::connect_tokio1(
            (url.host.as_str(), url.port),
            Some(timeout),
            &hello,
            implicit_tls,
            None,
        ),
    )
    .await
    .map_err(|(phase, failure)| classify(&server, phase, &failure))?;
    match session(&mut connection, url, tls, &hello, message, timeout).await {
        Ok(()) => {
            // The server has taken the message; a failing QUIT changes nothing about that.
            let _ = tokio::time::timeout(timeout, connection.quit()).await;
            Ok(())
        }
        Err((phase, failure)) => {
            let _ = tokio::time::timeout(timeout, connection.abort()).await;
            Err(classify(&server, phase, &failure))
        }
    }
}

/// STARTTLS, AUTH and the mail transaction on an open connection.
async fn session(
    connection: &mut AsyncSmtpConnection,
    url: &SmtpUrl,
    tls: Option<TlsParameters>,
    hello: &ClientId,
    message: &Message,
    timeout: Duration,
) -> Result<(), (Phase, Failure)> {
    if let (Security::StartTls, Some(tls)) = (url.security, tls) {
        step(timeout, Phase::Before, connection.starttls(tls, hello)).await?;
    }
    if let Some(user) = &url.user {
        let credentials = Credentials::new(user.clone(), url.password.clone().unwrap_or_default());
        let mechanisms = [Mechanism::Plain, Mechanism::Login];
        step(
            timeout,
            Phase::Before,
            connection.auth(&mechanisms, &credentials),
        )
        .await?;
    }
    let bytes = message.formatted();
    let envelope = message.envelope();
    let parameters = mail_parameters(connection, envelope, &bytes);
    step(
        timeout,
        Phase::Before,
        connection.command(Mail::new(envelope.from().cloned(), parameters)),
    )
    .await?;
    for recipient in envelope.to() {
        step(
            timeout,
            Phase::Before,
            connection.command(Rcpt::new(recipient.clone(), Vec::new())),
        )
        .await?;
    }
    step(timeout, Phase::Before, connection.command(Data)).await?;
    // From here on a broken connection may have lost only the server's answer. Uploading the
    // message gets extra time for its size (10 kB/s, a slow uplink).
    let upload = timeout + Duration::from_secs((bytes.len() / 10_000) as u64);
    step(upload, Phase::After, connection.message(&bytes)).await?;
    Ok(())
}

/// `SMTPUTF8` and `BODY=8BITMIME` where the envelope or message need them and the server
/// offers them (our messages are 7-bit, so normally none); a server without them then
/// refuses with its own words.
fn mail_parameters(
    connection: &AsyncSmtpConnection,
    envelope: &Envelope,
    bytes: &[u8],
) -> Vec<MailParameter> {
    let server = connection.server_info();
    let mut parameters = Vec::new();
    let non_ascii_addresses = envelope
        .to()
        .iter()
        .chain(envelope.from())
        .any(|address: &lettre::Address| !AsRef::<str>::as_ref(address).is_ascii());
    if non_ascii_addresses && server.supports_feature(Extension::SmtpUtfEight) {
        parameters.push(MailParameter::SmtpUtfEight);
    }
    if !bytes.is_ascii() && server.supports_feature(Extension::EightBitMime) {
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    parameters
}

/// Turns a failure into our error: a server's 4xx/5xx answer keeps its words; anything else
/// is a connection problem, before or after the message was written.
fn classify(server: &str, phase: Phase, failure: &Failure) -> DeliveryError {
    let message = match failure {
        Failure::TimedOut(limit) => format!("no answer within {} s", limit.as_secs()),
        Failure::Smtp(error) => {
            let detail = std::error::Error::source(error)
                .map_or_else(|| error.to_string(), |source| source.to_string());
            if let Some(code) = error.status() {
                return DeliveryError::Smtp {
                    server: server.to_owned(),
                    message: format!("{code} {detail}").trim_end().to_owned(),
                    permanent: error.is_permanent(),
                };
            }
            if error.is_timeout() {
                format!("no answer within the time allowed ({detail})")
            } else if error.is_tls() {
                format!("the TLS connection failed ({detail})")
            } else {
                detail
            }
        }
    };
    match phase {
        Phase::Before => DeliveryError::Connect {
            server: server.to_owned(),
            message,
        },
        Phase::After => DeliveryError::Interrupted {
            server: server.to_owned(),
            message,
        },
    }
}
