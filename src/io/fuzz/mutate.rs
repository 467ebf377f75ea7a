//! The mutations the fuzz harness applies to seed files: byte-level
//! damage (bit flips, inserted, deleted and repeated bytes, truncation,
//! NUL bytes), splicing two seeds, numbers replaced by huge, tiny and
//! non-finite ones, deep nesting, entity expansion and external entities
//! (XML), and the whole file re-encoded (UTF-16 with and without a
//! byte-order mark, Latin-1, broken UTF-8). A spreadsheet is a zip
//! archive: most of its inputs mutate one member and pack the archive
//! again, so the damage reaches the XML inside. An `.xls` seed is a
//! compound document: most of its inputs mutate its workbook stream (the
//! BIFF records, some with a 16-bit number such as a row or a length
//! replaced by an extreme one) and pack it again.
//!
//! Everything is driven by the random generator passed in, so an input is
//! reproducible from the harness's seed and the input's number.

use super::Syntax;
use rand::Rng;
use rand::seq::IndexedRandom;
use std::io::{Cursor, Read, Write};

/// The largest input a mutation builds: larger ones are cut to this.
pub const MAX_INPUT_BYTES: usize = 4 << 20;

/// Numbers that break naive parsing: huge, tiny, non-finite, negative
/// zero, beyond 64-bit integers, and spellings that are not numbers.
const NASTY_NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "1e999",
    "-1e999",
    "1e-400",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "-0",
    "-0.0",
    "0",
    "4294967296",
    "18446744073709551616",
    "-9223372036854775809",
    "99999999999999999999999999999999",
    "0x10",
    "1_000",
    "1,5",
    "",
    "-",
    ".",
    "1e",
];

/// Bytes worth inserting: structure characters of every format, NUL,
/// line ends, and bytes that are never valid UTF-8.
const NASTY_BYTES: &[u8] = b"\0\n\r\t\"',;|<>/&{}[]:=#\\ \x7f\xc0\xff\xfe\xed";

/// Inserts for XML: DTDs with internal and external entities, references
/// to them, processing instructions, CDATA and stray markup.
const XML_SNIPPETS: &[&str] = &[
    "<!DOCTYPE graphml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
    "<!DOCTYPE gexf SYSTEM \"http://example.invalid/evil.dtd\">",
    "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>",
    "&xxe;",
    "&lol9;",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&#99999999999999999999;",
    "&amp",
    "<![CDATA[ ]]>",
    "<![CDATA[",
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    "<?xml version=\"1.1\" encoding=\"ISO-8859-1\"?>",
    "<?php ?>",
    "<!-- -- -->",
    "</graphml>",
    "</gexf>",
    "<node id=\"n0\"/>",
    "<edge source=\"n0\" target=\"n0\"/>",
    "<data key=\"d0\">x</data>",
    "xmlns:y=\"http://www.yworks.com/xml/graphml\"",
    " id=\"\"",
    " source=\"\u{0}\"",
];

/// Inserts for JSON and CSV.
const TEXT_SNIPPETS: &[&str] = &[
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\udfff\\ud800\"",
    "null",
    "true",
    "[]",
    "{}",
    "\"\":\"\"",
    "\"\"\"",
    ",,,,",
    "\r\n",
    "\n\n\n",
    "=1+1",
    "\u{202e}",
    "\u{feff}",
    "é",
    "😀",
];

/// One input made from `seeds` (all of one format): a seed, changed by one
/// to four mutations.
pub fn mutate(seeds: &[Vec<u8>], syntax: Syntax, rng: &mut impl Rng) -> Vec<u8> {
    let Some(seed) = seeds.choose(rng) else {
        return Vec::new();
    };
    if syntax == Syntax::Zip
        && rng.random_bool(0.85)
        && let Some(out) = mutate_member(seed, rng)
    {
        return out;
    }
    if seed.starts_with(&OLE_SIGNATURE)
        && rng.random_bool(0.85)
        && let Some(out) = mutate_workbook_stream(seed, rng)
    {
        return out;
    }
    let member_syntax = if syntax == Syntax::Zip {
        Syntax::Xml
    } else {
        syntax
    };
    let mut data = seed.clone();
    for _ in 0..rng.random_range(1..=4) {
        mutate_once(&mut data, seeds, member_syntax, rng);
    }
    data.truncate(MAX_INPUT_BYTES);
    data
}

/// A zip archive with one member mutated (as XML) and packed again,
/// stored or deflated. `None` if `seed` is not a readable archive.
fn mutate_member(seed: &[u8], rng: &mut impl Rng) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(seed)).ok()?;
    let mut members = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        members.push((file.name().ok()?.into_owned(), bytes));
    }
    // Mostly the sheets and shared strings: where the cells are.
    let interesting: Vec<usize> = (0..members.len())
        .filter(|&i| {
            members
                .get(i)
                .is_some_and(|(n, _)| n.contains("sheet") || n.contains("String"))
        })
        .collect();
    let pick = if !interesting.is_empty() && rng.random_bool(0.8) {
        interesting.choose(rng).copied()
    } else {
        (!members.is_empty()).then(|| rng.random_range(0..members.len()))
    }?;
    let others: Vec<Vec<u8>> = members.iter().map(|(_, b)| b.clone()).collect();
    if let Some((_, bytes)) = members.get_mut(pick) {
        for _ in 0..rng.random_range(1..=3) {
            mutate_once(bytes, &others, Syntax::Xml, rng);
        }
        bytes.truncate(MAX_INPUT_BYTES);
    }
    if rng.random_bool(0.05) && members.len() > 1 {
        // A member lost.
        let gone = rng.random_range(0..members.len());
        members.remove(gone);
    }
    let method = if rng.random_bool(0.5) {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in &members {
        out.start_file(name.as_str(), options).ok()?;
        out.write_all(bytes).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

/// The first eight bytes of a compound document (`.xls`).
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// 16-bit numbers that break BIFF records: the last row, column or
/// length, zero, and their neighbours.
const NASTY_U16: &[u16] = &[
    0xFFFF, 0xFFFE, 0x0000, 0x0001, 0x8000, 0x00FF, 0x0100, 0x4000,
];

/// A compound document (`.xls`) with its workbook stream mutated and
/// packed again in a fresh container. `None` if `seed` has no readable
/// workbook stream.
fn mutate_workbook_stream(seed: &[u8], rng: &mut impl Rng) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(seed)).ok()?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))?;
    let mut stream = Vec::new();
    file.open_stream(name).ok()?.read_to_end(&mut stream).ok()?;
    for _ in 0..rng.random_range(1..=3) {
        if rng.random_bool(0.5) && stream.len() >= 2 {
            // A number in a record (a row, a column, a length, a count).
            let at = rng.random_range(0..stream.len() - 1);
            let v = NASTY_U16.choose(rng).copied().unwrap_or(0xFFFF);
            if let Some(b) = stream.get_mut(at..at + 2) {
                b.copy_from_slice(&v.to_le_bytes());
            }
        } else {
            mutate_once(&mut stream, &[], Syntax::Csv, rng);
        }
    }
    stream.truncate(MAX_INPUT_BYTES);
    let mut out =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).ok()?;
    out.create_stream(name).ok()?.write_all(&stream).ok()?;
    out.flush().ok()?;
    Some(out.into_inner().into_inner())
}

/// A position in `data` (0..=len).
fn pos(data: &[u8], rng: &mut impl Rng) -> usize {
    rng.random_range(0..=data.len())
}

/// A range inside `data`, at most `max` long.
fn span(data: &[u8], max: usize, rng: &mut impl Rng) -> (usize, usize) {
    let start = pos(data, rng);
    let len = rng.random_range(0..=max.min(data.len() - start));
    (start, start + len)
}

/// Applies one mutation to `data`.
fn mutate_once(data: &mut Vec<u8>, seeds: &[Vec<u8>], syntax: Syntax, rng: &mut impl Rng) {
    match rng.random_range(0..17) {
        0 | 1 => {
            // Bit flips.
            if !data.is_empty() {
                for _ in 0..rng.random_range(1..=8) {
                    let i = rng.random_range(0..data.len());
                    if let Some(b) = data.get_mut(i) {
                        *b ^= 1 << rng.random_range(0..8);
                    }
                }
            }
        }
        2 => {
            // Inserted bytes: structure characters, NUL, invalid UTF-8.
            for _ in 0..rng.random_range(1..=4) {
                let at = pos(data, rng);
                let b = NASTY_BYTES.choose(rng).copied().unwrap_or(0);
                data.insert(at, b);
            }
        }
        3 => {
            // A range deleted.
            let (a, b) = span(data, 64, rng);
            data.drain(a..b);
        }
        4 => {
            // Truncated.
            let at = pos(data, rng);
            data.truncate(at);
        }
        5 | 6 => {
            // Spliced: this input's head, another seed's tail.
            if let Some(other) = seeds.choose(rng) {
                let at = pos(data, rng);
                let from = pos(other, rng);
                data.truncate(at);
                data.extend_from_slice(other.get(from..).unwrap_or(&[]));
            }
        }
        7 => {
            // A piece of another seed inserted (crossing over tokens).
            if let Some(other) = seeds.choose(rng) {
                let (a, b) = span(other, 200, rng);
                let at = pos(data, rng);
                let piece = other.get(a..b).unwrap_or(&[]).to_vec();
                data.splice(at..at, piece);
            }
        }
        8 | 9 => replace_number(data, rng),
        10 => {
            // A range repeated many times: long names, many rows.
            let (a, b) = span(data, 120, rng);
            let piece = data.get(a..b).unwrap_or(&[]).to_vec();
            if !piece.is_empty() {
                let times = *[2usize, 10, 1000, 20_000].choose(rng).unwrap_or(&2);
                let times = times.min(MAX_INPUT_BYTES / piece.len().max(1));
                let repeated = piece.repeat(times);
                data.splice(b..b, repeated);
            }
        }
        11 => nest(data, syntax, rng),
        12 => {
            // NUL bytes.
            for _ in 0..rng.random_range(1..=3) {
                let at = pos(data, rng);
                data.insert(at, 0);
            }
        }
        13 => reencode(data, rng),
        14 if syntax == Syntax::Xml => entities(data, rng),
        14 | 15 => {
            let snippets = if syntax == Syntax::Xml {
                XML_SNIPPETS
            } else {
                TEXT_SNIPPETS
            };
            if let Some(s) = snippets.choose(rng) {
                let at = pos(data, rng);
                data.splice(at..at, s.bytes());
            }
        }
        _ => {
            // Bytes overwritten with random ones.
            if !data.is_empty() {
                let (a, b) = span(data, 8, rng);
                for i in a..b {
                    if let Some(x) = data.get_mut(i) {
                        *x = rng.random();
                    }
                }
            }
        }
    }
}

/// Replaces a number in `data` (or inserts one) with a nasty one.
fn replace_number(data: &mut Vec<u8>, rng: &mut impl Rng) {
    let nasty = NASTY_NUMBERS.choose(rng).copied().unwrap_or("NaN");
    let start = pos(data, rng);
    let found = data
        .get(start..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
        .map(|i| start + i);
    match found {
        Some(a) => {
            let mut b = a;
            while data.get(b).is_some_and(|c| {
                c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+')
            }) {
                b += 1;
            }
            data.splice(a..b, nasty.bytes());
        }
        None => {
            data.splice(start..start, nasty.bytes());
        }
    }
}

/// Inserts deep nesting: JSON arrays and objects, XML elements, quoted
/// CSV fields; closed or left open.
fn nest(data: &mut Vec<u8>, syntax: Syntax, rng: &mut impl Rng) {
    let depth = *[100usize, 1000, 10_000, 100_000]
        .choose(rng)
        .unwrap_or(&100);
    let closed = rng.random_bool(0.5);
    let (open, close): (&[u8], &[u8]) = match syntax {
        Syntax::Json if rng.random_bool(0.5) => (b"[", b"]"),
        Syntax::Json => (b"{\"a\":", b"}"),
        Syntax::Xml if rng.random_bool(0.5) => (b"<data key=\"d0\">", b"</data>"),
        Syntax::Xml => (b"<a>", b"</a>"),
        Syntax::Csv | Syntax::Zip => (b"\"", b"\""),
    };
    let mut piece = open.repeat(depth);
    if syntax == Syntax::Json && closed {
        piece.extend_from_slice(b"1");
    }
    if closed {
        piece.extend_from_slice(&close.repeat(depth));
    }
    let at = pos(data, rng);
    data.splice(at..at, piece);
}

/// Injects a DTD with entities (billion laughs, external file and URL
/// entities, parameter entities) and references to them.
fn entities(data: &mut Vec<u8>, rng: &mut impl Rng) {
    let dtd = match rng.random_range(0..3) {
        0 => {
            let mut d = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
            let mut prev = "lol".to_owned();
            for i in 1..10 {
                let name = format!("lol{i}");
                d.push_str(&format!(
                    "<!ENTITY {name} \"{}\">",
                    format!("&{prev};").repeat(10)
                ));
                prev = name;
            }
            d.push_str("]>");
            d
        }
        1 => "<!DOCTYPE graphml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>".to_owned(),
        _ => "<!DOCTYPE graphml [<!ENTITY % dtd SYSTEM \"http://example.invalid/x.dtd\"> %dtd;]>"
            .to_owned(),
    };
    // After the XML declaration if there is one, else at the start.
    let at = data
        .windows(2)
        .position(|w| w == b"?>")
        .map_or(0, |i| i + 2);
    data.splice(at..at, dtd.bytes());
    // And references where text or attribute values go.
    for _ in 0..rng.random_range(1..=3) {
        let at = pos(data, rng);
        let r: &[u8] = if rng.random_bool(0.5) {
            b"&lol9;"
        } else {
            b"&xxe;"
        };
        data.splice(at..at, r.iter().copied());
    }
}

/// Re-encodes the text: UTF-16 (little or big endian, with or without a
/// byte-order mark), Latin-1, or UTF-8 made invalid (overlong forms,
/// surrogates, a cut multi-byte character).
fn reencode(data: &mut Vec<u8>, rng: &mut impl Rng) {
    let text = String::from_utf8_lossy(data).into_owned();
    *data = match rng.random_range(0..7) {
        0 => [&[0xFF, 0xFE][..], &utf16(&text, false)].concat(),
        1 => [&[0xFE, 0xFF][..], &utf16(&text, true)].concat(),
        2 => utf16(&text, false),
        3 => utf16(&text, true),
        4 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect(),
        5 => {
            let bad: &[&[u8]] = &[
                b"\xC0\xAF",
                b"\xED\xA0\x80",
                b"\xF4\x90\x80\x80",
                b"\xE2\x82",
            ];
            let mut d = data.clone();
            let at = pos(&d, rng);
            if let Some(b) = bad.choose(rng) {
                d.splice(at..at, b.iter().copied());
            }
            d
        }
        _ => [&[0xEF, 0xBB, 0xBF][..], data].concat(),
    };
}

/// `text` as UTF-16 bytes, without a byte-order mark.
pub(crate) fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}
