//! `MapBuilder`: the one "rows → map" policy that every reader feeds.
//!
//! A reader parses its own syntax (CSV rows, GraphML elements, GEXF, Kumu,
//! spreadsheet rows, ...) and hands each actor and tie to the builder with
//! the [`Origin`] it came from (file, line or row, and the column each
//! field was in). [`MapBuilder::finish`] then makes the map:
//!
//! * **Duplicate actor ids** are an error naming both lines, unless
//!   [`ImportOptions::merge_duplicates`]: then a later actor only fills the
//!   fields the earlier ones left blank (first wins; the values dropped
//!   are counted in a warning).
//! * **Sectors**: an actor with no sector gets
//!   [`ImportOptions::default_sector`] when one is given (announced with a
//!   count). When **no actor at all** has a sector (most files from other
//!   tools), every actor goes to the sector [`UNASSIGNED`], with a message
//!   saying how to assign sectors. When only some lack one, that is an
//!   error at the first such actor's sector field.
//! * **Names**: an actor whose label was not given is named by its id.
//! * **Tie ids**: ties without an id get a fresh `t1`, `t2`, ... that no
//!   tie in the file uses; a repeated tie id is an error, or with
//!   `merge_duplicates` gets a fresh id (announced).
//! * **Tie kinds**: a tie with no kind is [`DEFAULT_KIND`]; kinds and
//!   sectors join the map's lists in order of first use (text that is not
//!   in a stored list is trimmed).
//! * **Missing ends**: a tie to an actor that is not in the file is an
//!   error naming the tie's line, unless the reader asked for actors to be
//!   made from the ties' ends ([`MapBuilder::make_actors_from_tie_ends`]).
//! * The result is validated; a broken rule is reported at the line of the
//!   actor or tie it is about.
//!
//! Messages that list ids list at most [`MAX_LISTED`] and say how many more.
//!
//! Depends on `model` only.

use super::error::{IoError, Location};
use super::fields;
use super::mapping::{self, Assignment, FieldRole, FieldSink};
use super::{ImportOptions, Loaded};
use crate::model::{
    Actor, ListIndex, MAX_ACTORS, MAX_TIES, Network, Sector, Tie, TieKind, default_tie_kinds,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many names, ids or lines one message lists before "and N more".
pub const MAX_LISTED: usize = 5;

/// The tie kind of a tie whose file names none.
pub const DEFAULT_KIND: &str = "collaboration";

/// The sector every actor is put in when the file gives no actor a sector.
pub const UNASSIGNED: &str = "unassigned";

/// Where an actor or tie came from: the file, the line (or row) and, for
/// table-like formats, the header text of each field's column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub path: Arc<Path>,
    /// 1-based line (or row, for spreadsheets).
    pub line: usize,
    /// 1-based column in the text (XML), if known.
    pub column: Option<usize>,
    /// For tables: the header as written of each field's column, as pairs
    /// (canonical field name, header text). With it, a problem with one
    /// field is reported at that cell.
    pub header: Option<Arc<Vec<(String, String)>>>,
    /// For spreadsheets: the sheet the row is on, named in messages.
    pub sheet: Option<Arc<str>>,
}

impl Origin {
    /// A place in a text file: line and, if known, column.
    pub fn text(path: Arc<Path>, line: usize, column: Option<usize>) -> Self {
        Self {
            path,
            line,
            column,
            header: None,
            sheet: None,
        }
    }

    /// A row of a table whose columns are named by `header`.
    pub fn row(path: Arc<Path>, line: usize, header: Arc<Vec<(String, String)>>) -> Self {
        Self {
            path,
            line,
            column: None,
            header: Some(header),
            sheet: None,
        }
    }

    /// This origin on sheet `sheet` (spreadsheets).
    pub fn on_sheet(mut self, sheet: Arc<str>) -> Self {
        self.sheet = Some(sheet);
        self
    }

    /// Where `field` of the thing from here is: its cell when the origin
    /// is a table row with that column, else the line.
    pub fn location(&self, field: Option<&str>) -> Location {
        let line = self.line;
        let cell = field.and_then(|f| {
            self.header
                .as_ref()?
                .iter()
                .find(|(canonical, _)| canonical == f)
                .map(|(_, written)| written.clone())
        });
        match (cell, &self.sheet) {
            (column, Some(sheet)) => Location::Sheet {
                sheet: sheet.to_string(),
                row: line,
                column,
            },
            (Some(column), None) => Location::Cell { line, column },
            (None, None) => Location::Line {
                line,
                column: self.column,
            },
        }
    }

    /// An error about `field` (or the whole thing) from here.
    pub fn error(&self, field: Option<&str>, message: impl Into<String>) -> IoError {
        IoError::invalid(&self.path, self.location(field), one_line(&message.into()))
    }
}

/// `text` with control characters escaped, so a message stays on one line.
pub fn one_line(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `3 actors` / `1 actor`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The file name of `path`, for messages.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `a, b, c and 4 more` from the first [`MAX_LISTED`] of `items`.
pub(crate) fn listed(items: &[String], separator: &str) -> String {
    let mut s = items
        .iter()
        .take(MAX_LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(separator);
    if items.len() > MAX_LISTED {
        let more = items.len() - MAX_LISTED;
        if separator == "; " {
            s.push_str(&format!("; and {more} more"));
        } else {
            s.push_str(&format!(" and {more} more"));
        }
    }
    s
}

/// An actor as added, before the map is made.
struct PendingActor {
    actor: Actor,
    /// The built-in fields the file gave a value for.
    provided: BTreeSet<&'static str>,
    origin: Origin,
    /// Made from a tie's end, not listed in the file.
    made: bool,
}

/// A tie as added, before fresh ids are handed out.
struct PendingTie {
    /// The id the file gave, if any and not already used.
    id: Option<String>,
    /// The id the file gave when it was already used (merge mode).
    reused: Option<String>,
    tie: Tie,
    origin: Origin,
}

/// Builds a map from actors and ties a reader found; see the module docs.
pub struct MapBuilder {
    merge_duplicates: bool,
    default_sector: Option<String>,
    network: Network,
    actors: Vec<PendingActor>,
    actor_index: HashMap<String, usize>,
    merged_rows: usize,
    merged_ids: Vec<String>,
    merged_file: Option<PathBuf>,
    dropped_values: usize,
    ties: Vec<PendingTie>,
    tie_ids: HashMap<String, usize>,
    made_from_ends: Option<String>,
    warnings: Vec<String>,
    sectors_origin: Option<Origin>,
    tie_kinds_origin: Option<Origin>,
    /// What the file calls actors and ties ("node", "edge"), for messages.
    nouns: (&'static str, &'static str),
    /// The mapping step's choices (see [`mapping`]).
    mapping: Assignment,
    /// Where the fields seen are recorded, when asked.
    sink: Option<FieldSink>,
    /// The names the reader gives the built-in fields it fills from a
    /// field of another name (Kumu's `Type` → sector): actors', ties'.
    sources: [BTreeMap<&'static str, String>; 2],
    /// Actors whose chosen kind field was not an actor kind.
    kind_misses: mapping::KindMisses,
    /// Why actors without a sector get the default sector, for messages.
    fill_reason: String,
    /// [`MAX_ACTORS`] and [`MAX_TIES`] (smaller in tests): a file is
    /// refused at the row that passes them, before it fills memory.
    limits: (usize, usize),
}

impl MapBuilder {
    /// A builder with `options`' repairs (merge duplicates, default
    /// sector), the default tie kinds and no sectors.
    pub fn new(options: &ImportOptions) -> Self {
        let given = options
            .default_sector
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        // A sector field chosen in the mapping step puts actors with a
        // blank one in "unassigned" rather than failing the file.
        let chosen_sector = options
            .mapping
            .choices
            .get(&FieldRole::Sector)
            .cloned()
            .flatten();
        let fill_reason = match (&given, &chosen_sector) {
            (None, Some(field)) => format!("their {field} is blank"),
            _ => "--default-sector".to_owned(),
        };
        let default_sector = given.or(chosen_sector.map(|_| UNASSIGNED.to_owned()));
        Self {
            merge_duplicates: options.merge_duplicates,
            default_sector,
            network: Network::with_lists(Vec::new(), default_tie_kinds()),
            actors: Vec::new(),
            actor_index: HashMap::new(),
            merged_rows: 0,
            merged_ids: Vec::new(),
            merged_file: None,
            dropped_values: 0,
            ties: Vec::new(),
            tie_ids: HashMap::new(),
            made_from_ends: None,
            warnings: Vec::new(),
            sectors_origin: None,
            tie_kinds_origin: None,
            nouns: ("actor", "tie"),
            mapping: options.mapping.clone(),
            sink: options.record_fields.clone(),
            sources: Default::default(),
            kind_misses: Default::default(),
            fill_reason,
            limits: (MAX_ACTORS, MAX_TIES),
        }
    }

    /// The same builder with other limits than [`MAX_ACTORS`] and
    /// [`MAX_TIES`].
    #[cfg(test)]
    fn with_limits(mut self, actors: usize, ties: usize) -> Self {
        self.limits = (actors, ties);
        self
    }

    /// The error for one actor (`ties == false`) or tie more than the
    /// limit, at `origin`.
    fn too_many(&self, ties: bool, origin: &Origin) -> IoError {
        let (limit, noun) = if ties {
            (self.limits.1, self.nouns.1)
        } else {
            (self.limits.0, self.nouns.0)
        };
        origin.error(
            None,
            format!(
                "the file holds more than {limit} {noun}s, more than Bridgework opens (a map that size would take gigabytes of memory); split it, or keep the {noun}s the map needs"
            ),
        )
    }

    /// Says that the reader fills built-in `column` of actors (`ties ==
    /// false`) or ties from the file's field `name` (Kumu's `Type` →
    /// sector), so the mapping step names it so. A table's header names
    /// its columns already.
    pub fn field_source(&mut self, ties: bool, column: &'static str, name: impl Into<String>) {
        self.sources[usize::from(ties)].insert(column, name.into());
    }

    /// As [`MapBuilder::field_source`], unless a name is already given.
    pub fn field_source_once(&mut self, ties: bool, column: &'static str, name: String) {
        self.sources[usize::from(ties)]
            .entry(column)
            .or_insert(name);
    }

    /// The names of the built-in fields of the actor or tie from `origin`
    /// in the file: the reader's [`MapBuilder::field_source`], else the
    /// header of its column, else the built-in name.
    fn source_names(&self, ties: bool, origin: &Origin) -> BTreeMap<&'static str, String> {
        let columns: &[&'static str] = if ties {
            mapping::TIE_SOURCES
        } else {
            mapping::ACTOR_SOURCES
        };
        let sources = &self.sources[usize::from(ties)];
        columns
            .iter()
            .map(|&c| {
                let name = sources.get(c).cloned().or_else(|| {
                    origin
                        .header
                        .as_ref()?
                        .iter()
                        .find(|(canonical, _)| canonical == c)
                        .map(|(_, written)| written.clone())
                });
                (c, name.unwrap_or_else(|| c.to_owned()))
            })
            .collect()
    }

    /// What the format calls actors and ties in messages (GraphML:
    /// "node", "edge"); "actor" and "tie" by default.
    pub fn call_them(&mut self, actor: &'static str, tie: &'static str) {
        self.nouns = (actor, tie);
    }

    /// The map being built, for its title, description and metadata.
    pub fn network_mut(&mut self) -> &mut Network {
        &mut self.network
    }

    /// The default sector in force, if any (trimmed, non-empty).
    pub fn default_sector(&self) -> Option<&str> {
        self.default_sector.as_deref()
    }

    /// Uses a sector list the file stores (first-use order otherwise);
    /// `origin` is where, for messages about it.
    pub fn set_sectors(&mut self, sectors: Vec<Sector>, origin: Origin) {
        self.network.sectors = sectors;
        self.sectors_origin = Some(origin);
    }

    /// Uses a tie-kind list the file stores instead of the defaults.
    pub fn set_tie_kinds(&mut self, kinds: Vec<TieKind>, origin: Origin) {
        self.network.tie_kinds = kinds;
        self.tie_kinds_origin = Some(origin);
    }

    /// Ties whose ends are not actors of the file make those actors
    /// (labelled with their id, no sector) instead of being errors;
    /// `reason` starts the warning ("no actors file").
    pub fn make_actors_from_tie_ends(&mut self, reason: impl Into<String>) {
        self.made_from_ends = Some(reason.into());
    }

    /// Adds an announcement for the user, in order.
    pub fn warn(&mut self, warning: impl Into<String>) {
        self.warnings.push(warning.into());
    }

    /// How many actors have been added (merged duplicates count once).
    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// Whether an actor with this id has been added.
    pub fn has_actor(&self, id: &str) -> bool {
        self.actor_index.contains_key(id)
    }

    /// Adds an actor; the fields it gives are those that differ from a
    /// new actor's (a non-blank label, a non-blank sector, ...).
    pub fn add_actor(&mut self, actor: Actor, origin: Origin) -> Result<(), IoError> {
        let provided = provided_fields(&actor);
        self.add_actor_with(actor, provided, origin)
    }

    /// Adds an actor that the file gave the built-in fields `provided`
    /// for (canonical names, as in [`fields::ACTOR_COLUMNS`]). A sector is
    /// kept as written; it is trimmed at the end unless a stored sector
    /// list names it as written.
    pub fn add_actor_with(
        &mut self,
        mut actor: Actor,
        mut provided: BTreeSet<&'static str>,
        origin: Origin,
    ) -> Result<(), IoError> {
        let id = actor.id().as_str().to_owned();
        if id.is_empty() {
            return Err(origin.error(
                Some("id"),
                "empty; every actor needs an id, a short name unique in the file that the ties use",
            ));
        }
        settle_provided(&actor, &mut provided);
        let mapped = self.mapping.touches(false);
        if self.sink.is_some() || mapped {
            let names = self.source_names(false, &origin);
            let entries = mapping::actor_entries(&actor, &provided, &names);
            if let Some(sink) = &self.sink {
                sink.record(false, &entries);
            }
            if mapped {
                mapping::apply_actor(
                    &mut actor,
                    &mut provided,
                    &entries,
                    &self.mapping,
                    &names,
                    &origin,
                    &mut self.kind_misses,
                )?;
                settle_provided(&actor, &mut provided);
            }
        }
        let Some(&k) = self.actor_index.get(&id) else {
            if self.actors.len() >= self.limits.0 {
                return Err(self.too_many(false, &origin));
            }
            self.actor_index.insert(id, self.actors.len());
            self.actors.push(PendingActor {
                actor,
                provided,
                origin,
                made: false,
            });
            return Ok(());
        };
        let Some(first) = self.actors.get_mut(k) else {
            return Ok(());
        };
        if !self.merge_duplicates {
            return Err(origin.error(
                Some("id"),
                format!(
                    "duplicate id \"{id}\" (first on line {}); ids must be unique, or pass --merge-duplicates",
                    first.origin.line
                ),
            ));
        }
        self.dropped_values += merge_actor(first, actor, &provided);
        self.merged_rows += 1;
        if self.merged_file.is_none() {
            self.merged_file = Some(origin.path.to_path_buf());
        }
        if !self.merged_ids.contains(&id) {
            self.merged_ids.push(id);
        }
        Ok(())
    }

    /// Adds a tie between the actors its `from` and `to` name (its own id
    /// is ignored): `id` is the id the file gave, if any. A blank kind is
    /// [`DEFAULT_KIND`].
    pub fn add_tie(
        &mut self,
        id: Option<String>,
        mut tie: Tie,
        origin: Origin,
    ) -> Result<(), IoError> {
        let mapped = self.mapping.touches(true);
        if self.sink.is_some() || mapped {
            let names = self.source_names(true, &origin);
            let entries = mapping::tie_entries(&tie, &names);
            if let Some(sink) = &self.sink {
                sink.record(true, &entries);
            }
            if mapped {
                mapping::apply_tie(&mut tie, &entries, &self.mapping, &names, &origin)?;
            }
        }
        let id = id.filter(|i| !i.is_empty());
        let (id, reused) = match id {
            None => (None, None),
            Some(id) => match self.tie_ids.get(&id) {
                None => {
                    self.tie_ids.insert(id.clone(), origin.line);
                    (Some(id), None)
                }
                Some(_) if self.merge_duplicates => (None, Some(id)),
                Some(&first) => {
                    return Err(origin.error(
                        Some("id"),
                        format!(
                            "duplicate {} id \"{id}\" (first on line {first}); ids must be unique (a blank id gets a fresh one), or pass --merge-duplicates",
                            self.nouns.1
                        ),
                    ));
                }
            },
        };
        if self.ties.len() >= self.limits.1 {
            return Err(self.too_many(true, &origin));
        }
        self.ties.push(PendingTie {
            id,
            reused,
            tie,
            origin,
        });
        Ok(())
    }

    /// Makes the map; see the module docs for the rules.
    pub fn finish(mut self) -> Result<Loaded, IoError> {
        let mut warnings = Vec::new();
        self.check_sectors()?;
        self.make_missing_ends()?;
        self.settle_sectors(&mut warnings);

        // Actors, in file order; sectors in order of first use.
        self.network.reserve(self.actors.len(), self.ties.len());
        let mut actor_origins = Vec::with_capacity(self.actors.len());
        let mut lists = ListIndex::default();
        for p in std::mem::take(&mut self.actors) {
            let PendingActor {
                mut actor,
                provided,
                origin,
                ..
            } = p;
            if !provided.contains("label") {
                actor.name = actor.id().as_str().to_owned();
            }
            if !lists.has_sector(&self.network, &actor.sector) {
                actor.sector = actor.sector.trim().to_owned();
                self.network.ensure_sector_in(&mut lists, &actor.sector);
            }
            self.network
                .add_actor(actor)
                .map_err(|e| origin.error(None, e.to_string()))?;
            actor_origins.push(origin);
        }

        // Ties: fresh ids clear of every id the file gives.
        let mut next = 1usize;
        let taken = std::mem::take(&mut self.tie_ids);
        let mut fresh = || loop {
            let candidate = format!("t{next}");
            next += 1;
            if !taken.contains_key(&candidate) {
                return candidate;
            }
        };
        let mut renamed = Vec::new();
        let mut renamed_file = None;
        let mut tie_origins = Vec::with_capacity(self.ties.len());
        // The ties as read are given back as they join the map, so the two
        // are not both held whole (a file of short rows makes the map many
        // times its size).
        let mut pending = std::mem::take(&mut self.ties);
        pending.reverse();
        while let Some(p) = pending.pop() {
            if pending.capacity() > 1024 && pending.len() < pending.capacity() / 4 * 3 {
                pending.shrink_to_fit();
            }
            let id = match p.id {
                Some(id) => id,
                None => fresh(),
            };
            if let Some(old) = &p.reused {
                renamed.push(format!("line {}: \"{old}\" is now \"{id}\"", p.origin.line));
                renamed_file.get_or_insert_with(|| p.origin.path.to_path_buf());
            }
            let mut tie = p.tie.with_id(id);
            if tie.kind.trim().is_empty() {
                tie.kind = DEFAULT_KIND.to_owned();
            } else if !lists.has_tie_kind(&self.network, &tie.kind) {
                tie.kind = tie.kind.trim().to_owned();
            }
            self.network
                .ensure_tie_kind_in(&mut lists, &tie.kind, tie.directed);
            self.network
                .add_tie(tie)
                .map_err(|e| p.origin.error(None, e.to_string()))?;
            tie_origins.push(p.origin);
        }

        if self.merged_rows > 0 {
            let ids: Vec<String> = self.merged_ids.iter().map(|i| format!("\"{i}\"")).collect();
            let file = self
                .merged_file
                .as_deref()
                .map(file_name)
                .unwrap_or_default();
            let mut w = format!(
                "{file}: merged {} into the first with the same id ({}); a later one only fills fields the earlier ones left blank",
                plural(
                    self.merged_rows,
                    &format!("duplicate {}", self.nouns.0),
                    &format!("duplicate {}s", self.nouns.0)
                ),
                listed(&ids, ", "),
            );
            if self.dropped_values > 0 {
                w.push_str(&format!(
                    ", so {} that differed from the first's were dropped",
                    plural(self.dropped_values, "value", "values")
                ));
            }
            warnings.insert(0, w);
        }
        if !renamed.is_empty() {
            let tie = self.nouns.1;
            let file = renamed_file.as_deref().map(file_name).unwrap_or_default();
            warnings.push(format!(
                "{file}: {} reused an earlier {tie}'s id and got a fresh one ({})",
                plural(renamed.len(), tie, &format!("{tie}s")),
                listed(&renamed, "; "),
            ));
        }
        if self.kind_misses.count > 0 {
            let m = &self.kind_misses;
            warnings.push(format!(
                "{}: {} had a {} that is not an actor kind (person, organisation, team, patient voice or other), so stayed a person; the value is kept under \"{}\"",
                m.file,
                plural(m.count, self.nouns.0, &format!("{}s", self.nouns.0)),
                m.field,
                m.field
            ));
        }
        warnings.append(&mut self.warnings);

        if let Some(issue) = self.network.validate().into_iter().next() {
            return Err(self.issue_error(&issue, &actor_origins, &tie_origins));
        }
        Ok(Loaded {
            network: self.network,
            warnings,
        })
    }

    /// Ties' ends that are not actors: made into actors when asked,
    /// otherwise the first is an error.
    fn make_missing_ends(&mut self) -> Result<(), IoError> {
        let actors_file = self
            .actors
            .iter()
            .find(|a| !a.made)
            .map(|a| file_name(&a.origin.path));
        for t in &self.ties {
            for (end, field) in [(t.tie.from(), "source"), (t.tie.to(), "target")] {
                let end = end.as_str();
                if self.actor_index.contains_key(end) {
                    continue;
                }
                if end.trim().is_empty() {
                    return Err(t.origin.error(
                        Some(field),
                        format!("empty; every tie needs a {field}: the id of an actor"),
                    ));
                }
                if self.made_from_ends.is_none() {
                    let hint = if end.trim() != end && self.actor_index.contains_key(end.trim()) {
                        format!(" (but there is \"{}\": remove the spaces)", end.trim())
                    } else {
                        String::new()
                    };
                    let within = actors_file
                        .as_ref()
                        .map(|f| format!(" in {f}"))
                        .unwrap_or_default();
                    let (actor, tie) = self.nouns;
                    return Err(t.origin.error(
                        Some(field),
                        format!(
                            "no {actor} with id \"{end}\"{within}{hint}; add it there or remove this {tie}"
                        ),
                    ));
                }
                if self.actors.len() >= self.limits.0 {
                    return Err(self.too_many(false, &t.origin));
                }
                self.actor_index.insert(end.to_owned(), self.actors.len());
                self.actors.push(PendingActor {
                    actor: Actor::new(end, end, ""),
                    provided: ["label"].into_iter().collect(),
                    origin: t.origin.clone(),
                    made: true,
                });
            }
        }
        Ok(())
    }

    /// Without a default sector, fails at the first actor of the file
    /// that lacks a sector when others have one.
    fn check_sectors(&self) -> Result<(), IoError> {
        if self.default_sector.is_some()
            || self.actors.iter().all(|a| !a.provided.contains("sector"))
        {
            return Ok(());
        }
        match self.actors.iter().find(|a| !a.provided.contains("sector")) {
            None => Ok(()),
            Some(first) => Err(first.origin.error(
                Some("sector"),
                format!(
                    "{} \"{}\" has no sector, though others have one; give it a sector, or pass --default-sector NAME",
                    self.nouns.0,
                    first.actor.id()
                ),
            )),
        }
    }

    /// Gives every actor without a sector the default sector, or
    /// [`UNASSIGNED`] (when no actor of the file has one, or for actors
    /// made from ties' ends), and says so.
    fn settle_sectors(&mut self, warnings: &mut Vec<String>) {
        let lacking = self
            .actors
            .iter()
            .filter(|a| !a.provided.contains("sector"))
            .count();
        if lacking == 0 {
            return self.announce_made(None, warnings);
        }
        let fill = self
            .default_sector
            .clone()
            .unwrap_or_else(|| UNASSIGNED.to_owned());
        let mut listed_file = None;
        let mut counted = 0;
        for a in &mut self.actors {
            if !a.provided.contains("sector") {
                a.actor.sector = fill.clone();
                if !a.made {
                    counted += 1;
                    listed_file.get_or_insert_with(|| file_name(&a.origin.path));
                }
            }
        }
        let file = listed_file.unwrap_or_default();
        if self.default_sector.is_some() {
            if counted > 0 {
                warnings.push(format!(
                    "{file}: {} had no sector and were put in \"{fill}\" ({})",
                    plural(counted, "actor", "actors"),
                    self.fill_reason
                ));
            }
            self.announce_made(
                Some(&format!("put in \"{fill}\" ({})", self.fill_reason)),
                warnings,
            )
        } else {
            if counted > 0 {
                warnings.push(format!("{file}: {}", unassigned_message(self.actors.len())));
            }
            self.announce_made(Some(&format!("put in \"{UNASSIGNED}\"")), warnings)
        }
    }

    fn announce_made(&self, sector: Option<&str>, warnings: &mut Vec<String>) {
        let made = self.actors.iter().filter(|a| a.made).count();
        if made > 0
            && let Some(reason) = &self.made_from_ends
        {
            let put = sector.map(|s| format!(" and {s}")).unwrap_or_default();
            warnings.push(format!(
                "{reason}, so {} made from the ties' ends, each labelled with its id{put}",
                plural(made, "actor was", "actors were")
            ));
        }
    }

    /// A validation issue as an error at the actor's or tie's origin.
    fn issue_error(
        &self,
        issue: &crate::model::ValidationIssue,
        actors: &[Origin],
        ties: &[Origin],
    ) -> IoError {
        let indexed = |prefix: &str| -> Option<(usize, String)> {
            let rest = issue.place.strip_prefix(prefix)?;
            let (n, field) = rest.split_once(']')?;
            Some((n.parse().ok()?, field.trim_start_matches('.').to_owned()))
        };
        let with_field = |what: String, field: &str| {
            if field.is_empty() {
                format!("{what}: {}", issue.message)
            } else {
                format!("{what}, {field}: {}", issue.message)
            }
        };
        if let Some((i, field)) = indexed("actors[")
            && let (Some(o), Some(a)) = (actors.get(i), self.network.actors().get(i))
        {
            return o.error(
                None,
                with_field(format!("{} \"{}\"", self.nouns.0, a.id()), &field),
            );
        }
        if let Some((i, field)) = indexed("ties[")
            && let (Some(o), Some(t)) = (ties.get(i), self.network.ties().get(i))
        {
            return o.error(
                None,
                with_field(format!("{} \"{}\"", self.nouns.1, t.id()), &field),
            );
        }
        let list = if issue.place.starts_with("sectors[") {
            self.sectors_origin.as_ref()
        } else if issue.place.starts_with("tie_kinds[") {
            self.tie_kinds_origin.as_ref()
        } else {
            None
        };
        if let Some(o) = list {
            return o.error(None, format!("{}: {}", issue.place, issue.message));
        }
        let path = actors
            .first()
            .or(ties.first())
            .map(|o| o.path.to_path_buf())
            .unwrap_or_default();
        IoError::invalid(
            &path,
            Location::Field(issue.place.clone()),
            issue.message.clone(),
        )
    }
}

/// What the user is told when no actor of a file has a sector.
pub fn unassigned_message(actors: usize) -> String {
    format!(
        "no actor in the file has a sector, so {} in \"{UNASSIGNED}\"; to assign sectors, choose a sector field in the import preview (--map sector=FIELD), edit the Sector column of the Actors table, or add a \"sector\" column to the file (or pass --default-sector NAME)",
        if actors == 1 {
            "the one actor is".to_owned()
        } else {
            format!("all {actors} actors are")
        }
    )
}

/// A blank sector or label is not given; a sector that is not blank is.
fn settle_provided(actor: &Actor, provided: &mut BTreeSet<&'static str>) {
    if actor.sector.trim().is_empty() {
        provided.remove("sector");
    } else {
        provided.insert("sector");
    }
    if actor.name.trim().is_empty() {
        provided.remove("label");
    }
}

/// The built-in fields `actor` gives: those that differ from a new
/// actor's, plus a non-blank label and sector.
pub fn provided_fields(actor: &Actor) -> BTreeSet<&'static str> {
    let blank = Actor::new(actor.id().clone(), "", "");
    fields::ACTOR_COLUMNS
        .iter()
        .filter(|c| **c != "id")
        .filter(|c| fields::actor_value(actor, c) != fields::actor_value(&blank, c))
        .copied()
        .collect()
}

/// Merges `later` into `first`: later fields fill those the first left
/// blank; returns how many later values differed from the first's.
fn merge_actor(first: &mut PendingActor, later: Actor, provided: &BTreeSet<&'static str>) -> usize {
    let mut dropped = 0;
    for &c in provided {
        if first.provided.contains(c) {
            if fields::actor_value(&later, c) != fields::actor_value(&first.actor, c) {
                dropped += 1;
            }
            continue;
        }
        match c {
            "label" => first.actor.name = later.name.clone(),
            "sector" => first.actor.sector = later.sector.clone(),
            c => {
                // Both directions go through `fields`, which round-trips.
                let _ =
                    fields::set_actor_value(&mut first.actor, c, &fields::actor_value(&later, c));
            }
        }
        first.provided.insert(c);
    }
    for (k, v) in later.attributes {
        match first.actor.attributes.get(&k) {
            Some(old) if *old != v => dropped += 1,
            Some(_) => {}
            None => {
                first.actor.attributes.insert(k, v);
            }
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Origin {
        Origin::text(Arc::from(Path::new("map.x")), line, None)
    }

    fn actor(id: &str, sector: &str) -> Actor {
        Actor::new(id, "", sector)
    }

    fn tie(from: &str, to: &str) -> Tie {
        Tie::new("", from, to, "", false)
    }

    #[test]
    fn a_file_of_more_actors_or_ties_than_the_limits_is_refused_at_the_row_that_passes_them() {
        let small = || MapBuilder::new(&ImportOptions::default()).with_limits(3, 2);
        let mut b = small();
        for (i, id) in ["a", "b", "c"].into_iter().enumerate() {
            b.add_actor(actor(id, "GP"), at(i + 2)).unwrap();
        }
        // The same id again is a merge or a duplicate, not one more.
        let e = b
            .add_actor(actor("a", "GP"), at(5))
            .unwrap_err()
            .to_string();
        assert!(e.contains("duplicate"), "{e}");
        let e = b
            .add_actor(actor("d", "GP"), at(6))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 6"), "{e}");
        assert!(
            e.contains("more than 3 actors, more than Bridgework opens"),
            "{e}"
        );
        b.add_tie(None, tie("a", "b"), at(8)).unwrap();
        b.add_tie(None, tie("b", "c"), at(9)).unwrap();
        let e = b
            .add_tie(None, tie("c", "a"), at(10))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 10") && e.contains("more than 2 ties"),
            "{e}"
        );
        // Actors made from the ties' ends count too.
        let mut b = small();
        b.make_actors_from_tie_ends("no actors file");
        b.add_tie(None, tie("a", "b"), at(2)).unwrap();
        b.add_tie(None, tie("c", "d"), at(3)).unwrap();
        let e = b.finish().unwrap_err().to_string();
        assert!(
            e.contains("line 3") && e.contains("more than 3 actors"),
            "{e}"
        );
        assert_eq!((MAX_ACTORS, MAX_TIES), (500_000, 1_000_000));
        assert_eq!(
            MapBuilder::new(&ImportOptions::default()).limits,
            (MAX_ACTORS, MAX_TIES)
        );
    }

    #[test]
    fn names_default_to_ids_and_ties_get_fresh_ids_and_the_default_kind() {
        let mut b = MapBuilder::new(&ImportOptions::default());
        b.add_actor(actor("a", "GP"), at(2)).unwrap();
        b.add_actor(Actor::new("b", "Bo", "Acute"), at(3)).unwrap();
        b.add_tie(Some("t1".into()), tie("a", "b"), at(5)).unwrap();
        b.add_tie(None, tie("b", "a"), at(6)).unwrap();
        let l = b.finish().unwrap();
        let n = &l.network;
        assert_eq!(n.actors()[0].name, "a");
        assert_eq!(n.actors()[1].name, "Bo");
        let ids: Vec<&str> = n.ties().iter().map(|t| t.id().as_str()).collect();
        assert_eq!(ids, ["t1", "t2"]);
        assert_eq!(n.ties()[1].kind, DEFAULT_KIND);
        assert!(l.warnings.is_empty());
    }

    #[test]
    fn no_sector_anywhere_is_unassigned_with_a_message_some_missing_is_an_error() {
        let mut b = MapBuilder::new(&ImportOptions::default());
        b.add_actor(actor("a", ""), at(2)).unwrap();
        b.add_actor(actor("b", " "), at(3)).unwrap();
        let l = b.finish().unwrap();
        assert!(l.network.actors().iter().all(|a| a.sector == UNASSIGNED));
        assert_eq!(l.warnings.len(), 1);
        assert!(l.warnings[0].contains("no actor in the file has a sector"));
        assert!(l.warnings[0].contains("Actors table"));

        let mut b = MapBuilder::new(&ImportOptions::default());
        b.add_actor(actor("a", "GP"), at(2)).unwrap();
        b.add_actor(actor("b", ""), at(3)).unwrap();
        let e = b.finish().unwrap_err().to_string();
        assert_eq!(
            e,
            "map.x: line 3: actor \"b\" has no sector, though others have one; give it a sector, or pass --default-sector NAME"
        );
    }

    #[test]
    fn duplicates_are_errors_or_merged_with_dropped_values_counted() {
        let mut b = MapBuilder::new(&ImportOptions::default());
        b.add_actor(actor("a", "GP"), at(2)).unwrap();
        let e = b
            .add_actor(actor("a", "GP"), at(4))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 4") && e.contains("first on line 2"), "{e}");

        let options = ImportOptions {
            merge_duplicates: true,
            ..Default::default()
        };
        let mut b = MapBuilder::new(&options);
        let mut first = actor("a", "GP");
        first.role = "Lead".into();
        b.add_actor(first, at(2)).unwrap();
        let mut later = Actor::new("a", "Ann", "Acute");
        later.organisation = "Trust".into();
        b.add_actor(later, at(3)).unwrap();
        let l = b.finish().unwrap();
        let a = &l.network.actors()[0];
        assert_eq!(
            (a.name.as_str(), a.sector.as_str(), a.organisation.as_str()),
            ("Ann", "GP", "Trust")
        );
        assert_eq!(
            l.warnings,
            [
                "map.x: merged 1 duplicate actor into the first with the same id (\"a\"); a later one only fills fields the earlier ones left blank, so 1 value that differed from the first's were dropped"
            ]
        );
    }

    #[test]
    fn missing_ends_are_errors_or_made_into_actors() {
        let mut b = MapBuilder::new(&ImportOptions::default());
        b.add_actor(actor("a", "GP"), at(2)).unwrap();
        b.add_tie(None, tie("a", "zz"), at(7)).unwrap();
        let e = b.finish().unwrap_err().to_string();
        assert_eq!(
            e,
            "map.x: line 7: no actor with id \"zz\" in map.x; add it there or remove this tie"
        );

        let mut b = MapBuilder::new(&ImportOptions::default());
        b.make_actors_from_tie_ends("no actors file");
        b.add_tie(None, tie("q", "p"), at(2)).unwrap();
        let l = b.finish().unwrap();
        let ids: Vec<&str> = l.network.actors().iter().map(|a| a.id().as_str()).collect();
        assert_eq!(ids, ["q", "p"]);
        assert!(l.network.actors().iter().all(|a| a.sector == UNASSIGNED));
        assert_eq!(
            l.warnings,
            [
                "no actors file, so 2 actors were made from the ties' ends, each labelled with its id and put in \"unassigned\""
            ]
        );
    }

    #[test]
    fn table_rows_report_the_cell() {
        let header = Arc::new(vec![("sector".to_owned(), "Sector".to_owned())]);
        let o = Origin::row(Arc::from(Path::new("n.csv")), 4, header);
        assert_eq!(
            o.location(Some("sector")),
            Location::Cell {
                line: 4,
                column: "Sector".into()
            }
        );
        assert_eq!(
            o.location(Some("role")),
            Location::Line {
                line: 4,
                column: None
            }
        );
    }
}
