//! `mujaz new`: a starter brief with every section and a comment on each key, in the brief's
//! language, plus the JSON Schema beside it so editors complete and check keys.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::brief::Lang;
use crate::msg;

/// The example image written beside new briefs, which their commented `[[figures]]` shows.
pub const EXAMPLE_IMAGE: &str = "images/example.svg";

/// The name of the schema file written beside new briefs (their `#:schema` line points to it).
pub const SCHEMA_FILE: &str = "brief.schema.json";

/// Write a starter brief at `path` (never over an existing file) and, if it is not there yet,
/// the schema beside it; returns the schema's path when it was written.
pub fn write(path: &Path, lang: Lang, outlet: &str) -> anyhow::Result<Option<PathBuf>> {
    if path.exists() {
        anyhow::bail!("{}", msg!("new-exists", path = path.display().to_string()));
    }
    if path.extension().is_none_or(|ext| ext != "toml") {
        anyhow::bail!("{}", msg!("new-not-toml", path = path.display().to_string()));
    }
    let outlets = crate::options::Lookup::default().available(path);
    if !outlets.iter().any(|o| o == outlet) {
        anyhow::bail!("{}", msg!("new-unknown-outlet", outlet = outlet, outlets = outlets.join(", ")));
    }
    let id = crate::brief::id_from_file_name(&path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default());
    let today = time::OffsetDateTime::now_utc().date();
    let date = format!("{:04}-{:02}-{:02}", today.year(), u8::from(today.month()), today.day());
    let template = match lang {
        Lang::Ar => include_str!("ar.toml"),
        Lang::En => include_str!("en.toml"),
    };
    let text = template
        .replace("{file}", &path.display().to_string())
        .replace("{id}", &id)
        .replace("{date}", &date)
        // A TOML string, quotes included, so no name can break the file.
        .replace("\"{outlet}\"", &toml::Value::String(outlet.to_string()).to_string());
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .with_context(|| msg!("cannot-create", path = folder.display().to_string()).to_string())?;
    // create_new: even a file that appears after the check above is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| msg!("cannot-create", path = path.display().to_string()).to_string())?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    // The example figure's image, for the [[figures]] example to show (never over a file).
    let example = folder.join(EXAMPLE_IMAGE);
    if !example.exists() {
        if let Some(images) = example.parent() {
            std::fs::create_dir_all(images)
                .with_context(|| msg!("cannot-create", path = images.display().to_string()).to_string())?;
        }
        crate::fsio::write_atomically(&example, include_bytes!("example.svg"))?;
    }
    let schema = folder.join(SCHEMA_FILE);
    if schema.exists() {
        return Ok(None);
    }
    crate::fsio::write_atomically(&schema, crate::brief::schema::brief_schema().as_bytes())?;
    Ok(Some(schema))
}
