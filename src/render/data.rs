//! The data a template receives: the checked brief plus the words and dates already set in
//! the brief's language, served to Typst as the virtual file `/brief.json`.

use serde::Serialize;

use crate::brief::{Brief, Date, Lang, When};

/// Everything handed to the template, serialised as JSON.
#[derive(Debug, Serialize)]
pub struct TemplateData<'a> {
    /// The brief's language code (`ar`, `en`).
    pub lang: &'static str,
    /// The text direction that goes with the language (`rtl`, `ltr`).
    pub dir: &'static str,
    /// The checked brief.
    pub brief: &'a Brief,
    /// Dates already written out in the brief's language.
    pub dates: Dates,
    /// The mujaz version, for colophons.
    pub generator: String,
}

/// Dates formatted for reading.
#[derive(Debug, Serialize)]
pub struct Dates {
    /// The brief's date.
    pub brief: String,
    /// The news item's date.
    pub news: String,
    /// Each source's date, by position in the sources list.
    pub sources: Vec<Option<String>>,
    /// Each timeline entry's `when`, written out, by position.
    pub timeline: Vec<String>,
}

impl<'a> TemplateData<'a> {
    /// Gather the template data for a brief.
    pub fn new(brief: &'a Brief) -> Self {
        let format = |date: &Date| format_date(*date, brief.lang);
        Self {
            lang: brief.lang.code(),
            dir: match brief.lang {
                Lang::Ar => "rtl",
                Lang::En => "ltr",
            },
            brief,
            dates: Dates {
                brief: format(&brief.date),
                news: format(&brief.news.date),
                sources: brief.sources.iter().map(|s| s.date.as_ref().map(format)).collect(),
                timeline: brief
                    .background
                    .iter()
                    .flat_map(|b| &b.timeline)
                    .map(|event| match &event.when {
                        When::Text(text) => text.clone(),
                        When::Date(date) => format(date),
                    })
                    .collect(),
            },
            generator: format!("mujaz {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// The data as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// Month names used in Egypt and the Gulf (the Gregorian month names borrowed from European
/// languages), which the seed brief uses.
const ARABIC_MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Write a date out in full, e.g. `21 سبتمبر 2025م` or `21 September 2025`.
pub fn format_date(date: Date, lang: Lang) -> String {
    let month = usize::from(date.month.clamp(1, 12)) - 1;
    match lang {
        // Western digits and the era letter م (ميلادي), as in the seed brief.
        Lang::Ar => format!("{} {} {}م", date.day, ARABIC_MONTHS[month], date.year),
        Lang::En => format!("{} {} {}", date.day, ENGLISH_MONTHS[month], date.year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_use_the_brief_language() {
        let date = Date::new(2025, 9, 21).unwrap();
        assert_eq!(format_date(date, Lang::Ar), "21 سبتمبر 2025م");
        assert_eq!(format_date(date, Lang::En), "21 September 2025");
    }
}
