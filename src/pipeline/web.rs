//! A checked brief or bulletin through the web edition: its page made with the outlet's HTML
//! templates, then written with the files it needs (stylesheet, fonts, images) — the files
//! first, the page last and atomically, so that a failed build leaves the previous page.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::bulletin::CheckedBulletin;
use super::{Built, Checked, sha256};
use crate::brief::Brief;
use crate::diag::{Code, Diagnostic, Failed};
use crate::fsio;
use crate::msg;
use crate::options::BuildOptions;
use crate::web::{self, Neighbours, WebPage};

/// Write a brief's web page to `output` (linking to nothing beside it).
pub fn write_page(checked: Checked, output: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    write_page_with(checked, output, options, &alone(output))
}

/// Write a brief's web page to `output`, linking to its `neighbours`.
pub fn write_page_with(
    checked: Checked,
    output: &Path,
    options: &BuildOptions,
    neighbours: &Neighbours,
) -> Result<Built, Failed> {
    let Checked { brief, warnings, mut timings, outlet, .. } = checked;
    if options.deny_warnings && !warnings.is_empty() {
        return Err(Failed(warnings));
    }
    let started = Instant::now();
    let page = web::brief_page(&brief, &outlet, neighbours).map_err(|errors| with(errors, &warnings))?;
    timings.render = started.elapsed();
    write_files(page, output, warnings, timings)
}

/// Write a bulletin's web page to `output`: every brief in full, under its cover's text.
pub fn write_bulletin_page(
    checked: CheckedBulletin,
    output: &Path,
    options: &BuildOptions,
    neighbours: Option<&Neighbours>,
) -> Result<Built, Failed> {
    let CheckedBulletin { bulletin, briefs, outlet, warnings, mut timings, .. } = checked;
    if options.deny_warnings && !warnings.is_empty() {
        return Err(Failed(warnings));
    }
    let started = Instant::now();
    let laid: Vec<&Brief> = briefs.iter().map(|checked| &checked.brief).collect();
    let neighbours = neighbours.cloned().unwrap_or_else(|| alone(output));
    let page = web::bulletin_page(&bulletin, &laid, &outlet, &neighbours).map_err(|errors| with(errors, &warnings))?;
    timings.render = started.elapsed();
    write_files(page, output, warnings, timings)
}

/// A page built on its own: it knows only its own name.
fn alone(output: &Path) -> Neighbours {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Neighbours { name, ..Neighbours::default() }
}

fn with(mut errors: Vec<Diagnostic>, warnings: &[Diagnostic]) -> Failed {
    errors.extend(warnings.iter().cloned());
    Failed(errors)
}

/// Write a page's files beside it (those not there yet: their names say what they hold),
/// then the page.
pub fn write_files(
    page: WebPage,
    output: &Path,
    warnings: Vec<Diagnostic>,
    mut timings: crate::options::Timings,
) -> Result<Built, Failed> {
    let started = Instant::now();
    let folder = output.parent().unwrap_or(Path::new(""));
    let mut files: Vec<PathBuf> = Vec::new();
    for file in &page.files {
        let path = folder.join(&file.path);
        if !path.is_file() {
            write(&path, &file.bytes())?;
        }
        files.push(path);
    }
    write(output, page.html.as_bytes())?;
    files.insert(0, output.to_path_buf());
    timings.write = started.elapsed();
    Ok(Built {
        output: output.to_path_buf(),
        files,
        pages: 1,
        warnings,
        timings,
        digest: Some(sha256(page.html.as_bytes())),
        inputs: Vec::new(),
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failed> {
    fsio::write_atomically(path, bytes).map_err(|err| {
        let message = msg!("cannot-write-file", detail = format!("{err:#}"));
        Failed(vec![Diagnostic::error(Code::ExportError, message).in_path(path.display().to_string())])
    })
}
