//! Outlets: the template files and settings that lay a brief out, looked up by name.
//!
//! Files are looked up one by one: the user's outlet folder (`--templates DIR`, or
//! `templates/` beside the brief), then the built-in outlet it builds on, then the built-in
//! `default`; the first hit wins. Settings (`outlet.toml`) are merged in the same order, key
//! by key, so a user outlet may consist of an `outlet.toml` alone.

pub mod settings;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use typst::foundations::Bytes;

use crate::assets;
use crate::diag::{Code, Diagnostic, SourceFile, did_you_mean};
use crate::validate::DEFAULT_OUTLET;
use settings::LayerContext;

/// The name of an outlet's settings file.
pub const SETTINGS_FILE: &str = "outlet.toml";
/// The template file Typst starts from.
pub const MAIN_FILE: &str = "brief.typ";
/// The largest file a user outlet may hold (a logo, a font-free template).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The most files an outlet folder may hold.
pub const MAX_OUTLET_FILES: usize = 1000;
/// The most bytes an outlet's files may hold together (all are read before layout).
pub const MAX_OUTLET_BYTES: u64 = 50 * 1024 * 1024;
/// The most pixels a raster image in an outlet may have (decoded, it takes 4 bytes each).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// An outlet ready to lay briefs out: its files and its merged settings.
pub struct Outlet {
    /// The outlet's name, e.g. `default`.
    pub name: String,
    /// Its files (without `outlet.toml`), each path relative to the outlet folder.
    pub files: Vec<OutletFile>,
    /// The merged settings, as the template receives them.
    pub settings: Value,
}

/// One template file or asset of an outlet.
#[derive(Clone)]
pub struct OutletFile {
    /// The path relative to the outlet folder, e.g. `brief.typ`.
    pub path: String,
    /// The name diagnostics show, e.g. `<builtin>/default/brief.typ`.
    pub display_name: String,
    /// The contents.
    pub bytes: Bytes,
}

/// Where outlets are looked up besides the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// A folder holding user outlets, one folder per outlet.
    pub templates: Option<PathBuf>,
    /// An outlet to use instead of the one each brief names (`--outlet`).
    pub outlet: Option<String>,
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

    /// Resolve an outlet by name for a brief, checking its settings.
    pub fn resolve(&self, name: &str, brief: &Path, families: &[String]) -> Result<Outlet, Vec<Diagnostic>> {
        let user = self.folder_for(brief).map(|folder| folder.join(name)).filter(|dir| dir.is_dir());
        let user_files = match &user {
            Some(dir) => read_user_outlet(dir)?,
            None => Vec::new(),
        };
        let user_settings = user_files
            .iter()
            .find(|f| f.path == SETTINGS_FILE)
            .map(|f| SourceFile::new(f.display_name.clone(), String::from_utf8_lossy(f.bytes.as_slice()).into_owned()));
        let builtins = assets::outlet_names();
        let base = match &user_settings {
            Some(file) => declared_base(file).unwrap_or_else(|| default_base(name, &builtins)),
            None => default_base(name, &builtins),
        };
        if user.is_none() && !builtins.contains(&name.to_string()) {
            let hint = match did_you_mean(name, &builtins.iter().map(String::as_str).collect::<Vec<_>>()) {
                Some(close) => format!("did you mean `{close}`? outlets: {}", builtins.join(", ")),
                None => format!("outlets: {}", builtins.join(", ")),
            };
            return Err(vec![
                Diagnostic::error(Code::UnknownOutlet, format!("there is no outlet named `{name}`")).with_hint(hint),
            ]);
        }
        if !builtins.contains(&base) {
            let mut unknown = Diagnostic::error(
                Code::UnknownOutlet,
                format!("`outlet.base` names `{base}`, which is not a built-in outlet"),
            )
            .with_hint(format!("built-in outlets: {}", builtins.join(", ")));
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
                    let text = String::from_utf8_lossy(file.bytes.as_slice()).into_owned();
                    settings_files.push(SourceFile::new(file.display_name.clone(), text));
                    continue;
                }
                files.retain(|existing| existing.path != file.path);
                files.push(file);
            }
        }
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let context = LayerContext { files: &paths, families };
        let mut merged = Value::Object(Default::default());
        let mut problems = Vec::new();
        for file in &settings_files {
            match settings::check_layer(file, &context) {
                Ok(layer) => settings::merge(&mut merged, layer),
                Err(mut errors) => problems.append(&mut errors),
            }
        }
        if !files.iter().any(|f| f.path == MAIN_FILE) {
            problems.push(Diagnostic::error(Code::TemplateError, format!("outlet `{name}` has no `{MAIN_FILE}`")));
        }
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        Ok(Outlet { name: name.to_string(), files, settings: merged })
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

/// Look up a built-in outlet by name, layered over the default outlet, with default settings.
pub fn builtin(name: &str) -> Option<Outlet> {
    if !assets::outlet_names().iter().any(|n| n == name) {
        return None;
    }
    let families = crate::render::world::FontSet::embedded().families();
    Lookup::default().resolve(name, Path::new(""), &families).ok()
}

fn builtin_files(outlet: &str) -> Vec<OutletFile> {
    assets::outlet_files(outlet)
        .unwrap_or_default()
        .into_iter()
        .map(|asset| OutletFile {
            path: asset.path.to_string(),
            display_name: format!("<builtin>/{outlet}/{}", asset.path),
            bytes: Bytes::new(asset.bytes),
        })
        .collect()
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

/// Read a user outlet folder into memory: regular files only, never through a symbolic link,
/// so a template can reach nothing outside its folder.
fn read_user_outlet(dir: &Path) -> Result<Vec<OutletFile>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut total = 0u64;
    let walker = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name();
    for entry in
        walker.into_iter().filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let shown = path.display().to_string();
        if entry.path_is_symlink() {
            // A link could point anywhere on the disk: outlets hold their own files only.
            problems.push(
                Diagnostic::error(Code::BadValue, "an outlet folder may not contain symbolic links")
                    .in_path(shown)
                    .with_hint("copy the file into the outlet folder instead"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = path.strip_prefix(dir) else { continue };
        let relative = relative.to_string_lossy().replace('\\', "/");
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                problems.push(
                    Diagnostic::error(
                        Code::TooLarge,
                        format!("the file is larger than {} MB", MAX_FILE_BYTES / 1024 / 1024),
                    )
                    .in_path(shown),
                );
                continue;
            }
            Err(err) => {
                problems.push(
                    Diagnostic::error(Code::FileUnreadable, format!("cannot read the file: {err}")).in_path(shown),
                );
                continue;
            }
            Ok(meta) if has_other_names(&meta) => {
                // A hard link is the same file as one elsewhere on the disk, which the outlet
                // must not be able to read.
                problems.push(
                    Diagnostic::error(Code::BadValue, "an outlet folder may not contain hard links")
                        .in_path(shown)
                        .with_hint("copy the file into the outlet folder instead"),
                );
                continue;
            }
            Ok(_) => {}
        }
        if files.len() >= MAX_OUTLET_FILES {
            let message = format!("an outlet folder may hold at most {MAX_OUTLET_FILES} files");
            problems.push(Diagnostic::error(Code::TooLarge, message).in_path(dir.display().to_string()));
            break;
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                total += bytes.len() as u64;
                if total > MAX_OUTLET_BYTES {
                    let message = format!("an outlet's files may be at most {} MB together", MAX_OUTLET_BYTES >> 20);
                    problems.push(Diagnostic::error(Code::TooLarge, message).in_path(dir.display().to_string()));
                    break;
                }
                if let Some(problem) = oversized_image(&bytes) {
                    problems.push(Diagnostic::error(Code::TooLarge, problem).in_path(shown).with_hint(
                        "scale the image down; a page needs about 3,500 × 2,500 pixels at print resolution",
                    ));
                    continue;
                }
                files.push(OutletFile { path: relative, display_name: shown, bytes: Bytes::new(bytes) })
            }
            Err(err) => problems
                .push(Diagnostic::error(Code::FileUnreadable, format!("cannot read the file: {err}")).in_path(shown)),
        }
    }
    if problems.iter().any(Diagnostic::is_error) { Err(problems) } else { Ok(files) }
}

/// Why a raster image is too large to lay out, judged from its header: Typst decodes images
/// whole, and a 74-byte PNG can claim a million pixels square (an allocation that aborts).
/// An SVG (or any file) is checked for the raster images it carries as `data:` URLs.
fn oversized_image(bytes: &[u8]) -> Option<String> {
    // Typst tells images apart by their bytes, not their names: look at every file.
    oversized_raster(bytes).or_else(|| {
        embedded_rasters(bytes)
            .find_map(|raster| oversized_raster(&raster))
            .map(|why| format!("{why} (inside the file, as a data: URL)"))
    })
}

/// Base64 as SVG writers produce it: padded or not.
const LENIENT: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The raster images an SVG carries as base64 `data:image/…` URLs, decoded.
fn embedded_rasters(svg: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    use base64::Engine as _;
    let text = String::from_utf8_lossy(svg);
    let mut found = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find("data:image/") {
        rest = &rest[start..];
        let Some(comma) = rest.find(',') else { break };
        let header = &rest[..comma];
        rest = &rest[comma + 1..];
        if !header.contains(";base64") {
            continue;
        }
        let end = rest.find(['"', '\'', ')', '<']).unwrap_or(rest.len());
        let payload: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
        if let Ok(raster) = LENIENT.decode(&payload) {
            found.push(raster);
        }
        rest = &rest[end..];
    }
    found.into_iter()
}

/// Why `bytes`, if they are an image of a kind Typst decodes, are too large to lay out.
fn oversized_raster(bytes: &[u8]) -> Option<String> {
    use imagesize::ImageType;
    // Only formats Typst decodes: other signatures can start an ordinary text file.
    let decoded = matches!(
        imagesize::image_type(bytes).ok()?,
        ImageType::Png | ImageType::Jpeg | ImageType::Gif | ImageType::Webp | ImageType::Bmp
    );
    if !decoded {
        return None;
    }
    let size = imagesize::blob_size(bytes).ok()?;
    let pixels = size.width as u64 * size.height as u64;
    (pixels > MAX_IMAGE_PIXELS).then(|| {
        format!(
            "the image is {} × {} pixels ({} million); an outlet image may have at most {} million",
            size.width,
            size.height,
            pixels / 1_000_000,
            MAX_IMAGE_PIXELS / 1_000_000
        )
    })
}

/// Whether a file has other names (hard links) besides this one.
fn has_other_names(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Copy a built-in outlet's files into `templates/NAME/` to start a new outlet, and return
/// the folder. Refuses to overwrite anything.
pub fn scaffold(name: &str, from: &str, templates: &Path) -> anyhow::Result<PathBuf> {
    let builtins = assets::outlet_names();
    if !builtins.iter().any(|b| b == from) {
        anyhow::bail!("there is no built-in outlet `{from}`; built-in outlets: {}", builtins.join(", "));
    }
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        anyhow::bail!("`{name}` cannot be an outlet name: use letters, digits, `-` and `_`");
    }
    let folder = templates.join(name);
    if folder.exists() {
        anyhow::bail!("`{}` already exists; choose another name or remove it first", folder.display());
    }
    let mut files: Vec<OutletFile> = builtin_files(DEFAULT_OUTLET);
    for file in builtin_files(from) {
        files.retain(|f| f.path != file.path);
        files.push(file);
    }
    for file in &files {
        let target = folder.join(&file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let bytes = if file.path == SETTINGS_FILE {
            own_settings(&String::from_utf8_lossy(file.bytes.as_slice()), name, from).into_bytes()
        } else {
            file.bytes.as_slice().to_vec()
        };
        crate::export::write_atomically(&target, &bytes)?;
    }
    Ok(folder)
}

/// Rewrite a built-in `outlet.toml` for a new outlet: its `[outlet]` table names the new
/// outlet and the built-in one it builds on; every other setting is kept for editing.
fn own_settings(text: &str, name: &str, from: &str) -> String {
    let mut out = format!(
        "# Outlet `{name}`, started from mujaz's built-in `{from}` outlet.\n\
         # Settings here override those of `{from}` (and of `default` beneath it) key by key;\n\
         # delete what you do not change. Template files in this folder override the built-in ones.\n\n\
         [outlet]\nbase = \"{from}\"\nname = {{ ar = \"{name}\", en = \"{name}\" }}\n# logo = \"logo.svg\"\n"
    );
    let mut in_outlet_table = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_outlet_table = trimmed == "[outlet]";
            if in_outlet_table {
                continue;
            }
        }
        if !in_outlet_table {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
