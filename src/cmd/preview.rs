//! `mujaz preview`.

use std::process::ExitCode;

use mujaz::isolate::{BUILT_STATE, PREVIEW_CHILD, PREVIEW_PORT, PREVIEW_RESTARTED, supervise};
use mujaz::msg;
use mujaz::options::exit;

use super::{apply_limits, lookup_of, print_error, profile_of};
use crate::cli::PreviewArgs;

/// `mujaz preview`: serve the pages on 127.0.0.1 and follow every save.
pub fn preview(args: PreviewArgs, messages: Option<mujaz::messages::Language>) -> ExitCode {
    if let Err(code) = apply_limits(&args.layout) {
        return code;
    }
    if std::env::var_os(PREVIEW_CHILD).is_none() {
        // A port chosen now, so that a restarted preview serves where the browser looks.
        let port = match args.port {
            0 => std::net::TcpListener::bind(("127.0.0.1", 0)).and_then(|l| l.local_addr()).map_or(0, |a| a.port()),
            port => port,
        };
        let env = [(PREVIEW_CHILD, "1".to_string()), (PREVIEW_PORT, port.to_string())];
        if let Some(code) = supervise(&env, PREVIEW_RESTARTED, msg!("kept-same-address")) {
            return code;
        }
    }
    let port = std::env::var(PREVIEW_PORT).ok().and_then(|p| p.parse().ok()).unwrap_or(args.port);
    let restarted = std::env::var_os(PREVIEW_RESTARTED).is_some();
    let lookup = lookup_of(&args.layout);
    let profile = profile_of(&args.layout);
    let preview = match mujaz::preview::Preview::start(&args.brief, &lookup, profile, port, restarted, messages) {
        Ok(preview) => preview,
        Err(err) => {
            print_error(format!("{err:#}"));
            return ExitCode::from(exit::BRIEF_ERRORS);
        }
    };
    preview.serve_in_background();
    let ready =
        || eprintln!("{}", msg!("preview-ready", brief = args.brief.display().to_string(), url = preview.url()));
    let built_state = std::env::var_os(BUILT_STATE).map(std::path::PathBuf::from);
    let resume = mujaz::watch::Resume { built_state: built_state.as_deref(), restarted };
    let followed = preview.follow(&args.brief, &lookup, profile, resume, ready, |problems| match problems {
        Some(text) => eprintln!("{text}"),
        None => eprintln!("{}", msg!("preview-rebuilt", brief = args.brief.display().to_string())),
    });
    match followed {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) if mujaz::guard::abandoned() && std::env::var_os(PREVIEW_CHILD).is_some() => {
            // The stopped template still runs here: the supervisor starts a fresh preview.
            ExitCode::from(exit::RESTART)
        }
        Err(err) => {
            print_error(format!("{err:#}"));
            ExitCode::from(exit::BRIEF_ERRORS)
        }
    }
}
