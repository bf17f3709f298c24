//! Turning core errors into the `{kind, message}` the UI switches on, by
//! core's one classification (`tegoed_core::fault`), as the CLI's exit
//! codes are.

use tegoed_core::fault::{Classify, Fault};

use crate::dto::{CommandError, ErrorKind};

impl CommandError {
    /// A core error as core classifies it.
    fn classified<E: Classify + std::fmt::Display>(error: &E) -> CommandError {
        let kind = match error.fault() {
            Fault::Input => ErrorKind::Input,
            Fault::Book => ErrorKind::Book,
            Fault::Internal => ErrorKind::Internal,
        };
        CommandError {
            kind,
            message: error.to_string(),
        }
    }
}

/// `From` for core errors, each through [`CommandError::classified`].
macro_rules! classified {
    ($($error:ty),* $(,)?) => {
        $(impl From<$error> for CommandError {
            fn from(error: $error) -> CommandError {
                CommandError::classified(&error)
            }
        })*
    };
}

classified!(
    tegoed_core::book::BookError,
    tegoed_core::demo::DemoError,
    tegoed_core::import::FileError,
    tegoed_core::outbox::OutboxError,
    tegoed_core::remind::RemindError,
    tegoed_core::delivery::DeliveryError,
    tegoed_core::reconcile::DecisionError,
);

impl From<tauri_plugin_store::Error> for CommandError {
    fn from(error: tauri_plugin_store::Error) -> CommandError {
        CommandError {
            kind: ErrorKind::Internal,
            message: format!("settings could not be saved: {error}"),
        }
    }
}
