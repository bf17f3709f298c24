//! Robustness of the statement readers on damaged input (the stable
//! counterpart of the cargo-fuzz targets in `fuzz/`): every prefix of
//! several files and random byte flips with a fixed seed must give a parsed
//! file or an error naming the file, never a panic.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

use std::path::Path;

use tegoed_core::statement;

fn samples() -> Vec<(String, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/statement");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && !path.to_string_lossy().ends_with(".json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect()
}

fn check(name: &str, bytes: &[u8]) {
    if let Err(error) = statement::parse(name, bytes) {
        let message = error.to_string();
        assert!(message.starts_with(name), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
    }
}

#[test]
fn every_prefix_parses_or_fails_cleanly() {
    let samples = samples();
    assert!(samples.len() >= 8);
    for (name, bytes) in &samples {
        for end in 0..=bytes.len() {
            check(name, &bytes[..end]);
        }
    }
}

#[test]
fn random_byte_flips_never_panic() {
    // xorshift64 with a fixed seed: the same mutations on every run.
    let mut state: u64 = 0x5eed_7e90_ed00_0004;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let interesting = [
        b':', b'/', b'>', b'?', b'<', b'"', b';', b'\n', b'\r', b',', b'-', b'{', b'}', 0, 0xff,
        b'9',
    ];
    for (name, bytes) in samples() {
        for _ in 0..400 {
            let mut mutated = bytes.clone();
            for _ in 0..1 + next() % 4 {
                let position = (next() % mutated.len().max(1) as u64) as usize;
                let byte = if next() % 2 == 0 {
                    interesting[(next() % 16) as usize]
                } else {
                    next() as u8
                };
                let last = mutated.len().saturating_sub(1);
                match next() % 3 {
                    0 if !mutated.is_empty() => mutated[position.min(last)] = byte,
                    1 => mutated.insert(position.min(mutated.len()), byte),
                    _ if !mutated.is_empty() => {
                        mutated.remove(position.min(last));
                    }
                    _ => {}
                }
            }
            check(&name, &mutated);
        }
    }
}
