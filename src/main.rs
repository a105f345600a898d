//! The `mujaz` command: parse arguments, run a command, choose the exit code.

mod cli;
mod cmd;

use std::process::ExitCode;

use mujaz::messages::Language;
use std::sync::{Arc, Mutex};

use clap::Parser;

use cli::{Cli, Command};
use mujaz::options::exit;

/// On Ctrl-C, SIGTERM or SIGHUP, remove half-written temporary files before exiting (with
/// the shell's 128 + signal), so an interrupted build leaves nothing behind.
#[cfg(unix)]
fn remove_unfinished_files_when_interrupted() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            mujaz::fsio::remove_unfinished();
            std::process::exit(128 + signal);
        }
    });
}

/// When Typst aborts the process (an allocation the system refuses, a stack overflow), which
/// no panic guard can catch, say what it means below Rust's one-line message. Batch workers
/// and the children of watch and preview stay quiet: the process that runs them reports.
#[cfg(unix)]
fn explain_aborts() {
    let supervised = std::env::args_os().any(|arg| arg == "--batch-worker")
        || [mujaz::isolate::WATCH_CHILD, mujaz::isolate::PREVIEW_CHILD]
            .iter()
            .any(|var| std::env::var_os(var).is_some());
    if supervised {
        return;
    }
    // SAFETY: the action only calls write(2), which is async-signal-safe.
    let _ = unsafe {
        signal_hook::low_level::register(signal_hook::consts::SIGABRT, || {
            const NOTE: &[u8] = b"error[E0900/internal-error]: Typst failed beyond recovery (see the line above); \
nothing was written, and an earlier PDF is kept\n = hint: built with other briefs, this one would fail alone; \
check the outlet's template and images\n";
            libc::write(2, NOTE.as_ptr().cast(), NOTE.len());
        })
    };
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, which turns `mujaz … | head` into a write error on every print;
    // like other command-line tools, end quietly when the reader goes away.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // First, so that a build stopped at once still removes its half-written file.
    #[cfg(unix)]
    remove_unfinished_files_when_interrupted();
    #[cfg(unix)]
    explain_aborts();
    let cli = Cli::parse();
    let asked = cli.messages.map(|lang| match lang {
        cli::MessagesLang::Ar => Language::Ar,
        cli::MessagesLang::En => Language::En,
    });
    Language::choose(asked).make_current();
    // A bug must not show a Rust panic message and backtrace to an editor: keep the panic's
    // message and report it as an internal error instead.
    let panic_message = Arc::new(Mutex::new(None::<String>));
    let recorder = Arc::clone(&panic_message);
    std::panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let payload = mujaz::diag::panic_message(info.payload());
        if let Ok(mut slot) = recorder.lock() {
            slot.get_or_insert(format!("{payload}{location}"));
        }
    }));
    let outcome = std::panic::catch_unwind(|| {
        if std::env::var_os("MUJAZ_DEBUG_PANIC").is_some() {
            // Lets the tests check how an internal error is reported.
            panic!("MUJAZ_DEBUG_PANIC is set");
        }
        match cli.command {
            Command::Build(args) => cmd::build::build(args),
            Command::Check(args) => cmd::check::check(args),
            Command::Data(args) => cmd::data::data(args),
            Command::Outlet(cli::OutletCommand::New(args)) => cmd::outlet::new(args),
            Command::Outlet(cli::OutletCommand::List(args)) => cmd::outlet::list(args),
            Command::New(args) => cmd::new::new(args),
            Command::Import(args) => cmd::import::import(args),
            Command::Site(args) => cmd::site::site(args),
            Command::Watch(args) => cmd::watch::watch(args),
            Command::Preview(args) => cmd::preview::preview(args, asked),
            Command::Schema(args) => cmd::info::schema(args),
            Command::Completions(args) => cmd::info::completions(args),
            Command::Man => cmd::info::man(),
        }
    });
    outcome.unwrap_or_else(|_| {
        let message = panic_message.lock().ok().and_then(|m| m.clone()).unwrap_or_default();
        cmd::print_error(mujaz::diag::internal_error_message(&message));
        eprintln!("  = {}", mujaz::msg!("hint", hint = mujaz::msg!("internal-error-hint")));
        ExitCode::from(exit::INTERNAL_ERROR)
    })
}
