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
                // The head's mark, and the watermark across the page under the text.
                assert!(
                    page.matches(&squash(marks[0])).count() >= 2,
                    "{outlet} {brief:?}: page {} has no watermark",
                    number + 1
                );
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
        for brief in [v2("red-sea-v2"), v2("egypt-pakistan-v2"), root().join("briefs/red-sea-routes-2024.toml")] {
            let output = mujaz(
                &["build", "--print", "--outlet", outlet, &brief.display().to_string(), "-o", "print.pdf"],
                dir.path(),
            );
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "{outlet} {brief:?}: {stderr}");
            // The map is an SVG, whose colours Typst writes as RGB: the print shop is told.
            if brief.ends_with("red-sea-routes-2024.toml") {
                assert!(
                    stderr.contains(
                        "warning[W0120/rgb-image-in-print]: the print version carries the RGB image `images/routes.svg`"
                    ),
                    "{stderr}"
                );
            }
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
            "[[figures]]",
            "id",
            "file",
            "caption",
            "credit",
            "alt",
            "width",
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
        // Every example is taken up, as its own table or key: only the note and the figure,
        // which the starter's text does not refer to, warn.
        assert_eq!(stderr.matches("warning[").count(), 2, "{stderr}");
        assert!(stderr.contains("W0123/unused-note") && stderr.contains("W0125/unreferenced-figure"), "{stderr}");
        assert!(dir.path().join("images/example.svg").is_file());
    }
}

#[test]
fn figures_show_their_caption_credit_and_number_carry_their_alt_and_embed_their_pixels() {
    for outlet in ["default", "modern", "sober"] {
        let text = pages(&v2("red-sea-v2"), outlet).concat();
        for expected in [
            "Figure 1: Asia–Europe shipping through the Suez Canal and the Red Sea, and around the Cape of Good Hope",
            "mujaz (schematic, not to scale)",
            "(Figure 1)",
        ] {
            assert!(text.contains(&squash(expected)), "{outlet}: `{expected}` is not in the PDF");
        }
        let text = pages(&v2("egypt-pakistan-v2"), outlet).concat();
        for expected in ["الشكل 1: لوحة ألوان للاختبار", "(الشكل 1)"] {
            assert!(text.contains(&squash(expected)), "{outlet}: `{expected}` is not in the PDF");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    for (brief, name) in [(v2("red-sea-v2"), "en.pdf"), (v2("egypt-pakistan-v2"), "ar.pdf")] {
        let output = mujaz(&["build", &brief.display().to_string(), "-o", name], dir.path());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    // The alt text is the figure's in the structure tree.
    let doc = lopdf::Document::load(dir.path().join("en.pdf")).unwrap();
    let alt = "A schematic map: a solid red line runs from Asia through the Red Sea and the Suez Canal to Europe";
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| {
            o.as_dict().ok()?.get(b"Alt").ok()?.as_str().ok().map(|s| String::from_utf8_lossy(s).into_owned())
        })
        .collect();
    assert!(alts.iter().any(|a| a.starts_with(alt)), "{alts:?}");
    // The PNG is an image XObject of its own pixel size.
    let doc = lopdf::Document::load(dir.path().join("ar.pdf")).unwrap();
    let images: Vec<(i64, i64)> = doc
        .objects
        .values()
        .filter_map(|o| {
            let dict = &o.as_stream().ok()?.dict;
            if dict.get(b"Subtype").ok()?.as_name().ok()? != b"Image" {
                return None;
            }
            Some((dict.get(b"Width").ok()?.as_i64().ok()?, dict.get(b"Height").ok()?.as_i64().ok()?))
        })
        .collect();
    assert_eq!(images, [(120, 80)]);
}

#[test]
fn a_figure_through_a_symbolic_link_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(v2("red-sea-v2")).unwrap().replace("images/routes.svg", "images/link.svg");
    std::fs::write(dir.path().join("brief.toml"), text).unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("v2/images/routes.svg"), outside.path().join("routes.svg")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("routes.svg"), dir.path().join("images/link.svg")).unwrap();
    #[cfg(unix)]
    {
        let output = mujaz(&["build", "brief.toml", "-o", "x.pdf"], dir.path());
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("error[E0113/bad-value]: `images/link.svg` goes through a symbolic link"), "{stderr}");
        assert!(!dir.path().join("x.pdf").exists());
    }
}

#[test]
fn changing_a_figure_s_image_rebuilds_the_brief_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::copy(v2("red-sea-v2"), dir.path().join("a.toml")).unwrap();
    std::fs::copy(v2("red-sea-v2"), dir.path().join("b.toml")).unwrap();
    std::fs::copy(fixture("v2/images/routes.svg"), dir.path().join("images/routes.svg")).unwrap();
    let run = || {
        String::from_utf8_lossy(&mujaz(&["build", "a.toml", "b.toml", "-o", "out/"], dir.path()).stderr).into_owned()
    };
    assert!(run().contains("built 2 of 2"));
    assert!(run().contains("0 of 2 briefs, 2 unchanged"));
    let svg = std::fs::read_to_string(dir.path().join("images/routes.svg")).unwrap().replace("#9b2226", "#2a9d8f");
    std::fs::write(dir.path().join("images/routes.svg"), svg).unwrap();
    let again = run();
    assert!(again.contains("built 2 of 2"), "{again}");
}
