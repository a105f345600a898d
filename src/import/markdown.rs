//! Markdown drafts, read with pulldown-cmark: headings, paragraphs, list items, bold,
//! italic and links.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Block, Span};

/// The blocks of a Markdown draft.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut heading = String::new();
    let (mut in_heading, mut strong, mut emph) = (false, 0, 0);
    let mut link: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                blocks.push(Block::Heading(std::mem::take(&mut heading)));
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong -= 1,
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((url, label)) = link.take() {
                    spans.push(Span::Link { label, url });
                }
            }
            Event::End(TagEnd::Paragraph) if !spans.is_empty() => {
                blocks.push(Block::Paragraph(std::mem::take(&mut spans)));
            }
            Event::End(TagEnd::Item) if !spans.is_empty() => blocks.push(Block::Item(std::mem::take(&mut spans))),
            Event::Text(text) | Event::Code(text) => {
                if in_heading {
                    heading.push_str(&text);
                } else if let Some((_, label)) = &mut link {
                    label.push_str(&text);
                } else if strong > 0 {
                    spans.push(Span::Strong(text.to_string()));
                } else if emph > 0 {
                    spans.push(Span::Emph(text.to_string()));
                } else {
                    spans.push(Span::Text(text.to_string()));
                }
            }
            Event::SoftBreak | Event::HardBreak if !in_heading => spans.push(Span::Text(" ".into())),
            _ => {}
        }
    }
    if !spans.is_empty() {
        blocks.push(Block::Paragraph(spans));
    }
    blocks
}
