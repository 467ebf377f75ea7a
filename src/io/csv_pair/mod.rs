//! CSV import and export: a map as two files, an actors (nodes) file and a
//! ties (edges) file.
//!
//! ```text
//! nodes.csv                          edges.csv
//! id,label,sector                    source,target,weight
//! gp_okafor,Dr Amara Okafor,GP       gp_okafor,sc_kim,2.5
//! sc_kim,"Grace ""GK"" Kim",Social   sc_kim,gp_okafor,1
//! ```
//!
//! The first line of each file names its columns; names are matched as in
//! [`fields`] (any case, common aliases such as `name` for `label` or `from`
//! for `source`). Columns that are not built in become attributes of the
//! actor or tie; `attr:NAME` always means attribute `NAME`.
//!
//! # Reading
//!
//! * The nodes file needs `id` and `sector` (`sector` may be missing or blank
//!   when [`ImportOptions::default_sector`] is set; the actors it fills are
//!   counted in a warning). A blank `label` means "use the id".
//! * The edges file needs `source` and `target`. A missing or blank `weight`
//!   is 1, a missing or blank `kind` is `collaboration`, a missing or blank
//!   `directed` is [`ImportOptions::directed`], a missing or blank `id` gets a
//!   fresh `t1`, `t2`, … that no row of the file uses. Self-loops and
//!   parallel ties are kept (the analysis view drops and merges them).
//! * Ids, labels, notes and attribute values are kept exactly as written
//!   (spaces included); sector and tie-kind names are trimmed. A whitespace-
//!   only id, source or target counts as empty.
//! * An empty attribute cell means "no such attribute": an attribute whose
//!   value is the empty string is treated as absent everywhere (the writer
//!   leaves it out too), so a map round-trips without it.
//! * A row whose cells are all blank (`,,,` from a spreadsheet) is skipped,
//!   and the skip announced.
//! * With [`ImportOptions::merge_duplicates`], rows repeating an actor id are
//!   merged **cell by cell**: a later row's non-blank cell is used only where
//!   every earlier row for that id left the cell blank; where both give a
//!   value, the first row wins (every cell is still checked, and the number
//!   of values dropped is announced). A repeated tie id makes the later tie
//!   get a fresh id instead. Without the option, repeated ids are errors.
//! * Without a nodes file, the actors are made from the ties' ends (label =
//!   id, sector = the default sector), but only when a default sector is
//!   given; otherwise that is an error.
//! * Every error names the file, the physical line where the record starts
//!   and, for a cell, the column as the header writes it. The header is read
//!   from the first [`MAX_HEADER_BYTES`] only, so a file that is not CSV at
//!   all fails at once without being read whole.
//!
//! # Writing
//!
//! The nodes file has the columns [`fields::ACTOR_COLUMNS`], then one column
//! per attribute name in use (sorted); the edges file [`fields::TIE_COLUMNS`]
//! then its attributes. LF line ends, UTF-8 without a BOM, quotes only where
//! needed. Reading what was written gives back the same actors and ties, and
//! the sectors in first-use order; the title, description, metadata and
//! sector and tie-kind styles have no place in CSV and are not written.

use super::error::{IoError, Location};
use super::fields;
use super::{ImportOptions, Loaded};
use crate::model::{Actor, Network, Tie, default_tie_kinds};
use csv::{ReaderBuilder, StringRecord, Terminator, WriterBuilder};
use std::collections::HashMap;
use std::path::Path;

/// How much of a file may hold the header line. A longer first record is
/// not a header, and reading it whole would only delay the error.
pub const MAX_HEADER_BYTES: usize = 1 << 20;

/// How many names, ids or lines one message lists before "and N more".
const MAX_LISTED: usize = 5;

/// The default tie kind, for ties with no `kind`.
const DEFAULT_KIND: &str = "collaboration";

// ---------------------------------------------------------------------------
// Headers

/// Which of the two files a header belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Actors,
    Ties,
}

impl Table {
    fn builtin(self, header: &str) -> Option<&'static str> {
        match self {
            Table::Actors => fields::actor_column(header),
            Table::Ties => fields::tie_column(header),
        }
    }
}

/// What one column of a header means.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Column {
    /// A built-in column, by its canonical name.
    Builtin(&'static str),
    /// An attribute, by its name.
    Attribute(String),
}

/// A file's header: the names as written and what each column means.
struct Header {
    names: Vec<String>,
    columns: Vec<Column>,
}

impl Header {
    /// The index of built-in column `canonical`, if the header has it.
    fn find(&self, canonical: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| matches!(c, Column::Builtin(b) if *b == canonical))
    }

    /// The header's name for column `i`, as written.
    fn name(&self, i: usize) -> &str {
        self.names.get(i).map(String::as_str).unwrap_or("")
    }
}

/// Turns records' byte offsets into 1-based physical line numbers.
///
/// csv's own `Position::line()` is where the reader stopped before the
/// record: one line short after a CRLF line end (the LF is not consumed yet)
/// and before any blank lines it skips. So lines are counted here from the
/// byte offsets. Records are asked for in file order, so the text is
/// scanned once.
struct Lines<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line `record` starts on: its position is where the reader
    /// stopped before it, so blank lines skipped on the way are stepped over.
    fn of(&mut self, record: &StringRecord) -> usize {
        let at = record
            .position()
            .map(|p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .unwrap_or(0);
        let rest = self.text.get(at..).unwrap_or(&[]);
        let start = at
            + rest
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        if start < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        let window = self.text.get(self.byte..start).unwrap_or(&[]);
        // A line break is \n, \r\n or a lone \r (a record never starts
        // with \n, so a \r\n never straddles the window's end).
        let breaks = window
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && window.get(i + 1) != Some(&b'\n')))
            .count();
        self.byte = start;
        self.line += breaks;
        self.line
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// `text` with control characters (line breaks, tabs, ...) escaped, so that
/// a message quoting a cell stays on one line.
fn one_line(text: &str) -> String {
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

/// An [`IoError::Invalid`] at `at`, kept to one line.
fn invalid(path: &Path, at: Location, message: impl AsRef<str>) -> IoError {
    let at = match at {
        Location::Cell { line, column } => Location::Cell {
            line,
            column: one_line(&column),
        },
        other => other,
    };
    IoError::invalid(path, at, one_line(message.as_ref()))
}

/// An [`IoError::Invalid`] about the whole file, kept to one line.
fn invalid_file(path: &Path, message: impl AsRef<str>) -> IoError {
    IoError::invalid_file(path, one_line(message.as_ref()))
}

fn csv_error(path: &Path, e: &csv::Error) -> IoError {
    let message = format!("this is not readable CSV ({e}); check the quoting around this line");
    match e.position() {
        Some(p) => invalid(
            path,
            Location::Line {
                line: usize::try_from(p.line()).unwrap_or(usize::MAX),
                column: None,
            },
            message,
        ),
        None => invalid_file(path, message),
    }
}

/// `"a", "b", "c" and 4 more`, each name cut to a readable length.
fn list_names<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = names.len();
    let mut listed: Vec<String> = names
        .take(8)
        .map(|n| {
            let short: String = n.chars().take(30).collect();
            if short.len() < n.len() {
                format!("\"{short}…\"")
            } else {
                format!("\"{short}\"")
            }
        })
        .collect();
    if total > listed.len() {
        listed.push(format!("and {} more", total - listed.len()));
    }
    if listed.is_empty() {
        "no columns".to_owned()
    } else {
        listed.join(", ")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads and checks the header of `text`, looking at no more than
/// [`MAX_HEADER_BYTES`] of it.
fn read_header(
    path: &Path,
    text: &str,
    table: Table,
    sector_required: bool,
) -> Result<Header, IoError> {
    let mut end = text.len().min(MAX_HEADER_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = text.get(..end).unwrap_or("");
    let mut rdr = reader(prefix);
    let mut lines = Lines::new(prefix);
    let mut record = StringRecord::new();
    let what = match table {
        Table::Actors => {
            "an actors file starts with a line naming its columns, such as id,label,sector"
        }
        Table::Ties => {
            "a ties file starts with a line naming its columns, such as source,target,weight"
        }
    };
    match rdr.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            return Err(invalid_file(
                path,
                format!("there is no header line; {what}"),
            ));
        }
        Err(e) => return Err(csv_error(path, &e)),
    }
    let line = lines.of(&record);
    let consumed = usize::try_from(rdr.position().byte()).unwrap_or(usize::MAX);
    if end < text.len() && consumed >= end {
        return Err(invalid(
            path,
            Location::Line { line, column: None },
            format!(
                "the first line is longer than {} MB, so it is not a header row; is this the right file? ({what})",
                MAX_HEADER_BYTES >> 20
            ),
        ));
    }

    let is_builtin = |h: &str| table.builtin(h).is_some();
    let names: Vec<String> = record.iter().map(str::to_owned).collect();
    let columns: Vec<Column> = names
        .iter()
        .map(|n| match fields::attribute_name(n, is_builtin) {
            Some(a) => Column::Attribute(a),
            None => table
                .builtin(n)
                .map_or_else(|| Column::Attribute(n.clone()), Column::Builtin),
        })
        .collect();
    let header = Header { names, columns };
    let at_header = || Location::Line { line, column: None };
    let found = || list_names(header.names.iter().map(String::as_str));

    // Is this the other file of the pair?
    let has = |c: &str| header.find(c).is_some();
    match table {
        Table::Ties if has("id") && !has("source") && !has("target") => {
            return Err(invalid(
                path,
                at_header(),
                format!(
                    "this looks like an actors (nodes) file: it has an id column but no source or target (the header has {}); pass the ties (edges) file as FILE and this one with --nodes",
                    found()
                ),
            ));
        }
        Table::Actors
            if !has("id")
                && header
                    .names
                    .iter()
                    .any(|n| fields::tie_column(n) == Some("source"))
                && header
                    .names
                    .iter()
                    .any(|n| fields::tie_column(n) == Some("target")) =>
        {
            return Err(invalid(
                path,
                at_header(),
                format!(
                    "this looks like a ties (edges) file: it has source and target columns but no id (the header has {}); pass it as FILE and the actors file with --nodes",
                    found()
                ),
            ));
        }
        _ => {}
    }

    // Required columns.
    let required: &[&str] = match (table, sector_required) {
        (Table::Actors, true) => &["id", "sector"],
        (Table::Actors, false) => &["id"],
        (Table::Ties, _) => &["source", "target"],
    };
    if let Some(missing) = required.iter().find(|c| !has(c)) {
        let need = match (table, sector_required) {
            (Table::Actors, true) => {
                "an actors file needs at least the columns \"id\" and \"sector\" (\"label\" and the rest are optional), or pass --default-sector NAME to give every actor a sector"
            }
            (Table::Actors, false) => {
                "an actors file needs at least an \"id\" column (\"label\", \"sector\" and the rest are optional)"
            }
            (Table::Ties, _) => {
                "a ties file needs at least the columns \"source\" and \"target\" (\"weight\" and the rest are optional)"
            }
        };
        return Err(invalid(
            path,
            at_header(),
            format!(
                "no \"{missing}\" column (the header has {}); {need}; the first line must name the columns",
                found()
            ),
        ));
    }

    // Empty and repeated names.
    let mut seen: HashMap<&Column, usize> = HashMap::new();
    for (i, (name, column)) in header.names.iter().zip(&header.columns).enumerate() {
        if name.trim().is_empty() {
            return Err(invalid(
                path,
                at_header(),
                format!(
                    "column {} of the header has no name; name it or delete the column (a comma at the end of a line makes an empty column)",
                    i + 1
                ),
            ));
        }
        if let Some(&first) = seen.get(column) {
            let first_name = header.name(first);
            let message = match column {
                Column::Builtin(c) => format!(
                    "this column and \"{first_name}\" (column {}) both give the \"{c}\" column; keep one, or rename this one \"{}{name}\" to keep it as an attribute",
                    first + 1,
                    fields::ATTRIBUTE_PREFIX
                ),
                Column::Attribute(a) => format!(
                    "this column and \"{first_name}\" (column {}) both give the attribute \"{a}\"; rename or remove one",
                    first + 1
                ),
            };
            return Err(invalid(
                path,
                Location::Cell {
                    line,
                    column: name.clone(),
                },
                message,
            ));
        }
        seen.insert(column, i);
    }
    Ok(header)
}

/// Reads the data rows of `text` (the header is skipped), calling `row` with
/// each row that has the header's width and a non-blank cell. Returns how
/// many all-blank rows were skipped.
fn for_each_row(
    path: &Path,
    text: &str,
    header: &Header,
    mut row: impl FnMut(&StringRecord, usize) -> Result<(), IoError>,
) -> Result<usize, IoError> {
    let mut rdr = reader(text);
    let mut lines = Lines::new(text);
    let mut record = StringRecord::new();
    let mut skipped = 0;
    let mut first = true;
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(path, &e)),
        }
        if first {
            first = false;
            continue;
        }
        let line = lines.of(&record);
        if record.iter().all(|c| c.trim().is_empty()) {
            skipped += 1;
            continue;
        }
        if record.len() != header.names.len() {
            return Err(invalid(
                path,
                Location::Line { line, column: None },
                format!(
                    "this row has {} but the header has {}; put quotes around any value that contains a comma (\"Hughes, Ben\")",
                    plural(record.len(), "value", "values"),
                    plural(header.names.len(), "column", "columns"),
                ),
            ));
        }
        row(&record, line)?;
    }
    Ok(skipped)
}

fn skipped_warning(path: &Path, skipped: usize) -> Option<String> {
    (skipped > 0).then(|| {
        format!(
            "{}: skipped {} with no values",
            file_name(path),
            plural(skipped, "empty row", "empty rows")
        )
    })
}

// ---------------------------------------------------------------------------
// Actors

/// The actors read so far, in first-appearance order.
#[derive(Default)]
struct Actors {
    list: Vec<Actor>,
    /// Line of each actor's first row.
    lines: Vec<usize>,
    index: HashMap<String, usize>,
}

impl Actors {
    fn push(&mut self, actor: Actor, line: usize) {
        self.index
            .insert(actor.id().as_str().to_owned(), self.list.len());
        self.list.push(actor);
        self.lines.push(line);
    }
}

/// State of `--merge-duplicates` for the nodes file.
#[derive(Default)]
struct Merges {
    /// For each actor, which columns some row has filled.
    filled: Vec<Vec<bool>>,
    rows: usize,
    ids: Vec<String>,
    dropped: usize,
}

fn read_actors(
    path: &Path,
    text: &str,
    options: &ImportOptions,
    default_sector: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Actors, IoError> {
    let header = read_header(path, text, Table::Actors, default_sector.is_none())?;
    let id_col = header.find("id").unwrap_or(0);
    let mut actors = Actors::default();
    let mut merges = Merges::default();
    let cell_err = |line: usize, i: usize, message: String| {
        invalid(
            path,
            Location::Cell {
                line,
                column: header.name(i).to_owned(),
            },
            message,
        )
    };

    let skipped = for_each_row(path, text, &header, |record, line| {
        let id = record.get(id_col).unwrap_or("");
        if id.trim().is_empty() {
            return Err(cell_err(
                line,
                id_col,
                "empty; every actor needs an id, a short name unique in the file that the ties file uses".into(),
            ));
        }
        match actors.index.get(id).copied() {
            None => {
                let mut actor = Actor::new(id, "", "");
                let mut filled = Vec::new();
                for (i, (column, cell)) in header.columns.iter().zip(record.iter()).enumerate() {
                    let blank = cell.trim().is_empty();
                    match column {
                        Column::Builtin("id") => {}
                        Column::Builtin("label") if blank => {}
                        Column::Builtin(c) => fields::set_actor_value(&mut actor, c, cell)
                            .map_err(|m| cell_err(line, i, m))?,
                        Column::Attribute(a) => {
                            if !cell.is_empty() {
                                actor.attributes.insert(a.clone(), cell.to_owned());
                            }
                        }
                    }
                    if options.merge_duplicates {
                        filled.push(!blank);
                    }
                }
                if actor.name.is_empty() {
                    actor.name = id.to_owned();
                }
                if options.merge_duplicates {
                    merges.filled.push(filled);
                }
                actors.push(actor, line);
            }
            Some(k) if options.merge_duplicates => {
                let (Some(actor), Some(filled)) =
                    (actors.list.get_mut(k), merges.filled.get_mut(k))
                else {
                    return Ok(());
                };
                for (i, (column, cell)) in header.columns.iter().zip(record.iter()).enumerate() {
                    let blank = cell.trim().is_empty();
                    let Some(done) = filled.get_mut(i) else {
                        continue;
                    };
                    match column {
                        Column::Builtin("id") => {}
                        _ if blank => {}
                        Column::Builtin(c) => {
                            if *done {
                                let mut probe = Actor::new(id, "", "");
                                fields::set_actor_value(&mut probe, c, cell)
                                    .map_err(|m| cell_err(line, i, m))?;
                                if fields::actor_value(&probe, c) != fields::actor_value(actor, c) {
                                    merges.dropped += 1;
                                }
                            } else {
                                fields::set_actor_value(actor, c, cell)
                                    .map_err(|m| cell_err(line, i, m))?;
                            }
                        }
                        Column::Attribute(a) => {
                            if *done {
                                if actor.attributes.get(a).is_some_and(|v| v != cell) {
                                    merges.dropped += 1;
                                }
                            } else {
                                actor.attributes.insert(a.clone(), cell.to_owned());
                            }
                        }
                    }
                    if !blank {
                        *done = true;
                    }
                }
                merges.rows += 1;
                if !merges.ids.iter().any(|m| m == id) {
                    merges.ids.push(id.to_owned());
                }
            }
            Some(k) => {
                let first = actors.lines.get(k).copied().unwrap_or(0);
                return Err(cell_err(
                    line,
                    id_col,
                    format!(
                        "duplicate id \"{id}\" (first on line {first}); ids must be unique, or pass --merge-duplicates"
                    ),
                ));
            }
        }
        Ok(())
    })?;

    // Sectors, checked after merging so a later row may fill a blank one.
    let sector_col = header.find("sector");
    let mut defaulted = 0;
    for (actor, &line) in actors.list.iter_mut().zip(&actors.lines) {
        if actor.sector.is_empty() {
            match default_sector {
                Some(d) => {
                    actor.sector = d.to_owned();
                    defaulted += 1;
                }
                None => {
                    return Err(invalid(
                        path,
                        Location::Cell {
                            line,
                            column: sector_col.map_or("sector", |i| header.name(i)).to_owned(),
                        },
                        "empty; every actor needs a sector (or pass --default-sector NAME)",
                    ));
                }
            }
        }
    }

    if merges.rows > 0 {
        let shown: Vec<String> = merges
            .ids
            .iter()
            .take(MAX_LISTED)
            .map(|i| format!("\"{i}\""))
            .collect();
        let more = merges.ids.len().saturating_sub(MAX_LISTED);
        let mut w = format!(
            "{}: merged {} into the first row with the same id ({}{}); a later row only fills cells the earlier rows left blank",
            file_name(path),
            plural(merges.rows, "duplicate row", "duplicate rows"),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
        );
        if merges.dropped > 0 {
            w.push_str(&format!(
                ", so {} that differed from the first row's were dropped",
                plural(merges.dropped, "value", "values")
            ));
        }
        warnings.push(w);
    }
    if defaulted > 0
        && let Some(d) = default_sector
    {
        warnings.push(format!(
            "{}: {} had no sector and were put in \"{d}\" (--default-sector)",
            file_name(path),
            plural(defaulted, "actor", "actors")
        ));
    }
    warnings.extend(skipped_warning(path, skipped));
    Ok(actors)
}

// ---------------------------------------------------------------------------
// Ties

/// A tie read from a row, before fresh ids are handed out.
struct PendingTie {
    id: Option<String>,
    tie: Tie,
    line: usize,
}

/// `tie` with id `id` (the id of a [`Tie`] is fixed at creation).
fn with_id(tie: Tie, id: String) -> Tie {
    let (from, to) = (tie.from().clone(), tie.to().clone());
    tie.with_ids(id, from, to)
}

#[allow(clippy::too_many_arguments)]
fn read_ties(
    edges_path: &Path,
    text: &str,
    header: &Header,
    nodes_path: Option<&Path>,
    default_sector: Option<&str>,
    options: &ImportOptions,
    actors: &mut Actors,
    network: &mut Network,
    warnings: &mut Vec<String>,
) -> Result<Vec<(Tie, usize)>, IoError> {
    let source_col = header.find("source").unwrap_or(0);
    let target_col = header.find("target").unwrap_or(0);
    let id_col = header.find("id");
    let nodes_name = nodes_path.map(file_name);
    let cell_err = |line: usize, i: usize, message: String| {
        invalid(
            edges_path,
            Location::Cell {
                line,
                column: header.name(i).to_owned(),
            },
            message,
        )
    };
    let mut pending: Vec<PendingTie> = Vec::new();
    let mut given: HashMap<String, usize> = HashMap::new();
    let mut renamed: Vec<(usize, String)> = Vec::new();
    let mut made_actors = 0;

    let skipped = for_each_row(edges_path, text, header, |record, line| {
        let mut ends = [String::new(), String::new()];
        for (slot, (col, role)) in ends
            .iter_mut()
            .zip([(source_col, "source"), (target_col, "target")])
        {
            let end = record.get(col).unwrap_or("");
            if end.trim().is_empty() {
                let whose = match &nodes_name {
                    Some(n) => format!("the id of an actor in {n}"),
                    None => "an actor id".to_owned(),
                };
                return Err(cell_err(
                    line,
                    col,
                    format!("empty; every tie needs a {role}: {whose}"),
                ));
            }
            if !actors.index.contains_key(end) {
                match (&nodes_name, default_sector) {
                    (Some(n), _) => {
                        let hint = if end.trim() != end && actors.index.contains_key(end.trim()) {
                            format!(" (but there is \"{}\": remove the spaces)", end.trim())
                        } else {
                            String::new()
                        };
                        return Err(cell_err(
                            line,
                            col,
                            format!(
                                "no actor with id \"{end}\" in {n}{hint}; add it there or remove this row"
                            ),
                        ));
                    }
                    (None, Some(d)) => {
                        actors.push(Actor::new(end, end, d), line);
                        made_actors += 1;
                    }
                    // Checked by the caller before any row is read.
                    (None, None) => {
                        return Err(invalid_file(edges_path, "no actors file"));
                    }
                }
            }
            *slot = end.to_owned();
        }
        let [from, to] = ends;
        let mut tie = Tie::new("", from, to, DEFAULT_KIND, options.directed);
        let mut id = None;
        for (i, (column, cell)) in header.columns.iter().zip(record.iter()).enumerate() {
            match column {
                Column::Builtin("source" | "target") => {}
                Column::Builtin("id") => {
                    if !cell.trim().is_empty() {
                        id = Some(cell);
                    }
                }
                Column::Builtin(c) => {
                    fields::set_tie_value(&mut tie, c, cell).map_err(|m| cell_err(line, i, m))?
                }
                Column::Attribute(a) => {
                    if !cell.is_empty() {
                        tie.attributes.insert(a.clone(), cell.to_owned());
                    }
                }
            }
        }
        let id = match id {
            None => None,
            Some(id) => match given.get(id) {
                None => {
                    given.insert(id.to_owned(), line);
                    Some(id.to_owned())
                }
                Some(_) if options.merge_duplicates => {
                    renamed.push((pending.len(), id.to_owned()));
                    None
                }
                Some(&first) => {
                    return Err(cell_err(
                        line,
                        id_col.unwrap_or(0),
                        format!(
                            "duplicate tie id \"{id}\" (first on line {first}); ids must be unique (a blank id gets a fresh one), or pass --merge-duplicates"
                        ),
                    ));
                }
            },
        };
        network.ensure_tie_kind(&tie.kind, tie.directed);
        pending.push(PendingTie { id, tie, line });
        Ok(())
    })?;

    // Fresh ids, clear of every id the file gives.
    let mut next = 1usize;
    let mut fresh = || loop {
        let candidate = format!("t{next}");
        next += 1;
        if !given.contains_key(&candidate) {
            return candidate;
        }
    };
    let mut new_ids: HashMap<usize, String> = HashMap::new();
    let mut ties = Vec::with_capacity(pending.len());
    for (k, p) in pending.into_iter().enumerate() {
        let id = match p.id {
            Some(id) => id,
            None => {
                let id = fresh();
                new_ids.insert(k, id.clone());
                id
            }
        };
        ties.push((with_id(p.tie, id), p.line));
    }

    if !renamed.is_empty() {
        let shown: Vec<String> = renamed
            .iter()
            .take(MAX_LISTED)
            .map(|(k, old)| {
                let line = ties.get(*k).map_or(0, |(_, l)| *l);
                let new = new_ids.get(k).map_or("", String::as_str);
                format!("line {line}: \"{old}\" → \"{new}\"")
            })
            .collect();
        let more = renamed.len().saturating_sub(MAX_LISTED);
        warnings.push(format!(
            "{}: {} reused an earlier tie's id and got a fresh one ({}{})",
            file_name(edges_path),
            plural(renamed.len(), "tie", "ties"),
            shown.join("; "),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            },
        ));
    }
    if nodes_path.is_none()
        && let Some(d) = default_sector
    {
        warnings.push(format!(
            "no actors file, so {} made from the ties' ends, each labelled with its id and put in \"{d}\" (--default-sector)",
            plural(made_actors, "actor was", "actors were")
        ));
    }
    warnings.extend(skipped_warning(edges_path, skipped));
    Ok(ties)
}

// ---------------------------------------------------------------------------
// Reading

/// Reads a CSV edges file and its nodes file (or, with a default sector,
/// none); see the module docs for the rules. Texts are already decoded.
pub fn read_csv_pair(
    edges_path: &Path,
    edges_text: &str,
    nodes: Option<(&Path, &str)>,
    options: &ImportOptions,
) -> Result<Loaded, IoError> {
    let default_sector = options
        .default_sector
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let edges_header = read_header(edges_path, edges_text, Table::Ties, false)?;
    let mut warnings = Vec::new();
    let mut actors = match (nodes, default_sector) {
        (Some((path, text)), _) => read_actors(path, text, options, default_sector, &mut warnings)?,
        (None, Some(_)) => Actors::default(),
        (None, None) => {
            let beside = super::nodes_path_beside(edges_path)
                .map(|p| file_name(&p))
                .unwrap_or_else(|| "x.nodes.csv".to_owned());
            return Err(invalid_file(
                edges_path,
                format!(
                    "no actors file: pass --nodes NODES.csv (or put {beside} beside {}), or pass --default-sector NAME to make the actors from the ties",
                    file_name(edges_path)
                ),
            ));
        }
    };

    let mut network = Network::with_lists(Vec::new(), default_tie_kinds());
    let nodes_path = nodes.map(|(p, _)| p);
    let ties = read_ties(
        edges_path,
        edges_text,
        &edges_header,
        nodes_path,
        default_sector,
        options,
        &mut actors,
        &mut network,
        &mut warnings,
    )?;

    let actors_path = nodes_path.unwrap_or(edges_path);
    let actor_lines = actors.lines;
    let mut tie_lines = Vec::with_capacity(ties.len());
    for actor in &actors.list {
        network.ensure_sector(&actor.sector);
    }
    for (actor, &line) in actors.list.into_iter().zip(&actor_lines) {
        network.add_actor(actor).map_err(|e| {
            invalid(
                actors_path,
                Location::Line { line, column: None },
                e.to_string(),
            )
        })?;
    }
    for (tie, line) in ties {
        network.add_tie(tie).map_err(|e| {
            invalid(
                edges_path,
                Location::Line { line, column: None },
                e.to_string(),
            )
        })?;
        tie_lines.push(line);
    }

    if let Some(issue) = network.validate().into_iter().next() {
        let place = |prefix: &str, lines: &[usize]| {
            issue
                .place
                .strip_prefix(prefix)
                .and_then(|rest| rest.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| lines.get(i).copied())
        };
        return Err(if let Some(line) = place("actors[", &actor_lines) {
            invalid(
                actors_path,
                Location::Line { line, column: None },
                issue.message,
            )
        } else if let Some(line) = place("ties[", &tie_lines) {
            invalid(
                edges_path,
                Location::Line { line, column: None },
                issue.message,
            )
        } else {
            invalid_file(edges_path, issue.to_string())
        });
    }
    Ok(Loaded { network, warnings })
}

// ---------------------------------------------------------------------------
// Writing

/// The column an attribute is written under. Beyond
/// [`fields::attribute_column`], a blank name is written `attr:NAME` too,
/// since a blank header cell is refused on reading.
fn attribute_column(name: &str, is_builtin: impl Fn(&str) -> bool) -> String {
    if name.trim().is_empty() {
        format!("{}{name}", fields::ATTRIBUTE_PREFIX)
    } else {
        fields::attribute_column(name, is_builtin)
    }
}

fn write_table<T>(
    rows: &[T],
    columns: &[&str],
    attributes: &[&str],
    is_builtin: impl Fn(&str) -> bool + Copy,
    value: impl Fn(&T, &str) -> String,
    attribute: impl Fn(&T, &str) -> Option<String>,
) -> String {
    let mut w = WriterBuilder::new()
        .terminator(Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header: Vec<String> = columns
        .iter()
        .map(|c| (*c).to_owned())
        .chain(attributes.iter().map(|a| attribute_column(a, is_builtin)))
        .collect();
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for row in rows {
        record.clear();
        record.extend(columns.iter().map(|c| value(row, c)));
        record.extend(
            attributes
                .iter()
                .map(|a| attribute(row, a).unwrap_or_default()),
        );
        let _ = w.write_record(&record);
    }
    let bytes = w.into_inner().map(|v| v.to_vec()).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the nodes and edges files' text, in that order; see the module
/// docs for the layout.
pub fn write_csv_pair(network: &Network) -> (String, String) {
    let is_actor_col = |h: &str| fields::actor_column(h).is_some();
    let is_tie_col = |h: &str| fields::tie_column(h).is_some();
    let actor_attrs = fields::attribute_names(network.actors().iter().map(|a| &a.attributes));
    let tie_attrs = fields::attribute_names(network.ties().iter().map(|t| &t.attributes));
    let nodes = write_table(
        network.actors(),
        &fields::ACTOR_COLUMNS,
        &actor_attrs,
        is_actor_col,
        fields::actor_value,
        |a: &Actor, k| a.attributes.get(k).cloned(),
    );
    let edges = write_table(
        network.ties(),
        &fields::TIE_COLUMNS,
        &tie_attrs,
        is_tie_col,
        fields::tie_value,
        |t: &Tie, k| t.attributes.get(k).cloned(),
    );
    (nodes, edges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorField, ActorKind, Profession, Stance, TieField};
    use std::path::PathBuf;

    fn np() -> &'static Path {
        Path::new("data/nodes.csv")
    }

    fn ep() -> &'static Path {
        Path::new("data/edges.csv")
    }

    fn opts() -> ImportOptions {
        ImportOptions::default()
    }

    fn read_with(nodes: &str, edges: &str, options: &ImportOptions) -> Result<Loaded, IoError> {
        read_csv_pair(ep(), edges, Some((np(), nodes)), options)
    }

    fn read(nodes: &str, edges: &str) -> Loaded {
        match read_with(nodes, edges, &opts()) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    /// The error's file, location and message.
    fn parts(e: IoError) -> (PathBuf, Option<Location>, String) {
        match e {
            IoError::Invalid { path, at, message } => (path, at, message),
            other => panic!("not an Invalid error: {other}"),
        }
    }

    fn cell(line: usize, column: &str) -> Option<Location> {
        Some(Location::Cell {
            line,
            column: column.to_owned(),
        })
    }

    fn line(line: usize) -> Option<Location> {
        Some(Location::Line { line, column: None })
    }

    /// Reads, expects an error in `file` at `at` whose message holds every
    /// one of `words`, and returns the whole message for further checks.
    #[track_caller]
    fn expect_err(
        result: Result<Loaded, IoError>,
        file: &Path,
        at: Option<Location>,
        words: &[&str],
    ) -> String {
        let e = match result {
            Ok(_) => panic!("expected an error"),
            Err(e) => e,
        };
        let full = e.to_string();
        assert!(!full.contains('\n'), "one line: {full}");
        let (path, got_at, message) = parts(e);
        assert_eq!(path, file, "{full}");
        assert_eq!(got_at, at, "{full}");
        for w in words {
            assert!(message.contains(w), "missing {w:?} in {full}");
        }
        full
    }

    const NODES: &str = "id,label,sector\na,Ann,GP\nb,Bo,Acute\nc,Cy,GP\n";
    const EDGES: &str = "source,target,weight\na,b,2\nb,c,1.5\n";

    // ---- reading: the basics -------------------------------------------

    #[test]
    fn a_simple_pair_reads() {
        let l = read(NODES, EDGES);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let n = &l.network;
        let ids: Vec<&str> = n.actors().iter().map(|a| a.id().as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(n.actors()[0].name, "Ann");
        let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["GP", "Acute"]);
        assert_eq!(n.ties().len(), 2);
        let t = &n.ties()[0];
        assert_eq!(
            (t.id().as_str(), t.from().as_str(), t.to().as_str()),
            ("t1", "a", "b")
        );
        assert_eq!(t.strength, 2.0);
        assert_eq!(t.kind, "collaboration");
        assert!(!t.directed);
        assert_eq!(n.ties()[1].strength, 1.5);
        assert_eq!(n.tie_kinds, default_tie_kinds());
        // Fields the file does not give keep the model's defaults.
        assert_eq!(
            n.actors()[0].private,
            crate::model::default_private_actor_fields()
        );
        assert!(n.validate().is_empty());
    }

    #[test]
    fn every_reference_dataset_reads_with_its_counts_and_weights() {
        let sets: [(&str, &str, &str, &str); 8] = [
            (
                "karate",
                include_str!("../../../tests/data/karate.nodes.csv"),
                include_str!("../../../tests/data/karate.edges.csv"),
                include_str!("../../../tests/data/karate.expected.json"),
            ),
            (
                "florentine",
                include_str!("../../../tests/data/florentine.nodes.csv"),
                include_str!("../../../tests/data/florentine.edges.csv"),
                include_str!("../../../tests/data/florentine.expected.json"),
            ),
            (
                "kite",
                include_str!("../../../tests/data/kite.nodes.csv"),
                include_str!("../../../tests/data/kite.edges.csv"),
                include_str!("../../../tests/data/kite.expected.json"),
            ),
            (
                "care_toy",
                include_str!("../../../tests/data/care_toy.nodes.csv"),
                include_str!("../../../tests/data/care_toy.edges.csv"),
                include_str!("../../../tests/data/care_toy.expected.json"),
            ),
            (
                "toy4_cycle",
                include_str!("../../../tests/data/toy4_cycle.nodes.csv"),
                include_str!("../../../tests/data/toy4_cycle.edges.csv"),
                include_str!("../../../tests/data/toy4_cycle.expected.json"),
            ),
            (
                "toy4_paw",
                include_str!("../../../tests/data/toy4_paw.nodes.csv"),
                include_str!("../../../tests/data/toy4_paw.edges.csv"),
                include_str!("../../../tests/data/toy4_paw.expected.json"),
            ),
            (
                "toy4_star",
                include_str!("../../../tests/data/toy4_star.nodes.csv"),
                include_str!("../../../tests/data/toy4_star.edges.csv"),
                include_str!("../../../tests/data/toy4_star.expected.json"),
            ),
            (
                "toy4_directed",
                include_str!("../../../tests/data/toy4_directed.nodes.csv"),
                include_str!("../../../tests/data/toy4_directed.edges.csv"),
                include_str!("../../../tests/data/toy4_directed.expected.json"),
            ),
        ];
        for (name, nodes, edges, expected) in sets {
            let expected: serde_json::Value = serde_json::from_str(expected).unwrap();
            let directed = expected["directed"].as_bool().unwrap();
            let options = ImportOptions {
                directed,
                ..ImportOptions::default()
            };
            let l = read_with(nodes, edges, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(l.warnings.is_empty(), "{name}: {:?}", l.warnings);
            let n = &l.network;
            assert_eq!(
                n.actors().len() as u64,
                expected["n"].as_u64().unwrap(),
                "{name}"
            );
            assert_eq!(
                n.ties().len() as u64,
                expected["m"].as_u64().unwrap(),
                "{name}"
            );
            assert!(n.ties().iter().all(|t| t.directed == directed), "{name}");
            // Every node's strength (sum of incident weights) as expected.
            let nodes_expected = expected["nodes"].as_object().unwrap();
            assert_eq!(nodes_expected.len(), n.actors().len(), "{name}");
            for a in n.actors() {
                let want = nodes_expected[a.id().as_str()]["strength"]
                    .as_f64()
                    .unwrap();
                let got: f64 = n.ties_of(a.id()).map(|t| t.strength).sum();
                assert!(
                    (got - want).abs() < 1e-9,
                    "{name} {}: {got} vs {want}",
                    a.id()
                );
            }
        }
    }

    #[test]
    fn reference_sectors_labels_and_weights_are_exact() {
        let l = read(
            include_str!("../../../tests/data/karate.nodes.csv"),
            include_str!("../../../tests/data/karate.edges.csv"),
        );
        let n = &l.network;
        let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["Mr. Hi", "Officer"]);
        assert_eq!(n.actors()[0].name, "Member 1");
        let t = &n.ties()[0];
        assert_eq!(
            (t.from().as_str(), t.to().as_str(), t.strength),
            ("0", "1", 4.0)
        );

        let l = read(
            include_str!("../../../tests/data/care_toy.nodes.csv"),
            include_str!("../../../tests/data/care_toy.edges.csv"),
        );
        let n = &l.network;
        let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["GP practice", "Acute trust", "Social care"]);
        let kim = n.actor(&"sc_kim".into()).unwrap();
        assert_eq!(kim.name, "Grace \"GK\" Kim, social worker");
        assert_eq!(
            n.actor(&"gp_price".into()).unwrap().name,
            "Chloë Price (practice manager)"
        );
        assert_eq!(
            n.actor(&"at_novak".into()).unwrap().name,
            "Ella Novák, discharge coordinator"
        );
        let weights: Vec<f64> = n.ties().iter().map(|t| t.strength).collect();
        assert_eq!(weights, [3.0, 2.0, 1.5, 1.0, 0.5, 2.5, 1.0, 2.0, 4.0, 1.0]);

        let l = read(
            include_str!("../../../tests/data/florentine.nodes.csv"),
            include_str!("../../../tests/data/florentine.edges.csv"),
        );
        let mut sectors: Vec<&str> = l.network.sectors.iter().map(|s| s.name.as_str()).collect();
        sectors.sort_unstable();
        assert_eq!(sectors, ["alpha_1", "alpha_2", "alpha_3"]);
        let l = read(
            include_str!("../../../tests/data/kite.nodes.csv"),
            include_str!("../../../tests/data/kite.edges.csv"),
        );
        let sectors: Vec<&str> = l.network.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["Team A", "Team B", "Team C"]);
    }

    #[test]
    fn every_column_and_alias_is_read() {
        let nodes = "Node ID,Name,Sector,Kind,Organization,Job Title,Profession,Seniority,Stance,Influence,Tags,Notes,X,Y,Pinned,Private,team,attr:Title\n\
                     a,Ann,GP,organisation,Riverside,Lead,nurse,3,supporter,4,lead; new ,hi,1.5,-2,yes,notes;tags,Blue,Dr\n\
                     b,,GP,,,,,,,,,,,,,,,\n";
        let edges = "From,To,Strength,Edge ID,Type,Directed,Confirmed,Notes,Private,since\n\
                     a,b,2,r1,referral,true,no,urgent,,2021\n\
                     b,a,,,,,,,notes,\n";
        let l = read(nodes, edges);
        let n = &l.network;
        let a = &n.actors()[0];
        assert_eq!(a.name, "Ann");
        assert_eq!(a.kind, ActorKind::Organisation);
        assert_eq!(a.organisation, "Riverside");
        assert_eq!(a.role, "Lead");
        assert_eq!(a.profession, Some(Profession::Nurse));
        assert_eq!(a.formal_position, Some(3));
        assert_eq!(a.stance, Stance::Supporter);
        assert_eq!(a.influence, Some(4));
        assert_eq!(a.tags, ["lead", "new"]);
        assert_eq!(a.notes, "hi");
        assert_eq!((a.x, a.y), (Some(1.5), Some(-2.0)));
        assert!(a.pinned);
        assert_eq!(
            a.private,
            [ActorField::Tags, ActorField::Notes].into_iter().collect()
        );
        assert_eq!(a.attributes.get("team").map(String::as_str), Some("Blue"));
        assert_eq!(a.attributes.get("Title").map(String::as_str), Some("Dr"));
        let b = &n.actors()[1];
        assert_eq!(b.name, "b", "a blank label falls back to the id");
        assert!(b.attributes.is_empty(), "empty cells make no attribute");
        assert!(
            b.private.is_empty(),
            "a blank private cell means nothing private"
        );
        let t = &n.ties()[0];
        assert_eq!(t.id().as_str(), "r1");
        assert_eq!(t.kind, "referral");
        assert!(t.directed && !t.confirmed);
        assert_eq!(t.notes, "urgent");
        assert!(t.private.is_empty());
        assert_eq!(t.attributes.get("since").map(String::as_str), Some("2021"));
        let u = &n.ties()[1];
        assert_eq!(u.id().as_str(), "t1");
        assert_eq!(
            (u.strength, u.kind.as_str(), u.directed, u.confirmed),
            (1.0, "collaboration", false, true)
        );
        assert_eq!(u.private, [TieField::Notes].into_iter().collect());
        assert!(u.attributes.is_empty());
    }

    // ---- awkward but valid -------------------------------------------

    #[test]
    fn crlf_quoted_fields_non_ascii_and_trailing_blank_lines_load() {
        let nodes = "id,label,sector\r\n\
                     a,\"Hughes, Ben \"\"BH\"\"\",Soins primaires\r\n\
                     ö,\"two\r\nlines\",Soins primaires\r\n\
                     漢,Zoë 🎉,Santé mentale\r\n\r\n\r\n";
        let edges = "source,target\r\na,ö\r\nö,漢\r\n\r\n";
        let l = read(nodes, edges);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let n = &l.network;
        assert_eq!(n.actors()[0].name, "Hughes, Ben \"BH\"");
        assert_eq!(n.actors()[1].name, "two\r\nlines");
        assert_eq!(n.actors()[2].name, "Zoë 🎉");
        assert_eq!(n.actors()[2].sector, "Santé mentale");
        assert_eq!(n.ties().len(), 2);
        assert_eq!(n.ties()[1].to().as_str(), "漢");
    }

    #[test]
    fn line_numbers_count_physical_lines_after_multi_line_fields() {
        let nodes = "id,label,sector\na,\"one\ntwo\nthree\",S\nb,B,S\nb,B again,S\n";
        expect_err(
            read_with(nodes, "source,target\n", &opts()),
            np(),
            cell(6, "id"),
            &["duplicate id \"b\" (first on line 5)", "--merge-duplicates"],
        );
        let crlf = nodes.replace('\n', "\r\n");
        expect_err(
            read_with(&crlf, "source,target\n", &opts()),
            np(),
            cell(6, "id"),
            &["first on line 5"],
        );
        // Blank lines before a row, and old Mac line ends (a lone CR).
        expect_err(
            read_with(
                "id,label,sector\n\n\na,A,S\n\r\n\na,B,S\n",
                "source,target\n",
                &opts(),
            ),
            np(),
            cell(7, "id"),
            &["first on line 4"],
        );
        expect_err(
            read_with(
                "id,label,sector\ra,A,S\r\ra,B,S\r",
                "source,target\n",
                &opts(),
            ),
            np(),
            cell(4, "id"),
            &["first on line 2"],
        );
        let edges = "source,target,notes\na,b,\"x\n\ny\"\n\nb,zz,\n";
        expect_err(
            read_with(nodes.split("b,B again").next().unwrap(), edges, &opts()),
            ep(),
            cell(6, "target"),
            &["no actor with id \"zz\""],
        );
    }

    #[test]
    fn a_one_megabyte_label_loads() {
        let big = "é".repeat(500_000) + "x,y \"z\"";
        let nodes = format!(
            "id,label,sector\na,\"{}\",S\nb,B,S\n",
            big.replace('"', "\"\"")
        );
        let l = read(&nodes, "source,target\na,b\n");
        assert_eq!(l.network.actors()[0].name, big);
        assert!(l.network.actors()[0].name.len() > 1_000_000);
    }

    #[test]
    fn header_only_files_give_maps_without_ties_or_actors() {
        let l = read(NODES, "source,target,weight\n");
        assert_eq!((l.network.actors().len(), l.network.ties().len()), (3, 0));
        let l = read("id,label,sector\n", "source,target,weight");
        assert_eq!((l.network.actors().len(), l.network.ties().len()), (0, 0));
        assert!(l.network.sectors.is_empty());
        assert!(l.warnings.is_empty());
    }

    #[test]
    fn self_loops_and_parallel_ties_are_kept() {
        let l = read(
            NODES,
            "source,target,kind\na,a,\na,b,\na,b,\nb,a,referral\n",
        );
        let n = &l.network;
        assert_eq!(n.ties().len(), 4);
        assert_eq!(n.ties()[0].from(), n.ties()[0].to());
        let ids: Vec<&str> = n.ties().iter().map(|t| t.id().as_str()).collect();
        assert_eq!(ids, ["t1", "t2", "t3", "t4"]);
    }

    #[test]
    fn blank_rows_are_skipped_and_announced() {
        let l = read(
            "id,label,sector\na,A,S\n,,\n  \nb,B,S\n",
            "source,target\n,\na,b\n",
        );
        assert_eq!(l.network.actors().len(), 2);
        assert_eq!(l.network.ties().len(), 1);
        assert_eq!(
            l.warnings,
            [
                "nodes.csv: skipped 2 empty rows with no values",
                "edges.csv: skipped 1 empty row with no values"
            ]
        );
    }

    #[test]
    fn kinds_direction_and_fresh_ids() {
        let edges = "source,target,id,kind,directed\n\
                     a,b,,mentoring,true\n\
                     b,c,t1,,\n\
                     c,a,,Referral,\n\
                     a,c,t3,mentoring,false\n\
                     b,a,,referral,\n";
        let options = ImportOptions {
            directed: true,
            ..opts()
        };
        let l = read_with(NODES, edges, &options).unwrap();
        let n = &l.network;
        let ids: Vec<&str> = n.ties().iter().map(|t| t.id().as_str()).collect();
        assert_eq!(
            ids,
            ["t2", "t1", "t4", "t3", "t5"],
            "fresh ids skip t1 and t3, given later"
        );
        let dirs: Vec<bool> = n.ties().iter().map(|t| t.directed).collect();
        assert_eq!(
            dirs,
            [true, true, true, false, true],
            "blank directed cells take the option"
        );
        let kinds: Vec<&str> = n.tie_kinds.iter().map(|k| k.name.as_str()).collect();
        let defaults = default_tie_kinds();
        let mut want: Vec<&str> = defaults.iter().map(|k| k.name.as_str()).collect();
        want.extend(["mentoring", "Referral"]);
        assert_eq!(kinds, want);
        assert!(n.tie_kind("mentoring").unwrap().directed);
        assert!(
            n.tie_kind("Referral").unwrap().directed,
            "kinds match exactly"
        );
        // No directed column: the option decides.
        let l = read_with(NODES, EDGES, &options).unwrap();
        assert!(l.network.ties().iter().all(|t| t.directed));
    }

    #[test]
    fn ids_are_exact_and_a_spaced_id_gets_a_hint() {
        let e = expect_err(
            read_with(NODES, "source,target\na, b\n", &opts()),
            ep(),
            cell(2, "target"),
            &[
                "no actor with id \" b\" in nodes.csv",
                "remove the spaces",
                "add it there or remove this row",
            ],
        );
        assert!(
            e.starts_with("data/edges.csv: line 2, column \"target\": "),
            "{e}"
        );
    }

    // ---- header errors ----------------------------------------------

    #[test]
    fn nodes_without_id_column() {
        expect_err(
            read_with("name,sector\nAnn,GP\n", EDGES, &opts()),
            np(),
            line(1),
            &[
                "no \"id\" column",
                "\"name\", \"sector\"",
                "\"id\" and \"sector\"",
            ],
        );
    }

    #[test]
    fn nodes_without_sector_column() {
        expect_err(
            read_with("id,label\na,Ann\n", EDGES, &opts()),
            np(),
            line(1),
            &[
                "no \"sector\" column",
                "\"id\", \"label\"",
                "--default-sector NAME",
            ],
        );
    }

    #[test]
    fn edges_without_source_or_target_column() {
        expect_err(
            read_with(NODES, "source,weight\na,1\n", &opts()),
            ep(),
            line(1),
            &[
                "no \"target\" column",
                "\"source\", \"weight\"",
                "\"source\" and \"target\"",
            ],
        );
        expect_err(
            read_with(NODES, "a,b,1.0\nb,c,1.0\n", &opts()),
            ep(),
            line(1),
            &[
                "no \"source\" column",
                "\"a\", \"b\", \"1.0\"",
                "first line must name the columns",
            ],
        );
    }

    #[test]
    fn a_nodes_file_given_as_the_edges_file_is_recognised() {
        expect_err(
            read_csv_pair(np(), NODES, None, &opts()),
            np(),
            line(1),
            &[
                "looks like an actors (nodes) file",
                "pass the ties (edges) file as FILE and this one with --nodes",
            ],
        );
    }

    #[test]
    fn an_edges_file_given_as_the_nodes_file_is_recognised() {
        expect_err(
            read_csv_pair(ep(), EDGES, Some((np(), EDGES)), &opts()),
            np(),
            line(1),
            &["looks like a ties (edges) file", "--nodes"],
        );
    }

    #[test]
    fn a_built_in_column_named_twice() {
        expect_err(
            read_with("id,label,sector,Name\na,A,S,B\n", EDGES, &opts()),
            np(),
            cell(1, "Name"),
            &[
                "\"label\" (column 2)",
                "both give the \"label\" column",
                "attr:Name",
            ],
        );
        expect_err(
            read_with(NODES, "source,target,weight,Strength\n", &opts()),
            ep(),
            cell(1, "Strength"),
            &["\"weight\" (column 3)", "both give the \"weight\" column"],
        );
    }

    #[test]
    fn an_attribute_named_twice() {
        expect_err(
            read_with("id,label,sector,team,attr:team\n", EDGES, &opts()),
            np(),
            cell(1, "attr:team"),
            &["\"team\" (column 4)", "attribute \"team\""],
        );
    }

    #[test]
    fn an_empty_header_cell() {
        expect_err(
            read_with("id,label,sector,\na,A,S,\n", EDGES, &opts()),
            np(),
            line(1),
            &["column 4 of the header has no name", "delete the column"],
        );
        expect_err(
            read_with(NODES, "source, ,target\n", &opts()),
            ep(),
            line(1),
            &["column 2 of the header has no name"],
        );
    }

    #[test]
    fn garbage_fails_on_the_header_at_once() {
        // 50 MB of printable ASCII with no line break.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let garbage: String = (0..50_000_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                char::from(b' ' + (state % 95) as u8)
            })
            .collect();
        let start = std::time::Instant::now();
        let r = read_csv_pair(ep(), &garbage, None, &opts());
        let took = start.elapsed();
        expect_err(r, ep(), line(1), &["longer than 1 MB", "not a header row"]);
        assert!(took.as_millis() < 300, "took {took:?}");

        // The same with line breaks: the first line is checked as a header.
        let lines: String = garbage
            .as_bytes()
            .chunks(80)
            .take(200_000)
            .flat_map(|c| c.iter().map(|&b| char::from(b)).chain(['\n']))
            .collect();
        let start = std::time::Instant::now();
        let r = read_with(&lines, EDGES, &opts());
        let took = start.elapsed();
        let e = r.err().unwrap().to_string();
        assert!(e.starts_with("data/nodes.csv: line 1"), "{e}");
        assert!(took.as_millis() < 300, "took {took:?}");
    }

    // ---- row errors ------------------------------------------------

    #[test]
    fn a_row_with_the_wrong_number_of_values() {
        expect_err(
            read_with("id,label,sector\na,Hughes, Ben,GP\n", EDGES, &opts()),
            np(),
            line(2),
            &["4 values", "header has 3 columns", "quotes"],
        );
        expect_err(
            read_with(NODES, "source,target,weight\na,b\n", &opts()),
            ep(),
            line(2),
            &["2 values", "3 columns"],
        );
    }

    #[test]
    fn an_empty_id() {
        expect_err(
            read_with("id,label,sector\na,A,S\n ,B,S\n", EDGES, &opts()),
            np(),
            cell(3, "id"),
            &["empty; every actor needs an id"],
        );
    }

    #[test]
    fn an_empty_sector() {
        let e = expect_err(
            read_with("id,label,sector\na,A,S\nb,B, \n", EDGES, &opts()),
            np(),
            cell(3, "sector"),
            &["empty; every actor needs a sector (or pass --default-sector NAME)"],
        );
        assert_eq!(
            e,
            "data/nodes.csv: line 3, column \"sector\": empty; every actor needs a sector (or pass --default-sector NAME)"
        );
    }

    #[test]
    fn a_duplicate_actor_id() {
        let e = expect_err(
            read_with("id,label,sector\nx,A,S\ny,B,S\nx,C,S\n", EDGES, &opts()),
            np(),
            cell(4, "id"),
            &[],
        );
        assert!(
            e.ends_with("duplicate id \"x\" (first on line 2); ids must be unique, or pass --merge-duplicates"),
            "{e}"
        );
    }

    #[test]
    fn messages_quoting_line_breaks_stay_on_one_line() {
        let e = expect_err(
            read_with(
                "id,label,sector\n\"x\ny\",A,S\n\"x\ny\",B,S\n",
                EDGES,
                &opts(),
            ),
            np(),
            cell(4, "id"),
            &["duplicate id \"x\\ny\" (first on line 2)"],
        );
        assert!(!e.contains('\n'));
        expect_err(
            read_with("id,sector,\"te\nam\",\"attr:te\nam\"\n", EDGES, &opts()),
            np(),
            cell(1, "attr:te\\nam"),
            &["attribute \"te\\nam\""],
        );
        expect_err(
            read_with("id,label,sector,stance\na,A,S,\"so\rso\"\n", EDGES, &opts()),
            np(),
            cell(2, "stance"),
            &["\"so\\rso\" is not one of"],
        );
    }

    #[test]
    fn bad_actor_values_name_their_cell() {
        for (column, value, words) in [
            ("stance", "keen", "\"keen\" is not one of: champion"),
            ("influence", "7", "\"7\" is not a whole number from 1 to 5"),
            ("Seniority", "0", "\"0\" is not a whole number from 1 to 5"),
            ("x", "abc", "\"abc\" is not a finite number"),
            ("y", "inf", "\"inf\" is not a finite number"),
            ("pinned", "maybe", "\"maybe\" is not true or false"),
            ("kind", "robot", "\"robot\" is not one of: person"),
            ("profession", "wizard", "\"wizard\" is not one of: doctor"),
            (
                "private",
                "stance;secrets",
                "\"secrets\" is not one of: organisation",
            ),
        ] {
            let nodes = format!("id,label,sector,{column}\na,A,S,\nb,B,S,{value}\n");
            expect_err(
                read_with(&nodes, EDGES, &opts()),
                np(),
                cell(3, column),
                &[words],
            );
        }
    }

    #[test]
    fn bad_weights_name_line_and_column() {
        for (w, words) in [
            ("abc", "not a number"),
            ("NaN", "not a number"),
            ("inf", "infinite"),
            ("-1", "not positive"),
            ("0", "not positive"),
        ] {
            let edges = format!("source,target,Weight\na,b,1\nb,c,{w}\n");
            expect_err(
                read_with(NODES, &edges, &opts()),
                ep(),
                cell(3, "Weight"),
                &[words],
            );
        }
    }

    #[test]
    fn bad_tie_values_name_their_cell() {
        for (column, value, words) in [
            (
                "directed",
                "sometimes",
                "\"sometimes\" is not true or false",
            ),
            ("confirmed", "2", "\"2\" is not true or false"),
            (
                "private",
                "weight",
                "\"weight\" is not one of: notes, attributes",
            ),
        ] {
            let edges = format!("source,target,{column}\na,b,{value}\n");
            expect_err(
                read_with(NODES, &edges, &opts()),
                ep(),
                cell(2, column),
                &[words],
            );
        }
    }

    #[test]
    fn an_unknown_actor_in_a_tie() {
        let e = expect_err(
            read_with(NODES, "source,target\na,b\nb,c\nc,zz\n", &opts()),
            ep(),
            cell(4, "target"),
            &[],
        );
        assert_eq!(
            e,
            "data/edges.csv: line 4, column \"target\": no actor with id \"zz\" in nodes.csv; add it there or remove this row"
        );
        expect_err(
            read_with(NODES, "from,to\nqq,a\n", &opts()),
            ep(),
            cell(2, "from"),
            &["\"qq\""],
        );
    }

    #[test]
    fn an_empty_end_of_a_tie() {
        expect_err(
            read_with(NODES, "source,target,weight\na,,2\n", &opts()),
            ep(),
            cell(2, "target"),
            &["empty; every tie needs a target", "nodes.csv"],
        );
    }

    #[test]
    fn a_duplicate_tie_id() {
        expect_err(
            read_with(NODES, "source,target,id\na,b,k\nb,c,\nc,a,k\n", &opts()),
            ep(),
            cell(4, "id"),
            &[
                "duplicate tie id \"k\" (first on line 2)",
                "--merge-duplicates",
            ],
        );
    }

    #[test]
    fn no_nodes_file_and_no_default_sector() {
        expect_err(
            read_csv_pair(Path::new("d/x.edges.csv"), EDGES, None, &opts()),
            Path::new("d/x.edges.csv"),
            None,
            &[
                "no actors file: pass --nodes NODES.csv (or put x.nodes.csv beside x.edges.csv)",
                "--default-sector",
            ],
        );
    }

    // ---- repairs -------------------------------------------------------

    #[test]
    fn merging_duplicates_fills_blank_cells_only_and_says_so() {
        let nodes = "id,label,sector,role,influence,team\n\
                     a,,GP,Lead,,\n\
                     b,Bo,GP,,,\n\
                     a,Ann,Acute,Lead,4,Blue\n\
                     a,Annie,,,5,\n\
                     b,Bo,,Nurse,,\n";
        let options = ImportOptions {
            merge_duplicates: true,
            ..opts()
        };
        let l = read_with(nodes, "source,target\na,b\n", &options).unwrap();
        let n = &l.network;
        assert_eq!(n.actors().len(), 2);
        let a = &n.actors()[0];
        assert_eq!(a.name, "Ann", "the first row's label was blank");
        assert_eq!(a.sector, "GP", "the first row's sector wins");
        assert_eq!(a.role, "Lead");
        assert_eq!(a.influence, Some(4));
        assert_eq!(a.attributes.get("team").map(String::as_str), Some("Blue"));
        assert_eq!(n.actors()[1].role, "Nurse");
        let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["GP"], "a dropped value makes no sector");
        assert_eq!(
            l.warnings,
            [
                "nodes.csv: merged 3 duplicate rows into the first row with the same id (\"a\", \"b\"); a later row only fills cells the earlier rows left blank, so 3 values that differed from the first row's were dropped"
            ]
        );
        // A bad value in a merged row is still an error.
        let bad = "id,label,sector,influence\na,A,S,2\na,A,S,9\n";
        expect_err(
            read_with(bad, EDGES, &options),
            np(),
            cell(3, "influence"),
            &["\"9\""],
        );
    }

    #[test]
    fn merging_lets_a_later_row_fill_a_blank_sector() {
        let options = ImportOptions {
            merge_duplicates: true,
            ..opts()
        };
        let l = read_with(
            "id,label,sector\na,A,\nb,B,S\na,A,T\n",
            "source,target\n",
            &options,
        )
        .unwrap();
        let sectors: Vec<&str> = l.network.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["T", "S"]);
        assert_eq!(l.warnings.len(), 1);
        assert!(!l.warnings[0].contains("dropped"), "{:?}", l.warnings);
    }

    #[test]
    fn merging_gives_repeated_tie_ids_fresh_ones() {
        let options = ImportOptions {
            merge_duplicates: true,
            ..opts()
        };
        let l = read_with(NODES, "source,target,id\na,b,t2\nb,c,t2\nc,a,\n", &options).unwrap();
        let ids: Vec<&str> = l.network.ties().iter().map(|t| t.id().as_str()).collect();
        assert_eq!(ids, ["t2", "t1", "t3"]);
        assert_eq!(
            l.warnings,
            [
                "edges.csv: 1 tie reused an earlier tie's id and got a fresh one (line 3: \"t2\" → \"t1\")"
            ]
        );
    }

    #[test]
    fn a_default_sector_fills_blanks_and_is_announced() {
        let options = ImportOptions {
            default_sector: Some("Unsorted".into()),
            ..opts()
        };
        let l = read_with("id,label,sector\na,A,\nb,B,GP\nc,C,\n", EDGES, &options).unwrap();
        let n = &l.network;
        let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["Unsorted", "GP"]);
        assert_eq!(n.actors()[2].sector, "Unsorted");
        assert_eq!(
            l.warnings,
            ["nodes.csv: 2 actors had no sector and were put in \"Unsorted\" (--default-sector)"]
        );
        // With no sector column at all.
        let l = read_with("id,label\na,A\nb,B\nc,C\n", EDGES, &options).unwrap();
        assert!(l.network.actors().iter().all(|a| a.sector == "Unsorted"));
        assert_eq!(
            l.warnings,
            ["nodes.csv: 3 actors had no sector and were put in \"Unsorted\" (--default-sector)"]
        );
        // Without blanks there is nothing to announce.
        let l = read_with(NODES, EDGES, &options).unwrap();
        assert!(l.warnings.is_empty());
    }

    #[test]
    fn no_nodes_file_with_a_default_sector_makes_actors_from_the_ties() {
        let options = ImportOptions {
            default_sector: Some(" Unsorted ".into()),
            ..opts()
        };
        let l = read_csv_pair(ep(), "source,target\nq,p\np,r\nq,q\n", None, &options).unwrap();
        let n = &l.network;
        let ids: Vec<&str> = n.actors().iter().map(|a| a.id().as_str()).collect();
        assert_eq!(ids, ["q", "p", "r"]);
        assert!(
            n.actors()
                .iter()
                .all(|a| a.name == a.id().as_str() && a.sector == "Unsorted")
        );
        assert_eq!(n.ties().len(), 3);
        assert_eq!(
            l.warnings,
            [
                "no actors file, so 3 actors were made from the ties' ends, each labelled with its id and put in \"Unsorted\" (--default-sector)"
            ]
        );
    }

    // ---- writing -------------------------------------------------------

    fn sample() -> Network {
        let mut n = Network::with_lists(Vec::new(), default_tie_kinds());
        n.ensure_sector("GP");
        let mut a = Actor::new("a", "Hughes, Ben \"BH\"", "GP");
        a.notes = "two\nlines".into();
        a.attributes.insert("team".into(), "Blue".into());
        a.attributes.insert("Label".into(), "x".into());
        a.attributes.insert("empty".into(), String::new());
        n.add_actor(a).unwrap();
        n.add_actor(Actor::new("b", "Zoë", "GP")).unwrap();
        let mut t = Tie::new("t1", "a", "b", "referral", true);
        t.strength = 0.1 + 0.2;
        n.add_tie(t).unwrap();
        n
    }

    #[test]
    fn written_files_have_the_documented_layout() {
        let (nodes, edges) = write_csv_pair(&sample());
        let mut lines = nodes.split('\n');
        assert_eq!(
            lines.next().unwrap(),
            "id,label,sector,kind,organisation,role,profession,formal_position,stance,influence,tags,notes,x,y,pinned,private,attr:Label,team"
        );
        assert_eq!(
            lines.next().unwrap(),
            "a,\"Hughes, Ben \"\"BH\"\"\",GP,person,,,,,unknown,,,\"two"
        );
        assert!(
            nodes.contains("\nb,Zoë,GP,person,,,,,unknown,,,,,,false,stance;notes,,\n"),
            "{nodes}"
        );
        assert!(nodes.ends_with('\n') && !nodes.contains('\r') && !nodes.starts_with('\u{feff}'));
        assert_eq!(
            edges,
            "source,target,weight,id,kind,directed,confirmed,notes,private\na,b,0.30000000000000004,t1,referral,true,true,,notes\n"
        );
        assert_eq!(write_csv_pair(&sample()), (nodes, edges), "deterministic");
    }

    #[test]
    fn written_files_read_back() {
        let n = sample();
        let (nodes, edges) = write_csv_pair(&n);
        let l = read(&nodes, &edges);
        assert!(l.warnings.is_empty());
        let mut want = n.clone();
        want.actor_mut(&"a".into())
            .unwrap()
            .attributes
            .remove("empty");
        assert_eq!(l.network.actors(), want.actors());
        assert_eq!(l.network.ties(), want.ties());
        assert_eq!(l.network.sectors, want.sectors);
        assert_eq!(l.network.tie_kinds, want.tie_kinds);
    }

    #[test]
    fn an_empty_map_writes_headers_only_and_reads_back() {
        let n = Network::with_lists(Vec::new(), default_tie_kinds());
        let (nodes, edges) = write_csv_pair(&n);
        assert_eq!(nodes.lines().count(), 1);
        assert_eq!(edges.lines().count(), 1);
        let l = read(&nodes, &edges);
        assert_eq!(l.network, n);
    }

    // ---- the round trip --------------------------------------------

    mod round_trip {
        use super::*;
        use crate::model::arbitrary::{self, Alphabet, Lists};
        use proptest::collection::{btree_map, vec};
        use proptest::prelude::*;
        use proptest::sample::select;

        /// What a CSV pair finds hard: separators, quotes, line ends and
        /// characters beyond ASCII, or anything at all.
        struct CsvText;

        impl Alphabet for CsvText {
            fn actor_id() -> impl Strategy<Value = String> {
                Self::name()
            }

            /// Not blank: a blank draw gets a letter added.
            fn name() -> impl Strategy<Value = String> {
                Self::text().prop_map(|s| if s.trim().is_empty() { s + "x" } else { s })
            }

            fn text() -> impl Strategy<Value = String> {
                prop_oneof![
                    3 => r#"[a-c ,"\r\n;:éΩ漢🎉\t']{0,8}"#,
                    1 => any::<String>(),
                ]
            }

            /// A valid tag: no ';', trimmed, not empty.
            fn tag() -> impl Strategy<Value = String> {
                Self::text().prop_map(|s| {
                    let t = s.replace(';', "");
                    let t = t.trim();
                    if t.is_empty() {
                        "tag".to_owned()
                    } else {
                        t.to_owned()
                    }
                })
            }

            fn coordinate() -> impl Strategy<Value = f64> {
                use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
                prop_oneof![
                    -1e3f64..1e3,
                    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
                ]
            }

            fn strength() -> impl Strategy<Value = f64> {
                use proptest::num::f64::{NORMAL, POSITIVE, SUBNORMAL};
                prop_oneof![Just(1.0), 1e-3f64..10.0, POSITIVE | NORMAL | SUBNORMAL]
            }

            fn attributes() -> impl Strategy<Value = std::collections::BTreeMap<String, String>> {
                let key = prop_oneof![
                    1 => select(vec!["", " ", "label", "Source", "ID", "attr:", "attr:id", "team", " team "])
                        .prop_map(str::to_owned),
                    2 => Self::text(),
                ];
                let value =
                    Self::text().prop_map(|v| if v.is_empty() { "v".to_owned() } else { v });
                btree_map(key, value, 0..3)
            }
        }

        /// Trimmed and not empty, as sector and tie-kind names are read.
        fn trimmed() -> impl Strategy<Value = String> {
            CsvText::name().prop_map(|s| s.trim().to_owned())
        }

        /// The lists a CSV pair can hold: the sectors in order of first
        /// use; the default tie kinds, then new kinds in order of first use.
        fn lists() -> impl Strategy<Value = Lists> {
            let default_kinds = default_tie_kinds()
                .into_iter()
                .map(|k| k.name)
                .collect::<Vec<_>>();
            (
                vec(trimmed(), 1..4),
                vec(prop_oneof![select(default_kinds), trimmed()], 1..4),
            )
                .prop_map(|(sector_names, kind_names)| Lists {
                    sectors: Vec::new(),
                    tie_kinds: default_tie_kinds(),
                    sector_names,
                    kind_names,
                })
        }

        fn network() -> impl Strategy<Value = Network> {
            arbitrary::network::<CsvText>(lists(), 5, 7)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn writing_then_reading_gives_the_same_map(n in network()) {
                prop_assert!(n.validate().is_empty(), "{:?}", n.validate());
                let (nodes, edges) = write_csv_pair(&n);
                let back = match read_csv_pair(ep(), &edges, Some((np(), &nodes)), &ImportOptions::default()) {
                    Ok(l) => l,
                    Err(e) => return Err(TestCaseError::fail(format!("{e}\n--- nodes\n{nodes}\n--- edges\n{edges}"))),
                };
                prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
                let m = &back.network;
                prop_assert_eq!(m.actors(), n.actors());
                prop_assert_eq!(m.ties(), n.ties());
                let names = |n: &Network| n.sectors.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
                prop_assert_eq!(names(m), names(&n));
                prop_assert_eq!(&m.sectors, &n.sectors);
                prop_assert_eq!(&m.tie_kinds, &n.tie_kinds);
                prop_assert_eq!(write_csv_pair(m), (nodes, edges));
            }
        }
    }
}
