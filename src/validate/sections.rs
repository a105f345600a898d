//! Reading the sections of a brief: `[brief]`, `[news]`, `[commentary]`, `[background]`,
//! `[questions]` and `[[sources]]`.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Checker, Context, citations};
use crate::brief::inline;
use crate::brief::{
    Background, Brief, Date, Embargo, Event, Fact, Inline, Lang, News, Note, Point, Quote, Section, Source, Status,
    When,
};
use crate::diag::{Code, did_you_mean};
use crate::limits;
use crate::msg;
use crate::options::DEFAULT_OUTLET;
use crate::walk::Table;

pub(super) const ROOT_KEYS: &[&str] =
    &["brief", "news", "commentary", "background", "questions", "sources", "facts", "quotes", "notes", "figures"];
pub(super) const BRIEF_KEYS: &[&str] =
    &["id", "title", "subtitle", "date", "lang", "outlet", "authors", "tags", "summary", "status", "embargo"];
pub(super) const FACT_KEYS: &[&str] = &["value", "label", "source"];
pub(super) const QUOTE_KEYS: &[&str] = &["text", "by", "after"];
/// The statuses a brief may have.
const STATUSES: &[(&str, Status)] = &[("draft", Status::Draft), ("final", Status::Final)];
pub(super) const NEWS_KEYS: &[&str] = &["dateline", "date", "text"];
pub(super) const COMMENTARY_KEYS: &[&str] = &["points"];
pub(super) const POINT_KEYS: &[&str] = &["title", "text"];
pub(super) const BACKGROUND_KEYS: &[&str] = &["text", "timeline"];
pub(super) const EVENT_KEYS: &[&str] = &["when", "event"];
pub(super) const QUESTIONS_KEYS: &[&str] = &["items"];
pub(super) const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "url", "date"];

impl Checker<'_> {
    pub(super) fn brief(&mut self, root: &Spanned<DeTable<'_>>, context: &Context<'_>) -> Option<Brief> {
        let root = self.walk.root(root.get_ref());
        self.walk.unknown_keys(&root, ROOT_KEYS);

        let head = self.walk.required_table(&root, "brief", "[brief]\ntitle = \"…\"\ndate = 2025-09-21");
        let news = self.walk.required_table(&root, "news", "[news]\ntext = \"\"\"…\"\"\"");
        let commentary = self.walk.required_table(&root, "commentary", "[commentary]\npoints = [\"…\"]");
        let background = self.walk.optional_table(&root, "background");
        let questions = self.walk.optional_table(&root, "questions");

        let head = head.map(|head| self.head(&head, context));
        let news_date_default = head.as_ref().and_then(|h| h.date);
        let news = news.and_then(|news| self.news(&news, news_date_default));
        let commentary = commentary.and_then(|c| self.commentary(&c));
        let background = background.and_then(|b| self.background(&b));
        let questions = questions.map(|q| self.questions(&q)).unwrap_or_default();
        let facts = self.facts(&root);
        let quotes = self.quotes(&root);
        let figures = self.figures(&root, context.folder);
        let (notes, note_spans) = self.notes(&root);
        let note_numbers = self.check_note_refs(&notes, &note_spans);
        let sources_unread =
            root.get("sources").and_then(|v| v.get_ref().as_array()).is_some_and(|s| s.len() > limits::MAX_SOURCES);
        let sources = self.sources(&root);
        let figure_refs: Vec<_> = self.cites.extract_if(.., |(id, _)| id.starts_with(inline::FIGURE_PREFIX)).collect();
        let figure_numbers = self.check_figure_refs(figure_refs, &figures);
        let numbers = if sources_unread {
            // Too many sources to read: every citation would look unknown.
            self.cites.clear();
            HashMap::new()
        } else {
            citations::check(&mut self.walk, &mut self.cites, &sources)
        };

        let head = head?;
        let mut brief = Brief {
            id: head.id.unwrap_or_else(|| context.default_id.to_string()),
            title: head.title?,
            subtitle: head.subtitle,
            date: head.date?,
            lang: head.lang,
            outlet: head.outlet,
            authors: head.authors,
            tags: head.tags,
            summary: head.summary,
            news: news?,
            commentary: commentary?,
            background,
            questions,
            sources: sources.into_iter().map(|(source, _)| source).collect(),
            status: head.status,
            embargo: head.embargo,
            facts,
            quotes,
            notes,
            figures: figures.into_iter().map(|(figure, _)| figure).collect(),
        };
        citations::for_each_text(&mut brief, &mut |runs| {
            inline::for_each_reference_mut(runs, inline::Reference::Figure, &mut |id, number| {
                *number = figure_numbers.get(id).copied().unwrap_or(0)
            })
        });
        for fact in &mut brief.facts {
            fact.source = fact.source_id.as_ref().and_then(|id| numbers.get(id).copied());
        }
        citations::for_each_text(&mut brief, &mut |runs| {
            inline::for_each_reference_mut(runs, inline::Reference::Note, &mut |id, number| {
                *number = note_numbers.get(id).copied().unwrap_or(0)
            })
        });
        citations::for_each_text(&mut brief, &mut |runs| {
            inline::for_each_reference_mut(runs, inline::Reference::Cite, &mut |id, number| {
                *number = numbers.get(id).copied().unwrap_or(0)
            })
        });
        Some(brief)
    }

    fn head(&mut self, table: &Table<'_, '_>, context: &Context<'_>) -> Head {
        self.walk.unknown_keys(table, BRIEF_KEYS);
        let id = self.walk.string(table, "id").and_then(|id| self.checked_id(id));
        let title = self.required_inline_line(table, "title");
        let subtitle = self.inline_line(table, "subtitle");
        let date = self.walk.required_date(table, "date");
        let lang = self.lang(table);
        let outlet = self.outlet(table, context);
        let authors = match self.walk.too_many(table, "authors", limits::MAX_AUTHORS) {
            true => Vec::new(),
            false => self.walk.string_list(table, "authors"),
        };
        let tags = match self.walk.too_many(table, "tags", limits::MAX_TAGS) {
            true => Vec::new(),
            false => self.walk.string_list(table, "tags"),
        };
        let summary = self.inline_line(table, "summary");
        let status = match self.walk.string(table, "status") {
            None => Status::Final,
            Some(status) => match STATUSES.iter().find(|(name, _)| *name == status.get_ref()) {
                Some((_, status)) => *status,
                None => {
                    let message = msg!("bad-status", status = status.get_ref());
                    self.walk.error(Code::BadValue, status.span(), message, msg!("hint-status"));
                    Status::Final
                }
            },
        };
        let embargo = self.embargo(table);
        Head { id, title, subtitle, date, lang, outlet, authors, tags, summary, status, embargo }
    }

    /// The `lang` of a `[brief]` or `[bulletin]` table: Arabic when it is not set.
    pub(super) fn lang(&mut self, table: &Table<'_, '_>) -> Lang {
        match self.walk.string(table, "lang") {
            None => Lang::Ar,
            Some(lang) => match Lang::ALL.iter().find(|(code, _)| *code == lang.get_ref()) {
                Some((_, lang)) => *lang,
                None => {
                    let supported: Vec<_> = Lang::ALL.iter().map(|(code, _)| format!("\"{code}\"")).collect();
                    self.walk.error(
                        Code::UnsupportedLang,
                        lang.span(),
                        msg!("unsupported-lang", lang = lang.get_ref()),
                        msg!("hint-supported-langs", langs = supported.join(", ")),
                    );
                    Lang::Ar
                }
            },
        }
    }

    /// The `outlet` of a `[brief]` or `[bulletin]` table: the default one when it is not set
    /// (or, after an error, when it names none that exists).
    pub(super) fn outlet(&mut self, table: &Table<'_, '_>, context: &Context<'_>) -> String {
        match self.walk.string(table, "outlet") {
            None => DEFAULT_OUTLET.to_string(),
            Some(outlet) if context.outlets.is_none_or(|outlets| outlets.iter().any(|o| o == outlet.get_ref())) => {
                outlet.into_inner()
            }
            Some(outlet) => {
                let names: Vec<&str> = context.outlets.unwrap_or_default().iter().map(String::as_str).collect();
                let hint = match did_you_mean(outlet.get_ref(), &names) {
                    Some(s) => msg!("hint-outlet-did-you-mean", suggestion = s, outlets = names.join(", ")),
                    None => msg!("hint-available-outlets", outlets = names.join(", ")),
                };
                self.walk.error(
                    Code::UnknownOutlet,
                    outlet.span(),
                    msg!("unknown-outlet", outlet = outlet.get_ref()),
                    hint,
                );
                DEFAULT_OUTLET.to_string()
            }
        }
    }

    fn checked_id(&mut self, id: Spanned<String>) -> Option<String> {
        let value = id.get_ref();
        if value.is_empty() || value.starts_with('.') || !value.chars().all(inline::is_id_char) {
            self.walk.error(Code::BadValue, id.span(), msg!("bad-id", id = value), msg!("hint-bad-id"));
            return None;
        }
        Some(id.into_inner())
    }

    fn news(&mut self, table: &Table<'_, '_>, default_date: Option<Date>) -> Option<News> {
        self.walk.unknown_keys(table, NEWS_KEYS);
        let dateline = self.walk.string(table, "dateline").map(Spanned::into_inner);
        let date = self.walk.date(table, "date").or(default_date);
        let paragraphs = self.required_paragraphs(table, "text");
        Some(News { dateline, date: date?, paragraphs: paragraphs? })
    }

    fn commentary(&mut self, table: &Table<'_, '_>) -> Option<Vec<Point>> {
        self.walk.unknown_keys(table, COMMENTARY_KEYS);
        let Some(points) = table.get("points") else {
            self.walk.missing(table, "points", "points = [\"…\", { title = \"…\", text = \"…\" }]");
            return None;
        };
        let Some(items) = points.get_ref().as_array() else {
            self.walk.wrong_type(points, "commentary.points", msg!("kind-list"), "points = [\"…\", \"…\"]");
            return None;
        };
        if self.walk.too_many(table, "points", limits::MAX_POINTS) {
            return None;
        }
        if items.is_empty() {
            let message = msg!("empty-field", name = "commentary.points");
            self.walk.error(Code::EmptyText, points.span(), message, msg!("hint-add-a-point"));
            return None;
        }
        let mut result = Vec::new();
        let mut complete = true;
        for (index, item) in items.iter().enumerate() {
            let name = format!("commentary.points[{}]", index + 1);
            let point = match item.get_ref() {
                DeValue::String(_) => {
                    self.paragraphs_of(item, &name, true).map(|paragraphs| Point { title: None, paragraphs })
                }
                DeValue::Table(point) => {
                    let point = Table { table: point, span: item.span(), name };
                    self.walk.unknown_keys(&point, POINT_KEYS);
                    let title = self.inline_line(&point, "title");
                    let paragraphs = self.required_paragraphs(&point, "text");
                    paragraphs.map(|paragraphs| Point { title, paragraphs })
                }
                _ => {
                    self.walk.wrong_type(item, &name, msg!("kind-string-or-table"), msg!("example-point"));
                    None
                }
            };
            match point {
                Some(point) => result.push(point),
                None => complete = false,
            }
        }
        complete.then_some(result)
    }

    fn background(&mut self, table: &Table<'_, '_>) -> Option<Background> {
        self.walk.unknown_keys(table, BACKGROUND_KEYS);
        let paragraphs = match table.get("text") {
            Some(text) => self.paragraphs_of(text, "background.text", false).unwrap_or_default(),
            None => Vec::new(),
        };
        let mut timeline = Vec::new();
        if self.walk.too_many(table, "timeline", limits::MAX_TIMELINE) {
            return None;
        }
        for item in self.walk.tables_in(table, "timeline", "timeline = [{ when = \"1973\", event = \"…\" }]") {
            self.walk.unknown_keys(&item, EVENT_KEYS);
            // `when` is free text ("أكتوبر 1973م") or a TOML date, which the outlet writes out.
            let when = match item.get("when").map(|v| v.get_ref()) {
                Some(DeValue::Datetime(_)) => self.walk.date(&item, "when").map(When::Date),
                _ => self.walk.required_string(&item, "when").map(When::Text),
            };
            let event = self.required_inline_line(&item, "event");
            if let (Some(when), Some(event)) = (when, event) {
                timeline.push(Event { when, event });
            }
        }
        // An empty `[background]` is left out rather than printed as a bare heading.
        (!paragraphs.is_empty() || !timeline.is_empty()).then_some(Background { paragraphs, timeline })
    }

    fn questions(&mut self, table: &Table<'_, '_>) -> Vec<Inline> {
        self.walk.unknown_keys(table, QUESTIONS_KEYS);
        let Some(items) = table.get("items") else {
            return Vec::new();
        };
        let Some(array) = items.get_ref().as_array() else {
            self.walk.wrong_type(items, "questions.items", msg!("kind-list-of-strings"), "items = [\"…؟\", \"…؟\"]");
            return Vec::new();
        };
        if self.walk.too_many(table, "items", limits::MAX_QUESTIONS) {
            return Vec::new();
        }
        let mut questions = Vec::new();
        for (index, item) in array.iter().enumerate() {
            let name = format!("questions.items[{}]", index + 1);
            if let Some(question) = self.inline_value(item, &name, true) {
                questions.push(question);
            }
        }
        questions
    }

    fn sources(&mut self, root: &Table<'_, '_>) -> Vec<(Source, Range<usize>)> {
        let mut sources = Vec::new();
        if self.walk.too_many(root, "sources", limits::MAX_SOURCES) {
            return sources;
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let hint = "[[sources]]\nid = \"…\"\ntitle = \"…\"";
        for item in self.walk.tables_in(root, "sources", hint) {
            self.walk.unknown_keys(&item, SOURCE_KEYS);
            let id = self.walk.string(&item, "id").and_then(|id| {
                let span = id.span();
                let checked = self.checked_id(id)?;
                if let Some(first) = seen.insert(checked.clone(), sources.len() + 1) {
                    let message = msg!("duplicate-source", id = &checked, first = first);
                    self.walk.error(Code::DuplicateSource, span, message, msg!("hint-duplicate-source"));
                }
                Some(checked)
            });
            let title = self.walk.required_string(&item, "title");
            let publisher = self.walk.string(&item, "publisher").map(Spanned::into_inner);
            let url = self.walk.string(&item, "url").and_then(|url| match inline::url_problem(url.get_ref()) {
                None => Some(url.into_inner()),
                Some(problem) => {
                    self.walk.error(Code::BadUrl, url.span(), problem, msg!("hint-source-url"));
                    None
                }
            });
            let date = self.walk.date(&item, "date");
            if let Some(title) = title {
                let number = sources.len() + 1;
                sources.push((Source { number, id, title, publisher, url, date }, item.span.clone()));
            }
        }
        sources
    }
}

/// The parts of `[brief]` that the rest of the brief depends on.
struct Head {
    id: Option<String>,
    title: Option<Inline>,
    subtitle: Option<Inline>,
    date: Option<Date>,
    lang: Lang,
    outlet: String,
    authors: Vec<String>,
    tags: Vec<String>,
    summary: Option<Inline>,
    status: Status,
    embargo: Option<Embargo>,
}

impl Checker<'_> {
    /// `embargo = 2025-09-22T06:00:00+03:00`: a date, a time and the offset it is meant in.
    fn embargo(&mut self, table: &Table<'_, '_>) -> Option<Embargo> {
        let value = table.get("embargo")?;
        let whole = match value.get_ref() {
            DeValue::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
                (Some(date), Some(time), Some(offset)) => Some((date, time, offset)),
                _ => None,
            },
            _ => None,
        };
        if let DeValue::Datetime(datetime) = value.get_ref()
            && datetime.date.is_some()
            && datetime.time.is_some()
            && datetime.offset.is_none()
        {
            let name = table.key_name("embargo");
            self.walk.error(
                Code::WrongType,
                value.span(),
                msg!("embargo-needs-offset", name = name),
                msg!("hint-embargo-offset"),
            );
            return None;
        }
        let Some((date, time, offset)) = whole else {
            let example = msg!("example-embargo");
            self.walk.wrong_type(value, &table.key_name("embargo"), msg!("kind-datetime-with-offset"), example);
            return None;
        };
        // The moment it ends: toml has checked the time's ranges (a leap second counts as :59).
        let ends_at = time::Month::try_from(date.month)
            .ok()
            .and_then(|month| time::Date::from_calendar_date(i32::from(date.year), month, date.day).ok())
            .zip(time::Time::from_hms(time.hour, time.minute, time.second.min(59)).ok())
            .map(|(day, at)| time::PrimitiveDateTime::new(day, at).assume_utc().unix_timestamp());
        let (Some(day), Some(ends_at)) = (Date::new(i32::from(date.year), date.month, date.day), ends_at) else {
            let name = table.key_name("embargo");
            self.walk.error(Code::BadValue, value.span(), msg!("not-a-real-date", name = name), msg!("hint-real-date"));
            return None;
        };
        let (offset, minutes) = match offset {
            toml::value::Offset::Z => ("Z".to_string(), 0),
            toml::value::Offset::Custom { minutes } => {
                let sign = if minutes < 0 { '-' } else { '+' };
                (format!("{sign}{:02}:{:02}", minutes.unsigned_abs() / 60, minutes.unsigned_abs() % 60), minutes)
            }
        };
        let ends_at = ends_at - i64::from(minutes) * 60;
        Some(Embargo { date: day, time: format!("{:02}:{:02}", time.hour, time.minute), offset, ends_at })
    }

    /// `[[facts]]`: two to eight key figures, each perhaps from a source.
    fn facts(&mut self, root: &Table<'_, '_>) -> Vec<Fact> {
        let items = self.walk.tables_in(root, "facts", "[[facts]]\nvalue = \"60%\"\nlabel = \"…\"");
        if let Some(first) = items.first()
            && !(limits::MIN_FACTS..=limits::MAX_FACTS).contains(&items.len())
        {
            let span = first.span.start..items.last().map_or(first.span.end, |last| last.span.end);
            let message = msg!("facts-count", count = items.len(), min = limits::MIN_FACTS, max = limits::MAX_FACTS);
            self.walk.error(Code::BadValue, span, message, msg!("hint-facts-count"));
            return Vec::new();
        }
        let mut facts = Vec::new();
        for item in items {
            self.walk.unknown_keys(&item, FACT_KEYS);
            let value = self.walk.required_string(&item, "value");
            let label = self.required_inline_line(&item, "label");
            let source_id = self.walk.string(&item, "source").map(|id| {
                // Checked like a citation: a source it names is cited.
                self.cites.push((id.get_ref().clone(), id.span()));
                id.into_inner()
            });
            if let (Some(value), Some(label)) = (value, label) {
                facts.push(Fact { value, label, source: None, source_id });
            }
        }
        facts
    }

    /// `[[quotes]]`: pull quotes, each after a section.
    fn quotes(&mut self, root: &Table<'_, '_>) -> Vec<Quote> {
        let mut quotes = Vec::new();
        for item in self.walk.tables_in(root, "quotes", "[[quotes]]\ntext = \"…\"\nby = \"…\"") {
            self.walk.unknown_keys(&item, QUOTE_KEYS);
            let text = self.required_inline_line(&item, "text");
            let by = self.walk.string(&item, "by").map(Spanned::into_inner);
            let after = self.after(&item, Section::Commentary);
            if let (Some(text), Some(after)) = (text, after) {
                quotes.push(Quote { text, by, after });
            }
        }
        quotes
    }

    /// Where a quote (or figure) goes: `after = "news" | "commentary" | "background"`.
    pub(super) fn after(&mut self, item: &Table<'_, '_>, default: Section) -> Option<Section> {
        let Some(after) = self.walk.string(item, "after") else { return Some(default) };
        match Section::ALL.iter().find(|(name, _)| *name == after.get_ref()) {
            Some((_, section)) => Some(*section),
            None => {
                let choices: Vec<&str> = Section::ALL.iter().map(|(name, _)| *name).collect();
                let hint = match did_you_mean(after.get_ref(), &choices) {
                    Some(close) => msg!("hint-did-you-mean", suggestion = close),
                    None => msg!("hint-choose-one", choices = choices.join(", ")),
                };
                let message = msg!("unknown-after", name = item.key_name("after"), value = after.get_ref());
                self.walk.error(Code::BadValue, after.span(), message, hint);
                None
            }
        }
    }

    /// `[notes]`: endnotes by key, numbered in the order written; every `[^key]` must name one.
    fn notes(&mut self, root: &Table<'_, '_>) -> (Vec<Note>, Vec<Range<usize>>) {
        let Some(table) = self.walk.optional_table(root, "notes") else { return (Vec::new(), Vec::new()) };
        let mut entries: Vec<_> = table.table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        if entries.len() > limits::MAX_NOTES {
            let message = msg!("too-many-entries", name = "notes", count = entries.len(), max = limits::MAX_NOTES);
            self.walk.error(Code::TooLarge, table.span.clone(), message, msg!("hint-too-many-entries"));
            return (Vec::new(), Vec::new());
        }
        let mut notes = Vec::new();
        let mut spans = Vec::new();
        for (key, value) in entries {
            let id = key.get_ref().to_string();
            if id.is_empty() || !id.chars().all(inline::is_id_char) {
                self.walk.error(Code::BadValue, key.span(), msg!("bad-note-key", id = &id), msg!("hint-bad-note-key"));
                continue;
            }
            if let Some(text) = self.inline_value(value, &table.key_name(&id), true) {
                spans.push(key.span());
                notes.push(Note { number: notes.len() + 1, id, text });
            }
        }
        (notes, spans)
    }

    /// Report note references that name no note, and notes never referred to (`spans`: where
    /// each note is); return each note's number by key. Called once all text has been read.
    fn check_note_refs(&mut self, notes: &[Note], spans: &[Range<usize>]) -> HashMap<String, usize> {
        let numbers: HashMap<String, usize> = notes.iter().map(|note| (note.id.clone(), note.number)).collect();
        let known: Vec<&str> = notes.iter().map(|note| note.id.as_str()).collect();
        let mut referred = std::collections::HashSet::new();
        for (id, span) in std::mem::take(&mut self.note_refs) {
            if numbers.contains_key(&id) {
                referred.insert(id);
                continue;
            }
            let hint = match did_you_mean(&id, &known) {
                Some(close) => msg!("hint-did-you-mean-note", suggestion = close),
                None => msg!("hint-add-a-note", id = &id),
            };
            self.walk.error(Code::UnknownNote, span, msg!("unknown-note", id = &id), hint);
        }
        for (note, span) in notes.iter().zip(spans) {
            if !referred.contains(&note.id) {
                let warning = crate::diag::Diagnostic::warning(Code::UnusedNote, msg!("unused-note", id = &note.id))
                    .at(self.walk.file, span.clone())
                    .with_hint(msg!("hint-unused-note", id = &note.id));
                self.walk.diagnostics.push(warning);
            }
        }
        numbers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The property names of a table in the brief's JSON Schema.
    fn schema_keys(definition: &str) -> Vec<String> {
        let schema = serde_json::to_value(schemars::schema_for!(crate::brief::schema::BriefFile)).unwrap();
        let table = if definition.is_empty() { &schema } else { &schema["$defs"][definition] };
        let mut keys: Vec<String> = table["properties"].as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_keys_validation_knows_are_the_schemas_keys() {
        for (definition, known) in [
            ("", ROOT_KEYS),
            ("BriefTable", BRIEF_KEYS),
            ("NewsTable", NEWS_KEYS),
            ("CommentaryTable", COMMENTARY_KEYS),
            ("TitledPoint", POINT_KEYS),
            ("BackgroundTable", BACKGROUND_KEYS),
            ("Event", EVENT_KEYS),
            ("QuestionsTable", QUESTIONS_KEYS),
            ("SourceTable", SOURCE_KEYS),
            ("FactTable", FACT_KEYS),
            ("QuoteTable", QUOTE_KEYS),
            ("FigureTable", crate::validate::figures::FIGURE_KEYS),
        ] {
            let mut known: Vec<String> = known.iter().map(|k| k.to_string()).collect();
            known.sort();
            assert_eq!(known, schema_keys(definition), "{definition}");
        }
    }
}
