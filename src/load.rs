//! Stage 1: read a brief file and parse it as TOML, keeping the source spans.

use std::io::{ErrorKind, Read};
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;
use toml::de::DeTable;

use crate::diag::{Code, Diagnostic, SourceFile};
use crate::walk::{ascii_digits, is_arabic_digit};

/// A brief as parsed TOML: every table, key and value with its byte span in `file`.
pub struct RawBrief<'a> {
    /// The file the brief was read from.
    pub file: &'a Arc<SourceFile>,
    /// The top-level table.
    pub root: Spanned<DeTable<'a>>,
}

/// Read a brief file as UTF-8 text.
pub fn read(path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Diagnostic::error(Code::NotAFile, "this is a directory, not a brief file")
            .in_path(name)
            .with_hint("give the path of a `.toml` brief inside it"));
    }
    let unreadable = |err: std::io::Error| match err.kind() {
        ErrorKind::NotFound => Diagnostic::error(Code::FileNotFound, "no such file")
            .in_path(&name)
            .with_hint("check the path; `mujaz new PATH` starts a new brief"),
        _ => Diagnostic::error(Code::FileUnreadable, format!("cannot read the file: {err}")).in_path(&name),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        // A pipe would block and a device never end: briefs are ordinary files.
        return Err(Diagnostic::error(Code::NotAFile, "this is not a regular file (a device, pipe or socket)")
            .in_path(name)
            .with_hint("give the path of a `.toml` brief"));
    }
    let too_large = |size: u64| {
        let message = format!(
            "the file is {:.1} MB; briefs may be at most {} MB",
            size as f64 / 1024.0 / 1024.0,
            crate::limits::MAX_BRIEF_BYTES / 1024 / 1024
        );
        Diagnostic::error(Code::TooLarge, message).in_path(&name).with_hint("is this the right file?")
    };
    if meta.len() > crate::limits::MAX_BRIEF_BYTES {
        return Err(too_large(meta.len()));
    }
    // The file may grow after the size was read: never read past the limit.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(crate::limits::MAX_BRIEF_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > crate::limits::MAX_BRIEF_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(encoding) = utf16(&bytes) {
        let message = format!("the file is {encoding} text, not UTF-8");
        return Err(Diagnostic::error(Code::NotUtf8, message).in_path(&name).with_hint(
            "save it as UTF-8 in your editor (in Notepad: Save as → Encoding: UTF-8); briefs are read as UTF-8 only",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        // The bytes before the bad one are valid text: count lines and characters in them.
        let before = std::str::from_utf8(&err.as_bytes()[..offset]).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        let message =
            format!("the file is not UTF-8 text (invalid byte at line {line}, column {column}; byte offset {offset})");
        Diagnostic::error(Code::NotUtf8, message).in_path(&name).with_hint(
            "save the brief as UTF-8 in your editor (an Arabic file from older Windows programs is often \
             Windows-1256)",
        )
    })?;
    Ok(SourceFile::new(name, text))
}

/// Which UTF-16 a file is in, if it is: by its byte-order mark, or, without one, by the zero
/// bytes that every ASCII character brings along in UTF-16.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => return Some("UTF-16 (big-endian)"),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(200) & !1];
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let pairs = sample.len() / 2;
    match (zeros_at(1) * 2 > pairs, zeros_at(0) * 2 > pairs) {
        (true, false) if pairs >= 4 => Some("UTF-16 (little-endian)"),
        (false, true) if pairs >= 4 => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// Parse a brief's TOML, reporting every syntax error found.
pub fn parse(file: &Arc<SourceFile>) -> Result<RawBrief<'_>, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(&file.text);
    if errors.is_empty() {
        return Ok(RawBrief { file, root });
    }
    Err(errors
        .iter()
        .map(|err| {
            let span = err.span().unwrap_or(0..0);
            let hint = syntax_hint(err.message(), file.text.get(span.clone()).unwrap_or(""));
            Diagnostic::error(Code::TomlSyntax, err.message().trim_end().to_string()).at(file, span).with_hint(hint)
        })
        .collect())
}

/// A hint for a TOML syntax error, from the parser's message and the text it points at.
fn syntax_hint(message: &str, at: &str) -> String {
    let first = at.chars().next().unwrap_or(' ');
    let quoted = message.contains("must be quoted");
    if first.is_control() && first != '\n' {
        format!("there is an invisible control character (U+{:04X}) here: delete it", u32::from(first))
    } else if message.contains("escape") || message.contains("unicode value") {
        concat!(
            r#"inside "…" a backslash starts an escape: write `\\` for a backslash (`\\*` for a literal star "#,
            r#"in inline text), or use '…' or '''…''' strings, where a backslash is plain"#
        )
        .into()
    } else if message.contains("date") || message.contains("month") || message.contains("day between") {
        "write dates as year-month-day with a real month and day, e.g. `date = 2025-09-21`".into()
    } else if message.contains("duplicate key") {
        format!("`{}` is set twice here: keep one (a table such as [brief] is written once)", at.trim())
    } else if quoted && matches!(first, '“' | '”' | '«' | '»' | '‘' | '’') {
        r#"TOML text needs straight quotes around it: title = "…"; curly quotes “ ” may go inside"#.into()
    } else if quoted && at.chars().any(is_arabic_digit) {
        format!(
            "write dates with the digits 0-9, as `{}` (no quotes); the outlet prints them in Arabic-Indic digits if \
             it sets `digits = \"arabic-indic\"` under [locale]. Other text goes in quotes",
            ascii_digits(at.split_whitespace().next().unwrap_or(at))
        )
    } else if quoted && first.is_ascii_digit() {
        "write dates as `2025-09-21` (no quotes, dashes not slashes); put other text in quotes".into()
    } else if quoted {
        r#"put text in double quotes: key = "…""#.into()
    } else if message.contains("basic string") {
        r#"close the text with `"` on the same line, or use """…""" for text over several lines"#.into()
    } else {
        "see the brief format in the README".into()
    }
}
