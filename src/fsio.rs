//! Writing files safely: through a temporary file in the same folder and a rename, so that a
//! failed or interrupted write never leaves a partial file or clobbers the previous one.
//!
//! Every file mujaz writes for its user (PDFs, images, stamps, scaffolded outlets, schemas,
//! `mujaz data -o`) goes through here, but the new brief of `mujaz new`, created so that it
//! can never replace one; an interrupted process removes its half-written files with
//! [`remove_unfinished`].

use std::io::Write;
use std::path::Path;

use crate::msg;
use anyhow::Context as _;

/// The temporary files being written right now, removed if the process is interrupted.
static UNFINISHED: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Remove the temporary files of writes still in progress: for an interrupted process
/// (Ctrl-C, SIGTERM) just before it exits, so that it leaves nothing behind.
pub fn remove_unfinished() {
    if let Ok(unfinished) = UNFINISHED.lock() {
        for path in unfinished.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn track_unfinished(path: &Path, writing: bool) {
    if let Ok(mut unfinished) = UNFINISHED.lock() {
        match writing {
            true => unfinished.push(path.to_path_buf()),
            false => unfinished.retain(|p| p != path),
        }
    }
}

/// How the temporary files of atomic writes begin: `.mujaz-PID-….tmp`.
const TEMPORARY_PREFIX: &str = ".mujaz-";

/// Remove temporary files that builds killed mid-write (SIGKILL, power loss) left in a
/// folder: those whose process no longer runs. Where that cannot be told, nothing is removed.
/// Each folder is looked at once per process: a batch writes hundreds of files into one.
fn remove_stale_temporaries(folder: &Path) {
    static CLEANED: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());
    if let Ok(mut cleaned) = CLEANED.lock() {
        if cleaned.iter().any(|done| done == folder) {
            return;
        }
        cleaned.push(folder.to_path_buf());
    }
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMPORARY_PREFIX).filter(|_| name.ends_with(".tmp")) else { continue };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Write bytes to `path` through a temporary file in the same folder and a rename, so that a
/// failed or interrupted write never leaves a partial file or clobbers the previous one. The
/// data reaches the disk (fsync) before the rename, so a power cut cannot leave an empty file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_replacing(path, bytes, true)
}

/// Like [`write_atomically`], without waiting for the disk: for files that only save time,
/// such as a build's up-to-date stamp, where a lost write just means a rebuild.
pub fn write_atomically_unsynced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_replacing(path, bytes, false)
}

fn write_replacing(path: &Path, bytes: &[u8], sync: bool) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder)
        .with_context(|| msg!("cannot-create-folder", folder = folder.display().to_string()).to_string())?;
    if path.is_dir() {
        anyhow::bail!("{}", msg!("output-is-a-folder", path = path.display().to_string()));
    }
    if path.exists() && !path.is_file() {
        // Renaming over a device or pipe would replace it (as root) or fail half-way.
        anyhow::bail!("{}", msg!("output-not-a-regular-file", path = path.display().to_string()));
    }
    remove_stale_temporaries(folder);
    let mut builder = tempfile::Builder::new();
    // The process id in the name lets a later build recognise files left by a killed one.
    let prefix = format!("{TEMPORARY_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temporary = builder
        .tempfile_in(folder)
        .with_context(|| msg!("cannot-create-temporary", folder = folder.display().to_string()).to_string())?;
    let temporary_path = temporary.path().to_path_buf();
    track_unfinished(&temporary_path, true);
    let written = finish_write(temporary, path, bytes, sync);
    track_unfinished(&temporary_path, false);
    written
}

/// Fill the temporary file and move it into place at `path`.
fn finish_write(mut temporary: tempfile::NamedTempFile, path: &Path, bytes: &[u8], sync: bool) -> anyhow::Result<()> {
    // A replaced file keeps its permissions; a new one gets the usual ones (0666 less the
    // umask) rather than the owner-only mode of temporary files.
    let previous = std::fs::metadata(path).ok().map(|m| m.permissions());
    temporary.write_all(bytes).with_context(|| msg!("cannot-write-temporary").to_string())?;
    if sync {
        temporary.as_file().sync_all().with_context(|| msg!("cannot-flush-temporary").to_string())?;
    }
    if let Some(permissions) = previous {
        temporary
            .as_file()
            .set_permissions(permissions)
            .with_context(|| msg!("cannot-keep-permissions").to_string())?;
    }
    temporary
        .persist(path)
        .map_err(|err| err.error)
        .with_context(|| msg!("cannot-move-into-place", path = path.display().to_string()).to_string())?;
    Ok(())
}
