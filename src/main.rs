//! The `mujaz` command: parse arguments, run the library, report, choose the exit code.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use mujaz::{BuildOptions, Diagnostic};

use cli::{Cli, Command, MessageFormat};

/// Exit code when a brief has errors.
const EXIT_BRIEF_ERRORS: u8 = 1;
/// Exit code when mujaz itself failed (a bug): distinct from errors in briefs and usage (2).
const EXIT_INTERNAL_ERROR: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A bug must not show a Rust panic message and backtrace to an editor: keep the panic's
    // message and report it as an internal error instead.
    let panic_message = std::sync::Arc::new(std::sync::Mutex::new(None::<String>));
    let recorder = std::sync::Arc::clone(&panic_message);
    std::panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut slot) = recorder.lock() {
            slot.get_or_insert(format!("{payload}{location}"));
        }
    }));
    let outcome = std::panic::catch_unwind(|| {
        if std::env::var_os("MUJAZ_DEBUG_PANIC").is_some() {
            // Lets the tests check how an internal error is reported.
            panic!("MUJAZ_DEBUG_PANIC is set");
        }
        match cli.command {
            Command::Build(args) => build(args),
            Command::Check(args) => check(args),
        }
    });
    outcome.unwrap_or_else(|_| {
        let message = panic_message.lock().ok().and_then(|m| m.clone()).unwrap_or_default();
        eprintln!("error: internal error in mujaz {}: {message}", env!("CARGO_PKG_VERSION"));
        eprintln!("  = hint: this is a bug in mujaz, not in your brief; please report it with the brief attached");
        ExitCode::from(EXIT_INTERNAL_ERROR)
    })
}

fn build(args: cli::BuildArgs) -> ExitCode {
    let several = args.briefs.len() > 1;
    let mut failed = Vec::new();
    for brief in &args.briefs {
        let output = match &args.output {
            Some(out) if several => Some(out.join(mujaz::default_output(brief).file_name().unwrap_or_default())),
            other => other.clone(),
        };
        let options = BuildOptions {
            output,
            deny_warnings: args.deny_warnings,
            source_date_epoch: mujaz::export::source_date_epoch(),
        };
        match mujaz::build(brief, &options) {
            Ok(built) => {
                report(&built.warnings, args.message_format);
                if args.message_format == MessageFormat::Human {
                    let pages = if built.pages == 1 { "page" } else { "pages" };
                    eprintln!("built {} → {} ({} {pages})", brief.display(), built.output.display(), built.pages);
                }
            }
            Err(errors) => {
                report(&errors.0, args.message_format);
                if args.message_format == MessageFormat::Human {
                    eprintln!(
                        "error: cannot build `{}` ({}); nothing was written\n",
                        brief.display(),
                        count(&errors.0)
                    );
                }
                failed.push(brief.clone());
            }
        }
    }
    finish(&failed, args.briefs.len(), "built", args.message_format)
}

fn check(args: cli::CheckArgs) -> ExitCode {
    let mut failed = Vec::new();
    for brief in &args.briefs {
        match mujaz::check(brief) {
            Ok(checked) => {
                report(&checked.warnings, args.message_format);
                if args.deny_warnings && !checked.warnings.is_empty() {
                    failed.push(brief.clone());
                }
            }
            Err(errors) => {
                report(&errors.0, args.message_format);
                if args.message_format == MessageFormat::Human {
                    eprintln!("error: `{}` has {}\n", brief.display(), count(&errors.0));
                }
                failed.push(brief.clone());
            }
        }
    }
    finish(&failed, args.briefs.len(), "checked", args.message_format)
}

/// Say how many errors and warnings there are, e.g. `2 errors and 1 warning`.
fn count(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    match warnings {
        0 => plural(errors, "error"),
        _ => format!("{} and {}", plural(errors, "error"), plural(warnings, "warning")),
    }
}

/// Print the summary line (for several briefs) and choose the exit code.
fn finish(failed: &[PathBuf], total: usize, verb: &str, format: MessageFormat) -> ExitCode {
    if format == MessageFormat::Human && total > 1 {
        let names: Vec<String> = failed.iter().map(|p| p.display().to_string()).collect();
        let ok = total - failed.len();
        if failed.is_empty() {
            eprintln!("{verb} {ok} of {total} briefs");
        } else {
            eprintln!("{verb} {ok} of {total} briefs; failed: {}", names.join(", "));
        }
    }
    if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_BRIEF_ERRORS) }
}

/// Print diagnostics to stderr, for people or as JSON lines.
fn report(diagnostics: &[Diagnostic], format: MessageFormat) {
    match format {
        MessageFormat::Human => {
            let color = if std::io::stderr().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
            let mut stderr = StandardStream::stderr(color);
            for diagnostic in diagnostics {
                let _ = diagnostic.emit(&mut stderr);
            }
        }
        MessageFormat::Json => {
            let mut stdout = std::io::stdout().lock();
            for diagnostic in diagnostics {
                let _ = writeln!(stdout, "{}", diagnostic.to_json());
            }
        }
    }
}
