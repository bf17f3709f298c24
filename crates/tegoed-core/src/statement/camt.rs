//! ISO 20022 camt bank-to-customer messages: camt.053 statements (versions
//! .001.02 to .001.08 and later), and camt.052 reports and camt.054
//! notifications, which the same code reads.
//!
//! One streaming pass with `quick-xml` (no DOM, no serde structs): a stack
//! of the elements that matter, text gathered per element and applied when
//! it closes. Per statement: account (`Acct/Id/IBAN` or `Othr/Id`),
//! currency, balances (`OPBD`, else `PRCD`, as opening; `CLBD` as closing),
//! and entries. An entry with several `TxDtls` that each carry their own
//! amount becomes one transaction per detail (a batch); otherwise one
//! transaction per entry. Counterparty is the debtor for money in and the
//! creditor for money out (v8's `Pty` level is skipped); remittance is
//! `RmtInf/Ustrd`, falling back to `AddtlTxInf` and `AddtlNtryInf`;
//! `Strd/CdtrRefInf/Ref` is the structured reference. Entries whose status
//! is not booked (`PDNG`, `INFO`) are left out of statements and reports
//! with a warning, and read from notifications (camt.054), where they are
//! the point of the message. A missing booking date falls back to the value
//! date, then the statement's or message's creation date.
//!
//! A document type declaration (DTD) is refused, never read, and so is
//! nesting deeper than [`super::xml::MAX_DEPTH`]: the stack stays small
//! whatever the file holds.

use chrono::NaiveDate;
use quick_xml::events::Event;

use super::text::{collapse_spaces, non_empty};
use super::{Balance, Format, Location, ParsedFile, Statement, StatementError, Transaction};
use crate::money::{DecimalMark, Money};

/// The elements the reader cares about; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Document,
    Message,
    Statement,
    Id,
    Acct,
    Iban,
    Othr,
    Ccy,
    Bal,
    Tp,
    CdOrPrtry,
    Cd,
    Prtry,
    Amt,
    CdtDbtInd,
    Dt,
    DtTm,
    Ntry,
    RvslInd,
    Sts,
    BookgDt,
    ValDt,
    AcctSvcrRef,
    AddtlNtryInf,
    NtryDtls,
    TxDtls,
    Refs,
    EndToEndId,
    AmtDtls,
    TxAmt,
    InstdAmt,
    RltdPties,
    Dbtr,
    Cdtr,
    UltmtDbtr,
    UltmtCdtr,
    Pty,
    Nm,
    DbtrAcct,
    CdtrAcct,
    RmtInf,
    Ustrd,
    Strd,
    CdtrRefInf,
    Ref,
    AddtlTxInf,
    RtrInf,
    Rsn,
    GrpHdr,
    CreDtTm,
    Other,
}

impl Tag {
    fn of(name: &str) -> Tag {
        match name {
            "Document" => Tag::Document,
            name if name.starts_with("BkToCstmr") => Tag::Message,
            "Stmt" | "Rpt" | "Ntfctn" => Tag::Statement,
            "Id" => Tag::Id,
            "Acct" => Tag::Acct,
            "IBAN" => Tag::Iban,
            "Othr" | "PrtryAcct" => Tag::Othr,
            "Ccy" => Tag::Ccy,
            "Bal" => Tag::Bal,
            "Tp" => Tag::Tp,
            "CdOrPrtry" => Tag::CdOrPrtry,
            "Cd" => Tag::Cd,
            "Prtry" => Tag::Prtry,
            "Amt" => Tag::Amt,
            "CdtDbtInd" => Tag::CdtDbtInd,
            "Dt" => Tag::Dt,
            "DtTm" => Tag::DtTm,
            "Ntry" => Tag::Ntry,
            "RvslInd" => Tag::RvslInd,
            "Sts" => Tag::Sts,
            "BookgDt" => Tag::BookgDt,
            "ValDt" => Tag::ValDt,
            "AcctSvcrRef" => Tag::AcctSvcrRef,
            "AddtlNtryInf" => Tag::AddtlNtryInf,
            "NtryDtls" => Tag::NtryDtls,
            "TxDtls" => Tag::TxDtls,
            "Refs" => Tag::Refs,
            "EndToEndId" => Tag::EndToEndId,
            "AmtDtls" => Tag::AmtDtls,
            "TxAmt" => Tag::TxAmt,
            "InstdAmt" => Tag::InstdAmt,
            "RltdPties" => Tag::RltdPties,
            "Dbtr" => Tag::Dbtr,
            "Cdtr" => Tag::Cdtr,
            "UltmtDbtr" => Tag::UltmtDbtr,
            "UltmtCdtr" => Tag::UltmtCdtr,
            "Pty" => Tag::Pty,
            "Nm" => Tag::Nm,
            "DbtrAcct" => Tag::DbtrAcct,
            "CdtrAcct" => Tag::CdtrAcct,
            "RmtInf" => Tag::RmtInf,
            "Ustrd" => Tag::Ustrd,
            "Strd" => Tag::Strd,
            "CdtrRefInf" => Tag::CdtrRefInf,
            "Ref" => Tag::Ref,
            "AddtlTxInf" => Tag::AddtlTxInf,
            "RtrInf" => Tag::RtrInf,
            "Rsn" => Tag::Rsn,
            "GrpHdr" => Tag::GrpHdr,
            "CreDtTm" => Tag::CreDtTm,
            _ => Tag::Other,
        }
    }
}

/// A transaction detail inside an entry.
#[derive(Debug, Default)]
struct Detail {
    amount: Option<(Money, String)>,
    debit: Option<bool>,
    end_to_end_id: Option<String>,
    bank_reference: Option<String>,
    debtor_name: Option<String>,
    debtor_account: Option<String>,
    creditor_name: Option<String>,
    creditor_account: Option<String>,
    ultimate_debtor: Option<String>,
    ultimate_creditor: Option<String>,
    remittance: Option<String>,
    structured_reference: Option<String>,
    additional: Option<String>,
    return_reason: Option<String>,
}

/// An entry (`Ntry`) being read.
#[derive(Debug, Default)]
struct Entry {
    line: usize,
    statement_index: usize,
    entry_index: usize,
    amount: Option<(Money, String)>,
    debit: Option<bool>,
    status: Option<String>,
    booking_date: Option<NaiveDate>,
    value_date: Option<NaiveDate>,
    bank_reference: Option<String>,
    additional: Option<String>,
    reversal: bool,
    details: Vec<Detail>,
}

/// A balance (`Bal`) being read.
#[derive(Debug, Default)]
struct BalanceParts {
    code: Option<String>,
    amount: Option<Money>,
    currency: Option<String>,
    debit: bool,
    date: Option<NaiveDate>,
}

/// A statement being read.
#[derive(Debug, Default)]
struct StatementParts {
    line: usize,
    path: String,
    id: Option<String>,
    created: Option<NaiveDate>,
    account: Option<String>,
    currency: Option<String>,
    opening: Option<(u8, Balance, String)>,
    closing: Option<(Balance, String)>,
    transactions: Vec<Transaction>,
}

/// Reads a camt.052, camt.053 or camt.054 message.
///
/// # Errors
/// [`StatementError::Invalid`] with the element path and line of broken
/// XML, a missing account, amount or date, or a message without statements.
pub fn parse(file_name: &str, text: &str) -> Result<ParsedFile, StatementError> {
    let (message, version) = message_version(text);
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Tag> = Vec::with_capacity(16);
    let mut counters = Counters::default();
    let mut buffer = String::new();
    let mut statements: Vec<Statement> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut statement: Option<StatementParts> = None;
    let mut balance: Option<BalanceParts> = None;
    let mut entry: Option<Entry> = None;
    let mut n_skipped = 0_usize;
    let mut n_notified = 0_usize;
    let mut saw_root = false;
    let mut lines = Lines::default();
    let mut message_created: Option<NaiveDate> = None;
    let fail = |stack: &[Tag], counters: &Counters, offset: u64, problem: String| {
        StatementError::invalid(
            file_name,
            Location::Element {
                path: path(stack, counters),
                line: line_at(text, offset),
            },
            problem,
        )
    };
    loop {
        let offset = reader.buffer_position();
        let event = reader.read_event().map_err(|error| {
            fail(
                &stack,
                &counters,
                reader.error_position(),
                format!(
                    "the XML is broken ({error}); the file is damaged or cut off, download it again"
                ),
            )
        })?;
        match event {
            Event::Start(start) => {
                if stack.len() >= super::xml::MAX_DEPTH {
                    return Err(StatementError::invalid(
                        file_name,
                        Location::Element {
                            path: format!(
                                "{}/…",
                                path(stack.get(..4).unwrap_or(&stack), &counters)
                            ),
                            line: line_at(text, offset),
                        },
                        super::xml::too_deep(),
                    ));
                }
                let tag = Tag::of(start.local_name().as_ref());
                saw_root = true;
                buffer.clear();
                match tag {
                    Tag::Statement if stack.last() == Some(&Tag::Message) => {
                        counters.statement += 1;
                        counters.entry = 0;
                        stack.push(tag);
                        statement = Some(StatementParts {
                            line: lines.at(text, offset),
                            path: path(&stack, &counters),
                            ..StatementParts::default()
                        });
                        continue;
                    }
                    Tag::Bal if statement.is_some() => balance = Some(BalanceParts::default()),
                    Tag::Ntry if statement.is_some() => {
                        counters.entry += 1;
                        counters.detail = 0;
                        stack.push(tag);
                        entry = Some(Entry {
                            line: lines.at(text, offset),
                            statement_index: counters.statement,
                            entry_index: counters.entry,
                            ..Entry::default()
                        });
                        continue;
                    }
                    Tag::TxDtls => {
                        if let Some(entry) = entry.as_mut() {
                            counters.detail += 1;
                            entry.details.push(Detail::default());
                        }
                    }
                    Tag::Amt => {
                        let currency = start
                            .try_get_attribute("Ccy")
                            .ok()
                            .flatten()
                            .map(|attribute| attribute.value.into_owned());
                        buffer.clear();
                        stack.push(tag);
                        pending_currency(&mut counters, currency);
                        continue;
                    }
                    _ => {}
                }
                stack.push(tag);
            }
            Event::DocType(_) => {
                return Err(StatementError::invalid(
                    file_name,
                    Location::Element {
                        path: "Document".to_owned(),
                        line: line_at(text, offset),
                    },
                    super::xml::DTD_REFUSED,
                ));
            }
            Event::Empty(_) => {}
            Event::Text(content) => buffer.push_str(&content),
            Event::CData(content) => buffer.push_str(&content),
            Event::GeneralRef(reference) => {
                if let Ok(Some(character)) = reference.resolve_char_ref() {
                    buffer.push(character);
                } else {
                    buffer.push_str(match &*reference {
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
                let value = buffer.trim();
                if stack.ends_with(&[Tag::GrpHdr, Tag::CreDtTm]) {
                    message_created = date(value).ok();
                }
                let problem = apply(
                    &stack,
                    value,
                    counters.currency.take(),
                    statement.as_mut(),
                    balance.as_mut(),
                    entry.as_mut(),
                );
                if let Err(problem) = problem {
                    return Err(fail(&stack, &counters, offset, problem));
                }
                buffer.clear();
                let Some(tag) = stack.pop() else {
                    continue;
                };
                match tag {
                    Tag::Bal => {
                        if let (Some(parts), Some(statement)) = (balance.take(), statement.as_mut())
                        {
                            close_balance(parts, statement)
                                .map_err(|problem| fail(&stack, &counters, offset, problem))?;
                        }
                    }
                    Tag::Ntry => {
                        if let (Some(done), Some(statement)) = (entry.take(), statement.as_mut()) {
                            let booked =
                                done.status.as_deref().is_none_or(|status| status == "BOOK");
                            // A notification (camt.054) reports payments as
                            // they arrive, often before booking (PDNG) or as
                            // advice (INFO): each is read, so a customer who
                            // has paid is not chased.
                            let notified = message == 54 && !booked;
                            if notified {
                                n_notified += 1;
                            }
                            if booked || notified {
                                let fallback = statement.created.or(message_created);
                                close_entry(file_name, done, statement, fallback)?;
                            } else {
                                n_skipped += 1;
                            }
                        }
                    }
                    Tag::Statement => {
                        if let Some(done) = statement.take() {
                            statements.push(close_statement(file_name, done)?);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(StatementError::NotAStatement {
            file: file_name.to_owned(),
            found: "XML without elements".to_owned(),
        });
    }
    if !stack.is_empty() {
        return Err(fail(
            &stack,
            &counters,
            text.len() as u64,
            "the XML ends before this element is closed: the file is cut off; download it again"
                .to_owned(),
        ));
    }
    if statements.is_empty() {
        return Err(StatementError::invalid(
            file_name,
            Location::Element {
                path: "Document".to_owned(),
                line: 1,
            },
            "the camt message holds no statement (no Stmt, Rpt or Ntfctn element under BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn)",
        ));
    }
    if n_skipped > 0 {
        warnings.push(format!(
            "{file_name}: {n_skipped} entries that are not booked yet (status PDNG or INFO) were left out"
        ));
    }
    if n_notified > 0 {
        warnings.push(format!(
            "{file_name}: {n_notified} notified entries are not booked yet (status PDNG or INFO); they were read as the bank notified them"
        ));
    }
    Ok(ParsedFile {
        file_name: file_name.to_owned(),
        format: Format::Camt { message, version },
        encoding: super::Encoding::UTF_8,
        statements,
        warnings,
    })
}

/// Element counts for error paths, and the `Ccy` of the open `Amt`.
#[derive(Debug, Default)]
struct Counters {
    statement: usize,
    entry: usize,
    detail: usize,
    currency: Option<String>,
}

fn pending_currency(counters: &mut Counters, currency: Option<String>) {
    counters.currency = currency;
}

/// The path of the element at the top of the stack, e.g.
/// `Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt`.
fn path(stack: &[Tag], counters: &Counters) -> String {
    let mut out = String::new();
    for tag in stack {
        if !out.is_empty() {
            out.push('/');
        }
        match tag {
            Tag::Statement => out.push_str(&format!("Stmt[{}]", counters.statement)),
            Tag::Ntry => out.push_str(&format!("Ntry[{}]", counters.entry)),
            Tag::TxDtls => out.push_str(&format!("TxDtls[{}]", counters.detail)),
            Tag::Message => out.push_str("BkToCstmrStmt"),
            other => out.push_str(&format!("{other:?}")),
        }
    }
    if out.is_empty() {
        out.push_str("Document");
    }
    out
}

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: u64) -> usize {
    let mut lines = Lines::default();
    lines.at(text, offset)
}

/// Counts lines as the reader moves forward, so that finding the line of
/// each entry costs only the bytes since the last one.
#[derive(Debug, Default)]
struct Lines {
    offset: usize,
    line: usize,
}

impl Lines {
    fn at(&mut self, text: &str, offset: u64) -> usize {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(text.len());
        if end < self.offset {
            self.offset = 0;
            self.line = 0;
        }
        let slice = text.as_bytes().get(self.offset..end).unwrap_or_default();
        self.line += slice.iter().filter(|byte| **byte == b'\n').count();
        self.offset = end;
        self.line + 1
    }
}

/// `camt.053` and `001.02` from the namespace, or from the root element.
fn message_version(text: &str) -> (u16, u16) {
    let head = text.get(..text.len().min(4096)).unwrap_or(text);
    if let Some(position) = head.find("camt.05") {
        let code = head.get(position + 5..position + 15).unwrap_or_default();
        let message = code.get(..3).and_then(|m| m.parse().ok());
        let version = code.get(8..10).and_then(|v| v.parse().ok());
        if let (Some(message), Some(version)) = (message, version) {
            return (message, version);
        }
    }
    if head.contains("BkToCstmrAcctRpt") {
        (52, 2)
    } else if head.contains("BkToCstmrDbtCdtNtfctn") {
        (54, 2)
    } else {
        (53, 2)
    }
}

/// Applies the text of the element that closes to what is being read.
fn apply(
    stack: &[Tag],
    value: &str,
    currency: Option<String>,
    statement: Option<&mut StatementParts>,
    balance: Option<&mut BalanceParts>,
    entry: Option<&mut Entry>,
) -> Result<(), String> {
    let Some(statement) = statement else {
        return Ok(());
    };
    let n = stack.len();
    let top = |k: usize| -> Tag { stack.get(n.wrapping_sub(k)).copied().unwrap_or(Tag::Other) };
    if let Some(balance) = balance {
        match top(1) {
            Tag::Cd | Tag::Prtry if top(2) == Tag::CdOrPrtry => balance.code = non_empty(value),
            Tag::Amt if top(2) == Tag::Bal => {
                balance.amount = Some(amount(value)?);
                balance.currency = currency;
            }
            Tag::CdtDbtInd if top(2) == Tag::Bal => balance.debit = value == "DBIT",
            Tag::Dt | Tag::DtTm if top(2) == Tag::Dt => balance.date = Some(date(value)?),
            _ => {}
        }
        return Ok(());
    }
    let Some(entry) = entry else {
        match top(1) {
            Tag::Id if top(2) == Tag::Statement => statement.id = non_empty(value),
            Tag::CreDtTm if top(2) == Tag::Statement => statement.created = date(value).ok(),
            Tag::Iban if top(3) == Tag::Acct && top(4) == Tag::Statement => {
                statement.account = non_empty(value);
            }
            Tag::Id
                if top(2) == Tag::Othr
                    && top(4) == Tag::Acct
                    && top(5) == Tag::Statement
                    && statement.account.is_none() =>
            {
                statement.account = non_empty(value);
            }
            Tag::Ccy if top(2) == Tag::Acct && top(3) == Tag::Statement => {
                statement.currency = non_empty(value);
            }
            _ => {}
        }
        return Ok(());
    };
    if let Some(detail) = entry.details.last_mut()
        && stack.contains(&Tag::TxDtls)
    {
        return apply_detail(stack, value, currency, detail);
    }
    match top(1) {
        Tag::Amt if top(2) == Tag::Ntry => {
            entry.amount = Some((amount(value)?, currency.unwrap_or_default()));
        }
        Tag::CdtDbtInd if top(2) == Tag::Ntry => entry.debit = Some(debit(value)?),
        Tag::Sts if top(2) == Tag::Ntry => entry.status = non_empty(value),
        Tag::Cd if top(2) == Tag::Sts && top(3) == Tag::Ntry => entry.status = non_empty(value),
        Tag::Dt | Tag::DtTm if top(2) == Tag::BookgDt => entry.booking_date = Some(date(value)?),
        Tag::Dt | Tag::DtTm if top(2) == Tag::ValDt => entry.value_date = Some(date(value)?),
        Tag::AcctSvcrRef if top(2) == Tag::Ntry => entry.bank_reference = non_empty(value),
        Tag::RvslInd if top(2) == Tag::Ntry => entry.reversal = value.trim() == "true",
        Tag::AddtlNtryInf => entry.additional = non_empty(&collapse_spaces(value)),
        _ => {}
    }
    Ok(())
}

/// Applies text inside `TxDtls`.
fn apply_detail(
    stack: &[Tag],
    value: &str,
    currency: Option<String>,
    detail: &mut Detail,
) -> Result<(), String> {
    let n = stack.len();
    let top = |k: usize| -> Tag { stack.get(n.wrapping_sub(k)).copied().unwrap_or(Tag::Other) };
    let within = |tag: Tag| {
        stack
            .iter()
            .rev()
            .take_while(|t| **t != Tag::TxDtls)
            .any(|t| *t == tag)
    };
    match top(1) {
        Tag::Amt if top(2) == Tag::TxDtls => {
            detail.amount = Some((amount(value)?, currency.unwrap_or_default()));
        }
        Tag::Amt if top(2) == Tag::TxAmt && detail.amount.is_none() => {
            detail.amount = Some((amount(value)?, currency.unwrap_or_default()));
        }
        Tag::CdtDbtInd if top(2) == Tag::TxDtls => detail.debit = Some(debit(value)?),
        Tag::EndToEndId => {
            detail.end_to_end_id = non_empty(value).filter(|id| id != "NOTPROVIDED");
        }
        Tag::AcctSvcrRef if top(2) == Tag::Refs => detail.bank_reference = non_empty(value),
        Tag::Nm if within(Tag::RltdPties) => {
            let slot = if within(Tag::UltmtDbtr) {
                &mut detail.ultimate_debtor
            } else if within(Tag::UltmtCdtr) {
                &mut detail.ultimate_creditor
            } else if within(Tag::Dbtr) {
                &mut detail.debtor_name
            } else if within(Tag::Cdtr) {
                &mut detail.creditor_name
            } else {
                return Ok(());
            };
            if slot.is_none() {
                *slot = non_empty(value);
            }
        }
        Tag::Iban | Tag::Id
            if within(Tag::DbtrAcct)
                && (top(1) == Tag::Iban || top(2) == Tag::Othr)
                && detail.debtor_account.is_none() =>
        {
            detail.debtor_account = non_empty(value);
        }
        Tag::Iban | Tag::Id
            if within(Tag::CdtrAcct)
                && (top(1) == Tag::Iban || top(2) == Tag::Othr)
                && detail.creditor_account.is_none() =>
        {
            detail.creditor_account = non_empty(value);
        }
        Tag::Ustrd => {
            if let Some(text) = non_empty(value) {
                detail.remittance = Some(match detail.remittance.take() {
                    Some(before) => format!("{before} {text}"),
                    None => text,
                });
            }
        }
        Tag::Ref if top(2) == Tag::CdtrRefInf && detail.structured_reference.is_none() => {
            detail.structured_reference = non_empty(value);
        }
        Tag::AddtlTxInf => detail.additional = non_empty(&collapse_spaces(value)),
        Tag::Cd | Tag::Prtry
            if top(2) == Tag::Rsn && within(Tag::RtrInf) && detail.return_reason.is_none() =>
        {
            detail.return_reason = non_empty(value);
        }
        _ => {}
    }
    Ok(())
}

fn amount(value: &str) -> Result<Money, String> {
    let well_formed = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.bytes().filter(|b| *b == b'.').count() <= 1;
    well_formed
        .then(|| Money::parse_written(value, DecimalMark::Dot).ok())
        .flatten()
        .ok_or_else(|| {
            format!(
                "'{value}' is not an amount (expected digits with a decimal point, e.g. 1234.56)"
            )
        })
}

fn debit(value: &str) -> Result<bool, String> {
    match value {
        "DBIT" => Ok(true),
        "CRDT" => Ok(false),
        other => Err(format!("'{other}' is not CRDT or DBIT")),
    }
}

fn date(value: &str) -> Result<NaiveDate, String> {
    value
        .get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .ok_or_else(|| format!("'{value}' is not a date (expected YYYY-MM-DD)"))
}

fn close_balance(parts: BalanceParts, statement: &mut StatementParts) -> Result<(), String> {
    let (Some(code), Some(amount), Some(date)) = (parts.code, parts.amount, parts.date) else {
        return Ok(());
    };
    let amount = if parts.debit { -amount } else { amount };
    let balance = Balance { date, amount };
    let currency = parts.currency.unwrap_or_default();
    let rank = match code.as_str() {
        "OPBD" => 1,
        "PRCD" => 2,
        "ITBD" => 3,
        _ => 0,
    };
    if rank > 0
        && statement
            .opening
            .as_ref()
            .is_none_or(|(best, _, _)| rank < *best)
    {
        statement.opening = Some((rank, balance, currency));
    } else if code == "CLBD" {
        statement.closing = Some((balance, currency));
    }
    Ok(())
}

fn close_entry(
    file_name: &str,
    entry: Entry,
    statement: &mut StatementParts,
    fallback_date: Option<NaiveDate>,
) -> Result<(), StatementError> {
    let at = Location::Line(entry.line);
    let missing = |what: &str| {
        StatementError::invalid(
            file_name,
            Location::Element {
                path: format!(
                    "Document/BkToCstmrStmt/Stmt[{}]/Ntry[{}]",
                    entry.statement_index, entry.entry_index
                ),
                line: entry.line,
            },
            format!("the entry has no {what}; the file is incomplete"),
        )
    };
    let (entry_amount, entry_currency) = entry
        .amount
        .clone()
        .ok_or_else(|| missing("amount (Amt)"))?;
    let entry_debit = entry
        .debit
        .ok_or_else(|| missing("credit/debit indicator (CdtDbtInd)"))?;
    let booking_date = entry
        .booking_date
        .or(entry.value_date)
        .or(fallback_date)
        .ok_or_else(|| missing("booking date (BookgDt)"))?;
    let signed = |amount: Money, debit: bool| if debit { -amount } else { amount };
    let split =
        entry.details.len() > 1 && entry.details.iter().all(|detail| detail.amount.is_some()) && {
            let sum: Money = entry
                .details
                .iter()
                .filter_map(|detail| {
                    detail
                        .amount
                        .as_ref()
                        .map(|(amount, _)| signed(*amount, detail.debit.unwrap_or(entry_debit)))
                })
                .sum();
            sum == signed(entry_amount, entry_debit)
        };
    let make = |detail: Option<&Detail>, amount: Money, currency: &str| {
        let debit = amount.is_negative();
        let return_reason = detail.and_then(|detail| detail.return_reason.clone());
        let reversal = entry.reversal || return_reason.is_some();
        // A return keeps the parties of the payment it returns: the debtor is
        // the customer whose payment comes back, the creditor is us.
        let returned_from_debtor = reversal
            && debit
            && detail.is_some_and(|detail| {
                detail.debtor_name.is_some() || detail.debtor_account.is_some()
            });
        let (name, account) = match detail {
            Some(detail) if debit && !returned_from_debtor => (
                detail
                    .creditor_name
                    .clone()
                    .or(detail.ultimate_creditor.clone()),
                detail.creditor_account.clone(),
            ),
            Some(detail) => (
                detail
                    .debtor_name
                    .clone()
                    .or(detail.ultimate_debtor.clone()),
                detail.debtor_account.clone(),
            ),
            None => (None, None),
        };
        Transaction {
            booking_date,
            value_date: entry.value_date,
            amount,
            currency: if currency.is_empty() {
                entry_currency.clone()
            } else {
                currency.to_owned()
            },
            counterparty_name: name,
            counterparty_iban: account,
            remittance: detail
                .and_then(|detail| detail.remittance.clone().or(detail.additional.clone()))
                .or(entry.additional.clone()),
            structured_reference: detail.and_then(|detail| detail.structured_reference.clone()),
            end_to_end_id: detail.and_then(|detail| detail.end_to_end_id.clone()),
            bank_reference: detail
                .and_then(|detail| detail.bank_reference.clone())
                .or(entry.bank_reference.clone()),
            reversal,
            return_reason,
            ultimate_debtor: detail.and_then(|detail| detail.ultimate_debtor.clone()),
            origin: at.clone(),
        }
    };
    if split {
        for detail in &entry.details {
            if let Some((amount, currency)) = &detail.amount {
                let amount = signed(*amount, detail.debit.unwrap_or(entry_debit));
                statement
                    .transactions
                    .push(make(Some(detail), amount, currency));
            }
        }
    } else {
        let amount = signed(entry_amount, entry_debit);
        let transaction = make(entry.details.first(), amount, &entry_currency);
        statement.transactions.push(transaction);
    }
    Ok(())
}

fn close_statement(file_name: &str, parts: StatementParts) -> Result<Statement, StatementError> {
    let at = Location::Element {
        path: parts.path.clone(),
        line: parts.line,
    };
    let account = parts.account.ok_or_else(|| {
        StatementError::invalid(
            file_name,
            at.clone(),
            "the statement has no account (Acct/Id/IBAN or Acct/Id/Othr/Id)",
        )
    })?;
    let currency = parts
        .currency
        .or_else(|| {
            parts
                .opening
                .as_ref()
                .map(|(_, _, currency)| currency.clone())
        })
        .or_else(|| parts.closing.as_ref().map(|(_, currency)| currency.clone()))
        .or_else(|| {
            parts
                .transactions
                .first()
                .map(|transaction| transaction.currency.clone())
        })
        .filter(|currency| !currency.is_empty())
        .unwrap_or_else(|| "EUR".to_owned());
    Ok(Statement {
        account,
        currency,
        statement_id: parts.id,
        opening: parts.opening.map(|(_, balance, _)| balance),
        closing: parts.closing.map(|(balance, _)| balance),
        transactions: parts.transactions,
        origin: at,
    })
}
