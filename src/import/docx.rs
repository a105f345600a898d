//! Word drafts (`.docx`): the zip read with a bound on its entries and their sizes, then
//! `word/document.xml` with quick-xml: paragraphs, Word's heading styles, bold and italic
//! runs, hyperlinks and list paragraphs.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::{Block, Draft, ImportError, Span};
use crate::msg;

/// The most entries a draft's zip may have (a Word file of a brief has a few dozen).
const MAX_ENTRIES: usize = 2_000;
/// The most bytes one entry may unpack to, whatever its header claims.
const MAX_ENTRY_BYTES: u64 = 50 * 1024 * 1024;

/// Read a `.docx` draft.
pub fn read(bytes: &[u8]) -> Result<Draft, ImportError> {
    // An encrypted (password-protected) Word file is not a zip but an OLE container.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError(msg!("import-encrypted-word"), msg!("hint-import-save-as-docx")));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| ImportError(msg!("import-not-a-zip"), msg!("hint-import-save-as-docx")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(ImportError(msg!("import-zip-too-many", max = MAX_ENTRIES), msg!("hint-import-save-as-docx")));
    }
    if zip.file_names().any(|name| name.ends_with("vbaProject.bin")) {
        return Err(ImportError(msg!("import-macro-document"), msg!("hint-import-save-as-docx")));
    }
    let document = entry(&mut zip, "word/document.xml")?
        .ok_or_else(|| ImportError(msg!("import-not-a-word-file"), msg!("hint-import-save-as-docx")))?;
    let relations = entry(&mut zip, "word/_rels/document.xml.rels")?.map(|xml| links(&xml)).unwrap_or_default();
    let notes_text = entry(&mut zip, "word/footnotes.xml")?.map(|xml| footnotes(&xml, &relations)).unwrap_or_default();
    let mut images = Vec::new();
    let blocks = paragraphs(&document, &relations, &mut |target, alt| {
        // Only the document's own media, read through the same bounds.
        let name = format!("word/{}", target.trim_start_matches("./"));
        let bytes = entry_bytes(&mut zip, &name).ok().flatten()?;
        let extension = crate::images::kind(&bytes)?.extension();
        images.push(super::DraftImage { bytes, extension, alt });
        Some(images.len() - 1)
    });
    Ok(Draft { blocks, notes: Vec::new(), notes_text, images })
}

/// Word's footnotes by id, their paragraphs' text joined (Word's own separator notes, ids
/// -1 and 0, are left out).
fn footnotes(xml: &str, links: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut notes = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:footnote ") {
        let end = rest[start..].find("</w:footnote>").map_or(rest.len(), |e| start + e + "</w:footnote>".len());
        let note = &rest[start..end];
        rest = &rest[end..];
        let id = note.split("w:id=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_string();
        if id.is_empty() || id.starts_with('-') || id == "0" {
            continue;
        }
        let text: Vec<String> = paragraphs(note, links, &mut |_, _| None)
            .iter()
            .map(|block| match block {
                Block::Paragraph(spans) | Block::Item(spans) => spans.iter().map(span_text).collect::<String>(),
                Block::Heading(text) => text.clone(),
            })
            .collect();
        notes.push((id, text.join(" ").trim().to_string()));
    }
    notes
}

/// One entry of the zip as text, read no further than [`MAX_ENTRY_BYTES`] (a zip bomb's
/// headers may claim any size).
fn entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ImportError> {
    match entry_bytes(zip, name)? {
        Some(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| ImportError(msg!("import-not-a-word-file"), msg!("hint-import-save-as-docx"))),
        None => Ok(None),
    }
}

/// One entry of the zip, read no further than [`MAX_ENTRY_BYTES`].
fn entry_bytes(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
    let Ok(file) = zip.by_name(name) else { return Ok(None) };
    let mut bytes = Vec::new();
    match file.take(MAX_ENTRY_BYTES + 1).read_to_end(&mut bytes) {
        Ok(length) if length as u64 > MAX_ENTRY_BYTES => Err(ImportError(
            msg!("import-zip-too-large", max = MAX_ENTRY_BYTES / 1024 / 1024),
            msg!("hint-import-save-as-docx"),
        )),
        Ok(_) => Ok(Some(bytes)),
        Err(_) => Err(ImportError(msg!("import-not-a-word-file"), msg!("hint-import-save-as-docx"))),
    }
}

/// The addresses of a document's hyperlinks, by relationship id.
fn links(xml: &str) -> HashMap<String, String> {
    let mut links = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .map(|a| a.unescape_value().map(|v| v.into_owned()).unwrap_or_default())
                };
                if let (Some(id), Some(target)) = (attr(b"Id"), attr(b"Target")) {
                    links.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    links
}

/// The blocks of `word/document.xml`.
/// `image(target, alt)` fetches a picture the document shows (its relationship's target and
/// its description) and gives its place among the draft's images.
fn paragraphs(
    xml: &str,
    links: &HashMap<String, String>,
    image: &mut dyn FnMut(&str, Option<String>) -> Option<usize>,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut spans: Vec<Span> = Vec::new();
    let (mut style, mut list) = (String::new(), false);
    let (mut bold, mut italic, mut in_text) = (false, false, false);
    let mut link: Option<(String, String)> = None;
    let mut description: Option<String> = None;
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .map(|a| a.unescape_value().map(|v| v.into_owned()).unwrap_or_default())
    };
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"p" => {
                    spans.clear();
                    style.clear();
                    list = false;
                }
                b"pStyle" => style = attr(&e, b"val").unwrap_or_default(),
                b"numPr" => list = true,
                b"r" => {
                    bold = false;
                    italic = false;
                }
                // `<w:b/>` or `<w:b w:val="true"/>` turn bold on; `w:val="0"` or "false" off.
                b"b" => bold = !matches!(attr(&e, b"val").as_deref(), Some("0" | "false")),
                b"i" => italic = !matches!(attr(&e, b"val").as_deref(), Some("0" | "false")),
                b"t" => in_text = true,
                b"tab" => spans.push(Span::Text(" ".into())),
                b"hyperlink" => {
                    let url = attr(&e, b"id").and_then(|id| links.get(&id).cloned()).unwrap_or_default();
                    link = Some((url, String::new()));
                }
                // A picture: its description (`wp:docPr descr`) comes before its data.
                b"docPr" => description = attr(&e, b"descr").filter(|d| !d.trim().is_empty()),
                b"blip" => {
                    let target = attr(&e, b"embed").and_then(|id| links.get(&id).cloned());
                    if let Some(index) = target.and_then(|target| image(&target, description.take())) {
                        spans.push(Span::Image(index));
                    }
                }
                b"footnoteReference" => {
                    if let Some(id) = attr(&e, b"id") {
                        spans.push(Span::Note(id));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().map(|s| s.into_owned()).unwrap_or_default();
                let text = quick_xml::escape::unescape(&text).map(|s| s.into_owned()).unwrap_or(text);
                match &mut link {
                    Some((_, label)) => label.push_str(&text),
                    None if bold => spans.push(Span::Strong(text)),
                    None if italic => spans.push(Span::Emph(text)),
                    None => spans.push(Span::Text(text)),
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"hyperlink" => {
                    if let Some((url, label)) = link.take() {
                        spans.push(Span::Link { label, url });
                    }
                }
                b"p" => {
                    let spans = merge(std::mem::take(&mut spans));
                    let text: String = spans.iter().map(span_text).collect();
                    if text.trim().is_empty() && !spans.iter().any(|s| matches!(s, Span::Image(_))) {
                        continue;
                    }
                    let heading = style.starts_with("Heading") || style == "Title" || style.starts_with("heading");
                    blocks.push(match (heading, list) {
                        (true, _) => Block::Heading(text),
                        (false, true) => Block::Item(spans),
                        (false, false) => Block::Paragraph(spans),
                    });
                }
                _ => {}
            },
            _ => {}
        }
    }
    blocks
}

fn span_text(span: &Span) -> &str {
    match span {
        Span::Text(t) | Span::Strong(t) | Span::Emph(t) => t,
        Span::Link { label, .. } => label,
        Span::Note(_) | Span::Image(_) => "",
    }
}

/// Adjacent runs of the same kind as one (Word splits text into runs at every edit).
fn merge(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        match (out.last_mut(), span) {
            (Some(Span::Text(a)), Span::Text(b))
            | (Some(Span::Strong(a)), Span::Strong(b))
            | (Some(Span::Emph(a)), Span::Emph(b)) => a.push_str(&b),
            (_, span) => out.push(span),
        }
    }
    out
}
