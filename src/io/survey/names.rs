//! Names as people type them into a form: splitting an answer into names,
//! the key under which two spellings of one name meet, and the pairs of
//! names that may be one person.
//!
//! * **Splitting**: `;`, `,` and line breaks separate names; a leading
//!   bullet or number (`-`, `•`, `*`, `1.`, `2)`) is dropped, and a
//!   trailing `(…)` is read as the person's organisation. Answers that
//!   name nobody (`none`, `n/a`, `no one`, `-`) are left out.
//! * **Matching** ([`match_key`]): Unicode compatibility decomposition
//!   (NFKD), accents (combining marks) dropped, lower case, and every
//!   character that is not a letter or digit dropped — so "Amára
//!   O'Kafor", "amara okafor" and "AMARA  OKAFOR" are one person.
//! * **Near-duplicates** ([`near_duplicates`]): distinct keys that may
//!   still be one person, for the user to decide: the same name but for a
//!   title (Dr, Prof, Mr, Mrs, Ms, …); an initial where the other has the
//!   first name ("A. Okafor" / "Amara Okafor"); a first or last name on
//!   its own where the other has both; or a small spelling difference
//!   (Damerau–Levenshtein distance 1, or 2 for names of 9 letters or
//!   more; names longer than [`MAX_SPELLING_CHARS`] are not compared this
//!   way). Never merged silently.
//!
//! Complexity: near-duplicates compares only names that share a word of
//! two letters or more (words shared by more than [`MAX_BLOCK`] names are
//! not used), so it stays near-linear in the number of names.
//!
//! Depends on nothing else in Bridgework.

use std::collections::{BTreeSet, HashMap};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Titles left out when comparing names (folded, as [`words`] gives them).
pub const TITLES: [&str; 17] = [
    "dr",
    "doctor",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "sir",
    "dame",
    "lady",
    "lord",
    "cllr",
    "councillor",
    "rev",
    "revd",
];

/// Answers that name nobody, folded as [`match_key`] folds them.
const NOBODY: [&str; 9] = [
    "none",
    "na",
    "noone",
    "nobody",
    "nil",
    "notapplicable",
    "nothing",
    "nonetosay",
    "idontknow",
];

/// Names sharing a word with more than this many others are not compared
/// through that word (it is too common to say anything).
pub const MAX_BLOCK: usize = 200;

/// Names longer than this many characters are not compared for spelling
/// differences: no one's name is that long, and the comparison costs the
/// product of the two lengths in time and memory.
pub const MAX_SPELLING_CHARS: usize = 100;

/// One name given in an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name as written, trimmed.
    pub name: String,
    /// The organisation given in brackets after it, if any.
    pub organisation: Option<String>,
}

/// The names in one answer cell; see the module docs.
pub fn split_answer(cell: &str) -> Vec<Named> {
    cell.split([';', ',', '\n', '\r'])
        .filter_map(|part| {
            let part = strip_bullet(part.trim()).trim();
            let (name, organisation) = match part.strip_suffix(')').and_then(|p| p.rsplit_once('('))
            {
                Some((name, org)) if !name.trim().is_empty() => {
                    let org = org.trim();
                    (name.trim(), (!org.is_empty()).then(|| org.to_owned()))
                }
                _ => (part, None),
            };
            let key = match_key(name);
            if key.is_empty() || NOBODY.contains(&key.as_str()) {
                return None;
            }
            Some(Named {
                name: name.to_owned(),
                organisation,
            })
        })
        .collect()
}

/// `text` without a leading list bullet or number (`-`, `•`, `*`, `1.`,
/// `2)`).
fn strip_bullet(text: &str) -> &str {
    let t = text
        .trim_start_matches(['-', '•', '*', '–', '·'])
        .trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0
        && let Some(rest) = t
            .get(digits..)
            .and_then(|r| r.strip_prefix('.').or_else(|| r.strip_prefix(')')))
    {
        return rest;
    }
    t
}

/// `text` folded: NFKD, combining marks dropped, lower case.
fn fold(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
}

/// The key two spellings of one name share: see the module docs.
pub fn match_key(name: &str) -> String {
    fold(name).filter(|c| c.is_alphanumeric()).collect()
}

/// A name's words, folded like [`match_key`] (so "O'Kafor" is one word,
/// "okafor").
pub fn words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || matches!(c, '.' | '-' | '_' | '/'))
        .map(match_key)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A name's words without its titles.
fn core_words(name: &str) -> Vec<String> {
    words(name)
        .into_iter()
        .filter(|w| !TITLES.contains(&w.as_str()))
        .collect()
}

/// Why two names may be one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    /// The same name but for a title.
    Title,
    /// An initial where the other has the whole first name.
    Initial,
    /// A first or last name alone, where the other has both.
    PartName,
    /// A small spelling difference.
    Spelling,
}

impl Likeness {
    /// In words, for the user.
    pub fn describe(self) -> &'static str {
        match self {
            Likeness::Title => "the same name but for a title",
            Likeness::Initial => "an initial where the other has the first name",
            Likeness::PartName => "one gives only part of the other's name",
            Likeness::Spelling => "spelt almost the same",
        }
    }
}

/// Pairs `(i, j, why)` with `i < j` of `names` that may be one person,
/// sorted; `names` should be distinct by [`match_key`].
pub fn near_duplicates(names: &[String]) -> Vec<(usize, usize, Likeness)> {
    let cores: Vec<Vec<String>> = names.iter().map(|n| core_words(n)).collect();
    let mut blocks: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, ws) in cores.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for w in ws.iter().filter(|w| w.chars().count() >= 2) {
            if seen.insert(w.as_str()) {
                blocks.entry(w.as_str()).or_default().push(i);
            }
        }
    }
    let mut pairs = BTreeSet::new();
    for members in blocks.values().filter(|m| m.len() <= MAX_BLOCK) {
        for (k, &i) in members.iter().enumerate() {
            for &j in members.iter().skip(k + 1) {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    pairs
        .into_iter()
        .filter_map(|(i, j)| {
            let (a, b) = (cores.get(i)?, cores.get(j)?);
            likeness(a, b).map(|why| (i, j, why))
        })
        .collect()
}

/// Why two names (their words without titles) may be one person, if they
/// may.
fn likeness(a: &[String], b: &[String]) -> Option<Likeness> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(Likeness::Title);
    }
    if a.len() == b.len() && a.len() >= 2 && a.last() == b.last() {
        let compatible = a
            .iter()
            .zip(b)
            .all(|(x, y)| x == y || initial_of(x, y) || initial_of(y, x));
        if compatible {
            return Some(Likeness::Initial);
        }
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if let [only] = short
        && long.len() >= 2
        && only.chars().count() >= 2
        && (long.first() == Some(only) || long.last() == Some(only))
    {
        return Some(Likeness::PartName);
    }
    let (x, y) = (a.join(" "), b.join(" "));
    let (lx, ly) = (x.chars().count(), y.chars().count());
    let limit = match lx.min(ly) {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    };
    // Lengths further apart than the limit are further apart in spelling.
    let comparable = limit > 0 && lx.abs_diff(ly) <= limit && lx.max(ly) <= MAX_SPELLING_CHARS;
    (comparable && strsim::damerau_levenshtein(&x, &y) <= limit).then_some(Likeness::Spelling)
}

/// Whether `initial` is one letter and the first letter of `word`.
fn initial_of(initial: &str, word: &str) -> bool {
    let mut letters = initial.chars();
    matches!((letters.next(), letters.next()), (Some(c), None) if word.chars().count() > 1 && word.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cell: &str) -> Vec<String> {
        split_answer(cell).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn answers_split_on_semicolons_commas_and_lines_without_bullets() {
        assert_eq!(
            names("Amara Okafor; Ben Hale,Cat Ray\n- Dee Moss\r\n2) Eve Lin\n\n"),
            ["Amara Okafor", "Ben Hale", "Cat Ray", "Dee Moss", "Eve Lin"]
        );
        assert_eq!(names("none"), Vec::<String>::new());
        assert_eq!(names("N/A; No one; -"), Vec::<String>::new());
        let with_org = split_answer("Amara Okafor (City Hospital)");
        assert_eq!(with_org[0].name, "Amara Okafor");
        assert_eq!(with_org[0].organisation.as_deref(), Some("City Hospital"));
    }

    #[test]
    fn keys_ignore_case_spaces_accents_and_punctuation() {
        assert_eq!(match_key("Amára  O'Kafor"), "amaraokafor");
        assert_eq!(match_key("AMARA OKAFOR"), match_key("amara okafor"));
        assert_eq!(match_key("Zoë Ngozi-Adé"), "zoengoziade");
        assert_ne!(match_key("Amara Okafor"), match_key("Dr Amara Okafor"));
    }

    /// Found reading the code beside a fuzz find: two names of 50,000
    /// letters sharing a word were compared letter by letter, a table of 2.5 billion cells
    /// (20 GB). Names longer than any person's are not compared so.
    #[test]
    fn names_too_long_for_a_person_are_not_compared_letter_by_letter() {
        let long = "a".repeat(50_000);
        let list = [format!("Ann {long}"), format!("Ann {long}b")];
        assert_eq!(near_duplicates(&list), []);
        let at_limit = "b".repeat(MAX_SPELLING_CHARS - 5);
        let list = [format!("Ann {at_limit}"), format!("Ann {at_limit}c")];
        assert_eq!(near_duplicates(&list), [(0, 1, Likeness::Spelling)]);
    }

    #[test]
    fn near_duplicates_name_why_and_leave_strangers_apart() {
        let list: Vec<String> = [
            "Amara Okafor",
            "Dr A. Okafor",
            "Dr Amara Okafor",
            "Amara",
            "Jon Smith",
            "John Smith",
            "Priya Shah",
            "Tom Reed",
        ]
        .map(str::to_owned)
        .to_vec();
        let found = near_duplicates(&list);
        assert!(found.contains(&(0, 1, Likeness::Initial)));
        assert!(found.contains(&(0, 2, Likeness::Title)));
        assert!(found.contains(&(1, 2, Likeness::Initial)));
        assert!(found.contains(&(0, 3, Likeness::PartName)));
        assert!(found.contains(&(4, 5, Likeness::Spelling)));
        assert!(!found.iter().any(|&(i, j, _)| i >= 6 || j >= 6));
    }
}
