//! The message catalogues (issue 18): every message in Arabic and in English, every code
//! described in both, no English left in the Arabic catalogue, and the language chosen by
//! `--messages`, then `MUJAZ_LANG`, then the system's language.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;
use mujaz::diag::Code;
use mujaz::messages::{Language, catalogue_files, catalogue_ids, syntax_problems};

/// Every message id the code names: `msg!("…")`, `Message::new("…")`, and the ids it picks at
/// run time from a list (`kind("toml-…")`, `Kind::Bounded(…, "range-…")`).
fn ids_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for file in files_with_extension(&root().join("src"), "rs") {
        let text = std::fs::read_to_string(&file).unwrap();
        for opener in ["msg!(\"", "Message::new(\"", "kind(\"", "say(\"", "msg!(\n"] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(opener) {
                rest = &rest[at + opener.len()..];
                let rest = rest.trim_start().trim_start_matches('"');
                let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                if !id.is_empty() && id != "no-such-message" {
                    ids.insert(id);
                }
            }
        }
        let mut rest = text.as_str();
        while let Some(at) = rest.find("\"range-") {
            rest = &rest[at + 1..];
            ids.insert(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect());
        }
    }
    ids
}

#[test]
fn both_catalogues_parse_and_define_each_id_once() {
    for language in Language::ALL {
        for (name, text) in catalogue_files(language) {
            assert_eq!(syntax_problems(text), Vec::<String>::new(), "{name}");
        }
        let ids = catalogue_ids(language);
        let unique: BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "an id is defined twice in the {language:?} catalogue");
    }
}

#[test]
fn every_message_the_code_uses_is_in_both_languages_and_no_other() {
    let used = ids_in_code();
    assert!(used.len() > 150, "only {} ids found in the code", used.len());
    let codes: BTreeSet<String> = Code::ALL.iter().map(|code| format!("code-{}", code.id())).collect();
    for language in Language::ALL {
        let defined: BTreeSet<String> = catalogue_ids(language).into_iter().collect();
        let missing: Vec<_> = used.difference(&defined).collect();
        assert!(missing.is_empty(), "not in the {language:?} catalogue: {missing:?}");
        let unused: Vec<_> = defined.difference(&used).filter(|id| !codes.contains(*id)).collect();
        assert!(unused.is_empty(), "in the {language:?} catalogue but never used: {unused:?}");
    }
}

#[test]
fn every_diagnostic_code_is_described_in_both_languages() {
    for code in Code::ALL {
        let english = code.description().render(Language::En);
        let arabic = code.description().render(Language::Ar);
        assert_ne!(english, format!("code-{}", code.id()), "{code:?} has no English description");
        assert!(arabic.chars().any(is_arabic_letter), "{code:?} has no Arabic description: {arabic}");
    }
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// The words of a catalogue entry that are prose: placeables, code in backticks, quoted
/// examples and addresses taken out.
fn prose(pattern: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut in_code = false;
    let mut in_quote = false;
    let mut in_citation = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            // An example citation, `[@reuters-2025]`, is code.
            '[' if chars.peek() == Some(&'@') => in_citation = true,
            ']' if in_citation => in_citation = false,
            _ if in_citation => {}
            '`' if depth == 0 => in_code = !in_code,
            '"' if depth == 0 && !in_code => in_quote = !in_quote,
            _ if depth > 0 || in_code || in_quote => {}
            c => out.push(c),
        }
    }
    out
}

/// Latin words an Arabic message may carry: names of formats, programs, options and units,
/// which Arabic technical writing keeps in Latin letters.
const KEPT_IN_LATIN: &[&str] = &[
    "TOML",
    "UTF",
    "PDF",
    "README",
    "Typst",
    "mujaz",
    "CMYK",
    "RGB",
    "JPEG",
    "SVG",
    "TrueType",
    "OpenType",
    "SIL",
    "OFL",
    "txt",
    "Windows",
    "http",
    "https",
    "mailto",
    "em",
    "mm",
    "pt",
    "in",
    "cm",
    "Ctrl",
    "C",
    "true",
    "false",
    "data",
    "fonts",
    "templates",
    "ttf",
    "otf",
    "ttc",
    "outlet",
    "toml",
    "brief",
    "locale",
    "sources",
    "text",
    "print",
    "key",
    "title",
    "id",
    "points",
    "label",
    "PATH",
    "BRIEF",
    "pdfs",
    "json",
    "ppi",
    "pages",
    "timeout",
    "force",
    "output",
    "pattern",
    "memory",
    "limit",
    "deny",
    "warnings",
    "new",
    "build",
    "watch",
    "preview",
    "o",
    "U",
    "E",
    "W",
    "rrggbb",
    "date",
    "lang",
    "SOURCE",
    "DATE",
    "EPOCH",
    "A",
    "UA",
    "X",
    "UTC",
    "notes",
    "PNG",
    "GIF",
    "WebP",
    "figures",
    "file",
    "alt",
    "Word",
    "doc",
    "docx",
];

/// The text of a Fluent pattern outside its placeables, every variant of a choice included.
fn pattern_text(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut String) {
    use fluent_syntax::ast::{Expression, PatternElement};
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression: Expression::Select { variants, .. } } => {
                for variant in variants {
                    out.push(' ');
                    pattern_text(&variant.value, out);
                }
            }
            PatternElement::Placeable { .. } => out.push(' '),
        }
    }
}

#[test]
fn no_message_in_the_arabic_catalogue_is_english() {
    for (name, text) in catalogue_files(Language::Ar) {
        let resource = fluent_syntax::parser::parse(*text).unwrap_or_else(|(resource, _)| resource);
        for entry in &resource.body {
            let fluent_syntax::ast::Entry::Message(message) = entry else { continue };
            let Some(pattern) = &message.value else { continue };
            let mut text = String::new();
            pattern_text(pattern, &mut text);
            // Addresses are examples, not prose.
            let words: Vec<&str> = text.split_whitespace().filter(|w| !w.contains("://")).collect();
            let words = prose(&words.join(" "));
            for word in words.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
                assert!(KEPT_IN_LATIN.contains(&word), "{name}: English word `{word}` in `{}`", message.id.name);
            }
            let english = mujaz::messages::Message { id: message.id.name.to_string().into(), args: Vec::new() };
            let english = english.render(Language::En);
            if english.split_whitespace().count() > 2 {
                assert!(words.chars().any(is_arabic_letter), "`{}` is not in Arabic: {text}", message.id.name);
            }
        }
    }
}

#[test]
fn plural_forms_follow_the_language() {
    let count = |n: usize| mujaz::msg!("count-errors", count = n);
    assert_eq!(count(1).render(Language::En), "1 error");
    assert_eq!(count(3).render(Language::En), "3 errors");
    assert_eq!(count(1).render(Language::Ar), "خطأ واحد");
    assert_eq!(count(2).render(Language::Ar), "خطآن");
    assert_eq!(count(3).render(Language::Ar), "3 أخطاء");
    assert_eq!(count(11).render(Language::Ar), "11 خطأً");
    assert_eq!(count(100).render(Language::Ar), "100 خطأ");
}

#[test]
fn text_to_copy_has_no_invisible_marks_and_a_page_s_text_marks_latin_values_in_arabic() {
    let message = mujaz::msg!("unknown-citation", id = "ocha-report");
    assert_eq!(message.render(Language::Ar), "لا يوجد مصدر معرّفه `ocha-report`");
    assert_eq!(message.render_marked(Language::Ar), "لا يوجد مصدر معرّفه `\u{2068}ocha-report\u{2069}`");
    assert_eq!(message.render_marked(Language::En), "no source has the id `ocha-report`");
}

fn check_in(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mujaz"));
    command.args(args).current_dir(dir).env_remove("MUJAZ_LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    command.env("LANG", "C.UTF-8");
    for (key, value) in env {
        command.env(key, value);
    }
    String::from_utf8_lossy(&command.output().unwrap().stderr).into_owned()
}

#[test]
fn the_language_comes_from_the_flag_then_mujaz_lang_then_the_system() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["check", "missing.toml"];
    let english = "no such file";
    let arabic = "الملف غير موجود";
    assert!(check_in(dir.path(), &args, &[]).contains(english));
    assert!(check_in(dir.path(), &args, &[("MUJAZ_LANG", "ar")]).contains(arabic));
    assert!(check_in(dir.path(), &args, &[("LANG", "ar_EG.UTF-8")]).contains(arabic));
    assert!(check_in(dir.path(), &args, &[("LC_ALL", "ar_SA.UTF-8"), ("LANG", "en_GB.UTF-8")]).contains(arabic));
    // A language mujaz does not speak falls through to the next choice.
    assert!(check_in(dir.path(), &args, &[("MUJAZ_LANG", "fr"), ("LANG", "ar_EG.UTF-8")]).contains(arabic));
    let flag = ["--messages", "en", "check", "missing.toml"];
    assert!(check_in(dir.path(), &flag, &[("MUJAZ_LANG", "ar")]).contains(english));
    let flag = ["check", "--messages", "ar", "missing.toml"];
    let shown = check_in(dir.path(), &flag, &[]);
    assert!(shown.contains(arabic) && shown.contains("خطأ: في"), "{shown}");
}

#[test]
fn json_keeps_the_code_and_gives_the_message_in_the_chosen_language() {
    let case = fixture("diagnostics/unknown-citation");
    let output = mujaz(&["check", "--messages", "ar", "--message-format", "json", "brief.toml"], &case);
    let record: serde_json::Value =
        serde_json::from_slice(output.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(record["code"], "E0107");
    assert_eq!(record["name"], "unknown-citation");
    assert_eq!(record["language"], "ar");
    assert!(record["message"].as_str().unwrap().starts_with("لا يوجد مصدر معرّفه"), "{record}");
    assert!(record["hint"].as_str().unwrap().chars().any(is_arabic_letter), "{record}");
}

#[test]
fn a_batch_reports_its_lines_and_summary_in_arabic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(english_brief(), dir.path().join("a.toml")).unwrap();
    std::fs::copy(english_brief(), dir.path().join("b.toml")).unwrap();
    std::fs::write(dir.path().join("c.toml"), "[brief]\n").unwrap();
    let output = mujaz(&["--messages", "ar", "build", "a.toml", "b.toml", "c.toml", "-o", "out/"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("بُني out/a.pdf من a.toml (صفحتان)"), "{stderr}");
    assert!(stderr.contains("خطأ: تعذر بناء `c.toml`"), "{stderr}");
    assert!(stderr.contains("بُني 2 من 3 موجزات؛ وأخفق: c.toml"), "{stderr}");
    // What a terminal shows may be copied into a brief: no invisible marks in it.
    assert!(!stderr.contains('\u{2068}') && !stderr.contains('\u{2069}'), "{stderr}");
    assert!(dir.path().join("out/a.pdf").is_file() && !dir.path().join("out/c.pdf").exists());
}
