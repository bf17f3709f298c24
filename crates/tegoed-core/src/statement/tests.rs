//! Unit tests of statement reading: one `check` per concern, many small cases.

use super::*;

fn parse_ok(name: &str, text: &str) -> ParsedFile {
    match parse(name, text.as_bytes()) {
        Ok(parsed) => parsed,
        Err(error) => panic!("{name}: {error}"),
    }
}

fn check_error(name: &str, bytes: &[u8], kind: &str, fragment: &str) {
    let error = parse(name, bytes).unwrap_err();
    let message = error.to_string();
    assert_eq!(error.kind(), kind, "{message}");
    assert!(message.starts_with(name), "{message}");
    assert!(
        message.contains(fragment),
        "{message} should contain {fragment}"
    );
    assert_eq!(message.lines().count(), 1);
}

const STATEMENT: &str = ":20:S1\n:25:NL91ABNA0417164300\n:28C:1/1\n:60F:C261101EUR100,00\n:61:2611021102C10,50NTRFNONREF\n:86:/NAME/A. Jansen/REMI/fact 12/\n:62F:C261102EUR110,50\n-\n";

#[test]
fn an_empty_file_is_refused() {
    check_error("leeg.sta", b"  \n", "empty", "empty");
}

#[test]
fn a_picture_renamed_sta_is_refused() {
    check_error(
        "foto.sta",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        "not_a_statement",
        "JPEG",
    );
    check_error(
        "foto.sta",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "not_a_statement",
        "PNG",
    );
}

#[test]
fn truncated_mt940_names_the_line() {
    let cut = &STATEMENT[..STATEMENT.find(":61:").unwrap() + 14];
    check_error("cut.sta", cut.as_bytes(), "invalid", "line 5");
    let without_closing = &STATEMENT[..STATEMENT.find(":62F:").unwrap()];
    check_error("cut.sta", without_closing.as_bytes(), "invalid", "cut off");
}

#[test]
fn broken_xml_names_the_element() {
    let xml = "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>\n<Ntry><Amt Ccy=\"EUR\">1.00</Amt></Stmt>";
    check_error("kapot.xml", xml.as_bytes(), "invalid", "Ntry[1]");
}

#[test]
fn a_csv_with_a_bad_amount_names_line_and_column() {
    let csv = "\"Datum\";\"Naam / Omschrijving\";\"Rekening\";\"Tegenrekening\";\"Code\";\"Af Bij\";\"Bedrag (EUR)\";\"Mutatiesoort\";\"Mededelingen\"\n\"20261110\";\"X\";\"NL63INGB4773038795\";\"\";\"OV\";\"Bij\";\"12,x0\";\"Overschrijving\";\"\"\n";
    check_error(
        "ing.csv",
        csv.as_bytes(),
        "invalid",
        "line 2, column 'Bedrag (EUR)'",
    );
}

#[test]
fn reads_a_minimal_statement() {
    let parsed = parse_ok("ok.sta", STATEMENT);
    assert_eq!(parsed.format.code(), "mt940");
    let [statement] = parsed.statements.as_slice() else {
        panic!()
    };
    assert_eq!(statement.account, "NL91ABNA0417164300");
    assert!(statement.adds_up());
    let [transaction] = statement.transactions.as_slice() else {
        panic!()
    };
    assert_eq!(transaction.amount.to_string(), "10.50");
    assert_eq!(transaction.counterparty_name.as_deref(), Some("A. Jansen"));
    assert_eq!(transaction.remittance.as_deref(), Some("fact 12"));
    let preview = statement.preview();
    assert_eq!(
        (preview.count, preview.sum.to_string()),
        (1, "10.50".to_owned())
    );
}

#[test]
fn crlf_and_no_final_newline_read_the_same() {
    let crlf = STATEMENT.replace('\n', "\r\n");
    let trimmed = STATEMENT.trim_end().trim_end_matches('-').trim_end();
    let plain = parse_ok("a.sta", STATEMENT).statements;
    assert_eq!(parse_ok("b.sta", &crlf).statements, plain);
    assert_eq!(parse_ok("c.sta", trimmed).statements, plain);
}

#[test]
fn entry_date_in_january_after_a_december_value_date_is_next_year() {
    let text = STATEMENT
        .replace(":61:2611021102", ":61:2612310102")
        .replace(":62F:C261102", ":62F:C270102");
    let parsed = parse_ok("roll.sta", &text);
    let transaction = &parsed.statements[0].transactions[0];
    assert_eq!(transaction.booking_date.to_string(), "2027-01-02");
    assert_eq!(
        transaction
            .value_date
            .map(|date| date.to_string())
            .as_deref(),
        Some("2026-12-31")
    );
}

#[test]
fn amounts_as_banks_write_them() {
    for (text, expected) in [
        ("1234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("+12,00", "12.00"),
        ("-0.5", "-0.50"),
        ("7,5", "7.50"),
    ] {
        assert_eq!(
            text::amount(text).map(|m| m.to_string()).as_deref(),
            Some(expected),
            "{text}"
        );
    }
    for bad in ["", "12,x0", "abc", "-"] {
        assert!(text::amount(bad).is_none(), "{bad}");
    }
}

#[test]
fn mt940_amounts_need_a_decimal_separator() {
    assert!(mt940::line::swift_amount("500NTRF").is_none());
    assert_eq!(
        mt940::line::swift_amount("500,NTRF").map(|(m, rest)| (m.to_string(), rest)),
        Some(("500.00".to_owned(), "NTRF"))
    );
}

#[test]
fn mt940_return_marks_and_reason_codes() {
    let text = ":20:R1\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C260301EUR100,00\n\
:61:2603020302RC60,50NDDTNONREF\n\
:86:/EREF/INC-42/RTRN/MD06/NAME/Van der Meer/ULTD/Meer Holding/ID-1/REMI/USTD//Incasso 2026-0042/\n\
:61:2603030303C10,00NTRFNONREF\n:86:/NAME/A. Jansen/REMI/USTD//fact 12/\n\
:62F:C260303EUR49,50\n-\n";
    let parsed = parse_ok("r.sta", text);
    let [returned, plain] = parsed.statements[0].transactions.as_slice() else {
        panic!()
    };
    assert_eq!(returned.amount.to_string(), "-60.50");
    assert!(returned.reversal);
    assert_eq!(returned.return_reason.as_deref(), Some("MD06"));
    assert_eq!(returned.ultimate_debtor.as_deref(), Some("Meer Holding"));
    assert_eq!(returned.end_to_end_id.as_deref(), Some("INC-42"));
    assert!(!plain.reversal);
    assert_eq!(
        (
            plain.return_reason.as_deref(),
            plain.ultimate_debtor.as_deref()
        ),
        (None, None)
    );
}

#[test]
fn camt_reversal_indicator_return_reason_and_ultimate_debtor() {
    let text = r#"<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<Stmt><Id>S</Id><Acct><Id><IBAN>NL42INGB9836900602</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-01</Dt></BookgDt>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Mollie B.V.</Nm></Dbtr><UltmtDbtr><Nm>Bakkerij Jansen</Nm></UltmtDbtr></RltdPties></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Bakkerij Jansen</Nm></Dbtr><DbtrAcct><Id><IBAN>NL02ABNA0123456789</IBAN></Id></DbtrAcct>
<Cdtr><Nm>Wij B.V.</Nm></Cdtr></RltdPties><RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"#;
    let parsed = parse_ok("r.xml", text);
    let [paid, returned] = parsed.statements[0].transactions.as_slice() else {
        panic!()
    };
    assert!(!paid.reversal);
    assert_eq!(paid.ultimate_debtor.as_deref(), Some("Bakkerij Jansen"));
    assert!(returned.reversal);
    assert_eq!(returned.return_reason.as_deref(), Some("AC04"));
    // A return names the customer whose payment comes back, not us.
    assert_eq!(
        returned.counterparty_name.as_deref(),
        Some("Bakkerij Jansen")
    );
    assert_eq!(
        returned.counterparty_iban.as_deref(),
        Some("NL02ABNA0123456789")
    );
}
