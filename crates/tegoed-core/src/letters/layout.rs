//! The A4 pages: a business letter with the recipient in the window-envelope
//! position, generated invoice copies and the dossier summary, drawn with
//! printpdf.
//!
//! Geometry (millimetres from the top-left corner): text from 25 to 190 mm;
//! the address field of DIN 5008 form B / NEN 1026 at 25 mm from the left,
//! 45–90 mm from the top (a return-address line at its top), 85 mm wide;
//! the date, our reference and customer number beside it at 125 mm; the
//! subject at 100 mm; the sender's legal details in a footer under 268 mm.
//! Paragraphs wrap by the font's advance widths ([`super::font`]); tables
//! continue on the next page with their heading repeated. The words come
//! from the templates; this module only places them.

use chrono::{Datelike, NaiveDate};
use printpdf::{
    Color, Date, DateTime, FontId, Greyscale, Line, LinePoint, Mm, Offset, Op, PaintMode,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData,
    RawImageFormat, Rect, TextItem, Time, XObjectId, XObjectTransform,
};

use super::font::{Face, Fonts, MM_PER_PT, fonts};
use super::format;
use super::template::Filled;
use super::wording::{Content, Labels, templates};
use super::{
    DossierSummary, InvoiceCopy, Language, Letter, LetterError, LetterInvoice, Rendered, Sender,
    attach,
};
use crate::money::Money;

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const LEFT: f32 = 25.0;
const RIGHT: f32 = 190.0;
const TEXT_WIDTH: f32 = RIGHT - LEFT;
/// Content stops here; the page number and footer sit below.
const BOTTOM: f32 = 262.0;
/// Where content starts on a continuation page.
const CONTINUATION_TOP: f32 = 30.0;
const BODY_SIZE: f32 = 10.0;
const BODY_LINE: f32 = 5.0;
const PARAGRAPH_GAP: f32 = 3.2;
const TABLE_SIZE: f32 = 8.0;
const TABLE_LINE: f32 = 4.4;
const HEADING_SIZE: f32 = 7.5;

fn pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

/// Pages being drawn, with a cursor `y` (top of the next line, in mm).
struct Canvas {
    fonts: &'static Fonts,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// Printed at the top of continuation pages.
    running_head: (String, String),
}

impl Canvas {
    fn new(
        fonts: &'static Fonts,
        regular: FontId,
        bold: FontId,
        running_head: (String, String),
    ) -> Canvas {
        Canvas {
            fonts,
            regular,
            bold,
            pages: vec![Vec::new()],
            y: 0.0,
            running_head,
        }
    }

    fn face(&self, bold: bool) -> &'static Face {
        if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws `text` with its baseline at `baseline` mm from the top.
    fn text(&mut self, x: f32, baseline: f32, size: f32, bold: bool, text: &str) {
        if text.is_empty() {
            return;
        }
        let font = if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: pt(x),
                    y: pt(PAGE_HEIGHT - baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn text_right(&mut self, right: f32, baseline: f32, size: f32, bold: bool, text: &str) {
        let width = self.face(bold).width_mm(text, size);
        self.text(right - width, baseline, size, bold, text);
    }

    fn fill_grey(&mut self, level: f32) {
        self.ops().push(Op::SetFillColor { col: grey(level) });
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        let point = |x: f32| LinePoint {
            p: Point {
                x: pt(x),
                y: pt(PAGE_HEIGHT - y),
            },
            bezier: false,
        };
        self.ops().extend([
            Op::SetOutlineColor { col: grey(0.0) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1), point(x2)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled light-grey box from `top` to `bottom` mm.
    fn shade(&mut self, x: f32, top: f32, width: f32, height: f32) {
        self.ops().extend([
            Op::SetFillColor { col: grey(0.93) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: pt(x),
                    y: pt(PAGE_HEIGHT - top - height),
                    width: pt(width),
                    height: pt(height),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
            Op::SetFillColor { col: grey(0.0) },
        ]);
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        let (name, subject) = self.running_head.clone();
        self.text(LEFT, 15.0, 9.0, true, &name);
        self.fill_grey(0.35);
        self.text(LEFT, 19.5, 8.0, false, &subject);
        self.fill_grey(0.0);
        self.rule(LEFT, RIGHT, 22.0, 0.4);
        self.y = CONTINUATION_TOP;
    }

    /// Starts a new page unless `height` mm still fit above the bottom.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    /// A paragraph of lines, each wrapped to `width`.
    fn paragraph(&mut self, lines: &[String], size: f32, bold: bool, line_height: f32) {
        let face = self.face(bold);
        for line in lines {
            for wrapped in face.wrap(line, size, TEXT_WIDTH) {
                self.ensure(line_height);
                let baseline = self.y + line_height * 0.75;
                self.text(LEFT, baseline, size, bold, &wrapped);
                self.y += line_height;
            }
        }
        self.y += PARAGRAPH_GAP;
    }

    fn paragraph_height(&self, lines: &[String], size: f32, line_height: f32) -> f32 {
        let face = self.face(false);
        let count: usize = lines
            .iter()
            .map(|line| face.wrap(line, size, TEXT_WIDTH).len())
            .sum();
        count as f32 * line_height + PARAGRAPH_GAP
    }
}

/// A table column: heading, width in mm, right-aligned or not.
struct Column {
    heading: String,
    width: f32,
    right: bool,
}

/// Draws a table with a bold heading (wrapped where needed) that is repeated
/// on every page the table runs onto, and an optional bold total row.
fn table(
    canvas: &mut Canvas,
    columns: &[Column],
    rows: &[Vec<String>],
    total: Option<(String, usize, String)>,
) {
    let heading_lines: Vec<Vec<String>> = columns
        .iter()
        .map(|column| {
            canvas
                .fonts
                .bold
                .wrap_words(&column.heading, HEADING_SIZE, column.width - 1.5)
        })
        .collect();
    let heading_height =
        heading_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * TABLE_LINE + 1.2;
    let draw_heading = |canvas: &mut Canvas| {
        let top = canvas.y;
        let mut x = LEFT;
        for (column, lines) in columns.iter().zip(&heading_lines) {
            // Headings sit on the bottom line so that one- and two-line headings align.
            let offset = heading_height - 1.2 - lines.len() as f32 * TABLE_LINE;
            for (index, line) in lines.iter().enumerate() {
                let baseline = top + offset + (index as f32 + 0.75) * TABLE_LINE;
                if column.right {
                    canvas.text_right(x + column.width, baseline, HEADING_SIZE, true, line);
                } else {
                    canvas.text(x, baseline, HEADING_SIZE, true, line);
                }
            }
            x += column.width;
        }
        canvas.rule(LEFT, RIGHT, top + heading_height, 0.6);
        canvas.y = top + heading_height + 0.8;
    };
    canvas.ensure(heading_height + 2.0 * TABLE_LINE);
    draw_heading(canvas);
    for row in rows {
        let cells: Vec<Vec<String>> = columns
            .iter()
            .zip(row)
            .map(|(column, cell)| {
                if column.right {
                    vec![cell.clone()]
                } else {
                    canvas
                        .fonts
                        .regular
                        .wrap(cell, TABLE_SIZE, column.width - 1.5)
                }
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * TABLE_LINE;
        if canvas.y + height > BOTTOM {
            canvas.new_page();
            draw_heading(canvas);
        }
        let mut x = LEFT;
        let top = canvas.y;
        for (column, lines) in columns.iter().zip(&cells) {
            for (index, line) in lines.iter().enumerate() {
                let baseline = top + (index as f32 + 0.75) * TABLE_LINE;
                if column.right {
                    canvas.text_right(x + column.width, baseline, TABLE_SIZE, false, line);
                } else {
                    canvas.text(x, baseline, TABLE_SIZE, false, line);
                }
            }
            x += column.width;
        }
        canvas.y = top + height;
    }
    if let Some((label, column_index, value)) = total {
        canvas.ensure(TABLE_LINE + 2.0);
        canvas.rule(LEFT, RIGHT, canvas.y + 0.5, 0.4);
        let baseline = canvas.y + 1.0 + 0.75 * TABLE_LINE;
        canvas.text(LEFT, baseline, TABLE_SIZE, true, &label);
        let right = LEFT
            + columns
                .iter()
                .take(column_index + 1)
                .map(|column| column.width)
                .sum::<f32>();
        canvas.text_right(right, baseline, TABLE_SIZE, true, &value);
        canvas.y += 1.0 + TABLE_LINE;
    }
    canvas.y += PARAGRAPH_GAP + 1.0;
}

fn invoice_table(
    canvas: &mut Canvas,
    labels: &Labels,
    language: Language,
    invoices: &[LetterInvoice],
    total: Money,
) -> Result<(), LetterError> {
    let column = |key: &str, width: f32, right: bool| -> Result<Column, LetterError> {
        Ok(Column {
            heading: labels.get(key)?.to_string(),
            width,
            right,
        })
    };
    let columns = [
        column("col_number", 22.0, false)?,
        column("col_invoice_date", 21.5, false)?,
        column("col_due_date", 21.5, false)?,
        column("col_order", 20.0, false)?,
        column("col_amount", 23.0, true)?,
        column("col_paid", 20.0, true)?,
        column("col_open", 23.0, true)?,
        column("col_days", 14.0, true)?,
    ];
    let rows: Vec<Vec<String>> = invoices
        .iter()
        .map(|invoice| {
            vec![
                invoice.number.clone(),
                format::short_date(invoice.invoice_date, language),
                format::short_date(invoice.due_date, language),
                invoice.order_number.clone().unwrap_or_default(),
                format::money(invoice.amount, language),
                format::money(invoice.paid, language),
                format::money(invoice.open, language),
                format::count(invoice.days_overdue, language),
            ]
        })
        .collect();
    let total = (
        labels.get("total_open")?.to_string(),
        6,
        format::money(total, language),
    );
    table(canvas, &columns, &rows, Some(total));
    Ok(())
}

/// Label/value rows in a shaded box, kept on one page.
fn boxed_rows(canvas: &mut Canvas, title: &str, rows: &[(String, String)]) {
    let size = 9.0;
    let line = 4.8;
    let height = 4.0 + line * (rows.len() as f32 + 1.0);
    canvas.ensure(height + PARAGRAPH_GAP);
    let top = canvas.y;
    canvas.shade(LEFT, top, TEXT_WIDTH, height);
    canvas.text(LEFT + 4.0, top + 2.0 + 0.75 * line, size, true, title);
    for (index, (label, value)) in rows.iter().enumerate() {
        let baseline = top + 2.0 + (index as f32 + 1.75) * line;
        canvas.text(LEFT + 4.0, baseline, size, false, label);
        canvas.text(LEFT + 48.0, baseline, size, true, value);
    }
    canvas.y = top + height + PARAGRAPH_GAP + 1.0;
}

fn payment_block(canvas: &mut Canvas, content: &Content) -> Result<(), LetterError> {
    let labels = content.labels;
    let values = &content.values;
    let value = |key: &str| values.get(key).cloned();
    let mut rows = vec![(
        labels.get("pay_amount")?.to_string(),
        value("payable").unwrap_or_default(),
    )];
    if let Some(iban) = value("iban") {
        rows.push((labels.get("pay_iban")?.to_string(), iban));
    }
    if let Some(bic) = value("bic") {
        rows.push((labels.get("pay_bic")?.to_string(), bic));
    }
    rows.push((
        labels.get("pay_holder")?.to_string(),
        value("account_holder").unwrap_or_default(),
    ));
    if let Some(deadline) = value("deadline") {
        rows.push((labels.get("pay_deadline")?.to_string(), deadline));
    }
    rows.push((
        labels.get("pay_reference")?.to_string(),
        value("reference").unwrap_or_default(),
    ));
    boxed_rows(canvas, labels.get("payment_title")?, &rows);
    Ok(())
}

fn claim_block(canvas: &mut Canvas, content: &Content) -> Result<(), LetterError> {
    let labels = content.labels;
    let values = &content.values;
    let value = |key: &str| values.get(key).cloned();
    let mut rows: Vec<(String, String)> = Vec::new();
    rows.push((
        labels.get("claim_principal")?.to_string(),
        value("principal").unwrap_or_default(),
    ));
    if let Some(interest) = value("interest") {
        let detail = match (
            value("interest_rate"),
            value("interest_from"),
            value("interest_to"),
        ) {
            (Some(rate), Some(from), Some(to)) => labels.fill(
                "claim_interest_detail",
                &[
                    ("interest_rate", rate),
                    ("interest_from", from),
                    ("interest_to", to),
                ],
            )?,
            _ => labels.get("claim_interest")?.to_string(),
        };
        rows.push((detail, interest));
    }
    if let Some(costs) = value("costs") {
        rows.push((labels.get("claim_costs")?.to_string(), costs));
    }
    if let Some(vat) = value("vat_on_costs") {
        rows.push((labels.get("claim_vat")?.to_string(), vat));
    }
    let total = value("claim_total")
        .or_else(|| value("principal"))
        .unwrap_or_default();
    amount_rows(
        canvas,
        labels.get("claim_title")?,
        &rows,
        (labels.get("claim_total")?, &total),
    );
    Ok(())
}

/// A titled list of label / right-aligned amount rows with a bold total.
fn amount_rows(canvas: &mut Canvas, title: &str, rows: &[(String, String)], total: (&str, &str)) {
    let size = 9.0;
    let line = 4.8;
    canvas.ensure(line * (rows.len() as f32 + 2.0) + 2.0);
    canvas.text(LEFT, canvas.y + 0.75 * line, size, true, title);
    canvas.y += line;
    for (label, amount) in rows {
        let baseline = canvas.y + 0.75 * line;
        canvas.text(LEFT, baseline, size, false, label);
        canvas.text_right(RIGHT, baseline, size, false, amount);
        canvas.y += line;
    }
    canvas.rule(RIGHT - 45.0, RIGHT, canvas.y + 0.3, 0.5);
    let baseline = canvas.y + 0.8 + 0.75 * line;
    canvas.text(LEFT, baseline, size, true, total.0);
    canvas.text_right(RIGHT, baseline, size, true, total.1);
    canvas.y += line + 1.0 + PARAGRAPH_GAP;
}

fn instalment_table(
    canvas: &mut Canvas,
    letter: &Letter,
    labels: &Labels,
) -> Result<(), LetterError> {
    let Some(plan) = &letter.plan else {
        return Err(LetterError::Template(
            "the template places @instalments but the letter has no plan".to_string(),
        ));
    };
    let language = letter.language;
    let columns = [
        Column {
            heading: labels.get("inst_number")?.to_string(),
            width: 25.0,
            right: false,
        },
        Column {
            heading: labels.get("inst_date")?.to_string(),
            width: 50.0,
            right: false,
        },
        Column {
            heading: labels.get("inst_amount")?.to_string(),
            width: 30.0,
            right: true,
        },
    ];
    let rows: Vec<Vec<String>> = plan
        .instalments
        .iter()
        .enumerate()
        .map(|(index, (day, amount))| {
            vec![
                format::count(index as i64 + 1, language),
                format::date(*day, language),
                format::money(*amount, language),
            ]
        })
        .collect();
    let sum: Money = plan.instalments.iter().map(|(_, amount)| *amount).sum();
    table(
        canvas,
        &columns,
        &rows,
        Some((
            labels.get("inst_total")?.to_string(),
            2,
            format::money(sum, language),
        )),
    );
    Ok(())
}

fn consent_block(canvas: &mut Canvas, labels: &Labels) -> Result<(), LetterError> {
    let text = canvas
        .fonts
        .regular
        .wrap(labels.get("consent_text")?, 9.0, TEXT_WIDTH - 8.0);
    let height = 8.0 + text.len() as f32 * 4.6 + 3.0 * 9.0 + 3.0;
    canvas.ensure(height + PARAGRAPH_GAP);
    let top = canvas.y;
    canvas.shade(LEFT, top, TEXT_WIDTH, height);
    canvas.text(
        LEFT + 4.0,
        top + 6.0,
        9.5,
        true,
        labels.get("consent_title")?,
    );
    let mut y = top + 8.0;
    for line in &text {
        canvas.text(LEFT + 4.0, y + 3.5, 9.0, false, line);
        y += 4.6;
    }
    for key in ["consent_name", "consent_place_date", "consent_signature"] {
        y += 9.0;
        canvas.text(LEFT + 4.0, y, 9.0, false, labels.get(key)?);
        canvas.rule(LEFT + 45.0, LEFT + 140.0, y + 0.5, 0.4);
    }
    canvas.y = top + height + PARAGRAPH_GAP;
    Ok(())
}

/// The sender block top right: logo or name, then the address.
fn letterhead(canvas: &mut Canvas, sender: &Sender, logo: Option<&(XObjectId, f32, f32)>) {
    let mut y = 22.0;
    match logo {
        Some((id, width_px, height_px)) => {
            // At most 45 × 18 mm, keeping the aspect ratio, right-aligned.
            let scale = (18.0 / height_px).min(45.0 / width_px);
            let (width, height) = (width_px * scale, height_px * scale);
            let dpi = width_px / (width / 25.4);
            canvas.ops().push(Op::UseXobject {
                id: id.clone(),
                transform: XObjectTransform {
                    translate_x: Some(pt(RIGHT - width)),
                    translate_y: Some(pt(PAGE_HEIGHT - 12.0 - height)),
                    dpi: Some(dpi),
                    ..XObjectTransform::default()
                },
            });
            y = 12.0 + height + 5.0;
        }
        None => canvas.text_right(RIGHT, y, 15.0, true, &sender.name),
    }
    y += 5.0;
    canvas.fill_grey(0.3);
    for line in &sender.address {
        canvas.text_right(RIGHT, y, 8.5, false, line);
        y += 3.8;
    }
    canvas.fill_grey(0.0);
}

/// The footer with the sender's legal details, on every page of `pages`.
fn footer(
    canvas: &mut Canvas,
    sender: &Sender,
    labels: &Labels,
    first: usize,
    count: usize,
) -> Result<(), LetterError> {
    let mut first_column = vec![sender.name.clone()];
    first_column.extend(sender.address.iter().cloned());
    let pair = |key: &str, value: &Option<String>| -> Result<Option<String>, LetterError> {
        Ok(match value {
            Some(value) => Some(format!("{} {value}", labels.get(key)?)),
            None => None,
        })
    };
    let second_column: Vec<String> = [
        pair("footer_kvk", &sender.kvk_number)?,
        pair("footer_vat", &sender.vat_number)?,
        pair("footer_phone", &sender.phone)?,
        pair("footer_email", &sender.email)?,
    ]
    .into_iter()
    .flatten()
    .collect();
    let third_column: Vec<String> = [
        pair("footer_iban", &sender.iban.as_deref().map(format::iban))?,
        pair("footer_bic", &sender.bic)?,
    ]
    .into_iter()
    .flatten()
    .collect();
    for index in first..first + count {
        let saved = std::mem::take(&mut canvas.pages);
        canvas.pages = vec![Vec::new()];
        canvas.rule(LEFT, RIGHT, 270.0, 0.4);
        canvas.fill_grey(0.3);
        for (x, lines) in [
            (LEFT, &first_column),
            (88.0, &second_column),
            (148.0, &third_column),
        ] {
            for (row, line) in lines.iter().take(5).enumerate() {
                canvas.text(
                    x,
                    274.0 + row as f32 * 3.2,
                    7.0,
                    row == 0 && x == LEFT,
                    line,
                );
            }
        }
        canvas.fill_grey(0.0);
        if count > 0 {
            let page = labels.fill(
                "page",
                &[
                    ("page", (index - first + 1).to_string()),
                    ("pages", count.to_string()),
                ],
            )?;
            canvas.text_right(RIGHT, 266.0, 8.0, false, &page);
        }
        let ops = canvas.pages.pop().unwrap_or_default();
        canvas.pages = saved;
        if let Some(page) = canvas.pages.get_mut(index) {
            page.extend(ops);
        }
    }
    Ok(())
}

/// The first page's head: letterhead, window address, reference block, subject.
fn first_page(
    canvas: &mut Canvas,
    letter: &Letter,
    content: &Content,
    logo: Option<&(XObjectId, f32, f32)>,
) -> Result<(), LetterError> {
    let labels = content.labels;
    letterhead(canvas, &letter.sender, logo);

    // Return address on the window's top line (DIN 5008 form B: 45–50 mm).
    let mut return_address = vec![letter.sender.name.clone()];
    return_address.extend(letter.sender.address.iter().cloned());
    canvas.fill_grey(0.35);
    canvas.text(LEFT, 49.0, 6.5, false, &return_address.join(" · "));
    canvas.fill_grey(0.0);

    // The address field: 85 × 40 mm from (25, 50).
    let mut lines = vec![letter.recipient.name.clone()];
    if let Some(attention) = &letter.recipient.attention {
        lines.push(format!("{} {attention}", labels.get("attention_prefix")?));
    }
    lines.extend(letter.recipient.address.iter().cloned());
    let mut y = 56.0;
    for line in lines.iter().take(8) {
        let fitted = canvas.fonts.regular.wrap(line, BODY_SIZE, 85.0);
        canvas.text(
            LEFT,
            y,
            BODY_SIZE,
            false,
            fitted.first().map(String::as_str).unwrap_or(""),
        );
        y += 4.6;
    }

    // Date and references beside the window.
    let rows = [
        (
            labels.get("date")?,
            format::date(letter.date, letter.language),
        ),
        (labels.get("our_reference")?, letter.our_reference.clone()),
        (
            labels.get("customer_code")?,
            letter.recipient.customer_code.clone(),
        ),
    ];
    let mut y = 56.0;
    for (label, value) in rows {
        canvas.fill_grey(0.35);
        canvas.text(125.0, y, 8.0, false, label);
        canvas.fill_grey(0.0);
        canvas.text(152.0, y, 8.5, false, &value);
        y += 4.6;
    }

    canvas.y = 97.0;
    let subject = canvas.fonts.bold.wrap(&content.subject, 11.0, TEXT_WIDTH);
    for line in subject {
        canvas.text(LEFT, canvas.y + 4.5, 11.0, true, &line);
        canvas.y += 5.6;
    }
    canvas.y += 5.0;
    Ok(())
}

fn draw_blocks(
    canvas: &mut Canvas,
    letter: &Letter,
    content: &Content,
    blocks: &[Filled],
) -> Result<(), LetterError> {
    for block in blocks {
        match block {
            Filled::Text(lines) => canvas.paragraph(lines, BODY_SIZE, false, BODY_LINE),
            Filled::Block(name) => match name.as_str() {
                "invoices" => invoice_table(
                    canvas,
                    content.labels,
                    letter.language,
                    &letter.invoices,
                    letter.total_open,
                )?,
                "payment" => payment_block(canvas, content)?,
                "claim" => claim_block(canvas, content)?,
                "instalments" => instalment_table(canvas, letter, content.labels)?,
                "consent" => consent_block(canvas, content.labels)?,
                other => {
                    return Err(LetterError::Template(format!(
                        "{}/{}.txt: unknown block @{other}",
                        letter.language.code(),
                        letter.kind.code()
                    )));
                }
            },
        }
    }
    Ok(())
}

/// A PNG logo as a printpdf image, with its pixel size.
fn decode_logo(png_bytes: &[u8]) -> Result<(RawImage, f32, f32), String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|error| error.to_string())?;
    let size = reader.output_buffer_size().ok_or("the PNG is too large")?;
    let mut pixels = vec![0; size];
    let info = reader
        .next_frame(&mut pixels)
        .map_err(|error| error.to_string())?;
    pixels.truncate(info.buffer_size());
    let format = match info.color_type {
        png::ColorType::Rgb => RawImageFormat::RGB8,
        png::ColorType::Rgba => RawImageFormat::RGBA8,
        png::ColorType::Grayscale => RawImageFormat::R8,
        png::ColorType::GrayscaleAlpha => RawImageFormat::RG8,
        png::ColorType::Indexed => return Err("indexed PNG left unexpanded".to_string()),
    };
    let (width, height) = (info.width as usize, info.height as usize);
    if width == 0 || height == 0 {
        return Err("the PNG has no pixels".to_string());
    }
    Ok((
        RawImage {
            pixels: RawImageData::U8(pixels),
            width,
            height,
            data_format: format,
            tag: Vec::new(),
        },
        width as f32,
        height as f32,
    ))
}

/// The PDF date of a letter date (midnight, UTC): no clock in core.
fn pdf_date(day: NaiveDate) -> DateTime {
    DateTime::new_in_offset(
        Date {
            year: day.year(),
            month: day.month() as u8,
            day: day.day() as u8,
        },
        Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

fn new_document(title: &str, author: &str, day: NaiveDate) -> PdfDocument {
    let mut document = PdfDocument::new(title);
    let info = &mut document.metadata.info;
    info.author = author.to_string();
    info.creator = "Tegoed".to_string();
    info.producer = "Tegoed".to_string();
    info.creation_date = pdf_date(day);
    info.modification_date = pdf_date(day);
    info.metadata_date = pdf_date(day);
    document
}

/// The fields of a generated invoice copy.
pub(crate) struct CopyFields<'a> {
    pub(crate) number: &'a str,
    pub(crate) invoice_date: Option<NaiveDate>,
    pub(crate) due_date: Option<NaiveDate>,
    pub(crate) amount: Option<Money>,
    pub(crate) customer: &'a str,
    pub(crate) sender: &'a str,
}

/// One page: an invoice copy stamped KOPIE / COPY.
fn copy_page(
    canvas: &mut Canvas,
    fields: &CopyFields<'_>,
    letter: &Letter,
    labels: &Labels,
) -> Result<(), LetterError> {
    let language = letter.language;
    canvas.pages.push(Vec::new());
    letterhead(canvas, &letter.sender, None);
    canvas.fill_grey(0.6);
    canvas.text(LEFT, 32.0, 40.0, true, labels.get("copy_stamp")?);
    canvas.fill_grey(0.0);
    canvas.rule(LEFT, RIGHT, 40.0, 0.6);
    canvas.text(
        LEFT,
        56.0,
        16.0,
        true,
        &labels.fill("copy_title", &[("number", fields.number.to_string())])?,
    );
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(day) = fields.invoice_date {
        rows.push((
            labels.get("copy_invoice_date")?.to_string(),
            format::date(day, language),
        ));
    }
    if let Some(day) = fields.due_date {
        rows.push((
            labels.get("copy_due_date")?.to_string(),
            format::date(day, language),
        ));
    }
    if let Some(amount) = fields.amount {
        rows.push((
            labels.get("copy_amount")?.to_string(),
            format::money(amount, language),
        ));
    }
    rows.push((
        labels.get("copy_customer")?.to_string(),
        fields.customer.to_string(),
    ));
    rows.push((
        labels.get("copy_sender")?.to_string(),
        fields.sender.to_string(),
    ));
    let mut y = 70.0;
    for (label, value) in rows {
        canvas.text(LEFT, y, 10.0, false, &label);
        canvas.text(LEFT + 45.0, y, 10.0, true, &value);
        y += 6.0;
    }
    canvas.y = y + 6.0;
    let note = labels.fill(
        "copy_note",
        &[("letter_date", format::date(letter.date, language))],
    )?;
    canvas.fill_grey(0.3);
    canvas.paragraph(&[note], 9.0, false, 4.6);
    canvas.fill_grey(0.0);
    Ok(())
}

/// Where each final page comes from.
pub(crate) enum PageSource {
    /// A page of the printpdf document, by index.
    Own(usize),
    /// All pages of a stored invoice PDF, unchanged.
    Foreign(Box<lopdf::Document>),
}

/// Renders a letter: its pages, then the copies in order.
pub(crate) fn render(
    letter: &Letter,
    content: &Content,
    copies: &[InvoiceCopy],
) -> Result<Rendered, LetterError> {
    let fonts = fonts()?;
    let mut warnings = Vec::new();
    let mut document = new_document(&content.subject, &letter.sender.name, letter.date);
    let regular = document.add_font(&fonts.regular.parsed);
    let bold = document.add_font(&fonts.bold.parsed);
    let logo = match &letter.sender.logo_png {
        Some(bytes) => match decode_logo(bytes) {
            Ok((image, width, height)) => Some((document.add_image(&image), width, height)),
            Err(message) => {
                warnings.push(format!(
                    "the logo cannot be read ({message}); the business name is printed instead"
                ));
                None
            }
        },
        None => None,
    };

    let mut canvas = Canvas::new(
        fonts,
        regular,
        bold,
        (letter.sender.name.clone(), content.subject.clone()),
    );
    first_page(&mut canvas, letter, content, logo.as_ref())?;
    draw_blocks(&mut canvas, letter, content, &content.body)?;
    // The closing and signature stay together.
    let closing_height: f32 = content
        .closing
        .iter()
        .map(|block| match block {
            Filled::Text(lines) => canvas.paragraph_height(lines, BODY_SIZE, BODY_LINE),
            Filled::Block(_) => 0.0,
        })
        .sum();
    canvas.ensure(closing_height);
    draw_blocks(&mut canvas, letter, content, &content.closing)?;
    let letter_pages = canvas.pages.len();
    footer(&mut canvas, &letter.sender, content.labels, 0, letter_pages)?;

    let mut sources: Vec<PageSource> = (0..letter_pages).map(PageSource::Own).collect();
    for copy in copies {
        match copy {
            InvoiceCopy::Generated {
                number,
                invoice_date,
                due_date,
                amount,
                customer,
                sender,
            } => {
                let fields = CopyFields {
                    number,
                    invoice_date: Some(*invoice_date),
                    due_date: Some(*due_date),
                    amount: Some(*amount),
                    customer,
                    sender,
                };
                copy_page(&mut canvas, &fields, letter, content.labels)?;
                sources.push(PageSource::Own(canvas.pages.len() - 1));
            }
            InvoiceCopy::Original { number, pdf } => match attach::load(pdf) {
                Ok(original) => sources.push(PageSource::Foreign(Box::new(original))),
                Err(message) => {
                    warnings.push(format!(
                        "invoice {number}: the stored PDF cannot be read ({message}); a generated copy is attached instead"
                    ));
                    let row = letter
                        .invoices
                        .iter()
                        .find(|invoice| &invoice.number == number);
                    let fields = CopyFields {
                        number,
                        invoice_date: row.map(|invoice| invoice.invoice_date),
                        due_date: row.map(|invoice| invoice.due_date),
                        amount: row.map(|invoice| invoice.amount),
                        customer: &letter.recipient.name,
                        sender: &letter.sender.name,
                    };
                    copy_page(&mut canvas, &fields, letter, content.labels)?;
                    sources.push(PageSource::Own(canvas.pages.len() - 1));
                }
            },
        }
    }

    let own_pages = canvas.pages.len();
    let pages: Vec<PdfPage> = canvas
        .pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops))
        .collect();
    let mut pdf_warnings = Vec::new();
    let bytes = document
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut pdf_warnings);
    let has_foreign = sources
        .iter()
        .any(|source| matches!(source, PageSource::Foreign(_)));
    let (pdf, pages) = if has_foreign {
        attach::assemble(&bytes, sources)?
    } else {
        (bytes, own_pages)
    };
    Ok(Rendered {
        pdf,
        pages,
        letter_pages,
        warnings,
    })
}

/// Renders the dossier summary for a collection agency.
pub(crate) fn render_summary(summary: &DossierSummary) -> Result<Vec<u8>, LetterError> {
    let fonts = fonts()?;
    let labels = templates()?.labels(summary.language)?;
    let language = summary.language;
    let title = labels.fill(
        "summary_title",
        &[("customer_name", summary.customer.name.clone())],
    )?;
    let mut document = new_document(&title, &summary.sender.name, summary.date);
    let regular = document.add_font(&fonts.regular.parsed);
    let bold = document.add_font(&fonts.bold.parsed);
    let mut canvas = Canvas::new(
        fonts,
        regular,
        bold,
        (summary.sender.name.clone(), title.clone()),
    );
    letterhead(&mut canvas, &summary.sender, None);
    canvas.y = 50.0;
    canvas.paragraph(std::slice::from_ref(&title), 14.0, true, 7.0);
    let subtitle = labels.fill(
        "summary_subtitle",
        &[
            ("summary_date", format::date(summary.date, language)),
            ("sender_name", summary.sender.name.clone()),
        ],
    )?;
    canvas.paragraph(&[subtitle], 9.0, false, 4.6);

    let mut customer = vec![
        labels.get("summary_customer")?.to_string(),
        summary.customer.name.clone(),
    ];
    customer.extend(summary.customer.address.iter().cloned());
    customer.push(format!(
        "{} {}",
        labels.get("customer_code")?,
        summary.customer.customer_code
    ));
    canvas.paragraph(&customer, 9.0, false, 4.6);

    canvas.paragraph(
        &[labels.get("summary_invoices")?.to_string()],
        10.0,
        true,
        5.0,
    );
    invoice_table(
        &mut canvas,
        labels,
        language,
        &summary.invoices,
        summary.principal,
    )?;

    let rows = vec![
        (
            labels.get("claim_principal")?.to_string(),
            format::money(summary.principal, language),
        ),
        (
            labels.get("claim_interest")?.to_string(),
            format::money(summary.interest, language),
        ),
        (
            labels.get("claim_costs")?.to_string(),
            format::money(summary.costs, language),
        ),
    ];
    let total = format::money(
        summary.principal + summary.interest + summary.costs,
        language,
    );
    amount_rows(
        &mut canvas,
        labels.get("summary_claim")?,
        &rows,
        (labels.get("claim_total")?, &total),
    );

    canvas.paragraph(
        &[labels.get("summary_events")?.to_string()],
        10.0,
        true,
        5.0,
    );
    let columns = [
        Column {
            heading: labels.get("summary_event_date")?.to_string(),
            width: 30.0,
            right: false,
        },
        Column {
            heading: labels.get("summary_event")?.to_string(),
            width: TEXT_WIDTH - 30.0,
            right: false,
        },
    ];
    let events: Vec<Vec<String>> = summary
        .events
        .iter()
        .map(|(day, event)| vec![format::short_date(*day, language), event.clone()])
        .collect();
    table(&mut canvas, &columns, &events, None);
    let count = canvas.pages.len();
    footer(&mut canvas, &summary.sender, labels, 0, count)?;
    let pages: Vec<PdfPage> = canvas
        .pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops))
        .collect();
    let mut pdf_warnings = Vec::new();
    Ok(document
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut pdf_warnings))
}
