use crate::io::builder::{MapBuilder, Origin, file_name, one_line, plural};
use crate::io::error::{IoError, Location};
use crate::io::fields;
use crate::io::{ImportOptions, Loaded};
use crate::model::{Actor, Tie};
use csv::{ReaderBuilder, StringRecord};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

/// How much of a file may hold the header line. A longer first record is
/// not a header, and reading it whole would only delay the error.
pub const MAX_HEADER_BYTES: usize = 1 << 20;

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

/// Reads and checks the header of `text`, looking at no more than
/// [`MAX_HEADER_BYTES`] of it.
fn read_header(path: &Path, text: &str, table: Table) -> Result<Header, IoError> {
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
    let required: &[&str] = match table {
        Table::Actors => &["id"],
        Table::Ties => &["source", "target"],
    };
    if let Some(missing) = required.iter().find(|c| !has(c)) {
        let need = match table {
            Table::Actors => {
                "an actors file needs at least an \"id\" column (\"label\", \"sector\" and the rest are optional)"
            }
            Table::Ties => {
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

impl Header {
    /// The (canonical field, header text) pairs of the built-in columns,
    /// for [`Origin::row`].
    fn fields(&self) -> Arc<Vec<(String, String)>> {
        Arc::new(
            self.columns
                .iter()
                .zip(&self.names)
                .filter_map(|(c, n)| match c {
                    Column::Builtin(b) => Some(((*b).to_owned(), n.clone())),
                    Column::Attribute(_) => None,
                })
                .collect(),
        )
    }
}

/// An [`IoError::Invalid`] at the cell of column `i` on `line`.
fn cell_error(path: &Path, header: &Header, line: usize, i: usize, message: String) -> IoError {
    invalid(
        path,
        Location::Cell {
            line,
            column: header.name(i).to_owned(),
        },
        message,
    )
}

// ---------------------------------------------------------------------------
// Actors

/// Reads the nodes file's rows into `builder`.
fn read_actors(path: &Path, text: &str, builder: &mut MapBuilder) -> Result<(), IoError> {
    let header = read_header(path, text, Table::Actors)?;
    let id_col = header.find("id").unwrap_or(0);
    let shared_path: Arc<Path> = Arc::from(path);
    let fields_of = header.fields();
    let skipped = for_each_row(path, text, &header, |record, line| {
        let id = record.get(id_col).unwrap_or("");
        if id.trim().is_empty() {
            return Err(cell_error(
                path,
                &header,
                line,
                id_col,
                "empty; every actor needs an id, a short name unique in the file that the ties file uses".into(),
            ));
        }
        let mut actor = Actor::new(id, "", "");
        let mut provided = BTreeSet::new();
        for (i, (column, cell)) in header.columns.iter().zip(record.iter()).enumerate() {
            let blank = cell.trim().is_empty();
            match column {
                Column::Builtin("id") => {}
                Column::Builtin("label") if blank => {}
                Column::Builtin(c) => {
                    fields::set_actor_value(&mut actor, c, cell)
                        .map_err(|m| cell_error(path, &header, line, i, m))?;
                    if !blank {
                        provided.insert(*c);
                    }
                }
                Column::Attribute(a) => {
                    if !cell.is_empty() {
                        actor.attributes.insert(a.clone(), cell.to_owned());
                    }
                }
            }
        }
        let origin = Origin::row(shared_path.clone(), line, fields_of.clone());
        builder.add_actor_with(actor, provided, origin)
    })?;
    if let Some(w) = skipped_warning(path, skipped) {
        builder.warn(w);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Ties

/// Reads the edges file's rows into `builder`.
fn read_ties(
    path: &Path,
    text: &str,
    header: &Header,
    nodes_path: Option<&Path>,
    options: &ImportOptions,
    builder: &mut MapBuilder,
) -> Result<(), IoError> {
    let source_col = header.find("source").unwrap_or(0);
    let target_col = header.find("target").unwrap_or(0);
    let nodes_name = nodes_path.map(file_name);
    let shared_path: Arc<Path> = Arc::from(path);
    let fields_of = header.fields();
    let skipped = for_each_row(path, text, header, |record, line| {
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
                return Err(cell_error(
                    path,
                    header,
                    line,
                    col,
                    format!("empty; every tie needs a {role}: {whose}"),
                ));
            }
            *slot = end.to_owned();
        }
        let [from, to] = ends;
        let mut tie = Tie::new("", from, to, "", options.directed);
        let mut id = None;
        for (i, (column, cell)) in header.columns.iter().zip(record.iter()).enumerate() {
            match column {
                Column::Builtin("source" | "target") => {}
                Column::Builtin("id") => id = Some(cell.to_owned()),
                Column::Builtin(c) => fields::set_tie_value(&mut tie, c, cell)
                    .map_err(|m| cell_error(path, header, line, i, m))?,
                Column::Attribute(a) => {
                    if !cell.is_empty() {
                        tie.attributes.insert(a.clone(), cell.to_owned());
                    }
                }
            }
        }
        let origin = Origin::row(shared_path.clone(), line, fields_of.clone());
        builder.add_tie(id, tie, origin)
    })?;
    if let Some(w) = skipped_warning(path, skipped) {
        builder.warn(w);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Reading

/// Reads a CSV edges file and its nodes file (or none: then the actors are
/// made from the ties' ends); see the module docs for the rules. Texts are
/// already decoded.
pub fn read_csv_pair(
    edges_path: &Path,
    edges_text: &str,
    nodes: Option<(&Path, &str)>,
    options: &ImportOptions,
) -> Result<Loaded, IoError> {
    let edges_header = read_header(edges_path, edges_text, Table::Ties)?;
    let mut builder = MapBuilder::new(options);
    match nodes {
        Some((path, text)) => read_actors(path, text, &mut builder)?,
        None => builder.make_actors_from_tie_ends("no actors file"),
    }
    read_ties(
        edges_path,
        edges_text,
        &edges_header,
        nodes.map(|(p, _)| p),
        options,
        &mut builder,
    )?;
    builder.finish()
}
