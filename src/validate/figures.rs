//! Figures: each `[[figures]]` entry's image read from the brief's own folder (never through a
//! link, never above it), bounded in size and pixels and checked before Typst sees it, and
//! every `[@fig:id]` naming a figure.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::ops::Range;
use std::path::{Component, Path};
use std::sync::Arc;

use toml::Spanned;

use super::Checker;
use crate::brief::{Figure, FigureWidth, Section};
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::images::{self, ImageKind};
use crate::limits::MAX_FIGURE_BYTES;
use crate::messages::Message;
use crate::msg;
use crate::walk::Table;

pub(super) const FIGURE_KEYS: &[&str] = &["id", "file", "caption", "credit", "alt", "after", "width"];

impl Checker<'_> {
    /// `[[figures]]`, each with its image read from `folder` (the brief's), and where each is.
    pub(super) fn figures(&mut self, root: &Table<'_, '_>, folder: &Path) -> Vec<(Figure, Range<usize>)> {
        let mut figures: Vec<(Figure, Range<usize>)> = Vec::new();
        if self.walk.too_many(root, "figures", crate::limits::MAX_FIGURES) {
            return figures;
        }
        let mut seen = HashSet::new();
        let example = "[[figures]]\nid = \"map\"\nfile = \"images/map.svg\"\nalt = \"…\"";
        for item in self.walk.tables_in(root, "figures", example) {
            self.walk.unknown_keys(&item, FIGURE_KEYS);
            let id = self.walk.string(&item, "id").and_then(|id| {
                let (span, value) = (id.span(), id.get_ref().clone());
                // A figure that fails its checks is still declared: references to it are not
                // reported as references to nothing.
                self.declared_figures.push(value.clone());
                // No `:`: the text refers to it as `[@fig:id]`.
                if value.is_empty() || value.contains(':') || !value.chars().all(crate::brief::inline::is_id_char) {
                    self.walk.error(
                        Code::BadValue,
                        span,
                        msg!("bad-figure-id", id = &value),
                        msg!("hint-bad-figure-id"),
                    );
                    return None;
                }
                if !seen.insert(value.clone()) {
                    self.walk.error(
                        Code::BadValue,
                        span,
                        msg!("duplicate-figure", id = &value),
                        msg!("hint-duplicate-figure"),
                    );
                    return None;
                }
                Some(value)
            });
            if item.get("id").is_none() {
                self.walk.missing(&item, "id", "id = \"map\"");
            }
            let file = match item.get("file") {
                Some(_) => self.walk.string(&item, "file"),
                None => {
                    self.walk.missing(&item, "file", "file = \"images/map.svg\"");
                    None
                }
            };
            let image = file.and_then(|file| self.image(folder, file));
            let alt = self.walk.required_string(&item, "alt");
            let caption = self.inline_line(&item, "caption");
            let credit = self.walk.string(&item, "credit").map(Spanned::into_inner);
            let after = self.after(&item, Section::News);
            let width = self.figure_width(&item);
            if let (Some(id), Some((file, file_span, bytes, kind)), Some(alt), Some(after), Some(width)) =
                (id, image, alt, after, width)
            {
                let number = figures.len() + 1;
                let path = format!("/figures/{number}.{}", kind.extension());
                let figure = Figure { number, id, path, caption, credit, alt, after, width, bytes, file, file_span };
                figures.push((figure, item.span.clone()));
            }
        }
        figures
    }

    fn figure_width(&mut self, item: &Table<'_, '_>) -> Option<FigureWidth> {
        let Some(width) = self.walk.string(item, "width") else { return Some(FigureWidth::Full) };
        match width.get_ref().as_str() {
            "full" => Some(FigureWidth::Full),
            "column" => Some(FigureWidth::Column),
            other => {
                let message = msg!(
                    "invalid-setting",
                    name = item.key_name("width"),
                    problem = msg!("not-a-choice", text = other)
                );
                self.walk.error(
                    Code::BadValue,
                    width.span(),
                    message,
                    msg!("hint-choose-one", choices = "full, column"),
                );
                None
            }
        }
    }

    /// The image a figure names, read and checked; `None` (after reporting why) when it cannot
    /// be shown.
    fn image(&mut self, folder: &Path, file: Spanned<String>) -> Option<ReadImage> {
        let span = file.span();
        match read_image(folder, file.get_ref()) {
            Ok((bytes, kind)) => Some((file.into_inner(), span, bytes, kind)),
            Err((code, message, hint)) => {
                self.walk.error(code, span, message, hint);
                None
            }
        }
    }

    /// Report figure references (`refs`) that name no figure and figures never referred to;
    /// return each figure's number by id.
    pub(super) fn check_figure_refs(
        &mut self,
        refs: Vec<(String, Range<usize>)>,
        figures: &[(Figure, Range<usize>)],
    ) -> HashMap<String, usize> {
        let numbers: HashMap<String, usize> = figures.iter().map(|(f, _)| (f.id.clone(), f.number)).collect();
        let known: Vec<&str> = figures.iter().map(|(f, _)| f.id.as_str()).collect();
        let mut referred = HashSet::new();
        for (reference, span) in refs {
            let id = reference.trim_start_matches(crate::brief::inline::FIGURE_PREFIX).to_string();
            if numbers.contains_key(&id) {
                referred.insert(id);
                continue;
            }
            if self.declared_figures.contains(&id) {
                continue;
            }
            let hint = match did_you_mean(&id, &known) {
                Some(close) => msg!("hint-did-you-mean-figure", suggestion = close),
                None if known.is_empty() => msg!("hint-add-a-figure", id = &id),
                None => msg!("hint-known-figures", known = known.join(", ")),
            };
            self.walk.error(Code::UnknownFigure, span, msg!("unknown-figure", id = &id), hint);
        }
        for (figure, span) in figures {
            if !referred.contains(&figure.id) {
                let warning =
                    Diagnostic::warning(Code::UnreferencedFigure, msg!("unreferenced-figure", id = &figure.id))
                        .at(self.walk.file, span.clone())
                        .with_hint(msg!("hint-unreferenced-figure", id = &figure.id));
                self.walk.diagnostics.push(warning);
            }
        }
        numbers
    }
}

/// A figure's image as read: the file as the brief names it, where it names it, its bytes and
/// its kind.
type ReadImage = (String, Range<usize>, Arc<[u8]>, ImageKind);

/// A problem with a figure's file: its code, what is wrong and what to do.
type ImageProblem = (Code, Message, Message);

/// Read the image a brief names, from its folder and below only: a relative path without
/// `..`, no symbolic link on the way, a regular file, at most [`MAX_FIGURE_BYTES`], an image
/// of a kind Typst shows, not too many pixels, and an SVG that refers to nothing outside it.
pub fn read_image(folder: &Path, written: &str) -> Result<(Arc<[u8]>, ImageKind), ImageProblem> {
    let relative = Path::new(written);
    let inside = !written.trim().is_empty()
        && !written.contains('\\')
        && relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside {
        return Err((
            Code::BadValue,
            msg!("figure-outside-folder", file = written),
            msg!("hint-figure-outside-folder"),
        ));
    }
    // Every step from the folder down is looked at, so that no link leads out of it.
    let mut at = folder.to_path_buf();
    for component in relative.components() {
        at.push(component);
        let meta = match std::fs::symlink_metadata(&at) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err((
                    Code::FileNotFound,
                    msg!("figure-not-found", file = written),
                    msg!("hint-figure-not-found"),
                ));
            }
            Err(err) => {
                let message = msg!("cannot-read-file", detail = err.to_string());
                return Err((Code::FileUnreadable, message, msg!("hint-figure-not-found")));
            }
        };
        if meta.file_type().is_symlink() {
            return Err((Code::BadValue, msg!("figure-symlink", file = written), msg!("hint-figure-symlink")));
        }
    }
    let meta = std::fs::metadata(&at).map_err(|err| {
        (Code::FileUnreadable, msg!("cannot-read-file", detail = err.to_string()), msg!("hint-figure-not-found"))
    })?;
    if !meta.is_file() {
        return Err((Code::NotAFile, msg!("figure-not-a-file", file = written), msg!("hint-figure-not-found")));
    }
    let too_large = || {
        let message = msg!("figure-too-large", file = written, max = MAX_FIGURE_BYTES / 1024 / 1024);
        (Code::TooLarge, message, msg!("hint-image-too-large"))
    };
    if meta.len() > MAX_FIGURE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&at).and_then(|file| file.take(MAX_FIGURE_BYTES + 1).read_to_end(&mut bytes)).map_err(
        |err| (Code::FileUnreadable, msg!("cannot-read-file", detail = err.to_string()), msg!("hint-figure-not-found")),
    )?;
    if bytes.len() as u64 > MAX_FIGURE_BYTES {
        return Err(too_large());
    }
    let Some(kind) = images::kind(&bytes) else {
        return Err((Code::BadValue, msg!("figure-not-an-image", file = written), msg!("hint-figure-kinds")));
    };
    if kind == ImageKind::Svg
        && let Some(reference) = images::svg_reference_outside(&bytes)
    {
        let message = msg!("figure-svg-outside", file = written, reference = reference);
        return Err((Code::BadValue, message, msg!("hint-figure-svg-outside")));
    }
    if let Some(why) = images::oversized_image(&bytes) {
        return Err((Code::TooLarge, why, msg!("hint-image-too-large")));
    }
    Ok((Arc::from(bytes), kind))
}
