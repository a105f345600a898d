//! A bulletin through the stages: read and check the bulletin file, find every brief it names
//! and check each as it would be checked alone (in the bulletin's outlet), lay them all out as
//! one document, and write it — whole, or not at all.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::{Built, Checked, Checking, LaidOut, check_in, write_document};
use crate::brief::Brief;
use crate::bulletin::{self, Bulletin, Entry};
use crate::diag::{Code, Diagnostic, Failed, SourceFile};
use crate::export::{Identity, Print};
use crate::msg;
use crate::options::{BuildOptions, Lookup, Profile, Timings};
use crate::outlet::{Outlet, Outlets};
use crate::render::Document;
use crate::render::bulletin::render_bulletin;
use crate::render::fonts::FontSet;
use crate::{limits, load, validate};

/// The extension of brief (and bulletin) files.
const TOML_EXTENSION: &str = "toml";

/// A bulletin whose file and every brief passed their checks.
pub struct CheckedBulletin {
    /// The bulletin file, as given.
    pub path: PathBuf,
    /// The bulletin file's text.
    pub source: Arc<SourceFile>,
    /// The checked bulletin.
    pub bulletin: Bulletin,
    /// Its briefs, checked, in the bulletin's order.
    pub briefs: Vec<Checked>,
    /// The outlet that lays the bulletin and its briefs out.
    pub outlet: Arc<Outlet>,
    /// The bulletin's own warnings, then each brief's.
    pub warnings: Vec<Diagnostic>,
    /// Time spent so far.
    pub timings: Timings,
}

impl CheckedBulletin {
    /// Every file the bulletin is made from: the bulletin file, its briefs and their images.
    pub fn inputs(&self) -> Vec<PathBuf> {
        std::iter::once(self.path.clone()).chain(self.briefs.iter().flat_map(Checked::inputs)).collect()
    }
}

/// Whether the file at `path` is a bulletin (a TOML file with a `[bulletin]` table).
pub fn is_bulletin_file(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == TOML_EXTENSION)
        && path.is_file()
        && load::read(path).is_ok_and(|source| bulletin::is_bulletin(&source.text))
}

/// Read and check a bulletin and every brief it names, reporting every problem in any of them.
pub fn check_bulletin(path: &Path, lookup: &Lookup, profile: Profile) -> Result<CheckedBulletin, Failed> {
    let started = Instant::now();
    let source = load::read(path).map_err(|d| Failed(vec![d]))?;
    let raw = load::parse(&source).map_err(Failed)?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let available = lookup.available(path);
    let names = lookup.outlet.is_none().then_some(available.as_slice());
    let context = validate::Context { default_id: "bulletin", outlets: names, fonts: None, folder };
    let (mut bulletin, mut warnings) = validate::validate_bulletin(&raw, &context).map_err(Failed)?;
    if let Some(chosen) = &lookup.outlet {
        bulletin.outlet = chosen.clone();
    }
    let (paths, mut errors) = find_briefs(&bulletin.entries, folder, &source, path);

    // Every brief is laid out by the bulletin's outlet, looked up beside the bulletin.
    let brief_lookup = Lookup { templates: lookup.folder_for(path), outlet: Some(bulletin.outlet.clone()) };
    let outlets = Outlets::default();
    let embedded = FontSet::embedded();
    let outlet = match outlets.resolve(&brief_lookup, &bulletin.outlet, path, embedded.as_ref()) {
        Ok(outlet) => Some(outlet),
        Err(mut problems) => {
            errors.append(&mut problems);
            None
        }
    };
    let checking = Checking { lookup: &brief_lookup, profile, outlets: &outlets };
    let checked: Vec<Result<Checked, Failed>> = paths
        .par_iter()
        .map(|brief| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_in(brief, &checking)))
                .unwrap_or_else(|panic| Err(Failed(vec![Diagnostic::from_panic(brief, panic.as_ref())])))
        })
        .collect();
    let mut briefs = Vec::new();
    for result in checked {
        match result {
            Ok(brief) => briefs.push(brief),
            Err(Failed(mut problems)) => errors.append(&mut problems),
        }
    }
    let Some(outlet) = outlet else { return Err(Failed(errors)) };
    let fonts = FontSet::for_outlet(&outlet);
    warnings.extend(validate::missing_glyphs(&raw, fonts.as_ref()));
    warnings.extend(outlet.missing_glyphs(bulletin.lang, fonts.as_ref()));
    if errors.iter().any(Diagnostic::is_error) {
        errors.extend(warnings);
        return Err(Failed(errors));
    }
    warnings.append(&mut errors);
    // The outlet's own warnings are said once, for the bulletin, not again for each brief.
    let said: Vec<String> = outlet.warnings.iter().map(|warning| format!("{warning:?}")).collect();
    warnings.extend(outlet.warnings.iter().cloned());
    let mut said = said;
    for checked in &mut briefs {
        // A warning about something briefs share (the outlet's RGB logo, one image used by
        // several) is said once.
        checked.warnings.retain(|warning| {
            let key = format!("{warning:?}");
            let new = !said.contains(&key);
            said.push(key);
            new
        });
        checked.warnings.extend(unready_or_elsewhere(checked, &bulletin));
        warnings.extend(checked.warnings.iter().cloned());
    }
    let timings = Timings { load: started.elapsed(), ..Timings::default() };
    Ok(CheckedBulletin { path: path.to_path_buf(), source, bulletin, briefs, outlet, warnings, timings })
}

/// What an editor should know about a brief before it goes out in this issue: that it names
/// another outlet than the bulletin's (which lays it out), that it is a draft, or that its
/// embargo ends after the date. Each is pointed at where the brief says it.
fn unready_or_elsewhere(checked: &Checked, bulletin: &Bulletin) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let source = &checked.source;
    let head = &checked.head;
    if let Some((named, span)) = &head.outlet
        && *named != bulletin.outlet
    {
        let message = msg!("outlet-in-bulletin", outlet = named, bulletin = &bulletin.outlet);
        let warning = Diagnostic::warning(Code::OutletInBulletin, message).at(source, span.clone());
        warnings.push(warning.with_hint(msg!("hint-outlet-in-bulletin")));
    }
    let brief = &checked.brief;
    if brief.status == crate::brief::Status::Draft {
        let warning = Diagnostic::warning(Code::UnreadyInBulletin, msg!("draft-in-bulletin"));
        let warning = match head.status.clone() {
            Some(span) => warning.at(source, span),
            None => warning.in_path(source.name.clone()),
        };
        warnings.push(warning.with_hint(msg!("hint-draft-in-bulletin")));
    }
    if let Some(embargo) = &brief.embargo
        && embargo.date > bulletin.date
    {
        let message =
            msg!("embargo-after-bulletin", embargo = embargo.date.to_string(), date = bulletin.date.to_string());
        let warning = Diagnostic::warning(Code::UnreadyInBulletin, message);
        let warning = match head.embargo.clone() {
            Some(span) => warning.at(source, span),
            None => warning.in_path(source.name.clone()),
        };
        warnings.push(warning.with_hint(msg!("hint-embargo-after-bulletin")));
    }
    warnings
}

/// The brief files the bulletin's entries name, in order: a file as it is, a folder's `*.toml`
/// files (not its sub-folders) and a pattern's matches, each by name. An entry that names
/// nothing, a bulletin, or a brief named before is an error at its place in the bulletin.
fn find_briefs(
    entries: &[Entry],
    folder: &Path,
    source: &Arc<SourceFile>,
    bulletin: &Path,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut found: Vec<(PathBuf, PathBuf, &Entry)> = Vec::new();
    let mut errors = Vec::new();
    let own = std::fs::canonicalize(bulletin).ok();
    let folder_name = folder.display().to_string();
    for entry in entries {
        let error = |message, hint| {
            Diagnostic::error(Code::MissingBrief, message).at(source, entry.span.clone()).with_hint(hint)
        };
        let target = folder.join(&entry.text);
        let by_file = !entry.text.contains(['*', '?', '[']) && !target.is_dir();
        let matches: Vec<PathBuf> = if entry.text.contains(['*', '?', '[']) {
            let pattern = target.to_string_lossy().into_owned();
            match glob::glob(&pattern) {
                Ok(paths) => {
                    let mut paths: Vec<PathBuf> =
                        paths.filter_map(Result::ok).filter(|path| is_brief_candidate(path, own.as_deref())).collect();
                    paths.sort();
                    if paths.is_empty() {
                        errors.push(error(
                            msg!("pattern-matches-nothing", entry = &entry.text),
                            msg!("hint-pattern", folder = &folder_name),
                        ));
                    }
                    paths
                }
                Err(why) => {
                    let message = msg!("bad-pattern", entry = &entry.text, detail = why.msg);
                    errors.push(error(message, msg!("hint-pattern", folder = &folder_name)));
                    Vec::new()
                }
            }
        } else if target.is_dir() {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&target)
                .map(|read| read.filter_map(Result::ok).map(|item| item.path()).collect())
                .unwrap_or_default();
            paths.retain(|path| is_brief_candidate(path, own.as_deref()));
            paths.sort();
            if paths.is_empty() {
                errors.push(error(
                    msg!("empty-brief-folder", entry = &entry.text),
                    msg!("hint-no-brief-file", folder = &folder_name),
                ));
            }
            paths
        } else if target.is_file() {
            match load::read(&target) {
                Ok(text) if bulletin::is_bulletin(&text.text) => {
                    errors.push(error(
                        msg!("entry-is-a-bulletin", entry = &entry.text),
                        msg!("hint-entry-is-a-bulletin"),
                    ));
                    Vec::new()
                }
                Ok(_) => vec![target],
                Err(unreadable) => {
                    let message = msg!("cannot-read-brief", file = &entry.text, detail = unreadable.message.clone());
                    let mut diagnostic =
                        Diagnostic::error(Code::FileUnreadable, message).at(source, entry.span.clone());
                    diagnostic.hint = unreadable.hint.clone();
                    errors.push(diagnostic);
                    Vec::new()
                }
            }
        } else {
            errors.push(error(
                msg!("no-brief-file", entry = &entry.text),
                msg!("hint-no-brief-file", folder = &folder_name),
            ));
            Vec::new()
        };
        // A folder or a pattern brings the briefs not yet in the issue ("the lead story, then
        // the rest": `["lead.toml", "*.toml"]`); a brief named by its file twice is a mistake.
        for path in matches {
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            match found.iter().find(|(_, known, _)| *known == canonical) {
                Some(_) if !by_file => {}
                Some((_, _, first)) => {
                    let file = path.display().to_string();
                    let message = msg!("duplicate-brief", file = file, first = &first.text);
                    let diagnostic = Diagnostic::error(Code::DuplicateBrief, message)
                        .at(source, entry.span.clone())
                        .with_hint(msg!("hint-duplicate-brief"));
                    errors.push(diagnostic);
                }
                None => found.push((path, canonical, entry)),
            }
        }
    }
    if found.len() > limits::MAX_BULLETIN_BRIEFS {
        let message = msg!("too-many-bulletin-briefs", count = found.len(), max = limits::MAX_BULLETIN_BRIEFS);
        let span = entries.first().map(|e| e.span.start).unwrap_or(0)..entries.last().map(|e| e.span.end).unwrap_or(0);
        errors.push(
            Diagnostic::error(Code::TooLarge, message)
                .at(source, span)
                .with_hint(msg!("hint-too-many-bulletin-briefs")),
        );
        found.clear();
    }
    (found.into_iter().map(|(path, _, _)| path).collect(), errors)
}

/// Whether a path a folder or a pattern turned up is a brief to take: a visible `.toml`
/// file that is not a bulletin (the bulletin itself included).
fn is_brief_candidate(path: &Path, own: Option<&Path>) -> bool {
    let hidden = path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
    !hidden
        && path.extension().is_some_and(|ext| ext == TOML_EXTENSION)
        && path.is_file()
        && std::fs::canonicalize(path).ok().as_deref() != own
        && !is_bulletin_file(path)
}

/// A bulletin laid out into pages.
pub struct CompiledBulletin {
    /// The checked bulletin.
    pub bulletin: Bulletin,
    /// The pages: cover, contents, and every brief.
    pub document: Document,
    /// Warnings from checking and from the templates.
    pub warnings: Vec<Diagnostic>,
    /// What the print version adds.
    pub print: Print,
    /// The outlet's name.
    pub outlet: String,
    /// Time spent so far.
    pub timings: Timings,
}

/// Lay a checked bulletin out with its outlet's templates.
pub fn render_bulletin_checked(checked: CheckedBulletin, profile: Profile) -> Result<CompiledBulletin, Failed> {
    let CheckedBulletin { bulletin, briefs, outlet, mut warnings, mut timings, .. } = checked;
    let started = Instant::now();
    let laid: Vec<&Brief> = briefs.iter().map(|checked| &checked.brief).collect();
    let rendered =
        render_bulletin(&bulletin, &laid, &outlet, profile, FontSet::for_outlet(&outlet)).map_err(|mut errors| {
            errors.extend(warnings.iter().cloned());
            Failed(errors)
        })?;
    timings.render = started.elapsed();
    warnings.extend(rendered.warnings);
    let print = super::print_of(&outlet, profile);
    Ok(CompiledBulletin {
        bulletin,
        document: rendered.document,
        warnings,
        print,
        outlet: outlet.name.clone(),
        timings,
    })
}

/// The id a bulletin's PDF is named by: the outlet, the date and the issue number.
fn bulletin_id(bulletin: &Bulletin) -> String {
    match bulletin.number {
        Some(number) => format!("bulletin-{}-{}-{number}", bulletin.outlet, bulletin.date),
        None => format!("bulletin-{}-{}", bulletin.outlet, bulletin.date),
    }
}

/// Export a laid-out bulletin to `output`, replacing an earlier file only on success.
pub fn write_bulletin(compiled: CompiledBulletin, output: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let CompiledBulletin { bulletin, document, warnings, print, outlet, timings } = compiled;
    let identity = Identity { id: bulletin_id(&bulletin), date: bulletin.date };
    write_document(LaidOut { identity, outlet, document, warnings, print, timings }, output, options)
}

/// Build a bulletin file into a PDF (beside it, or at `options.output`), writing nothing
/// unless the bulletin and every brief in it build.
pub fn build_bulletin(path: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    let checked = check_bulletin(path, &options.lookup, options.profile)?;
    let inputs = checked.inputs();
    let output = options.output.clone().unwrap_or_else(|| path.with_extension(options.format.extension()));
    if options.format == crate::options::Format::Html {
        return super::web::write_bulletin_page(checked, &output, options, None).map(|built| Built { inputs, ..built });
    }
    let compiled = render_bulletin_checked(checked, options.profile)?;
    write_bulletin(compiled, &output, options).map(|built| Built { inputs, ..built })
}
