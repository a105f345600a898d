//! Lay a bulletin out as one document: its cover and contents by the outlet's `bulletin.typ`,
//! then each brief by the outlet's `brief.typ`, exactly as it would be laid out alone.
//!
//! Each brief is served as a Typst package of its own (`@mujaz/brief-3:0.0.0`) holding the
//! outlet's files, the brief's figures and its `/brief.json`: the template's absolute paths
//! then reach that brief's files, its modules are evaluated with its own data, and
//! `bulletin.typ` includes it. Its labels carry a prefix of their own (`b3-`), since labels are
//! shared by the whole document.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use typst::foundations::{Bytes, Datetime};

use super::data::{Dates, TemplateData, digits_for, direction, json_for, profile_name, settings_for};
use super::fonts::FontSet;
use super::world::{BriefWorld, Package, VirtualFile, package_path};
use super::{DATA_PATH, MAIN_PATH, Rendered, compile_world, outlet_files};
use crate::brief::{Brief, Inline, Lang};
use crate::bulletin::Bulletin;
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::options::Profile;
use crate::outlet::Outlet;

/// The virtual path of a bulletin's entry file, in the outlet folder.
pub const BULLETIN_MAIN_PATH: &str = "/bulletin.typ";

/// What `bulletin.typ` reads from `/brief.json`: shaped like a brief's data (so that the
/// outlet's `lib.typ` serves the cover as it serves a brief: colours, fonts, labels, dates in
/// the bulletin's language), with the bulletin itself under `bulletin`.
#[derive(Serialize)]
struct BulletinData<'a> {
    lang: &'static str,
    dir: &'static str,
    profile: &'static str,
    brief: Cover<'a>,
    outlet: Value,
    digits: &'static str,
    dates: Dates,
    generator: String,
    bulletin: Contents<'a>,
}

/// The bulletin seen as a brief with a title and nothing else, for `lib.typ`.
#[derive(Serialize)]
struct Cover<'a> {
    id: &'static str,
    title: &'a Inline,
    subtitle: Option<&'a Inline>,
    authors: Vec<String>,
    tags: Vec<&'a str>,
    summary: Option<&'a Inline>,
    status: &'static str,
    embargo: Option<()>,
    background: Option<()>,
    facts: [(); 0],
    figures: [(); 0],
    quotes: [(); 0],
    notes: [(); 0],
    questions: [(); 0],
    sources: [(); 0],
    commentary: [(); 0],
}

/// The bulletin's own fields and its briefs, in order.
#[derive(Serialize)]
struct Contents<'a> {
    number: Option<u32>,
    foreword: &'a [Inline],
    briefs: Vec<Entry<'a>>,
}

/// What the cover and the contents say about one brief, and where to include it from.
#[derive(Serialize)]
struct Entry<'a> {
    /// The brief's place in the issue, from 1 (the lead story).
    position: usize,
    /// The import path of the brief's package.
    package: String,
    /// The prefix of the brief's labels (its first page is `<{prefix}brief-start>`).
    prefix: String,
    title: &'a Inline,
    subtitle: Option<&'a Inline>,
    summary: Option<&'a Inline>,
    lang: &'static str,
    dir: &'static str,
    authors: &'a [String],
    /// The authors joined the way the brief's language joins them («أ، ب»; "A, B"), for a
    /// line in the bulletin's language; `none` without authors.
    byline: Option<String>,
    /// The brief's date in the bulletin's language.
    date: String,
}

/// The name of the package the `index`-th brief (from 0) is served in. Names are reused from
/// build to build (and so are Typst's file ids for them, which live as long as the process).
fn package_name(index: usize) -> String {
    format!("brief-{}", index + 1)
}

/// The data `bulletin.typ` receives as `/brief.json`, as readable JSON (`mujaz data`).
pub fn bulletin_data_json(bulletin: &Bulletin, briefs: &[&Brief], outlet: &Outlet, profile: Profile) -> Vec<u8> {
    serde_json::to_vec_pretty(&bulletin_data(bulletin, briefs, outlet, profile)).unwrap_or_default()
}

/// Lay a bulletin and its briefs out through the outlet's `bulletin.typ` and `brief.typ`.
pub fn render_bulletin(
    bulletin: &Bulletin,
    briefs: &[&Brief],
    outlet: &Outlet,
    profile: Profile,
    fonts: Arc<FontSet>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let data = bulletin_data(bulletin, briefs, outlet, profile);
    // The cover needs no brief template, nor a brief's package the bulletin's: each is left
    // out where it is not used (parsing a template for every brief takes time).
    let mut files = outlet_files(outlet);
    files.retain(|(path, _)| path != MAIN_PATH);
    if !files.iter().any(|(path, _)| path == BULLETIN_MAIN_PATH) {
        let message = msg!("no-main-file", outlet = &outlet.name, file = &BULLETIN_MAIN_PATH[1..]);
        return Err(vec![Diagnostic::error(Code::TemplateError, message)]);
    }
    files.push(data_file("<bulletin data>/brief.json", json_for(&data, &fonts)));
    // Each brief's data is written out (its marks checked against the fonts) in parallel.
    use rayon::prelude::*;
    let packages = briefs
        .par_iter()
        .enumerate()
        .map(|(index, brief)| {
            let data = TemplateData::new(brief, outlet, profile).in_bulletin(format!("b{}-", index + 1));
            let mut files = outlet_files(outlet);
            files.retain(|(path, _)| path != BULLETIN_MAIN_PATH);
            files.extend(brief.figures.iter().map(|figure| {
                let bytes = Bytes::new(Arc::clone(&figure.bytes));
                (figure.path.clone(), VirtualFile { display_name: figure.file.clone(), bytes })
            }));
            files.push(data_file(&format!("<brief data>/{}/brief.json", brief.id), data.to_json_for(&fonts)));
            Package { name: package_name(index), entrypoint: MAIN_PATH[1..].to_string(), files }
        })
        .collect();
    let today = Datetime::from_ymd(bulletin.date.year, bulletin.date.month, bulletin.date.day)
        .ok_or_else(|| vec![Diagnostic::error(Code::TemplateError, msg!("date-unusable"))])?;
    let world = BriefWorld::with_packages(files, packages, BULLETIN_MAIN_PATH, fonts, today).map_err(|message| {
        vec![Diagnostic::error(Code::TemplateError, msg!("outlet-unusable", outlet = &outlet.name, detail = message))]
    })?;
    compile_world(world, format!("typst bulletin of {} briefs", briefs.len()), &outlet.name)
}

/// What `bulletin.typ` reads: the bulletin seen as a brief, and its briefs.
fn bulletin_data<'a>(
    bulletin: &'a Bulletin,
    briefs: &[&'a Brief],
    outlet: &Outlet,
    profile: Profile,
) -> BulletinData<'a> {
    let locale = outlet.settings.locale();
    let entries = briefs
        .iter()
        .enumerate()
        .map(|(index, brief)| Entry {
            position: index + 1,
            package: package_path(&package_name(index)),
            prefix: format!("b{}-", index + 1),
            title: &brief.title,
            subtitle: brief.subtitle.as_ref(),
            summary: brief.summary.as_ref(),
            lang: brief.lang.code(),
            dir: direction(brief.lang),
            authors: &brief.authors,
            byline: (!brief.authors.is_empty()).then(|| {
                let labels = match brief.lang {
                    Lang::Ar => &outlet.settings.labels.ar,
                    Lang::En => &outlet.settings.labels.en,
                };
                brief.authors.join(&labels.and)
            }),
            date: locale.date(brief.date, bulletin.lang),
        })
        .collect();
    let mut tags: Vec<&str> = Vec::new();
    for tag in briefs.iter().flat_map(|brief| &brief.tags) {
        if !tags.contains(&tag.as_str()) {
            tags.push(tag);
        }
    }
    let date = locale.date(bulletin.date, bulletin.lang);
    BulletinData {
        lang: bulletin.lang.code(),
        dir: direction(bulletin.lang),
        profile: profile_name(profile),
        brief: Cover {
            id: "bulletin",
            title: &bulletin.title,
            subtitle: None,
            authors: Vec::new(),
            tags,
            summary: None,
            status: "final",
            embargo: None,
            background: None,
            facts: [],
            figures: [],
            quotes: [],
            notes: [],
            questions: [],
            sources: [],
            commentary: [],
        },
        outlet: settings_for(outlet, profile),
        digits: digits_for(outlet, bulletin.lang),
        dates: Dates {
            brief: date.clone(),
            brief_hijri: locale.hijri(bulletin.date, bulletin.lang),
            news: date,
            sources: Vec::new(),
            timeline: Vec::new(),
            embargo: None,
        },
        generator: format!("mujaz {}", env!("CARGO_PKG_VERSION")),
        bulletin: Contents { number: bulletin.number, foreword: &bulletin.foreword, briefs: entries },
    }
}

/// The data file at `/brief.json`, named for diagnostics.
fn data_file(display_name: &str, bytes: Vec<u8>) -> (String, VirtualFile) {
    (DATA_PATH.to_string(), VirtualFile { display_name: display_name.to_string(), bytes: Bytes::new(bytes) })
}
