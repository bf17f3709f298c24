//! Letters and their delivery through the real `tegoed` binary: `remind`,
//! `letters`, `send`, `draft`, `dossier` and `settings` on a small book
//! whose dates the test controls, the PDFs read back with pdftotext and
//! pdfinfo, the mail received by a real SMTP server on 127.0.0.1.

#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]
#![allow(clippy::indexing_slicing, reason = "JSON access in tests")]

mod support;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::Value;
use smtp_sink::SmtpSink;
use support::stdout_json;

const LEDGER: &str = "\
Invoice number,Customer code,Customer name,Invoice date,Due date,Amount,Outstanding,Currency
2026-0101,B1,Bakkerij Jansen B.V.,2026-09-01,2026-10-01,1000.00,1000.00,EUR
2026-0102,B1,Bakkerij Jansen B.V.,2026-09-01,2026-10-01,605.00,605.00,EUR
2026-0201,P1,Piet de Vries,2026-09-01,2026-10-01,100.00,100.00,EUR
2026-0202,P1,Piet de Vries,2026-09-01,2026-10-01,150.00,150.00,EUR
2026-0203,P1,Piet de Vries,2026-09-01,2026-10-01,200.00,200.00,EUR
2026-0301,Z1,Zonder Mail,2026-09-01,2026-10-01,300.00,300.00,EUR
";

/// The business's own account, statement up to 30 November 2026: one debit,
/// so no credit points to a customer and holds them.
const BANK: &str = "\
:20:STMT1
:25:NL91ABNA0417164300
:28C:1/1
:60F:C261101EUR5000,00
:61:261102D10,00NTRFNONREF
:86:Huur
:62F:C261130EUR4990,00
-
";

/// The text the stored original of invoice 2026-0101 shows.
const ORIGINAL_MARK: &str = "ORIGINEEL-FACTUUR-2026-0101";

/// A book with a business customer (B1, Dutch, two invoices, the first with
/// its own stored PDF), a consumer (P1, English, three invoices) and a
/// business without e-mail (Z1), all due 1 October 2026.
struct Book {
    folder: tempfile::TempDir,
    db: PathBuf,
}

impl Book {
    fn new() -> Book {
        let folder = tempfile::tempdir().unwrap();
        let db = folder.path().join("book.db");
        let book = Book { folder, db };
        let ledger = book.path("ledger.csv");
        std::fs::write(&ledger, LEDGER).unwrap();
        let bank = book.path("bank.sta");
        std::fs::write(&bank, BANK).unwrap();
        let invoice = book.path("Factuur 2026-0101.pdf");
        std::fs::write(&invoice, one_page_pdf(ORIGINAL_MARK)).unwrap();
        for file in [&ledger, &bank, &invoice] {
            book.ok(&["import", file.to_str().unwrap(), "--json"]);
        }
        book.ok(&[
            "customer",
            "B1",
            "--email",
            "info@jansen.example",
            "--address",
            "Dorpsstraat 1\\n1234 AB Utrecht",
            "--json",
        ]);
        book.ok(&[
            "customer",
            "P1",
            "--consumer",
            "true",
            "--language",
            "en",
            "--email",
            "piet@devries.example",
            "--json",
        ]);
        for (key, value) in [
            ("business.name", "Studio Noord"),
            ("business.email", "administratie@studionoord.example"),
            ("business.iban", "NL91ABNA0417164300"),
        ] {
            let set = book.ok(&["settings", key, value, "--json"]);
            assert_eq!(set["value"], value);
        }
        book
    }

    fn path(&self, name: &str) -> PathBuf {
        self.folder.path().join(name)
    }

    /// Runs the binary on this book without any mail server configured.
    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None)
    }

    fn run_with(&self, args: &[&str], smtp: Option<&str>) -> Output {
        let mut command = self.command(args, smtp);
        command.output().unwrap()
    }

    fn command(&self, args: &[&str], smtp: Option<&str>) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tegoed"));
        command.arg("--db").arg(&self.db).args(args);
        command.env_remove("TEGOED_SMTP_URL");
        if let Some(url) = smtp {
            command.env("TEGOED_SMTP_URL", url);
        }
        command
    }

    fn ok(&self, args: &[&str]) -> Value {
        stdout_json(&self.run(args))
    }

    fn send(&self, args: &[&str], smtp: &str) -> Value {
        let mut all = vec!["send"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--at", "2026-10-05", "--json"]);
        stdout_json(&self.run_with(&all, Some(smtp)))
    }

    fn remind(&self, as_of: &str) -> Vec<Value> {
        let out = self.path(&format!("out-{as_of}"));
        let made = self.ok(&[
            "remind",
            "--as-of",
            as_of,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ]);
        made["letters"].as_array().unwrap().clone()
    }

    fn letters(&self) -> Vec<Value> {
        self.ok(&["letters", "--json"])["letters"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn letter(&self, id: i64) -> Value {
        self.letters()
            .into_iter()
            .find(|letter| letter["id"] == id)
            .unwrap()
    }
}

/// A one-page PDF showing `text`, with a correct cross-reference table.
fn one_page_pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", index + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

/// The text of a PDF, spaces (also non-breaking ones) collapsed.
fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(output.stdout)
        .unwrap()
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_pages(pdf: &Path) -> u64 {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(output.status.success(), "pdfinfo {}", pdf.display());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn by_code(letters: &[Value]) -> BTreeMap<String, Value> {
    letters
        .iter()
        .map(|letter| {
            (
                letter["customer_code"].as_str().unwrap().to_owned(),
                letter.clone(),
            )
        })
        .collect()
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap())
        .collect()
}

/// Checks what every made letter carries, and its PDF against its fields.
fn check_made(letter: &Value, customer: &str, stage: &str, invoices: &[&str], language: &str) {
    assert_eq!(letter["customer"], customer, "{letter}");
    assert_eq!(letter["stage"], stage, "{letter}");
    assert_eq!(strings(&letter["invoices"]), invoices, "{letter}");
    assert_eq!(letter["language"], language, "{letter}");
    assert_eq!(letter["sent"], false, "{letter}");
    assert!(letter["id"].as_i64().unwrap() > 0, "{letter}");
    for field in ["deadline", "costs", "interest"] {
        assert!(letter.get(field).is_some(), "{field} missing in {letter}");
    }
    let file = Path::new(letter["file"].as_str().unwrap());
    assert!(file.is_file(), "{}", file.display());
    let pages = letter["pages"].as_u64().unwrap();
    assert_eq!(pdf_pages(file), pages, "pdfinfo against the pages field");
    // At least one letter page, and one appended copy per invoice.
    assert!(
        pages > u64::try_from(invoices.len()).unwrap(),
        "{pages} pages for {} invoices",
        invoices.len()
    );
    let text = pdf_text(file);
    assert!(text.contains(customer), "{customer} in {text}");
    for number in invoices {
        assert!(text.contains(number), "{number} in {text}");
    }
}

fn call(book: &Book, customer: &str, at: &str) {
    let called = book.ok(&[
        "call",
        customer,
        "--outcome",
        "no_answer",
        "--at",
        at,
        "--json",
    ]);
    assert_eq!(called["customer_code"], customer);
}

/// The scale of `tegoed costs` on one principal.
fn costs_of(book: &Book, principal: &str, b2c: bool) -> f64 {
    let mut args = vec!["costs", principal, "--json"];
    if b2c {
        args.push("--b2c");
    }
    cents(&book.ok(&args)["costs"])
}

fn interest_of(book: &Book, principal: &str, from: &str, to: &str) -> f64 {
    cents(&book.ok(&["interest", principal, "--from", from, "--to", to, "--json"])["interest"])
}

fn cents(value: &Value) -> f64 {
    let text = value.as_str().unwrap();
    let (_, decimals) = text.rsplit_once('.').unwrap();
    assert_eq!(decimals.len(), 2, "{text}");
    text.parse().unwrap()
}

fn money(amount: f64) -> String {
    format!("{amount:.2}")
}

/// Every way a letter could print `date`, in Dutch and English.
fn date_forms(date: NaiveDate) -> Vec<String> {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let month = NL[usize::try_from(date.month0()).unwrap()];
    vec![
        date.format("%-d %B %Y").to_string(),
        date.format("%-d %b %Y").to_string(),
        date.format("%B %-d, %Y").to_string(),
        date.format("%Y-%m-%d").to_string(),
        date.format("%d-%m-%Y").to_string(),
        date.format("%d/%m/%Y").to_string(),
        format!("{} {month} {}", date.day(), date.year()),
    ]
}

#[test]
fn remind_walks_the_ladder_and_states_the_law() {
    let book = Book::new();

    // First reminders: one per customer, no costs, copies appended.
    let first = book.remind("2026-10-05");
    assert_eq!(first.len(), 3, "{first:?}");
    let first = by_code(&first);
    let b1 = &first["B1"];
    check_made(
        b1,
        "Bakkerij Jansen B.V.",
        "reminder_1",
        &["2026-0101", "2026-0102"],
        "nl",
    );
    assert_eq!(
        (
            &b1["total_open"],
            &b1["deadline"],
            &b1["costs"],
            &b1["interest"]
        ),
        (
            &Value::from("1605.00"),
            &Value::from("2026-10-12"),
            &Value::Null,
            &Value::Null
        )
    );
    let text = pdf_text(Path::new(b1["file"].as_str().unwrap()));
    for amount in ["€ 1.000,00", "€ 605,00", "€ 1.605,00", "12 oktober 2026"] {
        assert!(text.contains(amount), "{amount} in {text}");
    }
    assert!(!text.contains("€1,605.00"), "no English amounts: {text}");
    // The stored original of 2026-0101 is appended, 2026-0102 gets a stamped copy.
    assert!(text.contains(ORIGINAL_MARK), "{text}");
    assert!(text.contains("KOPIE"), "{text}");
    assert!(
        !text.contains("incassokosten"),
        "no costs in a first reminder"
    );

    let p1 = &first["P1"];
    check_made(
        p1,
        "Piet de Vries",
        "reminder_1",
        &["2026-0201", "2026-0202", "2026-0203"],
        "en",
    );
    assert_eq!(p1["total_open"], "450.00");
    assert_eq!(p1["pages"], 4, "one letter page and three generated copies");
    let text = pdf_text(Path::new(p1["file"].as_str().unwrap()));
    for amount in [
        "€100.00",
        "€150.00",
        "€200.00",
        "€450.00",
        "12 October 2026",
    ] {
        assert!(text.contains(amount), "{amount} in {text}");
    }
    assert!(text.contains("COPY"), "{text}");
    assert!(!text.contains("€ 450,00"), "no Dutch amounts: {text}");

    // The outbox lists them; the same date again makes nothing.
    let outbox = book.letters();
    assert_eq!(outbox.len(), 3);
    for letter in &outbox {
        for field in [
            "id",
            "customer",
            "customer_code",
            "stage",
            "file",
            "as_of",
            "invoices",
            "state",
            "channel",
            "sent_at",
            "error",
        ] {
            assert!(letter.get(field).is_some(), "{field} in {letter}");
        }
        assert_eq!(letter["state"], "generated");
        assert_eq!(letter["as_of"], "2026-10-05");
        assert!(letter["sent_at"].is_null());
    }
    assert!(book.remind("2026-10-05").is_empty());
    assert!(
        book.remind("2026-10-09").is_empty(),
        "nothing new before the calls"
    );
    assert_eq!(book.letters().len(), 3);

    // Two calls without an answer: the second reminder.
    for at in ["2026-10-13", "2026-10-14"] {
        for customer in ["B1", "P1", "Z1"] {
            call(&book, customer, at);
        }
    }
    let second = by_code(&book.remind("2026-10-15"));
    assert_eq!(second.len(), 3);
    check_made(
        &second["B1"],
        "Bakkerij Jansen B.V.",
        "reminder_2",
        &["2026-0101", "2026-0102"],
        "nl",
    );
    assert_eq!(second["B1"]["deadline"], "2026-10-22");
    assert!(second["B1"]["costs"].is_null());
    // The consumer's second reminder is the ingebrekestelling: posted Thursday
    // 15 October, presumed delivered Saturday 17th, + 7 days → Monday 26th.
    let p1 = &second["P1"];
    check_made(
        p1,
        "Piet de Vries",
        "reminder_2",
        &["2026-0201", "2026-0202", "2026-0203"],
        "en",
    );
    assert_eq!(p1["deadline"], "2026-10-26");
    let text = pdf_text(Path::new(p1["file"].as_str().unwrap()));
    assert!(text.contains("26 October 2026"), "{text}");
    assert!(
        text.contains("5 October 2026"),
        "the first reminder's date: {text}"
    );

    // The demand, the working day after the last term lapsed.
    let demand = by_code(&book.remind("2026-10-27"));
    assert_eq!(demand.len(), 3, "{demand:?}");
    let b1 = &demand["B1"];
    check_made(
        b1,
        "Bakkerij Jansen B.V.",
        "demand",
        &["2026-0101", "2026-0102"],
        "nl",
    );
    // Business: the scale per invoice (CJEU C-78/22) and commercial interest.
    let costs = costs_of(&book, "1000.00", false) + costs_of(&book, "605.00", false);
    assert_eq!(costs_of(&book, "1000.00", false), 150.0);
    assert_eq!(b1["costs"], money(costs));
    let interest = interest_of(&book, "1000.00", "2026-10-01", "2026-10-27")
        + interest_of(&book, "605.00", "2026-10-01", "2026-10-27");
    assert_eq!(b1["interest"], money(interest));
    assert_eq!(b1["deadline"], "2026-11-10", "14 days");
    let text = pdf_text(Path::new(b1["file"].as_str().unwrap()));
    let nl = |amount: f64| format!("€ {}", money(amount).replace('.', ","));
    for stated in [nl(costs), nl(interest), "10 november 2026".to_owned()] {
        assert!(text.contains(&stated), "{stated} in {text}");
    }

    // Consumer: one 14-day letter, costs on the summed principal, no date.
    let p1 = &demand["P1"];
    check_made(
        p1,
        "Piet de Vries",
        "demand",
        &["2026-0201", "2026-0202", "2026-0203"],
        "en",
    );
    let summed = costs_of(&book, "450.00", true);
    assert_eq!(summed, 67.5);
    assert_eq!(p1["costs"], money(summed));
    let per_invoice = ["100.00", "150.00", "200.00"]
        .iter()
        .map(|principal| costs_of(&book, principal, true))
        .sum::<f64>();
    assert!(
        per_invoice > summed,
        "three minimums would be {per_invoice}"
    );
    assert!(p1["deadline"].is_null(), "{p1}");
    let text = pdf_text(Path::new(p1["file"].as_str().unwrap()));
    assert!(text.contains("€67.50"), "{text}");
    assert!(text.contains("fourteen days"), "{text}");
    let letter_date = NaiveDate::from_ymd_opt(2026, 10, 27).unwrap();
    for days in 1..=60 {
        let date = letter_date + chrono::Days::new(days);
        for form in date_forms(date) {
            assert!(
                !text.contains(&form),
                "the 14-day letter prints a computed date {form}: {text}"
            );
        }
    }

    // Nine letters in the outbox, none made twice.
    assert!(book.remind("2026-10-27").is_empty());
    assert_eq!(book.letters().len(), 9);

    // The dossier of the business customer.
    let zip_path = book.path("dossier/B1.zip");
    let dossier = book.ok(&[
        "dossier",
        "B1",
        "--out",
        zip_path.to_str().unwrap(),
        "--as-of",
        "2026-10-27",
        "--json",
    ]);
    assert_eq!(dossier["customer"], "Bakkerij Jansen B.V.");
    assert_eq!(dossier["file"], zip_path.to_str().unwrap());
    assert_eq!(dossier["letters"], 3);
    assert_eq!(dossier["invoices"], 2);
    assert_eq!(dossier["principal"], "1605.00");
    assert_eq!(dossier["costs"], money(costs));
    assert_eq!(dossier["interest"], money(interest));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut entries = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.insert(entry.name().unwrap().to_string(), bytes);
    }
    let summary = book.path("summary.pdf");
    std::fs::write(&summary, &entries["summary.pdf"]).unwrap();
    let text = pdf_text(&summary);
    for expected in [
        "Bakkerij Jansen B.V.".to_owned(),
        "2026-0101".to_owned(),
        "2026-0102".to_owned(),
        "€ 1.605,00".to_owned(),
        nl(costs),
        nl(interest),
    ] {
        assert!(
            text.contains(&expected),
            "{expected} in the summary: {text}"
        );
    }
    for made in [&first["B1"], &second["B1"], b1] {
        let file = Path::new(made["file"].as_str().unwrap());
        let name = format!("letters/{}", file.file_name().unwrap().to_str().unwrap());
        assert_eq!(
            entries.get(&name),
            Some(&std::fs::read(file).unwrap()),
            "{name} as made"
        );
    }
    let stored: Vec<_> = entries
        .iter()
        .filter(|(name, _)| name.starts_with("invoices/"))
        .collect();
    assert_eq!(stored.len(), 1, "only 2026-0101 has a stored PDF");
    assert!(stored[0].0.contains("2026-0101"));
    assert_eq!(stored[0].1, &one_page_pdf(ORIGINAL_MARK));
    assert_eq!(entries.len(), 5, "{:?}", entries.keys());
}

#[test]
fn stale_bank_data_blocks_remind_unless_overridden() {
    let book = Book::new();
    let out = book.path("out");
    let args = [
        "remind",
        "--as-of",
        "2026-12-15",
        "--out",
        out.to_str().unwrap(),
        "--json",
    ];
    let blocked = book.run(&args);
    assert_eq!(blocked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&blocked.stderr);
    assert!(
        stderr.contains("import your latest bank statement first"),
        "{stderr}"
    );
    assert!(stderr.contains("2026-11-30"), "{stderr}");
    assert!(blocked.stdout.is_empty());
    assert!(book.letters().is_empty());
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());

    let mut overridden = args.to_vec();
    overridden.push("--ignore-stale-bank");
    let made = stdout_json(&book.run(&overridden));
    assert_eq!(made["letters"].as_array().unwrap().len(), 3);
    assert_eq!(book.letters().len(), 3);
}

#[test]
fn settings_refuse_other_keys_and_secrets() {
    let book = Book::new();
    let listed = book.ok(&["settings", "--json"]);
    assert_eq!(listed["settings"]["business.name"], "Studio Noord");
    let one = book.ok(&["settings", "business.iban", "--json"]);
    assert_eq!(one["value"], "NL91ABNA0417164300");
    let unset = book.ok(&["settings", "agency.name", "--json"]);
    assert!(unset["value"].is_null());
    for (key, value) in [
        ("smtp.password", "geheim"),
        ("business.password", "geheim"),
        ("schema.version", "1"),
        ("smtp.url", "smtps://jan:geheim@mail.example:465"),
        ("business.email", "geen adres"),
    ] {
        let refused = book.run(&["settings", key, value, "--json"]);
        assert_eq!(refused.status.code(), Some(1), "{key}");
        assert!(refused.stdout.is_empty());
        assert_eq!(String::from_utf8_lossy(&refused.stderr).lines().count(), 1);
    }
    let after = book.ok(&["settings", "--json"]);
    assert_eq!(after, listed, "nothing refused was stored");
    let set = book.ok(&[
        "settings",
        "smtp.url",
        "smtps://jan@mail.example:465",
        "--json",
    ]);
    assert_eq!(set["value"], "smtps://jan@mail.example:465");
}

/// The letters of the first reminder run, by customer code, with their files.
fn first_reminders(book: &Book) -> BTreeMap<String, Value> {
    let made = by_code(&book.remind("2026-10-05"));
    assert_eq!(made.len(), 3);
    made
}

fn ids(list: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn send_mails_each_letter_once_with_its_pdf() {
    let book = Book::new();
    let made = first_reminders(&book);
    let (b1, p1, z1) = (&made["B1"], &made["P1"], &made["Z1"]);
    let id = |letter: &Value| letter["id"].as_i64().unwrap();

    // Without a server: exit 1, nothing changes.
    let missing = book.run(&["send", "--all", "--json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("TEGOED_SMTP_URL"));
    assert!(
        book.letters()
            .iter()
            .all(|letter| letter["state"] == "generated")
    );

    let sink = SmtpSink::start().unwrap();
    let one = book.send(&[&id(b1).to_string()], &sink.url());
    assert_eq!(ids(&one["sent"]), [id(b1)]);
    assert_eq!(one["sent"][0]["to"], "info@jansen.example");
    let message_id = one["sent"][0]["message_id"].as_str().unwrap().to_owned();
    let received = sink.wait_for(1, Duration::from_secs(10)).unwrap();
    assert_eq!(received[0].rcpt_to, ["info@jansen.example"]);
    assert_eq!(received[0].mail_from, "administratie@studionoord.example");
    let parsed = MessageParser::default().parse(&received[0].data).unwrap();
    assert_eq!(format!("<{}>", parsed.message_id().unwrap()), message_id);
    let subject = parsed.subject().unwrap();
    assert!(
        subject.contains("2026-0101") && subject.contains("2026-0102"),
        "{subject}"
    );
    assert_eq!(
        parsed.reply_to().unwrap().first().unwrap().address(),
        Some("administratie@studionoord.example")
    );
    let body = parsed.body_text(0).unwrap();
    assert!(body.contains("Studio Noord"), "{body}");
    assert_eq!(parsed.attachment_count(), 1);
    let attachment = parsed.attachment(0).unwrap();
    let file = Path::new(b1["file"].as_str().unwrap());
    assert_eq!(
        attachment.contents(),
        std::fs::read(file).unwrap().as_slice()
    );
    assert_eq!(
        attachment.attachment_name(),
        file.file_name().unwrap().to_str()
    );

    let sent = book.letter(id(b1));
    assert_eq!(
        (&sent["state"], &sent["channel"]),
        (&Value::from("sent"), &Value::from("email"))
    );
    assert!(sent["sent_at"].is_string(), "{sent}");

    // --all sends the rest once; the customer without e-mail is skipped with why.
    let all = book.send(&["--all"], &sink.url());
    assert_eq!(ids(&all["sent"]), [id(p1)]);
    assert_eq!(all["sent"][0]["to"], "piet@devries.example");
    let skipped = &all["skipped"];
    assert_eq!(ids(skipped), [id(b1), id(z1)]);
    let why = |list: &Value, letter: i64| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|item| item["id"] == letter)
            .unwrap()["why"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(why(skipped, id(z1)).contains("no e-mail"), "{skipped}");
    assert!(why(skipped, id(b1)).contains("already sent"), "{skipped}");
    assert_eq!(sink.wait_for(2, Duration::from_secs(10)).unwrap().len(), 2);
    let english = MessageParser::default()
        .parse(&sink.messages()[1].data)
        .unwrap()
        .subject()
        .unwrap()
        .to_owned();
    assert!(english.contains("2026-0201"), "{english}");

    // Again: nothing goes out.
    let again = book.send(&["--all"], &sink.url());
    assert!(again["sent"].as_array().unwrap().is_empty());
    assert!(again["failed"].as_array().unwrap().is_empty());
    assert_eq!(ids(&again["skipped"]), [id(b1), id(p1), id(z1)]);
    let named = book.send(&[&id(p1).to_string()], &sink.url());
    assert_eq!(ids(&named["skipped"]), [id(p1)]);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(sink.messages().len(), 2, "nothing sent twice");
    let states: Vec<_> = book
        .letters()
        .iter()
        .map(|letter| letter["state"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(states, ["sent", "sent", "generated"]);
}

#[test]
fn a_refusing_server_fails_the_letter_and_a_retry_sends_it() {
    let book = Book::new();
    let made = first_reminders(&book);
    let b1 = made["B1"]["id"].as_i64().unwrap();
    let refusing = SmtpSink::start_rejecting("550 5.1.1 mailbox unavailable").unwrap();
    let report = book.send(&[&b1.to_string()], &refusing.url());
    assert!(report["sent"].as_array().unwrap().is_empty());
    assert_eq!(ids(&report["failed"]), [b1]);
    let error = report["failed"][0]["error"].as_str().unwrap();
    assert!(error.contains("mailbox unavailable"), "{error}");
    let failed = book.letter(b1);
    assert_eq!(failed["state"], "failed");
    assert!(
        failed["error"]
            .as_str()
            .unwrap()
            .contains("mailbox unavailable"),
        "{failed}"
    );
    assert!(failed["sent_at"].is_null());
    assert!(refusing.messages().is_empty());

    let good = SmtpSink::start().unwrap();
    let retry = book.send(&["--all"], &good.url());
    let sent = ids(&retry["sent"]);
    assert!(sent.contains(&b1), "{retry}");
    assert_eq!(sent.len(), 2, "B1 and P1; Z1 has no e-mail");
    assert_eq!(good.wait_for(2, Duration::from_secs(10)).unwrap().len(), 2);
    let now = book.letter(b1);
    assert_eq!(now["state"], "sent");
    assert!(now["error"].is_null(), "{now}");
}

#[test]
fn draft_writes_an_unsent_eml_with_the_pdf() {
    let book = Book::new();
    let made = first_reminders(&book);
    let p1 = made["P1"]["id"].as_i64().unwrap();
    let eml = book.path("drafts/p1.eml");
    let written = book.ok(&[
        "draft",
        &p1.to_string(),
        "--out",
        eml.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(written["id"], p1);
    assert_eq!(written["file"], eml.to_str().unwrap());
    let bytes = std::fs::read(&eml).unwrap();
    let parsed = MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(parsed.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(
        parsed.to().unwrap().first().unwrap().address(),
        Some("piet@devries.example")
    );
    assert_eq!(parsed.attachment_count(), 1);
    let pdf = std::fs::read(made["P1"]["file"].as_str().unwrap()).unwrap();
    assert_eq!(parsed.attachment(0).unwrap().contents(), pdf.as_slice());
    let drafted = book.letter(p1);
    assert_eq!(
        (&drafted["state"], &drafted["channel"]),
        (&Value::from("generated"), &Value::from("draft"))
    );

    // A sent letter keeps its state and channel; the draft is a copy.
    let sink = SmtpSink::start().unwrap();
    let b1 = made["B1"]["id"].as_i64().unwrap();
    book.send(&[&b1.to_string()], &sink.url());
    let before = book.letter(b1);
    let copy = book.path("b1.eml");
    book.ok(&[
        "draft",
        &b1.to_string(),
        "--out",
        copy.to_str().unwrap(),
        "--json",
    ]);
    assert!(copy.is_file());
    let after = book.letter(b1);
    assert_eq!(after, before);
    assert_eq!(
        (&after["state"], &after["channel"]),
        (&Value::from("sent"), &Value::from("email"))
    );

    let unknown = book.run(&["draft", "999", "--out", copy.to_str().unwrap(), "--json"]);
    assert_eq!(unknown.status.code(), Some(1));
}

fn integrity_ok(db: &Path) {
    let output = Command::new("sqlite3")
        .arg(db)
        .arg("PRAGMA integrity_check;")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "ok",
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_send_killed_mid_batch_is_unknown_and_never_resent() {
    let book = Book::new();
    let made = first_reminders(&book);
    let (b1, p1, z1) = (
        made["B1"]["id"].as_i64().unwrap(),
        made["P1"]["id"].as_i64().unwrap(),
        made["Z1"]["id"].as_i64().unwrap(),
    );
    let hanging = SmtpSink::start_hanging_after_data().unwrap();
    let mut child = book
        .command(&["send", "--all", "--json"], Some(&hanging.url()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The first message is with the server, which never answers: kill now.
    let received = hanging.wait_for(1, Duration::from_secs(30)).unwrap();
    assert_eq!(received[0].rcpt_to, ["info@jansen.example"]);
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());

    integrity_ok(&book.db);
    let states: BTreeMap<i64, String> = book
        .letters()
        .iter()
        .map(|letter| {
            (
                letter["id"].as_i64().unwrap(),
                letter["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(states[&b1], "unknown");
    assert_eq!(states[&p1], "generated");
    assert_eq!(states[&z1], "generated");
    assert!(book.letter(b1)["sent_at"].is_null(), "not marked sent");

    let good = SmtpSink::start().unwrap();
    let retry = book.send(&["--all"], &good.url());
    assert_eq!(ids(&retry["sent"]), [p1]);
    assert_eq!(ids(&retry["skipped"]), [b1, z1]);
    let why = retry["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == b1)
        .unwrap()["why"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(why.contains("interrupted"), "{why}");
    let named = book.send(&[&b1.to_string()], &good.url());
    assert_eq!(ids(&named["skipped"]), [b1], "not even when named");
    let arrived = good.wait_for(1, Duration::from_secs(10)).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(good.messages().len(), 1);
    assert_eq!(arrived[0].rcpt_to, ["piet@devries.example"]);
    assert_eq!(book.letter(b1)["state"], "unknown");
}

/// A ledger of `n` business customers, each with one invoice due 1 October 2026.
fn big_ledger(n: usize) -> String {
    let mut csv = String::from(
        "Invoice number,Customer code,Customer name,Invoice date,Due date,Amount,Outstanding,Currency\n",
    );
    for index in 0..n {
        csv.push_str(&format!(
            "2026-{:04},K{index:04},Klant {index} B.V.,2026-09-01,2026-10-01,{}.00,{}.00,EUR\n",
            5000 + index,
            100 + index,
            100 + index
        ));
    }
    csv
}

fn outbox_count(db: &Path) -> usize {
    let output = Command::new("sqlite3")
        .arg(db)
        .arg("SELECT count(*) FROM letters;")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn a_remind_killed_mid_batch_leaves_all_or_nothing() {
    const CUSTOMERS: usize = 120;
    let folder = tempfile::tempdir().unwrap();
    let ledger = folder.path().join("ledger.csv");
    std::fs::write(&ledger, big_ledger(CUSTOMERS)).unwrap();
    let bank = folder.path().join("bank.sta");
    std::fs::write(&bank, BANK).unwrap();
    let template = folder.path().join("template.db");
    for file in [&ledger, &bank] {
        stdout_json(&support::tegoed(
            &template,
            &["import", file.to_str().unwrap(), "--json"],
        ));
    }
    // Close the template cleanly, then copy it for each run.
    integrity_ok(&template);
    let copy = |name: &str| {
        let db = folder.path().join(name);
        std::fs::copy(&template, &db).unwrap();
        db
    };
    let remind = |db: &Path| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tegoed"));
        command
            .arg("--db")
            .arg(db)
            .args(["remind", "--as-of", "2026-10-05", "--json", "--out"])
            .arg(db.with_extension("out"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };

    // A whole run, to learn how long it takes.
    let whole = copy("whole.db");
    let started = Instant::now();
    assert!(remind(&whole).status().unwrap().success());
    let took = started.elapsed();
    assert_eq!(outbox_count(&whole), CUSTOMERS);

    // Killed at several points of the run: never part of the letters.
    let mut seen = Vec::new();
    for (index, fraction) in [0.3, 0.6, 0.9, 0.97].into_iter().enumerate() {
        let db = copy(&format!("killed-{index}.db"));
        let mut child = remind(&db).spawn().unwrap();
        std::thread::sleep(took.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait().unwrap();
        integrity_ok(&db);
        let count = outbox_count(&db);
        assert!(
            count == 0 || count == CUSTOMERS,
            "{count} of {CUSTOMERS} letters after a kill at {fraction} of {took:?}"
        );
        seen.push(count);
        // The run can simply be done again, and makes exactly what was missing.
        assert!(remind(&db).status().unwrap().success());
        assert_eq!(outbox_count(&db), CUSTOMERS);
    }
    assert!(
        seen.contains(&0),
        "no kill landed mid-run: {seen:?} in {took:?}"
    );
}

#[test]
fn without_an_iban_remind_says_so_and_makes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("book.db");
    let ledger = folder.path().join("ledger.csv");
    std::fs::write(&ledger, LEDGER).unwrap();
    stdout_json(&support::tegoed(
        &db,
        &["import", ledger.to_str().unwrap(), "--json"],
    ));
    let out = folder.path().join("out");
    let args = [
        "remind",
        "--as-of",
        "2026-10-05",
        "--out",
        out.to_str().unwrap(),
        "--ignore-stale-bank",
        "--json",
    ];
    let refused = support::tegoed(&db, &args);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "a user error, not an internal one"
    );
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("business.iban"), "{stderr}");
    let letters = stdout_json(&support::tegoed(&db, &["letters", "--json"]));
    assert!(letters["letters"].as_array().unwrap().is_empty());

    stdout_json(&support::tegoed(
        &db,
        &["settings", "business.iban", "NL91ABNA0417164300", "--json"],
    ));
    let made = stdout_json(&support::tegoed(&db, &args));
    let made = made["letters"].as_array().unwrap();
    assert_eq!(made.len(), 3);
    let text = pdf_text(Path::new(made[0]["file"].as_str().unwrap()));
    assert!(text.contains("NL91 ABNA 0417 1643 00"), "{text}");
}
