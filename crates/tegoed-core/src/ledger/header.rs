//! Recognising headers: which row of which sheet is the header row of the
//! invoices (and customers) table, and which column holds which field.
//!
//! Design: every header text is normalised (lower case, accents folded,
//! everything but letters and digits dropped, so `Factuurnr.`, `factuur nr`
//! and `FACTUURNR` are one word) and looked up in a table of Dutch and
//! English synonyms with a confidence each; failing an exact hit, a few
//! telling fragments (`verval`, `openstaand`, `iban`) give a lower one.
//! Headers that name something Tegoed must not mistake for the total
//! (`excl. btw`, `btw`, `betaald`) are recognised as *ignored*. A row counts
//! as the invoices header when it has an invoice number and an amount or
//! open amount; the best such row in the first 40 rows of any sheet wins, so
//! a title block above the table is skipped. Columns are then assigned
//! greedily, most confident first, each field and column used once.

use std::collections::BTreeMap;

use super::mapping::{Field, TableMapping};
use super::presets::{self, Preset};
use super::sheet::{Cell, Sheet, Workbook};

/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: usize = 40;

/// Which table a header row is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// The invoices (open items).
    Invoices,
    /// The customers (debtors).
    Customers,
}

/// Lower case, accents folded, only letters and digits kept.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => Some('a'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ç' => Some('c'),
            'ñ' => Some('n'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// What a header says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Meaning {
    /// A field, with a confidence from 0 to 1.
    Field(Field, f32),
    /// Something that must not be mapped (VAT, amount excluding VAT, paid).
    Ignored,
}

/// Exact synonyms: normalised header, field, confidence, and the table the
/// synonym is restricted to (`None`: both).
const EXACT: &[(&str, Field, f32, Option<Table>)] = &[
    // Invoice number.
    ("factuurnummer", Field::InvoiceNumber, 1.0, None),
    ("factuurnr", Field::InvoiceNumber, 1.0, None),
    ("factuurno", Field::InvoiceNumber, 1.0, None),
    ("factnr", Field::InvoiceNumber, 0.95, None),
    ("factuur", Field::InvoiceNumber, 0.9, None),
    ("invoicenumber", Field::InvoiceNumber, 1.0, None),
    ("invoiceno", Field::InvoiceNumber, 1.0, None),
    ("invoicenr", Field::InvoiceNumber, 1.0, None),
    ("invno", Field::InvoiceNumber, 0.95, None),
    ("invoiceid", Field::InvoiceNumber, 0.9, None),
    ("invoice", Field::InvoiceNumber, 0.9, None),
    ("documentnummer", Field::InvoiceNumber, 0.8, None),
    ("documentnumber", Field::InvoiceNumber, 0.8, None),
    ("boekstuknummer", Field::InvoiceNumber, 0.8, None),
    ("boekstuk", Field::InvoiceNumber, 0.7, None),
    ("nummer", Field::InvoiceNumber, 0.6, Some(Table::Invoices)),
    ("number", Field::InvoiceNumber, 0.6, Some(Table::Invoices)),
    ("nr", Field::InvoiceNumber, 0.5, Some(Table::Invoices)),
    ("invoicenumberid", Field::InvoiceNumber, 0.9, None),
    ("factuurcode", Field::InvoiceNumber, 0.9, None),
    // Customer code.
    ("debiteurnummer", Field::CustomerCode, 1.0, None),
    ("debiteurennummer", Field::CustomerCode, 1.0, None),
    ("debiteurnr", Field::CustomerCode, 1.0, None),
    ("debiteurcode", Field::CustomerCode, 1.0, None),
    ("debnr", Field::CustomerCode, 0.95, None),
    ("klantnummer", Field::CustomerCode, 1.0, None),
    ("klantnr", Field::CustomerCode, 1.0, None),
    ("klantcode", Field::CustomerCode, 1.0, None),
    ("relatienummer", Field::CustomerCode, 1.0, None),
    ("relatienr", Field::CustomerCode, 1.0, None),
    ("relatiecode", Field::CustomerCode, 1.0, None),
    ("customercode", Field::CustomerCode, 1.0, None),
    ("customerno", Field::CustomerCode, 1.0, None),
    ("customernumber", Field::CustomerCode, 1.0, None),
    ("customernr", Field::CustomerCode, 1.0, None),
    ("customerid", Field::CustomerCode, 0.95, None),
    ("accountcode", Field::CustomerCode, 0.9, None),
    ("debtorcode", Field::CustomerCode, 1.0, None),
    ("debtorno", Field::CustomerCode, 1.0, None),
    ("clientid", Field::CustomerCode, 0.9, None),
    ("clientnumber", Field::CustomerCode, 0.95, None),
    ("contactid", Field::CustomerCode, 0.8, None),
    ("contactnumber", Field::CustomerCode, 0.9, None),
    ("code", Field::CustomerCode, 0.9, Some(Table::Customers)),
    ("code", Field::CustomerCode, 0.6, Some(Table::Invoices)),
    // Customer name.
    ("debiteur", Field::CustomerName, 0.9, None),
    ("debiteurnaam", Field::CustomerName, 1.0, None),
    ("klant", Field::CustomerName, 0.9, None),
    ("klantnaam", Field::CustomerName, 1.0, None),
    ("relatie", Field::CustomerName, 0.9, None),
    ("relatienaam", Field::CustomerName, 1.0, None),
    ("naam", Field::CustomerName, 0.85, None),
    ("name", Field::CustomerName, 0.85, None),
    ("customer", Field::CustomerName, 0.9, None),
    ("customername", Field::CustomerName, 1.0, None),
    ("debtor", Field::CustomerName, 0.9, None),
    ("debtorname", Field::CustomerName, 1.0, None),
    ("client", Field::CustomerName, 0.85, None),
    ("clientname", Field::CustomerName, 1.0, None),
    ("bedrijfsnaam", Field::CustomerName, 0.95, None),
    ("bedrijf", Field::CustomerName, 0.8, None),
    ("company", Field::CustomerName, 0.8, None),
    ("companyname", Field::CustomerName, 0.95, None),
    ("organisatie", Field::CustomerName, 0.8, None),
    ("organisation", Field::CustomerName, 0.8, None),
    ("organization", Field::CustomerName, 0.8, None),
    ("accountname", Field::CustomerName, 0.85, None),
    ("contact", Field::CustomerName, 0.7, Some(Table::Invoices)),
    ("contactname", Field::CustomerName, 0.95, None),
    ("party", Field::CustomerName, 0.8, Some(Table::Invoices)),
    ("partyname", Field::CustomerName, 0.95, None),
    ("billto", Field::CustomerName, 0.7, None),
    ("klantbedrijfsnaam", Field::CustomerName, 1.0, None),
    // Invoice date.
    ("factuurdatum", Field::InvoiceDate, 1.0, None),
    ("factdatum", Field::InvoiceDate, 1.0, None),
    ("datumfactuur", Field::InvoiceDate, 1.0, None),
    ("invoicedate", Field::InvoiceDate, 1.0, None),
    ("issuedate", Field::InvoiceDate, 0.95, None),
    ("documentdatum", Field::InvoiceDate, 0.9, None),
    ("documentdate", Field::InvoiceDate, 0.9, None),
    ("boekdatum", Field::InvoiceDate, 0.7, None),
    ("datum", Field::InvoiceDate, 0.8, Some(Table::Invoices)),
    ("date", Field::InvoiceDate, 0.8, Some(Table::Invoices)),
    ("dateissued", Field::InvoiceDate, 1.0, None),
    ("issuedat", Field::InvoiceDate, 1.0, None),
    ("issuedon", Field::InvoiceDate, 1.0, None),
    ("dateofissue", Field::InvoiceDate, 1.0, None),
    ("invoicedat", Field::InvoiceDate, 1.0, None),
    ("invoicedon", Field::InvoiceDate, 1.0, None),
    // Due date.
    ("vervaldatum", Field::DueDate, 1.0, None),
    ("vervaldag", Field::DueDate, 1.0, None),
    ("uiterstebetaaldatum", Field::DueDate, 1.0, None),
    ("duedate", Field::DueDate, 1.0, None),
    ("datedue", Field::DueDate, 1.0, None),
    ("paymentduedate", Field::DueDate, 1.0, None),
    ("due", Field::DueDate, 0.8, None),
    ("expirydate", Field::DueDate, 0.6, None),
    // Due dates under other names (Akaunting's `due_at`, "Vervalt").
    ("dueat", Field::DueDate, 1.0, None),
    ("dueon", Field::DueDate, 1.0, None),
    ("dueby", Field::DueDate, 1.0, None),
    ("payby", Field::DueDate, 0.9, None),
    ("paymentdue", Field::DueDate, 0.9, None),
    ("vervalt", Field::DueDate, 0.9, None),
    ("vervaltop", Field::DueDate, 1.0, None),
    ("uiterlijkebetaaldatum", Field::DueDate, 1.0, None),
    ("betalenvoor", Field::DueDate, 0.9, None),
    ("tebetalenvoor", Field::DueDate, 1.0, None),
    // Amount.
    ("bedrag", Field::Amount, 0.9, None),
    ("bedraginclbtw", Field::Amount, 1.0, None),
    ("bedragincl", Field::Amount, 1.0, None),
    ("bedraginclusiefbtw", Field::Amount, 1.0, None),
    ("totaal", Field::Amount, 0.85, None),
    ("totaalbedrag", Field::Amount, 0.95, None),
    ("totaalinclbtw", Field::Amount, 1.0, None),
    ("totaalincl", Field::Amount, 1.0, None),
    ("totaalinclusiefbtw", Field::Amount, 1.0, None),
    ("factuurbedrag", Field::Amount, 1.0, None),
    ("brutobedrag", Field::Amount, 0.9, None),
    ("origineelbedrag", Field::Amount, 0.9, None),
    ("oorspronkelijkbedrag", Field::Amount, 0.9, None),
    ("inclbtw", Field::Amount, 0.9, None),
    ("amount", Field::Amount, 0.9, None),
    ("total", Field::Amount, 0.85, None),
    ("totalamount", Field::Amount, 0.95, None),
    ("invoiceamount", Field::Amount, 1.0, None),
    ("invoicetotal", Field::Amount, 1.0, None),
    ("totalinclvat", Field::Amount, 1.0, None),
    ("amountinclvat", Field::Amount, 1.0, None),
    ("totalincltax", Field::Amount, 1.0, None),
    ("grossamount", Field::Amount, 0.9, None),
    ("originalamount", Field::Amount, 0.9, None),
    ("grandtotal", Field::Amount, 1.0, None),
    ("invoicegrandtotal", Field::Amount, 1.0, None),
    ("totaltotal", Field::Amount, 0.9, None),
    ("totaalfactuur", Field::Amount, 1.0, None),
    ("factuurtotaal", Field::Amount, 1.0, None),
    ("totaalbedraginclbtw", Field::Amount, 1.0, None),
    // Line amounts: only when nothing names the invoice total, and then
    // summed per invoice (see `rows`).
    ("linetotal", Field::Amount, 0.6, None),
    ("itemtotal", Field::Amount, 0.5, None),
    ("regeltotaal", Field::Amount, 0.6, None),
    // Open amount.
    ("openstaand", Field::OpenAmount, 1.0, None),
    ("openstaandbedrag", Field::OpenAmount, 1.0, None),
    ("openstaandsaldo", Field::OpenAmount, 1.0, None),
    ("bedragopenstaand", Field::OpenAmount, 1.0, None),
    ("saldo", Field::OpenAmount, 0.9, None),
    ("openbedrag", Field::OpenAmount, 1.0, None),
    ("open", Field::OpenAmount, 0.8, None),
    ("nogtebetalen", Field::OpenAmount, 1.0, None),
    ("nogteontvangen", Field::OpenAmount, 1.0, None),
    ("teontvangen", Field::OpenAmount, 0.9, None),
    ("restant", Field::OpenAmount, 0.9, None),
    ("tebetalen", Field::OpenAmount, 0.9, None),
    ("nogtevoldoen", Field::OpenAmount, 1.0, None),
    ("restbedrag", Field::OpenAmount, 0.9, None),
    ("openamount", Field::OpenAmount, 1.0, None),
    ("outstanding", Field::OpenAmount, 1.0, None),
    ("outstandingamount", Field::OpenAmount, 1.0, None),
    ("amountoutstanding", Field::OpenAmount, 1.0, None),
    ("amountdue", Field::OpenAmount, 0.95, None),
    ("balance", Field::OpenAmount, 0.85, None),
    ("balancedue", Field::OpenAmount, 1.0, None),
    ("remaining", Field::OpenAmount, 0.85, None),
    ("unpaid", Field::OpenAmount, 0.9, None),
    ("totalunpaid", Field::OpenAmount, 1.0, None),
    ("dueamount", Field::OpenAmount, 0.95, None),
    ("amountremaining", Field::OpenAmount, 0.95, None),
    ("remainingamount", Field::OpenAmount, 0.95, None),
    ("unpaidamount", Field::OpenAmount, 1.0, None),
    ("amountunpaid", Field::OpenAmount, 1.0, None),
    ("balanceamount", Field::OpenAmount, 0.9, None),
    ("invoicebalance", Field::OpenAmount, 1.0, None),
    ("restantbedrag", Field::OpenAmount, 1.0, None),
    ("openstaandinclbtw", Field::OpenAmount, 1.0, None),
    // Currency.
    ("valuta", Field::Currency, 1.0, None),
    ("valutacode", Field::Currency, 1.0, None),
    ("munteenheid", Field::Currency, 1.0, None),
    ("currency", Field::Currency, 1.0, None),
    ("currencycode", Field::Currency, 1.0, None),
    ("cur", Field::Currency, 0.8, None),
    ("curr", Field::Currency, 0.8, None),
    ("customercurrency", Field::Currency, 0.9, None),
    ("invoicecurrency", Field::Currency, 1.0, None),
    // Payment reference.
    ("betalingskenmerk", Field::Reference, 1.0, None),
    ("betaalkenmerk", Field::Reference, 1.0, None),
    ("kenmerk", Field::Reference, 0.8, None),
    ("betaalreferentie", Field::Reference, 1.0, None),
    ("betalingsreferentie", Field::Reference, 1.0, None),
    ("paymentreference", Field::Reference, 1.0, None),
    ("paymentref", Field::Reference, 1.0, None),
    ("structuredreference", Field::Reference, 1.0, None),
    ("gestructureerdemededeling", Field::Reference, 1.0, None),
    ("ogm", Field::Reference, 0.9, None),
    // Status.
    ("status", Field::Status, 1.0, Some(Table::Invoices)),
    ("state", Field::Status, 0.9, Some(Table::Invoices)),
    ("factuurstatus", Field::Status, 1.0, None),
    ("invoicestatus", Field::Status, 1.0, None),
    ("betaalstatus", Field::Status, 1.0, None),
    ("paymentstatus", Field::Status, 1.0, None),
    ("invoicestatuscode", Field::Status, 1.0, None),
    ("statuscode", Field::Status, 0.9, Some(Table::Invoices)),
    // Credited invoice.
    ("creditop", Field::CreditedInvoice, 1.0, None),
    ("creditopfactuur", Field::CreditedInvoice, 1.0, None),
    ("crediteert", Field::CreditedInvoice, 1.0, None),
    ("gecrediteerdefactuur", Field::CreditedInvoice, 1.0, None),
    ("originelefactuur", Field::CreditedInvoice, 1.0, None),
    ("oorspronkelijkefactuur", Field::CreditedInvoice, 1.0, None),
    ("origfactuur", Field::CreditedInvoice, 1.0, None),
    ("betreftfactuur", Field::CreditedInvoice, 0.9, None),
    ("creditnotavoor", Field::CreditedInvoice, 1.0, None),
    ("correctievan", Field::CreditedInvoice, 0.9, None),
    ("credits", Field::CreditedInvoice, 0.9, None),
    ("creditsinvoice", Field::CreditedInvoice, 1.0, None),
    ("creditfor", Field::CreditedInvoice, 1.0, None),
    ("creditnotefor", Field::CreditedInvoice, 1.0, None),
    ("originalinvoice", Field::CreditedInvoice, 1.0, None),
    ("correctionof", Field::CreditedInvoice, 0.9, None),
    // Payment term.
    ("betaaltermijn", Field::PaymentTerm, 1.0, None),
    ("betalingstermijn", Field::PaymentTerm, 1.0, None),
    ("betaaltermijndagen", Field::PaymentTerm, 1.0, None),
    ("termijn", Field::PaymentTerm, 0.8, None),
    ("termijndagen", Field::PaymentTerm, 1.0, None),
    ("krediettermijn", Field::PaymentTerm, 1.0, None),
    ("betalingsconditie", Field::PaymentTerm, 0.7, None),
    ("paymentterm", Field::PaymentTerm, 1.0, None),
    ("paymentterms", Field::PaymentTerm, 1.0, None),
    ("paymenttermdays", Field::PaymentTerm, 1.0, None),
    ("termdays", Field::PaymentTerm, 1.0, None),
    ("terms", Field::PaymentTerm, 0.7, None),
    ("firstdueinterval", Field::PaymentTerm, 0.9, None),
    ("paymenttermslabel", Field::PaymentTerm, 0.6, None),
    ("termsofpayment", Field::PaymentTerm, 0.9, None),
    ("betalingsvoorwaarden", Field::PaymentTerm, 0.7, None),
    ("betaalconditie", Field::PaymentTerm, 0.7, None),
    // Order number.
    ("ordernummer", Field::OrderNumber, 1.0, None),
    ("ordernr", Field::OrderNumber, 1.0, None),
    ("orderno", Field::OrderNumber, 1.0, None),
    ("ordernumber", Field::OrderNumber, 1.0, None),
    ("order", Field::OrderNumber, 0.8, None),
    ("inkoopordernummer", Field::OrderNumber, 1.0, None),
    ("ponumber", Field::OrderNumber, 1.0, None),
    ("pono", Field::OrderNumber, 1.0, None),
    ("po", Field::OrderNumber, 0.8, None),
    ("purchaseorder", Field::OrderNumber, 1.0, None),
    ("uwreferentie", Field::OrderNumber, 0.9, None),
    ("uwref", Field::OrderNumber, 0.9, None),
    ("yourreference", Field::OrderNumber, 0.9, None),
    ("yourref", Field::OrderNumber, 0.9, None),
    // E-mail.
    ("email", Field::Email, 1.0, None),
    ("emailadres", Field::Email, 1.0, None),
    ("emailaddress", Field::Email, 1.0, None),
    ("mail", Field::Email, 0.9, None),
    ("mailadres", Field::Email, 1.0, None),
    ("factuuremail", Field::Email, 1.0, None),
    ("emailfacturen", Field::Email, 1.0, None),
    ("invoiceemail", Field::Email, 1.0, None),
    ("sendinvoicestoemail", Field::Email, 1.0, None),
    ("customeremail", Field::Email, 1.0, None),
    ("clientemail", Field::Email, 1.0, None),
    // IBAN.
    ("iban", Field::Iban, 1.0, None),
    ("ibannummer", Field::Iban, 1.0, None),
    ("sepaiban", Field::Iban, 1.0, None),
    ("bankrekening", Field::Iban, 0.9, None),
    ("bankrekeningnummer", Field::Iban, 0.9, None),
    ("rekeningnummer", Field::Iban, 0.8, None),
    ("bankaccount", Field::Iban, 0.9, None),
    ("bankaccountnumber", Field::Iban, 0.9, None),
    // Address.
    ("adres", Field::Address, 1.0, None),
    ("address", Field::Address, 1.0, None),
    ("address1", Field::Address, 0.95, None),
    ("straat", Field::Address, 0.9, None),
    ("straatnaam", Field::Address, 0.9, None),
    ("straatenhuisnummer", Field::Address, 1.0, None),
    ("street", Field::Address, 0.9, None),
    ("streetaddress", Field::Address, 1.0, None),
    ("factuuradres", Field::Address, 1.0, None),
    ("postadres", Field::Address, 0.9, None),
    ("postcode", Field::PostalCode, 1.0, None),
    ("zipcode", Field::PostalCode, 1.0, None),
    ("zip", Field::PostalCode, 0.9, None),
    ("postalcode", Field::PostalCode, 1.0, None),
    ("plaats", Field::City, 1.0, None),
    ("woonplaats", Field::City, 1.0, None),
    ("vestigingsplaats", Field::City, 1.0, None),
    ("plaatsnaam", Field::City, 1.0, None),
    ("city", Field::City, 1.0, None),
    ("town", Field::City, 0.9, None),
    // Language.
    ("taal", Field::Language, 1.0, None),
    ("taalcode", Field::Language, 1.0, None),
    ("correspondentietaal", Field::Language, 1.0, None),
    ("language", Field::Language, 1.0, None),
    ("lang", Field::Language, 0.9, None),
    // Consumer.
    ("consument", Field::Consumer, 1.0, None),
    ("particulier", Field::Consumer, 1.0, None),
    ("privepersoon", Field::Consumer, 1.0, None),
    ("consumer", Field::Consumer, 1.0, None),
    ("b2c", Field::Consumer, 1.0, None),
    ("private", Field::Consumer, 0.8, None),
    // Own terms.
    ("eigenafspraken", Field::OwnTerms, 1.0, None),
    ("eigenbetaaltermijn", Field::OwnTerms, 1.0, None),
    ("eigentermijn", Field::OwnTerms, 1.0, None),
    ("afwijkendeafspraken", Field::OwnTerms, 1.0, None),
    ("eigenvoorwaarden", Field::OwnTerms, 1.0, None),
    ("vasteklant", Field::OwnTerms, 0.8, None),
    ("ownterms", Field::OwnTerms, 1.0, None),
    ("ownagreedterms", Field::OwnTerms, 1.0, None),
    ("agreedterms", Field::OwnTerms, 0.9, None),
    ("customterms", Field::OwnTerms, 0.9, None),
    ("specialterms", Field::OwnTerms, 0.9, None),
    // Phone.
    ("telefoon", Field::Phone, 1.0, None),
    ("telefoonnummer", Field::Phone, 1.0, None),
    ("tel", Field::Phone, 0.9, None),
    ("telnr", Field::Phone, 1.0, None),
    ("mobiel", Field::Phone, 0.9, None),
    ("mobielnummer", Field::Phone, 0.9, None),
    ("phone", Field::Phone, 1.0, None),
    ("phonenumber", Field::Phone, 1.0, None),
    ("telephone", Field::Phone, 1.0, None),
    ("mobile", Field::Phone, 0.9, None),
    // Contact person.
    ("contactpersoon", Field::ContactPerson, 1.0, None),
    ("contactperson", Field::ContactPerson, 1.0, None),
    ("contact", Field::ContactPerson, 0.8, Some(Table::Customers)),
    ("tav", Field::ContactPerson, 0.9, None),
    ("attn", Field::ContactPerson, 0.9, None),
    ("attention", Field::ContactPerson, 0.9, None),
    ("sendinvoicestoattention", Field::ContactPerson, 0.9, None),
    // KvK number.
    ("kvk", Field::KvkNumber, 1.0, None),
    ("kvknummer", Field::KvkNumber, 1.0, None),
    ("kvknr", Field::KvkNumber, 1.0, None),
    ("kvkno", Field::KvkNumber, 1.0, None),
    ("nummerkvk", Field::KvkNumber, 1.0, None),
    ("kvknumber", Field::KvkNumber, 1.0, None),
    ("cocnumber", Field::KvkNumber, 1.0, None),
    ("coc", Field::KvkNumber, 0.9, None),
    ("chamberofcommerce", Field::KvkNumber, 1.0, None),
    ("kamervankoophandel", Field::KvkNumber, 1.0, None),
    ("handelsregister", Field::KvkNumber, 0.9, None),
    ("ondernemingsnummer", Field::KvkNumber, 0.8, None),
];

/// Headers that must never be mapped: VAT, net amounts, payments.
const IGNORED_EXACT: &[&str] = &[
    "btw",
    "btwbedrag",
    "vat",
    "vatamount",
    "tax",
    "betaald",
    "voldaan",
    "paid",
    "amountpaid",
    "vervallen",
    "dagen",
    "days",
    "dagenoverdue",
    "daysoverdue",
    "omschrijving",
    "description",
    // Net amounts, taxes, discounts and payments an invoicing tool puts
    // beside the total: never the invoice total or the balance.
    "subtotal",
    "subtotaal",
    "nettotal",
    "nettotaal",
    "netamount",
    "totalnet",
    "basegrandtotal",
    "taxamount",
    "totaltax",
    "taxtotal",
    "salestaxamount",
    "amountbeforesalestax",
    "vattotal",
    "totalvat",
    "btwtotaal",
    "totaalbtw",
    "paidamount",
    "totalpaid",
    "amountreceived",
    "payments",
    "discount",
    "discountamount",
    "korting",
    "kortingsbedrag",
    "shippingcharge",
    "latefeeamount",
    "writeoffamount",
    "partialdeposit",
];

/// Fragments that give a field when no exact synonym matched, checked in
/// order (the first hit counts).
const FRAGMENTS: &[(&str, Meaning)] = &[
    ("excl", Meaning::Ignored),
    ("netto", Meaning::Ignored),
    ("btwbedrag", Meaning::Ignored),
    ("vatamount", Meaning::Ignored),
    ("betaaldbedrag", Meaning::Ignored),
    ("eigen", Meaning::Field(Field::OwnTerms, 0.7)),
    ("afwijkend", Meaning::Field(Field::OwnTerms, 0.7)),
    ("gecrediteerd", Meaning::Field(Field::CreditedInvoice, 0.8)),
    ("creditop", Meaning::Field(Field::CreditedInvoice, 0.8)),
    ("factuurnum", Meaning::Field(Field::InvoiceNumber, 0.8)),
    ("factuurnr", Meaning::Field(Field::InvoiceNumber, 0.8)),
    ("invoiceno", Meaning::Field(Field::InvoiceNumber, 0.8)),
    ("invoicenum", Meaning::Field(Field::InvoiceNumber, 0.8)),
    ("factuurdat", Meaning::Field(Field::InvoiceDate, 0.8)),
    ("invoicedat", Meaning::Field(Field::InvoiceDate, 0.8)),
    ("verval", Meaning::Field(Field::DueDate, 0.8)),
    ("duedate", Meaning::Field(Field::DueDate, 0.8)),
    ("openstaand", Meaning::Field(Field::OpenAmount, 0.85)),
    ("outstanding", Meaning::Field(Field::OpenAmount, 0.85)),
    ("saldo", Meaning::Field(Field::OpenAmount, 0.7)),
    ("inclbtw", Meaning::Field(Field::Amount, 0.8)),
    ("inclvat", Meaning::Field(Field::Amount, 0.8)),
    ("incltax", Meaning::Field(Field::Amount, 0.8)),
    ("factuurbedrag", Meaning::Field(Field::Amount, 0.8)),
    // After the "incl." fragments above, so `Total incl. tax (EUR)` stays
    // the total: any other tax, VAT or discount column is never mapped.
    ("tax", Meaning::Ignored),
    ("btw", Meaning::Ignored),
    ("subtot", Meaning::Ignored),
    ("discount", Meaning::Ignored),
    ("korting", Meaning::Ignored),
    ("kenmerk", Meaning::Field(Field::Reference, 0.75)),
    ("debiteurn", Meaning::Field(Field::CustomerCode, 0.8)),
    ("klantn", Meaning::Field(Field::CustomerCode, 0.8)),
    ("relatien", Meaning::Field(Field::CustomerCode, 0.8)),
    ("relatiecode", Meaning::Field(Field::CustomerCode, 0.8)),
    ("klantcode", Meaning::Field(Field::CustomerCode, 0.8)),
    ("customerno", Meaning::Field(Field::CustomerCode, 0.8)),
    ("customernum", Meaning::Field(Field::CustomerCode, 0.8)),
    ("contactp", Meaning::Field(Field::ContactPerson, 0.85)),
    ("termijn", Meaning::Field(Field::PaymentTerm, 0.7)),
    ("kvk", Meaning::Field(Field::KvkNumber, 0.9)),
    ("iban", Meaning::Field(Field::Iban, 0.9)),
    ("mail", Meaning::Field(Field::Email, 0.8)),
    ("telefoon", Meaning::Field(Field::Phone, 0.8)),
    ("adres", Meaning::Field(Field::Address, 0.7)),
    ("address", Meaning::Field(Field::Address, 0.7)),
    ("naam", Meaning::Field(Field::CustomerName, 0.6)),
];

/// Currency codes an amount header may end with, normalised.
const CURRENCY_SUFFIXES: &[&str] = &["eur", "usd", "gbp", "chf", "euro"];

/// What one header means for a table, if anything.
fn meaning(header: &str, table: Table) -> Option<Meaning> {
    let key = normalise(header);
    if key.is_empty() {
        return None;
    }
    if IGNORED_EXACT.contains(&key.as_str()) {
        return Some(Meaning::Ignored);
    }
    let fits = |field: Field| match table {
        Table::Invoices => field.on_invoices(),
        Table::Customers => field.on_customers(),
    };
    let exact = |key: &str| {
        EXACT
            .iter()
            .filter(|(synonym, field, _, only)| {
                *synonym == key && fits(*field) && only.is_none_or(|only| only == table)
            })
            .map(|(_, field, confidence, _)| Meaning::Field(*field, *confidence))
            .next()
    };
    if let Some(found) = exact(&key) {
        return Some(found);
    }
    // `Total (EUR)`, `Bedrag EUR`, `Amount (USD)`: the header without the
    // currency it names.
    let without_currency = CURRENCY_SUFFIXES
        .iter()
        .find_map(|code| key.strip_suffix(code).filter(|rest| !rest.is_empty()));
    if let Some(rest) = without_currency {
        if IGNORED_EXACT.contains(&rest) {
            return Some(Meaning::Ignored);
        }
        if let Some(Meaning::Field(field, confidence)) = exact(rest) {
            return Some(Meaning::Field(field, confidence * 0.95));
        }
    }
    FRAGMENTS
        .iter()
        .find(|(fragment, meaning)| {
            key.contains(fragment)
                && match meaning {
                    Meaning::Field(field, _) => fits(*field),
                    Meaning::Ignored => true,
                }
        })
        .map(|(_, meaning)| *meaning)
}

/// A table found in a sheet, with how sure the recognition is per field.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The mapping of this table.
    pub table: TableMapping,
    /// Confidence per mapped field, 0 to 1.
    pub confidence: BTreeMap<Field, f32>,
    /// The preset whose layout this is, if one matched.
    pub preset: Option<&'static Preset>,
    /// Sum of confidences, to pick the best candidate.
    score: f32,
}

/// The columns one row's headers give a table, most confident first, each
/// field and column used once; `None` when the row is not header-like.
struct Assigned {
    headers: Vec<String>,
    columns: BTreeMap<Field, u32>,
    confidence: BTreeMap<Field, f32>,
    preset: Option<&'static Preset>,
}

/// Assigns the fields of one row's headers, without asking whether the
/// table is complete.
fn assign(sheet: &Sheet, row: usize, table: Table) -> Option<Assigned> {
    let cells = sheet.rows.get(row)?;
    let headers: Vec<String> = cells.iter().map(Cell::display).collect();
    let texts = cells
        .iter()
        .filter(|cell| matches!(cell, Cell::Text(_)))
        .count();
    let filled = cells.iter().filter(|cell| !cell.is_empty()).count();
    // A header row is mostly text; a data row with numbers and dates is not.
    if texts < 2 || texts * 4 < filled * 3 {
        return None;
    }
    let preset = presets::matching(&headers, table);
    let mut candidates: Vec<(f32, u32, Field)> = Vec::new();
    let mut ignored: Vec<u32> = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let Ok(column) = u32::try_from(index) else {
            continue;
        };
        let from_preset = preset.and_then(|preset| preset.field_for(header));
        match from_preset
            .map(|field| Meaning::Field(field, 1.0))
            .or_else(|| meaning(header, table))
        {
            Some(Meaning::Field(field, confidence)) => candidates.push((confidence, column, field)),
            Some(Meaning::Ignored) => ignored.push(column),
            None => {}
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut columns = BTreeMap::new();
    let mut confidence = BTreeMap::new();
    let mut used_columns = ignored;
    for (score, column, field) in candidates {
        if columns.contains_key(&field) || used_columns.contains(&column) {
            continue;
        }
        columns.insert(field, column);
        confidence.insert(field, score);
        used_columns.push(column);
    }
    Some(Assigned {
        headers,
        columns,
        confidence,
        preset,
    })
}

/// Reads one row as the header row of a table, or `None` when it lacks the
/// fields the table needs.
pub fn read_header_row(sheet: &Sheet, row: usize, table: Table) -> Option<Found> {
    let Assigned {
        headers,
        columns,
        confidence,
        preset,
    } = assign(sheet, row, table)?;
    let has = |field: Field| columns.contains_key(&field);
    let complete = match table {
        Table::Invoices => {
            has(Field::InvoiceNumber) && (has(Field::Amount) || has(Field::OpenAmount))
        }
        Table::Customers => {
            let details = [
                Field::Address,
                Field::PostalCode,
                Field::City,
                Field::Language,
                Field::Consumer,
                Field::OwnTerms,
                Field::Phone,
                Field::ContactPerson,
                Field::KvkNumber,
                Field::Email,
                Field::Iban,
                Field::PaymentTerm,
            ];
            (has(Field::CustomerCode) || has(Field::CustomerName))
                && details.iter().filter(|field| has(**field)).count() >= 2
        }
    };
    if !complete {
        return None;
    }
    let score = confidence.values().sum();
    Some(Found {
        table: TableMapping {
            sheet: sheet.name.clone(),
            header_row: u32::try_from(row).ok()?,
            headers,
            columns,
        },
        confidence,
        preset,
        score,
    })
}

/// The best header row for a table in one sheet.
fn best_in_sheet(sheet: &Sheet, table: Table) -> Option<Found> {
    (0..sheet.rows.len().min(HEADER_SEARCH_ROWS))
        .filter_map(|row| read_header_row(sheet, row, table))
        .fold(None, |best: Option<Found>, found| match best {
            Some(best) if best.score >= found.score => Some(best),
            _ => Some(found),
        })
}

/// The invoices table and, on another sheet, the customers table of a
/// workbook, as well as recognition can tell.
pub fn detect(workbook: &Workbook) -> (Option<Found>, Option<Found>) {
    let invoices = workbook
        .sheets
        .iter()
        .filter_map(|sheet| best_in_sheet(sheet, Table::Invoices))
        .fold(None, |best: Option<Found>, found| match best {
            Some(best) if best.score >= found.score => Some(best),
            _ => Some(found),
        });
    let invoice_sheet = invoices.as_ref().map(|found| found.table.sheet.clone());
    let customers = workbook
        .sheets
        .iter()
        .filter(|sheet| Some(&sheet.name) != invoice_sheet.as_ref())
        .filter_map(|sheet| best_in_sheet(sheet, Table::Customers))
        .fold(None, |best: Option<Found>, found| match best {
            Some(best) if best.score >= found.score => Some(best),
            _ => Some(found),
        });
    (invoices, customers)
}

/// What recognition found in a file that is not a complete invoices table
/// but plainly an invoice list: the columns recognised and what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partial {
    /// The sheet.
    pub sheet: String,
    /// The 0-based header row.
    pub row: usize,
    /// Each recognised column: its header and the field it would hold.
    pub recognised: Vec<(String, Field)>,
    /// What an invoices table needs and this one lacks, in words.
    pub missing: &'static str,
}

/// The most invoice-like header row of a workbook in which no complete
/// invoices table was found: one with an invoice number, a due date or an
/// unmistakable open amount (words a bank statement does not use) and at
/// least one other invoice field. `None` when nothing looks like an
/// invoice list, so a bank CSV of an unknown layout stays a bank file.
pub fn partial(workbook: &Workbook) -> Option<Partial> {
    let telling = |assigned: &Assigned| {
        let sure = |field: Field, at_least: f32| {
            assigned
                .confidence
                .get(&field)
                .is_some_and(|confidence| *confidence >= at_least)
        };
        sure(Field::InvoiceNumber, 0.8)
            || sure(Field::DueDate, 0.8)
            || sure(Field::OpenAmount, 0.95)
    };
    let mut best: Option<(usize, Partial)> = None;
    for sheet in &workbook.sheets {
        for row in 0..sheet.rows.len().min(HEADER_SEARCH_ROWS) {
            let Some(assigned) = assign(sheet, row, Table::Invoices) else {
                continue;
            };
            if assigned.columns.len() < 2 || !telling(&assigned) {
                continue;
            }
            if best
                .as_ref()
                .is_some_and(|(count, _)| *count >= assigned.columns.len())
            {
                continue;
            }
            let mut recognised: Vec<(u32, String, Field)> = assigned
                .columns
                .iter()
                .map(|(field, column)| {
                    let header = assigned
                        .headers
                        .get(*column as usize)
                        .cloned()
                        .unwrap_or_default();
                    (*column, header, *field)
                })
                .collect();
            recognised.sort_by_key(|(column, _, _)| *column);
            let missing = if assigned.columns.contains_key(&Field::InvoiceNumber) {
                "the invoice amount or the amount still open"
            } else {
                "the invoice number"
            };
            best = Some((
                assigned.columns.len(),
                Partial {
                    sheet: sheet.name.clone(),
                    row,
                    recognised: recognised
                        .into_iter()
                        .map(|(_, header, field)| (header, field))
                        .collect(),
                    missing,
                },
            ));
        }
    }
    best.map(|(_, found)| found)
}

/// Per sheet, the first row with at least two text cells: what the user
/// should compare with the expected headers when nothing was recognised.
pub fn headers_seen(workbook: &Workbook) -> String {
    let per_sheet: Vec<String> = workbook
        .sheets
        .iter()
        .map(|sheet| {
            let row = sheet
                .rows
                .iter()
                .take(HEADER_SEARCH_ROWS)
                .enumerate()
                .max_by_key(|(index, cells)| {
                    let texts = cells
                        .iter()
                        .filter(|cell| matches!(cell, Cell::Text(_)))
                        .count();
                    (texts, std::cmp::Reverse(*index))
                });
            match row {
                Some((index, cells)) if !cells.is_empty() => {
                    let headers: Vec<String> = cells
                        .iter()
                        .map(Cell::display)
                        .filter(|text| !text.is_empty())
                        .map(|text| format!("'{text}'"))
                        .collect();
                    format!(
                        "sheet '{}' row {}: {}",
                        sheet.name,
                        index + 1,
                        headers.join(", ")
                    )
                }
                _ => format!("sheet '{}': empty", sheet.name),
            }
        })
        .collect();
    if per_sheet.is_empty() {
        "no sheets".to_owned()
    } else {
        per_sheet.join("; ")
    }
}
