//! Intake: the one door every dropped or named file goes through. It looks
//! at the content and hands the bytes to the reader of that kind: bank
//! statements ([`crate::statement`]) now; ledgers and invoice PDFs join as
//! further branches of [`ParsedFile`] and [`Kind`].
//!
//! Pure like the readers: a file name and bytes in, a parsed file out. It
//! never touches the book (importing is [`crate::import`]).

use crate::statement::{self, StatementError};

/// The kinds of file Tegoed reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A bank statement (MT940, camt, bank CSV).
    Bank,
}

impl Kind {
    /// The contract's `kind` code.
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Bank => "bank",
        }
    }
}

/// A file read by intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedFile {
    /// A bank statement file.
    Bank(statement::ParsedFile),
}

impl ParsedFile {
    /// Which kind of file it is.
    pub fn kind(&self) -> Kind {
        match self {
            ParsedFile::Bank(_) => Kind::Bank,
        }
    }
}

/// A file intake cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    /// A bank statement that is damaged, or content of no known kind.
    #[error(transparent)]
    Statement(#[from] StatementError),
}

impl IntakeError {
    /// A stable code for the UI to switch on.
    pub fn kind(&self) -> &'static str {
        match self {
            IntakeError::Statement(error) => error.kind(),
        }
    }
}

/// Reads a file of any kind Tegoed knows, detected from its content.
///
/// # Errors
/// An [`IntakeError`] naming the file and the place in it when the content
/// is of no known kind or damaged.
pub fn parse(file_name: &str, bytes: &[u8]) -> Result<ParsedFile, IntakeError> {
    // Each reader refuses content that is not its kind with
    // `NotAStatement`-like errors; new kinds are tried before the bank
    // reader's final "not a statement" answer.
    Ok(ParsedFile::Bank(statement::parse(file_name, bytes)?))
}
