//! Reading a user's outlet folder: regular files only, never through a link, bounded in
//! size and count, and raster images checked by their headers before Typst decodes them.

use std::path::Path;
use std::sync::Arc;

use super::OutletFile;
use crate::diag::{Code, Diagnostic};
use crate::images::oversized_image;
use crate::limits::{MAX_FILE_BYTES, MAX_OUTLET_BYTES, MAX_OUTLET_FILES};
use crate::msg;

/// Read a user outlet folder into memory: regular files only, never through a symbolic link,
/// so a template can reach nothing outside its folder.
pub(super) fn read_user_outlet(dir: &Path) -> Result<Vec<OutletFile>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut total = 0u64;
    let walker = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name();
    for entry in
        walker.into_iter().filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let shown = path.display().to_string();
        if entry.path_is_symlink() {
            // A link could point anywhere on the disk: outlets hold their own files only.
            problems.push(
                Diagnostic::error(Code::BadValue, msg!("outlet-symlink"))
                    .in_path(shown)
                    .with_hint(msg!("hint-copy-into-outlet")),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = path.strip_prefix(dir) else { continue };
        let relative = relative.to_string_lossy().replace('\\', "/");
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                problems.push(
                    Diagnostic::error(
                        Code::TooLarge,
                        msg!("outlet-file-too-large", max = MAX_FILE_BYTES / 1024 / 1024),
                    )
                    .in_path(shown),
                );
                continue;
            }
            Err(err) => {
                let message = msg!("cannot-read-file", detail = err.to_string());
                problems.push(Diagnostic::error(Code::FileUnreadable, message).in_path(shown));
                continue;
            }
            Ok(meta) if has_other_names(&meta) => {
                // A hard link is the same file as one elsewhere on the disk, which the outlet
                // must not be able to read.
                problems.push(
                    Diagnostic::error(Code::BadValue, msg!("outlet-hard-link"))
                        .in_path(shown)
                        .with_hint(msg!("hint-copy-into-outlet")),
                );
                continue;
            }
            Ok(_) => {}
        }
        if files.len() >= MAX_OUTLET_FILES {
            let message = msg!("outlet-too-many-files", max = MAX_OUTLET_FILES);
            problems.push(Diagnostic::error(Code::TooLarge, message).in_path(dir.display().to_string()));
            break;
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                total += bytes.len() as u64;
                if total > MAX_OUTLET_BYTES {
                    let message = msg!("outlet-too-large", max = MAX_OUTLET_BYTES >> 20);
                    problems.push(Diagnostic::error(Code::TooLarge, message).in_path(dir.display().to_string()));
                    break;
                }
                if let Some(problem) = oversized_image(&bytes) {
                    problems.push(
                        Diagnostic::error(Code::TooLarge, problem)
                            .in_path(shown)
                            .with_hint(msg!("hint-image-too-large")),
                    );
                    continue;
                }
                files.push(OutletFile { path: relative, display_name: shown, bytes: Arc::from(bytes) })
            }
            Err(err) => problems.push(
                Diagnostic::error(Code::FileUnreadable, msg!("cannot-read-file", detail = err.to_string()))
                    .in_path(shown),
            ),
        }
    }
    if problems.iter().any(Diagnostic::is_error) { Err(problems) } else { Ok(files) }
}

/// Whether a file has other names (hard links) besides this one.
fn has_other_names(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}
