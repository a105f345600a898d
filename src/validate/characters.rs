//! The characters of every string in a brief: control characters and direction overrides
//! (errors), unclosed isolates, letters with too many marks, and characters no font draws.

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_segmentation::UnicodeSegmentation;

use super::GlyphCoverage;
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::walk::{Walker, content_origin};

/// Where the character at `offset` of a string value is in the file (the whole value when
/// the file does not hold the text verbatim).
fn locator(source: &str, value: &Spanned<DeValue<'_>>, text: &str) -> impl Fn(usize, char) -> std::ops::Range<usize> {
    let origin = content_origin(source, value.span(), text);
    let whole = value.span();
    move |offset: usize, c: char| match origin {
        Some(start) => start + offset..start + offset + c.len_utf8(),
        None => whole.clone(),
    }
}

/// Check every string for characters that cannot be printed: control characters and
/// direction overrides (errors, since they garble the page), unclosed isolates and letters
/// with too many marks.
pub(super) fn check(walk: &mut Walker<'_>, root: &DeTable<'_>) {
    let mut strings = Vec::new();
    collect_strings(root, &mut strings);
    for value in strings {
        let DeValue::String(text) = value.get_ref() else { continue };
        let locate = locator(&walk.file.text, value, text);
        if let Some((offset, c)) = text.char_indices().find(|(_, c)| is_forbidden(*c)) {
            let count = text.chars().filter(|c| is_forbidden(*c)).count();
            let hint = match ('\u{202A}'..='\u{202E}').contains(&c) {
                true => msg!("hint-direction-override"),
                false => msg!("hint-control-character"),
            };
            let message = msg!("control-character", code = format!("{:04X}", u32::from(c)), more = count - 1);
            walk.error(Code::ControlCharacter, locate(offset, c), message, hint);
        }
        if let Some((offset, grapheme)) =
            text.grapheme_indices(true).find(|(_, g)| g.chars().nth(crate::limits::MAX_GRAPHEME_CHARS).is_some())
        {
            let c = grapheme.chars().next().unwrap_or(' ');
            let message =
                msg!("stacked-marks", count = grapheme.chars().count(), max = crate::limits::MAX_GRAPHEME_CHARS);
            walk.error(Code::TooLarge, locate(offset, c), message, msg!("hint-stacked-marks"));
        }
        if let Some((offset, length)) = longest_word(text).filter(|(_, length)| *length > crate::limits::MAX_WORD_CHARS)
        {
            let c = text[offset..].chars().next().unwrap_or(' ');
            let message = msg!("word-too-long", length = length, max = crate::limits::MAX_WORD_CHARS);
            walk.error(Code::TooLarge, locate(offset, c), message, msg!("hint-word-too-long"));
        }
        if let Some(offset) = unclosed_isolate(text) {
            let c = text[offset..].chars().next().unwrap_or(' ');
            let message = msg!("unclosed-isolate", code = format!("{:04X}", u32::from(c)));
            walk.error(Code::ControlCharacter, locate(offset, c), message, msg!("hint-unclosed-isolate"));
        }
    }
}

/// Warn about the characters of each string that none of `fonts` can draw: one warning per
/// field, listing them, pointing at the first.
pub(super) fn glyphs(walk: &mut Walker<'_>, root: &DeTable<'_>, fonts: &dyn GlyphCoverage) {
    let mut strings = Vec::new();
    collect_strings(root, &mut strings);
    for value in strings {
        let DeValue::String(text) = value.get_ref() else { continue };
        let locate = locator(&walk.file.text, value, text);
        let mut missing: Vec<char> = Vec::new();
        let mut first = None;
        for (offset, c) in text.char_indices() {
            if is_invisible(c) || is_forbidden(c) || fonts.covers(c) {
                continue;
            }
            first.get_or_insert(offset);
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        let (Some(offset), Some(&c)) = (first, missing.first()) else { continue };
        let listed: Vec<String> = missing.iter().take(6).map(|c| format!("`{c}` (U+{:04X})", u32::from(*c))).collect();
        let message = msg!(
            "missing-glyph",
            count = missing.len(),
            listed = listed.join(", "),
            more = missing.len().saturating_sub(listed.len())
        );
        let families = fonts.families().join(", ");
        let warning = Diagnostic::warning(Code::MissingGlyph, message)
            .at(walk.file, locate(offset, c))
            .with_hint(msg!("hint-missing-glyph", fonts = families, count = missing.len()));
        walk.diagnostics.push(warning);
    }
}

/// Every string value in a table, depth first, in file order.
fn collect_strings<'t, 'i>(table: &'t DeTable<'i>, out: &mut Vec<&'t Spanned<DeValue<'i>>>) {
    fn visit<'t, 'i>(value: &'t Spanned<DeValue<'i>>, out: &mut Vec<&'t Spanned<DeValue<'i>>>) {
        match value.get_ref() {
            DeValue::String(_) => out.push(value),
            DeValue::Array(items) => items.iter().for_each(|item| visit(item, out)),
            DeValue::Table(table) => collect_strings(table, out),
            _ => {}
        }
    }
    let mut values: Vec<_> = table.values().collect();
    values.sort_by_key(|value| value.span().start);
    values.into_iter().for_each(|value| visit(value, out));
}

/// Where the longest run of characters without white space starts, and its length in
/// characters.
fn longest_word(text: &str) -> Option<(usize, usize)> {
    let mut longest: Option<(usize, usize)> = None;
    let mut current: Option<(usize, usize)> = None;
    for (offset, c) in text.char_indices() {
        if c.is_whitespace() {
            current = None;
            continue;
        }
        let run = current.get_or_insert((offset, 0));
        run.1 += 1;
        if longest.is_none_or(|(_, length)| run.1 > length) {
            longest = Some(*run);
        }
    }
    longest
}

/// The byte offset of an isolate (U+2066–U+2068) that no U+2069 closes, if any.
fn unclosed_isolate(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    for (offset, c) in text.char_indices() {
        match c {
            '\u{2066}'..='\u{2068}' => open.push(offset),
            '\u{2069}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

/// Characters that must not appear in a brief: controls other than tab and line breaks, and
/// the bidi embeddings and overrides (U+202A–U+202E), which reorder everything after them.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}')) || ('\u{202A}'..='\u{202E}').contains(&c)
}

/// Characters that are laid out without a glyph: spaces, controls, joiners, direction marks,
/// variation selectors (Unicode's default-ignorable code points).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}
