//! yEd's GraphML extensions: node labels and geometry from the
//! `nodegraphics` data (`<y:NodeLabel>`, `<y:Geometry>`), tie labels from
//! the `edgegraphics` data (`<y:EdgeLabel>`).

use super::read::{Content, Parser};
use crate::io::xml::{Res, local_name};
use quick_xml::events::{BytesStart, Event};

/// The tie attribute a yEd edge label becomes (unless the edge has an
/// attribute of that name already).
pub const EDGE_LABEL: &str = "label";

impl<'a> Parser<'a> {
    /// Reads yEd's graphics data for a node (`label_tag` `NodeLabel`) or an
    /// edge (`EdgeLabel`): the first label element with text and the first
    /// `<y:Geometry>` (as its centre; edges have none).
    pub(super) fn read_yed_graphics(&mut self, label_tag: &str) -> Res<Content> {
        let mut label: Option<String> = None;
        let mut centre = None;
        let mut depth = 0usize;
        let mut label_depth: Option<usize> = None;
        let mut buf = String::new();
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let opened = matches!(self.xml.open.last(), Some(&o) if o == offset);
                    let name = local_name(&e);
                    if name == "Geometry" && centre.is_none() {
                        centre = Some(self.yed_geometry(&e, offset)?);
                    }
                    if opened {
                        depth += 1;
                        if name == label_tag && label.is_none() && label_depth.is_none() {
                            label_depth = Some(depth);
                            buf.clear();
                        }
                    }
                }
                Event::End(_) => {
                    if depth == 0 {
                        return Ok(Content::Yed { label, centre });
                    }
                    if label_depth == Some(depth) {
                        let t = buf.trim();
                        if !t.is_empty() {
                            label = Some(t.to_owned());
                        }
                        label_depth = None;
                    }
                    depth -= 1;
                }
                Event::Text(t) if label_depth == Some(depth) => match t.xml10_content() {
                    Ok(s) => buf.push_str(&s),
                    Err(err) => return Err(self.xml.at(offset, format!("unreadable text: {err}"))),
                },
                Event::CData(c) if label_depth == Some(depth) => match c.xml10_content() {
                    Ok(s) => buf.push_str(&s),
                    Err(err) => return Err(self.xml.at(offset, format!("unreadable text: {err}"))),
                },
                Event::GeneralRef(r) if label_depth == Some(depth) => {
                    self.xml.resolve_ref(&r, offset, &mut buf)?
                }
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    fn yed_geometry(&self, e: &BytesStart<'_>, offset: usize) -> Res<(f64, f64)> {
        let mut v = [0.0f64; 4];
        for (k, value) in self.xml.attributes(e, offset)? {
            let slot = match k.as_str() {
                "x" => 0,
                "y" => 1,
                "width" => 2,
                "height" => 3,
                _ => continue,
            };
            let n = self
                .xml
                .finite(&value, offset, &format!("<y:Geometry> {k}"))?;
            if let Some(s) = v.get_mut(slot) {
                *s = n;
            }
        }
        let [x, y, w, h] = v;
        Ok((x + w / 2.0, y + h / 2.0))
    }
}
