//! `mujaz build`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use mujaz::batch::{self, BatchOptions, Destination, Event, Outcome};
use mujaz::messages::Arg;
use mujaz::msg;
use mujaz::options::{self, exit};
use mujaz::pipeline::bulletin::is_bulletin_file;
use mujaz::{BuildOptions, Format, PageSelection};

use super::report::{Counts, Reporter};
use super::{apply_limits, exit_code, is_internal, lookup_of, print_error, profile_of, usage_error};
use crate::cli::{BuildArgs, OutputFormat};

/// `mujaz build`: build briefs (files or folders) into PDFs, in parallel.
pub fn build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    // Bulletins (files with a `[bulletin]` table) are built whole, each after the briefs.
    let (bulletins, briefs): (Vec<_>, Vec<_>) =
        batch::discover(&args.briefs).into_iter().partition(|path| is_bulletin_file(path));
    let source_date_epoch = match options::source_date_epoch() {
        Ok(epoch) => epoch,
        Err(message) => return usage_error(message),
    };
    if let Err(code) = apply_limits(&args.layout) {
        return code;
    }
    let pages = match args.pages.as_deref().map(PageSelection::parse).transpose() {
        Ok(pages) => pages,
        Err(message) => return usage_error(msg!("bad-pages", problem = message)),
    };
    if !(1.0..=2400.0).contains(&args.ppi) {
        return usage_error(msg!("bad-ppi"));
    }
    let format = match args.format {
        OutputFormat::Pdf => Format::Pdf,
        OutputFormat::Png => Format::Png,
        OutputFormat::Svg => Format::Svg,
        OutputFormat::Html => Format::Html,
    };
    if let Some(output) = &args.output
        && (output.extension().is_some_and(|ext| ext == "toml") || args.briefs.iter().any(|b| b == output))
    {
        let output = output.display().to_string();
        return usage_error(msg!(
            "output-overwrites-brief",
            output = output,
            extension = Arg::choice(format.extension())
        ));
    }
    if let Some(pattern) = &args.output_pattern
        && let Err(message) = batch::check_pattern(pattern)
    {
        return usage_error(msg!("bad-output-pattern", problem = message));
    }
    let destination = Destination::from_output(args.output, &args.briefs, args.output_pattern.as_deref());
    if let Destination::Folder(folder) = &destination
        && folder.extension().is_some_and(|ext| ext.eq_ignore_ascii_case(format.extension()))
        && !folder.is_dir()
    {
        let why = match &args.output_pattern {
            Some(_) => msg!("why-pattern-needs-folder"),
            None => msg!("why-several-briefs", count = briefs.len()),
        };
        let (output, extension) = (folder.display().to_string(), Arg::choice(format.extension()));
        return usage_error(msg!("output-names-a-file", output = output, extension = extension, why = why));
    }
    let options = BatchOptions {
        destination,
        pattern: args.output_pattern,
        jobs: args.jobs.map(usize::from),
        force: args.force,
        build: BuildOptions {
            output: None,
            deny_warnings: args.deny_warnings,
            source_date_epoch,
            lookup: lookup_of(&args.layout),
            profile: profile_of(&args.layout),
            format,
            ppi: Some(args.ppi),
            pages,
        },
    };
    if args.batch_worker {
        return match mujaz::isolate::serve(&options, std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                print_error(msg!("batch-worker-failed", detail = err.to_string()));
                ExitCode::from(exit::BRIEF_ERRORS)
            }
        };
    }
    let reporter = Reporter::new(args.message_format, briefs.len() + bulletins.len(), true, args.timings);
    let on_event = |event: Event<'_>| match event {
        Event::Started(path) => reporter.started(path),
        Event::Finished(path, outcome) => reporter.finished(path, outcome),
    };
    // Several briefs are built in worker processes, so that a brief on which Typst aborts
    // fails alone; one brief is built here, which keeps a single build as fast as Typst's.
    // Web pages never reach Typst (their templates run on bounded fuel), so they are built
    // on threads of this process, from the one check the batch makes.
    let program = std::env::current_exe().ok().filter(|_| briefs.len() > 1 && format != Format::Html);
    let outcomes = match program {
        Some(program) => {
            let worker = || {
                // The flag right after `build` (global options such as `--messages` may come
                // before it), so that a `--` among the arguments cannot turn it into a brief's
                // name.
                let arguments: Vec<_> = std::env::args_os().skip(1).collect();
                let split = arguments.iter().position(|a| a == "build").map_or(0, |at| at + 1);
                let mut command = std::process::Command::new(&program);
                command.args(&arguments[..split]).arg("--batch-worker").args(&arguments[split..]);
                command
            };
            mujaz::isolate::run(&briefs, &options, &on_event, &worker)
        }
        None if briefs.is_empty() => Vec::new(),
        None => batch::run(&briefs, &options, &on_event),
    };
    let mut outcomes = outcomes;
    for bulletin in &bulletins {
        on_event(Event::Started(bulletin));
        let outcome = batch::build_bulletin(bulletin, &options);
        on_event(Event::Finished(bulletin, &outcome));
        outcomes.push(outcome);
    }
    let briefs: Vec<_> = briefs.into_iter().chain(bulletins).collect();
    let (counts, failed) = Counts::of(briefs.iter().map(PathBuf::as_path).zip(&outcomes));
    reporter.summary("built", counts, &failed, started.elapsed());
    let internal = outcomes.iter().any(|o| matches!(o, Outcome::Failed(d) if is_internal(d)));
    exit_code(failed.is_empty(), briefs.is_empty(), internal)
}
