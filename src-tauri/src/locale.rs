//! The interface language: saved in Settings, else the OS locale.

use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

use crate::SETTINGS_STORE;
use crate::dto::Language;

const LANGUAGE_KEY: &str = "language";

/// The saved language, or the OS's when nothing was saved. Reads the locale
/// through `sys-locale` (which reads `LANG`/`LC_*` on Linux) because
/// `nl_NL.UTF-8` need not be generated for the C library.
pub fn current<R: Runtime>(app: &AppHandle<R>) -> Language {
    let saved = app
        .store(SETTINGS_STORE)
        .ok()
        .and_then(|store| store.get(LANGUAGE_KEY))
        .and_then(|value| serde_json::from_value::<Language>(value).ok());
    saved.unwrap_or_else(|| from_locale(sys_locale::get_locale().as_deref()))
}

/// Saves the language choice.
///
/// # Errors
/// When the settings file cannot be written.
pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    language: Language,
) -> Result<(), tauri_plugin_store::Error> {
    let store = app.store(SETTINGS_STORE)?;
    store.set(LANGUAGE_KEY, serde_json::json!(language));
    store.save()
}

/// Dutch for any `nl` locale (`nl-NL`, `nl_BE.UTF-8`), English otherwise.
pub fn from_locale(locale: Option<&str>) -> Language {
    match locale {
        Some(tag) if tag.to_ascii_lowercase().starts_with("nl") => Language::Nl,
        _ => Language::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_locales_give_dutch() {
        assert_eq!(from_locale(Some("nl-NL")), Language::Nl);
        assert_eq!(from_locale(Some("nl_BE.UTF-8")), Language::Nl);
        assert_eq!(from_locale(Some("en-GB")), Language::En);
        assert_eq!(from_locale(None), Language::En);
    }
}
