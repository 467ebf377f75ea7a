//! The XML reading shared by the XML formats (GraphML, GEXF): quick-xml
//! events with the byte offset of each, open elements tracked for
//! messages, attributes unescaped, references resolved (only the five
//! predefined entities and character references: no DTD is read and no
//! other entity, external or not, is ever expanded), and every error as
//! an [`IoError`] with line and column.
//!
//! Depends on `model` only (through `builder::Origin`).

use super::builder::Origin;
use super::error::{IoError, LineCounter, Location, line_col};
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;
use std::path::Path;
use std::sync::Arc;

/// A result whose error is an [`IoError`].
pub type Res<T> = Result<T, IoError>;

fn to_usize(x: u64) -> usize {
    usize::try_from(x).unwrap_or(usize::MAX)
}

/// The local name of a tag (its namespace prefix dropped).
pub fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

// --- writing ----------------------------------------------------------

/// Whether XML 1.0 can hold `c` at all.
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Appends `s` escaped for XML text (`in_attribute == false`) or a
/// double-quoted attribute value. Characters XML 1.0 cannot hold become
/// U+FFFD; CR (and in attributes tab and LF) become character references
/// so that XML's line-end and attribute-value normalisation keep them.
pub fn push_escaped(out: &mut String, s: &str, in_attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `s` escaped for a double-quoted XML attribute value.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s, true);
    out
}

// --- reading ----------------------------------------------------------

/// An XML text being read event by event.
pub struct XmlText<'a> {
    /// The file, for messages.
    pub path: &'a Path,
    shared_path: Arc<Path>,
    text: &'a str,
    reader: Reader<&'a [u8]>,
    /// Offsets of the open elements' start tags, innermost last.
    pub open: Vec<usize>,
    /// Line counting so far, so each origin is found without rescanning
    /// the text.
    lines: LineCounter,
    /// The root element's name, for "the file ends before </root>".
    root: &'static str,
    /// The format's name, for messages ("GraphML").
    format: &'static str,
}

impl<'a> XmlText<'a> {
    /// A reader of `text` (from `path`), whose root element is `root`.
    pub fn new(path: &'a Path, text: &'a str, root: &'static str, format: &'static str) -> Self {
        Self {
            path,
            shared_path: Arc::from(path),
            text,
            reader: Reader::from_str(text),
            open: Vec::new(),
            lines: LineCounter::default(),
            root,
            format,
        }
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Whether the element whose start tag is at `offset` has a body (it
    /// was a start tag, not an empty element).
    pub fn has_body(&self, offset: usize) -> bool {
        matches!(self.open.last(), Some(&o) if o == offset)
    }

    // --- positions and errors -------------------------------------------

    /// Where the element starting at byte `offset` is, for the builder.
    /// Offsets asked for in increasing order are counted from the last.
    pub fn origin(&mut self, offset: usize) -> Origin {
        let (line, column) = self.lines.at(self.text.as_bytes(), offset);
        Origin::text(self.shared_path.clone(), line, Some(column))
    }

    pub fn at(&self, offset: usize, message: impl Into<String>) -> IoError {
        let (line, column) = line_col(self.text.as_bytes(), offset);
        IoError::invalid(
            self.path,
            Location::Line {
                line,
                column: Some(column),
            },
            message,
        )
    }

    pub fn line(&self, offset: usize) -> usize {
        line_col(self.text.as_bytes(), offset).0
    }

    /// The tag name of the start tag at `offset`.
    fn tag_at(&self, offset: usize) -> String {
        let rest = self.text.get(offset + 1..).unwrap_or("");
        rest.chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
            .collect()
    }

    pub fn truncated(&self) -> IoError {
        let detail = match self.open.last() {
            Some(&o) => format!(
                " (<{}> opened on line {} is not closed)",
                self.tag_at(o),
                self.line(o)
            ),
            None => String::new(),
        };
        self.at(
            self.text.len(),
            format!(
                "the file ends before </{}>; it may be truncated{detail}",
                self.root
            ),
        )
    }

    fn xml_error(&self, e: XmlError) -> IoError {
        let pos = to_usize(self.reader.error_position());
        let not_xml = "; the file is not well-formed XML";
        match e {
            XmlError::Syntax(s) => {
                let what = match s {
                    SyntaxError::InvalidBangMarkup => {
                        return self.at(
                            pos,
                            format!("\"<!\" must start a comment <!-- -->, a <![CDATA[ ]]> section or a <!DOCTYPE>{not_xml}"),
                        );
                    }
                    SyntaxError::UnclosedPIOrXmlDecl => "a <? ?> instruction",
                    SyntaxError::UnclosedComment => "a comment <!-- -->",
                    SyntaxError::UnclosedDoctype => "a <!DOCTYPE>",
                    SyntaxError::UnclosedCData => "a <![CDATA[ ]]> section",
                    SyntaxError::UnclosedTag => "a tag",
                };
                self.at(
                    pos,
                    format!("{what} starts here but is never closed; the file ends before </{}> and may be truncated", self.root),
                )
            }
            XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                let opened = match self.open.last() {
                    Some(&o) => format!(", opened on line {}", self.line(o)),
                    None => String::new(),
                };
                self.at(
                    pos,
                    format!(
                        "</{found}> does not close <{expected}>{opened}{not_xml}; add the missing </{expected}> or fix the tag name"
                    ),
                )
            }
            XmlError::IllFormed(IllFormedError::UnmatchedEndTag(name)) => self.at(
                pos,
                format!("</{name}> closes an element that was never opened{not_xml}"),
            ),
            XmlError::IllFormed(IllFormedError::UnclosedReference) => self.at(
                pos,
                format!("\"&\" starts a reference that is not closed by \";\"{not_xml}; write a literal & as &amp;"),
            ),
            other => self.at(pos, format!("{other}{not_xml}")),
        }
    }

    // --- events ---------------------------------------------------------

    /// The next event and the offset where it starts. References to
    /// entities other than the five predefined ones are errors here.
    pub fn event(&mut self) -> Res<(Event<'a>, usize)> {
        let start = to_usize(self.reader.buffer_position());
        match self.reader.read_event() {
            Ok(ev) => {
                match &ev {
                    Event::Start(_) => self.open.push(start),
                    Event::End(_) => {
                        self.open.pop();
                    }
                    // A reference is checked wherever it stands, even in
                    // text that is skipped: no entity but the predefined
                    // ones is ever accepted.
                    Event::GeneralRef(r) => self.resolve_ref(r, start, &mut String::new())?,
                    _ => {}
                }
                Ok((ev, start))
            }
            Err(e) => Err(self.xml_error(e)),
        }
    }

    /// The attributes of a start tag, unescaped, in order.
    pub fn attributes(&self, e: &BytesStart<'_>, offset: usize) -> Res<Vec<(String, String)>> {
        let tag = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let mut out = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| {
                let what = match err {
                    AttrError::Duplicated(..) => "has the same attribute twice".to_owned(),
                    AttrError::ExpectedQuote(..) | AttrError::UnquotedValue(..) => {
                        "has an attribute value without quotes; write name=\"value\"".to_owned()
                    }
                    AttrError::ExpectedEq(..) | AttrError::ExpectedValue(..) => {
                        "has an attribute without a value; write name=\"value\"".to_owned()
                    }
                };
                self.at(offset, format!("<{tag}> {what}"))
            })?;
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a.decode_and_unescape_value(self.reader.decoder()).map_err(|err| {
                self.at(
                    offset,
                    format!(
                        "<{tag}>: the value of {key} cannot be read ({err}); only &lt; &gt; &amp; &quot; &apos; and character references like &#233; can be used"
                    ),
                )
            })?;
            out.push((key, value.into_owned()));
        }
        Ok(out)
    }

    pub fn resolve_ref(&self, r: &BytesRef<'_>, offset: usize, out: &mut String) -> Res<()> {
        let name = String::from_utf8_lossy(r).into_owned();
        match r.resolve_char_ref() {
            Ok(Some(c)) => out.push(c),
            Ok(None) => match quick_xml::escape::resolve_xml_entity(&name) {
                Some(s) => out.push_str(s),
                None => {
                    return Err(self.at(
                        offset,
                        format!(
                            "&{name}; is not an entity Bridgework reads; {} text can use &lt; &gt; &amp; &quot; &apos; and character references like &#233;",
                            self.format
                        ),
                    ));
                }
            },
            Err(_) => {
                return Err(self.at(
                    offset,
                    format!("&{name}; is not a valid character reference"),
                ));
            }
        }
        Ok(())
    }

    /// `value` (of `what`, e.g. `<viz:size> value`, in the element at
    /// `offset`) as a finite number.
    pub fn finite(&self, value: &str, offset: usize, what: &str) -> Res<f64> {
        value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .ok_or_else(|| self.at(offset, format!("{what}=\"{value}\" is not a finite number")))
    }

    /// Skips the rest of an element whose start tag was just read.
    pub fn skip(&mut self) -> Res<()> {
        let mut depth = 1usize;
        loop {
            let (ev, _) = self.event()?;
            match ev {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }

    /// Reads the text content of the element just opened, up to its end
    /// tag; text inside child elements is ignored.
    pub fn read_text(&mut self) -> Res<String> {
        let mut out = String::new();
        let mut depth = 1usize;
        loop {
            let (ev, offset) = self.event()?;
            match ev {
                Event::Text(t) if depth == 1 => match t.xml10_content() {
                    Ok(s) => out.push_str(&s),
                    Err(err) => return Err(self.at(offset, format!("unreadable text: {err}"))),
                },
                Event::CData(c) if depth == 1 => match c.xml10_content() {
                    Ok(s) => out.push_str(&s),
                    Err(err) => return Err(self.at(offset, format!("unreadable text: {err}"))),
                },
                Event::GeneralRef(r) if depth == 1 => self.resolve_ref(&r, offset, &mut out)?,
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                }
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }
}
