//! Hostile files (issue 19, "Hostile files"): every one is refused by
//! intake with one line that names the file, within 10 s and under 400 MB,
//! and a zip of bank files is read as the files inside (issue 18).
//!
//! The inputs are made here, not committed: a camt.053/054 with a DTD
//! (billion laughs, an external entity), MT940 and CSV with a NUL byte, XML
//! nested 200,000 deep, and zip bombs (xlsx, ods and a bank zip whose one
//! entry unpacks to 600 MB, honestly stated or forged) built from a real
//! deflate stream. nextest runs each test in its own process, so the peak
//! memory read from `/proc/self/status` is that test's.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers may unwrap and fail"
)]

use std::io::{Cursor, Read};
use std::path::Path;
use std::time::{Duration, Instant};

use tegoed_core::intake::{self, IntakeError, ParsedFile};

const MB: usize = 1024 * 1024;

fn data(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(path),
    )
    .unwrap()
}

fn text(path: &str) -> String {
    String::from_utf8(data(path)).unwrap()
}

/// The peak resident memory of this process so far, in bytes (Linux).
fn peak_memory() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `read` and checks that it was fast and small.
fn bounded<T>(what: &str, read: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = read();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "{what} took {took:?}");
    if let Some(peak) = peak_memory() {
        assert!(peak < 400 * MB, "{what} peaked at {} MB", peak / MB);
    }
    result
}

/// Intake refuses `bytes` under `name` with one line that starts with
/// `name` and contains `expected`.
fn check_refused(name: &str, bytes: &[u8], expected: &str) -> IntakeError {
    let result = bounded(name, || intake::parse(name, bytes));
    let error = match result {
        Ok(parsed) => panic!("{name} was read: {parsed:?}"),
        Err(error) => error,
    };
    let message = error.to_string();
    assert!(!message.contains('\n'), "more than one line: {message}");
    assert!(
        message.starts_with(name),
        "does not name the file: {message}"
    );
    assert!(
        message.contains(expected),
        "{message}\ndoes not say: {expected}"
    );
    error
}

// ---------------------------------------------------------------- DTDs

/// A camt file with `declaration` after the XML declaration and `body`
/// at the start of the first remittance text.
fn camt_with(path: &str, declaration: &str, body: &str) -> Vec<u8> {
    let original = text(path);
    let after_declaration = original.find("?>").map_or(0, |at| at + 2);
    let mut hostile = String::new();
    hostile.push_str(&original[..after_declaration]);
    hostile.push('\n');
    hostile.push_str(declaration);
    hostile.push_str(&original[after_declaration..]);
    hostile
        .replacen("<Ustrd>", &format!("<Ustrd>{body}"), 1)
        .into_bytes()
}

fn billion_laughs() -> String {
    let mut dtd = String::from("<!DOCTYPE Document [\n<!ENTITY lol0 \"lol\">\n");
    for level in 1..10 {
        let previous = format!("&lol{};", level - 1);
        dtd.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            previous.repeat(10)
        ));
    }
    dtd.push_str("]>\n");
    dtd
}

const DTD_SAYS: &str = "the XML declares a document type (<!DOCTYPE …>)";

#[test]
fn camt053_with_billion_laughs() {
    let bytes = camt_with("statement/camt053-batch.xml", &billion_laughs(), "&lol9;");
    let error = check_refused("laughs.xml", &bytes, DTD_SAYS);
    assert_eq!(error.kind(), "invalid");
}

#[test]
fn camt053_with_an_external_entity() {
    let bytes = camt_with(
        "statement/camt053-batch.xml",
        "<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n",
        "&xxe;",
    );
    check_refused("xxe.xml", &bytes, DTD_SAYS);
}

#[test]
fn camt054_with_a_dtd_and_no_entity_used() {
    let bytes = camt_with(
        "statement/camt054-notification.xml",
        "<!DOCTYPE Document SYSTEM \"http://example.invalid/camt.dtd\">\n",
        "",
    );
    check_refused("notification.xml", &bytes, DTD_SAYS);
}

#[test]
fn ubl_with_billion_laughs() {
    let bytes = camt_with("ledger/ubl_invoice.xml", &billion_laughs(), "");
    let error = check_refused("invoice.xml", &bytes, DTD_SAYS);
    assert!(matches!(error, IntakeError::Ledger(_)), "{error:?}");
}

// ------------------------------------------------------------ NUL bytes

#[test]
fn mt940_with_a_nul_byte() {
    let original = text("statement/ing-structured.sta");
    let at = original.find(":86:").unwrap() + 10;
    let mut bytes = original.into_bytes();
    bytes.insert(at, 0);
    let error = check_refused("nul.sta", &bytes, "holds a NUL byte");
    assert!(error.to_string().starts_with("nul.sta line "), "{error}");
}

#[test]
fn mt940_with_a_nul_byte_past_the_detection_prefix() {
    let original = text("statement/ing-structured.sta");
    let mut padded = original.clone();
    while padded.len() < 100_000 {
        padded.push_str(&original);
    }
    let mut bytes = padded.into_bytes();
    let at = bytes.len() - 20;
    bytes.insert(at, 0);
    check_refused("nul-late.sta", &bytes, "holds a NUL byte");
}

#[test]
fn bank_csv_with_a_nul_byte() {
    let mut bytes = data("statement/ing-comma-2020.csv");
    let at = bytes.len() / 2;
    bytes.insert(at, 0);
    check_refused("nul.csv", &bytes, "holds a NUL byte");
}

#[test]
fn ledger_csv_with_a_nul_byte() {
    let mut bytes = data("ledger/akaunting_invoices.csv");
    let at = bytes.len() / 2;
    bytes.insert(at, 0);
    check_refused("invoices.csv", &bytes, "NUL byte");
}

// ------------------------------------------------------------- nesting

fn nested(depth: usize) -> String {
    format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth))
}

#[test]
fn camt_nested_200000_deep() {
    let bytes = camt_with("statement/camt053-batch.xml", "", &nested(200_000));
    check_refused("deep.xml", &bytes, "nests elements more than 64 deep");
}

#[test]
fn camt_nested_200000_deep_and_never_closed() {
    let original = text("statement/camt053-batch.xml");
    let cut = original.find("<Ustrd>").unwrap();
    let bytes = format!("{}{}", &original[..cut], "<a>".repeat(200_000)).into_bytes();
    check_refused("deep-open.xml", &bytes, "nests elements more than 64 deep");
}

#[test]
fn ubl_nested_200000_deep() {
    let original = text("ledger/ubl_invoice.xml");
    let at = original.find("<cbc:ID>").unwrap();
    let bytes = format!("{}{}{}", &original[..at], nested(200_000), &original[at..]).into_bytes();
    let error = check_refused(
        "deep-invoice.xml",
        &bytes,
        "nests elements more than 64 deep",
    );
    assert!(matches!(error, IntakeError::Ledger(_)), "{error:?}");
}

#[test]
fn real_files_are_well_within_the_depth() {
    for path in [
        "statement/camt053-batch.xml",
        "statement/camt054-notification.xml",
        "ledger/ubl_invoice.xml",
        "ledger/ubl_credit_note.xml",
    ] {
        let name = path.rsplit('/').next().unwrap();
        intake::parse(name, &data(path)).unwrap();
    }
}

// ------------------------------------------------------------ zip bombs

/// Bits written least significant first, as deflate packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n_bits: u32,
}

impl Bits {
    fn put(&mut self, value: u32, n_bits: u32) {
        self.acc |= u64::from(value) << self.n_bits;
        self.n_bits += n_bits;
        while self.n_bits >= 8 {
            self.out.push((self.acc & 0xff) as u8);
            self.acc >>= 8;
            self.n_bits -= 8;
        }
    }

    /// A Huffman code, which deflate writes most significant bit first.
    fn code(&mut self, code: u32, n_bits: u32) {
        let reversed = code.reverse_bits() >> (32 - n_bits);
        self.put(reversed, n_bits);
    }

    fn literal(&mut self, byte: u8) {
        if byte <= 143 {
            self.code(0x30 + u32::from(byte), 8);
        } else {
            self.code(0x190 + u32::from(byte) - 144, 9);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n_bits > 0 {
            self.out.push((self.acc & 0xff) as u8);
        }
        self.out
    }
}

/// A raw deflate stream (fixed Huffman codes) of `prefix`, `n_repeated`
/// times `byte` and `suffix`: each run of 258 is one 13-bit copy, so the
/// stream is about 160 times smaller than its content.
fn deflate_bomb(prefix: &[u8], byte: u8, n_repeated: usize, suffix: &[u8]) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(1, 1); // the final block
    bits.put(1, 2); // fixed Huffman codes
    for &literal in prefix {
        bits.literal(literal);
    }
    bits.literal(byte);
    let rest = n_repeated - 1;
    for _ in 0..rest / 258 {
        bits.code(0xC5, 8); // length code 285: 258 bytes
        bits.code(0, 5); // distance code 0: one byte back
    }
    for _ in 0..rest % 258 {
        bits.literal(byte);
    }
    for &literal in suffix {
        bits.literal(literal);
    }
    bits.code(0, 7); // end of block
    bits.finish()
}

/// One entry of a hand-built zip archive.
struct Entry {
    name: String,
    /// 0 stored, 8 deflated.
    method: u16,
    crc: u32,
    packed: Vec<u8>,
    /// The size the archive states, true or not.
    stated_size: u32,
}

impl Entry {
    fn stored(name: &str, content: Vec<u8>) -> Entry {
        Entry {
            name: name.to_owned(),
            method: 0,
            crc: crc32(&content),
            stated_size: u32::try_from(content.len()).unwrap(),
            packed: content,
        }
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of the entries, with their sizes as stated.
fn zip_of(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |value: usize| u16::try_from(value).unwrap().to_le_bytes();
    let u32le = |value: usize| u32::try_from(value).unwrap().to_le_bytes();
    for entry in entries {
        let offset = out.len();
        let fields = |header: &mut Vec<u8>| {
            header.extend(20_u16.to_le_bytes()); // version needed
            header.extend(0_u16.to_le_bytes()); // flags
            header.extend(entry.method.to_le_bytes());
            header.extend(0_u16.to_le_bytes()); // time
            header.extend(0x21_u16.to_le_bytes()); // date: 1980-01-01
            header.extend(entry.crc.to_le_bytes());
            header.extend(u32le(entry.packed.len()));
            header.extend(entry.stated_size.to_le_bytes());
            header.extend(u16le(entry.name.len()));
            header.extend(0_u16.to_le_bytes()); // extra field length
        };
        out.extend(b"PK\x03\x04");
        fields(&mut out);
        out.extend(entry.name.as_bytes());
        out.extend(&entry.packed);
        central.extend(b"PK\x01\x02");
        central.extend(20_u16.to_le_bytes()); // version made by
        fields(&mut central);
        central.extend(0_u16.to_le_bytes()); // comment length
        central.extend(0_u16.to_le_bytes()); // disk
        central.extend(0_u16.to_le_bytes()); // internal attributes
        central.extend(0_u32.to_le_bytes()); // external attributes
        central.extend(u32le(offset));
        central.extend(entry.name.as_bytes());
    }
    let central_offset = out.len();
    out.extend(&central);
    out.extend(b"PK\x05\x06");
    out.extend(0_u16.to_le_bytes());
    out.extend(0_u16.to_le_bytes());
    out.extend(u16le(entries.len()));
    out.extend(u16le(entries.len()));
    out.extend(u32le(central.len()));
    out.extend(u32le(central_offset));
    out.extend(0_u16.to_le_bytes());
    out
}

/// The entries of a real archive, unpacked and stored again.
fn entries_of(bytes: &[u8]) -> Vec<Entry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            Entry::stored(&entry.name().unwrap(), content)
        })
        .collect()
}

/// A deflated entry of `prefix`, `n_repeated` × `a` and `suffix`, stating
/// `stated_size` (`None`: the true size). The CRC is left 0: every
/// limit must refuse it before a reader gets to the end.
fn bomb_entry(
    name: &str,
    prefix: &[u8],
    n_repeated: usize,
    suffix: &[u8],
    stated_size: Option<u32>,
) -> Entry {
    let true_size = prefix.len() + n_repeated + suffix.len();
    Entry {
        name: name.to_owned(),
        method: 8,
        crc: 0,
        packed: deflate_bomb(prefix, b'a', n_repeated, suffix),
        stated_size: stated_size.unwrap_or_else(|| u32::try_from(true_size).unwrap()),
    }
}

#[test]
fn the_bomb_is_a_real_deflate_stream() {
    let prefix = b"<sst><si><t>";
    let suffix = b"</t></si></sst>";
    let mut entry = bomb_entry("s.xml", prefix, 100_000, suffix, None);
    let expected = [&prefix[..], &vec![b'a'; 100_000], &suffix[..]].concat();
    entry.crc = crc32(&expected);
    assert!(entry.packed.len() * 100 < expected.len());
    let archive = zip_of(&[entry]);
    let mut reader = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let mut unpacked = Vec::new();
    reader
        .by_index(0)
        .unwrap()
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, expected);
}

const SHARED_STRINGS_START: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>";
const SHARED_STRINGS_END: &[u8] = b"</t></si></sst>";

/// The e-Boekhouden ledger with its shared strings replaced by one string
/// of `n_repeated` bytes, stating `stated_size`.
fn xlsx_bomb(n_repeated: usize, stated_size: Option<u32>) -> Vec<u8> {
    let mut entries: Vec<Entry> = entries_of(&data("ledger/e_boekhouden.xlsx"))
        .into_iter()
        .filter(|entry| entry.name != "xl/sharedStrings.xml")
        .collect();
    entries.push(bomb_entry(
        "xl/sharedStrings.xml",
        SHARED_STRINGS_START,
        n_repeated,
        SHARED_STRINGS_END,
        stated_size,
    ));
    zip_of(&entries)
}

#[test]
fn the_xlsx_without_a_bomb_still_reads() {
    let entries = entries_of(&data("ledger/e_boekhouden.xlsx"));
    let parsed = intake::parse("e_boekhouden.xlsx", &zip_of(&entries)).unwrap();
    assert!(matches!(parsed, ParsedFile::Ledger(_)));
}

#[test]
fn xlsx_whose_one_cell_unpacks_to_600_mb() {
    let bytes = xlsx_bomb(600 * MB, None);
    check_refused(
        "bomb.xlsx",
        &bytes,
        "its part xl/sharedStrings.xml: unpacks to more than 100 MB",
    );
}

#[test]
fn xlsx_whose_600_mb_cell_states_a_small_size() {
    let bytes = xlsx_bomb(600 * MB, Some(5000));
    check_refused(
        "forged.xlsx",
        &bytes,
        "its part xl/sharedStrings.xml: unpacks to more than the 5000 bytes the archive states",
    );
}

#[test]
fn xlsx_within_the_size_but_compressed_like_a_bomb() {
    let bytes = xlsx_bomb(90 * MB, None);
    check_refused(
        "ratio.xlsx",
        &bytes,
        "its part xl/sharedStrings.xml: packed 1",
    );
}

#[test]
fn ods_whose_content_unpacks_to_600_mb() {
    let bytes = zip_of(&[
        Entry::stored(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        bomb_entry(
            "content.xml",
            b"<office:document-content><table:table-cell><text:p>",
            600 * MB,
            b"</text:p></table:table-cell></office:document-content>",
            None,
        ),
    ]);
    check_refused(
        "bomb.ods",
        &bytes,
        "cannot read this ods file (its part content.xml: unpacks to more than 100 MB",
    );
}

// ------------------------------------------------- zips of bank files

fn expand(name: &str, bytes: Vec<u8>) -> Result<Vec<(String, Vec<u8>)>, IntakeError> {
    bounded(name, || intake::expand(name, bytes))
}

#[test]
fn a_zip_of_bank_files_is_read_as_the_files_inside() {
    let archive = zip_of(&[
        Entry::stored("nov.xml", data("statement/camt053-batch.xml")),
        Entry::stored("2026/dec.xml", data("statement/camt054-notification.xml")),
        Entry::stored("ing.sta", data("statement/ing-structured.sta")),
        Entry::stored("ledger.xlsx", data("ledger/e_boekhouden.xlsx")),
        Entry::stored("__MACOSX/._nov.xml", b"\0\x05\x16\x07".to_vec()),
    ]);
    let files = expand("statements.zip", archive).unwrap();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "statements.zip/nov.xml",
            "statements.zip/2026/dec.xml",
            "statements.zip/ing.sta",
            "statements.zip/ledger.xlsx"
        ]
    );
    let kinds: Vec<(&str, intake::Kind)> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), intake::parse(name, bytes).unwrap().kind()))
        .collect();
    assert_eq!(
        kinds.iter().map(|(_, kind)| *kind).collect::<Vec<_>>(),
        [
            intake::Kind::Bank,
            intake::Kind::Bank,
            intake::Kind::Bank,
            intake::Kind::Ledger
        ]
    );
    let ParsedFile::Bank(bank) = intake::parse(&files[0].0, &files[0].1).unwrap() else {
        panic!("not a bank file");
    };
    assert_eq!(bank.file_name, "statements.zip/nov.xml");
}

#[test]
fn a_deflated_zip_from_an_ordinary_archiver_is_read() {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("camt053.xml", options).unwrap();
    writer
        .write_all(&data("statement/camt053-batch.xml"))
        .unwrap();
    let archive = writer.finish().unwrap().into_inner();
    let files = expand("ing.zip", archive).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].1, data("statement/camt053-batch.xml"));
}

#[test]
fn a_workbook_is_not_expanded() {
    let workbook = data("ledger/e_boekhouden.xlsx");
    let files = expand("ledger.xlsx", workbook.clone()).unwrap();
    assert_eq!(files, [("ledger.xlsx".to_owned(), workbook)]);
    let statement = data("statement/ing-structured.sta");
    let files = expand("ing.sta", statement.clone()).unwrap();
    assert_eq!(files, [("ing.sta".to_owned(), statement)]);
}

#[test]
fn a_zip_parsed_without_expanding_says_what_it_is() {
    let archive = zip_of(&[Entry::stored(
        "nov.xml",
        data("statement/camt053-batch.xml"),
    )]);
    check_refused("statements.zip", &archive, "a ZIP archive; unpack it");
}

/// Checks that `expand` refuses `bytes` with one line naming `expected_file`
/// and saying `expected`.
fn check_expand_refused(bytes: Vec<u8>, expected_file: &str, expected: &str) {
    let error = expand("statements.zip", bytes).unwrap_err();
    let message = error.to_string();
    assert!(!message.contains('\n'), "{message}");
    assert!(
        message.starts_with(&format!("{expected_file}: ")),
        "{message}"
    );
    assert!(message.contains(expected), "{message}");
}

#[test]
fn a_bank_zip_whose_one_entry_unpacks_to_600_mb() {
    let archive = zip_of(&[
        Entry::stored("nov.xml", data("statement/camt053-batch.xml")),
        bomb_entry("dec.xml", b"<Document>", 600 * MB, b"</Document>", None),
    ]);
    check_expand_refused(
        archive,
        "statements.zip/dec.xml",
        "unpacks to more than 256 MB",
    );
}

#[test]
fn a_bank_zip_whose_600_mb_entry_states_a_small_size() {
    let archive = zip_of(&[bomb_entry(
        "dec.xml",
        b"<Document>",
        600 * MB,
        b"</Document>",
        Some(2000),
    )]);
    check_expand_refused(
        archive,
        "statements.zip/dec.xml",
        "unpacks to more than the 2000 bytes the archive states",
    );
}

#[test]
fn a_bank_zip_compressed_like_a_bomb() {
    let archive = zip_of(&[bomb_entry(
        "dec.xml",
        b"<Document>",
        200 * MB,
        b"</Document>",
        None,
    )]);
    check_expand_refused(archive, "statements.zip/dec.xml", "packed 1");
}

#[test]
fn a_bank_zip_of_too_many_entries() {
    let entries: Vec<Entry> = (0..1001)
        .map(|index| Entry::stored(&format!("{index}.sta"), b":20:x\n".to_vec()))
        .collect();
    check_expand_refused(
        zip_of(&entries),
        "statements.zip",
        "holds 1001 entries, more than the 1000",
    );
}

#[test]
fn a_zip_inside_a_zip_is_not_followed() {
    let inner = zip_of(&[Entry::stored(
        "nov.xml",
        data("statement/camt053-batch.xml"),
    )]);
    let archive = zip_of(&[Entry::stored("inner.zip", inner)]);
    check_expand_refused(
        archive,
        "statements.zip/inner.zip",
        "an archive inside an archive is not read",
    );
}

#[test]
fn an_empty_zip() {
    check_expand_refused(zip_of(&[]), "statements.zip", "holds no files");
}
