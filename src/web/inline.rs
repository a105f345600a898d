//! Inline runs as HTML: the `inline` filter templates write `{{ point.title|inline }}` with.
//!
//! Every character an author wrote is escaped here; the only markup is the few elements the
//! inline syntax stands for. Citations and note references get an id per occurrence
//! (`cite-3-2`: the second citation of source 3), so that the sources list can link back to
//! each of them; [`backlinks`] counts the same occurrences beforehand.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use minijinja::value::Value;
use minijinja::{Error, ErrorKind, HtmlEscape, State};

use crate::brief::Run;
use crate::locale::{Digits, write_digits};

/// How many citations of each source (and references to each note) a piece of data holds:
/// `{"source-3": ["cite-3-1", "cite-3-2"], "note-1": ["noteref-1-1"]}`, ids without prefix.
pub fn backlinks(data: &serde_json::Value) -> BTreeMap<String, Vec<String>> {
    let mut counts: BTreeMap<(String, usize), usize> = BTreeMap::new();
    count_references(data, &mut counts);
    counts
        .into_iter()
        .map(|((kind, number), count)| {
            let (target, reference) = match kind.as_str() {
                "cite" => ("source", "cite"),
                _ => ("note", "noteref"),
            };
            let ids = (1..=count).map(|k| format!("{reference}-{number}-{k}")).collect();
            (format!("{target}-{number}"), ids)
        })
        .collect()
}

fn count_references(value: &serde_json::Value, counts: &mut BTreeMap<(String, usize), usize>) {
    match value {
        serde_json::Value::Object(map) => {
            let kind = map.get("kind").and_then(|k| k.as_str());
            let number = map.get("number").and_then(|n| n.as_u64());
            if let (Some(kind @ ("cite" | "note")), Some(number)) = (kind, number)
                && map.contains_key("id")
            {
                *counts.entry((kind.to_string(), number as usize)).or_default() += 1;
            }
            map.values().for_each(|v| count_references(v, counts));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| count_references(v, counts)),
        _ => {}
    }
}

/// How many references of each kind and number the page has written so far.
#[derive(Default)]
struct Written(BTreeMap<(String, String, usize), usize>);

/// The `inline` filter: runs as escaped HTML.
pub fn inline_filter(state: &mut State, runs: Value) -> Result<Value, Error> {
    let runs: Vec<Run> = deserialize(runs)?;
    let prefix = state.lookup("prefix").map(|p| p.to_string()).unwrap_or_default();
    let digits = state.lookup("digits").map(|d| d.to_string()).unwrap_or_default();
    let figure = state
        .lookup("labels")
        .and_then(|labels| labels.get_attr("figure").ok())
        .map(|label| label.to_string())
        .unwrap_or_default();
    let mut html = String::new();
    let context = Context { prefix: &prefix, digits: &digits, figure: &figure };
    let written = state.get_or_insert_extension(Written::default());
    write_runs(&mut html, &runs, &context, written);
    Ok(Value::from_safe_string(html))
}

/// The `plain` filter: runs as plain text (for `<title>` and `alt`), escaped where used.
pub fn plain_filter(runs: Value) -> Result<String, Error> {
    let runs: Vec<Run> = deserialize(runs)?;
    Ok(crate::brief::inline::plain_text(&runs))
}

/// The `num` filter: a number (or the digits in a text) in the outlet's digits.
pub fn num_filter(state: &State, value: Value) -> String {
    let digits = state.lookup("digits").map(|d| d.to_string()).unwrap_or_default();
    digits_in(&value.to_string(), &digits)
}

/// Runs come to the filter as template values; they are read back into the model's type so
/// that nothing but the known kinds of run can be written.
fn deserialize(runs: Value) -> Result<Vec<Run>, Error> {
    if runs.is_undefined() || runs.is_none() {
        return Ok(Vec::new());
    }
    let json = serde_json::to_value(&runs)
        .map_err(|err| Error::new(ErrorKind::InvalidOperation, "not inline text").with_source(err))?;
    from_json(&json).ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "`inline` takes a brief's inline text"))
}

fn from_json(json: &serde_json::Value) -> Option<Vec<Run>> {
    json.as_array()?.iter().map(run_from_json).collect()
}

fn run_from_json(json: &serde_json::Value) -> Option<Run> {
    let text = |key: &str| json.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let number = || json.get("number").and_then(|v| v.as_u64()).map(|n| n as usize);
    let children = || json.get("children").and_then(from_json);
    Some(match json.get("kind")?.as_str()? {
        "text" => Run::Text { text: text("text")? },
        "strong" => Run::Strong { children: children()? },
        "emph" => Run::Emph { children: children()? },
        "link" => Run::Link { url: text("url")?, children: children()? },
        "cite" => Run::Cite { id: text("id")?, number: number()? },
        "note" => Run::Note { id: text("id")?, number: number()? },
        "figure" => Run::Figure { id: text("id")?, number: number()? },
        _ => return None,
    })
}

struct Context<'a> {
    prefix: &'a str,
    digits: &'a str,
    figure: &'a str,
}

fn write_runs(html: &mut String, runs: &[Run], context: &Context<'_>, written: &mut Written) {
    for run in runs {
        match run {
            Run::Text { text } => {
                let _ = write!(html, "{}", HtmlEscape(text));
            }
            Run::Strong { children } => {
                html.push_str("<strong>");
                write_runs(html, children, context, written);
                html.push_str("</strong>");
            }
            Run::Emph { children } => {
                html.push_str("<em>");
                write_runs(html, children, context, written);
                html.push_str("</em>");
            }
            Run::Link { url, children } if is_safe_address(url) => {
                let _ = write!(html, "<a href=\"{}\">", HtmlEscape(url));
                write_runs(html, children, context, written);
                html.push_str("</a>");
            }
            // Validation lets only http, https and mailto through; anything else is text.
            Run::Link { children, .. } => write_runs(html, children, context, written),
            Run::Cite { number, .. } => {
                let k = next(written, context.prefix, "cite", *number);
                let shown = digits_in(&number.to_string(), context.digits);
                let prefix = HtmlEscape(context.prefix);
                let _ = write!(
                    html,
                    "<a class=\"cite\" id=\"{prefix}cite-{number}-{k}\" href=\"#{prefix}source-{number}\">[{shown}]</a>"
                );
            }
            Run::Note { number, .. } => {
                let k = next(written, context.prefix, "note", *number);
                let shown = digits_in(&number.to_string(), context.digits);
                let prefix = HtmlEscape(context.prefix);
                let _ = write!(
                    html,
                    "<sup class=\"note-ref\"><bdi><a id=\"{prefix}noteref-{number}-{k}\" href=\"#{prefix}note-{number}\">{shown}</a></bdi></sup>"
                );
            }
            Run::Figure { number, .. } => {
                let shown = digits_in(&number.to_string(), context.digits);
                let prefix = HtmlEscape(context.prefix);
                let name = HtmlEscape(context.figure);
                let _ = write!(html, "<a class=\"figure-ref\" href=\"#{prefix}figure-{number}\">({name} {shown})</a>");
            }
        }
    }
}

/// The occurrence number (from 1) of the next reference of `kind` to `number`.
fn next(written: &mut Written, prefix: &str, kind: &str, number: usize) -> usize {
    let count = written.0.entry((prefix.to_string(), kind.to_string(), number)).or_default();
    *count += 1;
    *count
}

/// Whether a link may be written as one: web and mail addresses only, never `javascript:` or
/// `data:`.
pub fn is_safe_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// The ASCII digits of `text` in the digits a page's data names (`western`, `arabic-indic`).
fn digits_in(text: &str, digits: &str) -> String {
    let digits = if digits == "arabic-indic" { Digits::ArabicIndic } else { Digits::Western };
    write_digits(text, digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        assert!(is_safe_address("https://example.org"));
        assert!(is_safe_address("mailto:desk@example.org"));
        assert!(!is_safe_address("javascript:alert(1)"));
        assert!(!is_safe_address(" JavaScript:alert(1)"));
        assert!(!is_safe_address("data:text/html,<script>"));
    }

    #[test]
    fn citations_are_counted_per_source() {
        let data = serde_json::json!({"a": [{"kind": "cite", "id": "x", "number": 2},
            {"kind": "text", "text": "t"}], "b": [{"kind": "cite", "id": "x", "number": 2},
            {"kind": "note", "id": "n", "number": 1}]});
        let links = backlinks(&data);
        assert_eq!(links["source-2"], vec!["cite-2-1", "cite-2-2"]);
        assert_eq!(links["note-1"], vec!["noteref-1-1"]);
    }
}
