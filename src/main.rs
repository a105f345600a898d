//! The `mujaz` command: parse arguments, run the library, report, choose the exit code.

mod cli;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use mujaz::{BuildOptions, Diagnostic};

use cli::{Cli, Command, MessageFormat};

/// Exit code when a brief has errors.
const EXIT_BRIEF_ERRORS: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
    }
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
                failed.push(brief.clone());
            }
        }
    }
    finish(&failed, args.briefs.len(), "checked", args.message_format)
}

/// Print the summary line and choose the exit code.
fn finish(failed: &[PathBuf], total: usize, verb: &str, format: MessageFormat) -> ExitCode {
    if format == MessageFormat::Human && (total > 1 || !failed.is_empty()) {
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
            let mut stderr = StandardStream::stderr(ColorChoice::Auto);
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
