//! `mujaz import`.

use std::process::ExitCode;

use mujaz::import::{ImportError, brief_text, image_file, parts, read_draft, summary};
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
    let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "brief".into());
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    // The draft's pictures go beside the brief, checked like any figure, never over a file.
    let images: Vec<_> = parts
        .figures
        .iter()
        .map(|(index, _, _)| {
            let file = image_file(&stem, *index, draft.images[*index].extension);
            let path = match output.parent().filter(|p| !p.as_os_str().is_empty()) {
                Some(parent) => parent.join(file),
                None => std::path::PathBuf::from(file),
            };
            (path, *index)
        })
        .collect();
    for (path, index) in &images {
        let problem = match path.exists() {
            true => Some(msg!("import-exists", path = path.display().to_string())),
            false => mujaz::images::oversized_image(&draft.images[*index].bytes),
        };
        if let Some(problem) = problem {
            print_error(msg!("import-failed", draft = args.draft.display().to_string(), problem = problem));
            return ExitCode::from(exit::BRIEF_ERRORS);
        }
    }
    for (path, index) in &images {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(anyhow::Error::from)
            .and_then(|()| mujaz::fsio::write_atomically(path, &draft.images[*index].bytes));
        if let Err(err) = written {
            print_error(format!("{err:#}"));
            return ExitCode::from(exit::BRIEF_ERRORS);
        }
    }
    let text = brief_text(&parts, &draft, &stem);
    if let Err(err) = mujaz::fsio::write_atomically(&output, text.as_bytes()) {
        print_error(format!("{err:#}"));
        return ExitCode::from(exit::BRIEF_ERRORS);
    }
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
    for (path, index) in &images {
        eprintln!("  {}", msg!("import-image-written", path = path.display().to_string()));
        if draft.images[*index].alt.is_none() {
            eprintln!("  {}", msg!("import-fill-alt"));
        }
    }
    eprintln!("{}", msg!("import-next", path = &path));
    ExitCode::SUCCESS
}
