//! The SMTP password, kept out of the book: the OS keychain, or memory.
//!
//! Secrets sit behind [`SecretStore`] because a keychain is not always there (a headless
//! machine, a test bus without a Secret Service: keyring then answers `NoDefaultStore`). Nothing
//! needs one at start-up: [`KeychainStore::new`] touches nothing, and a missing keychain shows
//! up as a [`DeliveryError::Secret`] when a password is first read or written.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use super::DeliveryError;

/// Somewhere to keep a secret (the SMTP password) under a key (e.g. the SMTP URL's user and
/// host).
///
/// The calls block (a keychain may ask the OS or D-Bus); from async code, call them through
/// `tokio::task::spawn_blocking` when that matters.
pub trait SecretStore: Send + Sync {
    /// The secret under `key`, or `None` when none was stored.
    ///
    /// # Errors
    /// [`DeliveryError::Secret`] when the store cannot be read.
    fn get(&self, key: &str) -> Result<Option<String>, DeliveryError>;

    /// Stores `secret` under `key`, replacing what was there.
    ///
    /// # Errors
    /// [`DeliveryError::Secret`] when the store cannot be written.
    fn set(&self, key: &str, secret: &str) -> Result<(), DeliveryError>;

    /// Removes the secret under `key`; removing a missing one is not an error.
    ///
    /// # Errors
    /// [`DeliveryError::Secret`] when the store cannot be written.
    fn delete(&self, key: &str) -> Result<(), DeliveryError>;
}

/// The OS keychain through keyring: Keychain Services on macOS, Credential Manager on Windows,
/// the Secret Service (GNOME Keyring, KWallet) over D-Bus on Linux and the BSDs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeychainStore {
    service: String,
}

impl KeychainStore {
    /// The service name entries are stored under: the app's identifier.
    pub const SERVICE: &'static str = "nl.tegoed.Tegoed";

    /// A store under [`KeychainStore::SERVICE`]. Never fails and touches nothing: whether a
    /// keychain exists is found out on first use.
    pub fn new() -> KeychainStore {
        KeychainStore::with_service(Self::SERVICE)
    }

    /// A store under another service name (tests, a second profile).
    pub fn with_service(service: &str) -> KeychainStore {
        KeychainStore {
            service: service.to_owned(),
        }
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry, DeliveryError> {
        keyring::Entry::new(&self.service, key).map_err(|error| keychain_error(key, &error))
    }
}

impl Default for KeychainStore {
    fn default() -> Self {
        KeychainStore::new()
    }
}

impl SecretStore for KeychainStore {
    fn get(&self, key: &str) -> Result<Option<String>, DeliveryError> {
        match self.entry(key)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keychain_error(key, &error)),
        }
    }

    fn set(&self, key: &str, secret: &str) -> Result<(), DeliveryError> {
        self.entry(key)?
            .set_password(secret)
            .map_err(|error| keychain_error(key, &error))
    }

    fn delete(&self, key: &str) -> Result<(), DeliveryError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keychain_error(key, &error)),
        }
    }
}

/// keyring's error as ours, saying plainly when there is no keychain at all.
fn keychain_error(key: &str, error: &keyring::Error) -> DeliveryError {
    let message = match error {
        keyring::Error::NoDefaultStore => "no keychain is available on this computer (no \
             Keychain, Credential Manager or Secret Service answered): start one, or give the \
             password in the SMTP URL instead"
            .to_owned(),
        keyring::Error::NoStorageAccess(cause) => {
            format!("the keychain is locked or refused access ({cause}): unlock it and try again")
        }
        other => format!("the keychain failed: {other}"),
    };
    DeliveryError::Secret {
        key: key.to_owned(),
        message,
    }
}

/// Secrets in memory, gone when the process ends: for tests and machines without a keychain.
#[derive(Debug, Default)]
pub struct MemoryStore {
    secrets: Mutex<HashMap<String, String>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn secrets(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A map cannot be left half-updated by these calls, so a poisoned lock is still good.
        self.secrets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, DeliveryError> {
        Ok(self.secrets().get(key).cloned())
    }

    fn set(&self, key: &str, secret: &str) -> Result<(), DeliveryError> {
        self.secrets().insert(key.to_owned(), secret.to_owned());
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<(), DeliveryError> {
        self.secrets().remove(key);
        Ok(())
    }
}
