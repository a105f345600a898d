//! Copy-paste fidelity: how much of the seed brief's text comes back out of its PDF through
//! poppler's `pdftotext`, counted as ../shared/tools/fidelity.py counts it. The figure guards
//! against regressions; docs/fidelity/README.md explains what limits it today.

mod common;

use std::collections::HashMap;
use std::process::Command;

use common::*;

/// The share of the seed's words the current build recovers through poppler (measured:
/// 484 of 534, 90.6 %); a change that loses words fails here.
const POPPLER_WORDS_AT_LEAST: f64 = 90.0;

fn normalize(text: &str) -> String {
    let dropped = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{200b}' | '\u{00ad}' | '\u{0640}');
    text.chars()
        .filter(|c| !dropped(*c))
        .map(|c| match c {
            '“' | '”' | '«' | '»' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect()
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in normalize(text).split_whitespace() {
        let word = word.trim_matches(|c: char| ".,،؛:؟?!()[]\"'".contains(c));
        if !word.is_empty() {
            *counts.entry(word.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn poppler_recovers_the_seed_words() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("seed.pdf");
    mujaz::build(&seed_brief(), &mujaz::BuildOptions { output: Some(output.clone()), ..Default::default() }).unwrap();
    let extracted = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&output)
        .arg("-")
        .output()
        .expect("this test needs pdftotext: run ./test.sh, which installs poppler-utils");
    let page = words(&String::from_utf8_lossy(&extracted.stdout));
    let source = words(&seed_text());
    let total: usize = source.values().sum();
    let hit: usize = source.iter().map(|(word, n)| (*n).min(page.get(word).copied().unwrap_or(0))).sum();
    let share = 100.0 * hit as f64 / total as f64;
    assert!(share >= POPPLER_WORDS_AT_LEAST, "poppler recovers {hit}/{total} words ({share:.1} %)");
}

/// The invisible bidi controls a reader would paste along: isolates, marks and the Arabic
/// letter mark. (poppler adds embeddings U+202A–U+202C of its own to Arabic lines, which are
/// not in the PDF, so those are not counted.)
fn bidi_controls(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')).count()
}

#[test]
fn copied_text_carries_no_invisible_bidi_controls_in_any_outlet() {
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
                let extracted = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
                let text = String::from_utf8_lossy(&extracted.stdout);
                assert_eq!(bidi_controls(&text), 0, "{} in {outlet} (print: {print}):\n{text}", brief.display());
            }
        }
    }
}
