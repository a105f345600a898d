//! Reading the text back out of a laid-out document, line by line in reading order.
//!
//! Each Typst text item keeps its characters in logical order; only the items of a line are
//! placed visually. Items are grouped into lines by baseline and ordered by the line's
//! direction, which gives back the text as the author wrote it.
//!
//! This reads what Typst laid out, before any PDF viewer is involved: it shows whether text
//! reached the page, not how well viewers copy it back out.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// The text of every page, one string per page, lines separated by newlines.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    document.pages().iter().map(|page| frame_text(&page.frame)).collect()
}

/// The text of one frame (and the frames inside it), in reading order.
pub fn frame_text(frame: &Frame) -> String {
    let mut pieces = Vec::new();
    collect(frame, Transform::identity(), &mut pieces);
    // Lines keep the order in which the layout produced them; pieces within a line are
    // put in reading order.
    let mut lines: Vec<Line> = Vec::new();
    for piece in pieces {
        match lines.iter_mut().rev().take(8).find(|line| line.matches(&piece)) {
            Some(line) => line.pieces.push(piece),
            None => lines.push(Line { baseline: piece.y, block: piece.block, pieces: vec![piece] }),
        }
    }
    lines.iter_mut().map(Line::text).collect::<Vec<_>>().join("\n")
}

struct Piece {
    x: Abs,
    y: Abs,
    /// Identifies the frame the item came from, so side-by-side columns are not merged.
    block: usize,
    rtl: bool,
    text: String,
}

struct Line {
    baseline: Abs,
    block: usize,
    pieces: Vec<Piece>,
}

impl Line {
    fn matches(&self, piece: &Piece) -> bool {
        self.block == piece.block && (self.baseline - piece.y).abs() < Abs::pt(1.0)
    }

    fn text(&mut self) -> String {
        let rtl = self.pieces.iter().filter(|p| p.rtl).count() * 2 > self.pieces.len();
        if rtl {
            self.pieces.sort_by(|a, b| b.x.partial_cmp(&a.x).unwrap_or(std::cmp::Ordering::Equal));
            // A left-to-right run inside a right-to-left line (a Latin name, a number) may be
            // split over several items; they read left to right again.
            let mut start = 0;
            while start < self.pieces.len() {
                if script(&self.pieces[start].text) != Script::Ltr {
                    start += 1;
                    continue;
                }
                let mut end = start;
                for (i, piece) in self.pieces.iter().enumerate().skip(start) {
                    match script(&piece.text) {
                        Script::Ltr => end = i,
                        Script::Neutral => {}
                        Script::Rtl => break,
                    }
                }
                self.pieces[start..=end].reverse();
                start = end + 1;
            }
        } else {
            self.pieces.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
        }
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

#[derive(PartialEq, Eq)]
enum Script {
    /// Holds right-to-left letters.
    Rtl,
    /// Holds left-to-right letters or digits and no right-to-left letters.
    Ltr,
    /// Spaces and punctuation only.
    Neutral,
}

fn script(text: &str) -> Script {
    use unicode_bidi::BidiClass::{AL, AN, EN, L, R};
    let classes: Vec<_> = text.chars().map(unicode_bidi::bidi_class).collect();
    if classes.iter().any(|c| matches!(c, R | AL)) {
        Script::Rtl
    } else if classes.iter().any(|c| matches!(c, L | EN | AN)) {
        Script::Ltr
    } else {
        Script::Neutral
    }
}

/// Call `f` with each text item of a frame and the frames inside it, in layout order: where
/// its baseline starts on the page, the item, and which frame it is in.
fn each_text_item(frame: &Frame, transform: Transform, f: &mut dyn FnMut(Point, &TextItem, usize)) {
    let block = frame as *const Frame as usize;
    for (position, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner =
                    transform.pre_concat(Transform::translate(position.x, position.y)).pre_concat(group.transform);
                each_text_item(&group.frame, inner, f);
            }
            FrameItem::Text(text) => f(Point::new(position.x, position.y).transform(transform), text, block),
            _ => {}
        }
    }
}

fn collect(frame: &Frame, transform: Transform, out: &mut Vec<Piece>) {
    each_text_item(frame, transform, &mut |at, text, block| {
        // Typst puts marks that are shifted vertically (a raised shadda or tanween) in an item
        // of their own whose text repeats their whole cluster, which the base glyph's item
        // already holds; such items have no advance, so skip them.
        if text.width() == Abs::zero() {
            return;
        }
        // The paragraph's direction follows its language, not the letters of one item
        // (a line may start with "2025" in an Arabic paragraph).
        let rtl = text.lang.dir() == typst::layout::Dir::RTL;
        // Isolates (U+2066–U+2069) that templates wrap around mixed-direction text are
        // invisible formatting, not text anyone wrote.
        let text: String = text.text.chars().filter(|c| !('\u{2066}'..='\u{2069}').contains(c)).collect();
        out.push(Piece { x: at.x, y: at.y, block, rtl, text });
    });
}

/// A run of text as laid out: where its baseline starts, in points from the page's top left
/// corner, how wide it is and its font size.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// The characters of the run.
    pub text: String,
    /// The left end of the run.
    pub x: f64,
    /// The baseline's distance from the top of the page.
    pub baseline: f64,
    /// The run's advance width.
    pub width: f64,
    /// The font size.
    pub size: f64,
}

/// Every run of text in a frame (and the frames inside it), in layout order.
pub fn text_boxes(frame: &Frame) -> Vec<TextBox> {
    let mut boxes = Vec::new();
    each_text_item(frame, Transform::identity(), &mut |at, text, _| {
        boxes.push(TextBox {
            text: text.text.to_string(),
            x: at.x.to_pt(),
            baseline: at.y.to_pt(),
            width: text.width().to_pt(),
            size: text.size.to_pt(),
        })
    });
    boxes
}

/// Where an image is laid out: its top left corner, in points from the page's top left
/// corner, and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBox {
    /// The left edge.
    pub x: f64,
    /// The top edge's distance from the top of the page.
    pub y: f64,
    /// The width.
    pub width: f64,
    /// The height.
    pub height: f64,
}

/// Every image a frame (and the frames inside it) holds, in layout order.
pub fn image_boxes(frame: &Frame) -> Vec<ImageBox> {
    fn visit(frame: &Frame, transform: Transform, out: &mut Vec<ImageBox>) {
        for (position, item) in frame.items() {
            match item {
                FrameItem::Group(group) => {
                    let inner =
                        transform.pre_concat(Transform::translate(position.x, position.y)).pre_concat(group.transform);
                    visit(&group.frame, inner, out);
                }
                FrameItem::Image(_, size, _) => {
                    let at = Point::new(position.x, position.y).transform(transform);
                    out.push(ImageBox {
                        x: at.x.to_pt(),
                        y: at.y.to_pt(),
                        width: size.x.to_pt(),
                        height: size.y.to_pt(),
                    });
                }
                _ => {}
            }
        }
    }
    let mut boxes = Vec::new();
    visit(frame, Transform::identity(), &mut boxes);
    boxes
}
