//! Letters: the reminder, confirmation, plan, demand and hand-over letters of
//! `shared/letters.md` (L1–L6) rendered to PDF, with copies of the invoices
//! appended, plus the e-mail subject and body and the agency's dossier
//! summary.
//!
//! Pure: values and bytes in, PDF bytes out. No book, no clock (the letter
//! date is the PDF's creation date), no file system (the font is embedded).
//! The wording lives in `templates/` as data, one file per kind and
//! language; this module fills the placeholders and decides only what the
//! law decides (no deadline date in a consumer demand, no costs in a first
//! reminder or in a consumer's hand-over notice, the ingebrekestelling only
//! for a consumer without an agreed fatal term). `layout` draws the A4
//! pages, `attach` appends stored invoice PDFs losslessly with lopdf.
//!
//! Sending, recording and choosing which letter to send are not here: the
//! dunning engine decides, the book records, mail sends.

mod attach;
mod font;
pub mod format;
mod layout;
mod template;
mod wording;

#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::money::Money;

pub use crate::customer::Language;

/// The kind of letter, L1–L6 of `letters.md` (the demand covers L5a and L5b;
/// [`Letter::consumer`] picks one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LetterKind {
    /// L1, betalingsherinnering.
    Reminder1,
    /// L2, tweede herinnering (for a consumer also the ingebrekestelling).
    Reminder2,
    /// L3, bevestiging van een telefonische afspraak.
    Confirmation,
    /// L4, bevestiging betalingsregeling.
    PlanConfirmation,
    /// L5a/L5b, aanmaning: veertiendagenbrief (consumer) or sommatie (business).
    Demand,
    /// L6, kennisgeving overdracht aan een incassobureau.
    AgencyNotice,
}

impl LetterKind {
    /// Every kind, in ladder order.
    pub const ALL: [LetterKind; 6] = [
        LetterKind::Reminder1,
        LetterKind::Reminder2,
        LetterKind::Confirmation,
        LetterKind::PlanConfirmation,
        LetterKind::Demand,
        LetterKind::AgencyNotice,
    ];

    /// The CLI contract's action code: `reminder_1`, `reminder_2`,
    /// `confirmation`, `plan_confirmation`, `demand`, `agency`.
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Reminder1 => "reminder_1",
            LetterKind::Reminder2 => "reminder_2",
            LetterKind::Confirmation => "confirmation",
            LetterKind::PlanConfirmation => "plan_confirmation",
            LetterKind::Demand => "demand",
            LetterKind::AgencyNotice => "agency",
        }
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text that names no letter kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a letter kind (expected reminder_1, reminder_2, confirmation, plan_confirmation, demand or agency)"
)]
pub struct ParseLetterKindError(pub String);

impl FromStr for LetterKind {
    type Err = ParseLetterKindError;

    fn from_str(text: &str) -> Result<LetterKind, ParseLetterKindError> {
        LetterKind::ALL
            .into_iter()
            .find(|kind| kind.code() == text.trim())
            .ok_or_else(|| ParseLetterKindError(text.to_string()))
    }
}

/// The business sending the letter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sender {
    /// Legal name; also the account holder in the payment block.
    pub name: String,
    /// Address lines.
    pub address: Vec<String>,
    /// Chamber of Commerce (KvK) number.
    pub kvk_number: Option<String>,
    /// VAT number.
    pub vat_number: Option<String>,
    /// IBAN the customer pays to.
    pub iban: Option<String>,
    /// BIC, for customers abroad.
    pub bic: Option<String>,
    /// Phone number for questions.
    pub phone: Option<String>,
    /// E-mail address for questions.
    pub email: Option<String>,
    /// The person who signs and answers questions.
    pub contact_person: Option<String>,
    /// A PNG logo printed top right; without one the name is printed large.
    /// A logo that cannot be read is left out with a warning.
    pub logo_png: Option<Vec<u8>>,
}

/// The customer the letter goes to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recipient {
    /// Name.
    pub name: String,
    /// Address lines.
    pub address: Vec<String>,
    /// Our customer number.
    pub customer_code: String,
    /// A contact person, printed as an attention line and in the salutation.
    pub attention: Option<String>,
}

/// One invoice row of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterInvoice {
    /// Invoice number.
    pub number: String,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// The customer's order or PO number.
    pub order_number: Option<String>,
    /// Original amount.
    pub amount: Money,
    /// Paid or credited so far.
    pub paid: Money,
    /// Open amount.
    pub open: Money,
    /// Days overdue on the letter date.
    pub days_overdue: i64,
}

/// Costs and interest claimed (demand, hand-over), as computed by `law`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Claim {
    /// Extrajudicial collection costs (WIK scale or contractual).
    pub costs: Option<Money>,
    /// VAT on the costs, only when it may be charged (domain.md §2.2).
    pub vat_on_costs: Option<Money>,
    /// Statutory interest up to `interest_to`.
    pub interest: Option<Money>,
    /// Interest rate in percent per year, e.g. `10.15`.
    pub interest_rate: Option<Decimal>,
    /// First day of interest.
    pub interest_from: Option<NaiveDate>,
    /// Last day of interest (the letter date for a business demand).
    pub interest_to: Option<NaiveDate>,
}

/// What was agreed on the phone (L3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// Date of the call.
    pub call_date: NaiveDate,
    /// The person spoken to.
    pub contact: Option<String>,
    /// The date the customer promised to pay by.
    pub promise_date: Option<NaiveDate>,
    /// The amount promised; the total open when absent.
    pub amount: Option<Money>,
    /// Whether we resent the invoices (what we will do).
    pub invoices_resent: bool,
    /// Anything else agreed, in words.
    pub note: Option<String>,
}

/// A payment plan (L4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSchedule {
    /// Principal acknowledged.
    pub principal: Money,
    /// Interest acknowledged.
    pub interest: Money,
    /// Costs acknowledged.
    pub costs: Money,
    /// Total acknowledged.
    pub total: Money,
    /// Each instalment's due date and amount, in order.
    pub instalments: Vec<(NaiveDate, Money)>,
    /// Whether statutory interest keeps running on the unpaid part.
    pub interest_keeps_running: bool,
}

/// A hand-over to a collection agency (L6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// The agency's name.
    pub agency_name: String,
    /// Its address, phone, e-mail: one line each.
    pub agency_contact: Vec<String>,
    /// The date of the hand-over.
    pub handed_over_on: NaiveDate,
    /// Whether payments now go to the agency (else still to us).
    pub pay_to_agency: bool,
}

/// What happened before this letter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct History {
    /// Date of the first reminder.
    pub first_reminder: Option<NaiveDate>,
    /// Date of the second reminder.
    pub second_reminder: Option<NaiveDate>,
    /// Date of the formal demand.
    pub demand: Option<NaiveDate>,
    /// Calls made, each with its outcome in words.
    pub calls: Vec<(NaiveDate, String)>,
}

/// Everything one letter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// Which letter.
    pub kind: LetterKind,
    /// Its language.
    pub language: Language,
    /// Whether the customer is a consumer (B2C).
    pub consumer: bool,
    /// Whether a fatal payment term was agreed (then L2 is no ingebrekestelling).
    pub fatal_term_agreed: bool,
    /// The letter date.
    pub date: NaiveDate,
    /// Our reference (dossier id).
    pub our_reference: String,
    /// The sending business.
    pub sender: Sender,
    /// The customer.
    pub recipient: Recipient,
    /// The invoices the letter is about.
    pub invoices: Vec<LetterInvoice>,
    /// The total open of those invoices.
    pub total_open: Money,
    /// The payment deadline, printed where the letter names one; never
    /// printed in a consumer demand (L5a uses relative wording only).
    pub deadline: Option<NaiveDate>,
    /// The date after which a consumer is in default (L2's ingebrekestelling).
    pub default_date: Option<NaiveDate>,
    /// The betalingskenmerk; printed grouped in fours. Without one the
    /// invoice numbers are the reference.
    pub payment_reference: Option<String>,
    /// Costs and interest claimed.
    pub claim: Claim,
    /// Earlier steps.
    pub history: History,
    /// The phone agreement (L3).
    pub agreement: Option<Agreement>,
    /// The payment plan (L4).
    pub plan: Option<PlanSchedule>,
    /// The hand-over (L6).
    pub handover: Option<Handover>,
}

/// A copy of an invoice appended to a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceCopy {
    /// The business's own stored PDF, appended page by page unchanged. When
    /// the bytes are not a readable PDF, a generated copy is made from the
    /// letter's row for `number` instead, with a warning.
    Original {
        /// Invoice number.
        number: String,
        /// The PDF bytes.
        pdf: Vec<u8>,
    },
    /// A one-page copy made from the invoice's data, stamped KOPIE / COPY.
    Generated {
        /// Invoice number.
        number: String,
        /// Invoice date.
        invoice_date: NaiveDate,
        /// Due date.
        due_date: NaiveDate,
        /// Invoice amount.
        amount: Money,
        /// Customer name.
        customer: String,
        /// Sender name.
        sender: String,
    },
}

/// A rendered letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The PDF: letter pages, then the invoice copies in the given order.
    pub pdf: Vec<u8>,
    /// Pages in total.
    pub pages: usize,
    /// Pages of the letter itself (the `y` of "page x/y").
    pub letter_pages: usize,
    /// What went wrong without stopping the letter (an unreadable stored
    /// invoice PDF, an unreadable logo).
    pub warnings: Vec<String>,
}

/// The summary of a dossier handed to a collection agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierSummary {
    /// The creditor.
    pub sender: Sender,
    /// The debtor.
    pub customer: Recipient,
    /// The summary's language.
    pub language: Language,
    /// The date it was made.
    pub date: NaiveDate,
    /// The open invoices.
    pub invoices: Vec<LetterInvoice>,
    /// Principal open.
    pub principal: Money,
    /// Costs claimed.
    pub costs: Money,
    /// Interest claimed.
    pub interest: Money,
    /// Letters, calls, agreements, payments: one line each.
    pub events: Vec<(NaiveDate, String)>,
}

/// Why a letter could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    /// A template is malformed, or needs a value this letter does not have.
    #[error("letter template {0}")]
    Template(String),
    /// The embedded font cannot be read (a broken build).
    #[error("letter font: {0}")]
    Font(String),
    /// The PDF could not be written or assembled.
    #[error("letter PDF: {0}")]
    Pdf(String),
    /// A PDF given to [`combine`] is not readable.
    #[error("PDF number {index} of the batch cannot be read ({message}); render that letter again")]
    Unreadable {
        /// 1-based position in the batch.
        index: usize,
        /// What the PDF reader said.
        message: String,
    },
}

/// Renders a letter with its invoice copies appended, as one PDF.
///
/// # Errors
/// [`LetterError::Template`] when the letter lacks a value its template
/// needs (e.g. a plan letter without a plan, a consumer demand without
/// costs); [`LetterError::Pdf`] when the PDF cannot be assembled. An
/// unreadable stored invoice PDF is not an error: it becomes a generated
/// copy and a warning.
pub fn render(letter: &Letter, copies: &[InvoiceCopy]) -> Result<Rendered, LetterError> {
    let content = wording::compose(letter)?;
    layout::render(letter, &content, copies)
}

/// Joins the PDFs of a batch into one, for printing.
///
/// # Errors
/// [`LetterError::Unreadable`] naming the first PDF that cannot be read.
pub fn combine(pdfs: &[Vec<u8>]) -> Result<Vec<u8>, LetterError> {
    attach::combine(pdfs)
}

/// The letter's subject line, also the e-mail subject.
///
/// A letter whose template cannot be filled falls back to its kind and
/// invoice numbers, so a subject is always available; [`render`] reports
/// the template problem.
pub fn subject(letter: &Letter) -> String {
    wording::subject(letter)
        .unwrap_or_else(|_| format!("{} {}", letter.kind.code(), wording::numbers(letter)))
}

/// A short e-mail body for the letter, from its template's `[mail_body]`.
///
/// Falls back to the subject when the template cannot be filled.
pub fn mail_body(letter: &Letter) -> String {
    wording::mail_body(letter).unwrap_or_else(|_| subject(letter))
}

/// Renders the dossier summary for a collection agency.
///
/// # Errors
/// [`LetterError::Pdf`] when the PDF cannot be written.
pub fn render_dossier_summary(summary: &DossierSummary) -> Result<Vec<u8>, LetterError> {
    layout::render_summary(summary)
}
