//! Format v2 (issue 13): a brief's status and embargo, key figures, pull quotes and notes, in
//! every built-in outlet, screen and print. Version 1 briefs are unchanged: `tests/unchanged.rs`
//! holds their pages' hashes.

mod common;

use std::path::PathBuf;

use common::*;

fn v2(name: &str) -> PathBuf {
    fixture(&format!("v2/{name}.toml"))
}

/// The brief's text as each page of it is laid out by `outlet`, whitespace removed.
fn pages(brief: &std::path::Path, outlet: &str) -> Vec<String> {
    let lookup = mujaz::Lookup { templates: None, outlet: Some(outlet.into()) };
    let checked = mujaz::check_with(brief, &lookup).unwrap_or_else(|f| panic!("{brief:?}: {:#?}", f.0));
    let compiled = mujaz::render_checked(checked, mujaz::Profile::Screen).unwrap();
    compiled.document.page_texts().iter().map(|page| squash(page)).collect()
}

#[test]
fn figures_quotes_notes_and_the_draft_and_embargo_marks_reach_every_outlet() {
    let english = [
        "Key figures",
        "$7 bn",
        "Suez Canal revenue lost in 2024",
        "1–2 weeks",
        "added to Asia–Europe voyages around Africa",
        "Nov 2023",
        "Discounts on transit fees cannot offset war-risk premiums or the risk to crews.",
        "Monitoring and Analysis Desk",
        "Notes",
        "The figure is the president's estimate for the calendar year, not the Suez Canal Authority's audited accounts.",
        "The New Suez Canal runs beside part of the old channel, allowing two-way traffic along that stretch.",
    ];
    let arabic = [
        "بالأرقام",
        "EDEX 2025",
        "المعرض الذي تُعرض فيه الشراكات الدفاعية",
        "JF-17",
        "الطائرة التي يدور حولها حديث الصفقة",
        "وحدة الرصد والتحليل",
        "الحواشي",
        "المعرض مقرر في القاهرة في ديسمبر 2025م، كما جاء في بيان الوزارة.",
    ];
    for outlet in ["default", "modern", "sober"] {
        for (brief, expected, marks) in [
            (v2("red-sea-v2"), &english[..], &["DRAFT", "Embargoed until 31 December 2024, 06:00 (UTC+02:00)"][..]),
            // Pieces of the Arabic line, whose Latin run a text layer may order either way.
            (
                v2("egypt-pakistan-v2"),
                &arabic[..],
                &["مسودة", "لا يُنشر قبل 22 سبتمبر 2025م، الساعة", "06:00", "UTC+03:00"][..],
            ),
        ] {
            let pages = pages(&brief, outlet);
            let all = pages.concat();
            for text in expected {
                assert!(all.contains(&squash(text)), "{outlet} {brief:?}: `{text}` is not in the PDF");
            }
            for (number, page) in pages.iter().enumerate() {
                for mark in marks.iter() {
                    assert!(page.contains(&squash(mark)), "{outlet} {brief:?}: page {} lacks `{mark}`", number + 1);
                }
            }
        }
    }
}

#[test]
fn a_fact_s_source_and_a_note_reference_are_numbered_links() {
    let lookup = mujaz::Lookup::default();
    let checked = mujaz::check_with(&v2("red-sea-v2"), &lookup).unwrap();
    let brief = &checked.brief;
    assert_eq!(brief.facts.len(), 3);
    assert_eq!(brief.facts[0].source, Some(1), "the presidency is source 1");
    assert_eq!(brief.facts[1].source, None);
    assert_eq!(
        brief.notes.iter().map(|n| (n.number, n.id.as_str())).collect::<Vec<_>>(),
        [(1, "loss"), (2, "channel")]
    );
    let numbers: Vec<usize> = brief.news.paragraphs[0]
        .iter()
        .filter_map(|run| match run {
            mujaz::brief::Run::Note { number, .. } => Some(*number),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, [1]);
}

#[test]
fn the_v2_briefs_build_as_print_versions_that_keep_their_standards() {
    let dir = tempfile::tempdir().unwrap();
    for outlet in ["default", "modern", "sober"] {
        for brief in [v2("red-sea-v2"), v2("egypt-pakistan-v2")] {
            let output = mujaz(
                &["build", "--print", "--outlet", outlet, &brief.display().to_string(), "-o", "print.pdf"],
                dir.path(),
            );
            assert!(output.status.success(), "{outlet} {brief:?}: {}", String::from_utf8_lossy(&output.stderr));
        }
    }
}

#[test]
fn the_starter_s_v2_examples_build_once_uncommented() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, name) in [("ar", "a.toml"), ("en", "b.toml")] {
        assert!(mujaz(&["new", "--lang", lang, name], dir.path()).status.success());
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let keys = [
            "status",
            "embargo",
            "[[facts]]",
            "[[quotes]]",
            "[notes]",
            "value",
            "label",
            "source",
            "text",
            "by",
            "after",
            "1 =",
        ];
        let uncommented: Vec<String> = text
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if keys.iter().any(|key| rest.starts_with(key)) => rest.to_string(),
                _ if line == "#" => String::new(),
                _ => line.to_string(),
            })
            .collect();
        std::fs::write(dir.path().join(name), uncommented.join("\n")).unwrap();
        let output = mujaz(&["build", name], dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{lang}: {stderr}");
        // Every example is taken up, as its own table or key: only the unreferenced note warns.
        assert_eq!(stderr.matches("warning[").count(), 1, "{stderr}");
        assert!(stderr.contains("W0123/unused-note"), "{stderr}");
    }
}
