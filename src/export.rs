//! Stage 4: write a laid-out brief as PDF, atomically.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use std::num::NonZeroUsize;

use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PageRanges;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::brief::Brief;
use crate::diag::{Code, Diagnostic};

/// What the print version adds to a PDF.
#[derive(Debug, Clone, Copy, Default)]
pub struct Print<'a> {
    /// The standards to claim (`pdf/a-2b`, `pdf/ua-1`), which Typst then enforces.
    pub standards: &'a [String],
    /// The print shop's bleed in points: pages get a BleedBox this far outside the trim.
    pub bleed: Option<f64>,
}

/// Encode the document as PDF, dated by the brief (or by `SOURCE_DATE_EPOCH` when given),
/// with what the print version asks for.
pub fn pdf(
    document: &PagedDocument,
    brief: &Brief,
    print: &Print<'_>,
    pages: Option<&PageRanges>,
    source_date_epoch: Option<i64>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let claimed: Vec<PdfStandard> = print
        .standards
        .iter()
        .filter_map(|s| match s.as_str() {
            "pdf/a-2b" => Some(PdfStandard::A_2b),
            "pdf/ua-1" => Some(PdfStandard::Ua_1),
            _ => None,
        })
        .collect();
    let standards = PdfStandards::new(&claimed).map_err(|message| {
        vec![Diagnostic::error(Code::ExportError, format!("these PDF standards cannot be combined: {message:?}"))]
    })?;
    let timestamp = match source_date_epoch {
        Some(seconds) => epoch_timestamp(seconds),
        None => Datetime::from_ymd_hms(brief.date.year, brief.date.month, brief.date.day, 0, 0, 0),
    };
    let options = PdfOptions {
        // A stable identifier keeps the PDF's /ID the same across runs and machines.
        ident: Smart::Custom(format!("mujaz:{}", brief.id)),
        creator: Smart::Custom(Some(format!("mujaz {}", env!("CARGO_PKG_VERSION")))),
        timestamp: timestamp.map(Timestamp::new_utc),
        standards,
        page_ranges: pages.cloned(),
        // Typst cannot tag a PDF of some pages only: such an extract is written untagged.
        tagged: pages.is_none(),
        cmyk_profile: Some(Bytes::new(crate::assets::cmyk_profile())),
        print_bleed: print.bleed.map(typst::layout::Abs::pt),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let hints: Vec<String> = e.hints.iter().map(|h| h.v.to_string()).collect();
                let diagnostic = Diagnostic::error(Code::ExportError, format!("cannot write the PDF: {}", e.message));
                if hints.is_empty() { diagnostic } else { diagnostic.with_hint(hints.join("; ")) }
            })
            .collect()
    })
}

/// Which pages to export, e.g. `1-2,4` (pages count from 1; `3-` means 3 to the end).
pub fn parse_pages(text: &str) -> Result<PageRanges, String> {
    let mut ranges = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let page = |n: &str| -> Result<Option<NonZeroUsize>, String> {
            if n.trim().is_empty() {
                return Ok(None);
            }
            n.trim()
                .parse::<NonZeroUsize>()
                .map(Some)
                .map_err(|_| format!("`{n}` is not a page number (pages count from 1)"))
        };
        let (first, last) = match part.split_once('-') {
            Some((first, last)) => (page(first)?, page(last)?),
            None => (page(part)?, page(part)?),
        };
        ranges.push(first..=last);
    }
    if ranges.is_empty() {
        return Err("give pages like `1`, `1-2` or `2-`".into());
    }
    Ok(PageRanges::new(ranges))
}

/// The most pixels one PNG page may have (about 20,000 × 20,000): larger ones would exhaust
/// memory rather than fail cleanly.
pub const MAX_PNG_PIXELS: f64 = 400_000_000.0;

/// Render each selected page as PNG at `ppi` pixels per inch: (page number, bytes).
pub fn png(
    document: &PagedDocument,
    ppi: f32,
    pages: Option<&PageRanges>,
) -> Result<Vec<(usize, Vec<u8>)>, Vec<Diagnostic>> {
    let scale = f64::from(ppi) / 72.0;
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(scale), ..Default::default() };
    let mut images = Vec::new();
    for (number, page) in selected(document, pages) {
        let pixels = page.frame.width().to_pt() * scale * page.frame.height().to_pt() * scale;
        if pixels.is_nan() || pixels > MAX_PNG_PIXELS {
            let message = format!("page {number} would be an image of {:.0} million pixels at {ppi} ppi", pixels / 1e6);
            return Err(vec![
                Diagnostic::error(Code::TooLarge, message).with_hint("lower --ppi, or check the outlet's page size"),
            ]);
        }
        if let Ok(png) = typst_render::render(page, &options).encode_png() {
            images.push((number, png));
        }
    }
    Ok(images)
}

/// Render each selected page as SVG: (page number, bytes).
pub fn svg(document: &PagedDocument, pages: Option<&PageRanges>) -> Vec<(usize, Vec<u8>)> {
    let options = typst_svg::SvgOptions::default();
    selected(document, pages).map(|(number, page)| (number, typst_svg::svg(page, &options).into_bytes())).collect()
}

/// The pages `pages` selects (all when `None`), with their numbers counted from 1.
pub fn selected<'a>(
    document: &'a PagedDocument,
    pages: Option<&'a PageRanges>,
) -> impl Iterator<Item = (usize, &'a typst_layout::Page)> {
    document
        .pages()
        .iter()
        .enumerate()
        .map(|(index, page)| (index + 1, page))
        .filter(move |(number, _)| pages.is_none_or(|ranges| ranges.includes_page_index(number - 1)))
}

/// Read `SOURCE_DATE_EPOCH` from the environment: `Ok(None)` when unset or empty, an error
/// when it is not a whole number of seconds (a typo must not silently change the PDF's date).
pub fn source_date_epoch() -> anyhow::Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => match value.trim().parse::<i64>() {
            Ok(seconds) if epoch_timestamp(seconds).is_some() => Ok(Some(seconds)),
            _ => anyhow::bail!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds since 1970-01-01"),
        },
        Err(_) => Ok(None),
    }
}

fn epoch_timestamp(seconds: i64) -> Option<Datetime> {
    let moment = time::OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    Datetime::from_ymd_hms(
        moment.year(),
        moment.month().into(),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second(),
    )
}

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
    std::fs::create_dir_all(folder).with_context(|| format!("cannot create the folder `{}`", folder.display()))?;
    if path.is_dir() {
        anyhow::bail!("`{}` is a folder; give a file name, or build several briefs into it", path.display());
    }
    if path.exists() && !path.is_file() {
        // Renaming over a device or pipe would replace it (as root) or fail half-way.
        anyhow::bail!("`{}` is not a regular file (a device, pipe or socket); give a file name", path.display());
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
        .with_context(|| format!("cannot create a temporary file in `{}`", folder.display()))?;
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
    temporary.write_all(bytes).context("cannot write the temporary file")?;
    if sync {
        temporary.as_file().sync_all().context("cannot flush the temporary file")?;
    }
    if let Some(permissions) = previous {
        temporary.as_file().set_permissions(permissions).context("cannot keep the file's permissions")?;
    }
    temporary
        .persist(path)
        .map_err(|err| err.error)
        .with_context(|| format!("cannot move the output into place at `{}`", path.display()))?;
    Ok(())
}
