//! Reading a form export into a map: see the module docs of `survey`.

use super::names::{self, Named, match_key, split_answer};
use super::{ColumnRole, NearDuplicate, Survey, SurveyColumns, SurveyOptions};
use crate::io::builder::{MapBuilder, Origin, UNASSIGNED, file_name, plural};
use crate::io::error::IoError;
use crate::io::sheet::{self, Table};
use crate::io::{Format, ImportOptions, decode};
use crate::model::{Actor, Network, Tie};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// How many near-duplicate pairs get a warning each; the rest are counted.
const MAX_PAIR_WARNINGS: usize = 50;

/// Most question columns a form may have: each is a tie kind, and a
/// name-generator survey asks a handful. More is a damaged or wrong file
/// (or its questions are named with `--question-column`).
pub const MAX_QUESTIONS: usize = 1_000;

/// Most words a tie kind's name keeps from its question.
const MAX_KIND_WORDS: usize = 5;

/// Reads survey responses from `path`'s `bytes`: a workbook when the
/// extension says so (`.xlsx`, `.xls`, `.ods`, …), else CSV text in
/// `options.encoding`.
pub fn load_survey(
    path: &Path,
    bytes: &[u8],
    options: &ImportOptions,
    survey: &SurveyOptions,
) -> Result<Survey, IoError> {
    let workbook = Format::from_extension(path) == Some(Format::Sheet);
    let tables = if workbook {
        sheet::read_workbook(path, bytes)?
    } else {
        let text = decode(path, bytes, options.encoding)?;
        sheet::read_tables(path, &text)?
    };
    read_survey(path, &tables, workbook, options, survey)
}

/// A header folded for guessing: lower case, single spaces, without the
/// marks forms add (`?`, `:`, `*`).
fn tidy_header(header: &str) -> String {
    header
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['?', ':', '*', ' '])
        .to_owned()
}

/// Columns forms add on their own, left out (compared tidied).
const FORM_COLUMNS: [&str; 16] = [
    "timestamp",
    "start time",
    "completion time",
    "last modified time",
    "submitted",
    "submitted at",
    "submission date",
    "submission time",
    "date",
    "time",
    "id",
    "response id",
    "respondent id",
    "ip address",
    "user agent",
    "network id",
];

/// The role a header names, if it names one; `None` when only the answers
/// can tell (a question if some answer names a respondent, else an
/// attribute). See the module docs.
pub fn guess_role(header: &str) -> Option<ColumnRole> {
    let h = tidy_header(header);
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if h.is_empty() {
        return Some(ColumnRole::LeftOut);
    }
    if matches!(words.first(), Some(&"who" | &"whom")) || has("whom") {
        return Some(ColumnRole::Question);
    }
    if FORM_COLUMNS.contains(&h.as_str()) || h.contains("email") || h.contains("e-mail") {
        return Some(ColumnRole::LeftOut);
    }
    if matches!(
        h.as_str(),
        "name" | "full name" | "respondent" | "participant" | "participant name"
    ) || h.contains("your name")
        || h.contains("your full name")
        || h.starts_with("respondent")
        || h.starts_with("name of respondent")
    {
        return Some(ColumnRole::Respondent);
    }
    if has("organisation") || has("organization") || has("employer") || has("org") {
        return Some(ColumnRole::Organisation);
    }
    if has("sector") {
        return Some(ColumnRole::Sector);
    }
    if has("role") || h.contains("job title") {
        return Some(ColumnRole::Role);
    }
    if ["who", "people", "person", "colleagues", "contacts", "names"]
        .iter()
        .any(|w| has(w))
    {
        return Some(ColumnRole::Question);
    }
    None
}

/// `verb` in the third person singular ("work" → "works", "go" →
/// "goes", "rely" → "relies").
fn third_person(verb: &str) -> String {
    match verb {
        "have" => return "has".to_owned(),
        "be" => return "is".to_owned(),
        _ => {}
    }
    let consonant_y = verb.strip_suffix('y').filter(|stem| {
        stem.chars()
            .last()
            .is_some_and(|c| c.is_alphabetic() && !"aeiou".contains(c))
    });
    if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| verb.ends_with(e))
    {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    }
}

/// A tie kind's name from a question: "Who do you go to for advice?" →
/// `advice`, "Who do you work with most closely?" → `works with most
/// closely`, "Name the people you share information with" → `shares
/// information with`; any other header, lower case. At most five words;
/// `question` if nothing is left.
pub fn kind_name(question: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    for c in question.to_lowercase().chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => text.push(if c.is_alphanumeric() || c == '\'' || c == '-' {
                c
            } else {
                ' '
            }),
            _ => {}
        }
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    // "Q1", "1", "question 3" before the question.
    if words.first().is_some_and(|w| *w == "question") {
        words.remove(0);
    }
    if words.first().is_some_and(|w| {
        let digits = w.trim_start_matches('q');
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    }) {
        words.remove(0);
    }
    let asks = matches!(words.first(), Some(&"who" | &"whom"));
    let about_people = words
        .windows(2)
        .position(|w| matches!(w, [p, "you"] if ["people", "person", "colleagues", "persons", "individuals"].contains(p)));
    let mut phrase: Vec<String> = match words.iter().position(|w| *w == "for") {
        Some(at) if (asks || about_people.is_some()) && at + 1 < words.len() => {
            words.iter().skip(at + 1).map(|w| (*w).to_owned()).collect()
        }
        _ if asks || about_people.is_some() => {
            let start = about_people.map_or(1, |p| p + 1);
            let mut rest: Vec<&str> = words.iter().skip(start).copied().collect();
            let mut conjugate = about_people.is_some();
            loop {
                match rest.first() {
                    Some(
                        &("do" | "did" | "would" | "will" | "can" | "could" | "might" | "should"),
                    ) => {
                        conjugate = true;
                        rest.remove(0);
                    }
                    Some(&("have" | "are" | "were" | "has" | "is" | "else")) => {
                        conjugate = false;
                        rest.remove(0);
                    }
                    Some(&("you" | "your" | "yourself")) => {
                        rest.remove(0);
                    }
                    _ => break,
                }
            }
            let end = rest
                .iter()
                .enumerate()
                .skip(1)
                .find(|(i, w)| {
                    [
                        "when", "if", "because", "during", "since", "within", "about",
                    ]
                    .contains(w)
                        || (matches!(**w, "in" | "over")
                            && matches!(rest.get(i + 1), Some(&("the" | "a" | "this" | "your"))))
                })
                .map_or(rest.len(), |(i, _)| i);
            rest.truncate(end);
            let mut out: Vec<String> = rest.iter().map(|w| (*w).to_owned()).collect();
            if conjugate && let Some(first) = out.first_mut() {
                *first = third_person(first);
            }
            out
        }
        _ => words.iter().map(|w| (*w).to_owned()).collect(),
    };
    phrase.truncate(MAX_KIND_WORDS);
    let name = phrase.join(" ");
    if name.is_empty() {
        "question".to_owned()
    } else {
        name
    }
}

/// The column whose header is `wanted` (ignoring case and spaces at either
/// end), or an error listing the headers; `option` names the choice.
fn column_named(
    path: &Path,
    header: &[String],
    wanted: &str,
    option: &str,
) -> Result<usize, IoError> {
    let fold = |s: &str| s.trim().to_lowercase();
    header
        .iter()
        .position(|h| fold(h) == fold(wanted))
        .ok_or_else(|| {
            let headers: Vec<String> = header
                .iter()
                .filter(|h| !h.trim().is_empty())
                .map(|h| format!("\"{}\"", names_one_line(h)))
                .collect();
            IoError::invalid_file(
                path,
                format!(
                    "{option} \"{wanted}\": there is no such column; the columns are {}",
                    headers.join(", ")
                ),
            )
        })
}

/// Text on one line (a header may hold a line break).
fn names_one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each column's role: given ones first, then guesses; `None` where only
/// the answers can tell.
fn assign_roles(
    path: &Path,
    header: &[String],
    survey: &SurveyOptions,
) -> Result<Vec<Option<ColumnRole>>, IoError> {
    let mut roles: Vec<Option<ColumnRole>> = header.iter().map(|h| guess_role(h)).collect();
    let given = [
        (
            ColumnRole::Respondent,
            &survey.respondent_column,
            "--respondent-column",
        ),
        (
            ColumnRole::Organisation,
            &survey.organisation_column,
            "--organisation-column",
        ),
        (ColumnRole::Sector, &survey.sector_column, "--sector-column"),
        (ColumnRole::Role, &survey.role_column, "--role-column"),
    ];
    let mut fixed = HashSet::new();
    for (role, wanted, option) in given {
        let Some(wanted) = wanted else { continue };
        let at = column_named(path, header, wanted, option)?;
        for r in roles.iter_mut().filter(|r| **r == Some(role)) {
            *r = Some(ColumnRole::Attribute);
        }
        if let Some(r) = roles.get_mut(at) {
            *r = Some(role);
        }
        fixed.insert(at);
    }
    if !survey.question_columns.is_empty() {
        for r in roles.iter_mut() {
            if matches!(r, None | Some(ColumnRole::Question)) {
                *r = Some(ColumnRole::Attribute);
            }
        }
        for wanted in &survey.question_columns {
            let at = column_named(path, header, wanted, "--question-column")?;
            if fixed.contains(&at) {
                return Err(IoError::invalid_file(
                    path,
                    format!(
                        "--question-column \"{wanted}\" is also given another role; a column has one role"
                    ),
                ));
            }
            if let Some(r) = roles.get_mut(at) {
                *r = Some(ColumnRole::Question);
            }
        }
    }
    // One column a role for the respondent's own fields: the first.
    for role in [
        ColumnRole::Respondent,
        ColumnRole::Organisation,
        ColumnRole::Sector,
        ColumnRole::Role,
    ] {
        let mut seen = false;
        for r in roles.iter_mut().filter(|r| **r == Some(role)) {
            if seen {
                *r = Some(ColumnRole::Attribute);
            }
            seen = true;
        }
    }
    // Column by column, as the user chose: last, so that it wins.
    for (wanted, role) in &survey.column_roles {
        let at = column_named(path, header, wanted, "--column")?;
        if role.is_single() {
            for r in roles.iter_mut().filter(|r| **r == Some(*role)) {
                *r = Some(ColumnRole::Attribute);
            }
        }
        if let Some(r) = roles.get_mut(at) {
            *r = Some(*role);
        }
    }
    if !roles.contains(&Some(ColumnRole::Respondent)) {
        let headers: Vec<String> = header
            .iter()
            .filter(|h| !h.trim().is_empty())
            .map(|h| format!("\"{}\"", names_one_line(h)))
            .collect();
        return Err(IoError::invalid_file(
            path,
            format!(
                "no column holds the respondents' names (the columns are {}); head it \"Your name\", or say which column it is (--respondent-column NAME)",
                headers.join(", ")
            ),
        ));
    }
    Ok(roles)
}

/// Someone on the map: a respondent, or a person named.
struct Person {
    name: String,
    key: String,
    /// The row of their own response, if they responded.
    responded: Option<usize>,
    organisation: String,
    sector: String,
    role: String,
    attributes: crate::model::Attributes,
    origin: Origin,
}

/// Everyone on the map, by name key.
struct People {
    list: Vec<Person>,
    by_key: HashMap<String, usize>,
    /// Key of a spelling → key of the spelling it is read as
    /// ([`SurveyOptions::same_person`]), and the name shown for it.
    aliases: HashMap<String, String>,
    shown: HashMap<String, String>,
}

impl People {
    fn new(survey: &SurveyOptions) -> Self {
        let mut aliases = HashMap::new();
        let mut shown = HashMap::new();
        for (first, second) in &survey.same_person {
            let (a, b) = (match_key(first), match_key(second));
            if a.is_empty() || b.is_empty() || a == b {
                continue;
            }
            shown
                .entry(a.clone())
                .or_insert_with(|| first.trim().to_owned());
            aliases.insert(b, a);
        }
        Self {
            list: Vec::new(),
            by_key: HashMap::new(),
            aliases,
            shown,
        }
    }

    /// The key `name` is read under (after `same_person`).
    fn key(&self, name: &str) -> String {
        let mut key = match_key(name);
        // Follow a chain of merges, at most as long as there are merges.
        for _ in 0..=self.aliases.len() {
            match self.aliases.get(&key) {
                Some(next) if *next != key => key = next.clone(),
                _ => break,
            }
        }
        key
    }

    /// The person under `key`, added with `name` and `origin` if new.
    fn get_or_add(&mut self, key: String, name: &str, origin: impl FnOnce() -> Origin) -> usize {
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        let i = self.list.len();
        let name = self
            .shown
            .get(&key)
            .cloned()
            .unwrap_or_else(|| name.trim().to_owned());
        self.by_key.insert(key.clone(), i);
        self.list.push(Person {
            name,
            key,
            responded: None,
            organisation: String::new(),
            sector: String::new(),
            role: String::new(),
            attributes: crate::model::Attributes::new(),
            origin: origin(),
        });
        i
    }
}

/// A directed tie as read: respondent, person named, question, origin.
struct Answer {
    from: usize,
    to: usize,
    question: usize,
    origin: Origin,
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn cell(cells: &[String], i: usize) -> &str {
    cells.get(i).map_or("", |s| s.trim())
}

/// Reads survey responses from `tables` (a CSV file's one table, or a
/// workbook's sheets, `workbook` true) into a map; see the module docs.
pub fn read_survey(
    path: &Path,
    tables: &[Table],
    workbook: bool,
    options: &ImportOptions,
    survey: &SurveyOptions,
) -> Result<Survey, IoError> {
    let file = file_name(path);
    let row_word = if workbook { "row" } else { "line" };
    let Some(table) = tables
        .iter()
        .find(|t| t.rows.iter().any(|(_, c)| !blank(c)))
    else {
        return Err(IoError::invalid_file(
            path,
            "there are no responses in this file: every row is blank",
        ));
    };
    let mut notes = Vec::new();
    let others: Vec<String> = tables
        .iter()
        .filter(|t| !std::ptr::eq(*t, table) && t.rows.iter().any(|(_, c)| !blank(c)))
        .map(|t| format!("\"{}\"", t.name))
        .collect();
    if workbook && !others.is_empty() {
        notes.push(format!(
            "{file}: read the responses on sheet \"{}\"; the other sheets ({}) were not read",
            table.name,
            others.join(", ")
        ));
    }
    let mut rows = table.rows.iter().filter(|(_, c)| !blank(c));
    let Some((header_line, header)) = rows.next() else {
        return Err(IoError::invalid_file(path, "there are no rows"));
    };
    let data: Vec<&(usize, Vec<String>)> = rows.collect();
    // What the columns are, for the import preview, recorded at each step
    // so that a read that fails still shows them.
    let record = |roles: &[Option<ColumnRole>], near: &[NearDuplicate]| {
        if let Some(sink) = &options.record_fields {
            sink.record_survey(SurveyColumns {
                columns: header
                    .iter()
                    .zip(roles)
                    .map(|(h, r)| (names_one_line(h), r.unwrap_or(ColumnRole::Attribute)))
                    .collect(),
                near_duplicates: near.to_vec(),
            });
        }
    };
    let guessed: Vec<Option<ColumnRole>> = header.iter().map(|h| guess_role(h)).collect();
    record(&guessed, &[]);
    let roles = assign_roles(path, header, survey)?;
    record(&roles, &[]);
    // The respondent's own columns, found once (not once a row: a header
    // may have many thousands of columns).
    let role_at = |role| roles.iter().position(|r| *r == Some(role));
    let respondent = role_at(ColumnRole::Respondent).unwrap_or(0);
    let own_columns: Vec<(&str, ColumnRole, usize)> = [
        ("organisation", ColumnRole::Organisation),
        ("sector", ColumnRole::Sector),
        ("role", ColumnRole::Role),
    ]
    .into_iter()
    .filter_map(|(field, role)| role_at(role).map(|i| (field, role, i)))
    .collect();
    let header_text = |i: usize| header.get(i).map_or(String::new(), |h| names_one_line(h));
    let path_arc: Arc<Path> = Arc::from(path);
    let sheet: Option<Arc<str>> = workbook.then(|| Arc::from(table.name.as_str()));
    let origin = |line: usize, fields: Vec<(&str, usize)>| {
        let fields = fields
            .into_iter()
            .map(|(f, i)| (f.to_owned(), header_text(i)))
            .collect();
        let o = Origin::row(path_arc.clone(), line, Arc::new(fields));
        match &sheet {
            Some(s) => o.on_sheet(s.clone()),
            None => o,
        }
    };
    let own_fields = || {
        let mut f = vec![("label", respondent)];
        f.extend(own_columns.iter().map(|&(field, _, i)| (field, i)));
        f
    };

    // Pass 1: the respondents, so that their own spelling names them.
    let mut people = People::new(survey);
    let mut responses: Vec<(usize, usize, &Vec<String>)> = Vec::new();
    let mut nameless = Vec::new();
    let mut twice = Vec::new();
    for (line, cells) in data.iter().map(|r| (r.0, &r.1)) {
        let name = cell(cells, respondent);
        let here = || origin(line, own_fields());
        if name.is_empty() {
            nameless.push(line);
            continue;
        }
        if name.contains([';', '\n', '\r']) {
            return Err(here().error(
                Some("label"),
                format!(
                    "\"{}\" looks like several names; this column holds one name a row, the respondent's",
                    names_one_line(name)
                ),
            ));
        }
        let key = people.key(name);
        if key.is_empty() {
            return Err(here().error(
                Some("label"),
                format!("\"{name}\" is not a name: it has no letters or digits"),
            ));
        }
        let i = people.get_or_add(key, name, here);
        let Some(p) = people.list.get_mut(i) else {
            continue;
        };
        match p.responded {
            Some(first) => twice.push(format!("\"{}\" ({row_word}s {first} and {line})", p.name)),
            None => {
                p.responded = Some(line);
                p.origin = here();
            }
        }
        for &(_, role, at) in &own_columns {
            let field = match role {
                ColumnRole::Organisation => &mut p.organisation,
                ColumnRole::Sector => &mut p.sector,
                _ => &mut p.role,
            };
            if field.is_empty() {
                *field = cell(cells, at).to_owned();
            }
        }
        responses.push((line, i, cells));
    }
    if responses.is_empty() {
        return Err(IoError::invalid_file(
            path,
            format!(
                "no row gives a respondent's name in column \"{}\"; if the names are in another column, say which (--respondent-column NAME)",
                header_text(respondent)
            ),
        ));
    }

    // Columns only the answers can tell: a question if some answer names a
    // respondent.
    // Each row's own cells are looked at, not every column of every row:
    // the work follows the cells the file holds.
    let respondents: HashSet<&str> = people.list.iter().map(|p| p.key.as_str()).collect();
    let mut decided: Vec<ColumnRole> = roles
        .iter()
        .map(|r| r.unwrap_or(ColumnRole::Attribute))
        .collect();
    for (_, _, cells) in &responses {
        for (i, text) in cells.iter().enumerate() {
            if roles.get(i) == Some(&None)
                && decided.get(i) == Some(&ColumnRole::Attribute)
                && split_answer(text.trim())
                    .iter()
                    .any(|n| respondents.contains(people.key(&n.name).as_str()))
                && let Some(d) = decided.get_mut(i)
            {
                *d = ColumnRole::Question;
            }
        }
    }
    let asked = decided
        .iter()
        .filter(|r| **r == ColumnRole::Question)
        .count();
    if asked > MAX_QUESTIONS {
        return Err(IoError::invalid_file(
            path,
            format!(
                "{asked} columns read as questions about people, more than the {MAX_QUESTIONS} Bridgework reads (each is a kind of tie); check that this is a survey export, or say which columns are questions (--question-column NAME, once a question)"
            ),
        ));
    }
    let decided_roles: Vec<Option<ColumnRole>> = decided.iter().copied().map(Some).collect();
    record(&decided_roles, &[]);
    let mut questions: Vec<(usize, String, String)> = Vec::new();
    let mut taken = Unique::default();
    for (i, role) in decided.iter().enumerate() {
        if *role != ColumnRole::Question {
            continue;
        }
        let kind = taken.name(kind_name(&header_text(i)), |base, n| {
            format!("{base} ({n})")
        });
        questions.push((i, header_text(i), kind));
    }
    if questions.is_empty() {
        return Err(IoError::invalid_file(
            path,
            "no column holds names of people: head each question with it (\"Who do you go to for advice?\"), or say which columns they are (--question-column NAME, once a question)",
        ));
    }
    for (_, i, cells) in &responses {
        if let Some(p) = people.list.get_mut(*i) {
            for (a, value) in cells.iter().enumerate() {
                let value = value.trim();
                if !value.is_empty() && decided.get(a) == Some(&ColumnRole::Attribute) {
                    p.attributes.insert_if_absent(header_text(a), value);
                }
            }
        }
    }

    // Pass 2: the answers.
    let mut answers = Vec::new();
    let mut seen = HashSet::new();
    let (mut repeats, mut themselves) = (0usize, 0usize);
    for &(line, from, cells) in &responses {
        // Questions are in column order: those past the row's last cell
        // have no answer in it.
        let asked = questions
            .iter()
            .take_while(|(col, _, _)| *col < cells.len());
        for (q, (col, _, _)) in asked.enumerate() {
            for Named { name, organisation } in split_answer(cell(cells, *col)) {
                let key = people.key(&name);
                let named_here = || origin(line, vec![("label", *col), ("target", *col)]);
                let to = people.get_or_add(key, &name, named_here);
                if to == from {
                    themselves += 1;
                    continue;
                }
                if let (Some(p), Some(org)) = (people.list.get_mut(to), organisation)
                    && p.responded.is_none()
                    && p.organisation.is_empty()
                {
                    p.organisation = org;
                }
                if !seen.insert((from, to, q)) {
                    repeats += 1;
                    continue;
                }
                answers.push(Answer {
                    from,
                    to,
                    question: q,
                    origin: named_here(),
                });
            }
        }
    }

    // Sectors: with a sector column, everyone without one gets the default.
    let not_surveyed = people.list.iter().filter(|p| p.responded.is_none()).count();
    if role_at(ColumnRole::Sector).is_some() {
        let fill = options
            .default_sector
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(UNASSIGNED)
            .to_owned();
        let lacking = people
            .list
            .iter_mut()
            .filter(|p| p.sector.is_empty())
            .map(|p| p.sector = fill.clone())
            .count();
        if lacking > 0 {
            notes.push(format!(
                "{file}: {} no sector (people named but not surveyed, or a blank sector cell), so {} in \"{fill}\"; assign sectors in the Actors table",
                plural(lacking, "person has", "people have"),
                if lacking == 1 { "is" } else { "are" }
            ));
        }
    }

    // Near-duplicates, for the user to merge or keep apart.
    let shown: Vec<String> = people.list.iter().map(|p| p.name.clone()).collect();
    let near: Vec<NearDuplicate> = names::near_duplicates(&shown)
        .into_iter()
        .filter_map(|(i, j, why)| {
            Some(NearDuplicate {
                first: shown.get(i)?.clone(),
                second: shown.get(j)?.clone(),
                reason: why.describe(),
            })
        })
        .collect();

    record(&decided_roles, &near);

    // The map.
    let mut builder = MapBuilder::new(options);
    builder.network_mut().title = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut kinds = Network::with_lists(Vec::new(), Vec::new());
    for (_, question, kind) in &questions {
        kinds.ensure_tie_kind(kind, true);
        builder
            .network_mut()
            .metadata
            .insert(format!("question: {kind}"), question.clone());
    }
    builder
        .network_mut()
        .metadata
        .insert("source".to_owned(), format!("survey responses ({file})"));
    builder.set_tie_kinds(kinds.tie_kinds, origin(*header_line, Vec::new()));
    let ids = actor_ids(&people.list);
    for (p, id) in people.list.iter().zip(&ids) {
        let mut actor = Actor::new(id.as_str(), p.name.as_str(), p.sector.as_str());
        actor.organisation = p.organisation.clone();
        actor.role = p.role.clone();
        actor.attributes = p.attributes.clone();
        actor.attributes.insert(
            "surveyed".to_owned(),
            if p.responded.is_some() {
                "true"
            } else {
                "false"
            }
            .to_owned(),
        );
        builder.add_actor(actor, p.origin.clone())?;
    }
    for a in answers {
        let (Some(from), Some(to), Some((_, _, kind))) =
            (ids.get(a.from), ids.get(a.to), questions.get(a.question))
        else {
            continue;
        };
        builder.add_tie(
            None,
            Tie::new("", from.as_str(), to.as_str(), kind.as_str(), true),
            a.origin,
        )?;
    }

    // What the user is told, most useful first.
    let mut warnings = vec![summary(
        &file,
        responses.len(),
        &header_text(respondent),
        &questions,
        header,
        &decided,
    )];
    if not_surveyed > 0 {
        warnings.push(format!(
            "{file}: {} named but did not respond; {} marked surveyed = false",
            plural(not_surveyed, "person was", "people were"),
            if not_surveyed == 1 {
                "they are"
            } else {
                "each is"
            }
        ));
    }
    if !nameless.is_empty() {
        let rows: Vec<String> = nameless.iter().map(usize::to_string).collect();
        warnings.push(format!(
            "{file}: {} no name in column \"{}\", so {} left out ({row_word} {})",
            plural(nameless.len(), "response has", "responses have"),
            header_text(respondent),
            if nameless.len() == 1 {
                "it was"
            } else {
                "they were"
            },
            crate::io::builder::listed(&rows, ", ")
        ));
    }
    if !twice.is_empty() {
        warnings.push(format!(
            "{file}: {} responded more than once, and the answers of every response were kept: {}",
            plural(twice.len(), "person", "people"),
            crate::io::builder::listed(&twice, ", ")
        ));
    }
    if themselves > 0 {
        warnings.push(format!(
            "{file}: {} named themselves; left out",
            plural(themselves, "respondent", "respondents")
        ));
    }
    if repeats > 0 {
        warnings.push(format!(
            "{file}: {} the same person twice for one question; each is one tie",
            plural(repeats, "answer named", "answers named")
        ));
    }
    warnings.append(&mut notes);
    for d in near.iter().take(MAX_PAIR_WARNINGS) {
        warnings.push(format!(
            "may be one person: \"{}\" and \"{}\" ({}); merge them (--same-person \"{}={}\") or keep them apart",
            d.first, d.second, d.reason, d.first, d.second
        ));
    }
    if near.len() > MAX_PAIR_WARNINGS {
        warnings.push(format!(
            "and {} more pairs of names that may be one person",
            near.len() - MAX_PAIR_WARNINGS
        ));
    }
    for w in warnings {
        builder.warn(w);
    }
    let loaded = builder.finish()?;
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                names_one_line(h),
                decided.get(i).copied().unwrap_or(ColumnRole::LeftOut),
            )
        })
        .collect();
    Ok(Survey {
        loaded,
        columns,
        near_duplicates: near,
    })
}

/// "read 12 responses: names from "Your name"; questions "…" (tie kind "advice"); …".
fn summary(
    file: &str,
    responses: usize,
    respondent: &str,
    questions: &[(usize, String, String)],
    header: &[String],
    roles: &[ColumnRole],
) -> String {
    let asked: Vec<String> = questions
        .iter()
        .map(|(_, q, kind)| format!("\"{q}\" (tie kind \"{kind}\")"))
        .collect();
    let mut s = format!(
        "{file}: read {}: names from \"{respondent}\"; {} {}",
        plural(responses, "response", "responses"),
        if questions.len() == 1 {
            "question"
        } else {
            "questions"
        },
        asked.join(", ")
    );
    for (role, label) in [
        (ColumnRole::Organisation, "organisation"),
        (ColumnRole::Sector, "sector"),
        (ColumnRole::Role, "role"),
        (ColumnRole::Attribute, "kept as attributes"),
        (ColumnRole::LeftOut, "left out"),
    ] {
        let cols: Vec<String> = header
            .iter()
            .zip(roles)
            .filter(|(h, r)| **r == role && !h.trim().is_empty())
            .map(|(h, _)| format!("\"{}\"", names_one_line(h)))
            .collect();
        if !cols.is_empty() {
            s.push_str(&format!("; {label}: {}", cols.join(", ")));
        }
    }
    s
}

/// An id for each person from their name ("Dr Amara Okafor" →
/// `dr-amara-okafor`), unique (a number added where two would meet).
fn actor_ids(people: &[Person]) -> Vec<String> {
    let mut used = Unique::default();
    people
        .iter()
        .map(|p| {
            let words = names::words(&p.name);
            let base = if words.is_empty() {
                p.key.clone()
            } else {
                words.join("-")
            };
            used.name(base, |base, n| format!("{base}-{n}"))
        })
        .collect()
}

/// Names kept unique by a number: the first `base` as it is, later ones
/// `numbered(base, 2)`, `numbered(base, 3)`, … skipping names already
/// given. Each base remembers its next number, so many repeats of one
/// base cost one step each, not a walk past every earlier one.
#[derive(Default)]
struct Unique {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Unique {
    fn name(&mut self, base: String, numbered: impl Fn(&str, usize) -> String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = numbered(&base, *n);
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}
