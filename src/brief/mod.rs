//! The checked document model: a [`Brief`] that validation has accepted.
//!
//! Later stages only ever see these types. Text fields are already parsed into inline
//! [`Run`]s, citations are numbered, and defaults (id, outlet, news date) are filled in.

pub mod inline;
pub mod schema;

use std::fmt;

use serde::Serialize;

pub use inline::{Inline, Run};

/// The id a brief gets from its file name when it sets none: the name without `.toml`, with
/// each run of characters an id may not have (spaces, brackets) written as one `-`, so that
/// it is an id `id = …` would accept too (`Brief (copy) 2.toml` → `Brief-copy-2`).
pub fn id_from_file_name(stem: &str) -> String {
    let mut id = String::new();
    for c in stem.chars() {
        match inline::is_id_char(c) {
            true => id.push(c),
            false if !id.ends_with('-') => id.push('-'),
            false => {}
        }
    }
    let id = id.trim_start_matches('.').trim_matches('-');
    if id.is_empty() { "brief".to_string() } else { id.to_string() }
}

/// A calendar date (no time of day), as written in a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// Create a date if it exists in the Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let month_of_year = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month_of_year, day).ok()?;
        Some(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The language a brief is written in; it also sets the text direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic, set right to left.
    Ar,
    /// English, set left to right.
    En,
}

impl Lang {
    /// Every supported language, with its code.
    pub const ALL: &'static [(&'static str, Lang)] = &[("ar", Lang::Ar), ("en", Lang::En)];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
}

/// A validated brief, ready to be laid out.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    /// A stable identifier (defaults to the file name without `.toml`).
    pub id: String,
    /// The headline.
    pub title: Inline,
    /// An optional second line under the headline.
    pub subtitle: Option<Inline>,
    /// The brief's date.
    pub date: Date,
    /// The language (and so the direction) of the brief.
    pub lang: Lang,
    /// The outlet whose template lays the brief out.
    pub outlet: String,
    /// The authors, as written.
    pub authors: Vec<String>,
    /// Keywords, also written into the PDF metadata.
    pub tags: Vec<String>,
    /// The bottom line, shown before everything else.
    pub summary: Option<Inline>,
    /// The news item (الخبر).
    pub news: News,
    /// The commentary points (التعقيب), at least one.
    pub commentary: Vec<Point>,
    /// The historical background, if any.
    pub background: Option<Background>,
    /// Open questions.
    pub questions: Vec<Inline>,
    /// The sources, numbered in the order they are listed.
    pub sources: Vec<Source>,
    /// Whether the brief is a draft (marked on every page) or final.
    pub status: Status,
    /// The moment before which the brief may not be published, if any.
    pub embargo: Option<Embargo>,
    /// The key figures («بالأرقام»), none or two to eight.
    pub facts: Vec<Fact>,
    /// Pull quotes, each after the section it belongs to.
    pub quotes: Vec<Quote>,
    /// Endnotes, numbered in the order they are listed.
    pub notes: Vec<Note>,
    /// Figures (a map, a photo, a chart), numbered in the order they are listed.
    pub figures: Vec<Figure>,
}

/// A figure: an image from the brief's folder with its caption and credit.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Its number, from 1, in the order `[[figures]]` lists them.
    pub number: usize,
    /// The id `[@fig:id]` refers to it by.
    pub id: String,
    /// Where the template finds the image (a path inside the template's world).
    pub path: String,
    /// The caption, if any.
    pub caption: Option<Inline>,
    /// Who made or owns the image, printed with the caption.
    pub credit: Option<String>,
    /// The text alternative, for readers who cannot see the image.
    pub alt: String,
    /// The section it follows.
    pub after: Section,
    /// How wide it is set: the full text width or a column.
    pub width: FigureWidth,
    /// The image's bytes, read and checked from the brief's folder.
    #[serde(skip)]
    pub bytes: std::sync::Arc<[u8]>,
    /// The file as the brief names it.
    #[serde(skip)]
    pub file: String,
    /// Where the brief names the file (the value of `file = …`), for diagnostics.
    #[serde(skip)]
    pub file_span: std::ops::Range<usize>,
}

/// How wide a figure is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureWidth {
    /// The whole text width (the default).
    Full,
    /// About the width of a column of text.
    Column,
}

/// Whether a brief is ready to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not yet: every page carries a draft mark.
    Draft,
    /// Ready (the default).
    Final,
}

/// When an embargo ends, as the brief writes it: a date, a time of day and its offset from UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Embargo {
    /// The day.
    pub date: Date,
    /// The time of day, `hh:mm`.
    pub time: String,
    /// The offset from UTC, `+03:00` (or `Z`).
    pub offset: String,
    /// The moment it ends, in seconds since 1970-01-01 UTC (for comparing with the clock; the
    /// templates get the day and time as written).
    #[serde(skip)]
    pub ends_at: i64,
}

/// One key figure.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// The figure, set large: "60%", "٣٫٢ مليار دولار".
    pub value: String,
    /// What it measures.
    pub label: Inline,
    /// The number of the source it comes from, if it names one.
    pub source: Option<usize>,
    /// The id of that source, as written (numbered by validation).
    #[serde(skip)]
    pub source_id: Option<String>,
}

/// A pull quote.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// What was said.
    pub text: Inline,
    /// Who said it.
    pub by: Option<String>,
    /// The section it follows.
    pub after: Section,
}

/// A section of a brief that figures and quotes may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// The news item.
    News,
    /// The commentary.
    Commentary,
    /// The background.
    Background,
}

impl Section {
    /// Every section, as `after = "…"` names it.
    pub const ALL: &'static [(&'static str, Section)] =
        &[("news", Section::News), ("commentary", Section::Commentary), ("background", Section::Background)];
}

/// An endnote.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Its number, from 1, in the order `[notes]` lists them.
    pub number: usize,
    /// Its key in `[notes]`, which `[^key]` refers to.
    pub id: String,
    /// What it says.
    pub text: Inline,
}

/// The news item.
#[derive(Debug, Clone, Serialize)]
pub struct News {
    /// Where the news comes from, e.g. القاهرة.
    pub dateline: Option<String>,
    /// When it happened (defaults to the brief's date).
    pub date: Date,
    /// The paragraphs of the news text.
    pub paragraphs: Vec<Inline>,
}

/// One commentary point.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// An optional short title.
    pub title: Option<Inline>,
    /// The point's paragraphs.
    pub paragraphs: Vec<Inline>,
}

/// The historical background.
#[derive(Debug, Clone, Serialize)]
pub struct Background {
    /// Paragraphs of background text.
    pub paragraphs: Vec<Inline>,
    /// Dated events, in the order written.
    pub timeline: Vec<Event>,
}

/// One entry of a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// When it happened.
    pub when: When,
    /// What happened.
    pub event: Inline,
}

/// When a timeline event happened: free text or a calendar date.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum When {
    /// As written: "1973", "ستينيات القرن العشرين".
    Text(String),
    /// A TOML date, written out in the brief's language by the outlet.
    Date(Date),
}

/// A source the brief draws on.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// Its number in the sources list, from 1.
    pub number: usize,
    /// The id citations use, if any.
    pub id: Option<String>,
    /// The title of the source.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where to read it (http, https or mailto).
    pub url: Option<String>,
    /// When it was published.
    pub date: Option<Date>,
}

impl Brief {
    /// The headline as plain text, for the PDF's title metadata.
    pub fn title_text(&self) -> String {
        inline::plain_text(&self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_gives_an_id_that_id_would_accept() {
        assert_eq!(id_from_file_name("egypt-pakistan-2025-09"), "egypt-pakistan-2025-09");
        assert_eq!(id_from_file_name("Brief (copy) 2"), "Brief-copy-2");
        assert_eq!(id_from_file_name("..."), "brief");
        assert!(id_from_file_name("مسودة الخبر").chars().all(inline::is_id_char));
    }

    #[test]
    fn dates_exist_in_the_gregorian_calendar() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2025, 4, 31).is_none());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::new(2025, 1, 0).is_none());
    }
}
