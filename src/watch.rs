//! Noticing when a brief or its outlet changes, for `mujaz watch` and `mujaz preview`, and
//! the watch loop itself: rebuild on every change, keep the last good PDF on a bad one.
//!
//! The folders of the files are watched rather than the files themselves, because editors often
//! save by writing a new file and renaming it over the old one, which would end a watch on the
//! file. What is followed is what the last good build was made from: a brief and its images, or
//! a bulletin, every brief in it and their images.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::diag::Failed;
use crate::msg;
use crate::options::{BuildOptions, Lookup};
use crate::pipeline::{self, Built};

/// How a watch or preview started again after a failure takes up where the last one stopped.
#[derive(Debug, Clone, Copy, Default)]
pub struct Resume<'a> {
    /// The file in which each build notes the state of the files it builds.
    pub built_state: Option<&'a Path>,
    /// Whether this process was started again after a failure.
    pub restarted: bool,
}

/// What a watch reports while it runs.
pub enum Progress<'a> {
    /// Saves are being watched from now on.
    Watching,
    /// Started again after a stopped template: nothing is built until the next save.
    Waiting,
    /// A build ended, well or not, after this long.
    Built(&'a Result<Built, Failed>, Duration),
}

/// Why watching ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The files can no longer be watched (the process is being stopped).
    Closed,
    /// A template was stopped (time or memory limit) and still runs on its thread: only a new
    /// process is rid of it.
    Abandoned,
}

/// Rebuild `brief` (a brief or a bulletin file) as `options` say on every change to it, to what
/// it is made from, or to its outlet; the first build runs at once, unless this is a restart
/// after a failure and nothing changed since.
pub fn follow(
    brief: &Path,
    options: &BuildOptions,
    resume: Resume<'_>,
    report: &mut dyn FnMut(Progress<'_>),
) -> anyhow::Result<Ended> {
    let changes = Changes::new(brief, &options.lookup)?;
    report(Progress::Watching);
    let changed = resume.built_state.is_some_and(|file| changes.changed_since_recorded(file));
    if resume.restarted && !changed {
        // Building the same files again would only be stopped again. (A fix saved while the
        // failed build ran is built at once.)
        report(Progress::Waiting);
        if !changes.wait() {
            return Ok(Ended::Closed);
        }
    }
    loop {
        if let Some(file) = resume.built_state {
            changes.record_build(file);
        }
        let started = std::time::Instant::now();
        let result = build_any(brief, options);
        // Followed before the build is reported, so that a save made as soon as the editor
        // sees the report is noticed.
        if let Ok(built) = &result {
            changes.follow(&built.inputs);
        }
        report(Progress::Built(&result, started.elapsed()));
        if crate::guard::abandoned() {
            return Ok(Ended::Abandoned);
        }
        crate::render::forget_stale_work();
        if !changes.wait() {
            return Ok(Ended::Closed);
        }
    }
}

/// Build a brief or, for a file with a `[bulletin]` table, a bulletin.
pub fn build_any(path: &Path, options: &BuildOptions) -> Result<Built, Failed> {
    match pipeline::bulletin::is_bulletin_file(path) {
        true => pipeline::bulletin::build_bulletin(path, options),
        false => pipeline::build(path, options),
    }
}

/// How long a burst of file events must settle before a rebuild (editors write in steps).
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// Changes to the files a brief (or a bulletin) depends on.
pub struct Changes {
    events: Receiver<DebounceEventResult>,
    /// The file being built, then everything the last good build was made from.
    files: RefCell<Vec<PathBuf>>,
    /// The folders watched for the files.
    folders: RefCell<Vec<PathBuf>>,
    templates: Option<PathBuf>,
    /// What the files looked like at the last change, so that events which change nothing
    /// (reading the brief to build it, an editor touching it) do not trigger a rebuild.
    seen: std::cell::Cell<u64>,
    // Dropping the debouncer stops the watch, so it lives as long as this value.
    debouncer: RefCell<Debouncer<RecommendedWatcher>>,
}

impl Changes {
    /// Start watching a brief and the folder of user outlets it may use.
    pub fn new(brief: &Path, lookup: &Lookup) -> anyhow::Result<Self> {
        let brief = absolute(brief);
        let folder = brief.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let (sender, events) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, sender).with_context(|| msg!("cannot-watch-system").to_string())?;
        debouncer
            .watcher()
            .watch(&folder, RecursiveMode::NonRecursive)
            .with_context(|| msg!("cannot-watch", path = folder.display().to_string()).to_string())?;
        let templates = lookup.folder_for(&brief).map(|t| absolute(&t)).filter(|t| t.is_dir());
        if let Some(templates) = &templates {
            debouncer
                .watcher()
                .watch(templates, RecursiveMode::Recursive)
                .with_context(|| msg!("cannot-watch", path = templates.display().to_string()).to_string())?;
        }
        let seen = std::cell::Cell::new(0);
        let changes = Self {
            events,
            files: RefCell::new(vec![brief]),
            folders: RefCell::new(vec![folder]),
            templates,
            seen,
            debouncer: RefCell::new(debouncer),
        };
        changes.seen.set(changes.fingerprint());
        Ok(changes)
    }

    /// Follow these files from now on, besides the one being built: what its last good build
    /// was made from (the briefs of a bulletin, images). Their folders are watched as well.
    pub fn follow(&self, inputs: &[PathBuf]) {
        let mut files = self.files.borrow_mut();
        files.truncate(1);
        for input in inputs.iter().map(|path| absolute(path)) {
            if files.contains(&input) {
                continue;
            }
            let folder = input.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
            let mut folders = self.folders.borrow_mut();
            if !folders.contains(&folder)
                && self.debouncer.borrow_mut().watcher().watch(&folder, RecursiveMode::NonRecursive).is_ok()
            {
                folders.push(folder);
            }
            files.push(input);
        }
        drop(files);
        self.seen.set(self.fingerprint());
    }

    /// Wait until the brief or an outlet file changes; `false` when watching has ended.
    pub fn wait(&self) -> bool {
        while let Ok(result) = self.events.recv() {
            let Ok(events) = result else { continue };
            if events.iter().any(|event| self.matters(&event.path)) {
                // Let a save that comes in several writes finish before rebuilding.
                while self.events.recv_timeout(DEBOUNCE / 2).is_ok() {}
                let now = self.fingerprint();
                if now != self.seen.replace(now) {
                    return true;
                }
            }
        }
        false
    }

    /// Note in `file` which state of the files is about to be built, so that a process
    /// started again after that build failed can tell whether they changed since.
    pub fn record_build(&self, file: &Path) {
        let _ = std::fs::write(file, self.seen.get().to_string());
    }

    /// Whether the files changed since the build noted in `file` by [`Changes::record_build`].
    pub fn changed_since_recorded(&self, file: &Path) -> bool {
        let recorded = std::fs::read_to_string(file).ok().and_then(|text| text.trim().parse::<u64>().ok());
        recorded.is_some_and(|recorded| recorded != self.seen.get())
    }

    /// A hash of the followed files' bytes and of the outlet files' names, sizes and times.
    fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for file in self.files.borrow().iter() {
            std::fs::read(file).ok().hash(&mut hasher);
        }
        // A brief added to (or taken from) a folder a bulletin names changes the bulletin.
        for folder in self.folders.borrow().iter() {
            let mut names: Vec<_> = std::fs::read_dir(folder)
                .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.file_name()).collect())
                .unwrap_or_default();
            names.retain(|name| Path::new(name).extension().is_some_and(|ext| ext == "toml"));
            names.sort();
            names.hash(&mut hasher);
        }
        if let Some(templates) = &self.templates {
            for entry in walkdir::WalkDir::new(templates).sort_by_file_name().into_iter().filter_map(Result::ok) {
                entry.path().hash(&mut hasher);
                if let Ok(meta) = entry.metadata() {
                    meta.len().hash(&mut hasher);
                    meta.modified().ok().hash(&mut hasher);
                }
            }
        }
        hasher.finish()
    }

    fn matters(&self, path: &Path) -> bool {
        let path = absolute(path);
        let in_followed_folder = path.extension().is_some_and(|ext| ext == "toml")
            && path.parent().is_some_and(|parent| self.folders.borrow().iter().any(|folder| folder == parent));
        self.files.borrow().contains(&path)
            || in_followed_folder
            || self.templates.as_ref().is_some_and(|t| path.starts_with(t))
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
