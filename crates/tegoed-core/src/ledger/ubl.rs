//! UBL 2.1 e-invoices (and their Dutch profile NLCIUS / SI-UBL 2.0, and
//! Peppol BIS 3) as a ledger source: one `Invoice` or `CreditNote` per file,
//! with its customer and, where present, the embedded PDF copy.
//!
//! Only what dunning needs is read: number, dates, payable amount and
//! currency, payment reference, the credited invoice, the customer's name,
//! identification, e-mail and address, and the embedded PDF. A credit note's
//! amount is made negative, as the ledger sheets write it.

use std::collections::HashMap;

use base64::Engine;
use chrono::NaiveDate;
use quick_xml::events::Event;

use super::sheet::Format;
use super::value;
use super::{EmbeddedDocument, Ledger, LedgerCustomer, LedgerError, LedgerInvoice, Place};

/// The namespace prefix every UBL 2.1 document schema shares.
const UBL_NAMESPACE: &str = "urn:oasis:names:specification:ubl:schema:xsd:";

/// True when the bytes are a UBL invoice or credit note.
pub fn is_ubl(bytes: &[u8]) -> bool {
    let head = bytes.get(..4096).unwrap_or(bytes);
    let text = String::from_utf8_lossy(head);
    text.contains(UBL_NAMESPACE) && (text.contains("Invoice") || text.contains("CreditNote"))
}

/// The element paths read, relative to the document root, as local names
/// joined with `/`.
const NUMBER: &str = "ID";
const ISSUE_DATE: &str = "IssueDate";
const DUE_DATE: &str = "DueDate";
const PAYMENT_DUE_DATE: &str = "PaymentMeans/PaymentDueDate";
const CURRENCY: &str = "DocumentCurrencyCode";
const PAYABLE: &str = "LegalMonetaryTotal/PayableAmount";
const TAX_INCLUSIVE: &str = "LegalMonetaryTotal/TaxInclusiveAmount";
const PAYMENT_ID: &str = "PaymentMeans/PaymentID";
const ORDER: &str = "OrderReference/ID";
const BUYER_REFERENCE: &str = "BuyerReference";
const CREDITED: &str = "BillingReference/InvoiceDocumentReference/ID";
const CUSTOMER: &str = "AccountingCustomerParty";
const CUSTOMER_ACCOUNT: &str = "AccountingCustomerParty/CustomerAssignedAccountID";
const PARTY: &str = "AccountingCustomerParty/Party/";

/// Reads one UBL invoice or credit note.
///
/// # Errors
/// [`LedgerError::Ubl`] when the XML is not well-formed, is not a UBL
/// invoice or credit note, or lacks its number, issue date or payable amount.
pub fn parse(file_name: &str, bytes: &[u8]) -> Result<Ledger, LedgerError> {
    let fail = |reason: String| LedgerError::Ubl {
        file: file_name.to_owned(),
        reason,
    };
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|error| fail(format!("the file is not UTF-8 text ({error})")))?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut root: Option<String> = None;
    let mut values: HashMap<String, String> = HashMap::new();
    let mut attributes: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut attachments: Vec<(HashMap<String, String>, String)> = Vec::new();
    let mut text_buffer = String::new();
    loop {
        let event = reader.read_event().map_err(|error| {
            fail(format!(
                "XML error at byte {}: {error}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_owned();
                if root.is_none() {
                    root = Some(name.clone());
                } else {
                    path.push(name);
                }
                text_buffer.clear();
                let mut attrs = HashMap::new();
                for attribute in start.attributes().flatten() {
                    if let Ok(value) =
                        attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    {
                        attrs.insert(
                            attribute.key.local_name().as_ref().to_owned(),
                            value.into_owned(),
                        );
                    }
                }
                attributes.insert(path.join("/"), attrs);
            }
            Event::Text(content) => text_buffer.push_str(&content.xml10_content()),
            Event::CData(content) => {
                text_buffer.push_str(&content.into_inner());
            }
            Event::GeneralRef(reference) => {
                if let Ok(Some(character)) = reference.resolve_char_ref() {
                    text_buffer.push(character);
                } else {
                    text_buffer.push_str(match reference.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(_) => {
                let key = path.join("/");
                let content = text_buffer.trim();
                if key.ends_with("EmbeddedDocumentBinaryObject") {
                    let attrs = attributes.get(&key).cloned().unwrap_or_default();
                    attachments.push((attrs, content.to_owned()));
                } else if !content.is_empty() {
                    values.entry(key).or_insert_with(|| content.to_owned());
                }
                text_buffer.clear();
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let credit_note = match root.as_deref() {
        Some("Invoice") => false,
        Some("CreditNote") => true,
        Some(other) => {
            return Err(fail(format!(
                "the root element is {other}, expected Invoice or CreditNote"
            )));
        }
        None => return Err(fail("the file holds no XML element".to_owned())),
    };
    let get = |key: &str| values.get(key).cloned();
    let number =
        get(NUMBER).ok_or_else(|| fail("cbc:ID (the invoice number) is missing".to_owned()))?;
    let date = |key: &str| -> Result<Option<NaiveDate>, LedgerError> {
        match values.get(key) {
            None => Ok(None),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    fail(format!(
                        "{key} '{text}' is not a date (expected YYYY-MM-DD)"
                    ))
                }),
        }
    };
    let invoice_date =
        date(ISSUE_DATE)?.ok_or_else(|| fail("cbc:IssueDate is missing".to_owned()))?;
    let due_date = match date(DUE_DATE)? {
        Some(due) => Some(due),
        None => date(PAYMENT_DUE_DATE)?,
    };
    let (amount_key, amount_text) = [PAYABLE, TAX_INCLUSIVE]
        .into_iter()
        .find_map(|key| values.get(key).map(|text| (key, text)))
        .ok_or_else(|| fail("cac:LegalMonetaryTotal/cbc:PayableAmount is missing".to_owned()))?;
    let amount = value::text_amount(amount_text, Some(value::DecimalMark::Dot)).map_err(|_| {
        fail(format!(
            "{amount_key} '{amount_text}' is not an amount in whole cents"
        ))
    })?;
    let amount = if credit_note { -amount } else { amount };
    let currency = get(CURRENCY).or_else(|| {
        attributes
            .get(amount_key)
            .and_then(|attrs| attrs.get("currencyID").cloned())
    });
    let party = |suffix: &str| get(&format!("{PARTY}{suffix}"));
    let street: Vec<String> = [
        party("PostalAddress/StreetName"),
        party("PostalAddress/AdditionalStreetName"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let city_line: Vec<String> = [
        party("PostalAddress/PostalZone"),
        party("PostalAddress/CityName"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let address_lines: Vec<String> = street
        .into_iter()
        .chain((!city_line.is_empty()).then(|| city_line.join(" ")))
        .collect();
    let kvk = values
        .iter()
        .find(|(key, _)| key.starts_with(&format!("{PARTY}PartyLegalEntity/CompanyID")))
        .filter(|(key, _)| {
            attributes
                .get(*key)
                .and_then(|attrs| attrs.get("schemeID"))
                .is_none_or(|scheme| scheme == "0106")
        })
        .map(|(_, value)| value.clone());
    let has_customer = values.keys().any(|key| key.starts_with(CUSTOMER));
    let place = Place {
        sheet: root.clone().unwrap_or_default(),
        row: 0,
    };
    let customer = LedgerCustomer {
        code: get(CUSTOMER_ACCOUNT).or_else(|| party("PartyIdentification/ID")),
        name: party("PartyLegalEntity/RegistrationName").or_else(|| party("PartyName/Name")),
        email: party("Contact/ElectronicMail"),
        phone: party("Contact/Telephone"),
        contact_person: party("Contact/Name"),
        address: (!address_lines.is_empty()).then(|| address_lines.join("\n")),
        iban: None,
        kvk_number: kvk,
        payment_term_days: None,
        language: None,
        consumer: None,
        own_terms: None,
        place: place.clone(),
    };
    let customers = if has_customer && customer.display_name().is_some() {
        vec![customer]
    } else {
        Vec::new()
    };
    let documents = attachments
        .into_iter()
        .filter(|(attrs, _)| {
            attrs
                .get("mimeCode")
                .is_some_and(|mime| mime.eq_ignore_ascii_case("application/pdf"))
        })
        .map(|(attrs, encoded)| {
            let compact: String = encoded.chars().filter(|c| !c.is_whitespace()).collect();
            let content = base64::engine::general_purpose::STANDARD
                .decode(compact.as_bytes())
                .map_err(|error| fail(format!("the embedded PDF is not valid base64 ({error})")))?;
            Ok(EmbeddedDocument {
                invoice_number: number.clone(),
                file_name: attrs
                    .get("filename")
                    .cloned()
                    .unwrap_or_else(|| format!("{number}.pdf")),
                content,
            })
        })
        .collect::<Result<Vec<_>, LedgerError>>()?;
    let invoice = LedgerInvoice {
        customer_code: customers.first().and_then(|customer| customer.code.clone()),
        customer_name: customers.first().and_then(|customer| customer.name.clone()),
        number,
        invoice_date: Some(invoice_date),
        due_date,
        due_date_derived: false,
        amount: Some(amount),
        open_amount: None,
        currency,
        reference: get(PAYMENT_ID),
        order_number: get(ORDER).or_else(|| get(BUYER_REFERENCE)),
        status: None,
        credits: get(CREDITED),
        payment_term_days: None,
        customer: (!customers.is_empty()).then_some(0),
        place,
    };
    Ok(Ledger {
        file: file_name.to_owned(),
        format: Format::Ubl,
        encoding: Some("utf-8"),
        mapping: None,
        preset: None,
        customers,
        invoices: vec![invoice],
        documents,
        warnings: Vec::new(),
    })
}
