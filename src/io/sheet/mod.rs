//! Spreadsheets: Excel (`.xlsx`, `.xls`, `.xlsb`) and OpenDocument
//! (`.ods`) read with calamine, `.xlsx` written with rust_xlsxwriter.
//!
//! **Reading.** Sheets whose name holds `(ignore)` are skipped, as Kumu
//! does. Each other sheet is a table: its first non-blank row names the
//! columns (matched as in [`fields`](crate::io::fields), any case; a blank
//! header cell — as under a merged header — leaves its column out, and
//! that is announced). A sheet is:
//!
//! * **actors** when its header has `id` or `label` (`Label`, `Name`,
//!   `ID`: Kumu's Elements sheet) and no `source`/`target`;
//! * **ties** when it has `source` and `target` (or `From`, `To`: Kumu's
//!   Connections sheet);
//! * **both**, as Kumu lays out one sheet: elements, then two (or more)
//!   blank rows, then a `From`, `To` header and the connections.
//!
//! The first actors table and the first ties table are read; further ones
//! are skipped with a warning. An actor's id is its `id` cell, else its
//! label. Kumu's conventions hold in every sheet: `Type` is the sector
//! (or the actor kind when there is a `sector` column), `|` separates
//! several values in a cell (tags; several names in `To` or `From` make one
//! tie each, at most [`MAX_TIES_A_ROW`] a row), connections name elements by id, else by label, and
//! `Direction` is `directed`, `undirected` or `mutual`. Every other column
//! is kept as an attribute. Dates are read as `YYYY-MM-DD` (with the time
//! when there is one), formulas as the value the file last computed, and
//! cells holding an error (`#DIV/0!`) as that text. Problems name the
//! sheet, the row and the column.
//!
//! A workbook may list at most [`MAX_SHEETS`] sheets. An `.ods` or `.xls`
//! workbook, which calamine lays out whole when it opens it, is measured
//! first (`ods_size`, `xls_size`) and refused, naming the sheet, when a
//! sheet (or, for `.xls`, all sheets together: 1.5 million cells) would span
//! more cells than the reader takes. An `.xlsx` has each part unpacked to a count first
//! (at most 256 MB a part, 64 MB and 1 million shared texts, 16 MB for
//! the other XML parts calamine reads whole, 1,000 sheets and 64,000 cell
//! formats, counted as it is unpacked), and a workbook's cells
//! may hold at most 4 million non-empty cells and 32 MB of text together,
//! measured before a shared text is copied into a cell.
//!
//! **Writing** (`.xlsx`): an `Actors` sheet and a `Ties` sheet with the CSV
//! pair's columns (reading the file back gives the same actors and ties),
//! and any further sheets the caller gives — the CLI and the app add
//! `Measures`, as `bridgework analyse --format csv` writes them.

mod ods_size;
mod read;
#[cfg(test)]
mod tests;
mod write;
mod xls_size;

pub use read::{MAX_SHEETS, MAX_TIES_A_ROW, read_tables, read_workbook, tables_to_map};
pub use write::write_xlsx;

/// One sheet (or CSV file) as text cells: its name and its rows, each
/// with its 1-based row number in the sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The sheet's name (the file name for a CSV).
    pub name: String,
    /// (row number, cells), blank rows included.
    pub rows: Vec<(usize, Vec<String>)>,
}
