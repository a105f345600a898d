//! Reading a bulletin file: its one `[bulletin]` table.

use toml::de::DeValue;

use super::{Checker, Context, characters};
use crate::bulletin::{Bulletin, Entry, TABLE};
use crate::diag::{Code, Diagnostic};
use crate::limits;
use crate::load::RawBrief;
use crate::msg;
use crate::walk::Walker;

const BULLETIN_KEYS: &[&str] = &["title", "number", "date", "outlet", "lang", "foreword", "briefs"];

/// Check a parsed bulletin file; on success also return its warnings. The briefs it names
/// are only read as written here: finding and checking them is the build's work.
pub fn validate_bulletin(
    raw: &RawBrief<'_>,
    context: &Context<'_>,
) -> Result<(Bulletin, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut checker =
        Checker { walk: Walker::new(raw.file), cites: Vec::new(), note_refs: Vec::new(), declared_figures: Vec::new() };
    let bulletin = checker.bulletin(raw, context);
    characters::check(&mut checker.walk, raw.root.get_ref());
    // A bulletin has no sources or notes of its own: its briefs carry them.
    for (_, span) in checker.cites.drain(..).chain(checker.note_refs.drain(..)) {
        checker.walk.error(
            Code::UnknownCitation,
            span,
            msg!("reference-in-bulletin"),
            msg!("hint-reference-in-bulletin"),
        );
    }
    let mut diagnostics = checker.walk.diagnostics;
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    match bulletin {
        Some(bulletin) if !diagnostics.iter().any(Diagnostic::is_error) => Ok((bulletin, diagnostics)),
        _ => Err(diagnostics),
    }
}

impl Checker<'_> {
    fn bulletin(&mut self, raw: &RawBrief<'_>, context: &Context<'_>) -> Option<Bulletin> {
        let root = self.walk.root(raw.root.get_ref());
        self.walk.unknown_keys(&root, &[TABLE]);
        let example = "[bulletin]\ntitle = \"…\"\ndate = 2025-09-21\nbriefs = [\"briefs/…\"]";
        let table = self.walk.required_table(&root, TABLE, example)?;
        self.walk.unknown_keys(&table, BULLETIN_KEYS);
        let title = self.required_inline_line(&table, "title");
        let date = self.walk.required_date(&table, "date");
        let number = match table.get("number") {
            None => None,
            Some(value) => match value.get_ref() {
                DeValue::Integer(integer) => match integer.as_str().replace('_', "").parse::<u32>() {
                    Ok(number) if (1..=limits::MAX_ISSUE_NUMBER).contains(&number) => Some(number),
                    _ => {
                        let name = table.key_name("number");
                        let message = msg!("bad-issue-number-range", name = name, max = limits::MAX_ISSUE_NUMBER);
                        self.walk.error(Code::BadValue, value.span(), message, msg!("hint-issue-number"));
                        None
                    }
                },
                _ => {
                    let name = table.key_name("number");
                    self.walk.wrong_type(value, &name, msg!("kind-whole-number"), "number = 142");
                    None
                }
            },
        };
        let lang = self.lang(&table);
        let outlet = self.outlet(&table, context);
        let foreword = match table.get("foreword") {
            Some(value) => self.paragraphs_of(value, &table.key_name("foreword"), false).unwrap_or_default(),
            None => Vec::new(),
        };
        let entries = self.entries(&table);
        Some(Bulletin { title: title?, number, date: date?, outlet, lang, foreword, entries: entries? })
    }

    /// The `briefs` list: strings, at least one, at most the limit.
    fn entries(&mut self, table: &crate::walk::Table<'_, '_>) -> Option<Vec<Entry>> {
        let example = "briefs = [\"../briefs/first.toml\", \"../briefs/second.toml\"]";
        let Some(value) = table.get("briefs") else {
            self.walk.missing(table, "briefs", example);
            return None;
        };
        let name = table.key_name("briefs");
        let Some(items) = value.get_ref().as_array() else {
            self.walk.wrong_type(value, &name, msg!("kind-list-of-strings"), example);
            return None;
        };
        if items.is_empty() {
            self.walk.error(Code::EmptyText, value.span(), msg!("empty-field", name = &name), msg!("hint-add-briefs"));
            return None;
        }
        if self.walk.too_many(table, "briefs", limits::MAX_BULLETIN_BRIEFS) {
            return None;
        }
        let mut entries = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => {
                    entries.push(Entry { text: text.trim().to_string(), span: item.span() })
                }
                DeValue::String(_) => {
                    let message = msg!("empty-field", name = format!("{name}[{}]", index + 1));
                    self.walk.error(Code::EmptyText, item.span(), message, msg!("hint-add-briefs"));
                }
                _ => self.walk.wrong_type(item, &format!("{name}[{}]", index + 1), msg!("kind-string"), example),
            }
        }
        (entries.len() == items.len()).then_some(entries)
    }
}
