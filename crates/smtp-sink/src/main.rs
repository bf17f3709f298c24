//! `smtp-sink`: the test SMTP server as a separate process, for shell-driven and end-to-end
//! tests.
//!
//! ```text
//! smtp-sink [--reject-rcpt REPLY | --reject-data REPLY | --hang-after-data] [FOLDER]
//! ```
//! Prints the port on 127.0.0.1 as the first line of stdout, then serves until it is killed.
//! With a FOLDER, each accepted message lands there as `NNNN.eml` next to `NNNN.envelope`
//! before the client hears 250.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use smtp_sink::{Behaviour, SmtpSink};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "smtp-sink: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut behaviour = Behaviour::Accept;
    let mut folder = None;
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "--reject-rcpt" | "--reject-data" => {
                let reply = arguments
                    .next()
                    .ok_or_else(|| format!("{argument} needs a reply such as \"550 5.1.1 no\""))?;
                behaviour = if argument == "--reject-rcpt" {
                    Behaviour::RejectRcpt(reply)
                } else {
                    Behaviour::RejectData(reply)
                };
            }
            "--hang-after-data" => behaviour = Behaviour::HangAfterData,
            "-h" | "--help" => {
                return Err(
                    "usage: smtp-sink [--reject-rcpt REPLY | --reject-data REPLY | \
                     --hang-after-data] [FOLDER]"
                        .to_owned(),
                );
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other => folder = Some(PathBuf::from(other)),
        }
    }
    let sink = SmtpSink::start_with(behaviour, folder)
        .map_err(|error| format!("could not start: {error}"))?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{}", sink.port())
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("could not print the port: {error}"))?;
    // The server runs on its own thread; this one only keeps the process alive until killed.
    loop {
        std::thread::park();
    }
}
