//! Building many briefs at once: finding them, planning where each PDF goes, skipping the
//! unchanged ones, and building the rest in parallel.
//!
//! Every brief is checked first, so output collisions are found before anything is built.
//! Each worker builds one brief at a time, keeping fonts and Typst's caches between briefs:
//! threads of this process ([`run`]), or worker processes ([`crate::isolate::run`]).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diag::{Code, Diagnostic, Failed};
use crate::{BuildOptions, Built, Checked};

/// Where a batch writes its PDFs.
#[derive(Debug, Clone, Default)]
pub enum Destination {
    /// Beside each brief (named by the pattern, or `NAME.pdf` for `NAME.toml`).
    #[default]
    Beside,
    /// Exactly this file (a single brief only).
    File(PathBuf),
    /// Into this folder, named by the pattern.
    Folder(PathBuf),
}

impl Destination {
    /// Read `-o`: a file when one brief file is built without an output pattern and the path
    /// is not a folder (an existing one, or one written with a trailing `/`), else a folder.
    pub fn from_output(output: Option<PathBuf>, inputs: &[PathBuf], pattern: Option<&str>) -> Self {
        let Some(output) = output else { return Destination::Beside };
        let text = output.as_os_str().to_string_lossy();
        let folder_like = output.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR);
        if inputs.len() == 1 && inputs[0].is_file() && !folder_like && pattern.is_none() {
            Destination::File(output)
        } else {
            Destination::Folder(output)
        }
    }
}

/// How a batch names and places its outputs, and how hard it works.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Where the PDFs go.
    pub destination: Destination,
    /// The file name pattern, with `{id}`, `{date}`, `{outlet}`, `{lang}` and `{stem}`;
    /// relative to the destination folder, or to each brief's folder.
    pub pattern: Option<String>,
    /// How many briefs to build at once (default: one per core).
    pub jobs: Option<usize>,
    /// Rebuild even when nothing changed since the last build.
    pub force: bool,
    /// Options for each build.
    pub build: BuildOptions,
}

/// What happened to one brief.
pub enum Outcome {
    /// The PDF was written.
    Built(Built),
    /// The PDF was already up to date.
    Skipped {
        /// The PDF that is up to date.
        output: PathBuf,
        /// Warnings found while checking.
        warnings: Vec<Diagnostic>,
    },
    /// The brief could not be built.
    Failed(Vec<Diagnostic>),
}

/// Something a batch reports while it runs (from worker threads).
pub enum Event<'a> {
    /// A brief has started building.
    Started(&'a Path),
    /// A brief is done.
    Finished(&'a Path, &'a Outcome),
}

/// A checked brief (or why it failed) and where it goes (or why it cannot).
type Planned = (Result<Checked, Failed>, Result<PathBuf, Diagnostic>);

/// How many briefs an unused entry of Typst's cache survives in a batch: enough to keep the
/// template's work, few enough to keep memory flat (measured in bench/run.py).
pub(crate) const EVICT_AGE: usize = 5;

/// The file extension of briefs.
const BRIEF_EXTENSION: &str = "toml";
/// Settings files that live among briefs but are not briefs.
const NOT_BRIEFS: &[&str] = &["outlet.toml", "Cargo.toml", "mujaz.toml"];

/// Expand files and folders into brief files: a folder means every `*.toml` under it,
/// recursively, sorted by path; hidden folders are skipped. A path named twice is built once.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut briefs: Vec<PathBuf> = Vec::new();
    // One file named two ways (`in/a.toml`, `./in/../in/a.toml`) is one brief.
    let mut seen = std::collections::HashSet::new();
    let mut first_time = |path: &Path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
    for path in paths {
        // A folder named like a brief (`x.toml/`) is a mistake, not a folder of briefs.
        if !path.is_dir() || path.extension().is_some_and(|ext| ext == BRIEF_EXTENSION) {
            // A missing or odd path is reported by the build itself, with its own diagnostic.
            if first_time(path) {
                briefs.push(path.clone());
            }
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| {
                // Hidden folders and outlet folders (their TOML files are settings and data).
                entry.depth() == 0
                    || !(entry.file_name().to_string_lossy().starts_with('.')
                        || entry.file_type().is_dir() && entry.path().join("outlet.toml").is_file())
            })
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| entry.into_path())
            .filter(|path| {
                path.extension().is_some_and(|ext| ext == BRIEF_EXTENSION)
                    && !path.file_name().is_some_and(|name| NOT_BRIEFS.iter().any(|n| name == *n))
            })
            .collect();
        found.sort();
        found.retain(|brief| first_time(brief));
        briefs.extend(found);
    }
    briefs
}

/// Build briefs in parallel; outcomes come back in the order of `briefs`.
///
/// Each worker thread takes one brief at a time. (A rayon `par_iter` over briefs would let a
/// thread waiting inside Typst's own parallel layout start other briefs, keeping many in
/// memory at once; dedicated workers bound that to one brief per worker.)
pub fn run(briefs: &[PathBuf], options: &BatchOptions, on_event: &(dyn Fn(Event<'_>) + Sync)) -> Vec<Outcome> {
    run_with(briefs, options, on_event, &|| Box::new(InProcess { options }))
}

/// Builds checked briefs one after another, for one worker of a batch.
pub trait Builder {
    /// Build the brief at `path`, checked as `checked`, into `output`.
    fn build(&mut self, path: &Path, checked: Checked, output: &Path) -> Outcome;
}

/// Builds in this process, sharing Typst's caches with the other workers.
struct InProcess<'a> {
    options: &'a BatchOptions,
}

impl Builder for InProcess<'_> {
    fn build(&mut self, path: &Path, checked: Checked, output: &Path) -> Outcome {
        // A bug met by one brief must not take the rest of the batch down.
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| build_one(checked, output, self.options)))
            .unwrap_or_else(|panic| Outcome::Failed(vec![internal_error(path, panic)]));
        // Keep Typst's shared cache from growing with every brief of a long batch.
        typst::comemo::evict(EVICT_AGE);
        outcome
    }
}

/// Like [`run`], with each worker building through a [`Builder`] that `make_builder` makes.
pub fn run_with<'a>(
    briefs: &[PathBuf],
    options: &BatchOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
    make_builder: &(dyn Fn() -> Box<dyn Builder + 'a> + Sync),
) -> Vec<Outcome> {
    let checked: Vec<Result<Checked, Failed>> = briefs
        .par_iter()
        .map(|brief| {
            std::panic::catch_unwind(|| crate::check_with(brief, &options.build.lookup))
                .unwrap_or_else(|panic| Err(Failed(vec![internal_error(brief, panic)])))
        })
        .collect();
    let outputs = plan_outputs(&checked, briefs, options);
    let work: Vec<Mutex<Option<Planned>>> =
        checked.into_iter().zip(outputs).map(|item| Mutex::new(Some(item))).collect();
    let results: Vec<Mutex<Option<Outcome>>> = briefs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = options.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(briefs.len()) {
            scope.spawn(|| {
                let mut builder = make_builder();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let (Some(path), Some(slot)) = (briefs.get(index), work.get(index)) else { break };
                    let Some((checked, output)) = slot.lock().ok().and_then(|mut item| item.take()) else { continue };
                    if crate::guard::runaway() {
                        // A template went over the memory limit and still runs: build nothing more.
                        let message = "not built: the build stopped when a template went over the memory limit";
                        let outcome = Outcome::Failed(vec![
                            Diagnostic::error(Code::TemplateMemory, message).in_path(path.display().to_string()),
                        ]);
                        on_event(Event::Finished(path, &outcome));
                        if let Ok(mut result) = results[index].lock() {
                            *result = Some(outcome);
                        }
                        continue;
                    }
                    on_event(Event::Started(path));
                    let outcome = match (checked, output) {
                        (Err(failed), _) => Outcome::Failed(failed.0),
                        (Ok(_), Err(collision)) => Outcome::Failed(vec![collision]),
                        (Ok(checked), Ok(output)) => builder.build(path, checked, &output),
                    };
                    on_event(Event::Finished(path, &outcome));
                    if let Ok(mut result) = results[index].lock() {
                        *result = Some(outcome);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|result| {
            result.into_inner().ok().flatten().unwrap_or_else(|| {
                Outcome::Failed(vec![Diagnostic::error(Code::Internal, "the brief was never built")])
            })
        })
        .collect()
}

/// Describe a panic caught while building a brief as a diagnostic.
pub fn internal_error(path: &Path, panic: Box<dyn std::any::Any + Send>) -> Diagnostic {
    let message = crate::diag::panic_message(panic.as_ref());
    Diagnostic::error(Code::Internal, format!("internal error in mujaz {}: {message}", env!("CARGO_PKG_VERSION")))
        .in_path(path.display().to_string())
        .with_hint("this is a bug in mujaz, not in your brief; please report it with the brief attached")
}

/// Build one checked brief into `output`, unless its stamp says the PDF is up to date.
pub(crate) fn build_one(checked: Checked, output: &Path, options: &BatchOptions) -> Outcome {
    let key = input_key(&checked, &options.build);
    let stamp = stamp_path(output);
    // The stamp holds the inputs' hash and the PDF's own, so a PDF changed or replaced since
    // is rebuilt too.
    let unchanged = !options.force
        && output.is_file()
        && std::fs::read(output).is_ok_and(|pdf| {
            std::fs::read_to_string(&stamp).is_ok_and(|recorded| recorded.trim() == format!("{key} {}", hex(&pdf)))
        });
    // Denied warnings must still fail the run, so such a brief is never skipped.
    let warnings_denied = options.build.deny_warnings && !checked.warnings.is_empty();
    if unchanged && !warnings_denied {
        return Outcome::Skipped { output: output.to_path_buf(), warnings: checked.warnings };
    }
    let built = crate::render_checked(checked, options.build.profile)
        .and_then(|compiled| crate::write_pdf(compiled, output, &options.build));
    match built {
        Ok(built) => {
            // The stamp only saves time next run: failing to write it must not fail the build.
            // Images are always rebuilt (their files are named by page), so they get none. The
            // hash is of the bytes this build wrote, not of the file read back, which another
            // build writing the same file at once may have replaced.
            if let Some(digest) = &built.digest {
                let _ = crate::export::write_atomically_unsynced(&stamp, format!("{key} {digest}\n").as_bytes());
            }
            Outcome::Built(built)
        }
        Err(failed) => Outcome::Failed(failed.0),
    }
}

/// Where the hash of a PDF's inputs is recorded: a hidden file beside it.
pub fn stamp_path(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".{name}.mujaz"))
}

/// A hash of everything a PDF depends on: the brief, the outlet's files, the options that
/// change the output, and the mujaz version.
fn input_key(checked: &Checked, options: &BuildOptions) -> String {
    let outlet = &checked.outlet;
    let mut hasher = Sha256::new();
    hasher.update(format!("mujaz {}\n", env!("CARGO_PKG_VERSION")));
    hasher.update(format!("epoch {:?} profile {:?}\n", options.source_date_epoch, options.profile));
    hasher.update(outlet.settings.to_string());
    hasher.update(checked.source.text.as_bytes());
    for file in &outlet.files {
        hasher.update(format!("\n{} {}\n", file.path, file.bytes.len()));
        hasher.update(file.bytes.as_slice());
    }
    to_hex(&hasher.finalize())
}

/// The SHA-256 of some bytes, in hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

fn to_hex(digest: &[u8]) -> String {
    digest.iter().fold(String::new(), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

/// Decide each checked brief's output path, reporting briefs that would overwrite each other.
fn plan_outputs(
    checked: &[Result<Checked, Failed>],
    briefs: &[PathBuf],
    options: &BatchOptions,
) -> Vec<Result<PathBuf, Diagnostic>> {
    let extension = options.build.format.extension();
    let planned: Vec<Option<Result<PathBuf, Diagnostic>>> = checked
        .iter()
        .zip(briefs)
        .map(|(checked, path)| {
            let checked = checked.as_ref().ok()?;
            let output = match (&options.destination, &options.pattern) {
                (Destination::File(file), _) => Ok(file.clone()),
                (Destination::Folder(folder), pattern) => {
                    expand(pattern.as_deref(), checked, extension).map(|name| folder.join(name))
                }
                (Destination::Beside, Some(pattern)) => {
                    expand(Some(pattern), checked, extension).map(|name| folder_of(path).join(name))
                }
                (Destination::Beside, None) => Ok(path.with_extension(extension)),
            };
            Some(output.map_err(|message| {
                Diagnostic::error(Code::BadValue, format!("cannot name the output: {message}"))
                    .in_path(path.display().to_string())
                    .with_hint("rename the brief file, or use a --output-pattern without that placeholder")
            }))
        })
        .collect();
    let mut writers: HashMap<PathBuf, Vec<&PathBuf>> = HashMap::new();
    for (output, brief) in planned.iter().zip(briefs) {
        if let Some(Ok(output)) = output {
            writers.entry(normalize(output)).or_default().push(brief);
        }
    }
    planned
        .into_iter()
        .zip(briefs)
        .map(|(output, brief)| {
            let output = match output {
                Some(Err(unnamed)) => return Err(unnamed),
                Some(Ok(output)) => output,
                None => PathBuf::new(),
            };
            match writers.get(&normalize(&output)) {
                Some(same) if same.len() > 1 => {
                    let names: Vec<String> = same.iter().map(|b| format!("`{}`", b.display())).collect();
                    let all = if names.len() == 2 { "both" } else { "all" };
                    Err(Diagnostic::error(
                        Code::OutputCollision,
                        format!("{} would {all} be written to `{}`", names.join(" and "), output.display()),
                    )
                    .in_path(brief.display().to_string())
                    .with_hint(
                        "give each brief its own id, or use --output-pattern with {id}, {date}, {lang} or {outlet}",
                    ))
                }
                _ => Ok(output),
            }
        })
        .collect()
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Compare paths as written, without touching the disk (the files need not exist yet).
fn normalize(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

/// The placeholders an output pattern may use.
pub const PLACEHOLDERS: &[&str] = &["{id}", "{date}", "{outlet}", "{lang}", "{stem}"];

/// Check an output pattern: only known placeholders, and a file name that is not empty.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').map(|e| start + e + 1).ok_or("a `{` without `}`")?;
        let placeholder = &rest[start..end];
        if !PLACEHOLDERS.contains(&placeholder) {
            return Err(format!("unknown placeholder `{placeholder}`; use {}", PLACEHOLDERS.join(", ")));
        }
        rest = &rest[end..];
    }
    let name = pattern.rsplit('/').next().unwrap_or("");
    if name.trim().is_empty() || name.starts_with('.') {
        return Err("the pattern must end in a file name, e.g. \"{lang}/{id}\"".into());
    }
    Ok(())
}

/// Fill in an output pattern for a brief; the default pattern is `{stem}` (the brief's file
/// name), and the format's extension (`.pdf`) is added when the pattern has none. A value
/// that would lead out of the output folder (`..`, a `/`) is refused: ids are checked, but a
/// brief's file name can be `...toml`.
pub fn expand(pattern: Option<&str>, checked: &Checked, extension: &str) -> Result<String, String> {
    let brief = &checked.brief;
    let stem = checked.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let values = [
        ("{id}", brief.id.as_str()),
        ("{date}", &brief.date.to_string()),
        ("{outlet}", &brief.outlet),
        ("{lang}", brief.lang.code()),
        ("{stem}", &stem),
    ]
    .map(|(placeholder, value)| (placeholder, value.to_string()));
    let mut name = pattern.unwrap_or("{stem}").to_string();
    for (placeholder, value) in &values {
        if !name.contains(placeholder) {
            continue;
        }
        if value.is_empty() || value.starts_with('.') || value.contains(['/', '\\']) {
            return Err(format!("{placeholder} is `{value}`, which cannot be part of a file name"));
        }
        name = name.replace(placeholder, value);
    }
    if Path::new(&name).extension().is_none_or(|ext| ext != extension) {
        name.push('.');
        name.push_str(extension);
    }
    Ok(name)
}
