//! `mujaz check`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use mujaz::batch;
use mujaz::msg;
use mujaz::pipeline::bulletin::{check_bulletin, is_bulletin_file};
use mujaz::{Lookup, Profile};

use super::report::{Counts, Reporter, count};
use super::{exit_code, is_internal};
use crate::cli::{CheckArgs, MessageFormat};

/// `mujaz check`: validate briefs without laying them out.
pub fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let (bulletins, briefs): (Vec<_>, Vec<_>) =
        batch::discover(&args.briefs).into_iter().partition(|path| is_bulletin_file(path));
    let reporter = Reporter::new(args.message_format, briefs.len() + bulletins.len(), false, false);
    let mut counts = Counts::default();
    let mut failed: Vec<&Path> = Vec::new();
    let mut internal = false;
    // The same checking a batch build does before it lays anything out.
    let lookup = Lookup { templates: args.templates.clone(), outlet: args.outlet.clone() };
    let profile = if args.print { Profile::Print } else { Profile::Screen };
    // A bulletin is checked with every brief in it, in its outlet.
    let checked_bulletins =
        bulletins.iter().map(|bulletin| check_bulletin(bulletin, &lookup, profile).map(|checked| checked.warnings));
    let checked_briefs =
        batch::check_all(&briefs, &lookup, profile).into_iter().map(|result| result.map(|checked| checked.warnings));
    let results: Vec<_> = checked_briefs.chain(checked_bulletins).collect();
    let briefs: Vec<_> = briefs.iter().chain(&bulletins).cloned().collect();
    for (brief, result) in briefs.iter().zip(results) {
        let problems = match result {
            Ok(warnings) => {
                reporter.diagnostics(&warnings);
                (args.deny_warnings && !warnings.is_empty()).then_some(warnings)
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
