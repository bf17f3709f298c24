//! Hand-written cases: one per signal and per trap of `domain.md` §5 and
//! the issue.

use chrono::NaiveDate;

use super::*;
use crate::reference::{betalingskenmerk, ogm, rf};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

const DE_VRIES_IBAN: &str = "NL91ABNA0417164300";
const JANSEN_IBAN: &str = "NL02ABNA0123456789";

fn knowledge() -> Knowledge {
    Knowledge {
        customers: vec![
            Customer {
                id: 1,
                code: "D1001".into(),
                name: "Bouwbedrijf De Vries B.V.".into(),
            },
            Customer {
                id: 2,
                code: "D1002".into(),
                name: "Bakkerij Jansen".into(),
            },
            Customer {
                id: 3,
                code: "D1003".into(),
                name: "Fietsenmaker Bakker V.O.F.".into(),
            },
            Customer {
                id: 4,
                code: "D1004".into(),
                name: "Café Ömer".into(),
            },
        ],
        ibans: vec![(DE_VRIES_IBAN.into(), 1), (JANSEN_IBAN.into(), 2)],
        shared_ibans: vec!["NL55MOLL0000000001".into()],
        earlier: vec![EarlierPayment {
            transaction_id: 900,
            booking_date: date("2026-03-01"),
            amount: money("605.00"),
            counterparty_iban: Some(DE_VRIES_IBAN.into()),
            end_to_end_id: Some("E2E-77".into()),
            allocations: vec![Allocation {
                invoice_id: 90,
                amount: money("605.00"),
            }],
        }],
    }
}

fn item(invoice_id: i64, number: &str, customer_id: i64, open: &str) -> OpenItem {
    OpenItem {
        invoice_id,
        number: number.into(),
        customer_id,
        open: money(open),
        invoice_date: date("2026-01-05"),
        due_date: date("2026-02-04") + chrono::Days::new(invoice_id as u64),
        currency: "EUR".into(),
        reference: None,
        credit_note: open.starts_with('-'),
        disputed: false,
        instalments: Vec::new(),
    }
}

fn items() -> Vec<OpenItem> {
    vec![
        OpenItem {
            reference: betalingskenmerk::issue(20_260_040),
            ..item(1, "2026-0040", 1, "1210.00")
        },
        item(2, "2026-0042", 1, "605.00"),
        item(3, "2026-0047", 1, "484.00"),
        item(4, "C003", 1, "-121.00"),
        OpenItem {
            reference: rf::issue("20260142"),
            ..item(5, "2026-0142", 2, "847.00")
        },
        item(6, "2026-0143", 2, "250.00"),
        OpenItem {
            reference: ogm::issue(202_601_500),
            ..item(7, "2026-0150", 3, "99.95")
        },
        OpenItem {
            disputed: true,
            ..item(8, "2026-0151", 3, "1500.00")
        },
        OpenItem {
            invoice_date: date("2026-04-01"),
            ..item(9, "2026-0160", 2, "333.33")
        },
        item(10, "2026-0170", 4, "75.00"),
        item(11, "2026-0171", 4, "75.00"),
        OpenItem {
            instalments: vec![(date("2026-03-14"), money("400.00"))],
            ..item(12, "2026-0180", 2, "1200.00")
        },
        item(13, "2025-0040", 3, "88.00"),
        item(90, "2026-0002", 1, "0.00"),
    ]
}

fn pay(amount: &str, remittance: &str) -> Payment {
    Payment {
        transaction_id: 1,
        booking_date: date("2026-03-15"),
        amount: money(amount),
        currency: "EUR".into(),
        remittance: Some(remittance.into()),
        ..Payment::default()
    }
}

fn from(payment: Payment, name: &str, iban: &str) -> Payment {
    Payment {
        counterparty_name: Some(name.into()),
        counterparty_iban: Some(iban.into()),
        ..payment
    }
}

/// `auto 990: 2026-0040=1210.00` or `suggest 750: … +credit 12.00` or `none`.
fn render(proposal: Option<&Proposal>) -> String {
    let Some(proposal) = proposal else {
        return "none".into();
    };
    let all = items();
    let allocations: Vec<String> = proposal
        .allocations
        .iter()
        .map(|allocation| {
            let number = all
                .iter()
                .find(|item| item.invoice_id == allocation.invoice_id)
                .map_or("?", |item| item.number.as_str());
            format!("{number}={}", allocation.amount)
        })
        .collect();
    let mode = if proposal.auto { "auto" } else { "suggest" };
    let credit = if proposal.unapplied.is_zero() {
        String::new()
    } else {
        format!(" +credit {}", proposal.unapplied)
    };
    format!(
        "{mode} {}: {}{credit}",
        proposal.confidence.permille(),
        allocations.join(" ")
    )
}

fn check(payment: Payment, expected: &str, reason_has: &[&str]) {
    let proposals = propose(
        &items(),
        std::slice::from_ref(&payment),
        &knowledge(),
        &Settings::default(),
    );
    let proposal = proposals.first();
    assert_eq!(render(proposal), expected, "{payment:?}");
    let reason = proposal.map_or_else(String::new, Proposal::reason);
    for part in reason_has {
        assert!(reason.contains(part), "reason {reason:?} lacks {part:?}");
    }
}

// Structured references.

fn kenmerk() -> String {
    betalingskenmerk::issue(20_260_040).unwrap()
}

/// The kenmerk in groups of four, as people type it.
fn kenmerk_grouped() -> String {
    let digits = kenmerk();
    let groups: Vec<&str> = (0..4)
        .map(|group| &digits[group * 4..group * 4 + 4])
        .collect();
    groups.join(" ")
}

#[test]
fn issued_kenmerk_with_equal_amount_is_near_certain() {
    assert_eq!(kenmerk(), "1000000020260040");
    check(
        Payment {
            structured_reference: Some(kenmerk()),
            ..pay("1210.00", "")
        },
        "auto 990: 2026-0040=1210.00",
        &[
            "betalingskenmerk 1000000020260040 valid, issued for 2026-0040",
            "amount equal",
        ],
    );
}

#[test]
fn reasons_come_in_english_and_dutch_from_the_same_evidence() {
    let proposals = propose(
        &items(),
        &[from(
            pay("484.00", "betaling"),
            "B. de Vries",
            DE_VRIES_IBAN,
        )],
        &knowledge(),
        &Settings::default(),
    );
    let proposal = &proposals[0];
    assert_eq!(
        proposal.reason(),
        "IBAN known · amount equal to 2026-0047, the only open item of this amount"
    );
    assert_eq!(
        proposal.reason_nl(),
        "IBAN bekend · bedrag gelijk aan 2026-0047, de enige openstaande post van dit bedrag"
    );
}

#[test]
fn kenmerk_written_in_the_text_in_groups_counts_too() {
    check(
        pay(
            "1210.00",
            &format!("betaling kenmerk {}", kenmerk_grouped()),
        ),
        "auto 990: 2026-0040=1210.00",
        &["betalingskenmerk 1000 0000 2026 0040 valid"],
    );
}

#[test]
fn an_invalid_kenmerk_is_ignored() {
    check(
        Payment {
            structured_reference: Some("1000000020260041".into()),
            ..pay("1210.00", "")
        },
        "suggest 400: 2026-0040=1210.00",
        &["unique among open items"],
    );
}

#[test]
fn a_valid_reference_we_did_not_issue_is_no_evidence() {
    check(
        Payment {
            structured_reference: Some("5000056789012345".into()),
            ..pay("17.00", "")
        },
        "none",
        &[],
    );
}

#[test]
fn rf_reference_with_partial_payment_books_the_part() {
    let reference = rf::issue("20260142").unwrap();
    assert!(crate::reference::rf::is_valid(&reference));
    let spaced = format!(
        "{} {} {}",
        &reference[..4],
        &reference[4..8],
        &reference[8..]
    );
    check(
        pay("500.00", &spaced),
        "auto 950: 2026-0142=500.00",
        &["rf ", "partial payment, 347.00 stays open"],
    );
}

#[test]
fn ogm_reference() {
    let reference = ogm::issue(202_601_500).unwrap();
    assert_eq!(reference.len(), 20);
    check(
        pay("99.95", &reference),
        "auto 990: 2026-0150=99.95",
        &["ogm +++", "valid"],
    );
}

#[test]
fn reference_with_too_much_settles_the_invoice_and_keeps_the_surplus_as_credit() {
    check(
        pay("1250.00", &kenmerk()),
        "auto 950: 2026-0040=1210.00 +credit 40.00",
        &["40.00 more than open, kept as credit"],
    );
}

// Invoice numbers as written.

#[test]
fn invoice_number_forms() {
    for remittance in [
        "Factuur 2026-0142",
        "fact 2026/142",
        "INV 2026 0142",
        "factuurnr. 20260142",
        "F2026.0142 bedankt",
        "Factuur 2026-01 42",
    ] {
        check(
            pay("847.00", remittance),
            "auto 950: 2026-0142=847.00",
            &["invoice 2026-0142 in description"],
        );
    }
}

#[test]
fn a_bare_sequence_counts_only_within_a_known_customer() {
    check(
        pay("847.00", "fact 142"),
        "suggest 400: 2026-0142=847.00",
        &[],
    );
    check(
        from(pay("847.00", "fact 142"), "BAKKERIJ JANSEN", JANSEN_IBAN),
        "auto 970: 2026-0142=847.00",
        &[
            "IBAN known",
            "invoice 2026-0142 in description",
            "amount equal",
        ],
    );
}

#[test]
fn invoice_number_in_the_end_to_end_id() {
    check(
        Payment {
            end_to_end_id: Some("INV-2026-0143".into()),
            ..pay("250.00", "bedankt")
        },
        "auto 950: 2026-0143=250.00",
        &["invoice 2026-0143 in end-to-end id"],
    );
}

#[test]
fn several_numbers_and_a_credit_note_net_to_the_amount() {
    check(
        from(
            pay("1694.00", "fact 40 en 42 minus creditnota 3"),
            "De Vries Bouw",
            DE_VRIES_IBAN,
        ),
        "auto 970: C003=-121.00 2026-0040=1210.00 2026-0042=605.00",
        &[
            "IBAN known",
            "invoices C003, 2026-0040 and 2026-0042 in description",
            "amount equal to the 3 items named",
        ],
    );
}

#[test]
fn combined_payment_of_two_named_invoices() {
    check(
        pay("1815.00", "Factuur 2026-0040 en 2026-0042"),
        "auto 950: 2026-0040=1210.00 2026-0042=605.00",
        &[],
    );
}

#[test]
fn named_invoices_of_which_only_some_are_paid() {
    check(
        pay("605.00", "Facturen 2026-0040, 2026-0042"),
        "suggest 800: 2026-0042=605.00",
        &["amount equal to 2026-0042 of the items named"],
    );
}

#[test]
fn bank_costs_within_tolerance_leave_the_rest_open() {
    check(
        pay("1207.50", "Invoice 2026-0040"),
        "auto 920: 2026-0040=1207.50",
        &["2.50 short (bank costs?)"],
    );
    check(
        pay("1200.00", "Invoice 2026-0040"),
        "suggest 750: 2026-0040=1200.00",
        &["partial payment"],
    );
}

#[test]
fn partial_payment_by_number_is_booked_when_the_iban_confirms() {
    check(
        from(
            pay("200.00", "deel factuur 2026-0143"),
            "Bakkerij Jansen",
            JANSEN_IBAN,
        ),
        "auto 920: 2026-0143=200.00",
        &["partial payment, 50.00 stays open"],
    );
    check(
        pay("200.00", "deel factuur 2026-0143"),
        "suggest 750: 2026-0143=200.00",
        &[],
    );
}

// Known IBAN, names and amounts without numbers.

#[test]
fn known_iban_and_one_item_of_exactly_this_amount() {
    check(
        from(pay("484.00", "betaling"), "B. de Vries", DE_VRIES_IBAN),
        "auto 900: 2026-0047=484.00",
        &["IBAN known", "the only open item of this amount"],
    );
}

#[test]
fn known_iban_and_a_unique_combination_is_a_suggestion() {
    check(
        from(pay("1815.00", "betaling"), "De Vries", DE_VRIES_IBAN),
        "suggest 800: 2026-0040=1210.00 2026-0042=605.00",
        &["together"],
    );
    // 605 + 484 and 1210 − 121 both make 1089.
    check(
        from(pay("1089.00", "betaling"), "De Vries", DE_VRIES_IBAN),
        "suggest 800: C003=-121.00 2026-0040=1210.00",
        &["ambiguous"],
    );
}

#[test]
fn the_domain_guide_combination_is_ambiguous() {
    check(
        from(
            pay("1694.00", "zie specificatie"),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "suggest 800: 2026-0040=1210.00 2026-0047=484.00",
        &["ambiguous"],
    );
}

#[test]
fn two_items_of_the_same_amount_are_never_booked() {
    check(
        from(pay("75.00", "termijn"), "CAFE OMER", "NL20INGB0001234567"),
        "suggest 700: 2026-0170=75.00",
        &["name like Café Ömer", "amount equal to 2 open items"],
    );
}

#[test]
fn an_instalment_of_a_payment_plan() {
    check(
        from(pay("400.00", "regeling"), "Bakkerij Jansen", JANSEN_IBAN),
        "auto 900: 2026-0180=400.00",
        &["instalment"],
    );
}

#[test]
fn known_iban_only_applies_to_the_oldest_items_as_a_suggestion() {
    check(
        from(pay("100.00", "aanbetaling"), "Bakkerij Jansen", JANSEN_IBAN),
        "suggest 600: 2026-0142=100.00",
        &["oldest first"],
    );
}

#[test]
fn fuzzy_name_and_unique_amount_is_a_suggestion() {
    check(
        from(
            pay("847.00", "boodschappen"),
            "BAKKERIJ JANSEN",
            "NL20INGB0001234567",
        ),
        "suggest 700: 2026-0142=847.00",
        &["name like Bakkerij Jansen"],
    );
}

#[test]
fn amount_alone_unique_across_all_items() {
    check(
        pay("99.95", "betaling"),
        "suggest 400: 2026-0150=99.95",
        &["unique among open items"],
    );
    check(pay("75.00", "betaling"), "none", &[]);
}

// Traps.

#[test]
fn a_number_of_another_customers_invoice_is_not_booked() {
    check(
        from(
            pay("847.00", "Factuur 2026-0142"),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "suggest 750: 2026-0142=847.00",
        &["IBAN known for another customer (D1001)"],
    );
}

#[test]
fn a_wrong_number_typed_yields_to_the_iban_customers_fitting_invoice() {
    check(
        from(
            pay("484.00", "Factuur 2026-0142"),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "suggest 900: 2026-0047=484.00",
        &["2026-0142 named, but that belongs to another customer"],
    );
}

#[test]
fn payment_provider_accounts_say_nothing_about_the_customer() {
    check(
        from(
            pay(
                "484.00",
                "Stichting Mollie Payments inzake Bouwbedrijf De Vries",
            ),
            "Stichting Mollie Payments",
            "NL55MOLL0000000001",
        ),
        "suggest 400: 2026-0047=484.00",
        &[],
    );
}

#[test]
fn an_ultimate_debtor_other_than_the_payer_marks_a_shared_account() {
    let paid_for = |ultimate: &str| Payment {
        ultimate_debtor: Some(ultimate.into()),
        ..from(pay("484.00", "betaling"), "De Vries Holding", DE_VRIES_IBAN)
    };
    // The IBAN is De Vries's, but the bank says it pays for someone else.
    check(
        paid_for("Fietsenmaker Bakker"),
        "suggest 400: 2026-0047=484.00",
        &[],
    );
    // The payer paying for itself is no sign.
    check(
        paid_for("De Vries Holding B.V."),
        "auto 900: 2026-0047=484.00",
        &["IBAN known"],
    );
}

#[test]
fn disputed_invoices_are_never_booked() {
    check(
        pay("1500.00", "Factuur 2026-0151"),
        "suggest 950: 2026-0151=1500.00",
        &["invoice disputed"],
    );
}

#[test]
fn foreign_currency_is_never_booked() {
    check(
        Payment {
            currency: "USD".into(),
            ..pay("847.00", "Invoice 2026-0142")
        },
        "suggest 950: 2026-0142=847.00",
        &["paid in USD"],
    );
}

#[test]
fn paid_before_the_invoice_date_is_doubtful() {
    check(
        pay("333.33", "factuur 2026-0160"),
        "suggest 650: 2026-0160=333.33",
        &["paid before the invoice date"],
    );
}

#[test]
fn dates_amounts_and_postcodes_are_not_numbers() {
    check(pay("12.34", "15-03-2026 EUR 1.694,00 3511 AB"), "none", &[]);
}

#[test]
fn rejected_invoices_are_not_proposed_again() {
    check(
        Payment {
            rejected_invoices: vec![5],
            ..pay("847.00", "Factuur 2026-0142")
        },
        "none",
        &[],
    );
}

#[test]
fn after_a_persons_decision_only_suggestions() {
    check(
        Payment {
            person_decided: true,
            ..pay("847.00", "Factuur 2026-0142")
        },
        "suggest 950: 2026-0142=847.00",
        &[],
    );
}

#[test]
fn a_number_of_an_invoice_already_paid_is_not_guessed_at() {
    check(pay("605.00", "factuur 2026-0002"), "none", &[]);
}

#[test]
fn the_same_invoice_paid_twice_in_one_run_is_booked_once() {
    let first = pay("847.00", "Factuur 2026-0142");
    let second = Payment {
        transaction_id: 2,
        booking_date: date("2026-03-16"),
        ..first.clone()
    };
    let proposals = propose(
        &items(),
        &[second, first],
        &knowledge(),
        &Settings::default(),
    );
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].transaction_id, 1);
    assert!(proposals[0].auto);
}

// Debits.

#[test]
fn a_return_reopens_what_the_payment_paid() {
    check(
        from(pay("-605.00", "STORNO MD06"), "De Vries", DE_VRIES_IBAN),
        "suggest 950: 2026-0002=-605.00",
        &[
            "return of the payment of 2026-03-01 (MD06: refund requested by the debtor)",
            "reopens 2026-0002",
        ],
    );
    check(
        Payment {
            reversal: Some(Reversal {
                reason: Some("AC04".into()),
            }),
            end_to_end_id: Some("E2E-77".into()),
            ..pay("-605.00", "")
        },
        "suggest 950: 2026-0002=-605.00",
        &["AC04: account closed"],
    );
    check(pay("-605.00", "storno"), "none", &[]);
}

#[test]
fn a_refund_settles_a_credit_note() {
    check(
        from(
            pay("-121.00", "terugbetaling creditnota"),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "suggest 820: C003=-121.00",
        &["refund of credit note C003"],
    );
}

#[test]
fn other_debits_are_left_alone() {
    check(pay("-45.00", "huur maart"), "none", &[]);
}

#[test]
fn reversal_words_and_codes() {
    assert_eq!(
        detect_reversal("Terugboeking incasso"),
        Some(Reversal { reason: None })
    );
    assert_eq!(
        detect_reversal("/RTRN/MS03/"),
        Some(Reversal {
            reason: Some("MS03".into())
        })
    );
    assert_eq!(detect_reversal("huur"), None);
}

#[test]
fn references_in_text_are_found_and_blanked() {
    let text = format!(
        "fact 2026-0040 kenmerk {} RF18 5390 0754 7034 ok",
        kenmerk_grouped()
    );
    let (found, rest) = engine::scan_references_for_tests(&text);
    let kinds: Vec<&str> = found.iter().map(|(kind, _)| kind.code()).collect();
    assert_eq!(kinds, ["betalingskenmerk", "rf"]);
    assert!(rest.contains("2026-0040"));
    assert!(!rest.contains("7034"));
}

// Overpayments and combined payments that name some of the invoices (issue 17).

#[test]
fn an_overpayment_that_names_the_invoice_by_number_settles_it_when_the_payer_is_known() {
    check(
        from(
            pay("500.00", "Factuur 2026-0047"),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "auto 920: 2026-0047=484.00 +credit 16.00",
        &[
            "invoice settled; 16.00 more than open, kept as credit of the customer",
            "to refund or apply to a next invoice",
        ],
    );
    // From an unknown payer the number alone does not settle it.
    check(
        pay("500.00", "Factuur 2026-0047"),
        "suggest 750: 2026-0047=484.00 +credit 16.00",
        &["16.00 more than open, kept as credit"],
    );
}

#[test]
fn an_overpayment_says_so_in_dutch_too() {
    let proposals = propose(
        &items(),
        &[pay("1250.00", &kenmerk())],
        &knowledge(),
        &Settings::default(),
    );
    let reason = proposals
        .first()
        .map(Proposal::reason_nl)
        .unwrap_or_default();
    assert!(
        reason.contains(
            "factuur voldaan; € 40,00 meer dan openstaat, bewaard als tegoed van de klant"
        ),
        "{reason}"
    );
}

#[test]
fn an_overpayment_equal_to_another_open_invoice_is_a_typo_for_a_person() {
    check(
        from(
            pay("605.00", "Factuur 2026-0047"),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "suggest 770: 2026-0047=484.00 +credit 121.00",
        &["amount equal to 2026-0042, which is not named (a typo?)"],
    );
}

#[test]
fn a_combined_payment_naming_some_invoices_is_booked_when_one_set_fits() {
    check(
        from(
            pay("1815.00", "Factuur 2026-0040 e.a."),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "auto 940: 2026-0040=1210.00 2026-0042=605.00",
        &[
            "invoice 2026-0040 in description",
            "amount equal to the items named together with 2026-0042, the only such set of open items",
        ],
    );
    // A reference we issued confirms the customer by itself.
    check(
        pay("1815.00", &kenmerk()),
        "auto 920: 2026-0040=1210.00 2026-0042=605.00",
        &["together with 2026-0042"],
    );
    // A number alone, from a payer nobody knows: a person decides.
    check(
        pay("1815.00", "Factuur 2026-0040 e.a."),
        "suggest 750: 2026-0040=1210.00 2026-0042=605.00",
        &["together with 2026-0042"],
    );
}

#[test]
fn a_combined_payment_naming_some_invoices_that_two_sets_fit_is_not_booked() {
    // 1694 = 0040 + 0047 = 0040 + 0042 − C003 (`domain.md` §5.2).
    check(
        from(
            pay("1694.00", "Factuur 2026-0040 e.a."),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "suggest 770: 2026-0040=1210.00 2026-0047=484.00",
        &["ambiguous: 2026-0040 and 2026-0047 or 2026-0040, 2026-0042 and C003"],
    );
}

#[test]
fn one_item_of_this_amount_is_not_booked_when_two_others_make_it_too() {
    let mut all = items();
    all.push(item(14, "2026-0190", 2, "1097.00"));
    let payment = from(pay("1097.00", "betaling"), "Bakkerij Jansen", JANSEN_IBAN);
    let proposals = propose(&all, &[payment], &knowledge(), &Settings::default());
    let proposal = proposals.first().unwrap();
    assert!(!proposal.auto, "{proposal:?}");
    assert!(
        proposal
            .reason()
            .contains("ambiguous: 2026-0190 or 2026-0142 and 2026-0143"),
        "{}",
        proposal.reason()
    );
}

#[test]
fn a_known_payer_naming_nothing_with_one_exact_set_is_a_strong_suggestion() {
    check(
        from(pay("1815.00", "betaling"), "De Vries", DE_VRIES_IBAN),
        "suggest 800: 2026-0040=1210.00 2026-0042=605.00",
        &["the only set of the customer's open items of this amount; confirm to book"],
    );
}

#[test]
fn an_unnamed_combination_leaves_out_invoices_issued_after_the_payment() {
    // 847 + 333.33 would fit, but 2026-0160 is dated after the payment.
    check(
        from(pay("1180.33", "betaling"), "Bakkerij Jansen", JANSEN_IBAN),
        "suggest 600: 2026-0142=847.00 2026-0143=250.00 2026-0180=83.33",
        &["oldest first"],
    );
}

#[test]
fn a_surplus_next_to_an_invoice_already_paid_is_for_a_person() {
    // 2026-0002 is paid; 1815 = 2026-0040 + 2026-0042, but the payer may
    // have paid 2026-0002 twice.
    check(
        from(
            pay("1815.00", "Facturen 2026-0040 en 2026-0002"),
            "De Vries",
            DE_VRIES_IBAN,
        ),
        "suggest 770: 2026-0040=1210.00 2026-0042=605.00",
        &["also names 2026-0002, already paid (paid twice?)"],
    );
}

#[test]
fn an_amount_alone_points_to_the_few_customers_it_fits() {
    let settings = Settings::default();
    let stranger = |amount: &str| from(pay(amount, "betaling"), "ONBEKEND", "NL13TEST0123456789");
    let found = pointers(&items(), &[stranger("605.00")], &knowledge(), &settings);
    assert_eq!(
        found,
        vec![(1, 1, Pointer::Amount("2026-0042".into()))],
        "one customer has 605.00 open"
    );
    // Two invoices of one customer: the customer once.
    let found = pointers(&items(), &[stranger("75.00")], &knowledge(), &settings);
    assert_eq!(found, vec![(1, 4, Pointer::Amount("2026-0170".into()))]);
    // No invoice of the amount, or only a later one: nobody.
    assert!(pointers(&items(), &[stranger("606.00")], &knowledge(), &settings).is_empty());
    assert!(pointers(&items(), &[stranger("333.33")], &knowledge(), &settings).is_empty());
    // A payer's name points already: the amount adds nothing.
    let named = from(
        pay("605.00", "betaling"),
        "Bakkerij Jansen",
        "NL13TEST0123456789",
    );
    let found = pointers(&items(), &[named], &knowledge(), &settings);
    assert_eq!(found, vec![(1, 2, Pointer::Name)]);
    // A fee more customers than the limit are billed points to none of them.
    let many: Vec<OpenItem> = (0..=AMOUNT_POINTER_CUSTOMERS as i64)
        .map(|customer| {
            item(
                100 + customer,
                &format!("F-{customer}"),
                100 + customer,
                "121.00",
            )
        })
        .collect();
    assert!(pointers(&many, &[stranger("121.00")], &knowledge(), &settings).is_empty());
    let few = &many[..AMOUNT_POINTER_CUSTOMERS];
    assert_eq!(
        pointers(few, &[stranger("121.00")], &knowledge(), &settings).len(),
        AMOUNT_POINTER_CUSTOMERS
    );
}
