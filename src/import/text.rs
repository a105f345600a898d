//! Plain-text drafts: decoded whatever encoding the desk saved them in, then one block per
//! paragraph, a line that names a section (`الخبر:`) being a heading.

use super::{Block, ImportError, Span, section_of};
use crate::messages::Message;
use crate::msg;

/// The draft's text, and a note of the encoding assumed when it was not UTF-8: UTF-8 (with or
/// without a byte-order mark), UTF-16 with a byte-order mark, else Windows-1256, the Arabic
/// encoding of older Windows programs.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<Message>), ImportError> {
    let (encoding, skip) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, length)) => (Some(encoding), length),
        None => (None, 0),
    };
    let body = &bytes[skip..];
    let (text, notes) = match encoding {
        Some(encoding) if encoding == encoding_rs::UTF_8 => (String::from_utf8_lossy(body).into_owned(), Vec::new()),
        Some(encoding) => {
            let (text, _) = encoding.decode_without_bom_handling(body);
            (text.into_owned(), vec![msg!("import-encoding", encoding = encoding.name())])
        }
        None => match std::str::from_utf8(body) {
            Ok(text) => (text.to_string(), Vec::new()),
            Err(_) => {
                if body.contains(&0) {
                    return Err(ImportError(msg!("import-binary"), msg!("hint-import-formats")));
                }
                let (text, _) = encoding_rs::WINDOWS_1256.decode_without_bom_handling(body);
                (text.into_owned(), vec![msg!("import-encoding", encoding = "windows-1256")])
            }
        },
    };
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if controls * 50 > text.chars().count().max(1) || text.contains('\0') {
        return Err(ImportError(msg!("import-binary"), msg!("hint-import-formats")));
    }
    Ok((text, notes))
}

/// The blocks of a plain-text draft: each non-empty line a paragraph (drafts pasted from a
/// word processor put one paragraph on a line), a line naming a section a heading, and a
/// line starting with a dash or a number an item.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if section_of(line).is_some() {
            blocks.push(Block::Heading(line.to_string()));
            continue;
        }
        let item = ["- ", "• ", "* ", "– "].iter().find_map(|m| line.strip_prefix(m));
        match item {
            Some(rest) => blocks.push(Block::Item(vec![Span::Text(rest.trim().to_string())])),
            None => blocks.push(Block::Paragraph(vec![Span::Text(line.to_string())])),
        }
    }
    blocks
}
