//! `remind`, `letters`, `send`, `draft`, `dossier` JSON.

use serde::Serialize;

/// `remind --json`.
#[derive(Debug, Serialize)]
pub struct Remind {
    pub letters: Vec<MadeLine>,
    pub warnings: Vec<String>,
}

/// One letter made.
#[derive(Debug, Serialize)]
pub struct MadeLine {
    pub id: i64,
    pub customer: String,
    pub customer_code: String,
    pub stage: &'static str,
    pub file: String,
    pub invoices: Vec<String>,
    pub pages: usize,
    pub total_open: String,
    pub sent: bool,
    pub language: &'static str,
    pub deadline: Option<String>,
    pub costs: Option<String>,
    pub interest: Option<String>,
}

/// `letters --json`.
#[derive(Debug, Serialize)]
pub struct Letters {
    pub letters: Vec<LetterLine>,
}

/// One letter in the outbox.
#[derive(Debug, Serialize)]
pub struct LetterLine {
    pub id: i64,
    pub customer: String,
    pub customer_code: String,
    pub stage: String,
    pub file: Option<String>,
    pub as_of: String,
    pub invoices: Vec<String>,
    pub state: String,
    pub channel: Option<String>,
    pub sent_at: Option<String>,
    pub error: Option<String>,
    pub pages: Option<i64>,
    pub total_open: String,
    pub recipient: Option<String>,
}

/// `send --json`.
#[derive(Debug, Serialize)]
pub struct Send {
    pub sent: Vec<SentLine>,
    pub failed: Vec<FailedLine>,
    pub skipped: Vec<SkippedLine>,
}

/// A letter mailed.
#[derive(Debug, Serialize)]
pub struct SentLine {
    pub id: i64,
    pub to: String,
    pub message_id: String,
}

/// A letter that failed.
#[derive(Debug, Serialize)]
pub struct FailedLine {
    pub id: i64,
    pub error: String,
}

/// A letter not tried.
#[derive(Debug, Serialize)]
pub struct SkippedLine {
    pub id: i64,
    pub why: String,
}

/// `draft --json` and `print --json`.
#[derive(Debug, Serialize)]
pub struct Written {
    pub id: Option<i64>,
    pub ids: Vec<i64>,
    pub file: String,
}

/// `dossier --json`.
#[derive(Debug, Serialize)]
pub struct Dossier {
    pub customer: String,
    pub customer_code: String,
    pub file: String,
    pub letters: usize,
    pub invoices: usize,
    pub principal: String,
    pub costs: String,
    pub interest: String,
}
