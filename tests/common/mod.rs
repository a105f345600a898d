//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures").join(path)
}

/// The seed brief's source text.
pub fn seed_text() -> String {
    std::fs::read_to_string(fixture("seed/000_8d2327352cb9dc1c.txt")).expect("seed text")
}

/// The Arabic sample brief made from the seed.
pub fn seed_brief() -> PathBuf {
    root().join("briefs/egypt-pakistan-2025-09.toml")
}

/// The English sample brief.
pub fn english_brief() -> PathBuf {
    root().join("briefs/red-sea-shipping-2024.toml")
}

/// Run the `mujaz` binary with arguments in a folder.
pub fn mujaz(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mujaz"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        // English unless a test asks for another language, whatever the machine's locale.
        .env("MUJAZ_LANG", "en")
        .output()
        .expect("run mujaz")
}

/// Collapse whitespace away, so text laid out over several lines compares equal to the source.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of a compiled brief's pages, whitespace removed, pages joined in order.
pub fn document_text(brief: &Path) -> (String, Vec<String>) {
    let compiled = match mujaz::compile(brief) {
        Ok(compiled) => compiled,
        Err(failed) => panic!("{brief:?} failed: {:#?}", failed.0),
    };
    let pages = compiled.document.page_texts();
    (squash(&pages.concat()), pages)
}

/// Split a text into sentences the way an editor would count them (at . ؟ ? ! before a space),
/// skipping section labels such as `الخبر:`.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.ends_with(':')) {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '؟' | '?' | '!') && chars.peek().is_some_and(|n| n.is_whitespace()) {
                out.push(std::mem::take(&mut current).trim().to_string());
            }
        }
        if !current.trim().is_empty() {
            out.push(current.trim().to_string());
        }
    }
    out
}

/// Editing a fixture's text: a replacement that fails the test when the text to replace is
/// not there (a fixture that changed would otherwise leave the test testing nothing).
pub trait Edit {
    /// The text with every `from` replaced by `to`; panics when there is no `from`.
    fn edited(&self, from: &str, to: &str) -> String;
}

impl Edit for str {
    fn edited(&self, from: &str, to: &str) -> String {
        assert!(self.contains(from), "the fixture no longer contains {from:?}");
        self.replace(from, to)
    }
}

/// Every file under `dir` (at any depth) whose name ends in `.EXTENSION`, sorted by path.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}
