//! How a command fails: a user error (exit 1) or an internal one (exit 2),
//! reported as one line on stderr.

use std::process::ExitCode;

use tegoed_core::book::BookError;
use tegoed_core::demo::DemoError;

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// Bad input from the user: exit 1.
    User(String),
    /// Something broke inside Tegoed: exit 2.
    Internal(anyhow::Error),
    /// Whoever read stdout stopped reading: exit quietly.
    ReaderGone,
}

impl Failure {
    /// Prints the message on stderr and returns the exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::User(message) => {
                eprintln!("tegoed: {message}");
                ExitCode::from(1)
            }
            Failure::Internal(error) => {
                eprintln!("tegoed: internal error: {error:#}");
                ExitCode::from(2)
            }
            Failure::ReaderGone => ExitCode::SUCCESS,
        }
    }
}

impl From<BookError> for Failure {
    fn from(error: BookError) -> Failure {
        match error {
            BookError::NoFolder { .. }
            | BookError::Open { .. }
            | BookError::NoHome
            | BookError::Migrate { .. } => Failure::User(error.to_string()),
            BookError::Corrupt { .. } | BookError::Overflow(_) | BookError::Query(_) => {
                Failure::Internal(error.into())
            }
        }
    }
}

impl From<DemoError> for Failure {
    fn from(error: DemoError) -> Failure {
        match error {
            DemoError::NotEmpty(_) => Failure::User(error.to_string()),
            DemoError::Book(error) => error.into(),
            error @ (DemoError::Letters(_) | DemoError::Record(_)) => {
                Failure::Internal(error.into())
            }
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Failure {
        match error.io_error_kind() {
            Some(std::io::ErrorKind::BrokenPipe) => Failure::ReaderGone,
            _ => Failure::Internal(error.into()),
        }
    }
}

impl From<std::io::Error> for Failure {
    /// A closed stdout (`tegoed invoices | head`) is not an error.
    fn from(error: std::io::Error) -> Failure {
        match error.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::ReaderGone,
            _ => Failure::Internal(error.into()),
        }
    }
}

impl From<tegoed_core::statement::StatementError> for Failure {
    /// A file that cannot be read is the user's to fix: exit 1.
    fn from(error: tegoed_core::statement::StatementError) -> Failure {
        Failure::User(error.to_string())
    }
}

impl From<tegoed_core::intake::IntakeError> for Failure {
    fn from(error: tegoed_core::intake::IntakeError) -> Failure {
        Failure::User(error.to_string())
    }
}

impl From<tegoed_core::import::ledger::ImportError> for Failure {
    /// A ledger that lacks what the book needs is the user's to fix.
    fn from(error: tegoed_core::import::ledger::ImportError) -> Failure {
        use tegoed_core::import::ledger::ImportError;
        match error {
            ImportError::Ledger(_) => Failure::User(error.to_string()),
            ImportError::Book(error) => error.into(),
        }
    }
}

impl From<tegoed_core::import::PdfImportError> for Failure {
    /// A file that is not a PDF is the user's to fix.
    fn from(error: tegoed_core::import::PdfImportError) -> Failure {
        use tegoed_core::import::PdfImportError;
        match error {
            PdfImportError::Pdf(_) => Failure::User(error.to_string()),
            PdfImportError::Book(error) => error.into(),
        }
    }
}

impl From<tegoed_core::import::FileError> for Failure {
    fn from(error: tegoed_core::import::FileError) -> Failure {
        use tegoed_core::import::FileError;
        match error {
            FileError::Book(error) => error.into(),
            error if error.is_user_error() => Failure::User(error.to_string()),
            error => Failure::Internal(error.into()),
        }
    }
}

impl From<tegoed_core::import::ImportError> for Failure {
    fn from(error: tegoed_core::import::ImportError) -> Failure {
        use tegoed_core::import::ImportError;
        match error {
            ImportError::Statement(_) | ImportError::Currency { .. } => {
                Failure::User(error.to_string())
            }
            ImportError::Book(error) => error.into(),
        }
    }
}

impl From<tegoed_core::law::LawError> for Failure {
    /// A date outside the rate table is the user's to fix; a malformed
    /// compiled-in table is ours.
    fn from(error: tegoed_core::law::LawError) -> Failure {
        use tegoed_core::law::LawError;
        match error {
            LawError::NoRate { .. } => Failure::User(error.to_string()),
            LawError::RateTable { .. } => Failure::Internal(error.into()),
        }
    }
}

impl From<tegoed_core::record::RecordError> for Failure {
    fn from(error: tegoed_core::record::RecordError) -> Failure {
        use tegoed_core::record::RecordError;
        match error {
            RecordError::Book(error) => error.into(),
            error => Failure::User(error.to_string()),
        }
    }
}

impl From<tegoed_core::remind::RemindError> for Failure {
    /// Stale bank data is the user's to fix: exit 1.
    fn from(error: tegoed_core::remind::RemindError) -> Failure {
        use tegoed_core::remind::RemindError;
        match error {
            RemindError::Book(error) => error.into(),
            RemindError::Blocked(_) | RemindError::NoIban => Failure::User(error.to_string()),
            error => Failure::Internal(error.into()),
        }
    }
}

impl From<tegoed_core::outbox::OutboxError> for Failure {
    fn from(error: tegoed_core::outbox::OutboxError) -> Failure {
        use tegoed_core::outbox::OutboxError;
        match error {
            OutboxError::Book(error) => error.into(),
            error if error.is_user_error() => Failure::User(error.to_string()),
            error => Failure::Internal(error.into()),
        }
    }
}

impl From<tegoed_core::dossier::DossierError> for Failure {
    fn from(error: tegoed_core::dossier::DossierError) -> Failure {
        use tegoed_core::dossier::DossierError;
        match error {
            DossierError::Book(error) => error.into(),
            error if error.is_user_error() => Failure::User(error.to_string()),
            error => Failure::Internal(error.into()),
        }
    }
}

impl From<tegoed_core::settings::SettingsError> for Failure {
    fn from(error: tegoed_core::settings::SettingsError) -> Failure {
        use tegoed_core::settings::SettingsError;
        match error {
            SettingsError::Book(error) => error.into(),
            error => Failure::User(error.to_string()),
        }
    }
}
