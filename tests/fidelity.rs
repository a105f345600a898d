//! Copy-paste fidelity: how much of a brief's text comes back out of its PDF in the three
//! engines readers' viewers are built on: pdfium (Chrome, Edge), poppler (Evince, Okular)
//! and PDF.js (Firefox). Counted as ../shared/tools/fidelity.py and bench/fidelity.py count
//! it; docs/fidelity/README.md explains what limits the Arabic figures today.
//!
//! The floors are this build's measured figures: a change that loses a word or a whole
//! sentence in any engine fails here. ./test.sh installs what the engines need (poppler-utils,
//! pypdfium2 into target/py, pdfjs-dist into target/npm).

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use common::*;
use unicode_normalization::UnicodeNormalization;

/// What one engine recovers of one source text.
#[derive(Debug)]
struct Recovered {
    words: usize,
    of_words: usize,
    sentences: usize,
    of_sentences: usize,
}

/// Words and whole sentences of the seed each engine must recover at least (measured with
/// this build: pdfium 513/534 words and 5/19 sentences, poppler 490 and 0, PDF.js 459 and 0).
const SEED_FLOORS: [(Engine, usize, usize); 3] =
    [(Engine::Pdfium, 513, 5), (Engine::Poppler, 490, 0), (Engine::PdfJs, 459, 0)];

#[derive(Clone, Copy, Debug)]
enum Engine {
    Pdfium,
    Poppler,
    PdfJs,
}

const ENGINES: [Engine; 3] = [Engine::Pdfium, Engine::Poppler, Engine::PdfJs];

/// The text a reader copying all of `pdf` gets in `engine`.
fn extract(engine: Engine, pdf: &Path) -> String {
    let tools = root().join("tests/tools");
    let mut command = match engine {
        Engine::Pdfium => {
            let mut c = Command::new("python3");
            c.arg(tools.join("pdfium-text.py")).env("PYTHONPATH", root().join("target/py"));
            c
        }
        Engine::Poppler => {
            let mut c = Command::new("pdftotext");
            c.args(["-enc", "UTF-8"]);
            c
        }
        Engine::PdfJs => {
            let mut c = Command::new("node");
            c.arg(tools.join("pdfjs-text.mjs")).env("NODE_PATH", root().join("target/npm/node_modules"));
            c
        }
    };
    command.arg(pdf);
    if let Engine::Poppler = engine {
        command.arg("-");
    }
    let output =
        command.output().unwrap_or_else(|e| panic!("{engine:?}: {e}; run ./test.sh, which installs the engines"));
    assert!(
        output.status.success(),
        "{engine:?} could not read {}: {}\n(run ./test.sh, which installs the engines)",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

/// NFC; bidi controls, zero-width space, soft hyphen and tatweel dropped; quotes and dashes
/// folded; runs of white space made one space.
fn normalize(text: &str) -> String {
    let dropped = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{200b}' | '\u{00ad}' | '\u{0640}');
    let folded: String = text
        .nfc()
        .filter(|c| !dropped(*c))
        .map(|c| match c {
            '“' | '”' | '«' | '»' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in normalize(text).split(' ') {
        let word = word.trim_matches(|c: char| ".,،؛:؟?!()[]\"'".contains(c));
        if !word.is_empty() {
            *counts.entry(word.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

/// The source's sentences: each line (headings ending in a colon left out) split after a
/// full stop or question mark that white space follows; closing marks dropped, short pieces
/// (under 12 characters) left out.
fn sentences(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines().map(str::trim) {
        if line.is_empty() || line.ends_with(':') {
            continue;
        }
        let mut pieces = Vec::new();
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let next_is_space = chars.get(k + 1).is_some_and(|(_, n)| n.is_whitespace());
            if ".؟?!".contains(c) && next_is_space {
                pieces.push(&line[start..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
        pieces.push(&line[start..]);
        for piece in pieces {
            let piece = normalize(piece);
            let piece = piece.trim_end_matches(['.', '؟', '?', '!']);
            if piece.chars().count() >= 12 {
                out.push(piece.to_string());
            }
        }
    }
    out
}

fn recovered(extracted: &str, source: &str) -> Recovered {
    let want = words(source);
    let got = words(extracted);
    let hay = normalize(extracted);
    let wanted = sentences(source);
    Recovered {
        words: want.iter().map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0))).sum(),
        of_words: want.values().sum(),
        sentences: wanted.iter().filter(|s| hay.contains(s.as_str())).count(),
        of_sentences: wanted.len(),
    }
}

/// The English sample's prose as its author wrote it, without citations and emphasis.
fn english_source() -> String {
    let brief: toml::Table = toml::from_str(&std::fs::read_to_string(english_brief()).unwrap()).unwrap();
    let text = |v: &toml::Value| v.as_str().or_else(|| v["text"].as_str()).unwrap().to_string();
    let mut parts = vec![text(&brief["news"]["text"])];
    parts.extend(brief["commentary"]["points"].as_array().unwrap().iter().map(text));
    parts.push(text(&brief["background"]["text"]));
    parts.extend(brief["questions"]["items"].as_array().unwrap().iter().map(text));
    let mut prose = parts.join("\n").replace("**", "").replace('*', "");
    while let Some(at) = prose.find(" [@") {
        let end = at + prose[at..].find(']').unwrap() + 1;
        prose.replace_range(at..end, "");
    }
    prose
}

fn build(brief: &Path, dir: &Path) -> std::path::PathBuf {
    let pdf = dir.join("brief.pdf");
    let output = mujaz(&["build", "-o", pdf.to_str().unwrap(), brief.to_str().unwrap()], dir);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    pdf
}

#[test]
fn every_engine_recovers_the_seed_at_least_as_well_as_measured() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&seed_brief(), dir.path());
    let source = seed_text();
    let mut report = Vec::new();
    for (engine, words, sentences) in SEED_FLOORS {
        let got = recovered(&extract(engine, &pdf), &source);
        assert_eq!((got.of_words, got.of_sentences), (534, 19), "the seed's counts changed");
        if got.words < words || got.sentences < sentences {
            report.push(format!("{engine:?}: {got:?}, floor {words} words and {sentences} sentences"));
        }
    }
    assert!(report.is_empty(), "copy-paste fidelity dropped:\n{}", report.join("\n"));
}

#[test]
fn every_engine_recovers_all_of_the_english_sample() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&english_brief(), dir.path());
    let source = english_source();
    for engine in ENGINES {
        let got = recovered(&extract(engine, &pdf), &source);
        assert!(got.of_words > 200 && got.of_sentences > 10, "{got:?}");
        assert_eq!((got.words, got.sentences), (got.of_words, got.of_sentences), "{engine:?} loses text");
    }
}

/// The invisible bidi controls a reader would paste along: isolates, marks and the Arabic
/// letter mark. (poppler adds embeddings U+202A–U+202C of its own to Arabic lines, which are
/// not in the PDF, so those are not counted.)
fn bidi_controls(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')).count()
}

#[test]
fn copied_text_carries_no_invisible_bidi_controls_in_any_outlet_or_engine() {
    let dir = tempfile::tempdir().unwrap();
    for brief in [seed_brief(), english_brief()] {
        for outlet in ["default", "modern", "sober"] {
            for print in [false, true] {
                let pdf = dir.path().join(format!("{outlet}-{print}.pdf"));
                let mut args = vec!["build", "--outlet", outlet, "-o", pdf.to_str().unwrap(), brief.to_str().unwrap()];
                if print {
                    args.push("--print");
                }
                let output = mujaz(&args, dir.path());
                assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
                for engine in ENGINES {
                    let text = extract(engine, &pdf);
                    assert_eq!(
                        bidi_controls(&text),
                        0,
                        "{engine:?}, {} in {outlet} (print: {print}):\n{text}",
                        brief.display()
                    );
                }
            }
        }
    }
}
