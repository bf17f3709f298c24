//! Storing an invoice PDF: read and linked by `invoice_pdf`, written here
//! in one database transaction with its audit entry.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::book::ledger::{document_by_sha256, insert_document, link_document};
use crate::book::{Book, BookError, audit};
use crate::invoice_pdf::{self, LinkedBy, Numbers, PdfError};

/// Why an invoice PDF could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum PdfImportError {
    /// The file is not a PDF; nothing was changed.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The book failed; nothing was changed.
    #[error(transparent)]
    Book(#[from] BookError),
}

/// What importing one PDF did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfImport {
    /// The stored document's id.
    pub document_id: Option<i64>,
    /// The invoice it is linked to.
    pub invoice: Option<String>,
    /// How it was linked.
    pub linked_by: Option<LinkedBy>,
    /// True when the same PDF was already in the book.
    pub duplicate: bool,
    /// Things the user should know (unlinked, ambiguous, no text).
    pub warnings: Vec<String>,
}

/// Stores an invoice PDF in the book and links it to its invoice by the
/// number in its file name or text; an unlinked PDF is stored for the user
/// to assign. The same PDF twice is stored once (and linked when it was
/// not yet).
///
/// # Errors
/// [`PdfImportError::Pdf`] when the file is not a PDF, [`PdfImportError::Book`]
/// when the book fails; nothing is written then.
pub async fn import(
    book: &Book,
    file_name: &str,
    bytes: &[u8],
    at: DateTime<Utc>,
) -> Result<PdfImport, PdfImportError> {
    invoice_pdf::check(file_name, bytes)?;
    let known = book.invoice_numbers().await?;
    let ids: HashMap<&str, i64> = known
        .iter()
        .map(|(id, number)| (number.as_str(), *id))
        .collect();
    let numbers = Numbers::new(known.iter().map(|(_, number)| number.as_str()));
    let link = invoice_pdf::link(file_name, bytes, &numbers);
    let invoice_id = link
        .invoice
        .as_deref()
        .and_then(|number| ids.get(number).copied());
    let sha256 = invoice_pdf::sha256(bytes);
    let mut transaction = book.begin().await?;
    let (document_id, duplicate) = match document_by_sha256(&mut transaction, &sha256).await? {
        Some((id, existing_invoice)) => {
            if existing_invoice.is_none()
                && let Some(invoice_id) = invoice_id
            {
                link_document(&mut transaction, id, invoice_id).await?;
            }
            (Some(id), true)
        }
        None => (
            insert_document(&mut transaction, invoice_id, file_name, &sha256, bytes, at).await?,
            false,
        ),
    };
    if !duplicate {
        let detail = link.invoice.as_deref().unwrap_or("unlinked");
        audit(
            &mut transaction,
            at,
            "import",
            "invoice_pdf",
            file_name,
            Some(detail),
        )
        .await?;
    }
    transaction.commit().await.map_err(BookError::from)?;
    Ok(PdfImport {
        document_id,
        invoice: link.invoice,
        linked_by: link.linked_by,
        duplicate,
        warnings: link.warnings,
    })
}

impl crate::fault::Classify for PdfImportError {
    fn fault(&self) -> crate::fault::Fault {
        match self {
            PdfImportError::Pdf(_) => crate::fault::Fault::Input,
            PdfImportError::Book(error) => error.fault(),
        }
    }
}

#[cfg(test)]
mod tests;
