//! Reasons in two languages: the engine words every step and exclusion in
//! English (the CLI contract's `reason`, `why`) and Dutch (shown in a Dutch
//! interface) at the same moment, from the same values.

use chrono::NaiveDate;

use crate::customer::Language;
use crate::money::Money;

/// A sentence in English and Dutch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// English.
    pub en: String,
    /// Dutch.
    pub nl: String,
}

impl Text {
    /// A text from its two versions.
    pub fn new(en: impl Into<String>, nl: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            nl: nl.into(),
        }
    }

    /// The texts joined by `separator`, language by language.
    pub fn join(texts: &[Text], separator: &str) -> Text {
        Text {
            en: texts
                .iter()
                .map(|text| text.en.as_str())
                .collect::<Vec<_>>()
                .join(separator),
            nl: texts
                .iter()
                .map(|text| text.nl.as_str())
                .collect::<Vec<_>>()
                .join(separator),
        }
    }

    /// The version in `language`.
    pub fn in_language(&self, language: Language) -> &str {
        match language {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// A date in English reasons: ISO, as everywhere in the CLI.
pub(crate) fn date_en(date: NaiveDate) -> String {
    date.to_string()
}

/// A date in Dutch reasons: `15 januari 2026`, as letters write it.
pub(crate) fn date_nl(date: NaiveDate) -> String {
    crate::letters::format::date(date, Language::Nl)
}

/// An amount in Dutch reasons: `€ 1.234,56`, as letters write it.
pub(crate) fn money_nl(amount: Money) -> String {
    crate::letters::format::money(amount, Language::Nl)
}
