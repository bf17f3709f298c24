//! Letter commands: make the letters ticked on Today (`remind`), show them
//! (pages rendered to PNG here, in Rust, with `pdftoppm`), and deliver them
//! through core's outbox — e-mail with `send-progress` events and a cancel
//! flag, a draft for the user's own mail client, a combined PDF to print —
//! plus the business, agency and SMTP settings. Files are written here and
//! handed to the system through the opener plugin, so the webview needs no
//! file or opener permission. Which letters are due, what they say and
//! whether one may be sent again is core's; these commands only convert.
//!
//! The SMTP password is never stored in the book or a file: it goes to the
//! OS keychain (`KeychainStore`, under the key the CLI uses), or, where
//! there is no keychain or the person typed it into the URL, into memory
//! for this session only.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use base64::Engine as _;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use tegoed_core::book::{self, Book};
use tegoed_core::delivery::{self, KeychainStore, SecretStore, SmtpUrl};
use tegoed_core::dunning::{Action, Text};
use tegoed_core::outbox::{self, Selection};
use tegoed_core::remind;

use super::CommandResult;
use crate::AppState;
use crate::dto::{
    BusinessSettings, ChosenLetter, CommandError, ErrorKind, Language, LetterPreview,
    MadeLetterView, OutboxLetter, PasswordPlace, SendOutcome, SendProgress, SmtpSettings,
    SmtpSource, WrittenFile,
};
use crate::locale;

/// The event carrying [`SendProgress`] while a batch is mailed.
pub const SEND_PROGRESS_EVENT: &str = "send-progress";

/// The book setting holding the SMTP URL, without its password.
const SMTP_URL_SETTING: &str = "smtp.url";
/// The environment variable naming the SMTP server when nothing is saved (as for the CLI).
const SMTP_URL_ENV: &str = "TEGOED_SMTP_URL";
/// The keychain entry of the SMTP password (the CLI reads the same one).
const SMTP_SECRET: &str = "smtp-password";
/// Pages rendered for a preview at most; the rest are in the PDF.
const PREVIEW_PAGES: usize = 20;
/// The preview resolution, in dots per inch: an A4 page is 909 × 1286 pixels, sharp when scaled down.
const PREVIEW_DPI: &str = "110";

/// A person's mistake, said in `language`.
fn input(language: Language, en: String, nl: String) -> CommandError {
    CommandError {
        kind: ErrorKind::Input,
        message: Text::new(en, nl).in_language(language.into()).to_owned(),
    }
}

/// Something the machine could not do (write a file, start a program).
fn internal(message: String) -> CommandError {
    CommandError {
        kind: ErrorKind::Internal,
        message,
    }
}

fn id64(id: i32) -> i64 {
    i64::from(id)
}

/// The folder letters are written to for the system viewer: the app's cache.
fn letter_folder<R: Runtime>(app: &AppHandle<R>) -> CommandResult<PathBuf> {
    let folder = app
        .path()
        .app_cache_dir()
        .unwrap_or_else(|_| std::env::temp_dir().join("tegoed"))
        .join("letters");
    std::fs::create_dir_all(&folder)
        .map_err(|error| internal(format!("cannot create {}: {error}", folder.display())))?;
    Ok(folder)
}

/// Where drafts go: Downloads, so the person finds them again; else the cache.
fn draft_folder<R: Runtime>(app: &AppHandle<R>) -> CommandResult<PathBuf> {
    match app.path().download_dir() {
        Ok(folder) if folder.is_dir() => Ok(folder),
        _ => letter_folder(app),
    }
}

fn write(path: &Path, bytes: &[u8]) -> CommandResult<()> {
    std::fs::write(path, bytes)
        .map_err(|error| internal(format!("cannot write {}: {error}", path.display())))
}

/// Opens `path` with the system's program for it (PDF viewer, mail client).
fn open_with_system<R: Runtime>(app: &AppHandle<R>, path: &Path) -> CommandResult<()> {
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|error| internal(format!("cannot open {}: {error}", path.display())))
}

/// A file name without folders or characters a file system refuses.
fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

async fn letter_row(book: &Book, id: i64) -> CommandResult<book::OutboxRow> {
    book.outbox()
        .await?
        .into_iter()
        .find(|letter| letter.id == id)
        .ok_or_else(|| outbox::OutboxError::UnknownLetter(id).into())
}

async fn content(book: &Book, id: i64) -> CommandResult<(book::OutboxRow, Vec<u8>)> {
    let row = letter_row(book, id).await?;
    let pdf = book
        .letter_content(id)
        .await?
        .ok_or(outbox::OutboxError::NoContent(id))?;
    Ok((row, pdf))
}

/// Makes the letters due on `as_of` (default today): only the `chosen`
/// letter actions when given (ticked on Today), else every one. Each comes
/// back with its id for the preview; a letter made before is not made again.
#[tauri::command]
pub async fn make_letters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    as_of: Option<String>,
    ignore_stale_bank: bool,
    chosen: Option<Vec<ChosenLetter>>,
) -> CommandResult<Vec<MadeLetterView>> {
    let language = locale::current(&app);
    let as_of = super::dunning::day_or_today(as_of.as_deref(), language)?;
    let book = state.book().await;
    let made = match chosen {
        None => remind::remind(&book, as_of, ignore_stale_bank, chrono::Utc::now()).await,
        Some(chosen) => {
            let mut pairs = Vec::with_capacity(chosen.len());
            for letter in chosen {
                let action: Action = letter.action.parse().map_err(|_| {
                    input(
                        language,
                        format!("'{}' is not a letter action", letter.action),
                        format!("'{}' is geen briefactie", letter.action),
                    )
                })?;
                pairs.push((letter.customer_code, action));
            }
            remind::remind_chosen(&book, as_of, ignore_stale_bank, &pairs, chrono::Utc::now()).await
        }
    }
    .map_err(|error| match error {
        remind::RemindError::Blocked(why) => input(
            language,
            format!("{why}: import a recent bank statement, or continue anyway on Today"),
            format!(
                "de bankgegevens zijn niet actueel ({why}): lees een recent bankafschrift in, \
                 of kies op Vandaag voor toch doorgaan"
            ),
        ),
        error => error.into(),
    })?;
    Ok(made.iter().map(MadeLetterView::from).collect())
}

/// Every letter in the outbox with its state, newest first as the book keeps them.
#[tauri::command]
pub async fn outbox(state: State<'_, AppState>) -> CommandResult<Vec<OutboxLetter>> {
    let letters = state.book().await.outbox().await?;
    Ok(letters.iter().map(OutboxLetter::from).collect())
}

/// A letter's PDF, base64-encoded.
#[tauri::command]
pub async fn letter_pdf(state: State<'_, AppState>, id: i32) -> CommandResult<String> {
    let (_, pdf) = content(&state.book().await, id64(id)).await?;
    Ok(base64::engine::general_purpose::STANDARD.encode(pdf))
}

/// Renders the PDF's pages to PNG with poppler's `pdftoppm` in a fresh
/// folder under `folder`; an error says why (not installed, failed).
async fn render_pages(folder: &Path, id: i64, pdf: Vec<u8>) -> Result<Vec<Vec<u8>>, String> {
    let stamp = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let work = folder.join(format!("preview-{id}-{stamp}"));
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&work).map_err(|error| error.to_string())?;
        let rendered = (|| {
            let source = work.join("letter.pdf");
            std::fs::write(&source, &pdf).map_err(|error| error.to_string())?;
            let output = std::process::Command::new("pdftoppm")
                .args(["-png", "-r", PREVIEW_DPI, "-l", &PREVIEW_PAGES.to_string()])
                .arg(&source)
                .arg(work.join("page"))
                .output()
                .map_err(|error| format!("pdftoppm: {error}"))?;
            if !output.status.success() {
                return Err(format!(
                    "pdftoppm: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            let mut pages: Vec<PathBuf> = std::fs::read_dir(&work)
                .map_err(|error| error.to_string())?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|extension| extension == "png"))
                .collect();
            // pdftoppm pads the page numbers to one width, so names sort in page order.
            pages.sort();
            pages
                .iter()
                .map(|page| std::fs::read(page).map_err(|error| error.to_string()))
                .collect()
        })();
        let _ = std::fs::remove_dir_all(&work);
        rendered
    })
    .await
    .map_err(|error| error.to_string())?
}

/// A letter for display: its pages as PNG images rendered here with
/// `pdftoppm` (poppler). Without it the preview has only the page count and
/// says why, and the UI offers `open_letter` instead.
#[tauri::command]
pub async fn preview_letter<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i32,
) -> CommandResult<LetterPreview> {
    let language = locale::current(&app);
    let (row, pdf) = content(&state.book().await, id64(id)).await?;
    let pages = row
        .pages
        .map_or(0, |pages| i32::try_from(pages).unwrap_or(i32::MAX));
    let folder = letter_folder(&app)?;
    Ok(match render_pages(&folder, row.id, pdf).await {
        Ok(images) => LetterPreview {
            id,
            pages,
            images: images
                .iter()
                .map(|png| {
                    format!(
                        "data:image/png;base64,{}",
                        base64::engine::general_purpose::STANDARD.encode(png)
                    )
                })
                .collect(),
            unrendered: None,
        },
        Err(why) => {
            log::warn!("letter {id} not rendered: {why}");
            LetterPreview {
                id,
                pages,
                images: Vec::new(),
                unrendered: Some(
                    Text::new(
                        format!(
                            "The pages cannot be shown here ({why}); install poppler-utils, or open the letter"
                        ),
                        format!(
                            "De pagina's kunnen hier niet getoond worden ({why}); installeer poppler-utils, of open de brief"
                        ),
                    )
                    .in_language(language.into())
                    .to_owned(),
                ),
            }
        }
    })
}

/// The SMTP URL text and where it came from: the saved setting, else the
/// environment.
async fn configured_url(book: &Book) -> CommandResult<Option<(String, SmtpSource)>> {
    let saved = book
        .settings_with_prefix(SMTP_URL_SETTING)
        .await?
        .into_iter()
        .find(|(key, _)| key == SMTP_URL_SETTING)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty());
    if let Some(saved) = saved {
        return Ok(Some((saved, SmtpSource::Saved)));
    }
    Ok(std::env::var(SMTP_URL_ENV)
        .ok()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .map(|value| (value, SmtpSource::Environment)))
}

/// The keychain's SMTP password; the keychain may block, so off the async threads.
async fn keychain_password() -> Result<Option<String>, String> {
    tokio::task::spawn_blocking(|| KeychainStore::new().get(SMTP_SECRET))
        .await
        .map_err(|error| error.to_string())?
        .map_err(|error| error.to_string())
}

/// The password for a URL that names a user but carries none: this
/// session's, else the keychain's; and why the keychain failed, if it did.
async fn stored_password(state: &AppState) -> (Option<String>, PasswordPlace, Option<String>) {
    if let Ok(Some(password)) = state.session_secrets.get(SMTP_SECRET) {
        return (Some(password), PasswordPlace::Session, None);
    }
    match keychain_password().await {
        Ok(Some(password)) => (Some(password), PasswordPlace::Keychain, None),
        Ok(None) => (None, PasswordPlace::None, None),
        Err(problem) => (None, PasswordPlace::None, Some(problem)),
    }
}

/// The SMTP server to send through, with its password.
async fn smtp_url(state: &AppState, language: Language) -> CommandResult<SmtpUrl> {
    let book = state.book().await;
    let Some((text, _)) = configured_url(&book).await? else {
        return Err(input(
            language,
            "no mail server is set: fill in the SMTP URL in Settings".to_owned(),
            "er is geen mailserver ingesteld: vul de SMTP-URL in bij Instellingen".to_owned(),
        ));
    };
    let mut url: SmtpUrl = text.parse()?;
    if url.user.is_some() && url.password.is_none() {
        // Without a password the server says what it misses.
        url.password = stored_password(state).await.0;
    }
    Ok(url)
}

/// Mails the letters `ids` (every `generated` or `failed` one when absent)
/// through the SMTP server of Settings (else `TEGOED_SMTP_URL`), emitting
/// `send-progress`; `cancel_send` stops the batch before its next letter.
/// Core records the intent before each send, so a letter already sent or
/// whose send broke off is skipped, never sent twice.
#[tauri::command]
pub async fn send_letters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    ids: Option<Vec<i32>>,
    at: Option<String>,
) -> CommandResult<SendOutcome> {
    let language = locale::current(&app);
    let at = super::dunning::day_or_today(at.as_deref(), language)?;
    let url = smtp_url(&state, language).await?;
    let selection = match ids {
        Some(ids) => Selection::Ids(ids.into_iter().map(id64).collect()),
        None => Selection::All,
    };
    state.cancel_send.store(false, Ordering::SeqCst);
    let on_progress = move |done: usize, total: usize| {
        let progress = SendProgress {
            done: i32::try_from(done).unwrap_or(i32::MAX),
            total: i32::try_from(total).unwrap_or(i32::MAX),
        };
        if let Err(error) = app.emit(SEND_PROGRESS_EVENT, progress) {
            log::warn!("progress event not sent: {error}");
        }
    };
    let report = outbox::send(
        &state.book().await,
        &selection,
        &url,
        at,
        Some(&on_progress),
        Some(&state.cancel_send),
    )
    .await?;
    Ok(SendOutcome::from(&report))
}

/// Stops the running send batch before its next letter; the letter being
/// sent finishes and is recorded.
#[tauri::command]
pub fn cancel_send(state: State<'_, AppState>) {
    state.cancel_send.store(true, Ordering::SeqCst);
}

/// Writes the letter as an unsent e-mail (`.eml`, `X-Unsent: 1`, the PDF
/// attached) to Downloads and opens it in the system's mail program.
#[tauri::command]
pub async fn draft_letter<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i32,
) -> CommandResult<WrittenFile> {
    let book = state.book().await;
    let row = letter_row(&book, id64(id)).await?;
    let eml = outbox::draft(&book, id64(id)).await?;
    let stem = row
        .file_name
        .as_deref()
        .and_then(|name| Path::new(name).file_stem())
        .map_or_else(
            || format!("letter-{id}"),
            |stem| stem.to_string_lossy().into_owned(),
        );
    let path = draft_folder(&app)?.join(format!("{}.eml", safe_file_name(&stem)));
    write(&path, &eml)?;
    open_with_system(&app, &path)?;
    Ok(WrittenFile {
        path: path.display().to_string(),
        printed: false,
    })
}

/// True when `lp` (CUPS) is installed.
fn has_lp() -> bool {
    std::process::Command::new("lp")
        .arg("-h")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// Combines the letters `ids` into one PDF for the post and marks them
/// printed (on `at`, default today). With `direct` and `lp` installed it
/// goes straight to the default printer; otherwise it opens in the system
/// viewer, to print from there.
#[tauri::command]
pub async fn print_letters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    ids: Vec<i32>,
    direct: bool,
    at: Option<String>,
) -> CommandResult<WrittenFile> {
    let language = locale::current(&app);
    let at = super::dunning::day_or_today(at.as_deref(), language)?;
    let ids: Vec<i64> = ids.into_iter().map(id64).collect();
    let pdf = outbox::print(&state.book().await, &ids, at, chrono::Utc::now()).await?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let path = letter_folder(&app)?.join(format!("print-{stamp}.pdf"));
    write(&path, &pdf)?;
    if direct && has_lp() {
        let file = path.clone();
        let output = tokio::task::spawn_blocking(move || {
            std::process::Command::new("lp").arg(&file).output()
        })
        .await
        .map_err(|error| internal(format!("lp: {error}")))?
        .map_err(|error| internal(format!("lp: {error}")))?;
        if output.status.success() {
            return Ok(WrittenFile {
                path: path.display().to_string(),
                printed: true,
            });
        }
        log::warn!(
            "lp failed, opening the viewer instead: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    open_with_system(&app, &path)?;
    Ok(WrittenFile {
        path: path.display().to_string(),
        printed: false,
    })
}

/// Opens one letter's PDF in the system viewer.
#[tauri::command]
pub async fn open_letter<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i32,
) -> CommandResult<WrittenFile> {
    let (row, pdf) = content(&state.book().await, id64(id)).await?;
    let name = row.file_name.unwrap_or_else(|| format!("letter-{id}.pdf"));
    let path = letter_folder(&app)?.join(safe_file_name(&name));
    write(&path, &pdf)?;
    open_with_system(&app, &path)?;
    Ok(WrittenFile {
        path: path.display().to_string(),
        printed: false,
    })
}

/// The business keys of the Settings form, each with its field.
fn business_keys(settings: &BusinessSettings) -> [(&'static str, &str); 9] {
    [
        ("business.name", &settings.name),
        ("business.address", &settings.address),
        ("business.kvk_number", &settings.kvk_number),
        ("business.vat_number", &settings.vat_number),
        ("business.iban", &settings.iban),
        ("business.bic", &settings.bic),
        ("business.phone", &settings.phone),
        ("business.email", &settings.email),
        ("business.contact_person", &settings.contact_person),
    ]
}

async fn read_business(book: &Book) -> CommandResult<BusinessSettings> {
    let mut settings = book.settings_with_prefix("business.").await?;
    settings.extend(book.settings_with_prefix("agency.").await?);
    let value = |key: &str| {
        settings
            .iter()
            .find(|(found, _)| found == key)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let logo = value("business.logo_png");
    Ok(BusinessSettings {
        name: value("business.name"),
        address: value("business.address"),
        kvk_number: value("business.kvk_number"),
        vat_number: value("business.vat_number"),
        iban: value("business.iban"),
        bic: value("business.bic"),
        phone: value("business.phone"),
        email: value("business.email"),
        contact_person: value("business.contact_person"),
        logo: (!logo.trim().is_empty()).then(|| format!("data:image/png;base64,{}", logo.trim())),
        agency_name: value("agency.name"),
        agency_contact: value("agency.contact"),
        // The letters' default (`remind`): pay the agency unless told otherwise.
        pay_to_agency: value("agency.pay_to_agency").trim() != "false",
    })
}

async fn write_settings(book: &Book, pairs: &[(&str, &str)]) -> CommandResult<()> {
    let mut transaction = book.begin().await?;
    for (key, value) in pairs {
        book::set_setting(&mut transaction, key, value.trim()).await?;
    }
    transaction.commit().await.map_err(book::BookError::from)?;
    Ok(())
}

/// The business details letters carry (with the logo) and the collection agency's.
#[tauri::command]
pub async fn business_settings(state: State<'_, AppState>) -> CommandResult<BusinessSettings> {
    read_business(&state.book().await).await
}

/// Saves the business and agency details (not the logo: `choose_logo`
/// and `remove_logo` change it) and answers with what is now saved.
#[tauri::command]
pub async fn save_business_settings(
    state: State<'_, AppState>,
    settings: BusinessSettings,
) -> CommandResult<BusinessSettings> {
    let book = state.book().await;
    let pay_to_agency = if settings.pay_to_agency {
        "true"
    } else {
        "false"
    };
    let mut pairs: Vec<(&str, &str)> = business_keys(&settings).to_vec();
    pairs.extend([
        ("agency.name", settings.agency_name.as_str()),
        ("agency.contact", settings.agency_contact.as_str()),
        ("agency.pay_to_agency", pay_to_agency),
    ]);
    write_settings(&book, &pairs).await?;
    read_business(&book).await
}

/// Asks for a PNG logo, reads it here and saves it for the letters; `None`
/// when the person cancels.
#[tauri::command]
pub async fn choose_logo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<BusinessSettings>> {
    let language = locale::current(&app);
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("PNG", &["png"])
        .pick_file(move |choice| {
            let _ = sender.send(choice);
        });
    let Some(choice) = receiver.await.ok().flatten() else {
        return Ok(None);
    };
    let path = choice
        .into_path()
        .map_err(|error| internal(format!("that file cannot be read: {error}")))?;
    let png = tokio::fs::read(&path)
        .await
        .map_err(|error| internal(format!("{}: cannot be read: {error}", path.display())))?;
    if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(input(
            language,
            format!("{} is not a PNG image", path.display()),
            format!("{} is geen PNG-afbeelding", path.display()),
        ));
    }
    let book = state.book().await;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&png);
    write_settings(&book, &[("business.logo_png", &encoded)]).await?;
    read_business(&book).await.map(Some)
}

/// Takes the logo off the letters.
#[tauri::command]
pub async fn remove_logo(state: State<'_, AppState>) -> CommandResult<BusinessSettings> {
    let book = state.book().await;
    write_settings(&book, &[("business.logo_png", "")]).await?;
    read_business(&book).await
}

async fn read_smtp(state: &AppState) -> CommandResult<SmtpSettings> {
    let book = state.book().await;
    let Some((text, source)) = configured_url(&book).await? else {
        return Ok(SmtpSettings {
            url: String::new(),
            source: SmtpSource::None,
            password: PasswordPlace::None,
            keychain_problem: None,
        });
    };
    let Ok(url) = text.parse::<SmtpUrl>() else {
        // Unreadable: show a saved one as typed (it has no password), never the environment's.
        return Ok(SmtpSettings {
            url: if source == SmtpSource::Saved {
                text
            } else {
                String::new()
            },
            source,
            password: PasswordPlace::None,
            keychain_problem: None,
        });
    };
    let (password, problem) = match (&url.user, &url.password) {
        (_, Some(_)) => (PasswordPlace::Session, None),
        (None, None) => (PasswordPlace::None, None),
        (Some(_), None) => {
            let (_, place, problem) = stored_password(state).await;
            (place, problem)
        }
    };
    Ok(SmtpSettings {
        url: url.masked(),
        source,
        password,
        keychain_problem: problem,
    })
}

/// The mail server settings, without the password: the URL (masked), where
/// it came from, and where the password is kept.
#[tauri::command]
pub async fn smtp_settings(state: State<'_, AppState>) -> CommandResult<SmtpSettings> {
    read_smtp(&state).await
}

/// Saves the SMTP URL (without any password in it) in the book. A password
/// typed into the URL is kept for this session only; `password` goes to the
/// OS keychain, or, when there is none, to this session with the reason in
/// `keychain_problem`. An empty URL clears the setting.
#[tauri::command]
pub async fn save_smtp_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
    password: Option<String>,
) -> CommandResult<SmtpSettings> {
    let language = locale::current(&app);
    let book = state.book().await;
    let text = url.trim();
    if text.is_empty() {
        write_settings(&book, &[(SMTP_URL_SETTING, "")]).await?;
        return read_smtp(&state).await;
    }
    let mut parsed: SmtpUrl = text.parse()?;
    if let Some(in_url) = parsed.password.take() {
        state.session_secrets.set(SMTP_SECRET, &in_url)?;
    }
    if parsed.user.is_none() && password.as_deref().is_some_and(|given| !given.is_empty()) {
        return Err(input(
            language,
            "a password needs a user name in the URL, e.g. smtps://info%40example.nl@smtp.example.nl:465".to_owned(),
            "een wachtwoord hoort bij een gebruikersnaam in de URL, bijvoorbeeld smtps://info%40example.nl@smtp.example.nl:465".to_owned(),
        ));
    }
    write_settings(&book, &[(SMTP_URL_SETTING, &parsed.masked())]).await?;
    let mut problem = None;
    if let Some(password) = password.filter(|given| !given.is_empty()) {
        let secret = password.clone();
        let stored =
            tokio::task::spawn_blocking(move || KeychainStore::new().set(SMTP_SECRET, &secret))
                .await
                .map_err(|error| internal(error.to_string()))?;
        match stored {
            Ok(()) => state.session_secrets.delete(SMTP_SECRET)?,
            Err(error) => {
                state.session_secrets.set(SMTP_SECRET, &password)?;
                problem = Some(error.to_string());
            }
        }
    }
    let mut settings = read_smtp(&state).await?;
    if settings.keychain_problem.is_none() {
        settings.keychain_problem = problem;
    }
    Ok(settings)
}

/// Sends a short test message to `to` through the configured server, from
/// the business's e-mail address; answers with its Message-ID.
#[tauri::command]
pub async fn send_test_mail<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    to: String,
) -> CommandResult<String> {
    let language = locale::current(&app);
    let url = smtp_url(&state, language).await?;
    let sender = remind::sender(&state.book().await).await?;
    let from = sender.email.ok_or(outbox::OutboxError::NoSender)?;
    Ok(delivery::send_test_mail(&url, &from, to.trim()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_folders_and_odd_characters() {
        assert_eq!(
            safe_file_name("../herinnering C/01.pdf"),
            ".._herinnering C_01.pdf"
        );
        assert_eq!(
            safe_file_name("aanmaning-Bakkerij.pdf"),
            "aanmaning-Bakkerij.pdf"
        );
    }
}
