//! `mujaz import`: a desk's draft (plain text, Markdown or Word) turned into a brief the
//! editor then completes and checks. Each reader turns its format into a [`Draft`] (blocks of
//! text with their emphasis and links); [`brief_text`] finds the sections by their headings
//! and writes the brief as TOML.

mod docx;
mod markdown;
mod text;

use std::path::Path;

use crate::messages::Message;
use crate::msg;

/// The most a draft file may be: drafts are text, and a Word file of a brief is small.
pub const MAX_DRAFT_BYTES: u64 = 20 * 1024 * 1024;

/// A piece of a draft's text, with its emphasis.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Bold text.
    Strong(String),
    /// Italic text.
    Emph(String),
    /// A reference to a note of the draft (a Word footnote), by its key in [`Draft::notes_text`].
    Note(String),
    /// An image of the draft (a picture in a Word file), by its place in [`Draft::images`].
    Image(usize),
    /// A link with its label.
    Link {
        /// What the reader sees.
        label: String,
        /// Where it goes.
        url: String,
    },
}

/// A block of a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading (a line of its own, a Markdown heading, a Word heading style).
    Heading(String),
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// An item of a list.
    Item(Vec<Span>),
}

/// A draft as its reader found it.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// What the reader assumed, for the summary (e.g. the text's encoding).
    pub notes: Vec<Message>,
    /// The draft's notes (Word footnotes), by key, in the order they are referred to.
    pub notes_text: Vec<(String, String)>,
    /// The draft's images: their bytes, the extension of their kind and their description.
    pub images: Vec<DraftImage>,
}

/// An image a draft carries.
#[derive(Debug, Clone)]
pub struct DraftImage {
    /// The image's bytes (checked like a brief's figure before it is written).
    pub bytes: Vec<u8>,
    /// The file extension of its kind, from its bytes.
    pub extension: &'static str,
    /// Its description (Word's alt text), if it has one.
    pub alt: Option<String>,
}

/// Why a draft could not be imported.
#[derive(Debug)]
pub struct ImportError(pub Message, pub Message);

/// Read a draft file by its extension: `.txt` (or none), `.md`, `.docx`.
pub fn read_draft(path: &Path) -> Result<Draft, ImportError> {
    let meta = std::fs::metadata(path)
        .map_err(|err| ImportError(msg!("cannot-read-file", detail = err.to_string()), msg!("hint-import-formats")))?;
    if !meta.is_file() {
        return Err(ImportError(msg!("not-a-regular-file"), msg!("hint-import-formats")));
    }
    if meta.len() > MAX_DRAFT_BYTES {
        return Err(ImportError(
            msg!("import-too-large", max = MAX_DRAFT_BYTES / 1024 / 1024),
            msg!("hint-import-formats"),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|err| ImportError(msg!("cannot-read-file", detail = err.to_string()), msg!("hint-import-formats")))?;
    let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "docx" => docx::read(&bytes),
        "docm" | "dotm" => Err(ImportError(msg!("import-macro-document"), msg!("hint-import-save-as-docx"))),
        "doc" => Err(ImportError(msg!("import-old-word"), msg!("hint-import-save-as-docx"))),
        "md" | "markdown" => {
            let (text, notes) = text::decode(&bytes)?;
            Ok(Draft { blocks: markdown::blocks(&text), notes, ..Draft::default() })
        }
        _ => {
            let (text, notes) = text::decode(&bytes)?;
            Ok(Draft { blocks: text::blocks(&text), notes, ..Draft::default() })
        }
    }
}

/// The sections a brief has, as a draft's headings name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// الخبر, News.
    News,
    /// التعقيب, التحليل, Commentary, Analysis.
    Commentary,
    /// الخلفية, Background.
    Background,
    /// أسئلة, Questions.
    Questions,
    /// المصادر, Sources.
    Sources,
}

/// The headings understood, by section (the README lists them too).
pub const HEADINGS: &[(Section, &[&str])] = &[
    (Section::News, &["الخبر", "الخبر الأساسي", "news", "the news"]),
    (Section::Commentary, &["التعقيب", "التحليل", "commentary", "analysis"]),
    (Section::Background, &["الخلفية", "الخلفية التاريخية", "background", "historical background"]),
    (Section::Questions, &["أسئلة", "أسئلة مفتوحة", "الأسئلة المفتوحة", "questions", "open questions"]),
    (Section::Sources, &["المصادر", "sources"]),
];

/// The section a heading names, if it names one: `الخبر:`, `## Commentary`, `التعقيب :`.
pub fn section_of(heading: &str) -> Option<Section> {
    let name = heading.trim().trim_start_matches('#').trim().trim_end_matches([':', '：', '؛', '.']).trim();
    let name = name.to_lowercase();
    HEADINGS.iter().find(|(_, names)| names.contains(&name.as_str())).map(|(section, _)| *section)
}

/// A draft sorted into a brief's parts.
#[derive(Debug, Default)]
pub struct Parts {
    /// The title, when a short line came before the first section.
    pub title: Option<String>,
    /// The news paragraphs.
    pub news: Vec<String>,
    /// The commentary points: a title (from a leading bold phrase) and the text.
    pub points: Vec<(Option<String>, String)>,
    /// The background paragraphs.
    pub background: Vec<String>,
    /// The open questions.
    pub questions: Vec<String>,
    /// The sources: title and address.
    pub sources: Vec<(String, Option<String>)>,
    /// The brief's date, when the draft writes one: (year, month, day).
    pub date: Option<(i32, u8, u8)>,
    /// Whether the draft is in Arabic.
    pub arabic: bool,
    /// The notes, by key, that the text refers to.
    pub notes: Vec<(String, String)>,
    /// The figures: the draft's image (by place), the section it stands in, its id.
    pub figures: Vec<(usize, &'static str, String)>,
}

/// Sort a draft's blocks into a brief's parts; an error when no heading names a section.
pub fn parts(draft: &Draft) -> Result<Parts, ImportError> {
    let mut parts = Parts::default();
    let mut section = None;
    let mut all_text = String::new();
    for block in &draft.blocks {
        match block {
            Block::Heading(heading) => match section_of(heading) {
                Some(found) => section = Some(found),
                None if section.is_none() && parts.title.is_none() => parts.title = Some(heading.trim().to_string()),
                None => {}
            },
            Block::Paragraph(spans) | Block::Item(spans) => {
                for span in spans {
                    if let Span::Image(index) = span {
                        let after = match section {
                            Some(Section::Commentary) => "commentary",
                            Some(Section::Background | Section::Questions | Section::Sources) => "background",
                            _ => "news",
                        };
                        parts.figures.push((*index, after, format!("figure-{}", index + 1)));
                    }
                }
                let plain = plain(spans);
                all_text.push_str(&plain);
                all_text.push('\n');
                match section {
                    None if parts.title.is_none() && plain.chars().count() <= 120 && !spans.is_empty() => {
                        parts.title = Some(plain.trim().to_string())
                    }
                    None => {}
                    Some(Section::News) => parts.news.push(inline(spans)),
                    Some(Section::Commentary) => parts.points.push(point(spans)),
                    Some(Section::Background) => parts.background.push(inline(spans)),
                    Some(Section::Questions) => parts.questions.push(inline(spans)),
                    Some(Section::Sources) => parts.sources.push(source(spans)),
                }
            }
        }
    }
    let found_any = !parts.news.is_empty() || !parts.points.is_empty() || !parts.background.is_empty();
    if !found_any {
        let names: Vec<String> =
            HEADINGS.iter().flat_map(|(_, names)| names.iter().map(|n| format!("«{n}»"))).collect();
        return Err(ImportError(msg!("import-no-sections"), msg!("hint-import-headings", headings = names.join(", "))));
    }
    let letters = all_text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let arabic = all_text.chars().filter(|c| ('\u{0600}'..='\u{06FF}').contains(c)).count();
    parts.arabic = arabic * 2 >= letters;
    parts.date = find_date(&all_text);
    let referred: Vec<&str> = draft
        .blocks
        .iter()
        .flat_map(|block| match block {
            Block::Paragraph(spans) | Block::Item(spans) => spans.as_slice(),
            Block::Heading(_) => &[],
        })
        .filter_map(|span| match span {
            Span::Note(key) => Some(key.as_str()),
            _ => None,
        })
        .collect();
    parts.notes = draft.notes_text.iter().filter(|(key, _)| referred.contains(&key.as_str())).cloned().collect();
    Ok(parts)
}

/// The plain text of spans, as a reader sees it.
fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| match span {
            Span::Text(t) | Span::Strong(t) | Span::Emph(t) => t.as_str(),
            Span::Link { label, .. } => label.as_str(),
            Span::Note(_) | Span::Image(_) => "",
        })
        .collect()
}

/// Text written in mujaz's inline syntax, with every character that is markup there escaped
/// so that it prints as the draft has it.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Spans as inline text: bold as `**…**`, italic as `*…*`, links as `[label](url)`.
fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        match span {
            Span::Text(t) => out.push_str(&escape(t)),
            // Emphasis must start and end at a word: spaces go outside the markers.
            Span::Strong(t) => wrap(&mut out, t, "**"),
            Span::Emph(t) => wrap(&mut out, t, "*"),
            Span::Link { label, url }
                if url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:") =>
            {
                out.push('[');
                out.push_str(&escape(label));
                out.push_str("](");
                out.push_str(&url.replace(' ', "%20").replace(')', "%29"));
                out.push(')');
            }
            Span::Link { label, .. } => out.push_str(&escape(label)),
            Span::Note(key) => {
                out.push_str("[^");
                out.push_str(key);
                out.push(']');
            }
            Span::Image(index) => out.push_str(&format!("[@fig:figure-{}]", index + 1)),
        }
    }
    out.trim().to_string()
}

fn wrap(out: &mut String, text: &str, marker: &str) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        out.push_str(text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let tail = &text[text.trim_end().len()..];
    out.push_str(lead);
    out.push_str(marker);
    out.push_str(&escape(trimmed));
    out.push_str(marker);
    out.push_str(tail);
}

/// A commentary paragraph as a point: one that starts with a short bold phrase gets it as
/// its title.
fn point(spans: &[Span]) -> (Option<String>, String) {
    let first = spans.iter().position(|s| !matches!(s, Span::Text(t) if t.trim().is_empty()));
    if let Some(at) = first
        && let Span::Strong(title) = &spans[at]
    {
        let title = title.trim().trim_end_matches([':', '.', '،', '؛']).trim();
        let rest = inline(&spans[at + 1..]);
        let rest = rest.trim_start_matches([':', '.', '،', '؛', '—', '-', ' ']).trim().to_string();
        if !title.is_empty() && title.chars().count() <= 80 && !rest.is_empty() {
            return (Some(escape(title)), rest);
        }
    }
    (None, inline(spans))
}

/// A source line: its text as the title, its first link (or an address in it) as the URL.
fn source(spans: &[Span]) -> (String, Option<String>) {
    let link = spans.iter().find_map(|s| match s {
        Span::Link { url, .. } => Some(url.clone()),
        _ => None,
    });
    let text = plain(spans);
    let url = link.or_else(|| {
        text.split_whitespace().find(|w| w.starts_with("http://") || w.starts_with("https://")).map(str::to_string)
    });
    let title = match &url {
        Some(url) => text.replace(url.as_str(), ""),
        None => text,
    };
    let title = title.trim().trim_matches(['-', '–', '—', ':', ' ']).trim().to_string();
    (if title.is_empty() { url.clone().unwrap_or_default() } else { title }, url)
}

/// Month names as drafts write them, with their numbers.
const MONTHS: &[(&str, u8)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("إبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// The first date a draft writes as «21 سبتمبر 2025م» or "21 September 2025".
pub fn find_date(text: &str) -> Option<(i32, u8, u8)> {
    let text = crate::walk::ascii_digits(&text.to_lowercase());
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == '،' || c == ',').filter(|w| !w.is_empty()).collect();
    for (i, word) in words.iter().enumerate() {
        let Ok(day) = word.parse::<u8>() else { continue };
        for (name, month) in MONTHS {
            let parts = name.split(' ').count();
            if words.get(i + 1..i + 1 + parts).is_none_or(|month| month.join(" ") != *name) {
                continue;
            }
            let Some(year) = words.get(i + 1 + parts) else { continue };
            let year: String = year.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(year) = year.parse::<i32>()
                && (1900..=2200).contains(&year)
                && crate::brief::Date::new(year, *month, day).is_some()
            {
                return Some((year, *month, day));
            }
        }
    }
    None
}

/// Where a draft's image is written beside the brief `stem.toml`: `images/stem-figure-N.ext`.
pub fn image_file(stem: &str, index: usize, extension: &str) -> String {
    format!("images/{stem}-figure-{}.{extension}", index + 1)
}

/// The brief, as TOML text, from a draft's parts (its images to be written where
/// [`image_file`] says, for the brief `stem.toml`): literal strings for paragraphs (so nothing
/// in them is an escape), placeholders where the draft says nothing, each marked for
/// `mujaz check` to report.
pub fn brief_text(parts: &Parts, draft: &Draft, stem: &str) -> String {
    use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, value};
    let mut doc = DocumentMut::new();
    let mut brief = Table::new();
    brief.insert("title", value(parts.title.clone().unwrap_or_default()));
    match parts.date {
        Some((y, m, d)) => {
            let date = toml_edit::Date { year: y as u16, month: m, day: d };
            brief.insert("date", value(toml_edit::Datetime { date: Some(date), time: None, offset: None }));
        }
        None => {
            brief.insert("date", value("YYYY-MM-DD"));
        }
    }
    brief.insert("lang", value(if parts.arabic { "ar" } else { "en" }));
    if parts.title.is_none()
        && let Some(mut key) = brief.key_mut("title")
    {
        key.leaf_decor_mut().set_prefix(title_comment(parts.arabic));
    }
    if parts.date.is_none()
        && let Some(mut key) = brief.key_mut("date")
    {
        key.leaf_decor_mut().set_prefix(date_comment(parts.arabic));
    }
    doc.insert("brief", Item::Table(brief));
    let paragraphs = |items: &[String]| literal(&items.join("\n\n"));
    if !parts.news.is_empty() {
        let mut news = Table::new();
        news.insert("text", value(paragraphs(&parts.news)));
        doc.insert("news", Item::Table(news));
    }
    let mut commentary = Table::new();
    let mut points = Array::new();
    for (title, text) in &parts.points {
        match title {
            Some(title) => {
                let mut point = InlineTable::new();
                point.insert("title", toml_edit::Value::from(title.as_str()));
                point.insert("text", literal(text));
                points.push(point);
            }
            None => points.push(literal(text)),
        }
    }
    for point in points.iter_mut() {
        point.decor_mut().set_prefix("\n  ");
    }
    points.set_trailing("\n");
    points.set_trailing_comma(true);
    commentary.insert("points", value(points));
    doc.insert("commentary", Item::Table(commentary));
    if !parts.background.is_empty() {
        let mut background = Table::new();
        background.insert("text", value(paragraphs(&parts.background)));
        doc.insert("background", Item::Table(background));
    }
    if !parts.questions.is_empty() {
        let mut questions = Table::new();
        let mut items = Array::new();
        for question in &parts.questions {
            items.push(question.as_str());
        }
        questions.insert("items", value(items));
        doc.insert("questions", Item::Table(questions));
    }
    if !parts.sources.is_empty() {
        let mut sources = toml_edit::ArrayOfTables::new();
        for (title, url) in &parts.sources {
            let mut source = Table::new();
            source.insert("title", value(title.as_str()));
            if let Some(url) = url {
                source.insert("url", value(url.as_str()));
            }
            sources.push(source);
        }
        doc.insert("sources", Item::ArrayOfTables(sources));
    }
    if !parts.figures.is_empty() {
        let mut figures = toml_edit::ArrayOfTables::new();
        for (index, after, id) in &parts.figures {
            let image = &draft.images[*index];
            let mut figure = Table::new();
            figure.insert("id", value(id.as_str()));
            figure.insert("file", value(image_file(stem, *index, image.extension)));
            figure.insert("alt", value(image.alt.clone().unwrap_or_default()));
            if image.alt.is_none()
                && let Some(mut key) = figure.key_mut("alt")
            {
                key.leaf_decor_mut().set_prefix(alt_comment(parts.arabic));
            }
            figure.insert("after", value(*after));
            figures.push(figure);
        }
        doc.insert("figures", Item::ArrayOfTables(figures));
    }
    if !parts.notes.is_empty() {
        let mut notes = Table::new();
        for (key, text) in &parts.notes {
            notes.insert(key, value(escape(text)));
        }
        doc.insert("notes", Item::Table(notes));
    }
    format!("#:schema ./brief.schema.json\n{doc}")
}

fn title_comment(arabic: bool) -> String {
    if arabic { "# أكمِل: عنوان الموجز\n".into() } else { "# fill in: the brief's headline\n".into() }
}

fn alt_comment(arabic: bool) -> String {
    match arabic {
        true => "# أكمِل: وصف الصورة لمن لا يراها\n".into(),
        false => "# fill in: what the image shows, for readers who cannot see it\n".into(),
    }
}

fn date_comment(arabic: bool) -> String {
    match arabic {
        true => "# أكمِل: تاريخ الموجز بلا علامات تنصيص، مثل 2025-09-21\n".into(),
        false => "# fill in: the brief's date without quotes, e.g. 2025-09-21\n".into(),
    }
}

/// A text as a TOML value: a multi-line literal string, where backslashes are plain (so the
/// inline escapes stay as written), unless the text itself holds `'''`.
fn literal(text: &str) -> toml_edit::Value {
    if text.contains("'''") || text.contains('\r') {
        return toml_edit::Value::from(text);
    }
    format!("'''\n{text}\n'''").parse::<toml_edit::Value>().unwrap_or_else(|_| toml_edit::Value::from(text))
}

/// What an import found, for the summary line.
pub fn summary(parts: &Parts) -> Message {
    msg!(
        "import-summary",
        news = parts.news.len(),
        points = parts.points.len(),
        background = parts.background.len(),
        questions = parts.questions.len(),
        sources = parts.sources.len()
    )
}
