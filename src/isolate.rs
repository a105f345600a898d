//! Batches built in worker processes, so that one brief cannot take the others down.
//!
//! Some failures inside Typst end the whole process rather than unwinding: an allocation the
//! system refuses (an image that claims gigapixels), a stack overflow (a template that nests
//! values a million deep). In a batch of several briefs, each worker is therefore a `mujaz`
//! process of its own, fed one brief at a time: when it dies, that brief fails with E0900,
//! a new worker takes its place, and the rest of the batch goes on. A worker that had to
//! abandon a template (time or memory limit) ends itself after answering, for the same
//! reason. Each worker keeps Typst's caches for the briefs it builds.
//!
//! The protocol is one JSON line per job on the worker's standard input (a [`Job`]: the
//! brief's path, its text as the batch read and checked it, and the output) and one JSON line
//! per [`Answer`] on its standard output; both are derived serde types.
//!
//! The supervisor of `watch` and `preview` is here too: it runs the command in a child
//! process and starts it again when Typst ends it beyond recovery.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::batch::{BatchOptions, Builder, Event, Outcome, build_one, run_checked_with, run_with};
use crate::diag::{Code, Diagnostic, Failed, SourceFile, WireDiagnostic};
use crate::messages::{Arg, Message};
use crate::msg;
use crate::options::{Timings, exit};
use crate::outlet::Outlets;
use crate::pipeline::{self, Built, Checked};

/// Build briefs like [`crate::batch::run`], each worker a process made by `worker` (a
/// `mujaz` command that calls [`serve`]).
pub fn run(
    briefs: &[PathBuf],
    options: &BatchOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
    worker: &(dyn Fn() -> Command + Sync),
) -> Vec<Outcome> {
    run_with(briefs, options, on_event, &|| Box::new(Worker { command: worker(), process: None }))
}

/// Like [`run`], for briefs the caller has checked already (see [`run_checked_with`]).
pub fn run_checked(
    briefs: &[PathBuf],
    checked: Vec<Result<Checked, Failed>>,
    options: &BatchOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
    worker: &(dyn Fn() -> Command + Sync),
) -> Vec<Outcome> {
    run_checked_with(briefs, checked, options, on_event, &|| Box::new(Worker { command: worker(), process: None }))
}

/// Serve as a worker: build each job read from `input` and answer on `output`, until the
/// input ends or a template had to be abandoned (its thread cannot be stopped, so the
/// process ends and the batch starts another).
pub fn serve(options: &BatchOptions, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    // Each outlet is resolved once for all the briefs this worker builds.
    let outlets = Outlets::default();
    let checking =
        pipeline::Checking { lookup: &options.build.lookup, profile: options.build.profile, outlets: &outlets };
    for line in input.lines() {
        let job: Job = serde_json::from_str(&line?).map_err(std::io::Error::other)?;
        let (brief, target) = (job.brief.0.as_path(), job.output.0.as_path());
        let source = SourceFile::new(brief.display().to_string(), job.text);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            match pipeline::check_source(brief, source, &checking) {
                Ok(checked) => build_one(checked, target, options),
                Err(failed) => Outcome::Failed(failed.0),
            }
        }))
        .unwrap_or_else(|panic| Outcome::Failed(vec![Diagnostic::from_panic(brief, panic.as_ref())]));
        crate::render::forget_stale_work();
        // A worker that abandoned a template says it is leaving, so that the batch does not
        // write its next job into a closed pipe.
        let leaving = crate::guard::abandoned();
        let answer = serde_json::to_string(&Answer::new(&outcome, leaving)).map_err(std::io::Error::other)?;
        writeln!(output, "{answer}")?;
        output.flush()?;
        if leaving {
            break;
        }
    }
    Ok(())
}

/// One worker process and the pipes to it; started when first needed, replaced when it ends.
struct Worker {
    command: Command,
    process: Option<Process>,
}

struct Process {
    child: Child,
    stdin: ChildStdin,
    /// The answers, one line each, read from the process's stdout by a thread of their own
    /// (so that waiting for one can give up).
    answers: std::sync::mpsc::Receiver<String>,
    /// The end of what the process wrote to stderr (an abort message), for the diagnostic.
    stderr: Arc<Mutex<String>>,
    /// The thread that reads stderr; it ends when the process does.
    reader: std::thread::JoinHandle<()>,
}

/// How long a worker may take to answer: layout and writing each have the time limit, and
/// checking the brief is quick.
fn answer_deadline() -> Duration {
    crate::limits::render_timeout() * 2 + Duration::from_secs(10)
}

/// How much of a dead worker's stderr a diagnostic quotes.
const STDERR_TAIL: usize = 600;

impl Worker {
    fn start(&mut self) -> std::io::Result<&mut Process> {
        if self.process.is_none() {
            end_with_parent(&mut self.command);
            let mut child = self.command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
            let (Some(stdin), Some(stdout), Some(mut errors)) =
                (child.stdin.take(), child.stdout.take(), child.stderr.take())
            else {
                return Err(std::io::Error::other("a worker without pipes"));
            };
            let stderr = Arc::new(Mutex::new(String::new()));
            let tail = Arc::clone(&stderr);
            let reader = std::thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n @ 1..) = errors.read(&mut buffer) {
                    if let Ok(mut tail) = tail.lock() {
                        tail.push_str(&String::from_utf8_lossy(&buffer[..n]));
                        if tail.len() > 4 * STDERR_TAIL {
                            let cut = tail.ceil_char_boundary(tail.len() - STDERR_TAIL);
                            tail.drain(..cut);
                        }
                    }
                }
            });
            let (sender, answers) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
            self.process = Some(Process { child, stdin, answers, stderr, reader });
        }
        Ok(self.process.as_mut().expect("just started"))
    }

    /// Send one job and read the answer; `None` when the process ended without one, or did
    /// not answer in time (then it is killed: a stopped or stuck worker must not hang the
    /// batch).
    fn ask(&mut self, job: &str) -> std::io::Result<Option<String>> {
        let process = self.start()?;
        if writeln!(process.stdin, "{job}").and_then(|()| process.stdin.flush()).is_err() {
            return Ok(None);
        }
        match process.answers.recv_timeout(answer_deadline()) {
            Ok(answer) => Ok(Some(answer)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let _ = process.child.kill();
                if let Ok(mut tail) = process.stderr.lock() {
                    tail.push_str("\nthe worker gave no answer in time and was ended");
                }
                Ok(None)
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Ok(None),
        }
    }

    /// Wait for the ended process: whether it ended on purpose (exit code 0), and what it
    /// last wrote to stderr.
    fn reap(&mut self) -> (bool, Message) {
        let Some(Process { mut child, stdin, stderr, reader, .. }) = self.process.take() else {
            return (false, msg!("worker-not-waited-for"));
        };
        drop(stdin);
        let status = child.wait().ok();
        // The reader ends with the process's stderr: after it, the last words are in.
        let _ = reader.join();
        let tail = stderr.lock().map(|t| t.trim().to_string()).unwrap_or_default();
        let cause = match status {
            Some(status) if status.success() => return (true, msg!("worker-ended-well")),
            Some(status) => describe(status),
            None => msg!("worker-not-waited-for"),
        };
        (false, if tail.is_empty() { cause } else { msg!("worker-ended-saying", cause = cause, tail = tail) })
    }
}

impl Drop for Worker {
    /// End the worker when the batch is done: closing its input ends its loop. Waiting for
    /// it leaves no zombie and lets the system count its memory into the batch's.
    fn drop(&mut self) {
        if self.process.is_some() {
            self.reap();
        }
    }
}

/// How a worker process ended, in words.
fn describe(status: std::process::ExitStatus) -> Message {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                libc::SIGABRT => "abort",
                libc::SIGKILL => "killed",
                libc::SIGSEGV => "segfault",
                _ => "other",
            };
            return msg!("worker-signal", signal = signal, name = Arg::choice(name));
        }
    }
    msg!("worker-exit-status", status = status.to_string())
}

impl Builder for Worker {
    fn build(&mut self, path: &Path, checked: Checked, output: &Path) -> Outcome {
        let job = Job {
            brief: WirePath(path.to_path_buf()),
            text: checked.source.text.clone(),
            output: WirePath(output.to_path_buf()),
        };
        let Ok(job) = serde_json::to_string(&job) else {
            let message = msg!("worker-cannot-hand-over");
            return Outcome::Failed(vec![
                Diagnostic::error(Code::Internal, message).in_path(path.display().to_string()),
            ]);
        };
        // A worker that ended on purpose after its last answer gets one more try with a new one.
        for _ in 0..2 {
            let answer = match self.ask(&job) {
                Ok(answer) => answer,
                Err(err) => {
                    let message = msg!("worker-cannot-start", detail = err.to_string());
                    return Outcome::Failed(vec![
                        Diagnostic::error(Code::Internal, message).in_path(path.display().to_string()),
                    ]);
                }
            };
            if let Some(answer) = answer.as_deref().and_then(|line| serde_json::from_str::<Answer>(line).ok()) {
                let leaving = answer.leaving;
                let outcome = answer.into_outcome();
                if leaving {
                    self.reap();
                }
                return match outcome {
                    Outcome::Failed(errors) if errors.is_empty() => {
                        let message = msg!("worker-unreadable-failure");
                        Outcome::Failed(vec![
                            Diagnostic::error(Code::Internal, message).in_path(path.display().to_string()),
                        ])
                    }
                    outcome => outcome,
                };
            }
            let (on_purpose, cause) = self.reap();
            if on_purpose {
                continue;
            }
            let message = msg!("worker-stopped", cause = cause);
            return Outcome::Failed(vec![
                Diagnostic::error(Code::Internal, message)
                    .in_path(path.display().to_string())
                    .with_hint(msg!("hint-worker-stopped")),
            ]);
        }
        let message = msg!("worker-ended-twice");
        Outcome::Failed(vec![Diagnostic::error(Code::Internal, message).in_path(path.display().to_string())])
    }
}

/// One job for a worker: a brief, its text as the batch read it, and where its PDF goes.
#[derive(Serialize, Deserialize)]
struct Job {
    brief: WirePath,
    text: String,
    output: WirePath,
}

/// A worker's answer to one job.
#[derive(Serialize, Deserialize)]
struct Answer {
    outcome: WireOutcome,
    /// The files the diagnostics point into.
    files: Vec<WireFile>,
    /// Whether the worker ends after this answer (it had to abandon a template).
    leaving: bool,
}

/// [`Outcome`] as it travels.
#[derive(Serialize, Deserialize)]
enum WireOutcome {
    Built { output: WirePath, files: Vec<WirePath>, pages: usize, warnings: Vec<WireDiagnostic>, timings: Timings },
    Skipped { output: WirePath, warnings: Vec<WireDiagnostic> },
    Failed { errors: Vec<WireDiagnostic> },
}

/// A file a diagnostic points into.
#[derive(Serialize, Deserialize)]
struct WireFile {
    name: String,
    text: String,
}

/// A path as its bytes on Unix, where a file name need not be UTF-8.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
struct WirePath(#[serde(with = "path_bytes")] PathBuf);

mod path_bytes {
    use std::path::PathBuf;

    use serde::{Deserialize, Deserializer, Serializer};

    #[cfg(unix)]
    pub fn serialize<S: Serializer>(path: &std::path::Path, serializer: S) -> Result<S::Ok, S::Error> {
        use std::os::unix::ffi::OsStrExt;
        serializer.collect_seq(path.as_os_str().as_bytes())
    }

    #[cfg(unix)]
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PathBuf, D::Error> {
        use std::os::unix::ffi::OsStrExt;
        let bytes = Vec::<u8>::deserialize(deserializer)?;
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes)))
    }

    #[cfg(not(unix))]
    pub fn serialize<S: Serializer>(path: &std::path::Path, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&path.to_string_lossy())
    }

    #[cfg(not(unix))]
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PathBuf, D::Error> {
        Ok(PathBuf::from(String::deserialize(deserializer)?))
    }
}

impl Answer {
    fn new(outcome: &Outcome, leaving: bool) -> Self {
        let mut files = Vec::new();
        let mut wire = |list: &[Diagnostic]| list.iter().map(|d| d.to_wire(&mut files)).collect::<Vec<_>>();
        let outcome = match outcome {
            Outcome::Built(built) => WireOutcome::Built {
                output: WirePath(built.output.clone()),
                files: built.files.iter().cloned().map(WirePath).collect(),
                pages: built.pages,
                warnings: wire(&built.warnings),
                timings: built.timings,
            },
            Outcome::Skipped { output, warnings } => {
                WireOutcome::Skipped { output: WirePath(output.clone()), warnings: wire(warnings) }
            }
            Outcome::Failed(errors) => WireOutcome::Failed { errors: wire(errors) },
        };
        let files = files.iter().map(|f| WireFile { name: f.name.clone(), text: f.text.clone() }).collect();
        Self { outcome, files, leaving }
    }

    /// The outcome again, its diagnostics pointing into the files sent along.
    fn into_outcome(self) -> Outcome {
        let files: Vec<Arc<SourceFile>> = self.files.into_iter().map(|f| SourceFile::new(f.name, f.text)).collect();
        let diagnostics = |list: Vec<WireDiagnostic>| -> Vec<Diagnostic> {
            list.into_iter().filter_map(|d| d.into_diagnostic(&files)).collect()
        };
        match self.outcome {
            WireOutcome::Built { output, files: written, pages, warnings, timings } => Outcome::Built(Built {
                output: output.0,
                files: written.into_iter().map(|f| f.0).collect(),
                pages,
                warnings: diagnostics(warnings),
                timings,
                // The worker wrote the stamp; the batch needs no digest.
                digest: None,
                inputs: Vec::new(),
            }),
            WireOutcome::Skipped { output, warnings } => {
                Outcome::Skipped { output: output.0, warnings: diagnostics(warnings) }
            }
            WireOutcome::Failed { errors } => Outcome::Failed(diagnostics(errors)),
        }
    }
}

/// Have the system end `command`'s process when this one ends, however it ends (Linux; a
/// worker elsewhere ends when its input closes).
pub fn end_with_parent(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches only the new process.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = command;
}

/// Set in the environment of a `mujaz watch` that restarted itself.
pub const WATCH_RESTARTED: &str = "MUJAZ_WATCH_RESTARTED";
/// The file in which a supervised `watch` or `preview` notes the state of the files it builds.
pub const BUILT_STATE: &str = "MUJAZ_BUILT_STATE";
/// Set in the environment of the `mujaz watch` process that a supervising one runs.
pub const WATCH_CHILD: &str = "MUJAZ_WATCH_CHILD";

/// Set in the environment of the `mujaz preview` process that a supervising one runs.
pub const PREVIEW_CHILD: &str = "MUJAZ_PREVIEW_CHILD";
/// Set in the environment of a `mujaz preview` started again after a failure.
pub const PREVIEW_RESTARTED: &str = "MUJAZ_PREVIEW_RESTARTED";
/// The port a supervised `mujaz preview` serves on (kept across restarts).
pub const PREVIEW_PORT: &str = "MUJAZ_PREVIEW_PORT";

/// Run this command in a child process (with `env` set) and start it again, with
/// `restarted` set so that it waits for the next save, whenever Typst ends it beyond
/// recovery (SIGABRT, SIGSEGV, SIGBUS) or it asks for a restart. Returns the exit code to end
/// with, or `None` when no child could be started (then this process does the work).
pub fn supervise(env: &[(&str, String)], restarted: &str, kept: Message) -> Option<ExitCode> {
    let program = std::env::current_exe().ok()?;
    // Where each child notes which state of the files it is building, so that the next one
    // can tell whether a fix was saved while a failed build ran.
    let built_state = tempfile::NamedTempFile::new().ok()?;
    let mut again = false;
    loop {
        let mut command = std::process::Command::new(&program);
        command.args(std::env::args_os().skip(1)).envs(env.iter().map(|(k, v)| (k, v)));
        command.env(BUILT_STATE, built_state.path());
        if again {
            command.env(restarted, "1");
        }
        end_with_parent(&mut command);
        let status = command.status().ok()?;
        if status.code() == Some(i32::from(exit::RESTART)) {
            again = true;
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            // Any signal but the ones a user sends to stop it: an abort, a crash, the system's
            // out-of-memory killer.
            let stopping = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];
            if let Some(signal) = status.signal().filter(|s| !stopping.contains(s)) {
                let message = msg!("supervised-ended", signal = signal, kept = kept.clone());
                eprintln!("error[{}/{}]: {message}", Code::Internal.id(), Code::Internal.name());
                again = true;
                continue;
            }
        }
        return Some(ExitCode::from(status.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(exit::BRIEF_ERRORS)));
    }
}
