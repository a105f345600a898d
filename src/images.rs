//! Images from outside mujaz (an outlet's logo, a brief's photos and maps), looked at before
//! Typst decodes them: what kind they are, whether they are small enough to lay out, whether
//! an SVG reaches for anything outside itself, and how they store their colours.

use crate::limits::MAX_IMAGE_PIXELS;
use crate::messages::Message;
use crate::msg;

/// Why a raster image is too large to lay out, judged from its header: Typst decodes images
/// whole, and a 74-byte PNG can claim a million pixels square (an allocation that aborts).
/// An SVG (or any file) is checked for the raster images it carries as `data:` URLs.
pub fn oversized_image(bytes: &[u8]) -> Option<Message> {
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

/// The kinds of image a brief may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// GIF.
    Gif,
    /// WebP.
    Webp,
    /// SVG.
    Svg,
}

impl ImageKind {
    /// The file extension Typst reads the kind from.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
            ImageKind::Svg => "svg",
        }
    }
}

/// What kind of image the bytes are, from their contents (never the file's name).
pub fn kind(bytes: &[u8]) -> Option<ImageKind> {
    use imagesize::ImageType;
    match imagesize::image_type(bytes).ok() {
        Some(ImageType::Png) => return Some(ImageKind::Png),
        Some(ImageType::Jpeg) => return Some(ImageKind::Jpeg),
        Some(ImageType::Gif) => return Some(ImageKind::Gif),
        Some(ImageType::Webp) => return Some(ImageKind::Webp),
        _ => {}
    }
    let text = std::str::from_utf8(bytes.get(..bytes.len().min(4096))?).ok()?;
    let start = text.trim_start_matches('\u{FEFF}').trim_start();
    let svg =
        start.starts_with("<svg") || ((start.starts_with("<?xml") || start.starts_with("<!")) && text.contains("<svg"));
    svg.then_some(ImageKind::Svg)
}

/// The size in pixels of a raster image, from its header.
pub fn pixel_size(bytes: &[u8]) -> Option<(u64, u64)> {
    let size = imagesize::blob_size(bytes).ok()?;
    Some((size.width as u64, size.height as u64))
}

/// The first address an SVG refers to outside itself (another file, a web address), if any:
/// only references within the SVG (`#id`) and images it carries as `data:` URLs are allowed,
/// so that a brief's image can show nothing but itself.
pub fn svg_reference_outside(svg: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(svg);
    let lower = text.to_ascii_lowercase();
    let mut rest: &str = &lower;
    let mut offset = 0;
    // `href=` and `xlink:href=` attributes, `url(…)` in styles, and `@import`.
    loop {
        let found = ["href", "url(", "@import", "<!entity", "<xi:include"]
            .iter()
            .filter_map(|needle| rest.find(needle).map(|at| (at, *needle)))
            .min();
        let (at, needle) = found?;
        let after = &text[offset + at + needle.len()..];
        let value = match needle {
            "href" => {
                let after = after.trim_start();
                let Some(after) = after.strip_prefix('=') else {
                    rest = &rest[at + needle.len()..];
                    offset += at + needle.len();
                    continue;
                };
                let after = after.trim_start();
                let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
                let body = quote.map_or(after, |q| &after[q.len_utf8()..]);
                let end = body
                    .find(|c: char| Some(c) == quote || (quote.is_none() && c.is_whitespace()))
                    .unwrap_or(body.len());
                body[..end].trim().to_string()
            }
            "url(" => {
                let end = after.find(')').unwrap_or(after.len());
                after[..end].trim().trim_matches(['"', '\'']).to_string()
            }
            _ => return Some(needle.trim_start_matches('<').to_string()),
        };
        if !(value.starts_with('#') || value.to_ascii_lowercase().starts_with("data:") || value.is_empty()) {
            return Some(value);
        }
        rest = &rest[at + needle.len()..];
        offset += at + needle.len();
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

    #[test]
    fn an_svg_may_refer_only_to_itself() {
        let inside = br##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use href="#a"/><image xlink:href="data:image/png;base64,AAAA"/><rect style="fill:url(#g)"/></svg>"##;
        assert_eq!(svg_reference_outside(inside), None);
        let web = br#"<svg><image href="https://example.org/x.png"/></svg>"#;
        assert_eq!(svg_reference_outside(web).as_deref(), Some("https://example.org/x.png"));
        let file = br#"<svg><image xlink:href = 'file:///etc/passwd'/></svg>"#;
        assert_eq!(svg_reference_outside(file).as_deref(), Some("file:///etc/passwd"));
        let local = br#"<svg><image href="photo.jpg"/></svg>"#;
        assert_eq!(svg_reference_outside(local).as_deref(), Some("photo.jpg"));
        let style = br#"<svg><style>@import url(x.css);</style></svg>"#;
        assert!(svg_reference_outside(style).is_some());
    }
}
