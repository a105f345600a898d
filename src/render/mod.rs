//! Stage 3: lay a checked brief out with its outlet's Typst template.

pub mod data;
pub mod text;
pub mod world;

use std::sync::Arc;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;

use crate::Profile;
use crate::brief::Brief;
use crate::diag::{Code, Diagnostic, SourceFile};
use crate::outlet::Outlet;
use data::TemplateData;
use world::{BriefWorld, FontSet, VirtualFile};

/// The virtual path of the template's entry file.
pub const MAIN_PATH: &str = "/brief.typ";
/// The virtual path at which templates read the brief's data.
pub const DATA_PATH: &str = "/brief.json";

/// A laid-out brief and the template's warnings.
pub struct Rendered {
    /// The pages, ready for export.
    pub document: PagedDocument,
    /// Warnings the template produced (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
}

/// Lay out a brief through its outlet's template, as the screen or the print version.
pub fn render(
    brief: &Brief,
    outlet: &Outlet,
    profile: Profile,
    fonts: Arc<FontSet>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let data = TemplateData::new(brief, outlet, profile).to_json_for(&fonts);
    let mut files: Vec<(String, VirtualFile)> = outlet
        .files
        .iter()
        .map(|file| {
            let virtual_file = VirtualFile { display_name: file.display_name.clone(), bytes: file.bytes.clone() };
            (format!("/{}", file.path), virtual_file)
        })
        .collect();
    files.push((
        DATA_PATH.to_string(),
        VirtualFile { display_name: "<brief data>/brief.json".into(), bytes: Bytes::new(data) },
    ));
    let today = Datetime::from_ymd(brief.date.year, brief.date.month, brief.date.day)
        .ok_or_else(|| vec![Diagnostic::error(Code::TemplateError, "the brief's date cannot be used by Typst")])?;
    let world = BriefWorld::new(files, MAIN_PATH, fonts, today).map_err(|message| {
        vec![Diagnostic::error(Code::TemplateError, format!("outlet `{}`: {message}", outlet.name))]
    })?;

    let (world, result) = crate::guard::watched(format!("typst {}", brief.id), move || {
        let result = typst::compile::<PagedDocument>(&world);
        (world, result)
    })
    .map_err(|stopped| vec![stopped.diagnostic(&outlet.name, "to lay out the brief")])?;
    let warnings: Vec<Diagnostic> = result.warnings.iter().map(|w| convert(&world, w)).collect();
    match result.output {
        Ok(document) => Ok(Rendered { document, warnings }),
        Err(errors) => {
            let mut diagnostics: Vec<Diagnostic> = errors.iter().map(|e| convert(&world, e)).collect();
            diagnostics.extend(warnings);
            Err(diagnostics)
        }
    }
}

/// Turn a Typst diagnostic into ours, located in the template file it points at.
pub fn convert(world: &BriefWorld, diagnostic: &SourceDiagnostic) -> Diagnostic {
    let (code, mut converted) = match diagnostic.severity {
        TypstSeverity::Error => (Code::TemplateError, Diagnostic::error(Code::TemplateError, "")),
        TypstSeverity::Warning => (Code::TemplateWarning, Diagnostic::warning(Code::TemplateWarning, "")),
    };
    converted.code = code;
    converted.message = diagnostic.message.to_string();
    // Errors raised inside a helper point at the helper; the trace says where it was called.
    let span = match diagnostic.span.id() {
        Some(_) => Some(diagnostic.span),
        None => {
            diagnostic.trace.iter().rev().map(|t| t.span.into()).find(|s: &typst::syntax::DiagSpan| s.id().is_some())
        }
    };
    if let Some(span) = span
        && let Some(id) = span.id()
    {
        let name = world.display_name(id);
        if let (Ok(bytes), Some(range)) = (world.file(id), world.range(span)) {
            let text = String::from_utf8_lossy(bytes.as_slice()).into_owned();
            converted = converted.at(&SourceFile::new(name, text), range);
        } else {
            converted = converted.in_path(name);
        }
    }
    // Typst's hints speak of typst-cli's options (`--root`), which mujaz does not have.
    let hints: Vec<String> =
        diagnostic.hints.iter().map(|h| h.v.to_string()).filter(|h| !h.contains("--root")).collect();
    if !hints.is_empty() {
        converted = converted.with_hint(hints.join("; "));
    }
    converted
}
