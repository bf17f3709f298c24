//! Text through the CSV presets directly (seed with bank CSV files).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = tegoed_core::statement::csv::parse("fuzz.csv", text);
});
