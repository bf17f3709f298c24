//! Presets for the open-items exports of the accounting packages Dutch SMEs
//! use most.
//!
//! A preset is recognised by a few telling headers that must all be present
//! (its signature) and then maps its own column names first, before the
//! general synonyms of `header.rs` fill in the rest. Whether each layout was
//! checked against a documented one is recorded in [`Preset::verified`] and
//! [`Preset::source`]; unverified presets only add synonyms and can never
//! make a file fail that general recognition would read.

use super::header::{Table, normalise};
use super::mapping::Field;

/// A known export layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// A stable key, e.g. `e_boekhouden`.
    pub key: &'static str,
    /// The package's name as users know it.
    pub name: &'static str,
    /// The table the layout is for.
    pub table: Table,
    /// Normalised headers that must all be present.
    pub signature: &'static [&'static str],
    /// Normalised header → field, for this layout's own column names.
    pub columns: &'static [(&'static str, Field)],
    /// True when the column names were checked against a documented layout.
    pub verified: bool,
    /// Where the layout comes from, or why it is not verified.
    pub source: &'static str,
}

impl Preset {
    /// The field this preset gives a header, if it names it.
    pub fn field_for(&self, header: &str) -> Option<Field> {
        let key = normalise(header);
        self.columns
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, field)| *field)
    }
}

/// Every preset, most specific signature first.
pub static PRESETS: &[Preset] = &[
    Preset {
        key: "e_boekhouden",
        name: "e-Boekhouden.nl",
        table: Table::Invoices,
        signature: &["mutfactuur", "openstaand"],
        columns: &[
            ("mutfactuur", Field::InvoiceNumber),
            ("mutdatum", Field::InvoiceDate),
            ("relcode", Field::CustomerCode),
            ("relbedrijf", Field::CustomerName),
            ("bedrag", Field::Amount),
            ("openstaand", Field::OpenAmount),
        ],
        verified: true,
        source: "the open item (cOpenPost: MutDatum, MutFactuur, RelCode, RelBedrijf, Bedrag, Voldaan, Openstaand) of e-Boekhouden's documented SOAP API GetOpenPosten; the same names in a sheet are read as these fields",
    },
    Preset {
        key: "moneybird",
        name: "Moneybird",
        table: Table::Invoices,
        signature: &["invoiceid", "totalunpaid"],
        columns: &[
            ("invoiceid", Field::InvoiceNumber),
            ("contact", Field::CustomerName),
            ("customerid", Field::CustomerCode),
            ("invoicedate", Field::InvoiceDate),
            ("duedate", Field::DueDate),
            ("state", Field::Status),
            ("totalpriceincltax", Field::Amount),
            ("totalunpaid", Field::OpenAmount),
            ("currency", Field::Currency),
            ("reference", Field::OrderNumber),
            ("paymentreference", Field::Reference),
        ],
        verified: false,
        source: "field names of Moneybird's sales invoice API (invoice_id, contact, invoice_date, due_date, state, total_price_incl_tax, total_unpaid, currency, reference) and its invoice states; not checked against a spreadsheet export",
    },
    Preset {
        key: "exact_online",
        name: "Exact Online",
        table: Table::Invoices,
        signature: &["onzeref", "vervaldatum"],
        columns: &[
            ("onzeref", Field::InvoiceNumber),
            ("uwref", Field::OrderNumber),
            ("relatie", Field::CustomerName),
            ("code", Field::CustomerCode),
            ("bedrag", Field::Amount),
            ("openstaand", Field::OpenAmount),
        ],
        verified: false,
        source: "modelled on the receivables list of Exact Online (\"Onze ref.\" for the invoice number, \"Uw ref.\" for the customer's reference); no public documentation of the export layout was found",
    },
    Preset {
        key: "snelstart",
        name: "SnelStart",
        table: Table::Customers,
        signature: &["relatiecode", "krediettermijn"],
        columns: &[
            ("relatiecode", Field::CustomerCode),
            ("naam", Field::CustomerName),
            ("contactpersoon", Field::ContactPerson),
            ("adres", Field::Address),
            ("postcode", Field::PostalCode),
            ("plaats", Field::City),
            ("telefoonnummer", Field::Phone),
            ("emailadres", Field::Email),
            ("krediettermijn", Field::PaymentTerm),
            ("iban", Field::Iban),
            ("nummerkvk", Field::KvkNumber),
        ],
        verified: true,
        source: "the customer (Klanten) field names of SnelStart's import profile as a payroll vendor documents them (Relatiecode, Naam, Contactpersoon, Adres, Postcode, Plaats, Telefoonnummer, Emailadres, Krediettermijn, IBAN, Nummer kvk); SnelStart's open-items report layout itself was not found",
    },
    Preset {
        key: "twinfield",
        name: "Twinfield",
        table: Table::Invoices,
        signature: &["factuurnummer", "relatie", "openstaandbedrag"],
        columns: &[
            ("relatie", Field::CustomerCode),
            ("naam", Field::CustomerName),
            ("openstaandbedrag", Field::OpenAmount),
        ],
        verified: false,
        source: "modelled on Twinfield's open items report (relation code beside the name); no public documentation of the export layout was found",
    },
    Preset {
        key: "invoice_ninja",
        name: "Invoice Ninja",
        table: Table::Invoices,
        signature: &[
            "client",
            "invoicenumber",
            "amount",
            "paid",
            "partialdeposit",
        ],
        columns: &[
            ("client", Field::CustomerName),
            ("email", Field::Email),
            ("invoicenumber", Field::InvoiceNumber),
            ("amount", Field::Amount),
            ("ponumber", Field::OrderNumber),
            ("status", Field::Status),
            ("invoicedate", Field::InvoiceDate),
            ("duedate", Field::DueDate),
        ],
        verified: true,
        source: "the invoice export of Invoice Ninja v4 (a title block, then one row per invoice line with the invoice's Amount and Paid repeated), as in Invoice Ninja's own import fixture tests/Feature/Import/invoice.csv",
    },
    Preset {
        key: "zoho_invoice",
        name: "Zoho Invoice",
        table: Table::Invoices,
        signature: &[
            "invoiceid",
            "invoicenumber",
            "customername",
            "total",
            "balance",
        ],
        columns: &[
            ("invoicenumber", Field::InvoiceNumber),
            ("customername", Field::CustomerName),
            ("customerid", Field::CustomerCode),
            ("invoicedate", Field::InvoiceDate),
            ("duedate", Field::DueDate),
            ("invoicestatus", Field::Status),
            ("currencycode", Field::Currency),
            ("total", Field::Amount),
            ("balance", Field::OpenAmount),
            ("purchaseorder", Field::OrderNumber),
            ("paymentterms", Field::PaymentTerm),
        ],
        verified: true,
        source: "Zoho Invoice's invoice export (one row per item, the invoice's SubTotal, Total and Balance repeated), as in Invoice Ninja's import fixture tests/Feature/Import/zoho_invoices.csv",
    },
    Preset {
        key: "freshbooks",
        name: "FreshBooks",
        table: Table::Invoices,
        signature: &["clientname", "invoice", "dateissued", "linetotal"],
        columns: &[
            ("clientname", Field::CustomerName),
            ("invoice", Field::InvoiceNumber),
            ("dateissued", Field::InvoiceDate),
            ("invoicestatus", Field::Status),
            ("linetotal", Field::Amount),
            ("currency", Field::Currency),
        ],
        verified: true,
        source: "FreshBooks' invoice export (one row per line; no invoice total, so the Line Total of the lines is summed), as in Invoice Ninja's import fixture tests/Feature/Import/freshbooks_invoices.csv",
    },
    Preset {
        key: "invoicely",
        name: "Invoicely",
        table: Table::Invoices,
        signature: &["date", "due", "details", "client", "total"],
        columns: &[
            ("details", Field::InvoiceNumber),
            ("client", Field::CustomerName),
            ("date", Field::InvoiceDate),
            ("due", Field::DueDate),
            ("status", Field::Status),
            ("total", Field::Amount),
        ],
        verified: true,
        source: "Invoicely's invoice export (Date, Due, Details holding the invoice number, Client, Status, Total), as in Invoice Ninja's import fixture tests/Feature/Import/invoicely_invoices.csv",
    },
    Preset {
        key: "akaunting",
        name: "Akaunting",
        table: Table::Invoices,
        signature: &["invoicenumber", "invoicedat", "dueat", "invoicestatuscode"],
        columns: &[
            ("invoicenumber", Field::InvoiceNumber),
            ("ordernumber", Field::OrderNumber),
            ("invoicestatuscode", Field::Status),
            ("invoicedat", Field::InvoiceDate),
            ("dueat", Field::DueDate),
            ("amount", Field::Amount),
            ("currencycode", Field::Currency),
            ("customerid", Field::CustomerCode),
            ("customername", Field::CustomerName),
            ("customeremail", Field::Email),
        ],
        verified: true,
        source: "Akaunting's invoice import/export sample public/files/import/invoices.csv (invoice_number, invoice_status_code, invoiced_at, due_at, amount, currency_code, customer_name, …)",
    },
    Preset {
        key: "wave",
        name: "Wave",
        table: Table::Invoices,
        signature: &[
            "transactionid",
            "accountname",
            "invoicenumber",
            "amountonecolumn",
        ],
        columns: &[
            ("invoicenumber", Field::InvoiceNumber),
            ("customer", Field::CustomerName),
            ("transactiondate", Field::InvoiceDate),
            ("amountonecolumn", Field::Amount),
        ],
        verified: true,
        source: "Wave's accounting transactions export (a row per posting; the Accounts Receivable postings of an invoice number are its amount and its payments), as in Invoice Ninja's import fixture tests/Feature/Import/wave_invoices.csv",
    },
    Preset {
        key: "frappe_books",
        name: "Frappe Books",
        table: Table::Invoices,
        signature: &["invoiceno", "party", "grandtotal", "outstandingamount"],
        columns: &[
            ("invoiceno", Field::InvoiceNumber),
            ("date", Field::InvoiceDate),
            ("party", Field::CustomerName),
            ("customercurrency", Field::Currency),
            ("grandtotal", Field::Amount),
            ("outstandingamount", Field::OpenAmount),
        ],
        verified: true,
        source: "Frappe Books' Sales Invoice export (a label row, a row of field keys such as SalesInvoice.grandTotal, then one row per item and per tax line with the invoice's Grand Total and Outstanding Amount repeated), as in Frappe Books' test fixture tests/sales_invoices.csv",
    },
];

/// The preset whose signature the headers carry, for the table being read.
pub fn matching(headers: &[String], table: Table) -> Option<&'static Preset> {
    let normalised: Vec<String> = headers.iter().map(|header| normalise(header)).collect();
    PRESETS.iter().find(|preset| {
        preset.table == table
            && preset
                .signature
                .iter()
                .all(|needed| normalised.iter().any(|header| header == needed))
    })
}
