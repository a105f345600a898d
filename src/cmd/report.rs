//! Everything the command prints: diagnostics, progress, per-brief lines and the summary.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use indicatif::{ProgressBar, ProgressStyle};
use mujaz::Diagnostic;
use mujaz::batch::Outcome;
use mujaz::messages::{Arg, Message};
use mujaz::msg;

use crate::cli::MessageFormat;

/// Prints a run's diagnostics and progress; safe to use from worker threads.
pub struct Reporter {
    format: MessageFormat,
    bar: Option<ProgressBar>,
    /// Serialises output so the lines of two briefs never interleave.
    lock: Mutex<()>,
    timings: bool,
}

impl Reporter {
    /// A reporter for `total` briefs; a progress bar is shown only on a terminal.
    pub fn new(format: MessageFormat, total: usize, progress: bool, timings: bool) -> Self {
        let bar = (progress && format == MessageFormat::Human && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(total as u64);
            let style = ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} {elapsed} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Self { format, bar, lock: Mutex::new(()), timings }
    }

    /// Note that a brief started building.
    pub fn started(&self, path: &Path) {
        if let Some(bar) = &self.bar {
            bar.set_message(path.display().to_string());
        }
    }

    /// Print what happened to one brief.
    pub fn finished(&self, path: &Path, outcome: &Outcome) {
        let _guard = self.lock.lock();
        let print = || match outcome {
            Outcome::Built(built) => {
                self.diagnostics_of(Some(path), &built.warnings);
                if self.format == MessageFormat::Human {
                    let brief = path.display().to_string();
                    let line = match built.files.as_slice() {
                        [first, .., last] => msg!(
                            "built-files",
                            brief = brief,
                            first = first.display().to_string(),
                            last = last.display().to_string(),
                            files = built.files.len(),
                            pages = built.pages
                        ),
                        _ => msg!(
                            "built",
                            brief = brief,
                            output = built.output.display().to_string(),
                            pages = built.pages
                        ),
                    };
                    eprintln!("{line}");
                    if self.timings {
                        let t = built.timings;
                        let line = msg!(
                            "timings",
                            load = ms(t.load),
                            validate = ms(t.validate),
                            render = ms(t.render),
                            export = ms(t.export),
                            write = ms(t.write)
                        );
                        eprintln!("  {line}");
                    }
                }
            }
            Outcome::Skipped { output, warnings } => {
                self.diagnostics_of(Some(path), warnings);
                if self.format == MessageFormat::Human {
                    let brief = path.display().to_string();
                    eprintln!("{}", msg!("skipped", brief = brief, output = output.display().to_string()));
                }
            }
            Outcome::Failed(diagnostics) => {
                self.diagnostics_of(Some(path), diagnostics);
                if self.format == MessageFormat::Human {
                    let line = msg!("cannot-build", brief = path.display().to_string(), problems = count(diagnostics));
                    eprintln!("{}\n", msg!("error-line", line = line));
                }
            }
        };
        match &self.bar {
            Some(bar) => {
                bar.suspend(print);
                bar.inc(1);
            }
            None => print(),
        }
    }

    /// Print a list of diagnostics.
    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        self.diagnostics_of(None, diagnostics);
    }

    /// Print the diagnostics of one brief of a batch; as JSON, each record names the brief
    /// (a template's error points at the template, not at the brief it was laying out).
    fn diagnostics_of(&self, brief: Option<&Path>, diagnostics: &[Diagnostic]) {
        match self.format {
            MessageFormat::Human => {
                let color = if std::io::stderr().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
                let mut stderr = StandardStream::stderr(color);
                for diagnostic in diagnostics {
                    let _ = diagnostic.emit(&mut stderr);
                }
            }
            MessageFormat::Json => {
                let mut stdout = std::io::stdout().lock();
                for diagnostic in diagnostics {
                    let mut record = diagnostic.to_json();
                    if let Some(brief) = brief {
                        record["brief"] = serde_json::json!(brief.to_string_lossy());
                    }
                    let _ = writeln!(stdout, "{record}");
                }
            }
        }
    }

    /// Close the progress bar and print the summary line of a run of several briefs.
    /// `verb` is `built` or `checked`.
    pub fn summary(&self, verb: &'static str, counts: Counts, failed: &[&Path], elapsed: Duration) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.format != MessageFormat::Human {
            return;
        }
        if counts.total() < 2 {
            if self.timings
                && let Some(peak) = peak_memory()
            {
                eprintln!("  {}", msg!("peak-memory", peak = peak));
            }
            return;
        }
        let names: Vec<String> = failed.iter().map(|p| p.display().to_string()).collect();
        let line = msg!(
            "summary",
            verb = Arg::choice(verb),
            done = counts.done,
            total = counts.total(),
            skipped = counts.skipped,
            failed = names.len(),
            names = names.join(", "),
            seconds = (elapsed.as_secs_f64() * 100.0).round() / 100.0
        );
        eprintln!("{line}");
        if self.timings
            && let Some(peak) = peak_memory()
        {
            eprintln!("  {}", msg!("peak-memory", peak = peak));
        }
    }
}

/// How many briefs ended which way.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Built (or checked) successfully.
    pub done: usize,
    /// Skipped as unchanged.
    pub skipped: usize,
    /// Failed.
    pub failed: usize,
}

impl Counts {
    fn total(self) -> usize {
        self.done + self.skipped + self.failed
    }

    /// Count a run's outcomes, and name the briefs that failed.
    pub fn of<'a>(outcomes: impl IntoIterator<Item = (&'a Path, &'a Outcome)>) -> (Self, Vec<&'a Path>) {
        let mut counts = Counts::default();
        let mut failed = Vec::new();
        for (path, outcome) in outcomes {
            match outcome {
                Outcome::Built(_) => counts.done += 1,
                Outcome::Skipped { .. } => counts.skipped += 1,
                Outcome::Failed(_) => {
                    counts.failed += 1;
                    failed.push(path);
                }
            }
        }
        (counts, failed)
    }
}

/// Say how many errors and warnings there are, e.g. `2 errors and 1 warning`.
pub fn count(diagnostics: &[Diagnostic]) -> Message {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let errors_phrase = msg!("count-errors", count = errors);
    let warnings_phrase = msg!("count-warnings", count = warnings);
    match (errors, warnings) {
        (_, 0) => errors_phrase,
        (0, _) => msg!("count-warnings-denied", warnings = warnings_phrase),
        _ => msg!("count-both", errors = errors_phrase, warnings = warnings_phrase),
    }
}

fn ms(duration: Duration) -> String {
    msg!("unit-ms", ms = format!("{:.1}", duration.as_secs_f64() * 1000.0)).to_string()
}

/// The peak resident memory of this process and, for a batch, of its largest worker process,
/// where the system reports it (Linux).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let own: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(msg!("unit-mb", mb = format!("{:.0}", own.max(largest_worker_kib()) / 1024.0)).to_string())
}

/// The peak resident memory of the largest child process that has ended, in KiB.
fn largest_worker_kib() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the zeroed struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0 {
            return usage.ru_maxrss as f64;
        }
    }
    0.0
}
