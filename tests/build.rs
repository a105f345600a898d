//! Building briefs: the text reaches the page, author text stays data, output is reproducible.

mod common;

use std::fmt::Write as _;

use common::*;

#[test]
fn every_seed_sentence_reaches_the_page_in_order() {
    let (text, _) = document_text(&seed_brief());
    let mut from = 0;
    let sentences = sentences(&seed_text());
    assert_eq!(sentences.len(), 19, "the seed fixture changed");
    for sentence in &sentences {
        let wanted = squash(sentence);
        match text[from..].find(&wanted) {
            Some(at) => from += at + wanted.len(),
            None => panic!(
                "sentence missing or out of order:\n{sentence}\n--- page text after the last match:\n{}",
                &text[from..]
            ),
        }
    }
}

#[test]
fn english_brief_reaches_the_page() {
    let (text, pages) = document_text(&english_brief());
    for wanted in [
        "Red Sea disruption: what the Suez Canal's lost traffic means for Egypt",
        "Egypt's president said the country had lost close to $7 billion in Suez Canal revenue during 2024",
        "Traffic depends on insurers and shipowners judging the Red Sea route safe.",
        "How long can Egypt absorb the lost revenue before it must borrow more?",
        "Bottom line",
        "Commentary",
        "Historical background",
        "26 December 2024",
    ] {
        assert!(text.contains(&squash(wanted)), "missing: {wanted}");
    }
    assert!(pages[0].contains("Page 1 of"), "{}", pages[0]);
}

#[test]
fn typst_syntax_in_author_text_prints_literally() {
    let brief = fixture("hostile/brief.toml");
    let (text, _) = document_text(&brief);
    for literal in [
        r#"#read("/etc/passwd") and $x$"#,
        r#"<l> @r = h #panic("x") back\slash"#,
        r#"#read("/etc/passwd")"#,
        "$x$ <l> @r",
        "= h",
        r#"#panic("x") #import "/brief.typ": * `raw` _under_ a\b ~ -- ---"#,
        r#"#set page(paper: "a0") #include "/lib.typ" #eval("1 + 1")"#,
    ] {
        assert!(text.contains(&squash(literal)), "not printed literally: {literal}\n{text}");
    }
    assert!(!text.contains("root:"), "a file was read");
    let compiled = mujaz::compile(&brief).expect("compiles");
    let width = compiled.document.page_sizes()[0].0;
    assert!((width - 595.28).abs() < 0.5, "author text changed the page size to {width}pt");
}

#[test]
fn two_builds_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.pdf");
    let second = dir.path().join("second.pdf");
    for output in [&first, &second] {
        let options = mujaz::BuildOptions { output: Some(output.clone()), ..Default::default() };
        mujaz::build(&seed_brief(), &options).expect("builds");
    }
    let (a, b) = (std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    assert!(a.len() > 10_000);
    assert!(a == b, "two builds of the same brief differ");
}

#[test]
fn sixty_points_run_to_several_pages_with_headers_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let mut brief = String::from(
        "[brief]\ntitle = \"موجز طويل\"\ndate = 2025-09-21\n\n[news]\ntext = \"خبر قصير عن اجتماع في القاهرة.\"\n\n[commentary]\npoints = [\n",
    );
    for n in 1..=60 {
        let _ = writeln!(
            brief,
            "  {{ title = \"النقطة {n}\", text = \"هذه هي النقطة رقم {n} من التعقيب، وهي فقرة كاملة تكفي لملء سطرين أو ثلاثة أسطر في الصفحة حتى يمتد الموجز إلى صفحات عدة.\" }},"
        );
    }
    brief.push_str("]\n");
    std::fs::write(&path, brief).unwrap();

    let compiled = mujaz::compile(&path).expect("compiles");
    let pages = compiled.document.page_texts();
    let total = pages.len();
    assert!(total >= 3, "60 points fit on {total} pages");
    for (index, page) in pages.iter().enumerate() {
        assert!(page.contains("موجز"), "page {} has no running header", index + 1);
        let number = format!("صفحة {} من {total}", index + 1);
        assert!(page.contains(&number), "page {} lacks `{number}`:\n{page}", index + 1);
    }
    let text = squash(&pages.concat());
    let mut from = 0;
    for n in 1..=60 {
        let wanted = squash(&format!("هذه هي النقطة رقم {n} من التعقيب"));
        let at = text[from..].find(&wanted).unwrap_or_else(|| panic!("point {n} missing or out of order"));
        from += at + wanted.len();
    }
    // Nothing but the page number sits in the bottom margin (24 mm in the default outlet):
    // the points stop above it on every page.
    let margin = 24.0 * 72.0 / 25.4;
    for (index, (_, height)) in compiled.document.page_sizes().into_iter().enumerate() {
        let boxes = compiled.document.text_boxes(index);
        let body_bottom = boxes.iter().filter(|b| b.baseline < height - margin).map(|b| b.baseline).fold(0.0, f64::max);
        assert!(body_bottom > height / 2.0, "page {} has no text in its lower half", index + 1);
        let in_margin: String =
            boxes.iter().filter(|b| b.baseline >= height - margin).map(|b| b.text.as_str()).collect();
        let page_number = format!("صفحة {} من {total}", index + 1);
        assert_eq!(squash(&in_margin), squash(&page_number), "page {}: more than its number in the margin", index + 1);
    }
}

#[test]
fn pdf_embeds_every_font_and_carries_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("seed.pdf");
    let options = mujaz::BuildOptions { output: Some(output.clone()), ..Default::default() };
    mujaz::build(&seed_brief(), &options).expect("builds");
    let pdf = lopdf::Document::load(&output).expect("a readable PDF");

    let mut fonts = 0;
    for object in pdf.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
            continue;
        }
        fonts += 1;
        let name = dict.get(b"FontName").and_then(|n| n.as_name()).map(|n| String::from_utf8_lossy(n).into_owned());
        let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|key| dict.has(key));
        assert!(embedded, "font {name:?} is not embedded");
        let name = name.unwrap_or_default();
        assert!(name.contains("Amiri") || name.contains("IBMPlexSansArabic"), "unexpected font {name}");
    }
    assert!(fonts >= 2, "found {fonts} fonts");

    let info =
        pdf.trailer.get(b"Info").and_then(|r| r.as_reference()).and_then(|r| pdf.get_dictionary(r)).expect("info");
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "مصر وباكستان: من التدريب المشترك إلى شراكات التصنيع العسكري");
    let author = lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap();
    assert_eq!(author, "وحدة الرصد والتحليل");
    let keywords = lopdf::decode_text_string(info.get(b"Keywords").unwrap()).unwrap();
    assert!(keywords.contains("EDEX 2025") && keywords.contains("باكستان"), "{keywords}");
    let created = lopdf::decode_text_string(info.get(b"CreationDate").unwrap()).unwrap();
    assert!(created.starts_with("D:20250921"), "{created}");

    let catalog = pdf.catalog().expect("catalog");
    let lang = lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap();
    assert_eq!(lang, "ar");
    assert!(catalog.has(b"StructTreeRoot"), "the PDF is not tagged");
}

#[test]
fn source_date_epoch_overrides_the_brief_date() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("seed.pdf");
    let options = mujaz::BuildOptions {
        output: Some(output.clone()),
        source_date_epoch: Some(1_700_000_000),
        ..Default::default()
    };
    mujaz::build(&seed_brief(), &options).expect("builds");
    let pdf = lopdf::Document::load(&output).unwrap();
    let info = pdf.trailer.get(b"Info").and_then(|r| r.as_reference()).and_then(|r| pdf.get_dictionary(r)).unwrap();
    let created = lopdf::decode_text_string(info.get(b"CreationDate").unwrap()).unwrap();
    assert!(created.starts_with("D:20231114221320"), "{created}");
}

#[test]
fn the_data_handed_to_templates_matches_its_golden_file() {
    let dir = tempfile::tempdir().unwrap();
    for (brief, golden) in
        [(seed_brief(), "egypt-pakistan-2025-09.json"), (english_brief(), "red-sea-shipping-2024.json")]
    {
        let output = mujaz(&["data", brief.to_str().unwrap()], dir.path());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let actual = String::from_utf8(output.stdout).unwrap();
        let path = root().join("tests/golden").join(golden);
        if std::env::var_os("MUJAZ_BLESS").is_some() {
            std::fs::write(&path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(actual == expected, "{golden} differs; run with MUJAZ_BLESS=1 if the change is intended:\n{actual}");
    }
}

#[test]
fn png_and_svg_write_one_image_per_selected_page() {
    let dir = tempfile::tempdir().unwrap();
    let brief = seed_brief();
    let output = mujaz(
        &["build", brief.to_str().unwrap(), "--format", "png", "--ppi", "72", "--pages", "2-", "-o", "img/seed.png"],
        dir.path(),
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("img"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["seed-2.png", "seed-3.png"]);
    let png = std::fs::read(dir.path().join("img/seed-2.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // The IHDR chunk holds the size: an A4 page at 72 pixels per inch is 595 × 842.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (595, 842));

    let output =
        mujaz(&["build", brief.to_str().unwrap(), "--format", "svg", "--pages", "1", "-o", "svg/"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let svg = std::fs::read_to_string(dir.path().join("svg/egypt-pakistan-2025-09-1.svg")).unwrap();
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "{}", &svg[..80]);
    assert!(!dir.path().join("svg/egypt-pakistan-2025-09-2.svg").exists());

    let bad = mujaz(&["build", brief.to_str().unwrap(), "--pages", "0-x"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_star_that_no_word_follows_prints_as_a_star_wherever_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stars.toml");
    let text = "الهدنة* تعني وقف القتال، وOCHA*. تقول ذلك * وأخيرًا**";
    std::fs::write(
        &path,
        format!("[brief]\ntitle = \"نجوم\"\ndate = 2025-10-05\n\n[news]\ntext = \"{text}\"\n\n[commentary]\npoints = [\"نقطة.\"]\n"),
    )
    .unwrap();
    let (page, _) = document_text(&path);
    assert!(page.contains(&squash(text)), "the stars did not print as written:\n{page}");
    // Where a word follows, a star opens emphasis and an unclosed one is an error.
    std::fs::write(
        &path,
        "[brief]\ntitle = \"نجوم\"\ndate = 2025-10-05\n\n[news]\ntext = \"قال *نص.\"\n\n[commentary]\npoints = [\"نقطة.\"]\n",
    )
    .unwrap();
    let output = mujaz(&["check", "stars.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`*` in `news.text` is never closed"));
}
