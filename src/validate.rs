//! Stage 2: turn a parsed brief into a checked [`Brief`], reporting every problem at once.
//!
//! The walk is written against the spanned TOML tree rather than derived with serde because
//! serde stops at the first error; editors want every mistake in one run, each located.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_segmentation::UnicodeSegmentation;

use crate::brief::inline::{self, InlineErrorKind, Run};
use crate::brief::{Background, Brief, Date, Event, Inline, Lang, News, Point, Source, When};
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::limits;
use crate::load::RawBrief;
use crate::render::world::FontSet;
use crate::walk::{Table, Walker, is_folding_space};

/// What validation needs to know besides the brief itself.
pub struct Context<'a> {
    /// The brief's id when it does not set one (the file name without `.toml`).
    pub default_id: &'a str,
    /// The outlets that exist, so a misspelt one can be caught with a suggestion; `None`
    /// when the outlet is chosen on the command line (`--outlet`) and the brief's is unused.
    pub outlets: Option<&'a [String]>,
    /// The fonts text will be set in, to warn about characters none of them can draw.
    pub fonts: Option<&'a FontSet>,
}

/// The outlet used when a brief does not name one.
pub const DEFAULT_OUTLET: &str = "default";

/// How many inline-syntax problems are reported for one field; the rest are counted.
const MAX_INLINE_ERRORS: usize = 10;

const ROOT_KEYS: &[&str] = &["brief", "news", "commentary", "background", "questions", "sources"];
const BRIEF_KEYS: &[&str] = &["id", "title", "subtitle", "date", "lang", "outlet", "authors", "tags", "summary"];
const NEWS_KEYS: &[&str] = &["dateline", "date", "text"];
const COMMENTARY_KEYS: &[&str] = &["points"];
const POINT_KEYS: &[&str] = &["title", "text"];
const BACKGROUND_KEYS: &[&str] = &["text", "timeline"];
const EVENT_KEYS: &[&str] = &["when", "event"];
const QUESTIONS_KEYS: &[&str] = &["items"];
const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "url", "date"];

/// Check a parsed brief; on success also return its warnings.
pub fn validate(raw: &RawBrief<'_>, context: &Context<'_>) -> Result<(Brief, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut checker = Checker { walk: Walker::new(raw.file), cites: Vec::new() };
    let brief = checker.brief(&raw.root, context);
    checker.check_characters(raw.root.get_ref(), context.fonts);
    let mut diagnostics = checker.walk.diagnostics;
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    match brief {
        Some(brief) if !diagnostics.iter().any(Diagnostic::is_error) => Ok((brief, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// Walks a brief's TOML tree, collecting diagnostics instead of stopping at the first.
struct Checker<'f> {
    walk: Walker<'f>,
    /// Every citation seen in the text, with its location, checked once sources are known.
    cites: Vec<(String, Range<usize>)>,
}

impl<'f> std::ops::Deref for Checker<'f> {
    type Target = Walker<'f>;
    fn deref(&self) -> &Walker<'f> {
        &self.walk
    }
}

impl<'f> std::ops::DerefMut for Checker<'f> {
    fn deref_mut(&mut self) -> &mut Walker<'f> {
        &mut self.walk
    }
}

impl Checker<'_> {
    fn brief(&mut self, root: &Spanned<DeTable<'_>>, context: &Context<'_>) -> Option<Brief> {
        let root = self.walk.root(root.get_ref());
        self.unknown_keys(&root, ROOT_KEYS);

        let head = self.required_table(&root, "brief", "[brief]\ntitle = \"…\"\ndate = 2025-09-21");
        let news = self.required_table(&root, "news", "[news]\ntext = \"\"\"…\"\"\"");
        let commentary = self.required_table(&root, "commentary", "[commentary]\npoints = [\"…\"]");
        let background = self.optional_table(&root, "background");
        let questions = self.optional_table(&root, "questions");

        let head = head.map(|head| self.head(&head, context));
        let news_date_default = head.as_ref().and_then(|h| h.date);
        let news = news.and_then(|news| self.news(&news, news_date_default));
        let commentary = commentary.and_then(|c| self.commentary(&c));
        let background = background.and_then(|b| self.background(&b));
        let questions = questions.map(|q| self.questions(&q)).unwrap_or_default();
        let sources_unread =
            root.get("sources").and_then(|v| v.get_ref().as_array()).is_some_and(|s| s.len() > limits::MAX_SOURCES);
        let sources = self.sources(&root);
        let numbers = if sources_unread {
            // Too many sources to read: every citation would look unknown.
            self.cites.clear();
            HashMap::new()
        } else {
            self.check_citations(&sources)
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
        };
        for_each_text(&mut brief, &mut |runs| {
            inline::for_each_cite_mut(runs, &mut |id, number| *number = numbers.get(id).copied().unwrap_or(0))
        });
        Some(brief)
    }

    fn head(&mut self, table: &Table<'_, '_>, context: &Context<'_>) -> Head {
        self.unknown_keys(table, BRIEF_KEYS);
        let id = self.string(table, "id").and_then(|id| self.checked_id(id));
        let title = self.required_inline_line(table, "title");
        let subtitle = self.inline_line(table, "subtitle");
        let date = self.required_date(table, "date");
        let lang = match self.string(table, "lang") {
            None => Lang::Ar,
            Some(lang) => match Lang::ALL.iter().find(|(code, _)| *code == lang.get_ref()) {
                Some((_, lang)) => *lang,
                None => {
                    let supported: Vec<_> = Lang::ALL.iter().map(|(code, _)| format!("\"{code}\"")).collect();
                    self.error(
                        Code::UnsupportedLang,
                        lang.span(),
                        format!("unsupported language `{}`", lang.get_ref()),
                        format!("supported languages: {} (Arabic is the default)", supported.join(", ")),
                    );
                    Lang::Ar
                }
            },
        };
        let outlet = match self.string(table, "outlet") {
            None => DEFAULT_OUTLET.to_string(),
            Some(outlet) if context.outlets.is_none_or(|outlets| outlets.iter().any(|o| o == outlet.get_ref())) => {
                outlet.into_inner()
            }
            Some(outlet) => {
                let names: Vec<&str> = context.outlets.unwrap_or_default().iter().map(String::as_str).collect();
                let suggestion =
                    did_you_mean(outlet.get_ref(), &names).map(|s| format!("did you mean `{s}`? ")).unwrap_or_default();
                self.error(
                    Code::UnknownOutlet,
                    outlet.span(),
                    format!("there is no outlet named `{}`", outlet.get_ref()),
                    format!("{suggestion}available outlets: {}", names.join(", ")),
                );
                DEFAULT_OUTLET.to_string()
            }
        };
        let authors = match self.too_many(table, "authors", limits::MAX_AUTHORS) {
            true => Vec::new(),
            false => self.string_list(table, "authors"),
        };
        let tags = match self.too_many(table, "tags", limits::MAX_TAGS) {
            true => Vec::new(),
            false => self.string_list(table, "tags"),
        };
        let summary = self.inline_line(table, "summary");
        Head { id, title, subtitle, date, lang, outlet, authors, tags, summary }
    }

    fn checked_id(&mut self, id: Spanned<String>) -> Option<String> {
        let value = id.get_ref();
        if value.is_empty() || value.starts_with('.') || !value.chars().all(inline::is_id_char) {
            self.error(
                Code::BadValue,
                id.span(),
                format!("`{value}` is not a usable id"),
                "use letters, digits, `-`, `_`, `.` or `:`, e.g. `egypt-pakistan-2025-09`",
            );
            return None;
        }
        Some(id.into_inner())
    }

    fn news(&mut self, table: &Table<'_, '_>, default_date: Option<Date>) -> Option<News> {
        self.unknown_keys(table, NEWS_KEYS);
        let dateline = self.string(table, "dateline").map(Spanned::into_inner);
        let date = self.date(table, "date").or(default_date);
        let paragraphs = self.required_paragraphs(table, "text");
        Some(News { dateline, date: date?, paragraphs: paragraphs? })
    }

    fn commentary(&mut self, table: &Table<'_, '_>) -> Option<Vec<Point>> {
        self.unknown_keys(table, COMMENTARY_KEYS);
        let Some(points) = table.get("points") else {
            self.missing(table, "points", "points = [\"…\", { title = \"…\", text = \"…\" }]");
            return None;
        };
        let Some(items) = points.get_ref().as_array() else {
            self.wrong_type(points, "commentary.points", "a list", "points = [\"…\", \"…\"]");
            return None;
        };
        if self.too_many(table, "points", limits::MAX_POINTS) {
            return None;
        }
        if items.is_empty() {
            self.error(
                Code::EmptyText,
                points.span(),
                "`commentary.points` is empty",
                "add at least one point: points = [\"…\"]",
            );
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
                    self.unknown_keys(&point, POINT_KEYS);
                    let title = self.inline_line(&point, "title");
                    let paragraphs = self.required_paragraphs(&point, "text");
                    paragraphs.map(|paragraphs| Point { title, paragraphs })
                }
                _ => {
                    self.wrong_type(item, &name, "a string or a table", "\"…\" or { title = \"…\", text = \"…\" }");
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
        self.unknown_keys(table, BACKGROUND_KEYS);
        let paragraphs = match table.get("text") {
            Some(text) => self.paragraphs_of(text, "background.text", false).unwrap_or_default(),
            None => Vec::new(),
        };
        let mut timeline = Vec::new();
        if self.too_many(table, "timeline", limits::MAX_TIMELINE) {
            return None;
        }
        for item in self.tables_in(table, "timeline", "timeline = [{ when = \"1973\", event = \"…\" }]") {
            self.unknown_keys(&item, EVENT_KEYS);
            // `when` is free text ("أكتوبر 1973م") or a TOML date, which the outlet writes out.
            let when = match item.get("when").map(|v| v.get_ref()) {
                Some(DeValue::Datetime(_)) => self.date(&item, "when").map(When::Date),
                _ => self.required_string(&item, "when").map(When::Text),
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
        self.unknown_keys(table, QUESTIONS_KEYS);
        let Some(items) = table.get("items") else {
            return Vec::new();
        };
        let Some(array) = items.get_ref().as_array() else {
            self.wrong_type(items, "questions.items", "a list of strings", "items = [\"…؟\", \"…؟\"]");
            return Vec::new();
        };
        if self.too_many(table, "items", limits::MAX_QUESTIONS) {
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
        if self.too_many(root, "sources", limits::MAX_SOURCES) {
            return sources;
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let hint = "[[sources]]\nid = \"…\"\ntitle = \"…\"";
        for item in self.tables_in(root, "sources", hint) {
            self.unknown_keys(&item, SOURCE_KEYS);
            let id = self.string(&item, "id").and_then(|id| {
                let span = id.span();
                let checked = self.checked_id(id)?;
                if let Some(first) = seen.insert(checked.clone(), sources.len() + 1) {
                    self.error(
                        Code::DuplicateSource,
                        span,
                        format!("source id `{checked}` is already used by source {first}"),
                        "give every source its own id",
                    );
                }
                Some(checked)
            });
            let title = self.required_string(&item, "title");
            let publisher = self.string(&item, "publisher").map(Spanned::into_inner);
            let url = self.string(&item, "url").and_then(|url| match inline::url_problem(url.get_ref()) {
                None => Some(url.into_inner()),
                Some(problem) => {
                    let hint = "write the full address, e.g. \"https://example.org/article\"";
                    self.error(Code::BadUrl, url.span(), problem, hint);
                    None
                }
            });
            let date = self.date(&item, "date");
            if let Some(title) = title {
                let number = sources.len() + 1;
                sources.push((Source { number, id, title, publisher, url, date }, item.span.clone()));
            }
        }
        sources
    }

    /// Report citations of unknown sources and sources never cited; return each id's number.
    fn check_citations(&mut self, sources: &[(Source, Range<usize>)]) -> HashMap<String, usize> {
        let numbers: HashMap<String, usize> =
            sources.iter().filter_map(|(s, _)| Some((s.id.clone()?, s.number))).collect();
        let mut known: Vec<&str> = numbers.keys().map(String::as_str).collect();
        known.sort_unstable();
        let mut cited = HashSet::new();
        for (id, span) in std::mem::take(&mut self.cites) {
            if numbers.contains_key(&id) {
                cited.insert(id);
                continue;
            }
            let hint = match did_you_mean(&id, &known) {
                Some(s) => format!("did you mean `[@{s}]`?"),
                None if known.is_empty() => format!("add a source: [[sources]] id = \"{id}\" title = \"…\""),
                None => format!("add a [[sources]] entry with id = \"{id}\", or cite one of: {}", known.join(", ")),
            };
            self.error(Code::UnknownCitation, span, format!("no source has the id `{id}`"), hint);
        }
        for (source, span) in sources {
            if let Some(id) = &source.id
                && !cited.contains(id)
            {
                let warning = Diagnostic::warning(Code::UncitedSource, format!("source `{id}` is never cited"))
                    .at(self.file, span.clone())
                    .with_hint(format!("cite it in the text with [@{id}], or remove its id"));
                self.diagnostics.push(warning);
            }
        }
        numbers
    }

    /// Check every string for characters that cannot be printed: control characters and
    /// direction overrides (errors, since they garble the page), and characters no font can
    /// draw (a warning per field, listing them, pointing at the first).
    fn check_characters(&mut self, root: &DeTable<'_>, fonts: Option<&FontSet>) {
        let mut strings = Vec::new();
        collect_strings(root, &mut strings);
        for value in strings {
            let DeValue::String(text) = value.get_ref() else { continue };
            let origin = content_origin(&self.file.text, value.span(), text);
            let locate = |offset: usize, c: char| match origin {
                Some(start) => start + offset..start + offset + c.len_utf8(),
                None => value.span(),
            };
            if let Some((offset, c)) = text.char_indices().find(|(_, c)| is_forbidden(*c)) {
                let count = text.chars().filter(|c| is_forbidden(*c)).count();
                let more = if count > 1 { format!(" (and {} more)", count - 1) } else { String::new() };
                let hint = if ('\u{202A}'..='\u{202E}').contains(&c) {
                    "direction overrides leak into the text after them; to keep a run of Latin text whole, wrap it in the isolates U+2066…U+2069, or remove the character"
                } else {
                    "remove it: invisible control characters print as boxes or break the layout"
                };
                self.error(
                    Code::ControlCharacter,
                    locate(offset, c),
                    format!("control character U+{:04X} in the text{more}", u32::from(c)),
                    hint,
                );
            }
            if let Some((offset, grapheme)) =
                text.grapheme_indices(true).find(|(_, g)| g.chars().nth(crate::limits::MAX_GRAPHEME_CHARS).is_some())
            {
                let c = grapheme.chars().next().unwrap_or(' ');
                let message = format!(
                    "one letter here carries {} characters (combining marks); a letter may have at most {}",
                    grapheme.chars().count(),
                    crate::limits::MAX_GRAPHEME_CHARS
                );
                self.error(
                    Code::TooLarge,
                    locate(offset, c),
                    message,
                    "remove the stacked marks: no script needs so many on one letter, and laying them out takes memory that grows with their square",
                );
            }
            if let Some(offset) = unclosed_isolate(text) {
                let c = text[offset..].chars().next().unwrap_or(' ');
                self.error(
                    Code::ControlCharacter,
                    locate(offset, c),
                    format!("the isolate U+{:04X} is never closed in this text", u32::from(c)),
                    "end it with U+2069 (POP DIRECTIONAL ISOLATE); an open isolate reorders everything after it",
                );
            }
            let Some(fonts) = fonts else { continue };
            let mut missing: Vec<char> = Vec::new();
            let mut first = None;
            for (offset, c) in text.char_indices() {
                if is_invisible(c) || is_forbidden(c) || fonts.covers(c) {
                    continue;
                }
                first.get_or_insert(offset);
                if !missing.contains(&c) {
                    missing.push(c);
                }
            }
            let (Some(offset), Some(&c)) = (first, missing.first()) else { continue };
            let listed: Vec<String> =
                missing.iter().take(6).map(|c| format!("`{c}` (U+{:04X})", u32::from(*c))).collect();
            let rest = if missing.len() > 6 { format!(" and {} more", missing.len() - 6) } else { String::new() };
            let message = match missing.len() {
                1 => format!("no embedded font can draw {}", listed[0]),
                n => format!("no embedded font can draw {n} characters here: {}{rest}", listed.join(", ")),
            };
            let families = fonts.families().join(", ");
            let warning = Diagnostic::warning(Code::MissingGlyph, message)
                .at(self.file, locate(offset, c))
                .with_hint(format!("they would print as empty boxes; fonts tried: {families}. Replace the characters"));
            self.diagnostics.push(warning);
        }
    }

    /// A one-paragraph inline text such as a title or a summary.
    fn inline_line(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Inline> {
        let value = table.get(key)?;
        self.inline_value(value, &table.key_name(key), false)
    }

    fn required_inline_line(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Inline> {
        match table.get(key) {
            Some(value) => self.inline_value(value, &table.key_name(key), true),
            None => {
                self.missing(table, key, &format!("{key} = \"…\""));
                None
            }
        }
    }

    fn inline_value(&mut self, value: &Spanned<DeValue<'_>>, name: &str, required: bool) -> Option<Inline> {
        let paragraphs = self.paragraphs_of(value, name, required)?;
        // A one-line field keeps its paragraphs as one run of text.
        let mut joined = Vec::new();
        for (index, paragraph) in paragraphs.into_iter().enumerate() {
            if index > 0 {
                joined.push(Run::Text { text: " ".into() });
            }
            joined.extend(paragraph);
        }
        (!joined.is_empty()).then_some(joined)
    }

    fn required_paragraphs(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Vec<Inline>> {
        match table.get(key) {
            Some(value) => self.paragraphs_of(value, &table.key_name(key), true),
            None => {
                self.missing(table, key, &format!("{key} = \"\"\"\n…\n\"\"\""));
                None
            }
        }
    }

    /// Split a text value into paragraphs at blank lines and parse each one's inline syntax.
    fn paragraphs_of(&mut self, value: &Spanned<DeValue<'_>>, name: &str, required: bool) -> Option<Vec<Inline>> {
        let DeValue::String(text) = value.get_ref() else {
            self.wrong_type(value, name, "a string", "\"…\" or \"\"\"…\"\"\" for several paragraphs");
            return None;
        };
        if self.too_long(value, name, text) {
            return None;
        }
        let origin = content_origin(&self.file.text, value.span(), text);
        let locate = |range: Range<usize>| match origin {
            Some(start) => start + range.start..start + range.end,
            None => value.span(),
        };
        let mut paragraphs = Vec::new();
        let mut ok = true;
        for range in paragraph_ranges(text) {
            match inline::parse(&text[range.clone()]) {
                Ok(mut parsed) => {
                    normalize_whitespace(&mut parsed.runs);
                    if !parsed.runs.is_empty() {
                        paragraphs.push(parsed.runs);
                    }
                    for (id, span) in parsed.cites {
                        self.cites.push((id, locate(range.start + span.start..range.start + span.end)));
                    }
                }
                Err(errors) => {
                    ok = false;
                    let hidden = errors.len().saturating_sub(MAX_INLINE_ERRORS);
                    if hidden > 0 {
                        let message = format!("`{name}` has {} more problems like the ones above", hidden);
                        let end = value.span().end;
                        self.error(Code::UnterminatedMarkup, end..end, message, "fix those first, then check again");
                    }
                    for error in errors.into_iter().take(MAX_INLINE_ERRORS) {
                        let span = locate(range.start + error.span.start..range.start + error.span.end);
                        let (code, message, hint) = describe_inline_error(&error.kind, name);
                        self.error(code, span, message, hint);
                    }
                }
            }
        }
        if ok && required && paragraphs.is_empty() {
            self.error(Code::EmptyText, value.span(), format!("`{name}` is empty"), "write some text");
            return None;
        }
        ok.then_some(paragraphs)
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
}

fn describe_inline_error(kind: &InlineErrorKind, name: &str) -> (Code, String, String) {
    match kind {
        InlineErrorKind::UnclosedEmphasis(delim) => (
            Code::UnterminatedMarkup,
            format!("`{delim}` in `{name}` is never closed"),
            format!("close it with another `{delim}`, or write `\\*` for a literal star"),
        ),
        InlineErrorKind::UnclosedBracket => (
            Code::UnterminatedMarkup,
            format!("`[` in `{name}` is never closed"),
            "close it with `]`, or write `\\[` for a literal bracket".into(),
        ),
        InlineErrorKind::UnclosedLink => (
            Code::UnterminatedMarkup,
            format!("the link address in `{name}` is never closed"),
            "write links as [label](https://…); the address ends at `)` and cannot contain spaces (write %20)".into(),
        ),
        InlineErrorKind::BadUrl(problem) => {
            (Code::BadUrl, problem.clone(), "write the full address, e.g. [label](https://example.org)".into())
        }
        InlineErrorKind::BadCitation(id) => (
            Code::BadValue,
            format!("`[@{id}]` is not a valid citation"),
            "cite a source by its id, e.g. [@reuters-2025]".into(),
        ),
    }
}

/// Where a string value's text starts in the file, if the file holds it verbatim (no escapes).
fn content_origin(source: &str, span: Range<usize>, value: &str) -> Option<usize> {
    let raw = source.get(span.clone())?;
    let delimiter = ["\"\"\"", "'''", "\"", "'"].into_iter().find(|d| raw.starts_with(d))?;
    let mut start = span.start + delimiter.len();
    let mut inner = raw.get(delimiter.len()..raw.len().checked_sub(delimiter.len())?)?;
    if delimiter.len() == 3 {
        // TOML drops a newline right after an opening triple quote.
        for newline in ["\r\n", "\n"] {
            if let Some(rest) = inner.strip_prefix(newline) {
                inner = rest;
                start += newline.len();
                break;
            }
        }
    }
    (inner == value).then_some(start)
}

/// Byte ranges of the paragraphs of a text: runs of lines separated by blank lines.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        if line.trim().is_empty() {
            ranges.extend(current.take());
        } else {
            let content_end = offset + line.trim_end().len();
            current = Some(current.map_or(offset..content_end, |c| c.start..content_end));
        }
        offset = end;
    }
    ranges.extend(current);
    ranges
}

/// Fold line breaks and runs of spaces in text runs into single spaces, trimming the ends.
fn normalize_whitespace(runs: &mut Inline) {
    fn fold(runs: &mut [Run]) {
        for run in runs {
            match run {
                Run::Text { text } => {
                    let mut folded = String::with_capacity(text.len());
                    let mut in_space = false;
                    for c in text.chars() {
                        if is_folding_space(c) {
                            if !in_space {
                                folded.push(' ');
                            }
                            in_space = true;
                        } else {
                            folded.push(c);
                            in_space = false;
                        }
                    }
                    *text = folded;
                }
                Run::Strong { children } | Run::Emph { children } | Run::Link { children, .. } => fold(children),
                Run::Cite { .. } => {}
            }
        }
    }
    fold(runs);
    if let Some(Run::Text { text }) = runs.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Run::Text { text }) = runs.last_mut() {
        *text = text.trim_end().to_string();
    }
    runs.retain(|run| !matches!(run, Run::Text { text } if text.is_empty()));
}

/// Every string value in a table, depth first, in file order.
fn collect_strings<'t, 'i>(table: &'t DeTable<'i>, out: &mut Vec<&'t Spanned<DeValue<'i>>>) {
    fn visit<'t, 'i>(value: &'t Spanned<DeValue<'i>>, out: &mut Vec<&'t Spanned<DeValue<'i>>>) {
        match value.get_ref() {
            DeValue::String(_) => out.push(value),
            DeValue::Array(items) => items.iter().for_each(|item| visit(item, out)),
            DeValue::Table(table) => collect_strings(table, out),
            _ => {}
        }
    }
    let mut values: Vec<_> = table.values().collect();
    values.sort_by_key(|value| value.span().start);
    values.into_iter().for_each(|value| visit(value, out));
}

/// The byte offset of an isolate (U+2066–U+2068) that no U+2069 closes, if any.
fn unclosed_isolate(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    for (offset, c) in text.char_indices() {
        match c {
            '\u{2066}'..='\u{2068}' => open.push(offset),
            '\u{2069}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

/// Characters that must not appear in a brief: controls other than tab and line breaks, and
/// the bidi embeddings and overrides (U+202A–U+202E), which reorder everything after them.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}')) || ('\u{202A}'..='\u{202E}').contains(&c)
}

/// Characters that are laid out without a glyph: spaces, controls, joiners, direction marks,
/// variation selectors (Unicode's default-ignorable code points).
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Apply `f` to every inline text of a brief.
fn for_each_text(brief: &mut Brief, f: &mut dyn FnMut(&mut Inline)) {
    f(&mut brief.title);
    brief.subtitle.iter_mut().for_each(&mut *f);
    brief.summary.iter_mut().for_each(&mut *f);
    brief.news.paragraphs.iter_mut().for_each(&mut *f);
    for point in &mut brief.commentary {
        point.title.iter_mut().for_each(&mut *f);
        point.paragraphs.iter_mut().for_each(&mut *f);
    }
    if let Some(background) = &mut brief.background {
        background.paragraphs.iter_mut().for_each(&mut *f);
        background.timeline.iter_mut().for_each(|e| f(&mut e.event));
    }
    brief.questions.iter_mut().for_each(&mut *f);
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
        ] {
            let mut known: Vec<String> = known.iter().map(|k| k.to_string()).collect();
            known.sort();
            assert_eq!(known, schema_keys(definition), "{definition}");
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let text = "one\ntwo\n\n  \nthree\n";
        let ranges = paragraph_ranges(text);
        let parts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, vec!["one\ntwo", "three"]);
    }

    #[test]
    fn content_origin_maps_literal_strings_only() {
        let source = "a = \"\"\"\nxy\"\"\"\nb = \"q\\tz\"";
        assert_eq!(content_origin(source, 4..13, "xy"), Some(8));
        assert_eq!(content_origin(source, 18..25, "q\tz"), None);
    }
}
