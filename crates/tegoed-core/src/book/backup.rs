//! Backups of the book: whole copies made with `VACUUM INTO` in a
//! `backups` folder beside the book, named by the moment they were taken
//! (`book-20261203-142912.db`), the last [`DEFAULT_KEEP`] (setting
//! `backup.keep`) kept; what each holds, for a restore preview; and the
//! restore itself, which first backs up the book it replaces.
//!
//! `VACUUM INTO` reads one consistent snapshot while others may keep
//! writing (WAL), and writes a compact file that is a book on its own: a
//! backup can be opened, previewed or handed to an accountant as it is.
//! This module never reads the clock: the moment is the caller's `at`.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

use super::{Book, BookError};

/// How many backups are kept when the book has no `backup.keep` setting.
pub const DEFAULT_KEEP: usize = 10;

/// The setting with the number of backups to keep.
pub const KEEP_SETTING: &str = "backup.keep";

/// The folder beside the book that holds its backups.
pub const FOLDER: &str = "backups";

/// The suffix of a backup being written.
const PARTIAL: &str = ".partial";

/// The format of the moment in a backup's file name (UTC).
const STAMP: &str = "%Y%m%d-%H%M%S";

/// What a book (or a backup of it) holds, as a restore preview shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Contents {
    /// Customers.
    pub customers: i64,
    /// Invoices.
    pub invoices: i64,
    /// Bank transactions.
    pub transactions: i64,
    /// Letters made (sent or not).
    pub letters: i64,
}

/// One backup in the book's `backups` folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The backup file.
    pub path: PathBuf,
    /// When it was taken (UTC), from its name.
    pub taken_at: DateTime<Utc>,
    /// Its size in bytes.
    pub bytes: u64,
    /// What it holds; `None` when it cannot be read as a book.
    pub contents: Option<Contents>,
}

/// Why a backup was or was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backup {
    /// A backup was written here.
    Made(PathBuf),
    /// None was needed: the book is empty, or (for the daily backup) one
    /// was taken within the last day.
    NotNeeded,
}

impl Book {
    /// The folder that holds this book's backups.
    pub fn backup_folder(&self) -> PathBuf {
        backup_folder(self.path())
    }

    /// What the book holds.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn contents(&self) -> Result<Contents, BookError> {
        let mut connection = self.pool().acquire().await?;
        contents(&mut connection).await
    }

    /// `PRAGMA integrity_check`: `ok`, or SQLite's list of problems.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn integrity(&self) -> Result<String, BookError> {
        let mut connection = self.pool().acquire().await?;
        integrity(&mut connection).await
    }

    /// Backs the book up now (before an import, before a restore), unless
    /// it is empty, and then keeps only the newest backups (setting
    /// `backup.keep`, default [`DEFAULT_KEEP`]).
    ///
    /// # Errors
    /// [`BookError::Backup`] when the folder or the copy cannot be written.
    pub async fn backup(&self, at: DateTime<Utc>) -> Result<Backup, BookError> {
        if self.is_empty().await? {
            return Ok(Backup::NotNeeded);
        }
        let folder = self.backup_folder();
        std::fs::create_dir_all(&folder).map_err(|error| BookError::Backup {
            path: folder.clone(),
            reason: error.to_string(),
        })?;
        remove_partial(&folder);
        let path = free_name(&folder, &stem(self.path()), at);
        // Written under a name no listing takes for a backup, and renamed
        // once whole: a process killed meanwhile leaves no half backup.
        let mut partial = path.clone().into_os_string();
        partial.push(PARTIAL);
        let partial = PathBuf::from(partial);
        let target = partial.to_string_lossy().into_owned();
        sqlx::query("VACUUM INTO ?")
            .bind(&target)
            .execute(self.pool())
            .await
            .map_err(|error| match BookError::from(error) {
                BookError::Busy => BookError::Busy,
                error => BookError::Backup {
                    path: path.clone(),
                    reason: error.to_string(),
                },
            })?;
        std::fs::rename(&partial, &path).map_err(|error| BookError::Backup {
            path: path.clone(),
            reason: error.to_string(),
        })?;
        self.prune_backups().await?;
        Ok(Backup::Made(path))
    }

    /// The daily backup: backs the book up when no backup was taken in
    /// the day before `at`. The app calls it when it opens a book (and may
    /// call it again, say hourly, while it stays open).
    ///
    /// # Errors
    /// As [`Book::backup`].
    pub async fn backup_daily(&self, at: DateTime<Utc>) -> Result<Backup, BookError> {
        let latest = list_names(&self.backup_folder(), &stem(self.path()))
            .into_iter()
            .map(|(_, taken_at)| taken_at)
            .max();
        match latest {
            Some(taken_at) if at.signed_duration_since(taken_at) < TimeDelta::days(1) => {
                Ok(Backup::NotNeeded)
            }
            _ => self.backup(at).await,
        }
    }

    /// This book's backups, newest first, with what each holds.
    ///
    /// # Errors
    /// When the book's settings cannot be read; a backup that cannot be read
    /// is listed with `contents: None`.
    pub async fn backups(&self) -> Result<Vec<BackupInfo>, BookError> {
        let mut backups = Vec::new();
        for (path, taken_at) in list_names(&self.backup_folder(), &stem(self.path())) {
            let bytes = std::fs::metadata(&path).map_or(0, |meta| meta.len());
            let contents = match open_read_only(&path).await {
                Ok(mut connection) => {
                    let contents = contents(&mut connection).await.ok();
                    let _ = connection.close().await;
                    contents
                }
                Err(_) => None,
            };
            backups.push(BackupInfo {
                path,
                taken_at,
                bytes,
                contents,
            });
        }
        Ok(backups)
    }

    /// Deletes the oldest backups beyond the `backup.keep` setting.
    async fn prune_backups(&self) -> Result<(), BookError> {
        let keep = self
            .settings_with_prefix(KEEP_SETTING)
            .await?
            .into_iter()
            .find(|(key, _)| key == KEEP_SETTING)
            .and_then(|(_, value)| value.trim().parse::<usize>().ok())
            .unwrap_or(DEFAULT_KEEP)
            .max(1);
        for (path, _) in list_names(&self.backup_folder(), &stem(self.path()))
            .into_iter()
            .skip(keep)
        {
            std::fs::remove_file(&path).map_err(|error| BookError::Backup {
                path: path.clone(),
                reason: format!("cannot remove an old backup: {error}"),
            })?;
        }
        Ok(())
    }

    /// Replaces the book with a backup: first backs up the book as it is
    /// (so a restore can itself be undone), checks the backup, closes the
    /// book, copies the backup over it and opens it again (bringing an
    /// older backup's schema up to date). The caller gives up the open
    /// book: the app swaps its `AppState` as "open other book" does. Other
    /// windows or commands must not have the book open meanwhile.
    ///
    /// # Errors
    /// [`BookError::Restore`] when the backup is not a sound book or cannot
    /// be copied (the book is then as it was, or, should the last step
    /// fail, the backup taken first holds it); [`BookError::Backup`] when
    /// the current book cannot be backed up first (nothing was changed).
    pub async fn restore(self, backup: &Path, at: DateTime<Utc>) -> Result<Book, BookError> {
        let refuse = |reason: String| BookError::Restore {
            path: backup.to_path_buf(),
            reason,
        };
        let mut source = open_read_only(backup)
            .await
            .map_err(|error| refuse(error.to_string()))?;
        let check = integrity(&mut source).await;
        let _ = source.close().await;
        match check {
            Ok(answer) if answer == "ok" => {}
            Ok(answer) => return Err(refuse(format!("it is damaged ({answer})"))),
            Err(error) => return Err(refuse(error.to_string())),
        }
        let path = self.path().to_path_buf();
        let mut staging = path.clone().into_os_string();
        staging.push(".restoring");
        let staging = PathBuf::from(staging);
        // Copied before the backup of the current book, whose pruning may
        // remove the oldest backup: the one being restored.
        std::fs::copy(backup, &staging).map_err(|error| refuse(error.to_string()))?;
        if let Err(error) = self.backup(at).await {
            let _ = std::fs::remove_file(&staging);
            return Err(error);
        }
        self.close().await;
        for suffix in ["-wal", "-shm"] {
            let mut side = path.clone().into_os_string();
            side.push(suffix);
            let side = PathBuf::from(side);
            if side.exists() {
                std::fs::remove_file(&side).map_err(|error| refuse(error.to_string()))?;
            }
        }
        std::fs::rename(&staging, &path).map_err(|error| refuse(error.to_string()))?;
        Book::open(&path).await
    }
}

/// The backups folder beside a book file.
fn backup_folder(book: &Path) -> PathBuf {
    match book.parent() {
        Some(parent) => parent.join(FOLDER),
        None => PathBuf::from(FOLDER),
    }
}

/// The book's file name without its extension (`book` for `book.db`).
fn stem(book: &Path) -> String {
    book.file_stem().map_or_else(
        || "book".to_owned(),
        |stem| stem.to_string_lossy().into_owned(),
    )
}

/// Removes what a backup killed while it was written left behind.
fn remove_partial(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry.file_name().to_string_lossy().ends_with(PARTIAL) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A file name for a backup taken at `at` that is not taken yet.
fn free_name(folder: &Path, stem: &str, at: DateTime<Utc>) -> PathBuf {
    let stamp = at.format(STAMP);
    let mut path = folder.join(format!("{stem}-{stamp}.db"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{stem}-{stamp}-{n}.db"));
        n += 1;
    }
    path
}

/// The backups of the book named `stem` in `folder`, newest first.
fn list_names(folder: &Path, stem: &str) -> Vec<(PathBuf, DateTime<Utc>)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let prefix = format!("{stem}-");
    let mut found: Vec<(PathBuf, DateTime<Utc>, u32)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".db")?;
            let (stamp, n) = match rest.get(STAMP_LEN..) {
                Some("") => (rest, 1),
                Some(tail) => (
                    rest.get(..STAMP_LEN)?,
                    tail.strip_prefix('-')?.parse().ok()?,
                ),
                None => return None,
            };
            let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
            Some((entry.path(), taken_at, n))
        })
        .collect();
    found.sort_by_key(|(_, taken_at, n)| std::cmp::Reverse((*taken_at, *n)));
    found
        .into_iter()
        .map(|(path, taken_at, _)| (path, taken_at))
        .collect()
}

/// The length of a formatted [`STAMP`] (`20261203-142912`).
const STAMP_LEN: usize = 15;

async fn open_read_only(path: &Path) -> Result<SqliteConnection, sqlx::Error> {
    let options = SqliteConnectOptions::from_str("sqlite://")?
        .filename(path)
        .read_only(true)
        .create_if_missing(false);
    SqliteConnection::connect_with(&options).await
}

async fn contents(connection: &mut SqliteConnection) -> Result<Contents, BookError> {
    let row = sqlx::query!(
        r#"SELECT (SELECT COUNT(*) FROM customers) AS "customers!: i64",
                  (SELECT COUNT(*) FROM invoices) AS "invoices!: i64",
                  (SELECT COUNT(*) FROM bank_transactions) AS "transactions!: i64",
                  (SELECT COUNT(*) FROM letters) AS "letters!: i64""#
    )
    .fetch_one(connection)
    .await?;
    Ok(Contents {
        customers: row.customers,
        invoices: row.invoices,
        transactions: row.transactions,
        letters: row.letters,
    })
}

async fn integrity(connection: &mut SqliteConnection) -> Result<String, BookError> {
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(connection)
        .await?;
    Ok(lines.join("; "))
}
