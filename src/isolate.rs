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
//! The protocol is one JSON line per job on the worker's standard input
//! (`{"brief": …, "output": …}`) and one JSON line per answer on its standard output.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::batch::{BatchOptions, Builder, Event, Outcome, build_one, internal_error, run_with};
use crate::diag::{Code, Diagnostic, SourceFile};
use crate::{Built, Checked, Timings};

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

/// Serve as a worker: build each job read from `input` and answer on `output`, until the
/// input ends or a template had to be abandoned (its thread cannot be stopped, so the
/// process ends and the batch starts another).
pub fn serve(options: &BatchOptions, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    for line in input.lines() {
        let job: Value = serde_json::from_str(&line?).map_err(std::io::Error::other)?;
        let (Some(brief), Some(target)) = (path_from_wire(&job["brief"]), path_from_wire(&job["output"])) else {
            return Err(std::io::Error::other("a job without brief or output"));
        };
        let (brief, target) = (brief.as_path(), target.as_path());
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            match crate::check_with(brief, &options.build.lookup) {
                Ok(checked) => build_one(checked, target, options),
                Err(failed) => Outcome::Failed(failed.0),
            }
        }))
        .unwrap_or_else(|panic| Outcome::Failed(vec![internal_error(brief, panic)]));
        typst::comemo::evict(crate::batch::EVICT_AGE);
        // A worker that abandoned a template says it is leaving, so that the batch does not
        // write its next job into a closed pipe.
        let leaving = crate::guard::abandoned();
        let mut answer = to_wire(&outcome);
        answer["leaving"] = json!(leaving);
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
    fn reap(&mut self) -> (bool, String) {
        let Some(Process { mut child, stdin, stderr, reader, .. }) = self.process.take() else {
            return (false, String::new());
        };
        drop(stdin);
        let status = child.wait().ok();
        // The reader ends with the process's stderr: after it, the last words are in.
        let _ = reader.join();
        let tail = stderr.lock().map(|t| t.trim().to_string()).unwrap_or_default();
        let cause = match status {
            Some(status) if status.success() => return (true, tail),
            Some(status) => describe(status),
            None => "it could not be waited for".into(),
        };
        (false, if tail.is_empty() { cause } else { format!("{cause}: {tail}") })
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
fn describe(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => " (abort)",
                9 => " (killed)",
                11 => " (segmentation fault)",
                _ => "",
            };
            return format!("the worker process ended on signal {signal}{name}");
        }
    }
    format!("the worker process ended with {status}")
}

impl Builder for Worker {
    fn build(&mut self, path: &Path, _checked: Checked, output: &Path) -> Outcome {
        let job = json!({"brief": path_to_wire(path), "output": path_to_wire(output)}).to_string();
        // A worker that ended on purpose after its last answer gets one more try with a new one.
        for _ in 0..2 {
            let answer = match self.ask(&job) {
                Ok(answer) => answer,
                Err(err) => {
                    let message = format!("cannot start a worker process for this brief: {err}");
                    return Outcome::Failed(vec![
                        Diagnostic::error(Code::Internal, message).in_path(path.display().to_string()),
                    ]);
                }
            };
            if let Some((outcome, leaving)) = answer.as_deref().and_then(from_wire) {
                if leaving {
                    self.reap();
                }
                return match outcome {
                    Outcome::Failed(errors) if errors.is_empty() => {
                        let message = "the worker process reported a failure that could not be read";
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
            let message = format!("mujaz stopped while building this brief; {cause}");
            let hint = "the rest of the batch was built; an abort or stack overflow comes from the outlet's template \
                        or images (an image Typst cannot decode, values nested too deep), a stop from outside the batch";
            return Outcome::Failed(vec![
                Diagnostic::error(Code::Internal, message).in_path(path.display().to_string()).with_hint(hint),
            ]);
        }
        let message = "the worker process ended twice before answering";
        Outcome::Failed(vec![Diagnostic::error(Code::Internal, message).in_path(path.display().to_string())])
    }
}

fn to_wire(outcome: &Outcome) -> Value {
    let mut files = Vec::new();
    let mut diagnostics = |list: &[Diagnostic]| list.iter().map(|d| d.to_wire(&mut files)).collect::<Vec<_>>();
    let mut answer = match outcome {
        Outcome::Built(built) => {
            let t = &built.timings;
            let timings = [t.load, t.validate, t.render, t.export, t.write].map(|d| d.as_secs_f64());
            json!({
                "built": {
                    "output": path_to_wire(&built.output),
                    "files": built.files.iter().map(|f| path_to_wire(f)).collect::<Vec<_>>(),
                    "pages": built.pages,
                    "warnings": diagnostics(&built.warnings),
                    "timings": timings,
                }
            })
        }
        Outcome::Skipped { output, warnings } => {
            json!({"skipped": {"output": path_to_wire(output), "warnings": diagnostics(warnings)}})
        }
        Outcome::Failed(errors) => json!({"failed": diagnostics(errors)}),
    };
    answer["files"] = files.iter().map(|f| json!({"name": f.name, "text": f.text})).collect();
    answer
}

/// An answer read back: the outcome, and whether the worker is leaving after it.
fn from_wire(line: &str) -> Option<(Outcome, bool)> {
    let value: Value = serde_json::from_str(line).ok()?;
    let files: Vec<Arc<SourceFile>> = value["files"]
        .as_array()
        .map(|files| {
            let text = |f: &Value, key: &str| f[key].as_str().unwrap_or_default().to_string();
            files.iter().map(|f| SourceFile::new(text(f, "name"), text(f, "text"))).collect()
        })
        .unwrap_or_default();
    let diagnostics = |list: &Value| -> Vec<Diagnostic> {
        list.as_array().map(|l| l.iter().filter_map(|d| Diagnostic::from_wire(d, &files)).collect()).unwrap_or_default()
    };
    let leaving = value["leaving"].as_bool().unwrap_or(false);
    if let Some(built) = value.get("built") {
        let seconds: Vec<Duration> = built["timings"]
            .as_array()?
            .iter()
            .map(|s| Duration::from_secs_f64(s.as_f64().unwrap_or(0.0).max(0.0)))
            .collect();
        let [load, validate, render, export, write] = seconds[..] else { return None };
        let outcome = Outcome::Built(Built {
            output: path_from_wire(&built["output"])?,
            files: built["files"].as_array()?.iter().filter_map(path_from_wire).collect(),
            pages: built["pages"].as_u64()? as usize,
            warnings: diagnostics(&built["warnings"]),
            timings: Timings { load, validate, render, export, write },
            // The worker wrote the stamp; the batch needs no digest.
            digest: None,
        });
        return Some((outcome, leaving));
    }
    if let Some(skipped) = value.get("skipped") {
        let output = path_from_wire(&skipped["output"])?;
        return Some((Outcome::Skipped { output, warnings: diagnostics(&skipped["warnings"]) }, leaving));
    }
    value.get("failed").map(|errors| (Outcome::Failed(diagnostics(errors)), leaving))
}

/// A path as JSON: its bytes on Unix, where a file name need not be UTF-8.
fn path_to_wire(path: &Path) -> Value {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        json!(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        json!(path.to_string_lossy())
    }
}

fn path_from_wire(value: &Value) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes: Vec<u8> = value.as_array()?.iter().map(|b| b.as_u64().map(|b| b as u8)).collect::<Option<_>>()?;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes)))
    }
    #[cfg(not(unix))]
    {
        value.as_str().map(PathBuf::from)
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
