//! Reading a file's bytes and turning them into text: size limit, empty
//! files, binary data, byte-order marks (UTF-8 and UTF-16), invalid UTF-8
//! (reported with its line and column) and the Latin-1 fallback.

use super::error::{IoError, line_col};
use std::borrow::Cow;
use std::path::Path;

/// The largest file Bridgework opens: 512 MB. Far beyond any real map
/// (a 20,000-actor map is about 15 MB), small enough to fail fast.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// How to decode a text file's bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured).
    #[default]
    Utf8,
    /// Latin-1, read as its superset Windows-1252 (what Excel writes on
    /// Windows): every byte is a character, so decoding cannot fail.
    Latin1,
}

/// Reads a whole file, refusing files over [`MAX_FILE_BYTES`] before
/// reading them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, IoError> {
    let read_err = |source| IoError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(IoError::invalid_file(
            path,
            "this is a folder, not a file; choose a map file inside it",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(IoError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(read_err)
}

/// Decodes `bytes` as text. Empty files (nothing but a byte-order mark and
/// whitespace) and binary files are refused; invalid UTF-8 is reported with
/// the line and column of the first bad byte.
pub fn decode<'a>(
    path: &Path,
    bytes: &'a [u8],
    encoding: Encoding,
) -> Result<Cow<'a, str>, IoError> {
    let text: Cow<'a, str> = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Cow::Owned(
            encoding_rs::UTF_16LE
                .decode_without_bom_handling(rest)
                .0
                .into_owned(),
        )
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Cow::Owned(
            encoding_rs::UTF_16BE
                .decode_without_bom_handling(rest)
                .0
                .into_owned(),
        )
    } else {
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        if looks_binary(body) {
            return Err(IoError::Binary {
                path: path.to_owned(),
            });
        }
        match encoding {
            Encoding::Utf8 => match std::str::from_utf8(body) {
                Ok(s) => Cow::Borrowed(s),
                Err(e) => {
                    let (line, column) = line_col(body, e.valid_up_to());
                    return Err(IoError::NotUtf8 {
                        path: path.to_owned(),
                        line,
                        column,
                    });
                }
            },
            Encoding::Latin1 => {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(body)
                    .0
            }
        }
    };
    if text.trim().is_empty() {
        return Err(IoError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(text)
}

/// A NUL byte, or many control characters, in the first 8 KiB: no text
/// format Bridgework reads contains those.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..8192).unwrap_or(bytes);
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 20 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("f.csv")
    }

    #[test]
    fn bom_is_stripped_and_utf16_is_read() {
        assert_eq!(
            decode(p(), b"\xEF\xBB\xBFid\n", Encoding::Utf8).unwrap(),
            "id\n"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("ë,1".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(p(), &utf16, Encoding::Utf8).unwrap(), "ë,1");
    }

    #[test]
    fn invalid_utf8_names_line_and_column_and_latin1_reads_it() {
        let bytes = b"id,label\n1,Chlo\xEB\n";
        let e = decode(p(), bytes, Encoding::Utf8).unwrap_err();
        assert!(e.suggests_latin1());
        assert!(e.to_string().contains("line 2, column 7"), "{e}");
        assert_eq!(
            decode(p(), bytes, Encoding::Latin1).unwrap(),
            "id,label\n1,Chloë\n"
        );
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(matches!(
            decode(p(), b"", Encoding::Utf8),
            Err(IoError::Empty { .. })
        ));
        assert!(matches!(
            decode(p(), b"\xEF\xBB\xBF \n", Encoding::Utf8),
            Err(IoError::Empty { .. })
        ));
        assert!(matches!(
            decode(p(), b"PK\x03\x04\x00\x00", Encoding::Utf8),
            Err(IoError::Binary { .. })
        ));
    }
}
