//! The limits that keep one brief or template from exhausting a machine or hanging a batch.
//! Each is far above what a real brief needs; going over one is a clear error (E0116, or
//! E0203 and E0204 for a template's time and memory).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The largest brief file, in bytes.
pub const MAX_BRIEF_BYTES: u64 = 5 * 1024 * 1024;
/// The longest text field (a title, a paragraph block, a point), in characters.
pub const MAX_FIELD_CHARS: usize = 100_000;
/// The most characters one letter (a grapheme: a base and its combining marks) may have.
/// Typst's shaping takes memory that grows with the square of a cluster's length.
pub const MAX_GRAPHEME_CHARS: usize = 32;
/// The longest word (a run of characters with no white space, such as a web address) a text
/// may have: laying out a run that must be broken across lines takes time that grows with the
/// square of its length.
pub const MAX_WORD_CHARS: usize = 2_000;
/// The most commentary points in a brief.
pub const MAX_POINTS: usize = 500;
/// The most sources in a brief.
pub const MAX_SOURCES: usize = 500;
/// The most timeline entries in a brief.
pub const MAX_TIMELINE: usize = 500;
/// The most authors a brief may name.
pub const MAX_AUTHORS: usize = 100;
/// The most tags a brief may have.
pub const MAX_TAGS: usize = 100;
/// The most open questions in a brief.
pub const MAX_QUESTIONS: usize = 200;
/// The fewest key figures a facts box holds: one figure is a sentence, not a box.
pub const MIN_FACTS: usize = 2;
/// The most key figures a facts box holds (more would not read at a glance).
pub const MAX_FACTS: usize = 8;
/// The most figures a brief may have.
pub const MAX_FIGURES: usize = 50;
/// The largest image file a figure may be.
pub const MAX_FIGURE_BYTES: u64 = 20 * 1024 * 1024;
/// The most notes a brief may have.
pub const MAX_NOTES: usize = 500;
/// The highest issue number a bulletin may have.
pub const MAX_ISSUE_NUMBER: u32 = 99_999;
/// The most briefs a bulletin may bundle (after its folders and patterns are expanded).
pub const MAX_BULLETIN_BRIEFS: usize = 200;
/// The largest file a user outlet may hold (a logo, a font-free template).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The most files an outlet folder may hold.
pub const MAX_OUTLET_FILES: usize = 1000;
/// The most bytes an outlet's files may hold together (all are read before layout).
pub const MAX_OUTLET_BYTES: u64 = 50 * 1024 * 1024;
/// The most pixels a raster image in an outlet may have (decoded, it takes 4 bytes each).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// The most font files an outlet may bring.
pub const MAX_OUTLET_FONTS: usize = 32;
/// The most pixels one PNG page may have (about 20,000 × 20,000): larger ones would exhaust
/// memory rather than fail cleanly.
pub const MAX_PNG_PIXELS: f64 = 400_000_000.0;
/// How much work (minijinja's fuel: about one unit per template instruction) a web template
/// may do for one page. A 200-brief bulletin page takes about a hundredth of it; a template
/// in an endless-seeming loop stops with a located error instead of hanging its batch.
pub const WEB_TEMPLATE_FUEL: u64 = 20_000_000;
/// How long a template may take to lay out one brief before it is abandoned.
pub const DEFAULT_RENDER_TIMEOUT: Duration = Duration::from_secs(60);

static RENDER_TIMEOUT_MS: AtomicU64 = AtomicU64::new(0);

/// How long a template may take to lay out one brief (`--timeout`; default 60 s).
pub fn render_timeout() -> Duration {
    match RENDER_TIMEOUT_MS.load(Ordering::Relaxed) {
        0 => DEFAULT_RENDER_TIMEOUT,
        ms => Duration::from_millis(ms),
    }
}

/// Set the time limit for laying out one brief, for the rest of the process.
pub fn set_render_timeout(timeout: Duration) {
    RENDER_TIMEOUT_MS.store(timeout.as_millis().clamp(1, u128::from(u64::MAX)) as u64, Ordering::Relaxed);
}

/// How much memory (resident, for the whole process) a build may use before the template
/// laying a brief out is stopped.
pub const DEFAULT_MEMORY_LIMIT: u64 = 2 * 1024 * 1024 * 1024;

static MEMORY_LIMIT: AtomicU64 = AtomicU64::new(0);

/// The memory limit in bytes (`--memory-limit`; default 2 GiB).
pub fn memory_limit() -> u64 {
    match MEMORY_LIMIT.load(Ordering::Relaxed) {
        0 => DEFAULT_MEMORY_LIMIT,
        bytes => bytes,
    }
}

/// Set the memory limit, in bytes, for the rest of the process.
pub fn set_memory_limit(bytes: u64) {
    MEMORY_LIMIT.store(bytes.max(1), Ordering::Relaxed);
}
