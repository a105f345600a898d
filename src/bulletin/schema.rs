//! The bulletin file format as Rust types, for the JSON Schema editors use to complete and
//! check keys (`mujaz schema --bulletin`, `schema/bulletin.schema.json`).

use schemars::JsonSchema;

use crate::brief::schema::{InlineText, Language, TomlDate};

/// A mujaz bulletin: many briefs behind a cover and a table of contents.
#[derive(JsonSchema)]
#[schemars(title = "mujaz bulletin", deny_unknown_fields)]
pub struct BulletinFile {
    /// The bulletin: its title, date, outlet and briefs.
    pub bulletin: BulletinTable,
}

/// The `[bulletin]` table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BulletinTable {
    /// The bulletin's name, on its cover and as the PDF's title (inline text).
    pub title: InlineText,
    /// The issue number, from 1 up (leave it out for an unnumbered bulletin).
    #[schemars(range(min = 1))]
    pub number: Option<u32>,
    /// The date, a TOML date without quotes: 2025-09-21.
    pub date: TomlDate,
    /// The outlet that lays out the cover and every brief. Default: "default".
    pub outlet: Option<String>,
    /// The language of the cover and the contents: "ar" (default) or "en"; each brief keeps its own.
    pub lang: Option<Language>,
    /// The editor's note on the cover: paragraphs of inline text, separated by blank lines.
    pub foreword: Option<InlineText>,
    /// The briefs in order: files, folders (their *.toml files by name) or patterns such as
    /// "../briefs/2025-09-*.toml", relative to the bulletin's folder.
    #[schemars(length(min = 1))]
    pub briefs: Vec<String>,
}

/// The JSON Schema of the bulletin format, pretty-printed.
pub fn bulletin_schema() -> String {
    let schema = schemars::schema_for!(BulletinFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
