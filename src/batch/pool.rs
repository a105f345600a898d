//! The workers of a batch: each takes one brief at a time and builds it through a
//! [`Builder`] of its own (in this process, or in a worker process: see `isolate`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Event, Outcome};
use crate::diag::{Code, Diagnostic, Failed};
use crate::msg;
use crate::pipeline::Checked;

/// A checked brief (or why it failed) and where it goes (or why it cannot).
pub(super) type Planned = (Result<Checked, Failed>, Result<PathBuf, Diagnostic>);

/// Builds checked briefs one after another, for one worker of a batch.
pub trait Builder {
    /// Build the brief at `path`, checked as `checked`, into `output`.
    fn build(&mut self, path: &Path, checked: Checked, output: &Path) -> Outcome;
}

/// Build planned briefs with `workers` workers, each building through a [`Builder`] that
/// `make_builder` makes; outcomes come back in the order of `briefs`.
pub(super) fn build_all<'a>(
    briefs: &[PathBuf],
    planned: Vec<Planned>,
    workers: usize,
    on_event: &(dyn Fn(Event<'_>) + Sync),
    make_builder: &(dyn Fn() -> Box<dyn Builder + 'a> + Sync),
) -> Vec<Outcome> {
    let work: Vec<Mutex<Option<Planned>>> = planned.into_iter().map(|item| Mutex::new(Some(item))).collect();
    let results: Vec<Mutex<Option<Outcome>>> = briefs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(briefs.len()) {
            scope.spawn(|| {
                let mut builder = make_builder();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let (Some(path), Some(slot)) = (briefs.get(index), work.get(index)) else { break };
                    let Some((checked, output)) = slot.lock().ok().and_then(|mut item| item.take()) else { continue };
                    if crate::guard::runaway() {
                        // A template went over the memory limit and still runs: build nothing more.
                        let message = msg!("not-built-memory");
                        let outcome = Outcome::Failed(vec![
                            Diagnostic::error(Code::TemplateMemory, message).in_path(path.display().to_string()),
                        ]);
                        on_event(Event::Finished(path, &outcome));
                        if let Ok(mut result) = results[index].lock() {
                            *result = Some(outcome);
                        }
                        continue;
                    }
                    on_event(Event::Started(path));
                    let outcome = match (checked, output) {
                        (Err(failed), _) => Outcome::Failed(failed.0),
                        (Ok(_), Err(collision)) => Outcome::Failed(vec![collision]),
                        (Ok(checked), Ok(output)) => builder.build(path, checked, &output),
                    };
                    on_event(Event::Finished(path, &outcome));
                    if let Ok(mut result) = results[index].lock() {
                        *result = Some(outcome);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|result| {
            result
                .into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Outcome::Failed(vec![Diagnostic::error(Code::Internal, msg!("never-built"))]))
        })
        .collect()
}
