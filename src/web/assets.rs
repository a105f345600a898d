//! The files a web page uses beside it, in a shared folder (`mujaz-assets/`): the outlet's
//! stylesheet, its fonts as WOFF2 and the briefs' images. Each is named by a hash of what it
//! holds, so that pages of many briefs share one copy, a changed file gets a new name (no
//! stale copy in a reader's cache), and a file already written need not be made again.

use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use crate::brief::Figure;
use crate::render::fonts::{Face, FontSet};

/// The folder, beside the pages, that holds what they share.
pub const ASSETS_FOLDER: &str = "mujaz-assets";

/// A file a page needs beside it.
#[derive(Clone)]
pub struct WebFile {
    /// Its path relative to the page's folder, with `/` separators.
    pub path: String,
    /// What it holds, made when it is first needed.
    content: Content,
}

#[derive(Clone)]
enum Content {
    Bytes(Arc<[u8]>),
    Font(Arc<FontFile>),
}

impl WebFile {
    /// A file that holds `bytes`.
    pub fn new(path: String, bytes: Arc<[u8]>) -> Self {
        Self { path, content: Content::Bytes(bytes) }
    }

    /// What the file holds (a font is compressed now, once per process, if it was not yet).
    pub fn bytes(&self) -> Arc<[u8]> {
        match &self.content {
            Content::Bytes(bytes) => Arc::clone(bytes),
            Content::Font(font) => Arc::clone(font.woff2.get_or_init(|| font.compress())),
        }
    }
}

/// A font face to be written as WOFF2.
struct FontFile {
    ttf: Arc<[u8]>,
    woff2: OnceLock<Arc<[u8]>>,
}

impl FontFile {
    fn compress(&self) -> Arc<[u8]> {
        // Brotli quality 6: the file is 39–43 % of the TrueType font's size in 20–40 ms, where
        // the highest quality saves another 4 % in a second per face.
        match ttf2woff2::encode(&self.ttf, ttf2woff2::BrotliQuality::from(6)) {
            Ok(woff2) => Arc::from(woff2),
            // A font Typst reads but the encoder does not is still a font a browser reads.
            Err(_) => Arc::clone(&self.ttf),
        }
    }
}

/// A face's `@font-face` rule and its file.
pub struct WebFace {
    /// The rule, with the file's address relative to the stylesheet.
    pub rule: String,
    /// The file.
    pub file: WebFile,
}

/// The faces of the families a page is set in, as `@font-face` rules and WOFF2 files.
pub fn font_faces(fonts: &FontSet, families: &[String]) -> Vec<WebFace> {
    fonts.faces(families).into_iter().map(|face| web_face(&face)).collect()
}

fn web_face(face: &Face<'_>) -> WebFace {
    // Each face is hashed and compressed once per process (a batch, a site): looked up by
    // where its bytes are, and compared, since an outlet's font set may be dropped and another
    // font loaded at the same place.
    type Known = Vec<(usize, String, Arc<FontFile>)>;
    static KNOWN: LazyLock<Mutex<Known>> = LazyLock::new(Default::default);
    let at = face.bytes.as_ptr() as usize;
    let (digest, file) = {
        let mut known = KNOWN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match known.iter().find(|(place, _, file)| *place == at && *file.ttf == *face.bytes) {
            Some((_, digest, file)) => (digest.clone(), Arc::clone(file)),
            None => {
                if known.len() >= 64 {
                    known.remove(0);
                }
                let file = Arc::new(FontFile { ttf: Arc::from(face.bytes), woff2: OnceLock::new() });
                let digest = short_digest(face.bytes);
                known.push((at, digest.clone(), Arc::clone(&file)));
                (digest, file)
            }
        }
    };
    let family: String =
        face.family.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect::<String>();
    let style = if face.italic { "italic" } else { "normal" };
    let name = format!("fonts/{family}-{}{}.{digest}.woff2", face.weight, if face.italic { "i" } else { "" });
    let rule = format!(
        "@font-face {{ font-family: \"{}\"; src: url(\"{name}\") format(\"woff2\"); font-weight: {}; font-style: {style}; font-display: swap; }}\n",
        css_string(&face.family),
        face.weight,
    );
    WebFace { rule, file: WebFile { path: format!("{ASSETS_FOLDER}/{name}"), content: Content::Font(file) } }
}

/// A figure's image as a page shows it: its address and its file.
pub fn figure_file(figure: &Figure) -> WebFile {
    let extension = figure.path.rsplit('.').next().unwrap_or("img").to_ascii_lowercase();
    let path = format!("{ASSETS_FOLDER}/images/{}.{extension}", short_digest(&figure.bytes));
    WebFile::new(path, Arc::clone(&figure.bytes))
}

/// A stylesheet's file, named by its content.
pub fn stylesheet_file(outlet: &str, css: String) -> WebFile {
    let name: String = outlet.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let path = format!("{ASSETS_FOLDER}/{name}.{}.css", short_digest(css.as_bytes()));
    WebFile::new(path, Arc::from(css.into_bytes()))
}

/// The first 10 hex digits of the SHA-256 of some bytes: enough to tell files apart.
fn short_digest(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(&sha2::Sha256::digest(bytes)[..5])
}

/// A text as the inside of a CSS string: quotes and backslashes escaped, line breaks dropped.
pub fn css_string(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            '<' => "\\3c ".chars().collect(),
            _ => vec![c],
        })
        .collect()
}
