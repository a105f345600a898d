//! The web edition (issue 15), read back in headless Chromium: the page is opened from its
//! folder on disk in a 375-pixel frame by a small harness page, whose script
//! reports the article's `innerText`, the page's widths, its links and whether any script of
//! the author's ran.

mod common;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixture, mujaz, seed_text, sentences, squash};

/// What the harness page reports about a web page.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    text: Option<String>,
    scroll_width: u32,
    client_width: u32,
    pwned: bool,
    hrefs: Vec<String>,
    scripts: usize,
    lang: String,
    dir: String,
    fonts_loaded: Vec<String>,
}

const HARNESS: &str = r#"<!DOCTYPE html>
<html><body style="margin:0">
<iframe id="page" src="PAGE" style="width:375px;height:800px;border:0"></iframe>
<pre id="result"></pre>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", async () => {
  const d = frame.contentDocument, w = frame.contentWindow;
  await d.fonts.ready;
  const article = d.querySelector("article");
  document.getElementById("result").textContent = JSON.stringify({
    text: article ? article.innerText : null,
    scrollWidth: d.documentElement.scrollWidth,
    clientWidth: d.documentElement.clientWidth,
    pwned: Boolean(w.__pwned || window.__pwned),
    hrefs: [...d.querySelectorAll("[href]")].map(a => a.getAttribute("href")),
    scripts: d.querySelectorAll("script").length,
    lang: d.documentElement.lang,
    dir: d.documentElement.dir,
    fontsLoaded: [...d.fonts].filter(f => f.status === "loaded").map(f => f.family),
  });
});
</script>
</body></html>"#;

/// The address of `folder` for the browser: the pages are opened straight from disk, as a
/// reader who saved the folder would open them (a local HTTP server in the test process was
/// seen to stall Chromium for minutes on this machine).
fn folder_url(folder: &Path) -> String {
    format!("file://{}", folder.display())
}

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Some(path) = std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
        {
            return path;
        }
    }
    panic!("the web edition's tests need Chromium: run ./test.sh, which installs it (apt-get install chromium)");
}

fn browser(args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    // Chromium's output goes to a file, and only the browser process itself is waited for:
    // its helper processes can hold a pipe open for minutes after it has exited.
    let dump = profile.path().join("dom.html");
    Command::new(chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        // The harness reads the page in its frame: both are files, which Chromium otherwise
        // keeps apart as different origins.
        .arg("--allow-file-access-from-files")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&dump).unwrap())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run chromium");
    std::fs::read_to_string(&dump).unwrap_or_default()
}

/// Build `brief` as a web page into `folder` and open it in the harness.
fn open(brief: &Path, folder: &Path, name: &str) -> Report {
    let page = folder.join(name);
    let built = mujaz(&["build", "--format", "html", brief.to_str().unwrap(), "-o", page.to_str().unwrap()], folder);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    std::fs::write(folder.join("harness.html"), HARNESS.replace("PAGE", name)).unwrap();
    let address = folder_url(folder);
    let dom = browser(&["--virtual-time-budget=8000".into(), "--dump-dom".into(), format!("{address}/harness.html")]);
    let start = dom.find("<pre id=\"result\">").expect("the harness ran") + "<pre id=\"result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|err| panic!("{err}: {json}"))
}

/// Where each sentence of `expected` is found in `text` (squashed), in order; panics on the
/// first one missing or out of order.
fn assert_in_order(text: &str, expected: &[String]) {
    let text = squash(text);
    let mut from = 0;
    for sentence in expected {
        let wanted = squash(sentence);
        match text[from..].find(&wanted) {
            Some(at) => from += at + wanted.len(),
            None => panic!("missing or out of order: {sentence}"),
        }
    }
}

#[test]
fn every_sentence_of_the_seed_is_in_the_page_in_order_and_a_phone_needs_no_sideways_scroll() {
    let folder = tempfile::tempdir().unwrap();
    let report = open(&common::seed_brief(), folder.path(), "seed.html");
    assert_eq!((report.lang.as_str(), report.dir.as_str()), ("ar", "rtl"));
    let text = report.text.expect("the page has an article");
    let seed = sentences(&seed_text());
    assert!(seed.len() >= 19, "{seed:?}");
    assert_in_order(&text, &seed);
    // Every word, too (the sentences' words, in the article's text).
    let seed_words = seed_text();
    let words: Vec<&str> = seed_words.split_whitespace().filter(|w| !w.ends_with(':')).collect();
    let squashed = squash(&text);
    let missing: Vec<&&str> = words.iter().filter(|w| !squashed.contains(*w)).collect();
    assert!(missing.is_empty(), "words missing from the page: {missing:?}");
    assert!(
        report.scroll_width <= report.client_width,
        "at 375 px the page is {} px wide (a sideways scroll)",
        report.scroll_width
    );
    assert_eq!(report.scripts, 0);
    // The embedded fonts reach the browser (as WOFF2, from the shared folder).
    assert!(report.fonts_loaded.iter().any(|f| f == "Amiri"), "{:?}", report.fonts_loaded);
    // Screenshots at a phone's and a desktop's width, for a person to look at.
    let shots = common::root().join("target/web-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    // Straight from disk, as a reader who saved the folder would open it.
    let page = format!("file://{}", folder.path().join("seed.html").display());
    for (width, height) in [(375, 800), (1280, 800)] {
        let shot = shots.join(format!("seed-{width}.png"));
        let _ = std::fs::remove_file(&shot);
        browser(&[
            format!("--window-size={width},{height}"),
            "--hide-scrollbars".into(),
            "--virtual-time-budget=4000".into(),
            format!("--screenshot={}", shot.display()),
            page.clone(),
        ]);
        let png = std::fs::read(&shot).expect("a screenshot");
        assert_eq!(&png[1..4], b"PNG");
        assert!(png.len() > 20_000, "a {width}-px screenshot of {} bytes is nearly blank", png.len());
    }
}

#[test]
fn the_english_sample_reads_left_to_right_with_its_sources_linked_both_ways() {
    let folder = tempfile::tempdir().unwrap();
    let report = open(&common::english_brief(), folder.path(), "english.html");
    assert_eq!((report.lang.as_str(), report.dir.as_str()), ("en", "ltr"));
    let text = report.text.unwrap();
    let mut source = String::new();
    std::fs::File::open(common::english_brief()).unwrap().read_to_string(&mut source).unwrap();
    let title = source.lines().find_map(|l| l.strip_prefix("title = \"")).unwrap().trim_end_matches('"');
    assert!(text.contains(title), "{title}");
    // Each citation links to its source, and the source back to the citation.
    let cites: Vec<&String> = report.hrefs.iter().filter(|h| h.starts_with("#source-")).collect();
    let backs: Vec<&String> = report.hrefs.iter().filter(|h| h.starts_with("#cite-")).collect();
    assert!(!cites.is_empty() && cites.len() == backs.len(), "{:?}", report.hrefs);
    assert!(report.scroll_width <= report.client_width);
}

#[test]
fn author_html_prints_as_text_and_nothing_of_it_runs() {
    let folder = tempfile::tempdir().unwrap();
    let report = open(&fixture("hostile/web.toml"), folder.path(), "hostile.html");
    assert!(!report.pwned, "a script of the author's ran");
    assert_eq!(report.scripts, 0, "the page has a script element");
    assert!(
        report.hrefs.iter().all(|h| !h.trim().to_ascii_lowercase().starts_with("javascript:")
            && !h.trim().to_ascii_lowercase().starts_with("data:")),
        "{:?}",
        report.hrefs
    );
    let text = report.text.unwrap();
    for written in [
        "<script>parent.__pwned = 1</script> and {{ 7 * 7 }}",
        "\"><img src=x onerror=\"parent.__pwned = 1\"> {% raw %} </style><b>bold?</b>",
        "</p><script>parent.__pwned = 1</script>",
        "javascript:parent.__pwned=1 and data:text/html,<script>parent.__pwned=1</script> are only text.",
        "<iframe src=\"javascript:parent.__pwned=1\"></iframe> &amp; &lt; {{ page }} {% include \"web/page.html\" %}",
        "<a href=\"javascript:parent.__pwned=1\">click</a>",
        "<svg onload=\"parent.__pwned=1\">",
        "</title><script>parent.__pwned=1</script>",
    ] {
        assert!(text.contains(written), "not printed as written: {written}\n---\n{text}");
    }
    // The one real link keeps its address, escaped in the HTML and whole in the DOM.
    assert!(report.hrefs.iter().any(|h| h == "https://example.org/?q=<x>&y=\"z\""), "{:?}", report.hrefs);
}

#[test]
fn a_javascript_link_is_refused_where_it_is_written_and_no_page_is_written() {
    let folder = tempfile::tempdir().unwrap();
    let brief = folder.path().join("bad.toml");
    let text = std::fs::read_to_string(fixture("hostile/web.toml"))
        .unwrap()
        .replace("[a real link](https://example.org/?q=<x>&y=\"z\")", "[a link](javascript:alert(1))");
    std::fs::write(&brief, &text).unwrap();
    let built = mujaz(&["build", "--format", "html", "bad.toml"], folder.path());
    assert_eq!(built.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(stderr.contains("bad.toml:18:69"), "{stderr}");
    assert!(!folder.path().join("bad.html").exists());
}

/// The script that runs axe-core on a page and writes the violations into the page, for
/// `--dump-dom` to carry out.
const RUN_AXE: &str = r#"
axe.run(document, { resultTypes: ["violations"] }).then(results => {
  const out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
  })));
  document.body.append(out);
});
"#;

/// One rule axe-core found broken on a page.
#[derive(Debug, serde::Deserialize)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    nodes: Vec<String>,
}

/// axe-core, installed by `./test.sh` with npm.
fn axe_source() -> String {
    let path = common::root().join("target/npm/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("the accessibility test needs axe-core: run ./test.sh, which installs it with npm ({})", path.display())
    })
}

#[test]
fn axe_finds_no_serious_or_critical_violation_on_the_seed_english_v2_bulletin_and_index_pages() {
    let axe = axe_source();
    let folder = tempfile::tempdir().unwrap();
    let root = common::root();
    let built = mujaz(
        &["site", root.join("briefs").to_str().unwrap(), root.join("bulletins").to_str().unwrap(), "-o", "site"],
        folder.path(),
    );
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let site = folder.path().join("site");
    std::fs::write(site.join("axe.min.js"), axe).unwrap();
    std::fs::write(site.join("run-axe.js"), RUN_AXE).unwrap();
    let address = folder_url(&site);
    let pages = [
        "egypt-pakistan-2025-09.html",
        "red-sea-shipping-2024.html",
        "red-sea-routes-2024.html",
        "daily-2025-09-21.html",
        "index.html",
    ];
    let mut found = Vec::new();
    for page in pages {
        // The page as built, with axe-core added: its policy forbids every script, axe's too,
        // so the copy under test drops the policy line and nothing else.
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        let policy_start = html.find("<meta http-equiv=\"Content-Security-Policy\"").expect("a policy");
        let policy_end = policy_start + html[policy_start..].find('>').unwrap() + 1;
        let tested = format!("{}{}", &html[..policy_start], &html[policy_end..])
            .replace("</body>", "<script src=\"axe.min.js\"></script><script src=\"run-axe.js\"></script></body>");
        let copy = format!("axe-{page}");
        std::fs::write(site.join(&copy), tested).unwrap();
        let dom = browser(&[
            "--window-size=375,800".into(),
            "--virtual-time-budget=20000".into(),
            "--dump-dom".into(),
            format!("{address}/{copy}"),
        ]);
        let start = dom.find("<pre id=\"axe-result\">").unwrap_or_else(|| panic!("axe-core did not finish on {page}"))
            + "<pre id=\"axe-result\">".len();
        let end = start + dom[start..].find("</pre>").unwrap();
        let json =
            dom[start..end].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        let violations: Vec<Violation> = serde_json::from_str(&json).unwrap_or_else(|err| panic!("{err}: {json}"));
        for violation in violations {
            if matches!(violation.impact.as_deref(), Some("serious" | "critical")) {
                found.push(format!(
                    "{page}: {} ({}): {} at {:?}",
                    violation.id,
                    violation.impact.unwrap_or_default(),
                    violation.help,
                    violation.nodes
                ));
            }
        }
    }
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
}
