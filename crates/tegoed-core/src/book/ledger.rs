//! Ledger rows in the book: the customers and invoices a ledger import
//! compares against and writes, the saved column mappings per file shape,
//! and invoice documents (PDFs).
//!
//! Updating an invoice keeps its id, so its allocations, dunning events,
//! letters and documents stay attached; the columns Tegoed owns (`disputed`)
//! are never written here.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{Book, BookError};
use crate::invoice::LedgerStatus;
use crate::money::Money;

/// A customer as the ledger import sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownCustomer {
    /// Book id.
    pub id: i64,
    /// Customer code.
    pub code: String,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Contact person.
    pub contact_person: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// IBAN.
    pub iban: Option<String>,
    /// KvK number.
    pub kvk_number: Option<String>,
    /// Payment term in days.
    pub payment_term_days: Option<i64>,
    /// Letter language code.
    pub language: String,
    /// B2C.
    pub consumer: bool,
    /// Own agreed terms.
    pub own_terms: bool,
}

/// An invoice as the ledger import sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownInvoice {
    /// Book id.
    pub id: i64,
    /// Invoice number.
    pub number: String,
    /// Book id of the customer.
    pub customer_id: i64,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// Total.
    pub amount: Money,
    /// Open amount according to the ledger.
    pub ledger_open: Option<Money>,
    /// Currency.
    pub currency: String,
    /// Payment reference.
    pub reference: Option<String>,
    /// Order number.
    pub order_number: Option<String>,
    /// Status in the ledger.
    pub ledger_status: LedgerStatus,
    /// The invoice a credit note credits.
    pub credits_invoice_id: Option<i64>,
    /// The ledger file shape it came from.
    pub ledger_shape: Option<String>,
}

/// A customer to insert or update from a ledger.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LedgerCustomerRow {
    /// Book id to update, or `None` to insert.
    pub id: Option<i64>,
    /// Customer code.
    pub code: String,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Contact person.
    pub contact_person: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// IBAN.
    pub iban: Option<String>,
    /// KvK number.
    pub kvk_number: Option<String>,
    /// Payment term in days.
    pub payment_term_days: Option<i64>,
    /// Letter language code.
    pub language: String,
    /// B2C.
    pub consumer: bool,
    /// Own agreed terms.
    pub own_terms: bool,
}

/// An invoice to insert or update from a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerInvoiceRow {
    /// Book id to update, or `None` to insert.
    pub id: Option<i64>,
    /// Invoice number.
    pub number: String,
    /// Book id of the customer.
    pub customer_id: i64,
    /// Invoice date.
    pub invoice_date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// Total.
    pub amount: Money,
    /// Open amount according to the ledger.
    pub ledger_open: Option<Money>,
    /// Currency.
    pub currency: String,
    /// Payment reference.
    pub reference: Option<String>,
    /// Order number.
    pub order_number: Option<String>,
    /// Status in the ledger.
    pub ledger_status: LedgerStatus,
    /// The ledger file shape.
    pub ledger_shape: Option<String>,
    /// The file it came from.
    pub source: String,
}

impl Book {
    /// Every customer and invoice, as the ledger import compares them.
    ///
    /// # Errors
    /// When the book cannot be read or holds an unknown status.
    pub async fn ledger_state(&self) -> Result<(Vec<KnownCustomer>, Vec<KnownInvoice>), BookError> {
        let customers = sqlx::query!(
            r#"SELECT id AS "id!: i64", code, name, email, phone, contact_person, address, iban, kvk_number,
                      payment_term_days, language, consumer, own_terms
               FROM customers ORDER BY id"#
        )
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|row| KnownCustomer {
            id: row.id,
            code: row.code,
            name: row.name,
            email: row.email,
            phone: row.phone,
            contact_person: row.contact_person,
            address: row.address,
            iban: row.iban,
            kvk_number: row.kvk_number,
            payment_term_days: row.payment_term_days,
            language: row.language,
            consumer: row.consumer != 0,
            own_terms: row.own_terms != 0,
        })
        .collect();
        let invoices = sqlx::query!(
            r#"SELECT id AS "id!: i64", number, customer_id, invoice_date AS "invoice_date: NaiveDate",
                      due_date AS "due_date: NaiveDate", amount_cents, ledger_open_cents, currency,
                      reference, order_number, ledger_status, credits_invoice_id, ledger_shape
               FROM invoices ORDER BY id"#
        )
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|row| {
            Ok(KnownInvoice {
                id: row.id,
                number: row.number,
                customer_id: row.customer_id,
                invoice_date: row.invoice_date,
                due_date: row.due_date,
                amount: Money::from_cents(row.amount_cents),
                ledger_open: row.ledger_open_cents.map(Money::from_cents),
                currency: row.currency,
                reference: row.reference,
                order_number: row.order_number,
                ledger_status: row.ledger_status.parse().map_err(|_| BookError::Corrupt {
                    what: "ledger status",
                    value: row.ledger_status.clone(),
                })?,
                credits_invoice_id: row.credits_invoice_id,
                ledger_shape: row.ledger_shape,
            })
        })
        .collect::<Result<Vec<_>, BookError>>()?;
        Ok((customers, invoices))
    }

    /// Every saved column mapping: (file shape, mapping as JSON).
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn ledger_mappings(&self) -> Result<Vec<(String, String)>, BookError> {
        let rows =
            sqlx::query!("SELECT shape, mapping FROM ledger_mappings ORDER BY saved_at DESC")
                .fetch_all(self.pool())
                .await?;
        Ok(rows
            .into_iter()
            .map(|row| (row.shape, row.mapping))
            .collect())
    }

    /// Saves (or replaces) the mapping for a file shape.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub async fn save_ledger_mapping(
        &self,
        shape: &str,
        mapping_json: &str,
        at: DateTime<Utc>,
    ) -> Result<(), BookError> {
        let mut connection = self.pool().acquire().await?;
        save_ledger_mapping(&mut connection, shape, mapping_json, at).await
    }

    /// Documents not linked to an invoice yet: (id, file name), for the
    /// user to assign.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn unlinked_documents(&self) -> Result<Vec<(i64, String)>, BookError> {
        let rows = sqlx::query!(
            r#"SELECT id AS "id!: i64", file_name FROM invoice_documents WHERE invoice_id IS NULL ORDER BY id"#
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| (row.id, row.file_name))
            .collect())
    }

    /// Links a stored document to an invoice by number; false when no
    /// invoice has that number or the document does not exist.
    ///
    /// # Errors
    /// When the row cannot be written.
    pub async fn assign_document(
        &self,
        document_id: i64,
        invoice_number: &str,
    ) -> Result<bool, BookError> {
        let result = sqlx::query!(
            "UPDATE invoice_documents SET invoice_id = (SELECT id FROM invoices WHERE number = ?)
             WHERE id = ? AND EXISTS (SELECT 1 FROM invoices WHERE number = ?)",
            invoice_number,
            document_id,
            invoice_number
        )
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The newest PDF stored for an invoice: (file name, bytes), for letters.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn invoice_document(
        &self,
        invoice_number: &str,
    ) -> Result<Option<(String, Vec<u8>)>, BookError> {
        let row = sqlx::query!(
            r#"SELECT d.file_name, d.content FROM invoice_documents d
               JOIN invoices i ON i.id = d.invoice_id
               WHERE i.number = ? ORDER BY d.id DESC LIMIT 1"#,
            invoice_number
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| (row.file_name, row.content)))
    }

    /// Every invoice number with its id, for linking documents.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn invoice_numbers(&self) -> Result<Vec<(i64, String)>, BookError> {
        let rows = sqlx::query!(r#"SELECT id AS "id!: i64", number FROM invoices ORDER BY id"#)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(|row| (row.id, row.number)).collect())
    }
}

/// Saves (or replaces) the mapping for a file shape inside a transaction.
///
/// # Errors
/// When the row cannot be written.
pub async fn save_ledger_mapping(
    connection: &mut SqliteConnection,
    shape: &str,
    mapping_json: &str,
    at: DateTime<Utc>,
) -> Result<(), BookError> {
    sqlx::query!(
        "INSERT INTO ledger_mappings (shape, mapping, saved_at) VALUES (?, ?, ?)
         ON CONFLICT (shape) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at",
        shape,
        mapping_json,
        at
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Inserts or updates a customer; returns its id. Columns Tegoed owns
/// (notes, no calls, fatal term) are left alone.
///
/// # Errors
/// When the code is taken by another customer or the row cannot be written.
pub async fn write_ledger_customer(
    connection: &mut SqliteConnection,
    customer: &LedgerCustomerRow,
) -> Result<i64, BookError> {
    if let Some(id) = customer.id {
        sqlx::query!(
            r#"UPDATE customers SET name = ?, email = ?, phone = ?, contact_person = ?, address = ?,
                      iban = ?, kvk_number = ?, payment_term_days = ?, language = ?, consumer = ?,
                      own_terms = ?
               WHERE id = ?"#,
            customer.name,
            customer.email,
            customer.phone,
            customer.contact_person,
            customer.address,
            customer.iban,
            customer.kvk_number,
            customer.payment_term_days,
            customer.language,
            customer.consumer,
            customer.own_terms,
            id
        )
        .execute(connection)
        .await?;
        return Ok(id);
    }
    let new = super::NewCustomer {
        code: &customer.code,
        name: &customer.name,
        email: customer.email.as_deref(),
        phone: customer.phone.as_deref(),
        contact_person: customer.contact_person.as_deref(),
        address: customer.address.as_deref(),
        iban: customer.iban.as_deref(),
        kvk_number: customer.kvk_number.as_deref(),
        payment_term_days: customer.payment_term_days,
        language: &customer.language,
        consumer: customer.consumer,
        own_terms: customer.own_terms,
    };
    super::insert_customer(connection, &new).await
}

/// Inserts or updates an invoice; returns its id. An update keeps the id,
/// so allocations, dunning events, letters and documents stay attached;
/// `disputed` is never touched.
///
/// # Errors
/// When an amount does not fit or the row cannot be written.
pub async fn write_ledger_invoice(
    connection: &mut SqliteConnection,
    invoice: &LedgerInvoiceRow,
) -> Result<i64, BookError> {
    let amount_cents = invoice.amount.to_cents()?;
    let open_cents = invoice.ledger_open.map(Money::to_cents).transpose()?;
    let status = invoice.ledger_status.code();
    if let Some(id) = invoice.id {
        sqlx::query!(
            r#"UPDATE invoices SET customer_id = ?, invoice_date = ?, due_date = ?, amount_cents = ?,
                      ledger_open_cents = ?, currency = ?, reference = ?, order_number = ?,
                      ledger_status = ?, ledger_shape = ?, source = ?
               WHERE id = ?"#,
            invoice.customer_id,
            invoice.invoice_date,
            invoice.due_date,
            amount_cents,
            open_cents,
            invoice.currency,
            invoice.reference,
            invoice.order_number,
            status,
            invoice.ledger_shape,
            invoice.source,
            id
        )
        .execute(connection)
        .await?;
        return Ok(id);
    }
    let id = sqlx::query!(
        r#"INSERT INTO invoices (number, customer_id, invoice_date, due_date, amount_cents, ledger_open_cents,
                                 currency, reference, order_number, ledger_status, ledger_shape, source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        invoice.number,
        invoice.customer_id,
        invoice.invoice_date,
        invoice.due_date,
        amount_cents,
        open_cents,
        invoice.currency,
        invoice.reference,
        invoice.order_number,
        status,
        invoice.ledger_shape,
        invoice.source
    )
    .execute(connection)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// Inserts new invoices in batches (one statement per batch through
/// SQLite's `json_each`, so 10,000 invoices are a handful of round trips)
/// and returns each invoice's number with its new book id.
///
/// # Errors
/// When an amount does not fit, a number is taken, or the rows cannot be written.
pub async fn insert_ledger_invoices(
    connection: &mut SqliteConnection,
    invoices: &[&LedgerInvoiceRow],
) -> Result<Vec<(String, i64)>, BookError> {
    const BATCH: usize = 2_000;
    let mut ids = Vec::with_capacity(invoices.len());
    for chunk in invoices.chunks(BATCH) {
        let mut rows = Vec::with_capacity(chunk.len());
        for invoice in chunk {
            rows.push(serde_json::json!([
                invoice.number,
                invoice.customer_id,
                invoice.invoice_date.to_string(),
                invoice.due_date.to_string(),
                invoice.amount.to_cents()?,
                invoice.ledger_open.map(Money::to_cents).transpose()?,
                invoice.currency,
                invoice.reference,
                invoice.order_number,
                invoice.ledger_status.code(),
                invoice.ledger_shape,
                invoice.source,
            ]));
        }
        let batch = serde_json::Value::Array(rows).to_string();
        let inserted = sqlx::query!(
            r#"INSERT INTO invoices (number, customer_id, invoice_date, due_date, amount_cents, ledger_open_cents,
                                     currency, reference, order_number, ledger_status, ledger_shape, source)
               SELECT json_extract(row.value, '$[0]'), json_extract(row.value, '$[1]'),
                      json_extract(row.value, '$[2]'), json_extract(row.value, '$[3]'),
                      json_extract(row.value, '$[4]'), json_extract(row.value, '$[5]'),
                      json_extract(row.value, '$[6]'), json_extract(row.value, '$[7]'),
                      json_extract(row.value, '$[8]'), json_extract(row.value, '$[9]'),
                      json_extract(row.value, '$[10]'), json_extract(row.value, '$[11]')
               FROM json_each(?) AS row WHERE true
               RETURNING id AS "id!: i64", number AS "number!: String""#,
            batch
        )
        .fetch_all(&mut *connection)
        .await?;
        ids.extend(inserted.into_iter().map(|row| (row.number, row.id)));
    }
    Ok(ids)
}

/// Records that a credit note credits an invoice.
///
/// # Errors
/// When the row cannot be written.
pub async fn link_credit_note(
    connection: &mut SqliteConnection,
    credit_note_id: i64,
    credited_id: i64,
) -> Result<(), BookError> {
    sqlx::query!(
        "UPDATE invoices SET credits_invoice_id = ? WHERE id = ?",
        credited_id,
        credit_note_id
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Stores a document (PDF) unless one with the same content is already in
/// the book; returns the new id, or `None` for a duplicate.
///
/// # Errors
/// When the row cannot be written.
pub async fn insert_document(
    connection: &mut SqliteConnection,
    invoice_id: Option<i64>,
    file_name: &str,
    sha256: &str,
    content: &[u8],
    imported_at: DateTime<Utc>,
) -> Result<Option<i64>, BookError> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO invoice_documents (invoice_id, file_name, sha256, content, imported_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (sha256) DO NOTHING
           RETURNING id AS "id!: i64""#,
        invoice_id,
        file_name,
        sha256,
        content,
        imported_at
    )
    .fetch_optional(connection)
    .await?;
    Ok(id)
}

/// The document with this content hash: (id, invoice id), when stored.
///
/// # Errors
/// When the book cannot be read.
pub async fn document_by_sha256(
    connection: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<(i64, Option<i64>)>, BookError> {
    let row = sqlx::query!(
        r#"SELECT id AS "id!: i64", invoice_id FROM invoice_documents WHERE sha256 = ?"#,
        sha256
    )
    .fetch_optional(connection)
    .await?;
    Ok(row.map(|row| (row.id, row.invoice_id)))
}

/// Links a stored document to an invoice when it has no invoice yet.
///
/// # Errors
/// When the row cannot be written.
pub async fn link_document(
    connection: &mut SqliteConnection,
    document_id: i64,
    invoice_id: i64,
) -> Result<(), BookError> {
    sqlx::query!(
        "UPDATE invoice_documents SET invoice_id = ? WHERE id = ? AND invoice_id IS NULL",
        invoice_id,
        document_id
    )
    .execute(connection)
    .await?;
    Ok(())
}
