//! Finding the briefs a batch builds: files as given, folders searched for `*.toml`.

use std::path::{Path, PathBuf};

use crate::outlet::SETTINGS_FILE;

/// The file extension of briefs.
const BRIEF_EXTENSION: &str = "toml";
/// Settings files that live among briefs but are not briefs.
const NOT_BRIEFS: &[&str] = &[SETTINGS_FILE, "Cargo.toml", "mujaz.toml"];

/// Expand files and folders into brief files: a folder means every `*.toml` under it,
/// recursively, sorted by path; hidden folders are skipped. A path named twice is built once.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut briefs: Vec<PathBuf> = Vec::new();
    // One file named two ways (`in/a.toml`, `./in/../in/a.toml`) is one brief.
    let mut seen = std::collections::HashSet::new();
    let mut first_time = |path: &Path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
    for path in paths {
        // A folder named like a brief (`x.toml/`) is a mistake, not a folder of briefs.
        if !path.is_dir() || path.extension().is_some_and(|ext| ext == BRIEF_EXTENSION) {
            // A missing or odd path is reported by the build itself, with its own diagnostic.
            if first_time(path) {
                briefs.push(path.clone());
            }
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| {
                // Hidden folders and outlet folders (their TOML files are settings and data).
                entry.depth() == 0
                    || !(entry.file_name().to_string_lossy().starts_with('.')
                        || entry.file_type().is_dir() && entry.path().join(SETTINGS_FILE).is_file())
            })
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| entry.into_path())
            .filter(|path| {
                path.extension().is_some_and(|ext| ext == BRIEF_EXTENSION)
                    && !path.file_name().is_some_and(|name| NOT_BRIEFS.iter().any(|n| name == *n))
            })
            .collect();
        found.sort();
        found.retain(|brief| first_time(brief));
        briefs.extend(found);
    }
    briefs
}
