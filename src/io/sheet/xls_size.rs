//! How many cells calamine would lay out for each sheet of an Excel 97–2003
//! workbook (`.xls`), found before calamine reads it; and the workbook
//! handed to calamine in a container it reads safely.
//!
//! An `.xls` file is a compound document (a small file system of sectors)
//! holding a `Workbook` stream (`Book` before Excel 97) of BIFF records.
//! calamine 0.38 reads every sheet whole when the file is opened: for each
//! sheet it gathers the cells of its cell records and lays them out as a
//! rectangle from the first to the last used row and column (about 32
//! bytes a cell), its formulas as a second rectangle, and it keeps every
//! sheet so. A damaged file of a few kilobytes with a cell at the last row
//! and column of several sheets takes gigabytes. It also reserves room for
//! as many cells as a sheet's DIMENSIONS record claims (a damaged record
//! claims billions: the process aborts), copies a shared text into each
//! cell that names it (one long text named by every cell), takes each
//! CONTINUE record of the shared-text table from the front of a list (time
//! grows with the square of their number), reads some records without
//! checking their length (it panics), and follows the container's sector
//! chains without looking for loops (a chain that loops grows without end).
//!
//! So this module reads the container with the `cfb` crate (which checks
//! every chain), walks the BIFF records of the workbook stream as calamine
//! does, holding nothing but counts, and refuses, saying why and naming the
//! sheet where there is one:
//!
//! * a sheet whose rectangle, or sheets whose rectangles together, exceed
//!   the reader's cell limit (blank cells, `BLANK` and `MULBLANK`, count
//!   for nothing: calamine keeps no cell for them);
//! * a DIMENSIONS record claiming more than an `.xls` sheet can hold
//!   (65,536 rows × 256 columns);
//! * more than the reader's number of sheets, sheets that overlap in the
//!   stream, a sheet that starts past its end;
//! * a shared-text table continued over more than [`MAX_SST_CONTINUES`]
//!   records, and cells naming shared texts of more than
//!   [`MAX_SHARED_TEXT_CHARS`] characters in all;
//! * the records calamine would read past their end.
//!
//! It blanks every formula's expression (calamine works out each one's
//! text, which Bridgework never uses, and its formula reader indexes
//! without checks and can grow a formula's text a hundredfold); the value
//! the file last computed, which is what Bridgework reads, is kept. Then it
//! packs the workbook stream alone into a fresh container written by
//! `cfb`, and that is what calamine opens: so calamine reads exactly the
//! stream measured here, and never a damaged container. A file that is not
//! a compound document is left to calamine, which says what it is not.
//!
//! Depends on `io::error` only.

use crate::io::error::IoError;
use std::io::{Cursor, Read, Write};
use std::ops::Range;
use std::path::Path;

/// The first eight bytes of every compound document.
const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The most cells a DIMENSIONS record may claim: an `.xls` sheet's own
/// size, 65,536 rows × 256 columns (calamine reserves, but does not fill,
/// room for that many; a formatted blank cell in the last row and column
/// of a real sheet claims this much).
const MAX_DIMENSIONS_CELLS: u64 = 65_536 * 256;

/// The most CONTINUE records after the shared-text table (SST): each
/// carries up to 8,224 bytes, so 4,096 of them hold 33 MB of texts, and
/// calamine's time to read them grows with the square of their number.
pub const MAX_SST_CONTINUES: usize = 4_096;

/// The most characters of shared text the cells of a workbook may name,
/// each cell counted (calamine copies the text into each cell): 32
/// million, a 20,000-actor map with ten columns of 160-character texts.
pub const MAX_SHARED_TEXT_CHARS: u64 = 32_000_000;

// The BIFF records calamine reads (MS-XLS section 2.4).
const FORMULA: u16 = 0x0006;
const EOF: u16 = 0x000A;
const EXTERNSHEET: u16 = 0x0017;
const LBL: u16 = 0x0018;
const DATEMODE: u16 = 0x0022;
const FILEPASS: u16 = 0x002F;
const CONTINUE: u16 = 0x003C;
const CODEPAGE: u16 = 0x0042;
const BOUNDSHEET: u16 = 0x0085;
const MULRK: u16 = 0x00BD;
const RSTRING: u16 = 0x00D6;
const MERGECELLS: u16 = 0x00E5;
const SST: u16 = 0x00FC;
const LABELSST: u16 = 0x00FD;
const DIMENSIONS: u16 = 0x0200;
const NUMBER: u16 = 0x0203;
const LABEL: u16 = 0x0204;
const BOOLERR: u16 = 0x0205;
const STRING: u16 = 0x0207;
const RK: u16 = 0x027E;
const BOF: u16 = 0x0809;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

/// A BIFF record's header: its type, where its data lies in the stream,
/// and where the next record starts.
#[derive(Clone)]
struct Header {
    typ: u16,
    data: Range<usize>,
}

/// The record at `at`, or `None` where the stream ends or the record runs
/// past it (calamine stops there with an error).
fn header(stream: &[u8], at: usize) -> Option<Header> {
    let typ = u16_at(stream, at)?;
    let len = usize::from(u16_at(stream, at.checked_add(2)?)?);
    let start = at.checked_add(4)?;
    let end = start.checked_add(len)?;
    (end <= stream.len()).then_some(Header {
        typ,
        data: start..end,
    })
}

/// Why a workbook is refused: the message for the user.
type Refusal = String;

fn damaged(what: &str) -> Refusal {
    format!("this .xls file is damaged ({what}); open it in Excel or LibreOffice and save it again")
}

/// One sheet's extent: the rectangle calamine lays out.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, column: u32) {
        let widen = |span: &mut Option<(u32, u32)>, v: u32| {
            *span = Some(span.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        };
        widen(&mut self.rows, row);
        widen(&mut self.columns, column);
    }

    fn cells(&self) -> u64 {
        let span = |s: Option<(u32, u32)>| s.map_or(0, |(lo, hi)| u64::from(hi - lo) + 1);
        span(self.rows).saturating_mul(span(self.columns))
    }
}

/// A cell record's (row, column).
fn position(data: &[u8]) -> Option<(u32, u32)> {
    Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)))
}

/// How many cells calamine reserves for a DIMENSIONS record, computed as
/// it does (its arithmetic wraps); `None` for a record it refuses.
fn dimension_cells(data: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u32::from(u16_at(data, 8)?),
            u32::from(u16_at(data, 10)?),
        ),
        _ => return None,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let ((r0, c0), (r1, c1)) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = r1.wrapping_sub(r0).wrapping_add(1);
    let columns = c1.wrapping_sub(c0).wrapping_add(1);
    Some(u64::from(rows).saturating_mul(u64::from(columns)))
}

/// A sheet's name from its BOUNDSHEET record (for messages: Latin-1 where
/// the file uses a code page).
fn sheet_name(data: &[u8], biff8: bool) -> String {
    let Some(&count) = data.get(6) else {
        return String::new();
    };
    let count = usize::from(count);
    let wide = biff8 && data.get(7).is_some_and(|f| f & 1 != 0);
    let chars = data.get(if biff8 { 8 } else { 7 }..).unwrap_or(&[]);
    let mut name = if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|b| u16::from_le_bytes(b.try_into().unwrap_or([0, 0])))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(count).map(|&b| char::from(b)).collect()
    };
    name.retain(|c| c != '\0');
    name
}

/// The CONTINUE records after the record ending at `at`, as calamine
/// joins them to it.
struct Continues<'a> {
    stream: &'a [u8],
    at: usize,
}

impl<'a> Continues<'a> {
    fn next(&mut self) -> Option<&'a [u8]> {
        if self.stream.len().saturating_sub(self.at) <= 4
            || u16_at(self.stream, self.at) != Some(CONTINUE)
        {
            return None;
        }
        let h = header(self.stream, self.at)?;
        self.at = h.data.end;
        self.stream.get(h.data)
    }
}

/// The shared-text table's texts, each as its number of characters, read
/// as calamine reads them (`parse_sst`); a table calamine would stop at
/// (or panic on) is refused.
fn shared_text_lengths(stream: &[u8], sst: &Header) -> Result<Vec<u16>, Refusal> {
    let bad = || damaged("its table of shared texts is cut short");
    // calamine joins every CONTINUE record to the table before reading it.
    let mut count = Continues {
        stream,
        at: sst.data.end,
    };
    let mut continues = 0usize;
    while count.next().is_some() {
        continues += 1;
        if continues > MAX_SST_CONTINUES {
            return Err(damaged(&format!(
                "its table of shared texts runs on over more than {MAX_SST_CONTINUES} records"
            )));
        }
    }
    let mut rest = Continues {
        stream,
        at: sst.data.end,
    };
    let mut data = stream
        .get(sst.data.clone())
        .and_then(|d| d.get(8..))
        .ok_or_else(bad)?;
    let mut lengths = Vec::new();
    loop {
        if data.is_empty() {
            match rest.next() {
                Some(next) => data = next,
                None => break,
            }
            if data.is_empty() {
                // calamine reads an empty text without moving on.
                lengths.push(0);
                continue;
            }
        }
        let cch = u16_at(data, 0).ok_or_else(bad)?;
        let flags = *data.get(2).ok_or_else(bad)?;
        data = data.get(3..).ok_or_else(bad)?;
        let mut runs = 0usize;
        if flags & 0x8 != 0 {
            runs = usize::from(u16_at(data, 0).ok_or_else(bad)?);
            data = data.get(2..).ok_or_else(bad)?;
        }
        let mut extra = 0u64;
        if flags & 0x4 != 0 {
            // calamine reads it as an i32 and takes it as a usize.
            let v = i64::from(i32::from_le_bytes(
                data.get(..4)
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(bad)?,
            ));
            extra = u64::try_from(v).unwrap_or(u64::MAX);
            data = data.get(4..).ok_or_else(bad)?;
        }
        let mut wide = flags & 0x1 != 0;
        let mut left = usize::from(cch);
        while left > 0 {
            let took = if wide {
                (data.len() / 2).min(left)
            } else {
                data.len().min(left)
            };
            data = data
                .get(if wide { 2 * took } else { took }..)
                .unwrap_or(&[]);
            left -= took;
            if left > 0 {
                let next = rest.next().ok_or_else(bad)?;
                wide = next.first().ok_or_else(bad)? & 0x1 != 0;
                data = next.get(1..).unwrap_or(&[]);
            }
        }
        lengths.push(cch);
        // Formatting runs (4 bytes each) and phonetic data are skipped.
        let mut skip = (runs as u64 * 4).saturating_add(extra);
        while skip > 0 {
            if data.is_empty() {
                data = rest.next().ok_or_else(bad)?;
            }
            let n = usize::try_from(skip).unwrap_or(usize::MAX).min(data.len());
            data = data.get(n..).unwrap_or(&[]);
            skip -= n as u64;
        }
    }
    Ok(lengths)
}

/// What the workbook-wide records say: the sheets (where each starts, and
/// its name), the shared texts' lengths, and where the records end.
struct Globals {
    sheets: Vec<(usize, String)>,
    shared: Vec<u16>,
    end: usize,
}

/// Walks the workbook-wide records (up to the first EOF), as calamine
/// does; blanks each defined name's formula.
fn globals(stream: &mut [u8], max_sheets: usize) -> Result<Globals, Refusal> {
    let mut at = 0;
    let mut biff8 = true;
    let mut sheets = Vec::new();
    let mut shared = Vec::new();
    while let Some(h) = header(stream, at) {
        at = h.data.end;
        let data = stream.get(h.data.clone()).unwrap_or(&[]);
        match h.typ {
            BOF => {
                let version =
                    u16_at(data, 0).ok_or_else(|| damaged("a BOF record is cut short"))?;
                let kind = u16_at(data, 2).unwrap_or(0);
                let older = matches!(version, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500)
                    || (version == 0 && kind == 0x1000);
                biff8 = !older;
            }
            BOUNDSHEET => {
                let pos = u32_at(data, 0)
                    .filter(|_| data.len() >= 6)
                    .ok_or_else(|| damaged("a sheet's entry in the sheet list is cut short"))?;
                let name = sheet_name(data, biff8);
                let pos = usize::try_from(pos).unwrap_or(usize::MAX);
                if pos > stream.len() {
                    return Err(damaged(&format!(
                        "sheet \"{name}\" starts past the end of the workbook"
                    )));
                }
                sheets.push((pos, name));
                if sheets.len() > max_sheets {
                    return Err(format!(
                        "the workbook lists more than {max_sheets} sheets, more than Bridgework reads; the file is damaged, or keep the map's sheets in a workbook of their own"
                    ));
                }
            }
            SST => shared = shared_text_lengths(stream, &h)?,
            LBL => {
                if data.len() < 14 {
                    return Err(damaged("a defined name is cut short"));
                }
                // Its formula's length: none.
                if let Some(cce) = stream.get_mut(h.data.start + 4..h.data.start + 6) {
                    cce.fill(0);
                }
            }
            FILEPASS | CODEPAGE | DATEMODE if data.len() < 2 => {
                return Err(damaged("a workbook setting is cut short"));
            }
            EXTERNSHEET if biff8 && data.len() < 2 => {
                return Err(damaged("the list of sheet references is cut short"));
            }
            EOF => break,
            _ => {}
        }
    }
    Ok(Globals {
        sheets,
        shared,
        end: at,
    })
}

/// One sheet's walk: its extent, the shared text its cells name, and
/// where its records end.
struct SheetWalk {
    extent: Extent,
    shared_chars: u64,
    end: usize,
}

/// Walks one sheet's records from `pos` as calamine does (records of
/// embedded charts, between a nested BOF and its EOF, are skipped; the
/// sheet ends at its EOF); blanks each formula's expression.
fn walk_sheet(
    stream: &mut [u8],
    pos: usize,
    name: &str,
    shared: &[u16],
) -> Result<SheetWalk, Refusal> {
    let mut walk = SheetWalk {
        extent: Extent::default(),
        shared_chars: 0,
        end: pos,
    };
    let mut formula_at = (0, 0);
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut at = pos;
    while let Some(h) = header(stream, at) {
        at = h.data.end;
        walk.end = at;
        let data = stream.get(h.data.clone()).unwrap_or(&[]);
        if depth > 0 {
            match h.typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match h.typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            DIMENSIONS if dimension_cells(data).is_some_and(|n| n > MAX_DIMENSIONS_CELLS) => {
                return Err(damaged(&format!(
                    "sheet \"{name}\" claims more rows and columns than a sheet can have"
                )));
            }
            NUMBER | LABEL | RSTRING | BOOLERR | RK => {
                if let Some((r, c)) = position(data) {
                    walk.extent.add(r, c);
                }
            }
            LABELSST => {
                if let Some((r, c)) = position(data) {
                    walk.extent.add(r, c);
                }
                let text = u32_at(data, 6)
                    .filter(|_| data.len() >= 10)
                    .and_then(|i| shared.get(usize::try_from(i).ok()?));
                if let Some(&chars) = text {
                    walk.shared_chars = walk.shared_chars.saturating_add(u64::from(chars));
                }
            }
            STRING => walk.extent.add(formula_at.0, formula_at.1),
            MULRK => {
                if let (Some((r, c)), true) = (position(data), data.len() >= 6) {
                    let n = (data.len() - 6) / 6;
                    if n > 0 {
                        walk.extent.add(r, c);
                        walk.extent.add(
                            r,
                            c.saturating_add(u32::try_from(n - 1).unwrap_or(u32::MAX)),
                        );
                    }
                }
            }
            MERGECELLS => {
                let count = u16_at(data, 0).map(usize::from);
                if count.is_none_or(|n| 2 + 8 * n > data.len()) {
                    return Err(damaged(&format!(
                        "sheet \"{name}\" lists more merged cells than it holds"
                    )));
                }
            }
            FORMULA if data.len() >= 20 => {
                if let Some((r, c)) = position(data) {
                    formula_at = (r, c);
                    walk.extent.add(r, c);
                }
                if data.len() < 22 {
                    return Err(damaged(&format!(
                        "sheet \"{name}\" has a formula cut short"
                    )));
                }
                // The expression's length: none.
                if let Some(cce) = stream.get_mut(h.data.start + 20..h.data.start + 22) {
                    cce.fill(0);
                }
            }
            EOF => break,
            _ => {}
        }
    }
    Ok(walk)
}

/// Measures the workbook stream as calamine would lay it out, refusing
/// what the module docs list, and blanks its formulas' expressions.
fn measure(stream: &mut [u8], max_cells: usize, max_sheets: usize) -> Result<(), Refusal> {
    let max_cells = max_cells as u64;
    let globals = globals(stream, max_sheets)?;
    let mut spans = vec![(0, globals.end)];
    let mut total = 0u64;
    let mut shared_chars = 0u64;
    let mut largest: Option<(u64, &str)> = None;
    for (pos, name) in &globals.sheets {
        let walk = walk_sheet(stream, *pos, name, &globals.shared)?;
        let cells = walk.extent.cells();
        if cells > max_cells {
            return Err(format!(
                "sheet \"{name}\" spans {cells} cells (from its first to its last used row and column), more than the {max_cells} Bridgework reads; delete the rows and columns far from the map's data and save it again"
            ));
        }
        if largest.is_none_or(|(n, _)| cells > n) {
            largest = Some((cells, name));
        }
        total = total.saturating_add(cells);
        if total > max_cells {
            let (n, biggest) = largest.unwrap_or((cells, name));
            return Err(format!(
                "the workbook's sheets span {total} cells together (each from its first to its last used row and column), more than the {max_cells} Bridgework reads; the largest is sheet \"{biggest}\" ({n} cells): delete the rows and columns far from the map's data, or keep the map's sheets in a workbook of their own"
            ));
        }
        shared_chars = shared_chars.saturating_add(walk.shared_chars);
        if shared_chars > MAX_SHARED_TEXT_CHARS {
            return Err(format!(
                "the workbook's cells hold more than {MAX_SHARED_TEXT_CHARS} characters of text (up to sheet \"{name}\"; a text repeated in many cells counts each time), more than Bridgework reads; the file is damaged, or keep the map's sheets in a workbook of their own"
            ));
        }
        spans.push((*pos, walk.end));
    }
    // Sheets that overlap would be read (and blanked) twice over, each
    // time differently.
    spans.retain(|(start, end)| start < end);
    spans.sort_unstable();
    if spans.windows(2).any(|w| match w {
        [a, b] => b.0 < a.1,
        _ => false,
    }) {
        return Err(damaged("two of its sheets overlap"));
    }
    Ok(())
}

/// The workbook stream of a compound document.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(&format!("its container cannot be read: {e}")))?;
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
    else {
        return Err("this file holds no Excel workbook (it may be a password-protected .xlsx, or another kind of document); save it from Excel or LibreOffice as .xlsx, .xls or .ods".to_owned());
    };
    let stream = file
        .open_stream(name)
        .map_err(|e| damaged(&format!("its workbook cannot be read: {e}")))?;
    // A stream is never longer than the file that holds it.
    let limit = bytes.len() as u64;
    let mut out = Vec::with_capacity(usize::try_from(stream.len().min(limit)).unwrap_or(0));
    stream
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| damaged(&format!("its workbook cannot be read: {e}")))?;
    Ok(out)
}

/// `stream` as the `Workbook` stream of a fresh compound document.
fn pack(stream: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut file = cfb::CompoundFile::create_with_version(
        cfb::Version::V3,
        Cursor::new(Vec::with_capacity(stream.len() + stream.len() / 64 + 4096)),
    )?;
    let mut out = file.create_stream("/Workbook")?;
    out.write_all(stream)?;
    out.flush()?;
    drop(out);
    file.flush()?;
    Ok(file.into_inner().into_inner())
}

/// For a compound document (`.xls`): refuses a workbook calamine would
/// lay out as more than `max_cells` cells (a sheet, or its sheets
/// together), with more than `max_sheets` sheets, or otherwise beyond
/// what the module docs list, naming the sheet; else the workbook, its
/// formulas' expressions blanked, in a fresh container for calamine to
/// open. `None` for any other file: calamine says what it is not.
pub fn repack_xls(
    path: &Path,
    bytes: &[u8],
    max_cells: usize,
    max_sheets: usize,
) -> Result<Option<Vec<u8>>, IoError> {
    if !bytes.starts_with(&CFB_SIGNATURE) {
        return Ok(None);
    }
    let refuse = |message: Refusal| IoError::invalid_file(path, message);
    let mut stream = workbook_stream(bytes).map_err(refuse)?;
    measure(&mut stream, max_cells, max_sheets).map_err(refuse)?;
    pack(&stream).map(Some).map_err(|e| {
        refuse(format!(
            "the workbook could not be prepared for reading ({e})"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_CELLS: usize = 4_000_000;
    const MAX_SHEETS: usize = 1_000;

    /// A BIFF record.
    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    fn bof() -> Vec<u8> {
        record(BOF, &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0])
    }

    fn eof() -> Vec<u8> {
        record(EOF, &[])
    }

    /// A cell record's data: row, column, format, then `rest`.
    fn cell(row: u16, column: u16, rest: &[u8]) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&column.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        d.extend_from_slice(rest);
        d
    }

    fn number(row: u16, column: u16, v: f64) -> Vec<u8> {
        record(NUMBER, &cell(row, column, &v.to_le_bytes()))
    }

    /// A LABEL record (BIFF8, one byte a character).
    fn label(row: u16, column: u16, text: &str) -> Vec<u8> {
        let mut rest = u16::try_from(text.len()).unwrap().to_le_bytes().to_vec();
        rest.push(0);
        rest.extend_from_slice(text.as_bytes());
        record(LABEL, &cell(row, column, &rest))
    }

    /// A workbook stream: `globals` (after the BOF), then one BOUNDSHEET
    /// for each sheet and the sheets' records, each between a BOF and an
    /// EOF.
    fn stream(globals: &[Vec<u8>], sheets: &[(&str, Vec<Vec<u8>>)]) -> Vec<u8> {
        let boundsheet = |pos: u32, name: &str| {
            let mut d = pos.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, u8::try_from(name.len()).unwrap(), 0]);
            d.extend_from_slice(name.as_bytes());
            record(BOUNDSHEET, &d)
        };
        let mut head = bof();
        for g in globals {
            head.extend_from_slice(g);
        }
        let lists: usize = sheets.iter().map(|(n, _)| boundsheet(0, n).len()).sum();
        let mut pos = head.len() + lists + eof().len();
        let mut bodies = Vec::new();
        for (name, records) in sheets {
            head.extend(boundsheet(u32::try_from(pos).unwrap(), name));
            let mut body = bof();
            for r in records {
                body.extend_from_slice(r);
            }
            body.extend(eof());
            pos += body.len();
            bodies.extend(body);
        }
        head.extend(eof());
        head.extend(bodies);
        head
    }

    fn xls(stream: &[u8]) -> Vec<u8> {
        pack(stream).unwrap()
    }

    fn measured(stream: &mut [u8]) -> Result<(), Refusal> {
        measure(stream, MAX_CELLS, MAX_SHEETS)
    }

    fn refusal(stream: &mut [u8]) -> String {
        measured(stream).unwrap_err()
    }

    #[test]
    fn a_workbook_made_here_is_read_by_calamine_as_measured() {
        let s = stream(
            &[],
            &[
                ("Actors", vec![label(0, 0, "Label"), label(1, 0, "Ana")]),
                ("Ties", vec![label(0, 0, "From"), number(2, 3, 7.0)]),
            ],
        );
        let bytes = xls(&s);
        let out = repack_xls(Path::new("t.xls"), &bytes, MAX_CELLS, MAX_SHEETS)
            .unwrap()
            .unwrap();
        use calamine::Reader;
        let mut book = calamine::Xls::new(Cursor::new(out)).unwrap();
        assert_eq!(book.sheet_names(), ["Actors", "Ties"]);
        let ties = book.worksheet_range("Ties").unwrap();
        assert_eq!((ties.start(), ties.end()), (Some((0, 0)), Some((2, 3))));
        assert_eq!(ties.get_value((2, 3)), Some(&calamine::Data::Float(7.0)));
    }

    #[test]
    fn a_file_that_is_not_a_compound_document_is_left_to_calamine() {
        let p = Path::new("t.xls");
        assert_eq!(
            repack_xls(p, b"PK\x03\x04 not a zip", 10, 10).unwrap(),
            None
        );
        assert_eq!(repack_xls(p, b"", 10, 10).unwrap(), None);
    }

    #[test]
    fn a_compound_document_without_a_workbook_is_refused_saying_so() {
        let mut file =
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
                .unwrap();
        file.create_stream("/EncryptedPackage")
            .unwrap()
            .write_all(b"secret")
            .unwrap();
        file.flush().unwrap();
        let bytes = file.into_inner().into_inner();
        let e = repack_xls(Path::new("t.xls"), &bytes, 10, 10)
            .unwrap_err()
            .to_string();
        assert!(e.contains("holds no Excel workbook"), "{e}");
    }

    #[test]
    fn one_cell_far_away_makes_its_sheet_span_the_rectangle_up_to_it() {
        let mut s = stream(
            &[],
            &[("Far", vec![number(0, 0, 1.0), number(65_535, 255, 2.0)])],
        );
        let e = refusal(&mut s);
        assert!(e.contains("sheet \"Far\" spans 16777216 cells"), "{e}");
    }

    #[test]
    fn sheets_under_the_limit_each_are_refused_together_naming_the_largest() {
        let sheet = |rows: u16| vec![number(0, 0, 1.0), number(rows - 1, 199, 2.0)];
        let mut s = stream(
            &[],
            &[
                ("A", sheet(5_000)),
                ("B", sheet(10_000)),
                ("C", sheet(10_000)),
            ],
        );
        let e = refusal(&mut s);
        assert!(e.contains("span 5000000 cells together"), "{e}");
        assert!(
            e.contains("the largest is sheet \"B\" (2000000 cells)"),
            "{e}"
        );
        // Two of them fit.
        let mut s = stream(&[], &[("A", sheet(5_000)), ("B", sheet(10_000))]);
        assert_eq!(measured(&mut s), Ok(()));
    }

    #[test]
    fn blank_cells_count_for_nothing_as_calamine_keeps_none() {
        let blank = record(0x0201, &cell(65_535, 255, &[]));
        let mut mulblank = cell(65_000, 0, &[]);
        mulblank.extend_from_slice(&[0; 400]);
        mulblank.extend_from_slice(&255u16.to_le_bytes());
        let mut s = stream(
            &[],
            &[(
                "S",
                vec![number(0, 0, 1.0), blank, record(0x00BE, &mulblank)],
            )],
        );
        assert_eq!(measured(&mut s), Ok(()));
    }

    #[test]
    fn a_mulrk_record_spans_its_columns() {
        // Row 20,000, columns 0 to 199 (200 six-byte values).
        let mut d = 20_000u16.to_le_bytes().to_vec();
        d.extend_from_slice(&0u16.to_le_bytes());
        d.extend(std::iter::repeat_n(0u8, 6 * 200));
        d.extend_from_slice(&199u16.to_le_bytes());
        let mut s = stream(&[], &[("M", vec![number(0, 0, 1.0), record(MULRK, &d)])]);
        let e = refusal(&mut s);
        assert!(e.contains("spans 4000200 cells"), "{e}");
    }

    #[test]
    fn a_dimensions_record_claiming_billions_of_cells_is_refused() {
        // BIFF8: rows 0 to 0xFFFFFFFF, columns 0 to 255.
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend_from_slice(&u32::MAX.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        d.extend_from_slice(&256u16.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        let mut s = stream(&[], &[("D", vec![record(DIMENSIONS, &d)])]);
        let e = refusal(&mut s);
        assert!(
            e.contains("sheet \"D\" claims more rows and columns"),
            "{e}"
        );
        // A wrapped one (last row before the first).
        let mut d = 10u32.to_le_bytes().to_vec();
        d.extend_from_slice(&5u32.to_le_bytes());
        d.extend_from_slice(&[0, 0, 1, 0, 0, 0]);
        let mut s = stream(&[], &[("W", vec![record(DIMENSIONS, &d)])]);
        assert!(refusal(&mut s).contains("sheet \"W\""));
        // A whole sheet is allowed: a formatted blank cell in its last
        // row and column claims that much.
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend_from_slice(&65_536u32.to_le_bytes());
        d.extend_from_slice(&[0, 0, 0, 1, 0, 0]);
        let mut s = stream(&[], &[("Whole", vec![record(DIMENSIONS, &d)])]);
        assert_eq!(measured(&mut s), Ok(()));
    }

    /// An SST record of `texts` (one byte a character), and `continues`
    /// empty CONTINUE records after it.
    fn sst(texts: &[&str], continues: usize) -> Vec<Vec<u8>> {
        let mut d = vec![0; 8];
        for t in texts {
            d.extend_from_slice(&u16::try_from(t.len()).unwrap().to_le_bytes());
            d.push(0);
            d.extend_from_slice(t.as_bytes());
        }
        let mut out = vec![record(SST, &d)];
        out.extend(std::iter::repeat_n(record(CONTINUE, &[]), continues));
        out
    }

    fn label_sst(row: u16, i: u32) -> Vec<u8> {
        record(LABELSST, &cell(row, 0, &i.to_le_bytes()))
    }

    #[test]
    fn one_long_shared_text_in_many_cells_is_refused() {
        let long = "x".repeat(60_000);
        let cells: Vec<Vec<u8>> = (0..600).map(|r| label_sst(r, 0)).collect();
        let mut s = stream(&sst(&[&long], 0), &[("Many", cells)]);
        let e = refusal(&mut s);
        assert!(
            e.contains("characters of text (up to sheet \"Many\""),
            "{e}"
        );
        // The same cells naming a short text are fine.
        let cells: Vec<Vec<u8>> = (0..600).map(|r| label_sst(r, 1)).collect();
        let mut s = stream(&sst(&[&long, "short"], 0), &[("Many", cells)]);
        assert_eq!(measured(&mut s), Ok(()));
    }

    #[test]
    fn shared_texts_split_over_continue_records_are_counted_as_calamine_reads_them() {
        // "abcdef" as "abc" in the SST and "def" in a CONTINUE (with its
        // flags byte), then "gh" whole in the CONTINUE.
        let mut d = vec![0; 8];
        d.extend_from_slice(&[6, 0, 0]);
        d.extend_from_slice(b"abc");
        let mut c = vec![0];
        c.extend_from_slice(b"def");
        c.extend_from_slice(&[2, 0, 0]);
        c.extend_from_slice(b"gh");
        let s = stream(&[record(SST, &d), record(CONTINUE, &c)], &[]);
        let h = header(&s, bof().len()).unwrap();
        assert_eq!(shared_text_lengths(&s, &h), Ok(vec![6, 2]));
        // A text the table is too short for.
        let mut d = vec![0; 8];
        d.extend_from_slice(&[60, 0, 0]);
        d.extend_from_slice(b"abc");
        let s = stream(&[record(SST, &d)], &[]);
        let h = header(&s, bof().len()).unwrap();
        assert!(shared_text_lengths(&s, &h).is_err());
    }

    #[test]
    fn a_shared_text_table_continued_over_thousands_of_records_is_refused() {
        let mut s = stream(&sst(&["a"], MAX_SST_CONTINUES + 1), &[]);
        assert!(refusal(&mut s).contains("runs on over more than"));
        let mut s = stream(&sst(&["a"], MAX_SST_CONTINUES), &[]);
        assert_eq!(measured(&mut s), Ok(()));
    }

    #[test]
    fn records_calamine_would_read_past_their_end_are_refused() {
        type Case = (Vec<Vec<u8>>, Vec<Vec<u8>>, &'static str);
        let cases: Vec<Case> = vec![
            (vec![record(BOUNDSHEET, &[1, 2, 3])], vec![], "sheet list"),
            (vec![record(LBL, &[0; 10])], vec![], "defined name"),
            (vec![record(DATEMODE, &[1])], vec![], "setting"),
            (vec![record(EXTERNSHEET, &[])], vec![], "sheet references"),
            (
                vec![],
                vec![record(MERGECELLS, &[2, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
                "merged",
            ),
            (vec![], vec![record(FORMULA, &[0; 21])], "formula cut short"),
        ];
        for (globals, cells, what) in cases {
            let mut s = stream(&globals, &[("S", cells)]);
            let e = refusal(&mut s);
            assert!(e.contains(what), "{what}: {e}");
        }
        let mut s = record(BOF, &[6]);
        assert!(refusal(&mut s).contains("BOF"));
    }

    #[test]
    fn formulas_keep_their_value_and_lose_their_expression() {
        // =1+2 in C1, last computed as 3.
        let mut d = cell(0, 2, &3f64.to_le_bytes());
        d.extend_from_slice(&[0; 6]);
        d.extend_from_slice(&[7, 0, 0x1E, 1, 0, 0x1E, 2, 0, 0x03]);
        let s = stream(
            &[],
            &[("F", vec![label(0, 0, "Label"), record(FORMULA, &d)])],
        );
        let out = repack_xls(Path::new("f.xls"), &xls(&s), MAX_CELLS, MAX_SHEETS)
            .unwrap()
            .unwrap();
        use calamine::Reader;
        let mut book = calamine::Xls::new(Cursor::new(out)).unwrap();
        let range = book.worksheet_range("F").unwrap();
        assert_eq!(range.get_value((0, 2)), Some(&calamine::Data::Float(3.0)));
        let formulas = book.worksheet_formula("F").unwrap();
        assert!(!formulas.used_cells().any(|(_, _, f)| f.contains("1+2")));
    }

    #[test]
    fn sheets_that_overlap_or_start_past_the_end_are_refused() {
        let mut s = stream(&[], &[("A", vec![number(0, 0, 1.0)]), ("B", vec![])]);
        // B's entry points at A's records (each entry: a 4-byte header,
        // then 9 bytes, its position first).
        let entry = [0x85, 0, 9, 0];
        let a = s.windows(4).position(|w| w == entry).unwrap();
        let a_pos = s.get(a + 4..a + 8).unwrap().to_vec();
        let b = a + 4 + 9;
        s.splice(b + 4..b + 8, a_pos);
        assert!(refusal(&mut s).contains("overlap"));
        let mut s = stream(&[], &[("A", vec![])]);
        let a = s.windows(4).position(|w| w == entry).unwrap();
        s.splice(a + 4..a + 8, 1_000_000u32.to_le_bytes());
        assert!(refusal(&mut s).contains("sheet \"A\" starts past the end"));
    }

    #[test]
    fn more_sheets_than_the_reader_takes_are_refused_before_calamine_reads_them() {
        let sheets: Vec<(&str, Vec<Vec<u8>>)> = (0..5).map(|_| ("S", vec![])).collect();
        let mut s = stream(&[], &sheets);
        assert!(
            measure(&mut s, MAX_CELLS, 4)
                .unwrap_err()
                .contains("more than 4 sheets")
        );
    }
}
