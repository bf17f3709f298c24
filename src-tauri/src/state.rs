//! The app's state: the open book, swappable through "open other book".

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;
use tegoed_core::book::{self, Book, BookError};
use tegoed_core::delivery::MemoryStore;
use tokio::sync::RwLock;

use crate::SETTINGS_STORE;

/// The store key holding the last opened book's path.
const BOOK_PATH_KEY: &str = "book_path";

/// What every command shares.
pub struct AppState {
    book: RwLock<Book>,
    /// Set by `cancel_send`: the running batch stops before its next letter.
    pub cancel_send: AtomicBool,
    /// An SMTP password given for this session only (no keychain, or a
    /// password typed into the URL); gone when the app closes.
    pub session_secrets: MemoryStore,
}

impl AppState {
    /// Opens the book named by `TEGOED_DB`, else the last one opened, else
    /// the default book in the platform data folder.
    ///
    /// # Errors
    /// When no book can be opened.
    pub async fn open<R: Runtime>(app: &AppHandle<R>) -> anyhow::Result<AppState> {
        let path = match std::env::var_os("TEGOED_DB") {
            Some(path) => PathBuf::from(path),
            None => match remembered_path(app) {
                Some(path) if path.exists() => path,
                _ => default_book_path()?,
            },
        };
        let book = Book::open(&path).await?;
        daily_backup(&book).await;
        Ok(AppState::with_book(book))
    }

    /// A state over an already open book (tests).
    pub fn with_book(book: Book) -> AppState {
        AppState {
            book: RwLock::new(book),
            cancel_send: AtomicBool::new(false),
            session_secrets: MemoryStore::new(),
        }
    }

    /// A handle on the open book (cheap: the pool is shared).
    pub async fn book(&self) -> Book {
        self.book.read().await.clone()
    }

    /// Opens another book and makes it the current one, remembering it.
    ///
    /// # Errors
    /// When the book cannot be opened; the current book then stays open.
    pub async fn switch<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        path: &Path,
    ) -> Result<Book, BookError> {
        let opened = Book::open(path).await?;
        daily_backup(&opened).await;
        let previous = std::mem::replace(&mut *self.book.write().await, opened.clone());
        previous.close().await;
        if let Ok(store) = app.store(SETTINGS_STORE) {
            store.set(BOOK_PATH_KEY, opened.path().display().to_string());
            if let Err(error) = store.save() {
                log::warn!("could not remember the book path: {error}");
            }
        }
        Ok(opened)
    }

    /// The open book's path, for the log.
    pub fn path_display(&self) -> String {
        self.book
            .try_read()
            .map(|book| book.path().display().to_string())
            .unwrap_or_default()
    }
}

fn remembered_path<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let store = app.store(SETTINGS_STORE).ok()?;
    let value = store.get(BOOK_PATH_KEY)?;
    value.as_str().map(PathBuf::from)
}

fn default_book_path() -> anyhow::Result<PathBuf> {
    let path = book::default_path()?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    Ok(path)
}

/// The daily backup of a book the app opens (`backups/` beside it); a
/// failure is logged, never in the way of opening.
async fn daily_backup(book: &Book) {
    if let Err(error) = book.backup_daily(chrono::Utc::now()).await {
        log::warn!("could not back up {}: {error}", book.path().display());
    }
}
