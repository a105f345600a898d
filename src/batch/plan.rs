//! Where each brief of a batch goes: `-o` as a file or a folder, output name patterns, and
//! briefs that would overwrite each other.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::BatchOptions;
use crate::diag::{Code, Diagnostic, Failed};
use crate::messages::Message;
use crate::msg;
use crate::pipeline::Checked;

/// Where a batch writes its PDFs.
#[derive(Debug, Clone, Default)]
pub enum Destination {
    /// Beside each brief (named by the pattern, or `NAME.pdf` for `NAME.toml`).
    #[default]
    Beside,
    /// Exactly this file (a single brief only).
    File(PathBuf),
    /// Into this folder, named by the pattern.
    Folder(PathBuf),
}

impl Destination {
    /// Read `-o`: a file when one brief file is built without an output pattern and the path
    /// is not a folder (an existing one, or one written with a trailing `/`), else a folder.
    pub fn from_output(output: Option<PathBuf>, inputs: &[PathBuf], pattern: Option<&str>) -> Self {
        let Some(output) = output else { return Destination::Beside };
        let text = output.as_os_str().to_string_lossy();
        let folder_like = output.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR);
        // One input that is not a folder names one output file, even when the input is missing:
        // its own error (no such file) then says what is wrong.
        if inputs.len() == 1 && !inputs[0].is_dir() && !folder_like && pattern.is_none() {
            Destination::File(output)
        } else {
            Destination::Folder(output)
        }
    }
}

/// Decide each checked brief's output path, reporting briefs that would overwrite each other.
pub(super) fn plan_outputs(
    checked: &[Result<Checked, Failed>],
    briefs: &[PathBuf],
    options: &BatchOptions,
) -> Vec<Result<PathBuf, Diagnostic>> {
    let extension = options.build.format.extension();
    let planned: Vec<Option<Result<PathBuf, Diagnostic>>> = checked
        .iter()
        .zip(briefs)
        .map(|(checked, path)| {
            let checked = checked.as_ref().ok()?;
            let output = match (&options.destination, &options.pattern) {
                (Destination::File(file), _) => Ok(file.clone()),
                (Destination::Folder(folder), pattern) => {
                    expand(pattern.as_deref(), checked, extension).map(|name| folder.join(name))
                }
                (Destination::Beside, Some(pattern)) => {
                    expand(Some(pattern), checked, extension).map(|name| folder_of(path).join(name))
                }
                (Destination::Beside, None) => Ok(path.with_extension(extension)),
            };
            Some(output.map_err(|message| {
                Diagnostic::error(Code::BadValue, message)
                    .in_path(path.display().to_string())
                    .with_hint(msg!("hint-output-name"))
            }))
        })
        .collect();
    let mut writers: HashMap<PathBuf, Vec<&PathBuf>> = HashMap::new();
    for (output, brief) in planned.iter().zip(briefs) {
        if let Some(Ok(output)) = output {
            writers.entry(normalize(output)).or_default().push(brief);
        }
    }
    planned
        .into_iter()
        .zip(briefs)
        .map(|(output, brief)| {
            let output = match output {
                Some(Err(unnamed)) => return Err(unnamed),
                Some(Ok(output)) => output,
                None => PathBuf::new(),
            };
            match writers.get(&normalize(&output)) {
                Some(same) if same.len() > 1 => {
                    let names: Vec<String> = same.iter().map(|b| format!("`{}`", b.display())).collect();
                    let (last, others) = names.split_last().unwrap_or((&names[0], &[]));
                    let message = msg!(
                        "output-collision",
                        count = names.len(),
                        briefs = others.join(", "),
                        last = last,
                        output = output.display().to_string()
                    );
                    Err(Diagnostic::error(Code::OutputCollision, message)
                        .in_path(brief.display().to_string())
                        .with_hint(msg!("hint-output-collision")))
                }
                _ => Ok(output),
            }
        })
        .collect()
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Compare paths as written, without touching the disk (the files need not exist yet).
fn normalize(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

/// The placeholders an output pattern may use.
pub const PLACEHOLDERS: &[&str] = &["{id}", "{date}", "{outlet}", "{lang}", "{stem}"];

/// Check an output pattern: only known placeholders, and a file name that is not empty.
pub fn check_pattern(pattern: &str) -> Result<(), Message> {
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').map(|e| start + e + 1).ok_or_else(|| msg!("pattern-unclosed-brace"))?;
        let placeholder = &rest[start..end];
        if !PLACEHOLDERS.contains(&placeholder) {
            return Err(msg!(
                "pattern-unknown-placeholder",
                placeholder = placeholder,
                known = PLACEHOLDERS.join(", ")
            ));
        }
        rest = &rest[end..];
    }
    let name = pattern.rsplit('/').next().unwrap_or("");
    if name.trim().is_empty() || name.starts_with('.') {
        return Err(msg!("pattern-no-file-name"));
    }
    Ok(())
}

/// Fill in an output pattern for a brief; the default pattern is `{stem}` (the brief's file
/// name), and the format's extension (`.pdf`) is added when the pattern has none. A value
/// that would lead out of the output folder (`..`, a `/`) is refused: ids are checked, but a
/// brief's file name can be `...toml`.
pub fn expand(pattern: Option<&str>, checked: &Checked, extension: &str) -> Result<String, Message> {
    let brief = &checked.brief;
    let stem = checked.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let values = [
        ("{id}", brief.id.as_str()),
        ("{date}", &brief.date.to_string()),
        ("{outlet}", &brief.outlet),
        ("{lang}", brief.lang.code()),
        ("{stem}", &stem),
    ]
    .map(|(placeholder, value)| (placeholder, value.to_string()));
    let mut name = pattern.unwrap_or("{stem}").to_string();
    for (placeholder, value) in &values {
        if !name.contains(placeholder) {
            continue;
        }
        if value.is_empty() || value.starts_with('.') || value.contains(['/', '\\']) {
            return Err(msg!("output-name-unusable", placeholder = *placeholder, value = value));
        }
        name = name.replace(placeholder, value);
    }
    if Path::new(&name).extension().is_none_or(|ext| ext != extension) {
        name.push('.');
        name.push_str(extension);
    }
    Ok(name)
}
