//! The command line, as clap types only.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Compile structured briefs (TOML) into print-ready Arabic and English PDFs.
#[derive(Debug, Parser)]
#[command(name = "mujaz", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages, hints and report lines (default: MUJAZ_LANG, then the
    /// system's language, then English).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub messages: Option<MessagesLang>,
}

/// A language mujaz speaks to editors in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessagesLang {
    /// Arabic.
    Ar,
    /// English.
    En,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build briefs into PDFs (by default beside each brief, as NAME.pdf).
    Build(BuildArgs),
    /// Check briefs for errors without laying them out.
    Check(CheckArgs),
    /// Print the data a template receives for a brief (the JSON served as /brief.json).
    Data(DataArgs),
    /// Start or list outlets (templates and brand settings).
    #[command(subcommand)]
    Outlet(OutletCommand),
    /// Write a starter brief with every section and a comment on each key.
    New(NewArgs),
    /// Turn a draft (plain text, Markdown or Word) into a brief to complete and check.
    Import(ImportArgs),
    /// Build a desk's static web archive: a page and a PDF per brief and bulletin, an index
    /// page and an Atom feed, all linked by relative addresses.
    Site(SiteArgs),
    /// Rebuild a brief's PDF on every save of the brief or its outlet.
    Watch(WatchArgs),
    /// Serve a live preview of a brief's pages on this machine (http://127.0.0.1:PORT/).
    Preview(PreviewArgs),
    /// Print the JSON Schema of the brief format, for editors (Taplo / Even Better TOML).
    Schema(SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `mujaz man > mujaz.1`.
    Man,
}

/// Arguments of `mujaz watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The brief to watch.
    #[arg(value_name = "BRIEF")]
    pub brief: PathBuf,
    /// Where to write the PDF (default: beside the brief).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Which outlets and which version.
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// Arguments of `mujaz preview`.
#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
    /// The brief to preview.
    #[arg(value_name = "BRIEF")]
    pub brief: PathBuf,
    /// The port to serve on (0 picks a free one).
    #[arg(long, default_value_t = 7373)]
    pub port: u16,
    /// Which outlets and which version.
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// Arguments of `mujaz schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The bulletin format's schema instead of the brief format's.
    #[arg(long)]
    pub bulletin: bool,
}

/// Arguments of `mujaz new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The brief file to create (it must not exist yet).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The brief's language.
    #[arg(long, value_enum, default_value_t = NewLang::Ar)]
    pub lang: NewLang,
    /// The outlet to lay it out with.
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub outlet: String,
    /// Start a bulletin (many briefs behind a cover and contents) instead of a brief.
    #[arg(long)]
    pub bulletin: bool,
}

/// Arguments of `mujaz import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The draft: a .txt (UTF-8, UTF-16 or Windows-1256), .md or .docx file.
    #[arg(value_name = "DRAFT")]
    pub draft: PathBuf,
    /// The brief to write (default: beside the draft, as NAME.toml); never overwritten.
    #[arg(short, long, value_name = "BRIEF")]
    pub output: Option<PathBuf>,
}

/// Languages `mujaz new` can start a brief in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewLang {
    /// Arabic.
    Ar,
    /// English.
    En,
}

/// Arguments of `mujaz completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The `mujaz outlet` subcommands.
#[derive(Debug, Subcommand)]
pub enum OutletCommand {
    /// Copy a built-in outlet into a folder of your own, to edit.
    New(OutletNewArgs),
    /// List the built-in outlets and those in the templates folder.
    List(OutletListArgs),
}

/// Arguments of `mujaz outlet new`.
#[derive(Debug, clap::Args)]
pub struct OutletNewArgs {
    /// The new outlet's name (its folder name).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The built-in outlet to start from.
    #[arg(long, value_name = "OUTLET", default_value = "default")]
    pub from: String,
    /// The folder that holds outlets.
    #[arg(long, value_name = "DIR", default_value = "templates")]
    pub templates: PathBuf,
}

/// Arguments of `mujaz outlet list`.
#[derive(Debug, clap::Args)]
pub struct OutletListArgs {
    /// The folder that holds your outlets.
    #[arg(long, value_name = "DIR", default_value = "templates")]
    pub templates: PathBuf,
}

/// Options that say which outlets and which version of a brief.
#[derive(Debug, clap::Args)]
pub struct LayoutArgs {
    /// A folder of outlets to use before the built-in ones (default: `templates/` beside
    /// each brief, if there is one).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Make the print version: CMYK colours, bleed and crop marks, the outlet's PDF standard.
    #[arg(long)]
    pub print: bool,
    /// Lay every brief out with this outlet instead of the one it names.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Stop a template that takes longer than this many seconds to lay out one brief.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Stop the build when a template makes mujaz use more than this many megabytes of memory.
    #[arg(long, value_name = "MB", default_value_t = 2048)]
    pub memory_limit: u64,
}

/// Arguments of `mujaz data`.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// The brief file.
    #[arg(value_name = "BRIEF")]
    pub brief: PathBuf,
    /// Write the JSON to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Which outlets and which version.
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// Arguments of `mujaz build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Brief files, or folders to search for `*.toml` briefs.
    #[arg(required = true, value_name = "PATH")]
    pub briefs: Vec<PathBuf>,
    /// Where to write the PDF; with several briefs (or a folder), a folder to write them into.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Name outputs from a pattern: {id}, {date}, {outlet}, {lang}, {stem} (the brief's file
    /// name); the default is `{stem}.pdf`.
    #[arg(long, value_name = "PATTERN")]
    pub output_pattern: Option<String>,
    /// How many briefs to build at once (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Rebuild briefs whose PDF is up to date.
    #[arg(long)]
    pub force: bool,
    /// What to write: a PDF, or one PNG or SVG image per page (NAME-1.png, NAME-2.png, …).
    #[arg(long, value_enum, default_value_t = OutputFormat::Pdf)]
    pub format: OutputFormat,
    /// Resolution of PNG images, in pixels per inch.
    #[arg(long, value_name = "N", default_value_t = 144.0)]
    pub ppi: f32,
    /// Only these pages, e.g. `1`, `1-2`, `2-`, `1,3`.
    #[arg(long, value_name = "PAGES")]
    pub pages: Option<String>,
    /// Print how long each stage took, and the peak memory.
    #[arg(long)]
    pub timings: bool,

    /// Which outlets and which version.
    #[command(flatten)]
    pub layout: LayoutArgs,
    /// Fail (and write nothing) when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Internal: serve as one worker process of a batch (jobs on stdin, answers on stdout).
    #[arg(long, hide = true)]
    pub batch_worker: bool,
}

/// Arguments of `mujaz site`.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// Brief and bulletin files, or folders to search for `*.toml` files.
    #[arg(required = true, value_name = "PATH")]
    pub briefs: Vec<PathBuf>,
    /// The site's folder (made if missing): `index.html`, `feed.xml`, `ID.html` and `ID.pdf`
    /// for each brief, `NAME.html` and `NAME.pdf` for each bulletin, and `mujaz-assets/`.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// How many briefs to build at once (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Rebuild briefs whose PDF and page are up to date.
    #[arg(long)]
    pub force: bool,
    /// Which outlets (the site's PDFs are always the screen version).
    #[command(flatten)]
    pub layout: LayoutArgs,
    /// Fail (and write nothing for that brief) when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// Arguments of `mujaz check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A folder of outlets to use before the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Brief files, or folders to search for `*.toml` briefs.
    #[arg(required = true, value_name = "PATH")]
    pub briefs: Vec<PathBuf>,
    /// Check for the print version: report what `build --print` would (its PDF standard
    /// forbids characters no font draws).
    #[arg(long)]
    pub print: bool,
    /// Check every brief with this outlet instead of the one it names, as `build --outlet`.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Count warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// The kinds of output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A PDF file.
    Pdf,
    /// PNG images, one per page.
    Png,
    /// SVG images, one per page.
    Svg,
    /// The web edition: an HTML page, its stylesheet, fonts and images in `mujaz-assets/`.
    Html,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people: the source line with the problem underlined, and a hint.
    Human,
    /// One JSON object per line, for editors and pipelines.
    Json,
}
