//! Support for the end-to-end tests in `tests.rs`: the built binaries, a
//! temporary home for the app, and tauri-driver as a guarded child process.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// The workspace's `target/debug` folder, where `cargo xtask test` built the binaries.
pub fn debug_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug")
}

/// The folder screenshots go to: `target/e2e/`.
pub fn screenshot_dir() -> anyhow::Result<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A built binary, or an error saying how to build it.
pub fn binary(name: &str) -> anyhow::Result<PathBuf> {
    let path = debug_dir().join(name);
    anyhow::ensure!(
        path.exists(),
        "{} is missing: run `cargo xtask test`",
        path.display()
    );
    Ok(path)
}

/// True when the end-to-end tests should run (set by `cargo xtask test`,
/// which provides Xvfb, D-Bus and tauri-driver).
pub fn enabled() -> bool {
    std::env::var_os("TEGOED_E2E").is_some()
}

/// Runs the CLI on a book and returns its stdout.
pub fn cli(book: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new(binary("tegoed")?)
        .arg("--db")
        .arg(book)
        .args(args)
        .output()?;
    anyhow::ensure!(
        output.status.success(),
        "tegoed {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8(output.stdout)?)
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// tauri-driver, stopped with SIGTERM when dropped (SIGKILL would orphan
/// WebKitWebDriver and hang xvfb-run).
pub struct Driver {
    child: Child,
    /// The book the app was started on: its process is found by it.
    book: PathBuf,
    /// The WebDriver URL to connect to.
    pub url: String,
}

impl Driver {
    /// Starts tauri-driver with the app's environment: its book, and data
    /// and config folders under `home` so nothing of the user's is touched.
    pub fn start(book: &Path, home: &Path, language: &str) -> anyhow::Result<Driver> {
        Driver::start_with(book, home, language, &[])
    }

    /// As [`Driver::start`], with more environment variables for the app
    /// (tauri-driver's environment reaches the app it starts).
    pub fn start_with(
        book: &Path,
        home: &Path,
        language: &str,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Driver> {
        let driver = std::env::var_os("TAURI_DRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("tauri-driver"));
        // An app left running by an earlier test would take this test's
        // launch through single-instance, and the session would never open.
        end_processes(is_app);
        let port = free_port()?;
        let native_port = free_port()?;
        let child = Command::new(&driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("TEGOED_DB", book)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("LANG", language)
            .env("LC_ALL", language)
            // Its own single-instance name: an app of an earlier test that
            // is still shutting down must not take this launch.
            .env("TEGOED_INSTANCE", format!("e2e{port}"))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {}", driver.display()))?;
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(20),
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Driver {
            child,
            book: book.to_owned(),
            url: format!("http://127.0.0.1:{port}"),
        })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.end_app();
    }
}

impl Driver {
    /// Ends the app started on this driver's book, should closing the
    /// session have left it running.
    fn end_app(&self) {
        let wanted = format!("TEGOED_DB={}", self.book.display());
        end_processes(|pid| {
            std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| {
                environ
                    .split(|byte| *byte == 0)
                    .any(|entry| entry == wanted.as_bytes())
            })
        });
    }
}

/// True when process `pid` runs the app binary these tests built.
fn is_app(pid: u32) -> bool {
    let Ok(app) = binary("tegoed-app").and_then(|path| Ok(path.canonicalize()?)) else {
        return false;
    };
    std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app)
}

/// True while process `pid` exists and is not a zombie.
fn is_alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the command name in parentheses: `pid (name) S …`.
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z'))
    })
}

/// Kills (SIGKILL) every process for which `chosen` holds and waits up to
/// 10 s for each to be gone. Linux only; elsewhere nothing is found.
fn end_processes(chosen: impl Fn(u32) -> bool) {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    let own = std::process::id();
    let found: Vec<u32> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != own && chosen(*pid))
        .collect();
    for pid in &found {
        eprintln!("ending app process {pid} left running");
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg(pid.to_string())
            .status();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline && found.iter().any(|pid| is_alive(*pid)) {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Sums the contract's money strings exactly, in cents.
pub fn cents(text: &str) -> anyhow::Result<i64> {
    let negative = text.starts_with('-');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let (_, decimals) = text.split_once('.').context("money without decimals")?;
    anyhow::ensure!(
        decimals.len() == 2,
        "money with {} decimals: {text}",
        decimals.len()
    );
    let value: i64 = digits.parse()?;
    Ok(if negative { -value } else { value })
}
