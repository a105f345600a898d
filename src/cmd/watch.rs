//! `mujaz watch`.

use std::process::ExitCode;

use mujaz::BuildOptions;
use mujaz::isolate::{BUILT_STATE, WATCH_CHILD, WATCH_RESTARTED, supervise};
use mujaz::msg;
use mujaz::options::{self, exit};
use mujaz::watch::{Ended, Progress, Resume};

use super::report::{Reporter, count};
use super::{apply_limits, lookup_of, print_error, profile_of};
use crate::cli::{MessageFormat, WatchArgs};

/// `mujaz watch`: rebuild on every save; a bad save is reported and the last good PDF stays.
pub fn watch(args: WatchArgs) -> ExitCode {
    if let Err(code) = apply_limits(&args.layout) {
        return code;
    }
    let supervised = std::env::var_os(WATCH_CHILD).is_some();
    if !supervised
        && let Some(code) = supervise(&[(WATCH_CHILD, "1".into())], WATCH_RESTARTED, msg!("kept-last-good-pdf"))
    {
        return code;
    }
    let options = BuildOptions {
        output: args.output.clone(),
        lookup: lookup_of(&args.layout),
        profile: profile_of(&args.layout),
        source_date_epoch: options::source_date_epoch().ok().flatten(),
        ..BuildOptions::default()
    };
    let reporter = Reporter::new(MessageFormat::Human, 1, false, false);
    let built_state = std::env::var_os(BUILT_STATE).map(std::path::PathBuf::from);
    let resume = Resume { built_state: built_state.as_deref(), restarted: std::env::var_os(WATCH_RESTARTED).is_some() };
    let brief = &args.brief;
    let mut report = |progress: Progress<'_>| match progress {
        Progress::Watching => eprintln!("{}", msg!("watching", brief = brief.display().to_string())),
        Progress::Waiting => eprintln!("{}", msg!("waiting-for-change")),
        Progress::Built(Ok(built), took) => {
            reporter.diagnostics(&built.warnings);
            let ms = format!("{:.0}", took.as_secs_f64() * 1000.0);
            let output = built.output.display().to_string();
            eprintln!("{}", msg!("rebuilt-in", brief = brief.display().to_string(), output = output, ms = ms));
        }
        Progress::Built(Err(failed), _) => {
            reporter.diagnostics(&failed.0);
            let line = msg!("watch-failed", brief = brief.display().to_string(), problems = count(&failed.0));
            eprintln!("{}\n", msg!("error-line", line = line));
        }
    };
    match mujaz::watch::follow(brief, &options, resume, &mut report) {
        Ok(Ended::Closed) => ExitCode::SUCCESS,
        Ok(Ended::Abandoned) if supervised => {
            // The stopped template still runs (or allocates) on its thread, and would pile up
            // with every save: the supervisor starts a new process.
            eprintln!("{}", msg!("watch-restarting"));
            ExitCode::from(exit::RESTART)
        }
        Ok(Ended::Abandoned) => {
            print_error(msg!("watch-abandoned"));
            ExitCode::from(exit::BRIEF_ERRORS)
        }
        Err(err) => {
            print_error(format!("{err:#}"));
            ExitCode::from(exit::BRIEF_ERRORS)
        }
    }
}
