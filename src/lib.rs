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
pub mod guard;
pub mod isolate;
pub mod limits;
pub mod load;
pub mod locale;
pub mod outlet;
pub mod preview;
pub mod render;
pub mod starter;
pub mod validate;
pub mod walk;
pub mod watch;

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

/// The kind of file a build writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// One PDF.
    #[default]
    Pdf,
    /// One PNG image per page, `NAME-1.png`, `NAME-2.png`, …
    Png,
    /// One SVG image per page, `NAME-1.svg`, …
    Svg,
}

impl Format {
    /// What it is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Png => "PNG images",
            Format::Svg => "SVG images",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
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
    /// The print shop's bleed in points, for the PDF's BleedBox (print profile only).
    pub print_bleed: Option<f64>,
    /// Time spent so far.
    pub timings: Timings,
}

/// What a successful build wrote.
pub struct Built {
    /// Where the PDF was written (for images, the first image).
    pub output: PathBuf,
    /// Every file written.
    pub files: Vec<PathBuf>,
    /// How many pages were written (all of the brief's, or those `--pages` selects).
    pub pages: usize,
    /// Warnings from checking and from the template.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
    /// The SHA-256 of the PDF written, in hex (for PDFs; `None` for images).
    pub digest: Option<String>,
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
    /// PDF, or PNG/SVG images of the pages.
    pub format: Format,
    /// Pixels per inch of PNG images (default 144).
    pub ppi: Option<f32>,
    /// Only these pages (all when `None`).
    pub pages: Option<typst::layout::PageRanges>,
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
    let outlets = lookup.outlet.is_none().then_some(outlets.as_slice());
    let context = validate::Context { default_id, outlets, fonts: Some(&fonts) };
    let (mut brief, mut warnings) = validate::validate(&raw, &context).map_err(Failed)?;
    if let Some(chosen) = &lookup.outlet {
        brief.outlet = chosen.clone();
    }
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
    let print_bleed = match profile {
        Profile::Print => outlet.settings["print"]["bleed"].as_f64(),
        Profile::Screen => None,
    };
    Ok(Compiled { brief, document: rendered.document, warnings, standards, print_bleed, timings })
}

/// Check a brief and lay it out with its outlet's template (built-in outlets, screen version).
pub fn compile(path: &Path) -> Result<Compiled, Failed> {
    render_checked(check(path)?, Profile::Screen)
}

/// Export a laid-out brief to `output` (a PDF, or for images the name the page numbers are
/// added to), replacing earlier files only on success.
pub fn write_pdf(compiled: Compiled, output: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let Compiled { brief, document, warnings, standards, print_bleed, mut timings } = compiled;
    if options.deny_warnings && !warnings.is_empty() {
        return Err(Failed(warnings));
    }
    let started = Instant::now();
    // A selection outside the document would give an empty PDF in place of a good one.
    let written_pages = export::selected(&document, options.pages.as_ref()).count();
    if written_pages == 0 {
        let message = format!("no pages selected (the brief has {} pages)", document.pages().len());
        return Err(Failed(vec![Diagnostic::error(Code::ExportError, message).with_hint("check --pages")]));
    }
    // Rasterising or encoding can be made to run long or allocate without end by a template
    // (a huge image, say): it runs watched like the layout.
    let (format, ppi, pages, epoch) =
        (options.format, options.ppi.unwrap_or(144.0), options.pages.clone(), options.source_date_epoch);
    let outlet = brief.outlet.clone();
    let name = format!("export {}", brief.id);
    let encoded = guard::watched(name, move || {
        let pages = pages.as_ref();
        match format {
            Format::Pdf => {
                let print = export::Print { standards: &standards, bleed: print_bleed };
                export::pdf(&document, &brief, &print, pages, epoch).map(|bytes| vec![(0, bytes)])
            }
            Format::Png => export::png(&document, ppi, pages),
            Format::Svg => Ok(export::svg(&document, pages)),
        }
    })
    .map_err(|stopped| Failed(vec![stopped.diagnostic(&outlet, &format!("to write the {}", format.name()))]))?;
    let encoded = encoded.map_err(Failed)?;
    let files: Vec<(PathBuf, Vec<u8>)> = match options.format {
        Format::Pdf => encoded.into_iter().map(|(_, bytes)| (output.to_path_buf(), bytes)).collect(),
        Format::Png | Format::Svg => page_files(output, options.format.extension(), encoded),
    };
    let digest = (options.format == Format::Pdf).then(|| files.first().map(|(_, bytes)| batch::hex(bytes))).flatten();
    let encoded = Instant::now();
    for (path, bytes) in &files {
        export::write_atomically(path, bytes).map_err(|err| {
            Failed(vec![Diagnostic::error(Code::ExportError, format!("{err:#}")).in_path(path.display().to_string())])
        })?;
    }
    timings.export = encoded - started;
    timings.write = encoded.elapsed();
    let paths: Vec<PathBuf> = files.into_iter().map(|(path, _)| path).collect();
    Ok(Built { output: paths[0].clone(), files: paths, pages: written_pages, warnings, timings, digest })
}

/// Name one image per page: `out/x.png` → `out/x-1.png`, `out/x-2.png`, …
fn page_files(output: &Path, extension: &str, pages: Vec<(usize, Vec<u8>)>) -> Vec<(PathBuf, Vec<u8>)> {
    let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    pages
        .into_iter()
        .map(|(number, bytes)| (output.with_file_name(format!("{stem}-{number}.{extension}")), bytes))
        .collect()
}

/// Build a brief into a PDF file, replacing any earlier PDF only when the build succeeds.
pub fn build(path: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let compiled = render_checked(check_with(path, &options.lookup)?, options.profile)?;
    let output = options.output.clone().unwrap_or_else(|| path.with_extension(options.format.extension()));
    write_pdf(compiled, &output, options)
}
