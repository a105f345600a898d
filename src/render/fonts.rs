//! The embedded fonts, parsed once per process and shared by every build, and what they can
//! draw (validation asks through [`GlyphCoverage`], which it defines).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::assets;
use crate::validate::GlyphCoverage;

/// The fonts every build uses: parsed once per process and shared between builds.
pub struct FontSet {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Whether some font covers each Basic Multilingual Plane character, learnt on first
    /// ask (0 unknown, 1 yes, 2 no): validation asks for every character of every brief.
    covered: Box<[AtomicU8]>,
}

impl FontSet {
    /// The embedded fonts, parsed on first use.
    pub fn embedded() -> Arc<FontSet> {
        static EMBEDDED: LazyLock<Arc<FontSet>> = LazyLock::new(|| {
            let fonts: Vec<Font> =
                assets::fonts().into_iter().flat_map(|asset| Font::iter(Bytes::new(asset.bytes))).collect();
            let covered = (0..=u16::MAX).map(|_| AtomicU8::new(0)).collect();
            Arc::new(FontSet { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts, covered })
        });
        Arc::clone(&EMBEDDED)
    }

    /// The font book Typst looks fonts up in.
    pub(crate) fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// Every font, in font-book order.
    pub(crate) fn fonts(&self) -> &[Font] {
        &self.fonts
    }

    /// Whether any of the fonts has a glyph for the character.
    pub fn covers(&self, c: char) -> bool {
        let lookup = || self.fonts.iter().any(|font| font.info().coverage.contains(u32::from(c)));
        let Some(slot) = self.covered.get(c as usize) else { return lookup() };
        match slot.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let covered = lookup();
                slot.store(if covered { 1 } else { 2 }, Ordering::Relaxed);
                covered
            }
        }
    }

    /// The family names of the fonts, without repeats, in font-book order.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = Vec::new();
        for font in &self.fonts {
            if !families.contains(&font.info().family) {
                families.push(font.info().family.clone());
            }
        }
        families
    }
}

impl GlyphCoverage for FontSet {
    fn covers(&self, c: char) -> bool {
        FontSet::covers(self, c)
    }

    fn families(&self) -> Vec<String> {
        FontSet::families(self)
    }
}
