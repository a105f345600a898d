//! `mujaz check`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use mujaz::batch;
use mujaz::msg;
use mujaz::{Lookup, Profile};

use super::report::{Counts, Reporter, count};
use super::{exit_code, is_internal};
use crate::cli::{CheckArgs, MessageFormat};

/// `mujaz check`: validate briefs without laying them out.
pub fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let briefs = batch::discover(&args.briefs);
    let reporter = Reporter::new(args.message_format, briefs.len(), false, false);
    let mut counts = Counts::default();
    let mut failed: Vec<&Path> = Vec::new();
    let mut internal = false;
    // The same checking a batch build does before it lays anything out.
    let lookup = Lookup { templates: args.templates.clone(), outlet: args.outlet.clone() };
    let profile = if args.print { Profile::Print } else { Profile::Screen };
    for (brief, result) in briefs.iter().zip(batch::check_all(&briefs, &lookup, profile)) {
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
                    let line =
                        msg!("brief-has-problems", brief = brief.display().to_string(), problems = count(&problems));
                    eprintln!("{}\n", msg!("error-line", line = line));
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
