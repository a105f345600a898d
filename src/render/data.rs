//! The data a template receives: the checked brief, the outlet's settings for this profile,
//! and the dates and numbers already written out the outlet's way. Served to Typst as the
//! virtual file `/brief.json`.

use serde::Serialize;
use serde_json::Value;

use crate::brief::{Brief, Date, Lang, When};
use crate::locale::Digits;
use crate::options::Profile;
use crate::outlet::Outlet;
use crate::render::fonts::FontSet;

/// Everything handed to the template, serialised as JSON.
#[derive(Debug, Serialize)]
pub struct TemplateData<'a> {
    /// The brief's language code (`ar`, `en`).
    pub lang: &'static str,
    /// The text direction that goes with the language (`rtl`, `ltr`).
    pub dir: &'static str,
    /// `screen` or `print`.
    pub profile: &'static str,
    /// The checked brief.
    pub brief: &'a Brief,
    /// The outlet's merged settings; for print, `colors` are the CMYK print colours.
    pub outlet: Value,
    /// The digits numbers are written with: `western` or `arabic-indic`.
    pub digits: &'static str,
    /// Dates already written out in the brief's language and the outlet's locale.
    pub dates: Dates,
    /// The mujaz version, for colophons.
    pub generator: String,
    /// Where the brief stands in a bulletin, when it is laid out inside one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_bulletin: Option<InBulletin>,
    /// The brief's page in the outlet's web edition, when the outlet gives its site's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<WebPage>,
}

/// Where a brief's copyable text is on the web, for its PDF's footer (and QR code).
#[derive(Debug, Serialize)]
pub struct WebPage {
    /// The page's full address: the outlet's `[web] base-url` and the brief's page name.
    pub address: String,
    /// The address as a QR code, on the print version only.
    pub qr: Option<QrCode>,
}

/// A QR code as the template draws it: a square of `size` modules, its dark modules given as
/// runs along each row (`[row, first column, length]`), so the template draws a few hundred
/// rectangles in the outlet's ink rather than placing an image.
#[derive(Debug, Serialize)]
pub struct QrCode {
    /// Modules per side (without the quiet zone, which the template leaves around it).
    pub size: usize,
    /// The dark runs, row by row.
    pub runs: Vec<[usize; 3]>,
}

impl QrCode {
    /// The QR code of `text` (error correction level M: it survives a smudge or a fold).
    pub fn of(text: &str) -> Option<Self> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        let size = code.width();
        let colors = code.into_colors();
        let mut runs = Vec::new();
        for (row, line) in colors.chunks(size).enumerate() {
            let mut column = 0;
            while column < size {
                if line[column] == qrcode::Color::Dark {
                    let length = line[column..].iter().take_while(|c| **c == qrcode::Color::Dark).count();
                    runs.push([row, column, length]);
                    column += length;
                } else {
                    column += 1;
                }
            }
        }
        Some(Self { size, runs })
    }
}

/// The name of a brief's page in the web edition (and on the site): its id, which does not
/// change when the file is renamed.
pub fn web_page_name(brief: &Brief) -> String {
    format!("{}.html", brief.id)
}

/// What a brief laid out inside a bulletin is told about its place there.
#[derive(Debug, Serialize)]
pub struct InBulletin {
    /// The prefix of the brief's labels, unique in the bulletin (`b3-`).
    pub prefix: String,
}

/// Dates formatted for reading.
#[derive(Debug, Serialize)]
pub struct Dates {
    /// The brief's date.
    pub brief: String,
    /// The brief's date in the outlet's Hijri calendar, when it shows one.
    pub brief_hijri: Option<String>,
    /// The news item's date.
    pub news: String,
    /// Each source's date, by position in the sources list.
    pub sources: Vec<Option<String>>,
    /// Each timeline entry's `when`, written out, by position.
    pub timeline: Vec<String>,
    /// The day an embargo ends, written out, when the brief has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embargo: Option<String>,
}

impl<'a> TemplateData<'a> {
    /// Gather the template data for a brief laid out by an outlet.
    pub fn new(brief: &'a Brief, outlet: &Outlet, profile: Profile) -> Self {
        let locale = outlet.settings.locale();
        let format = |date: &Date| locale.date(*date, brief.lang);
        Self {
            lang: brief.lang.code(),
            dir: direction(brief.lang),
            profile: profile_name(profile),
            brief,
            outlet: settings_for(outlet, profile),
            digits: digits_for(outlet, brief.lang),
            dates: Dates {
                brief: format(&brief.date),
                brief_hijri: locale.hijri(brief.date, brief.lang),
                news: format(&brief.news.date),
                sources: brief.sources.iter().map(|s| s.date.as_ref().map(format)).collect(),
                timeline: brief
                    .background
                    .iter()
                    .flat_map(|b| &b.timeline)
                    .map(|event| match &event.when {
                        When::Text(text) => text.clone(),
                        When::Date(date) => format(date),
                    })
                    .collect(),
                embargo: brief.embargo.as_ref().map(|embargo| format(&embargo.date)),
            },
            generator: format!("mujaz {}", env!("CARGO_PKG_VERSION")),
            in_bulletin: None,
            web: outlet.settings.web.base_url.as_ref().map(|base| {
                let address = format!("{base}{}", web_page_name(brief));
                let qr = (profile == Profile::Print).then(|| QrCode::of(&address)).flatten();
                WebPage { address, qr }
            }),
        }
    }

    /// The same data for a brief laid out inside a bulletin, its labels prefixed with `prefix`.
    pub fn in_bulletin(self, prefix: String) -> Self {
        Self { in_bulletin: Some(InBulletin { prefix }), ..self }
    }

    /// The data as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// The data as JSON bytes for laying out with `fonts`: combining marks that none of the
    /// fonts can draw are left out. Typst 0.15.1 panics ("glyphs fell out of range") on some
    /// of them after a fallback glyph, e.g. `?` + U+113BB; they would print as nothing useful
    /// anyway, and validation has already warned about them (W0114).
    pub fn to_json_for(&self, fonts: &FontSet) -> Vec<u8> {
        // Compact: only Typst reads this copy (`mujaz data` prints the readable one).
        json_for(self, fonts)
    }
}

/// The text direction that goes with a language: `rtl` or `ltr`.
pub fn direction(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "rtl",
        Lang::En => "ltr",
    }
}

/// How templates name a profile: `screen` or `print`.
pub fn profile_name(profile: Profile) -> &'static str {
    match profile {
        Profile::Screen => "screen",
        Profile::Print => "print",
    }
}

/// The outlet's settings as templates read them; for print, `colors` are the CMYK print colours.
pub fn settings_for(outlet: &Outlet, profile: Profile) -> Value {
    let mut settings = outlet.settings.clone();
    if profile == Profile::Print {
        settings.colors = settings.print.colors.clone();
    }
    settings.to_json()
}

/// The digits numbers are written with in text of `lang`: `western` or `arabic-indic`.
pub fn digits_for(outlet: &Outlet, lang: Lang) -> &'static str {
    match (outlet.settings.locale().digits, lang) {
        (Digits::ArabicIndic, Lang::Ar) => "arabic-indic",
        _ => "western",
    }
}

/// The data as JSON bytes for laying out with `fonts`, marks no font draws left out (see
/// [`TemplateData::to_json_for`]).
pub fn json_for(data: &impl Serialize, fonts: &FontSet) -> Vec<u8> {
    let mut value = serde_json::to_value(data).unwrap_or_default();
    drop_undrawable_marks(&mut value, fonts);
    serde_json::to_vec(&value).unwrap_or_default()
}

fn drop_undrawable_marks(value: &mut Value, fonts: &FontSet) {
    // The coverage answer is kept per character; the bidi class is looked up only for the rare
    // character no font draws.
    let undrawable = |c: char| !c.is_ascii() && !fonts.covers(c) && is_mark(c);
    match value {
        // ASCII has no marks: most of the data is passed over without a table lookup.
        Value::String(text) if !text.is_ascii() && text.chars().any(undrawable) => {
            *text = text.chars().filter(|c| !undrawable(*c)).collect();
        }
        Value::Array(items) => items.iter_mut().for_each(|item| drop_undrawable_marks(item, fonts)),
        Value::Object(map) => map.values_mut().for_each(|item| drop_undrawable_marks(item, fonts)),
        _ => {}
    }
}

/// Whether a character is a combining mark (bidi class NSM).
fn is_mark(c: char) -> bool {
    unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}
