//! `mujaz import` (issue 16): the seed draft, in every encoding and format a desk saves it in,
//! becomes a brief whose PDF carries every sentence in order; bad drafts write nothing.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;

use common::*;

/// Import `draft` (in `dir`) to `brief.toml`, asserting success; the brief's text.
fn import(dir: &Path, draft: &str) -> String {
    let output = mujaz(&["import", draft, "-o", "brief.toml"], dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{draft}: {stderr}");
    assert!(stderr.contains("next: mujaz check brief.toml"), "{stderr}");
    let text = fs::read_to_string(dir.join("brief.toml")).unwrap();
    fs::remove_file(dir.join("brief.toml")).unwrap();
    text
}

/// A .docx of the seed, made here: a heading style for each section, one paragraph per line,
/// the word «التعاون» of the first commentary paragraph in bold.
fn seed_docx(path: &Path) {
    let mut body = String::new();
    for line in seed_text().lines().filter(|l| !l.trim().is_empty()) {
        let escaped = line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        if line.trim().ends_with(':') {
            body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{escaped}</w:t></w:r></w:p>"#
            ));
        } else {
            body.push_str(&format!(r#"<w:p><w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>"#));
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    )
    .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn the_seed_draft_becomes_a_brief_whose_pdf_carries_every_sentence_in_order() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("seed.txt"), seed_text()).unwrap();
    let text = import(dir.path(), "seed.txt");
    assert!(text.starts_with("#:schema ./brief.schema.json\n[brief]\n"), "{text}");
    assert!(text.contains("date = 2025-09-21\nlang = \"ar\""), "the date «في 21 سبتمبر 2025م» was not taken:\n{text}");
    // The title is the one thing to fill in: check says so, at its line.
    fs::write(dir.path().join("brief.toml"), &text).unwrap();
    let check = mujaz(&["check", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("error[E0105/empty-text]: `brief.title` is empty") && stderr.contains("brief.toml:4:9"),
        "{stderr}"
    );
    fs::write(dir.path().join("brief.toml"), text.edited("title = \"\"", "title = \"مصر وباكستان\"")).unwrap();
    let build = mujaz(&["build", "brief.toml"], dir.path());
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let checked = mujaz::check(&dir.path().join("brief.toml")).unwrap();
    // The news and the commentary in their sections.
    assert_eq!(checked.brief.news.paragraphs.len(), 4);
    assert_eq!(checked.brief.commentary.len(), 11);
    // The body text of each page, its running head (two lines: name, date) and foot left
    // out, so that a sentence running over a page break reads whole.
    let (_, pages) = document_text(&dir.path().join("brief.toml"));
    let all: String = pages
        .iter()
        .map(|page| {
            let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            squash(&lines[2..lines.len() - 1].join("\n"))
        })
        .collect();
    let mut from = 0;
    for sentence in sentences(&seed_text()) {
        let sentence = squash(&sentence);
        let at = all[from..].find(&sentence).unwrap_or_else(|| panic!("missing or out of order: {sentence}"));
        from += at + sentence.len();
    }
}

#[test]
fn the_seed_saved_as_windows_1256_utf_16_markdown_or_word_imports_to_the_same_brief() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_text();
    fs::write(dir.path().join("seed.txt"), &seed).unwrap();
    let expected = import(dir.path(), "seed.txt");

    let (cp1256, _, lossy) = encoding_rs::WINDOWS_1256.encode(&seed);
    assert!(!lossy, "the seed has characters Windows-1256 cannot hold");
    fs::write(dir.path().join("cp1256.txt"), &cp1256).unwrap();
    let output = mujaz(&["import", "cp1256.txt", "-o", "brief.toml"], dir.path());
    assert!(String::from_utf8_lossy(&output.stderr).contains("the draft is not UTF-8: it was read as windows-1256"));
    assert_eq!(fs::read_to_string(dir.path().join("brief.toml")).unwrap(), expected);
    fs::remove_file(dir.path().join("brief.toml")).unwrap();

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(seed.encode_utf16().flat_map(|unit| unit.to_le_bytes()));
    fs::write(dir.path().join("utf16.txt"), utf16).unwrap();
    assert_eq!(import(dir.path(), "utf16.txt"), expected);

    let markdown = seed.replace("الخبر:", "## الخبر").replace("التعقيب:", "## التعقيب").replace('\n', "\n\n");
    fs::write(dir.path().join("seed.md"), markdown).unwrap();
    assert_eq!(import(dir.path(), "seed.md"), expected);

    seed_docx(&dir.path().join("seed.docx"));
    assert_eq!(import(dir.path(), "seed.docx"), expected);
}

#[test]
fn markup_characters_print_as_written_and_bold_leads_become_point_titles() {
    let dir = tempfile::tempdir().unwrap();
    let draft = "Red Sea shipping\n\n## News\n\nPrices rose 5*3 [sic] \\ on 2 December 2024.\n\n## Analysis\n\n**A currency shock.** The canal earns *dollars*.\n\n## Sources\n\n- [SCA statement](https://example.org/sca)\n";
    fs::write(dir.path().join("draft.md"), draft).unwrap();
    let text = import(dir.path(), "draft.md");
    fs::write(dir.path().join("brief.toml"), &text).unwrap();
    let checked = mujaz::check(&dir.path().join("brief.toml")).unwrap_or_else(|f| panic!("{text}\n{:#?}", f.0));
    let brief = &checked.brief;
    assert_eq!(mujaz::brief::inline::plain_text(&brief.title), "Red Sea shipping");
    assert_eq!(brief.date.to_string(), "2024-12-02");
    assert_eq!(
        mujaz::brief::inline::plain_text(&brief.news.paragraphs[0]),
        "Prices rose 5*3 [sic] \\ on 2 December 2024."
    );
    let point = &brief.commentary[0];
    assert_eq!(point.title.as_ref().map(|t| mujaz::brief::inline::plain_text(t)).as_deref(), Some("A currency shock"));
    assert!(matches!(&point.paragraphs[0][1], mujaz::brief::Run::Emph { .. }), "{:?}", point.paragraphs);
    assert_eq!(brief.sources[0].url.as_deref(), Some("https://example.org/sca"));
}

#[test]
fn bad_drafts_get_a_clear_error_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("binary.txt", vec![0x00, 0x01, 0xFF, 0xFE, 0x00, 0x00, 0x10, 0x80, 0x00], "this is not a text file"),
        ("fake.docx", b"just text, not a zip".to_vec(), "this is not a Word (.docx) file"),
        ("locked.docx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].to_vec(), "protected by a password"),
        ("macros.docm", b"PK".to_vec(), "carries macros"),
        (
            "none.txt",
            "just some words\nand more words\n".as_bytes().to_vec(),
            "no heading in the draft names a section",
        ),
    ];
    for (name, bytes, expected) in cases {
        fs::write(dir.path().join(name), bytes).unwrap();
        let output = mujaz(&["import", name, "-o", "out.toml"], dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!dir.path().join("out.toml").exists(), "{name} wrote a brief");
    }
    let output = mujaz(&["import", "none.txt", "-o", "out.toml"], dir.path());
    assert!(String::from_utf8_lossy(&output.stderr).contains("«الخبر»"), "the headings understood are listed");

    // A macro-enabled file named .docx, and a zip bomb: a part that unpacks to 60 MB.
    let mut zip = zip::ZipWriter::new(fs::File::create(dir.path().join("vba.docx")).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<w:document/>").unwrap();
    zip.start_file("word/vbaProject.bin", options).unwrap();
    zip.write_all(b"macro").unwrap();
    zip.finish().unwrap();
    let mut zip = zip::ZipWriter::new(fs::File::create(dir.path().join("bomb.docx")).unwrap());
    zip.start_file("word/document.xml", options).unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..60 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    for (name, expected) in [("vba.docx", "carries macros"), ("bomb.docx", "unpacks to more than 50 MB")] {
        let output = mujaz(&["import", name, "-o", "out.toml"], dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected) && output.status.code() == Some(1), "{name}: {stderr}");
        assert!(!dir.path().join("out.toml").exists());
    }

    // Never over a file.
    fs::write(dir.path().join("seed.txt"), seed_text()).unwrap();
    fs::write(dir.path().join("out.toml"), "mine").unwrap();
    let output = mujaz(&["import", "seed.txt", "-o", "out.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(fs::read_to_string(dir.path().join("out.toml")).unwrap(), "mine");
}

#[test]
fn word_footnotes_become_notes_referred_to_where_the_draft_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = format!(
        r#"<w:document {w}><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>News</w:t></w:r></w:p><w:p><w:r><w:t>The canal lost revenue</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t> in 2024.</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Commentary</w:t></w:r></w:p><w:p><w:r><w:t>A shock.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let footnotes = format!(
        r#"<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="0"><w:p/></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>The president's estimate, 5*3 [approx].</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let mut zip = zip::ZipWriter::new(fs::File::create(dir.path().join("draft.docx")).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [("word/document.xml", document), ("word/footnotes.xml", footnotes)] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let text = import(dir.path(), "draft.docx");
    fs::write(
        dir.path().join("brief.toml"),
        text.edited("title = \"\"", "title = \"T\"").edited("date = \"YYYY-MM-DD\"", "date = 2024-12-30"),
    )
    .unwrap();
    let checked = mujaz::check(&dir.path().join("brief.toml")).unwrap_or_else(|f| panic!("{text}\n{:#?}", f.0));
    assert!(checked.warnings.is_empty(), "{:#?}", checked.warnings);
    let brief = &checked.brief;
    assert_eq!(brief.notes.len(), 1);
    assert_eq!(mujaz::brief::inline::plain_text(&brief.notes[0].text), "The president's estimate, 5*3 [approx].");
    assert!(
        brief.news.paragraphs[0].iter().any(|run| matches!(run, mujaz::brief::Run::Note { number: 1, .. })),
        "{:?}",
        brief.news.paragraphs[0]
    );
}

#[test]
fn a_word_picture_becomes_a_figure_written_beside_the_brief() {
    let dir = tempfile::tempdir().unwrap();
    let namespaces = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let drawing = r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="A map of the two routes"/><a:graphic><a:graphicData><a:blip r:embed="rId5"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;
    let document = format!(
        r#"<w:document {namespaces}><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>News</w:t></w:r></w:p><w:p><w:r><w:t>Ships go round Africa.</w:t></w:r></w:p><w:p>{drawing}</w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Commentary</w:t></w:r></w:p><w:p><w:r><w:t>A shock.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let relations = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.svg"/></Relationships>"#;
    let svg = fs::read(fixture("v2/images/routes.svg")).unwrap();
    let mut zip = zip::ZipWriter::new(fs::File::create(dir.path().join("draft.docx")).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("word/document.xml", document.into_bytes()),
        ("word/_rels/document.xml.rels", relations.as_bytes().to_vec()),
        ("word/media/image1.svg", svg.clone()),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
    let output = mujaz(&["import", "draft.docx", "-o", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("wrote the draft's picture images/brief-figure-1.svg"), "{stderr}");
    assert_eq!(fs::read(dir.path().join("images/brief-figure-1.svg")).unwrap(), svg);
    let text = fs::read_to_string(dir.path().join("brief.toml")).unwrap();
    fs::write(
        dir.path().join("brief.toml"),
        text.edited("title = \"\"", "title = \"T\"").edited("date = \"YYYY-MM-DD\"", "date = 2024-12-30"),
    )
    .unwrap();
    let checked = mujaz::check(&dir.path().join("brief.toml")).unwrap_or_else(|f| panic!("{text}\n{:#?}", f.0));
    assert!(checked.warnings.is_empty(), "the figure is referred to where the picture was: {:#?}", checked.warnings);
    let figure = &checked.brief.figures[0];
    assert_eq!((figure.id.as_str(), figure.alt.as_str()), ("figure-1", "A map of the two routes"));
    // A second import never overwrites the picture.
    fs::remove_file(dir.path().join("brief.toml")).unwrap();
    let again = mujaz(&["import", "draft.docx", "-o", "brief.toml"], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(!dir.path().join("brief.toml").exists());
}
