//! `mujaz schema`, `mujaz completions` and `mujaz man`: what mujaz says about itself.

use std::process::ExitCode;

use mujaz::msg;
use mujaz::options::exit;

use crate::cli::{CompletionsArgs, SchemaArgs};

/// `mujaz schema`: print the brief format's (or the bulletin format's) JSON Schema.
pub fn schema(args: SchemaArgs) -> ExitCode {
    match args.bulletin {
        true => print!("{}", mujaz::bulletin::schema::bulletin_schema()),
        false => print!("{}", mujaz::brief::schema::brief_schema()),
    }
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
            crate::cmd::print_error(msg!("cannot-write-manual", detail = err.to_string()));
            ExitCode::from(exit::BRIEF_ERRORS)
        }
    }
}
