//! Any bytes as a dropped invoice PDF: read (pages, text, hash) and linked
//! to an invoice number, never a panic.
#![no_main]

use tegoed_core::invoice_pdf;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = invoice_pdf::read("2026-0142.pdf", bytes);
    let numbers = invoice_pdf::Numbers::new(["2026-0142", "142", "F-77"]);
    let _ = invoice_pdf::link("factuur.pdf", bytes, &numbers);
});
