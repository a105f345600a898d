//! mujaz compiles structured briefing documents, written in TOML, into print-ready PDFs laid
//! out by an outlet's Typst template, with Arabic as the first-class case.
//!
//! The pipeline runs one way: [`load`] reads and parses the file, [`validate`] checks it into
//! a [`Brief`], [`render`] lays it out with Typst, and [`export`] writes the PDF.

pub mod assets;
pub mod batch;
pub mod brief;
pub mod diag;
pub mod export;
pub mod load;
pub mod locale;
pub mod outlet;
pub mod render;
pub mod validate;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use brief::Brief;
use diag::{Code, SourceFile};
pub use diag::{Diagnostic, Failed};
use render::world::FontSet;
use typst_layout::PagedDocument;

/// How long each stage of one build took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and parsing the TOML.
    pub load: Duration,
    /// Checking it into a `Brief`.
    pub validate: Duration,
    /// Laying it out with Typst.
    pub render: Duration,
    /// Encoding the PDF.
    pub export: Duration,
    /// Writing the file.
    pub write: Duration,
}

/// Which version of a brief to make.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Profile {
    /// For reading on screen: RGB colours, no bleed or marks.
    #[default]
    Screen,
    /// For the print shop: CMYK colours, bleed with a TrimBox, crop marks, and the outlet's
    /// PDF standard (PDF/A-2b, PDF/UA-1).
    Print,
}

/// A brief that passed validation, with its warnings and its outlet.
pub struct Checked {
    /// The file the brief was read from, as given.
    pub path: PathBuf,
    /// The brief's text, for hashing and for diagnostics.
    pub source: Arc<SourceFile>,
    /// The checked brief.
    pub brief: Brief,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
    /// The outlet that lays the brief out, its settings checked.
    pub outlet: outlet::Outlet,
    /// Time spent so far.
    pub timings: Timings,
}

/// A brief laid out into pages.
pub struct Compiled {
    /// The checked brief.
    pub brief: Brief,
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Warnings from checking and from the template.
    pub warnings: Vec<Diagnostic>,
    /// The PDF standards to claim (print profile only).
    pub standards: Vec<String>,
    /// Time spent so far.
    pub timings: Timings,
}

/// What a successful build wrote.
pub struct Built {
    /// Where the PDF was written.
    pub output: PathBuf,
    /// How many pages it has.
    pub pages: usize,
    /// Warnings from checking and from the template.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
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
    /// Where user outlets are looked up.
    pub lookup: outlet::Lookup,
    /// The screen or the print version.
    pub profile: Profile,
}

/// Read and check a brief file (and its outlet), reporting every problem in them.
pub fn check(path: &Path) -> Result<Checked, Failed> {
    check_with(path, &outlet::Lookup::default())
}

/// Read and check a brief, looking user outlets up as `lookup` says.
pub fn check_with(path: &Path, lookup: &outlet::Lookup) -> Result<Checked, Failed> {
    let started = Instant::now();
    let source = load::read(path).map_err(|d| Failed(vec![d]))?;
    let raw = load::parse(&source).map_err(Failed)?;
    let loaded = Instant::now();
    let default_id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("brief");
    let outlets = lookup.available(path);
    let fonts = FontSet::embedded();
    let context = validate::Context { default_id, outlets: &outlets, fonts: Some(&fonts) };
    let (brief, mut warnings) = validate::validate(&raw, &context).map_err(Failed)?;
    let outlet = lookup.resolve(&brief.outlet, path, &fonts.families()).map_err(|mut errors| {
        errors.append(&mut warnings);
        Failed(errors)
    })?;
    let timings = Timings { load: loaded - started, validate: loaded.elapsed(), ..Timings::default() };
    Ok(Checked { path: path.to_path_buf(), source, brief, warnings, outlet, timings })
}

/// Lay a checked brief out with its outlet's template, as the screen or the print version.
pub fn render_checked(checked: Checked, profile: Profile) -> Result<Compiled, Failed> {
    let Checked { brief, mut warnings, mut timings, outlet, .. } = checked;
    let started = Instant::now();
    let rendered = render::render(&brief, &outlet, profile, FontSet::embedded()).map_err(|mut errors| {
        errors.extend(warnings.iter().cloned());
        Failed(errors)
    })?;
    timings.render = started.elapsed();
    warnings.extend(rendered.warnings);
    let standards = match profile {
        Profile::Print => outlet.settings["print"]["standards"]
            .as_array()
            .map(|list| list.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
            .unwrap_or_default(),
        Profile::Screen => Vec::new(),
    };
    Ok(Compiled { brief, document: rendered.document, warnings, standards, timings })
}

/// Check a brief and lay it out with its outlet's template (built-in outlets, screen version).
pub fn compile(path: &Path) -> Result<Compiled, Failed> {
    render_checked(check(path)?, Profile::Screen)
}

/// The default output path of a brief: beside it, with the extension `.pdf`.
pub fn default_output(path: &Path) -> PathBuf {
    path.with_extension("pdf")
}

/// Export a laid-out brief as PDF to `output`, replacing an earlier file only on success.
pub fn write_pdf(compiled: Compiled, output: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let Compiled { brief, document, warnings, standards, mut timings } = compiled;
    if options.deny_warnings && !warnings.is_empty() {
        return Err(Failed(warnings));
    }
    let started = Instant::now();
    let bytes = export::pdf(&document, &brief, &standards, options.source_date_epoch).map_err(Failed)?;
    let encoded = Instant::now();
    export::write_atomically(output, &bytes).map_err(|err| {
        Failed(vec![Diagnostic::error(Code::ExportError, format!("{err:#}")).in_path(output.display().to_string())])
    })?;
    timings.export = encoded - started;
    timings.write = encoded.elapsed();
    Ok(Built { output: output.to_path_buf(), pages: document.pages().len(), warnings, timings })
}

/// Build a brief into a PDF file, replacing any earlier PDF only when the build succeeds.
pub fn build(path: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let compiled = render_checked(check_with(path, &options.lookup)?, options.profile)?;
    let output = options.output.clone().unwrap_or_else(|| default_output(path));
    write_pdf(compiled, &output, options)
}
