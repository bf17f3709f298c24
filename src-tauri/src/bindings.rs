//! TypeScript bindings for the UI, generated from the DTOs by ts-rs into
//! `ui/src/lib/api/bindings/`. The files are committed; the test below fails
//! when they are stale, and `cargo xtask codegen` rewrites them.

use std::path::{Path, PathBuf};

use ts_rs::{Config, ExportError, TS};

use crate::dto::{
    AccountRow, AgeingBucket, AmountKind, BankCsvMapping, BankCsvScreen, BookStatus,
    BusinessSettings, CallForm, CallSheet, CaseInvoiceRow, ChosenLetter, CommandError,
    CreditPayment, CreditView, CustomerCard, CustomerDetail, CustomerRow, CustomerUpdate, Decision,
    DisputeResult, ErrorKind, FieldColumn, FieldOption, FileKind, FilePreview, HeldRow,
    ImportOutcome, ImportProgress, Instalment, InvoiceRow, InvoiceStatus, Language, LedgerMapping,
    LedgerMappingScreen, LetterPreview, LetterProblem, LetterRow, MadeLetterView, MatchSummary,
    NextStepView, OutboxLetter, PasswordPlace, PlanForm, PlanView, Receivables, SendOutcome,
    SendProgress, SheetCall, SheetLetter, SheetRows, SmtpSettings, SmtpSource, SplitPart,
    StatementPreview, TableColumns, TimelineEvent, TodayAction, TodayList, TransactionRow,
    TransactionState, UnlinkedDocument, WrittenFile,
};

/// The folder the bindings live in, relative to the workspace.
pub const BINDINGS_DIR: &str = "ui/src/lib/api/bindings";

/// Every exported type's file name and TypeScript source.
///
/// # Errors
/// When ts-rs cannot render a type.
pub fn render() -> Result<Vec<(String, String)>, ExportError> {
    fn one<T: TS + 'static>(config: &Config) -> Result<(String, String), ExportError> {
        Ok((
            format!("{}.ts", T::name(config)),
            T::export_to_string(config)?,
        ))
    }
    let config = Config::new();
    Ok(vec![
        one::<AccountRow>(&config)?,
        one::<AgeingBucket>(&config)?,
        one::<AmountKind>(&config)?,
        one::<BankCsvMapping>(&config)?,
        one::<BankCsvScreen>(&config)?,
        one::<BookStatus>(&config)?,
        one::<CommandError>(&config)?,
        one::<CustomerRow>(&config)?,
        one::<Decision>(&config)?,
        one::<ErrorKind>(&config)?,
        one::<FieldColumn>(&config)?,
        one::<FieldOption>(&config)?,
        one::<FileKind>(&config)?,
        one::<FilePreview>(&config)?,
        one::<ImportOutcome>(&config)?,
        one::<ImportProgress>(&config)?,
        one::<InvoiceRow>(&config)?,
        one::<InvoiceStatus>(&config)?,
        one::<Language>(&config)?,
        one::<LedgerMapping>(&config)?,
        one::<LedgerMappingScreen>(&config)?,
        one::<LetterRow>(&config)?,
        one::<MatchSummary>(&config)?,
        one::<Receivables>(&config)?,
        one::<SheetRows>(&config)?,
        one::<SplitPart>(&config)?,
        one::<StatementPreview>(&config)?,
        one::<TableColumns>(&config)?,
        one::<TransactionRow>(&config)?,
        one::<TransactionState>(&config)?,
        one::<UnlinkedDocument>(&config)?,
        one::<CallForm>(&config)?,
        one::<CallSheet>(&config)?,
        one::<CaseInvoiceRow>(&config)?,
        one::<CreditPayment>(&config)?,
        one::<CreditView>(&config)?,
        one::<CustomerCard>(&config)?,
        one::<CustomerDetail>(&config)?,
        one::<CustomerUpdate>(&config)?,
        one::<DisputeResult>(&config)?,
        one::<HeldRow>(&config)?,
        one::<Instalment>(&config)?,
        one::<NextStepView>(&config)?,
        one::<PlanForm>(&config)?,
        one::<PlanView>(&config)?,
        one::<SheetCall>(&config)?,
        one::<SheetLetter>(&config)?,
        one::<TimelineEvent>(&config)?,
        one::<TodayAction>(&config)?,
        one::<TodayList>(&config)?,
        one::<BusinessSettings>(&config)?,
        one::<ChosenLetter>(&config)?,
        one::<LetterPreview>(&config)?,
        one::<LetterProblem>(&config)?,
        one::<MadeLetterView>(&config)?,
        one::<OutboxLetter>(&config)?,
        one::<PasswordPlace>(&config)?,
        one::<SendOutcome>(&config)?,
        one::<SendProgress>(&config)?,
        one::<SmtpSettings>(&config)?,
        one::<SmtpSource>(&config)?,
        one::<WrittenFile>(&config)?,
    ])
}

/// The bindings folder under a workspace root.
pub fn folder(workspace: &Path) -> PathBuf {
    workspace.join(BINDINGS_DIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when a DTO changed without `cargo xtask codegen`; with
    /// `UPDATE_BINDINGS=1` it writes the files instead.
    #[test]
    fn bindings_are_fresh() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let folder = folder(&workspace);
        let update = std::env::var_os("UPDATE_BINDINGS").is_some();
        let mut stale = Vec::new();
        for (file_name, source) in render().unwrap() {
            let path = folder.join(&file_name);
            if update {
                std::fs::create_dir_all(&folder).unwrap();
                std::fs::write(&path, &source).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(source.as_str()) {
                stale.push(file_name);
            }
        }
        assert!(
            stale.is_empty(),
            "stale TypeScript bindings {stale:?}: run `cargo xtask codegen`"
        );
    }
}
