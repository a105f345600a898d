//! An outlet's own fonts: TrueType and OpenType files in its `fonts/` folder, usable in
//! `[fonts]` and as fallbacks, embedded in the PDF like the built-in ones.

use super::OutletFile;
use crate::diag::{Code, Diagnostic};
use crate::limits::MAX_OUTLET_FONTS;
use crate::msg;

/// The folder of an outlet that holds its fonts.
pub const FONTS_FOLDER: &str = "fonts";

/// What the outlet layer needs to know about fonts; the render stage, which reads fonts for
/// Typst, answers, so that both agree on every family name.
pub trait FontCatalog: Sync {
    /// The families of the embedded fonts, in lookup order.
    fn embedded_families(&self) -> Vec<String>;
    /// The families a font file holds (a collection may hold several), or `None` when it is
    /// not a font that can be laid out with.
    fn families_in(&self, bytes: &[u8]) -> Option<Vec<String>>;
}

/// One of an outlet's own font files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletFont {
    /// The path inside the outlet folder, e.g. `fonts/Lateef-Regular.ttf`.
    pub path: String,
    /// The families it holds.
    pub families: Vec<String>,
}

/// Whether an outlet file is meant as a font: a `.ttf`, `.otf` or `.ttc` in `fonts/`.
pub fn is_font_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.starts_with("fonts/") && [".ttf", ".otf", ".ttc"].iter().any(|ext| lower.ends_with(ext))
}

/// Whether an outlet file is a font licence: `OFL.txt`, `LICENSE…`, `LICENCE…` or `COPYING…`
/// in `fonts/` (at any depth).
fn is_licence(path: &str) -> bool {
    let Some(name) = path.strip_prefix("fonts/").map(|rest| rest.rsplit('/').next().unwrap_or(rest)) else {
        return false;
    };
    let name = name.to_ascii_uppercase();
    name.starts_with("OFL") || name.starts_with("LICENSE") || name.starts_with("LICENCE") || name.starts_with("COPYING")
}

/// Check an outlet's font files: each must be a font mujaz can lay out with, there may be
/// at most [`MAX_OUTLET_FONTS`], and a licence should travel with them. Returns the fonts and
/// the problems (errors, or a warning about the licence).
pub fn check_fonts(files: &[OutletFile], catalog: &dyn FontCatalog) -> (Vec<OutletFont>, Vec<Diagnostic>) {
    let mut fonts = Vec::new();
    let mut problems = Vec::new();
    let candidates: Vec<&OutletFile> = files.iter().filter(|file| is_font_file(&file.path)).collect();
    if candidates.len() > MAX_OUTLET_FONTS {
        let message = msg!("too-many-fonts", max = MAX_OUTLET_FONTS, count = candidates.len());
        let folder = candidates[0].display_name.rsplit_once('/').map_or("fonts", |(folder, _)| folder).to_string();
        problems
            .push(Diagnostic::error(Code::TooLarge, message).in_path(folder).with_hint(msg!("hint-too-many-fonts")));
        return (fonts, problems);
    }
    for file in candidates {
        match catalog.families_in(&file.bytes).filter(|families| !families.is_empty()) {
            Some(families) => fonts.push(OutletFont { path: file.path.clone(), families }),
            None => problems.push(
                Diagnostic::error(Code::BadValue, msg!("not-a-font"))
                    .in_path(file.display_name.clone())
                    .with_hint(msg!("hint-not-a-font")),
            ),
        }
    }
    // Typst takes the first font of a family: a built-in one of the same name wins.
    let embedded = catalog.embedded_families();
    for font in &fonts {
        for family in font.families.iter().filter(|family| embedded.contains(family)) {
            let shown =
                files.iter().find(|file| file.path == font.path).map_or(font.path.clone(), |f| f.display_name.clone());
            problems.push(
                Diagnostic::warning(Code::ShadowedFont, msg!("font-shadowed", family = family))
                    .in_path(shown)
                    .with_hint(msg!("hint-font-shadowed")),
            );
        }
    }
    if !fonts.is_empty() && !files.iter().any(|file| is_licence(&file.path)) {
        let folder = files
            .iter()
            .find(|file| is_font_file(&file.path))
            .and_then(|file| file.display_name.rsplit_once('/').map(|(folder, _)| folder.to_string()))
            .unwrap_or_else(|| FONTS_FOLDER.to_string());
        problems.push(
            Diagnostic::warning(Code::FontLicence, msg!("font-without-licence"))
                .in_path(folder)
                .with_hint(msg!("hint-font-without-licence")),
        );
    }
    (fonts, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_and_licences_are_known_by_their_names() {
        assert!(is_font_file("fonts/Lateef-Regular.ttf"));
        assert!(is_font_file("fonts/extra/X.OTF"));
        assert!(!is_font_file("Lateef-Regular.ttf"));
        assert!(!is_font_file("fonts/README.md"));
        assert!(is_licence("fonts/OFL.txt"));
        assert!(is_licence("fonts/lateef/LICENSE"));
        assert!(!is_licence("OFL.txt"));
    }
}
