//! The letter wording as data: parsing the template files under
//! `letters/templates/` and filling their placeholders.
//!
//! The syntax is described in `templates/README.md`. This module knows no
//! letter and no language; it only keeps or drops lines by their conditions,
//! replaces `{name}` by its value and refuses a placeholder without one, so a
//! letter can never go out with a gap or a literal `{…}`.

#[cfg(test)]
use std::collections::BTreeSet;
use std::collections::{BTreeMap, HashMap};

use super::LetterError;

/// The values a letter fills in, by placeholder name. A name that is
/// present has a value (possibly empty, for a mere condition such as
/// `consumer`).
pub type Values = HashMap<&'static str, String>;

/// One condition on a line: `?name` (has a value) or `!name` (has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Condition {
    pub(crate) name: String,
    pub(crate) present: bool,
}

/// One template line with its conditions.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) conditions: Vec<Condition>,
    pub(crate) text: String,
}

/// A paragraph: lines printed one under the other.
#[derive(Debug, Clone, Default)]
pub(crate) struct Paragraph {
    pub(crate) lines: Vec<Line>,
}

/// A parsed template: its sections, in file order, each a list of paragraphs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Template {
    pub(crate) name: String,
    pub(crate) sections: BTreeMap<String, Vec<Paragraph>>,
}

/// A filled paragraph: either text lines or a block the layout draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Filled {
    /// Lines of text, printed one under the other.
    Text(Vec<String>),
    /// A block such as `invoices` or `payment` (from `@invoices`).
    Block(String),
}

impl Template {
    /// Parses a template file.
    pub(crate) fn parse(name: &str, source: &str) -> Result<Template, LetterError> {
        let mut template = Template {
            name: name.to_string(),
            sections: BTreeMap::new(),
        };
        let mut section: Option<String> = None;
        let mut paragraph = Paragraph::default();
        for (index, raw) in source.lines().enumerate() {
            let line = raw.trim_end();
            if line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                template.finish(&section, &mut paragraph);
                let title = line[1..line.len() - 1].trim().to_string();
                template.sections.entry(title.clone()).or_default();
                section = Some(title);
                continue;
            }
            if line.trim().is_empty() {
                template.finish(&section, &mut paragraph);
                continue;
            }
            if section.is_none() {
                return Err(LetterError::Template(format!(
                    "{name}, line {}: text before the first [section]",
                    index + 1
                )));
            }
            paragraph.lines.push(parse_line(line));
        }
        template.finish(&section, &mut paragraph);
        Ok(template)
    }

    fn finish(&mut self, section: &Option<String>, paragraph: &mut Paragraph) {
        if let Some(section) = section
            && !paragraph.lines.is_empty()
        {
            self.sections
                .entry(section.clone())
                .or_default()
                .push(std::mem::take(paragraph));
        }
    }

    /// Fills one section: keeps the lines whose conditions hold, replaces
    /// placeholders, and drops paragraphs left empty.
    pub(crate) fn fill(&self, section: &str, values: &Values) -> Result<Vec<Filled>, LetterError> {
        let Some(paragraphs) = self.sections.get(section) else {
            return Err(LetterError::Template(format!(
                "{}: no [{section}] section",
                self.name
            )));
        };
        let mut filled = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            let mut lines = Vec::new();
            for line in &paragraph.lines {
                let holds = line.conditions.iter().all(|condition| {
                    values.contains_key(condition.name.as_str()) == condition.present
                });
                if !holds {
                    continue;
                }
                if let Some(block) = line.text.strip_prefix('@') {
                    if !lines.is_empty() {
                        filled.push(Filled::Text(std::mem::take(&mut lines)));
                    }
                    filled.push(Filled::Block(block.trim().to_string()));
                    continue;
                }
                let text = substitute(&self.name, &line.text, values)?;
                lines.extend(text.split('\n').map(str::to_string));
            }
            if !lines.is_empty() {
                filled.push(Filled::Text(lines));
            }
        }
        Ok(filled)
    }

    /// Fills a section into plain text: paragraphs separated by a blank line.
    pub(crate) fn fill_text(&self, section: &str, values: &Values) -> Result<String, LetterError> {
        let paragraphs: Vec<String> = self
            .fill(section, values)?
            .into_iter()
            .filter_map(|paragraph| match paragraph {
                Filled::Text(lines) => Some(lines.join("\n")),
                Filled::Block(_) => None,
            })
            .collect();
        Ok(paragraphs.join("\n\n"))
    }

    #[cfg(test)]
    /// Every placeholder, condition name and block the template uses, per
    /// section, for comparing the languages of one letter.
    pub(crate) fn vocabulary(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut vocabulary = BTreeMap::new();
        for (section, paragraphs) in &self.sections {
            let words: &mut BTreeSet<String> = vocabulary.entry(section.clone()).or_default();
            for line in paragraphs.iter().flat_map(|paragraph| &paragraph.lines) {
                for condition in &line.conditions {
                    let sign = if condition.present { '?' } else { '!' };
                    words.insert(format!("{sign}{}", condition.name));
                }
                if line.text.starts_with('@') {
                    words.insert(line.text.trim().to_string());
                }
                for name in placeholders(&line.text) {
                    words.insert(format!("{{{name}}}"));
                }
            }
        }
        vocabulary
    }
}

/// Splits `?a !b: text` into its conditions and text.
fn parse_line(line: &str) -> Line {
    let trimmed = line.trim_start();
    if (trimmed.starts_with('?') || trimmed.starts_with('!'))
        && let Some((head, rest)) = trimmed.split_once(':')
    {
        let conditions: Option<Vec<Condition>> = head
            .split_whitespace()
            .map(|word| {
                let (present, name) = match word.split_at_checked(1) {
                    Some(("?", name)) => (true, name),
                    Some(("!", name)) => (false, name),
                    _ => return None,
                };
                let is_name =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                is_name.then(|| Condition {
                    name: name.to_string(),
                    present,
                })
            })
            .collect();
        if let Some(conditions) = conditions {
            return Line {
                conditions,
                text: rest.trim().to_string(),
            };
        }
    }
    Line {
        conditions: Vec::new(),
        text: trimmed.to_string(),
    }
}

/// The placeholder names in a text, in order.
#[cfg(test)]
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                names.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    names
}

/// Replaces every `{name}` in `text` by its value.
///
/// # Errors
/// [`LetterError::Template`] naming the template and the placeholder when a
/// placeholder has no value or a brace is left open.
pub(crate) fn substitute(
    template: &str,
    text: &str,
    values: &Values,
) -> Result<String, LetterError> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            return Err(LetterError::Template(format!(
                "{template}: unclosed '{{' in \"{text}\""
            )));
        };
        let name = &after[..end];
        match values.get(name) {
            Some(value) => out.push_str(value),
            None => {
                return Err(LetterError::Template(format!(
                    "{template}: this letter has no value for {{{name}}} (in \"{text}\"); \
                     give the letter that field or drop the line with a ?{name}: condition"
                )));
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Parses a `labels.txt` file of `key = value` lines.
pub(crate) fn parse_labels(
    name: &str,
    source: &str,
) -> Result<HashMap<String, String>, LetterError> {
    let mut labels = HashMap::new();
    for (index, line) in source.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(LetterError::Template(format!(
                "{name}, line {}: expected `key = value`",
                index + 1
            )));
        };
        labels.insert(key.trim().to_string(), value.trim().to_string());
    }
    Ok(labels)
}
