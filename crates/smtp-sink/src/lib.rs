//! A small but real SMTP server on 127.0.0.1, for tests of Tegoed's outgoing mail.
//!
//! [`SmtpSink::start`] binds a free port and answers SMTP (RFC 5321) on its own thread with its
//! own tokio runtime, so it works the same from synchronous tests, from async tests and as a
//! separate process (`src/main.rs`). It speaks EHLO/HELO, MAIL FROM, RCPT TO, DATA (with
//! dot-unstuffing), RSET, NOOP, VRFY and QUIT, and records every accepted message with its
//! envelope.
//!
//! What it deliberately does not do: TLS (STARTTLS is neither advertised nor accepted), AUTH,
//! relaying or any checks of the addresses. Failure modes for tests are chosen with a
//! [`Behaviour`]: reject at RCPT, reject after DATA, or accept the data and never answer (the
//! client then cannot know whether the message arrived).

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdTcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// The longest command or data line accepted (RFC 5321 asks for 1000; clients stay far below).
const MAX_LINE: u64 = 64 * 1024;
/// The largest message accepted, advertised as `SIZE`.
const MAX_MESSAGE: usize = 50 * 1024 * 1024;

/// One message the sink accepted: its envelope and its content as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// The reverse path of `MAIL FROM:<…>`, without the angle brackets (empty for `<>`).
    pub mail_from: String,
    /// The forward paths of every accepted `RCPT TO:<…>`, in order, without angle brackets.
    pub rcpt_to: Vec<String>,
    /// The message as sent after DATA, dot-unstuffed, with its CRLF line endings, without the
    /// terminating `.` line.
    pub data: Vec<u8>,
}

/// How the sink answers; every mode speaks correct SMTP up to the point where it fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Accept every message.
    Accept,
    /// Answer every `RCPT TO` with this reply, e.g. `550 5.1.1 mailbox unavailable`.
    RejectRcpt(String),
    /// Accept the envelope and the data, then answer the end of data with this reply, e.g.
    /// `554 5.6.0 message rejected`; the message is not recorded.
    RejectData(String),
    /// Accept the data, record the message, and never answer the end of data: the client
    /// cannot tell whether the message was accepted (a server or link dying mid-send).
    HangAfterData,
}

/// Where the sink keeps what it received, shared by the server thread and the test.
struct Shared {
    messages: Mutex<Vec<Received>>,
    arrived: Condvar,
    behaviour: Behaviour,
    folder: Option<PathBuf>,
    /// The number of the last message recorded, so concurrent sessions never share a file.
    last_number: AtomicUsize,
}

impl Shared {
    fn messages(&self) -> MutexGuard<'_, Vec<Received>> {
        // A test that panicked while holding the lock leaves a usable list behind.
        self.messages.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running SMTP server on 127.0.0.1; it stops when dropped.
pub struct SmtpSink {
    port: u16,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for SmtpSink {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("SmtpSink")
            .field("port", &self.port)
            .field("behaviour", &self.shared.behaviour)
            .finish_non_exhaustive()
    }
}

/// [`SmtpSink::wait_for`] gave up before enough messages arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitTimeout {
    /// How many messages were awaited.
    pub expected: usize,
    /// How many had arrived when the time was up.
    pub received: usize,
    /// How long was waited.
    pub waited: Duration,
}

impl fmt::Display for WaitTimeout {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "the SMTP sink received {} of {} messages within {:?}",
            self.received, self.expected, self.waited
        )
    }
}

impl std::error::Error for WaitTimeout {}

impl SmtpSink {
    /// Starts a sink that accepts every message.
    ///
    /// # Errors
    /// When no port on 127.0.0.1 can be bound or the server thread cannot start.
    pub fn start() -> io::Result<SmtpSink> {
        Self::start_with(Behaviour::Accept, None)
    }

    /// Starts a sink that answers every `RCPT TO` with `reply`, e.g.
    /// `"550 5.1.1 mailbox unavailable"`.
    ///
    /// # Errors
    /// As [`SmtpSink::start`].
    pub fn start_rejecting(reply: &str) -> io::Result<SmtpSink> {
        Self::start_with(Behaviour::RejectRcpt(reply.to_owned()), None)
    }

    /// Starts a sink that accepts the data and then answers with `reply` instead of 250.
    ///
    /// # Errors
    /// As [`SmtpSink::start`].
    pub fn start_rejecting_data(reply: &str) -> io::Result<SmtpSink> {
        Self::start_with(Behaviour::RejectData(reply.to_owned()), None)
    }

    /// Starts a sink that records the data and then never answers.
    ///
    /// # Errors
    /// As [`SmtpSink::start`].
    pub fn start_hanging_after_data() -> io::Result<SmtpSink> {
        Self::start_with(Behaviour::HangAfterData, None)
    }

    /// Starts a sink with a behaviour, and when `folder` is given, writes each recorded message
    /// there as `NNNN.eml` (the data) next to `NNNN.envelope` (`MAIL FROM:<…>` and one
    /// `RCPT TO:<…>` line per recipient), before the client hears that it was accepted.
    ///
    /// # Errors
    /// As [`SmtpSink::start`], and when the folder cannot be created.
    pub fn start_with(behaviour: Behaviour, folder: Option<PathBuf>) -> io::Result<SmtpSink> {
        if let Some(folder) = &folder {
            std::fs::create_dir_all(folder)?;
        }
        let listener = StdTcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared {
            messages: Mutex::new(Vec::new()),
            arrived: Condvar::new(),
            behaviour,
            folder,
            last_number: AtomicUsize::new(0),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let (shutdown, stopped) = oneshot::channel();
        let server_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(format!("smtp-sink-{port}"))
            .spawn(move || runtime.block_on(serve(listener, server_shared, stopped)))?;
        Ok(SmtpSink {
            port,
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The port the sink listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The sink as an SMTP URL without TLS: `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message recorded so far, in the order they arrived.
    pub fn messages(&self) -> Vec<Received> {
        self.shared.messages().clone()
    }

    /// Waits until at least `n` messages were recorded and returns them all.
    ///
    /// This blocks the calling thread: from an async test, call it on a multi-thread runtime
    /// or through `spawn_blocking` while the client runs elsewhere.
    ///
    /// # Errors
    /// [`WaitTimeout`] when fewer than `n` arrived within `timeout`.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Result<Vec<Received>, WaitTimeout> {
        let started = Instant::now();
        let guard = self.shared.messages();
        let (guard, _) = self
            .shared
            .arrived
            .wait_timeout_while(guard, timeout, |messages| messages.len() < n)
            .unwrap_or_else(PoisonError::into_inner);
        if guard.len() >= n {
            Ok(guard.clone())
        } else {
            Err(WaitTimeout {
                expected: n,
                received: guard.len(),
                waited: started.elapsed(),
            })
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            // The server may already be gone; then there is nothing to stop.
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panicking server thread has already reported itself; dropping must not panic.
            let _ = thread.join();
        }
    }
}

/// Accepts connections until told to stop; dropping the runtime then ends every session,
/// including those hanging on purpose.
async fn serve(listener: StdTcpListener, shared: Arc<Shared>, mut stopped: oneshot::Receiver<()>) {
    let listener = match TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(_) => return,
    };
    loop {
        tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    let shared = Arc::clone(&shared);
                    tokio::spawn(async move {
                        // A client that goes away mid-session is normal for a test server.
                        let _ = session(stream, shared).await;
                    });
                }
            }
        }
    }
}

/// The envelope of the transaction in progress.
#[derive(Default)]
struct Transaction {
    mail_from: Option<String>,
    rcpt_to: Vec<String>,
}

/// One SMTP session, from the greeting to QUIT or the client closing the connection.
async fn session(stream: TcpStream, shared: Arc<Shared>) -> io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    writer
        .write_all(b"220 127.0.0.1 smtp-sink ESMTP ready\r\n")
        .await?;
    let mut greeted = false;
    let mut transaction = Transaction::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line(&mut reader, &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        let (verb, argument) = text.split_once(' ').unwrap_or((text, ""));
        let reply = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                greeted = true;
                transaction = Transaction::default();
                format!(
                    "250-127.0.0.1 smtp-sink greets {argument}\r\n250-8BITMIME\r\n\
                     250-SMTPUTF8\r\n250-SIZE {MAX_MESSAGE}\r\n250 HELP\r\n"
                )
            }
            "HELO" => {
                greeted = true;
                transaction = Transaction::default();
                "250 127.0.0.1 smtp-sink\r\n".to_owned()
            }
            "MAIL" if !greeted => "503 5.5.1 EHLO or HELO first\r\n".to_owned(),
            "MAIL" if transaction.mail_from.is_some() => {
                "503 5.5.1 MAIL already given\r\n".to_owned()
            }
            "MAIL" => match path_after(argument, "FROM:") {
                Some(path) => {
                    transaction.mail_from = Some(path);
                    "250 2.1.0 sender ok\r\n".to_owned()
                }
                None => "501 5.5.4 syntax: MAIL FROM:<address>\r\n".to_owned(),
            },
            "RCPT" if transaction.mail_from.is_none() => "503 5.5.1 MAIL first\r\n".to_owned(),
            "RCPT" => match (path_after(argument, "TO:"), &shared.behaviour) {
                (None, _) => "501 5.5.4 syntax: RCPT TO:<address>\r\n".to_owned(),
                (Some(_), Behaviour::RejectRcpt(reply)) => reply_line(reply),
                (Some(path), _) => {
                    transaction.rcpt_to.push(path);
                    "250 2.1.5 recipient ok\r\n".to_owned()
                }
            },
            "DATA" if transaction.rcpt_to.is_empty() => "503 5.5.1 RCPT first\r\n".to_owned(),
            "DATA" => {
                writer
                    .write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let data = read_data(&mut reader).await?;
                let received = Received {
                    mail_from: transaction.mail_from.take().unwrap_or_default(),
                    rcpt_to: std::mem::take(&mut transaction.rcpt_to),
                    data,
                };
                match &shared.behaviour {
                    Behaviour::RejectData(reply) => reply_line(reply),
                    Behaviour::HangAfterData => {
                        record(&shared, received).await?;
                        // Keep the connection open and say nothing, until the sink stops.
                        std::future::pending::<()>().await;
                        return Ok(());
                    }
                    Behaviour::Accept | Behaviour::RejectRcpt(_) => {
                        let number = record(&shared, received).await?;
                        format!("250 2.0.0 OK queued as {number:04}\r\n")
                    }
                }
            }
            "RSET" => {
                transaction = Transaction::default();
                "250 2.0.0 OK\r\n".to_owned()
            }
            "NOOP" => "250 2.0.0 OK\r\n".to_owned(),
            "VRFY" => "252 2.1.5 cannot verify, will accept\r\n".to_owned(),
            "QUIT" => {
                writer.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            }
            "STARTTLS" | "AUTH" | "BDAT" | "EXPN" => "502 5.5.1 not implemented\r\n".to_owned(),
            _ => "500 5.5.2 command not recognised\r\n".to_owned(),
        };
        writer.write_all(reply.as_bytes()).await?;
    }
}

/// Reads one line including its line ending; 0 at the end of the stream.
async fn read_line<R>(reader: &mut BufReader<R>, line: &mut Vec<u8>) -> io::Result<usize>
where
    R: tokio::io::AsyncRead + Unpin,
{
    let n = (&mut *reader)
        .take(MAX_LINE)
        .read_until(b'\n', line)
        .await?;
    if n as u64 == MAX_LINE && !line.ends_with(b"\n") {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
    }
    Ok(n)
}

/// Reads the message after `354` up to the `.` line, removing the dot-stuffing (RFC 5321
/// §4.5.2: a line starting with `.` was sent with one more `.`).
async fn read_data<R>(reader: &mut BufReader<R>) -> io::Result<Vec<u8>>
where
    R: tokio::io::AsyncRead + Unpin,
{
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line(reader, &mut line).await? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed during DATA",
            ));
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(data);
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        data.extend_from_slice(unstuffed);
        if data.len() > MAX_MESSAGE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "message larger than SIZE",
            ));
        }
    }
}

/// The path of `FROM:<a@b> PARAMS` or `TO:<a@b>`: the text between the angle brackets, or the
/// first word when a client leaves them out.
fn path_after(argument: &str, keyword: &str) -> Option<String> {
    let head = argument.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = argument[keyword.len()..].trim_start();
    if let Some(bracketed) = rest.strip_prefix('<') {
        let (path, _) = bracketed.split_once('>')?;
        Some(path.to_owned())
    } else {
        rest.split_whitespace().next().map(str::to_owned)
    }
}

/// A configured reply as a wire line.
fn reply_line(reply: &str) -> String {
    format!("{}\r\n", reply.trim_end_matches(['\r', '\n']))
}

/// Records a message (first on disk when a folder was given) and wakes waiting tests; returns
/// its number, counting from 1.
async fn record(shared: &Shared, received: Received) -> io::Result<usize> {
    let number = shared.last_number.fetch_add(1, Ordering::SeqCst) + 1;
    if let Some(folder) = &shared.folder {
        save(folder, number, &received).await?;
    }
    shared.messages().push(received);
    shared.arrived.notify_all();
    Ok(number)
}

/// Writes `NNNN.envelope` and then `NNNN.eml`, each through a rename so that a watcher never
/// reads half a file.
async fn save(folder: &Path, number: usize, received: &Received) -> io::Result<()> {
    let mut envelope = format!("MAIL FROM:<{}>\n", received.mail_from);
    for recipient in &received.rcpt_to {
        envelope.push_str(&format!("RCPT TO:<{recipient}>\n"));
    }
    for (extension, content) in [
        ("envelope", envelope.as_bytes()),
        ("eml", received.data.as_slice()),
    ] {
        let final_path = folder.join(format!("{number:04}.{extension}"));
        let partial_path = folder.join(format!(".{number:04}.{extension}.partial"));
        tokio::fs::write(&partial_path, content).await?;
        tokio::fs::rename(&partial_path, &final_path).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
