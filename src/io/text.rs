//! Reading a file's bytes and turning them into text: size limit, empty
//! files, binary data, byte-order marks (UTF-8 and UTF-16), UTF-16 without
//! one (by its alternating NULs), lone surrogates and invalid UTF-8
//! (reported with their line), and the Latin-1 fallback.

use super::error::{IoError, line_col};
use std::borrow::Cow;
use std::io::Read;
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
/// reading them, and anything that is not a regular file (a folder, a
/// device such as `/dev/zero`, a named pipe, a socket, or a link to one):
/// those are refused before a byte is read. The read itself is bounded by
/// the bytes actually read, not by the size the file claims, so a file
/// that grows while it is read still stops at the limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, IoError> {
    read_bytes_limited(path, MAX_FILE_BYTES)
}

/// [`read_bytes`] with another limit.
pub(crate) fn read_bytes_limited(path: &Path, limit: u64) -> Result<Vec<u8>, IoError> {
    let read_err = |source| IoError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    refuse_unless_regular(path, &meta)?;
    let too_large = |size| IoError::TooLarge {
        path: path.to_owned(),
        size,
        limit,
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    // The path may have been swapped between the look and the open.
    refuse_unless_regular(path, &file.metadata().map_err(read_err)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refuses a folder, a device, a pipe or a socket, naming which it is.
fn refuse_unless_regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), IoError> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        return Err(IoError::invalid_file(
            path,
            "this is a folder, not a file; choose a map file inside it",
        ));
    } else {
        special_name(&meta.file_type())
    };
    Err(IoError::invalid_file(
        path,
        format!(
            "this is {what}, not a file; Bridgework opens only ordinary files: choose a map file"
        ),
    ))
}

#[cfg(unix)]
fn special_name(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not an ordinary file"
    }
}

#[cfg(not(unix))]
fn special_name(_t: &std::fs::FileType) -> &'static str {
    "a device or another special file"
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
        Cow::Owned(decode_utf16(path, rest, false)?)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Cow::Owned(decode_utf16(path, rest, true)?)
    } else {
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        if looks_binary(body) {
            return match sniff_utf16(body) {
                Utf16Look::Clearly { big_endian } => {
                    let text = decode_utf16(path, body, big_endian)?;
                    if text.trim().is_empty() {
                        return Err(IoError::Empty {
                            path: path.to_owned(),
                        });
                    }
                    Ok(Cow::Owned(text))
                }
                Utf16Look::Partly => Err(IoError::invalid_file(
                    path,
                    "this looks like UTF-16 text without a byte-order mark, but not clearly enough to read safely; save it again as UTF-8 (or UTF-16 with a byte-order mark)",
                )),
                Utf16Look::No => Err(IoError::Binary {
                    path: path.to_owned(),
                }),
            };
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

/// Decodes UTF-16 strictly: an odd byte at the end or a lone surrogate
/// (half of a character) is an error naming its line, never a silent
/// U+FFFD in a name.
fn decode_utf16(path: &Path, bytes: &[u8], big_endian: bool) -> Result<String, IoError> {
    let units = bytes.chunks_exact(2).map(|c| match c {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut line = 1;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                if c == '\n' {
                    line += 1;
                }
                text.push(c);
            }
            Err(e) => {
                return Err(IoError::invalid(
                    path,
                    super::error::Location::Line { line, column: None },
                    format!(
                        "a lone UTF-16 surrogate (0x{:04X}, half of a character): the file is damaged or was cut off; export it again",
                        e.unpaired_surrogate()
                    ),
                ));
            }
        }
    }
    if !bytes.len().is_multiple_of(2) {
        return Err(IoError::invalid(
            path,
            super::error::Location::Line { line, column: None },
            "the UTF-16 text ends with half a character: the file was cut off; export it again",
        ));
    }
    Ok(text)
}

/// How much some bytes look like UTF-16 without a byte-order mark.
#[derive(Debug, PartialEq, Eq)]
enum Utf16Look {
    /// Nearly every other byte is NUL and the rest are not: mostly
    /// Latin-script text as UTF-16 (little- or big-endian).
    Clearly {
        /// NULs first in each pair.
        big_endian: bool,
    },
    /// Many NULs on one side, but not clearly enough to read.
    Partly,
    /// Not UTF-16 by its look.
    No,
}

/// Looks at the first 8 KiB for UTF-16's alternating NULs: at least 90% of
/// the pairs with a NUL on one side and at most 1% on the other (and an
/// even length) is clear; more than half is "partly".
fn sniff_utf16(bytes: &[u8]) -> Utf16Look {
    let head = bytes.get(..8192).unwrap_or(bytes);
    let pairs = head.len() / 2;
    if pairs < 2 {
        return Utf16Look::No;
    }
    let (mut first, mut second) = (0usize, 0usize);
    for c in head.chunks_exact(2) {
        if let [a, b] = c {
            first += usize::from(*a == 0);
            second += usize::from(*b == 0);
        }
    }
    let (nul_side, other, big_endian) = if first > second {
        (first, second, true)
    } else {
        (second, first, false)
    };
    if nul_side * 10 >= pairs * 9 && other * 100 <= pairs && bytes.len().is_multiple_of(2) {
        Utf16Look::Clearly { big_endian }
    } else if nul_side * 2 > pairs {
        Utf16Look::Partly
    } else {
        Utf16Look::No
    }
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

    #[cfg(unix)]
    #[test]
    fn devices_pipes_and_links_to_them_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        for path in [Path::new("/dev/zero"), Path::new("/dev/urandom"), &link] {
            let e = read_bytes(path).unwrap_err().to_string();
            assert!(e.contains("this is a device, not a file"), "{e}");
        }
        let fifo = dir.path().join("pipe.csv");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            // Opening a pipe with no writer would block: it must not be opened.
            let e = read_bytes(&fifo).unwrap_err().to_string();
            assert!(e.contains("named pipe"), "{e}");
        }
        let e = read_bytes(dir.path()).unwrap_err().to_string();
        assert!(e.contains("folder"), "{e}");
    }

    #[test]
    fn the_read_is_bounded_by_bytes_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        std::fs::write(&path, vec![b' '; 100]).unwrap();
        assert_eq!(read_bytes_limited(&path, 100).unwrap().len(), 100);
        assert!(matches!(
            read_bytes_limited(&path, 99),
            Err(IoError::TooLarge { size: 100, .. })
        ));
        // A file that claims 0 bytes and holds more (as /proc's do) still
        // stops at the limit.
        let status = Path::new("/proc/self/status");
        if std::fs::metadata(status).is_ok_and(|m| m.is_file() && m.len() == 0) {
            assert!(matches!(
                read_bytes_limited(status, 10),
                Err(IoError::TooLarge { size: 11, .. })
            ));
        }
    }

    use crate::io::fuzz::utf16;

    #[test]
    fn utf16_without_a_bom_is_read_when_clear() {
        let text = "id,label,sector\nchloe,Chloë Dubois,GP\n";
        for be in [false, true] {
            assert_eq!(decode(p(), &utf16(text, be), Encoding::Utf8).unwrap(), text);
        }
        // Half the text in UTF-16, half not: said, not guessed.
        let mut mixed = utf16("id,label\n", false);
        mixed.extend_from_slice(b"a,b\x00c,d\n");
        let e = decode(p(), &mixed, Encoding::Utf8).unwrap_err().to_string();
        assert!(e.contains("looks like UTF-16"), "{e}");
    }

    #[test]
    fn a_lone_surrogate_is_an_error_naming_its_line() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16("id,label\na,", false));
        bytes.extend(0xD800u16.to_le_bytes());
        bytes.extend(utf16("x\n", false));
        let e = decode(p(), &bytes, Encoding::Utf8).unwrap_err().to_string();
        assert!(
            e.contains("line 2") && e.contains("lone UTF-16 surrogate"),
            "{e}"
        );
        // Without a byte-order mark too (in a file long enough to be
        // clearly UTF-16).
        let mut bytes = utf16(&format!("id,label\n{}a,", "b,c\n".repeat(200)), true);
        bytes.extend(0xDC00u16.to_be_bytes());
        bytes.extend(utf16("\n", true));
        let e = decode(p(), &bytes, Encoding::Utf8).unwrap_err().to_string();
        assert!(e.contains("line 202") && e.contains("0xDC00"), "{e}");
    }
}
