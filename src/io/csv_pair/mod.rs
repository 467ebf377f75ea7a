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
//! [`fields`](crate::io::fields) (any case, common aliases such as `name` for `label` or `from`
//! for `source`). Columns that are not built in become attributes of the
//! actor or tie; `attr:NAME` always means attribute `NAME`.
//!
//! # Reading
//!
//! The reader only parses CSV; what rows become is the policy of
//! [`MapBuilder`](crate::io::builder::MapBuilder), shared by every format.
//!
//! * The nodes file needs `id`. A blank `sector` takes
//!   [`ImportOptions::default_sector`](crate::io::ImportOptions::default_sector) when one is set (counted in a
//!   warning); when no actor has a sector (or there is no `sector` column)
//!   every actor goes to "unassigned", with a message saying how to assign
//!   sectors; when only some lack one, that is an error. A blank `label`
//!   means "use the id".
//! * The edges file needs `source` and `target`. A missing or blank `weight`
//!   is 1, a missing or blank `kind` is `collaboration`, a missing or blank
//!   `directed` is [`ImportOptions::directed`](crate::io::ImportOptions::directed), a missing or blank `id` gets a
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
//! * With [`ImportOptions::merge_duplicates`](crate::io::ImportOptions::merge_duplicates), rows repeating an actor id are
//!   merged **cell by cell**: a later row's non-blank cell is used only where
//!   every earlier row for that id left the cell blank; where both give a
//!   value, the first row wins (every cell is still checked, and the number
//!   of values dropped is announced). A repeated tie id makes the later tie
//!   get a fresh id instead. Without the option, repeated ids are errors.
//! * Without a nodes file, the actors are made from the ties' ends (label =
//!   id, sector = the default sector, else "unassigned"), and that is
//!   announced.
//! * Every error names the file, the physical line where the record starts
//!   and, for a cell, the column as the header writes it. The header is read
//!   from the first [`MAX_HEADER_BYTES`](read::MAX_HEADER_BYTES) only, so a file that is not CSV at
//!   all fails at once without being read whole.
//!
//! # Writing
//!
//! The nodes file has the columns [`fields::ACTOR_COLUMNS`](crate::io::fields::ACTOR_COLUMNS), then one column
//! per attribute name in use (sorted); the edges file [`fields::TIE_COLUMNS`](crate::io::fields::TIE_COLUMNS)
//! then its attributes. LF line ends, UTF-8 without a BOM, quotes only where
//! needed. Reading what was written gives back the same actors and ties, and
//! the sectors in first-use order; the title, description, metadata and
//! sector and tie-kind styles have no place in CSV and are not written.
//!
//! The two files are saved as one: see [`save`] (both written in full
//! first, then replaced under a record that opening the pair finishes).

mod read;
pub mod save;
#[cfg(test)]
mod tests;
mod write;

pub use read::read_csv_pair;
pub use write::write_csv_pair;
