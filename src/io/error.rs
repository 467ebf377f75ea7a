//! The one error type of `io`: every variant names the file, and where the
//! problem comes from user data, the line, column or field, in words a
//! person can act on.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A line and, if known, a column (both 1-based).
    Line {
        /// 1-based line.
        line: usize,
        /// 1-based column (characters), if known.
        column: Option<usize>,
    },
    /// A line of a table and the named column there.
    Cell {
        /// 1-based line.
        line: usize,
        /// Column header.
        column: String,
    },
    /// A path into a structured file, like `actors[12].sector`.
    Field(String),
    /// A row of a spreadsheet's sheet and, if known, the named column.
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// 1-based row.
        row: usize,
        /// Column header, if known.
        column: Option<String>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line { line, column: None } => write!(f, "line {line}"),
            Location::Line {
                line,
                column: Some(c),
            } => write!(f, "line {line}, column {c}"),
            Location::Cell { line, column } => write!(f, "line {line}, column \"{column}\""),
            Location::Field(p) => f.write_str(p),
            Location::Sheet {
                sheet,
                row,
                column: None,
            } => write!(f, "sheet \"{sheet}\", row {row}"),
            Location::Sheet {
                sheet,
                row,
                column: Some(c),
            } => write!(f, "sheet \"{sheet}\", row {row}, column \"{c}\""),
        }
    }
}

/// Anything that can go wrong reading or writing a map file.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    /// The file could not be read at all.
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file could not be written; the old file, if any, is untouched.
    #[error("{}: cannot save: {source}; the previous file is unchanged", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A CSV pair could not be written; both old files are untouched.
    #[error("{} and {}: cannot save: {source}; both previous files are unchanged", edges.display(), nodes.display())]
    PairWrite {
        /// The ties file.
        edges: PathBuf,
        /// The actors file.
        nodes: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A CSV pair's ties file was replaced but its actors file could not
    /// be; the new actors file waits beside it and the pair's record says
    /// so, and the next open of the pair finishes the save.
    #[error(
        "{}: cannot save: {source}; {} already holds the new ties and the new actors wait beside them: open the ties file again (or save again) to finish the save",
        nodes.display(), edges.display()
    )]
    PairHalfSaved {
        /// The ties file.
        edges: PathBuf,
        /// The actors file.
        nodes: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The target is not a file a save should replace (a device, a
    /// folder), or not without asking (read-only, a pipe); nothing written.
    #[error("{message}; nothing was saved")]
    TargetRefused {
        /// The path the user named.
        path: PathBuf,
        /// What is there and what saving would do.
        message: String,
    },
    /// The file has no content.
    #[error("{}: the file is empty; there is no map in it", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than Bridgework will open.
    #[error(
        "{}: the file is {} MB, more than the {} MB Bridgework opens; split it or remove columns you do not need",
        path.display(), size / 1_000_000, limit / 1_000_000
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Binary data where text was expected.
    #[error("{}: this is not a text file (it contains binary data); choose a .json, .graphml or .csv map", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not UTF-8.
    #[error(
        "{}: line {line}, column {column}: the text is not valid UTF-8; if the file came from Excel or an older tool, open it as Latin-1 (--encoding latin1)",
        path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
    },
    /// The file's format cannot be told from its name or content.
    #[error("{}: unknown file type; Bridgework reads .json (its own maps), .graphml, .gexf and .csv", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The content breaks a rule of its format or of the model.
    #[error("{}: {}{message}", path.display(), at.as_ref().map(|l| format!("{l}: ")).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Where in the file, if it can be said.
        at: Option<Location>,
        /// What is wrong and what to do.
        message: String,
    },
}

impl IoError {
    /// An [`IoError::Invalid`] at a location.
    pub fn invalid(path: &Path, at: Location, message: impl Into<String>) -> Self {
        IoError::Invalid {
            path: path.to_owned(),
            at: Some(at),
            message: message.into(),
        }
    }

    /// An [`IoError::Invalid`] about the file as a whole.
    pub fn invalid_file(path: &Path, message: impl Into<String>) -> Self {
        IoError::Invalid {
            path: path.to_owned(),
            at: None,
            message: message.into(),
        }
    }

    /// Whether re-reading the file as Latin-1 might help.
    pub fn suggests_latin1(&self) -> bool {
        matches!(self, IoError::NotUtf8 { .. })
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let upto = text.get(..offset).unwrap_or(text);
    let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = upto
        .iter()
        .rposition(|&b| b == b'\n')
        .map(|p| p + 1)
        .unwrap_or(0);
    let col_bytes = upto.get(line_start..).unwrap_or(&[]);
    let column = String::from_utf8_lossy(col_bytes).chars().count() + 1;
    (line, column)
}

/// The line and column of offsets asked for mostly in increasing order:
/// each is counted on from the one before, so finding every element of a
/// long file (even one written on a single line) costs one pass over it,
/// not one pass each.
#[derive(Clone, Debug)]
pub struct LineCounter {
    /// (byte offset, line, column) of the last offset asked for.
    last: (usize, usize, usize),
}

impl Default for LineCounter {
    fn default() -> Self {
        Self { last: (0, 1, 1) }
    }
}

impl LineCounter {
    /// The 1-based line and column (in characters) of byte `offset` in
    /// `text`, as [`line_col`] gives.
    pub fn at(&mut self, text: &[u8], offset: usize) -> (usize, usize) {
        let (last, line, column) = self.last;
        let (line, column) = match text.get(last..offset) {
            Some(between) => match between.iter().rposition(|&b| b == b'\n') {
                Some(nl) => {
                    let newlines = between.iter().filter(|&&b| b == b'\n').count();
                    let tail = between.get(nl + 1..).unwrap_or(&[]);
                    (
                        line + newlines,
                        String::from_utf8_lossy(tail).chars().count() + 1,
                    )
                }
                None => (
                    line,
                    column + String::from_utf8_lossy(between).chars().count(),
                ),
            },
            None => line_col(text, offset),
        };
        if offset <= text.len() {
            self.last = (offset, line, column);
        }
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let t = "ab\nçd\nx".as_bytes();
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 5), (2, 2), "ç is two bytes, one column");
        assert_eq!(line_col(t, 100), (3, 2));
    }

    #[test]
    fn line_counter_agrees_with_line_col_forwards_and_back() {
        let t = "ab\nçd\nx\n\nyz".as_bytes();
        let mut c = LineCounter::default();
        for offset in [0, 1, 3, 5, 6, 8, 2, 9, 10, 11, 4, 100, 7] {
            assert_eq!(c.at(t, offset), line_col(t, offset), "offset {offset}");
        }
    }

    #[test]
    fn invalid_errors_read_as_one_line() {
        let e = IoError::invalid(
            Path::new("map.json"),
            Location::Field("actors[12].sector".into()),
            "unknown sector \"Hospitl\"",
        );
        assert_eq!(
            e.to_string(),
            "map.json: actors[12].sector: unknown sector \"Hospitl\""
        );
        let e = IoError::invalid(
            Path::new("e.csv"),
            Location::Cell {
                line: 4,
                column: "weight".into(),
            },
            "\"abc\" is not a number",
        );
        assert_eq!(
            e.to_string(),
            "e.csv: line 4, column \"weight\": \"abc\" is not a number"
        );
    }
}
