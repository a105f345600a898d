//! Messages in the editor's language: every diagnostic, hint and report line is a [`Message`]
//! (an id and its arguments) that is put into words only when it is shown, from one Fluent
//! catalogue per language (`src/messages/<lang>/*.ftl`).
//!
//! Keeping the words out of the stages means a worker process can send a diagnostic to the
//! parent without choosing a language, and the preview page can show the same diagnostics in
//! the brief's language while the terminal shows them in the editor's.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language mujaz speaks to editors in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Arabic.
    Ar,
}

impl Language {
    /// Every language with a catalogue.
    pub const ALL: [Language; 2] = [Language::En, Language::Ar];

    /// The language's code, as in `--messages ar`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ar => "ar",
        }
    }

    /// The language of a code or locale name (`ar`, `ar_EG.UTF-8`, `en-GB`), if mujaz speaks it.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let primary = locale.split(['_', '-', '.', '@']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Language::Ar),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Language::Ar
    }

    /// The language messages are shown in unless one is named: set once by the program.
    pub fn current() -> Language {
        match CURRENT.load(Ordering::Relaxed) {
            1 => Language::Ar,
            _ => Language::En,
        }
    }

    /// Make this the language messages are shown in.
    pub fn make_current(self) {
        CURRENT.store(self as u8, Ordering::Relaxed);
    }

    /// The language to speak: the one asked for, then `MUJAZ_LANG`, then the system's
    /// language, then English. A `MUJAZ_LANG` or system language mujaz does not speak falls
    /// through to the next.
    pub fn choose(asked: Option<Language>) -> Language {
        asked
            .or_else(|| std::env::var(LANGUAGE_VARIABLE).ok().as_deref().and_then(Language::from_locale))
            .or_else(|| sys_locale::get_locale().as_deref().and_then(Language::from_locale))
            .unwrap_or(Language::En)
    }
}

/// The environment variable that chooses the language of messages.
pub const LANGUAGE_VARIABLE: &str = "MUJAZ_LANG";

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Something to say, in no language yet: a catalogue id and the values it mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The id in the catalogues, e.g. `unknown-key`.
    pub id: Cow<'static, str>,
    /// The values the message mentions, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// A value a message mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arg {
    /// Text shown as it is: a key, a file name, a value from the brief.
    Text(String),
    /// A count or size, which also chooses the plural form.
    Number(f64),
    /// A phrase put into words in the same language first ("a string", "at the top level").
    Phrase(Box<Message>),
    /// One of a few words the catalogue chooses its wording by (`little` or `big`), never
    /// shown as it is.
    Choice(String),
}

impl Arg {
    /// A value that chooses between the catalogue's variants.
    pub fn choice(key: &str) -> Arg {
        Arg::Choice(key.to_string())
    }
}

impl Message {
    /// A message with no values.
    pub fn new(id: &'static str) -> Self {
        Self { id: Cow::Borrowed(id), args: Vec::new() }
    }

    /// The message with one more value.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The message in words, in `language`: from its catalogue, else from the English one,
    /// else its id (so that a missing translation never hides a problem). Plain text, with no
    /// invisible characters: what a terminal or a JSON reader gets, and may copy.
    pub fn render(&self, language: Language) -> String {
        self.format(language, false)
    }

    /// The message in words with each value from outside the sentence (a key, a path, a
    /// value from the brief) between the isolates U+2068 and U+2069 in right-to-left
    /// languages, for a page that lays such a value out in its own direction (and then shows
    /// it without the marks).
    pub fn render_marked(&self, language: Language) -> String {
        self.format(language, language.is_rtl())
    }

    fn format(&self, language: Language, marked: bool) -> String {
        for bundle in [bundle(language, &self.id), bundle(Language::En, &self.id)].into_iter().flatten() {
            let Some(pattern) = bundle.get_message(&self.id).and_then(|m| m.value()) else { continue };
            let mut args = FluentArgs::new();
            for (name, value) in &self.args {
                let value = match value {
                    Arg::Text(text) if marked => FluentValue::from(format!("\u{2068}{text}\u{2069}")),
                    Arg::Text(text) | Arg::Choice(text) => FluentValue::from(text.as_str()),
                    Arg::Number(number) => FluentValue::from(*number),
                    Arg::Phrase(phrase) => FluentValue::from(phrase.format(language, marked)),
                };
                args.set(name.as_ref(), value);
            }
            let mut errors = Vec::new();
            return bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        }
        self.id.to_string()
    }
}

impl std::fmt::Display for Message {
    /// The message in the current language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Language::current()))
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Phrase(Box::new(message))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(number: $t) -> Self {
                Arg::Number(number as f64)
            }
        }
    )*};
}
number_args!(usize, u64, u32, u16, u8, i64, i32, f64);

/// Write a [`Message`]: `msg!("unknown-key", key = name, place = msg!("place-top-level"))`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($id) $(.arg(stringify!($name), $value))*
    };
}

/// The catalogue files of a language, in the order they are read.
pub fn catalogue_files(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::En => &[
            ("en/brief.ftl", include_str!("en/brief.ftl")),
            ("en/outlet.ftl", include_str!("en/outlet.ftl")),
            ("en/build.ftl", include_str!("en/build.ftl")),
            ("en/cli.ftl", include_str!("en/cli.ftl")),
            ("en/codes.ftl", include_str!("en/codes.ftl")),
        ],
        Language::Ar => &[
            ("ar/brief.ftl", include_str!("ar/brief.ftl")),
            ("ar/outlet.ftl", include_str!("ar/outlet.ftl")),
            ("ar/build.ftl", include_str!("ar/build.ftl")),
            ("ar/cli.ftl", include_str!("ar/cli.ftl")),
            ("ar/codes.ftl", include_str!("ar/codes.ftl")),
        ],
    }
}

/// The ids of every message in a language's catalogue, in file order.
pub fn catalogue_ids(language: Language) -> Vec<String> {
    catalogue_files(language)
        .iter()
        .flat_map(|(_, text)| {
            let resource = parse(text);
            let ids: Vec<String> = resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            ids
        })
        .collect()
}

fn parse(text: &'static str) -> FluentResource {
    FluentResource::try_new(text.to_string()).unwrap_or_else(|(resource, _)| resource)
}

/// How many catalogue files each language has.
const FILES: usize = 5;

/// The bundle of the catalogue file of `language` that defines `id`, if one does. One bundle
/// per file, each parsed when a message of it is first shown: a build that prints one line
/// parses one file, not the whole catalogue (0.6 ms of a cold build otherwise).
fn bundle(language: Language, id: &str) -> Option<&'static FluentBundle<FluentResource>> {
    static BUNDLES: [[OnceLock<FluentBundle<FluentResource>>; FILES]; 2] =
        [[const { OnceLock::new() }; FILES], [const { OnceLock::new() }; FILES]];
    let files = catalogue_files(language);
    let definition = format!("{id} =");
    let index = files.iter().position(|(_, text)| {
        text.starts_with(&definition) || text.match_indices(&definition).any(|(at, _)| text[..at].ends_with('\n'))
    })?;
    Some(BUNDLES[language as usize][index].get_or_init(|| {
        let code: unic_langid::LanguageIdentifier = language.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![code]);
        // Fluent would isolate every placeable, phrases in the same language too; `render`
        // isolates the text that needs it.
        bundle.set_use_isolating(false);
        // The catalogues are tested to parse without errors and to define each id once.
        let _ = bundle.add_resource(parse(files[index].1));
        bundle
    }))
}

/// The problems a catalogue file has as Fluent (empty when it parses cleanly).
pub fn syntax_problems(text: &'static str) -> Vec<String> {
    match FluentResource::try_new(text.to_string()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_choose_a_language() {
        assert_eq!(Language::from_locale("ar_EG.UTF-8"), Some(Language::Ar));
        assert_eq!(Language::from_locale("en-GB"), Some(Language::En));
        assert_eq!(Language::from_locale("fr_FR"), None);
        assert_eq!(Language::from_locale("C"), None);
    }

    #[test]
    fn each_language_has_the_catalogue_files_the_bundles_are_made_for() {
        for language in Language::ALL {
            assert_eq!(catalogue_files(language).len(), FILES);
        }
    }

    #[test]
    fn a_message_missing_from_both_catalogues_shows_its_id() {
        assert_eq!(Message::new("no-such-message").render(Language::Ar), "no-such-message");
    }
}
