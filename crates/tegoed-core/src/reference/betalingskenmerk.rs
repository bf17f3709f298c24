//! The Dutch structured payment reference (*betalingskenmerk*, `Issr=CUR`):
//! 16 digits, the first a weighted mod-11 check digit over the other 15
//! (`domain.md` §4.1).

/// Weights applied from the rightmost digit leftwards: powers of 2 mod 11.
const WEIGHTS: [u32; 10] = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];

/// The check digit for a payload of digits (everything after the check digit).
/// Returns `None` when the payload holds anything but ASCII digits.
pub fn check_digit(payload: &str) -> Option<u32> {
    let mut weighted_sum = 0;
    for (position, character) in payload.chars().rev().enumerate() {
        let digit = character.to_digit(10)?;
        weighted_sum += digit * WEIGHTS[position % WEIGHTS.len()];
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

/// True when a 16-digit kenmerk (spaces allowed) carries a correct check digit.
pub fn is_valid(kenmerk: &str) -> bool {
    let digits: String = kenmerk.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 16 {
        return false;
    }
    let (check, payload) = digits.split_at(1);
    match (check.parse::<u32>(), check_digit(payload)) {
        (Ok(given), Some(computed)) => given == computed,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_guide_vectors() {
        for valid in [
            "5000056789012345",
            "6000000020260042",
            "1000000020250117",
            "5010002167010010",
        ] {
            assert!(is_valid(valid), "{valid} should be valid");
        }
        for invalid in [
            "5000056789012346",
            "6000000020260024",
            "1234567",
            "600000002026004x",
        ] {
            assert!(!is_valid(invalid), "{invalid} should be invalid");
        }
    }

    #[test]
    fn issues_the_worked_example() {
        assert_eq!(issue(20_260_042).as_deref(), Some("6000000020260042"));
        assert_eq!(issue(10_u64.pow(15)), None);
    }
}
