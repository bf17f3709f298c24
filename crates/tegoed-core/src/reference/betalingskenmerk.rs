//! The Dutch structured payment reference (*betalingskenmerk*, `Issr=CUR`,
//! `domain.md` §4.1): 16 digits (`C` + 15), 9–14 digits (`C` + length digit
//! `L` + rest, `L = (length − 2) mod 10`) or 7 digits without a check digit.
//! `C` is a weighted mod-11 check over everything after it, `L` included.

/// Weights applied from the rightmost digit leftwards: powers of 2 mod 11.
const WEIGHTS: [u32; 10] = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];

/// What the check digit says about a kenmerk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The check digit (and length digit) are right: plausible, not certain.
    Valid,
    /// Shaped like a kenmerk but a check fails.
    Invalid,
    /// Seven digits: a kenmerk without a check digit, which nothing can verify.
    NotValidatable,
    /// Not a kenmerk: other characters or a length no bank issues.
    NotAKenmerk,
}

/// The check digit for a payload of digits (everything after the check digit).
/// Returns `None` when the payload holds anything but ASCII digits.
pub fn check_digit(payload: &str) -> Option<u32> {
    let mut weighted_sum = 0;
    for (character, weight) in payload.chars().rev().zip(WEIGHTS.iter().cycle()) {
        let digit = character.to_digit(10)?;
        weighted_sum += digit * weight;
    }
    Some(match 11 - weighted_sum % 11 {
        10 => 1,
        11 => 0,
        check => check,
    })
}

/// Issues the 16-digit kenmerk for a 15-digit payload, zero-padding shorter ones.
/// Returns `None` for payloads longer than 15 digits or with non-digits.
pub fn issue(payload: u64) -> Option<String> {
    let padded = format!("{payload:015}");
    if padded.len() != 15 {
        return None;
    }
    let check = check_digit(&padded)?;
    Some(format!("{check}{padded}"))
}

/// The kenmerk without spaces.
pub fn compact(kenmerk: &str) -> String {
    kenmerk.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks a kenmerk of any length a bank issues (spaces allowed).
pub fn check(kenmerk: &str) -> Check {
    let digits = compact(kenmerk);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Check::NotAKenmerk;
    }
    let length = digits.len();
    let (Some(given), Some(payload)) = (
        digits.get(..1).and_then(|first| first.parse::<u32>().ok()),
        digits.get(1..),
    ) else {
        return Check::NotAKenmerk;
    };
    match length {
        7 => Check::NotValidatable,
        16 => verdict(check_digit(payload) == Some(given)),
        9..=14 => {
            let length_digit = payload
                .get(..1)
                .and_then(|first| first.parse::<usize>().ok());
            verdict(length_digit == Some((length - 2) % 10) && check_digit(payload) == Some(given))
        }
        _ => Check::NotAKenmerk,
    }
}

fn verdict(passes: bool) -> Check {
    if passes { Check::Valid } else { Check::Invalid }
}

/// True when a kenmerk (spaces allowed) carries a correct check digit: 16 or
/// 9–14 digits. A 7-digit kenmerk cannot be validated and is not valid here.
pub fn is_valid(kenmerk: &str) -> bool {
    check(kenmerk) == Check::Valid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_case(kenmerk: &str, expected: Check) {
        assert_eq!(check(kenmerk), expected, "{kenmerk}");
    }

    #[test]
    fn domain_guide_vectors() {
        for valid in [
            "5000056789012345",
            "6000000020260042",
            "6000 0000 2026 0042",
            "1000000020250117",
            "5010002167010010",
            "12234534622567",
        ] {
            check_case(valid, Check::Valid);
        }
        for invalid in [
            "5000056789012346",
            "6000000020260024",
            "12234534622566",
            // 14 digits whose length digit is wrong.
            "13234534622567",
        ] {
            check_case(invalid, Check::Invalid);
        }
        check_case("1234567", Check::NotValidatable);
        check_case("600000002026004x", Check::NotAKenmerk);
        check_case("12345678", Check::NotAKenmerk);
        check_case("", Check::NotAKenmerk);
        assert!(!is_valid("1234567"));
    }

    #[test]
    fn issues_the_worked_example() {
        assert_eq!(issue(20_260_042).as_deref(), Some("6000000020260042"));
        assert_eq!(issue(10_u64.pow(15)), None);
    }

    #[test]
    fn every_short_length_round_trips() {
        for length in 9..=14_usize {
            let rest = "7".repeat(length - 2);
            let payload = format!("{}{rest}", (length - 2) % 10);
            let kenmerk = format!("{}{payload}", check_digit(&payload).unwrap_or(99));
            check_case(&kenmerk, Check::Valid);
        }
    }
}
