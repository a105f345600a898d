//! The Typst world a brief is compiled in: embedded fonts, the outlet's files and the brief's
//! data as virtual files, and nothing else — no system fonts, no network, no disk access.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::package::{PackageSpec, PackageVersion};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};

use super::fonts::FontSet;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// A file served to Typst, and the name diagnostics show for it.
pub struct VirtualFile {
    /// The name shown to users, e.g. `<builtin>/default/brief.typ`.
    pub display_name: String,
    /// The file's contents.
    pub bytes: Bytes,
}

/// A self-contained world for one compilation of one brief.
pub struct BriefWorld {
    library: &'static LazyHash<Library>,
    fonts: Arc<FontSet>,
    main: FileId,
    files: HashMap<FileId, VirtualFile>,
    sources: HashMap<FileId, Source>,
    /// The entry files of the served packages.
    entries: Vec<FileId>,
    today: Datetime,
}

/// The id of a virtual file at an absolute path such as `/brief.typ`.
///
/// Ids are interned for the whole process, so the same path always gives the same id; the
/// world uses a fixed set of paths, which keeps batch and watch builds from exhausting ids.
pub fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

/// The namespace of the packages a bulletin's briefs are served in.
const PACKAGE_NAMESPACE: &str = "mujaz";

/// The import path of the package a bulletin's brief is served in: `@mujaz/brief-3:0.0.0`.
/// Each brief is a package of its own, so that the template's absolute paths (`/lib.typ`,
/// `/brief.json`) reach that brief's files, and its modules are evaluated with its own data.
pub fn package_path(name: &str) -> String {
    format!("@{PACKAGE_NAMESPACE}/{name}:0.0.0")
}

/// The id of a file at an absolute path inside a served package.
fn package_file_id(name: &str, path: &str) -> Option<FileId> {
    let spec = PackageSpec {
        namespace: PACKAGE_NAMESPACE.into(),
        name: name.into(),
        version: PackageVersion { major: 0, minor: 0, patch: 0 },
    };
    Some(RootedPath::new(VirtualRoot::Package(spec), VirtualPath::new(path).ok()?).intern())
}

/// The manifest Typst reads to import a served package: its entry point is the brief template.
fn package_manifest(name: &str, entrypoint: &str) -> VirtualFile {
    let text = format!("[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nentrypoint = \"{entrypoint}\"\n");
    VirtualFile { display_name: format!("<bulletin>/{name}/typst.toml"), bytes: Bytes::new(text.into_bytes()) }
}

/// A package of virtual files served to a bulletin: its name, entry file, and files by absolute path.
pub struct Package {
    /// The package's name, e.g. `brief-3` (a bounded set, reused from build to build).
    pub name: String,
    /// The file `include` starts from, e.g. `brief.typ`.
    pub entrypoint: String,
    /// The files, keyed by absolute path inside the package.
    pub files: Vec<(String, VirtualFile)>,
}

impl BriefWorld {
    /// Build a world from virtual files keyed by absolute path; `main` is the entry file.
    pub fn new(
        files: Vec<(String, VirtualFile)>,
        main: &str,
        fonts: Arc<FontSet>,
        today: Datetime,
    ) -> Result<Self, String> {
        Self::with_packages(files, Vec::new(), main, fonts, today)
    }

    /// Build a world from virtual files and packages of them; `main` is the entry file.
    pub fn with_packages(
        files: Vec<(String, VirtualFile)>,
        packages: Vec<Package>,
        main: &str,
        fonts: Arc<FontSet>,
        today: Datetime,
    ) -> Result<Self, String> {
        let main = file_id(main).ok_or_else(|| format!("`{main}` is not a valid template path"))?;
        let mut by_id = HashMap::new();
        let mut sources = HashMap::new();
        let project = files.into_iter().map(|(path, file)| (file_id(&path), path, file));
        let entries: Vec<FileId> = packages
            .iter()
            .filter_map(|package| package_file_id(&package.name, &format!("/{}", package.entrypoint)))
            .collect();
        let packaged = packages.into_iter().flat_map(|package| {
            let manifest = package_manifest(&package.name, &package.entrypoint);
            let name = package.name;
            std::iter::once(("/typst.toml".to_string(), manifest))
                .chain(package.files)
                .map(move |(path, file)| (package_file_id(&name, &path), path, file))
                .collect::<Vec<_>>()
        });
        let mut templates = Vec::new();
        for (id, path, file) in project.chain(packaged) {
            let Some(id) = id else { continue };
            if path.ends_with(".typ") {
                templates.push((id, file.bytes.clone()));
            }
            by_id.insert(id, file);
        }
        // A bulletin has a copy of the templates for each brief: they are parsed in parallel.
        use rayon::prelude::*;
        let parsed: Vec<(FileId, Source)> = templates
            .par_iter()
            .filter_map(|(id, bytes)| Some((*id, parsed_source(*id, std::str::from_utf8(bytes.as_slice()).ok()?))))
            .collect();
        sources.extend(parsed);
        if !sources.contains_key(&main) {
            return Err("the outlet has no main template file".into());
        }
        Ok(Self { library: standard_library(), fonts, main, files: by_id, sources, entries, today })
    }

    /// Evaluate the served packages' entry files (a bulletin's briefs) in parallel. Typst
    /// evaluates the modules a document includes one after the other; its cache of evaluated
    /// modules (comemo) then finds each already done, with the same result, so the layout
    /// starts sooner. A package that fails to evaluate fails the same way in the layout, where
    /// its errors are reported.
    pub fn evaluate_packages(&self) {
        use rayon::prelude::*;
        use typst::comemo::Track;
        use typst::engine::{Route, Sink, Traced};
        self.entries.par_iter().for_each(|id| {
            let Ok(source) = self.source(*id) else { return };
            let world: &dyn World = self;
            let traced = Traced::default();
            let mut sink = Sink::new();
            let _ = typst_eval::eval(
                world.track(),
                self.library(),
                traced.track(),
                sink.track_mut(),
                Route::default().track(),
                &source,
            );
        });
    }

    /// The name to show users for a file id.
    pub fn display_name(&self, id: FileId) -> String {
        match self.files.get(&id) {
            Some(file) => file.display_name.clone(),
            None => id.vpath().get_with_slash().to_string(),
        }
    }
}

impl World for BriefWorld {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None if self.files.contains_key(&id) => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).map(|file| file.bytes.clone()).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        // Typst may ask for an index from an older font book: never index blindly.
        self.fonts.fonts().get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The brief's date, not the clock, so that output is reproducible.
        Some(self.today)
    }
}

/// A template file as a Typst source, parsed once per process for each distinct text (a batch
/// lays every brief out with the same few template files).
fn parsed_source(id: FileId, text: &str) -> Source {
    static PARSED: LazyLock<std::sync::Mutex<HashMap<(FileId, String), Source>>> = LazyLock::new(Default::default);
    let key = (id, text.to_string());
    if let Some(source) = PARSED.lock().ok().and_then(|parsed| parsed.get(&key).cloned()) {
        return source;
    }
    // Parsed outside the lock, so that a bulletin's copies are parsed at once.
    let source = Source::new(id, text.to_string());
    if let Ok(mut parsed) = PARSED.lock() {
        // A bound keeps a long watch session from growing without end (a bulletin of the
        // largest size holds two templates for each of its briefs).
        if parsed.len() > 1024 {
            parsed.clear();
        }
        parsed.insert(key, source.clone());
    }
    source
}

/// Typst's standard library, built and hashed once per process and shared by every build
/// (brief data reaches templates as a file, not through `sys.inputs`, so it never varies).
fn standard_library() -> &'static LazyHash<Library> {
    static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::builder().build()));
    &LIBRARY
}

fn not_found(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(package) if package.namespace == PACKAGE_NAMESPACE => {
            FileError::NotFound(std::path::PathBuf::from(id.vpath().get_with_slash()))
        }
        // An outlet is self-contained: nothing is downloaded, no package folder is read.
        VirtualRoot::Package(package) => FileError::Other(Some(
            format!("packages such as `{package}` are not available to outlets; copy the files you need into the outlet folder").into(),
        )),
        VirtualRoot::Project => FileError::NotFound(std::path::PathBuf::from(id.vpath().get_with_slash())),
    }
}
