//! Diagnostics: problems found in briefs and templates, located by file, line and column.
//!
//! Every stage reports problems as [`Diagnostic`]s that carry their own copy of the file they
//! point into, so they can be printed (as text with the source line underlined, or as JSON)
//! long after the stage that found them has finished.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde::{Deserialize, Serialize};

use crate::messages::{Language, Message};

/// A file that diagnostics can point into: its name as shown to the user and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The name shown in reports, e.g. `briefs/x.toml` or `<builtin>/default/brief.typ`.
    pub name: String,
    /// The full text of the file.
    pub text: String,
}

impl SourceFile {
    /// Wrap a file name and its text for use in diagnostics.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self { name: name.into(), text: text.into() })
    }

    /// Return the 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the build still succeeds (unless warnings are denied).
    Warning,
    /// The brief cannot be built until this is fixed.
    Error,
}

macro_rules! codes {
    ($($variant:ident = $id:literal $name:literal: $doc:literal,)*) => {
        /// A stable code for each kind of problem, documented in the README.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// The stable identifier, e.g. `E0102`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// The short kebab-case name, e.g. `unknown-key`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// One line describing the kind of problem (in the catalogues as `code-E0102`).
            pub fn description(self) -> Message {
                Message { id: format!("code-{}", self.id()).into(), args: Vec::new() }
            }
        }
    };
}

codes! {
    FileNotFound = "E0001" "file-not-found": "The brief file does not exist.",
    NotAFile = "E0002" "not-a-file": "A directory or other non-file was given where a brief file is expected.",
    NotUtf8 = "E0003" "not-utf8": "The file is not valid UTF-8 text.",
    FileUnreadable = "E0004" "file-unreadable": "The file exists but could not be read.",
    TomlSyntax = "E0101" "toml-syntax": "The file is not valid TOML.",
    UnknownKey = "E0102" "unknown-key": "A key that the brief format does not define.",
    MissingKey = "E0103" "missing-key": "A required table or key is missing.",
    WrongType = "E0104" "wrong-type": "A value has the wrong type (for example a string where a date is expected).",
    EmptyText = "E0105" "empty-text": "A required text or list is empty.",
    UnsupportedLang = "E0106" "unsupported-lang": "The brief's language is not one mujaz can lay out.",
    UnknownCitation = "E0107" "unknown-citation": "A citation `[@id]` names no `[[sources]]` entry.",
    DuplicateSource = "E0108" "duplicate-source": "Two sources share one id.",
    UncitedSource = "W0109" "uncited-source": "A source with an id that the text never cites.",
    UnterminatedMarkup = "E0110" "unterminated-markup": "A `**`, `*` or `[` in inline text is never closed.",
    BadUrl = "E0111" "bad-url": "A link or source URL that is not a whole http, https or mailto address.",
    UnknownOutlet = "E0112" "unknown-outlet": "The brief names an outlet that does not exist.",
    BadValue = "E0113" "bad-value": "A value of the right type that is not allowed (for example a malformed id or date).",
    MissingGlyph = "W0114" "missing-glyph": "A character that no embedded font can draw (it would print as an empty box).",
    ControlCharacter = "E0115" "control-character": "An invisible control character or direction override in the text.",
    TooLarge = "E0116" "too-large": "A file, field or list over one of mujaz's limits (see Security and limits).",
    ForbiddenGlyph = "E0117" "missing-glyph-in-print": "A character no embedded font can draw, in a print version whose PDF standard (PDF/A, PDF/UA) forbids it.",
    FontLicence = "W0118" "font-without-licence": "An outlet brings its own fonts but no licence file for them.",
    JoinedParagraphs = "W0119" "one-paragraph-field": "A blank line in a field that holds one paragraph (a title, the summary, a question, a timeline event); it is printed as a space.",
    RgbImage = "W0120" "rgb-image-in-print": "The print version carries an RGB raster image (the outlet's or a figure's), which the print shop must convert to CMYK.",
    ShadowedFont = "W0121" "font-shadowed": "An outlet's font has the family name of a built-in font, which is used instead.",
    UnknownNote = "E0122" "unknown-note": "A note reference `[^key]` names no entry of `[notes]`.",
    UnusedNote = "W0123" "unused-note": "A note in `[notes]` that the text never refers to.",
    UnknownFigure = "E0124" "unknown-figure": "A figure reference `[@fig:id]` names no `[[figures]]` entry.",
    UnreferencedFigure = "W0125" "unreferenced-figure": "A figure the text never refers to.",
    MissingBrief = "E0126" "missing-brief": "A bulletin's `briefs` entry names no brief file (no such file, an empty folder, a pattern nothing matches).",
    DuplicateBrief = "E0127" "duplicate-brief": "A bulletin names the same brief twice.",
    OutletInBulletin = "W0128" "outlet-in-bulletin": "A brief in a bulletin names another outlet than the bulletin's, which lays it out.",
    UnreadyInBulletin = "W0129" "unready-in-bulletin": "A brief in a bulletin is a draft, or under an embargo that ends after the bulletin's date.",
    UnreadyOnSite = "W0130" "unready-on-site": "A brief `mujaz site` publishes is a draft, or under an embargo that has not ended yet.",
    TemplateError = "E0201" "template-error": "The outlet's Typst template failed to lay out the brief.",
    TemplateWarning = "W0202" "template-warning": "The outlet's Typst template reported a warning.",
    TemplateTimeout = "E0203" "template-timeout": "The outlet's template took longer than the time limit to lay out the brief.",
    TemplateMemory = "E0204" "template-memory": "The outlet's template made mujaz use more memory than the limit; the build stopped.",
    WebTemplateError = "E0205" "web-template-error": "The outlet's HTML template failed to make the web page.",
    ExportError = "E0301" "export-error": "The laid-out document could not be written as PDF.",
    OutputCollision = "E0302" "output-collision": "Two briefs of one build would write the same output file.",
    Internal = "E0900" "internal-error": "mujaz itself failed (a bug); the message says where. Please report it.",
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code of this kind of problem.
    pub code: Code,
    /// What is wrong, in plain words.
    pub message: Message,
    /// The file the problem is in, when there is one.
    pub file: Option<Arc<SourceFile>>,
    /// The byte range in `file` the problem points at.
    pub span: Option<Range<usize>>,
    /// The file name to show when no file text is at hand (e.g. a missing file).
    pub path: Option<String>,
    /// What to do about it (boxed: most results carry no diagnostic, and stay small).
    pub hint: Option<Box<Message>>,
}

impl Diagnostic {
    /// Create an error of the given kind.
    pub fn error(code: Code, message: Message) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// Create a warning of the given kind.
    pub fn warning(code: Code, message: Message) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: Message) -> Self {
        Self { severity, code, message, file: None, span: None, path: None, hint: None }
    }

    /// Point the diagnostic at a byte range of a file.
    pub fn at(mut self, file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        self.path = Some(file.name.clone());
        self.file = Some(Arc::clone(file));
        self.span = Some(span);
        self
    }

    /// Name the file the diagnostic is about when its text is not available.
    pub fn in_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Add a hint saying what to do.
    pub fn with_hint(mut self, hint: Message) -> Self {
        self.hint = Some(Box::new(hint));
        self
    }

    /// Whether this diagnostic stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The 1-based line and column where the problem starts, if it has a location.
    pub fn start(&self) -> Option<(usize, usize)> {
        Some(self.file.as_ref()?.line_column(self.span.as_ref()?.start))
    }

    /// The 1-based line and column where the problem ends, if it has a location.
    pub fn end(&self) -> Option<(usize, usize)> {
        Some(self.file.as_ref()?.line_column(self.span.as_ref()?.end))
    }

    /// The line the problem is on, cut to at most [`EXCERPT_LINE_CHARS`] around it: the text
    /// before the problem, the problem itself (up to the end of its first line) and what
    /// follows. For a page that marks the problem in the text rather than drawing carets
    /// under it, which right-to-left text would put under the wrong word.
    pub fn source_line(&self) -> Option<[String; 3]> {
        let (file, span) = (self.file.as_ref()?, self.span.as_ref()?);
        let text = &file.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let end = floor_char_boundary(text, span.end.clamp(start, line_end));
        let keep = EXCERPT_LINE_CHARS / 2;
        let before: Vec<char> = text[line_start..start].chars().collect();
        let before: String = before[before.len().saturating_sub(keep)..].iter().collect();
        let after: String = text[end..line_end].chars().take(keep).collect();
        Some([before, text[start..end].to_string(), after])
    }

    /// Write the diagnostic for people, in the current language: header, `file:line:column`,
    /// source line, hint.
    pub fn emit(&self, out: &mut dyn WriteColor) -> std::io::Result<()> {
        self.emit_in(out, Language::current())
    }

    /// Write the diagnostic for people in `language`.
    pub fn emit_in(&self, out: &mut dyn WriteColor, language: Language) -> std::io::Result<()> {
        let severity = match self.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut report = cs::Diagnostic::new(severity)
            .with_code(format!("{}/{}", self.code.id(), self.code.name()))
            .with_message(self.message.render(language));
        if let Some(hint) = &self.hint {
            let hint = crate::msg!("hint", hint = hint.as_ref().clone()).render(language);
            report = report.with_notes(vec![hint]);
        }
        let config = term::Config::default();
        match (&self.file, &self.span) {
            (Some(file), Some(span)) => {
                let span = clamp_span(&file.text, span.clone());
                let (excerpt, span) = Excerpt::new(&file.name, &file.text, span);
                report = report.with_labels(vec![cs::Label::primary((), span)]);
                term::emit(out, &config, &excerpt, &report).map_err(std::io::Error::other)
            }
            _ => {
                if let Some(path) = &self.path {
                    report.message = format!("{}: {}", path, report.message);
                }
                let empty = SimpleFile::new("", "");
                term::emit(out, &config, &empty, &report).map_err(std::io::Error::other)
            }
        }
    }

    /// Render the diagnostic as plain text (no colour), as `emit` would print it.
    pub fn to_text(&self) -> String {
        self.to_text_in(Language::current())
    }

    /// Render the diagnostic as plain text in `language`.
    pub fn to_text_in(&self, language: Language) -> String {
        let mut buffer = term::termcolor::NoColor::new(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = self.emit_in(&mut buffer, language);
        String::from_utf8_lossy(&buffer.into_inner()).into_owned()
    }

    /// The whole diagnostic, to hand from a worker process to the one that reports it
    /// ([`WireDiagnostic::into_diagnostic`] reads it back). The file it points into is added
    /// to `files` once and named by its place there, so a brief's text travels once.
    pub fn to_wire(&self, files: &mut Vec<Arc<SourceFile>>) -> WireDiagnostic {
        let file = self.file.as_ref().map(|file| match files.iter().position(|f| Arc::ptr_eq(f, file)) {
            Some(index) => index,
            None => {
                files.push(Arc::clone(file));
                files.len() - 1
            }
        });
        WireDiagnostic {
            severity: self.severity,
            code: self.code.id().to_string(),
            message: self.message.clone(),
            file,
            span: self.span.as_ref().map(|s| (s.start, s.end)),
            path: self.path.clone(),
            hint: self.hint.as_deref().cloned(),
        }
    }

    /// An internal error for a panic caught while working on the brief at `path`.
    pub fn from_panic(path: &std::path::Path, panic: &(dyn std::any::Any + Send)) -> Self {
        Diagnostic::error(Code::Internal, internal_error_message(&panic_message(panic)))
            .in_path(path.display().to_string())
            .with_hint(crate::msg!("internal-error-hint"))
    }

    /// The diagnostic as one JSON object for editors and pipelines, in the current language.
    pub fn to_json(&self) -> serde_json::Value {
        self.to_json_in(Language::current())
    }

    /// The diagnostic as one JSON object, its message and hint in `language` (the code and
    /// name stay the same in every language, for tools to match on).
    pub fn to_json_in(&self, language: Language) -> serde_json::Value {
        let start = self.start();
        let end = self.end();
        serde_json::json!({
            "file": self.path,
            "line": start.map(|s| s.0),
            "column": start.map(|s| s.1),
            "end": end.map(|e| serde_json::json!({"line": e.0, "column": e.1})),
            "severity": self.severity,
            "code": self.code.id(),
            "name": self.code.name(),
            "message": self.message.render(language),
            "hint": self.hint.as_ref().map(|hint| hint.render(language)),
            "language": language,
        })
    }
}

/// A diagnostic as it travels between processes, its file named by its place in a list of
/// files sent along.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WireDiagnostic {
    severity: Severity,
    code: String,
    message: Message,
    file: Option<usize>,
    span: Option<(usize, usize)>,
    path: Option<String>,
    hint: Option<Message>,
}

impl WireDiagnostic {
    /// The diagnostic again, pointing into `files` (those [`Diagnostic::to_wire`] filled);
    /// `None` for an unknown code.
    pub fn into_diagnostic(self, files: &[Arc<SourceFile>]) -> Option<Diagnostic> {
        let code = *Code::ALL.iter().find(|code| code.id() == self.code)?;
        let file = self.file.and_then(|index| files.get(index)).cloned();
        let span = self.span.map(|(start, end)| start..end);
        let Self { severity, message, path, hint, .. } = self;
        Some(Diagnostic { severity, code, message, file, span, path, hint: hint.map(Box::new) })
    }
}

/// What an internal error says: the mujaz version and where it failed.
pub fn internal_error_message(message: &str) -> Message {
    crate::msg!("internal-error", version = env!("CARGO_PKG_VERSION"), detail = message)
}

/// Lines longer than this many characters are shown cut to a window around the problem.
const EXCERPT_LINE_CHARS: usize = 160;

/// The lines a diagnostic points at, each cut to a window of [`EXCERPT_LINE_CHARS`] around
/// the problem, so that a brief with a 100,000-character line gets a short report. Line and
/// column numbers stay those of the whole file.
struct Excerpt<'a> {
    name: &'a str,
    text: String,
    lines: Vec<ExcerptLine>,
}

struct ExcerptLine {
    /// Where the line starts in the excerpt's text.
    start: usize,
    /// Its 1-based number in the file.
    number: usize,
    /// Characters of the file's line left out before the shown part, less the `…` shown.
    column_shift: isize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `text` around `span`, and `span` within the excerpt.
    fn new(name: &'a str, text: &str, span: Range<usize>) -> (Self, Range<usize>) {
        let first_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let first_number = text[..first_start].matches('\n').count() + 1;
        let last_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
        let mut excerpt = Excerpt { name, text: String::new(), lines: Vec::new() };
        let (mut new_start, mut new_end) = (None, None);
        let mut line_start = first_start;
        for (offset, line) in text[first_start..last_end].split('\n').enumerate() {
            let line_end = line_start + line.len();
            let focus = if (line_start..=line_end).contains(&span.start) { span.start } else { span.end.min(line_end) };
            let (shown, dropped_before, cut_after) = window(line, focus.saturating_sub(line_start));
            let shown_start = excerpt.text.len() + usize::from(dropped_before > 0) * '…'.len_utf8();
            let window_start = line_start + byte_of_char(line, dropped_before);
            let window_end = window_start + shown.len();
            let map = |at: usize| shown_start + at.clamp(window_start, window_end) - window_start;
            if new_start.is_none() && (line_start..=line_end).contains(&span.start) {
                new_start = Some(map(span.start));
            }
            if (line_start..=line_end).contains(&span.end) {
                new_end = Some(map(span.end));
            }
            excerpt.lines.push(ExcerptLine {
                start: excerpt.text.len(),
                number: first_number + offset,
                column_shift: dropped_before as isize - isize::from(dropped_before > 0),
            });
            if dropped_before > 0 {
                excerpt.text.push('…');
            }
            excerpt.text.push_str(shown);
            if cut_after {
                excerpt.text.push('…');
            }
            excerpt.text.push('\n');
            line_start = line_end + 1;
        }
        let start = new_start.unwrap_or(0);
        let end = new_end.unwrap_or(start).max(start);
        (excerpt, start..end)
    }
}

/// The part of `line` to show around byte `focus`: (text, characters dropped before it,
/// whether some were dropped after it).
fn window(line: &str, focus: usize) -> (&str, usize, bool) {
    let chars = line.chars().count();
    if chars <= EXCERPT_LINE_CHARS {
        return (line, 0, false);
    }
    let focus_char = line[..floor_char_boundary(line, focus.min(line.len()))].chars().count();
    let first = focus_char.saturating_sub(EXCERPT_LINE_CHARS / 2).min(chars - EXCERPT_LINE_CHARS);
    let last = first + EXCERPT_LINE_CHARS;
    (&line[byte_of_char(line, first)..byte_of_char(line, last)], first, last < chars)
}

/// The byte offset of the `n`th character of `text` (its length when there are fewer).
fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.lines.partition_point(|line| line.start <= byte_index).saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.lines.get(line_index).map_or(line_index + 1, |line| line.number))
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let range = self.line_range((), line_index)?;
        let column = codespan_reporting::files::column_index(&self.text, range, byte_index) as isize;
        let shift = self.lines.get(line_index).map_or(0, |line| line.column_shift);
        Ok((column + shift + 1).max(1) as usize)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let start = self.lines.get(line_index).map_or(self.text.len(), |line| line.start);
        let end = self.lines.get(line_index + 1).map_or(self.text.len(), |line| line.start);
        Ok(start..end)
    }
}

/// Keep a span inside the text and on character boundaries so the renderer never panics.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.start()) {
            (Some(path), Some((line, column))) => write!(f, "{path}:{line}:{column}: ")?,
            (Some(path), None) => write!(f, "{path}: ")?,
            _ => {}
        }
        write!(f, "{}", self.message)
    }
}

/// A brief or template that failed, with every diagnostic found.
#[derive(Debug, thiserror::Error)]
#[error("{}", summary(.0))]
pub struct Failed(pub Vec<Diagnostic>);

fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    match diagnostics.iter().find(|d| d.is_error()) {
        Some(first) if errors == 1 => first.to_string(),
        Some(first) => crate::msg!("and-more-errors", first = first.to_string(), more = errors - 1).to_string(),
        None => crate::msg!("no-errors").to_string(),
    }
}

/// The message a panic carried (`panic!("…")` payloads are `&str` or `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

/// Suggest the closest of `candidates` to a misspelt `word`, if one is close enough.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_over_long_lines_is_shown_cut_with_the_file_s_line_numbers() {
        let long = "ب".repeat(5000);
        let text = format!("a = 1\n{long}X{long}\nmiddle\n{long}Y{long}\n");
        let start = text.find('X').unwrap();
        let end = text.find('Y').unwrap() + 1;
        let file = SourceFile::new("t.typ", text);
        let shown = Diagnostic::error(Code::TemplateError, crate::msg!("typst-says", detail = "broken"))
            .at(&file, start..end)
            .to_text();
        assert!(shown.contains("┌─ t.typ:2:5001"), "{shown}");
        assert!(shown.contains("2 │") && shown.contains("3 │") && shown.contains("4 │"), "{shown}");
        assert!(shown.contains('X') && shown.contains('Y') && shown.contains('…'), "{shown}");
        assert!(shown.chars().count() < 1500, "{} characters:\n{shown}", shown.chars().count());
    }
}
