//! Reading a user's outlet folder: regular files only, never through a link, bounded in
//! size and count, and raster images checked by their headers before Typst decodes them.

use std::path::Path;
use std::sync::Arc;

use super::OutletFile;
use crate::diag::{Code, Diagnostic};
use crate::limits::{MAX_FILE_BYTES, MAX_IMAGE_PIXELS, MAX_OUTLET_BYTES, MAX_OUTLET_FILES};
use crate::messages::Message;
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

/// Why a raster image is too large to lay out, judged from its header: Typst decodes images
/// whole, and a 74-byte PNG can claim a million pixels square (an allocation that aborts).
/// An SVG (or any file) is checked for the raster images it carries as `data:` URLs.
fn oversized_image(bytes: &[u8]) -> Option<Message> {
    // Typst tells images apart by their bytes, not their names: look at every file.
    oversized_raster(bytes).or_else(|| {
        embedded_rasters(bytes)
            .find_map(|raster| oversized_raster(&raster))
            .map(|why| msg!("image-too-large-inside", why = why))
    })
}

/// Base64 as SVG writers produce it: padded or not.
const LENIENT: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The raster images an SVG carries as base64 `data:image/…` URLs, decoded.
fn embedded_rasters(svg: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    use base64::Engine as _;
    let text = String::from_utf8_lossy(svg);
    let mut found = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find("data:image/") {
        rest = &rest[start..];
        let Some(comma) = rest.find(',') else { break };
        let header = &rest[..comma];
        rest = &rest[comma + 1..];
        if !header.contains(";base64") {
            continue;
        }
        let end = rest.find(['"', '\'', ')', '<']).unwrap_or(rest.len());
        let payload: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
        if let Ok(raster) = LENIENT.decode(&payload) {
            found.push(raster);
        }
        rest = &rest[end..];
    }
    found.into_iter()
}

/// Why `bytes`, if they are an image of a kind Typst decodes, are too large to lay out.
fn oversized_raster(bytes: &[u8]) -> Option<Message> {
    use imagesize::ImageType;
    // Only formats Typst decodes: other signatures can start an ordinary text file.
    let decoded = matches!(
        imagesize::image_type(bytes).ok()?,
        ImageType::Png | ImageType::Jpeg | ImageType::Gif | ImageType::Webp | ImageType::Bmp
    );
    if !decoded {
        return None;
    }
    let size = imagesize::blob_size(bytes).ok()?;
    let pixels = size.width as u64 * size.height as u64;
    (pixels > MAX_IMAGE_PIXELS).then(|| {
        msg!(
            "image-too-large",
            width = size.width,
            height = size.height,
            millions = pixels / 1_000_000,
            max = MAX_IMAGE_PIXELS / 1_000_000
        )
    })
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

/// How a raster image stores its colours, as a print shop asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColourModel {
    /// Shades of grey, printed with black alone.
    Grey,
    /// Red, green and blue: converted to the press's inks by someone down the line.
    Rgb,
    /// Cyan, magenta, yellow and black: ready for the press.
    Cmyk,
}

/// The colour model of a PNG or JPEG image, read from its header; `None` for anything else.
pub fn colour_model(bytes: &[u8]) -> Option<ColourModel> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(PNG) {
        // IHDR comes first; its colour type is the 10th byte of its data.
        return match *bytes.get(25)? {
            0 | 4 => Some(ColourModel::Grey),
            2 | 3 | 6 => Some(ColourModel::Rgb),
            _ => None,
        };
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    // Walk the JPEG's segments to the frame header, which gives the number of components.
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame {
            return match *bytes.get(at + 9)? {
                1 => Some(ColourModel::Grey),
                3 => Some(ColourModel::Rgb),
                4 => Some(ColourModel::Cmyk),
                _ => None,
            };
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_models_are_read_from_png_and_jpeg_headers() {
        let png = |colour_type: u8| {
            let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08".to_vec();
            bytes.push(colour_type);
            bytes.extend([0, 0, 0]);
            bytes
        };
        assert_eq!(colour_model(&png(2)), Some(ColourModel::Rgb));
        assert_eq!(colour_model(&png(6)), Some(ColourModel::Rgb));
        assert_eq!(colour_model(&png(0)), Some(ColourModel::Grey));
        // SOI, an APP0 of 4 bytes, then SOF0 with 4 components.
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0, 1, 0, 1, 4];
        assert_eq!(colour_model(&jpeg), Some(ColourModel::Cmyk));
        assert_eq!(colour_model(b"<svg/>"), None);
    }
}
