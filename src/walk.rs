//! Reading a spanned TOML tree by hand, collecting every problem: the shared machinery of
//! brief validation and outlet settings.
//!
//! serde stops at the first error; these helpers report each unknown key (with a suggestion),
//! missing key and wrong type with its location, and carry on.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::brief::Date;
use crate::diag::{Code, Diagnostic, SourceFile, did_you_mean};
use crate::messages::{Arg, Message};
use crate::msg;

/// Collects diagnostics about one TOML file.
pub struct Walker<'f> {
    /// The file being read.
    pub file: &'f Arc<SourceFile>,
    /// Every problem found so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// A TOML table together with where it is and how to name it in messages.
pub struct Table<'t, 'i> {
    /// The table's entries.
    pub table: &'t DeTable<'i>,
    /// Where the table is.
    pub span: Range<usize>,
    /// Its dotted name in messages (`brief`, `commentary.points[2]`); empty at the top.
    pub name: String,
}

impl<'t, 'i> Table<'t, 'i> {
    /// The value of a key, if set.
    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    /// The dotted name of a key of this table, for messages.
    pub fn key_name(&self, key: &str) -> String {
        if self.name.is_empty() { key.to_string() } else { format!("{}.{}", self.name, key) }
    }
}

impl<'f> Walker<'f> {
    /// Start reading a file.
    pub fn new(file: &'f Arc<SourceFile>) -> Self {
        Self { file, diagnostics: Vec::new() }
    }

    /// The top-level table of a parsed file.
    pub fn root<'t, 'i>(&self, root: &'t DeTable<'i>) -> Table<'t, 'i> {
        Table { table: root, span: 0..0, name: String::new() }
    }

    /// Record an error at a span with a hint.
    pub fn error(&mut self, code: Code, span: Range<usize>, message: Message, hint: Message) {
        let diagnostic = Diagnostic::error(code, message).at(self.file, span).with_hint(hint);
        self.diagnostics.push(diagnostic);
    }

    /// Report every key of `table` that is not in `known`, suggesting a close one.
    pub fn unknown_keys(&mut self, table: &Table<'_, '_>, known: &[&str]) {
        for (key, _) in table.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let place = || match table.name.is_empty() {
                true => msg!("place-top-level"),
                false => msg!("place-in-table", table = &table.name),
            };
            let hint = match did_you_mean(name, known) {
                Some(s) => msg!("hint-did-you-mean", suggestion = s),
                None => msg!("hint-known-keys", place = place(), keys = known.join(", ")),
            };
            self.error(Code::UnknownKey, key.span(), msg!("unknown-key", key = name, place = place()), hint);
        }
    }

    /// Report a required key (or top-level table) that is missing, with an example.
    pub fn missing(&mut self, table: &Table<'_, '_>, key: &str, example: &str) {
        // A misspelt key (`[commentery]`) is already reported as unknown, with `key` as the
        // suggestion: saying it is missing too would only repeat that.
        if table.table.keys().any(|k| did_you_mean(k.get_ref(), &[key]).is_some()) {
            return;
        }
        let message = match table.name.is_empty() {
            true => msg!("missing-table", key = key),
            false => msg!("missing-key", key = table.key_name(key)),
        };
        let hint = msg!("hint-add-it", example = example);
        if table.name.is_empty() {
            // A missing top-level table has no place in the file to point at.
            let diagnostic = Diagnostic::error(Code::MissingKey, message).in_path(&self.file.name).with_hint(hint);
            self.diagnostics.push(diagnostic);
        } else {
            self.error(Code::MissingKey, table.span.clone(), message, hint);
        }
    }

    /// Report a value of the wrong type, saying what was found and showing the right form.
    pub fn wrong_type(&mut self, value: &Spanned<DeValue<'_>>, name: &str, expected: Message, example: impl Into<Arg>) {
        let found = describe(value.get_ref());
        self.error(
            Code::WrongType,
            value.span(),
            msg!("wrong-type", name = name, expected = expected, found = found),
            msg!("hint-write-it-like", example = example),
        );
    }

    /// A sub-table that must be present.
    pub fn required_table<'t, 'i>(&mut self, root: &Table<'t, 'i>, key: &str, example: &str) -> Option<Table<'t, 'i>> {
        if root.get(key).is_none() {
            self.missing(root, key, example);
            return None;
        }
        self.optional_table(root, key)
    }

    /// A sub-table that may be absent.
    pub fn optional_table<'t, 'i>(&mut self, root: &Table<'t, 'i>, key: &str) -> Option<Table<'t, 'i>> {
        let value = root.get(key)?;
        match value.get_ref() {
            DeValue::Table(table) => Some(Table { table, span: value.span(), name: root.key_name(key) }),
            _ => {
                self.wrong_type(value, key, msg!("kind-table"), msg!("example-table-header", key = key));
                None
            }
        }
    }

    /// The tables of an array of tables such as `[[sources]]` or `timeline = [{…}]`.
    pub fn tables_in<'t, 'i>(&mut self, parent: &Table<'t, 'i>, key: &str, example: &str) -> Vec<Table<'t, 'i>> {
        let Some(value) = parent.get(key) else {
            return Vec::new();
        };
        let name = parent.key_name(key);
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(value, &name, msg!("kind-list-of-tables"), example);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let item_name = format!("{name}[{}]", index + 1);
            match item.get_ref() {
                DeValue::Table(table) => tables.push(Table { table, span: item.span(), name: item_name }),
                _ => self.wrong_type(item, &item_name, msg!("kind-table"), example),
            }
        }
        tables
    }

    /// Report a list under `key` that has more than `max` entries; `true` when it is too long.
    pub fn too_many(&mut self, table: &Table<'_, '_>, key: &str, max: usize) -> bool {
        let Some(value) = table.get(key) else { return false };
        let Some(items) = value.get_ref().as_array() else { return false };
        if items.len() <= max {
            return false;
        }
        let message = msg!("too-many-entries", name = table.key_name(key), count = items.len(), max = max);
        self.error(Code::TooLarge, value.span(), message, msg!("hint-too-many-entries"));
        true
    }

    /// Report a text longer than the limit for one field; `true` when it is too long.
    pub fn too_long(&mut self, value: &Spanned<DeValue<'_>>, name: &str, text: &str) -> bool {
        let chars = text.chars().count();
        if chars <= crate::limits::MAX_FIELD_CHARS {
            return false;
        }
        let message = msg!("field-too-long", name = name, chars = chars, max = crate::limits::MAX_FIELD_CHARS);
        self.error(Code::TooLarge, value.span(), message, msg!("hint-field-too-long"));
        true
    }

    /// An optional string, with line breaks and runs of spaces folded.
    pub fn string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<String>> {
        let value = table.get(key)?;
        match value.get_ref() {
            // One-line fields: line breaks and runs of spaces become single spaces.
            DeValue::String(s) if self.too_long(value, &table.key_name(key), s) => None,
            DeValue::String(s) => Some(Spanned::new(value.span(), fold_spaces(s))),
            _ => {
                self.wrong_type(value, &table.key_name(key), msg!("kind-string"), format!("{key} = \"…\""));
                None
            }
        }
    }

    /// A string that must be present and not blank.
    pub fn required_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<String> {
        let Some(value) = self.string(table, key) else {
            if table.get(key).is_none() {
                self.missing(table, key, &format!("{key} = \"…\""));
            }
            return None;
        };
        if value.get_ref().trim().is_empty() {
            let message = msg!("empty-field", name = table.key_name(key));
            self.error(Code::EmptyText, value.span(), message, msg!("hint-write-some-text"));
            return None;
        }
        Some(value.into_inner())
    }

    /// An optional list of strings (empty when absent).
    pub fn string_list(&mut self, table: &Table<'_, '_>, key: &str) -> Vec<String> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let example = format!("{key} = [\"…\", \"…\"]");
        let name = table.key_name(key);
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(value, &name, msg!("kind-list-of-strings"), &example);
            return Vec::new();
        };
        let mut strings = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::String(s) => strings.push(fold_spaces(s)),
                _ => self.wrong_type(item, &format!("{name}[{}]", index + 1), msg!("kind-string"), &example),
            }
        }
        strings
    }

    /// An optional calendar date (a TOML date without a time).
    pub fn date(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Date> {
        let value = table.get(key)?;
        let name = table.key_name(key);
        let example = msg!("example-date", key = key);
        let datetime = match value.get_ref() {
            DeValue::Datetime(datetime) => datetime,
            // «٢٠٢٥-٠٩-٢١» in quotes: the quotes are not the only thing to change.
            DeValue::String(text) if text.chars().any(is_arabic_digit) => {
                let example = msg!("example-date-in-digits", key = key, date = date_in_digits(text.trim()));
                self.wrong_type(value, &name, msg!("kind-date"), example);
                return None;
            }
            _ => {
                self.wrong_type(value, &name, msg!("kind-date"), example);
                return None;
            }
        };
        match (datetime.date, datetime.time) {
            (Some(date), None) => {
                let checked = Date::new(i32::from(date.year), date.month, date.day);
                if checked.is_none() {
                    self.error(
                        Code::BadValue,
                        value.span(),
                        msg!("not-a-real-date", name = name),
                        msg!("hint-real-date"),
                    );
                }
                checked
            }
            (date, _) => {
                let what = if date.is_some() { msg!("kind-date-without-time") } else { msg!("kind-date-not-time") };
                self.error(
                    Code::WrongType,
                    value.span(),
                    msg!("should-be", name = name, expected = what),
                    msg!("hint-write-it-like", example = example),
                );
                None
            }
        }
    }

    /// A calendar date that must be present.
    pub fn required_date(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Date> {
        if table.get(key).is_none() {
            self.missing(table, key, &format!("{key} = 2025-09-21"));
            return None;
        }
        self.date(table, key)
    }
}

/// Where a string value's text starts in the file, if the file holds it verbatim (no escapes).
pub fn content_origin(source: &str, span: Range<usize>, value: &str) -> Option<usize> {
    let raw = source.get(span.clone())?;
    let delimiter = ["\"\"\"", "'''", "\"", "'"].into_iter().find(|d| raw.starts_with(d))?;
    let mut start = span.start + delimiter.len();
    let mut inner = raw.get(delimiter.len()..raw.len().checked_sub(delimiter.len())?)?;
    if delimiter.len() == 3 {
        // TOML drops a newline right after an opening triple quote.
        for newline in ["\r\n", "\n"] {
            if let Some(rest) = inner.strip_prefix(newline) {
                inner = rest;
                start += newline.len();
                break;
            }
        }
    }
    (inner == value).then_some(start)
}

/// How a value's type is named in messages ("a string", "a list", …).
pub fn describe(value: &DeValue<'_>) -> Message {
    match value {
        DeValue::String(_) => msg!("kind-string"),
        DeValue::Integer(_) | DeValue::Float(_) => msg!("kind-number"),
        DeValue::Boolean(_) => msg!("kind-boolean"),
        DeValue::Datetime(_) => msg!("kind-date"),
        DeValue::Array(_) => msg!("kind-list"),
        DeValue::Table(_) => msg!("kind-table"),
    }
}

/// Whether a character is white space that folds into a single space: every Unicode space
/// and line break except the no-break spaces, which authors type on purpose.
pub fn is_folding_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// Fold runs of white space into single spaces and trim the ends.
pub fn fold_spaces(text: &str) -> String {
    text.split(is_folding_space).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether a character is an Arabic-Indic or an Extended (Persian) Arabic-Indic digit.
pub fn is_arabic_digit(c: char) -> bool {
    ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// A date as an editor may type it in Arabic-Indic digits (`٢٠٢٥/٠٩/٢١`), written as TOML
/// reads dates: digits 0-9 with dashes (`2025-09-21`).
pub fn date_in_digits(text: &str) -> String {
    ascii_digits(text).replace(['/', '.', '\u{066B}', '\u{066C}'], "-")
}

/// The text with Arabic-Indic digits written as 0-9, for hints that show what to write.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_origin_maps_literal_strings_only() {
        let source = "a = \"\"\"\nxy\"\"\"\nb = \"q\\tz\"";
        assert_eq!(content_origin(source, 4..13, "xy"), Some(8));
        assert_eq!(content_origin(source, 18..25, "q\tz"), None);
    }
}
