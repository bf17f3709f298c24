//! The Belgian structured communication (*gestructureerde mededeling*,
//! OGM/VCS, `Issr=BBA`): `+++ddd/dddd/ddddd+++` (or with `***`), twelve
//! digits whose last two are the first ten mod 97, 0 written as 97
//! (`domain.md` §4.3).

/// The twelve digits of an OGM, or `None` when the text is not shaped like
/// one: optional `+++`/`***` around `ddd/dddd/ddddd`, or twelve bare digits,
/// spaces allowed.
pub fn digits(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix("+++")
        .and_then(|rest| rest.strip_suffix("+++"))
        .or_else(|| {
            trimmed
                .strip_prefix("***")
                .and_then(|rest| rest.strip_suffix("***"))
        })
        .unwrap_or(trimmed);
    let compact: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    let groups: Vec<&str> = compact.split('/').collect();
    let shaped = match groups.as_slice() {
        [one] => one.len() == 12,
        [a, b, c] => a.len() == 3 && b.len() == 4 && c.len() == 5,
        _ => false,
    };
    let digits: String = groups.concat();
    (shaped && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The two check digits for a ten-digit base: `base mod 97`, 0 as 97.
pub fn check_digits(base: u64) -> u64 {
    match base % 97 {
        0 => 97,
        remainder => remainder,
    }
}

/// True when the text is an OGM whose check digits are right.
pub fn is_valid(text: &str) -> bool {
    let Some(digits) = digits(text) else {
        return false;
    };
    let (base, check) = digits.split_at(10);
    match (base.parse::<u64>(), check.parse::<u64>()) {
        (Ok(base), Ok(check)) => check_digits(base) == check,
        _ => false,
    }
}

/// Issues the OGM `+++ddd/dddd/ddddd+++` for a base of at most ten digits.
pub fn issue(base: u64) -> Option<String> {
    if base >= 10_u64.pow(10) {
        return None;
    }
    let digits = format!("{base:010}{:02}", check_digits(base));
    let (first, rest) = digits.split_at(3);
    let (second, third) = rest.split_at(4);
    Some(format!("+++{first}/{second}/{third}+++"))
}
