//! Citations: every `[@id]` names a source, every source with an id is cited, and each
//! citation gets its source's number.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::brief::{Brief, Inline, Source};
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::msg;
use crate::walk::Walker;

/// Report citations (`cites`, emptied) of unknown sources and sources never cited; return
/// each id's number.
pub(super) fn check(
    walk: &mut Walker<'_>,
    cites: &mut Vec<(String, Range<usize>)>,
    sources: &[(Source, Range<usize>)],
) -> HashMap<String, usize> {
    let numbers: HashMap<String, usize> = sources.iter().filter_map(|(s, _)| Some((s.id.clone()?, s.number))).collect();
    let mut known: Vec<&str> = numbers.keys().map(String::as_str).collect();
    known.sort_unstable();
    let mut cited = HashSet::new();
    for (id, span) in std::mem::take(cites) {
        if numbers.contains_key(&id) {
            cited.insert(id);
            continue;
        }
        let hint = match did_you_mean(&id, &known) {
            Some(s) => msg!("hint-did-you-mean-citation", suggestion = s),
            None if known.is_empty() => msg!("hint-add-a-source", id = &id),
            None => msg!("hint-add-or-cite", id = &id, known = known.join(", ")),
        };
        walk.error(Code::UnknownCitation, span, msg!("unknown-citation", id = &id), hint);
    }
    for (source, span) in sources {
        if let Some(id) = &source.id
            && !cited.contains(id)
        {
            let warning = Diagnostic::warning(Code::UncitedSource, msg!("uncited-source", id = id))
                .at(walk.file, span.clone())
                .with_hint(msg!("hint-uncited-source", id = id));
            walk.diagnostics.push(warning);
        }
    }
    numbers
}

/// Apply `f` to every inline text of a brief.
pub(super) fn for_each_text(brief: &mut Brief, f: &mut dyn FnMut(&mut Inline)) {
    f(&mut brief.title);
    brief.subtitle.iter_mut().for_each(&mut *f);
    brief.summary.iter_mut().for_each(&mut *f);
    brief.news.paragraphs.iter_mut().for_each(&mut *f);
    for point in &mut brief.commentary {
        point.title.iter_mut().for_each(&mut *f);
        point.paragraphs.iter_mut().for_each(&mut *f);
    }
    brief.facts.iter_mut().for_each(|fact| f(&mut fact.label));
    brief.quotes.iter_mut().for_each(|quote| f(&mut quote.text));
    brief.notes.iter_mut().for_each(|note| f(&mut note.text));
    brief.figures.iter_mut().for_each(|figure| figure.caption.iter_mut().for_each(&mut *f));
    if let Some(background) = &mut brief.background {
        background.paragraphs.iter_mut().for_each(&mut *f);
        background.timeline.iter_mut().for_each(|e| f(&mut e.event));
    }
    brief.questions.iter_mut().for_each(&mut *f);
}
