//! Checking `outlet.toml` layers: an outlet's brand, page, locale and print settings.
//!
//! Each layer (the built-in default, a built-in outlet, a user's outlet) is checked against
//! one schema with the same care as briefs — unknown keys with suggestions, wrong types with
//! the right form — and turned into JSON; the layers are then merged key by key, so a user's
//! `outlet.toml` only states what differs, and read into the typed
//! [`super::settings::Settings`]. Lengths become points and colours `{rgb}` or `{cmyk}`, so
//! the template never evaluates a setting.

use std::sync::Arc;

use serde_json::{Map, Value, json};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, SourceFile, did_you_mean};
use crate::messages::{Arg, Message};
use crate::msg;
use crate::walk::{Table, Walker, content_origin};

/// The kind of value a setting takes.
#[derive(Debug)]
enum Kind {
    /// Free text.
    Text,
    /// A label: free text whose `{…}` placeholders must be these (none for most labels).
    Label(&'static [&'static str]),
    /// Text per language: a string for all, or `{ ar = "…", en = "…" }`.
    PerLang,
    /// `true` or `false`.
    Bool,
    /// A length such as `"21mm"`, `"2.1cm"`, `"12pt"` or `"1in"`.
    Length,
    /// A length in em (the font size), as a number from 0 to 5, e.g. `0.9`.
    Em,
    /// A length between two bounds, in points, with what it is for the message.
    Bounded(f64, f64, &'static str),
    /// A screen colour, `"#1d3557"`.
    Rgb,
    /// A print colour as CMYK percentages, `[90, 60, 10, 40]`.
    Cmyk,
    /// A list of font family names.
    Fonts,
    /// One of a few words.
    Choice(&'static [&'static str]),
    /// A list of words from a few.
    Choices(&'static [&'static str]),
    /// A file inside the outlet folder.
    Path,
    /// The web address a site is published at (`https://…`), or `""` for none.
    BaseUrl,
    /// A table with these keys.
    Table(&'static [(&'static str, Kind)]),
}

/// The paper sizes outlets may choose (Typst's names).
pub const PAPERS: &[&str] = &["a3", "a4", "a5", "b5", "us-letter", "us-legal", "us-tabloid"];
/// Arabic month-name conventions.
pub const MONTHS: &[&str] = &["egypt", "levant", "algeria-tunisia", "morocco"];
/// Digit shapes for numbers the outlet writes (dates, page, point and source numbers).
pub const DIGITS: &[&str] = &["western", "arabic-indic"];
/// Hijri calendars.
pub const HIJRI: &[&str] = &["none", "umm-al-qura", "tabular"];
/// PDF standards a print profile may claim.
pub const STANDARDS: &[&str] = &["pdf/a-2b", "pdf/ua-1", "pdf/x-4"];

macro_rules! colors {
    ($kind:expr) => {
        Kind::Table(&[
            ("primary", $kind),
            ("accent", $kind),
            ("ink", $kind),
            ("muted", $kind),
            ("rule", $kind),
            ("tint", $kind),
        ])
    };
}

macro_rules! labels {
    () => {
        Kind::Table(&[
            ("outlet", Kind::Label(&[])),
            ("summary", Kind::Label(&[])),
            ("news", Kind::Label(&[])),
            ("commentary", Kind::Label(&[])),
            ("background", Kind::Label(&[])),
            ("timeline", Kind::Label(&[])),
            ("when", Kind::Label(&[])),
            ("event", Kind::Label(&[])),
            ("questions", Kind::Label(&[])),
            ("sources", Kind::Label(&[])),
            ("by", Kind::Label(&[])),
            ("and", Kind::Label(&[])),
            ("list-separator", Kind::Label(&[])),
            ("page", Kind::Label(&["page", "pages"])),
            ("facts", Kind::Label(&[])),
            ("notes", Kind::Label(&[])),
            ("draft", Kind::Label(&[])),
            ("embargo", Kind::Label(&["date", "time"])),
            ("figure", Kind::Label(&[])),
            ("hijri", Kind::Label(&[])),
            ("issue", Kind::Label(&["number"])),
            ("contents", Kind::Label(&[])),
            ("in-this-issue", Kind::Label(&[])),
            ("foreword", Kind::Label(&[])),
            ("more", Kind::Label(&[])),
            ("web-edition", Kind::Label(&[])),
            ("pdf", Kind::Label(&[])),
            ("archive", Kind::Label(&[])),
            ("back-to-text", Kind::Label(&[])),
            ("bulletins", Kind::Label(&[])),
            ("briefs", Kind::Label(&[])),
        ])
    };
}

const SCHEMA: &[(&str, Kind)] = &[
    (
        "outlet",
        Kind::Table(&[
            ("name", Kind::PerLang),
            ("base", Kind::Text),
            ("logo", Kind::Path),
            ("logo-height", Kind::Bounded(5.0 * MM, 60.0 * MM, "range-logo-height")),
            ("logo-position", Kind::Choice(&["start", "center", "end"])),
        ]),
    ),
    (
        "fonts",
        Kind::Table(&[
            ("body", Kind::Fonts),
            ("display", Kind::Fonts),
            ("size", Kind::Bounded(6.0, 30.0, "range-font-size")),
            ("leading", Kind::Em),
        ]),
    ),
    (
        "page",
        Kind::Table(&[
            ("paper", Kind::Choice(PAPERS)),
            ("margin", Kind::Table(&[("top", Kind::Length), ("bottom", Kind::Length), ("x", Kind::Length)])),
            ("running-title", Kind::Bool),
        ]),
    ),
    ("colors", colors!(Kind::Rgb)),
    ("text", Kind::Table(&[("header", Kind::PerLang), ("footer", Kind::PerLang), ("classification", Kind::PerLang)])),
    ("labels", Kind::Table(&[("ar", labels!()), ("en", labels!())])),
    (
        "locale",
        Kind::Table(&[
            ("months", Kind::Choice(MONTHS)),
            ("digits", Kind::Choice(DIGITS)),
            ("era", Kind::Bool),
            ("hijri", Kind::Choice(HIJRI)),
        ]),
    ),
    (
        "print",
        Kind::Table(&[
            ("bleed", Kind::Length),
            ("crop-marks", Kind::Bool),
            ("standards", Kind::Choices(STANDARDS)),
            ("colors", colors!(Kind::Cmyk)),
        ]),
    ),
    ("web", Kind::Table(&[("base-url", Kind::BaseUrl)])),
];

/// What checking a layer needs to know about its surroundings.
pub struct LayerContext<'a> {
    /// The files of the outlet (relative paths), for checking `logo` and other paths.
    pub files: &'a [String],
    /// The font families that exist.
    pub families: &'a [String],
}

/// Check one `outlet.toml` and turn it into JSON; every problem is reported.
pub fn check_layer(file: &Arc<SourceFile>, context: &LayerContext<'_>) -> Result<Value, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(&file.text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|err| {
                let span = err.span().unwrap_or(0..0);
                let (message, _) =
                    crate::load::describe_syntax_error(err.message().trim_end(), &file.text[span.clone()]);
                Diagnostic::error(Code::TomlSyntax, message).at(file, span).with_hint(msg!("hint-see-outlets"))
            })
            .collect());
    }
    let mut checker = SettingsChecker { walk: Walker::new(file), context };
    let table = checker.walk.root(root.get_ref());
    let value = checker.table(&table, SCHEMA);
    let mut diagnostics = checker.walk.diagnostics;
    // In the order the file has them, as for briefs.
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    if diagnostics.iter().any(Diagnostic::is_error) { Err(diagnostics) } else { Ok(value) }
}

/// Merge `over` into `base`: tables key by key, everything else replaced.
pub fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

struct SettingsChecker<'f, 'c> {
    walk: Walker<'f>,
    context: &'c LayerContext<'c>,
}

impl SettingsChecker<'_, '_> {
    fn table(&mut self, table: &Table<'_, '_>, schema: &[(&str, Kind)]) -> Value {
        let known: Vec<&str> = schema.iter().map(|(key, _)| *key).collect();
        self.walk.unknown_keys(table, &known);
        let mut object = Map::new();
        for (key, kind) in schema {
            let Some(value) = table.get(key) else { continue };
            let name = table.key_name(key);
            if let Some(converted) = self.value(value, &name, kind) {
                object.insert((*key).to_string(), converted);
            }
        }
        Value::Object(object)
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, name: &str, kind: &Kind) -> Option<Value> {
        let span = value.span();
        match (kind, value.get_ref()) {
            (Kind::Table(schema), DeValue::Table(table)) => {
                let table = Table { table, span, name: name.to_string() };
                Some(self.table(&table, schema))
            }
            (Kind::Text, DeValue::String(text)) => Some(json!(text.as_ref())),
            (Kind::Label(known), DeValue::String(text)) => {
                self.placeholders(value, name, text, known);
                Some(json!(text.as_ref()))
            }
            (Kind::PerLang, DeValue::String(text)) => Some(json!({ "ar": text.as_ref(), "en": text.as_ref() })),
            (Kind::PerLang, DeValue::Table(table)) => {
                let table = Table { table, span, name: name.to_string() };
                Some(self.table(&table, &[("ar", Kind::Text), ("en", Kind::Text)]))
            }
            (Kind::Bool, DeValue::Boolean(flag)) => Some(json!(flag)),
            (Kind::Length, DeValue::String(text)) => match length_in_points(text) {
                Some(points) if points <= MAX_LENGTH_PT => Some(json!(points)),
                Some(_) => self.invalid(
                    span,
                    name,
                    msg!("length-too-long", text = text.as_ref()),
                    msg!("hint-length-too-long"),
                ),
                None => self.invalid(span, name, msg!("not-a-length", text = text.as_ref()), msg!("hint-length")),
            },
            (Kind::Bounded(least, most, what), DeValue::String(text)) => match length_in_points(text) {
                Some(points) if (*least..=*most).contains(&points) => Some(json!(points)),
                Some(_) => self.invalid(span, name, msg!("out-of-range", text = text.as_ref()), Message::new(what)),
                None => self.invalid(span, name, msg!("not-a-length", text = text.as_ref()), msg!("hint-length")),
            },
            (Kind::Em, value @ (DeValue::Integer(_) | DeValue::Float(_))) => match number(value) {
                Some(em) if (0.0..=5.0).contains(&em) => Some(json!(em)),
                _ => self.invalid(span, name, msg!("leading-out-of-range"), msg!("hint-leading")),
            },
            (Kind::Rgb, DeValue::String(text)) => match is_hex_color(text) {
                true => Some(json!({ "rgb": text.as_ref() })),
                false => self.invalid(span, name, msg!("not-a-colour", text = text.as_ref()), msg!("hint-colour")),
            },
            (Kind::Cmyk, DeValue::Array(items)) => {
                let numbers: Vec<f64> = items.iter().filter_map(|item| number(item.get_ref())).collect();
                if numbers.len() == 4
                    && numbers.len() == items.len()
                    && numbers.iter().all(|n| (0.0..=100.0).contains(n))
                {
                    Some(json!({ "cmyk": numbers }))
                } else {
                    self.invalid(span, name, msg!("cmyk-needs-four"), msg!("hint-cmyk"))
                }
            }
            (Kind::Fonts, DeValue::Array(items)) => {
                let mut families = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(family)
                            if self.context.families.iter().any(|f| f.eq_ignore_ascii_case(family)) =>
                        {
                            families.push(family.to_string())
                        }
                        DeValue::String(family) => {
                            let hint = msg!("hint-font-families", families = self.context.families.join(", "));
                            let message = msg!("unknown-font-family", family = family.as_ref());
                            self.walk.error(Code::BadValue, item.span(), message, hint);
                        }
                        _ => self.walk.wrong_type(item, name, msg!("kind-font-family"), "[\"Amiri\"]"),
                    }
                }
                (!families.is_empty()).then(|| json!(families))
            }
            (Kind::Choice(choices), DeValue::String(text)) => match choices.contains(&text.as_ref()) {
                true => Some(json!(text.as_ref())),
                false => self.invalid(
                    span,
                    name,
                    msg!("not-a-choice", text = text.as_ref()),
                    msg!("hint-choose-one", choices = choices.join(", ")),
                ),
            },
            (Kind::Choices(choices), DeValue::Array(items)) => {
                let mut chosen = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(text) if choices.contains(&text.as_ref()) => chosen.push(text.to_string()),
                        _ => {
                            let hint = msg!("hint-choose-from", choices = choices.join(", "));
                            self.walk.error(Code::BadValue, item.span(), msg!("unknown-entry", name = name), hint);
                        }
                    }
                }
                Some(json!(chosen))
            }
            (Kind::BaseUrl, DeValue::String(text)) if text.trim().is_empty() => Some(Value::Null),
            (Kind::BaseUrl, DeValue::String(text)) => match base_url(text) {
                Some(url) => Some(json!(url)),
                None => self.invalid(span, name, msg!("not-a-base-url", text = text.as_ref()), msg!("hint-base-url")),
            },
            (Kind::Path, DeValue::String(path)) => match clean_relative_path(path) {
                Some(clean) if self.context.files.contains(&clean) => Some(json!(clean)),
                Some(clean) => self.invalid(
                    span,
                    name,
                    msg!("outlet-no-such-file", file = &clean),
                    msg!("hint-outlet-no-such-file"),
                ),
                None => {
                    self.invalid(span, name, msg!("path-leaves-outlet", path = path.as_ref()), msg!("hint-path-inside"))
                }
            },
            (kind, _) => {
                let (expected, example) = expectation(kind);
                self.walk.wrong_type(value, name, expected, example);
                None
            }
        }
    }

    /// Report every `{…}` in a label that the template does not fill in (it would print as
    /// written, braces and all), at the placeholder itself where the file shows it verbatim.
    fn placeholders(&mut self, value: &Spanned<DeValue<'_>>, name: &str, text: &str, known: &[&str]) {
        let origin = content_origin(&self.walk.file.text, value.span(), text);
        let mut rest = 0;
        while let Some(open) = text[rest..].find('{').map(|at| rest + at) {
            let Some(close) = text[open..].find('}').map(|at| open + at) else { break };
            rest = close + 1;
            let placeholder = &text[open + 1..close];
            if known.contains(&placeholder) {
                continue;
            }
            let span = match origin {
                Some(start) => start + open..start + close + 1,
                None => value.span(),
            };
            let listed: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
            let hint = match (did_you_mean(placeholder, known), known.is_empty()) {
                (_, true) => msg!("hint-no-placeholders"),
                (Some(close), false) => {
                    msg!(
                        "hint-placeholder-did-you-mean",
                        suggestion = format!("{{{close}}}"),
                        known = listed.join(", ")
                    )
                }
                (None, false) => msg!("hint-placeholders", known = listed.join(", ")),
            };
            let message = msg!("unknown-placeholder", name = name, placeholder = format!("{{{placeholder}}}"));
            self.walk.error(Code::BadValue, span, message, hint);
        }
    }

    fn invalid(&mut self, span: std::ops::Range<usize>, name: &str, message: Message, hint: Message) -> Option<Value> {
        self.walk.error(Code::BadValue, span, msg!("invalid-setting", name = name, problem = message), hint);
        None
    }
}

fn expectation(kind: &Kind) -> (Message, Arg) {
    match kind {
        Kind::Text | Kind::Label(_) | Kind::Path | Kind::BaseUrl => (msg!("kind-string"), "\"…\"".into()),
        Kind::PerLang => (msg!("kind-string-or-languages"), "{ ar = \"…\", en = \"…\" }".into()),
        Kind::Bool => (msg!("kind-boolean"), "true".into()),
        Kind::Length | Kind::Bounded(..) => (msg!("kind-length"), "\"21mm\"".into()),
        Kind::Em => (msg!("kind-em"), "0.9".into()),
        Kind::Rgb => (msg!("kind-colour"), "\"#1d3557\"".into()),
        Kind::Cmyk => (msg!("kind-cmyk"), "[90, 60, 10, 40]".into()),
        Kind::Fonts => (msg!("kind-font-families"), "[\"Amiri\"]".into()),
        Kind::Choice(_) => (msg!("kind-string"), "\"…\"".into()),
        Kind::Choices(_) => (msg!("kind-list-of-strings"), "[\"pdf/a-2b\"]".into()),
        Kind::Table(_) => (msg!("kind-table"), msg!("example-table-header", key = "section").into()),
    }
}

/// A site's address as pages are found under it: `http` or `https`, no query or fragment,
/// ending in `/` so that a page's name can be added to it.
fn base_url(text: &str) -> Option<String> {
    let url = url::Url::parse(text.trim()).ok()?;
    let usable = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.query().is_none()
        && url.fragment().is_none();
    let mut address = usable.then(|| url.to_string())?;
    if !address.ends_with('/') {
        address.push('/');
    }
    Some(address)
}

fn number(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(integer) => integer.as_str().parse::<f64>().ok(),
        DeValue::Float(float) => float.as_str().parse::<f64>().ok(),
        _ => None,
    }
}

/// Convert `"21mm"`, `"2.1cm"`, `"12pt"` or `"1in"` to points.
pub fn length_in_points(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, factor) = [("mm", 72.0 / 25.4), ("cm", 72.0 / 2.54), ("pt", 1.0), ("in", 72.0)]
        .iter()
        .find_map(|(unit, factor)| text.strip_suffix(unit).map(|n| (n.trim(), *factor)))?;
    let value: f64 = number.parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(value * factor)
}

/// One millimetre in points.
const MM: f64 = 72.0 / 25.4;

/// The longest length a setting may have: 200 inches, the largest page PDF allows.
const MAX_LENGTH_PT: f64 = 14_400.0;

fn is_hex_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// A relative path inside the outlet folder with `/` separators, or `None` when the path is
/// absolute or climbs out with `..`.
pub fn clean_relative_path(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') || path.contains(':') {
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_the_checker_accepts_is_a_typed_setting() {
        use crate::outlet::settings::{Digits, Hijri, Months, Paper, Standard};
        fn reads<T: serde::de::DeserializeOwned>(words: &[&str]) {
            for word in words {
                assert!(serde_json::from_value::<T>(json!(word)).is_ok(), "`{word}` is checked but not typed");
            }
        }
        reads::<Paper>(PAPERS);
        reads::<Months>(MONTHS);
        reads::<Digits>(DIGITS);
        reads::<Hijri>(HIJRI);
        reads::<Standard>(STANDARDS);
    }

    #[test]
    fn lengths_convert_to_points() {
        assert_eq!(length_in_points("72pt"), Some(72.0));
        assert_eq!(length_in_points("1in"), Some(72.0));
        assert!((length_in_points("25.4mm").unwrap() - 72.0).abs() < 1e-9);
        assert_eq!(length_in_points("12 px"), None);
    }

    #[test]
    fn paths_stay_inside_the_outlet() {
        assert_eq!(clean_relative_path("./img/logo.svg"), Some("img/logo.svg".into()));
        assert_eq!(clean_relative_path("../secret.txt"), None);
        assert_eq!(clean_relative_path("img/../../x"), None);
        assert_eq!(clean_relative_path("/etc/passwd"), None);
        assert_eq!(clean_relative_path("C:\\x"), None);
    }

    #[test]
    fn merging_replaces_leaves_and_keeps_the_rest() {
        let mut base = json!({"colors": {"primary": 1, "accent": 2}, "page": {"paper": "a4"}});
        merge(&mut base, json!({"colors": {"accent": 3}}));
        assert_eq!(base, json!({"colors": {"primary": 1, "accent": 3}, "page": {"paper": "a4"}}));
    }
}
