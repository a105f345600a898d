//! The web edition: a checked brief (or bulletin, or a site's index) as an HTML page, made
//! with the outlet's HTML templates.
//!
//! The templates (`web/*.html`, `web/*.css` in the outlet folder) are looked up like the
//! Typst files — the user's outlet, the built-in one it builds on, the default — and filled
//! in by minijinja, which escapes every value it writes into HTML. They receive the same data
//! the Typst template does (`brief`, `dates`, `outlet`, …) plus what a page needs to know
//! about its neighbours (`page`); inline text is written with the `inline` filter, which
//! escapes the author's characters and writes only the inline syntax's own elements.

pub mod assets;
mod inline;

use std::sync::Arc;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use serde_json::{Value, json};

use crate::brief::{Brief, Lang, inline::plain_text};
use crate::bulletin::Bulletin;
use crate::diag::{Code, Diagnostic, SourceFile};
use crate::msg;
use crate::options::Profile;
use crate::outlet::Outlet;
use crate::render::data::{TemplateData, digits_for, direction};
use crate::render::fonts::FontSet;
pub use assets::{ASSETS_FOLDER, WebFile};
pub use inline::is_safe_address;

/// The template of a brief's page, in the outlet folder.
pub const BRIEF_TEMPLATE: &str = "web/brief.html";
/// The template of a bulletin's page.
pub const BULLETIN_TEMPLATE: &str = "web/bulletin.html";
/// The template of a site's index page.
pub const INDEX_TEMPLATE: &str = "web/index.html";
/// The stylesheet template, filled in with the outlet's colours and fonts.
pub const STYLE_TEMPLATE: &str = "web/style.css";

/// What every page says about what it may load: its own folder's stylesheet, fonts and
/// images, and nothing else — no script at all, inline or not.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'";

/// A page and the files it needs beside it.
pub struct WebPage {
    /// The HTML.
    pub html: String,
    /// The stylesheet, fonts and images, by path relative to the page's folder.
    pub files: Vec<WebFile>,
}

/// Where a page's neighbours are, relative to its folder (none for a page built alone).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Neighbours {
    /// The page's own file name, for its address on the outlet's site.
    pub name: String,
    /// The PDF of the same brief or bulletin.
    pub pdf: Option<String>,
    /// The site's index page.
    pub index: Option<String>,
    /// The site's Atom feed.
    pub feed: Option<String>,
}

/// One entry of a site's index page.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry {
    /// `brief` or `bulletin`.
    pub kind: &'static str,
    /// The title, as plain text.
    pub title: String,
    /// The subtitle or the bulletin's issue line, as plain text.
    pub subtitle: Option<String>,
    /// The summary, as plain text.
    pub summary: Option<String>,
    /// The date, for sorting (`2025-09-21`).
    pub date: String,
    /// The date written out in the entry's language.
    pub date_text: String,
    /// The entry's language and direction.
    pub lang: &'static str,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// Its page, relative to the index.
    pub page: String,
    /// Its PDF, relative to the index.
    pub pdf: Option<String>,
}

/// The page of a brief.
pub fn brief_page(brief: &Brief, outlet: &Outlet, neighbours: &Neighbours) -> Result<WebPage, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let article = article_data(brief, outlet, "", &mut files);
    let mut data = page_data(outlet, brief.lang, neighbours, &mut files, "brief");
    merge(&mut data, article);
    render_page(outlet, BRIEF_TEMPLATE, data, files)
}

/// The page of a bulletin: its cover's text, its contents and every brief in full.
pub fn bulletin_page(
    bulletin: &Bulletin,
    briefs: &[&Brief],
    outlet: &Outlet,
    neighbours: &Neighbours,
) -> Result<WebPage, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let locale = outlet.settings.locale();
    let articles: Vec<Value> = briefs
        .iter()
        .enumerate()
        .map(|(at, brief)| {
            let mut article = article_data(brief, outlet, &format!("b{}-", at + 1), &mut files);
            article["page_title"] = json!(plain_text(&brief.title));
            article
        })
        .collect();
    let mut data = page_data(outlet, bulletin.lang, neighbours, &mut files, "bulletin");
    merge(
        &mut data,
        json!({
            "bulletin": bulletin,
            "bulletin_date": locale.date(bulletin.date, bulletin.lang),
            "bulletin_date_hijri": locale.hijri(bulletin.date, bulletin.lang),
            "briefs": articles,
        }),
    );
    render_page(outlet, BULLETIN_TEMPLATE, data, files)
}

/// A site's index page: its entries, newest first, under the outlet's masthead.
pub fn index_page(
    outlet: &Outlet,
    lang: Lang,
    entries: &[IndexEntry],
    neighbours: &Neighbours,
) -> Result<WebPage, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut data = page_data(outlet, lang, neighbours, &mut files, "index");
    merge(&mut data, json!({ "entries": entries, "prefix": "" }));
    render_page(outlet, INDEX_TEMPLATE, data, files)
}

/// The data of one brief's article: what the Typst template gets, with the addresses of its
/// images and the ids of the places that cite each source and note.
fn article_data(brief: &Brief, outlet: &Outlet, prefix: &str, files: &mut Vec<WebFile>) -> Value {
    let mut data = serde_json::to_value(TemplateData::new(brief, outlet, Profile::Screen)).unwrap_or_default();
    let mut images = serde_json::Map::new();
    for figure in &brief.figures {
        let file = assets::figure_file(figure);
        images.insert(figure.id.clone(), json!(file.path));
        if !files.iter().any(|f| f.path == file.path) {
            files.push(file);
        }
    }
    let backlinks = inline::backlinks(&data["brief"]);
    data["images"] = Value::Object(images);
    data["backlinks"] = json!(backlinks);
    data["prefix"] = json!(prefix);
    data["labels"] = labels(outlet, brief.lang);
    data
}

/// What every page gets: its language, the outlet's settings, labels and name, and its
/// neighbours, with the stylesheet (and the fonts it loads) among its files.
fn page_data(outlet: &Outlet, lang: Lang, neighbours: &Neighbours, files: &mut Vec<WebFile>, kind: &str) -> Value {
    let settings = &outlet.settings;
    let name = match lang {
        Lang::Ar => &settings.outlet.name.ar,
        Lang::En => &settings.outlet.name.en,
    };
    let made = made_for(outlet);
    let css = made.css.clone();
    files.extend(made.css_files.iter().cloned());
    let address = settings.web.base_url.as_ref().map(|base| format!("{base}{}", neighbours.name));
    json!({
        "lang": lang.code(),
        "dir": direction(lang),
        "digits": digits_for(outlet, lang),
        "outlet": settings.to_json(),
        "outlet_name": name,
        "labels": labels(outlet, lang),
        "generator": format!("mujaz {}", env!("CARGO_PKG_VERSION")),
        "csp": CONTENT_SECURITY_POLICY,
        "page": {
            "kind": kind,
            "css": css,
            "pdf": neighbours.pdf,
            "index": neighbours.index,
            "feed": neighbours.feed,
            "address": address,
        },
    })
}

/// The outlet's labels in `lang`, their names written with `_` (`labels.back_to_text`): a
/// `-` in a template name is a minus.
fn labels(outlet: &Outlet, lang: Lang) -> Value {
    let labels = match lang {
        Lang::Ar => serde_json::to_value(&outlet.settings.labels.ar),
        Lang::En => serde_json::to_value(&outlet.settings.labels.en),
    };
    match labels.unwrap_or_default() {
        Value::Object(labels) => {
            Value::Object(labels.into_iter().map(|(name, label)| (name.replace('-', "_"), label)).collect())
        }
        other => other,
    }
}

/// Add `extra`'s keys to `data`.
fn merge(data: &mut Value, extra: Value) {
    if let (Value::Object(data), Value::Object(extra)) = (data, extra) {
        data.extend(extra);
    }
}

/// The outlet's stylesheet — its `web/style.css` filled in with its colours and fonts, after
/// the `@font-face` rules of the faces it uses — and the files it needs.
fn stylesheet(outlet: &Outlet, env: &Environment<'static>) -> (String, Vec<WebFile>) {
    let fonts = &outlet.settings.fonts;
    let mut families: Vec<String> = fonts.body.clone();
    families.extend(fonts.display.iter().cloned());
    let faces = assets::font_faces(&FontSet::for_outlet(outlet), &families);
    let mut css: String = faces.iter().map(|face| face.rule.clone()).collect();
    let stack = |families: &[String], generic: &str| {
        let mut names: Vec<String> = families.iter().map(|f| format!("\"{}\"", assets::css_string(f))).collect();
        names.push(generic.to_string());
        names.join(", ")
    };
    let colors: serde_json::Map<String, Value> = match serde_json::to_value(&outlet.settings.colors).unwrap_or_default()
    {
        Value::Object(colors) => {
            colors.into_iter().map(|(name, value)| (name, value.get("rgb").cloned().unwrap_or(Value::Null))).collect()
        }
        _ => Default::default(),
    };
    let data = json!({
        "colors": colors,
        "body_font": stack(&fonts.body, "serif"),
        "display_font": stack(&fonts.display, "sans-serif"),
    });
    // A broken stylesheet template leaves the page unstyled but whole: its error is reported
    // when the page itself is rendered, which includes the same environment.
    match env
        .get_template(STYLE_TEMPLATE)
        .and_then(|template| template.render(minijinja::Value::from(minijinja::value::Serde(&data))))
    {
        Ok(text) => css.push_str(&text),
        Err(err) => css.push_str(&format!("/* {} */\n", assets::css_string(&err.to_string()).replace("*/", "* /"))),
    }
    let file = assets::stylesheet_file(&outlet.name, css);
    let address = file.path.clone();
    let mut files: Vec<WebFile> = faces.into_iter().map(|face| face.file).collect();
    files.push(file);
    (address, files)
}

/// What every page of an outlet shares: its template environment (which keeps each template
/// compiled after its first use) and its stylesheet with the fonts it loads.
struct MadeForOutlet {
    /// The fingerprint of the outlet (its settings and files) they were made from.
    fingerprint: String,
    env: Environment<'static>,
    css: String,
    css_files: Vec<WebFile>,
}

/// The environment and stylesheet of `outlet`, made once per process for each outlet (a
/// batch or site resolves its outlets once, so all its pages share them).
fn made_for(outlet: &Outlet) -> Arc<MadeForOutlet> {
    // A few outlets at a time: a watch session that keeps replacing one must not keep them all.
    const KEPT: usize = 8;
    static MADE: std::sync::Mutex<Vec<Arc<MadeForOutlet>>> = std::sync::Mutex::new(Vec::new());
    let lock = || MADE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(made) = lock().iter().find(|made| made.fingerprint == outlet.fingerprint()) {
        return Arc::clone(made);
    }
    let env = environment(outlet);
    let (css, css_files) = stylesheet(outlet, &env);
    let made = Arc::new(MadeForOutlet { fingerprint: outlet.fingerprint().to_string(), env, css, css_files });
    let mut known = lock();
    if known.len() >= KEPT {
        known.remove(0);
    }
    known.push(Arc::clone(&made));
    made
}

/// The template environment of an outlet: its `web/` files (first hit wins, as for Typst),
/// HTML escaped, an undefined name an error rather than an empty string.
fn environment(outlet: &Outlet) -> Environment<'static> {
    let mut env = Environment::new();
    let files: Vec<(String, String, Arc<[u8]>)> = outlet
        .files
        .iter()
        .filter(|file| file.path.starts_with("web/"))
        .map(|file| (file.path.clone(), file.display_name.clone(), Arc::clone(&file.bytes)))
        .collect();
    env.set_loader(move |name| {
        let Some((_, shown, bytes)) = files.iter().find(|(path, _, _)| path == name) else { return Ok(None) };
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some(text.to_string())),
            Err(_) => {
                Err(minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("{shown} is not UTF-8 text")))
            }
        }
    });
    env.set_auto_escape_callback(|name| match name.ends_with(".html") || name.ends_with(".xml") {
        true => AutoEscape::Html,
        false => AutoEscape::None,
    });
    // A name that is not there may be tested (`{% if brief.subtitle %}`), but writing it out
    // is an error: a misspelt label must not become an empty heading.
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    // Pages are built on the batch's threads, not in worker processes that a timeout could
    // stop: bounded work is what keeps a runaway template from hanging the batch.
    env.set_fuel(Some(crate::limits::WEB_TEMPLATE_FUEL));
    env.add_filter("inline", inline::inline_filter);
    env.add_filter("plain", inline::plain_filter);
    env.add_filter("num", inline::num_filter);
    env.add_test("safe_address", |value: String| inline::is_safe_address(&value));
    env
}

fn render_page(outlet: &Outlet, template: &str, data: Value, files: Vec<WebFile>) -> Result<WebPage, Vec<Diagnostic>> {
    let html = made_for(outlet)
        .env
        .get_template(template)
        .and_then(|template| template.render(minijinja::Value::from(minijinja::value::Serde(&data))))
        .map_err(|err| vec![template_error(outlet, &err)])?;
    Ok(WebPage { html, files })
}

/// A template's error, drawn at its line in the template file when minijinja says where.
fn template_error(outlet: &Outlet, err: &minijinja::Error) -> Diagnostic {
    // An error inside an included or extended template comes wrapped in the including one's:
    // point at the innermost, where the mistake is.
    let mut err = err;
    while let Some(inner) = std::error::Error::source(err).and_then(|source| source.downcast_ref::<minijinja::Error>())
    {
        err = inner;
    }
    let detail = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    let hint = match err.kind() {
        minijinja::ErrorKind::OutOfFuel => msg!("hint-web-template-fuel"),
        _ => msg!("hint-web-template"),
    };
    let diagnostic =
        Diagnostic::error(Code::WebTemplateError, msg!("web-template-says", detail = detail)).with_hint(hint);
    let Some(file) = err.name().and_then(|name| outlet.files.iter().find(|file| file.path == name)) else {
        return diagnostic.in_path(format!("outlet `{}`", outlet.name));
    };
    let text = String::from_utf8_lossy(&file.bytes).into_owned();
    let source = SourceFile::new(file.display_name.clone(), text);
    match (err.range(), err.line()) {
        (Some(range), _) => diagnostic.at(&source, range),
        (None, Some(line)) => {
            let start: usize = source.text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
            let end = source.text[start..].find('\n').map_or(source.text.len(), |at| start + at);
            diagnostic.at(&source, start..end)
        }
        (None, None) => diagnostic.in_path(file.display_name.clone()),
    }
}
