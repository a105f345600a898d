//! The site's Atom feed (RFC 4287): one entry per brief, linking to its page and its PDF by
//! relative address, so that the feed, like the pages, works wherever the folder is served.

use std::str::FromStr;

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};

use super::{FEED_FILE, INDEX_PAGE, Listed};
use crate::brief::Lang;
use crate::outlet::Outlet;

/// The feed of a site's briefs (newest first, as listed), under the outlet's name.
pub(super) fn atom(outlet: &Outlet, lang: Lang, listed: &[Listed]) -> String {
    let settings = &outlet.settings;
    let base = settings.web.base_url.as_deref();
    let briefs: Vec<&Listed> = listed.iter().filter(|item| item.entry.kind == "brief").collect();
    let name = match lang {
        Lang::Ar => &settings.outlet.name.ar,
        Lang::En => &settings.outlet.name.en,
    };
    let entries: Vec<Entry> = briefs
        .iter()
        .map(|item| {
            let entry = &item.entry;
            let mut links = vec![link(&entry.page, "text/html", entry.lang)];
            links.extend(entry.pdf.as_deref().map(|pdf| link(pdf, "application/pdf", entry.lang)));
            Entry {
                title: text(&entry.title, entry.lang),
                id: address(base, &entry.page, &item.id),
                updated: midnight(&entry.date),
                authors: item.authors.iter().map(|name| Person { name: name.clone(), ..Person::default() }).collect(),
                categories: item.tags.iter().map(|tag| Category { term: tag.clone(), ..Category::default() }).collect(),
                links,
                summary: entry.summary.as_deref().map(|summary| text(summary, entry.lang)),
                ..Entry::default()
            }
        })
        .collect();
    // The feed changes when its newest brief does, and never because of the clock.
    let updated = briefs.iter().map(|item| item.entry.date.as_str()).max().unwrap_or("1970-01-01");
    let feed = Feed {
        title: text(name, lang.code()),
        id: address(base, FEED_FILE, &format!("{} feed", outlet.name)),
        updated: midnight(updated),
        authors: vec![Person { name: name.clone(), ..Person::default() }],
        generator: Some(Generator {
            value: "mujaz".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
            uri: None,
        }),
        links: vec![
            Link { href: FEED_FILE.to_string(), rel: "self".to_string(), ..Link::default() },
            Link {
                href: INDEX_PAGE.to_string(),
                rel: "alternate".to_string(),
                mime_type: Some("text/html".to_string()),
                ..Link::default()
            },
        ],
        lang: Some(lang.code().to_string()),
        entries,
        ..Feed::default()
    };
    let mut xml = feed.to_string();
    xml.push('\n');
    xml
}

fn text(value: &str, lang: &str) -> Text {
    Text { lang: Some(lang.to_string()), ..Text::plain(value) }
}

fn link(href: &str, mime_type: &str, lang: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: "alternate".to_string(),
        mime_type: Some(mime_type.to_string()),
        hreflang: Some(lang.to_string()),
        ..Link::default()
    }
}

/// An entry's permanent id: its address on the outlet's site when the outlet gives one, else
/// a UUID made from what names it (`outlet/id`), which stays the same from run to run.
fn address(base: Option<&str>, file: &str, name: &str) -> String {
    match base {
        Some(base) => format!("{base}{file}"),
        None => {
            let uuid = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("mujaz:{name}").as_bytes());
            uuid.urn().to_string()
        }
    }
}

/// A brief's day as an Atom date: its start, in UTC.
fn midnight(date: &str) -> FixedDateTime {
    FixedDateTime::from_str(&format!("{date}T00:00:00Z")).unwrap_or_default()
}
