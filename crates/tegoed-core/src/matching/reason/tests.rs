//! Reasons in both languages from the same parts.

use super::*;

fn numbers(list: &[&str]) -> Vec<String> {
    list.iter().map(|number| (*number).to_owned()).collect()
}

fn check(parts: &[ReasonPart], english: &str, dutch: &str) {
    assert_eq!(render(parts, Language::En), english);
    assert_eq!(render(parts, Language::Nl), dutch);
}

#[test]
fn issued_reference_and_equal_amount() {
    check(
        &[
            ReasonPart::ReferenceValid {
                kind: Kind::Betalingskenmerk,
                written: "6000 0000 2026 0042".into(),
                numbers: numbers(&["2026-0042"]),
            },
            ReasonPart::AmountEqual,
        ],
        "betalingskenmerk 6000 0000 2026 0042 valid, issued for 2026-0042 · amount equal",
        "betalingskenmerk 6000 0000 2026 0042 geldig, uitgegeven voor 2026-0042 · bedrag gelijk",
    );
}

#[test]
fn known_iban_and_a_number_in_the_description() {
    check(
        &[
            ReasonPart::IbanKnown,
            ReasonPart::NumbersIn {
                numbers: numbers(&["2026-0142"]),
                end_to_end: false,
            },
            ReasonPart::AmountEqual,
        ],
        "IBAN known · invoice 2026-0142 in description · amount equal",
        "IBAN bekend · factuur 2026-0142 in omschrijving · bedrag gelijk",
    );
    check(
        &[ReasonPart::NumbersIn {
            numbers: numbers(&["40", "42", "47"]),
            end_to_end: true,
        }],
        "invoices 40, 42 and 47 in end-to-end id",
        "facturen 40, 42 en 47 in end-to-end-id",
    );
}

#[test]
fn name_and_amount() {
    check(
        &[
            ReasonPart::NameLike("Bakkerij Jansen".into()),
            ReasonPart::AmountOnlyItem(numbers(&["2026-0003"])),
        ],
        "name like Bakkerij Jansen · amount equal to 2026-0003, the only open item of this amount",
        "naam lijkt op Bakkerij Jansen · bedrag gelijk aan 2026-0003, de enige openstaande post van dit bedrag",
    );
}

#[test]
fn partial_and_over_payments_name_the_amount_in_each_language() {
    check(
        &[ReasonPart::Partial(Money::from_cents(12_050))],
        "partial payment, 120.50 stays open",
        "deelbetaling, rest van € 120,50 blijft open",
    );
    check(
        &[ReasonPart::Over(Money::from_cents(1_000))],
        "10.00 more than open, kept as credit",
        "€ 10,00 meer dan openstaat, bewaard als tegoed",
    );
}

#[test]
fn returns_explain_the_bank_code() {
    let date: NaiveDate = "2026-03-01".parse().unwrap();
    check(
        &[
            ReasonPart::Return(date, Some("MD06".into())),
            ReasonPart::Reopens(numbers(&["2026-0002"])),
        ],
        "return of the payment of 2026-03-01 (MD06: refund requested by the debtor) · reopens 2026-0002",
        "terugboeking van de betaling van 2026-03-01 (MD06: terugboeking op verzoek van de debiteur) · heropent 2026-0002",
    );
    check(
        &[
            ReasonPart::Return(date, None),
            ReasonPart::Reopens(Vec::new()),
        ],
        "return of the payment of 2026-03-01 · reopens what it paid",
        "terugboeking van de betaling van 2026-03-01 · heropent wat die betaling voldeed",
    );
}

#[test]
fn nothing_to_say_is_empty() {
    check(&[], "", "");
}

#[test]
fn a_settled_overpayment_and_combined_payments_in_each_language() {
    check(
        &[ReasonPart::Overpaid(Money::from_cents(4_000))],
        "invoice settled; 40.00 more than open, kept as credit of the customer: unallocated on the payment, to refund or apply to a next invoice",
        "factuur voldaan; € 40,00 meer dan openstaat, bewaard als tegoed van de klant: onverdeeld op de betaling, terug te betalen of te verrekenen met een volgende factuur",
    );
    check(
        &[
            ReasonPart::AmountEqualNamedAndOthers(numbers(&["2026-0042"])),
            ReasonPart::OnlySet,
        ],
        "amount equal to the items named together with 2026-0042, the only such set of open items · the only set of the customer's open items of this amount; confirm to book",
        "bedrag gelijk aan de genoemde posten samen met 2026-0042, de enige zo passende set openstaande posten · de enige set openstaande posten van de klant met dit bedrag; bevestigen om te boeken",
    );
    check(
        &[
            ReasonPart::EqualsUnnamedItem(numbers(&["2026-0042"])),
            ReasonPart::SearchBounded(20),
        ],
        "amount equal to 2026-0042, which is not named (a typo?) · only the oldest 20 open items searched",
        "bedrag gelijk aan 2026-0042, die niet genoemd is (tikfout?) · alleen de oudste 20 openstaande posten doorzocht",
    );
}

#[test]
fn an_invoice_named_that_is_already_paid() {
    check(
        &[ReasonPart::NamesPaid(numbers(&["2026-0002"]))],
        "also names 2026-0002, already paid (paid twice?)",
        "noemt ook 2026-0002, al betaald (dubbel betaald?)",
    );
}
