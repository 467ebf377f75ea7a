//! Reading spreadsheets and Kumu-style tables: see the module docs of
//! `sheet`.

use super::Table;
use crate::io::builder::{MapBuilder, Origin, file_name, plural};
use crate::io::error::IoError;
use crate::io::fields;
use crate::io::{ImportOptions, Loaded};
use crate::model::{Actor, Tie};
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

/// A cell as text; see the module docs for dates, formulas and errors.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::Error(e) => e.to_string(),
    }
}

/// Excel's last row and column (0-based): 1,048,576 rows, 16,384
/// columns. A cell beyond them is damage, not data.
const LAST_ROW: u32 = 1_048_575;
/// See [`LAST_ROW`].
const LAST_COLUMN: u32 = 16_383;

/// The most cells a sheet may span (each used row from the sheet's first
/// used column to the row's last cell, and runs of blank rows as two
/// cells): 4 million, twenty times a 20,000-actor map with ten columns.
/// Bounds memory whatever cell addresses a file claims.
const MAX_SHEET_CELLS: usize = 4_000_000;

/// The most bytes of text the cells of a workbook may hold together
/// (32 MB: a 20,000-actor map with ten columns of 100-letter text is
/// 20 MB).
const MAX_WORKBOOK_TEXT: usize = 32_000_000;

/// The most bytes a member of an `.xlsx` (a sheet's XML, the shared
/// texts) may unpack to: 256 MB, about 8 million cells of XML, twice the
/// cells Bridgework reads. A zip of repeated text packs 1,000 to 1, so
/// a 1.4 MB file held 560 MB of one sheet and took 1.4 GB and 6 s.
const MAX_MEMBER_BYTES: u64 = 256_000_000;

/// The most bytes an `.xlsx`'s shared texts may unpack to (64 MB):
/// calamine holds them all, each as its own string.
const MAX_SHARED_STRINGS_BYTES: u64 = 64_000_000;

/// The most different texts an `.xlsx` may share (1 million, about 50 MB
/// in calamine's hands; a 100,000-actor map with its organisations and
/// notes has a few hundred thousand).
const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// The most cell formats (`<xf>` elements) the styles may hold: Excel's
/// own limit, 64,000 (a 45 KB file of 800,000 took 166 MB).
const MAX_CELL_FORMATS: u64 = 64_000;

/// The most bytes another XML part calamine reads whole (the workbook,
/// its links, the styles) may unpack to: 16 MB, many times a real one.
const MAX_XML_PART_BYTES: u64 = 16_000_000;

/// The most cells the sheets of an `.xls` may span together (1.5
/// million): calamine lays each sheet out whole, 32 bytes a cell, and the
/// reader copies the used ones, so a 6 KB workbook of 2 million cells
/// took 240 MB. An `.xls` sheet has at most 65,536 rows: an actors sheet
/// that long with 16 columns is 1 million cells.
pub(super) const MAX_XLS_CELLS: usize = 1_500_000;

/// The most ties one row may make (every name in its `From` cell with
/// every name in its `To` cell): more is a damaged or wrong file, and each
/// tie costs memory.
pub const MAX_TIES_A_ROW: usize = 10_000;

/// The most sheets a workbook may list: each is read on its own, and a
/// damaged workbook listing one sheet 40,000 times took seconds.
pub const MAX_SHEETS: usize = 1_000;

/// A workbook opened from bytes.
type Book = calamine::Sheets<Cursor<Vec<u8>>>;

/// A cell's (row, column), 0-based, and value.
type SheetCell = ((u32, u32), Data);

/// The most cells, and bytes of cell text, a workbook's sheets may hold
/// together as they are read: a cell of shared text is a copy of it, so
/// a 12 KB `.xlsx` naming one 1 MB text in 20,000 cells asked for 20 GB.
#[derive(Clone, Copy, Debug)]
struct Budget {
    /// Non-empty cells left.
    cells: usize,
    /// Bytes of text left.
    text: usize,
}

impl Budget {
    /// What a whole workbook may hold.
    fn workbook() -> Self {
        Self {
            cells: MAX_SHEET_CELLS,
            text: MAX_WORKBOOK_TEXT,
        }
    }

    /// Takes one cell of `text_len` bytes of text, or says what ran out.
    fn take(&mut self, text_len: usize) -> Result<(), String> {
        if self.cells == 0 {
            return Err(format!(
                "the workbook holds more than {MAX_SHEET_CELLS} cells, more than Bridgework reads; keep the map's sheets in a workbook of their own"
            ));
        }
        if text_len > self.text {
            return Err(format!(
                "the workbook's cells hold more than {} MB of text (a text repeated in many cells counts each time), more than Bridgework reads; the file is damaged, or keep the map's sheets in a workbook of their own",
                MAX_WORKBOOK_TEXT / 1_000_000
            ));
        }
        self.cells -= 1;
        self.text -= text_len;
        Ok(())
    }

    /// Adds cell `d` at `at` to `cells` unless it is empty, taking it from
    /// the budget.
    fn keep(&mut self, cells: &mut Vec<SheetCell>, at: (u32, u32), d: Data) -> Result<(), String> {
        if !matches!(d, Data::Empty) {
            let text = match &d {
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len(),
                _ => 0,
            };
            self.take(text)?;
            cells.push((at, d));
        }
        Ok(())
    }

    /// [`Budget::keep`] for a cell read cell by cell: a shared text too
    /// long for the budget is refused before it is copied out of the
    /// workbook's table.
    fn keep_streamed(
        &mut self,
        cells: &mut Vec<SheetCell>,
        cell: &calamine::Cell<calamine::DataRef<'_>>,
    ) -> Result<(), String> {
        let d = cell.get_value();
        if let calamine::DataRef::SharedString(s) = d
            && s.len() > self.text
        {
            return self.take(s.len());
        }
        self.keep(cells, cell.get_position(), Data::from(d.clone()))
    }
}

/// The non-empty cells of sheet `name`: (row, column), 0-based, and value,
/// taken from `budget`. `.xlsx` and `.xlsb` sheets are read cell by cell,
/// so that a cell far away (`XFD1048576`) costs one cell, not the
/// rectangle up to it, and a shared text is copied only into cells the
/// budget allows.
fn sheet_cells(book: &mut Book, name: &str, budget: &mut Budget) -> Result<Vec<SheetCell>, String> {
    let mut cells = Vec::new();
    match book {
        calamine::Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            while let Some(c) = reader.next_cell().map_err(|e| e.to_string())? {
                budget.keep_streamed(&mut cells, &c)?;
            }
        }
        calamine::Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            while let Some(c) = reader.next_cell().map_err(|e| e.to_string())? {
                budget.keep_streamed(&mut cells, &c)?;
            }
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| e.to_string())?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, d) in range.used_cells() {
                let at =
                    |base: u32, i: usize| base.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                budget.keep(&mut cells, (at(r0, r), at(c0, c)), d.clone())?;
            }
        }
    }
    Ok(cells)
}

/// Sheet `name` as a table from its cells: rows from the first used one,
/// each from the first used column to its own last cell (a cell far to
/// the right widens its row only, not every row); a run of blank rows is
/// kept as at most two (enough to split Kumu's one-sheet layout).
fn table_from_cells(
    path: &Path,
    name: String,
    mut cells: Vec<SheetCell>,
) -> Result<Table, IoError> {
    if let Some(((r, c), _)) = cells
        .iter()
        .find(|((r, c), _)| *r > LAST_ROW || *c > LAST_COLUMN)
    {
        return Err(IoError::invalid_file(
            path,
            format!(
                "sheet \"{name}\" has a cell at row {}, column {}, beyond the last row or column a spreadsheet can have; the file is damaged: open it in Excel or LibreOffice and save it again",
                u64::from(*r) + 1,
                u64::from(*c) + 1
            ),
        ));
    }
    // Later cells at the same address win, as in the sheet's own order.
    cells.reverse();
    cells.sort_by_key(|(pos, _)| *pos);
    cells.dedup_by_key(|(pos, _)| *pos);
    let first_column = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut last_row: Option<u32> = None;
    // Cells laid out so far, blank ones between used ones and blank rows
    // (one each) included.
    let mut spanned = 0usize;
    for ((r, c), d) in cells {
        let col = (c - first_column) as usize;
        let mut added = 0;
        if last_row != Some(r) {
            let blanks = last_row.map_or(0, |prev| (r - prev - 1).min(2));
            for blank in r - blanks..r {
                rows.push((blank as usize + 1, Vec::new()));
            }
            rows.push((r as usize + 1, Vec::new()));
            added += blanks as usize + 1;
            last_row = Some(r);
        }
        let Some((_, row)) = rows.last_mut() else {
            continue;
        };
        added += (col + 1).saturating_sub(row.len());
        spanned = spanned.saturating_add(added);
        if spanned > MAX_SHEET_CELLS {
            return Err(IoError::invalid_file(
                path,
                format!(
                    "sheet \"{name}\" spans more than {MAX_SHEET_CELLS} cells, more than Bridgework reads; delete the rows and columns far from the map's data and save it again"
                ),
            ));
        }
        if row.len() <= col {
            row.resize(col + 1, String::new());
        }
        if let Some(cell) = row.get_mut(col) {
            *cell = cell_text(&d);
        }
    }
    Ok(Table { name, rows })
}

/// What the parts of an `.xlsx` may unpack to; see [`check_zip_members`].
#[derive(Clone, Copy, Debug)]
pub(super) struct ZipLimits {
    /// Bytes of a sheet's XML (read cell by cell) or a part calamine does
    /// not read (pictures and the like).
    pub member: u64,
    /// Bytes of another XML part calamine reads whole (the workbook, its
    /// links, the styles).
    pub xml: u64,
    /// Bytes of the shared texts.
    pub shared: u64,
    /// Shared texts (`<si>` elements).
    pub shared_count: u64,
    /// Sheets the workbook lists (`<sheet>` elements).
    pub sheets: u64,
    /// Cell formats (`<xf>` elements of the styles; calamine keeps each).
    pub styles: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            member: MAX_MEMBER_BYTES,
            xml: MAX_XML_PART_BYTES,
            shared: MAX_SHARED_STRINGS_BYTES,
            shared_count: MAX_SHARED_STRINGS,
            sheets: MAX_SHEETS as u64,
            styles: MAX_CELL_FORMATS,
        }
    }
}

/// Counts the elements called `name` (with or without a namespace
/// prefix) in XML read in chunks, without holding it: each `<` starts a
/// tag name, ended by `>`, `/` or a space; closing tags (`</`) and other
/// names do not count.
pub(super) struct ElementCounter {
    name: &'static [u8],
    pub(super) count: u64,
    /// The tag name read so far, while in one (at most 64 bytes kept).
    tag: Option<Vec<u8>>,
}

impl ElementCounter {
    pub(super) fn new(name: &'static [u8]) -> Self {
        Self {
            name,
            count: 0,
            tag: None,
        }
    }

    pub(super) fn feed(&mut self, chunk: &[u8]) {
        for &b in chunk {
            if b == b'<' {
                self.tag = Some(Vec::new());
                continue;
            }
            let Some(tag) = &mut self.tag else {
                continue;
            };
            if matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r') {
                // `</x>` ends its name at once, empty.
                let local = tag.rsplit(|&c| c == b':').next().unwrap_or(&[]);
                if !tag.is_empty() && local == self.name {
                    self.count += 1;
                }
                self.tag = None;
            } else if tag.len() < 64 {
                tag.push(b);
            } else {
                self.tag = None;
            }
        }
    }
}

/// Every part of an `.xlsx` zip unpacked (to nothing but counts) within
/// `limits`: calamine holds the shared texts, the workbook's sheet list
/// and the other XML parts it reads whole, so a 154 KB file of 3.5
/// million one-letter texts took 200 MB, and a workbook listing a million
/// sheets 250 MB, before any check. calamine also reserves room for as
/// many shared strings as `uniqueCount` claims before reading any, so a
/// damaged count (`4294967296`) asked for 96 GB and aborted: a count the
/// file is far too small to hold (over 64 strings a byte of the file) is
/// refused too. Not a zip (`.xls`): nothing to check here.
pub(super) fn check_zip_members(
    path: &Path,
    bytes: &[u8],
    limits: &ZipLimits,
) -> Result<(), IoError> {
    use std::io::Read;
    // Not a zip archive (.xls): calamine says so itself.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let limit = (bytes.len() as u128).saturating_mul(64);
    let refuse = |message: String| Err(IoError::invalid_file(path, message));
    let size = |n: u64| {
        if n >= 1_000_000 {
            format!("{} MB", n / 1_000_000)
        } else {
            format!("{n} bytes")
        }
    };
    for i in 0..archive.len() {
        let Ok(member) = archive.by_index(i) else {
            continue;
        };
        let member_name = member.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = member_name.to_lowercase();
        let shared = lower.ends_with("sharedstrings.xml");
        let workbook = lower.ends_with("workbook.xml");
        let sheet = lower.contains("worksheets/");
        let xml = lower.ends_with(".xml") || lower.ends_with(".rels");
        let limit_bytes = if shared {
            limits.shared
        } else if xml && !sheet {
            limits.xml
        } else {
            limits.member
        };
        let styles = lower.ends_with("styles.xml");
        let mut counter = if shared {
            Some(ElementCounter::new(b"si"))
        } else if workbook {
            Some(ElementCounter::new(b"sheet"))
        } else if styles {
            Some(ElementCounter::new(b"xf"))
        } else {
            None
        };
        // Unpacked to its end (or the limit) into nothing but counts.
        let mut head = Vec::new();
        let mut reader = member.take(limit_bytes + 1);
        if (&mut reader).take(4096).read_to_end(&mut head).is_err() {
            continue;
        }
        if let Some(c) = &mut counter {
            c.feed(&head);
        }
        let mut unpacked = head.len() as u64;
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    unpacked += n as u64;
                    if let (Some(c), Some(read)) = (&mut counter, chunk.get(..n)) {
                        c.feed(read);
                    }
                }
            }
        }
        if unpacked > limit_bytes {
            return refuse(format!(
                "its part \"{member_name}\" unpacks to more than {}, more than Bridgework reads{}; the file is damaged, or keep the map's sheets in a workbook of their own",
                size(limit_bytes),
                if shared { " of text" } else { "" }
            ));
        }
        match counter {
            Some(c) if shared && c.count > limits.shared_count => {
                return refuse(format!(
                    "the workbook holds {} different texts, more than the {} Bridgework reads; the file is damaged, or keep the map's sheets in a workbook of their own",
                    c.count, limits.shared_count
                ));
            }
            Some(c) if styles && c.count > limits.styles => {
                return refuse(format!(
                    "the workbook holds {} cell formats, more than the {} Bridgework reads (Excel's own limit); the file is damaged: open it in Excel or LibreOffice and save it again",
                    c.count, limits.styles
                ));
            }
            Some(c) if workbook && c.count > limits.sheets => {
                return refuse(format!(
                    "the workbook lists {} sheets, more than the {} Bridgework reads; the file is damaged, or keep the map's sheets in a workbook of their own",
                    c.count, limits.sheets
                ));
            }
            _ => {}
        }
        let head = String::from_utf8_lossy(&head);
        let Some(at) = head.find("uniqueCount") else {
            continue;
        };
        let value = head
            .get(at + "uniqueCount".len()..)
            .unwrap_or("")
            .trim_start()
            .trim_start_matches('=')
            .trim_start()
            .trim_start_matches(['"', '\''])
            .trim_start_matches('+');
        let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
        let too_many = digits.len() > 30 || digits.parse::<u128>().is_ok_and(|n| n > limit);
        if too_many {
            return Err(IoError::invalid_file(
                path,
                format!(
                    "the workbook claims {digits} different texts, far more than a file of its size can hold; the file is damaged: open it in Excel or LibreOffice and save it again"
                ),
            ));
        }
    }
    Ok(())
}

/// Every sheet of a workbook (`.xlsx`, `.xls`, `.xlsb`, `.ods`) as text,
/// less those whose name holds `(ignore)`.
pub fn read_workbook(path: &Path, bytes: &[u8]) -> Result<Vec<Table>, IoError> {
    check_zip_members(path, bytes, &ZipLimits::default())?;
    super::ods_size::check_ods_size(path, bytes, MAX_SHEET_CELLS)?;
    let not_readable = |e: &dyn std::fmt::Display| {
        IoError::invalid_file(
            path,
            format!(
                "this is not a spreadsheet Bridgework can read ({e}); save it from Excel or LibreOffice as .xlsx, .xls or .ods"
            ),
        )
    };
    // An .xls workbook is measured first and opened from a fresh container.
    let mut book = match super::xls_size::repack_xls(path, bytes, MAX_XLS_CELLS, MAX_SHEETS)? {
        Some(xls) => calamine::Sheets::Xls(
            calamine::Xls::new(Cursor::new(xls)).map_err(|e| not_readable(&e))?,
        ),
        None => {
            open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| not_readable(&e))?
        }
    };
    let names = book.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(IoError::invalid_file(
            path,
            format!(
                "the workbook lists {} sheets, more than the {MAX_SHEETS} Bridgework reads; the file is damaged, or keep the map's sheets in a workbook of their own",
                names.len()
            ),
        ));
    }
    let mut tables = Vec::new();
    let mut budget = Budget::workbook();
    for name in names {
        if name.to_lowercase().contains("(ignore)") {
            continue;
        }
        let cells = sheet_cells(&mut book, &name, &mut budget).map_err(|e| {
            IoError::invalid_file(path, format!("sheet \"{name}\" cannot be read ({e})"))
        })?;
        tables.push(table_from_cells(path, name, cells)?);
    }
    Ok(tables)
}

/// A CSV text as one table (for Kumu-style CSV files).
pub fn read_tables(path: &Path, text: &str) -> Result<Vec<Table>, IoError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, record) in rdr.records().enumerate() {
        let record = record
            .map_err(|e| IoError::invalid_file(path, format!("this is not readable CSV ({e})")))?;
        let line = record
            .position()
            .map_or(i + 1, |p| usize::try_from(p.line()).unwrap_or(i + 1));
        if record.iter().all(|c| c.trim().is_empty()) {
            // A run of blank rows is kept as two, as in a workbook: all a
            // reader needs, and memory stays in step with the data.
            let blanks = rows.iter().rev().take(2).filter(|(_, r)| blank(r)).count();
            if blanks < 2 {
                rows.push((line, Vec::new()));
            }
            continue;
        }
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(vec![Table {
        name: file_name(path),
        rows,
    }])
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Part of a table: its rows from a non-blank one (the header) to the
/// last non-blank one before a run of two or more blank rows.
struct Section<'a> {
    name: &'a str,
    rows: &'a [(usize, Vec<String>)],
}

/// A table split at runs of two or more blank rows (Kumu's one-sheet
/// layout), each part without leading or trailing blank rows; the rows are
/// the table's own, not copies.
fn sections(t: &Table) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    // (first, last) non-blank rows of the part being read.
    let mut current: Option<(usize, usize)> = None;
    let mut blanks = 0;
    for (i, (_, cells)) in t.rows.iter().enumerate() {
        if blank(cells) {
            blanks += 1;
            continue;
        }
        current = match current {
            Some((first, last)) if blanks >= 2 => {
                out.extend(t.rows.get(first..=last));
                Some((i, i))
            }
            Some((first, _)) => Some((first, i)),
            None => Some((i, i)),
        };
        blanks = 0;
    }
    if let Some((first, last)) = current {
        out.extend(t.rows.get(first..=last));
    }
    out.into_iter()
        .map(|rows| Section {
            name: &t.name,
            rows,
        })
        .collect()
}

/// What a header column means.
#[derive(Clone, Debug, PartialEq)]
enum Col {
    /// A built-in field (canonical name).
    Field(&'static str),
    /// Kumu's `Type`.
    Type,
    /// Kumu's `Direction`.
    Direction,
    /// An attribute of that name.
    Attribute(String),
    /// A blank header: left out.
    Skip,
}

struct Header {
    cols: Vec<Col>,
    /// Each built-in column (not an attribute, not left out) once, at its
    /// last place: what a row too short to reach it reads as blank.
    trailing: Vec<(usize, Col)>,
    /// Where the `id`, `label` and `Type` columns are (found once, not
    /// once a row).
    id: Option<usize>,
    label: Option<usize>,
    type_col: Option<usize>,
    /// (canonical field, header text) for origins.
    fields: Arc<Vec<(String, String)>>,
}

fn header(cells: &[String], ties: bool) -> Header {
    let mut cols = Vec::new();
    let mut named = Vec::new();
    for c in cells {
        let lower = c.trim().to_lowercase();
        let col = if c.trim().is_empty() {
            Col::Skip
        } else if lower == "direction" && ties {
            Col::Direction
        } else if (lower == "type" || lower == "element type") && !ties {
            Col::Type
        } else if lower == "connection type" && ties {
            Col::Field("kind")
        } else {
            let builtin = if ties {
                fields::tie_column(c)
            } else {
                fields::actor_column(c)
            };
            match builtin {
                Some(f) => Col::Field(f),
                None => Col::Attribute(
                    fields::attribute_name(c, |h| {
                        if ties {
                            fields::tie_column(h).is_some()
                        } else {
                            fields::actor_column(h).is_some()
                        }
                    })
                    .unwrap_or_else(|| c.clone()),
                ),
            }
        };
        if let Col::Field(f) = &col {
            named.push(((*f).to_owned(), c.clone()));
        }
        if col == Col::Type {
            named.push(("sector".to_owned(), c.clone()));
        }
        cols.push(col);
    }
    let at = |want: &Col| cols.iter().position(|c| c == want);
    let mut trailing: Vec<(usize, Col)> = Vec::new();
    for (i, c) in cols.iter().enumerate().rev() {
        let builtin = !matches!(c, Col::Attribute(_) | Col::Skip);
        if builtin && !trailing.iter().any(|(_, t)| t == c) {
            trailing.push((i, c.clone()));
        }
    }
    trailing.reverse();
    Header {
        trailing,
        id: at(&Col::Field("id")),
        label: at(&Col::Field("label")),
        type_col: at(&Col::Type),
        cols,
        fields: Arc::new(named),
    }
}

impl Header {
    /// The cells of a row as (column, value), each column at most once a
    /// row: the row's own cells, then a blank for each built-in column
    /// past its end (rows end at their last cell, and a blank `private`
    /// or `confirmed` still says something).
    fn cells<'a>(&'a self, cells: &'a [String]) -> impl Iterator<Item = (&'a Col, &'a String)> {
        static BLANK: String = String::new();
        let len = cells.len();
        self.cols.iter().zip(cells).chain(
            self.trailing
                .iter()
                .filter(move |(i, _)| *i >= len)
                .map(|(_, c)| (c, &BLANK)),
        )
    }
}

fn has(h: &Header, f: &str) -> bool {
    h.cols.iter().any(|c| *c == Col::Field(leak(f)))
}

/// The canonical `&'static str` for a field name used in comparisons.
fn leak(f: &str) -> &'static str {
    fields::ACTOR_COLUMNS
        .iter()
        .chain(fields::TIE_COLUMNS.iter())
        .find(|c| **c == f)
        .copied()
        .unwrap_or("")
}

/// The actors a `From` or `To` cell names: the cell as it is when it is an
/// actor's id or label, else each of its `|`-separated names.
fn ends(cell: &str, known: &impl Fn(&str) -> bool) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else if known(cell) {
        vec![cell.to_owned()]
    } else {
        split_bar(cell)
    }
}

/// Several values of one cell: `|` separates them (Kumu).
fn split_bar(s: &str) -> Vec<String> {
    s.split('|')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Makes a map from tables (sheets or a Kumu-style CSV); see the module
/// docs.
pub fn tables_to_map(
    path: &Path,
    tables: &[Table],
    options: &ImportOptions,
) -> Result<Loaded, IoError> {
    let shared: Arc<Path> = Arc::from(path);
    let mut builder = MapBuilder::new(options);
    let mut actors_table = None;
    let mut ties_table = None;
    let mut notes = Vec::new();
    for t in tables.iter().flat_map(sections) {
        let Some((_, first)) = t.rows.first() else {
            continue;
        };
        let is_ties = header(first, true);
        let is_actors = header(first, false);
        if has(&is_ties, "source") && has(&is_ties, "target") {
            if ties_table.is_none() {
                ties_table = Some(t);
            } else {
                notes.push(format!(
                    "skipped sheet \"{}\": the ties were read from an earlier sheet",
                    t.name
                ));
            }
        } else if has(&is_actors, "id") || has(&is_actors, "label") {
            if actors_table.is_none() {
                actors_table = Some(t);
            } else {
                notes.push(format!(
                    "skipped sheet \"{}\": the actors were read from an earlier sheet",
                    t.name
                ));
            }
        } else {
            notes.push(format!(
                "skipped sheet \"{}\": its first row names no id or label column (actors) and no source and target, or From and To, columns (ties)",
                t.name
            ));
        }
    }
    if actors_table.is_none() && ties_table.is_none() {
        return Err(IoError::invalid_file(
            path,
            "no sheet holds actors (a first row with an id or label column) or ties (source and target, or From and To); name the columns in the first row",
        ));
    }

    let mut by_label: HashMap<String, String> = HashMap::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut skipped_columns = 0usize;
    match &actors_table {
        Some(t) => {
            let first = t.rows.first().map(|(_, c)| c.as_slice()).unwrap_or(&[]);
            let h = header(first, false);
            skipped_columns += count_skipped(&h, t);
            let type_is_kind = has(&h, "sector");
            // The mapping step names the fields Kumu's `Type` fills.
            if type_is_kind && let Some(name) = written(&h, first, |c| *c == Col::Type) {
                builder.field_source(false, "kind", name);
                if let Some(sector) = written(&h, first, |c| *c == Col::Field("sector")) {
                    builder.field_source(false, "sector", sector);
                }
            }
            let sheet: Arc<str> = Arc::from(t.name);
            for (row, cells) in t.rows.iter().skip(1) {
                if blank(cells) {
                    continue;
                }
                let origin =
                    Origin::row(shared.clone(), *row, h.fields.clone()).on_sheet(sheet.clone());
                let actor = actor_row(&h, cells, type_is_kind, &origin)?;
                if !actor.name.trim().is_empty() {
                    by_label
                        .entry(actor.name.clone())
                        .or_insert_with(|| actor.id().as_str().to_owned());
                }
                ids.insert(actor.id().as_str().to_owned());
                // A Type that became the kind is given even when it is
                // the default kind (the mapping step can move it).
                let mut provided = crate::io::builder::provided_fields(&actor);
                let typed = h
                    .type_col
                    .and_then(|i| cells.get(i))
                    .is_some_and(|v| !v.trim().is_empty());
                if type_is_kind && typed && !actor.attributes.contains_key("type") {
                    provided.insert("kind");
                }
                builder.add_actor_with(actor, provided, origin)?;
            }
        }
        None => builder.make_actors_from_tie_ends("no sheet of actors"),
    }
    if let Some(t) = &ties_table {
        let first = t.rows.first().map(|(_, c)| c.as_slice()).unwrap_or(&[]);
        let h = header(first, true);
        skipped_columns += count_skipped(&h, t);
        let sheet: Arc<str> = Arc::from(t.name);
        let resolve = |k: &str| -> String {
            if ids.contains(k) {
                k.to_owned()
            } else {
                by_label.get(k).cloned().unwrap_or_else(|| k.to_owned())
            }
        };
        for (row, cells) in t.rows.iter().skip(1) {
            if blank(cells) {
                continue;
            }
            let origin =
                Origin::row(shared.clone(), *row, h.fields.clone()).on_sheet(sheet.clone());
            let known = |k: &str| ids.contains(k) || by_label.contains_key(k);
            for (id, tie) in tie_rows(&h, cells, &origin, &resolve, &known)? {
                builder.add_tie(id, tie, origin.clone())?;
            }
        }
    }
    if skipped_columns > 0 {
        notes.push(format!(
            "left out {} with a blank header (as under a merged header cell); name the column in the first row to read it",
            plural(skipped_columns, "column", "columns")
        ));
    }
    for n in notes {
        builder.warn(n);
    }
    builder.finish()
}

/// Columns with a blank header that hold a value somewhere (each row's
/// own cells are looked at, so a wide header costs nothing a row).
fn count_skipped(h: &Header, t: &Section) -> usize {
    let mut seen = BTreeSet::new();
    for (_, cells) in t.rows.iter().skip(1) {
        for (i, v) in cells.iter().enumerate() {
            // Past the header's last cell is under a blank header too.
            let skipped = matches!(h.cols.get(i), Some(Col::Skip) | None);
            if skipped && !v.trim().is_empty() {
                seen.insert(i);
            }
        }
    }
    seen.len()
}

/// The header text of the first column `pick` accepts.
fn written(h: &Header, first: &[String], pick: impl Fn(&Col) -> bool) -> Option<String> {
    let i = h.cols.iter().position(pick)?;
    first.get(i).cloned()
}

fn actor_row(
    h: &Header,
    cells: &[String],
    type_is_kind: bool,
    origin: &Origin,
) -> Result<Actor, IoError> {
    let get = |at: Option<usize>| {
        at.and_then(|i| cells.get(i))
            .map(|s| s.as_str())
            .filter(|s| !s.is_empty())
    };
    let id = get(h.id).or(get(h.label).map(str::trim)).unwrap_or("");
    if id.is_empty() {
        return Err(origin.error(Some("label"), "empty; every actor needs a label (or an id)"));
    }
    let mut actor = Actor::new(id, "", "");
    for (col, value) in h.cells(cells) {
        match col {
            Col::Skip | Col::Direction | Col::Field("id") => {}
            Col::Type if type_is_kind => {
                let mut probe = actor.clone();
                if !value.trim().is_empty()
                    && fields::set_actor_value(&mut probe, "kind", value).is_ok()
                {
                    actor.kind = probe.kind;
                } else if !value.is_empty() {
                    actor.attributes.insert("type".to_owned(), value.clone());
                }
            }
            Col::Type => actor.sector = value.trim().to_owned(),
            Col::Field("tags") if value.contains('|') => actor.tags = split_bar(value),
            Col::Field(f) => fields::set_actor_value(&mut actor, f, value)
                .map_err(|m| origin.error(Some(f), m))?,
            Col::Attribute(a) => {
                if !value.is_empty() {
                    actor.attributes.insert(a.clone(), value.clone());
                }
            }
        }
    }
    Ok(actor)
}

/// The ties a row makes: one for each name in `From` × each in `To`.
fn tie_rows(
    h: &Header,
    cells: &[String],
    origin: &Origin,
    resolve: &impl Fn(&str) -> String,
    known: &impl Fn(&str) -> bool,
) -> Result<Vec<(Option<String>, Tie)>, IoError> {
    let mut template = Tie::new("", "", "", "", false);
    let mut froms = Vec::new();
    let mut tos = Vec::new();
    let mut id = None;
    let mut direction = None;
    for (col, value) in h.cells(cells) {
        match col {
            Col::Skip | Col::Type => {}
            Col::Field("source") => froms = ends(value, known),
            Col::Field("target") => tos = ends(value, known),
            Col::Field("id") => id = Some(value.clone()).filter(|v| !v.is_empty()),
            Col::Direction => direction = Some(value.trim().to_lowercase()),
            Col::Field(f) => fields::set_tie_value(&mut template, f, value)
                .map_err(|m| origin.error(Some(f), m))?,
            Col::Attribute(a) => {
                if !value.is_empty() {
                    template.attributes.insert(a.clone(), value.clone());
                }
            }
        }
    }
    match direction.as_deref() {
        None | Some("") => {}
        Some("directed") => template.directed = true,
        Some("undirected" | "mutual") => template.directed = false,
        Some(other) => {
            return Err(origin.error(
                Some("directed"),
                format!("\"{other}\" is not \"directed\", \"undirected\" or \"mutual\""),
            ));
        }
    }
    for (ends, f) in [(&froms, "source"), (&tos, "target")] {
        if ends.is_empty() {
            return Err(origin.error(
                Some(f),
                format!("empty; every tie needs a {f}: the id or label of an actor"),
            ));
        }
    }
    if froms.len().saturating_mul(tos.len()) > MAX_TIES_A_ROW {
        return Err(origin.error(
            Some("target"),
            format!(
                "{} names in From and {} in To make {} ties, more than the {MAX_TIES_A_ROW} one row may make; give each tie (or a few) a row of its own",
                froms.len(),
                tos.len(),
                froms.len().saturating_mul(tos.len())
            ),
        ));
    }
    let mut out = Vec::new();
    for a in &froms {
        for b in &tos {
            let tie = template.clone().with_ids("", resolve(a), resolve(b));
            out.push((if out.is_empty() { id.clone() } else { None }, tie));
        }
    }
    Ok(out)
}
