//! Reading GEXF: see the module docs of `gexf`. The parser reads the
//! syntax; [`MapBuilder`] makes the map.

use super::{DEFAULT_SIZE, VIZ_COLOUR, VIZ_SIZE};
use crate::io::builder::{MapBuilder, plural};
use crate::io::error::IoError;
use crate::io::fields;
use crate::io::xml::{Res, XmlText, local_name};
use crate::io::{ImportOptions, Loaded};
use crate::model::{Actor, Colour, Shape, Tie};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// A declared `<attribute>`: its title and default.
struct Declared {
    title: String,
    default: Option<String>,
}

/// Attributes declared for one class (node or edge), by id.
#[derive(Default)]
struct Declarations {
    by_id: HashMap<String, usize>,
    list: Vec<Declared>,
}

struct Parser<'a> {
    xml: XmlText<'a>,
    builder: MapBuilder,
    nodes: Declarations,
    edges: Declarations,
    default_directed: bool,
    graph_seen: bool,
    nested_nodes: usize,
    timed: usize,
    /// Every node's `viz:color`, by sector, to colour sectors.
    colours: BTreeMap<String, BTreeSet<String>>,
    /// Every node's `viz:shape` (or none), by sector, to shape sectors.
    shapes: BTreeMap<String, BTreeSet<Option<Shape>>>,
    /// Every edge's `viz:color` (or none), by tie kind, to colour kinds.
    kind_colours: BTreeMap<String, BTreeSet<Option<String>>>,
}

/// Reads a GEXF map. `text` is already decoded; `path` is only used in
/// messages. `options.directed` is ignored: the file says.
pub fn read_gexf(path: &Path, text: &str, options: &ImportOptions) -> Result<Loaded, IoError> {
    let mut p = Parser {
        xml: XmlText::new(path, text, "gexf", "GEXF"),
        builder: MapBuilder::new(options),
        nodes: Declarations::default(),
        edges: Declarations::default(),
        default_directed: false,
        graph_seen: false,
        nested_nodes: 0,
        timed: 0,
        colours: BTreeMap::new(),
        shapes: BTreeMap::new(),
        kind_colours: BTreeMap::new(),
    };
    p.builder.call_them("node", "edge");
    p.read_document()?;
    p.finish()
}

/// The value of attribute `name` among `attrs`.
fn get<'v>(attrs: &'v [(String, String)], name: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl<'a> Parser<'a> {
    fn read_document(&mut self) -> Res<()> {
        let trimmed = self.xml.text().trim_start();
        match trimmed.chars().next() {
            None => {
                return Err(IoError::invalid_file(
                    self.xml.path,
                    "the file holds no GEXF (it is blank)",
                ));
            }
            Some('<') => {}
            Some(_) => {
                let first = self.xml.text().len() - trimmed.len();
                return Err(self.xml.at(
                    first,
                    "this is not GEXF: the file starts with text, not with a tag; a GEXF file starts with <?xml ...?> or <gexf>",
                ));
            }
        }
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                Event::Start(e) | Event::Empty(e) => {
                    let name = local_name(&e);
                    if name != "gexf" {
                        return Err(self.xml.at(
                            offset,
                            format!("the file's root element is <{name}>, not <gexf>; this is not a GEXF file"),
                        ));
                    }
                    if self.xml.has_body(offset) {
                        self.read_gexf_element()?;
                    }
                    if !self.graph_seen {
                        return Err(self.xml.at(
                            offset,
                            "the <gexf> element holds no <graph>; there is no map in this file",
                        ));
                    }
                    return Ok(());
                }
                Event::Eof => {
                    return Err(IoError::invalid_file(
                        self.xml.path,
                        "the file holds no <gexf> element",
                    ));
                }
                _ => {
                    return Err(self.xml.at(
                        offset,
                        "this is not GEXF: there is content before the <gexf> element",
                    ));
                }
            }
        }
    }

    fn read_gexf_element(&mut self) -> Res<()> {
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let body = self.xml.has_body(offset);
                    match local_name(&e).as_str() {
                        "meta" if body => self.read_meta()?,
                        "graph" if !self.graph_seen => {
                            self.graph_seen = true;
                            self.read_graph(&e, offset, body)?;
                        }
                        _ if body => self.xml.skip()?,
                        _ => {}
                    }
                }
                Event::GeneralRef(r) => self.xml.resolve_ref(&r, offset, &mut String::new())?,
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    fn read_meta(&mut self) -> Res<()> {
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Start(e) => {
                    let name = local_name(&e);
                    let value = self.xml.read_text()?;
                    let network = self.builder.network_mut();
                    match name.as_str() {
                        "title" => network.title = value,
                        "description" => network.description = value,
                        other if !value.trim().is_empty() => {
                            network
                                .metadata
                                .insert(other.to_owned(), value.trim().to_owned());
                        }
                        _ => {}
                    }
                }
                Event::GeneralRef(r) => self.xml.resolve_ref(&r, offset, &mut String::new())?,
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    fn read_graph(&mut self, e: &BytesStart<'a>, offset: usize, body: bool) -> Res<()> {
        let attrs = self.xml.attributes(e, offset)?;
        self.default_directed = match get(&attrs, "defaultedgetype").map(str::trim) {
            None | Some("undirected" | "mutual" | "mixed") => false,
            Some("directed") => true,
            Some(other) => {
                return Err(self.xml.at(
                    offset,
                    format!(
                        "defaultedgetype=\"{other}\" is not \"directed\", \"undirected\", \"mutual\" or \"mixed\""
                    ),
                ));
            }
        };
        if get(&attrs, "mode").is_some_and(|m| m.trim() == "dynamic") {
            self.timed += 1;
        }
        if !body {
            return Ok(());
        }
        loop {
            let (ev, o) = self.xml.event()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let body = self.xml.has_body(o);
                    match local_name(&e).as_str() {
                        "attributes" => self.read_attributes(&e, o, body)?,
                        "nodes" if body => self.read_list("node", Self::read_node)?,
                        "edges" if body => self.read_list("edge", Self::read_edge)?,
                        _ if body => self.xml.skip()?,
                        _ => {}
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    /// Reads `<attributes class="node|edge">` and its declarations.
    fn read_attributes(&mut self, e: &BytesStart<'a>, offset: usize, body: bool) -> Res<()> {
        let attrs = self.xml.attributes(e, offset)?;
        let class = get(&attrs, "class").unwrap_or("node").trim().to_owned();
        if get(&attrs, "mode").is_some_and(|m| m.trim() == "dynamic") {
            self.timed += 1;
        }
        if !body {
            return Ok(());
        }
        let mut found = Vec::new();
        loop {
            let (ev, o) = self.xml.event()?;
            match ev {
                Event::Start(a) | Event::Empty(a) if local_name(&a) == "attribute" => {
                    let body = self.xml.has_body(o);
                    let attrs = self.xml.attributes(&a, o)?;
                    let Some(id) = get(&attrs, "id").map(str::to_owned) else {
                        return Err(self.xml.at(
                            o,
                            "an <attribute> has no id; give it an id=\"...\" attribute",
                        ));
                    };
                    let title = get(&attrs, "title").unwrap_or(&id).to_owned();
                    let default = if body { self.read_default()? } else { None };
                    found.push((id, Declared { title, default }, o));
                }
                Event::Start(_) => self.xml.skip()?,
                Event::End(_) => break,
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
        // The mapping step names built-in fields by their titles.
        for (_, d, _) in found.iter().filter(|_| class == "node" || class == "edge") {
            let ties = class == "edge";
            let column = if ties {
                fields::tie_column(&d.title)
            } else {
                fields::actor_column(&d.title)
            };
            if let Some(c) = column.filter(|c| !matches!(*c, "id" | "source" | "target")) {
                self.builder.field_source_once(ties, c, d.title.clone());
            }
        }
        let declarations = match class.as_str() {
            "node" => &mut self.nodes,
            "edge" => &mut self.edges,
            _ => return Ok(()),
        };
        for (id, d, o) in found {
            if declarations.by_id.contains_key(&id) {
                return Err(self.xml.at(
                    o,
                    format!("attribute id \"{id}\" is declared twice for {class}s; give each attribute its own id"),
                ));
            }
            declarations.by_id.insert(id, declarations.list.len());
            declarations.list.push(d);
        }
        Ok(())
    }

    /// Reads the children of an `<attribute>`, returning its `<default>`.
    fn read_default(&mut self) -> Res<Option<String>> {
        let mut default = None;
        loop {
            let (ev, _) = self.xml.event()?;
            match ev {
                Event::Start(d) if local_name(&d) == "default" => {
                    default = Some(self.xml.read_text()?);
                }
                Event::Start(_) => self.xml.skip()?,
                Event::End(_) => return Ok(default),
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    /// Reads `<attvalues>`: (declaration index, value, offset) each.
    fn read_attvalues(&mut self, class: &str) -> Res<Vec<(usize, String, usize)>> {
        let mut out = Vec::new();
        loop {
            let (ev, o) = self.xml.event()?;
            match ev {
                Event::Start(a) | Event::Empty(a) if local_name(&a) == "attvalue" => {
                    let body = self.xml.has_body(o);
                    let attrs = self.xml.attributes(&a, o)?;
                    if get(&attrs, "start").is_some()
                        || get(&attrs, "end").is_some()
                        || get(&attrs, "startopen").is_some()
                        || get(&attrs, "endopen").is_some()
                    {
                        self.timed += 1;
                    }
                    let key = get(&attrs, "for").or_else(|| get(&attrs, "id"));
                    let Some(key) = key else {
                        return Err(self.xml.at(
                            o,
                            "an <attvalue> has no for=\"...\"; say which attribute it gives",
                        ));
                    };
                    let declarations = if class == "node" {
                        &self.nodes
                    } else {
                        &self.edges
                    };
                    let Some(&i) = declarations.by_id.get(key) else {
                        return Err(self.xml.at(
                            o,
                            format!(
                                "<attvalue> gives attribute \"{key}\", which is not declared for {class}s; add <attribute id=\"{key}\" title=\"...\"/> to <attributes class=\"{class}\"> or remove the value"
                            ),
                        ));
                    };
                    let value = get(&attrs, "value").unwrap_or("").to_owned();
                    if body {
                        self.xml.skip()?;
                    }
                    out.push((i, value, o));
                }
                Event::Start(_) => self.xml.skip()?,
                Event::End(_) => return Ok(out),
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    /// Reads the `<tag>` children of a `<nodes>` or `<edges>` with `read`.
    fn read_list(
        &mut self,
        tag: &str,
        read: fn(&mut Self, &BytesStart<'a>, usize, bool) -> Res<()>,
    ) -> Res<()> {
        loop {
            let (ev, o) = self.xml.event()?;
            match ev {
                Event::Start(e) | Event::Empty(e) if local_name(&e) == tag => {
                    let body = self.xml.has_body(o);
                    read(self, &e, o, body)?;
                }
                Event::Start(_) => self.xml.skip()?,
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    fn read_node(&mut self, e: &BytesStart<'a>, offset: usize, body: bool) -> Res<()> {
        let attrs = self.xml.attributes(e, offset)?;
        let id = match get(&attrs, "id") {
            None | Some("") => {
                return Err(self.xml.at(
                    offset,
                    "a <node> has no id; give every node a non-empty id=\"...\"",
                ));
            }
            Some(id) => id.to_owned(),
        };
        if get(&attrs, "start").is_some() || get(&attrs, "end").is_some() {
            self.timed += 1;
        }
        let mut actor = Actor::new(id.as_str(), "", "");
        let mut provided = BTreeSet::new();
        if let Some(label) = get(&attrs, "label").filter(|l| !l.trim().is_empty()) {
            actor.name = label.to_owned();
            provided.insert("label");
        }
        let mut values = Vec::new();
        let mut shape = None;
        if body {
            loop {
                let (ev, o) = self.xml.event()?;
                match ev {
                    Event::Start(c) | Event::Empty(c) => {
                        let child_body = self.xml.has_body(o);
                        match local_name(&c).as_str() {
                            "attvalues" if child_body => values = self.read_attvalues("node")?,
                            "shape" => {
                                let a = self.xml.attributes(&c, o)?;
                                shape = match get(&a, "value").map(str::trim) {
                                    Some("disc") => Some(Shape::Circle),
                                    Some("square") => Some(Shape::Square),
                                    Some("triangle") => Some(Shape::Triangle),
                                    Some("diamond") => Some(Shape::Diamond),
                                    _ => None,
                                };
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            "color" => {
                                let colour = self.viz_colour(&c, o)?;
                                actor.attributes.insert(VIZ_COLOUR.to_owned(), colour);
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            "position" => {
                                let a = self.xml.attributes(&c, o)?;
                                for (axis, slot) in [("x", &mut actor.x), ("y", &mut actor.y)] {
                                    if let Some(v) = get(&a, axis) {
                                        *slot = Some(self.xml.finite(
                                            v,
                                            o,
                                            &format!("<viz:position> {axis}"),
                                        )?);
                                        provided.insert(axis);
                                    }
                                }
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            "size" => {
                                let a = self.xml.attributes(&c, o)?;
                                if let Some(v) = get(&a, "value") {
                                    let size = self.xml.finite(v, o, "<viz:size> value")?;
                                    actor
                                        .attributes
                                        .insert(VIZ_SIZE.to_owned(), size.to_string());
                                }
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            "nodes" => {
                                self.nested_nodes += 1;
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            "spells" => {
                                self.timed += 1;
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            _ if child_body => self.xml.skip()?,
                            _ => {}
                        }
                    }
                    Event::End(_) => break,
                    Event::Eof => return Err(self.xml.truncated()),
                    _ => {}
                }
            }
        }
        self.apply_node_values(&mut actor, &mut provided, values)?;
        let origin = self.xml.origin(offset);
        self.shapes
            .entry(actor.sector.trim().to_owned())
            .or_default()
            .insert(shape);
        if let Some(c) = actor.attributes.get(VIZ_COLOUR) {
            self.colours
                .entry(actor.sector.trim().to_owned())
                .or_default()
                .insert(c.clone());
        }
        self.builder.add_actor_with(actor, provided, origin)
    }

    /// Sets an actor's fields and attributes from its values and the
    /// declared defaults.
    fn apply_node_values(
        &self,
        actor: &mut Actor,
        provided: &mut BTreeSet<&'static str>,
        values: Vec<(usize, String, usize)>,
    ) -> Res<()> {
        let given: BTreeSet<usize> = values.iter().map(|(i, _, _)| *i).collect();
        let defaults = self
            .nodes
            .list
            .iter()
            .enumerate()
            .filter(|(i, d)| !given.contains(i) && d.default.is_some())
            .map(|(i, d)| (i, d.default.clone().unwrap_or_default(), None));
        let values = values.into_iter().map(|(i, v, o)| (i, v, Some(o)));
        for (i, value, o) in values.chain(defaults.collect::<Vec<_>>()) {
            let Some(d) = self.nodes.list.get(i) else {
                continue;
            };
            let at = o.unwrap_or(0);
            match fields::actor_column(&d.title) {
                Some("id") | None => {
                    let name =
                        fields::attribute_name(&d.title, |h| fields::actor_column(h).is_some())
                            .unwrap_or_else(|| d.title.clone());
                    if !value.is_empty() {
                        actor.attributes.insert(name, value);
                    }
                }
                Some("label") if value.trim().is_empty() || provided.contains("label") => {}
                Some(c) => {
                    fields::set_actor_value(actor, c, &value).map_err(|m| {
                        self.xml
                            .at(at, format!("node \"{}\", {}: {m}", actor.id(), d.title))
                    })?;
                    if !value.trim().is_empty() {
                        provided.insert(c);
                    }
                }
            }
        }
        Ok(())
    }

    fn read_edge(&mut self, e: &BytesStart<'a>, offset: usize, body: bool) -> Res<()> {
        let attrs = self.xml.attributes(e, offset)?;
        let id = get(&attrs, "id").map(str::to_owned);
        let (Some(source), Some(target)) = (get(&attrs, "source"), get(&attrs, "target")) else {
            return Err(self.xml.at(
                offset,
                "an <edge> has no source or no target; every edge needs source=\"...\" and target=\"...\" naming nodes",
            ));
        };
        let directed = match get(&attrs, "type").map(str::trim) {
            None => self.default_directed,
            Some("directed") => true,
            Some("undirected" | "mutual") => false,
            Some(other) => {
                return Err(self.xml.at(
                    offset,
                    format!(
                        "<edge> type=\"{other}\" is not \"directed\", \"undirected\" or \"mutual\""
                    ),
                ));
            }
        };
        if get(&attrs, "start").is_some() || get(&attrs, "end").is_some() {
            self.timed += 1;
        }
        let mut tie = Tie::new("", source, target, "", directed);
        if let Some(w) = get(&attrs, "weight") {
            tie.strength = fields::parse_weight(w)
                .map_err(|m| self.xml.at(offset, format!("<edge> weight: {m}")))?;
        }
        if let Some(kind) = get(&attrs, "kind") {
            tie.kind = kind.to_owned();
        }
        if let Some(label) = get(&attrs, "label").filter(|l| !l.is_empty()) {
            tie.attributes.insert("label".to_owned(), label.to_owned());
        }
        let mut values = Vec::new();
        let mut colour = None;
        if body {
            loop {
                let (ev, o) = self.xml.event()?;
                match ev {
                    Event::Start(c) | Event::Empty(c) => {
                        let child_body = self.xml.has_body(o);
                        match local_name(&c).as_str() {
                            "attvalues" if child_body => values = self.read_attvalues("edge")?,
                            "color" => {
                                colour = Some(self.viz_colour(&c, o)?);
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            "spells" => {
                                self.timed += 1;
                                if child_body {
                                    self.xml.skip()?;
                                }
                            }
                            _ if child_body => self.xml.skip()?,
                            _ => {}
                        }
                    }
                    Event::End(_) => break,
                    Event::Eof => return Err(self.xml.truncated()),
                    _ => {}
                }
            }
        }
        let given: BTreeSet<usize> = values.iter().map(|(i, _, _)| *i).collect();
        let defaults: Vec<(usize, String, usize)> = self
            .edges
            .list
            .iter()
            .enumerate()
            .filter(|(i, d)| !given.contains(i) && d.default.is_some())
            .map(|(i, d)| (i, d.default.clone().unwrap_or_default(), offset))
            .collect();
        for (i, value, o) in values.into_iter().chain(defaults) {
            let Some(d) = self.edges.list.get(i) else {
                continue;
            };
            match fields::tie_column(&d.title) {
                Some("id" | "source" | "target") | None => {
                    let name =
                        fields::attribute_name(&d.title, |h| fields::tie_column(h).is_some())
                            .unwrap_or_else(|| d.title.clone());
                    if !value.is_empty() {
                        tie.attributes.insert(name, value);
                    }
                }
                Some(c) => fields::set_tie_value(&mut tie, c, &value).map_err(|m| {
                    let which = id.as_deref().unwrap_or("");
                    self.xml
                        .at(o, format!("edge \"{which}\", {}: {m}", d.title))
                })?,
            }
        }
        self.kind_colours
            .entry(tie.kind.trim().to_owned())
            .or_default()
            .insert(colour);
        let origin = self.xml.origin(offset);
        self.builder.add_tie(id, tie, origin)
    }

    /// A `<viz:color>` as `#RRGGBB`: `hex` (1.3), else `r`, `g`, `b`.
    fn viz_colour(&self, e: &BytesStart<'_>, offset: usize) -> Res<String> {
        let attrs = self.xml.attributes(e, offset)?;
        if let Some(hex) = get(&attrs, "hex") {
            let c: Colour = hex
                .trim()
                .parse()
                .map_err(|err| self.xml.at(offset, format!("<viz:color> hex: {err}")))?;
            return Ok(c.to_string());
        }
        let mut rgb = [0u8; 3];
        for (slot, name) in rgb.iter_mut().zip(["r", "g", "b"]) {
            let v = get(&attrs, name).unwrap_or("0");
            *slot = v.trim().parse::<u8>().map_err(|_| {
                self.xml.at(
                    offset,
                    format!("<viz:color> {name}=\"{v}\" is not a whole number from 0 to 255"),
                )
            })?;
        }
        Ok(Colour::rgb(rgb[0], rgb[1], rgb[2]).to_string())
    }

    fn finish(mut self) -> Result<Loaded, IoError> {
        if self.nested_nodes > 0 {
            self.builder.warn(format!(
                "ignored the nodes inside {} (a hierarchy); Bridgework maps have one level",
                plural(self.nested_nodes, "node", "nodes")
            ));
        }
        if self.timed > 0 {
            self.builder.warn(
                "the file is dynamic (times on nodes, edges or values); read as one static map, times ignored",
            );
        }
        let colours = std::mem::take(&mut self.colours);
        let shapes = std::mem::take(&mut self.shapes);
        let kind_colours = std::mem::take(&mut self.kind_colours);
        let mut loaded = self.builder.finish()?;
        // A sector whose actors all have one colour takes it.
        let uncoloured: BTreeSet<String> = loaded
            .network
            .actors()
            .iter()
            .filter(|a| !a.attributes.contains_key(VIZ_COLOUR))
            .map(|a| a.sector.clone())
            .collect();
        for sector in &mut loaded.network.sectors {
            if let Some(set) = colours.get(sector.name.trim())
                && set.len() == 1
                && !uncoloured.contains(&sector.name)
                && let Some(c) = set.iter().next().and_then(|c| c.parse().ok())
            {
                sector.colour = c;
            }
            if let Some(set) = shapes.get(sector.name.trim())
                && set.len() == 1
                && let Some(Some(shape)) = set.iter().next()
            {
                sector.shape = *shape;
            }
        }
        // A tie kind whose ties all have one colour takes it.
        for kind in &mut loaded.network.tie_kinds {
            let name = if kind.name == crate::io::builder::DEFAULT_KIND {
                ""
            } else {
                kind.name.trim()
            };
            if let Some(set) = kind_colours
                .get(name)
                .or(kind_colours.get(kind.name.trim()))
                && set.len() == 1
                && let Some(Some(c)) = set.iter().next()
                && let Ok(c) = c.parse()
            {
                kind.colour = c;
            }
        }
        // A colour that is the sector's, and the size written by default,
        // say nothing of the actor.
        let sector_colours: HashMap<String, String> = loaded
            .network
            .sectors
            .iter()
            .map(|s| (s.name.clone(), s.colour.to_string()))
            .collect();
        let ids: Vec<_> = loaded
            .network
            .actors()
            .iter()
            .map(|a| a.id().clone())
            .collect();
        for id in ids {
            if let Some(a) = loaded.network.actor_mut(&id) {
                if a.attributes.get(VIZ_COLOUR) == sector_colours.get(&a.sector) {
                    a.attributes.remove(VIZ_COLOUR);
                }
                if a.attributes
                    .get(VIZ_SIZE)
                    .and_then(|s| s.parse::<f64>().ok())
                    == Some(DEFAULT_SIZE)
                {
                    a.attributes.remove(VIZ_SIZE);
                }
            }
        }
        Ok(loaded)
    }
}
