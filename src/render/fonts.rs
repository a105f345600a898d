//! The embedded fonts, parsed once per process and shared by every build, with an outlet's
//! own fonts added where it brings some, and what they can draw (validation asks through
//! [`GlyphCoverage`], the outlet layer through [`FontCatalog`]; both define what they ask).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::assets;
use crate::outlet::{FontCatalog, Outlet};
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
            // Parsing a face (its tables, and the coverage of its character map) is most of
            // what a cold build does before layout: the faces are parsed side by side, and
            // collected in their order, so the font book is the same as one parsed in turn.
            use rayon::prelude::*;
            let fonts: Vec<Font> =
                assets::fonts().into_par_iter().flat_map_iter(|asset| Font::iter(Bytes::new(asset.bytes))).collect();
            Arc::new(FontSet::new(fonts))
        });
        Arc::clone(&EMBEDDED)
    }

    fn new(fonts: Vec<Font>) -> Self {
        let covered = (0..=u16::MAX).map(|_| AtomicU8::new(0)).collect();
        FontSet { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts, covered }
    }

    /// The fonts an outlet's briefs are set in: the embedded ones, then the outlet's own.
    /// Each distinct set of font files is parsed once per process (a batch, a watch session).
    pub fn for_outlet(outlet: &Outlet) -> Arc<FontSet> {
        let own: Vec<&crate::outlet::OutletFile> =
            outlet.files.iter().filter(|file| outlet.fonts.iter().any(|font| font.path == file.path)).collect();
        if own.is_empty() {
            return Self::embedded();
        }
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            for file in &own {
                file.path.hash(&mut hasher);
                file.bytes.hash(&mut hasher);
            }
            hasher.finish()
        };
        static SETS: std::sync::Mutex<Vec<(u64, Arc<FontSet>)>> = std::sync::Mutex::new(Vec::new());
        if let Some(known) =
            SETS.lock().ok().and_then(|sets| sets.iter().find(|(k, _)| *k == key).map(|(_, s)| Arc::clone(s)))
        {
            return known;
        }
        let mut fonts = Self::embedded().fonts.clone();
        fonts.extend(own.iter().flat_map(|file| Font::iter(Bytes::new(Arc::clone(&file.bytes)))));
        let set = Arc::new(FontSet::new(fonts));
        if let Ok(mut sets) = SETS.lock() {
            // A long watch session with fonts being replaced must not keep every version.
            if sets.len() >= 8 {
                sets.remove(0);
            }
            sets.push((key, Arc::clone(&set)));
        }
        set
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

    /// The faces of the families named (in any case), for a web page's stylesheet: the first
    /// font of each file (a collection's others are left out), each face once.
    pub fn faces(&self, families: &[String]) -> Vec<Face<'_>> {
        let mut faces: Vec<Face> = Vec::new();
        for font in self.fonts.iter().filter(|font| font.index() == 0) {
            let info = font.info();
            if !families.iter().any(|f| f.eq_ignore_ascii_case(&info.family)) {
                continue;
            }
            let face = Face {
                family: info.family.clone(),
                weight: info.variant.weight.to_number(),
                italic: info.variant.style != typst::text::FontStyle::Normal,
                bytes: font.data().as_slice(),
            };
            if !faces.iter().any(|f| f.family == face.family && f.weight == face.weight && f.italic == face.italic) {
                faces.push(face);
            }
        }
        faces
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

/// One face of a font family, as a web stylesheet's `@font-face` names it.
pub struct Face<'a> {
    /// The family name.
    pub family: String,
    /// The weight, 100–900.
    pub weight: u16,
    /// Whether it is the italic (or oblique) face.
    pub italic: bool,
    /// The font file.
    pub bytes: &'a [u8],
}

impl GlyphCoverage for FontSet {
    fn covers(&self, c: char) -> bool {
        FontSet::covers(self, c)
    }

    fn families(&self) -> Vec<String> {
        FontSet::families(self)
    }
}

impl FontCatalog for FontSet {
    fn embedded_families(&self) -> Vec<String> {
        FontSet::families(self)
    }

    fn families_in(&self, bytes: &[u8]) -> Option<Vec<String>> {
        let mut families: Vec<String> = Vec::new();
        for font in Font::iter(Bytes::new(bytes.to_vec())) {
            if !families.contains(&font.info().family) {
                families.push(font.info().family.clone());
            }
        }
        (!families.is_empty()).then_some(families)
    }
}
