//! `mujaz new`.

use std::process::ExitCode;

use mujaz::options::exit;

use crate::cli::{NewArgs, NewLang};

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
            ExitCode::from(exit::BRIEF_ERRORS)
        }
    }
}
