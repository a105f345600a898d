//! `mujaz data`.

use std::process::ExitCode;

use mujaz::fsio;
use mujaz::messages::Arg;
use mujaz::msg;
use mujaz::options::exit;
use mujaz::pipeline::bulletin::{check_bulletin, is_bulletin_file};
use mujaz::render::bulletin::bulletin_data_json;

use super::report::{Reporter, count};
use super::{lookup_of, print_error, profile_of, usage_error};
use crate::cli::{DataArgs, MessageFormat};

/// `mujaz data`: print the JSON a template receives, for template authors.
pub fn data(args: DataArgs) -> ExitCode {
    let reporter = Reporter::new(MessageFormat::Human, 1, false, false);
    let lookup = lookup_of(&args.layout);
    let profile = profile_of(&args.layout);
    let failed = |errors: Vec<mujaz::Diagnostic>| {
        reporter.diagnostics(&errors);
        print_error(msg!("brief-has-problems", brief = args.brief.display().to_string(), problems = count(&errors)));
        ExitCode::from(exit::BRIEF_ERRORS)
    };
    // A bulletin's data is what its bulletin.typ reads; each of its briefs gets a brief's.
    let json = if is_bulletin_file(&args.brief) {
        match check_bulletin(&args.brief, &lookup, profile) {
            Ok(checked) => {
                reporter.diagnostics(&checked.warnings);
                let briefs: Vec<&mujaz::Brief> = checked.briefs.iter().map(|b| &b.brief).collect();
                bulletin_data_json(&checked.bulletin, &briefs, &checked.outlet, profile)
            }
            Err(errors) => return failed(errors.0),
        }
    } else {
        match mujaz::check_with(&args.brief, &lookup) {
            Ok(checked) => {
                reporter.diagnostics(&checked.warnings);
                mujaz::render::data::TemplateData::new(&checked.brief, &checked.outlet, profile).to_json()
            }
            Err(errors) => return failed(errors.0),
        }
    };
    if let Some(output) = &args.output
        && (output.extension().is_some_and(|ext| ext == "toml") || output == &args.brief)
    {
        return usage_error(msg!(
            "output-overwrites-brief",
            output = output.display().to_string(),
            extension = Arg::choice("json")
        ));
    }
    let written = match &args.output {
        Some(path) => fsio::write_atomically(path, &json),
        None => std::io::Write::write_all(&mut std::io::stdout(), &json).map_err(anyhow::Error::from),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            print_error(msg!("cannot-write-data", detail = format!("{err:#}")));
            ExitCode::from(exit::BRIEF_ERRORS)
        }
    }
}
