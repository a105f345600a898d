//! The bulletin model: a [`Bulletin`] (نشرة) that validation has accepted — a publication that
//! bundles briefs behind a cover and a table of contents.
//!
//! A bulletin file names its briefs; the program that builds it finds and checks them, each
//! as it would be checked alone, and lays them all out in the bulletin's outlet.

pub mod schema;

use std::ops::Range;

use serde::Serialize;

use crate::brief::{Date, Inline, Lang};

/// The top-level table that makes a TOML file a bulletin rather than a brief.
pub const TABLE: &str = "bulletin";

/// A validated bulletin file.
#[derive(Debug, Clone, Serialize)]
pub struct Bulletin {
    /// The bulletin's name, on its cover and in the PDF's title: "النشرة اليومية".
    pub title: Inline,
    /// The issue number, when the bulletin is numbered.
    pub number: Option<u32>,
    /// The date.
    pub date: Date,
    /// The outlet that lays the bulletin and all its briefs out.
    pub outlet: String,
    /// The language of the cover and the contents (each brief keeps its own).
    pub lang: Lang,
    /// The editor's note on the cover, as paragraphs (none when empty).
    pub foreword: Vec<Inline>,
    /// The briefs, as written: files, folders or glob patterns, in the bulletin's order.
    #[serde(skip)]
    pub entries: Vec<Entry>,
}

/// One entry of `briefs = [...]`, as written, and where.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The path or pattern, relative to the bulletin's folder.
    pub text: String,
    /// Where it is written in the bulletin file.
    pub span: Range<usize>,
}

/// Whether a TOML text is a bulletin: it has a top-level `[bulletin]` table. Read leniently
/// (a file that does not parse is left to be reported as a brief).
pub fn is_bulletin(text: &str) -> bool {
    match toml::de::DeTable::parse(text) {
        Ok(root) => root.get_ref().get(TABLE).is_some_and(|value| value.get_ref().is_table()),
        Err(_) => false,
    }
}
