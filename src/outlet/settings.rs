//! An outlet's settings as the code reads them: typed, so that a misspelt key is a compile
//! error. Each `outlet.toml` layer is checked and merged first (see `check`); the merged
//! result is then read into these types once, and handed to the template as JSON again.
//!
//! Lengths are points and colours `{rgb}` or `{cmyk}`, as the template receives them. Every
//! key is set by the built-in default outlet, which every outlet is layered over; only the
//! logo and the base outlet may be absent.

use serde::{Deserialize, Serialize};

pub use crate::locale::{Digits, Months};
use crate::locale::{HijriCalendar, Locale};

/// The merged settings of an outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Who the outlet is.
    pub outlet: Identity,
    /// The typefaces.
    pub fonts: Fonts,
    /// The page size and margins.
    pub page: Page,
    /// The screen colours (for print, the template receives `print.colors` here).
    pub colors: Colors,
    /// Lines the outlet prints on every brief.
    pub text: Texts,
    /// The section labels, per language.
    pub labels: PerLang<Labels>,
    /// How dates and numbers are written.
    pub locale: LocaleSettings,
    /// What the print version adds.
    pub print: PrintSettings,
    /// The web edition.
    pub web: WebSettings,
}

/// `[web]`: the web edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WebSettings {
    /// Where the outlet's site is published, ending in `/`; with it, every PDF carries the
    /// address of its web page.
    #[serde(default)]
    pub base_url: Option<String>,
}

/// A value for each language a brief can be written in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerLang<T> {
    /// For Arabic briefs.
    pub ar: T,
    /// For English briefs.
    pub en: T,
}

/// `[outlet]`: the outlet's name, the built-in outlet it builds on, its logo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// The outlet's name in each language.
    pub name: PerLang<String>,
    /// The built-in outlet a user outlet builds on (default: the one of the same name, else
    /// `default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// A logo file inside the outlet folder (none by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The logo's height in points (by default the outlet template's own).
    #[serde(default, rename = "logo-height", skip_serializing_if = "Option::is_none")]
    pub logo_height: Option<f64>,
    /// Where the logo stands in the title block: `start` (default), `center` or `end`.
    #[serde(default, rename = "logo-position", skip_serializing_if = "Option::is_none")]
    pub logo_position: Option<String>,
}

/// `[fonts]`: font families, first choice first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    /// For running text.
    pub body: Vec<String>,
    /// For headings, labels and numbers.
    pub display: Vec<String>,
    /// The body text's size in points (by default the outlet template's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
    /// The space between the body text's lines, in em (by default the template's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leading: Option<f64>,
}

/// `[page]`: the paper and its margins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The paper size (default A4).
    pub paper: Paper,
    /// The margins, in points.
    pub margin: Margin,
    /// Whether pages after the first carry the brief's title in their running head.
    #[serde(default = "yes", rename = "running-title")]
    pub running_title: bool,
}

fn yes() -> bool {
    true
}

/// The paper sizes outlets may choose (Typst's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A3.
    A3,
    /// ISO A4.
    A4,
    /// ISO A5.
    A5,
    /// ISO B5.
    B5,
    /// US Letter.
    UsLetter,
    /// US Legal.
    UsLegal,
    /// US Tabloid.
    UsTabloid,
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margin {
    /// Above the text.
    pub top: f64,
    /// Below the text.
    pub bottom: f64,
    /// Left and right.
    pub x: f64,
}

/// The six colours an outlet sets, for screen or for print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Headings, badges, links.
    pub primary: Color,
    /// Rules, citation marks, the summary's edge.
    pub accent: Color,
    /// Body text.
    pub ink: Color,
    /// Dates, header and footer.
    pub muted: Color,
    /// Thin lines.
    pub rule: Color,
    /// Light backgrounds.
    pub tint: Color,
}

/// A colour as the template receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Color {
    /// A screen colour, `{ "rgb": "#1d3557" }`.
    Rgb {
        /// `#rrggbb`.
        rgb: String,
    },
    /// A print colour, `{ "cmyk": [90, 60, 10, 40] }`, in percent.
    Cmyk {
        /// Cyan, magenta, yellow, black.
        cmyk: [f64; 4],
    },
}

/// `[text]`: lines the outlet prints on every brief, per language (empty by default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// Beside the outlet name at the top of each page.
    pub header: PerLang<String>,
    /// Above the page number at the foot of each page.
    pub footer: PerLang<String>,
    /// A distribution line, e.g. «للتداول الداخلي».
    pub classification: PerLang<String>,
}

/// The words an outlet prints around a brief, in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Labels {
    /// The outlet's name where no `[outlet] name` is set.
    pub outlet: String,
    /// Above the summary.
    pub summary: String,
    /// The news section.
    pub news: String,
    /// The commentary section.
    pub commentary: String,
    /// The background section.
    pub background: String,
    /// The timeline.
    pub timeline: String,
    /// The timeline's date column.
    pub when: String,
    /// The timeline's event column.
    pub event: String,
    /// The open questions.
    pub questions: String,
    /// The sources.
    pub sources: String,
    /// Before the authors.
    pub by: String,
    /// Between the last two authors.
    pub and: String,
    /// Between items of a list.
    pub list_separator: String,
    /// The page number, with `{page}` and `{pages}`.
    pub page: String,
    /// The key figures box.
    #[serde(default)]
    pub facts: String,
    /// The endnotes.
    #[serde(default)]
    pub notes: String,
    /// The mark on every page of a draft.
    #[serde(default)]
    pub draft: String,
    /// The embargo line, with `{date}` and `{time}`.
    #[serde(default)]
    pub embargo: String,
    /// Before a figure's number: "الشكل", "Figure".
    #[serde(default)]
    pub figure: String,
    /// Before the Hijri date.
    pub hijri: String,
    /// A bulletin's issue number, with `{number}`: "العدد {number}".
    #[serde(default)]
    pub issue: String,
    /// The heading of a bulletin's table of contents.
    #[serde(default)]
    pub contents: String,
    /// Above the list of briefs on a bulletin's cover.
    #[serde(default)]
    pub in_this_issue: String,
    /// Above the editor's note on a bulletin's cover.
    #[serde(default)]
    pub foreword: String,
    /// Below the briefs a bulletin's cover lists, when the contents list more.
    #[serde(default)]
    pub more: String,
    /// The link in a PDF's footer (and the words beside its QR code) to its web page.
    #[serde(default)]
    pub web_edition: String,
    /// The link from a web page to its PDF.
    #[serde(default)]
    pub pdf: String,
    /// The site's index page, and the link to it from every page.
    #[serde(default)]
    pub archive: String,
    /// The link from a source or note back to where the text cites it.
    #[serde(default)]
    pub back_to_text: String,
    /// The heading of the bulletins on a site's index page.
    #[serde(default)]
    pub bulletins: String,
    /// The heading of the briefs on a site's index page.
    #[serde(default)]
    pub briefs: String,
}

/// `[locale]`: how dates and numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleSettings {
    /// Which Arabic names the Gregorian months go by (default `egypt`).
    pub months: Months,
    /// Which digits numbers are written with in Arabic briefs (default `western`).
    pub digits: Digits,
    /// Whether years carry the era letter (default `true`).
    pub era: bool,
    /// Which Hijri date to show beside the Gregorian one (default `none`).
    pub hijri: Hijri,
}

/// The Hijri calendar to show beside the Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hijri {
    /// No Hijri date.
    None,
    /// Saudi Arabia's Umm al-Qura calendar.
    UmmAlQura,
    /// The arithmetical (tabular, civil) Islamic calendar.
    Tabular,
}

/// `[print]`: what the print version adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrintSettings {
    /// The printed area beyond the trim, in points.
    pub bleed: f64,
    /// Whether trim marks are drawn at the corners, outside the bleed.
    pub crop_marks: bool,
    /// The PDF standards the print PDF claims.
    pub standards: Vec<Standard>,
    /// The colours for the press.
    pub colors: Colors,
}

/// A PDF standard a print PDF may claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standard {
    /// PDF/A-2b, for archiving.
    #[serde(rename = "pdf/a-2b")]
    PdfA2b,
    /// PDF/UA-1, for accessibility.
    #[serde(rename = "pdf/ua-1")]
    PdfUa1,
    /// PDF/X-4, for the print shop's preflight.
    #[serde(rename = "pdf/x-4")]
    PdfX4,
}

impl Standard {
    /// The standard's name as a print shop writes it.
    pub fn name(self) -> &'static str {
        match self {
            Standard::PdfA2b => "PDF/A-2b",
            Standard::PdfUa1 => "PDF/UA-1",
            Standard::PdfX4 => "PDF/X-4",
        }
    }

    /// The standard as `[print] standards` writes it.
    pub fn setting(self) -> &'static str {
        match self {
            Standard::PdfA2b => "pdf/a-2b",
            Standard::PdfUa1 => "pdf/ua-1",
            Standard::PdfX4 => "pdf/x-4",
        }
    }
}

impl Settings {
    /// Read merged, checked settings; an error means the built-in default outlet lacks a key,
    /// which is a bug in mujaz rather than in the user's outlet.
    pub fn from_merged(merged: serde_json::Value) -> Result<Self, String> {
        serde_json::from_value(merged).map_err(|err| err.to_string())
    }

    /// How the outlet writes dates and numbers.
    pub fn locale(&self) -> Locale {
        let locale = &self.locale;
        let hijri = match locale.hijri {
            Hijri::None => None,
            Hijri::UmmAlQura => Some(HijriCalendar::UmmAlQura),
            Hijri::Tabular => Some(HijriCalendar::Tabular),
        };
        Locale { months: locale.months, digits: locale.digits, era: locale.era, hijri }
    }

    /// The settings as the template receives them.
    pub fn to_json(&self) -> serde_json::Value {
        // Plain structs of strings, numbers and lists always serialise.
        serde_json::to_value(self).unwrap_or_default()
    }
}
