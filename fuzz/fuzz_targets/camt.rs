//! Text through the camt reader directly (seed with camt XML files).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = tegoed_core::statement::camt::parse("fuzz.xml", text);
});
