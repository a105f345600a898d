//! `mujaz new`.

use std::process::ExitCode;

use mujaz::msg;
use mujaz::options::exit;

use crate::cli::{NewArgs, NewLang};

/// `mujaz new`: write a starter brief, and the JSON Schema beside it for editors.
pub fn new(args: NewArgs) -> ExitCode {
    let lang = match args.lang {
        NewLang::Ar => mujaz::brief::Lang::Ar,
        NewLang::En => mujaz::brief::Lang::En,
    };
    let written = match args.bulletin {
        true => mujaz::starter::write_bulletin(&args.path, lang, &args.outlet),
        false => mujaz::starter::write(&args.path, lang, &args.outlet),
    };
    match written {
        Ok(schema) => {
            let path = args.path.display().to_string();
            eprintln!("{}", msg!("created", path = &path));
            if let Some(schema) = schema {
                eprintln!("{}", msg!("created-schema", path = schema.display().to_string()));
            }
            eprintln!("{}", msg!("build-it-with", path = &path));
            ExitCode::SUCCESS
        }
        Err(err) => {
            crate::cmd::print_error(format!("{err:#}"));
            ExitCode::from(exit::BRIEF_ERRORS)
        }
    }
}
