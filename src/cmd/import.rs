//! `mujaz import`.

use std::process::ExitCode;

use mujaz::import::{ImportError, brief_text, parts, read_draft, summary};
use mujaz::msg;
use mujaz::options::exit;

use super::print_error;
use crate::cli::ImportArgs;

/// `mujaz import`: read a draft, write the brief beside it (never over a file), and say what
/// was found and what to fill in.
pub fn import(args: ImportArgs) -> ExitCode {
    let output = args.output.clone().unwrap_or_else(|| args.draft.with_extension("toml"));
    if output.exists() {
        print_error(msg!("import-exists", path = output.display().to_string()));
        return ExitCode::from(exit::BRIEF_ERRORS);
    }
    let found = read_draft(&args.draft).and_then(|draft| parts(&draft).map(|parts| (draft, parts)));
    let (draft, parts) = match found {
        Ok(found) => found,
        Err(ImportError(message, hint)) => {
            print_error(msg!("import-failed", draft = args.draft.display().to_string(), problem = message));
            eprintln!("  = {}", msg!("hint", hint = hint));
            return ExitCode::from(exit::BRIEF_ERRORS);
        }
    };
    let text = brief_text(&parts);
    if let Err(err) = mujaz::fsio::write_atomically(&output, text.as_bytes()) {
        print_error(format!("{err:#}"));
        return ExitCode::from(exit::BRIEF_ERRORS);
    }
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let schema = folder.join(mujaz::starter::SCHEMA_FILE);
    if !schema.exists() {
        let _ = mujaz::fsio::write_atomically(&schema, mujaz::brief::schema::brief_schema().as_bytes());
    }
    for note in &draft.notes {
        eprintln!("{note}");
    }
    let path = output.display().to_string();
    eprintln!("{}", msg!("import-written", path = &path, found = summary(&parts)));
    if parts.title.is_none() {
        eprintln!("  {}", msg!("import-fill-title"));
    }
    if parts.date.is_none() {
        eprintln!("  {}", msg!("import-fill-date"));
    }
    eprintln!("{}", msg!("import-next", path = &path));
    ExitCode::SUCCESS
}
