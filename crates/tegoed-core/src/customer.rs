//! The customer (*debiteur*): the one shape of a customer that the book
//! stores and dunning, letters and the faces use — contact details for
//! letters and calls, and the flags the credit-management process obeys.

use std::fmt;
use std::str::FromStr;

/// The language letters and mails to a customer are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Language {
    /// Dutch, the default.
    #[default]
    Nl,
    /// English.
    En,
}

/// A language code that is neither `nl` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a letter language (expected nl or en)")]
pub struct UnknownLanguage(pub String);

impl Language {
    /// Both languages, in a fixed order.
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    /// The code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(code: &str) -> Result<Language, UnknownLanguage> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Language::Nl),
            "en" => Ok(Language::En),
            _ => Err(UnknownLanguage(code.to_owned())),
        }
    }
}

/// A customer with everything dunning and letters need.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Customer {
    /// Customer code (*klantnummer*), unique in the book.
    pub code: String,
    /// Name.
    pub name: String,
    /// E-mail address for letters.
    pub email: Option<String>,
    /// Phone number for calls.
    pub phone: Option<String>,
    /// The person to ask for (purchasing or management, `domain.md` §1.4).
    pub contact_person: Option<String>,
    /// Postal address, lines separated by newlines.
    pub address: Option<String>,
    /// The IBAN the customer sheet gives.
    pub iban: Option<String>,
    /// Chamber of Commerce number.
    pub kvk_number: Option<String>,
    /// The customer's own agreed payment term in days, when known.
    pub payment_term_days: Option<i64>,
    /// Letter language.
    pub language: Language,
    /// A consumer (B2C) rather than a business (`domain.md` §2.1).
    pub consumer: bool,
    /// A regular customer with their own agreed terms: left alone (§1.3 item 7).
    pub own_terms: bool,
    /// Skip the phone call: the second reminder follows the first.
    pub no_calls: bool,
    /// No dunning at all until lifted.
    pub stop_dunning: bool,
    /// A fatal term was agreed (accepted T&Cs): a consumer is in default
    /// without an *ingebrekestelling* (art. 6:83 sub a BW).
    pub fatal_term_agreed: bool,
}

impl Customer {
    /// The address as lines, without empty ones.
    pub fn address_lines(&self) -> Vec<String> {
        self.address
            .as_deref()
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// A customer (*debiteur*) as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    /// Customer code.
    pub code: String,
    /// Name.
    pub name: String,
    /// E-mail address for letters.
    pub email: Option<String>,
    /// A consumer (B2C).
    pub consumer: bool,
}
