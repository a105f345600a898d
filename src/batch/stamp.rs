//! Up-to-date stamps: a hidden file beside each PDF records the hash of everything it was
//! built from and of the PDF itself, so an unchanged brief is skipped and a PDF changed or
//! replaced since is rebuilt.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::brief::Figure;
use crate::fsio;
use crate::options::BuildOptions;
use crate::outlet::Outlet;
use crate::pipeline::bulletin::CheckedBulletin;
use crate::pipeline::{Checked, sha256};
use crate::web::Neighbours;

/// Where the hash of a PDF's inputs is recorded: a hidden file beside it.
pub fn stamp_path(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".{name}.mujaz"))
}

/// A hash of everything a PDF depends on: the brief and its images, the outlet's files, the
/// options that change the output, and the mujaz version.
pub(super) fn input_key(checked: &Checked, options: &BuildOptions) -> String {
    let mut hasher = started_key("", &checked.outlet, &checked.source.text, options);
    // The brief's images: a changed photo rebuilds the brief (v1 briefs have none, and keep
    // their stamps).
    hash_figures(&mut hasher, &checked.brief.figures);
    hex::encode(hasher.finalize())
}

/// A hash of everything a bulletin's PDF depends on: the bulletin file, each brief (its path,
/// text and images), the outlet's files and the options that change the output.
pub(super) fn bulletin_key(checked: &CheckedBulletin, options: &BuildOptions) -> String {
    let mut hasher = started_key(" bulletin", &checked.outlet, &checked.source.text, options);
    for brief in &checked.briefs {
        let text = &brief.source.text;
        hasher.update(format!("\nbrief {} {}\n", brief.path.display(), text.len()));
        hasher.update(text.as_bytes());
        hash_figures(&mut hasher, &brief.brief.figures);
    }
    hex::encode(hasher.finalize())
}

/// The hash of what every stamp covers: the mujaz version (and `kind`), the options that
/// change the output, the outlet's settings and files, and the file's own text.
fn started_key(kind: &str, outlet: &Outlet, text: &str, options: &BuildOptions) -> Sha256 {
    let mut hasher = Sha256::new();
    hasher.update(format!("mujaz {}{kind}\n", env!("CARGO_PKG_VERSION")));
    hasher.update(format!("epoch {:?} profile {:?}\n", options.source_date_epoch, options.profile));
    // A web page is another file than the PDF (PDF stamps stay as they were).
    if options.format == crate::options::Format::Html {
        hasher.update("web page\n");
    }
    // A PDF of some pages is another PDF (stamps of whole PDFs stay as they were).
    if let Some(pages) = &options.pages {
        hasher.update(format!("pages {:?}\n", pages.ranges));
    }
    // The outlet's settings and files, hashed once when it was resolved (a batch's briefs share it).
    hasher.update(format!("outlet {}\n", outlet.fingerprint()));
    hasher.update(text.as_bytes());
    hasher
}

/// A page's key on a site: its inputs and the pages it links to (a page built alone keeps
/// the key it had).
pub(super) fn with_neighbours(key: String, neighbours: Option<&Neighbours>) -> String {
    match neighbours {
        None => key,
        Some(neighbours) => {
            let links = serde_json::to_string(neighbours).unwrap_or_default();
            sha256(format!("{key}\nlinks {links}\n").as_bytes())
        }
    }
}

/// Add a brief's images to a stamp's hash.
fn hash_figures(hasher: &mut Sha256, figures: &[Figure]) {
    for figure in figures {
        hasher.update(format!("\nfigure {} {}\n", figure.path, figure.bytes.len()));
        hasher.update(&figure.bytes);
    }
}

/// Whether the PDF at `output` is the one a build with inputs `key` wrote.
pub(super) fn up_to_date(output: &Path, key: &str) -> bool {
    output.is_file()
        && std::fs::read(output).is_ok_and(|pdf| {
            std::fs::read_to_string(stamp_path(output))
                .is_ok_and(|recorded| recorded.trim() == format!("{key} {}", sha256(&pdf)))
        })
}

/// Record that the PDF at `output`, whose SHA-256 is `digest`, was built from inputs `key`.
pub(super) fn record(output: &Path, key: &str, digest: &str) {
    // The stamp only saves time next run: failing to write it must not fail the build.
    let _ = fsio::write_atomically_unsynced(&stamp_path(output), format!("{key} {digest}\n").as_bytes());
}
