//! The RF creditor reference (ISO 11649, `Issr=ISO`): `RF`, two check
//! digits and 1–21 letters or digits, checked mod 97 like an IBAN
//! (`domain.md` §4.2).

use super::iban::mod97;

/// The longest reference after `RF` and the check digits.
const MAX_BODY: usize = 21;

/// The reference without spaces, upper-cased.
pub fn compact(reference: &str) -> String {
    reference
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// True when the reference (spaces allowed, any case) is `RF` + two digits +
/// 1–21 alphanumerics whose mod-97 check passes.
pub fn is_valid(reference: &str) -> bool {
    let compact = compact(reference);
    let Some(body) = compact.strip_prefix("RF") else {
        return false;
    };
    let (check, rest) = match (body.get(..2), body.get(2..)) {
        (Some(check), Some(rest)) => (check, rest),
        _ => return false,
    };
    let well_formed = check.chars().all(|c| c.is_ascii_digit())
        && !rest.is_empty()
        && rest.len() <= MAX_BODY
        && rest.chars().all(|c| c.is_ascii_alphanumeric());
    well_formed && mod97(&format!("{rest}RF{check}")) == Some(1)
}

/// Issues the RF reference for a body of 1–21 letters or digits, e.g.
/// `INV20250117` → `RF37INV20250117`. `None` for an empty, too long or
/// non-alphanumeric body.
pub fn issue(body: &str) -> Option<String> {
    let body = compact(body);
    if body.is_empty() || body.len() > MAX_BODY {
        return None;
    }
    let remainder = mod97(&format!("{body}RF00"))?;
    Some(format!("RF{:02}{body}", 98 - remainder))
}
