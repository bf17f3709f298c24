use std::io::Write;

use zip::write::SimpleFileOptions;

use super::*;

/// A zip of `(name, content)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, content) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Small limits so that the tests stay small.
const SMALL: Limits = Limits {
    max_entries: 3,
    max_entry_size: 1000,
    max_total_size: 1500,
    max_ratio: 20,
    ratio_from_size: 100,
};

fn check_files(entries: &[(&str, &[u8])], expected: Result<Vec<&str>, &str>) {
    let bytes = zip_of(entries);
    let found = files("bank.zip", &bytes, &SMALL)
        .map(|files| files.into_iter().map(|(name, _)| name).collect::<Vec<_>>())
        .map_err(|error| error.to_string());
    let expected = expected
        .map(|names| names.into_iter().map(str::to_owned).collect())
        .map_err(str::to_owned);
    assert_eq!(found, expected);
}

/// Text that compresses about as well as a real statement.
fn varied(n_bytes: usize) -> Vec<u8> {
    let mut state: u32 = 7;
    (0..n_bytes)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            b'a' + u8::try_from((state >> 16) % 26).unwrap()
        })
        .collect()
}

#[test]
fn files_are_named_inside_the_archive() {
    check_files(
        &[("nov.xml", b"<a/>"), ("2026/dec.xml", b"<b/>")],
        Ok(vec!["bank.zip/nov.xml", "bank.zip/2026/dec.xml"]),
    );
}

#[test]
fn archiver_clutter_is_left_out() {
    check_files(
        &[
            ("__MACOSX/._nov.xml", b"x"),
            ("nov.xml", b"<a/>"),
            (".DS_Store", b"x"),
        ],
        Ok(vec!["bank.zip/nov.xml"]),
    );
}

#[test]
fn too_many_entries() {
    check_files(
        &[("a", b"1"), ("b", b"2"), ("c", b"3"), ("d", b"4")],
        Err(
            "bank.zip: the zip archive holds 4 entries, more than the 3 Tegoed reads from one archive; unpack it and import the files in smaller groups",
        ),
    );
}

#[test]
fn an_entry_too_large() {
    let big = varied(1001);
    check_files(
        &[("big.xml", &big)],
        Err(
            "bank.zip/big.xml: unpacks to more than 0 MB, more than Tegoed reads from one file in an archive; this is not a normal export (a zip bomb?), so nothing was read",
        ),
    );
}

#[test]
fn too_large_in_total() {
    let part = varied(800);
    check_files(
        &[("a.xml", &part), ("b.xml", &part)],
        Err(
            "bank.zip: the files in the zip archive unpack to more than 0 MB together; unpack it and import the files in smaller groups",
        ),
    );
}

#[test]
fn a_bomb_by_its_ratio() {
    let zeros = vec![b'0'; 900];
    let bytes = zip_of(&[("bomb.xml", &zeros)]);
    let error = files("bank.zip", &bytes, &SMALL).unwrap_err();
    assert!(
        matches!(&error, ArchiveError::Compressed { file, limit: 20, ratio } if file == "bank.zip/bomb.xml" && *ratio > 20),
        "{error}"
    );
}

#[test]
fn small_parts_may_compress_well() {
    let zeros = vec![b'0'; 99];
    check_files(&[("styles.xml", &zeros)], Ok(vec!["bank.zip/styles.xml"]));
}

#[test]
fn a_nested_archive_is_not_followed() {
    let inner = zip_of(&[("nov.xml", b"<a/>")]);
    check_files(
        &[("inner.zip", &inner)],
        Err(
            "bank.zip/inner.zip: an archive inside an archive is not read; unpack it and import the files inside",
        ),
    );
}

#[test]
fn a_workbook_inside_is_a_file() {
    let workbook = zip_of(&[("[Content_Types].xml", b"<Types/>")]);
    assert!(is_workbook(&workbook));
    check_files(
        &[("ledger.xlsx", &workbook)],
        Ok(vec!["bank.zip/ledger.xlsx"]),
    );
}

#[test]
fn damaged() {
    let error = files("bank.zip", b"PK\x03\x04 and then nothing", &SMALL).unwrap_err();
    assert_eq!(error.kind(), "archive_damaged");
    assert!(
        error
            .to_string()
            .starts_with("bank.zip: the zip archive is damaged ("),
        "{error}"
    );
}

/// Overwrites every stated uncompressed size of the only entry, in the
/// local header and in the central directory, as a forged bomb would.
fn forge_size(bytes: &mut [u8], stated: u32) {
    let stated = stated.to_le_bytes();
    let mut at = 0;
    while at + 4 <= bytes.len() {
        match &bytes[at..at + 4] {
            b"PK\x03\x04" => bytes[at + 22..at + 26].copy_from_slice(&stated),
            b"PK\x01\x02" => bytes[at + 24..at + 28].copy_from_slice(&stated),
            _ => {}
        }
        at += 1;
    }
}

#[test]
fn a_forged_size_is_not_believed() {
    let content = varied(500);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer.start_file("nov.xml", options).unwrap();
    writer.write_all(&content).unwrap();
    let mut bytes = writer.finish().unwrap().into_inner();
    forge_size(&mut bytes, 50);
    let expected = ArchiveError::SizeMismatch {
        file: "bank.zip/nov.xml".to_owned(),
        stated: 50,
    };
    let checked = check("bank.zip", &bytes, &SMALL);
    assert_eq!(checked, Err(expected.clone()));
    assert_eq!(files("bank.zip", &bytes, &SMALL), Err(expected));
}
