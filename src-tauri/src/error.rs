//! Turning core errors into the `{kind, message}` the UI switches on.

use tegoed_core::book::BookError;
use tegoed_core::demo::DemoError;

use crate::dto::{CommandError, ErrorKind};

impl From<BookError> for CommandError {
    fn from(error: BookError) -> CommandError {
        let kind = match error {
            BookError::NoFolder { .. }
            | BookError::Open { .. }
            | BookError::Migrate { .. }
            | BookError::NoHome => ErrorKind::Book,
            BookError::Corrupt { .. } | BookError::Overflow(_) | BookError::Query(_) => {
                ErrorKind::Internal
            }
        };
        CommandError {
            kind,
            message: error.to_string(),
        }
    }
}

impl From<DemoError> for CommandError {
    fn from(error: DemoError) -> CommandError {
        match error {
            DemoError::NotEmpty(_) => CommandError {
                kind: ErrorKind::Input,
                message: error.to_string(),
            },
            DemoError::Book(error) => error.into(),
            error @ (DemoError::Letters(_) | DemoError::Record(_)) => CommandError {
                kind: ErrorKind::Internal,
                message: error.to_string(),
            },
        }
    }
}

impl From<tauri_plugin_store::Error> for CommandError {
    fn from(error: tauri_plugin_store::Error) -> CommandError {
        CommandError {
            kind: ErrorKind::Internal,
            message: format!("settings could not be saved: {error}"),
        }
    }
}

impl From<tegoed_core::import::FileError> for CommandError {
    /// A file at fault is the person's to fix (`input`); a failing book is not.
    fn from(error: tegoed_core::import::FileError) -> CommandError {
        use tegoed_core::import::FileError;
        match error {
            FileError::Book(error) => error.into(),
            error if error.is_user_error() => CommandError {
                kind: ErrorKind::Input,
                message: error.to_string(),
            },
            error => CommandError {
                kind: ErrorKind::Internal,
                message: error.to_string(),
            },
        }
    }
}

impl From<tegoed_core::outbox::OutboxError> for CommandError {
    /// An unknown letter or a missing sender address is the person's to fix; a failing book is not.
    fn from(error: tegoed_core::outbox::OutboxError) -> CommandError {
        use tegoed_core::outbox::OutboxError;
        match error {
            OutboxError::Book(error) => error.into(),
            OutboxError::Delivery(error) => error.into(),
            error if error.is_user_error() => CommandError {
                kind: ErrorKind::Input,
                message: error.to_string(),
            },
            error => CommandError {
                kind: ErrorKind::Internal,
                message: error.to_string(),
            },
        }
    }
}

impl From<tegoed_core::remind::RemindError> for CommandError {
    fn from(error: tegoed_core::remind::RemindError) -> CommandError {
        use tegoed_core::remind::RemindError;
        match error {
            RemindError::Book(error) => error.into(),
            RemindError::Blocked(_) | RemindError::NoIban => CommandError {
                kind: ErrorKind::Input,
                message: error.to_string(),
            },
            RemindError::Letter(_) | RemindError::Law(_) => CommandError {
                kind: ErrorKind::Internal,
                message: error.to_string(),
            },
        }
    }
}

impl From<tegoed_core::delivery::DeliveryError> for CommandError {
    /// Mail settings, addresses and the server's refusals are the person's to act on.
    fn from(error: tegoed_core::delivery::DeliveryError) -> CommandError {
        use tegoed_core::delivery::DeliveryError;
        let kind = match error {
            DeliveryError::Build(_) => ErrorKind::Internal,
            _ => ErrorKind::Input,
        };
        CommandError {
            kind,
            message: error.to_string(),
        }
    }
}
