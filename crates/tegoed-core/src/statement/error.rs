//! Errors of statement reading: every one names the file and the place in it
//! (line, line and column, or XML element path), says what was expected and
//! what to do.

use std::fmt;

/// Where in a file something is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A 1-based physical line.
    Line(usize),
    /// A 1-based physical line and a named column (CSV).
    Cell {
        /// The line where the record starts.
        line: usize,
        /// The column's header or number.
        column: String,
    },
    /// An XML element path such as `Document/BkToCstmrStmt/Stmt[2]/Ntry[3]/Amt`,
    /// with the line it starts on.
    Element {
        /// The path from the root.
        path: String,
        /// The 1-based line of the element.
        line: usize,
    },
}

impl Location {
    /// The line, when the location has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Location::File => None,
            Location::Line(line) | Location::Cell { line, .. } | Location::Element { line, .. } => {
                Some(*line)
            }
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::Line(line) => write!(f, "line {line}"),
            Location::Cell { line, column } => write!(f, "line {line}, column {column}"),
            Location::Element { path, line } => write!(f, "line {line}, element {path}"),
        }
    }
}

/// A bank file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// Nothing in the file.
    #[error("{file}: the file is empty; download the statement again from your bank")]
    Empty {
        /// The file name.
        file: String,
    },
    /// The content is not a bank statement in a format Tegoed reads.
    #[error(
        "{file}: not a bank statement Tegoed can read ({found}); export MT940, camt.053 or your bank's CSV"
    )]
    NotAStatement {
        /// The file name.
        file: String,
        /// What the content looks like instead.
        found: String,
    },
    /// The file is of a known format but damaged or incomplete at a place.
    #[error("{file} {at}: {problem}")]
    Invalid {
        /// The file name.
        file: String,
        /// Where.
        at: Location,
        /// What is wrong there, what was expected and what to do.
        problem: String,
    },
    /// A CSV file whose columns Tegoed does not know: the user maps them
    /// once, and the mapping is saved for files of the same shape.
    #[error(
        "{file}: the columns of this CSV file are not a known bank layout ({shape}); map its columns once in the app's import screen"
    )]
    UnknownCsvLayout {
        /// The file name.
        file: String,
        /// The file's shape, the key a saved mapping is stored under.
        shape: String,
    },
}

impl StatementError {
    /// A damaged-file error at a place.
    /// The problem is kept on one line: quoted file content may hold line
    /// breaks and control characters.
    pub(crate) fn invalid(file: &str, at: Location, problem: impl Into<String>) -> StatementError {
        let problem: String = problem
            .into()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        StatementError::Invalid {
            file: file.to_owned(),
            at,
            problem,
        }
    }

    /// A stable code for the kind of error, for the UI to switch on.
    pub fn kind(&self) -> &'static str {
        match self {
            StatementError::Empty { .. } => "empty",
            StatementError::NotAStatement { .. } => "not_a_statement",
            StatementError::Invalid { .. } => "invalid",
            StatementError::UnknownCsvLayout { .. } => "unknown_csv_layout",
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            StatementError::Empty { file }
            | StatementError::NotAStatement { file, .. }
            | StatementError::Invalid { file, .. }
            | StatementError::UnknownCsvLayout { file, .. } => file,
        }
    }
}

impl crate::fault::Classify for StatementError {
    /// A bank file that cannot be read is the person's to fix.
    fn fault(&self) -> crate::fault::Fault {
        crate::fault::Fault::Input
    }
}
