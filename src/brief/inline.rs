//! The inline syntax of brief text: `**strong**`, `*emphasis*`, `[label](url)` and `[@id]`.
//!
//! Text is parsed into [`Run`]s of data here, in Rust, so that the template only ever receives
//! data: nothing an author writes is interpreted by Typst. Every character that is not part of
//! this small syntax — `#`, `$`, `<`, `@`, `_`, `=`, backslashes, … — is kept as written.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::messages::Message;
use crate::msg;

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Run {
    /// Plain text, printed exactly as written.
    Text {
        /// The characters.
        text: String,
    },
    /// Strongly emphasised text (`**…**`).
    Strong {
        /// What is emphasised.
        children: Vec<Run>,
    },
    /// Emphasised text (`*…*`).
    Emph {
        /// What is emphasised.
        children: Vec<Run>,
    },
    /// A hyperlink (`[label](url)`).
    Link {
        /// Where the link goes (http, https or mailto).
        url: String,
        /// The visible label.
        children: Vec<Run>,
    },
    /// A citation of a source (`[@id]`), numbered once sources are known.
    Cite {
        /// The cited source's id.
        id: String,
        /// The source's number in the sources list (filled in by validation; 0 before).
        number: usize,
    },
    /// A reference to a figure (`[@fig:id]`), numbered in the order the figures are listed.
    Figure {
        /// The figure's id (without `fig:`).
        id: String,
        /// The figure's number (filled in by validation; 0 before).
        number: usize,
    },
    /// A reference to a note (`[^id]`), numbered in the order the notes are listed.
    Note {
        /// The note's key in `[notes]`.
        id: String,
        /// The note's number (filled in by validation; 0 before).
        number: usize,
    },
}

/// Inline text: a sequence of runs.
pub type Inline = Vec<Run>;

/// A problem found while parsing inline text, located by byte range within the text.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineError {
    /// Which kind of problem.
    pub kind: InlineErrorKind,
    /// The bytes of the text the problem points at.
    pub span: Range<usize>,
}

/// The kinds of inline syntax problem.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineErrorKind {
    /// A `**` or `*` that is opened and never closed.
    UnclosedEmphasis(&'static str),
    /// A `[` with no matching `]`.
    UnclosedBracket,
    /// A `[label](` with no closing `)`.
    UnclosedLink,
    /// A link address that cannot be used, with what is wrong with it.
    BadUrl(Message),
    /// A `[@…]` citation whose id is empty or has characters ids may not have.
    BadCitation(String),
    /// A `[^…]` note reference whose key is empty or has characters keys may not have.
    BadNoteReference(String),
    /// A link whose label is empty (`[](…)`): it would show nothing to click.
    EmptyLinkLabel,
}

/// Inline text parsed into runs, with where each citation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The runs, citations not yet numbered.
    pub runs: Inline,
    /// Each citation's id and the bytes of its `[@id]` within the text.
    pub cites: Vec<(String, Range<usize>)>,
    /// Each note reference's key and the bytes of its `[^key]` within the text.
    pub notes: Vec<(String, Range<usize>)>,
}

/// Parse inline text into runs, or report every syntax problem in it.
pub fn parse(text: &str) -> Result<Parsed, Vec<InlineError>> {
    let (parsed, errors) = parse_all(text);
    if errors.is_empty() { Ok(parsed) } else { Err(errors) }
}

/// Parse inline text as far as it goes: the runs and citations found, and every syntax
/// problem, so that a citation is checked even in a text with an unclosed `*`.
pub fn parse_all(text: &str) -> (Parsed, Vec<InlineError>) {
    let brackets = matching_brackets(text);
    let mut parser = Parser {
        text,
        pos: 0,
        errors: Vec::new(),
        cites: Vec::new(),
        notes: Vec::new(),
        brackets: &brackets,
        depth: 0,
        unclosed_links_until: 0,
    };
    let runs = parser.runs(None);
    parser.errors.sort_by_key(|error| error.span.start);
    // A stretch read again after a failed `*` may meet the same citation twice.
    let mut cites = parser.cites;
    cites.sort_by_key(|(_, span)| span.start);
    cites.dedup_by(|a, b| a.1 == b.1);
    let mut notes = parser.notes;
    notes.sort_by_key(|(_, span)| span.start);
    notes.dedup_by(|a, b| a.1 == b.1);
    (Parsed { runs, cites, notes }, parser.errors)
}

/// The plain text of runs, without markup: what a reader sees, citations as `[n]`.
pub fn plain_text(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        match run {
            Run::Text { text } => out.push_str(text),
            Run::Strong { children } | Run::Emph { children } | Run::Link { children, .. } => {
                out.push_str(&plain_text(children))
            }
            Run::Cite { number, .. } => out.push_str(&format!("[{number}]")),
            Run::Note { number, .. } => out.push_str(&number.to_string()),
            Run::Figure { number, .. } => out.push_str(&format!("({number})")),
        }
    }
    out
}

/// The kinds of numbered reference inline text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// A citation of a source, `[@id]`.
    Cite,
    /// A reference to a note, `[^key]`.
    Note,
    /// A reference to a figure, `[@fig:id]`.
    Figure,
}

/// Visit every reference of one kind in the runs (its id and its number, to fill in),
/// mutably, depth first.
pub fn for_each_reference_mut(runs: &mut [Run], kind: Reference, f: &mut dyn FnMut(&str, &mut usize)) {
    for run in runs {
        match (run, kind) {
            (Run::Cite { id, number }, Reference::Cite)
            | (Run::Note { id, number }, Reference::Note)
            | (Run::Figure { id, number }, Reference::Figure) => f(id, number),
            (Run::Strong { children } | Run::Emph { children } | Run::Link { children, .. }, _) => {
                for_each_reference_mut(children, kind, f)
            }
            _ => {}
        }
    }
}

/// What starts a reference to a figure in a citation: `[@fig:map]`.
pub const FIGURE_PREFIX: &str = "fig:";

/// Whether a character may appear in a source id.
pub fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    errors: Vec<InlineError>,
    cites: Vec<(String, Range<usize>)>,
    notes: Vec<(String, Range<usize>)>,
    /// Where each `[` is closed, found in one pass so that parsing stays linear.
    brackets: &'a HashMap<usize, usize>,
    /// How deeply emphasis and links are nested here.
    depth: usize,
    /// Where the last search for an unclosed link's `)` gave up: a link starting before it
    /// cannot close either, so it is not searched again (keeping parsing linear).
    unclosed_links_until: usize,
}

/// How deeply `**`, `*` and links may nest before further stars are plain text (a guard
/// against text that would nest without end).
const MAX_NESTING: usize = 16;

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn prev_char(&self) -> Option<char> {
        self.text[..self.pos].chars().next_back()
    }

    /// Parse runs until the closing delimiter `until` (if any) or the end of the text.
    fn runs(&mut self, until: Option<&str>) -> Inline {
        let mut runs = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.rest().chars().next() {
            if let Some(close) = until
                && self.at_closer(close)
            {
                break;
            }
            match c {
                '\\' if matches!(self.rest()[1..].chars().next(), Some('*' | '[' | ']' | '\\')) => {
                    let escaped = self.rest()[1..].chars().next().unwrap_or('\\');
                    // `\\` before markup keeps one backslash; elsewhere a backslash is literal.
                    text.push(escaped);
                    self.pos += 1 + escaped.len_utf8();
                }
                '*' if self.depth >= MAX_NESTING => {
                    text.push('*');
                    self.pos += 1;
                }
                '*' if self.at_opener("**") => {
                    flush(&mut text, &mut runs);
                    runs.extend(self.emphasis("**"));
                }
                '*' if self.at_opener("*") => {
                    flush(&mut text, &mut runs);
                    runs.extend(self.emphasis("*"));
                }
                '[' if self.depth >= MAX_NESTING => {
                    text.push('[');
                    self.pos += 1;
                }
                '[' => match self.bracket() {
                    Some(run) => {
                        flush(&mut text, &mut runs);
                        runs.push(run);
                    }
                    None => {
                        text.push('[');
                        self.pos += 1;
                    }
                },
                _ => {
                    text.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        flush(&mut text, &mut runs);
        runs
    }

    /// An opener is followed by something that can start a word: not a space, not the end,
    /// not punctuation that ends one (so `5 * 3`, `الهدنة* تعني` and `OCHA*.` print their star
    /// alike); `***` opens strong and emphasis together.
    fn at_opener(&self, delim: &str) -> bool {
        let Some(after) = self.rest().strip_prefix(delim) else { return false };
        let mut chars = after.chars();
        match chars.next() {
            Some('*') => delim == "**" && chars.next().is_some_and(starts_a_word),
            Some(c) => starts_a_word(c),
            None => false,
        }
    }

    /// A closer follows a non-space character.
    fn at_closer(&self, delim: &str) -> bool {
        if !self.rest().starts_with(delim) || self.prev_char().is_none_or(char::is_whitespace) {
            return false;
        }
        // `*` must not close when it starts a `**` (strong inside emphasis).
        !(delim == "*" && self.rest().starts_with("**") && self.at_opener("**"))
    }

    /// Parse `**…**` or `*…*`. An unclosed delimiter is reported and read as plain text, and
    /// what followed it is kept as parsed, so the rest of the paragraph is still checked and
    /// parsing never goes back over text (it stays linear however the stars are nested).
    fn emphasis(&mut self, delim: &'static str) -> Vec<Run> {
        let start = self.pos;
        self.pos += delim.len();
        self.depth += 1;
        let children = self.runs(Some(delim));
        self.depth -= 1;
        if self.rest().starts_with(delim) {
            self.pos += delim.len();
            return vec![match delim {
                "**" => Run::Strong { children },
                _ => Run::Emph { children },
            }];
        }
        self.errors
            .push(InlineError { kind: InlineErrorKind::UnclosedEmphasis(delim), span: start..start + delim.len() });
        let mut runs = vec![Run::Text { text: delim.to_string() }];
        runs.extend(children);
        runs
    }

    /// Parse `[@id]` or `[label](url)` at a `[`. `None` leaves the `[` as plain text (after
    /// reporting a problem, if it is one), and parsing goes on right after it.
    fn bracket(&mut self) -> Option<Run> {
        let start = self.pos;
        let Some(close) = self.brackets.get(&start).copied() else {
            self.errors.push(InlineError { kind: InlineErrorKind::UnclosedBracket, span: start..start + 1 });
            return None;
        };
        let inner = &self.text[start + 1..close];
        if let Some(id) = inner.strip_prefix('@') {
            if id.is_empty() || !id.chars().all(is_id_char) {
                self.errors
                    .push(InlineError { kind: InlineErrorKind::BadCitation(id.to_string()), span: start..close + 1 });
                return None;
            }
            self.pos = close + 1;
            // `[@fig:map]` refers to a figure; validation tells the two apart by the prefix.
            self.cites.push((id.to_string(), start..close + 1));
            if let Some(figure) = id.strip_prefix(FIGURE_PREFIX) {
                return Some(Run::Figure { id: figure.to_string(), number: 0 });
            }
            return Some(Run::Cite { id: id.to_string(), number: 0 });
        }
        if let Some(id) = inner.strip_prefix('^') {
            if id.is_empty() || !id.chars().all(is_id_char) {
                let kind = InlineErrorKind::BadNoteReference(id.to_string());
                self.errors.push(InlineError { kind, span: start..close + 1 });
                return None;
            }
            self.pos = close + 1;
            self.notes.push((id.to_string(), start..close + 1));
            return Some(Run::Note { id: id.to_string(), number: 0 });
        }
        if !self.text[close + 1..].starts_with('(') {
            // `[sic]` and other bracketed asides are plain text.
            return None;
        }
        let url_start = close + 2;
        let searched = url_start >= self.unclosed_links_until;
        let found = if searched { link_end(&self.text[url_start..]) } else { None };
        let Some(url_end) = found.map(|len| url_start + len) else {
            if searched {
                self.unclosed_links_until = url_start + scan_length(&self.text[url_start..]);
            }
            self.errors.push(InlineError { kind: InlineErrorKind::UnclosedLink, span: start..close + 2 });
            return None;
        };
        let url = &self.text[url_start..url_end];
        if let Some(problem) = url_problem(url) {
            let span = if url.is_empty() { start..url_end + 1 } else { url_start..url_end };
            self.errors.push(InlineError { kind: InlineErrorKind::BadUrl(problem), span });
        }
        let mut label = Parser {
            text: &self.text[..close],
            pos: start + 1,
            errors: Vec::new(),
            cites: Vec::new(),
            notes: Vec::new(),
            brackets: self.brackets,
            depth: self.depth + 1,
            unclosed_links_until: 0,
        };
        let children = label.runs(None);
        if inner.trim().is_empty() {
            self.errors.push(InlineError { kind: InlineErrorKind::EmptyLinkLabel, span: start..close + 1 });
        }
        self.errors.append(&mut label.errors);
        self.cites.append(&mut label.cites);
        self.notes.append(&mut label.notes);
        self.pos = url_end + 1;
        Some(Run::Link { url: url.to_string(), children })
    }
}

/// Whether emphasis may start before this character: not a space, a star, or punctuation that
/// closes a phrase.
fn starts_a_word(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(c, '*' | '.' | ',' | ':' | ';' | '!' | '?' | '،' | '؛' | '؟' | ')' | ']' | '»' | '”' | '’')
}

/// How far a search for a link's `)` looks: to white space, the end, or the length limit.
fn scan_length(text: &str) -> usize {
    text.char_indices()
        .take(MAX_URL_CHARS)
        .find(|(_, c)| c.is_whitespace())
        .map_or_else(|| text.char_indices().nth(MAX_URL_CHARS).map_or(text.len(), |(i, _)| i), |(i, _)| i)
}

/// The longest link address, in characters.
const MAX_URL_CHARS: usize = 4096;

/// The length of a link address up to its closing `)`, allowing balanced parentheses inside
/// (`…/Suez_Crisis_(1956)`); `None` when a space or the end comes first.
fn link_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    // An address longer than any real one is treated as unclosed, which also keeps text full
    // of `[a](` from costing time quadratic in its length.
    for (i, c) in text.char_indices().take(MAX_URL_CHARS) {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            c if c.is_whitespace() => return None,
            _ => {}
        }
    }
    None
}

/// Pair every `[` with the `]` that closes it (skipping escaped and nested brackets), in
/// one pass over the text.
fn matching_brackets(text: &str) -> HashMap<usize, usize> {
    let mut pairs = HashMap::new();
    let mut open = Vec::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' => open.push(i),
            ']' => {
                if let Some(start) = open.pop() {
                    pairs.insert(start, i);
                }
            }
            _ => {}
        }
    }
    pairs
}

/// What is wrong with a link address, if anything: it must be a complete http, https or
/// mailto address (one the `url` crate reads as such), the only kinds a reader's PDF viewer
/// may safely open.
pub fn url_problem(url: &str) -> Option<Message> {
    if url.trim().is_empty() {
        return Some(msg!("url-empty"));
    }
    if url.chars().any(char::is_whitespace) {
        return Some(msg!("url-has-space", url = url));
    }
    let lower = url.to_ascii_lowercase();
    let Some(scheme) = ["https://", "http://", "mailto:"].into_iter().find(|scheme| lower.starts_with(scheme)) else {
        return Some(msg!("url-scheme", url = url));
    };
    if lower.len() == scheme.len() {
        return Some(msg!("url-no-address", url = url, scheme = scheme));
    }
    match url::Url::parse(url) {
        Ok(_) => None,
        Err(err) => Some(msg!("url-invalid", url = url, detail = err.to_string())),
    }
}

fn flush(text: &mut String, runs: &mut Inline) {
    if !text.is_empty() {
        runs.push(Run::Text { text: std::mem::take(text) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Run {
        Run::Text { text: s.into() }
    }

    #[test]
    fn link_addresses_are_whole_http_https_or_mailto_urls() {
        assert_eq!(url_problem("https://example.org/a?b=c"), None);
        assert_eq!(url_problem("mailto:desk@example.org"), None);
        let problem = |url| url_problem(url).map(|m| m.render(crate::messages::Language::En));
        assert_eq!(problem("https://"), Some("`https://` has no address after `https://`".into()));
        assert_eq!(problem("ftp://x.org"), Some("`ftp://x.org` is not an http, https or mailto address".into()));
        assert_eq!(
            problem("https://[::1"),
            Some("`https://[::1` is not a valid address (invalid IPv6 address)".into())
        );
    }

    #[test]
    fn typst_syntax_is_plain_text() {
        let source = r#"#read("/etc/passwd") $x$ <l> @r = h #panic("x") _a_ `c` \n"#;
        assert_eq!(parse(source).unwrap().runs, vec![text(source)]);
    }

    #[test]
    fn strong_emphasis_links_and_citations() {
        let parsed = parse("a **b *c*** [d](https://e.org) [@f-1].").unwrap();
        assert_eq!(parsed.cites, vec![("f-1".to_string(), 31..37)]);
        let runs = parsed.runs;
        assert_eq!(
            runs,
            vec![
                text("a "),
                Run::Strong { children: vec![text("b "), Run::Emph { children: vec![text("c")] }] },
                text(" "),
                Run::Link { url: "https://e.org".into(), children: vec![text("d")] },
                text(" "),
                Run::Cite { id: "f-1".into(), number: 0 },
                text("."),
            ]
        );
    }

    #[test]
    fn escapes_and_lone_stars_stay_literal() {
        assert_eq!(parse(r"5 * 3 \*x\* \[y]").unwrap().runs, vec![text("5 * 3 *x* [y]")]);
        assert_eq!(parse("[sic] ok").unwrap().runs, vec![text("[sic] ok")]);
    }

    #[test]
    fn reports_unclosed_markup_and_bad_urls() {
        let errors = parse("a **b and [c").unwrap_err();
        assert_eq!(errors[0].kind, InlineErrorKind::UnclosedEmphasis("**"));
        assert_eq!(errors[0].span, 2..4);
        assert_eq!(errors[1].kind, InlineErrorKind::UnclosedBracket);
        let errors = parse("[x](javascript:alert(1))").unwrap_err();
        assert!(matches!(errors[0].kind, InlineErrorKind::BadUrl(_)));
        let errors = parse("[a](https://x.org [b](ftp://y)").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].kind, InlineErrorKind::UnclosedLink);
        assert!(
            matches!(&errors[1].kind, InlineErrorKind::BadUrl(m) if m.render(crate::messages::Language::En).contains("ftp://y"))
        );
    }

    #[test]
    fn malformed_citations_at_the_end_are_reported_not_fatal() {
        for text in ["x [@a b]", "نص [@ src]", "[@]", "[@src ]"] {
            let errors = parse(text).unwrap_err();
            assert!(matches!(errors[0].kind, InlineErrorKind::BadCitation(_)), "{text}: {errors:?}");
        }
    }

    #[test]
    fn pathological_markup_parses_in_linear_time() {
        for text in ["[".repeat(100_000), "** ".repeat(30_000), "**a *b ".repeat(15_000), "[a](".repeat(25_000)] {
            let started = std::time::Instant::now();
            let _ = parse(&text);
            let took = started.elapsed();
            assert!(took < std::time::Duration::from_secs(1), "{:?}… took {took:?}", &text[..8]);
        }
    }

    #[test]
    fn an_unclosed_star_does_not_hide_later_problems() {
        let errors = parse("[@ok] ثم **غامق و [@bad id]").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].kind, InlineErrorKind::UnclosedEmphasis("**"));
        assert!(matches!(errors[1].kind, InlineErrorKind::BadCitation(_)));
    }

    #[test]
    fn links_keep_balanced_parentheses_and_triple_stars_nest() {
        let runs = parse("[Suez](https://en.wikipedia.org/wiki/Suez_Crisis_(1956)).").unwrap().runs;
        assert_eq!(
            runs,
            vec![
                Run::Link {
                    url: "https://en.wikipedia.org/wiki/Suez_Crisis_(1956)".into(),
                    children: vec![text("Suez")]
                },
                text(".")
            ]
        );
        let runs = parse("***both***").unwrap().runs;
        assert_eq!(runs, vec![Run::Strong { children: vec![Run::Emph { children: vec![text("both")] }] }]);
    }
}
