//! The text of a brief's fields: paragraphs split at blank lines, inline markup parsed and
//! its problems located in the file, whitespace folded.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::Checker;
use crate::brief::Inline;
use crate::brief::inline::{self, InlineErrorKind, Run};
use crate::diag::{Code, Diagnostic};
use crate::messages::Message;
use crate::msg;
use crate::walk::{Table, content_origin, is_folding_space};

/// How many inline-syntax problems are reported for one field; the rest are counted.
const MAX_INLINE_ERRORS: usize = 10;

impl Checker<'_> {
    /// A one-paragraph inline text such as a title or a summary.
    pub(super) fn inline_line(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Inline> {
        let value = table.get(key)?;
        self.inline_value(value, &table.key_name(key), false)
    }

    pub(super) fn required_inline_line(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Inline> {
        match table.get(key) {
            Some(value) => self.inline_value(value, &table.key_name(key), true),
            None => {
                self.walk.missing(table, key, &format!("{key} = \"…\""));
                None
            }
        }
    }

    pub(super) fn inline_value(&mut self, value: &Spanned<DeValue<'_>>, name: &str, required: bool) -> Option<Inline> {
        let paragraphs = self.paragraphs_of(value, name, required)?;
        if paragraphs.len() > 1
            && let DeValue::String(text) = value.get_ref()
        {
            // Point at the first blank line, where the file shows the text as written.
            let gap = paragraph_ranges(text).first().map(|first| first.end + 1);
            let origin = content_origin(&self.walk.file.text, value.span(), text);
            let span = match (origin, gap) {
                (Some(start), Some(gap)) => start + gap..start + gap,
                _ => value.span(),
            };
            let warning = Diagnostic::warning(Code::JoinedParagraphs, msg!("joined-paragraphs", name = name))
                .at(self.walk.file, span)
                .with_hint(msg!("hint-joined-paragraphs"));
            self.walk.diagnostics.push(warning);
        }
        // A one-line field keeps its paragraphs as one run of text.
        let mut joined = Vec::new();
        for (index, paragraph) in paragraphs.into_iter().enumerate() {
            if index > 0 {
                joined.push(Run::Text { text: " ".into() });
            }
            joined.extend(paragraph);
        }
        (!joined.is_empty()).then_some(joined)
    }

    pub(super) fn required_paragraphs(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Vec<Inline>> {
        match table.get(key) {
            Some(value) => self.paragraphs_of(value, &table.key_name(key), true),
            None => {
                self.walk.missing(table, key, &format!("{key} = \"\"\"\n…\n\"\"\""));
                None
            }
        }
    }

    /// Split a text value into paragraphs at blank lines and parse each one's inline syntax.
    pub(super) fn paragraphs_of(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        name: &str,
        required: bool,
    ) -> Option<Vec<Inline>> {
        let DeValue::String(text) = value.get_ref() else {
            self.walk.wrong_type(value, name, msg!("kind-string"), msg!("example-text"));
            return None;
        };
        if self.walk.too_long(value, name, text) {
            return None;
        }
        let origin = content_origin(&self.walk.file.text, value.span(), text);
        let locate = |range: Range<usize>| match origin {
            Some(start) => start + range.start..start + range.end,
            None => value.span(),
        };
        let mut paragraphs = Vec::new();
        let mut ok = true;
        for range in paragraph_ranges(text) {
            let (mut parsed, errors) = inline::parse_all(&text[range.clone()]);
            // Citations are checked even where the markup around them is broken, so that
            // fixing one problem does not uncover another.
            for (id, span) in parsed.cites {
                self.cites.push((id, locate(range.start + span.start..range.start + span.end)));
            }
            for (id, span) in std::mem::take(&mut parsed.notes) {
                self.note_refs.push((id, locate(range.start + span.start..range.start + span.end)));
            }
            match errors.is_empty() {
                true => {
                    normalize_whitespace(&mut parsed.runs);
                    if !parsed.runs.is_empty() {
                        paragraphs.push(parsed.runs);
                    }
                }
                false => {
                    ok = false;
                    let hidden = errors.len().saturating_sub(MAX_INLINE_ERRORS);
                    if hidden > 0 {
                        let message = msg!("more-inline-problems", name = name, count = hidden);
                        let end = value.span().end;
                        self.walk.error(Code::UnterminatedMarkup, end..end, message, msg!("hint-fix-those-first"));
                    }
                    for error in errors.into_iter().take(MAX_INLINE_ERRORS) {
                        let span = locate(range.start + error.span.start..range.start + error.span.end);
                        let (code, message, hint) = describe_inline_error(&error.kind, name);
                        self.walk.error(code, span, message, hint);
                    }
                }
            }
        }
        if ok && required && paragraphs.is_empty() {
            self.walk.error(
                Code::EmptyText,
                value.span(),
                msg!("empty-field", name = name),
                msg!("hint-write-some-text"),
            );
            return None;
        }
        ok.then_some(paragraphs)
    }
}

fn describe_inline_error(kind: &InlineErrorKind, name: &str) -> (Code, Message, Message) {
    match kind {
        InlineErrorKind::UnclosedEmphasis(delim) => (
            Code::UnterminatedMarkup,
            msg!("unclosed-emphasis", delim = *delim, name = name),
            msg!("hint-unclosed-emphasis", delim = *delim),
        ),
        InlineErrorKind::UnclosedBracket => {
            (Code::UnterminatedMarkup, msg!("unclosed-bracket", name = name), msg!("hint-unclosed-bracket"))
        }
        InlineErrorKind::UnclosedLink => {
            (Code::UnterminatedMarkup, msg!("unclosed-link", name = name), msg!("hint-unclosed-link"))
        }
        InlineErrorKind::BadUrl(problem) => (Code::BadUrl, problem.clone(), msg!("hint-link-address")),
        InlineErrorKind::EmptyLinkLabel => {
            (Code::EmptyText, msg!("empty-link-label", name = name), msg!("hint-empty-link-label"))
        }
        InlineErrorKind::BadCitation(id) => {
            (Code::BadValue, msg!("bad-citation", id = id.as_str()), msg!("hint-bad-citation"))
        }
        InlineErrorKind::BadNoteReference(id) => {
            (Code::BadValue, msg!("bad-note-reference", id = id.as_str()), msg!("hint-bad-note-reference"))
        }
    }
}

/// Byte ranges of the paragraphs of a text: runs of lines separated by blank lines.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        if line.trim().is_empty() {
            ranges.extend(current.take());
        } else {
            let content_end = offset + line.trim_end().len();
            current = Some(current.map_or(offset..content_end, |c| c.start..content_end));
        }
        offset = end;
    }
    ranges.extend(current);
    ranges
}

/// Fold line breaks and runs of spaces in text runs into single spaces, trimming the ends.
fn normalize_whitespace(runs: &mut Inline) {
    fn fold(runs: &mut [Run]) {
        for run in runs {
            match run {
                Run::Text { text } => {
                    let mut folded = String::with_capacity(text.len());
                    let mut in_space = false;
                    for c in text.chars() {
                        if is_folding_space(c) {
                            if !in_space {
                                folded.push(' ');
                            }
                            in_space = true;
                        } else {
                            folded.push(c);
                            in_space = false;
                        }
                    }
                    *text = folded;
                }
                Run::Strong { children } | Run::Emph { children } | Run::Link { children, .. } => fold(children),
                Run::Cite { .. } | Run::Note { .. } | Run::Figure { .. } => {}
            }
        }
    }
    fold(runs);
    if let Some(Run::Text { text }) = runs.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Run::Text { text }) = runs.last_mut() {
        *text = text.trim_end().to_string();
    }
    runs.retain(|run| !matches!(run, Run::Text { text } if text.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let text = "one\ntwo\n\n  \nthree\n";
        let ranges = paragraph_ranges(text);
        let parts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, vec!["one\ntwo", "three"]);
    }
}
