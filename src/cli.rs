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
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build briefs into PDFs (by default beside each brief, as NAME.pdf).
    Build(BuildArgs),
    /// Check briefs for errors without laying them out.
    Check(CheckArgs),
}

/// Arguments of `mujaz build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The brief files to build.
    #[arg(required = true, value_name = "BRIEF")]
    pub briefs: Vec<PathBuf>,
    /// Where to write the PDF; with several briefs, a folder to write them into.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Fail (and write nothing) when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// Arguments of `mujaz check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The brief files to check.
    #[arg(required = true, value_name = "BRIEF")]
    pub briefs: Vec<PathBuf>,
    /// Count warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people: the source line with the problem underlined, and a hint.
    Human,
    /// One JSON object per line, for editors and pipelines.
    Json,
}
