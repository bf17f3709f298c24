//! Import commands: pick or drop files, preview them, import them with
//! progress events. Files are read here, in Rust; the webview never touches
//! the file system.

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tegoed_core::{import, intake};

use super::CommandResult;
use crate::AppState;
use crate::dto::{
    CommandError, ErrorKind, FilePreview, ImportOutcome, ImportProgress, UnlinkedDocument,
};

/// The event carrying [`ImportProgress`] while files are imported.
pub const PROGRESS_EVENT: &str = "import-progress";

/// A named file and its bytes, or why it could not be read.
pub(super) struct ReadFile {
    path: PathBuf,
    /// The file name, for messages and the book.
    pub(super) name: String,
    /// The bytes, or a message naming the file.
    pub(super) bytes: Result<Vec<u8>, String>,
}

/// Reads one file; a failure becomes a message naming it.
pub(super) async fn read_one(path: PathBuf) -> ReadFile {
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|error| format!("{}: cannot be read: {error}", path.display()));
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    ReadFile { path, name, bytes }
}

/// Reads every named file (folders stand for the files in them); a file
/// that cannot be read carries its message instead of failing the others.
async fn read(paths: Vec<String>) -> CommandResult<Vec<ReadFile>> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let files = import::expand_folders(&paths).map_err(|message| CommandError {
        kind: ErrorKind::Input,
        message,
    })?;
    let mut read = Vec::with_capacity(files.len());
    for path in files {
        read.push(read_one(path).await);
    }
    Ok(read)
}

/// Asks for bank files, ledgers or invoice PDFs; empty when cancelled.
#[tauri::command]
pub async fn pick_import_files<R: Runtime>(app: AppHandle<R>) -> CommandResult<Vec<String>> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog().file().pick_files(move |choice| {
        let _ = sender.send(choice);
    });
    let chosen = receiver.await.ok().flatten().unwrap_or_default();
    Ok(chosen
        .into_iter()
        .filter_map(|path| path.into_path().ok())
        .map(|path| path.display().to_string())
        .collect())
}

/// What each file holds, without importing: account, period, count, sum
/// and balances of a bank file; customers and invoices of a ledger; the
/// invoice a PDF names. A file that cannot be read carries its message.
#[tauri::command]
pub async fn preview_files(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> CommandResult<Vec<FilePreview>> {
    let mut previews = Vec::new();
    for ReadFile { path, name, bytes } in read(paths).await? {
        let path = path.display().to_string();
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(message) => {
                previews.push(FilePreview::unreadable(path, name, message));
                continue;
            }
        };
        // A zip of bank files (banks deliver camt.053 so) is previewed as the
        // files inside, each under the zip's path, which the import reads
        // the same way.
        let inside = match intake::expand(&name, bytes) {
            Ok(inside) => inside,
            Err(error) => {
                previews.push(FilePreview::failed(path, name, &error.into()));
                continue;
            }
        };
        for (name, bytes) in inside {
            previews.push(
                match import::prepare_one(&state.book().await, name.clone(), bytes).await {
                    Ok(prepared) => FilePreview::of(path.clone(), &prepared),
                    Err(error) => FilePreview::failed(path.clone(), name, &error),
                },
            );
        }
    }
    Ok(previews)
}

/// Imports the files through the one import use case
/// (`tegoed_core::import::run`: every file read first, each in its own
/// database transaction, then matching once), emitting `import-progress`
/// as bank transactions are written. A file that cannot be opened, or that
/// fails on import, carries its message; the others still land. A damaged
/// file stops the import before anything is written (the preview shows it
/// first, so the UI does not send it).
#[tauri::command]
pub async fn import_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> CommandResult<Vec<ImportOutcome>> {
    let mut unreadable = Vec::new();
    let mut contents = Vec::new();
    for ReadFile { name, bytes, .. } in read(paths).await? {
        match bytes {
            Ok(bytes) => contents.push((name, bytes)),
            Err(message) => unreadable.push(ImportOutcome::unreadable(name, message)),
        }
    }
    let names: Vec<String> = contents.iter().map(|(name, _)| name.clone()).collect();
    let on_progress = move |index: usize, done: usize, total: usize| {
        let file = names.get(index).map_or("", String::as_str);
        let progress = ImportProgress::new(file, done, total);
        if let Err(error) = app.emit(PROGRESS_EVENT, progress) {
            log::warn!("progress event not sent: {error}");
        }
    };
    let book = state.book().await;
    let report = import::run(&book, contents, chrono::Utc::now(), Some(&on_progress)).await?;
    let mut outcomes = unreadable;
    outcomes.extend(report.files.iter().map(ImportOutcome::from));
    Ok(outcomes)
}

/// Invoice PDFs whose invoice could not be found by name or text.
#[tauri::command]
pub async fn unlinked_documents(
    state: State<'_, AppState>,
) -> CommandResult<Vec<UnlinkedDocument>> {
    let documents = state.book().await.unlinked_documents().await?;
    Ok(documents
        .into_iter()
        .map(|(id, file)| UnlinkedDocument {
            id: i32::try_from(id).unwrap_or(i32::MAX),
            file,
        })
        .collect())
}

/// Links a stored invoice PDF to an invoice by number.
#[tauri::command]
pub async fn assign_document(
    state: State<'_, AppState>,
    document_id: i32,
    invoice: String,
) -> CommandResult<()> {
    let linked = state
        .book()
        .await
        .assign_document(document_id.into(), invoice.trim())
        .await?;
    if linked {
        Ok(())
    } else {
        Err(CommandError {
            kind: ErrorKind::Input,
            message: format!("there is no invoice {invoice}"),
        })
    }
}
