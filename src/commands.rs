//! The subcommands, each turning parsed arguments into library calls and a report.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use mujaz::batch::{self, BatchOptions, Destination, Event, Outcome};
use mujaz::{BuildOptions, export};

use crate::cli::{BuildArgs, CheckArgs, DataArgs, MessageFormat};
use crate::report::{Counts, Reporter, count};

/// Exit code when a brief has errors.
const EXIT_BRIEF_ERRORS: u8 = 1;

/// `mujaz build`: build briefs (files or folders) into PDFs, in parallel.
pub fn build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let briefs = batch::discover(&args.briefs);
    let options = BatchOptions {
        destination: Destination::from_output(args.output, &args.briefs),
        pattern: args.output_pattern,
        jobs: args.jobs.map(usize::from),
        force: args.force,
        build: BuildOptions {
            output: None,
            deny_warnings: args.deny_warnings,
            source_date_epoch: export::source_date_epoch(),
        },
    };
    let reporter = Reporter::new(args.message_format, briefs.len(), true, args.timings);
    let on_event = |event: Event<'_>| match event {
        Event::Started(path) => reporter.started(path),
        Event::Finished(path, outcome) => reporter.finished(path, outcome),
    };
    let outcomes = batch::run(&briefs, &options, &on_event);
    let mut counts = Counts::default();
    let mut failed: Vec<&Path> = Vec::new();
    for (brief, outcome) in briefs.iter().zip(&outcomes) {
        match outcome {
            Outcome::Built(_) => counts.done += 1,
            Outcome::Skipped { .. } => counts.skipped += 1,
            Outcome::Failed(_) => {
                counts.failed += 1;
                failed.push(brief);
            }
        }
    }
    reporter.summary("built", counts, &failed, started.elapsed());
    exit_code(failed.is_empty(), briefs.is_empty())
}

/// `mujaz check`: validate briefs without laying them out.
pub fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let briefs = batch::discover(&args.briefs);
    let reporter = Reporter::new(args.message_format, briefs.len(), false, false);
    let mut counts = Counts::default();
    let mut failed: Vec<&Path> = Vec::new();
    for brief in &briefs {
        let problems = match mujaz::check(brief) {
            Ok(checked) => {
                reporter.diagnostics(&checked.warnings);
                (args.deny_warnings && !checked.warnings.is_empty()).then_some(checked.warnings)
            }
            Err(errors) => {
                reporter.diagnostics(&errors.0);
                Some(errors.0)
            }
        };
        match problems {
            Some(problems) => {
                if args.message_format == MessageFormat::Human {
                    eprintln!("error: `{}` has {}\n", brief.display(), count(&problems));
                }
                counts.failed += 1;
                failed.push(brief);
            }
            None => counts.done += 1,
        }
    }
    reporter.summary("checked", counts, &failed, started.elapsed());
    exit_code(failed.is_empty(), briefs.is_empty())
}

fn exit_code(success: bool, nothing_found: bool) -> ExitCode {
    if nothing_found {
        eprintln!("error: no briefs found (folders are searched for *.toml files)");
        return ExitCode::from(EXIT_BRIEF_ERRORS);
    }
    if success { ExitCode::SUCCESS } else { ExitCode::from(EXIT_BRIEF_ERRORS) }
}

/// `mujaz data`: print the JSON a template receives, for template authors.
pub fn data(args: DataArgs) -> ExitCode {
    let reporter = Reporter::new(MessageFormat::Human, 1, false, false);
    let checked = match mujaz::check(&args.brief) {
        Ok(checked) => checked,
        Err(errors) => {
            reporter.diagnostics(&errors.0);
            eprintln!("error: `{}` has {}", args.brief.display(), count(&errors.0));
            return ExitCode::from(EXIT_BRIEF_ERRORS);
        }
    };
    reporter.diagnostics(&checked.warnings);
    let json = mujaz::render::data::TemplateData::new(&checked.brief).to_json();
    let written = match &args.output {
        Some(path) => export::write_atomically(path, &json),
        None => std::io::Write::write_all(&mut std::io::stdout(), &json).map_err(anyhow::Error::from),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the data: {err:#}");
            ExitCode::from(EXIT_BRIEF_ERRORS)
        }
    }
}
