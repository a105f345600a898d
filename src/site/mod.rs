//! `mujaz site`: a desk's static archive in one folder — every brief and bulletin as a web
//! page with its PDF beside it, an index page (newest first) and an Atom feed.
//!
//! The PDFs are built by the batch machinery (the same worker pool and up-to-date stamps as
//! `mujaz build`); each brief's page is written as soon as its PDF is, on the same worker, from
//! the brief as this run checked it. Every link is relative, so the folder works from any
//! static web server, from a subfolder, or straight from disk.

mod feed;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::batch::{self, BatchOptions, Event, Outcome};
use crate::brief::{Lang, Status, inline::plain_text};
use crate::diag::{Code, Diagnostic, Failed};
use crate::fsio;
use crate::msg;
use crate::options::{Format, Profile};
use crate::outlet::Outlet;
use crate::pipeline::bulletin::check_bulletin;
use crate::pipeline::{Built, Checked};
use crate::render::data::direction;
use crate::web::{self, IndexEntry, Neighbours};

/// The site's index page, in its folder.
pub const INDEX_PAGE: &str = "index.html";
/// The site's Atom feed, in its folder.
pub const FEED_FILE: &str = "feed.xml";
/// How a brief's files are named on the site: by its id, which is unique per outlet and does
/// not change when the file is renamed.
pub const NAME_PATTERN: &str = "{id}";

/// What a site run did: one outcome per brief and bulletin (its PDF and its page together),
/// and the index and feed.
pub struct Site {
    /// Each input's outcome, briefs first, in the order given.
    pub outcomes: Vec<(PathBuf, Outcome)>,
    /// The index and feed, when anything could be listed (`None` when every input failed),
    /// or why they could not be written.
    pub listing: Result<Option<Listing>, Vec<Diagnostic>>,
}

/// The index page and the feed, as written (or found unchanged).
pub struct Listing {
    /// The index page.
    pub index: PathBuf,
    /// The feed.
    pub feed: PathBuf,
    /// How many briefs and bulletins they list.
    pub entries: usize,
    /// Whether either file changed in this run.
    pub changed: bool,
    /// The stylesheet and fonts the index needed and found missing.
    pub files: Vec<PathBuf>,
}

/// A brief or bulletin that made it onto the site, with what its index entry and feed entry
/// need.
struct Listed {
    entry: IndexEntry,
    id: String,
    authors: Vec<String>,
    tags: Vec<String>,
    outlet: Arc<Outlet>,
    lang: Lang,
}

/// Builds a batch of PDFs from briefs checked for the screen version, reporting each brief as
/// it goes (threads or worker processes).
pub type PdfBatch<'a> =
    dyn Fn(&[PathBuf], Vec<Result<Checked, Failed>>, &(dyn Fn(Event<'_>) + Sync)) -> Vec<Outcome> + 'a;

/// Build the site for `briefs` and `bulletins` into `options.destination`'s folder: PDFs named
/// `{id}.pdf` (bulletins by file name) with `pdf_batch` (threads or worker processes, as
/// the caller chooses), a page beside each, then the index and the feed.
pub fn build_site(
    folder: &Path,
    briefs: &[PathBuf],
    bulletins: &[PathBuf],
    options: &BatchOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
    pdf_batch: &PdfBatch<'_>,
) -> Site {
    // One check serves the pages and the PDF batch (a worker process checks the text it is
    // sent once more: the checked brief cannot travel as is).
    let mut checked = batch::check_all(briefs, &options.build.lookup, Profile::Screen);
    if options.build.deny_warnings {
        // A draft or embargoed brief is kept off the site whole: no page, no PDF.
        for result in &mut checked {
            if let Ok(brief) = result {
                let unready = unready_on_site(brief, options.build.source_date_epoch);
                if !unready.is_empty() {
                    *result = Err(Failed(brief.warnings.iter().cloned().chain(unready).collect()));
                }
            }
        }
    }
    let waiting: Mutex<HashMap<PathBuf, Checked>> = Mutex::new(
        briefs
            .iter()
            .zip(&checked)
            .filter_map(|(path, checked)| Some((path.clone(), checked.as_ref().ok()?.clone())))
            .collect(),
    );
    let finished: Mutex<HashMap<PathBuf, Outcome>> = Mutex::new(HashMap::new());
    let listed: Mutex<Vec<Listed>> = Mutex::new(Vec::new());
    let after_pdf = |event: Event<'_>| match event {
        Event::Started(path) => on_event(Event::Started(path)),
        Event::Finished(path, pdf) => {
            let taken = lock(&waiting).remove(path);
            let outcome = match (pdf, taken) {
                (Outcome::Failed(_), _) | (_, None) => None,
                (pdf, Some(checked)) => {
                    let (outcome, entry) = brief_page(folder, checked, pdf, options);
                    if let Some(entry) = entry {
                        lock(&listed).push(entry);
                    }
                    Some(outcome)
                }
            };
            match outcome {
                Some(outcome) => {
                    on_event(Event::Finished(path, &outcome));
                    lock(&finished).insert(path.to_path_buf(), outcome);
                }
                None => on_event(Event::Finished(path, pdf)),
            }
        }
    };
    let pdf_outcomes = if briefs.is_empty() { Vec::new() } else { pdf_batch(briefs, checked, &after_pdf) };
    let mut finished = finished.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut outcomes: Vec<(PathBuf, Outcome)> = briefs
        .iter()
        .cloned()
        .zip(pdf_outcomes)
        .map(|(path, pdf)| {
            let outcome = finished.remove(&path).unwrap_or(pdf);
            (path, outcome)
        })
        .collect();
    let mut listed = listed.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    for path in bulletins {
        on_event(Event::Started(path));
        let (outcome, entry) = bulletin_pages(path, options);
        on_event(Event::Finished(path, &outcome));
        listed.extend(entry);
        outcomes.push((path.clone(), outcome));
    }
    let listing = write_listing(folder, listed);
    Site { outcomes, listing }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A brief's page, after its PDF: the two outcomes as one, and its listing.
fn brief_page(folder: &Path, checked: Checked, pdf: &Outcome, options: &BatchOptions) -> (Outcome, Option<Listed>) {
    let name = |extension: &str| batch::expand(Some(NAME_PATTERN), &checked, extension);
    let (Ok(page), Ok(pdf_name)) = (name("html"), name("pdf")) else {
        // The PDF was named by the same pattern, so this cannot fail once it was written.
        return (pdf.clone(), None);
    };
    let neighbours = Neighbours {
        name: page.clone(),
        pdf: Some(pdf_name.clone()),
        index: Some(INDEX_PAGE.to_string()),
        feed: Some(FEED_FILE.to_string()),
    };
    let brief = &checked.brief;
    let locale = checked.outlet.settings.locale();
    let listed = Listed {
        entry: IndexEntry {
            kind: "brief",
            title: plain_text(&brief.title),
            subtitle: brief.subtitle.as_ref().map(|s| plain_text(s)),
            summary: brief.summary.as_ref().map(|s| plain_text(s)),
            date: brief.date.to_string(),
            date_text: locale.date(brief.date, brief.lang),
            lang: brief.lang.code(),
            dir: direction(brief.lang),
            page: page.clone(),
            pdf: Some(pdf_name),
        },
        id: format!("{}/{}", brief.outlet, brief.id),
        authors: brief.authors.clone(),
        tags: brief.tags.clone(),
        outlet: Arc::clone(&checked.outlet),
        lang: brief.lang,
    };
    // What the editor should know before the brief goes public (with --deny-warnings such a
    // brief failed before its PDF was built).
    let unready = unready_on_site(&checked, options.build.source_date_epoch);
    let html = batch::build_page(checked, &folder.join(&page), options, &neighbours);
    let mut combined = combine(pdf, html);
    if let Outcome::Built(Built { warnings, .. }) | Outcome::Skipped { warnings, .. } = &mut combined {
        warnings.extend(unready);
    }
    let listed = (!matches!(combined, Outcome::Failed(_))).then_some(listed);
    (combined, listed)
}

/// That a brief going onto the site is a draft, or under an embargo that has not ended at
/// `now` (SOURCE_DATE_EPOCH when set, else the clock): a site is public as soon as it is
/// copied to its server. Each is pointed at where the brief says it.
fn unready_on_site(checked: &Checked, now: Option<i64>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let (brief, source, head) = (&checked.brief, &checked.source, &checked.head);
    let at = |warning: Diagnostic, span: &Option<std::ops::Range<usize>>| match span {
        Some(span) => warning.at(source, span.clone()),
        None => warning.in_path(source.name.clone()),
    };
    if brief.status == Status::Draft {
        let warning = Diagnostic::warning(Code::UnreadyOnSite, msg!("draft-on-site"));
        warnings.push(at(warning, &head.status).with_hint(msg!("hint-draft-on-site")));
    }
    let now = now.unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp());
    if let Some(embargo) = &brief.embargo
        && embargo.ends_at > now
    {
        let until = format!("{} {}{}", embargo.date, embargo.time, embargo.offset);
        let warning = Diagnostic::warning(Code::UnreadyOnSite, msg!("embargo-on-site", embargo = until));
        warnings.push(at(warning, &head.embargo).with_hint(msg!("hint-embargo-on-site")));
    }
    warnings
}

/// A bulletin's PDF and page, and its listing.
fn bulletin_pages(path: &Path, options: &BatchOptions) -> (Outcome, Option<Listed>) {
    let pdf = batch::build_bulletin(path, options);
    if matches!(pdf, Outcome::Failed(_)) {
        return (pdf, None);
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (page, pdf_name) = (format!("{stem}.html"), format!("{stem}.pdf"));
    let neighbours = Neighbours {
        name: page.clone(),
        pdf: Some(pdf_name.clone()),
        index: Some(INDEX_PAGE.to_string()),
        feed: Some(FEED_FILE.to_string()),
    };
    let mut html_options = options.clone();
    html_options.build.format = Format::Html;
    let html = batch::build_bulletin_with(path, &html_options, Some(&neighbours));
    let combined = combine(&pdf, html);
    if matches!(combined, Outcome::Failed(_)) {
        return (combined, None);
    }
    // Checked once more for its listing: a bulletin's check is quick next to its PDF.
    let Ok(checked) = check_bulletin(path, &options.build.lookup, Profile::Screen) else {
        return (combined, None);
    };
    let bulletin = &checked.bulletin;
    let locale = checked.outlet.settings.locale();
    let labels = match bulletin.lang {
        Lang::Ar => &checked.outlet.settings.labels.ar,
        Lang::En => &checked.outlet.settings.labels.en,
    };
    let issue = bulletin
        .number
        .map(|number| labels.issue.replace("{number}", &locale.number(&number.to_string(), bulletin.lang)));
    let listed = Listed {
        entry: IndexEntry {
            kind: "bulletin",
            title: plain_text(&bulletin.title),
            subtitle: issue,
            summary: None,
            date: bulletin.date.to_string(),
            date_text: locale.date(bulletin.date, bulletin.lang),
            lang: bulletin.lang.code(),
            dir: direction(bulletin.lang),
            page,
            pdf: Some(pdf_name),
        },
        id: format!("{}/bulletin/{stem}", bulletin.outlet),
        authors: Vec::new(),
        tags: Vec::new(),
        outlet: Arc::clone(&checked.outlet),
        lang: bulletin.lang,
    };
    (combined, Some(listed))
}

/// A PDF's and a page's outcomes as one: failed if either failed, skipped if both were.
fn combine(pdf: &Outcome, html: Outcome) -> Outcome {
    match (pdf, html) {
        (_, Outcome::Failed(diagnostics)) => Outcome::Failed(diagnostics),
        (Outcome::Failed(_), _) | (Outcome::Skipped { .. }, Outcome::Skipped { .. }) => pdf.clone(),
        (Outcome::Built(pdf), Outcome::Built(html)) => {
            let mut built = pdf.clone();
            built.files.extend(html.files.into_iter().take(1));
            Outcome::Built(built)
        }
        (Outcome::Built(pdf), Outcome::Skipped { .. }) => Outcome::Built(pdf.clone()),
        (Outcome::Skipped { output, warnings }, Outcome::Built(html)) => {
            let mut files = vec![output.clone()];
            files.extend(html.files.into_iter().take(1));
            Outcome::Built(Built { output: output.clone(), files, warnings: warnings.clone(), ..html })
        }
    }
}

/// Write the index page and the feed for what made it onto the site (only what changed).
fn write_listing(folder: &Path, mut listed: Vec<Listed>) -> Result<Option<Listing>, Vec<Diagnostic>> {
    if listed.is_empty() {
        return Ok(None);
    }
    // Newest first; on one day, bulletins before briefs, then by title, so the order never
    // depends on which worker finished first.
    listed.sort_by(|a, b| {
        (b.entry.date.as_str(), a.entry.kind, a.entry.title.as_str(), a.entry.page.as_str()).cmp(&(
            a.entry.date.as_str(),
            b.entry.kind,
            b.entry.title.as_str(),
            b.entry.page.as_str(),
        ))
    });
    let (outlet, lang) = majority(&listed);
    let neighbours = Neighbours {
        name: INDEX_PAGE.to_string(),
        pdf: None,
        index: Some(INDEX_PAGE.to_string()),
        feed: Some(FEED_FILE.to_string()),
    };
    let entries: Vec<IndexEntry> = listed.iter().map(|listed| listed.entry.clone()).collect();
    let page = web::index_page(&outlet, lang, &entries, &neighbours)?;
    let mut files = Vec::new();
    for file in &page.files {
        let path = folder.join(&file.path);
        if !path.is_file() {
            write(&path, &file.bytes())?;
            files.push(path);
        }
    }
    let index = folder.join(INDEX_PAGE);
    let feed_path = folder.join(FEED_FILE);
    let feed = feed::atom(&outlet, lang, &listed);
    let mut changed = false;
    for (path, bytes) in [(&index, page.html.as_bytes()), (&feed_path, feed.as_bytes())] {
        if std::fs::read(path).is_ok_and(|old| old == bytes) {
            continue;
        }
        write(path, bytes)?;
        changed = true;
    }
    Ok(Some(Listing { index, feed: feed_path, entries: listed.len(), changed, files }))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    fsio::write_atomically(path, bytes).map_err(|err| {
        let message = msg!("cannot-write-file", detail = format!("{err:#}"));
        vec![Diagnostic::error(Code::ExportError, message).in_path(path.display().to_string())]
    })
}

/// The outlet and language most of the site's entries have (the first listed on a tie): the
/// index wears its masthead.
fn majority(listed: &[Listed]) -> (Arc<Outlet>, Lang) {
    let mut counts: Vec<(&str, Lang, usize, &Arc<Outlet>)> = Vec::new();
    for item in listed {
        match counts.iter_mut().find(|(name, lang, _, _)| *name == item.outlet.name && *lang == item.lang) {
            Some(count) => count.2 += 1,
            None => counts.push((&item.outlet.name, item.lang, 1, &item.outlet)),
        }
    }
    let best = counts.iter().fold(&counts[0], |best, next| if next.2 > best.2 { next } else { best });
    (Arc::clone(best.3), best.1)
}
