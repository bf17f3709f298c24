//! Any bytes as an invoice list: xlsx, xls, ods, csv or UBL by the first
//! byte's choice of file name; a ledger or an error naming a cell, never a
//! panic (seed with `crates/tegoed-core/tests/data/ledger`).
#![no_main]

const NAMES: [&str; 5] = [
    "fuzz.xlsx",
    "fuzz.xls",
    "fuzz.ods",
    "fuzz.csv",
    "fuzz.xml",
];

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Some((choice, rest)) = bytes.split_first() else {
        return;
    };
    let name = NAMES[usize::from(*choice) % NAMES.len()];
    let _ = tegoed_core::ledger::parse(name, rest, &[]);
});
