//! How fast letters are made: a first reminder rendered to PDF with the
//! invoice copies appended — the business's own stored invoice PDF of 1 or
//! 5 pages copied at object level, or a generated copy stamped KOPIE — and
//! a demand over three invoices with their stored PDFs. Issue 16 asks for at
//! least 100 letters/s; divan reports items (letters) per second.
//!
//! Run: `cargo bench -p tegoed-core --bench letters` (or `cargo xtask bench`).

#![allow(missing_docs, clippy::unwrap_used, reason = "a benchmark")]

use chrono::NaiveDate;
use divan::counter::ItemsCount;
use tegoed_core::letters::{
    self, Claim, History, InvoiceCopy, Language, Letter, LetterInvoice, LetterKind, Recipient,
    Sender,
};
use tegoed_core::money::Money;

fn main() {
    divan::main();
}

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap()
}

fn euros(text: &str) -> Money {
    text.parse().unwrap()
}

/// A stored invoice PDF of `pages` pages, each with a few lines of text and
/// its own content stream, as an accounting package writes one.
fn invoice_pdf(number: &str, pages: usize) -> Vec<u8> {
    // Objects: 1 catalog, 2 pages, 3 font, then per page a page and its content.
    let mut objects = vec![
        String::new(),
        String::new(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut kids = Vec::new();
    for page in 0..pages {
        let page_id = objects.len() + 1;
        let content_id = page_id + 1;
        kids.push(format!("{page_id} 0 R"));
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
        ));
        let mut stream = String::new();
        for line in 0..40 {
            stream.push_str(&format!(
                "BT /F1 10 Tf 60 {} Td (Factuur {number} pagina {} regel {line}: 1 x ontwerp a EUR 605,00) Tj ET\n",
                800 - line * 18,
                page + 1
            ));
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}endstream",
            stream.len()
        ));
    }
    objects[0] = "<< /Type /Catalog /Pages 2 0 R >>".to_owned();
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", index + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

fn invoice(number: &str, amount: &str) -> LetterInvoice {
    LetterInvoice {
        number: number.to_owned(),
        invoice_date: day(2025, 12, 16),
        due_date: day(2026, 1, 15),
        order_number: Some("PO-7781".to_owned()),
        amount: euros(amount),
        paid: Money::ZERO,
        open: euros(amount),
        days_overdue: 22,
    }
}

fn letter(kind: LetterKind, invoices: Vec<LetterInvoice>) -> Letter {
    let total_open = invoices.iter().map(|invoice| invoice.open).sum();
    let demand = kind == LetterKind::Demand;
    Letter {
        kind,
        language: Language::Nl,
        consumer: false,
        fatal_term_agreed: false,
        date: day(2026, 2, 6),
        our_reference: "K-0042-20260206".to_owned(),
        sender: Sender {
            name: "Studio Vierkant B.V.".to_owned(),
            address: vec!["Oudegracht 120".to_owned(), "3511 AX Utrecht".to_owned()],
            kvk_number: Some("12345678".to_owned()),
            vat_number: Some("NL001234567B01".to_owned()),
            iban: Some("NL91ABNA0417164300".to_owned()),
            bic: Some("ABNANL2A".to_owned()),
            phone: Some("030 123 4567".to_owned()),
            email: Some("debiteuren@studiovierkant.nl".to_owned()),
            contact_person: Some("Anouk de Wit".to_owned()),
            logo_png: None,
        },
        recipient: Recipient {
            name: "Bakkerij Van der Meulen".to_owned(),
            address: vec!["Dorpsstraat 7".to_owned(), "3732 HJ De Bilt".to_owned()],
            customer_code: "K-0042".to_owned(),
            attention: None,
        },
        invoices,
        total_open,
        deadline: Some(day(2026, 2, 20)),
        default_date: None,
        payment_reference: None,
        claim: if demand {
            Claim {
                costs: Some(euros("240.75")),
                interest: Some(euros("11.60")),
                interest_from: Some(day(2026, 1, 16)),
                interest_to: Some(day(2026, 2, 6)),
                ..Claim::default()
            }
        } else {
            Claim::default()
        },
        history: History {
            first_reminder: demand.then(|| day(2026, 1, 19)),
            ..History::default()
        },
        agreement: None,
        plan: None,
        handover: None,
    }
}

/// A first reminder over one invoice whose stored PDF has `pages` pages.
#[divan::bench(args = [1, 5])]
fn reminder_with_stored_invoice(bencher: divan::Bencher, pages: usize) {
    let letter = letter(LetterKind::Reminder1, vec![invoice("2026-0042", "605.00")]);
    let copies = [InvoiceCopy::Original {
        number: "2026-0042".to_owned(),
        pdf: invoice_pdf("2026-0042", pages),
    }];
    let rendered = letters::render(&letter, &copies).unwrap();
    assert_eq!(rendered.pages, rendered.letter_pages + pages);
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| letters::render(divan::black_box(&letter), &copies).unwrap());
}

/// A first reminder over one invoice the book has no PDF of: a generated copy.
#[divan::bench]
fn reminder_with_generated_copy(bencher: divan::Bencher) {
    let letter = letter(LetterKind::Reminder1, vec![invoice("2026-0042", "605.00")]);
    let copies = [InvoiceCopy::Generated {
        number: "2026-0042".to_owned(),
        invoice_date: day(2025, 12, 16),
        due_date: day(2026, 1, 15),
        amount: euros("605.00"),
        customer: letter.recipient.name.clone(),
        sender: letter.sender.name.clone(),
    }];
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| letters::render(divan::black_box(&letter), &copies).unwrap());
}

/// A business demand over three invoices, each with a stored PDF of `pages` pages.
#[divan::bench(args = [1, 5])]
fn demand_with_three_stored_invoices(bencher: divan::Bencher, pages: usize) {
    let numbers = ["2026-0042", "2026-0043", "2026-0044"];
    let letter = letter(
        LetterKind::Demand,
        numbers
            .iter()
            .map(|number| invoice(number, "535.00"))
            .collect(),
    );
    let copies: Vec<InvoiceCopy> = numbers
        .iter()
        .map(|number| InvoiceCopy::Original {
            number: (*number).to_owned(),
            pdf: invoice_pdf(number, pages),
        })
        .collect();
    let rendered = letters::render(&letter, &copies).unwrap();
    assert_eq!(rendered.pages, rendered.letter_pages + 3 * pages);
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| letters::render(divan::black_box(&letter), &copies).unwrap());
}
