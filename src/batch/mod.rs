//! Building many briefs at once: finding them (`discover`), checking them with each outlet
//! resolved once for the whole batch, planning where each PDF goes (`plan`), skipping the
//! unchanged ones (`stamp`), and building the rest in parallel (`pool`). A worker process
//! gets a brief's text as the batch read it and checks it once more itself (the checked model
//! cannot travel as is: a free-text `when` and a date look the same in JSON).
//!
//! Every brief is checked first, so output collisions are found before anything is built.
//! Each worker builds one brief at a time, keeping fonts and Typst's caches between briefs:
//! threads of this process ([`run`]), or worker processes ([`crate::isolate::run`]).

mod discover;
mod plan;
mod pool;
mod stamp;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use discover::discover;
pub use plan::{Destination, check_pattern, expand};
pub use pool::Builder;

use crate::diag::{Diagnostic, Failed};
use crate::options::{BuildOptions, Format, Lookup, Profile};
use crate::outlet::Outlets;
use crate::pipeline::{self, Built, Checked, Checking, bulletin, web};
use crate::web::Neighbours;

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
#[derive(Clone)]
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

/// Check briefs for the `profile` version in parallel, each outlet resolved once; results come
/// back in the order of `briefs`. A bug met by one brief fails that brief only.
pub fn check_all(briefs: &[PathBuf], lookup: &Lookup, profile: Profile) -> Vec<Result<Checked, Failed>> {
    let outlets = Outlets::default();
    let checking = Checking { lookup, profile, outlets: &outlets };
    briefs
        .par_iter()
        .map(|brief| {
            std::panic::catch_unwind(AssertUnwindSafe(|| pipeline::check_in(brief, &checking)))
                .unwrap_or_else(|panic| Err(Failed(vec![Diagnostic::from_panic(brief, panic.as_ref())])))
        })
        .collect()
}

/// Build briefs in parallel in this process; outcomes come back in the order of `briefs`.
///
/// Each worker thread takes one brief at a time. (A rayon `par_iter` over briefs would let a
/// thread waiting inside Typst's own parallel layout start other briefs, keeping many in
/// memory at once; dedicated workers bound that to one brief per worker.)
pub fn run(briefs: &[PathBuf], options: &BatchOptions, on_event: &(dyn Fn(Event<'_>) + Sync)) -> Vec<Outcome> {
    run_with(briefs, options, on_event, &|| Box::new(InProcess { options }))
}

/// Like [`run`], for briefs the caller has checked already (see [`run_checked_with`]).
pub fn run_checked(
    briefs: &[PathBuf],
    checked: Vec<Result<Checked, Failed>>,
    options: &BatchOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Vec<Outcome> {
    run_checked_with(briefs, checked, options, on_event, &|| Box::new(InProcess { options }))
}

/// Like [`run`], with each worker building through a [`Builder`] that `make_builder` makes.
pub fn run_with<'a>(
    briefs: &[PathBuf],
    options: &BatchOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
    make_builder: &(dyn Fn() -> Box<dyn Builder + 'a> + Sync),
) -> Vec<Outcome> {
    let checked = check_all(briefs, &options.build.lookup, options.build.profile);
    run_checked_with(briefs, checked, options, on_event, make_builder)
}

/// Like [`run_with`], for briefs the caller has checked already (with [`check_all`], for
/// `options.build.profile`): one check serves the batch and whatever else the caller makes
/// of the briefs.
pub fn run_checked_with<'a>(
    briefs: &[PathBuf],
    checked: Vec<Result<Checked, Failed>>,
    options: &BatchOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
    make_builder: &(dyn Fn() -> Box<dyn Builder + 'a> + Sync),
) -> Vec<Outcome> {
    let outputs = plan::plan_outputs(&checked, briefs, options);
    let planned = checked.into_iter().zip(outputs).collect();
    let workers = options.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    pool::build_all(briefs, planned, workers, on_event, make_builder)
}

/// Builds in this process, sharing Typst's caches with the other workers.
struct InProcess<'a> {
    options: &'a BatchOptions,
}

impl Builder for InProcess<'_> {
    fn build(&mut self, path: &Path, checked: Checked, output: &Path) -> Outcome {
        // A bug met by one brief must not take the rest of the batch down.
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| build_one(checked, output, self.options)))
            .unwrap_or_else(|panic| Outcome::Failed(vec![Diagnostic::from_panic(path, panic.as_ref())]));
        crate::render::forget_stale_work();
        outcome
    }
}

/// Build a bulletin into its PDF, unless its stamp says the PDF is up to date: beside the
/// bulletin file, at `-o`'s file, or in `-o`'s folder under the bulletin file's name.
pub fn build_bulletin(path: &Path, options: &BatchOptions) -> Outcome {
    build_bulletin_with(path, options, None)
}

/// Like [`build_bulletin`], a web page linking to its `neighbours` on a site when given.
pub fn build_bulletin_with(path: &Path, options: &BatchOptions, neighbours: Option<&Neighbours>) -> Outcome {
    let build = &options.build;
    let output = match &options.destination {
        Destination::File(file) => file.clone(),
        Destination::Folder(folder) => {
            folder.join(path.with_extension(build.format.extension()).file_name().unwrap_or_default())
        }
        Destination::Beside => path.with_extension(build.format.extension()),
    };
    let built = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let checked = bulletin::check_bulletin(path, &build.lookup, build.profile)?;
        let key = stamp::with_neighbours(stamp::bulletin_key(&checked, build), neighbours);
        let unchanged = !options.force && build.format.is_stamped() && stamp::up_to_date(&output, &key);
        let warnings_denied = build.deny_warnings && !checked.warnings.is_empty();
        if unchanged && !warnings_denied {
            return Ok(Outcome::Skipped { output: output.clone(), warnings: checked.warnings });
        }
        let built = match build.format {
            Format::Html => web::write_bulletin_page(checked, &output, build, neighbours)?,
            _ => bulletin::write_bulletin(bulletin::render_bulletin_checked(checked, build.profile)?, &output, build)?,
        };
        if let Some(digest) = &built.digest {
            stamp::record(&output, &key, digest);
        }
        Ok(Outcome::Built(built))
    }));
    crate::render::forget_stale_work();
    match built {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(Failed(diagnostics))) => Outcome::Failed(diagnostics),
        Err(panic) => Outcome::Failed(vec![Diagnostic::from_panic(path, panic.as_ref())]),
    }
}

/// Build one checked brief into `output`, unless its stamp says the PDF is up to date.
pub fn build_one(checked: Checked, output: &Path, options: &BatchOptions) -> Outcome {
    build_checked(checked, output, options, None)
}

/// Build one checked brief's web page into `output`, linking to its `neighbours` on a site,
/// unless its stamp says the page is up to date.
pub fn build_page(checked: Checked, output: &Path, options: &BatchOptions, neighbours: &Neighbours) -> Outcome {
    let mut options = options.clone();
    options.build.format = Format::Html;
    build_checked(checked, output, &options, Some(neighbours))
}

fn build_checked(checked: Checked, output: &Path, options: &BatchOptions, neighbours: Option<&Neighbours>) -> Outcome {
    let key = stamp::with_neighbours(stamp::input_key(&checked, &options.build), neighbours);
    // Only PDFs and web pages are stamped: images are rebuilt every time, whatever a file of
    // their name holds.
    let unchanged = !options.force && options.build.format.is_stamped() && stamp::up_to_date(output, &key);
    // Denied warnings must still fail the run, so such a brief is never skipped.
    let warnings_denied = options.build.deny_warnings && !checked.warnings.is_empty();
    if unchanged && !warnings_denied {
        return Outcome::Skipped { output: output.to_path_buf(), warnings: checked.warnings };
    }
    let built = match (options.build.format, neighbours) {
        (Format::Html, Some(neighbours)) => web::write_page_with(checked, output, &options.build, neighbours),
        (Format::Html, None) => web::write_page(checked, output, &options.build),
        (_, _) => pipeline::render_checked(checked, options.build.profile)
            .and_then(|compiled| pipeline::write_output(compiled, output, &options.build)),
    };
    match built {
        Ok(built) => {
            // Images are always rebuilt (their files are named by page), so they get no stamp.
            // The hash is of the bytes this build wrote, not of the file read back, which
            // another build writing the same file at once may have replaced.
            if let Some(digest) = &built.digest {
                stamp::record(output, &key, digest);
            }
            Outcome::Built(built)
        }
        Err(failed) => Outcome::Failed(failed.0),
    }
}
