//! Text through the MT940 reader directly (seed with `*.sta` corpus files).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = tegoed_core::statement::mt940::parse("fuzz.sta", text);
});
