//! Stage 1: read a brief file and parse it as TOML, keeping the source spans.

use std::io::{ErrorKind, Read};
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;
use toml::de::DeTable;

use crate::diag::{Code, Diagnostic, SourceFile};
use crate::messages::{Arg, Message};
use crate::msg;
use crate::walk::{date_in_digits, is_arabic_digit};

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
        return Err(Diagnostic::error(Code::NotAFile, msg!("is-a-directory"))
            .in_path(name)
            .with_hint(msg!("hint-is-a-directory")));
    }
    let unreadable = |err: std::io::Error| match err.kind() {
        ErrorKind::NotFound => Diagnostic::error(Code::FileNotFound, msg!("no-such-file"))
            .in_path(&name)
            .with_hint(msg!("hint-no-such-file")),
        _ => Diagnostic::error(Code::FileUnreadable, msg!("cannot-read-file", detail = err.to_string())).in_path(&name),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        // A pipe would block and a device never end: briefs are ordinary files.
        return Err(Diagnostic::error(Code::NotAFile, msg!("not-a-regular-file"))
            .in_path(name)
            .with_hint(msg!("hint-not-a-regular-file")));
    }
    let too_large = |size: u64| {
        let message = msg!(
            "brief-too-large",
            size = format!("{:.1}", size as f64 / 1024.0 / 1024.0),
            max = crate::limits::MAX_BRIEF_BYTES / 1024 / 1024
        );
        Diagnostic::error(Code::TooLarge, message).in_path(&name).with_hint(msg!("hint-right-file"))
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
    if let Some(order) = utf16(&bytes) {
        let message = msg!("file-is-utf16", order = Arg::choice(order));
        return Err(Diagnostic::error(Code::NotUtf8, message).in_path(&name).with_hint(msg!("hint-save-as-utf8")));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        // The bytes before the bad one are valid text: count lines and characters in them.
        let before = std::str::from_utf8(&err.as_bytes()[..offset]).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        let message = msg!("not-utf8", line = line, column = column, offset = offset);
        Diagnostic::error(Code::NotUtf8, message).in_path(&name).with_hint(msg!("hint-not-utf8"))
    })?;
    Ok(SourceFile::new(name, text))
}

/// Which UTF-16 a file is in (`little` or `big` endian), if it is: by its byte-order mark, or, without one, by the zero
/// bytes that every ASCII character brings along in UTF-16.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little"),
        [0xFE, 0xFF, ..] => return Some("big"),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(200) & !1];
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let pairs = sample.len() / 2;
    match (zeros_at(1) * 2 > pairs, zeros_at(0) * 2 > pairs) {
        (true, false) if pairs >= 4 => Some("little"),
        (false, true) if pairs >= 4 => Some("big"),
        _ => None,
    }
}

/// Parse a brief's TOML, reporting every syntax error found.
pub fn parse(file: &Arc<SourceFile>) -> Result<RawBrief<'_>, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(&file.text);
    if errors.is_empty() {
        return Ok(RawBrief { file, root });
    }
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut comma_lines = Vec::new();
    for err in &errors {
        let span = err.span().unwrap_or(0..0);
        let (message, hint) = describe_syntax_error(err.message().trim_end(), text_at(&file.text, span.clone()));
        let line = file.line_column(span.start).0;
        // An Arabic comma between list items puts the parser out of step for the rest of the
        // line: one diagnostic says it all.
        if comma_lines.contains(&line) {
            continue;
        }
        if message.id == "toml-arabic-comma" {
            diagnostics.retain(|d| d.start().is_none_or(|(l, _)| l != line));
            comma_lines.push(line);
        }
        diagnostics.push(Diagnostic::error(Code::TomlSyntax, message).at(file, span).with_hint(hint));
    }
    Err(diagnostics)
}

/// The text an error points at; for an empty span, the rest of its line.
fn text_at(text: &str, span: std::ops::Range<usize>) -> &str {
    let start = span.start.min(text.len());
    let end = if span.is_empty() { text[start..].find('\n').map_or(text.len(), |i| start + i) } else { span.end };
    text.get(start..end.min(text.len())).unwrap_or("")
}

/// Whether a character is an invisible format mark (a zero-width space or joiner, a
/// direction mark, isolate or override, a byte-order mark).
fn is_format_mark(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A TOML syntax error in words, and a hint for it, from the parser's message and the text it
/// points at. The parser speaks English: its message is kept as `detail`, and the catalogue
/// says in each language what kind of error it is.
pub fn describe_syntax_error(detail: &str, at: &str) -> (Message, Message) {
    let first = at.chars().next().unwrap_or(' ');
    let quoted = detail.contains("must be quoted");
    let kind = |id: &'static str| Message::new(id).arg("detail", detail);
    // An invisible character where TOML syntax is expected: often pasted along with text
    // copied from a web page or a right-to-left message (the isolates U+2066–U+2069).
    let hidden =
        std::iter::once(first).chain(at.chars()).find(|c| (c.is_control() && *c != '\n') || is_format_mark(*c));
    if let Some(hidden) = hidden {
        let code = format!("{:04X}", u32::from(hidden));
        (kind("toml-control-character"), msg!("hint-toml-control-character", code = code))
    } else if at.starts_with('،') || (detail.contains("array") && at.contains('،')) {
        (kind("toml-arabic-comma"), msg!("hint-toml-arabic-comma"))
    } else if detail.contains("escape") || detail.contains("unicode value") {
        (kind("toml-bad-escape"), msg!("hint-toml-bad-escape"))
    } else if detail.contains("date") || detail.contains("month") || detail.contains("day between") {
        (kind("toml-bad-date"), msg!("hint-toml-bad-date"))
    } else if detail.contains("duplicate key") {
        (kind("toml-duplicate-key"), msg!("hint-toml-duplicate-key", key = at.trim()))
    } else if quoted && matches!(first, '“' | '”' | '«' | '»' | '‘' | '’') {
        (kind("toml-curly-quotes"), msg!("hint-toml-curly-quotes"))
    } else if quoted && at.chars().any(is_arabic_digit) {
        let date = date_in_digits(at.split_whitespace().next().unwrap_or(at));
        (kind("toml-date-in-arabic-digits"), msg!("hint-toml-date-in-digits", date = date))
    } else if quoted && first.is_ascii_digit() {
        (kind("toml-unreadable-value"), msg!("hint-toml-date-form"))
    } else if quoted {
        (kind("toml-unquoted"), msg!("hint-toml-quote-text"))
    } else if detail.contains("basic string") {
        (kind("toml-unclosed-string"), msg!("hint-toml-close-string"))
    } else {
        (kind("toml-syntax"), msg!("hint-see-format"))
    }
}
