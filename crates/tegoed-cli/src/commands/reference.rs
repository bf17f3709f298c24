//! `tegoed reference VALUE`: which kind of payment reference, and valid or not.

use std::io::Write;

use tegoed_core::reference;

use super::print_json;
use crate::failure::Failure;
use crate::json::matching::Reference;

/// Runs `reference`; an invalid reference is an answer, not an error.
pub fn run(value: &str, as_json: bool) -> Result<(), Failure> {
    let (kind, valid) = reference::classify(value);
    if as_json {
        return print_json(&Reference {
            value: value.to_owned(),
            kind: kind.code(),
            valid,
        });
    }
    let verdict = if valid { "valid" } else { "not valid" };
    writeln!(std::io::stdout().lock(), "{}: {verdict}", kind.code())?;
    Ok(())
}
