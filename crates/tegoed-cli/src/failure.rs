//! How a command fails: a user error (exit 1) or an internal one (exit 2),
//! reported as one line on stderr.

use std::process::ExitCode;

use tegoed_core::fault::Classify;

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

    /// A core error as core classifies it (`tegoed_core::fault`): the
    /// person's (exit 1) or Tegoed's (exit 2).
    fn classified<E>(error: E) -> Failure
    where
        E: Classify + std::error::Error + Send + Sync + 'static,
    {
        if error.fault().is_users() {
            Failure::User(error.to_string())
        } else {
            Failure::Internal(error.into())
        }
    }
}

/// `From` for core errors, each through [`Failure::classified`].
macro_rules! classified {
    ($($error:ty),* $(,)?) => {
        $(impl From<$error> for Failure {
            fn from(error: $error) -> Failure {
                Failure::classified(error)
            }
        })*
    };
}

classified!(
    tegoed_core::book::BookError,
    tegoed_core::demo::DemoError,
    tegoed_core::statement::StatementError,
    tegoed_core::intake::IntakeError,
    tegoed_core::import::ledger::ImportError,
    tegoed_core::import::PdfImportError,
    tegoed_core::import::FileError,
    tegoed_core::import::ImportError,
    tegoed_core::law::LawError,
    tegoed_core::record::RecordError,
    tegoed_core::remind::RemindError,
    tegoed_core::outbox::OutboxError,
    tegoed_core::dossier::DossierError,
    tegoed_core::settings::SettingsError,
    tegoed_core::delivery::DeliveryError,
    tegoed_core::reconcile::DecisionError,
);

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
