use std::ops::Range;
use std::sync::Arc;

use krilla::surface::{Location, Surface};
use krilla::text::GlyphId;
use ttf_parser::GlyphId as FontGlyphId;
use ttf_parser::gdef::GlyphClass;
use typst_library::diag::{SourceResult, bail};
use typst_library::text::{FontInstance, Glyph, TextItem};
use typst_library::visualize::FillRule;
use typst_syntax::Span;
use typst_utils::defer;
use unicode_ccc::{CanonicalCombiningClass, get_canonical_combining_class};

use crate::convert::{FrameContext, GlobalContext};
use crate::util::{AbsExt, TransformExt, display_font};
use crate::{paint, tags};

#[typst_macros::time(name = "handle text")]
pub(crate) fn handle_text(
    fc: &mut FrameContext,
    t: &TextItem,
    surface: &mut Surface,
    gc: &mut GlobalContext,
) -> SourceResult<()> {
    let mut handle = tags::text(gc, fc, surface, t);
    let surface = handle.surface();

    let font = convert_font(gc, t.font.clone())?;
    let fill = paint::convert_fill(
        gc,
        &t.fill,
        FillRule::NonZero,
        true,
        surface,
        fc.state(),
        None,
    )?;
    let stroke = if let Some(stroke) = t.stroke.as_ref() {
        Some(paint::convert_stroke(gc, stroke, true, surface, fc.state(), None)?)
    } else {
        None
    };
    let text = t.text.as_str();
    let size = t.size;
    let glyphs = pdf_glyphs(t);

    surface.push_transform(&fc.state().transform().to_krilla());
    let mut surface = defer(surface, |s| s.pop());
    surface.set_fill(Some(fill));
    surface.set_stroke(stroke);
    surface.draw_glyphs(
        krilla::geom::Point::from_xy(0.0, 0.0),
        &glyphs,
        font.clone(),
        text,
        size.to_f32(),
        false,
    );

    Ok(())
}

fn convert_font(
    gc: &mut GlobalContext,
    typst_font: FontInstance,
) -> SourceResult<krilla::text::Font> {
    if let Some(font) = gc.fonts_forward.get(&typst_font) {
        Ok(font.clone())
    } else {
        let font = build_font(typst_font.clone())?;

        gc.fonts_forward.insert(typst_font.clone(), font.clone());
        gc.fonts_backward.insert(font.clone(), typst_font.clone());

        Ok(font)
    }
}

#[comemo::memoize]
fn build_font(typst_font: FontInstance) -> SourceResult<krilla::text::Font> {
    let font_data: Arc<dyn AsRef<[u8]> + Send + Sync> =
        Arc::new(typst_font.data().clone());

    let variations = typst_font
        .variations()
        .0
        .iter()
        .map(|(tag, value)| (krilla::text::Tag::new(&tag.to_bytes()), value.0))
        .collect::<Vec<_>>();

    match krilla::text::Font::new_variable(
        font_data.into(),
        typst_font.index(),
        &variations,
    ) {
        Some(f) => Ok(f),
        None => {
            bail!(
                Span::detached(),
                "failed to process {}",
                display_font(Some(&typst_font)),
            )
        }
    }
}

/// A glyph as it is written to the PDF.
#[derive(Debug)]
struct PdfGlyph<'a> {
    glyph: &'a Glyph,
    /// The part of the item's text the glyph stands for (with others, for stacked marks).
    text: Range<usize>,
    /// The part it draws alone, when that is less than `text`.
    own_text: Option<Range<usize>>,
}

impl<'a> PdfGlyph<'a> {
    fn new(glyph: &'a Glyph, text: Range<usize>) -> Self {
        Self { glyph, text, own_text: None }
    }
}

/// The glyphs of a text item, each with the text it stands for.
///
/// Shaping gives every glyph of a cluster the whole cluster's text. For an Arabic letter
/// with its marks (a shadda, a tanween), that would map the first glyph drawn to the whole
/// cluster and the others to nothing, and force an `/ActualText` span around the cluster.
/// Where the cluster can be divided without guessing, each glyph gets its own characters
/// instead, so that the font's ToUnicode map says what each glyph is, as the PDF
/// specification (§ 9.10.2) intends, and no `/ActualText` is needed but a marks-only one
/// for marks stacked on one letter. Clusters that cannot be divided so (ligatures, one
/// glyph for several letters, letters drawn out of the run's order) keep the cluster's
/// text, and krilla spans them with `/ActualText` as before.
fn pdf_glyphs(t: &TextItem) -> Vec<PdfGlyph<'_>> {
    // Clusters in a right-to-left run come in decreasing text order.
    let rtl = match (t.glyphs.first(), t.glyphs.last()) {
        (Some(first), Some(last)) if first.range != last.range => {
            Some(first.range.start > last.range.start)
        }
        _ => None,
    };
    let mut glyphs = Vec::with_capacity(t.glyphs.len());
    let mut start = 0;
    while start < t.glyphs.len() {
        let range = t.glyphs[start].range();
        let end =
            start + t.glyphs[start..].iter().take_while(|g| g.range() == range).count();
        let cluster = &t.glyphs[start..end];
        let divided = if cluster.len() > 1 {
            divide_cluster(&t.font, cluster, &t.text[range.clone()], range.start)
                .filter(|ranges| letters_in_run_order(ranges, &t.text, rtl))
        } else {
            None
        };
        match divided {
            Some(ranges) => {
                let mut divided: Vec<PdfGlyph> = cluster
                    .iter()
                    .zip(ranges)
                    .map(|(g, r)| PdfGlyph::new(g, r))
                    .collect();
                group_stacked_marks(&mut divided, &t.text);
                glyphs.extend(divided);
            }
            None => {
                glyphs.extend(cluster.iter().map(|g| PdfGlyph::new(g, range.clone())))
            }
        }
        start = end;
    }
    glyphs
}

/// Puts the marks stacked on one letter (a vowel above a shadda) under one `/ActualText`
/// holding just those marks, each mark glyph still mapped to its own mark.
///
/// Drawn one by one, a mark raised above another sits on a baseline of its own and starts
/// right of the letter's start, and viewers that group characters into words by position
/// (poppler, pdfium) cut the word there. Inside one `/ActualText`, they read the marks as
/// one piece spread over the span. The replacement text holds marks only, in the order
/// the author typed them, which reads the same whichever way a viewer turns a
/// right-to-left run around. The glyphs are drawn as before, in the same order.
fn group_stacked_marks(cluster: &mut [PdfGlyph], text: &str) {
    let is_mark = |g: &PdfGlyph| {
        g.glyph.x_advance.get() == 0.0
            && text[g.text.clone()].chars().all(|c| {
                get_canonical_combining_class(c) != CanonicalCombiningClass::NotReordered
            })
    };
    let Some(first) = cluster.iter().position(is_mark) else { return };
    let count = cluster[first..].iter().take_while(|g| is_mark(g)).count();
    let stacked = &mut cluster[first..first + count];
    let start = stacked.iter().map(|g| g.text.start).min().unwrap_or_default();
    let end = stacked.iter().map(|g| g.text.end).max().unwrap_or_default();
    let covered: usize = stacked.iter().map(|g| g.text.len()).sum();
    if count < 2 || end - start != covered {
        return;
    }
    for g in stacked {
        g.own_text = Some(std::mem::replace(&mut g.text, start..end));
    }
}

/// Whether the glyphs of a divided cluster that draw letters come in the run's text
/// order, as viewers that read glyphs in content order and the run's direction expect.
///
/// Marks may come in any order (their order within a cluster does not change the text's
/// meaning), but letters may not: an Indic vowel sign drawn before its consonant would
/// copy before it. Such clusters keep the cluster's text under one `/ActualText`.
fn letters_in_run_order(ranges: &[Range<usize>], text: &str, rtl: Option<bool>) -> bool {
    let letters: Vec<usize> = ranges
        .iter()
        .filter(|r| {
            text[(*r).clone()].chars().any(|c| {
                get_canonical_combining_class(c) == CanonicalCombiningClass::NotReordered
            })
        })
        .map(|r| r.start)
        .collect();
    match rtl {
        _ if letters.len() < 2 => true,
        Some(true) => letters.windows(2).all(|w| w[0] > w[1]),
        Some(false) => letters.windows(2).all(|w| w[0] < w[1]),
        None => false,
    }
}

/// Divides a cluster's text among its glyphs: one contiguous, non-empty range per glyph,
/// together covering the cluster, or `None` when the font does not say which glyph draws
/// which character.
///
/// A glyph the font's character map gives for a character draws that character. Of the
/// rest, the one glyph the font's GDEF table does not class as a mark draws the remaining
/// letters, and the one mark glyph draws the remaining marks (characters with a non-zero
/// canonical combining class). Anything else (two unclaimed letter glyphs, say) is left
/// undivided.
fn divide_cluster(
    font: &FontInstance,
    cluster: &[Glyph],
    text: &str,
    offset: usize,
) -> Option<Vec<Range<usize>>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() < cluster.len() {
        return None;
    }
    let face = font.ttf();
    let mut owner: Vec<Option<usize>> = vec![None; chars.len()];
    let mut claimed = vec![false; cluster.len()];
    for (g, glyph) in cluster.iter().enumerate() {
        let found = chars.iter().enumerate().find(|&(c, &(_, ch))| {
            owner[c].is_none() && face.glyph_index(ch).is_some_and(|id| id.0 == glyph.id)
        });
        if let Some((c, _)) = found {
            owner[c] = Some(g);
            claimed[g] = true;
        }
    }
    let is_mark_glyph = |glyph: &Glyph| {
        face.tables()
            .gdef
            .and_then(|gdef| gdef.glyph_class(FontGlyphId(glyph.id)))
            == Some(GlyphClass::Mark)
    };
    let unclaimed = |mark: bool| -> Vec<usize> {
        (0..cluster.len())
            .filter(|&g| !claimed[g] && is_mark_glyph(&cluster[g]) == mark)
            .collect()
    };
    let (letter_glyphs, mark_glyphs) = (unclaimed(false), unclaimed(true));
    for (c, &(_, ch)) in chars.iter().enumerate() {
        if owner[c].is_some() {
            continue;
        }
        let is_mark =
            get_canonical_combining_class(ch) != CanonicalCombiningClass::NotReordered;
        let takers = if is_mark && !mark_glyphs.is_empty() {
            &mark_glyphs
        } else {
            &letter_glyphs
        };
        match takers.as_slice() {
            [g] => owner[c] = Some(*g),
            _ => return None,
        }
    }
    let mut ranges = Vec::with_capacity(cluster.len());
    for g in 0..cluster.len() {
        let first = owner.iter().position(|&o| o == Some(g))?;
        let last = owner.iter().rposition(|&o| o == Some(g))?;
        if owner[first..=last].iter().any(|&o| o != Some(g)) {
            return None;
        }
        let end = chars.get(last + 1).map_or(text.len(), |&(i, _)| i);
        ranges.push(offset + chars[first].0..offset + end);
    }
    Some(ranges)
}

impl krilla::text::Glyph for PdfGlyph<'_> {
    #[inline(always)]
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(self.glyph.id as u32)
    }

    #[inline(always)]
    fn text_range(&self) -> Range<usize> {
        self.text.clone()
    }

    fn own_text_range(&self) -> Option<Range<usize>> {
        self.own_text.clone()
    }

    #[inline(always)]
    fn x_advance(&self, size: f32) -> f32 {
        // Don't use `Em::at`, because it contains an expensive check whether the result is finite.
        self.glyph.x_advance.get() as f32 * size
    }

    #[inline(always)]
    fn x_offset(&self, size: f32) -> f32 {
        // Don't use `Em::at`, because it contains an expensive check whether the result is finite.
        self.glyph.x_offset.get() as f32 * size
    }

    #[inline(always)]
    fn y_offset(&self, size: f32) -> f32 {
        // Don't use `Em::at`, because it contains an expensive check whether the result is finite.
        self.glyph.y_offset.get() as f32 * size
    }

    #[inline(always)]
    fn y_advance(&self, size: f32) -> f32 {
        // Don't use `Em::at`, because it contains an expensive check whether the result is finite.
        self.glyph.y_advance.get() as f32 * size
    }

    fn location(&self) -> Option<Location> {
        Some(self.glyph.span.0.into_raw())
    }
}
