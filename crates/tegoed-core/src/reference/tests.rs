use super::*;

fn check(value: &str, expected: (Kind, bool)) {
    assert_eq!(classify(value), expected, "{value}");
}

#[test]
fn betalingskenmerk_vectors() {
    check("5000056789012345", (Kind::Betalingskenmerk, true));
    check("6000 0000 2026 0042", (Kind::Betalingskenmerk, true));
    check("1000000020250117", (Kind::Betalingskenmerk, true));
    check("12234534622567", (Kind::Betalingskenmerk, true));
    check("5000056789012346", (Kind::Betalingskenmerk, false));
    check("6000000020260024", (Kind::Betalingskenmerk, false));
    check("12234534622566", (Kind::Betalingskenmerk, false));
    check("1234567", (Kind::Betalingskenmerk, false));
}

#[test]
fn rf_vectors() {
    check("RF18 5390 0754 7034", (Kind::Rf, true));
    check("RF712348231", (Kind::Rf, true));
    check("RF485000056789012345", (Kind::Rf, true));
    check("RF37INV20250117", (Kind::Rf, true));
    check("rf37inv20250117", (Kind::Rf, true));
    check("RF19 5390 0754 7034", (Kind::Rf, false));
    check("RF18 5390 0754 7035", (Kind::Rf, false));
    check("RF18", (Kind::Rf, false));
    check("RF181234567890123456789012", (Kind::Rf, false));
}

#[test]
fn rf_issue_round_trips() {
    assert_eq!(rf::issue("INV20250117").as_deref(), Some("RF37INV20250117"));
    assert_eq!(
        rf::issue("539007547034").as_deref(),
        Some("RF18539007547034")
    );
    assert_eq!(rf::issue(""), None);
}

#[test]
fn ogm_vectors() {
    check("+++010/8068/17183+++", (Kind::Ogm, true));
    check("+++312/4013/98067+++", (Kind::Ogm, true));
    check("***119/7530/76697***", (Kind::Ogm, true));
    check("119/7530/76697", (Kind::Ogm, true));
    check("010/8068/17180", (Kind::Ogm, false));
    check("+++119/7530/76600+++", (Kind::Ogm, false));
    check("+++119/753/076697+++", (Kind::Unknown, false));
    check("010806817183", (Kind::Ogm, true));
}

#[test]
fn ogm_issue_writes_zero_as_97() {
    assert_eq!(
        ogm::issue(1_197_530_766).as_deref(),
        Some("+++119/7530/76697+++")
    );
    assert_eq!(
        ogm::issue(108_068_171).as_deref(),
        Some("+++010/8068/17183+++")
    );
    assert_eq!(ogm::issue(10_u64.pow(10)), None);
}

#[test]
fn iban_vectors() {
    check("NL91ABNA0417164300", (Kind::Iban, true));
    check("NL91 ABNA 0417 1643 00", (Kind::Iban, true));
    check("BE68539007547034", (Kind::Iban, true));
    check("NL91ABNA0417164301", (Kind::Iban, false));
    check("NL91ABNA041716430", (Kind::Iban, false));
}

#[test]
fn everything_else_is_unknown() {
    check("", (Kind::Unknown, false));
    check("hello", (Kind::Unknown, false));
    check("2026-0042", (Kind::Unknown, false));
    check("12345678", (Kind::Unknown, false));
}

#[test]
fn normalise_keeps_letters_and_digits() {
    assert_eq!(normalise("+++010/8068/17183+++"), "010806817183");
    assert_eq!(normalise("rf18 5390 0754 7034"), "RF18539007547034");
}
