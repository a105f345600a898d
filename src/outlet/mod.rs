//! Outlets: the template files and settings that lay a brief out, looked up by name.
//!
//! Files are looked up one by one: the user's outlet folder (`--templates DIR`, or
//! `templates/` beside the brief), then the built-in outlet it builds on, then the built-in
//! `default`; the first hit wins. Settings (`outlet.toml`) are merged in the same order, key
//! by key, so a user outlet may consist of an `outlet.toml` alone.

mod check;
pub mod folder;
pub mod fonts;
mod scaffold;
pub mod settings;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use crate::assets;
use crate::brief::Lang;
use crate::diag::{Code, Diagnostic, SourceFile, did_you_mean};
use crate::msg;
use crate::options::{DEFAULT_OUTLET, Lookup};
use crate::validate::GlyphCoverage;
use check::LayerContext;
pub use fonts::{FontCatalog, OutletFont};
pub use scaffold::scaffold;
use settings::Settings;

/// The name of an outlet's settings file.
pub const SETTINGS_FILE: &str = "outlet.toml";
/// The template file Typst starts from.
pub const MAIN_FILE: &str = "brief.typ";

/// An outlet ready to lay briefs out: its files and its merged settings.
pub struct Outlet {
    /// The outlet's name, e.g. `default`.
    pub name: String,
    /// Its files (without `outlet.toml`), each path relative to the outlet folder.
    pub files: Vec<OutletFile>,
    /// The merged, checked settings.
    pub settings: Settings,
    /// The outlet's own fonts, among its files.
    pub fonts: Vec<OutletFont>,
    /// What is worth knowing about the outlet (a font without its licence).
    pub warnings: Vec<Diagnostic>,
    /// Its `outlet.toml` layers, bottom first, for pointing at what they say.
    pub settings_files: Vec<Arc<SourceFile>>,
    /// The SHA-256 of its settings and files, taken once when it is made (nothing changes an
    /// outlet after that).
    fingerprint: String,
}

/// The hash of everything an outlet makes its outputs from: its settings, and each file's
/// path and bytes.
fn fingerprint(settings: &Settings, files: &[OutletFile]) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    hasher.update(settings.to_json().to_string());
    for file in files {
        hasher.update(format!("\n{} {}\n", file.path, file.bytes.len()));
        hasher.update(&file.bytes);
    }
    hex::encode(hasher.finalize())
}

impl Outlet {
    /// The SHA-256 of the outlet's settings and files, in hex: two outlets with the same
    /// fingerprint lay a brief out alike, so an up-to-date stamp or a cache may stand on it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// A warning for each character of the outlet's own text in the brief's language (its name,
    /// `[text]` lines and labels) that none of the fonts draws, at its place in the outlet.toml
    /// that says it: checked like the brief's text, so that `check --print` finds what the print
    /// version's standard would refuse.
    pub fn missing_glyphs(&self, lang: Lang, fonts: &dyn GlyphCoverage) -> Vec<Diagnostic> {
        let settings = &self.settings;
        let pick = |both: &settings::PerLang<String>| match lang {
            Lang::Ar => both.ar.clone(),
            Lang::En => both.en.clone(),
        };
        let labels = match lang {
            Lang::Ar => serde_json::to_value(&settings.labels.ar),
            Lang::En => serde_json::to_value(&settings.labels.en),
        };
        let mut texts = vec![
            pick(&settings.outlet.name),
            pick(&settings.text.header),
            pick(&settings.text.footer),
            pick(&settings.text.classification),
        ];
        if let Ok(serde_json::Value::Object(labels)) = labels {
            texts.extend(labels.values().filter_map(|v| v.as_str().map(str::to_string)));
        }
        let mut missing: Vec<char> = Vec::new();
        for c in texts.iter().flat_map(|text| text.chars()) {
            if !crate::validate::is_invisible(c) && !fonts.covers(c) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
            .into_iter()
            .map(|c| {
                let message =
                    msg!("outlet-missing-glyph", char = c.to_string(), code = format!("{:04X}", u32::from(c)));
                let hint = msg!("hint-outlet-missing-glyph", fonts = fonts.families().join(", "));
                let warning = Diagnostic::warning(Code::MissingGlyph, message).with_hint(hint);
                // The layer that says it last is the one that counts.
                match self.settings_files.iter().rev().find_map(|file| file.text.find(c).map(|at| (file, at))) {
                    Some((file, at)) => warning.at(file, at..at + c.len_utf8()),
                    None => warning.in_path(format!("outlet `{}`", self.name)),
                }
            })
            .collect()
    }

    /// A warning for each RGB raster image among the outlet's files: the print PDF carries it as
    /// it is, and the print shop's software converts it to the press's CMYK, which a designer may
    /// want to do (and check) themselves.
    pub fn rgb_images(&self) -> Vec<Diagnostic> {
        self.files
            .iter()
            .filter(|file| crate::images::colour_model(&file.bytes) == Some(crate::images::ColourModel::Rgb))
            .map(|file| {
                Diagnostic::warning(Code::RgbImage, msg!("rgb-image"))
                    .in_path(file.display_name.clone())
                    .with_hint(msg!("hint-rgb-image"))
            })
            .collect()
    }
}

/// The outlets resolved so far, each once: a batch resolves every outlet its briefs use
/// once, and its briefs share it.
#[derive(Default)]
pub struct Outlets {
    resolved: std::sync::Mutex<std::collections::HashMap<OutletKey, Arc<OnceLock<Resolved>>>>,
}

/// An outlet's name and the folder of user outlets it is looked up in.
type OutletKey = (String, Option<PathBuf>);

/// An outlet, or the problems that keep it from being used.
type Resolved = Result<Arc<Outlet>, Vec<Diagnostic>>;

impl Outlets {
    /// The outlet `name` for a brief at `brief`, resolved by `lookup` the first time it is
    /// asked for (from the same folder of user outlets).
    pub fn resolve(&self, lookup: &Lookup, name: &str, brief: &Path, fonts: &dyn FontCatalog) -> Resolved {
        let key = (name.to_string(), lookup.folder_for(brief));
        // The cell is taken under the lock and filled outside it: briefs checked in parallel
        // wait for the first one's outlet instead of each resolving their own.
        let cell = match self.resolved.lock() {
            Ok(mut known) => Arc::clone(known.entry(key).or_default()),
            Err(_) => Arc::new(OnceLock::new()),
        };
        cell.get_or_init(|| lookup.resolve(name, brief, fonts).map(Arc::new)).clone()
    }
}

/// One template file or asset of an outlet.
#[derive(Clone)]
pub struct OutletFile {
    /// The path relative to the outlet folder, e.g. `brief.typ`.
    pub path: String,
    /// The name diagnostics show, e.g. `<builtin>/default/brief.typ`.
    pub display_name: String,
    /// The contents, shared between the builds that use the outlet.
    pub bytes: Arc<[u8]>,
}

impl Lookup {
    /// The folder of user outlets for a brief: `--templates`, else `templates/` beside it.
    pub fn folder_for(&self, brief: &Path) -> Option<PathBuf> {
        match &self.templates {
            Some(folder) => Some(folder.clone()),
            None => {
                let beside = brief.parent().unwrap_or(Path::new("")).join("templates");
                beside.is_dir().then_some(beside)
            }
        }
    }

    /// The names of every outlet a brief may use: built-in ones and the user's.
    pub fn available(&self, brief: &Path) -> Vec<String> {
        let mut names = assets::outlet_names();
        if let Some(folder) = self.folder_for(brief) {
            for name in user_outlets(&folder) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names.sort();
        names
    }

    /// Resolve an outlet by name for a brief, checking its settings and fonts.
    pub fn resolve(&self, name: &str, brief: &Path, catalog: &dyn FontCatalog) -> Result<Outlet, Vec<Diagnostic>> {
        let user = self.folder_for(brief).map(|folder| folder.join(name)).filter(|dir| dir.is_dir());
        let user_files = match &user {
            Some(dir) => folder::read_user_outlet(dir)?,
            None => Vec::new(),
        };
        let user_settings = user_files
            .iter()
            .find(|f| f.path == SETTINGS_FILE)
            .map(|f| SourceFile::new(f.display_name.clone(), String::from_utf8_lossy(&f.bytes).into_owned()));
        let builtins = assets::outlet_names();
        let base = match &user_settings {
            Some(file) => declared_base(file).unwrap_or_else(|| default_base(name, &builtins)),
            None => default_base(name, &builtins),
        };
        if user.is_none() && !builtins.contains(&name.to_string()) {
            let hint = match did_you_mean(name, &builtins.iter().map(String::as_str).collect::<Vec<_>>()) {
                Some(close) => msg!("hint-outlet-did-you-mean", suggestion = close, outlets = builtins.join(", ")),
                None => msg!("hint-available-outlets", outlets = builtins.join(", ")),
            };
            return Err(vec![
                Diagnostic::error(Code::UnknownOutlet, msg!("unknown-outlet", outlet = name)).with_hint(hint),
            ]);
        }
        if !builtins.contains(&base) {
            let mut unknown = Diagnostic::error(Code::UnknownOutlet, msg!("unknown-base", base = &base))
                .with_hint(msg!("hint-builtin-outlets", outlets = builtins.join(", ")));
            if let Some(file) = &user_settings {
                unknown = match declared_base_spanned(file) {
                    Some((_, span)) => unknown.at(file, span),
                    None => unknown.in_path(file.name.clone()),
                };
            }
            return Err(vec![unknown]);
        }

        // Files, first hit wins: user, then the base, then the default.
        let mut layers: Vec<Vec<OutletFile>> = vec![builtin_files(DEFAULT_OUTLET)];
        if base != DEFAULT_OUTLET {
            layers.push(builtin_files(&base));
        }
        layers.push(user_files);
        let mut files: Vec<OutletFile> = Vec::new();
        let mut settings_files: Vec<Arc<SourceFile>> = Vec::new();
        for layer in layers {
            for file in layer {
                if file.path == SETTINGS_FILE {
                    let text = String::from_utf8_lossy(&file.bytes).into_owned();
                    settings_files.push(SourceFile::new(file.display_name.clone(), text));
                    continue;
                }
                files.retain(|existing| existing.path != file.path);
                files.push(file);
            }
        }
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let (fonts, mut problems) = fonts::check_fonts(&files, catalog);
        // Without its fonts, every family the outlet names would be reported unknown as well.
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        // The outlet's own families may be named in [fonts] like the embedded ones.
        let mut families = catalog.embedded_families();
        for family in fonts.iter().flat_map(|font| &font.families) {
            if !families.contains(family) {
                families.push(family.clone());
            }
        }
        let context = LayerContext { files: &paths, families: &families };
        let mut merged = Value::Object(Default::default());
        for file in &settings_files {
            match check::check_layer(file, &context) {
                Ok(layer) => check::merge(&mut merged, layer),
                Err(mut errors) => problems.append(&mut errors),
            }
        }
        if !files.iter().any(|f| f.path == MAIN_FILE) {
            problems
                .push(Diagnostic::error(Code::TemplateError, msg!("no-main-file", outlet = name, file = MAIN_FILE)));
        }
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        let settings = Settings::from_merged(merged).map_err(|why| {
            let message = msg!("incomplete-settings", outlet = name, detail = why.to_string());
            vec![Diagnostic::error(Code::Internal, message).with_hint(msg!("internal-error-hint"))]
        })?;
        let print = &settings.print;
        if print.standards.contains(&settings::Standard::PdfX4) && print.bleed <= 0.0 && !print.crop_marks {
            // Typst marks the trim (a TrimBox) on pages with bleed only, and PDF/X needs it.
            let mut needs_trim =
                Diagnostic::error(Code::BadValue, msg!("pdf-x-needs-trim")).with_hint(msg!("hint-pdf-x-needs-trim"));
            if let Some((file, at)) =
                settings_files.iter().rev().find_map(|f| f.text.find("standards").map(|at| (f, at)))
            {
                needs_trim = needs_trim.at(file, at..at + "standards".len());
            }
            return Err(vec![needs_trim]);
        }
        let warnings = problems;
        let fingerprint = fingerprint(&settings, &files);
        Ok(Outlet { name: name.to_string(), files, settings, fonts, warnings, settings_files, fingerprint })
    }
}

/// The built-in outlet a user outlet builds on when it does not say: the built-in one of the
/// same name, if any, else the default.
fn default_base(name: &str, builtins: &[String]) -> String {
    if builtins.iter().any(|b| b == name) { name.to_string() } else { DEFAULT_OUTLET.to_string() }
}

/// The `outlet.base` a user's settings declare, read leniently (errors are reported later).
fn declared_base(file: &SourceFile) -> Option<String> {
    declared_base_spanned(file).map(|(base, _)| base)
}

/// The declared `outlet.base` and where its value is in the file.
fn declared_base_spanned(file: &SourceFile) -> Option<(String, std::ops::Range<usize>)> {
    let root = toml::de::DeTable::parse(&file.text).ok()?;
    let toml::de::DeValue::Table(outlet) = root.get_ref().get("outlet")?.get_ref() else { return None };
    let base = outlet.get("base")?;
    let toml::de::DeValue::String(name) = base.get_ref() else { return None };
    Some((name.to_string(), base.span()))
}

/// Look up a built-in outlet by name, layered over the default outlet, with default settings;
/// `catalog` knows the fonts.
pub fn builtin(name: &str, catalog: &dyn FontCatalog) -> Option<Outlet> {
    if !assets::outlet_names().iter().any(|n| n == name) {
        return None;
    }
    Lookup::default().resolve(name, Path::new(""), catalog).ok()
}

pub(super) fn builtin_files(outlet: &str) -> Vec<OutletFile> {
    assets::outlet_files(outlet)
        .unwrap_or_default()
        .into_iter()
        .map(|asset| OutletFile {
            path: asset.path.to_string(),
            display_name: format!("<builtin>/{outlet}/{}", asset.path),
            bytes: Arc::from(asset.bytes),
        })
        .collect()
}

/// The fonts a user outlet folder brings in its `fonts/` folder, checked.
pub fn own_fonts(dir: &Path, catalog: &dyn FontCatalog) -> Result<Vec<OutletFont>, Vec<Diagnostic>> {
    let files = folder::read_user_outlet(dir)?;
    let (fonts, problems) = fonts::check_fonts(&files, catalog);
    if problems.iter().any(Diagnostic::is_error) { Err(problems) } else { Ok(fonts) }
}

/// The user outlets in a folder: sub-folders holding an `outlet.toml` or a `brief.typ`.
pub fn user_outlets(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let path = entry.path();
            path.is_dir() && (path.join(SETTINGS_FILE).is_file() || path.join(MAIN_FILE).is_file())
        })
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}
