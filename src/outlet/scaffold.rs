//! `mujaz outlet new`: copy a built-in outlet out into the user's templates folder, to start
//! an outlet of one's own.

use std::path::{Path, PathBuf};

use super::{OutletFile, SETTINGS_FILE, builtin_files};
use crate::assets;
use crate::fsio;
use crate::msg;
use crate::options::DEFAULT_OUTLET;

/// Copy a built-in outlet's files into `templates/NAME/` to start a new outlet, and return
/// the folder. Refuses to overwrite anything.
pub fn scaffold(name: &str, from: &str, templates: &Path) -> anyhow::Result<PathBuf> {
    let builtins = assets::outlet_names();
    if !builtins.iter().any(|b| b == from) {
        anyhow::bail!("{}", msg!("scaffold-unknown-base", from = from, outlets = builtins.join(", ")));
    }
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        anyhow::bail!("{}", msg!("scaffold-bad-name", name = name));
    }
    let folder = templates.join(name);
    if folder.exists() {
        anyhow::bail!("{}", msg!("scaffold-exists", folder = folder.display().to_string()));
    }
    let mut files: Vec<OutletFile> = builtin_files(DEFAULT_OUTLET);
    for file in builtin_files(from) {
        files.retain(|f| f.path != file.path);
        files.push(file);
    }
    for file in &files {
        let target = folder.join(&file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let bytes = if file.path == SETTINGS_FILE {
            own_settings(&String::from_utf8_lossy(&file.bytes), name, from)?.into_bytes()
        } else {
            file.bytes.to_vec()
        };
        fsio::write_atomically(&target, &bytes)?;
    }
    Ok(folder)
}

/// Rewrite a built-in `outlet.toml` for a new outlet: its `[outlet]` table names the new
/// outlet and the built-in one it builds on; every other setting, with its comments, is kept
/// for editing.
fn own_settings(text: &str, name: &str, from: &str) -> anyhow::Result<String> {
    let mut settings: toml_edit::DocumentMut = text.parse()?;
    // The comments above `[outlet]` open the file; toml_edit keeps them with the table.
    let opening = settings
        .get("outlet")
        .and_then(toml_edit::Item::as_table)
        .and_then(|outlet| outlet.decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .unwrap_or_default();
    let opening = match opening.trim() {
        "" => String::new(),
        comments => format!("{comments}\n\n"),
    };
    settings.remove("outlet");
    // Comments that closed the `[outlet]` table (a description of the built-in outlet, an
    // example logo line) now lead the next table; they are not about the new outlet.
    let next = settings
        .as_table_mut()
        .iter_mut()
        .filter_map(|(_, item)| item.as_table_mut())
        .filter(|table| table.position().is_some())
        .min_by_key(|table| table.position());
    if let Some(next) = next {
        next.decor_mut().set_prefix("");
    }
    Ok(format!(
        "# Outlet `{name}`, started from mujaz's built-in `{from}` outlet.\n\
         # Settings here override those of `{from}` (and of `default` beneath it) key by key;\n\
         # delete what you do not change. Template files in this folder override the built-in ones.\n\n\
         [outlet]\nbase = \"{from}\"\nname = {{ ar = \"{name}\", en = \"{name}\" }}\n# logo = \"logo.svg\"\n\n{opening}{settings}"
    ))
}
