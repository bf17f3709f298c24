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

const ING_HEADER: &str = "\"Datum\";\"Naam / Omschrijving\";\"Rekening\";\"Tegenrekening\";\"Code\";\"Af Bij\";\"Bedrag (EUR)\";\"Mutatiesoort\";\"Mededelingen\";\"Saldo na mutatie\";\"Tag\"\n";

fn ing_row(amount: &str, notes: &str) -> String {
    format!(
        "\"20260113\";\"A. Jansen\";\"NL42INGB9836900602\";\"NL55SNSB4715105633\";\"OV\";\"Bij\";\"{amount}\";\"Overschrijving\";\"{notes}\";\"\";\"\"\n"
    )
}

#[test]
fn r17_a_malformed_ing_amount_is_refused_not_read_as_123_40() {
    for bad in ["12,3,4", "1.23.4,5", "12,345,6", "12.30"] {
        let csv = format!("{ING_HEADER}{}", ing_row(bad, "Omschrijving: fact 12"));
        check_error(
            "ing.csv",
            csv.as_bytes(),
            "invalid",
            "line 2, column 'Bedrag (EUR)'",
        );
        let message = parse("ing.csv", csv.as_bytes()).unwrap_err().to_string();
        assert!(message.contains(&format!("'{bad}'")), "{message}");
    }
    let good = format!("{ING_HEADER}{}", ing_row("1.234,50", ""));
    let parsed = parse_ok("ing.csv", &good);
    assert_eq!(
        parsed.statements[0].transactions[0].amount.to_string(),
        "1234.50"
    );
}

#[test]
fn r17_malformed_amounts_in_other_csv_presets_are_refused() {
    let rabobank = "\"IBAN/BBAN\",\"Munt\",\"BIC\",\"Volgnr\",\"Datum\",\"Rentedatum\",\"Bedrag\",\"Saldo na trn\",\"Tegenrekening IBAN/BBAN\",\"Naam tegenpartij\",\"Naam uiteindelijke partij\",\"Naam initiërende partij\",\"BIC tegenpartij\",\"Code\",\"Batch ID\",\"Transactiereferentie\",\"Machtigingskenmerk\",\"Incassant ID\",\"Betalingskenmerk\",\"Omschrijving-1\",\"Omschrijving-2\",\"Omschrijving-3\"\n\"NL07RABO0702317759\",\"EUR\",\"RABONL2U\",\"000000000000004811\",\"2026-10-26\",\"2026-10-26\",\"+14,5,2\",\"+7662,55\",\"\",\"X\",\"\",\"\",\"\",\"cb\",\"\",\"\",\"\",\"\",\"\",\"fact\",\"\",\"\"\n";
    check_error(
        "rabo.csv",
        rabobank.as_bytes(),
        "invalid",
        "line 2, column 'Bedrag'",
    );
    let asn = "26-10-2026,NL56ASNB2755304554,NL79INGB0218784717,j. de vries,,,,EUR,2480.15,EUR,58,4,0,26-10-2026,26-10-2026,8810,OVB,90043054,'','Factuur',111\n";
    assert!(parse("asn.csv", asn.as_bytes()).is_err());
}

#[test]
fn r17_malformed_mt940_amounts_are_refused_with_line_and_column() {
    let bad_line = STATEMENT.replace(":61:2611021102C10,50NTRF", ":61:2611021102C12,3,4NTRF");
    check_error(
        "bad.sta",
        bad_line.as_bytes(),
        "invalid",
        "line 5, column 16",
    );
    let message = parse("bad.sta", bad_line.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(message.contains("'12,3,4'"), "{message}");
    let bad_balance = STATEMENT.replace(":60F:C261101EUR100,00", ":60F:C261101EUR1.00,00");
    check_error(
        "bad.sta",
        bad_balance.as_bytes(),
        "invalid",
        "line 4, column 16",
    );
}

#[test]
fn r17_malformed_camt_amounts_are_refused_with_the_element() {
    let xml = "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>\n<Ntry><Amt Ccy=\"EUR\">12,3,4</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>";
    check_error("kapot.xml", xml.as_bytes(), "invalid", "line 3, element");
    let message = parse("kapot.xml", xml.as_bytes()).unwrap_err().to_string();
    assert!(
        message.contains("Ntry[1]/Amt") && message.contains("'12,3,4'"),
        "{message}"
    );
}

#[test]
fn r17_the_older_comma_separated_ing_export_is_read() {
    let csv = "\"Datum\",\"Naam / Omschrijving\",\"Rekening\",\"Tegenrekening\",\"Code\",\"Af Bij\",\"Bedrag (EUR)\",\"MutatieSoort\",\"Mededelingen\"\n\
\"20200213\",\"Kosten OranjePakket\",\"NL99INGB9999999999\",\"\",\"DV\",\"Af\",\"1,25\",\"Diversen\",\"Valutadatum: 13-02-2020\"\n\
\"20191213\",\"PAULISSEN G J L M\",\"NL99INGB9999999999\",\"NL99ASNB9999999999\",\"OV\",\"Bij\",\"1.020,00\",\"Overschrijving\",\"Salaris\"\n";
    let parsed = parse_ok("ing.csv", csv);
    assert_eq!(parsed.format.code(), "csv:ing");
    let amounts: Vec<String> = parsed.statements[0]
        .transactions
        .iter()
        .map(|transaction| transaction.amount.to_string())
        .collect();
    assert_eq!(amounts, ["-1.25", "1020.00"]);
    let unlabelled = &parsed.statements[0].transactions[1];
    assert_eq!(unlabelled.remittance.as_deref(), Some("Salaris"));
    // Unquoted, with the balance and tag columns.
    let unquoted = "Datum,Naam / Omschrijving,Rekening,Tegenrekening,Code,Af Bij,Bedrag (EUR),MutatieSoort,Mededelingen,Saldo na mutatie,Tag\n\
20200213,Kosten,NL99INGB9999999999,,DV,Af,\"1,25\",Diversen,Valutadatum: 13-02-2020,\"98,75\",\n";
    let parsed = parse_ok("ing.csv", unquoted);
    assert_eq!(
        parsed.statements[0]
            .closing
            .map(|b| b.amount.to_string())
            .as_deref(),
        Some("98.75")
    );
}

#[test]
fn r17_ing_mededelingen_keep_every_label_and_the_betalingskenmerk() {
    let notes = "Naam: Belastingdienst Betalingskenm.: 5000 0567 8901 2345 IBAN: NL86INGB0002445588 Valutadatum: 08-01-2026";
    let csv = format!("{ING_HEADER}{}", ing_row("121,00", notes));
    let parsed = parse_ok("ing.csv", &csv);
    let transaction = &parsed.statements[0].transactions[0];
    assert_eq!(
        transaction.structured_reference.as_deref(),
        Some("5000056789012345")
    );
    assert_eq!(
        transaction.value_date.map(|d| d.to_string()).as_deref(),
        Some("2026-01-08")
    );
    let rf = "Naam: X Omschrijving: facture 42 Betalingskenm.: RF18 5390 0754 7034 IBAN: BE68539007547034";
    let csv = format!("{ING_HEADER}{}", ing_row("121,00", rf));
    let transaction = &parse_ok("ing.csv", &csv).statements[0].transactions[0];
    assert_eq!(
        transaction.structured_reference.as_deref(),
        Some("RF18539007547034")
    );
    assert_eq!(transaction.remittance.as_deref(), Some("facture 42"));
    // A kenmerk that fails its check digit stays in the remittance.
    let typo = "Naam: X Betalingskenm.: 5000056789012346 IBAN: NL55SNSB4715105633";
    let csv = format!("{ING_HEADER}{}", ing_row("121,00", typo));
    let transaction = &parse_ok("ing.csv", &csv).statements[0].transactions[0];
    assert_eq!(transaction.structured_reference, None);
    assert_eq!(
        transaction.remittance.as_deref(),
        Some("Betalingskenm.: 5000056789012346")
    );
}

#[test]
fn r17_abn_amro_free_text_keeps_the_description() {
    let text = ":20:ABN AMRO BANK NV\n:25:517852257\n:28:19321/1\n:60F:C260112EUR100,00\n\
:61:2601130113D2,95N426NONREF\n:86:BEA   NR:YV7XDL   13.01.26/15.33 RESTAURANT IL SENSO MIDD,PAS263\n\
:61:2601140114D4,10N426NONREF\n:86:ABN AMRO Bank N.V.               Basic Package               4,10\n\
:61:2601160116C605,00N654NONREF\n:86:SEPA Overboeking                 IBAN: NL02ABNA0123456789        \n\
BIC: ABNANL2A                    Naam: Bakkerij Jansen           \nfact 2026-0042 en 2026-0043\n\
:62F:C260116EUR697,95\n-\n";
    let parsed = parse_ok("abn.sta", text);
    let [card, costs, transfer] = parsed.statements[0].transactions.as_slice() else {
        panic!()
    };
    assert_eq!(
        card.counterparty_name.as_deref(),
        Some("RESTAURANT IL SENSO MIDD")
    );
    assert_eq!(
        card.remittance.as_deref(),
        Some("BEA NR:YV7XDL 13.01.26/15.33 RESTAURANT IL SENSO MIDD,PAS263")
    );
    assert_eq!(
        costs.counterparty_name.as_deref(),
        Some("ABN AMRO Bank N.V.")
    );
    assert_eq!(costs.remittance.as_deref(), Some("Basic Package 4,10"));
    assert_eq!(
        transfer.counterparty_name.as_deref(),
        Some("Bakkerij Jansen")
    );
    assert_eq!(
        transfer.remittance.as_deref(),
        Some("fact 2026-0042 en 2026-0043")
    );
    assert_eq!(
        transfer.counterparty_iban.as_deref(),
        Some("NL02ABNA0123456789")
    );
}

#[test]
fn r17_bunq_csv_as_exported_today_in_english_and_dutch() {
    for header in [
        "\"Date\",\"Interest Date\",\"Amount\",\"Account\",\"Counterparty\",\"Name\",\"Description\"",
        "\"Datum\",\"Rentedatum\",\"Bedrag\",\"Rekening\",\"Tegenrekening\",\"Naam\",\"Omschrijving\"",
        "Date,Interest Date,Amount,Account,Counterparty,Name,Description",
    ] {
        let csv = format!(
            "{header}\n\"2026-01-11\",\"2026-01-11\",\"1500,00\",\"NL82BUNQ2071504690\",\"NL00INGB0001234567\",\"Employer B.V.\",\"Salary January\"\n\
\"2026-01-12\",\"2026-01-12\",\"-1.034,75\",\"NL82BUNQ2071504690\",\"\",\"Albert Heijn\",\"Groceries, week 2\"\n\
\"2026-01-10\",\"2026-01-10\",\"-3,50\",\"NL82BUNQ2071504690\",\"\",\"Coffee Shop\",\"Latte\"\n"
        );
        let parsed = parse_ok("bunq.csv", &csv);
        assert_eq!(parsed.format.code(), "csv:bunq", "{header}");
        let statement = &parsed.statements[0];
        let amounts: Vec<String> = statement
            .transactions
            .iter()
            .map(|transaction| transaction.amount.to_string())
            .collect();
        assert_eq!(amounts, ["1500.00", "-1034.75", "-3.50"]);
        let preview = statement.preview();
        assert_eq!(
            preview.from.map(|d| d.to_string()).as_deref(),
            Some("2026-01-10")
        );
        assert_eq!(
            preview.to.map(|d| d.to_string()).as_deref(),
            Some("2026-01-12")
        );
        assert_eq!(
            statement.transactions[1].remittance.as_deref(),
            Some("Groceries, week 2")
        );
    }
}

#[test]
fn r17_a_new_statement_begins_at_each_20_without_a_dash_line() {
    let text = ":20:A\n:25:NL91ABNA0417164300EUR\n:28C:1\n:60F:C260301EUR100,00\n\
:61:2603020302C10,00NTRFNONREF\n:86:/NAME/A/REMI/fact 1/\n:62F:C260302EUR110,00\n:64:C260302EUR110,00\n\
:20:B\n:25:NL02ABNA0123456789EUR\n:28C:1\n:60F:C260301EUR5,00\n\
:61:2603020302D1,00NTRFNONREF\n:86:/NAME/B/REMI/fact 2/\n:62F:C260302EUR4,00\n";
    let parsed = parse_ok("multi.sta", text);
    let accounts: Vec<&str> = parsed
        .statements
        .iter()
        .map(|statement| statement.account.as_str())
        .collect();
    assert_eq!(accounts, ["NL91ABNA0417164300", "NL02ABNA0123456789"]);
    assert!(parsed.statements.iter().all(Statement::adds_up));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn r17_camt054_notifications_read_every_detail_of_pending_entries() {
    let xml = "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M</MsgId><CreDtTm>2026-03-02T07:15:00</CreDtTm></GrpHdr>\n\
<Ntfctn><Id>N</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>\n\
<Ntry><Amt Ccy=\"EUR\">30.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><ValDt><Dt>2026-03-01</Dt></ValDt><NtryDtls>\n\
<TxDtls><Amt Ccy=\"EUR\">10.00</Amt><RltdPties><Dbtr><Nm>A</Nm></Dbtr></RltdPties></TxDtls>\n\
<TxDtls><Amt Ccy=\"EUR\">20.00</Amt><RltdPties><Dbtr><Nm>B</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>\n\
<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>INFO</Sts></Ntry>\n\
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>";
    let parsed = parse_ok("n.xml", xml);
    let transactions = &parsed.statements[0].transactions;
    let seen: Vec<(String, String, Option<&str>)> = transactions
        .iter()
        .map(|transaction| {
            (
                transaction.booking_date.to_string(),
                transaction.amount.to_string(),
                transaction.counterparty_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("2026-03-01".to_owned(), "10.00".to_owned(), Some("A")),
            ("2026-03-01".to_owned(), "20.00".to_owned(), Some("B")),
            ("2026-03-02".to_owned(), "5.00".to_owned(), None),
        ]
    );
    // A statement (camt.053) still leaves pending entries out.
    let statement = xml
        .replace("camt.054.001.04", "camt.053.001.04")
        .replace("BkToCstmrDbtCdtNtfctn", "BkToCstmrStmt")
        .replace("Ntfctn>", "Stmt>");
    assert!(
        parse_ok("s.xml", &statement).statements[0]
            .transactions
            .is_empty()
    );
}

#[test]
fn r17_german_mt940_without_closing_balance_and_unreadable_65_warns() {
    let text = ":20:STARTUMS\n:25:50010517/0123456789\n:28C:00012/001\n:60F:C260302EUR1500,00\n\
:61:2603030303CR605,00NTRFNONREF//2603031234567\n\
:86:166?00GUTSCHRIFT?100931?20EREF+RE-2026-0042?21SVWZ+Rechnung 2026-0042?32BAECKEREI JANSEN GMBH\n\
:65:C260304EUR\n";
    let parsed = parse_ok("de.sta", text);
    let statement = &parsed.statements[0];
    assert_eq!(statement.transactions.len(), 1);
    assert_eq!(statement.closing, None);
    assert_eq!(
        statement.transactions[0].remittance.as_deref(),
        Some("Rechnung 2026-0042")
    );
    assert!(
        parsed
            .warnings
            .iter()
            .any(|warning| warning.contains("line 7") && warning.contains(":65:")),
        "{:?}",
        parsed.warnings
    );
    // Without :64:/:65: or an end mark the file still looks cut off.
    let cut = text.replace(":65:C260304EUR\n", "");
    check_error("de.sta", cut.as_bytes(), "invalid", "cut off");
}

#[test]
fn r17_bunq_decimal_mark_is_one_per_file() {
    let header = "\"Date\",\"Interest Date\",\"Amount\",\"Account\",\"Counterparty\",\"Name\",\"Description\"";
    let dot = format!(
        "{header}\n\"2026-01-12\",\"2026-01-12\",\"-24.99\",\"NL82BUNQ2071504690\",\"\",\"A\",\"x\"\n\"2026-01-13\",\"2026-01-13\",\"1.034\",\"NL82BUNQ2071504690\",\"\",\"B\",\"y\"\n"
    );
    // Three decimals in a dot-decimal file are not cents: refused, not 1034.
    assert!(parse("bunq.csv", dot.as_bytes()).is_err());
    let comma = dot.replace("-24.99", "-24,99");
    let parsed = parse_ok("bunq.csv", &comma);
    assert_eq!(
        parsed.statements[0].transactions[1].amount.to_string(),
        "1034.00"
    );
}

#[test]
fn r17_ogm_references_are_found_and_checked() {
    use super::csv::find_ogm;
    for (text, expected) in [
        ("+++010/8068/17183+++", Some("+++010/8068/17183+++")),
        ("***312/4013/98067***", Some("+++312/4013/98067+++")),
        (
            "factuur 12 +++ 119/7530/76697 +++ dank",
            Some("+++119/7530/76697+++"),
        ),
        ("119753076697", Some("+++119/7530/76697+++")),
        ("+++119/7530/76600+++", None),
        ("010/8068/17180", None),
        ("tel 0123/4567/890123", None),
    ] {
        assert_eq!(find_ogm(text).as_deref(), expected, "{text}");
    }
}

#[test]
fn r17_belgian_exports_are_read_with_ogm_references() {
    let fintro = "Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering\n\
2026-0012;15/01/2026;15/01/2026;-7.000,97;EUR;BE68539007547034;Overschrijving;BE71096123456769;Peeters NV;+++010/8068/17183+++;;Geaccepteerd;\n\
2026-0015;18/01/2026;18/01/2026;-50,00;EUR;BE68539007547034;Overschrijving;;;;;Geweigerd;Onvoldoende saldo\n";
    let parsed = parse_ok("fintro.csv", fintro);
    assert_eq!(parsed.format.code(), "csv:bnp");
    let [only] = parsed.statements[0].transactions.as_slice() else {
        panic!("the refused row is not a transaction")
    };
    assert_eq!(only.amount.to_string(), "-7000.97");
    assert_eq!(
        only.structured_reference.as_deref(),
        Some("+++010/8068/17183+++")
    );
    let bad = fintro.replace("-7.000,97", "-7.00,0,97");
    check_error(
        "fintro.csv",
        bad.as_bytes(),
        "invalid",
        "line 2, column 'bedrag'",
    );
    let kbc_english = "Account number;Heading;Name;Currency;Statement number;Date;Description;Value date;Amount;Balance;credit;debit;counterparty's account number;Counterparty BIC;Counterparty name;Counterparty address;standard-format reference;free-format reference\r\
BE68539007547034;  ;PEETERS BV;EUR;  02026003;14/01/2026;TRANSFER;14/01/2026;605,00;1.815,00;605,00;;BE62 5100 0754 7061 ;GKCCBEBB;JANSSENS BV;;***010/8068/17183***;\r";
    let parsed = parse_ok("kbc.csv", kbc_english);
    assert_eq!(parsed.format.code(), "csv:kbc");
    let transaction = &parsed.statements[0].transactions[0];
    assert_eq!(
        transaction.counterparty_iban.as_deref(),
        Some("BE62510007547061")
    );
    assert_eq!(
        transaction.structured_reference.as_deref(),
        Some("+++010/8068/17183+++")
    );
    assert_eq!(
        parsed.statements[0]
            .closing
            .map(|b| b.amount.to_string())
            .as_deref(),
        Some("1815.00")
    );
}

#[test]
fn r17_line_numbers_count_lone_carriage_returns() {
    let csv = "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo\r\
BE68539007547034;;X;EUR;1;14/01/2026;A;14/01/2026;1,00;1,00\r\
BE68539007547034;;X;EUR;1;15/01/2026;B;15/01/2026;12,3,4;1,00\r";
    check_error(
        "kbc.csv",
        csv.as_bytes(),
        "invalid",
        "line 3, column 'bedrag'",
    );
}

#[test]
fn r17_ing_in_english_and_its_savings_accounts_are_read() {
    let english = "\"Date\";\"Name / Description\";\"Account\";\"Counterparty\";\"Code\";\"Debit/credit\";\"Amount (EUR)\";\"Transaction type\";\"Notifications\";\"Resulting balance\";\"Tag\"\n\
\"20260114\";\"Bakkerij Jansen\";\"NL42INGB9836900602\";\"NL02ABNA0123456789\";\"GT\";\"Credit\";\"605,00\";\"Online Banking\";\"Name: Bakkerij Jansen Description: factuur 2026-0042 IBAN: NL02ABNA0123456789 Reference: E2E-1 Value date: 14/01/2026\";\"1605,00\";\"\"\n\
\"20260113\";\"KPN B.V.\";\"NL42INGB9836900602\";\"NL93ABNA9069892900\";\"IC\";\"Debit\";\"45,00\";\"SEPA direct debit\";\"Name: KPN B.V. Description: Factuur 4012983312 IBAN: NL93ABNA9069892900 Reference: 4012983312 Mandate ID: 1-2KX8-31 Creditor ID: NL96ZZZ271243500000 Recurrent SEPA direct debit Value date: 13/01/2026\";\"1000,00\";\"\"\n";
    let parsed = parse_ok("ing-en.csv", english);
    assert_eq!(parsed.format.code(), "csv:ing");
    let [credit, debit] = parsed.statements[0].transactions.as_slice() else {
        panic!()
    };
    assert_eq!(credit.amount.to_string(), "605.00");
    assert_eq!(credit.remittance.as_deref(), Some("factuur 2026-0042"));
    assert_eq!(credit.end_to_end_id.as_deref(), Some("E2E-1"));
    assert_eq!(
        credit.value_date.map(|d| d.to_string()).as_deref(),
        Some("2026-01-14")
    );
    assert_eq!(debit.amount.to_string(), "-45.00");
    assert!(parsed.statements[0].adds_up());
    let savings = "\"Datum\";\"Omschrijving\";\"Rekening\";\"Rekening naam\";\"Tegenrekening\";\"Af Bij\";\"Bedrag\";\"Valuta\";\"Mutatiesoort\";\"Mededelingen\";\"Saldo na mutatie\"\n\
\"2026-01-26\";\"Overboeking van betaalrekening NL42INGB9836900602\";\"K 444-12345\";\"Buffer\";\"NL42INGB9836900602\";\"Bij\";\"2500,00\";\"EUR\";\"Inleg\";\"\";\"2750,00\"\n\
\"2026-01-01\";\"Rente\";\"K 444-12345\";\"Buffer\";\"\";\"Bij\";\"0,75\";\"EUR\";\"Rente\";\"\";\"250,00\"\n";
    let parsed = parse_ok("spaar.csv", savings);
    assert_eq!(parsed.statements[0].account, "K 444-12345");
    assert_eq!(
        parsed.statements[0].transactions[1].remittance.as_deref(),
        Some("Rente")
    );
    let savings_english = "Date;Description;Account;Account name;Counterparty;Debit/credit;Amount;Currency;Transaction type;Notifications;Resulting balance\n\
2-10-2026;Overboeking naar betaalrekening NL42INGB9836900602;K 444-12345;Buffer;NL42INGB9836900602;Debit;1,23;EUR;Opname;;1750\n\
1-10-2026;Rente;K 444-12345;Buffer;;Credit;1,23;EUR;Rente;;1751,23\n";
    let parsed = parse_ok("savings.csv", savings_english);
    let amounts: Vec<String> = parsed.statements[0]
        .transactions
        .iter()
        .map(|transaction| format!("{} {}", transaction.booking_date, transaction.amount))
        .collect();
    assert_eq!(amounts, ["2026-10-02 -1.23", "2026-10-01 1.23"]);
}

#[test]
fn r17_balances_that_chain_both_ways_leave_the_order_to_the_dates() {
    let savings_english = "Date;Description;Account;Account name;Counterparty;Debit/credit;Amount;Currency;Transaction type;Notifications;Resulting balance\n\
2-10-2026;Opname;K 444-12345;Buffer;;Debit;1,23;EUR;Opname;;1750\n\
1-10-2026;Rente;K 444-12345;Buffer;;Credit;1,23;EUR;Rente;;1751,23\n";
    let statement = &parse_ok("savings.csv", savings_english).statements[0];
    let balance = |balance: Option<Balance>| balance.map(|b| format!("{} {}", b.date, b.amount));
    assert_eq!(
        balance(statement.opening).as_deref(),
        Some("2026-10-01 1750.00")
    );
    assert_eq!(
        balance(statement.closing).as_deref(),
        Some("2026-10-02 1750.00")
    );
}

#[test]
fn r17_german_exports_are_read_with_short_years_preamble_ibans_and_no_pending_rows() {
    let sparkasse = "\"Auftragskonto\";\"Buchungstag\";\"Valutadatum\";\"Buchungstext\";\"Verwendungszweck\";\"Glaeubiger ID\";\"Mandatsreferenz\";\"Kundenreferenz (End-to-End)\";\"Sammlerreferenz\";\"Lastschrift Ursprungsbetrag\";\"Auslagenersatz Ruecklastschrift\";\"Beguenstigter/Zahlungspflichtiger\";\"Kontonummer/IBAN\";\"BIC (SWIFT-Code)\";\"Betrag\";\"Waehrung\";\"Info\"\n\
\"DE89370400440532013000\";\"24.04.26\";\"24.04.26\";\"GUTSCHR. UEBERWEISUNG\";\"RE 2026-0142\";\"\";\"\";\"NOTPROVIDED\";\"\";\"\";\"\";\"Bakkerij Jansen\";\"NL91ABNA0417164300\";\"ABNANL2A\";\"1.605,00\";\"EUR\";\"Umsatz gebucht\"\n\
\"DE89370400440532013000\";\"25.04.26\";\"25.04.26\";\"LASTSCHRIFT\";\"Abo\";\"\";\"\";\"E2E-1\";\"\";\"\";\"\";\"Dienst\";\"\";\"\";\"-9,99\";\"EUR\";\"Umsatz vorgemerkt\"\n";
    let parsed = parse_ok("Umsaetze.csv", sparkasse);
    assert_eq!(parsed.format.code(), "csv:sparkasse");
    let [only] = parsed.statements[0].transactions.as_slice() else {
        panic!("the pending row is not a transaction")
    };
    assert_eq!(
        only.booking_date.to_string(),
        "2026-04-24",
        "a two-digit year"
    );
    assert_eq!(only.amount.to_string(), "1605.00");
    assert_eq!(only.end_to_end_id, None, "NOTPROVIDED is no reference");
    assert_eq!(parsed.statements[0].account, "DE89370400440532013000");
    check_error(
        "Umsaetze.csv",
        sparkasse.replace("24.04.26", "24.13.26").as_bytes(),
        "invalid",
        "line 2, column 'buchungstag'",
    );

    let ing = "Umsatzanzeige;Datei erstellt am: 30.11.2026 10:15\n\nIBAN;DE12 5001 0517 0648 4898 90\nKontoname;Girokonto\n\nBuchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung\n\
27.11.2026;27.11.2026;Stadtwerke Köln GmbH;Lastschrift;Abschlag;2.134,56;EUR;-75,00;EUR\n";
    let parsed = parse_ok("Umsatzanzeige.csv", ing);
    assert_eq!(parsed.format.code(), "csv:ing_de");
    assert_eq!(parsed.statements[0].account, "DE12500105170648489890");
    let transaction = &parsed.statements[0].transactions[0];
    assert_eq!(
        transaction.counterparty_name.as_deref(),
        Some("Stadtwerke Köln GmbH")
    );
    assert_eq!(transaction.amount.to_string(), "-75.00");
}
