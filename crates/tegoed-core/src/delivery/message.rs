//! Building a letter's e-mail: headers, the text part and the PDF, as one MIME message.
//!
//! The layout is the plainest one every mail program shows the same way:
//! `multipart/mixed` with a `text/plain; charset=utf-8` part (quoted-printable or base64, as
//! lettre picks) and an `application/pdf` part in base64 with its file name both as RFC 2231
//! `filename*` (modern readers) and as an RFC 2047 `name` on the content type (older
//! Outlooks). Headers with diacritics or € are RFC 2047 encoded words, so the message is
//! 7-bit ASCII on the wire and needs no 8BITMIME.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use lettre::message::header::{
    ContentDisposition, ContentTransferEncoding, ContentType, HeaderName, HeaderValue,
};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use sha2::{Digest, Sha256};

use super::{DeliveryError, Outgoing};

/// The domain of a Message-ID when the sender's address has none usable.
const FALLBACK_DOMAIN: &str = "tegoed.invalid";

/// Writes `outgoing` as an unsent draft dated now: an `.eml` with `X-Unsent: 1` that Outlook
/// opens as a new message ready to send, the PDF attached.
///
/// A draft has no `Message-ID`: the mail program gives it one when the person sends it.
///
/// # Errors
/// [`DeliveryError::Address`] for an address that is not one, [`DeliveryError::Build`] when
/// lettre refuses the message.
pub fn draft(outgoing: &Outgoing) -> Result<Vec<u8>, DeliveryError> {
    draft_at(outgoing, SystemTime::now())
}

/// [`draft`] with its `Date` given: the same input and date always give the same bytes.
///
/// # Errors
/// As [`draft`].
pub fn draft_at(outgoing: &Outgoing, date: SystemTime) -> Result<Vec<u8>, DeliveryError> {
    Ok(letter(outgoing, None, date, true)?.formatted())
}

/// A new `Message-ID` for a message from `from_email`: `<hex.tegoed@domain>`, unique per call
/// (clock, process and a counter, hashed), on the sender's domain as RFC 5322 §3.6.4 advises.
pub fn new_message_id(from_email: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let mut hasher = Sha256::new();
    hasher.update(nanos.to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    hasher.update(from_email.as_bytes());
    let digest = hasher.finalize();
    format!("<{}.tegoed@{}>", hex(&digest[..16]), domain_of(from_email))
}

/// Builds the message of a letter; `unsent` adds `X-Unsent: 1` (a draft).
pub(super) fn letter(
    outgoing: &Outgoing,
    message_id: Option<&str>,
    date: SystemTime,
    unsent: bool,
) -> Result<Message, DeliveryError> {
    let mut builder = Message::builder()
        .from(sender(&outgoing.from_name, &outgoing.from_email)?)
        .to(recipient("To", &outgoing.to)?)
        .subject(outgoing.subject.clone())
        .date(date);
    if let Some(reply_to) = &outgoing.reply_to {
        builder = builder.reply_to(recipient("Reply-To", reply_to)?);
    }
    if let Some(message_id) = message_id {
        builder = builder.message_id(Some(message_id.to_owned()));
    }
    if unsent {
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Unsent"),
            "1".to_owned(),
        ));
    }
    let text = SinglePart::plain(outgoing.body.clone());
    let attachment = pdf_part(&outgoing.attachment_name, &outgoing.attachment);
    let body = MultiPart::mixed()
        .boundary(boundary(outgoing))
        .singlepart(text)
        .singlepart(attachment);
    builder
        .multipart(body)
        .map_err(|error| DeliveryError::Build(error.to_string()))
}

/// A plain text message without attachment (the test mail).
pub(super) fn plain(
    from_email: &str,
    to: &str,
    subject: &str,
    body: &str,
    message_id: &str,
) -> Result<Message, DeliveryError> {
    Message::builder()
        .from(sender("Tegoed", from_email)?)
        .to(recipient("To", to)?)
        .subject(subject)
        .message_id(Some(message_id.to_owned()))
        .date(SystemTime::now())
        .singlepart(SinglePart::plain(body.to_owned()))
        .map_err(|error| DeliveryError::Build(error.to_string()))
}

/// `"Name" <address>` for `From`; an empty name leaves the bare address.
fn sender(name: &str, email: &str) -> Result<Mailbox, DeliveryError> {
    let address: Address =
        email
            .trim()
            .parse()
            .map_err(
                |error: lettre::address::AddressError| DeliveryError::Address {
                    field: "From",
                    address: email.to_owned(),
                    reason: error.to_string(),
                },
            )?;
    let name = name.trim();
    Ok(Mailbox::new(
        (!name.is_empty()).then(|| name.to_owned()),
        address,
    ))
}

/// A bare address or `Name <address>`.
fn recipient(field: &'static str, text: &str) -> Result<Mailbox, DeliveryError> {
    text.trim().parse().map_err(
        |error: lettre::address::AddressError| DeliveryError::Address {
            field,
            address: text.to_owned(),
            reason: error.to_string(),
        },
    )
}

/// The PDF as a base64 attachment under its own name.
fn pdf_part(name: &str, content: &[u8]) -> SinglePart {
    let file_name = safe_file_name(name);
    // `name` on the content type is what older Outlooks show; RFC 2047 inside a quoted
    // parameter is not standard but is what they read, and modern readers prefer `filename*`.
    let name_parameter = if file_name.is_ascii() {
        file_name.clone()
    } else {
        format!(
            "=?utf-8?B?{}?=",
            base64::engine::general_purpose::STANDARD.encode(file_name.as_bytes())
        )
    };
    let content_type = ContentType::parse(&format!("application/pdf; name=\"{name_parameter}\""))
        .unwrap_or_else(|_| {
            ContentType::parse("application/pdf").unwrap_or(ContentType::TEXT_PLAIN)
        });
    SinglePart::builder()
        .header(content_type)
        .header(ContentDisposition::attachment(&file_name))
        .header(ContentTransferEncoding::Base64)
        .body(content.to_vec())
}

/// The file name without characters that break a quoted header parameter or a file system
/// (`"`, `\`, `/`, `:`, `*`, `?`, `<`, `>`, `|` and control characters become `_`).
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|character| match character {
            '"' | '\\' | '/' | ':' | '*' | '?' | '<' | '>' | '|' => '_',
            character if character.is_control() => '_',
            character => character,
        })
        .collect();
    if cleaned.is_empty() {
        "letter.pdf".to_owned()
    } else {
        cleaned
    }
}

/// A MIME boundary derived from the content, so drafts are reproducible; `=_` cannot occur in
/// base64 or quoted-printable text, and a text part would need to contain the whole hash.
fn boundary(outgoing: &Outgoing) -> String {
    let mut hasher = Sha256::new();
    for field in [
        outgoing.to.as_bytes(),
        outgoing.subject.as_bytes(),
        outgoing.body.as_bytes(),
        outgoing.attachment_name.as_bytes(),
        outgoing.attachment.as_slice(),
    ] {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field);
    }
    format!("=_tegoed_{}", hex(&hasher.finalize()[..16]))
}

/// The sender's domain for a Message-ID, or [`FALLBACK_DOMAIN`] when it is missing or not
/// plain ASCII (a Message-ID must be ASCII).
fn domain_of(email: &str) -> String {
    match email.trim().rsplit_once('@') {
        Some((_, domain))
            if !domain.is_empty()
                && domain.chars().all(|character| {
                    character.is_ascii_alphanumeric() || "-.".contains(character)
                }) =>
        {
            domain.to_ascii_lowercase()
        }
        _ => FALLBACK_DOMAIN.to_owned(),
    }
}

/// Lower-case hex of some bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
