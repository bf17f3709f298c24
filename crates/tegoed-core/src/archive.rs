//! Zip archives read with limits: a bank's zip of camt files, a zip of
//! ledgers or invoice PDFs, and the zip packages that xlsx and ods
//! workbooks are.
//!
//! A zip states each entry's sizes in its central directory, and a hostile
//! one (a *zip bomb*) states small ones or packs hundreds of megabytes of
//! one repeated byte into a few hundred kilobytes. So every entry is held
//! to [`Limits`] twice: on what the directory says (count, size, total,
//! compression ratio), before anything is unpacked, and on what unpacking
//! actually yields, which is never read past the stated size. Nothing here
//! knows what the entries mean; [`crate::intake`] hands them to their
//! readers and [`crate::ledger::sheet`] checks a workbook before calamine
//! opens it. Archives inside an archive are not followed.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// The first bytes of a zip archive with entries.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The first bytes of an empty zip archive (its end record alone).
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";

/// How much an archive may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most entries (files and folders) the archive may have.
    pub max_entries: usize,
    /// The most bytes one entry may unpack to.
    pub max_entry_size: u64,
    /// The most bytes all entries together may unpack to.
    pub max_total_size: u64,
    /// The highest ratio of unpacked to packed size an entry may have…
    pub max_ratio: u64,
    /// …once it unpacks to more than this many bytes (small XML parts of a
    /// workbook legitimately compress far better).
    pub ratio_from_size: u64,
}

/// One megabyte, for writing limits.
const MB: u64 = 1024 * 1024;

/// Limits for a zip of bank files, ledgers or PDFs: a year of daily camt
/// files fits many times over, and a real camt file compresses 10–30:1.
pub const FILES: Limits = Limits {
    max_entries: 1000,
    max_entry_size: 256 * MB,
    max_total_size: 384 * MB,
    max_ratio: 100,
    ratio_from_size: MB,
};

/// Limits for the package of an xlsx or ods workbook: a ledger of 100,000
/// invoices has a sheet part of some 40 MB.
pub const WORKBOOK: Limits = Limits {
    max_entries: 10_000,
    max_entry_size: 100 * MB,
    max_total_size: 200 * MB,
    max_ratio: 100,
    ratio_from_size: MB,
};

/// An archive that is refused, naming the archive or the entry
/// (`archive.zip/inner.xml`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    /// The zip structure itself is damaged.
    #[error("{file}: the zip archive is damaged ({reason}); download or pack it again")]
    Damaged {
        /// The archive's name.
        file: String,
        /// What the zip reader found.
        reason: String,
    },
    /// More entries than the limit.
    #[error(
        "{file}: the zip archive holds {n_entries} entries, more than the {limit} Tegoed reads from one archive; unpack it and import the files in smaller groups"
    )]
    TooManyEntries {
        /// The archive's name.
        file: String,
        /// How many entries it has.
        n_entries: usize,
        /// The limit.
        limit: usize,
    },
    /// One entry unpacks to more than the limit.
    #[error(
        "{file}: unpacks to more than {limit_mb} MB, more than Tegoed reads from one file in an archive; this is not a normal export (a zip bomb?), so nothing was read"
    )]
    EntryTooLarge {
        /// The archive and entry name.
        file: String,
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// All entries together unpack to more than the limit.
    #[error(
        "{file}: the files in the zip archive unpack to more than {limit_mb} MB together; unpack it and import the files in smaller groups"
    )]
    TotalTooLarge {
        /// The archive's name.
        file: String,
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// An entry compressed far better than real data does.
    #[error(
        "{file}: packed {ratio} times smaller than it unpacks (at most {limit} is normal); this is not a normal export (a zip bomb?), so nothing was read"
    )]
    Compressed {
        /// The archive and entry name.
        file: String,
        /// The entry's ratio of unpacked to packed size.
        ratio: u64,
        /// The highest ratio allowed.
        limit: u64,
    },
    /// An entry unpacks to more than the directory says.
    #[error(
        "{file}: unpacks to more than the {stated} bytes the archive states; the archive is damaged or forged, so nothing was read"
    )]
    SizeMismatch {
        /// The archive and entry name.
        file: String,
        /// The size the central directory states.
        stated: u64,
    },
    /// An entry is encrypted.
    #[error(
        "{file}: the file in the archive is protected with a password; pack it again without a password"
    )]
    Encrypted {
        /// The archive and entry name.
        file: String,
    },
    /// An archive with no files in it.
    #[error("{file}: the zip archive holds no files; download or pack it again")]
    Empty {
        /// The archive's name.
        file: String,
    },
    /// An archive inside the archive.
    #[error(
        "{file}: an archive inside an archive is not read; unpack it and import the files inside"
    )]
    Nested {
        /// The archive and entry name.
        file: String,
    },
}

impl ArchiveError {
    /// A stable code for the UI to switch on.
    pub fn kind(&self) -> &'static str {
        match self {
            ArchiveError::Damaged { .. } => "archive_damaged",
            ArchiveError::Empty { .. } => "empty",
            ArchiveError::Encrypted { .. } => "archive_encrypted",
            ArchiveError::Nested { .. } => "archive_nested",
            ArchiveError::TooManyEntries { .. }
            | ArchiveError::EntryTooLarge { .. }
            | ArchiveError::TotalTooLarge { .. }
            | ArchiveError::Compressed { .. }
            | ArchiveError::SizeMismatch { .. } => "archive_too_large",
        }
    }
}

/// True when the bytes start like a zip archive (an xlsx or ods workbook
/// is one too; see [`is_workbook`]).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC)
}

/// True when a zip archive is an xlsx or ods workbook package rather than
/// an archive of files: it has `[Content_Types].xml` (Office Open XML) or
/// an OpenDocument `mimetype`. Reads only the central directory.
pub fn is_workbook(bytes: &[u8]) -> bool {
    let Ok(archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    has_workbook_part(&archive)
}

/// True when the bytes are a readable zip archive of files, not a workbook
/// package (a damaged workbook is left to the workbook reader, whose
/// message fits it better).
pub fn is_archive_of_files(bytes: &[u8]) -> bool {
    is_zip(bytes)
        && ZipArchive::new(Cursor::new(bytes)).is_ok_and(|archive| !has_workbook_part(&archive))
}

/// True when the archive has the part that makes it a workbook.
fn has_workbook_part<R: Read + std::io::Seek>(archive: &ZipArchive<R>) -> bool {
    archive
        .file_names()
        .any(|name| name.is_ok_and(|name| name == "[Content_Types].xml" || name == "mimetype"))
}

/// Checks a zip archive against `limits` without keeping anything: the
/// stated sizes first, then every entry unpacked into nothing, never past
/// its stated size. For a workbook before calamine opens it.
///
/// # Errors
/// An [`ArchiveError`] naming the archive or the entry that breaks a limit.
pub fn check(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<(), ArchiveError> {
    let mut archive = open(file_name, bytes, limits)?;
    for index in 0..archive.len() {
        let (name, mut entry) = entry_at(file_name, &mut archive, index)?;
        let stated = entry.size();
        let n_read = std::io::copy(
            &mut (&mut entry).take(stated.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(|error| read_failed(file_name, &name, stated, &error))?;
        if n_read > stated {
            return Err(ArchiveError::SizeMismatch { file: name, stated });
        }
    }
    Ok(())
}

/// The files in a zip archive, each as (`archive.zip/inner name`, bytes),
/// in archive order; folders and macOS's `__MACOSX/` and `.DS_Store`
/// entries are left out. Each file is unpacked once, never past the size
/// the archive states for it.
///
/// # Errors
/// An [`ArchiveError`] naming the archive or entry when the archive is
/// damaged, breaks a limit, holds no files, holds an encrypted entry or
/// holds another archive (an xlsx or ods workbook inside is a file, not an
/// archive).
pub fn files(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<(String, Vec<u8>)>, ArchiveError> {
    let mut archive = open(file_name, bytes, limits)?;
    let mut files = Vec::new();
    for index in 0..archive.len() {
        let (name, mut entry) = entry_at(file_name, &mut archive, index)?;
        let inner = entry
            .name()
            .map(|inner| inner.into_owned())
            .unwrap_or_default();
        if entry.is_dir() || is_clutter(&inner) {
            continue;
        }
        let stated = entry.size();
        let mut content = Vec::with_capacity(usize::try_from(stated).unwrap_or(0));
        (&mut entry)
            .take(stated.saturating_add(1))
            .read_to_end(&mut content)
            .map_err(|error| read_failed(file_name, &name, stated, &error))?;
        if content.len() as u64 > stated {
            return Err(ArchiveError::SizeMismatch { file: name, stated });
        }
        if is_archive_of_files(&content) {
            return Err(ArchiveError::Nested { file: name });
        }
        files.push((name, content));
    }
    if files.is_empty() {
        return Err(ArchiveError::Empty {
            file: file_name.to_owned(),
        });
    }
    Ok(files)
}

/// Opens an archive and checks what its central directory states.
fn open<'a>(
    file_name: &str,
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<ZipArchive<Cursor<&'a [u8]>>, ArchiveError> {
    let mut archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|error| damaged(file_name, error))?;
    if archive.len() > limits.max_entries {
        return Err(ArchiveError::TooManyEntries {
            file: file_name.to_owned(),
            n_entries: archive.len(),
            limit: limits.max_entries,
        });
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|error| damaged(file_name, error))?;
        let name = entry_name(file_name, &entry);
        let size = entry.size();
        if size > limits.max_entry_size {
            return Err(ArchiveError::EntryTooLarge {
                file: name,
                limit_mb: limits.max_entry_size / MB,
            });
        }
        if size > limits.ratio_from_size {
            let ratio = size / entry.compressed_size().max(1);
            if ratio > limits.max_ratio {
                return Err(ArchiveError::Compressed {
                    file: name,
                    ratio,
                    limit: limits.max_ratio,
                });
            }
        }
        total = total.saturating_add(size);
        if total > limits.max_total_size {
            return Err(ArchiveError::TotalTooLarge {
                file: file_name.to_owned(),
                limit_mb: limits.max_total_size / MB,
            });
        }
    }
    Ok(archive)
}

/// An entry being unpacked from an archive held in memory.
type Unpacking<'a, 'b> = zip::read::ZipFile<'a, Cursor<&'b [u8]>>;

/// The entry at `index`, ready to unpack, with its shown name.
fn entry_at<'a, 'b>(
    file_name: &str,
    archive: &'a mut ZipArchive<Cursor<&'b [u8]>>,
    index: usize,
) -> Result<(String, Unpacking<'a, 'b>), ArchiveError> {
    let encrypted = archive
        .by_index_raw(index)
        .map(|entry| (entry_name(file_name, &entry), entry.encrypted()))
        .map_err(|error| damaged(file_name, error))?;
    if let (name, true) = encrypted {
        return Err(ArchiveError::Encrypted { file: name });
    }
    let entry = archive
        .by_index(index)
        .map_err(|error| damaged(file_name, error))?;
    Ok((entry_name(file_name, &entry), entry))
}

/// `archive.zip/inner/name.xml`.
fn entry_name<R: Read>(file_name: &str, entry: &zip::read::ZipFile<'_, R>) -> String {
    let inner = entry
        .name()
        .map(|inner| inner.into_owned())
        .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
    format!("{file_name}/{inner}")
}

/// Entries that are an archiver's bookkeeping, not a person's files.
fn is_clutter(inner: &str) -> bool {
    let base = inner.rsplit('/').next().unwrap_or(inner);
    inner.starts_with("__MACOSX/") || base == ".DS_Store" || base == "Thumbs.db"
}

/// The error of unpacking an entry: the zip reader stops an entry that
/// runs past its stated size itself, which is the forged size this module
/// looks for; anything else is damage.
fn read_failed(
    file_name: &str,
    entry_name: &str,
    stated: u64,
    error: &std::io::Error,
) -> ArchiveError {
    if error.to_string().contains("larger than its declared") {
        ArchiveError::SizeMismatch {
            file: entry_name.to_owned(),
            stated,
        }
    } else {
        damaged(file_name, error)
    }
}

/// A damaged-archive error from anything the zip reader says.
fn damaged(file_name: &str, error: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Damaged {
        file: file_name.to_owned(),
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests;
