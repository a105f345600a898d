//! Outlets: user folders layered over the built-in ones, settings that change the page,
//! locale, the print version, and folders that cannot be escaped.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// A desk with the seed brief set to use `outlet`, and that outlet's folder with `settings`.
fn desk_with_outlet(dir: &Path, outlet: &str, settings: &str) -> std::path::PathBuf {
    let brief = dir.join("brief.toml");
    let text =
        fs::read_to_string(seed_brief()).unwrap().edited("outlet = \"default\"", &format!("outlet = \"{outlet}\""));
    fs::write(&brief, text).unwrap();
    let folder = dir.join("templates").join(outlet);
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("outlet.toml"), settings).unwrap();
    brief
}

/// The text of each page of a brief laid out by its outlet, screen or print.
fn page_texts(brief: &Path, print: bool) -> Vec<String> {
    let checked = mujaz::check(brief).unwrap_or_else(|f| panic!("{:#?}", f.0));
    let profile = if print { mujaz::Profile::Print } else { mujaz::Profile::Screen };
    let compiled = mujaz::render_checked(checked, profile).unwrap_or_else(|f| panic!("{:#?}", f.0));
    compiled.document.page_texts()
}

#[test]
fn each_locale_setting_changes_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let default_pages = page_texts(&seed_brief(), false);
    assert!(default_pages[0].contains("21 سبتمبر 2025م"), "{}", default_pages[0]);
    assert!(default_pages[0].contains("صفحة 1 من 3"));

    let levant = desk_with_outlet(dir.path(), "levant", "[locale]\nmonths = \"levant\"\n");
    assert!(page_texts(&levant, false)[0].contains("21 أيلول 2025م"));

    let morocco = desk_with_outlet(dir.path(), "morocco", "[locale]\nmonths = \"morocco\"\nera = false\n");
    let first = &page_texts(&morocco, false)[0];
    assert!(first.contains("21 شتنبر 2025") && !first.contains("شتنبر 2025م"), "{first}");

    let settings = "[locale]\ndigits = \"arabic-indic\"\nhijri = \"umm-al-qura\"\n";
    let indic = desk_with_outlet(dir.path(), "indic", settings);
    let pages = page_texts(&indic, false);
    let text = squash(&pages.concat());
    // Dates, the Hijri date beside them, page numbers, point and source numbers.
    assert!(text.contains(&squash("٢١ سبتمبر ٢٠٢٥م الموافق ٢٩ ربيع الأول ١٤٤٧هـ")), "{}", pages[0]);
    assert!(pages[0].contains("صفحة ١ من ٣"), "{}", pages[0]);
    assert!(text.contains(&squash("التعقيب ١ شراكة قوية")), "point numbers keep Western digits");
    // (The frame walk may give a bracketed number in visual order inside a right-to-left line.)
    assert!(text.contains("[٢]") || text.contains("]٢["), "source numbers keep Western digits");
    // Author text is left as written.
    assert!(text.contains(&squash("في 21 سبتمبر 2025م، شهدت القاهرة")));

    let tabular = desk_with_outlet(dir.path(), "tabular", "[locale]\nhijri = \"tabular\"\n");
    let first = &page_texts(&tabular, false)[0];
    assert!(first.contains("ربيع الأول 1447هـ"), "{first}");
}

#[test]
fn a_user_outlet_with_only_outlet_toml_changes_name_colours_logo_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let settings = r##"
[outlet]
name = { ar = "نشرة الأفق", en = "Horizon Brief" }
logo = "logo.svg"

[colors]
primary = "#0b6e4f"

[labels.ar]
news = "الحدث"
commentary = "قراءتنا"

[text]
classification = { ar = "للتداول الداخلي", en = "Internal" }
"##;
    let brief = desk_with_outlet(dir.path(), "horizon", settings);
    let logo = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#0b6e4f"/></svg>"##;
    fs::write(dir.path().join("templates/horizon/logo.svg"), logo).unwrap();

    let pages = page_texts(&brief, false);
    for page in &pages {
        assert!(page.contains("نشرة الأفق"), "the running header lacks the outlet's name:\n{page}");
    }
    let text = squash(&pages.concat());
    for wanted in ["الحدث", "قراءتنا", "للتداول الداخلي"] {
        assert!(text.contains(&squash(wanted)), "missing {wanted}");
    }
    assert!(!text.contains("التعقيب"), "the default label is still there");

    let checked = mujaz::check(&brief).unwrap();
    let compiled = mujaz::render_checked(checked, mujaz::Profile::Screen).unwrap();
    assert_eq!(compiled.document.image_count(0), 1, "the logo is not on the first page");
    assert_eq!(compiled.document.image_count(1), 0);

    let output = mujaz(&["build", "brief.toml"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = fs::read(dir.path().join("brief.pdf")).unwrap();
    // The new primary colour (#0b6e4f) fills text on the first page.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let content = String::from_utf8_lossy(&doc.get_page_content(*doc.get_pages().get(&1).unwrap())).into_owned();
    assert!(content.contains("0.043137256 0.43137255 0.30980393 scn"), "the outlet's primary colour is not used");
}

#[test]
fn outlet_settings_are_checked_like_briefs() {
    let dir = tempfile::tempdir().unwrap();
    let settings = "[colors]\nprimry = \"#112233\"\naccent = \"red\"\n\n[page]\nmargin = { top = \"2 parsecs\", bottom = \"6000mm\" }\n\n[outlet]\nlogo = \"../secret.svg\"\n\n[fonts]\nbody = [\"Comic Sans\"]\n";
    desk_with_outlet(dir.path(), "acme", settings);
    let output = mujaz(&["check", "brief.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for wanted in [
        "unknown key `primry` in `colors`",
        "did you mean `primary`?",
        "`colors.accent`: `red` is not a colour",
        "`page.margin.top`: `2 parsecs` is not a length",
        "`page.margin.bottom`: `6000mm` is longer than a page can be",
        "`outlet.logo`: `../secret.svg` leaves the outlet folder",
        "there is no font family `Comic Sans`",
        "templates/acme/outlet.toml:2:1",
    ] {
        assert!(stderr.contains(wanted), "missing `{wanted}` in:\n{stderr}");
    }
    // An unknown base is pointed at where it is written.
    fs::write(dir.path().join("templates/acme/outlet.toml"), "[outlet]\nbase = \"modren\"\n").unwrap();
    let stderr = String::from_utf8_lossy(&mujaz(&["check", "brief.toml"], dir.path()).stderr).into_owned();
    assert!(stderr.contains("`outlet.base` names `modren`, which is not a built-in outlet"), "{stderr}");
    assert!(stderr.contains("templates/acme/outlet.toml:2:8"), "{stderr}");
}

#[test]
fn an_unknown_placeholder_in_a_label_is_an_error_where_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let settings = "[labels.ar]\npage = \"صفحة {pgae} من {pages}\"\nby = \"إعداد {x}:\"\n";
    desk_with_outlet(dir.path(), "acme", settings);
    let output = mujaz(&["check", "brief.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let page = stderr.find("`labels.ar.page` has an unknown placeholder `{pgae}`").expect(&stderr);
    assert!(stderr[page..].contains("templates/acme/outlet.toml:2:14"), "{stderr}");
    assert!(stderr.contains("did you mean `{page}`? this label's placeholders: {page}, {pages}"), "{stderr}");
    let by = stderr.find("`labels.ar.by` has an unknown placeholder `{x}`").expect(&stderr);
    assert!(stderr[by..].contains("templates/acme/outlet.toml:3:13"), "{stderr}");
    assert!(stderr.contains("this label takes no placeholders"), "{stderr}");
    assert!(page < by, "not in the file's order:\n{stderr}");
    // The known ones pass.
    desk_with_outlet(dir.path(), "acme", "[labels.en]\npage = \"{page} / {pages}\"\n");
    assert!(mujaz(&["check", "brief.toml"], dir.path()).status.success());
}

#[test]
fn a_user_template_error_points_at_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let brief = desk_with_outlet(dir.path(), "broken", "");
    let template = "#import \"/lib.typ\": *\n\n#set page(..page-settings)\n#text(fill: palette.nosuch)[x]\n";
    fs::write(dir.path().join("templates/broken/brief.typ"), template).unwrap();
    let output = mujaz(&["build", brief.file_name().unwrap().to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[E0201/template-error]"), "{stderr}");
    assert!(stderr.contains("templates/broken/brief.typ:4:"), "{stderr}");
    assert!(stderr.contains("nosuch"), "{stderr}");
    assert!(!dir.path().join("brief.pdf").exists());
}

/// A PNG of a few bytes whose header claims `width` × `height` pixels.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend([0, 0, 0, 0]); // the checksum, which nobody reads before the size
    png
}

#[test]
fn outlet_images_and_folders_over_the_limits_are_refused_before_layout() {
    let dir = tempfile::tempdir().unwrap();
    let brief = desk_with_outlet(dir.path(), "bomb", "");
    // Decoding this would need 4 TB: Typst's allocation would abort the whole process.
    fs::write(dir.path().join("templates/bomb/tiny.png"), png_header(1_000_000, 1_000_000)).unwrap();
    fs::write(dir.path().join("templates/bomb/brief.typ"), "#image(\"/tiny.png\")\n").unwrap();
    let name = brief.file_name().unwrap().to_str().unwrap();
    let output = mujaz(&["build", name], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error[E0116/too-large]: templates/bomb/tiny.png: the image is 1000000 × 1000000 pixels"),
        "{stderr}"
    );

    // Typst knows images by their bytes: a bomb named like anything else is measured too.
    fs::rename(dir.path().join("templates/bomb/tiny.png"), dir.path().join("templates/bomb/logo.bin")).unwrap();
    fs::write(dir.path().join("templates/bomb/brief.typ"), "#image(\"/logo.bin\")\n").unwrap();
    let stderr = String::from_utf8_lossy(&mujaz(&["build", name], dir.path()).stderr).into_owned();
    assert!(stderr.contains("templates/bomb/logo.bin: the image is 1000000 × 1000000 pixels"), "{stderr}");
    fs::rename(dir.path().join("templates/bomb/logo.bin"), dir.path().join("templates/bomb/tiny.png")).unwrap();

    // The same PNG inside an SVG, as a data: URL, is measured too.
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(png_header(100_000, 100_000));
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><image width=\"10\" height=\"10\" xlink:href=\"data:image/png;base64,{encoded}\"/></svg>"
    );
    fs::remove_file(dir.path().join("templates/bomb/tiny.png")).unwrap();
    fs::write(dir.path().join("templates/bomb/inner.svg"), svg).unwrap();
    fs::write(dir.path().join("templates/bomb/brief.typ"), "#image(\"/inner.svg\")\n").unwrap();
    let output = mujaz(&["build", name], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("templates/bomb/inner.svg: the image is 100000 × 100000 pixels"), "{stderr}");
    assert!(stderr.contains("(inside the file, as a data: URL)"), "{stderr}");

    // All of an outlet's files are read before layout: their total is bounded too.
    fs::remove_file(dir.path().join("templates/bomb/inner.svg")).unwrap();
    fs::write(dir.path().join("templates/bomb/brief.typ"), "x\n").unwrap();
    for n in 0..8 {
        let file = fs::File::create(dir.path().join(format!("templates/bomb/filler-{n}.bin"))).unwrap();
        file.set_len(9 * 1024 * 1024).unwrap();
    }
    let output = mujaz(&["build", name], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("an outlet's files may be at most 50 MB together"), "{stderr}");
}

#[test]
fn a_template_cannot_read_outside_its_outlet() {
    let dir = tempfile::tempdir().unwrap();
    desk_with_outlet(dir.path(), "nosy", "");
    fs::write(dir.path().join("secret.txt"), "TOP-SECRET").unwrap();
    for path in ["/../secret.txt", "../../secret.txt", "/etc/passwd", "/brief.toml"] {
        let template = format!("#read(\"{path}\")\n");
        fs::write(dir.path().join("templates/nosy/brief.typ"), template).unwrap();
        let output = mujaz(&["build", "--force", "brief.toml"], dir.path());
        assert_eq!(output.status.code(), Some(1), "reading {path} did not fail");
        assert!(!String::from_utf8_lossy(&output.stderr).contains("TOP-SECRET"));
    }
    // Packages are neither downloaded nor read from a package folder.
    fs::write(dir.path().join("templates/nosy/brief.typ"), "#import \"@preview/cetz:0.3.0\": *\n").unwrap();
    let output = mujaz(&["build", "--force", "brief.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("packages such as `@preview/cetz:0.3.0` are not available to outlets"), "{stderr}");
    // A symbolic link inside the outlet folder is refused outright.
    #[cfg(unix)]
    {
        fs::write(dir.path().join("templates/nosy/brief.typ"), "#read(\"/leak.txt\")\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), dir.path().join("templates/nosy/leak.txt")).unwrap();
        let output = mujaz(&["build", "--force", "brief.toml"], dir.path());
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("an outlet folder may not contain symbolic links"), "{stderr}");
        // So is a hard link: it is the outside file under a second name.
        fs::remove_file(dir.path().join("templates/nosy/leak.txt")).unwrap();
        fs::hard_link(dir.path().join("secret.txt"), dir.path().join("templates/nosy/leak.txt")).unwrap();
        let output = mujaz(&["build", "--force", "brief.toml"], dir.path());
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("an outlet folder may not contain hard links"), "{stderr}");
        assert!(!stderr.contains("TOP-SECRET"), "{stderr}");
    }
}

#[test]
fn print_version_has_trim_box_crop_marks_cmyk_and_pdf_a() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(seed_brief(), dir.path().join("seed.toml")).unwrap();
    let screen = mujaz(&["build", "seed.toml", "-o", "screen.pdf"], dir.path());
    let print = mujaz(&["build", "--print", "seed.toml", "-o", "print.pdf"], dir.path());
    assert!(screen.status.success() && print.status.success(), "{}", String::from_utf8_lossy(&print.stderr));

    let inspect = |name: &str| {
        let doc = lopdf::Document::load(dir.path().join(name)).unwrap();
        let page_id = *doc.get_pages().get(&1).unwrap();
        let page = doc.get_dictionary(page_id).unwrap().clone();
        let bytes = fs::read(dir.path().join(name)).unwrap();
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        let content = String::from_utf8_lossy(&doc.get_page_content(page_id)).into_owned();
        (page, raw, content, doc)
    };

    let (page, raw, content, doc) = inspect("print.pdf");
    let media = page.get(b"MediaBox").unwrap().as_array().unwrap().clone();
    let trim = page.get(b"TrimBox").expect("the print version has a TrimBox").as_array().unwrap().clone();
    let number = |o: &lopdf::Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap();
    let trim_width = number(&trim[2]) - number(&trim[0]);
    assert!((trim_width - 595.28).abs() < 0.5, "the trimmed page is not A4: {trim_width}");
    assert!(number(&media[2]) > number(&trim[2]) + 8.0, "no room for bleed and marks");
    // The BleedBox is the trim plus the outlet's 3 mm bleed, leaving the marks' room out.
    let bleed = page.get(b"BleedBox").expect("the print version has a BleedBox").as_array().unwrap().clone();
    let three_mm = 3.0 * 72.0 / 25.4;
    for (side, sign) in [(0, -1.0), (1, -1.0), (2, 1.0), (3, 1.0)] {
        let expected = number(&trim[side]) + sign * three_mm;
        assert!((number(&bleed[side]) - expected).abs() < 0.01, "BleedBox {bleed:?} is not TrimBox {trim:?} + 3 mm");
    }
    // Crop marks: 0.25pt hairlines placed outside the trim box, on every side.
    let (left, bottom, right, top) = (number(&trim[0]), number(&trim[1]), number(&trim[2]), number(&trim[3]));
    let marks: Vec<(f32, f32)> = content
        .split("q ")
        .filter(|group| group.contains("0.25 w"))
        .filter_map(|group| {
            let numbers: Vec<f32> = group.split_whitespace().take(6).filter_map(|n| n.parse().ok()).collect();
            (numbers.len() == 6).then(|| (numbers[4], numbers[5]))
        })
        .filter(|(x, y)| *x < left || *x > right || *y < bottom || *y > top)
        .collect();
    assert_eq!(marks.len(), 8, "expected two marks at each of the four corners, found {marks:?}");
    // CMYK colours in an ICC-based colour space, and a PDF/A-2b claim.
    let icc_cmyk = doc
        .objects
        .values()
        .any(|o| o.as_stream().ok().is_some_and(|s| s.dict.get(b"N").and_then(|n| n.as_i64()).ok() == Some(4)));
    assert!(icc_cmyk, "no CMYK ICC profile");
    assert!(content.contains(" scn") || content.contains(" sc"), "no colour set through a colour space");
    assert!(
        raw.contains("pdfaid:part") && raw.contains("<pdfaid:part>2</pdfaid:part>")
            || raw.contains("pdfaid:part=\"2\""),
        "no PDF/A-2 claim"
    );

    let (page, raw, _, doc) = inspect("screen.pdf");
    assert!(page.get(b"TrimBox").is_err(), "the screen version has a TrimBox");
    assert!(page.get(b"BleedBox").is_err(), "the screen version has a BleedBox");
    assert!(!raw.contains("pdfaid:part"), "the screen version claims PDF/A");
    let icc_cmyk = doc
        .objects
        .values()
        .any(|o| o.as_stream().ok().is_some_and(|s| s.dict.get(b"N").and_then(|n| n.as_i64()).ok() == Some(4)));
    assert!(!icc_cmyk, "the screen version uses CMYK");
}

#[test]
fn outlet_new_copies_an_outlet_that_builds_after_editing() {
    let dir = tempfile::tempdir().unwrap();
    let output = mujaz(&["outlet", "new", "acme", "--from", "default"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for file in ["outlet.toml", "brief.typ", "lib.typ"] {
        assert!(dir.path().join("templates/acme").join(file).is_file(), "{file} not copied");
    }
    let again = mujaz(&["outlet", "new", "acme"], dir.path());
    assert_eq!(again.status.code(), Some(1), "overwrote an existing outlet");

    let settings_path = dir.path().join("templates/acme/outlet.toml");
    let settings = fs::read_to_string(&settings_path).unwrap();
    assert!(settings.contains("base = \"default\""), "{settings}");
    let edited = settings
        .edited("name = { ar = \"acme\", en = \"acme\" }", "name = { ar = \"أكمي\", en = \"Acme Daily\" }")
        .edited("news = \"The news\"", "news = \"What happened\"");
    fs::write(&settings_path, edited).unwrap();
    let brief =
        fs::read_to_string(english_brief()).unwrap().edited("lang = \"en\"", "lang = \"en\"\noutlet = \"acme\"");
    fs::write(dir.path().join("brief.toml"), brief).unwrap();

    let list = mujaz(&["outlet", "list"], dir.path());
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(listed.contains("default\tbuilt-in") && listed.contains("acme\ttemplates/acme"), "{listed}");

    let pages = page_texts(&dir.path().join("brief.toml"), false);
    let text = squash(&pages.concat());
    assert!(text.contains("AcmeDaily") && text.contains("Whathappened"), "{}", pages[0]);
}

#[test]
fn every_built_in_outlet_lays_out_every_seed_sentence_in_order_on_screen_and_in_print() {
    let sentences = sentences(&seed_text());
    for outlet in mujaz::assets::outlet_names() {
        for profile in [mujaz::Profile::Screen, mujaz::Profile::Print] {
            let lookup = mujaz::Lookup { templates: None, outlet: Some(outlet.clone()) };
            let checked = mujaz::check_with(&seed_brief(), &lookup).unwrap();
            let compiled = mujaz::render_checked(checked, profile).unwrap_or_else(|f| panic!("{outlet}: {:#?}", f.0));
            assert!(compiled.warnings.is_empty(), "{outlet} warns: {:#?}", compiled.warnings);
            let pages = compiled.document.page_texts();
            let text = squash(&pages.concat());
            let mut from = 0;
            for sentence in &sentences {
                let wanted = squash(sentence);
                let at = text[from..]
                    .find(&wanted)
                    .unwrap_or_else(|| panic!("{outlet} {profile:?}: missing or out of order: {sentence}"));
                from += at + wanted.len();
            }
            for (index, page) in pages.iter().enumerate() {
                let number = format!("{} من {}", index + 1, pages.len());
                assert!(page.contains(&number), "{outlet} {profile:?}: page {} has no page number", index + 1);
            }
            // The English sample too, and the PDF must export (PDF/A-2b is checked in print).
            let options = mujaz::BuildOptions { profile, lookup: lookup.clone(), ..Default::default() };
            let dir = tempfile::tempdir().unwrap();
            for brief in [seed_brief(), english_brief()] {
                let output = dir.path().join("out.pdf");
                let built = mujaz::build(&brief, &mujaz::BuildOptions { output: Some(output), ..options.clone() });
                assert!(built.is_ok(), "{outlet} {profile:?} {brief:?}: {:#?}", built.err().map(|f| f.0));
            }
        }
    }
}

#[test]
fn a_character_no_font_draws_is_an_error_in_a_pdf_a_print_and_check_print_says_so_first() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(english_brief()).unwrap().edited("title = \"Red Sea", "title = \"★ Red Sea");
    fs::write(dir.path().join("brief.toml"), text).unwrap();

    // On screen it is a warning and the PDF is built.
    let screen = mujaz(&["check", "brief.toml"], dir.path());
    assert!(screen.status.success());
    assert!(String::from_utf8_lossy(&screen.stderr).contains("warning[W0114/missing-glyph]"));

    // In print, PDF/A-2b forbids it: one located error, before any layout, and no file.
    let print = mujaz(&["build", "--print", "brief.toml", "-o", "print.pdf"], dir.path());
    assert_eq!(print.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&print.stderr);
    assert_eq!(stderr.matches("error[E0117/missing-glyph-in-print]").count(), 1, "{stderr}");
    assert!(
        stderr.contains(
            "no embedded font can draw `★` (U+2605): the print version's standard (PDF/A-2b, PDF/X-4) forbids it"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("┌─ brief.toml:6:10"), "{stderr}");
    assert!(stderr.contains("fonts tried: Amiri, IBM Plex Sans Arabic"), "{stderr}");
    assert!(stderr.contains("take \"pdf/a-2b\", \"pdf/x-4\" out of `standards` under `[print]`"), "{stderr}");
    assert!(!stderr.contains("E0301"), "an unlocated export error reached the user:\n{stderr}");
    assert!(!dir.path().join("print.pdf").exists());

    // `check --print` reports exactly what `build --print` does.
    let json = |args: &[&str]| json_records(args, dir.path());
    let built = json(&["build", "--print", "--message-format", "json", "brief.toml", "-o", "print.pdf"]);
    let checked = json(&["check", "--print", "--message-format", "json", "brief.toml"]);
    assert_eq!(built.len(), 1);
    assert_eq!(built[0]["code"], "E0117");
    assert_eq!(built, checked);
    let other_outlet = json(&["check", "--print", "--outlet", "sober", "--message-format", "json", "brief.toml"]);
    assert_eq!(other_outlet, checked, "sober claims PDF/A-2b too");

    // An outlet that claims no standard lets the print version through with the warning.
    fs::create_dir_all(dir.path().join("templates/plain")).unwrap();
    fs::write(dir.path().join("templates/plain/outlet.toml"), "[print]\nstandards = []\n").unwrap();
    let plain = mujaz(&["build", "--print", "--outlet", "plain", "brief.toml", "-o", "plain.pdf"], dir.path());
    assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
    assert!(String::from_utf8_lossy(&plain.stderr).contains("warning[W0114/missing-glyph]"));
}

#[test]
fn outlet_new_writes_settings_that_name_the_new_outlet_and_keep_every_other_comment() {
    let dir = tempfile::tempdir().unwrap();
    for from in ["default", "modern", "sober"] {
        let name = format!("desk-{from}");
        let output = mujaz(&["outlet", "new", &name, "--from", from, "--templates", "t"], dir.path());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let written = fs::read_to_string(dir.path().join("t").join(&name).join("outlet.toml")).unwrap();
        let builtin = fs::read_to_string(root().join("templates").join(from).join("outlet.toml")).unwrap();
        let start = format!(
            "# Outlet `{name}`, started from mujaz's built-in `{from}` outlet.\n# Settings here override those of `{from}`"
        );
        assert!(written.starts_with(&start), "{written}");
        let outlet_table = format!(
            "[outlet]\nbase = \"{from}\"\nname = {{ ar = \"{name}\", en = \"{name}\" }}\n# logo = \"logo.svg\"\n\n"
        );
        assert!(written.contains(&outlet_table), "{written}");
        assert_eq!(written.matches("[outlet]").count(), 1, "{written}");
        assert_eq!(written.matches("# logo = ").count(), 1, "{written}");
        // The built-in outlet's description (inside its [outlet] table) is not the new one's.
        let description = format!("# The {from} outlet");
        assert!(!written.contains(&description) || from == "default", "{written}");
        // Every comment outside the built-in's [outlet] table is kept, in order.
        let after_outlet = builtin.split("\n[").skip(1).filter(|t| !t.starts_with("outlet]"));
        for table in after_outlet {
            let table = format!("[{table}");
            assert!(written.contains(table.trim_end()), "lost:\n{table}\nin:\n{written}");
        }
    }
    // A brief builds with the new outlet.
    fs::write(
        dir.path().join("brief.toml"),
        fs::read_to_string(english_brief()).unwrap().edited("lang = \"en\"", "lang = \"en\"\noutlet = \"desk-sober\""),
    )
    .unwrap();
    let output = mujaz(&["check", "--templates", "t", "brief.toml"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// The JSON diagnostics `mujaz` prints for `args`, without the `brief` a build's records also
/// name, so that check's and build's can be compared.
fn json_records(args: &[&str], dir: &Path) -> Vec<serde_json::Value> {
    let stdout = String::from_utf8_lossy(&mujaz(args, dir).stdout).into_owned();
    let mut records: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    records.iter_mut().for_each(|r| drop(r.as_object_mut().unwrap().remove("brief")));
    records
}

/// A desk whose `templates/lateef` is the gallery's outlet with its own font (SIL's Lateef).
fn desk_with_lateef(dir: &Path) {
    let from = root().join("docs/gallery/outlets/lateef");
    for entry in walkdir::WalkDir::new(&from).into_iter().filter_map(|e| e.ok()).filter(|e| e.file_type().is_file()) {
        let target = dir.join("templates/lateef").join(entry.path().strip_prefix(&from).unwrap());
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(entry.path(), target).unwrap();
    }
}

/// The names of the fonts a PDF embeds.
fn embedded_font_names(pdf: &Path) -> Vec<String> {
    let document = lopdf::Document::load(pdf).unwrap();
    document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor"))
        .filter_map(|dict| dict.get(b"FontName").ok()?.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned()))
        .collect()
}

#[test]
fn an_outlet_brings_its_own_font_which_is_used_embedded_and_counted_as_drawing_its_letters() {
    let dir = tempfile::tempdir().unwrap();
    desk_with_lateef(dir.path());
    // U+08A1 (beh with hamza above): Lateef draws it, the embedded fonts do not.
    let text = fs::read_to_string(seed_brief()).unwrap().edited("title = \"", "title = \"\u{08A1} ");
    fs::write(dir.path().join("default.toml"), &text).unwrap();
    fs::write(dir.path().join("lateef.toml"), text.edited("outlet = \"default\"", "outlet = \"lateef\"")).unwrap();

    let default = mujaz(&["check", "default.toml"], dir.path());
    assert!(String::from_utf8_lossy(&default.stderr).contains("no embedded font can draw `\u{08A1}` (U+08A1)"));
    let lateef = mujaz(&["build", "lateef.toml", "-o", "lateef.pdf"], dir.path());
    let stderr = String::from_utf8_lossy(&lateef.stderr);
    assert!(lateef.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let fonts = embedded_font_names(&dir.path().join("lateef.pdf"));
    assert!(fonts.iter().any(|f| f.ends_with("+Lateef-Regular")), "{fonts:?}");
    assert!(fonts.iter().any(|f| f.ends_with("+Lateef-Bold")), "{fonts:?}");
    // Its print version too: PDF/A-2b is satisfied by the outlet's font.
    let print = mujaz(&["build", "--print", "lateef.toml", "-o", "print.pdf"], dir.path());
    assert!(print.status.success(), "{}", String::from_utf8_lossy(&print.stderr));

    let list = mujaz(&["outlet", "list"], dir.path());
    assert!(String::from_utf8_lossy(&list.stdout).contains("lateef\ttemplates/lateef\tfonts: Lateef"));
}

#[test]
fn an_outlet_font_must_be_a_font_and_should_bring_its_licence() {
    let dir = tempfile::tempdir().unwrap();
    desk_with_lateef(dir.path());
    let text =
        fs::read_to_string(english_brief()).unwrap().edited("lang = \"en\"", "lang = \"en\"\noutlet = \"lateef\"");
    fs::write(dir.path().join("brief.toml"), text).unwrap();

    fs::remove_file(dir.path().join("templates/lateef/fonts/OFL.txt")).unwrap();
    let output = mujaz(&["build", "brief.toml"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning[W0118/font-without-licence]: templates/lateef/fonts: the outlet's fonts come without a licence file"), "{stderr}");

    fs::write(dir.path().join("templates/lateef/fonts/Fake.ttf"), "not a font").unwrap();
    let output = mujaz(&["check", "brief.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "error[E0113/bad-value]: templates/lateef/fonts/Fake.ttf: this is not a font mujaz can lay out with"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("there is no font family"), "a follow-on error:\n{stderr}");
    // Too many font files: that one error, not one more for every family the outlet names.
    fs::remove_file(dir.path().join("templates/lateef/fonts/Fake.ttf")).unwrap();
    for n in 0..32 {
        let copy = dir.path().join(format!("templates/lateef/fonts/Lateef-{n}.ttf"));
        fs::copy(dir.path().join("templates/lateef/fonts/Lateef-Regular.ttf"), copy).unwrap();
    }
    let output = mujaz(&["check", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("an outlet may bring at most 32 font files, this one has 34"), "{stderr}");
    assert!(!stderr.contains("there is no font family"), "a follow-on error:\n{stderr}");
    for n in 0..32 {
        fs::remove_file(dir.path().join(format!("templates/lateef/fonts/Lateef-{n}.ttf"))).unwrap();
    }
    fs::write(dir.path().join("templates/lateef/fonts/Fake.ttf"), "not a font").unwrap();

    // A font that takes a built-in family's name is not used: said, not silently ignored.
    fs::copy(root().join("fonts/amiri/Amiri-Regular.ttf"), dir.path().join("templates/lateef/fonts/Amiri-Regular.ttf"))
        .unwrap();
    fs::remove_file(dir.path().join("templates/lateef/fonts/Fake.ttf")).unwrap();
    let output = mujaz(&["check", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning[W0121/font-shadowed]: templates/lateef/fonts/Amiri-Regular.ttf"), "{stderr}");

    // Without the font files, the family is unknown where [fonts] names it.
    fs::remove_dir_all(dir.path().join("templates/lateef/fonts")).unwrap();
    let output = mujaz(&["check", "brief.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no font family `Lateef`"));
}

#[test]
fn an_outlet_sets_its_body_size_leading_and_logo_height_without_touching_brief_typ() {
    let dir = tempfile::tempdir().unwrap();
    desk_with_lateef(dir.path());
    let lookup = |outlet: &str| mujaz::Lookup {
        templates: Some(dir.path().join("templates")),
        outlet: Some(outlet.to_string()),
    };
    let body_size = |outlet: &str| -> (f64, f64) {
        let checked = mujaz::check_with(&seed_brief(), &lookup(outlet)).unwrap();
        let compiled = mujaz::render_checked(checked, mujaz::Profile::Screen).unwrap();
        let boxes = compiled.document.text_boxes(0);
        // A word of the news text, and the next line's baseline below it.
        let word = boxes.iter().find(|b| b.text.contains("شهدت")).expect("the news text is on page 1");
        let next = boxes
            .iter()
            .filter(|b| b.baseline > word.baseline + word.size / 2.0 && (b.size - word.size).abs() < 0.01)
            .map(|b| b.baseline)
            .fold(f64::INFINITY, f64::min);
        let logos = compiled.document.image_heights(0);
        match outlet {
            // [outlet] logo-height = "16mm"
            "lateef" => assert!(logos.len() == 1 && (logos[0] - 16.0 * 72.0 / 25.4).abs() < 0.01, "{logos:?}"),
            _ => assert!(logos.is_empty(), "{logos:?}"),
        }
        (word.size, next - word.baseline)
    };
    let (default_size, _) = body_size("default");
    let (lateef_size, lateef_line) = body_size("lateef");
    assert_eq!(default_size, 12.0);
    assert_eq!(lateef_size, 15.0, "[fonts] size = \"15pt\"");
    // 0.8 em more leading puts the next line 0.8 × 15 pt = 12 pt further down.
    let settings = dir.path().join("templates/lateef/outlet.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, text.edited("leading = 0.8", "leading = 1.6")).unwrap();
    let (_, wider_line) = body_size("lateef");
    assert!((wider_line - lateef_line - 12.0).abs() < 0.5, "{wider_line} vs {lateef_line}");

    // The settings are checked like the others.
    fs::write(&settings, text.edited("leading = 0.8", "leading = 9").edited("size = \"15pt\"", "size = \"big\""))
        .unwrap();
    fs::copy(seed_brief(), dir.path().join("brief.toml")).unwrap();
    let output = mujaz(&["check", "--templates", "templates", "--outlet", "lateef", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`fonts.size`: `big` is not a length"), "{stderr}");
    assert!(stderr.contains("`fonts.leading`: the leading is out of range"), "{stderr}");
    // Sizes that would hide the text or push it off the page are refused.
    fs::write(&settings, text.edited("size = \"15pt\"", "size = \"0pt\"").edited("\"16mm\"", "\"5000mm\"")).unwrap();
    let output = mujaz(&["check", "--templates", "templates", "--outlet", "lateef", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`fonts.size`: `0pt` is out of range"), "{stderr}");
    assert!(stderr.contains("give the body text's size: 6pt to 30pt"), "{stderr}");
    assert!(stderr.contains("`outlet.logo-height`: `5000mm` is out of range"), "{stderr}");
}

#[test]
fn the_print_version_names_each_rgb_image_it_carries() {
    let dir = tempfile::tempdir().unwrap();
    let brief = desk_with_outlet(dir.path(), "acme", "[outlet]\nlogo = \"logo.png\"\n");
    let folder = dir.path().join("templates/acme");
    fs::copy(fixture("images/rgb.png"), folder.join("logo.png")).unwrap();
    fs::copy(fixture("images/grey.png"), folder.join("rule.png")).unwrap();
    let name = brief.file_name().unwrap().to_str().unwrap();

    let print = mujaz(&["build", "--print", name, "-o", "print.pdf"], dir.path());
    assert!(print.status.success(), "{}", String::from_utf8_lossy(&print.stderr));
    let stderr = String::from_utf8_lossy(&print.stderr);
    assert!(
        stderr.contains(
            "warning[W0120/rgb-image-in-print]: templates/acme/logo.png: the print version carries this RGB image"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("rule.png"), "a grey image needs no conversion:\n{stderr}");
    let checked = mujaz(&["check", "--print", name], dir.path());
    assert!(String::from_utf8_lossy(&checked.stderr).contains("W0120"), "check --print says it too");

    let screen = mujaz(&["build", name, "-o", "screen.pdf"], dir.path());
    assert!(!String::from_utf8_lossy(&screen.stderr).contains("W0120"), "the screen version is RGB anyway");
}

#[test]
fn a_character_no_font_draws_in_the_outlet_s_own_text_is_found_by_check_and_located() {
    let dir = tempfile::tempdir().unwrap();
    let settings = "[outlet]\nname = { ar = \"نشرة ★\", en = \"Star ★\" }\n\n[labels.ar]\npage = \"صفحة ⌘ {page}\"\n";
    desk_with_outlet(dir.path(), "star", settings);
    let screen = mujaz(&["check", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&screen.stderr);
    assert!(screen.status.success(), "{stderr}");
    assert!(
        stderr
            .contains("warning[W0114/missing-glyph]: no embedded font can draw `★` (U+2605), which the outlet prints")
    );
    assert!(stderr.contains("┌─ templates/star/outlet.toml:2:21"), "{stderr}");
    assert!(stderr.contains("┌─ templates/star/outlet.toml:5:14"), "{stderr}");

    let json = |args: &[&str]| json_records(args, dir.path());
    let checked = json(&["check", "--print", "--message-format", "json", "brief.toml"]);
    let built = json(&["build", "--print", "--message-format", "json", "brief.toml", "-o", "p.pdf"]);
    assert_eq!(checked.len(), 2, "{checked:?}");
    assert!(checked.iter().all(|d| d["code"] == "E0117"), "{checked:?}");
    assert_eq!(checked, built, "check --print reports what build --print does");
    assert!(!dir.path().join("p.pdf").exists());
}

#[test]
fn the_logo_stands_where_logo_position_puts_it() {
    let dir = tempfile::tempdir().unwrap();
    desk_with_lateef(dir.path());
    let settings = dir.path().join("templates/lateef/outlet.toml");
    let original = fs::read_to_string(&settings).unwrap();
    let logo_centre = |position: Option<&str>, brief: &Path| -> (f64, f64) {
        let text = match position {
            Some(p) => {
                original.edited("logo-height = \"16mm\"", &format!("logo-height = \"16mm\"\nlogo-position = \"{p}\""))
            }
            None => original.clone(),
        };
        fs::write(&settings, text).unwrap();
        let lookup = mujaz::Lookup { templates: Some(dir.path().join("templates")), outlet: Some("lateef".into()) };
        let compiled =
            mujaz::render_checked(mujaz::check_with(brief, &lookup).unwrap(), mujaz::Profile::Screen).unwrap();
        let logos = compiled.document.image_boxes(0);
        assert_eq!(logos.len(), 1, "{logos:?}");
        (logos[0].x + logos[0].width / 2.0, compiled.document.page_sizes()[0].0)
    };
    // An Arabic brief starts on the right, an English one on the left.
    for (brief, start_is_right) in [(seed_brief(), true), (english_brief(), false)] {
        let (default, width) = logo_centre(None, &brief);
        let (start, _) = logo_centre(Some("start"), &brief);
        let (center, _) = logo_centre(Some("center"), &brief);
        let (end, _) = logo_centre(Some("end"), &brief);
        assert_eq!(default, start, "start is the default");
        assert!((center - width / 2.0).abs() < 1.0, "centre {center} on a page {width} wide");
        let (right, left) = if start_is_right { (start, end) } else { (end, start) };
        assert!(right > width * 0.75 && left < width * 0.25, "{brief:?}: start {start}, end {end}, page {width}");
    }
    // A position the template does not know is refused where it is written.
    fs::write(&settings, original.edited("logo-height = \"16mm\"", "logo-height = \"16mm\"\nlogo-position = \"left\""))
        .unwrap();
    fs::copy(seed_brief(), dir.path().join("brief.toml")).unwrap();
    let output = mujaz(&["check", "--outlet", "lateef", "brief.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`outlet.logo-position`: `left` is not one of the choices"), "{stderr}");
    assert!(stderr.contains("choose one of: start, center, end"), "{stderr}");
}

#[test]
fn later_pages_carry_the_title_in_their_running_head_cut_to_fit_and_an_outlet_can_turn_it_off() {
    let dir = tempfile::tempdir().unwrap();
    // A title far longer than a head line, to be cut after a whole word.
    let long = "حرب السردية والجغرافيا في شرق المتوسط: كيف تعيد مصر وباكستان رسم خرائط التعاون الدفاعي \
                والتصنيع العسكري وما يعنيه ذلك للمنطقة وللقوى الكبرى في السنوات العشر المقبلة";
    let seed = fs::read_to_string(seed_brief()).unwrap();
    let title_line = seed.lines().find(|l| l.starts_with("title = ")).unwrap().to_string();
    fs::write(dir.path().join("long.toml"), seed.edited(&title_line, &format!("title = \"{long}\""))).unwrap();
    let head = |brief: &Path, lookup: &mujaz::Lookup| -> (String, Vec<mujaz::render::TextBox>, f64) {
        let compiled =
            mujaz::render_checked(mujaz::check_with(brief, lookup).unwrap(), mujaz::Profile::Screen).unwrap();
        assert!(compiled.document.page_count() >= 2);
        // The running head: the runs above the first 60 pt of page 2.
        let boxes: Vec<_> = compiled.document.text_boxes(1).into_iter().filter(|b| b.baseline < 60.0).collect();
        let text = squash(&boxes.iter().map(|b| b.text.as_str()).collect::<String>());
        (text, boxes, compiled.document.page_sizes()[1].0)
    };
    for outlet in ["default", "modern", "sober"] {
        let lookup = mujaz::Lookup { templates: None, outlet: Some(outlet.into()) };
        let (text, _, _) = head(&seed_brief(), &lookup);
        assert!(
            text.contains(&squash("مصر وباكستان: من التدريب المشترك إلى شراكات التصنيع العسكري")),
            "{outlet}: {text}"
        );
        let (text, boxes, width) = head(&dir.path().join("long.toml"), &lookup);
        assert!(text.contains(&squash("حرب السردية والجغرافيا")) && text.contains('…'), "{outlet}: {text}");
        assert!(!text.contains(&squash("السنوات العشر المقبلة")), "{outlet}: the title was not cut: {text}");
        for b in &boxes {
            assert!(b.x >= 0.0 && b.x + b.width <= width, "{outlet}: `{}` leaves the page", b.text);
        }
    }
    // `[page] running-title = false`: the head keeps only the outlet's name and the date.
    let outlet = dir.path().join("templates/plain");
    fs::create_dir_all(&outlet).unwrap();
    fs::write(outlet.join("outlet.toml"), "[outlet]\nbase = \"default\"\n\n[page]\nrunning-title = false\n").unwrap();
    let lookup = mujaz::Lookup { templates: Some(dir.path().join("templates")), outlet: Some("plain".into()) };
    let (text, _, _) = head(&seed_brief(), &lookup);
    assert!(text.contains("موجز") && !text.contains(&squash("مصر وباكستان")), "{text}");
}
