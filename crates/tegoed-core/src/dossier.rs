//! Use case "hand a case over": the dossier a collection agency receives —
//! a summary PDF (customer, invoices, principal, costs, interest, every
//! letter and call with its date), the letters as sent and the invoices'
//! own PDFs — as one zip. Only what the case needs (letters.md L6).

use std::io::{Cursor, Write};

use chrono::NaiveDate;

use crate::book::{Book, BookError};
use crate::customer::{Customer, Language};
use crate::law::LawError;
use crate::law::costs::{self, VatOnCosts};
use crate::law::interest::{self, InterestKind};
use crate::letters::{self, DossierSummary, LetterError, LetterInvoice, Recipient};
use crate::money::Money;
use crate::today;

/// Why no dossier was made.
#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    /// No customer has that code or name.
    #[error("there is no customer '{0}' (give a customer code or the exact name)")]
    UnknownCustomer(String),
    /// The customer owes nothing.
    #[error("{0} has no open invoice to hand over")]
    NothingOpen(String),
    /// The summary could not be rendered.
    #[error(transparent)]
    Letter(#[from] LetterError),
    /// Interest could not be computed.
    #[error(transparent)]
    Law(#[from] LawError),
    /// The zip could not be written.
    #[error("the dossier could not be packed: {0}")]
    Zip(String),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

/// A dossier made.
#[derive(Debug, Clone)]
pub struct Dossier {
    /// The customer.
    pub customer: Customer,
    /// The zip.
    pub zip: Vec<u8>,
    /// Letters in it.
    pub letters: usize,
    /// Open invoices it covers.
    pub invoices: usize,
    /// Open principal.
    pub principal: Money,
    /// Collection costs claimed.
    pub costs: Money,
    /// Statutory interest up to the dossier date.
    pub interest: Money,
}

/// Makes the hand-over dossier of a customer on `as_of`.
///
/// # Errors
/// [`DossierError`]; nothing is written to the book.
pub async fn dossier(book: &Book, key: &str, as_of: NaiveDate) -> Result<Dossier, DossierError> {
    let row = book
        .find_customer(key)
        .await?
        .ok_or_else(|| DossierError::UnknownCustomer(key.to_owned()))?;
    let customer = row.customer.clone();
    let casebook = today::casebook(book, as_of).await?;
    let mut positions: Vec<_> = casebook
        .positions
        .values()
        .filter(|position| position.customer_code == customer.code && position.is_open())
        .filter(|position| position.amount.is_positive())
        .collect();
    positions.sort_by(|a, b| (a.due_date, &a.number).cmp(&(b.due_date, &b.number)));
    if positions.is_empty() {
        return Err(DossierError::NothingOpen(customer.name.clone()));
    }
    let invoices: Vec<LetterInvoice> = positions
        .iter()
        .map(|position| LetterInvoice {
            number: position.number.clone(),
            invoice_date: position.invoice_date,
            due_date: position.due_date,
            order_number: casebook
                .facts
                .get(&position.number)
                .and_then(|fact| fact.order_number.clone()),
            amount: position.amount,
            paid: position.amount - position.open_amount,
            open: position.open_amount,
            days_overdue: (as_of - position.due_date).num_days().max(0),
        })
        .collect();
    let principal: Money = invoices.iter().map(|invoice| invoice.open).sum();
    let outbox: Vec<_> = book
        .outbox()
        .await?
        .into_iter()
        .filter(|letter| letter.customer_id == row.id)
        .collect();
    let demanded = outbox
        .iter()
        .filter(|letter| letter.stage == "demand")
        .max_by_key(|letter| (letter.as_of, letter.id));
    let (costs, interest) = if customer.consumer {
        (
            demanded
                .and_then(|letter| letter.costs)
                .unwrap_or(Money::ZERO),
            Money::ZERO,
        )
    } else {
        let mut costs_sum = Money::ZERO;
        let mut interest_sum = Money::ZERO;
        for invoice in &invoices {
            costs_sum += costs::collection_costs(invoice.open, &VatOnCosts::default()).total();
            interest_sum += interest::statutory_interest(
                invoice.open,
                invoice.due_date,
                as_of,
                InterestKind::Commercial,
            )?
            .interest;
        }
        (
            demanded
                .and_then(|letter| letter.costs)
                .unwrap_or(costs_sum),
            interest_sum,
        )
    };
    let events: Vec<(NaiveDate, String)> = book
        .timeline_rows(row.id)
        .await?
        .into_iter()
        .map(|event| {
            let text = match customer.language {
                Language::Nl => event.text_nl,
                Language::En => event.text,
            };
            (event.at, text)
        })
        .collect();
    let summary = letters::render_dossier_summary(&DossierSummary {
        sender: crate::remind::sender(book).await?,
        customer: Recipient {
            name: customer.name.clone(),
            address: customer.address_lines(),
            customer_code: customer.code.clone(),
            attention: customer.contact_person.clone(),
        },
        language: customer.language,
        date: as_of,
        invoices: invoices.clone(),
        principal,
        costs,
        interest,
        events,
    })?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), DossierError> {
        zip.start_file(name, options)
            .map_err(|error| DossierError::Zip(error.to_string()))?;
        zip.write_all(bytes)
            .map_err(|error| DossierError::Zip(error.to_string()))
    };
    add("summary.pdf", &summary)?;
    let mut n_letters = 0;
    for letter in &outbox {
        if let Some(content) = book.letter_content(letter.id).await? {
            let name = letter
                .file_name
                .clone()
                .unwrap_or_else(|| format!("letter-{}.pdf", letter.id));
            add(&format!("letters/{name}"), &content)?;
            n_letters += 1;
        }
    }
    for invoice in &invoices {
        if let Some((name, pdf)) = book.invoice_document(&invoice.number).await? {
            add(&format!("invoices/{}-{name}", invoice.number), &pdf)?;
        }
    }
    let zip = zip
        .finish()
        .map_err(|error| DossierError::Zip(error.to_string()))?
        .into_inner();
    Ok(Dossier {
        customer,
        zip,
        letters: n_letters,
        invoices: invoices.len(),
        principal,
        costs,
        interest,
    })
}

impl crate::fault::Classify for DossierError {
    fn fault(&self) -> crate::fault::Fault {
        use crate::fault::Fault;
        match self {
            DossierError::UnknownCustomer(_) | DossierError::NothingOpen(_) => Fault::Input,
            DossierError::Book(error) => error.fault(),
            DossierError::Letter(_) | DossierError::Law(_) | DossierError::Zip(_) => {
                Fault::Internal
            }
        }
    }
}
