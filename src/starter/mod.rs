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
    check_new(path, outlet)?;
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
    let folder = create_new(path, &text)?;
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

/// The name of the schema file written beside new bulletins.
pub const BULLETIN_SCHEMA_FILE: &str = "bulletin.schema.json";

/// Write a starter bulletin at `path` (never over an existing file) listing the briefs beside
/// it (or, when there are none yet, every `*.toml` file there), and its schema if it is not
/// there yet; returns the schema's path when it was written.
pub fn write_bulletin(path: &Path, lang: Lang, outlet: &str) -> anyhow::Result<Option<PathBuf>> {
    check_new(path, outlet)?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut briefs: Vec<String> = std::fs::read_dir(folder)
        .map(|read| read.filter_map(Result::ok).map(|entry| entry.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|file| file.extension().is_some_and(|ext| ext == "toml") && file.is_file())
        .filter(|file| !crate::pipeline::bulletin::is_bulletin_file(file))
        .filter_map(|file| file.file_name().map(|name| name.to_string_lossy().into_owned()))
        .collect();
    briefs.sort();
    if briefs.is_empty() {
        briefs.push("*.toml".to_string());
    }
    // Each name as a TOML string, so that no file name can break the file.
    let lines: Vec<String> = briefs.into_iter().map(|name| format!("  {},", toml::Value::String(name))).collect();
    let list = format!("[\n{}\n]", lines.join("\n"));
    let today = time::OffsetDateTime::now_utc().date();
    let date = format!("{:04}-{:02}-{:02}", today.year(), u8::from(today.month()), today.day());
    let template = match lang {
        Lang::Ar => include_str!("bulletin-ar.toml"),
        Lang::En => include_str!("bulletin-en.toml"),
    };
    let text = template
        .replace("{file}", &path.display().to_string())
        .replace("{date}", &date)
        .replace("{briefs}", &list)
        .replace("\"{outlet}\"", &toml::Value::String(outlet.to_string()).to_string());
    create_new(path, &text)?;
    let schema = folder.join(BULLETIN_SCHEMA_FILE);
    if schema.exists() {
        return Ok(None);
    }
    crate::fsio::write_atomically(&schema, crate::bulletin::schema::bulletin_schema().as_bytes())?;
    Ok(Some(schema))
}

/// Refuse to start a file over an existing one, under a name that is not `.toml`, or for an
/// outlet that does not exist.
fn check_new(path: &Path, outlet: &str) -> anyhow::Result<()> {
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
    Ok(())
}

/// Create `path` with `text` (and its folder), never over a file, even one that appeared
/// since it was checked; returns the folder.
fn create_new<'p>(path: &'p Path, text: &str) -> anyhow::Result<&'p Path> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .with_context(|| msg!("cannot-create", path = folder.display().to_string()).to_string())?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| msg!("cannot-create", path = path.display().to_string()).to_string())?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    Ok(folder)
}
