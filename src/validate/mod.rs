//! Stage 2: turn a parsed brief into a checked [`Brief`], reporting every problem at once.
//!
//! The walk is written against the spanned TOML tree rather than derived with serde because
//! serde stops at the first error; editors want every mistake in one run, each located. The
//! sections are read in `sections`, their text in `text`, citations numbered in `citations`
//! and every string's characters looked at in `characters`.

mod bulletin;
pub use bulletin::validate_bulletin;
mod characters;
pub use characters::is_invisible;
mod citations;
mod figures;
pub use figures::read_image;
mod sections;
mod text;

use std::ops::Range;

use crate::brief::Brief;
use crate::diag::Diagnostic;
use crate::load::RawBrief;
use crate::walk::Walker;

/// What validation needs to know besides the brief itself.
pub struct Context<'a> {
    /// The brief's id when it does not set one (the file name without `.toml`).
    pub default_id: &'a str,
    /// The outlets that exist, so a misspelt one can be caught with a suggestion; `None`
    /// when the outlet is chosen on the command line (`--outlet`) and the brief's is unused.
    pub outlets: Option<&'a [String]>,
    /// The fonts text will be set in, to warn about characters none of them can draw.
    pub fonts: Option<&'a dyn GlyphCoverage>,
    /// The brief's folder, where its figures' images are (and the only place they may be).
    pub folder: &'a std::path::Path,
}

/// What the fonts a brief is set in can draw. Validation warns about characters none of them
/// covers; the render stage, which owns the fonts, answers.
pub trait GlyphCoverage: Sync {
    /// Whether some font has a glyph for the character.
    fn covers(&self, c: char) -> bool;
    /// The font families, for the hint that names the fonts tried.
    fn families(&self) -> Vec<String>;
}

/// Check a parsed brief; on success also return its warnings.
pub fn validate(raw: &RawBrief<'_>, context: &Context<'_>) -> Result<(Brief, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut checker =
        Checker { walk: Walker::new(raw.file), cites: Vec::new(), note_refs: Vec::new(), declared_figures: Vec::new() };
    let brief = checker.brief(&raw.root, context);
    characters::check(&mut checker.walk, raw.root.get_ref());
    if let Some(fonts) = context.fonts {
        characters::glyphs(&mut checker.walk, raw.root.get_ref(), fonts);
    }
    let mut diagnostics = checker.walk.diagnostics;
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    match brief {
        Some(brief) if !diagnostics.iter().any(Diagnostic::is_error) => Ok((brief, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// Where a brief's `[brief]` table sets what a bulletin asks about, read from the parsed file
/// (the checked brief keeps the values, not their places).
#[derive(Debug, Clone, Default)]
pub struct HeadSpans {
    /// The outlet the brief names, and where.
    pub outlet: Option<(String, Range<usize>)>,
    /// Where `status` is.
    pub status: Option<Range<usize>>,
    /// Where `embargo` is.
    pub embargo: Option<Range<usize>>,
}

/// Find where a parsed brief sets its outlet, status and embargo.
pub fn head_spans(raw: &RawBrief<'_>) -> HeadSpans {
    use toml::de::DeValue;
    let Some(DeValue::Table(head)) = raw.root.get_ref().get("brief").map(|value| value.get_ref()) else {
        return HeadSpans::default();
    };
    let outlet = head.get("outlet").and_then(|value| match value.get_ref() {
        DeValue::String(name) => Some((name.to_string(), value.span())),
        _ => None,
    });
    HeadSpans {
        outlet,
        status: head.get("status").map(|value| value.span()),
        embargo: head.get("embargo").map(|value| value.span()),
    }
}

/// The warnings about characters of a parsed brief that none of `fonts` can draw, for when
/// the fonts are known only after validation (an outlet that brings its own).
pub fn missing_glyphs(raw: &RawBrief<'_>, fonts: &dyn GlyphCoverage) -> Vec<Diagnostic> {
    let mut walk = Walker::new(raw.file);
    characters::glyphs(&mut walk, raw.root.get_ref(), fonts);
    walk.diagnostics
}

/// Walks a brief's TOML tree, collecting diagnostics instead of stopping at the first.
struct Checker<'f> {
    /// The diagnostics and the file they point into.
    walk: Walker<'f>,
    /// Every citation seen in the text, with its location, checked once sources are known.
    cites: Vec<(String, Range<usize>)>,
    /// Every note reference seen in the text, with its location, checked once notes are known.
    note_refs: Vec<(String, Range<usize>)>,
    /// The ids of the `[[figures]]` entries, whether or not each passed its checks.
    declared_figures: Vec<String>,
}
