//! Outlets: the template files that lay a brief out, looked up by outlet name.
//!
//! A built-in outlet is layered over the built-in `default` outlet file by file, so an outlet
//! only needs the files it changes.

use typst::foundations::Bytes;

use crate::assets;
use crate::validate::DEFAULT_OUTLET;

/// An outlet's files, ready to be served to Typst.
pub struct Outlet {
    /// The outlet's name, e.g. `default`.
    pub name: String,
    /// Its files, each path relative to the outlet folder.
    pub files: Vec<OutletFile>,
}

/// One template file or asset of an outlet.
pub struct OutletFile {
    /// The path relative to the outlet folder, e.g. `brief.typ`.
    pub path: String,
    /// The name diagnostics show, e.g. `<builtin>/default/brief.typ`.
    pub display_name: String,
    /// The contents.
    pub bytes: Bytes,
}

/// The names of every outlet a brief may use.
pub fn available() -> Vec<String> {
    assets::outlet_names()
}

/// Look up a built-in outlet by name, layered over the default outlet.
pub fn builtin(name: &str) -> Option<Outlet> {
    let own = assets::outlet_files(name)?;
    let mut files: Vec<OutletFile> = Vec::new();
    let base =
        if name == DEFAULT_OUTLET { Vec::new() } else { assets::outlet_files(DEFAULT_OUTLET).unwrap_or_default() };
    for (outlet, assets) in [(DEFAULT_OUTLET, base), (name, own)] {
        for asset in assets {
            files.retain(|file| file.path != asset.path);
            files.push(OutletFile {
                path: asset.path.to_string(),
                display_name: format!("<builtin>/{outlet}/{}", asset.path),
                bytes: Bytes::new(asset.bytes),
            });
        }
    }
    Some(Outlet { name: name.to_string(), files })
}
