//! `mujaz site`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use mujaz::batch::{self, BatchOptions, Destination, Event, Outcome};
use mujaz::msg;
use mujaz::options;
use mujaz::pipeline::bulletin::is_bulletin_file;
use mujaz::site::{self, NAME_PATTERN};
use mujaz::{BuildOptions, Format};

use super::report::{Counts, Reporter};
use super::{apply_limits, exit_code, is_internal, lookup_of, usage_error};
use crate::cli::{MessageFormat, SiteArgs};

/// `mujaz site`: build the archive's PDFs (in worker processes, like `mujaz build`), a page
/// beside each, the index and the feed.
pub fn site(args: SiteArgs) -> ExitCode {
    let started = Instant::now();
    if args.layout.print {
        return usage_error(msg!("site-print"));
    }
    let source_date_epoch = match options::source_date_epoch() {
        Ok(epoch) => epoch,
        Err(message) => return usage_error(message),
    };
    if let Err(code) = apply_limits(&args.layout) {
        return code;
    }
    let (bulletins, briefs): (Vec<_>, Vec<_>) =
        batch::discover(&args.briefs).into_iter().partition(|path| is_bulletin_file(path));
    let folder = args.output.clone();
    let options = BatchOptions {
        destination: Destination::Folder(folder.clone()),
        pattern: Some(NAME_PATTERN.to_string()),
        jobs: args.jobs.map(usize::from),
        force: args.force,
        build: BuildOptions {
            deny_warnings: args.deny_warnings,
            source_date_epoch,
            lookup: lookup_of(&args.layout),
            format: Format::Pdf,
            ..BuildOptions::default()
        },
    };
    let reporter = Reporter::new(args.message_format, briefs.len() + bulletins.len(), true, false);
    let on_event = |event: Event<'_>| match event {
        Event::Started(path) => reporter.started(path),
        Event::Finished(path, outcome) => reporter.finished(path, outcome),
    };
    let program = std::env::current_exe().ok().filter(|_| briefs.len() > 1);
    let pdf_batch = |briefs: &[PathBuf], checked, on_event: &(dyn Fn(Event<'_>) + Sync)| match &program {
        // Worker processes, as `mujaz build` uses for several briefs, so that a brief on which
        // Typst aborts fails alone.
        Some(program) => {
            let worker = || worker_command(program, &args);
            mujaz::isolate::run_checked(briefs, checked, &options, on_event, &worker)
        }
        None => batch::run_checked(briefs, checked, &options, on_event),
    };
    let built = site::build_site(&folder, &briefs, &bulletins, &options, &on_event, &pdf_batch);
    let (counts, failed) = Counts::of(built.outcomes.iter().map(|(path, outcome)| (path.as_path(), outcome)));
    reporter.summary("built", counts, &failed, started.elapsed());
    let shown = folder.display().to_string();
    let listed = match &built.listing {
        Ok(Some(listing)) => {
            if args.message_format == MessageFormat::Human {
                let (index, feed) = (listing.index.display().to_string(), listing.feed.display().to_string());
                let line = match listing.changed {
                    true => msg!("site-written", index = index, feed = feed, entries = listing.entries),
                    false => msg!("site-unchanged", index = index, feed = feed, entries = listing.entries),
                };
                eprintln!("{line}");
            }
            true
        }
        Ok(None) => {
            if !built.outcomes.is_empty() {
                eprintln!("{}", msg!("site-not-listed", folder = shown));
            }
            true
        }
        Err(diagnostics) => {
            reporter.diagnostics(diagnostics);
            false
        }
    };
    let internal = built.outcomes.iter().any(|(_, o)| matches!(o, Outcome::Failed(d) if is_internal(d)));
    exit_code(failed.is_empty() && listed, built.outcomes.is_empty(), internal)
}

/// A worker process for the site's PDFs: `mujaz build --batch-worker` with the options that
/// change a PDF, and the global options given before `site`.
fn worker_command(program: &Path, args: &SiteArgs) -> std::process::Command {
    let arguments: Vec<_> = std::env::args_os().skip(1).collect();
    let global = arguments.iter().position(|a| a == "site").unwrap_or(0);
    let mut command = std::process::Command::new(program);
    command.args(&arguments[..global]).arg("build").arg("--batch-worker");
    let layout = &args.layout;
    if let Some(templates) = &layout.templates {
        command.arg("--templates").arg(templates);
    }
    if let Some(outlet) = &layout.outlet {
        command.arg("--outlet").arg(outlet);
    }
    command.arg("--timeout").arg(layout.timeout.to_string());
    command.arg("--memory-limit").arg(layout.memory_limit.to_string());
    if args.force {
        command.arg("--force");
    }
    if args.deny_warnings {
        command.arg("--deny-warnings");
    }
    // The worker reads its jobs from standard input; the brief argument clap requires is not
    // built.
    command.arg("--").arg(&args.output);
    command
}
