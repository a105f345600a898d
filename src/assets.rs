//! The files built into the binary: fonts and outlet templates.
//!
//! This is the only module that touches the `include_dir` statics, so the rest of the code
//! sees assets as plain byte slices and names.

use include_dir::{Dir, include_dir};

static FONTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/fonts");
static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The CMYK ICC profile print PDFs state their colours in (CC0; see src/icc/README.md).
pub fn cmyk_profile() -> &'static [u8] {
    include_bytes!("icc/CGATS001Compat-v2-micro.icc")
}

/// An embedded file: its path inside its folder and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// The path relative to the outlet (or fonts) folder, with `/` separators.
    pub path: &'static str,
    /// The file's contents.
    pub bytes: &'static [u8],
}

/// Every embedded font file (TrueType or OpenType), in a stable order.
pub fn fonts() -> Vec<Asset> {
    let mut fonts = Vec::new();
    collect(&FONTS, "", &mut fonts);
    fonts.retain(|asset| {
        let lower = asset.path.to_ascii_lowercase();
        lower.ends_with(".ttf") || lower.ends_with(".otf") || lower.ends_with(".ttc")
    });
    fonts
}

/// The names of the built-in outlets, sorted.
pub fn outlet_names() -> Vec<String> {
    let mut names: Vec<String> =
        TEMPLATES.dirs().filter_map(|dir| dir.path().file_name()?.to_str().map(str::to_string)).collect();
    names.sort();
    names
}

/// Every file of a built-in outlet, with paths relative to the outlet folder.
pub fn outlet_files(outlet: &str) -> Option<Vec<Asset>> {
    let dir = TEMPLATES.get_dir(outlet)?;
    let mut files = Vec::new();
    collect(dir, outlet, &mut files);
    Some(files)
}

fn collect(dir: &'static Dir<'static>, prefix: &str, out: &mut Vec<Asset>) {
    for file in dir.files() {
        let Some(path) = file.path().to_str() else { continue };
        let relative = path.strip_prefix(prefix).unwrap_or(path).trim_start_matches('/');
        out.push(Asset { path: relative, bytes: file.contents() });
    }
    for sub in dir.dirs() {
        collect(sub, prefix, out);
    }
    out.sort_by_key(|asset| asset.path);
}
