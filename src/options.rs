//! The low layer: the choices a build is made with (format, profile, pages, outlet lookup),
//! and how long each stage took. Plain values that every layer above may use; this module
//! imports nothing of mujaz's.

use std::num::NonZeroUsize;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

use crate::messages::Message;
use crate::msg;

/// The outlet used when a brief does not name one.
pub const DEFAULT_OUTLET: &str = "default";

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
    /// The web edition: `NAME.html`, with its stylesheet, fonts and images in `mujaz-assets/`.
    Html,
}

impl Format {
    /// What it is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Png => "PNG images",
            Format::Svg => "SVG images",
            Format::Html => "web page",
        }
    }

    /// Whether an up-to-date stamp records the file: PDFs and web pages, one file per brief.
    pub fn is_stamped(self) -> bool {
        matches!(self, Format::Pdf | Format::Html)
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Html => "html",
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

/// The pages `--pages` selects, e.g. `1-2,4` (pages count from 1; `3-` means 3 to the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSelection {
    /// Inclusive ranges of page numbers; an open end is `None`.
    pub ranges: Vec<RangeInclusive<Option<NonZeroUsize>>>,
}

impl PageSelection {
    /// Read a selection such as `1-2,4` or `2-`.
    pub fn parse(text: &str) -> Result<Self, Message> {
        let mut ranges = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let page = |n: &str| -> Result<Option<NonZeroUsize>, Message> {
                if n.trim().is_empty() {
                    return Ok(None);
                }
                n.trim().parse::<NonZeroUsize>().map(Some).map_err(|_| msg!("not-a-page-number", text = n))
            };
            let (first, last) = match part.split_once('-') {
                Some((first, last)) => (page(first)?, page(last)?),
                None => (page(part)?, page(part)?),
            };
            ranges.push(first..=last);
        }
        if ranges.is_empty() {
            return Err(msg!("no-pages-given"));
        }
        Ok(Self { ranges })
    }
}

/// Where outlets are looked up besides the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// A folder holding user outlets, one folder per outlet.
    pub templates: Option<PathBuf>,
    /// An outlet to use instead of the one each brief names (`--outlet`).
    pub outlet: Option<String>,
}

/// Options for building one brief.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Where to write the PDF; by default beside the brief, with the extension `.pdf`.
    pub output: Option<PathBuf>,
    /// Treat warnings as errors: nothing is written when there are any.
    pub deny_warnings: bool,
    /// Seconds since 1970 to date the PDF with instead of the brief's date.
    pub source_date_epoch: Option<i64>,
    /// Where user outlets are looked up.
    pub lookup: Lookup,
    /// The screen or the print version.
    pub profile: Profile,
    /// PDF, or PNG/SVG images of the pages.
    pub format: Format,
    /// Pixels per inch of PNG images (default 144).
    pub ppi: Option<f32>,
    /// Only these pages (all when `None`).
    pub pages: Option<PageSelection>,
}

/// How long each stage of one build took.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// Read `SOURCE_DATE_EPOCH` from the environment: `Ok(None)` when unset or empty, an error
/// when it is not a whole number of seconds (a typo must not silently change the PDF's date).
pub fn source_date_epoch() -> Result<Option<i64>, Message> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => match value.trim().parse::<i64>() {
            Ok(seconds) if time::OffsetDateTime::from_unix_timestamp(seconds).is_ok() => Ok(Some(seconds)),
            _ => Err(msg!("bad-source-date-epoch", value = value)),
        },
        Err(_) => Ok(None),
    }
}

/// The exit codes mujaz ends with, in one place.
pub mod exit {
    /// A brief (or an outlet, or a file to write) has errors.
    pub const BRIEF_ERRORS: u8 = 1;
    /// mujaz was called wrongly; the same code as clap's.
    pub const USAGE: u8 = 2;
    /// mujaz itself failed (a bug): distinct from errors in briefs and usage.
    pub const INTERNAL_ERROR: u8 = 3;
    /// A supervised `watch` or `preview` asks to be started again: it had to abandon a
    /// template whose thread it cannot stop.
    pub const RESTART: u8 = 75;
}
