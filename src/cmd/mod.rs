//! The subcommands, one file each, each turning parsed arguments into library calls and a
//! report; what they print is in `report`.

pub mod build;
pub mod check;
pub mod data;
pub mod import;
pub mod info;
pub mod new;
pub mod outlet;
pub mod preview;
pub mod report;
pub mod site;
pub mod watch;

use std::process::ExitCode;

use mujaz::messages::{Arg, Message};
use mujaz::msg;
use mujaz::options::exit;
use mujaz::{Lookup, Profile};

use crate::cli::LayoutArgs;

/// Report a mistake in how mujaz was called, with clap's exit code for usage errors.
pub fn usage_error(message: Message) -> ExitCode {
    eprintln!("{}", msg!("error-line", line = message));
    ExitCode::from(exit::USAGE)
}

/// Print `error: …` in the editor's language; `detail` is an error from below (a file that
/// could not be written, say) whose words come from the system.
pub fn print_error(detail: impl Into<Arg>) {
    eprintln!("{}", msg!("error-line", line = detail));
}

/// Whether any of the diagnostics is an internal error (mujaz's own failure).
pub fn is_internal(diagnostics: &[mujaz::Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.code == mujaz::diag::Code::Internal)
}

/// The exit code for a run over several briefs: none found, some failed, or mujaz failed.
pub fn exit_code(success: bool, nothing_found: bool, internal: bool) -> ExitCode {
    if nothing_found {
        eprintln!("{}", msg!("error-line", line = msg!("no-briefs-found")));
        return ExitCode::from(exit::BRIEF_ERRORS);
    }
    match (success, internal) {
        (_, true) => ExitCode::from(exit::INTERNAL_ERROR),
        (true, false) => ExitCode::SUCCESS,
        (false, false) => ExitCode::from(exit::BRIEF_ERRORS),
    }
}

/// Set the layout time and memory limits from `--timeout` and `--memory-limit`, or report a
/// bad value.
pub fn apply_limits(layout: &LayoutArgs) -> Result<(), ExitCode> {
    if !(layout.timeout > 0.0 && layout.timeout.is_finite()) {
        return Err(usage_error(msg!("bad-timeout")));
    }
    mujaz::limits::set_render_timeout(std::time::Duration::from_secs_f64(layout.timeout.min(86_400.0)));
    if layout.memory_limit == 0 {
        return Err(usage_error(msg!("bad-memory-limit")));
    }
    mujaz::limits::set_memory_limit(layout.memory_limit.saturating_mul(1024 * 1024));
    Ok(())
}

/// Where outlets are looked up, from `--templates` and `--outlet`.
pub fn lookup_of(layout: &LayoutArgs) -> Lookup {
    Lookup { templates: layout.templates.clone(), outlet: layout.outlet.clone() }
}

/// The screen or the print version, from `--print`.
pub fn profile_of(layout: &LayoutArgs) -> Profile {
    if layout.print { Profile::Print } else { Profile::Screen }
}
