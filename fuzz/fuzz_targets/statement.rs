//! Any bytes through detection and every reader: a parsed file or an error,
//! never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = tegoed_core::statement::parse("fuzz.bin", bytes);
});
