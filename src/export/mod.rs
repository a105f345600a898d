//! Stage 4: encode a laid-out brief as PDF, PNG or SVG bytes. Writing them to disk is the
//! pipeline's job (through `fsio`), so that nothing here touches the file system.

use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PageRanges;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, PrintCondition, Timestamp};

use crate::brief::{Brief, Date};
use crate::diag::{Code, Diagnostic};
use crate::limits::MAX_PNG_PIXELS;
use crate::msg;
use crate::options::{Format, PageSelection};
use crate::outlet::settings::Standard;
use crate::render::Document;

/// What the print version adds to a PDF.
#[derive(Debug, Clone, Default)]
pub struct Print {
    /// The standards to claim (`pdf/a-2b`, `pdf/ua-1`), which Typst then enforces.
    pub standards: Vec<Standard>,
    /// The print shop's bleed in points: pages get a BleedBox this far outside the trim.
    pub bleed: Option<f64>,
    /// Whether this is the print version: its output intents then name the press's CMYK
    /// condition, with the embedded CMYK profile, instead of sRGB.
    pub for_press: bool,
}

/// The printing condition the embedded CMYK profile characterises, as the output intent
/// names it (the ICC's registry of characterisations lists CGATS TR 001).
fn press_condition(pdf_x4: bool) -> PrintCondition {
    PrintCondition {
        identifier: "CGATS TR 001".into(),
        condition: "Commercial offset, coated paper (SWOP), CGATS TR 001".into(),
        registry: "http://www.color.org".into(),
        info: "CGATS001Compat-v2-micro: a compact profile compatible with CGATS TR 001".into(),
        pdf_x4,
    }
}

/// Encode the document as PDF, dated by the brief (or by `SOURCE_DATE_EPOCH` when given),
/// with what the print version asks for.
fn pdf(
    document: &PagedDocument,
    identity: &Identity,
    print: &Print,
    pages: Option<&PageRanges>,
    source_date_epoch: Option<i64>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    // Typst checks PDF/A and PDF/UA; PDF/X-4 is claimed through the print condition, and
    // what it asks beyond PDF/A (a CMYK output intent, a TrimBox, no trapping) is written.
    let claimed: Vec<PdfStandard> = print
        .standards
        .iter()
        .filter_map(|standard| match standard {
            Standard::PdfA2b => Some(PdfStandard::A_2b),
            Standard::PdfUa1 => Some(PdfStandard::Ua_1),
            Standard::PdfX4 => None,
        })
        .collect();
    let pdf_x4 = print.standards.contains(&Standard::PdfX4);
    let standards = PdfStandards::new(&claimed).map_err(|message| {
        vec![Diagnostic::error(Code::ExportError, msg!("standards-clash", detail = format!("{message:?}")))]
    })?;
    let timestamp = match source_date_epoch {
        Some(seconds) => epoch_timestamp(seconds),
        None => Datetime::from_ymd_hms(identity.date.year, identity.date.month, identity.date.day, 0, 0, 0),
    };
    let options = PdfOptions {
        // A stable identifier keeps the PDF's /ID the same across runs and machines.
        ident: Smart::Custom(format!("mujaz:{}", identity.id)),
        creator: Smart::Custom(Some(format!("mujaz {}", env!("CARGO_PKG_VERSION")))),
        timestamp: timestamp.map(Timestamp::new_utc),
        standards,
        page_ranges: pages.cloned(),
        // Typst cannot tag a PDF of some pages only: such an extract is written untagged.
        tagged: pages.is_none(),
        cmyk_profile: Some(Bytes::new(crate::assets::cmyk_profile())),
        print_bleed: print.bleed.map(typst::layout::Abs::pt),
        print_condition: print.for_press.then(|| press_condition(pdf_x4)),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                // The brief's own text is checked for such characters before layout; what is
                // left is text the outlet's template or settings print.
                let hint = match e.message.contains("could not be displayed with font") {
                    true => Some(msg!("hint-outlet-glyph-at-export")),
                    false if e.hints.is_empty() => None,
                    false => Some(msg!(
                        "typst-hint",
                        detail = e.hints.iter().map(|h| h.v.as_str()).collect::<Vec<_>>().join("; ")
                    )),
                };
                let diagnostic =
                    Diagnostic::error(Code::ExportError, msg!("cannot-write-pdf", detail = e.message.as_str()));
                match hint {
                    Some(hint) => diagnostic.with_hint(hint),
                    None => diagnostic,
                }
            })
            .collect()
    })
}

/// Render each selected page as PNG at `ppi` pixels per inch: (page number, bytes).
fn png(
    document: &PagedDocument,
    ppi: f32,
    pages: Option<&PageRanges>,
) -> Result<Vec<(usize, Vec<u8>)>, Vec<Diagnostic>> {
    let scale = f64::from(ppi) / 72.0;
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(scale), ..Default::default() };
    let mut images = Vec::new();
    for (number, page) in selected(document, pages) {
        let pixels = page.frame.width().to_pt() * scale * page.frame.height().to_pt() * scale;
        if pixels.is_nan() || pixels > MAX_PNG_PIXELS {
            let millions = format!("{:.0}", pixels / 1e6);
            let message = msg!("page-image-too-large", page = number, millions = millions, ppi = f64::from(ppi));
            return Err(vec![Diagnostic::error(Code::TooLarge, message).with_hint(msg!("hint-lower-ppi"))]);
        }
        if let Ok(png) = typst_render::render(page, &options).encode_png() {
            images.push((number, png));
        }
    }
    Ok(images)
}

/// Render each selected page as SVG: (page number, bytes).
fn svg(document: &PagedDocument, pages: Option<&PageRanges>) -> Vec<(usize, Vec<u8>)> {
    let options = typst_svg::SvgOptions::default();
    selected(document, pages).map(|(number, page)| (number, typst_svg::svg(page, &options).into_bytes())).collect()
}

/// The pages `pages` selects (all when `None`), with their numbers counted from 1.
fn selected<'a>(
    document: &'a PagedDocument,
    pages: Option<&'a PageRanges>,
) -> impl Iterator<Item = (usize, &'a typst_layout::Page)> {
    document
        .pages()
        .iter()
        .enumerate()
        .map(|(index, page)| (index + 1, page))
        .filter(move |(number, _)| pages.is_none_or(|ranges| ranges.includes_page_index(number - 1)))
}

fn epoch_timestamp(seconds: i64) -> Option<Datetime> {
    let moment = time::OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    Datetime::from_ymd_hms(
        moment.year(),
        moment.month().into(),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second(),
    )
}

/// What names and dates a PDF: its document id and the day it is dated by.
pub struct Identity {
    /// The brief's (or the bulletin's) id, from which the PDF's /ID is made.
    pub id: String,
    /// The date the PDF carries as its creation date (unless `SOURCE_DATE_EPOCH` says otherwise).
    pub date: Date,
}

impl Identity {
    /// A brief's identity: its id and date.
    pub fn of(brief: &Brief) -> Self {
        Self { id: brief.id.clone(), date: brief.date }
    }
}

/// How to encode a laid-out brief.
#[derive(Debug, Clone)]
pub struct Encoding {
    /// PDF, or PNG/SVG images of the pages.
    pub format: Format,
    /// Pixels per inch of PNG images.
    pub ppi: f32,
    /// Only these pages (all when `None`).
    pub pages: Option<PageSelection>,
    /// Seconds since 1970 to date the PDF with instead of the brief's date.
    pub source_date_epoch: Option<i64>,
    /// What the print version adds (PDF only).
    pub print: Print,
}

/// Typst's form of a page selection.
fn page_ranges(selection: &PageSelection) -> PageRanges {
    PageRanges::new(selection.ranges.clone())
}

/// How many pages `selection` takes from the document (all of them when `None`).
pub fn selected_count(document: &Document, selection: Option<&PageSelection>) -> usize {
    let ranges = selection.map(page_ranges);
    selected(&document.pages, ranges.as_ref()).count()
}

/// Encode the selected pages as the format asks: one PDF `(0, bytes)`, or one image per page
/// `(page number, bytes)`.
pub fn encode(
    document: &Document,
    identity: &Identity,
    encoding: &Encoding,
) -> Result<Vec<(usize, Vec<u8>)>, Vec<Diagnostic>> {
    let ranges = encoding.pages.as_ref().map(page_ranges);
    let pages = ranges.as_ref();
    match encoding.format {
        Format::Pdf => pdf(&document.pages, identity, &encoding.print, pages, encoding.source_date_epoch)
            .map(|bytes| vec![(0, bytes)]),
        Format::Png => png(&document.pages, encoding.ppi, pages),
        Format::Svg => Ok(svg(&document.pages, pages)),
        // Web pages are made from the checked brief (`pipeline::web`), never from pages.
        Format::Html => {
            let detail = "a web page cannot be encoded from laid-out pages";
            let message = crate::msg!("internal-error", version = env!("CARGO_PKG_VERSION"), detail = detail);
            Err(vec![
                Diagnostic::error(crate::diag::Code::Internal, message).with_hint(crate::msg!("internal-error-hint")),
            ])
        }
    }
}

/// Every page as SVG text, for the preview.
pub fn svg_pages(document: &Document) -> Vec<String> {
    svg(&document.pages, None).into_iter().map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned()).collect()
}
