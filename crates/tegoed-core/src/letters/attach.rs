//! Appending PDFs to PDFs at object level with lopdf: a business's stored
//! invoice PDFs after the letter pages, and the letters of a batch into one
//! file for printing.
//!
//! Pages are copied unchanged, with their content streams, fonts and images
//! (nothing is re-interpreted or re-rendered, unlike printpdf's own
//! parse-and-append): each document's objects are renumbered above the ones
//! already present, attributes a page inherits from its page tree (media
//! box, resources, rotation) are written onto the page itself, and the
//! first document's page tree is rebuilt with every page in order. The
//! first document keeps its catalog and document info (title, author,
//! dates).

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::LetterError;
use super::layout::PageSource;

/// Reads a PDF for appending.
///
/// # Errors
/// A message when the bytes are not a PDF lopdf can read or have no pages.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("it does not start with %PDF-".to_string());
    }
    let document = Document::load_mem(bytes).map_err(|error| error.to_string())?;
    if document.get_pages().is_empty() {
        return Err("it has no pages".to_string());
    }
    Ok(document)
}

fn inherited(document: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut current = page;
    let mut seen = HashSet::new();
    while seen.insert(current) {
        let node = document.get_dictionary(current).ok()?;
        if let Ok(value) = node.get(key)
            && !matches!(value, Object::Null)
        {
            return Some(value.clone());
        }
        current = node.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// Writes inherited attributes onto each page of `document`, so the pages
/// can leave their own page tree.
fn materialise_pages(document: &mut Document) {
    for page in document.get_pages().into_values() {
        let attributes: Vec<(&[u8], Option<Object>)> =
            [b"MediaBox".as_slice(), b"CropBox", b"Resources", b"Rotate"]
                .into_iter()
                .map(|key| (key, inherited(document, page, key)))
                .collect();
        if let Ok(Object::Dictionary(dictionary)) = document.get_object_mut(page) {
            for (key, value) in attributes {
                if let Some(value) = value {
                    dictionary.set(key, value);
                }
            }
            if dictionary.get(b"MediaBox").is_err() {
                // A4, for a page that names no size anywhere.
                dictionary.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
            }
        }
    }
}

/// Moves the pages and objects of `other` into `base`; returns its page ids
/// in order. Its catalog and page-tree nodes are left behind.
fn absorb(base: &mut Document, mut other: Document) -> Vec<ObjectId> {
    materialise_pages(&mut other);
    other.renumber_objects_with(base.max_id + 1);
    let pages: Vec<ObjectId> = other.get_pages().into_values().collect();
    for (id, object) in std::mem::take(&mut other.objects) {
        let skip = match &object {
            Object::Dictionary(dictionary) => matches!(
                dictionary.get(b"Type").and_then(Object::as_name),
                Ok(b"Catalog") | Ok(b"Pages")
            ),
            _ => false,
        };
        if !skip {
            base.objects.insert(id, object);
        }
    }
    base.max_id = base.max_id.max(other.max_id);
    pages
}

/// Points the root page tree of `base` at `kids`, in order.
fn set_pages(base: &mut Document, kids: &[ObjectId]) -> Result<(), String> {
    let root = base
        .catalog()
        .and_then(|catalog| catalog.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|error| format!("no page tree: {error}"))?;
    for kid in kids {
        if let Ok(Object::Dictionary(page)) = base.get_object_mut(*kid) {
            page.set("Parent", root);
        }
    }
    let mut tree = Dictionary::new();
    tree.set("Type", "Pages");
    tree.set(
        "Kids",
        kids.iter()
            .map(|kid| Object::Reference(*kid))
            .collect::<Vec<_>>(),
    );
    tree.set("Count", kids.len() as i64);
    base.objects.insert(root, Object::Dictionary(tree));
    Ok(())
}

fn save(mut document: Document) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    document
        .save_to(&mut out)
        .map_err(|error| error.to_string())?;
    Ok(out)
}

/// Puts the pages of the rendered letter and the stored PDFs in the order
/// of `sources`; returns the PDF and its page count.
pub(crate) fn assemble(
    own: &[u8],
    sources: Vec<PageSource>,
) -> Result<(Vec<u8>, usize), LetterError> {
    let failed = |message: String| {
        LetterError::Pdf(format!("appending the invoice copies failed: {message}"))
    };
    let mut base = Document::load_mem(own).map_err(|error| failed(error.to_string()))?;
    let own_pages: Vec<ObjectId> = base.get_pages().into_values().collect();
    let mut kids = Vec::new();
    for source in sources {
        match source {
            PageSource::Own(index) => {
                let page = own_pages
                    .get(index)
                    .ok_or_else(|| failed(format!("the letter has no page {}", index + 1)))?;
                kids.push(*page);
            }
            PageSource::Foreign(document) => kids.extend(absorb(&mut base, *document)),
        }
    }
    set_pages(&mut base, &kids).map_err(failed)?;
    let count = kids.len();
    Ok((save(base).map_err(failed)?, count))
}

/// Joins PDFs into one, in order.
pub(crate) fn combine(pdfs: &[Vec<u8>]) -> Result<Vec<u8>, LetterError> {
    let mut documents = pdfs.iter().enumerate().map(|(index, bytes)| {
        load(bytes).map_err(|message| LetterError::Unreadable {
            index: index + 1,
            message,
        })
    });
    let Some(first) = documents.next() else {
        return Err(LetterError::Pdf(
            "a batch needs at least one PDF".to_string(),
        ));
    };
    let mut base = first?;
    materialise_pages(&mut base);
    let mut kids: Vec<ObjectId> = base.get_pages().into_values().collect();
    for document in documents {
        kids.extend(absorb(&mut base, document?));
    }
    let failed =
        |message: String| LetterError::Pdf(format!("combining the batch failed: {message}"));
    set_pages(&mut base, &kids).map_err(failed)?;
    save(base).map_err(failed)
}
