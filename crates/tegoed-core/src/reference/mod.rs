//! Payment references (`domain.md` §4): the Dutch *betalingskenmerk*, the
//! ISO 11649 RF creditor reference, the Belgian OGM/VCS and the IBAN, and
//! [`classify`], which says which one a text is and whether it checks out.

pub mod betalingskenmerk;
pub mod iban;
pub mod ogm;
pub mod rf;

/// The kind of a payment reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Dutch *betalingskenmerk*.
    Betalingskenmerk,
    /// ISO 11649 RF creditor reference.
    Rf,
    /// Belgian OGM/VCS.
    Ogm,
    /// An IBAN.
    Iban,
    /// None of these.
    Unknown,
}

impl Kind {
    /// The contract's code: `betalingskenmerk`, `rf`, `ogm`, `iban` or `unknown`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Betalingskenmerk => "betalingskenmerk",
            Kind::Rf => "rf",
            Kind::Ogm => "ogm",
            Kind::Iban => "iban",
            Kind::Unknown => "unknown",
        }
    }
}

/// Says what kind of reference a text is and whether its check digits are
/// right. Shape decides the kind: `RF` + digits is RF, `+++…+++` or
/// `ddd/dddd/ddddd` is OGM, two letters and two digits start an IBAN, and
/// digits are a kenmerk (twelve digits that fail as a kenmerk but pass as an
/// OGM are an OGM). A 7-digit kenmerk has no check digit and is not valid.
pub fn classify(value: &str) -> (Kind, bool) {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let starts = |letters: usize, digits: usize| {
        compact.len() >= letters + digits
            && compact
                .chars()
                .take(letters)
                .all(|c| c.is_ascii_alphabetic())
            && compact
                .chars()
                .skip(letters)
                .take(digits)
                .all(|c| c.is_ascii_digit())
    };
    if compact.starts_with("RF") && starts(2, 2) {
        return (Kind::Rf, rf::is_valid(&compact));
    }
    if compact.starts_with("+++") || compact.starts_with("***") || compact.contains('/') {
        return match ogm::digits(&compact) {
            Some(_) => (Kind::Ogm, ogm::is_valid(&compact)),
            None => (Kind::Unknown, false),
        };
    }
    if starts(2, 2) {
        return (Kind::Iban, iban::is_valid(&compact));
    }
    match betalingskenmerk::check(&compact) {
        betalingskenmerk::Check::Valid => (Kind::Betalingskenmerk, true),
        _ if compact.len() == 12 && ogm::is_valid(&compact) => (Kind::Ogm, true),
        betalingskenmerk::Check::Invalid | betalingskenmerk::Check::NotValidatable => {
            (Kind::Betalingskenmerk, false)
        }
        betalingskenmerk::Check::NotAKenmerk => (Kind::Unknown, false),
    }
}

/// The form in which references are compared: upper case, letters and
/// digits only (`+++010/8068/17183+++` → `010806817183`, `RF18 5390…` →
/// `RF185390…`).
pub fn normalise(value: &str) -> String {
    value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests;
