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
