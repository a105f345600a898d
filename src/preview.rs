//! `mujaz preview`: a page on this machine (loopback only) that shows a brief's pages as SVG
//! and follows every save, showing the problems of a broken save above the last good pages.

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use tiny_http::{Header, Response, Server};

use crate::brief::Lang;
use crate::diag::{Diagnostic, Failed};
use crate::export;
use crate::messages::Language;
use crate::msg;
use crate::options::{Lookup, Profile};
use crate::outlet::Outlets;
use crate::pipeline::{Checking, check_in, render_checked};
use crate::watch::{Changes, Resume};

/// What the page shows: the last good pages, and the problems of the latest build if any.
#[derive(Default)]
struct State {
    /// Bumped on every build, so the page knows when to reload.
    version: u64,
    /// The brief's title as plain text.
    title: String,
    /// The last good build's pages, as SVG.
    pages: Vec<String>,
    /// The latest build's diagnostics as text, when it failed (or warned).
    problems: Option<String>,
    /// The same diagnostics, each apart, for the page to lay out.
    diagnostics: Vec<serde_json::Value>,
    /// The language the page speaks in.
    language: Option<Language>,
}

/// A running preview server.
pub struct Preview {
    server: Arc<Server>,
    state: Arc<Mutex<State>>,
    /// The language the page was asked to speak in; by default, the brief's.
    language: Option<Language>,
}

impl Preview {
    /// Bind to `127.0.0.1:port` (0 picks a free port) and build the brief once; after a
    /// restart (the last build failed beyond recovery), wait for the next save instead. The
    /// page speaks `language`, or else the brief's language.
    pub fn start(
        brief: &std::path::Path,
        lookup: &Lookup,
        profile: Profile,
        port: u16,
        restarted: bool,
        language: Option<Language>,
    ) -> anyhow::Result<Self> {
        if !brief.is_file() {
            anyhow::bail!("{}", msg!("preview-not-a-brief", brief = brief.display().to_string()));
        }
        let server = Server::http(("127.0.0.1", port))
            .map_err(|err| anyhow::anyhow!("{err}"))
            .with_context(|| msg!("preview-cannot-start").to_string())?;
        let state = State { language: Some(language.unwrap_or_else(|| sniff_language(brief))), ..State::default() };
        let preview = Self { server: Arc::new(server), state: Arc::new(Mutex::new(state)), language };
        if !restarted {
            preview.rebuild(brief, lookup, profile);
        } else if let Ok(mut state) = preview.state.lock() {
            // Beyond any version the page saw before the restart, so that it shows this.
            state.version = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1_000_000, |d| d.as_millis() as u64);
            let language = state.language.unwrap_or(Language::Ar);
            state.problems = Some(msg!("preview-template-stopped").render(language));
        }
        Ok(preview)
    }

    /// The address to open in a browser.
    pub fn url(&self) -> String {
        match self.server.server_addr().to_ip() {
            Some(addr) => format!("http://{addr}/"),
            None => "http://127.0.0.1/".into(),
        }
    }

    /// Rebuild the brief and publish its pages or its problems; returns the problems' text.
    pub fn rebuild(&self, brief: &std::path::Path, lookup: &Lookup, profile: Profile) -> Option<String> {
        let result = lay_out(brief, lookup, profile);
        crate::render::forget_stale_work();
        self.publish(brief, result)
    }

    /// Publish laid-out pages or the problems that stopped them; returns the problems' text.
    fn publish(&self, brief: &std::path::Path, result: Result<Shown, Failed>) -> Option<String> {
        let Ok(mut state) = self.state.lock() else { return None };
        state.version += 1;
        let as_text =
            |diagnostics: &[Diagnostic]| diagnostics.iter().map(|d| d.to_text()).collect::<Vec<_>>().join("\n");
        let diagnostics = match result {
            Ok(shown) => {
                state.language = Some(self.language.unwrap_or(match shown.lang {
                    Lang::Ar => Language::Ar,
                    Lang::En => Language::En,
                }));
                state.title = shown.title;
                state.pages = export::svg_pages(&shown.document);
                shown.warnings
            }
            Err(failed) => {
                state.language = Some(self.language.unwrap_or_else(|| sniff_language(brief)));
                failed.0
            }
        };
        let language = state.language.unwrap_or(Language::Ar);
        state.diagnostics = diagnostics.iter().map(|d| for_the_page(d, language)).collect();
        // The terminal speaks the editor's language; the page its own.
        state.problems = (!diagnostics.is_empty()).then(|| as_text(&diagnostics));
        state.problems.clone()
    }

    /// Answer requests on a background thread until the process ends.
    pub fn serve_in_background(&self) {
        let server = Arc::clone(&self.server);
        let state = Arc::clone(&self.state);
        std::thread::spawn(move || {
            let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(0);
            for request in server.incoming_requests() {
                // Answer only requests addressed to this machine, so that a web page elsewhere
                // cannot reach the preview through a name that points here (DNS rebinding).
                let host =
                    request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
                let local = host.as_deref().is_none_or(|host| {
                    [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")]
                        .iter()
                        .any(|h| h == host)
                });
                let read_only = matches!(request.method(), tiny_http::Method::Get | tiny_http::Method::Head);
                let response = if !local {
                    text_response(403, "text/plain; charset=utf-8", "forbidden".into())
                } else if !read_only {
                    text_response(405, "text/plain; charset=utf-8", "the preview is read-only".into())
                } else {
                    respond(request.url(), &state)
                };
                let _ = request.respond(response);
            }
        });
    }

    /// Rebuild on every change to the brief or its outlet, forever; `ready` is called once
    /// saves are being watched.
    pub fn follow(
        &self,
        brief: &std::path::Path,
        lookup: &Lookup,
        profile: Profile,
        resume: Resume<'_>,
        ready: impl FnOnce(),
        mut on_build: impl FnMut(Option<String>),
    ) -> anyhow::Result<()> {
        let changes = Changes::new(brief, lookup)?;
        // Only now is every later save noticed.
        ready();
        let record = |changes: &Changes| {
            if let Some(file) = resume.built_state {
                changes.record_build(file);
            }
        };
        // A fix saved while the failed build ran is built at once.
        let missed = resume.restarted && resume.built_state.is_some_and(|file| changes.changed_since_recorded(file));
        let mut rebuild = || {
            let result = lay_out(brief, lookup, profile);
            crate::render::forget_stale_work();
            // Followed before the pages are shown, so that a save made as soon as the editor
            // sees them is noticed; a failed build keeps following what the last good one was
            // made from.
            if let Ok(shown) = &result {
                changes.follow(&shown.inputs);
            }
            on_build(self.publish(brief, result));
        };
        if missed {
            record(&changes);
            rebuild();
        } else if !resume.restarted {
            record(&changes);
        }
        while changes.wait() {
            record(&changes);
            rebuild();
            if crate::guard::abandoned() {
                // The stopped template still runs on its thread; only ending the process stops it.
                anyhow::bail!("{}", msg!("preview-abandoned"));
            }
        }
        Ok(())
    }
}

/// Pages ready to show, and what they were made from.
struct Shown {
    /// The language of the brief (or of the bulletin's cover).
    lang: Lang,
    /// The title, for the page's title.
    title: String,
    /// The pages.
    document: crate::render::Document,
    /// Warnings from checking and from the template.
    warnings: Vec<Diagnostic>,
    /// The files the pages were made from.
    inputs: Vec<std::path::PathBuf>,
}

/// Check and lay out a brief, or a bulletin with every brief in it.
fn lay_out(path: &std::path::Path, lookup: &Lookup, profile: Profile) -> Result<Shown, Failed> {
    if crate::pipeline::bulletin::is_bulletin_file(path) {
        use crate::pipeline::bulletin::{check_bulletin, render_bulletin_checked};
        let checked = check_bulletin(path, lookup, profile)?;
        let inputs = checked.inputs();
        let compiled = render_bulletin_checked(checked, profile)?;
        let title = crate::brief::inline::plain_text(&compiled.bulletin.title);
        let lang = compiled.bulletin.lang;
        return Ok(Shown { lang, title, document: compiled.document, warnings: compiled.warnings, inputs });
    }
    let checking = Checking { lookup, profile, outlets: &Outlets::default() };
    let checked = check_in(path, &checking)?;
    let inputs = checked.inputs();
    let compiled = render_checked(checked, profile)?;
    let title = compiled.brief.title_text();
    Ok(Shown { lang: compiled.brief.lang, title, document: compiled.document, warnings: compiled.warnings, inputs })
}

/// The language of a brief that did not check: its `lang` if the file says it, else Arabic,
/// the format's default. The file may be too broken to parse, so its lines are read.
fn sniff_language(brief: &std::path::Path) -> Language {
    let text = std::fs::read_to_string(brief).unwrap_or_default();
    let english = text.lines().any(|line| {
        let line = line.trim();
        line.strip_prefix("lang")
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix('='))
            .is_some_and(|value| matches!(value.split('#').next().unwrap_or("").trim(), "\"en\"" | "'en'"))
    });
    if english { Language::En } else { Language::Ar }
}

/// The words of the page around the pages and problems, in its language.
fn page_labels(language: Language) -> serde_json::Value {
    let say = |id: &'static str| crate::messages::Message::new(id).render(language);
    serde_json::json!({
        "lang": language.code(),
        "dir": if language.is_rtl() { "rtl" } else { "ltr" },
        "title": say("preview-title"),
        "hint": say("preview-hint"),
        "build": say("preview-build"),
        "stopped": say("preview-stopped"),
        "page": say("preview-page"),
    })
}

/// A diagnostic as the page shows it, in `language`: its header, where it is, the line with
/// the problem marked, and the hint.
fn for_the_page(diagnostic: &Diagnostic, language: Language) -> serde_json::Value {
    let severity = match diagnostic.is_error() {
        true => msg!("preview-error").render(language),
        false => msg!("preview-warning").render(language),
    };
    let place = match (diagnostic.path.as_deref(), diagnostic.start()) {
        (Some(path), Some((line, column))) => format!("{path}:{line}:{column}"),
        (Some(path), None) => path.to_string(),
        (None, _) => String::new(),
    };
    serde_json::json!({
        "severity": if diagnostic.is_error() { "error" } else { "warning" },
        "header": format!(
            "{severity} [{}/{}]: {}",
            diagnostic.code.id(),
            diagnostic.code.name(),
            diagnostic.message.render_marked(language)
        ),
        "place": place,
        "line": diagnostic.source_line(),
        "hint": diagnostic.hint.as_ref().map(|hint| hint.render_marked(language)),
    })
}

fn respond(url: &str, state: &Mutex<State>) -> Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split('?').next().unwrap_or("/");
    let Ok(state) = state.lock() else {
        return text_response(500, "text/plain; charset=utf-8", "busy".into());
    };
    if path == "/" {
        return text_response(200, "text/html; charset=utf-8", PAGE.to_string());
    }
    if path == "/state" {
        let body = serde_json::json!({
            "version": state.version,
            "title": state.title,
            "pages": state.pages.len(),
            "problems": state.problems,
            "diagnostics": state.diagnostics,
            "labels": page_labels(state.language.unwrap_or(Language::Ar)),
        });
        return text_response(200, "application/json", body.to_string());
    }
    let page = path.strip_prefix("/page/").and_then(|p| p.strip_suffix(".svg")).and_then(|n| n.parse::<usize>().ok());
    match page.and_then(|n| n.checked_sub(1)).and_then(|i| state.pages.get(i)) {
        Some(svg) => text_response(200, "image/svg+xml", svg.clone()),
        None => text_response(404, "text/plain; charset=utf-8", "no such page".into()),
    }
}

fn text_response(status: u16, content_type: &str, body: String) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body.into_bytes()).with_status_code(status);
    if let Ok(header) = Header::from_bytes("Content-Type", content_type) {
        response.add_header(header);
    }
    if let Ok(header) = Header::from_bytes("Cache-Control", "no-store") {
        response.add_header(header);
    }
    response
}

/// The preview page: polls `/state` and swaps the pages in when the version changes.
const PAGE: &str = r#"<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>mujaz preview</title>
<style>
  body { margin: 0; background: #e8eaed; font: 14px system-ui, sans-serif; }
  header { position: sticky; top: 0; background: #1d3557; color: #fff; padding: 8px 16px; display: flex; gap: 12px; }
  #status { margin-inline-start: auto; opacity: .8; }
  #problems { margin: 16px; padding: 12px; background: #fff4f4; border-inline-start: 4px solid #9b2226; font: 13px ui-monospace, monospace; }
  .problem { margin-bottom: 12px; }
  .problem .header { font-weight: bold; }
  .problem.warning { color: #6b4e00; }
  .problem .place { opacity: .75; }
  .problem .line { margin: 4px 0; padding: 4px 8px; background: #fff; white-space: pre-wrap; unicode-bidi: plaintext; }
  .problem mark { background: #ffd6d6; outline: 1px solid #9b2226; }
  .problem .hint b { font-weight: bold; }
  #pages { display: flex; flex-direction: column; align-items: center; gap: 16px; padding: 16px; }
  #pages img { background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 100%; }
</style>
</head>
<body>
<header><b>mujaz</b><span id="title" dir="auto"></span><span id="status">…</span></header>
<div id="problems" hidden></div>
<main id="pages"></main>
<script>
let version = -1;
let labels = null;
async function poll() {
  try {
    const state = await (await fetch('/state', { cache: 'no-store' })).json();
    labels = state.labels;
    if (state.version !== version) { version = state.version; show(state); }
    document.getElementById('status').textContent = labels.build + ' ' + state.version;
  } catch (e) {
    document.getElementById('status').textContent = labels ? labels.stopped : '×';
  }
  setTimeout(poll, 250);
}
function show(state) {
  // The page speaks the brief's language (or the one asked for with --messages).
  document.documentElement.lang = labels.lang;
  document.documentElement.dir = labels.dir;
  document.title = labels.title;
  document.getElementById('title').textContent = state.title;
  const problems = document.getElementById('problems');
  problems.hidden = !state.problems;
  problems.replaceChildren();
  const add = (parent, tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  };
  // A message's values (between U+2068 and U+2069) and its code (between backticks) each
  // keep their own direction inside the sentence: in <bdi>, so no invisible mark is copied.
  const words = (parent, cls, text) => {
    const node = add(parent, 'div', cls);
    for (const part of text.split(/(\u2068[^\u2069]*\u2069|`[^`]*`)/)) {
      if (part.startsWith('\u2068')) add(node, 'bdi', '', part.slice(1, -1));
      else if (part.startsWith('`') && part.length > 1) add(node, 'bdi', '', part.replace(/[\u2068\u2069]/g, ''));
      else if (part) node.appendChild(document.createTextNode(part));
    }
    return node;
  };
  // Each problem on its own; the source line keeps its own direction and the problem is
  // marked in it, since carets under right-to-left text would point at the wrong word.
  for (const d of state.diagnostics || []) {
    const box = add(problems, 'div', 'problem ' + d.severity);
    words(box, 'header', d.header);
    if (d.place) add(box, 'div', 'place', d.place);
    if (d.line) {
      const line = add(box, 'div', 'line');
      line.dir = 'auto';
      line.appendChild(document.createTextNode(d.line[0]));
      add(line, 'mark', '', d.line[1]);
      line.appendChild(document.createTextNode(d.line[2]));
    }
    if (d.hint) {
      const hint = words(box, 'hint', d.hint);
      hint.insertBefore(document.createElement('b'), hint.firstChild).textContent = labels.hint + ' ';
    }
  }
  if (state.problems && !(state.diagnostics || []).length) add(problems, 'div', 'problem', state.problems);
  const pages = document.getElementById('pages');
  pages.replaceChildren();
  for (let n = 1; n <= state.pages; n++) {
    const img = document.createElement('img');
    img.src = '/page/' + n + '.svg?v=' + state.version;
    img.alt = labels.page + ' ' + n;
    pages.appendChild(img);
  }
  document.body.dataset.version = state.version;
}
poll();
</script>
</body>
</html>
"#;
