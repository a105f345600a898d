//! mujaz compiles structured briefing documents, written in TOML, into print-ready PDFs laid
//! out by an outlet's Typst template, with Arabic as the first-class case.
//!
//! The pipeline runs one way: [`load`] reads and parses the file, [`validate`] checks it into
//! a [`Brief`], [`render`] lays it out with Typst, and [`export`] writes the PDF.

pub mod assets;
pub mod brief;
pub mod diag;
pub mod export;
pub mod load;
pub mod outlet;
pub mod render;
pub mod validate;

use std::path::{Path, PathBuf};

pub use brief::Brief;
use diag::Code;
pub use diag::{Diagnostic, Failed};
use typst_layout::PagedDocument;

/// A brief that passed validation, with its warnings.
pub struct Checked {
    /// The checked brief.
    pub brief: Brief,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
}

/// A brief laid out into pages.
pub struct Compiled {
    /// The checked brief.
    pub brief: Brief,
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Warnings from checking and from the template.
    pub warnings: Vec<Diagnostic>,
}

/// What a successful build wrote.
pub struct Built {
    /// Where the PDF was written.
    pub output: PathBuf,
    /// How many pages it has.
    pub pages: usize,
    /// Warnings from checking and from the template.
    pub warnings: Vec<Diagnostic>,
}

/// Options for [`build`].
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Where to write the PDF; by default beside the brief, with the extension `.pdf`.
    pub output: Option<PathBuf>,
    /// Treat warnings as errors: nothing is written when there are any.
    pub deny_warnings: bool,
    /// Seconds since 1970 to date the PDF with instead of the brief's date.
    pub source_date_epoch: Option<i64>,
}

/// Read and check a brief file, reporting every problem in it.
pub fn check(path: &Path) -> Result<Checked, Failed> {
    let file = load::read(path).map_err(|d| Failed(vec![d]))?;
    let raw = load::parse(&file).map_err(Failed)?;
    let default_id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("brief");
    let outlets = outlet::available();
    let fonts = render::world::FontSet::embedded();
    let context = validate::Context { default_id, outlets: &outlets, fonts: Some(&fonts) };
    let (brief, warnings) = validate::validate(&raw, &context).map_err(Failed)?;
    Ok(Checked { brief, warnings })
}

/// Check a brief and lay it out with its outlet's template.
pub fn compile(path: &Path) -> Result<Compiled, Failed> {
    let Checked { brief, mut warnings } = check(path)?;
    let outlet = outlet::builtin(&brief.outlet).ok_or_else(|| {
        Failed(vec![Diagnostic::error(Code::UnknownOutlet, format!("outlet `{}` has no files", brief.outlet))])
    })?;
    let rendered = render::render(&brief, &outlet, render::world::FontSet::embedded()).map_err(|mut errors| {
        errors.extend(warnings.iter().cloned());
        Failed(errors)
    })?;
    warnings.extend(rendered.warnings);
    Ok(Compiled { brief, document: rendered.document, warnings })
}

/// The default output path of a brief: beside it, with the extension `.pdf`.
pub fn default_output(path: &Path) -> PathBuf {
    path.with_extension("pdf")
}

/// Build a brief into a PDF file, replacing any earlier PDF only when the build succeeds.
pub fn build(path: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let Compiled { brief, document, warnings } = compile(path)?;
    if options.deny_warnings && !warnings.is_empty() {
        let mut denied = warnings;
        for warning in &mut denied {
            warning.severity = diag::Severity::Error;
        }
        return Err(Failed(denied));
    }
    let bytes = export::pdf(&document, &brief, options.source_date_epoch).map_err(Failed)?;
    let output = options.output.clone().unwrap_or_else(|| default_output(path));
    export::write_atomically(&output, &bytes).map_err(|err| {
        Failed(vec![Diagnostic::error(Code::ExportError, format!("{err:#}")).in_path(output.display().to_string())])
    })?;
    Ok(Built { output, pages: document.pages().len(), warnings })
}
