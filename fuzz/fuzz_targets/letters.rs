//! A letter of any kind and language with arbitrary names, addresses and
//! invoice numbers, and arbitrary bytes as the stored invoice PDF to
//! append: a PDF or an error, never a panic (a broken stored PDF becomes a
//! generated copy with a warning).
#![no_main]

use chrono::NaiveDate;
use tegoed_core::letters::{
    self, Claim, History, InvoiceCopy, Language, Letter, LetterInvoice, LetterKind, Recipient,
    Sender,
};
use tegoed_core::money::Money;

/// The next text of the input, up to a NUL byte.
fn next<'a>(rest: &mut &'a [u8]) -> String {
    let end = rest.iter().position(|byte| *byte == 0).unwrap_or(rest.len());
    let text = String::from_utf8_lossy(&rest[..end]).chars().take(400).collect();
    *rest = rest.get(end + 1..).unwrap_or_default();
    text
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Some((choice, mut rest)) = bytes.split_first() else {
        return;
    };
    let kind = LetterKind::ALL[usize::from(*choice) % LetterKind::ALL.len()];
    let language = if choice & 0x40 == 0 { Language::Nl } else { Language::En };
    let Some(date) = NaiveDate::from_ymd_opt(2026, 2, 6) else {
        return;
    };
    let name = next(&mut rest);
    let address = next(&mut rest);
    let number = next(&mut rest);
    let cents = i64::from(u16::from_le_bytes([
        rest.first().copied().unwrap_or(1),
        rest.get(1).copied().unwrap_or(0),
    ]));
    let open = Money::from_cents(cents);
    let invoice = LetterInvoice {
        number: number.clone(),
        invoice_date: date,
        due_date: date,
        order_number: None,
        amount: open,
        paid: Money::ZERO,
        open,
        days_overdue: 22,
    };
    let letter = Letter {
        kind,
        language,
        consumer: choice & 0x80 != 0,
        fatal_term_agreed: false,
        date,
        our_reference: number.clone(),
        sender: Sender {
            name: name.clone(),
            address: address.lines().map(str::to_owned).collect(),
            kvk_number: None,
            vat_number: None,
            iban: None,
            bic: None,
            phone: None,
            email: None,
            contact_person: None,
            logo_png: None,
        },
        recipient: Recipient {
            name,
            address: address.lines().map(str::to_owned).collect(),
            customer_code: number.clone(),
            attention: None,
        },
        invoices: vec![invoice],
        total_open: open,
        deadline: Some(date),
        default_date: None,
        payment_reference: None,
        claim: Claim::default(),
        history: History::default(),
        agreement: None,
        plan: None,
        handover: None,
    };
    let copies = [InvoiceCopy::Original {
        number,
        pdf: rest.to_vec(),
    }];
    let _ = letters::render(&letter, &copies);
});
