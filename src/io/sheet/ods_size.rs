//! How many cells calamine would lay out for each sheet of an OpenDocument
//! spreadsheet (`.ods`), found before calamine reads it.
//!
//! calamine reads every sheet of an `.ods` file whole when the file is
//! opened, as a rectangle from the first to the last used row and column,
//! with repeated rows and columns (`table:number-rows-repeated`,
//! `table:number-columns-repeated`) written out; it stops only at 100
//! million cells (over 3 GB). This module reads `content.xml` as a stream
//! of XML events, holding nothing but counts, and works out each sheet's
//! rectangle the same way, so that a sheet over the reader's limit is
//! refused, by name, before any cell is laid out.
//!
//! Depends on `io::error` only.

use crate::io::error::IoError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

/// calamine's own caps on rows and columns.
const MAX_ROWS: u64 = 1_048_576;
/// See [`MAX_ROWS`].
const MAX_COLUMNS: u64 = 16_384;

/// A number attribute of `e` (1 when absent or unreadable, as a count of
/// repeats), at most `cap`.
fn repeats(e: &BytesStart, name: &[u8], cap: u64) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| {
            std::str::from_utf8(&a.value)
                .ok()?
                .trim()
                .parse::<u64>()
                .ok()
        })
        .unwrap_or(1)
        .min(cap)
}

/// Whether a cell's start tag says it holds something (a value or a
/// formula); a cell with content (`<text:p>`) counts too.
fn holds_value(e: &BytesStart, has_content: bool) -> bool {
    has_content
        || e.try_get_attribute(b"office:value-type")
            .ok()
            .flatten()
            .is_some()
        || e.try_get_attribute(b"table:formula")
            .ok()
            .flatten()
            .is_some()
}

/// One sheet's extent as the stream goes by.
#[derive(Default)]
struct Extent {
    name: String,
    /// Rows so far (repeats included).
    rows: u64,
    /// First used row, and the row after the last used one.
    first_row: Option<u64>,
    end_row: u64,
    /// First used column, and the column after the last used one.
    first_column: u64,
    end_column: u64,
    /// The row being read: columns so far, and its used extent.
    row_columns: u64,
    row_first: Option<u64>,
    row_end: u64,
    row_repeats: u64,
}

impl Extent {
    fn cells(&self) -> u64 {
        let rows = self
            .first_row
            .map_or(0, |first| self.end_row.saturating_sub(first));
        rows.saturating_mul(self.end_column.saturating_sub(self.first_column))
    }

    fn cell(&mut self, e: &BytesStart, has_content: bool) {
        let n = repeats(e, b"table:number-columns-repeated", MAX_COLUMNS);
        let start = self.row_columns;
        self.row_columns = self.row_columns.saturating_add(n).min(MAX_COLUMNS);
        if holds_value(e, has_content) {
            self.row_first.get_or_insert(start);
            self.row_end = self.row_columns;
        }
    }

    fn start_row(&mut self, e: &BytesStart) {
        self.row_repeats = repeats(e, b"table:number-rows-repeated", MAX_ROWS);
        self.row_columns = 0;
        self.row_first = None;
        self.row_end = 0;
    }

    fn end_row(&mut self) {
        let repeats = self
            .row_repeats
            .min(MAX_ROWS.saturating_sub(self.rows))
            .max(1);
        if let Some(first) = self.row_first {
            if self.first_row.is_none() {
                self.first_row = Some(self.rows);
                self.first_column = first;
            }
            self.first_column = self.first_column.min(first);
            self.end_column = self.end_column.max(self.row_end);
            self.end_row = self.rows.saturating_add(repeats);
        }
        self.rows = self.rows.saturating_add(repeats);
        self.row_repeats = 1;
    }
}

/// Refuses an `.ods` workbook with a sheet that calamine would lay out as
/// more than `max_cells` cells, naming the sheet. Anything that is not an
/// `.ods` file (or is too damaged to tell) passes: calamine says what is
/// wrong with it.
pub fn check_ods_size(path: &Path, bytes: &[u8], max_cells: usize) -> Result<(), IoError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let is_ods = archive.by_name("mimetype").ok().is_some_and(|m| {
        let mut kind = String::new();
        m.take(100).read_to_string(&mut kind).is_ok() && kind.contains("opendocument.spreadsheet")
    });
    if !is_ods {
        return Ok(());
    }
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = Reader::from_reader(BufReader::new(content));
    // As calamine reads it, so that both see the same cells.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    let mut sheet: Option<Extent> = None;
    let too_big = |s: &Extent| {
        IoError::invalid_file(
            path,
            format!(
                "sheet \"{}\" spans {} cells (from its first to its last used row and column, repeated rows and columns counted), more than the {max_cells} Bridgework reads; delete the rows and columns far from the map's data and save it again",
                s.name,
                s.cells()
            ),
        )
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let has_content = matches!(event, Event::Start(_));
        match &event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"table:table" => {
                let name = e
                    .try_get_attribute(b"table:name")
                    .ok()
                    .flatten()
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
                sheet = Some(Extent {
                    name,
                    ..Extent::default()
                });
            }
            Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
                if let Some(s) = &mut sheet {
                    s.start_row(e);
                }
            }
            Event::Empty(e) if e.name().as_ref() == b"table:table-row" => {
                if let Some(s) = &mut sheet {
                    s.start_row(e);
                    s.end_row();
                }
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    b"table:table-cell" | b"table:covered-table-cell"
                ) =>
            {
                if let Some(s) = &mut sheet {
                    s.cell(e, has_content);
                }
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                if let Some(s) = &mut sheet {
                    s.end_row();
                    if s.cells() > max_cells as u64 {
                        return Err(too_big(s));
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == b"table:table" => {
                if let Some(s) = sheet.take()
                    && s.cells() > max_cells as u64
                {
                    return Err(too_big(&s));
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}
