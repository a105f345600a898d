//! `mujaz site` (issue 15): the archive of `briefs/` and `bulletins/` — a page and a PDF per
//! brief and bulletin, an index, an Atom feed, relative links only, unchanged briefs skipped.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use common::{mujaz, root};

/// A desk like the repository's: its sample briefs (and their images) and its bulletin.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["briefs", "briefs/images", "bulletins"] {
        fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    for file in ["egypt-pakistan-2025-09.toml", "red-sea-routes-2024.toml", "red-sea-shipping-2024.toml"] {
        fs::copy(root().join("briefs").join(file), dir.path().join("briefs").join(file)).unwrap();
    }
    fs::copy(root().join("briefs/images/routes.svg"), dir.path().join("briefs/images/routes.svg")).unwrap();
    fs::copy(root().join("bulletins/daily-2025-09-21.toml"), dir.path().join("bulletins/daily-2025-09-21.toml"))
        .unwrap();
    dir
}

fn site(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["site", "briefs", "bulletins", "-o", "site"];
    args.extend(extra);
    mujaz(&args, dir)
}

/// The `href` (or `src`) values of an HTML file, unescaped.
fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let attribute = format!(" {attribute}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&attribute) {
        rest = &rest[at + attribute.len()..];
        let end = rest.find('"').unwrap();
        found.push(unescape(&rest[..end]));
        rest = &rest[end..];
    }
    found
}

fn links(html: &str) -> Vec<String> {
    attribute_values(html, "href")
}

fn unescape(text: &str) -> String {
    text.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Where a relative link from a file in `folder` leads, or `None` if it leaves the folder.
fn inside(folder: &Path, link: &str) -> Option<PathBuf> {
    let path = link.split(['#', '?']).next().unwrap();
    if path.starts_with('/') || path.contains(':') {
        return None;
    }
    let mut depth = 0usize;
    for component in Path::new(path).components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(folder.join(path))
}

#[test]
fn the_site_of_the_samples_has_a_feed_entry_per_brief_an_index_of_every_page_and_pdf_and_no_link_out() {
    let dir = desk();
    let output = site(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("site/index.html and site/feed.xml now list 4 entries"), "{stderr}");
    let folder = dir.path().join("site");

    // The feed parses as Atom and has one entry per brief, each with its page and its PDF.
    let xml = fs::read_to_string(folder.join("feed.xml")).unwrap();
    let feed = atom_syndication::Feed::from_str(&xml).expect("the feed parses as Atom");
    assert_eq!(feed.entries().len(), 3, "{xml}");
    let ids: BTreeSet<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), 3, "entry ids are unique: {ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("urn:uuid:")), "{ids:?}");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert!(titles.contains(&"مصر وباكستان: من التدريب المشترك إلى شراكات التصنيع العسكري"), "{titles:?}");
    for entry in feed.entries() {
        let hrefs: Vec<(&str, Option<&str>)> =
            entry.links().iter().map(|link| (link.href(), link.mime_type())).collect();
        let page = hrefs.iter().find(|(_, kind)| *kind == Some("text/html")).expect("a page link").0;
        let pdf = hrefs.iter().find(|(_, kind)| *kind == Some("application/pdf")).expect("a PDF link").0;
        for href in [page, pdf] {
            let target = inside(&folder, href).unwrap_or_else(|| panic!("{href} leaves the folder"));
            assert!(target.is_file(), "{href} is not in the site");
        }
        assert!(fs::read(folder.join(pdf)).unwrap().starts_with(b"%PDF-"));
    }
    assert_eq!(feed.updated().to_rfc3339(), "2025-09-21T00:00:00+00:00", "the newest brief's day, not the clock");
    for link in feed.links() {
        assert!(inside(&folder, link.href()).is_some_and(|p| p.is_file()), "{}", link.href());
    }

    // The index links every brief's and the bulletin's page and PDF, newest first.
    let index = fs::read_to_string(folder.join("index.html")).unwrap();
    let index_links = links(&index);
    for name in ["egypt-pakistan-2025-09", "red-sea-routes-2024", "red-sea-shipping-2024", "daily-2025-09-21"] {
        for extension in ["html", "pdf"] {
            let file = format!("{name}.{extension}");
            assert!(index_links.contains(&file), "the index does not link {file}: {index_links:?}");
            assert!(folder.join(&file).is_file(), "{file} was not built");
        }
    }
    let seed_at = index.find("egypt-pakistan-2025-09.html").unwrap();
    let red_sea_at = index.find("red-sea-shipping-2024.html").unwrap();
    assert!(seed_at < red_sea_at, "newest first");
    assert!(index.contains("application/atom+xml"), "the index names its feed");

    // No page, index or stylesheet links out of the folder: every address is relative and
    // leads to a file of the site; only the briefs' own sources are http(s) addresses.
    let mut pages = 0;
    for entry in fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = fs::read_to_string(&path).unwrap();
        assert!(unescape(&html).contains("default-src 'none'"), "{} has no Content-Security-Policy", path.display());
        let is_index = path.ends_with("index.html");
        let srcs = attribute_values(&html, "src");
        for link in links(&html).into_iter().chain(srcs.iter().cloned()) {
            if link.starts_with('#') {
                continue;
            }
            // A brief's sources are the only addresses elsewhere: links a reader follows,
            // never anything the page loads.
            if link.starts_with("https://") || link.starts_with("http://") {
                assert!(!is_index && !srcs.contains(&link), "{link} in {}", path.display());
                continue;
            }
            let target =
                inside(&folder, &link).unwrap_or_else(|| panic!("{link} in {} leaves the folder", path.display()));
            assert!(target.is_file(), "{link} in {} is missing", path.display());
        }
    }
    assert_eq!(pages, 5, "four pages and the index");
    let css: Vec<PathBuf> = common::files_with_extension(&folder.join("mujaz-assets"), "css");
    assert_eq!(css.len(), 1);
    let stylesheet = fs::read_to_string(&css[0]).unwrap();
    for font in stylesheet.split("url(\"").skip(1) {
        let address = &font[..font.find('"').unwrap()];
        assert!(css[0].parent().unwrap().join(address).is_file(), "{address}");
    }
}

#[test]
fn a_second_run_skips_every_unchanged_brief_and_rewrites_nothing() {
    let dir = desk();
    assert!(site(dir.path(), &[]).status.success());
    let folder = dir.path().join("site");
    let before: Vec<(PathBuf, std::time::SystemTime)> = common::files_with_extension(&folder, "html")
        .into_iter()
        .chain(common::files_with_extension(&folder, "pdf"))
        .chain([folder.join("feed.xml")])
        .map(|path| {
            let modified = fs::metadata(&path).unwrap().modified().unwrap();
            (path, modified)
        })
        .collect();
    let output = site(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("built 0 of 4 briefs, 4 unchanged"), "{stderr}");
    assert!(stderr.contains("site/index.html and site/feed.xml unchanged (4 entries)"), "{stderr}");
    for (path, modified) in before {
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified, "{} was rewritten", path.display());
    }
    // One brief edited: only it is rebuilt, and the index shows its new title.
    let brief = dir.path().join("briefs/red-sea-shipping-2024.toml");
    let text = fs::read_to_string(&brief).unwrap();
    let edited = text.replacen("title = \"Red Sea disruption:", "title = \"Red Sea diversions:", 1);
    assert_ne!(text, edited);
    fs::write(&brief, edited).unwrap();
    let output = site(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("built 2 of 4 briefs, 2 unchanged"), "the brief and the bulletin naming it: {stderr}");
    assert!(fs::read_to_string(folder.join("index.html")).unwrap().contains("Red Sea diversions:"));
}

#[test]
fn a_bad_brief_fails_alone_and_the_index_lists_the_good_ones() {
    let dir = desk();
    fs::remove_file(dir.path().join("bulletins/daily-2025-09-21.toml")).unwrap();
    let bad = dir.path().join("briefs/red-sea-shipping-2024.toml");
    let text = fs::read_to_string(&bad).unwrap().replacen("lang = \"en\"", "lang = \"fr\"", 1);
    fs::write(&bad, text).unwrap();
    let output = site(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("red-sea-shipping-2024.toml:"), "{stderr}");
    assert!(stderr.contains("now list 2 entries"), "{stderr}");
    let folder = dir.path().join("site");
    assert!(!folder.join("red-sea-shipping-2024.html").exists());
    assert!(!folder.join("red-sea-shipping-2024.pdf").exists());
    let feed = atom_syndication::Feed::from_str(&fs::read_to_string(folder.join("feed.xml")).unwrap()).unwrap();
    assert_eq!(feed.entries().len(), 2);
}

#[test]
fn the_print_version_is_not_a_sites_pdf() {
    let dir = desk();
    let output = site(dir.path(), &["--print"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("mujaz build --print"));
    assert!(!dir.path().join("site").exists());
}

#[test]
fn with_a_base_url_every_pdf_page_links_to_the_briefs_web_page_and_the_print_version_carries_its_qr_code() {
    let dir = desk();
    assert!(mujaz(&["outlet", "new", "desk"], &dir.path().join("briefs")).status.success());
    let settings = dir.path().join("briefs/templates/desk/outlet.toml");
    let text = fs::read_to_string(&settings).unwrap();
    let edited = text.replacen("base-url = \"\"", "base-url = \"https://briefs.example.org/archive\"", 1);
    assert_ne!(text, edited);
    fs::write(&settings, edited).unwrap();
    let address = "https://briefs.example.org/archive/egypt-pakistan-2025-09.html";
    let brief = "briefs/egypt-pakistan-2025-09.toml";

    // The screen PDF: the address on every page's footer, as a link.
    let built = mujaz(&["build", "--outlet", "desk", brief, "-o", "screen.pdf"], dir.path());
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let pdf = fs::read(dir.path().join("screen.pdf")).unwrap();
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = document.get_pages().len();
    for (number, page) in document.get_pages() {
        let linked = document.get_page_annotations(page).unwrap().iter().any(|annotation| {
            annotation
                .get(b"A")
                .and_then(|action| document.dereference(action))
                .and_then(|(_, action)| action.as_dict())
                .and_then(|action| action.get(b"URI"))
                .and_then(|uri| uri.as_str())
                .is_ok_and(|uri| uri == address.as_bytes())
        });
        assert!(linked, "page {number} does not link to the web page");
    }
    let text = Command::new("pdftotext").arg(dir.path().join("screen.pdf")).arg("-").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&text.stdout).matches(address).count(), pages);

    // The print version's last page: a QR code that reads back as the address.
    let built = mujaz(
        &["build", "--outlet", "desk", "--print", "--format", "png", "--ppi", "200", brief, "-o", "print"],
        dir.path(),
    );
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let last = dir.path().join(format!("print-{pages}.png"));
    let image = image::open(&last).unwrap_or_else(|err| panic!("{}: {err}", last.display())).to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let codes: Vec<String> =
        prepared.detect_grids().iter().filter_map(|grid| grid.decode().ok()).map(|(_, text)| text).collect();
    assert_eq!(codes, [address], "the print version's QR code");

    // The site's page names the same address as its own.
    let output = mujaz(&["site", "--outlet", "desk", brief, "-o", "site"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = fs::read_to_string(dir.path().join("site/egypt-pakistan-2025-09.html")).unwrap();
    assert!(unescape(&page).contains(&format!("<link rel=\"canonical\" href=\"{address}\">")), "{page}");
}

/// `mujaz site` over the two v2 fixtures (drafts, embargoed until 2024-12-31 06:00+02:00 and
/// 2025-09-22 06:00+03:00) with the clock set to `epoch`.
fn unready_site(dir: &Path, epoch: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["site", "in", "-o", "site"];
    args.extend(extra);
    Command::new(env!("CARGO_BIN_EXE_mujaz"))
        .args(&args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env("MUJAZ_LANG", "en")
        .output()
        .unwrap()
}

#[test]
fn drafts_and_briefs_still_under_embargo_are_flagged_and_kept_off_the_site_when_warnings_are_denied() {
    let dir = tempfile::tempdir().unwrap();
    let copied = copy_folder(&root().join("tests/fixtures/v2"), &dir.path().join("in"));
    assert!(copied >= 2);
    // An hour before the first embargo ends (2024-12-31 04:00 UTC).
    let output = unready_site(dir.path(), "1735614000", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("warning[W0130/unready-on-site]: this brief is a draft").count(), 2, "{stderr}");
    assert!(stderr.contains("in/egypt-pakistan-v2.toml:6:10"), "{stderr}");
    assert!(
        stderr.contains("warning[W0130/unready-on-site]: this brief is embargoed until 2024-12-31 06:00+02:00"),
        "{stderr}"
    );
    assert!(stderr.contains("in/red-sea-v2.toml:6:11"), "{stderr}");
    assert_eq!(stderr.matches("embargoed until").count(), 2, "{stderr}");
    // A second after 06:00+02:00 (04:00:01 UTC) the first has ended, whatever the clock's zone.
    let output = unready_site(dir.path(), "1735617601", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("embargoed until").count(), 1, "{stderr}");
    assert!(stderr.contains("embargoed until 2025-09-22 06:00+03:00"), "{stderr}");
    // Once both have ended (2025-09-23), only the drafts are flagged.
    let output = unready_site(dir.path(), "1758600000", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("embargoed until"), "{stderr}");
    assert_eq!(stderr.matches("W0130").count(), 2, "{stderr}");

    // Denied warnings: neither brief reaches the site, not even its PDF.
    let fresh = tempfile::tempdir().unwrap();
    copy_folder(&root().join("tests/fixtures/v2"), &fresh.path().join("in"));
    let output = unready_site(fresh.path(), "1735614000", &["--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!fresh.path().join("site").exists(), "something was published");
}

/// Copy a folder's files and sub-folders; how many files were copied.
fn copy_folder(from: &Path, to: &Path) -> usize {
    let mut copied = 0;
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copied += copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
            copied += 1;
        }
    }
    copied
}

#[test]
fn one_html_batch_of_briefs_in_several_outlets_gives_each_page_its_own_outlet_s_stylesheet() {
    // The pages of a batch share each outlet's templates and stylesheet: the sharing must
    // never hand one outlet's to another's briefs.
    let dir = tempfile::tempdir().unwrap();
    let english = fs::read_to_string(root().join("briefs/red-sea-shipping-2024.toml")).unwrap();
    for outlet in ["default", "modern", "sober"] {
        let text = english.replacen("lang = \"en\"", &format!("lang = \"en\"\noutlet = \"{outlet}\""), 1);
        assert_ne!(text, english, "the outlet line was not added");
        fs::write(dir.path().join(format!("{outlet}.toml")), text).unwrap();
    }
    let output =
        mujaz(&["build", "--format", "html", "default.toml", "modern.toml", "sober.toml", "-o", "out"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for outlet in ["default", "modern", "sober"] {
        let page = fs::read_to_string(dir.path().join("out").join(format!("{outlet}.html"))).unwrap();
        let sheets: Vec<String> = links(&page).into_iter().filter(|link| link.ends_with(".css")).collect();
        assert_eq!(sheets.len(), 1, "{outlet}: {sheets:?}");
        assert!(sheets[0].starts_with(&format!("mujaz-assets/{outlet}.")), "{outlet}: {sheets:?}");
        assert!(dir.path().join("out").join(&sheets[0]).is_file(), "{outlet}: {} missing", sheets[0]);
    }
}
