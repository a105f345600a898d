//! One brief through the stages: load and validate it ([`check_in`]), lay it out
//! ([`render_checked`]), encode and write it ([`write_output`]). The programs that drive
//! builds (a single build, a batch, watch, preview) all go through here.

pub mod bulletin;
pub mod web;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::brief::Brief;
use crate::diag::{Code, Diagnostic, Failed, Severity, SourceFile};
use crate::export::{self, Encoding, Identity, Print};
use crate::msg;
use crate::options::{BuildOptions, Format, Lookup, Profile, Timings};
use crate::outlet::settings::Standard;
use crate::outlet::{Outlet, Outlets};
use crate::render::fonts::FontSet;
use crate::render::{self, Document};
use crate::{fsio, guard, images, load, validate};

/// A brief that passed validation, with its warnings and its outlet.
#[derive(Clone)]
pub struct Checked {
    /// The file the brief was read from, as given.
    pub path: PathBuf,
    /// The brief's text, for hashing and for diagnostics.
    pub source: Arc<SourceFile>,
    /// The checked brief.
    pub brief: Brief,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
    /// The outlet that lays the brief out, its settings checked (shared by a batch's briefs).
    pub outlet: Arc<Outlet>,
    /// Where the brief sets its outlet, status and embargo (for a bulletin's warnings).
    pub head: validate::HeadSpans,
    /// Time spent so far.
    pub timings: Timings,
}

/// A brief laid out into pages.
pub struct Compiled {
    /// The checked brief.
    pub brief: Brief,
    /// The laid-out pages.
    pub document: Document,
    /// Warnings from checking and from the template.
    pub warnings: Vec<Diagnostic>,
    /// What the print version adds to the PDF (nothing for the screen version).
    pub print: Print,
    /// Time spent so far.
    pub timings: Timings,
}

/// What a successful build wrote.
#[derive(Debug, Clone)]
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
    /// The files the output was made from (the brief and its images; a bulletin's file, briefs
    /// and images), for `watch` to follow; empty when not known (a batch worker's build).
    pub inputs: Vec<PathBuf>,
}

/// Read and check a brief file (and its outlet, built-in outlets only), reporting every
/// problem in them.
pub fn check(path: &Path) -> Result<Checked, Failed> {
    check_with(path, &Lookup::default())
}

/// Read and check a brief for the screen version, looking user outlets up as `lookup` says.
pub fn check_with(path: &Path, lookup: &Lookup) -> Result<Checked, Failed> {
    check_in(path, &Checking { lookup, profile: Profile::Screen, outlets: &Outlets::default() })
}

/// How briefs are checked: where outlets are looked up, for which version, and the outlets
/// resolved so far (each once for all the briefs checked with it).
#[derive(Clone, Copy)]
pub struct Checking<'a> {
    /// Where user outlets are looked up.
    pub lookup: &'a Lookup,
    /// The version the brief is checked for: the print version's PDF standard may forbid
    /// what the screen version only warns about.
    pub profile: Profile,
    /// The outlets resolved so far.
    pub outlets: &'a Outlets,
}

/// Read and check a brief.
pub fn check_in(path: &Path, checking: &Checking<'_>) -> Result<Checked, Failed> {
    let started = Instant::now();
    let source = load::read(path).map_err(|d| Failed(vec![d]))?;
    check_text(path, source, checking, started)
}

/// Check a brief whose text was already read (a batch worker gets it from the batch).
pub fn check_source(path: &Path, source: Arc<SourceFile>, checking: &Checking<'_>) -> Result<Checked, Failed> {
    check_text(path, source, checking, Instant::now())
}

fn check_text(
    path: &Path,
    source: Arc<SourceFile>,
    checking: &Checking<'_>,
    started: Instant,
) -> Result<Checked, Failed> {
    let Checking { lookup, profile, outlets } = *checking;
    let raw = load::parse(&source).map_err(Failed)?;
    let loaded = Instant::now();
    let default_id =
        crate::brief::id_from_file_name(&path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default());
    let default_id = default_id.as_str();
    let available = lookup.available(path);
    let embedded = FontSet::embedded();
    let names = lookup.outlet.is_none().then_some(available.as_slice());
    // Characters are held against the fonts once the outlet is known: it may bring its own.
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let context = validate::Context { default_id, outlets: names, fonts: None, folder };
    let with_glyphs = |mut diagnostics: Vec<Diagnostic>, fonts: &FontSet| {
        diagnostics.extend(validate::missing_glyphs(&raw, fonts));
        diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
        diagnostics
    };
    let (mut brief, warnings) =
        validate::validate(&raw, &context).map_err(|errors| Failed(with_glyphs(errors, &embedded)))?;
    if let Some(chosen) = &lookup.outlet {
        brief.outlet = chosen.clone();
    }
    let outlet = outlets.resolve(lookup, &brief.outlet, path, embedded.as_ref()).map_err(|mut errors| {
        errors.extend(with_glyphs(warnings.clone(), &embedded));
        Failed(errors)
    })?;
    let fonts = FontSet::for_outlet(&outlet);
    let mut warnings = with_glyphs(warnings, &fonts);
    warnings.extend(outlet.warnings.iter().cloned());
    warnings.extend(outlet.missing_glyphs(brief.lang, fonts.as_ref()));
    // An image Typst cannot decode is reported at its `file = …`, not as a template error.
    let undecodable: Vec<Diagnostic> = brief
        .figures
        .iter()
        .filter_map(|figure| {
            let why = render::image_problem(&figure.bytes, &figure.path)?;
            let message = msg!("figure-undecodable", file = &figure.file, detail = why);
            Some(
                Diagnostic::error(Code::BadValue, message)
                    .at(&source, figure.file_span.clone())
                    .with_hint(msg!("hint-figure-undecodable")),
            )
        })
        .collect();
    if !undecodable.is_empty() {
        return Err(Failed(undecodable.into_iter().chain(warnings).collect()));
    }
    if profile == Profile::Print {
        warnings.extend(outlet.rgb_images());
        // Typst writes an SVG's colours as RGB, whatever the SVG says.
        let rgb = |f: &&crate::brief::Figure| {
            images::colour_model(&f.bytes) == Some(images::ColourModel::Rgb) || f.path.ends_with(".svg")
        };
        warnings.extend(brief.figures.iter().filter(rgb).map(|figure| {
            Diagnostic::warning(Code::RgbImage, msg!("rgb-figure", file = &figure.file))
                .at(&source, figure.file_span.clone())
                .with_hint(match figure.path.ends_with(".svg") {
                    true => msg!("hint-rgb-svg-figure"),
                    false => msg!("hint-rgb-figure"),
                })
        }));
        warnings = forbid_missing_glyphs(warnings, &outlet.settings.print.standards, &fonts.families());
        if warnings.iter().any(Diagnostic::is_error) {
            return Err(Failed(warnings));
        }
    }
    let timings = Timings { load: loaded - started, validate: loaded.elapsed(), ..Timings::default() };
    let head = validate::head_spans(&raw);
    Ok(Checked { path: path.to_path_buf(), source, brief, warnings, outlet, head, timings })
}

/// In a print version that claims a PDF standard, a character no font draws is an error where
/// it is written (PDF/A and PDF/UA forbid a glyph that shows nothing), rather than an export
/// error that Typst cannot locate.
fn forbid_missing_glyphs(warnings: Vec<Diagnostic>, standards: &[Standard], families: &[String]) -> Vec<Diagnostic> {
    if standards.is_empty() {
        return warnings;
    }
    let names: Vec<&str> = standards.iter().map(|s| s.name()).collect();
    let settings: Vec<String> = standards.iter().map(|s| format!("\"{}\"", s.setting())).collect();
    warnings
        .into_iter()
        .map(|warning| {
            if warning.code != Code::MissingGlyph {
                return warning;
            }
            let message =
                msg!("glyph-forbidden-in-print", problem = warning.message.clone(), standards = names.join(", "));
            let hint =
                msg!("hint-glyph-forbidden-in-print", fonts = families.join(", "), settings = settings.join(", "));
            Diagnostic {
                severity: Severity::Error,
                code: Code::ForbiddenGlyph,
                message,
                hint: Some(Box::new(hint)),
                ..warning
            }
        })
        .collect()
}

/// Lay a checked brief out with its outlet's template, as the screen or the print version.
pub fn render_checked(checked: Checked, profile: Profile) -> Result<Compiled, Failed> {
    let Checked { brief, mut warnings, mut timings, outlet, .. } = checked;
    let started = Instant::now();
    let rendered = render::render(&brief, &outlet, profile, FontSet::for_outlet(&outlet)).map_err(|mut errors| {
        errors.extend(warnings.iter().cloned());
        Failed(errors)
    })?;
    timings.render = started.elapsed();
    warnings.extend(rendered.warnings);
    let print = print_of(&outlet, profile);
    Ok(Compiled { brief, document: rendered.document, warnings, print, timings })
}

/// What the print version adds to the PDF, by the outlet's `[print]` settings (nothing for the
/// screen version).
fn print_of(outlet: &Outlet, profile: Profile) -> Print {
    match profile {
        Profile::Print => Print {
            standards: outlet.settings.print.standards.clone(),
            bleed: Some(outlet.settings.print.bleed),
            for_press: true,
        },
        Profile::Screen => Print::default(),
    }
}

/// Check a brief and lay it out with its outlet's template (built-in outlets, screen version).
pub fn compile(path: &Path) -> Result<Compiled, Failed> {
    render_checked(check(path)?, Profile::Screen)
}

/// Export a laid-out brief to `output` (a PDF, or for images the name the page numbers are
/// added to), replacing earlier files only on success.
pub fn write_output(compiled: Compiled, output: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let Compiled { brief, document, warnings, print, timings } = compiled;
    let laid_out =
        LaidOut { identity: Identity::of(&brief), outlet: brief.outlet.clone(), document, warnings, print, timings };
    write_document(laid_out, output, options)
}

impl Checked {
    /// The files the brief is made from: its own file and its figures' images.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let folder = self.path.parent().unwrap_or(Path::new(""));
        std::iter::once(self.path.clone())
            .chain(self.brief.figures.iter().map(|figure| folder.join(&figure.file)))
            .collect()
    }
}

/// A laid-out document (a brief or a bulletin) and what writing it needs to know.
pub(crate) struct LaidOut {
    /// What names and dates the PDF.
    pub identity: Identity,
    /// The outlet's name, for messages.
    pub outlet: String,
    /// The pages.
    pub document: Document,
    /// Warnings from checking and from the template.
    pub warnings: Vec<Diagnostic>,
    /// What the print version adds.
    pub print: Print,
    /// Time spent so far.
    pub timings: Timings,
}

/// Export a laid-out document to `output`, replacing earlier files only on success.
pub(crate) fn write_document(laid_out: LaidOut, output: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let LaidOut { identity, outlet, document, warnings, print, mut timings } = laid_out;
    if options.deny_warnings && !warnings.is_empty() {
        return Err(Failed(warnings));
    }
    let started = Instant::now();
    // A selection outside the document would give an empty PDF in place of a good one.
    let written_pages = export::selected_count(&document, options.pages.as_ref());
    if written_pages == 0 {
        let message = msg!("no-pages-selected", pages = document.page_count());
        return Err(Failed(vec![Diagnostic::error(Code::ExportError, message).with_hint(msg!("hint-check-pages"))]));
    }
    // Rasterising or encoding can be made to run long or allocate without end by a template
    // (a huge image, say): it runs watched like the layout.
    let encoding = Encoding {
        format: options.format,
        ppi: options.ppi.unwrap_or(144.0),
        pages: options.pages.clone(),
        source_date_epoch: options.source_date_epoch,
        print,
    };
    let name = format!("export {}", identity.id);
    let encoded = guard::watched(name, move || export::encode(&document, &identity, &encoding))
        .map_err(|stopped| {
            Failed(vec![stopped.diagnostic(&outlet, msg!("doing-write", format = options.format.name()))])
        })?
        .map_err(Failed)?;
    let files: Vec<(PathBuf, Vec<u8>)> = match options.format {
        Format::Pdf => encoded.into_iter().map(|(_, bytes)| (output.to_path_buf(), bytes)).collect(),
        Format::Png | Format::Svg | Format::Html => page_files(output, options.format.extension(), encoded),
    };
    let digest = (options.format == Format::Pdf).then(|| files.first().map(|(_, bytes)| sha256(bytes))).flatten();
    let encoded = Instant::now();
    for (path, bytes) in &files {
        fsio::write_atomically(path, bytes).map_err(|err| {
            let message = msg!("cannot-write-file", detail = format!("{err:#}"));
            Failed(vec![Diagnostic::error(Code::ExportError, message).in_path(path.display().to_string())])
        })?;
    }
    timings.export = encoded - started;
    timings.write = encoded.elapsed();
    let paths: Vec<PathBuf> = files.into_iter().map(|(path, _)| path).collect();
    Ok(Built {
        output: paths[0].clone(),
        files: paths,
        pages: written_pages,
        warnings,
        timings,
        digest,
        inputs: Vec::new(),
    })
}

/// The SHA-256 of some bytes, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
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
    let checking = Checking { lookup: &options.lookup, profile: options.profile, outlets: &Outlets::default() };
    let checked = check_in(path, &checking)?;
    let inputs = checked.inputs();
    let output = options.output.clone().unwrap_or_else(|| path.with_extension(options.format.extension()));
    if options.format == Format::Html {
        return web::write_page(checked, &output, options).map(|built| Built { inputs, ..built });
    }
    let compiled = render_checked(checked, options.profile)?;
    write_output(compiled, &output, options).map(|built| Built { inputs, ..built })
}
