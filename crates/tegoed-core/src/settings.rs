//! Use case "the book's settings": list, read and change the business
//! details letters carry (`business.*`), the collection agency
//! (`agency.*`), the ladder (`dunning.*`), the legal choices (`law.*`), the
//! mail server (`smtp.url`) and how many backups to keep (`backup.keep`).
//! Nothing else is reachable here, and no
//! secret is ever stored: a key naming a password is refused, and so is a
//! mail server address carrying one (the password lives in the keychain).
//! A change is one transaction with its audit entry.

use chrono::{DateTime, Utc};

use crate::book::{self, Book, BookError};

/// The key prefixes this use case may touch.
pub const PREFIXES: [&str; 4] = ["business.", "agency.", "dunning.", "law."];

/// The single keys outside those prefixes it may touch.
pub const SINGLE_KEYS: [&str; 2] = ["smtp.url", "backup.keep"];

/// Why a setting could not be read or changed; the book is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The key is not one of the user's settings.
    #[error(
        "'{0}' is not a setting that can be changed here (business.*, agency.*, dunning.*, law.*, smtp.url or backup.keep)"
    )]
    NotAllowed(String),
    /// The key names a secret.
    #[error(
        "'{0}' looks like a password: secrets are kept in the system keychain, not in the book"
    )]
    Secret(String),
    /// The value is not acceptable for its key.
    #[error("{0}")]
    Invalid(String),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

/// Checks that `key` is one of the user's settings and names no secret.
///
/// # Errors
/// [`SettingsError::Secret`] or [`SettingsError::NotAllowed`].
pub fn check_key(key: &str) -> Result<(), SettingsError> {
    if key.to_ascii_lowercase().contains("password") {
        return Err(SettingsError::Secret(key.to_owned()));
    }
    let allowed = SINGLE_KEYS.contains(&key)
        || PREFIXES
            .iter()
            .any(|prefix| key.len() > prefix.len() && key.starts_with(prefix));
    if !allowed
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return Err(SettingsError::NotAllowed(key.to_owned()));
    }
    Ok(())
}

/// Every setting this use case reaches, sorted by key.
///
/// # Errors
/// When the book cannot be read.
pub async fn list(book: &Book) -> Result<Vec<(String, String)>, SettingsError> {
    let mut all = Vec::new();
    for prefix in PREFIXES.iter().chain(SINGLE_KEYS.iter()) {
        all.extend(
            book.settings_with_prefix(prefix)
                .await?
                .into_iter()
                .filter(|(key, _)| check_key(key).is_ok()),
        );
    }
    all.sort();
    all.dedup();
    Ok(all)
}

/// One setting's value, `None` when it is not set.
///
/// # Errors
/// When the key is not allowed or the book cannot be read.
pub async fn get(book: &Book, key: &str) -> Result<Option<String>, SettingsError> {
    check_key(key)?;
    Ok(list(book)
        .await?
        .into_iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value))
}

/// Sets `key` to `value` (trimmed; multi-line values such as an address
/// keep their lines), with an audit entry, in one transaction.
///
/// # Errors
/// When the key is not allowed, the value carries a password, or the book
/// cannot be written.
pub async fn set(
    book: &Book,
    key: &str,
    value: &str,
    recorded_at: DateTime<Utc>,
) -> Result<String, SettingsError> {
    check_key(key)?;
    let value = value.trim().replace("\\n", "\n");
    if key == "smtp.url" && url_has_password(&value) {
        return Err(SettingsError::Invalid(
            "smtp.url must not carry a password: give smtp://user@host and keep the password in the system keychain".to_owned(),
        ));
    }
    if key == "business.email" && !value.is_empty() && !value.contains('@') {
        return Err(SettingsError::Invalid(format!(
            "'{value}' is not an e-mail address"
        )));
    }
    let mut transaction = book.begin().await?;
    book::set_setting(&mut transaction, key, &value).await?;
    book::audit(
        &mut transaction,
        recorded_at,
        "user",
        "setting_changed",
        key,
        Some(&value),
    )
    .await?;
    transaction.commit().await.map_err(BookError::from)?;
    Ok(value)
}

/// True when a URL's user part carries a password (`scheme://user:pass@host`).
fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    authority
        .rsplit_once('@')
        .is_some_and(|(user, _)| user.contains(':'))
}

impl crate::fault::Classify for SettingsError {
    fn fault(&self) -> crate::fault::Fault {
        match self {
            SettingsError::Book(error) => error.fault(),
            _ => crate::fault::Fault::Input,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_users_keys_and_no_secrets() {
        assert!(check_key("business.name").is_ok());
        assert!(check_key("dunning.grace_days").is_ok());
        assert!(check_key("smtp.url").is_ok());
        assert!(matches!(
            check_key("smtp.password"),
            Err(SettingsError::Secret(_))
        ));
        assert!(matches!(
            check_key("business.Password_hint"),
            Err(SettingsError::Secret(_))
        ));
        for key in [
            "schema.version",
            "business.",
            "smtp.host",
            "business.na me",
            "",
        ] {
            assert!(
                matches!(check_key(key), Err(SettingsError::NotAllowed(_))),
                "{key}"
            );
        }
    }

    #[test]
    fn a_password_in_the_url_is_seen() {
        assert!(url_has_password("smtps://user:pass@host:465"));
        assert!(!url_has_password("smtps://user@host:465"));
        assert!(!url_has_password("smtp://127.0.0.1:2525"));
        assert!(!url_has_password("smtp://host:25/?tls=starttls"));
    }
}
