//! Any bytes through the one door: a zip unpacked within its limits, then
//! each file to the reader its content names (bank file, ledger, invoice
//! PDF); values or an error, never a panic and never past the limits.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(files) = tegoed_core::intake::expand("fuzz.zip", bytes.to_vec()) else {
        return;
    };
    for (name, inner) in files {
        let _ = tegoed_core::intake::parse(&name, &inner);
    }
});
