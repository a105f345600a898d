//! Run Typst work (layout, rasterising pages) on a thread of its own, watched for time and
//! memory.
//!
//! Typst cannot be interrupted. A template that loops for ever, or allocates without end,
//! would hang a build or exhaust the machine, so the work runs on a worker thread that the
//! build abandons once it goes over the time limit or the process over the memory limit.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crate::diag::{Code, Diagnostic};
use crate::limits;
use crate::messages::Message;
use crate::msg;

/// How often a waiting build looks at the clock and the process's memory.
const POLL: Duration = Duration::from_millis(20);

/// Layout recurses deeply; give the worker the stack the main thread would have.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Set once a worker went over the memory limit: it still runs (nothing can stop it), so the
/// process must not start more work and should exit soon.
static RUNAWAY: AtomicBool = AtomicBool::new(false);

/// Set once any worker was abandoned (time or memory): its thread still runs.
static ABANDONED: AtomicBool = AtomicBool::new(false);

/// Why watched work gave no result.
#[derive(Debug, Clone, PartialEq)]
pub enum Stopped {
    /// It ran longer than the time limit.
    Timeout(Duration),
    /// The process went over the memory limit while it ran: (resident bytes, limit).
    Memory(u64, u64),
    /// It panicked, with this message.
    Panicked(String),
    /// No thread could be started for it.
    NoThread(String),
}

impl Stopped {
    /// The diagnostic for work of outlet `outlet` that was stopped while `doing` (e.g.
    /// "to lay out the brief").
    pub fn diagnostic(&self, outlet: &str, doing: Message) -> Diagnostic {
        match self {
            Stopped::Timeout(limit) => Diagnostic::error(
                Code::TemplateTimeout,
                msg!("template-timeout", outlet = outlet, seconds = limit.as_secs_f64(), doing = doing),
            )
            .with_hint(msg!("hint-template-timeout")),
            Stopped::Memory(used, limit) => Diagnostic::error(
                Code::TemplateMemory,
                msg!("template-memory", outlet = outlet, used = used / MB, limit = limit / MB, doing = doing),
            )
            .with_hint(msg!("hint-template-memory")),
            Stopped::Panicked(message) => {
                Diagnostic::error(Code::Internal, msg!("typst-panicked", doing = doing, detail = message))
                    .with_hint(msg!("hint-typst-panicked"))
            }
            Stopped::NoThread(message) => {
                Diagnostic::error(Code::Internal, msg!("no-worker-thread", doing = doing, detail = message))
            }
        }
    }
}

const MB: u64 = 1024 * 1024;

/// Whether some work went over the memory limit in this process. Its thread is still running
/// and allocating: start nothing new, report, and exit.
pub fn runaway() -> bool {
    RUNAWAY.load(Ordering::Relaxed)
}

/// Whether some work was abandoned in this process (over the time or the memory limit); its
/// thread still runs, using a core, until the process ends.
pub fn abandoned() -> bool {
    ABANDONED.load(Ordering::Relaxed)
}

/// Run `work` on a thread named `name` and wait for it, within the time limit (`--timeout`)
/// and the memory limit (`--memory-limit`). Work that goes over either is abandoned.
pub fn watched<T: Send + 'static>(name: String, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Stopped> {
    let timeout = limits::render_timeout();
    let memory_limit = limits::memory_limit();
    let (sender, receiver) = channel();
    let handle = std::thread::Builder::new()
        .name(name)
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let _ = sender.send(work());
        })
        .map_err(|err| Stopped::NoThread(err.to_string()))?;
    let started = Instant::now();
    loop {
        let left = timeout.saturating_sub(started.elapsed());
        match receiver.recv_timeout(left.min(POLL)) {
            Ok(result) => return Ok(result),
            Err(RecvTimeoutError::Disconnected) => {
                // The thread ended without an answer: the work panicked.
                let panic = handle.join().err().unwrap_or_else(|| Box::new("no message"));
                return Err(Stopped::Panicked(crate::diag::panic_message(panic.as_ref())));
            }
            Err(RecvTimeoutError::Timeout) => {
                if started.elapsed() >= timeout {
                    ABANDONED.store(true, Ordering::Relaxed);
                    return Err(Stopped::Timeout(timeout));
                }
                if let Some(resident) = resident_bytes()
                    && resident > memory_limit
                {
                    ABANDONED.store(true, Ordering::Relaxed);
                    RUNAWAY.store(true, Ordering::Relaxed);
                    return Err(Stopped::Memory(resident, memory_limit));
                }
            }
        }
    }
}

/// The process's resident memory, where the system tells it (Linux: `/proc/self/statm`).
#[cfg(unix)]
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: sysconf only reads a system constant.
    let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * u64::try_from(page_size).ok().filter(|&size| size > 0)?)
}

#[cfg(not(unix))]
fn resident_bytes() -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_that_finishes_returns_its_result() {
        assert_eq!(watched("t".into(), || 6 * 7), Ok(42));
    }

    #[test]
    fn a_panic_is_reported_with_its_message() {
        let stopped = watched("t".into(), || -> u8 { panic!("glyphs fell out") }).unwrap_err();
        assert_eq!(stopped, Stopped::Panicked("glyphs fell out".into()));
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn resident_memory_is_read_on_linux() {
        let resident = resident_bytes().expect("statm");
        assert!(resident > MB && resident < 64 * 1024 * MB, "{resident}");
    }
}
