//! Bulletins (issue 14): many briefs, one publication with a cover, contents and bookmarks,
//! published whole or not at all. What is checked comes from the PDF mujaz writes (its page
//! count, outline, links) and from the pages it lays out (their text, where each run is).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use mujaz::brief::{Brief, Run};
use mujaz::pipeline::bulletin::{CompiledBulletin, check_bulletin, render_bulletin_checked};

/// The title the English v2 sample gets in these tests: the two English samples share one.
const ROUTES_TITLE: &str = "The long way round: Red Sea shipping and the Cape route";

/// A desk with the three sample briefs in `briefs/` (the v2 one retitled) and a bulletin in
/// `bulletins/` naming them: Arabic, English, English with a figure.
fn desk() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let briefs = dir.path().join("briefs");
    fs::create_dir_all(briefs.join("images")).unwrap();
    fs::copy(seed_brief(), briefs.join("egypt-pakistan-2025-09.toml")).unwrap();
    fs::copy(english_brief(), briefs.join("red-sea-shipping-2024.toml")).unwrap();
    let routes = fs::read_to_string(root().join("briefs/red-sea-routes-2024.toml")).unwrap();
    let routes = routes.edited(
        "title = \"Red Sea disruption: what the Suez Canal's lost traffic means for Egypt\"",
        &format!("title = \"{ROUTES_TITLE}\""),
    );
    fs::write(briefs.join("red-sea-routes-2024.toml"), routes).unwrap();
    fs::copy(root().join("briefs/images/routes.svg"), briefs.join("images/routes.svg")).unwrap();
    fs::create_dir_all(dir.path().join("bulletins")).unwrap();
    let sample = fs::read_to_string(root().join("bulletins/daily-2025-09-21.toml")).unwrap();
    let bulletin = dir.path().join("bulletins/daily.toml");
    fs::write(&bulletin, sample).unwrap();
    (dir, bulletin)
}

/// The bulletin laid out by the library, as the build lays it out.
fn laid_out(bulletin: &Path, profile: mujaz::Profile) -> (CompiledBulletin, Vec<Brief>) {
    let checked = check_bulletin(bulletin, &mujaz::Lookup::default(), profile).unwrap_or_else(|f| panic!("{:#?}", f.0));
    let briefs = checked.briefs.iter().map(|checked| checked.brief.clone()).collect();
    (render_bulletin_checked(checked, profile).unwrap_or_else(|f| panic!("{:#?}", f.0)), briefs)
}

/// The text of a page (counted from 0) in reading order, whitespace removed.
fn body_text(compiled: &CompiledBulletin, page: usize) -> String {
    squash(&compiled.document.page_texts()[page])
}

/// The running head of a page: its runs above the first 62 pt, whitespace removed.
fn head_text(compiled: &CompiledBulletin, page: usize) -> String {
    squash(
        &compiled
            .document
            .text_boxes(page)
            .iter()
            .filter(|b| b.baseline < 62.0)
            .map(|b| b.text.as_str())
            .collect::<String>(),
    )
}

/// A brief's text as a reader sees it, citation marks as the outlet prints them, and note marks
/// too when `notes`. Figure and note marks are set apart from the line (a box, a raised number)
/// and the page's text may give them after the line they stand in, so figure marks are left
/// out (and looked for apart) and a sentence is looked for with and without its note marks.
fn plain(runs: &[Run], notes: bool) -> String {
    runs.iter()
        .map(|run| match run {
            Run::Text { text } => text.clone(),
            Run::Strong { children } | Run::Emph { children } | Run::Link { children, .. } => plain(children, notes),
            Run::Cite { number, .. } => format!("[{number}]"),
            Run::Note { number, .. } if notes => number.to_string(),
            Run::Note { .. } => String::new(),
            Run::Figure { .. } => String::new(),
        })
        .collect()
}

/// Every sentence of a brief's paragraphs (news, commentary, background, questions), with and
/// without its note marks.
fn brief_sentences(brief: &Brief) -> Vec<(String, String)> {
    let texts = |notes: bool| {
        let mut paragraphs: Vec<String> = brief.news.paragraphs.iter().map(|p| plain(p, notes)).collect();
        for point in &brief.commentary {
            paragraphs.extend(point.paragraphs.iter().map(|p| plain(p, notes)));
        }
        if let Some(background) = &brief.background {
            paragraphs.extend(background.paragraphs.iter().map(|p| plain(p, notes)));
        }
        paragraphs.extend(brief.questions.iter().map(|q| plain(q, notes)));
        sentences(&paragraphs.join("\n"))
    };
    texts(true).into_iter().zip(texts(false)).collect()
}

/// The PDF's pages, each page object's id → its number from 1.
fn page_numbers(pdf: &lopdf::Document) -> std::collections::HashMap<lopdf::ObjectId, usize> {
    pdf.get_pages().into_iter().map(|(number, id)| (id, number as usize)).collect()
}

/// The pages the links on a page of the PDF lead to, in the order they are written.
fn link_targets(pdf: &lopdf::Document, page: usize) -> Vec<usize> {
    let numbers = page_numbers(pdf);
    let page_id = pdf.get_pages()[&(page as u32)];
    let annotations = pdf.get_page_annotations(page_id).unwrap();
    annotations
        .iter()
        .filter_map(|annotation| {
            let (_, dest) = pdf.dereference(annotation.get(b"Dest").ok()?).ok()?;
            let dest = dest.as_array().ok()?;
            numbers.get(&dest.first()?.as_reference().ok()?).copied()
        })
        .collect()
}

#[test]
fn a_bulletin_of_the_samples_has_its_cover_contents_bookmarks_and_every_sentence() {
    let (dir, bulletin) = desk();
    let output = mujaz(&["build", "bulletins/daily.toml"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = lopdf::Document::load(dir.path().join("bulletins/daily.pdf")).expect("a readable PDF");
    let (compiled, briefs) = laid_out(&bulletin, mujaz::Profile::Screen);
    let pages = compiled.document.page_count();
    assert_eq!(pdf.get_pages().len(), pages, "the PDF's pages are the laid-out ones");

    // The outline: the cover, the contents, then each brief over its own sections.
    let toc = pdf.get_toc().expect("the PDF has bookmarks").toc;
    let top: Vec<(&str, usize)> = toc.iter().filter(|t| t.level == 1).map(|t| (t.title.as_str(), t.page)).collect();
    let titles: Vec<String> = briefs.iter().map(|b| mujaz::brief::inline::plain_text(&b.title)).collect();
    assert_eq!(top.len(), 2 + briefs.len(), "{toc:#?}");
    assert_eq!(top[0], ("النشرة اليومية", 1));
    assert_eq!(top[1], ("المحتويات", 2));
    let starts: Vec<usize> = top[2..].iter().map(|(_, page)| *page).collect();
    for (index, (title, start)) in top[2..].iter().enumerate() {
        assert_eq!(*title, titles[index], "bookmark {index} names its brief");
        assert!(body_text(&compiled, start - 1).contains(&squash(&titles[index])), "{title} is not on page {start}");
    }
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "briefs in the bulletin's order: {starts:?}");
    let section_names = [
        vec!["الخبر", "التعقيب", "الخلفية التاريخية", "أسئلة مفتوحة", "المصادر"],
        vec!["The news", "Commentary", "Historical background", "Open questions", "Sources"],
        vec!["The news", "Commentary", "Historical background", "Open questions", "Notes", "Sources"],
    ];
    let mut brief_index = None;
    let mut sections: Vec<Vec<(&str, usize)>> = vec![Vec::new(); briefs.len()];
    for entry in &toc[2..] {
        match entry.level {
            1 => brief_index = Some(brief_index.map_or(0, |i| i + 1)),
            2 => sections[brief_index.unwrap()].push((entry.title.as_str(), entry.page)),
            _ => {}
        }
    }
    for (index, names) in section_names.iter().enumerate() {
        let found: Vec<&str> = sections[index].iter().map(|(name, _)| *name).collect();
        assert_eq!(&found, names, "the sections of brief {index}, in its own language");
        let end = starts.get(index + 1).copied().unwrap_or(pages + 1);
        assert!(sections[index].iter().all(|(_, page)| (starts[index]..end).contains(page)), "{:?}", sections[index]);
    }

    // The contents page: a link to each brief's first page, whose number is on the title's line.
    assert_eq!(link_targets(&pdf, 2), starts, "the contents link to where each brief starts");
    let contents = compiled.document.text_boxes(1);
    for (index, title) in titles.iter().enumerate() {
        let line = contents
            .iter()
            .map(|b| b.baseline)
            .find(|&baseline| {
                let text: String =
                    contents.iter().filter(|b| (b.baseline - baseline).abs() < 1.0).map(|b| b.text.as_str()).collect();
                squash(&text).contains(&squash(title))
            })
            .unwrap_or_else(|| panic!("no contents line for {title}"));
        let on_line: Vec<&str> =
            contents.iter().filter(|b| (b.baseline - line).abs() < 1.0).map(|b| b.text.trim()).collect();
        assert!(
            on_line.contains(&starts[index].to_string().as_str()),
            "{title}: {on_line:?}, starts on {}",
            starts[index]
        );
    }

    // Every page of a brief carries its title: in the title block on the first, in the running
    // head on the others; the page numbers run on through the issue.
    for (index, title) in titles.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(pages + 1);
        for page in starts[index] + 1..end {
            assert!(
                head_text(&compiled, page - 1).contains(&squash(title)),
                "page {page}: {}",
                head_text(&compiled, page - 1)
            );
        }
    }
    let last = compiled.document.page_texts()[pages - 1].clone();
    assert!(squash(&last).contains(&format!("Page{pages}of{pages}")), "{last}");

    // Every sentence of every brief, in the brief's pages.
    for (index, brief) in briefs.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(pages + 1);
        let text: String = (starts[index]..end).map(|page| body_text(&compiled, page - 1)).collect();
        let figure = if brief.lang == mujaz::brief::Lang::Ar { "الشكل" } else { "Figure" };
        let mark = squash(&format!("({figure} 1)"));
        assert_eq!(text.contains(&mark), !brief.figures.is_empty(), "{}: the figure mark", titles[index]);
        let text = text.replace(&mark, "");
        let wanted = brief_sentences(brief);
        assert!(wanted.len() > 5, "{}: {wanted:?}", titles[index]);
        for (with_marks, without) in wanted {
            assert!(
                text.contains(&squash(&with_marks)) || text.contains(&squash(&without)),
                "{}: missing «{with_marks}»",
                titles[index]
            );
        }
    }
    // The seed's own sentences, as the issue counts them.
    let seed_pages: String = (starts[0]..starts[1]).map(|page| body_text(&compiled, page - 1)).collect();
    for sentence in sentences(&seed_text()) {
        assert!(seed_pages.contains(&squash(&sentence)), "missing seed sentence «{sentence}»");
    }

    // The PDF's metadata is the bulletin's.
    let info = pdf.trailer.get(b"Info").and_then(|r| pdf.get_object(r.as_reference()?)).unwrap().as_dict().unwrap();
    assert_eq!(lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap(), "النشرة اليومية");
}

#[test]
fn a_bad_brief_in_the_middle_writes_nothing_and_says_where_it_is_wrong() {
    let (dir, _) = desk();
    assert!(mujaz(&["build", "bulletins/daily.toml"], dir.path()).status.success());
    let pdf = dir.path().join("bulletins/daily.pdf");
    let good = fs::read(&pdf).unwrap();
    let middle = dir.path().join("briefs/red-sea-shipping-2024.toml");
    let text = fs::read_to_string(&middle).unwrap();
    fs::write(&middle, text.edited("[news]", "[news]\nplace = \"Cairo\"").edited("[@sca]", "[@scaa]")).unwrap();
    let output = mujaz(&["build", "--force", "bulletins/daily.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E0102/unknown-key]: unknown key `place` in `news`"), "{stderr}");
    assert!(stderr.contains("E0107/unknown-citation"), "{stderr}");
    assert!(stderr.contains("briefs/red-sea-shipping-2024.toml:"), "the brief's own file is named: {stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(fs::read(&pdf).unwrap(), good, "the previous bulletin was touched");
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("bulletins"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with(".daily.pdf.mujaz") && name != "daily.pdf" && name != "daily.toml")
        .collect();
    assert!(leftovers.is_empty(), "half-written files left: {leftovers:?}");
    // `check` finds the same.
    let check = mujaz(&["check", "bulletins/daily.toml"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("unknown key `place`"));
}

#[test]
fn missing_duplicated_and_odd_entries_are_errors_at_the_bulletins_lines() {
    let (dir, bulletin) = desk();
    let text = fs::read_to_string(&bulletin).unwrap().edited(
        "  \"../briefs/red-sea-routes-2024.toml\",\n",
        "  \"../briefs/red-sea-routes-2024.toml\",\n  \"../briefs/nile-dam.toml\",\n  \"../briefs/./egypt-pakistan-2025-09.toml\",\n  \"../briefs/2030-*.toml\",\n  \"daily.toml\",\n",
    );
    fs::write(&bulletin, &text).unwrap();
    let output = mujaz(&["build", "bulletins/daily.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let at = |needle: &str| format!("bulletins/daily.toml:{}:3", line_of(needle));
    assert!(
        stderr.contains("error[E0126/missing-brief]: there is no brief file at `../briefs/nile-dam.toml`"),
        "{stderr}"
    );
    assert!(stderr.contains(&at("nile-dam")), "{stderr}");
    assert!(stderr.contains("error[E0127/duplicate-brief]"), "{stderr}");
    assert!(stderr.contains(&at("./egypt")), "{stderr}");
    assert!(stderr.contains("the pattern `../briefs/2030-*.toml` matches no brief file"), "{stderr}");
    assert!(stderr.contains("`daily.toml` is a bulletin, not a brief"), "{stderr}");
    assert!(!dir.path().join("bulletins/daily.pdf").exists());
}

#[test]
fn folders_and_patterns_bring_their_briefs_in_name_order_and_only_once() {
    let (dir, bulletin) = desk();
    let text = fs::read_to_string(&bulletin).unwrap();
    let start = text.find("briefs = [").unwrap();
    let ids_of = |entries: &str| {
        fs::write(&bulletin, format!("{}briefs = [{entries}]\n", &text[..start])).unwrap();
        let (_, briefs) = laid_out(&bulletin, mujaz::Profile::Screen);
        briefs.iter().map(|b| b.id.clone()).collect::<Vec<_>>()
    };
    let by_name = ["egypt-pakistan-2025-09", "red-sea-routes-2024", "red-sea-shipping-2024"];
    assert_eq!(ids_of("\"../briefs\""), by_name);
    // The lead story first, then the rest: a folder or a pattern brings what is not in yet.
    let lead_first = ["red-sea-shipping-2024", "egypt-pakistan-2025-09", "red-sea-routes-2024"];
    assert_eq!(ids_of("\"../briefs/red-sea-shipping-2024.toml\", \"../briefs/*.toml\""), lead_first);
    assert_eq!(ids_of("\"../briefs/red-sea-s*.toml\", \"../briefs\""), lead_first);
    // A brief named by its file after a pattern brought it is named twice.
    let twice = format!("{}briefs = [\"../briefs/*.toml\", \"../briefs/red-sea-routes-2024.toml\"]\n", &text[..start]);
    fs::write(&bulletin, twice).unwrap();
    let output = mujaz(&["build", "bulletins/daily.toml"], dir.path());
    assert!(String::from_utf8_lossy(&output.stderr).contains("E0127/duplicate-brief"));
}

#[test]
fn the_print_bulletin_starts_each_brief_on_an_odd_page_and_pads_to_a_multiple_of_four() {
    let (dir, bulletin) = desk();
    let output = mujaz(&["build", "--print", "bulletins/daily.toml", "-o", "print.pdf"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = lopdf::Document::load(dir.path().join("print.pdf")).unwrap();
    let pages = pdf.get_pages().len();
    assert_eq!(pages % 4, 0, "{pages} pages cannot be saddle-stitched");
    let toc = pdf.get_toc().unwrap().toc;
    let starts: Vec<usize> = toc.iter().filter(|t| t.level == 1).skip(2).map(|t| t.page).collect();
    assert!(starts.iter().all(|page| page % 2 == 1), "briefs start on {starts:?}");
    // The padding and parity pages are blank, but for the crop marks.
    let (compiled, _) = laid_out(&bulletin, mujaz::Profile::Print);
    assert_eq!(compiled.document.page_count(), pages);
    let texts = compiled.document.page_texts();
    let blank: Vec<usize> = (1..=pages).filter(|&page| squash(&texts[page - 1]).is_empty()).collect();
    assert!(!blank.is_empty() && blank.iter().all(|page| !starts.contains(page)), "{blank:?}");
    let last_brief_end = (starts[2]..=pages).rev().find(|page| !blank.contains(page)).unwrap();
    assert!(pages - last_brief_end < 4, "more padding than a sheet needs");
}

#[test]
fn an_unchanged_bulletin_is_skipped_and_a_changed_brief_rebuilds_it() {
    let (dir, _) = desk();
    assert!(mujaz(&["build", "bulletins/daily.toml"], dir.path()).status.success());
    let second = mujaz(&["build", "bulletins/daily.toml"], dir.path());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("(unchanged; --force rebuilds)"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let brief = dir.path().join("briefs/red-sea-shipping-2024.toml");
    fs::write(&brief, fs::read_to_string(&brief).unwrap().edited("Cairo", "Ismailia")).unwrap();
    let third = mujaz(&["build", "bulletins/daily.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(stderr.contains("built bulletins/daily.toml → bulletins/daily.pdf"), "{stderr}");
    // An image changed is a change too.
    let image = dir.path().join("briefs/images/routes.svg");
    fs::write(&image, fs::read_to_string(&image).unwrap().edited("</svg>", "<!-- redrawn --></svg>")).unwrap();
    let fourth = mujaz(&["build", "bulletins/daily.toml"], dir.path());
    assert!(String::from_utf8_lossy(&fourth.stderr).contains("built bulletins/daily.toml"));
}

#[test]
fn new_bulletin_starts_one_that_lists_the_briefs_beside_it_and_builds() {
    let (dir, _) = desk();
    let output = mujaz(&["new", "--bulletin", "--lang", "en", "briefs/weekly.toml"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = fs::read_to_string(dir.path().join("briefs/weekly.toml")).unwrap();
    assert!(text.contains("  \"egypt-pakistan-2025-09.toml\",\n  \"red-sea-routes-2024.toml\","), "{text}");
    assert!(dir.path().join("briefs/bulletin.schema.json").is_file());
    let build = mujaz(&["build", "briefs/weekly.toml"], dir.path());
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    // A folder build takes the bulletin as a bulletin, not as a brief with an unknown table.
    let all = mujaz(&["build", "briefs"], dir.path());
    assert!(all.status.success(), "{}", String::from_utf8_lossy(&all.stderr));
}

#[test]
fn the_bulletin_schema_is_the_one_mujaz_prints_and_accepts_the_sample() {
    let printed = mujaz(&["schema", "--bulletin"], &root());
    let committed = fs::read_to_string(root().join("schema/bulletin.schema.json")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout),
        committed,
        "run `mujaz schema --bulletin > schema/bulletin.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let sample: toml::Value =
        toml::from_str(&fs::read_to_string(root().join("bulletins/daily-2025-09-21.toml")).unwrap()).unwrap();
    let mut sample = serde_json::to_value(&sample).unwrap();
    // Taplo hands TOML dates to schemas as strings.
    sample["bulletin"]["date"] = serde_json::Value::String("2025-09-21".into());
    assert!(
        validator.is_valid(&sample),
        "{:?}",
        validator.iter_errors(&sample).map(|e| e.to_string()).collect::<Vec<_>>()
    );
    sample["bulletin"]["editor_note"] = serde_json::Value::String("…".into());
    assert!(!validator.is_valid(&sample), "an unknown key passed the schema");
}

#[test]
fn data_prints_what_bulletin_typ_reads() {
    let (dir, _) = desk();
    let output = mujaz(&["data", "bulletins/daily.toml"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let data: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(data["lang"], "ar");
    assert_eq!(data["brief"]["title"][0]["text"], "النشرة اليومية");
    assert_eq!(data["bulletin"]["number"], 142);
    let briefs = data["bulletin"]["briefs"].as_array().unwrap();
    let langs: Vec<&str> = briefs.iter().map(|b| b["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["ar", "en", "en"]);
    assert_eq!(briefs[2]["title"][0]["text"], ROUTES_TITLE);
    assert_eq!(briefs[1]["package"], "@mujaz/brief-2:0.0.0");
    // The briefs' dates in the bulletin's language.
    assert_eq!(briefs[1]["date"], "30 ديسمبر 2024م");
}

#[test]
fn a_brief_that_is_a_draft_or_names_another_outlet_is_built_with_a_warning_where_it_says_so() {
    let (dir, _) = desk();
    let brief = dir.path().join("briefs/red-sea-shipping-2024.toml");
    let text = fs::read_to_string(&brief)
        .unwrap()
        .edited("lang = \"en\"", "lang = \"en\"\noutlet = \"sober\"\nstatus = \"draft\"");
    fs::write(&brief, &text).unwrap();
    let output = mujaz(&["build", "bulletins/daily.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let line = text.lines().position(|l| l.starts_with("outlet")).unwrap() + 1;
    assert!(
        stderr.contains("warning[W0128/outlet-in-bulletin]: this brief names the outlet `sober`; in the bulletin it is laid out by `default`"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("briefs/red-sea-shipping-2024.toml:{line}:10")), "{stderr}");
    assert!(stderr.contains("warning[W0129/unready-in-bulletin]: this brief is a draft"), "{stderr}");
    // An issue number that is not a whole number, or too large, is refused at its line.
    let bulletin = dir.path().join("bulletins/daily.toml");
    let sample = fs::read_to_string(&bulletin).unwrap();
    for (number, said) in
        [("3.5", "should be a whole number, not a number"), ("100000", "must be a whole number from 1 to 99999")]
    {
        fs::write(&bulletin, sample.edited("number = 142", &format!("number = {number}"))).unwrap();
        let output = mujaz(&["check", "bulletins/daily.toml"], dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        let line = sample.lines().position(|l| l.starts_with("number")).unwrap() + 1;
        assert!(
            stderr.contains(said) && stderr.contains(&format!("bulletins/daily.toml:{line}:10")),
            "{number}: {stderr}"
        );
    }
}
