//! `mujaz watch` and `mujaz preview` as an editor uses them: save, see the result; save a
//! mistake, see the problem while the last good version stays. The preview is driven by a real
//! headless browser (Chromium).

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// A running `mujaz` process whose stderr lines arrive on a channel; killed when dropped.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Running {
    fn start(args: &[&str], dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mujaz"))
            .args(args)
            .current_dir(dir)
            .env("MUJAZ_LANG", "en")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start mujaz");
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    /// Wait for a stderr line containing `needle`, returning it.
    fn expect(&self, needle: &str) -> String {
        self.expect_within(needle, Duration::from_secs(20))
    }

    /// Wait up to `time` for a stderr line containing `needle`, returning it.
    fn expect_within(&self, needle: &str, time: Duration) -> String {
        let deadline = Instant::now() + time;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line with `{needle}`; got:\n{}", seen.join("\n"));
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Save a file the way editors do: write a new file and rename it over the old one.
fn save(path: &Path, text: &str) {
    let temporary = path.with_extension("toml.swp");
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, path).unwrap();
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("brief.toml");
    let original = fs::read_to_string(english_brief()).unwrap();
    fs::write(&brief, &original).unwrap();
    let watch = Running::start(&["watch", "brief.toml"], dir.path());
    watch.expect("built brief.toml → brief.pdf");
    let first = fs::read(dir.path().join("brief.pdf")).unwrap();

    save(&brief, &original.edited("Cairo", "Ismailia"));
    watch.expect("built brief.toml → brief.pdf");
    let second = fs::read(dir.path().join("brief.pdf")).unwrap();
    assert_ne!(first, second, "the PDF did not change after the edit");

    save(&brief, &original.edited("date = 2024-12-30", "date = \"soon\""));
    watch.expect("`brief.date` should be a date, not a string");
    watch.expect("the last good PDF is kept");
    assert_eq!(fs::read(dir.path().join("brief.pdf")).unwrap(), second, "a bad save touched the PDF");

    save(&brief, &original);
    watch.expect("built brief.toml → brief.pdf");
    assert_eq!(fs::read(dir.path().join("brief.pdf")).unwrap(), first, "the same brief gave a different PDF");
}

#[test]
fn watch_rebuilds_a_bulletin_when_a_word_changes_in_one_of_its_briefs() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("briefs")).unwrap();
    let brief = dir.path().join("briefs/shipping.toml");
    let original = fs::read_to_string(english_brief()).unwrap();
    fs::write(&brief, &original).unwrap();
    fs::copy(seed_brief(), dir.path().join("briefs/seed.toml")).unwrap();
    let bulletin = "[bulletin]\ntitle = \"Weekly\"\ndate = 2025-09-21\nlang = \"en\"\nbriefs = [\"briefs\"]\n";
    fs::write(dir.path().join("weekly.toml"), bulletin).unwrap();
    let watch = Running::start(&["watch", "weekly.toml"], dir.path());
    // The first build starts with the process, which the browser tests beside it may slow down.
    watch.expect_within("built weekly.toml → weekly.pdf", Duration::from_secs(60));
    let first = fs::read(dir.path().join("weekly.pdf")).unwrap();
    // A brief in another folder than the bulletin's, saved the way editors save.
    save(&brief, &original.edited("Cairo", "Ismailia"));
    watch.expect("built weekly.toml → weekly.pdf");
    let second = fs::read(dir.path().join("weekly.pdf")).unwrap();
    assert_ne!(first, second, "the bulletin did not change after its brief did");
    save(&brief, &original.edited("[news]", "[news]\nplace = 1"));
    watch.expect("unknown key `place`");
    watch.expect("the last good PDF is kept");
    assert_eq!(fs::read(dir.path().join("weekly.pdf")).unwrap(), second, "a bad save touched the bulletin");
    save(&brief, &original);
    watch.expect("built weekly.toml → weekly.pdf");
    // A brief added to the folder the bulletin names joins the issue.
    let pages = |pdf: &[u8]| lopdf::Document::load_mem(pdf).unwrap().get_pages().len();
    let before = pages(&fs::read(dir.path().join("weekly.pdf")).unwrap());
    fs::create_dir_all(dir.path().join("briefs/images")).unwrap();
    fs::copy(root().join("briefs/images/routes.svg"), dir.path().join("briefs/images/routes.svg")).unwrap();
    fs::copy(root().join("briefs/red-sea-routes-2024.toml"), dir.path().join("briefs/routes.toml")).unwrap();
    watch.expect("built weekly.toml → weekly.pdf");
    let after = pages(&fs::read(dir.path().join("weekly.pdf")).unwrap());
    assert!(after > before, "the new brief is not in the bulletin: {before} → {after} pages");
}

/// A template that overflows any stack: comparing a value nested a million deep.
const OVERFLOWING_TEMPLATE: &str = "#let x = (:)\n#for i in range(1000000) { x = (a: x) }\n#(x == x)\n";

/// The English sample as `brief.toml`, laid out by an outlet `own` whose brief.typ is
/// `template`: (the brief, its text, the template file).
fn desk_with_template(dir: &Path, template: &str) -> (PathBuf, String, PathBuf) {
    let text = fs::read_to_string(english_brief()).unwrap().edited("lang = \"en\"", "lang = \"en\"\noutlet = \"own\"");
    let brief = dir.join("brief.toml");
    fs::write(&brief, &text).unwrap();
    fs::create_dir_all(dir.join("templates/own")).unwrap();
    let template_file = dir.join("templates/own/brief.typ");
    fs::write(&template_file, template).unwrap();
    (brief, text, template_file)
}

#[cfg(target_os = "linux")]
#[test]
fn watch_restarts_itself_to_end_a_template_it_had_to_stop() {
    let dir = tempfile::tempdir().unwrap();
    let (brief, text, template) =
        desk_with_template(dir.path(), "#for i in range(1000000) { for j in range(1000000) { } }\n");
    // Long enough for the deep template below to abort before it, even on a busy machine.
    let watch = Running::start(&["watch", "--timeout", "8", "brief.toml"], dir.path());
    watch.expect("took longer than 8 s to lay out the brief");
    watch.expect("restarting the watching process to end the stopped template");
    watch.expect("waiting for a change");
    // Without the spinning layout thread, in any of its processes.
    let threads = thread_names(watch.child.id());
    assert!(!threads.iter().any(|name| name.starts_with("typst ")), "the stopped layout still runs: {threads:?}");
    fs::write(&template, "#let brief = json(\"/brief.json\")\n#brief.keys().len() keys\n").unwrap();
    save(&brief, &text);
    watch.expect("built brief.toml → brief.pdf");

    // A template on which Typst aborts (a stack overflow) ends the watching process; it is
    // started again and follows the next save.
    fs::write(&template, OVERFLOWING_TEMPLATE).unwrap();
    save(&brief, &text);
    watch.expect("the last save ended mujaz (signal 6");
    watch.expect("waiting for a change");
    fs::write(&template, "fixed\n").unwrap();
    save(&brief, &text);
    watch.expect("built brief.toml → brief.pdf");

    // A fix saved while the stopped template still ran is built by the fresh process at
    // once, without another save.
    fs::write(&template, "#for i in range(1000000) { for j in range(1000000) { } }\n").unwrap();
    save(&brief, &text);
    std::thread::sleep(Duration::from_millis(1500));
    fs::write(&template, "fixed again\n").unwrap();
    watch.expect("took longer than 8 s to lay out the brief");
    watch.expect("restarting the watching process");
    watch.expect("built brief.toml → brief.pdf");
}

/// The names of the threads of a process and of all its descendants.
#[cfg(target_os = "linux")]
fn thread_names(pid: u32) -> Vec<String> {
    let mut names = Vec::new();
    let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else { return names };
    for task in tasks.filter_map(Result::ok) {
        names.push(fs::read_to_string(task.path().join("comm")).unwrap_or_default());
        let children = fs::read_to_string(task.path().join("children")).unwrap_or_default();
        for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
            names.extend(thread_names(child));
        }
    }
    names
}

/// A browser to drive: Chromium, as Debian packages it.
fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Some(path) = std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
        {
            return path;
        }
    }
    panic!("the preview test needs Chromium: run ./test.sh, which installs it (apt-get install chromium)");
}

fn browser(args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=4000", "--window-size=1000,1300"])
        .args(args)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The `version` the preview server reports, read over plain HTTP.
fn state(address: &str) -> serde_json::Value {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET /state HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let body = response.split("\r\n\r\n").nth(1).unwrap_or("{}");
    serde_json::from_str::<serde_json::Value>(body).unwrap()
}

fn version(address: &str) -> u64 {
    state(address)["version"].as_u64().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn preview_starts_again_on_the_same_port_when_typst_aborts() {
    let dir = tempfile::tempdir().unwrap();
    let (brief, text, template) = desk_with_template(dir.path(), "fine\n");
    let preview = Running::start(&["preview", "--port", "0", "brief.toml"], dir.path());
    let line = preview.expect("preview of brief.toml at http://127.0.0.1:");
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    let address = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    assert_eq!(version(&address), 1);

    // A value nested a million deep overflows the stack: the preview process dies.
    fs::write(&template, OVERFLOWING_TEMPLATE).unwrap();
    save(&brief, &text);
    preview.expect("the last save ended mujaz (signal 6");
    preview.expect(&format!("at {url}"));
    let shown = state(&address);
    assert!(shown["problems"].as_str().unwrap_or_default().contains("Fix the template"), "{shown}");
    // A version the page has not seen, so that it shows the message.
    let restarted = shown["version"].as_u64().unwrap();
    assert!(restarted > 2, "{shown}");

    fs::write(&template, "fixed\n").unwrap();
    save(&brief, &text);
    wait_for_version(&address, restarted + 1);
    assert!(state(&address)["problems"].is_null());
}

fn wait_for_version(address: &str, wanted: u64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while version(address) < wanted {
        assert!(Instant::now() < deadline, "the preview never reached build {wanted}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn preview_page_shows_the_pages_and_follows_saves_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("brief.toml");
    let original = fs::read_to_string(seed_brief()).unwrap();
    fs::write(&brief, &original).unwrap();
    let preview = Running::start(&["preview", "--port", "0", "brief.toml"], dir.path());
    let line = preview.expect("preview of brief.toml at http://127.0.0.1:");
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    let address = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    assert!(address.starts_with("127.0.0.1:"), "not on loopback: {address}");
    // The preview only shows: anything but GET and HEAD is refused.
    let mut stream = TcpStream::connect(&address).unwrap();
    write!(stream, "POST /state HTTP/1.0\r\nHost: {address}\r\nContent-Length: 0\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.0 405") || response.starts_with("HTTP/1.1 405"), "{response}");

    let dom = browser(&["--dump-dom", &url]);
    assert!(dom.contains("مصر وباكستان: من التدريب المشترك إلى شراكات التصنيع العسكري"), "{dom}");
    // The page speaks the brief's language, whatever the terminal's.
    assert!(dom.contains(r#"<html lang="ar" dir="rtl">"#), "{dom}");
    assert!(dom.contains(r#"<img src="/page/1.svg?v=1" alt="الصفحة 1">"#), "the first page is not shown:\n{dom}");
    assert!(dom.contains(r#"alt="الصفحة 3""#) && !dom.contains(r#"alt="الصفحة 4""#), "{dom}");

    let screenshot = dir.path().join("preview.png");
    browser(&[&format!("--screenshot={}", screenshot.display()), &url]);
    let png = fs::read(&screenshot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "the screenshot is blank ({} bytes)", png.len());
    let _ = fs::copy(&screenshot, root().join("target/preview-screenshot.png"));

    save(&brief, &original.edited("شراكات التصنيع العسكري\"", "شراكات التصنيع الدفاعي\""));
    wait_for_version(&address, 2);
    let dom = browser(&["--dump-dom", &url]);
    assert!(dom.contains("من التدريب المشترك إلى شراكات التصنيع الدفاعي"), "the page did not follow the save:\n{dom}");
    assert!(dom.contains("/page/1.svg?v=2"), "{dom}");

    save(&brief, &original.edited("date = 2025-09-21\nlang", "date = \"أمس\"\nlang"));
    wait_for_version(&address, 3);
    let dom = browser(&["--dump-dom", &url]);
    assert!(
        dom.contains("خطأ [E0104/wrong-type]: يجب أن تكون قيمة <bdi>`brief.date`</bdi> تاريخًا، لا نصًّا"),
        "no problems shown:\n{dom}"
    );
    assert!(dom.contains("<b>تلميح: </b>اكتبها هكذا"), "the hint is not in Arabic:\n{dom}");
    // Values keep their own direction through <bdi>, not through invisible characters that a
    // reader copying the hint would paste into the brief.
    assert!(!dom.contains('\u{2068}') && !dom.contains('\u{2069}'), "isolates in the page:\n{dom}");
    // The problem is marked in its line, which keeps its own direction (carets drawn under
    // right-to-left text would point at the wrong word).
    assert!(dom.contains("<mark>\"أمس\"</mark>"), "the problem is not marked in its line:\n{dom}");
    assert!(dom.contains(r#"<div class="line" dir="auto">date = <mark>"#), "{dom}");
    assert!(dom.contains("brief.toml:9:8"), "{dom}");
    assert!(dom.contains(r#"alt="الصفحة 1""#), "the last good pages are gone:\n{dom}");
}

#[test]
fn preview_page_of_an_english_brief_speaks_english_and_messages_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(english_brief(), dir.path().join("brief.toml")).unwrap();
    let preview = Running::start(&["preview", "--port", "0", "brief.toml"], dir.path());
    let line = preview.expect("preview of brief.toml at http://127.0.0.1:");
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    let dom = browser(&["--dump-dom", &url]);
    assert!(dom.contains(r#"<html lang="en" dir="ltr">"#) && dom.contains(r#"alt="page 1""#), "{dom}");
    drop(preview);

    let preview = Running::start(&["--messages", "ar", "preview", "--port", "0", "brief.toml"], dir.path());
    let line = preview.expect("http://127.0.0.1:");
    assert!(line.starts_with("معاينة"), "the terminal line is not in Arabic: {line}");
    let words = line.split_whitespace().map(|w| w.trim_matches(['\u{2068}', '\u{2069}']));
    let url = words.into_iter().find(|w| w.starts_with("http://")).unwrap().to_string();
    let dom = browser(&["--dump-dom", &url]);
    assert!(dom.contains(r#"<html lang="ar" dir="rtl">"#) && dom.contains(r#"alt="الصفحة 1""#), "{dom}");
}
