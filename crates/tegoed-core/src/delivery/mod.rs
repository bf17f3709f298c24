//! Outgoing mail for letters: building the message, sending it over SMTP, writing an unsent
//! draft, and keeping the SMTP password in a secret store.
//!
//! - [`SmtpUrl`] is the one place that reads `TEGOED_SMTP_URL` forms (`smtp://host:port`,
//!   `smtp://host:587?tls=starttls`, `smtps://user:pass@host:465`); it never prints the
//!   password ([`SmtpUrl::masked`], and its `Debug` and `Display` mask it too).
//! - [`send`] mails one [`Outgoing`] (a letter: text body plus its PDF) through lettre over
//!   rustls, and returns the `Message-ID` it generated, so the caller can record it.
//!   [`send_with_id`] takes an id made beforehand with [`new_message_id`], so it can be written
//!   down *before* the send starts.
//! - [`draft`] writes the same message as an `.eml` with `X-Unsent: 1`, which mail programs open
//!   as a new message to be sent by the person.
//! - [`SecretStore`] keeps the SMTP password: [`KeychainStore`] in the OS keychain through
//!   keyring, [`MemoryStore`] for tests and machines without a keychain. The password is never
//!   written to the book.
//!
//! What this module deliberately does not do: decide which letters to send, change a letter's
//! state, or read the SMTP URL from the environment; that is the caller's (`tegoed-cli`, the
//! app). This is I/O at the edge, so [`send`] reads the wall clock for the `Date` header;
//! [`draft_at`] takes the date as a parameter and is byte-for-byte deterministic.

mod message;
mod secret;
mod smtp;
mod url;

pub use message::{draft, draft_at, new_message_id};
pub use secret::{KeychainStore, MemoryStore, SecretStore};
pub use smtp::{DEFAULT_TIMEOUT, send, send_test_mail, send_with_id};
pub use url::{Security, SmtpUrl};

/// One letter as an e-mail: who sends it, to whom, the text and the letter's PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// The business's name, shown as the sender (`From: "Name" <from_email>`).
    pub from_name: String,
    /// The sending address; its domain also names the `Message-ID`.
    pub from_email: String,
    /// Where replies go (`Reply-To`), when it differs from the sending address.
    pub reply_to: Option<String>,
    /// The customer's address, bare (`a@b.nl`) or with a name (`Name <a@b.nl>`).
    pub to: String,
    /// The subject line, any UTF-8.
    pub subject: String,
    /// The plain-text body, any UTF-8; line endings are normalised to CRLF.
    pub body: String,
    /// The attachment's file name as the customer sees it; spaces and diacritics are fine.
    pub attachment_name: String,
    /// The attachment's bytes, sent as `application/pdf`.
    pub attachment: Vec<u8>,
}

/// What went wrong with outgoing mail or its password.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// The SMTP URL cannot be used; `url` has its password masked.
    #[error("the SMTP URL {url} cannot be used: expected {expected}")]
    Url {
        /// The URL as given, password masked.
        url: String,
        /// What was expected instead, with an example.
        expected: String,
    },
    /// An address is not an e-mail address.
    #[error(
        "the {field} address {address:?} is not an e-mail address ({reason}): expected name@domain.nl"
    )]
    Address {
        /// The header it was meant for: `From`, `To` or `Reply-To`.
        field: &'static str,
        /// The address as given.
        address: String,
        /// Why it was refused.
        reason: String,
    },
    /// The message could not be put together.
    #[error("the e-mail could not be built: {0}")]
    Build(String),
    /// The server answered with an error; nothing was delivered.
    #[error("the mail server {server} refused the message: {message}")]
    Smtp {
        /// `host:port` of the server.
        server: String,
        /// The server's own words, e.g. `550 5.1.1 mailbox unavailable`.
        message: String,
        /// A 5xx answer: sending again will fail the same way. A 4xx answer is `false`: the
        /// server asks to try again later.
        permanent: bool,
    },
    /// The server could not be reached, or the session broke off before the message was
    /// sent (refused connection, unknown host, TLS failure, timeout): nothing was delivered.
    #[error("could not send through {server}: {message}")]
    Connect {
        /// `host:port` of the server.
        server: String,
        /// What failed.
        message: String,
    },
    /// The whole message was sent but the server's answer never came (the connection broke
    /// or timed out after the final `.`): the message may or may not have been accepted.
    /// Record the outcome as unknown; do not send again automatically.
    #[error(
        "sent the message to {server} but got no answer ({message}): it may or may not have \
         arrived; check the sent mail before sending it again"
    )]
    Interrupted {
        /// `host:port` of the server.
        server: String,
        /// What failed.
        message: String,
    },
    /// The secret store failed, or no keychain is available.
    #[error("the SMTP password for {key:?}: {message}")]
    Secret {
        /// The key the secret is stored under.
        key: String,
        /// What failed, and what to do about it.
        message: String,
    },
}

impl crate::fault::Classify for DeliveryError {
    /// Mail settings, addresses and the server's refusals are the person's
    /// to act on; a message that cannot be built is ours.
    fn fault(&self) -> crate::fault::Fault {
        match self {
            DeliveryError::Build(_) => crate::fault::Fault::Internal,
            _ => crate::fault::Fault::Input,
        }
    }
}
