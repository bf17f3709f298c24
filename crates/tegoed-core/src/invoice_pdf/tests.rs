use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

use super::*;

/// A one-page PDF with these lines of text in Helvetica.
pub(crate) fn pdf_with_text(lines: &[&str]) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let font_id = document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = document.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![72.into(), 760.into()]),
    ];
    for line in lines {
        operations.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
        operations.push(Operation::new("Td", vec![0.into(), (-16).into()]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations };
    let content_id = document.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = document.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = document.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    document.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}

fn numbers() -> Numbers {
    Numbers::new(["2026-0142", "2026-0014", "F2026-0200", "C003", "2026-01"])
}

#[test]
fn file_names_name_their_invoice() {
    let numbers = numbers();
    for (name, expected) in [
        ("Factuur 2026-0142.pdf", Some("2026-0142")),
        ("F2026-0142.pdf", Some("2026-0142")),
        ("invoice_2026-0142.pdf", Some("2026-0142")),
        ("factuur_2026_0142.PDF", Some("2026-0142")),
        ("F2026-0200.pdf", Some("F2026-0200")),
        ("creditnota C003.pdf", Some("C003")),
        ("2026-01.pdf", Some("2026-01")),
        // Not inside a longer number, and no guessing.
        ("Factuur 2026-01425.pdf", None),
        ("scan_0001.pdf", None),
        ("2026-0142 en 2026-0014.pdf", None),
    ] {
        assert_eq!(numbers.in_file_name(name), expected, "{name}");
    }
}

#[test]
fn text_names_the_invoice_or_is_ambiguous() {
    let numbers = numbers();
    assert_eq!(
        numbers.in_text("Bakkerij Jansen\nFactuurnummer: 2026-0142\nTotaal 121,00"),
        Ok(Some("2026-0142"))
    );
    assert_eq!(
        numbers.in_text("Creditnota\nFactuurnummer: C003\nBetreft factuur 2026-0014"),
        Ok(Some("C003"))
    );
    assert_eq!(numbers.in_text("Offerte 2025-77"), Ok(None));
    assert_eq!(
        numbers.in_text("Overzicht: 2026-0142, 2026-0014"),
        Err(vec!["2026-0142", "2026-0014"])
    );
}

#[test]
fn number_in_name_without_the_book() {
    assert_eq!(
        number_in_name("Factuur 2026-0142.pdf").as_deref(),
        Some("2026-0142")
    );
    assert_eq!(
        number_in_name("F2026-0142.pdf").as_deref(),
        Some("2026-0142")
    );
    assert_eq!(
        number_in_name("invoice_2026-0142.pdf").as_deref(),
        Some("2026-0142")
    );
    assert_eq!(number_in_name("scan.pdf"), None);
}

#[test]
fn text_is_extracted_from_a_generated_pdf() {
    let bytes = pdf_with_text(&["Factuur", "Factuurnummer: 2026-0142"]);
    assert!(is_pdf(&bytes));
    let content = text(&bytes).unwrap();
    assert!(content.contains("2026-0142"), "{content}");
    assert_eq!(page_count(&bytes), Some(1));
}

#[test]
fn non_pdfs_are_refused_with_the_file_name() {
    assert_eq!(
        check("leeg.pdf", b"").unwrap_err().to_string(),
        "leeg.pdf: the file is empty (0 bytes)"
    );
    assert!(
        check("x.pdf", b"PK\x03\x04")
            .unwrap_err()
            .to_string()
            .starts_with("x.pdf: not a PDF")
    );
}
