//! Wire types of the letter screens: the letters just made, their preview,
//! the outbox with each letter's state, a send batch's progress and
//! report, and the business, agency and SMTP settings. Money is a decimal
//! string, dates are `YYYY-MM-DD`, times RFC 3339. No SMTP password ever
//! travels to the UI; only whether one is kept, and where.

use serde::{Deserialize, Serialize};
use tegoed_core::book::OutboxRow;
use tegoed_core::outbox::SendReport;
use tegoed_core::remind::MadeLetter;
use ts_rs::TS;

/// A letter action ticked on Today: which customer, which letter.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChosenLetter {
    /// Customer code.
    pub customer_code: String,
    /// The contract's action code (`reminder_1`, `demand`, …).
    pub action: String,
}

/// One letter just made, for the preview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MadeLetterView {
    /// The outbox id.
    pub id: i32,
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// The action code it carries out.
    pub action: String,
    /// The letter's language (`nl`, `en`).
    pub language: String,
    /// Its invoices, in the table's order.
    pub invoices: Vec<String>,
    /// Pages in all, invoice copies included.
    pub pages: i32,
    /// The open total it states.
    pub total_open: String,
    /// The deadline it states.
    pub deadline: Option<String>,
    /// The collection costs it states.
    pub costs: Option<String>,
    /// The interest it states.
    pub interest: Option<String>,
    /// Its file name.
    pub file_name: String,
    /// Things a person should know (an unreadable stored invoice PDF).
    pub warnings: Vec<String>,
}

fn id32(id: i64) -> i32 {
    i32::try_from(id).unwrap_or(i32::MAX)
}

impl From<&MadeLetter> for MadeLetterView {
    fn from(letter: &MadeLetter) -> MadeLetterView {
        MadeLetterView {
            id: id32(letter.id),
            customer_code: letter.customer_code.clone(),
            customer: letter.customer.clone(),
            action: letter.action.code().to_owned(),
            language: letter.language.code().to_owned(),
            invoices: letter.invoices.clone(),
            pages: i32::try_from(letter.pages).unwrap_or(i32::MAX),
            total_open: letter.total_open.to_string(),
            deadline: letter.deadline.map(|date| date.to_string()),
            costs: letter.costs.map(|money| money.to_string()),
            interest: letter.interest.map(|money| money.to_string()),
            file_name: letter.file_name.clone(),
            warnings: letter.warnings.clone(),
        }
    }
}

/// A letter as the person sees it before anything is sent: its pages as
/// PNG images rendered in Rust, or, where no renderer is installed, only
/// the page count (the UI then offers to open the PDF).
#[derive(Debug, Clone, Serialize, TS)]
pub struct LetterPreview {
    /// The outbox id.
    pub id: i32,
    /// Pages in the PDF.
    pub pages: i32,
    /// `data:image/png;base64,…` per rendered page, in order; empty when
    /// the pages could not be rendered.
    pub images: Vec<String>,
    /// Why the pages are not shown, when they are not.
    pub unrendered: Option<String>,
}

/// A letter in the outbox.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OutboxLetter {
    /// The outbox id.
    pub id: i32,
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// The action code it carried out.
    pub stage: String,
    /// The letter date.
    pub as_of: String,
    /// Its invoices.
    pub invoices: Vec<String>,
    /// The open total it stated.
    pub total_open: String,
    /// Its page count.
    pub pages: Option<i32>,
    /// `generated`, `printed`, `sent`, `failed` or `unknown`.
    pub state: String,
    /// `email`, `print`, `draft`, when it went somewhere.
    pub channel: Option<String>,
    /// Where it was mailed.
    pub recipient: Option<String>,
    /// When it was sent or printed.
    pub sent_at: Option<String>,
    /// The server's words when sending failed or broke off.
    pub error: Option<String>,
}

impl From<&OutboxRow> for OutboxLetter {
    fn from(letter: &OutboxRow) -> OutboxLetter {
        OutboxLetter {
            id: id32(letter.id),
            customer_code: letter.customer_code.clone(),
            customer: letter.customer.clone(),
            stage: letter.stage.clone(),
            as_of: letter.as_of.to_string(),
            invoices: letter.invoices.clone(),
            total_open: letter.total_open.to_string(),
            pages: letter
                .pages
                .map(|pages| i32::try_from(pages).unwrap_or(i32::MAX)),
            state: letter.state.clone(),
            channel: letter.channel.clone(),
            recipient: letter.recipient.clone(),
            sent_at: letter.sent_at.map(|at| at.to_rfc3339()),
            error: letter.error.clone(),
        }
    }
}

/// How far a send batch is, carried by the `send-progress` event.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SendProgress {
    /// Letters done (sent, failed or skipped).
    pub done: i32,
    /// Letters in the batch.
    pub total: i32,
}

/// A letter that was not sent, and why (the server's words, or the reason it was skipped).
#[derive(Debug, Clone, Serialize, TS)]
pub struct LetterProblem {
    /// The outbox id.
    pub id: i32,
    /// Why.
    pub why: String,
}

/// What a send batch did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SendOutcome {
    /// The ids mailed.
    pub sent: Vec<i32>,
    /// Refused or unreachable, with the server's words.
    pub failed: Vec<LetterProblem>,
    /// Not tried (already sent, interrupted earlier, no e-mail address).
    pub skipped: Vec<LetterProblem>,
    /// Not tried because the batch was cancelled.
    pub cancelled: Vec<i32>,
}

impl From<&SendReport> for SendOutcome {
    fn from(report: &SendReport) -> SendOutcome {
        let problems = |list: &[(i64, String)]| {
            list.iter()
                .map(|(id, why)| LetterProblem {
                    id: id32(*id),
                    why: why.clone(),
                })
                .collect()
        };
        SendOutcome {
            sent: report.sent.iter().map(|sent| id32(sent.id)).collect(),
            failed: problems(&report.failed),
            skipped: problems(&report.skipped),
            cancelled: report.cancelled.iter().copied().map(id32).collect(),
        }
    }
}

/// A file written for the person and handed to the system (a draft, a print batch).
#[derive(Debug, Clone, Serialize, TS)]
pub struct WrittenFile {
    /// Where it was written.
    pub path: String,
    /// True when it went straight to the printer with `lp`.
    pub printed: bool,
}

/// The business details letters carry, and the collection agency's, as the Settings form holds them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BusinessSettings {
    /// Trade name.
    pub name: String,
    /// Postal address, one line per line.
    pub address: String,
    /// KvK number.
    pub kvk_number: String,
    /// VAT number.
    pub vat_number: String,
    /// IBAN payments go to.
    pub iban: String,
    /// BIC.
    pub bic: String,
    /// Phone number.
    pub phone: String,
    /// E-mail address letters are sent from and replies go to.
    pub email: String,
    /// Who signs the letters.
    pub contact_person: String,
    /// The logo as a `data:image/png;base64,…` URL, when one is set (read only: `choose_logo` sets it).
    pub logo: Option<String>,
    /// The collection agency's name (hand-over notice).
    pub agency_name: String,
    /// The agency's contact details, one line per line.
    pub agency_contact: String,
    /// True when the customer is told to pay the agency.
    pub pay_to_agency: bool,
}

/// Where the SMTP password is kept.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PasswordPlace {
    /// No password: a local server, or none needed.
    None,
    /// In the OS keychain.
    Keychain,
    /// For this session only (no keychain, or typed into the URL); gone when the app closes.
    Session,
}

/// Where the SMTP URL came from.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSource {
    /// Saved in Settings (the book's `smtp.url`).
    Saved,
    /// The `TEGOED_SMTP_URL` environment variable.
    Environment,
    /// Not set.
    None,
}

/// The mail server settings, without the password.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SmtpSettings {
    /// The URL, password masked; empty when none is set.
    pub url: String,
    /// Where the URL came from.
    pub source: SmtpSource,
    /// Where the password is kept.
    pub password: PasswordPlace,
    /// Why the keychain could not be used, when it was needed and failed.
    pub keychain_problem: Option<String>,
}
