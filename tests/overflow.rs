//! Long words and addresses never leave their column or the page. A hostile brief in each
//! language (`tests/fixtures/overflow/`: a 60-letter word and 300-character addresses in every
//! field that takes text or an address, a 200-character timeline date and a 60-letter one) is
//! laid out by every built-in outlet, and the laid-out text is checked run by run: inside the
//! page's text area (the page minus the outlet's margins; only the running header and footer
//! stand in the margins), never on top of another run of its line (a column spilling into the
//! next), and all of it on the page (nothing clipped, hidden or shortened).
//!
//! To check another set of outlets with the same briefs, e.g. a copy of the templates as they
//! were, set `MUJAZ_OVERFLOW_TEMPLATES` to a folder holding one outlet folder for each built-in
//! outlet, named like it, each with its `outlet.toml` (the margins are read from there) and its
//! `lib.typ` (otherwise the built-in default's is used). The briefs are written by
//! `tests/fixtures/overflow/make.py`.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// How far a run may pass a limit before it counts (rounding, kerning), in points.
const SLACK: f64 = 0.5;

/// Characters Typst lets hang past the end of a line (its `overhang`, at most 0.8 of their
/// width): dashes, hyphens (a hyphenation's is a soft hyphen in the text), stops, commas, colons.
const HANGING: &[char] = &['-', '\u{ad}', '\u{2010}', '–', '—', '.', ',', ':', ';', '،', '۔'];

/// The folder of outlets to use instead of the built-in ones, if any.
fn override_templates() -> Option<PathBuf> {
    std::env::var_os("MUJAZ_OVERFLOW_TEMPLATES").map(PathBuf::from)
}

/// The folder the outlets' settings are read from.
fn templates_dir() -> PathBuf {
    override_templates().unwrap_or_else(|| root().join("templates"))
}

/// A length from outlet.toml ("21mm", "2cm", "12pt", "1in") in points.
fn points(value: &str) -> f64 {
    let units = [("mm", 72.0 / 25.4), ("cm", 72.0 / 2.54), ("pt", 1.0), ("in", 72.0)];
    let (number, factor) = units
        .iter()
        .find_map(|(unit, factor)| value.strip_suffix(unit).map(|n| (n, *factor)))
        .unwrap_or_else(|| panic!("a length without a known unit: {value}"));
    number.trim().parse::<f64>().unwrap_or_else(|_| panic!("not a length: {value}")) * factor
}

/// The page's margins in an outlet (top, bottom, x), from its outlet.toml over the default's.
fn margins(outlet: &str) -> (f64, f64, f64) {
    let read = |name: &str| -> toml::Table {
        let path = templates_dir().join(name).join("outlet.toml");
        let Ok(text) = std::fs::read_to_string(&path) else { return toml::Table::new() };
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        table.get("page").and_then(|p| p.get("margin")).and_then(|m| m.as_table()).cloned().unwrap_or_default()
    };
    let mut margin = read("default");
    for (key, value) in read(outlet) {
        margin.insert(key, value);
    }
    let side =
        |key: &str| points(margin.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("no margin {key}")));
    (side("top"), side("bottom"), side("x"))
}

/// Lay a brief out with an outlet (the built-in one, or the override's), for the screen.
fn lay_out(brief: &Path, outlet: &str) -> mujaz::Compiled {
    let lookup = mujaz::Lookup { templates: override_templates(), outlet: Some(outlet.to_string()) };
    let checked = mujaz::check_with(brief, &lookup).unwrap_or_else(|f| panic!("{outlet} {brief:?}: {:#?}", f.0));
    let compiled = mujaz::render_checked(checked, mujaz::Profile::Screen)
        .unwrap_or_else(|f| panic!("{outlet} {brief:?}: {:#?}", f.0));
    assert!(compiled.warnings.is_empty(), "{outlet} {brief:?} warns: {:#?}", compiled.warnings);
    compiled
}

/// A run of text that takes room on the page: not blank, not a mark alone (Typst draws a raised
/// mark as a run of its own over its letter), not of zero width.
fn visible(text: &str, width: f64) -> bool {
    width > 0.0
        && text.chars().any(|c| {
            !c.is_whitespace()
                && !('\u{2066}'..='\u{2069}').contains(&c)
                && unicode_bidi::bidi_class(c) != unicode_bidi::BidiClass::NSM
        })
}

/// Whether a run passing the end of its line by `excess` is only Typst's hanging punctuation.
fn hangs(text: &str, excess: f64, size: f64) -> bool {
    let chars: Vec<char> =
        text.chars().filter(|c| !c.is_whitespace() && !('\u{2066}'..='\u{2069}').contains(c)).collect();
    excess <= 0.4 * size && [chars.first(), chars.last()].into_iter().flatten().any(|c| HANGING.contains(c))
}

/// The text of a page's margins (above the text area, below it) as the characters it is made
/// of, sorted, without spaces and digits: the running header and footer, whatever the page number.
fn margin_text(compiled: &mujaz::Compiled, page: usize, top: f64, bottom: f64) -> (String, String) {
    let mut above = Vec::new();
    let mut below = Vec::new();
    for b in compiled.document.text_boxes(page) {
        if !visible(&b.text, b.width) {
            continue;
        }
        let keep =
            b.text.chars().filter(|c| !c.is_whitespace() && !c.is_numeric() && !('\u{2066}'..='\u{2069}').contains(c));
        if b.baseline < top - SLACK {
            above.extend(keep);
        } else if b.baseline > bottom + SLACK {
            below.extend(keep);
        }
    }
    above.sort_unstable();
    below.sort_unstable();
    (above.into_iter().collect(), below.into_iter().collect())
}

/// Whether a page head's characters (`found`, sorted as [`margin_text`] gives them) are the
/// running head's (`reference`) plus characters of `title` only.
fn head_adds_only(found: &str, reference: &str, title: &str) -> bool {
    let mut extra: Vec<char> = found.chars().collect();
    for c in reference.chars() {
        match extra.iter().position(|e| *e == c) {
            Some(at) => {
                extra.remove(at);
            }
            None => return false,
        }
    }
    let mut pool: Vec<char> = title.chars().collect();
    extra.iter().all(|c| match pool.iter().position(|p| p == c) {
        Some(at) => {
            pool.remove(at);
            true
        }
        None => false,
    })
}

/// An ordinary one-page brief in a language, with a brief's date (the running header shows it):
/// what the margins of a page hold.
fn ordinary_brief(dir: &Path, lang: &str, like: &Path) -> PathBuf {
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(like).unwrap()).unwrap();
    let date = table["brief"]["date"].as_datetime().expect("the brief has a date").to_string();
    let path = dir.join(format!("ordinary-{lang}-{date}.toml"));
    let (title, text) =
        if lang == "ar" { ("موجز عادي", "خبر قصير.") } else { ("An ordinary brief", "A short item.") };
    let brief = format!(
        "[brief]\ntitle = \"{title}\"\ndate = {date}\nlang = \"{lang}\"\n\n\
         [news]\ntext = \"{text}\"\n\n[commentary]\npoints = [\"{text}\"]\n"
    );
    std::fs::write(&path, brief).unwrap();
    path
}

/// What the margins of an outlet's pages hold for briefs in a language and with a brief's date:
/// those of an ordinary brief's page.
fn running_margins(dir: &Path, outlet: &str, lang: &str, like: &Path) -> (String, String) {
    let (top, bottom, _) = margins(outlet);
    let reference = lay_out(&ordinary_brief(dir, lang, like), outlet);
    let height = reference.document.page_sizes()[0].1;
    let text = margin_text(&reference, 0, top, height - bottom);
    assert!(!text.0.is_empty() && !text.1.is_empty(), "{outlet}: no running header or footer");
    text
}

/// Everything wrong with where a laid-out brief puts its text: runs past the left or right
/// margin, body text in the top or bottom margin (which hold `margins`, the running header and
/// footer, and nothing else), and runs of one line lying on top of each other.
fn misplaced_text(compiled: &mujaz::Compiled, outlet: &str, margins_text: &(String, String)) -> Vec<String> {
    let (top, bottom, x) = margins(outlet);
    let mut problems = Vec::new();
    for (page, (width, height)) in compiled.document.page_sizes().into_iter().enumerate() {
        let (left, right, lower) = (x, width - x, height - bottom);
        let mut boxes: Vec<_> =
            compiled.document.text_boxes(page).into_iter().filter(|b| visible(&b.text, b.width)).collect();
        for b in &boxes {
            let over_left = left - b.x;
            let over_right = b.x + b.width - right;
            for (over, side) in [(over_left, "left"), (over_right, "right")] {
                if over > SLACK && !hangs(&b.text, over, b.size) {
                    problems.push(format!(
                        "page {}: {over:.1}pt past the {side} margin at {:.0}pt from the top ({}pt): {:?}",
                        page + 1,
                        b.baseline,
                        b.size,
                        b.text.chars().take(60).collect::<String>()
                    ));
                }
            }
        }
        let found = margin_text(compiled, page, top, lower);
        // Pages after the first may also carry the brief's title (or its start, with "…") in the
        // head, after a separator.
        let title: String = compiled.brief.title_text().chars().chain(['…', '|']).collect();
        let running_title = page > 0 && found.1 == margins_text.1 && head_adds_only(&found.0, &margins_text.0, &title);
        if &found != margins_text && !running_title {
            let strays: Vec<String> = boxes
                .iter()
                .filter(|b| b.baseline < top - SLACK || b.baseline > lower + SLACK)
                .map(|b| format!("{:.0}pt: {:?}", b.baseline, b.text.chars().take(40).collect::<String>()))
                .collect();
            problems.push(format!(
                "page {}: more than the running header and footer in the margins \
                 (the text area runs from {top:.0}pt to {lower:.0}pt): {strays:?}",
                page + 1
            ));
        }
        // Runs of one line (baselines closer than a third of the type) must not overlap.
        boxes.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
        for (i, a) in boxes.iter().enumerate() {
            for b in boxes[i + 1..].iter().take_while(|b| b.baseline - a.baseline < 12.0) {
                if b.baseline - a.baseline >= 0.3 * a.size.max(b.size) {
                    continue;
                }
                let overlap = (a.x + a.width).min(b.x + b.width) - a.x.max(b.x);
                if overlap > (0.3 * a.size.min(b.size)).max(2.0) {
                    problems.push(format!(
                        "page {}: two runs overlap by {overlap:.1}pt at {:.0}pt from the top: {:?} and {:?}",
                        page + 1,
                        a.baseline,
                        a.text.chars().take(40).collect::<String>(),
                        b.text.chars().take(40).collect::<String>()
                    ));
                }
            }
        }
    }
    problems
}

/// What a brief prints that no line may hold whole: every word or address of 40 characters or
/// more in its text (a link's label, not its address, which is not printed), and every timeline
/// date; each without its spaces.
fn long_strings(brief: &Path) -> Vec<String> {
    fn walk(key: &str, value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(text) => {
                if key == "when" {
                    out.push(squash(text));
                }
                for token in text.split_whitespace() {
                    // `[label](address)` prints its label; `[@id]` prints a number.
                    let printed = match token.strip_prefix('[').and_then(|t| t.split_once("](")) {
                        Some((label, _)) => label,
                        None => token,
                    };
                    if printed.chars().count() >= 40 {
                        out.push(printed.to_string());
                    }
                }
            }
            toml::Value::Array(items) => items.iter().for_each(|item| walk(key, item, out)),
            toml::Value::Table(table) => table.iter().for_each(|(key, item)| walk(key, item, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(brief).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    table.iter().for_each(|(key, value)| walk(key, value, &mut out));
    out
}

/// Invisible formatting that the page text may hold between the pieces of a word: bidirectional
/// embeddings, isolates and marks (around text set in the other direction, such as an address
/// in Arabic), zero-width spaces and joiners, and the soft hyphen of a hyphenated word.
fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{61c}' | '\u{feff}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Into how many pieces `needle` falls in `text`: the fewest runs of `text`, each the longest
/// that continues the needle, that make it up (1 when it is there whole); `None` when one of
/// its characters is missing. A word broken over two lines is one piece (the page text joins
/// lines), one whose table row or column continues on the next page two, and a few more where
/// the page text joins lines of cells side by side that share a baseline; a word that is not
/// on the page at all, made of random letters, falls into dozens of chance pieces.
fn pieces(text: &str, needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    let (mut at, mut count) = (0, 0);
    while at < needle.len() {
        let found = |len: usize| text.contains(&needle[at..at + len].iter().collect::<String>());
        let (mut low, mut high) = (0, needle.len() - at);
        while low < high {
            let middle = (low + high).div_ceil(2);
            if found(middle) { low = middle } else { high = middle - 1 }
        }
        if low == 0 {
            return None;
        }
        at += low;
        count += 1;
    }
    Some(count)
}

/// Where the event column of a laid-out timeline starts, measured from the start side of the
/// text area (the left in English, the right in Arabic) as a share of its width: from the runs
/// that begin an event with `start`.
fn event_column_offsets(compiled: &mujaz::Compiled, outlet: &str, lang: &str, start: &str) -> Vec<f64> {
    let (_, _, x) = margins(outlet);
    let mut offsets = Vec::new();
    for (page, (width, _)) in compiled.document.page_sizes().into_iter().enumerate() {
        let text_width = width - 2.0 * x;
        for b in compiled.document.text_boxes(page) {
            let text: String = b.text.chars().filter(|c| !('\u{2066}'..='\u{2069}').contains(c)).collect();
            if text.trim_start().starts_with(start) {
                let offset = if lang == "ar" { width - x - (b.x + b.width) } else { b.x - x };
                offsets.push(offset / text_width);
            }
        }
    }
    offsets
}

/// Lay the hostile brief in `lang` out with every built-in outlet and check each: its text in
/// place and all on the page, and its timeline's dates (one of 200 characters, one of 60 letters,
/// an address) in a column of at most 30% of the table (with its cells' inset), wrapping, with the
/// events in the rest.
fn check_hostile(lang: &str) {
    let brief = fixture(&format!("overflow/{lang}.toml"));
    let long = long_strings(&brief);
    assert!(long.len() > 40, "the fixture lost its long words: {long:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for outlet in mujaz::assets::outlet_names() {
        let margins_text = running_margins(dir.path(), &outlet, lang, &brief);
        let compiled = lay_out(&brief, &outlet);
        for problem in misplaced_text(&compiled, &outlet, &margins_text) {
            failures.push(format!("{outlet} {lang}: {problem}"));
        }
        let text: String =
            squash(&compiled.document.page_texts().concat()).chars().filter(|&c| !invisible(c)).collect();
        for needle in &long {
            let needle: String = needle.chars().filter(|&c| !invisible(c)).collect();
            match pieces(&text, &needle) {
                Some(count) if count <= 12 => {}
                found => failures.push(format!("{outlet} {lang}: not (all) on the page ({found:?} pieces): {needle}")),
            }
        }
        let start = if lang == "ar" { "نشر الخبر على" } else { "The event was reported at" };
        let offsets = event_column_offsets(&compiled, &outlet, lang, start);
        if offsets.len() < 2 || offsets.iter().any(|&o| !(0.05..=0.34).contains(&o)) {
            failures.push(format!("{outlet} {lang}: the timeline's events start at {offsets:.2?} of the width"));
        }
    }
    let shown: Vec<&String> = failures.iter().take(40).collect();
    assert!(failures.is_empty(), "{} problems, the first {}:\n{shown:#?}", failures.len(), shown.len());
}

#[test]
fn a_hostile_arabic_brief_stays_inside_its_columns_in_every_outlet() {
    check_hostile("ar");
}

#[test]
fn a_hostile_english_brief_stays_inside_its_columns_in_every_outlet() {
    check_hostile("en");
}

/// The sample briefs too keep inside their columns, and their short timeline dates keep the
/// dates' column as narrow as they are: "1869" … "Dec 2024" in English (with the cells' inset,
/// 6% to 16% of the width); in Arabic the longest, "ستينيات القرن العشرين", needs about 24%.
#[test]
fn the_sample_briefs_stay_inside_their_columns_and_short_dates_keep_their_column_narrow() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for outlet in mujaz::assets::outlet_names() {
        for (brief, lang, event, most) in
            [(seed_brief(), "ar", "بداية التعاون بين", 0.28), (english_brief(), "en", "The Suez Canal opens", 0.2)]
        {
            let margins_text = running_margins(dir.path(), &outlet, lang, &brief);
            let compiled = lay_out(&brief, &outlet);
            for problem in misplaced_text(&compiled, &outlet, &margins_text) {
                failures.push(format!("{outlet} {lang} sample: {problem}"));
            }
            let offsets = event_column_offsets(&compiled, &outlet, lang, event);
            if offsets.len() != 1 || offsets[0] > most {
                failures
                    .push(format!("{outlet} {lang} sample: the timeline's events start at {offsets:.2?} of the width"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
