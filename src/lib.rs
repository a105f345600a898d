//! mujaz compiles structured briefing documents, written in TOML, into print-ready PDFs laid
//! out by an outlet's Typst template, with Arabic as the first-class case.
//!
//! The pipeline runs one way: [`load`] reads and parses the file, [`validate`] checks it into
//! a [`Brief`], [`render`] lays it out with Typst, and [`export`] encodes the pages;
//! [`pipeline`] takes one brief (or a bulletin of them) through them and writes the file. The programs that drive
//! it are [`batch`] (with [`isolate`] for worker processes), [`watch`] and [`preview`].
//!
//! Layers, from the bottom: options and support ([`options`], [`limits`], [`messages`], [`diag`],
//! [`fsio`], [`guard`], [`images`], [`assets`]) → the brief and bulletin models ([`brief`], [`bulletin`]) →
//! support that reads them ([`walk`],
//! [`locale`]) → [`load`] → [`validate`] → [`outlet`] → [`render`] → [`export`] →
//! [`pipeline`] → the programs ([`starter`], [`batch`], [`isolate`], [`watch`], [`preview`],
//! [`import`], [`site`]).
//! A module imports only from its own layer and those below (`tests/layers.rs` checks).

#![warn(missing_docs)]

pub mod assets;
pub mod batch;
pub mod brief;
pub mod bulletin;
pub mod diag;
pub mod export;
pub mod fsio;
pub mod guard;
pub mod images;
pub mod import;
pub mod isolate;
pub mod limits;
pub mod load;
pub mod locale;
pub mod messages;
pub mod options;
pub mod outlet;
pub mod pipeline;
pub mod preview;
pub mod render;
pub mod site;
pub mod starter;
pub mod validate;
pub mod walk;
pub mod watch;
pub mod web;

pub use brief::Brief;
pub use diag::{Diagnostic, Failed};
pub use options::{BuildOptions, Format, Lookup, PageSelection, Profile, Timings};
pub use pipeline::{Built, Checked, Compiled, build, check, check_with, compile, render_checked, write_output};
