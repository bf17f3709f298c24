//! Letters rendered for every kind and language and checked through
//! poppler's `pdftotext` and `pdfinfo`; the templates checked against each
//! other.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal_macros::dec;

use super::template::Template;
use super::wording::{sources, templates};
use super::*;

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap()
}

fn euros(text: &str) -> Money {
    text.parse().unwrap()
}

/// letters.md's example case: invoice 2026-0042, €605.00 open.
fn example(kind: LetterKind, language: Language, consumer: bool) -> Letter {
    let date = day(2026, 2, 6);
    Letter {
        kind,
        language,
        consumer,
        fatal_term_agreed: false,
        date,
        our_reference: "D-2026-0017".to_string(),
        sender: Sender {
            name: "Studio Vierkant B.V.".to_string(),
            address: vec!["Oudegracht 120".to_string(), "3511 AX Utrecht".to_string()],
            kvk_number: Some("12345678".to_string()),
            vat_number: Some("NL001234567B01".to_string()),
            iban: Some("NL91ABNA0417164300".to_string()),
            bic: Some("ABNANL2A".to_string()),
            phone: Some("030 123 4567".to_string()),
            email: Some("debiteuren@studiovierkant.nl".to_string()),
            contact_person: Some("Anouk de Wit".to_string()),
            logo_png: None,
        },
        recipient: Recipient {
            name: "Bakkerij Van der Meulen".to_string(),
            address: vec!["Dorpsstraat 7".to_string(), "3732 HJ De Bilt".to_string()],
            customer_code: "K-0042".to_string(),
            attention: Some("mevrouw J. Brouwer".to_string()),
        },
        invoices: vec![LetterInvoice {
            number: "2026-0042".to_string(),
            invoice_date: day(2025, 12, 16),
            due_date: day(2026, 1, 15),
            order_number: Some("PO-7781".to_string()),
            amount: euros("605.00"),
            paid: Money::ZERO,
            open: euros("605.00"),
            days_overdue: 22,
        }],
        total_open: euros("605.00"),
        deadline: Some(day(2026, 2, 20)),
        default_date: consumer.then(|| day(2026, 2, 23)),
        payment_reference: Some("6000000020260042".to_string()),
        claim: Claim {
            costs: Some(euros("90.75")),
            vat_on_costs: None,
            interest: Some(euros("3.64")),
            interest_rate: Some(dec!(10.15)),
            interest_from: Some(day(2026, 1, 16)),
            interest_to: Some(date),
        },
        history: History {
            first_reminder: Some(day(2026, 1, 19)),
            second_reminder: Some(day(2026, 1, 29)),
            demand: Some(day(2026, 2, 6)),
            calls: vec![(day(2026, 1, 27), "betaling toegezegd".to_string())],
        },
        agreement: Some(Agreement {
            call_date: day(2026, 1, 27),
            contact: Some("Jolanda Brouwer".to_string()),
            promise_date: Some(day(2026, 2, 3)),
            amount: None,
            invoices_resent: true,
            note: None,
        }),
        plan: Some(PlanSchedule {
            principal: euros("605.00"),
            interest: euros("3.64"),
            costs: euros("90.75"),
            total: euros("699.39"),
            instalments: vec![
                (day(2026, 3, 1), euros("233.13")),
                (day(2026, 4, 1), euros("233.13")),
                (day(2026, 5, 1), euros("233.13")),
            ],
            interest_keeps_running: false,
        }),
        handover: Some(Handover {
            agency_name: "Incasso Utrecht B.V.".to_string(),
            agency_contact: vec![
                "Postbus 100, 3500 AC Utrecht".to_string(),
                "030 765 4321".to_string(),
            ],
            handed_over_on: day(2026, 2, 23),
            pay_to_agency: true,
        }),
    }
}

fn generated(letter: &Letter) -> InvoiceCopy {
    let invoice = &letter.invoices[0];
    InvoiceCopy::Generated {
        number: invoice.number.clone(),
        invoice_date: invoice.invoice_date,
        due_date: invoice.due_date,
        amount: invoice.amount,
        customer: letter.recipient.name.clone(),
        sender: letter.sender.name.clone(),
    }
}

fn out_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../target")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_pdf(name: &str, pdf: &[u8]) -> PathBuf {
    // Tests run in parallel processes and may write the same letter with
    // different content: each reads back its own file; the named copy is
    // for people to look at (written aside and renamed).
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let unique = format!(
        "{}.{}",
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let own = out_dir("letters-pdf/by-test").join(format!("{name}.{unique}.pdf"));
    std::fs::write(&own, pdf).unwrap();
    let temporary = out_dir("letters-pdf").join(format!(".{name}.{unique}.pdf"));
    std::fs::write(&temporary, pdf).unwrap();
    std::fs::rename(
        &temporary,
        out_dir("letters-pdf").join(format!("{name}.pdf")),
    )
    .unwrap();
    own
}

fn pdftotext(path: &PathBuf) -> String {
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Words only: wrapped lines and table columns become single spaces.
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdfinfo(path: &PathBuf) -> BTreeMap<String, String> {
    let output = Command::new("pdfinfo").arg(path).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut info = BTreeMap::new();
    // The first occurrence: the document's own fields come before "PDF subtype".
    for (key, value) in String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_once(':'))
    {
        info.entry(key.trim().to_string())
            .or_insert_with(|| value.trim().to_string());
    }
    info
}

fn kind_name(letter: &Letter) -> String {
    let who = if letter.consumer { "b2c" } else { "b2b" };
    format!("{}_{}_{who}", letter.kind.code(), letter.language.code())
}

fn check_letter(letter: &Letter) -> String {
    let rendered = render(letter, &[generated(letter)]).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    let name = kind_name(letter);
    let path = write_pdf(&name, &rendered.pdf);
    let text = pdftotext(&path);
    let info = pdfinfo(&path);
    assert_eq!(info["Pages"], rendered.pages.to_string(), "{name}");
    assert_eq!(rendered.pages, rendered.letter_pages + 1, "{name}");
    assert_eq!(info["Title"], subject(letter), "{name}");
    assert_eq!(info["Author"], "Studio Vierkant B.V.", "{name}");
    assert_eq!(info["Producer"], "Tegoed", "{name}");
    assert!(text.contains("2026-0042"), "{name}: {text}");
    assert!(text.contains("Bakkerij Van der Meulen"), "{name}");
    let amount = match letter.language {
        Language::Nl => "€ 605,00",
        Language::En => "€605.00",
    };
    assert!(text.contains(amount), "{name}: {text}");
    assert!(!text.contains('{') && !text.contains('}'), "{name}: {text}");
    // PNGs to look at.
    let png_dir = out_dir("letters-png");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&path)
        .arg(png_dir.join(&name))
        .status()
        .unwrap();
    assert!(status.success());
    text
}

#[test]
fn every_kind_renders_in_both_languages() {
    for language in Language::ALL {
        for kind in LetterKind::ALL {
            for consumer in [false, true] {
                let letter = example(kind, language, consumer);
                let text = check_letter(&letter);
                let deadline = format::date(day(2026, 2, 20), language);
                let prints_deadline = matches!(kind, LetterKind::Reminder1 | LetterKind::Reminder2)
                    || (kind == LetterKind::Demand && !consumer);
                if prints_deadline {
                    assert!(text.contains(&deadline), "{}: {text}", kind_name(&letter));
                }
            }
        }
    }
}

#[test]
fn first_reminder_has_no_costs_and_says_already_paid() {
    let text = check_letter(&example(LetterKind::Reminder1, Language::Nl, false));
    assert!(
        !text.contains("90,75") && !text.contains("incassokosten"),
        "{text}"
    );
    assert!(text.contains("Heeft u inmiddels betaald"), "{text}");
    assert!(text.contains("6000 0000 2026 0042"), "{text}");
    assert!(text.contains("NL91 ABNA 0417 1643 00"), "{text}");
    assert!(
        text.contains("26 januari 2026") || text.contains("20 februari 2026"),
        "{text}"
    );
}

#[test]
fn consumer_demand_prints_no_computed_date_and_the_exact_costs() {
    for language in Language::ALL {
        let letter = example(LetterKind::Demand, language, true);
        let text = check_letter(&letter);
        let costs = format::money(euros("90.75"), language);
        assert!(text.contains(&costs), "{text}");
        // No date after the letter date: neither the deadline nor any other.
        for offset in 1..60 {
            let later = letter.date + chrono::Days::new(offset);
            assert!(
                !text.contains(&format::date(later, language)),
                "{later}: {text}"
            );
            assert!(
                !text.contains(&format::short_date(later, language)),
                "{later}: {text}"
            );
        }
    }
    let text = check_letter(&example(LetterKind::Demand, Language::Nl, true));
    assert!(text.contains("€ 90,75"), "{text}");
    assert!(
        text.contains("te rekenen vanaf de dag nadat u deze brief heeft ontvangen"),
        "{text}"
    );
    assert!(text.contains("geen btw"), "{text}");
    assert!(text.contains("recht op volledige betaling"), "{text}");
}

#[test]
fn consumer_demand_with_vat_states_it() {
    let mut letter = example(LetterKind::Demand, Language::Nl, true);
    letter.claim.vat_on_costs = Some(euros("19.06"));
    let text = check_letter(&letter);
    assert!(
        text.contains("€ 19,06") && !text.contains("geen btw"),
        "{text}"
    );
}

#[test]
fn business_demand_states_interest_costs_total_and_deadline() {
    let text = check_letter(&example(LetterKind::Demand, Language::Nl, false));
    for part in [
        "€ 3,64",
        "€ 90,75",
        "€ 699,39",
        "10,15 %",
        "20 februari 2026",
        "incassobureau",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn second_reminder_to_a_consumer_is_the_notice_of_default() {
    let text = check_letter(&example(LetterKind::Reminder2, Language::Nl, true));
    assert!(text.contains("Hiermee stellen wij u in gebreke"), "{text}");
    assert!(text.contains("23 februari 2026"), "{text}");
    assert!(text.contains("19 januari 2026"), "{text}");
    let text = check_letter(&example(LetterKind::Reminder2, Language::Nl, false));
    assert!(!text.contains("in gebreke"), "{text}");
    let mut fatal = example(LetterKind::Reminder2, Language::Nl, true);
    fatal.fatal_term_agreed = true;
    assert!(!check_letter(&fatal).contains("in gebreke"));
}

#[test]
fn consumer_hand_over_states_no_costs() {
    let text = check_letter(&example(LetterKind::AgencyNotice, Language::Nl, true));
    assert!(!text.contains("90,75"), "{text}");
    assert!(text.contains("Incasso Utrecht B.V."), "{text}");
    let text = check_letter(&example(LetterKind::AgencyNotice, Language::Nl, false));
    assert!(text.contains("90,75"), "{text}");
}

#[test]
fn plan_lists_each_instalment_and_the_legal_clauses() {
    let text = check_letter(&example(LetterKind::PlanConfirmation, Language::Nl, true));
    for part in [
        "1 maart 2026",
        "1 april 2026",
        "1 mei 2026",
        "€ 233,13",
        "€ 699,39",
        "6:44",
        "direct opeisbaar",
        "Handtekening",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

fn small_pdf() -> Vec<u8> {
    let letter = example(LetterKind::Reminder1, Language::En, false);
    let copy = generated(&letter);
    let rendered = render(&letter, &[copy]).unwrap();
    // The last page alone: an invoice copy to stand in for a stored PDF.
    let mut document = lopdf::Document::load_mem(&rendered.pdf).unwrap();
    let pages: Vec<u32> = (1..=rendered.letter_pages as u32).collect();
    document.delete_pages(&pages);
    let mut out = Vec::new();
    document.save_to(&mut out).unwrap();
    out
}

#[test]
fn an_original_pdf_is_appended_and_a_broken_one_replaced() {
    let letter = example(LetterKind::Reminder1, Language::Nl, false);
    let original = InvoiceCopy::Original {
        number: "2026-0042".to_string(),
        pdf: small_pdf(),
    };
    let rendered = render(&letter, std::slice::from_ref(&original)).unwrap();
    assert!(rendered.warnings.is_empty());
    let path = write_pdf("original_appended", &rendered.pdf);
    assert_eq!(
        pdfinfo(&path)["Pages"],
        (rendered.letter_pages + 1).to_string()
    );
    assert_eq!(pdfinfo(&path)["Title"], subject(&letter));
    let text = pdftotext(&path);
    assert!(
        text.contains("Betalingsherinnering") && text.contains("COPY"),
        "{text}"
    );

    let broken = InvoiceCopy::Original {
        number: "2026-0042".to_string(),
        pdf: b"%PDF-1.7 this is not a PDF".to_vec(),
    };
    let rendered = render(&letter, &[broken, original, generated(&letter)]).unwrap();
    assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
    assert!(rendered.warnings[0].contains("2026-0042"));
    let path = write_pdf("original_broken", &rendered.pdf);
    assert_eq!(
        pdfinfo(&path)["Pages"],
        (rendered.letter_pages + 3).to_string()
    );
    assert_eq!(rendered.pages, rendered.letter_pages + 3);
    let text = pdftotext(&path);
    assert_eq!(text.matches("KOPIE").count(), 2, "{text}");
}

#[test]
fn combine_joins_a_batch() {
    let first = render(&example(LetterKind::Reminder1, Language::Nl, false), &[]).unwrap();
    let second = render(&example(LetterKind::Demand, Language::En, true), &[]).unwrap();
    let combined = combine(&[first.pdf.clone(), second.pdf.clone()]).unwrap();
    let path = write_pdf("combined", &combined);
    assert_eq!(
        pdfinfo(&path)["Pages"],
        (first.pages + second.pages).to_string()
    );
    let text = pdftotext(&path);
    assert!(
        text.contains("Betalingsherinnering") && text.contains("Formal demand"),
        "{text}"
    );
    assert!(matches!(
        combine(&[first.pdf, b"nope".to_vec()]),
        Err(LetterError::Unreadable { index: 2, .. })
    ));
}

#[test]
fn long_tables_continue_with_their_heading() {
    let mut letter = example(LetterKind::Reminder2, Language::En, false);
    let invoice = letter.invoices[0].clone();
    letter.invoices = (0..70)
        .map(|index| LetterInvoice {
            number: if index == 0 {
                invoice.number.clone()
            } else {
                format!("2026-{:04}", 100 + index)
            },
            ..invoice.clone()
        })
        .collect();
    letter.total_open = letter.invoices.iter().map(|invoice| invoice.open).sum();
    let text = check_letter(&letter);
    assert!(text.matches("Invoice date").count() >= 2, "{text}");
    assert!(
        text.contains("Page 1/") && text.contains("Page 2/"),
        "{text}"
    );
    assert!(text.contains("2026-0169"));
}

#[test]
fn a_logo_is_drawn_and_a_broken_one_warned_about() {
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, 40, 20);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..40 * 20)
            .flat_map(|index| [(index % 255) as u8, 80, 160])
            .collect();
        writer.write_image_data(&pixels).unwrap();
    }
    let mut letter = example(LetterKind::Reminder1, Language::Nl, false);
    letter.sender.logo_png = Some(png_bytes);
    let rendered = render(&letter, &[]).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    write_pdf("logo", &rendered.pdf);
    letter.sender.logo_png = Some(b"not a png".to_vec());
    let rendered = render(&letter, &[]).unwrap();
    assert_eq!(rendered.warnings.len(), 1);
}

#[test]
fn dossier_summary_renders() {
    let letter = example(LetterKind::AgencyNotice, Language::Nl, false);
    let summary = DossierSummary {
        sender: letter.sender.clone(),
        customer: letter.recipient.clone(),
        language: Language::Nl,
        date: day(2026, 2, 23),
        invoices: letter.invoices.clone(),
        principal: euros("605.00"),
        costs: euros("90.75"),
        interest: euros("3.64"),
        events: vec![
            (
                day(2026, 1, 19),
                "Betalingsherinnering verstuurd per e-mail".to_string(),
            ),
            (day(2026, 2, 6), "Aanmaning verstuurd per post".to_string()),
        ],
    };
    let pdf = render_dossier_summary(&summary).unwrap();
    let path = write_pdf("dossier_summary", &pdf);
    let text = pdftotext(&path);
    assert!(
        text.contains("Dossieroverzicht")
            && text.contains("€ 699,39")
            && text.contains("Aanmaning verstuurd"),
        "{text}"
    );
}

#[test]
fn templates_match_across_languages() {
    let parsed: Vec<(Language, LetterKind, Template)> = sources()
        .into_iter()
        .map(|(language, kind, name, source)| {
            (language, kind, Template::parse(name, source).unwrap())
        })
        .collect();
    for kind in LetterKind::ALL {
        let of = |language| {
            parsed
                .iter()
                .find(|(l, k, _)| *l == language && *k == kind)
                .map(|(_, _, template)| template.vocabulary())
                .unwrap()
        };
        assert_eq!(of(Language::Nl), of(Language::En), "{}", kind.code());
        let sections: Vec<String> = of(Language::Nl).into_keys().collect();
        assert_eq!(
            sections,
            ["body", "closing", "mail_body", "subject"],
            "{}",
            kind.code()
        );
    }
    let templates = templates().unwrap();
    assert_eq!(
        templates.labels(Language::Nl).unwrap().keys(),
        templates.labels(Language::En).unwrap().keys()
    );
}

#[test]
fn subjects_and_mail_bodies_are_filled() {
    for language in Language::ALL {
        for kind in LetterKind::ALL {
            for consumer in [false, true] {
                let letter = example(kind, language, consumer);
                let values =
                    super::wording::values(&letter, templates().unwrap().labels(language).unwrap())
                        .unwrap();
                let template = templates().unwrap().letter(language, kind).unwrap();
                let body = template.fill_text("mail_body", &values).unwrap();
                assert!(!body.contains('{') && body.contains("2026-0042"), "{body}");
                assert_eq!(mail_body(&letter), body);
                assert!(subject(&letter).contains("2026-0042"));
            }
        }
    }
    let letter = example(LetterKind::Reminder1, Language::Nl, false);
    assert_eq!(subject(&letter), "Betalingsherinnering factuur 2026-0042");
}

#[test]
fn a_missing_value_is_an_error_naming_it() {
    let mut letter = example(LetterKind::PlanConfirmation, Language::Nl, false);
    letter.plan = None;
    let error = render(&letter, &[]).unwrap_err();
    assert!(error.to_string().contains("{plan_total}"), "{error}");
}

#[test]
fn codes_round_trip() {
    for kind in LetterKind::ALL {
        assert_eq!(LetterKind::from_str(kind.code()).unwrap(), kind);
    }
    assert_eq!(LetterKind::AgencyNotice.code(), "agency");
    assert_eq!("en".parse::<Language>().unwrap(), Language::En);
    assert!("de".parse::<Language>().is_err());
}

#[test]
fn formats() {
    assert_eq!(format::money(euros("1234.56"), Language::Nl), "€ 1.234,56");
    assert_eq!(format::money(euros("1234.56"), Language::En), "€1,234.56");
    assert_eq!(format::money(euros("-12"), Language::Nl), "-€ 12,00");
    assert_eq!(format::money(euros("-12"), Language::En), "-€12.00");
    assert_eq!(
        format::money(euros("1000000"), Language::Nl),
        "€ 1.000.000,00"
    );
    assert_eq!(format::money(euros("0.5"), Language::En), "€0.50");
    assert_eq!(
        format::date(day(2026, 1, 15), Language::Nl),
        "15 januari 2026"
    );
    assert_eq!(
        format::date(day(2026, 1, 15), Language::En),
        "15 January 2026"
    );
    assert_eq!(format::reference("6000000020260042"), "6000 0000 2026 0042");
    assert_eq!(format::iban("nl91abna0417164300"), "NL91 ABNA 0417 1643 00");
    assert_eq!(format::percent(dec!(10.15), Language::Nl), "10,15 %");
    assert_eq!(format::count(1234, Language::Nl), "1.234");
}

#[test]
fn wrapping_respects_the_width() {
    let fonts = super::font::fonts().unwrap();
    let text =
        "Bij het nakijken van onze administratie zagen wij dat factuur 2026-0042 nog openstaat.";
    for line in fonts.regular.wrap(text, 10.0, 60.0) {
        assert!(fonts.regular.width_mm(&line, 10.0) <= 60.0, "{line}");
    }
    assert_eq!(fonts.regular.wrap(text, 10.0, 500.0), [text]);
}

#[test]
#[ignore = "timing; run with --release -- --ignored speed"]
fn speed() {
    let letter = example(LetterKind::Reminder1, Language::Nl, false);
    let original = InvoiceCopy::Original {
        number: "2026-0042".to_string(),
        pdf: small_pdf(),
    };
    let started = std::time::Instant::now();
    let count = 200;
    let mut bytes = 0;
    for _ in 0..count {
        bytes = render(&letter, std::slice::from_ref(&original))
            .unwrap()
            .pdf
            .len();
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{:.0} letters/s, {} KB each",
        count as f64 / seconds,
        bytes / 1024
    );
}
