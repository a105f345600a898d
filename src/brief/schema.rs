//! The brief file format as Rust types, for the JSON Schema that editors use to complete and
//! check keys (`mujaz schema`, `schema/brief.schema.json`).
//!
//! Validation itself walks the TOML tree by hand to report every problem at once; a test
//! keeps its key lists and these types in step.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// A mujaz brief: a news item, its commentary, background, open questions and sources.
#[derive(JsonSchema)]
#[schemars(title = "mujaz brief", deny_unknown_fields)]
pub struct BriefFile {
    /// The brief's identity: title, date, language, outlet, authors.
    pub brief: BriefTable,
    /// The news item (الخبر).
    pub news: NewsTable,
    /// The commentary (التعقيب): at least one point.
    pub commentary: CommentaryTable,
    /// Historical background: paragraphs and a timeline.
    pub background: Option<BackgroundTable>,
    /// Open questions the news raises.
    pub questions: Option<QuestionsTable>,
    /// Sources, numbered in the order listed; cite one in text as `[@id]`.
    pub sources: Option<Vec<SourceTable>>,
    /// The key figures box («بالأرقام»): two to eight figures.
    #[schemars(length(min = 2, max = 8))]
    pub facts: Option<Vec<FactTable>>,
    /// Pull quotes, each set apart after a section.
    pub quotes: Option<Vec<QuoteTable>>,
    /// Figures (a map, a photo, a chart) from the brief's folder; refer to one as `[@fig:id]`.
    pub figures: Option<Vec<FigureTable>>,
    /// Endnotes by key (`1 = "…"`), numbered in the order written; refer to one as `[^1]`.
    pub notes: Option<std::collections::BTreeMap<String, InlineText>>,
}

/// One `[[facts]]` entry.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FactTable {
    /// The figure, set large: "60%", "٣٫٢ مليار دولار".
    pub value: String,
    /// What it measures (inline text).
    pub label: InlineText,
    /// The id of the `[[sources]]` entry it comes from.
    pub source: Option<String>,
}

/// One `[[figures]]` entry.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FigureTable {
    /// The id the text refers to it by: [@fig:id].
    pub id: String,
    /// The image, relative to the brief's folder: PNG, JPEG, GIF, WebP or SVG.
    pub file: String,
    /// The caption (inline text).
    pub caption: Option<InlineText>,
    /// Who made or owns the image, printed with the caption.
    pub credit: Option<String>,
    /// The text alternative, for readers who cannot see the image (required).
    pub alt: String,
    /// The section it follows. Default: "news".
    pub after: Option<SectionName>,
    /// "full" (the text width, default) or "column".
    pub width: Option<FigureWidthName>,
}

/// How wide a figure is set.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FigureWidthName {
    /// The text width.
    Full,
    /// About 60 % of it.
    Column,
}

/// One `[[quotes]]` entry.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct QuoteTable {
    /// What was said (inline text).
    pub text: InlineText,
    /// Who said it.
    pub by: Option<String>,
    /// The section it follows. Default: "commentary".
    pub after: Option<SectionName>,
}

/// A section quotes (and figures) may follow.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SectionName {
    /// The news item.
    News,
    /// The commentary.
    Commentary,
    /// The background.
    Background,
}

/// Whether a brief is ready.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StatusName {
    /// A draft: every page carries a draft mark.
    Draft,
    /// Final (the default).
    Final,
}

/// A TOML offset date-time such as 2025-09-22T06:00:00+03:00 (written without quotes).
pub struct TomlDateTime;

impl JsonSchema for TomlDateTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TomlDateTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "A TOML date and time with its offset, without quotes, e.g. 2025-09-22T06:00:00+03:00."
        })
    }
}

/// The `[brief]` table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BriefTable {
    /// A stable identifier (letters, digits, `-`, `_`, `.`, `:`). Default: the file name without `.toml`.
    pub id: Option<String>,
    /// The headline. Inline text: **strong**, *emphasis*, [label](https://…), [@source].
    pub title: InlineText,
    /// A second line under the headline (inline text).
    pub subtitle: Option<InlineText>,
    /// The brief's date, a TOML date without quotes: 2025-09-21.
    pub date: TomlDate,
    /// The language: "ar" (default, right to left) or "en".
    pub lang: Option<Language>,
    /// The outlet whose template lays the brief out. Default: "default".
    pub outlet: Option<String>,
    /// The authors, as they should be printed.
    pub authors: Option<Vec<String>>,
    /// Keywords; also the PDF's keywords.
    pub tags: Option<Vec<String>>,
    /// The bottom line, shown before everything else (inline text).
    pub summary: Option<InlineText>,
    /// "draft" (every page carries a DRAFT / مسودة mark) or "final" (default).
    pub status: Option<StatusName>,
    /// Not to be published before this moment, printed on every page.
    pub embargo: Option<TomlDateTime>,
}

/// The `[news]` table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NewsTable {
    /// Where the news comes from, e.g. القاهرة.
    pub dateline: Option<String>,
    /// When it happened. Default: the brief's date.
    pub date: Option<TomlDate>,
    /// The news text; paragraphs are separated by a blank line (inline text).
    pub text: InlineText,
}

/// The `[commentary]` table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CommentaryTable {
    /// The commentary points: a string, or a table with an optional title.
    #[schemars(length(min = 1))]
    pub points: Vec<Point>,
}

/// One commentary point.
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum Point {
    /// A point without a title (inline text).
    Text(InlineText),
    /// A point with a title.
    Titled(TitledPoint),
}

/// A commentary point with a title.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TitledPoint {
    /// A short title (inline text).
    pub title: Option<InlineText>,
    /// The point; paragraphs are separated by a blank line (inline text).
    pub text: InlineText,
}

/// The `[background]` table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BackgroundTable {
    /// Background paragraphs, separated by a blank line (inline text).
    pub text: Option<InlineText>,
    /// Dated events, in the order to print them.
    pub timeline: Option<Vec<Event>>,
}

/// One timeline entry.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Event {
    /// When: free text ("أكتوبر 1973م") or a TOML date (1973-10-06).
    pub when: When,
    /// What happened (inline text).
    pub event: InlineText,
}

/// A timeline entry's time.
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum When {
    /// Free text.
    Text(String),
    /// A calendar date, written out by the outlet.
    Date(TomlDate),
}

/// The `[questions]` table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct QuestionsTable {
    /// The open questions (inline text).
    pub items: Option<Vec<InlineText>>,
}

/// One `[[sources]]` entry.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SourceTable {
    /// The id citations use: [@id]. Needed when the text cites the source.
    pub id: Option<String>,
    /// The source's title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where to read it: an http, https or mailto address.
    pub url: Option<String>,
    /// When it was published.
    pub date: Option<TomlDate>,
}

/// The languages a brief can be written in.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Arabic, right to left.
    Ar,
    /// English, left to right.
    En,
}

/// Text with mujaz's inline syntax: **strong**, *emphasis*, [label](https://…), [@source-id].
/// Everything else prints exactly as written.
pub struct InlineText;

impl JsonSchema for InlineText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "InlineText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "Text with mujaz's inline syntax: **strong**, *emphasis*, [label](https://…), [@source-id], [^note]."
        })
    }
}

/// A TOML local date such as 2025-09-21 (written without quotes).
pub struct TomlDate;

impl JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TomlDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // Taplo (Even Better TOML) presents TOML dates to JSON Schema as strings with a format.
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A TOML date without quotes, e.g. 2025-09-21."
        })
    }
}

/// The JSON Schema of the brief format, pretty-printed.
pub fn brief_schema() -> String {
    let schema = schemars::schema_for!(BriefFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
