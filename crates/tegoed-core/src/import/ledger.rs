//! Importing a read ledger into the book, in one transaction.
//!
//! Customers are found by code, else by name, and updated with what the
//! file says (a value the file does not carry keeps the book's). Invoices
//! are found by number: a new one is added, a known one is updated in place
//! (amount, dates, status, open amount) so that Tegoed's own records
//! (allocations, dunning events, letters, documents, disputes, notes) stay
//! attached; an unchanged one is not written. Invoices of the same ledger
//! (same file shape) that are open in the book but missing from the file
//! are reported, never deleted. Credit notes are linked to what they credit.
//! Everything is checked before the first write, so a bad file changes nothing.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::book::ledger::{
    KnownCustomer, KnownInvoice, LedgerCustomerRow, LedgerInvoiceRow, insert_document,
    insert_ledger_invoices, link_credit_note, save_ledger_mapping, write_ledger_customer,
    write_ledger_invoice,
};
use crate::book::{Book, BookError, audit};
use crate::invoice::LedgerStatus;
use crate::ledger::header::normalise;
use crate::ledger::{Ledger, LedgerError, LedgerInvoice};
use crate::money::Money;

/// The payment term assumed when neither the file nor the book gives one:
/// the statutory default of art. 6:119a lid 2 BW (30 days).
pub const DEFAULT_TERM_DAYS: i64 = 30;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Invoices added.
    pub added: usize,
    /// Known invoices whose ledger data changed.
    pub updated: usize,
    /// Known invoices the file repeats unchanged.
    pub unchanged: usize,
    /// Customers added.
    pub customers_added: usize,
    /// Known customers whose data changed.
    pub customers_updated: usize,
    /// Open invoices of this ledger that the file no longer lists.
    pub vanished: Vec<String>,
    /// Embedded PDFs stored.
    pub documents_added: usize,
    /// Things the user should know, each naming file and invoice.
    pub warnings: Vec<String>,
}

/// Why a ledger could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file lacks something the book needs; nothing was changed.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The book could not be read or written; nothing was changed.
    #[error(transparent)]
    Book(#[from] BookError),
}

/// Imports a ledger into the book in one transaction, and saves its
/// mapping for the file shape so that the next file like it is read the
/// same way. `at` stamps the audit log and the mapping.
///
/// # Errors
/// [`ImportError::Ledger`] when an invoice lacks its invoice date, amount or
/// customer (naming file, sheet and row); [`ImportError::Book`] when the
/// book fails. Either way nothing is written.
pub async fn import(
    book: &Book,
    ledger: &Ledger,
    at: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let (known_customers, known_invoices) = book.ledger_state().await?;
    let plan = plan(ledger, &known_customers, &known_invoices)?;
    let mut report = plan.report;
    let mut transaction = book.begin().await?;
    let mut customer_ids: Vec<i64> = Vec::with_capacity(plan.customers.len());
    for (row, write) in &plan.customers {
        let id = match row.id {
            Some(id) if !write => id,
            _ => write_ledger_customer(&mut transaction, row).await?,
        };
        customer_ids.push(id);
    }
    let mut invoice_ids: HashMap<String, i64> = known_invoices
        .iter()
        .map(|invoice| (invoice.number.clone(), invoice.id))
        .collect();
    let mut new_invoices = Vec::new();
    for planned in plan.invoices.iter().filter(|planned| planned.write) {
        let customer_id =
            customer_ids
                .get(planned.customer)
                .copied()
                .ok_or_else(|| BookError::Corrupt {
                    what: "customer index",
                    value: planned.customer.to_string(),
                })?;
        let mut row = planned.row.clone();
        row.customer_id = customer_id;
        if row.id.is_some() {
            // A known invoice whose ledger data changed: few per re-import.
            let id = write_ledger_invoice(&mut transaction, &row).await?;
            invoice_ids.insert(row.number.clone(), id);
        } else {
            new_invoices.push(row);
        }
    }
    let new_invoices: Vec<&LedgerInvoiceRow> = new_invoices.iter().collect();
    invoice_ids.extend(insert_ledger_invoices(&mut transaction, &new_invoices).await?);
    let known_credits: HashMap<i64, Option<i64>> = known_invoices
        .iter()
        .map(|invoice| (invoice.id, invoice.credits_invoice_id))
        .collect();
    for (credit_note, credited) in &plan.credits {
        let (Some(&credit_id), target) = (invoice_ids.get(credit_note), invoice_ids.get(credited))
        else {
            continue;
        };
        match target {
            Some(&credited_id) => {
                if known_credits.get(&credit_id).copied().flatten() != Some(credited_id) {
                    link_credit_note(&mut transaction, credit_id, credited_id).await?;
                }
            }
            None => report.warnings.push(format!(
                "{}: credit note {credit_note} credits invoice {credited}, which is not in the book",
                ledger.file
            )),
        }
    }
    for document in &ledger.documents {
        let digest = Sha256::digest(&document.content);
        let sha256: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        let invoice_id = invoice_ids.get(&document.invoice_number).copied();
        if insert_document(
            &mut transaction,
            invoice_id,
            &document.file_name,
            &sha256,
            &document.content,
            at,
        )
        .await?
        .is_some()
        {
            report.documents_added += 1;
        }
    }
    if let Some(mapping) = &ledger.mapping {
        let json = mapping.to_json().map_err(|error| BookError::Corrupt {
            what: "mapping",
            value: error.to_string(),
        })?;
        save_ledger_mapping(&mut transaction, &mapping.shape(), &json, at).await?;
    }
    let detail = format!(
        "added {}, updated {}, unchanged {}, vanished {}",
        report.added,
        report.updated,
        report.unchanged,
        report.vanished.len()
    );
    audit(
        &mut transaction,
        at,
        "import",
        "ledger",
        &ledger.file,
        Some(&detail),
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;
    Ok(report)
}

/// An invoice to write, or to leave as it is.
struct PlannedInvoice {
    row: LedgerInvoiceRow,
    /// Index into the planned customers.
    customer: usize,
    /// False when the book already holds exactly this.
    write: bool,
}

/// Everything an import will write, worked out before the first write.
struct Plan {
    /// Customer rows and whether each needs writing.
    customers: Vec<(LedgerCustomerRow, bool)>,
    invoices: Vec<PlannedInvoice>,
    /// (credit note number, credited invoice number).
    credits: Vec<(String, String)>,
    report: ImportReport,
}

/// Works out the import without touching the book.
fn plan(
    ledger: &Ledger,
    known_customers: &[KnownCustomer],
    known_invoices: &[KnownInvoice],
) -> Result<Plan, LedgerError> {
    let mut report = ImportReport {
        warnings: ledger.warnings.clone(),
        ..ImportReport::default()
    };
    let by_code: HashMap<&str, &KnownCustomer> = known_customers
        .iter()
        .map(|customer| (customer.code.as_str(), customer))
        .collect();
    let mut by_name: HashMap<String, &KnownCustomer> = HashMap::new();
    for customer in known_customers {
        by_name.entry(normalise(&customer.name)).or_insert(customer);
    }
    let mut codes_taken: HashSet<String> = known_customers.iter().map(|c| c.code.clone()).collect();

    // Customers: one planned row per ledger customer that an invoice uses
    // or that the customers sheet lists.
    let mut customers: Vec<(LedgerCustomerRow, bool)> = Vec::with_capacity(ledger.customers.len());
    let mut customer_terms: Vec<Option<i64>> = Vec::with_capacity(ledger.customers.len());
    for customer in &ledger.customers {
        let known = customer
            .code
            .as_deref()
            .and_then(|code| by_code.get(code).copied())
            .or_else(|| {
                customer
                    .name
                    .as_deref()
                    .and_then(|name| by_name.get(&normalise(name)).copied())
            });
        let name = customer
            .name
            .clone()
            .or_else(|| known.map(|known| known.name.clone()))
            .or_else(|| customer.code.clone())
            .unwrap_or_default();
        let code = match (known, &customer.code) {
            (Some(known), _) => known.code.clone(),
            (None, Some(code)) => code.clone(),
            (None, None) => unique_code(&name, &codes_taken),
        };
        codes_taken.insert(code.clone());
        let keep = |new: &Option<String>, old: Option<&Option<String>>| {
            new.clone().or_else(|| old.cloned().flatten())
        };
        let row = LedgerCustomerRow {
            id: known.map(|known| known.id),
            code,
            name,
            email: keep(&customer.email, known.map(|k| &k.email)),
            phone: keep(&customer.phone, known.map(|k| &k.phone)),
            contact_person: keep(&customer.contact_person, known.map(|k| &k.contact_person)),
            address: keep(&customer.address, known.map(|k| &k.address)),
            iban: keep(&customer.iban, known.map(|k| &k.iban)),
            kvk_number: keep(&customer.kvk_number, known.map(|k| &k.kvk_number)),
            payment_term_days: customer
                .payment_term_days
                .or(known.and_then(|known| known.payment_term_days)),
            language: customer
                .language
                .map(|language| language.code().to_owned())
                .or_else(|| known.map(|known| known.language.clone()))
                .unwrap_or_else(|| "nl".to_owned()),
            consumer: customer
                .consumer
                .or(known.map(|known| known.consumer))
                .unwrap_or(false),
            own_terms: customer
                .own_terms
                .or(known.map(|known| known.own_terms))
                .unwrap_or(false),
        };
        customer_terms.push(row.payment_term_days);
        let write = match known {
            None => {
                report.customers_added += 1;
                true
            }
            Some(known) if !same_customer(&row, known) => {
                report.customers_updated += 1;
                true
            }
            Some(_) => false,
        };
        customers.push((row, write));
    }

    let known_by_number: HashMap<&str, &KnownInvoice> = known_invoices
        .iter()
        .map(|invoice| (invoice.number.as_str(), invoice))
        .collect();
    let shape = ledger.mapping.as_ref().map(|_| ledger.shape());
    let source = ledger.file.clone();
    let mut invoices = Vec::with_capacity(ledger.invoices.len());
    let mut credits = Vec::new();
    for invoice in &ledger.invoices {
        let incomplete = |field: &'static str, fix: &'static str| LedgerError::Incomplete {
            file: ledger.file.clone(),
            sheet: invoice.place.sheet.clone(),
            row: invoice.place.row + 1,
            number: invoice.number.clone(),
            field,
            fix,
        };
        let customer = invoice.customer.ok_or_else(|| {
            incomplete(
                "customer",
                "add a customer code or name column, or fill in the cell",
            )
        })?;
        let invoice_date = invoice.invoice_date.ok_or_else(|| {
            incomplete(
                "invoice date",
                "add an invoice date column, or fill in the cell",
            )
        })?;
        let amount = invoice
            .amount
            .or(invoice.open_amount)
            .ok_or_else(|| incomplete("amount", "fill in the amount"))?;
        let due_date = match invoice.due_date {
            Some(due) => due,
            None => {
                let term = invoice
                    .payment_term_days
                    .or(customer_terms.get(customer).copied().flatten());
                let days = term.unwrap_or_else(|| {
                    report.warnings.push(format!(
                        "{}, sheet '{}', row {}: invoice {} has no due date and its customer no payment term; due date set to the invoice date plus {DEFAULT_TERM_DAYS} days",
                        ledger.file,
                        invoice.place.sheet,
                        invoice.place.row + 1,
                        invoice.number
                    ));
                    DEFAULT_TERM_DAYS
                });
                invoice_date
                    .checked_add_signed(Duration::days(days))
                    .ok_or_else(|| incomplete("due date", "fill in the due date"))?
            }
        };
        let known = known_by_number.get(invoice.number.as_str()).copied();
        let row = LedgerInvoiceRow {
            id: known.map(|known| known.id),
            number: invoice.number.clone(),
            customer_id: 0,
            invoice_date,
            due_date,
            amount,
            ledger_open: invoice.open_amount,
            currency: invoice
                .currency
                .clone()
                .or_else(|| known.map(|known| known.currency.clone()))
                .unwrap_or_else(|| "EUR".to_owned()),
            reference: invoice
                .reference
                .clone()
                .or_else(|| known.and_then(|known| known.reference.clone())),
            order_number: invoice
                .order_number
                .clone()
                .or_else(|| known.and_then(|known| known.order_number.clone())),
            ledger_status: ledger_status(invoice, amount),
            ledger_shape: shape
                .clone()
                .or_else(|| known.and_then(|known| known.ledger_shape.clone())),
            source: source.clone(),
        };
        let customer_id_known = customers.get(customer).and_then(|(row, _)| row.id);
        let write = match known {
            None => {
                report.added += 1;
                true
            }
            Some(known) => {
                let same = known.customer_id == customer_id_known.unwrap_or(-1)
                    && known.invoice_date == row.invoice_date
                    && known.due_date == row.due_date
                    && known.amount == row.amount
                    && known.ledger_open == row.ledger_open
                    && known.currency == row.currency
                    && known.reference == row.reference
                    && known.order_number == row.order_number
                    && known.ledger_status == row.ledger_status
                    && known.ledger_shape == row.ledger_shape;
                if same {
                    report.unchanged += 1;
                } else {
                    report.updated += 1;
                }
                !same
            }
        };
        if let Some(credited) = &invoice.credits {
            credits.push((invoice.number.clone(), credited.clone()));
        }
        invoices.push(PlannedInvoice {
            row,
            customer,
            write,
        });
    }
    if let Some(shape) = &shape {
        let in_file: HashSet<&str> = ledger
            .invoices
            .iter()
            .map(|invoice| invoice.number.as_str())
            .collect();
        for known in known_invoices {
            if known.ledger_shape.as_deref() == Some(shape.as_str())
                && known.ledger_status == LedgerStatus::Open
                && !in_file.contains(known.number.as_str())
            {
                report.vanished.push(known.number.clone());
                report.warnings.push(format!(
                    "{}: invoice {} is no longer in this ledger; it is left in the book as it was (mark it paid or credited if the accounting package did)",
                    ledger.file, known.number
                ));
            }
        }
    }
    Ok(Plan {
        customers,
        invoices,
        credits,
        report,
    })
}

/// The ledger status: the file's status column, else paid when the ledger
/// says nothing is open on a non-zero invoice.
fn ledger_status(invoice: &LedgerInvoice, amount: Money) -> LedgerStatus {
    match (invoice.status, invoice.open_amount) {
        (Some(status), _) => status,
        (None, Some(open)) if open.is_zero() && !amount.is_zero() => LedgerStatus::Paid,
        _ => LedgerStatus::Open,
    }
}

/// True when a planned customer row holds what the book already has.
fn same_customer(row: &LedgerCustomerRow, known: &KnownCustomer) -> bool {
    row.name == known.name
        && row.email == known.email
        && row.phone == known.phone
        && row.contact_person == known.contact_person
        && row.address == known.address
        && row.iban == known.iban
        && row.kvk_number == known.kvk_number
        && row.payment_term_days == known.payment_term_days
        && row.language == known.language
        && row.consumer == known.consumer
        && row.own_terms == known.own_terms
}

/// A customer code for a customer the file names but gives no code:
/// the name itself, numbered when another customer has that code.
fn unique_code(name: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(name) {
        return name.to_owned();
    }
    (2..)
        .map(|n| format!("{name} ({n})"))
        .find(|code| !taken.contains(code))
        .unwrap_or_else(|| name.to_owned())
}

impl crate::fault::Classify for ImportError {
    fn fault(&self) -> crate::fault::Fault {
        match self {
            ImportError::Ledger(_) => crate::fault::Fault::Input,
            ImportError::Book(error) => error.fault(),
        }
    }
}
