//! German banks' CSV exports, which come with the German MT940: the
//! Sparkassen's "CSV-CAMT" (17 columns, all quoted, `24.04.26` booking
//! dates, the end-to-end reference in its own column, `Umsatz vorgemerkt`
//! rows the bank has not booked yet) and their older "CSV-MT940" layout
//! (11 columns), and ING Germany's `Umsatzanzeige` (a preamble with the own
//! IBAN above `Buchung;Valuta;Auftraggeber/Empfänger;…`, newest first, a
//! balance after each row). Read by header name like the Belgian exports
//! ([`super::belgian`]).

use super::Layout;
use super::belgian::{NONE, Spec};

/// The German layouts, tried after the Belgian ones.
pub(super) static SPECS: [Spec; 2] = [
    Spec {
        layout: Layout::Sparkasse,
        bank: "Sparkasse",
        signature: &[
            &[
                "auftragskonto",
                "buchungstag",
                "beguenstigter/zahlungspflichtiger",
            ],
            &[
                "auftragskonto",
                "buchungstag",
                "begünstigter/zahlungspflichtiger",
            ],
            &[
                "auftragskonto",
                "buchungstag",
                "auftraggeber/zahlungsempfänger",
            ],
        ],
        date: &["buchungstag"],
        value_date: &["valutadatum"],
        amount: &["betrag"],
        currency: &["waehrung", "währung"],
        account: &["auftragskonto"],
        counterparty_iban: &["kontonummer/iban", "kontonummer"],
        counterparty_name: &[
            "beguenstigter/zahlungspflichtiger",
            "begünstigter/zahlungspflichtiger",
            "auftraggeber/zahlungsempfänger",
        ],
        structured: NONE,
        remittance: &["verwendungszweck", "buchungstext"],
        bank_reference: NONE,
        balance_after: NONE,
        status: &["info"],
        end_to_end: &["kundenreferenz (end-to-end)"],
        preamble_account: NONE,
    },
    Spec {
        layout: Layout::IngGermany,
        bank: "ING (Deutschland)",
        signature: &[&["buchung", "valuta", "auftraggeber/empfänger"]],
        date: &["buchung"],
        value_date: &["valuta"],
        amount: &["betrag"],
        currency: &["währung"],
        account: NONE,
        counterparty_iban: NONE,
        counterparty_name: &["auftraggeber/empfänger"],
        structured: NONE,
        remittance: &["verwendungszweck", "buchungstext"],
        bank_reference: NONE,
        balance_after: &["saldo"],
        status: NONE,
        end_to_end: NONE,
        preamble_account: &["iban"],
    },
];
