//! The subcommands, each turning parsed arguments into library calls and a report.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use mujaz::batch::{self, BatchOptions, Destination, Event, Outcome};
use mujaz::outlet::Lookup;
use mujaz::{BuildOptions, Format, Profile, export};

use crate::cli::{
    BuildArgs, CheckArgs, CompletionsArgs, DataArgs, LayoutArgs, MessageFormat, NewArgs, NewLang, OutletListArgs,
    OutletNewArgs, OutputFormat, PreviewArgs, WatchArgs,
};
use crate::report::{Counts, Reporter, count};

/// Exit code when a brief has errors.
const EXIT_BRIEF_ERRORS: u8 = 1;
/// Exit code for a usage error, the same as clap's.
const EXIT_USAGE: u8 = 2;

/// `mujaz build`: build briefs (files or folders) into PDFs, in parallel.
pub fn build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let briefs = batch::discover(&args.briefs);
    let source_date_epoch = match export::source_date_epoch() {
        Ok(epoch) => epoch,
        Err(err) => return usage_error(&format!("{err}")),
    };
    if let Err(code) = apply_limits(&args.layout) {
        return code;
    }
    let pages = match args.pages.as_deref().map(export::parse_pages).transpose() {
        Ok(pages) => pages,
        Err(message) => return usage_error(&format!("--pages: {message}")),
    };
    if !(1.0..=2400.0).contains(&args.ppi) {
        return usage_error("--ppi must be between 1 and 2400");
    }
    let format = match args.format {
        OutputFormat::Pdf => Format::Pdf,
        OutputFormat::Png => Format::Png,
        OutputFormat::Svg => Format::Svg,
    };
    if let Some(output) = &args.output
        && (output.extension().is_some_and(|ext| ext == "toml") || args.briefs.iter().any(|b| b == output))
    {
        return usage_error(&format!(
            "-o {} would overwrite a brief; give a .{} file or a folder",
            output.display(),
            format.extension()
        ));
    }
    if let Some(pattern) = &args.output_pattern
        && let Err(message) = batch::check_pattern(pattern)
    {
        return usage_error(&format!("--output-pattern: {message}"));
    }
    let destination = Destination::from_output(args.output, &args.briefs, args.output_pattern.as_deref());
    if let Destination::Folder(folder) = &destination
        && folder.extension().is_some_and(|ext| ext.eq_ignore_ascii_case(format.extension()))
        && !folder.is_dir()
    {
        let why = match &args.output_pattern {
            Some(_) => "--output-pattern names files inside a folder".to_string(),
            None => format!("{} briefs are being built", briefs.len()),
        };
        let message = format!("-o {} names a PDF file, but {why}; give a folder (e.g. -o pdfs/)", folder.display());
        return usage_error(&message);
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
            lookup: Lookup { templates: args.layout.templates, outlet: args.layout.outlet },
            profile: if args.layout.print { Profile::Print } else { Profile::Screen },
            format,
            ppi: Some(args.ppi),
            pages,
        },
    };
    if args.batch_worker {
        return match mujaz::isolate::serve(&options, std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: batch worker: {err}");
                ExitCode::from(EXIT_BRIEF_ERRORS)
            }
        };
    }
    let reporter = Reporter::new(args.message_format, briefs.len(), true, args.timings);
    let on_event = |event: Event<'_>| match event {
        Event::Started(path) => reporter.started(path),
        Event::Finished(path, outcome) => reporter.finished(path, outcome),
    };
    // Several briefs are built in worker processes, so that a brief on which Typst aborts
    // fails alone; one brief is built here, which keeps a single build as fast as Typst's.
    let program = std::env::current_exe().ok().filter(|_| briefs.len() > 1);
    let outcomes = match program {
        Some(program) => {
            let worker = || {
                // The flag right after `build`, so that a `--` among the arguments cannot
                // turn it into a brief's name.
                let mut arguments = std::env::args_os().skip(1);
                let mut command = std::process::Command::new(&program);
                command.args(arguments.next()).arg("--batch-worker").args(arguments);
                command
            };
            mujaz::isolate::run(&briefs, &options, &on_event, &worker)
        }
        None => batch::run(&briefs, &options, &on_event),
    };
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
    let internal = outcomes.iter().any(|o| matches!(o, Outcome::Failed(d) if is_internal(d)));
    exit_code(failed.is_empty(), briefs.is_empty(), internal)
}

/// `mujaz check`: validate briefs without laying them out.
pub fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let briefs = batch::discover(&args.briefs);
    let reporter = Reporter::new(args.message_format, briefs.len(), false, false);
    let mut counts = Counts::default();
    let mut failed: Vec<&Path> = Vec::new();
    let mut internal = false;
    for brief in &briefs {
        let lookup = Lookup { templates: args.templates.clone(), outlet: None };
        let result = std::panic::catch_unwind(|| mujaz::check_with(brief, &lookup))
            .unwrap_or_else(|panic| Err(mujaz::Failed(vec![batch::internal_error(brief, panic)])));
        let problems = match result {
            Ok(checked) => {
                reporter.diagnostics(&checked.warnings);
                (args.deny_warnings && !checked.warnings.is_empty()).then_some(checked.warnings)
            }
            Err(errors) => {
                reporter.diagnostics(&errors.0);
                internal |= is_internal(&errors.0);
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
    exit_code(failed.is_empty(), briefs.is_empty(), internal)
}

/// Report a mistake in how mujaz was called, with clap's exit code for usage errors.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}

fn is_internal(diagnostics: &[mujaz::Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.code == mujaz::diag::Code::Internal)
}

fn exit_code(success: bool, nothing_found: bool, internal: bool) -> ExitCode {
    if nothing_found {
        eprintln!("error: no briefs found (folders are searched for *.toml files)");
        return ExitCode::from(EXIT_BRIEF_ERRORS);
    }
    match (success, internal) {
        (_, true) => ExitCode::from(crate::EXIT_INTERNAL_ERROR),
        (true, false) => ExitCode::SUCCESS,
        (false, false) => ExitCode::from(EXIT_BRIEF_ERRORS),
    }
}

/// `mujaz data`: print the JSON a template receives, for template authors.
pub fn data(args: DataArgs) -> ExitCode {
    let reporter = Reporter::new(MessageFormat::Human, 1, false, false);
    let lookup = Lookup { templates: args.layout.templates.clone(), outlet: args.layout.outlet.clone() };
    let checked = match mujaz::check_with(&args.brief, &lookup) {
        Ok(checked) => checked,
        Err(errors) => {
            reporter.diagnostics(&errors.0);
            eprintln!("error: `{}` has {}", args.brief.display(), count(&errors.0));
            return ExitCode::from(EXIT_BRIEF_ERRORS);
        }
    };
    reporter.diagnostics(&checked.warnings);
    let profile = if args.layout.print { Profile::Print } else { Profile::Screen };
    if let Some(output) = &args.output
        && (output.extension().is_some_and(|ext| ext == "toml") || output == &args.brief)
    {
        return usage_error(&format!("-o {} would overwrite a brief; give a .json file", output.display()));
    }
    let json = mujaz::render::data::TemplateData::new(&checked.brief, &checked.outlet, profile).to_json();
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

/// `mujaz outlet new`: copy a built-in outlet's files out to start a new outlet.
pub fn outlet_new(args: OutletNewArgs) -> ExitCode {
    match mujaz::outlet::scaffold(&args.name, &args.from, &args.templates) {
        Ok(folder) => {
            eprintln!("created outlet `{}` in {} (from `{}`)", args.name, folder.display(), args.from);
            eprintln!("edit {}/outlet.toml, then build with: mujaz build BRIEF.toml", folder.display());
            eprintln!(
                "(set `outlet = \"{}\"` in the brief; `templates/` beside the brief is found by itself)",
                args.name
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_BRIEF_ERRORS)
        }
    }
}

/// `mujaz outlet list`: the built-in outlets and the user's.
pub fn outlet_list(args: OutletListArgs) -> ExitCode {
    for name in mujaz::assets::outlet_names() {
        println!("{name}\tbuilt-in");
    }
    let builtin = mujaz::assets::outlet_names();
    for name in mujaz::outlet::user_outlets(&args.templates) {
        let folder = args.templates.join(&name);
        let note = if builtin.contains(&name) { " (overrides the built-in one)" } else { "" };
        println!("{name}\t{}{note}", folder.display());
    }
    ExitCode::SUCCESS
}

/// `mujaz new`: write a starter brief, and the JSON Schema beside it for editors.
pub fn new(args: NewArgs) -> ExitCode {
    let lang = match args.lang {
        NewLang::Ar => mujaz::brief::Lang::Ar,
        NewLang::En => mujaz::brief::Lang::En,
    };
    match mujaz::starter::write(&args.path, lang, &args.outlet) {
        Ok(schema) => {
            eprintln!("created {}", args.path.display());
            if let Some(schema) = schema {
                eprintln!("created {} (editors with TOML support use it to complete and check keys)", schema.display());
            }
            eprintln!("build it with: mujaz build {}", args.path.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_BRIEF_ERRORS)
        }
    }
}

/// `mujaz schema`: print the brief format's JSON Schema.
pub fn schema() -> ExitCode {
    print!("{}", mujaz::brief::schema::brief_schema());
    ExitCode::SUCCESS
}

/// `mujaz completions SHELL`: print a completion script generated from the clap definitions.
pub fn completions(args: CompletionsArgs) -> ExitCode {
    let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
    clap_complete::generate(args.shell, &mut command, "mujaz", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// `mujaz man`: print the manual page generated from the clap definitions.
pub fn man() -> ExitCode {
    let command = <crate::cli::Cli as clap::CommandFactory>::command();
    match clap_mangen::Man::new(command).render(&mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the manual page: {err}");
            ExitCode::from(EXIT_BRIEF_ERRORS)
        }
    }
}

/// Set the layout time and memory limits from `--timeout` and `--memory-limit`, or report a
/// bad value.
fn apply_limits(layout: &LayoutArgs) -> Result<(), ExitCode> {
    if !(layout.timeout > 0.0 && layout.timeout.is_finite()) {
        return Err(usage_error("--timeout must be a positive number of seconds"));
    }
    mujaz::limits::set_render_timeout(std::time::Duration::from_secs_f64(layout.timeout.min(86_400.0)));
    if layout.memory_limit == 0 {
        return Err(usage_error("--memory-limit must be a positive number of megabytes"));
    }
    mujaz::limits::set_memory_limit(layout.memory_limit.saturating_mul(1024 * 1024));
    Ok(())
}

fn lookup_of(layout: &LayoutArgs) -> Lookup {
    Lookup { templates: layout.templates.clone(), outlet: layout.outlet.clone() }
}

fn profile_of(layout: &LayoutArgs) -> Profile {
    if layout.print { Profile::Print } else { Profile::Screen }
}

/// `mujaz watch`: rebuild on every save; a bad save is reported and the last good PDF stays.
pub fn watch(args: WatchArgs) -> ExitCode {
    if let Err(code) = apply_limits(&args.layout) {
        return code;
    }
    if std::env::var_os(WATCH_CHILD).is_none()
        && let Some(code) = supervise(&[(WATCH_CHILD, "1".into())], WATCH_RESTARTED, "the last good PDF is kept")
    {
        return code;
    }
    let options = BuildOptions {
        output: args.output.clone(),
        lookup: lookup_of(&args.layout),
        profile: profile_of(&args.layout),
        source_date_epoch: export::source_date_epoch().ok().flatten(),
        ..BuildOptions::default()
    };
    let reporter = Reporter::new(MessageFormat::Human, 1, false, false);
    let changes = match mujaz::watch::Changes::new(&args.brief, &options.lookup) {
        Ok(changes) => changes,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::from(EXIT_BRIEF_ERRORS);
        }
    };
    eprintln!("watching {} (press Ctrl-C to stop)", args.brief.display());
    let built_state = std::env::var_os(BUILT_STATE).map(std::path::PathBuf::from);
    let changed = built_state.as_deref().is_some_and(|file| changes.changed_since_recorded(file));
    if std::env::var_os(WATCH_RESTARTED).is_some() && !changed {
        // Restarted after a stopped template: building the same files again would only be
        // stopped again. (A fix saved while it ran is built at once.)
        eprintln!("waiting for a change to the brief or its outlet");
        if !changes.wait() {
            return ExitCode::SUCCESS;
        }
    }
    loop {
        if let Some(file) = &built_state {
            changes.record_build(file);
        }
        let started = Instant::now();
        match mujaz::build(&args.brief, &options) {
            Ok(built) => {
                reporter.diagnostics(&built.warnings);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                eprintln!("built {} → {} in {ms:.0} ms", args.brief.display(), built.output.display());
            }
            Err(failed) => {
                reporter.diagnostics(&failed.0);
                eprintln!("error: `{}` has {}; the last good PDF is kept\n", args.brief.display(), count(&failed.0));
            }
        }
        if mujaz::guard::abandoned() {
            // The stopped template still runs (or allocates) on its thread, and would pile up
            // with every save: only a new process is rid of it.
            if std::env::var_os(WATCH_CHILD).is_some() {
                eprintln!("restarting the watching process to end the stopped template; the last good PDF is kept");
                return ExitCode::from(EXIT_RESTART);
            }
            eprintln!("error: stopped watching: fix the template, then start `mujaz watch` again");
            return ExitCode::from(EXIT_BRIEF_ERRORS);
        }
        // Keep memory flat over a long session while reusing Typst's recent work.
        typst::comemo::evict(10);
        if !changes.wait() {
            return ExitCode::SUCCESS;
        }
    }
}

/// Set in the environment of a `mujaz watch` that restarted itself.
const WATCH_RESTARTED: &str = "MUJAZ_WATCH_RESTARTED";
/// The file in which a supervised `watch` or `preview` notes the state of the files it builds.
const BUILT_STATE: &str = "MUJAZ_BUILT_STATE";
/// Set in the environment of the `mujaz watch` process that a supervising one runs.
const WATCH_CHILD: &str = "MUJAZ_WATCH_CHILD";

/// Set in the environment of the `mujaz preview` process that a supervising one runs.
const PREVIEW_CHILD: &str = "MUJAZ_PREVIEW_CHILD";
/// Set in the environment of a `mujaz preview` started again after a failure.
const PREVIEW_RESTARTED: &str = "MUJAZ_PREVIEW_RESTARTED";
/// The port a supervised `mujaz preview` serves on (kept across restarts).
const PREVIEW_PORT: &str = "MUJAZ_PREVIEW_PORT";
/// The exit code with which a supervised process asks to be started again: it had to
/// abandon a template whose thread it cannot stop.
const EXIT_RESTART: u8 = 75;

/// Run this command in a child process (with `env` set) and start it again, with
/// `restarted` set so that it waits for the next save, whenever Typst ends it beyond
/// recovery (SIGABRT, SIGSEGV, SIGBUS) or it asks for a restart. Returns the exit code to end
/// with, or `None` when no child could be started (then this process does the work).
fn supervise(env: &[(&str, String)], restarted: &str, kept: &str) -> Option<ExitCode> {
    let program = std::env::current_exe().ok()?;
    // Where each child notes which state of the files it is building, so that the next one
    // can tell whether a fix was saved while a failed build ran.
    let built_state = tempfile::NamedTempFile::new().ok()?;
    let mut again = false;
    loop {
        let mut command = std::process::Command::new(&program);
        command.args(std::env::args_os().skip(1)).envs(env.iter().map(|(k, v)| (k, v)));
        command.env(BUILT_STATE, built_state.path());
        if again {
            command.env(restarted, "1");
        }
        mujaz::isolate::end_with_parent(&mut command);
        let status = command.status().ok()?;
        if status.code() == Some(i32::from(EXIT_RESTART)) {
            again = true;
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            // Any signal but the ones a user sends to stop it: an abort, a crash, the system's
            // out-of-memory killer.
            let stopping = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];
            if let Some(signal) = status.signal().filter(|s| !stopping.contains(s)) {
                eprintln!(
                    "error[E0900/internal-error]: the last save ended mujaz (signal {signal}: Typst failed beyond \
                     recovery, or the system stopped it); starting again, {kept}"
                );
                again = true;
                continue;
            }
        }
        return Some(ExitCode::from(status.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(EXIT_BRIEF_ERRORS)));
    }
}

/// `mujaz preview`: serve the pages on 127.0.0.1 and follow every save.
pub fn preview(args: PreviewArgs) -> ExitCode {
    if let Err(code) = apply_limits(&args.layout) {
        return code;
    }
    if std::env::var_os(PREVIEW_CHILD).is_none() {
        // A port chosen now, so that a restarted preview serves where the browser looks.
        let port = match args.port {
            0 => std::net::TcpListener::bind(("127.0.0.1", 0)).and_then(|l| l.local_addr()).map_or(0, |a| a.port()),
            port => port,
        };
        let env = [(PREVIEW_CHILD, "1".to_string()), (PREVIEW_PORT, port.to_string())];
        if let Some(code) = supervise(&env, PREVIEW_RESTARTED, "on the same address") {
            return code;
        }
    }
    let port = std::env::var(PREVIEW_PORT).ok().and_then(|p| p.parse().ok()).unwrap_or(args.port);
    let restarted = std::env::var_os(PREVIEW_RESTARTED).is_some();
    let lookup = lookup_of(&args.layout);
    let profile = profile_of(&args.layout);
    let preview = match mujaz::preview::Preview::start(&args.brief, &lookup, profile, port, restarted) {
        Ok(preview) => preview,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::from(EXIT_BRIEF_ERRORS);
        }
    };
    preview.serve_in_background();
    let ready = || eprintln!("preview of {} at {} (press Ctrl-C to stop)", args.brief.display(), preview.url());
    let built_state = std::env::var_os(BUILT_STATE).map(std::path::PathBuf::from);
    let resume = mujaz::preview::Resume { built_state: built_state.as_deref(), restarted };
    let followed = preview.follow(&args.brief, &lookup, profile, resume, ready, |problems| match problems {
        Some(text) => eprintln!("{text}"),
        None => eprintln!("rebuilt {}", args.brief.display()),
    });
    match followed {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) if mujaz::guard::abandoned() && std::env::var_os(PREVIEW_CHILD).is_some() => {
            // The stopped template still runs here: the supervisor starts a fresh preview.
            ExitCode::from(EXIT_RESTART)
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_BRIEF_ERRORS)
        }
    }
}
