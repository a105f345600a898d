//! Stage 3: lay a checked brief out with its outlet's Typst template.
//!
//! This module and `export` are the only ones that know Typst (and its cache, comemo): what
//! they hand upwards is a [`Document`], opaque but for its page count and text.

pub mod bulletin;
pub mod data;
pub mod fonts;
mod text;
mod world;

pub use text::{ImageBox, TextBox};

use std::sync::Arc;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;

use crate::brief::Brief;
use crate::diag::{Code, Diagnostic, SourceFile};
use crate::msg;
use crate::options::Profile;
use crate::outlet::Outlet;
use data::TemplateData;
use fonts::FontSet;
use world::{BriefWorld, VirtualFile};

/// The virtual path of the template's entry file.
pub const MAIN_PATH: &str = "/brief.typ";
/// The virtual path at which templates read the brief's data.
pub const DATA_PATH: &str = "/brief.json";

/// A brief laid out into pages, ready for export.
pub struct Document {
    /// Typst's pages; only render and export look inside.
    pub(crate) pages: PagedDocument,
}

impl Document {
    /// How many pages the brief has.
    pub fn page_count(&self) -> usize {
        self.pages.pages().len()
    }

    /// The text of each page, in reading order.
    pub fn page_texts(&self) -> Vec<String> {
        text::page_texts(&self.pages)
    }

    /// The width and height of each page, in points.
    pub fn page_sizes(&self) -> Vec<(f64, f64)> {
        self.pages.pages().iter().map(|page| (page.frame.width().to_pt(), page.frame.height().to_pt())).collect()
    }

    /// Every run of text on a page (counted from 0), where it was laid out.
    pub fn text_boxes(&self, page: usize) -> Vec<TextBox> {
        self.pages.pages().get(page).map(|page| text::text_boxes(&page.frame)).unwrap_or_default()
    }

    /// How many images a page (counted from 0) shows.
    pub fn image_count(&self, page: usize) -> usize {
        self.image_heights(page).len()
    }

    /// The height, in points, of each image on a page (counted from 0).
    pub fn image_heights(&self, page: usize) -> Vec<f64> {
        self.image_boxes(page).iter().map(|image| image.height).collect()
    }

    /// Where each image on a page (counted from 0) is laid out.
    pub fn image_boxes(&self, page: usize) -> Vec<ImageBox> {
        self.pages.pages().get(page).map_or_else(Vec::new, |page| text::image_boxes(&page.frame))
    }
}

/// Why Typst cannot decode an image (named `path`, whose extension gives its kind), if it
/// cannot: checked when the brief is, so that the problem is reported at the brief's line.
pub fn image_problem(bytes: &std::sync::Arc<[u8]>, path: &str) -> Option<String> {
    use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};
    let data = Bytes::new(std::sync::Arc::clone(bytes));
    let format = match path.rsplit('.').next()? {
        "png" => ExchangeFormat::Png,
        "jpg" => ExchangeFormat::Jpg,
        "gif" => ExchangeFormat::Gif,
        "webp" => ExchangeFormat::Webp,
        _ => return SvgImage::new(data).err().map(|err| format!("{err:?}")),
    };
    RasterImage::plain(data, format).err().map(|err| err.to_string())
}

/// How many builds an unused entry of Typst's cache survives: enough to keep a template's
/// work from one brief (or one save) to the next, few enough to keep memory flat over a long
/// batch or watch session (measured in bench/run.py).
const CACHE_AGE: usize = 5;

/// Forget what Typst cached for builds long past; call after each brief or save.
pub fn forget_stale_work() {
    typst::comemo::evict(CACHE_AGE);
}

/// A laid-out brief and the template's warnings.
pub struct Rendered {
    /// The pages, ready for export.
    pub document: Document,
    /// Warnings the template produced (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
}

/// Lay out a brief through its outlet's template, as the screen or the print version.
pub fn render(
    brief: &Brief,
    outlet: &Outlet,
    profile: Profile,
    fonts: Arc<FontSet>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let data = TemplateData::new(brief, outlet, profile).to_json_for(&fonts);
    // A brief alone never reads the bulletin's template: it is not parsed.
    let mut files = outlet_files(outlet);
    files.retain(|(path, _)| path != bulletin::BULLETIN_MAIN_PATH);
    files.extend(brief.figures.iter().map(|figure| {
        let bytes = Bytes::new(std::sync::Arc::clone(&figure.bytes));
        (figure.path.clone(), VirtualFile { display_name: figure.file.clone(), bytes })
    }));
    files.push((
        DATA_PATH.to_string(),
        VirtualFile { display_name: "<brief data>/brief.json".into(), bytes: Bytes::new(data) },
    ));
    let today = Datetime::from_ymd(brief.date.year, brief.date.month, brief.date.day)
        .ok_or_else(|| vec![Diagnostic::error(Code::TemplateError, msg!("date-unusable"))])?;
    let world = BriefWorld::new(files, MAIN_PATH, fonts, today).map_err(|message| {
        vec![Diagnostic::error(Code::TemplateError, msg!("outlet-unusable", outlet = &outlet.name, detail = message))]
    })?;
    compile_world(world, format!("typst {}", brief.id), &outlet.name)
}

/// The outlet's files as virtual files at absolute paths (`/brief.typ`, `/lib.typ`, …).
fn outlet_files(outlet: &Outlet) -> Vec<(String, VirtualFile)> {
    outlet
        .files
        .iter()
        .map(|file| {
            let bytes = Bytes::new(std::sync::Arc::clone(&file.bytes));
            let virtual_file = VirtualFile { display_name: file.display_name.clone(), bytes };
            (format!("/{}", file.path), virtual_file)
        })
        .collect()
}

/// Lay a world's main file out, watched by the time and memory guard (as `name`), its
/// diagnostics turned into ours.
fn compile_world(world: BriefWorld, name: String, outlet: &str) -> Result<Rendered, Vec<Diagnostic>> {
    let (world, result) = crate::guard::watched(name, move || {
        world.evaluate_packages();
        let result = typst::compile::<PagedDocument>(&world);
        (world, result)
    })
    .map_err(|stopped| vec![stopped.diagnostic(outlet, msg!("doing-layout"))])?;
    let warnings: Vec<Diagnostic> = result.warnings.iter().map(|w| convert(&world, w)).collect();
    match result.output {
        Ok(pages) => Ok(Rendered { document: Document { pages }, warnings }),
        Err(errors) => {
            let mut diagnostics: Vec<Diagnostic> = errors.iter().map(|e| convert(&world, e)).collect();
            diagnostics.extend(warnings);
            Err(diagnostics)
        }
    }
}

/// Turn a Typst diagnostic into ours, located in the template file it points at.
fn convert(world: &BriefWorld, diagnostic: &SourceDiagnostic) -> Diagnostic {
    let message = msg!("typst-says", detail = diagnostic.message.as_str());
    let mut converted = match diagnostic.severity {
        TypstSeverity::Error => Diagnostic::error(Code::TemplateError, message),
        TypstSeverity::Warning => Diagnostic::warning(Code::TemplateWarning, message),
    };
    // Errors raised inside a helper point at the helper; the trace says where it was called.
    let span = match diagnostic.span.id() {
        Some(_) => Some(diagnostic.span),
        None => {
            diagnostic.trace.iter().rev().map(|t| t.span.into()).find(|s: &typst::syntax::DiagSpan| s.id().is_some())
        }
    };
    if let Some(span) = span
        && let Some(id) = span.id()
    {
        let name = world.display_name(id);
        if let (Ok(bytes), Some(range)) = (world.file(id), world.range(span)) {
            let text = String::from_utf8_lossy(bytes.as_slice()).into_owned();
            converted = converted.at(&SourceFile::new(name, text), range);
        } else {
            converted = converted.in_path(name);
        }
    }
    // Typst's hints speak of typst-cli's options (`--root`), which mujaz does not have.
    let hints: Vec<String> =
        diagnostic.hints.iter().map(|h| h.v.to_string()).filter(|h| !h.contains("--root")).collect();
    if !hints.is_empty() {
        converted = converted.with_hint(msg!("typst-hint", detail = hints.join("; ")));
    }
    converted
}
