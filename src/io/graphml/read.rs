//! Reading GraphML: see the module docs of `graphml`. The parser reads
//! the syntax; [`MapBuilder`] makes the map.

use super::write::is_visual;
use super::{DESCRIPTION, METADATA, SECTORS, TIE_KINDS, TITLE};
use crate::io::builder::{MapBuilder, Origin, plural};
use crate::io::error::IoError;
use crate::io::fields;
use crate::io::xml::{Res, XmlText, local_name};
use crate::io::{ImportOptions, Loaded};
use crate::model::{Actor, ActorId, Sector, Tie, TieKind};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

// ---------------------------------------------------------------------------
// Reading: keys and what they mean
// ---------------------------------------------------------------------------

/// The elements a key can be for (`for="..."`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Domain {
    Node = 0,
    Edge = 1,
    Graph = 2,
}

impl Domain {
    const ALL: [Domain; 3] = [Domain::Node, Domain::Edge, Domain::Graph];

    fn element(self) -> &'static str {
        match self {
            Domain::Node => "node",
            Domain::Edge => "edge",
            Domain::Graph => "graph",
        }
    }
}

/// One `<key>` of the file.
#[derive(Debug)]
struct Key {
    /// `attr.name`, or the id if there is none.
    name: String,
    /// The `for` attribute as written (`all` if absent).
    domain: String,
    /// yEd's `yfiles.type`, if any.
    yfiles: Option<String>,
    /// The `<default>` value and the offset of that element.
    default: Option<(String, usize)>,
}

impl Key {
    fn applies_to(&self, d: Domain) -> bool {
        self.domain == "all" || self.domain == d.element()
    }
}

/// What a key means for the elements of one domain.
#[derive(Clone, Debug, PartialEq)]
enum Role {
    /// A built-in actor or tie column (canonical name).
    Field(&'static str),
    /// yEd's node graphics: mined for label and geometry.
    YedNode,
    /// yEd's edge graphics: mined for the label.
    YedEdge,
    /// Visual-only: skipped.
    Ignore,
    /// An attribute of that name.
    Attribute(String),
    /// A second label key (`name` beside `label`): an attribute of that
    /// name, unless the node has no label, when it is the label.
    LabelAlias(String),
    Title,
    Description,
    Metadata,
    Sectors,
    TieKinds,
    /// Other graph-level data: a metadata entry of that name.
    MetaEntry(String),
}

fn normalised(s: &str) -> String {
    s.trim().to_lowercase().replace(['-', ' '], "_")
}

fn candidate_role(k: &Key, d: Domain) -> Role {
    if let Some(y) = &k.yfiles {
        return match (d, y.as_str()) {
            (Domain::Node, "nodegraphics") => Role::YedNode,
            (Domain::Edge, "edgegraphics") => Role::YedEdge,
            _ => Role::Ignore,
        };
    }
    let name = &k.name;
    match d {
        Domain::Graph => {
            let n = name.trim();
            if n.eq_ignore_ascii_case(TITLE) {
                Role::Title
            } else if n.eq_ignore_ascii_case(DESCRIPTION) {
                Role::Description
            } else if n == METADATA {
                Role::Metadata
            } else if n == SECTORS {
                Role::Sectors
            } else if n == TIE_KINDS {
                Role::TieKinds
            } else {
                Role::MetaEntry(name.clone())
            }
        }
        _ if is_visual(name) => Role::Ignore,
        Domain::Node => match fields::actor_column(name) {
            Some("id") => Role::Attribute(name.clone()),
            Some(c) => Role::Field(c),
            None => Role::Attribute(
                fields::attribute_name(name, |h| fields::actor_column(h).is_some())
                    .unwrap_or_else(|| name.clone()),
            ),
        },
        Domain::Edge => match fields::tie_column(name) {
            Some("id" | "source" | "target") => Role::Attribute(name.clone()),
            Some(c) => Role::Field(c),
            None => Role::Attribute(
                fields::attribute_name(name, |h| fields::tie_column(h).is_some())
                    .unwrap_or_else(|| name.clone()),
            ),
        },
    }
}

/// The role of every key for domain `d` (`None`: not for `d`). Where two
/// keys name the same built-in field, the one spelt like the field (else
/// the first) wins; the others become attributes under their own names.
fn resolve_roles(keys: &[Key], d: Domain) -> Vec<Option<Role>> {
    let mut roles: Vec<Option<Role>> = keys
        .iter()
        .map(|k| k.applies_to(d).then(|| candidate_role(k, d)))
        .collect();
    let mut winner: HashMap<&'static str, (usize, bool)> = HashMap::new();
    for (i, (role, key)) in roles.iter().zip(keys).enumerate() {
        if let Some(Role::Field(c)) = role {
            let exact = normalised(&key.name) == *c;
            match winner.get(c) {
                Some((_, true)) => {}
                Some((_, false)) if !exact => {}
                _ => {
                    winner.insert(c, (i, exact));
                }
            }
        }
    }
    for (i, (role, key)) in roles.iter_mut().zip(keys).enumerate() {
        if let Some(Role::Field(c)) = role
            && winner.get(c).is_some_and(|(w, _)| *w != i)
        {
            *role = Some(if *c == "label" {
                Role::LabelAlias(key.name.clone())
            } else {
                Role::Attribute(key.name.clone())
            });
        }
    }
    roles
}

// ---------------------------------------------------------------------------
// Reading: the parser
// ---------------------------------------------------------------------------

/// A node as read, before the map is assembled.
struct RawNode {
    actor: Actor,
    /// Built-in columns the file gave a value for (`label` also when the
    /// label came from yEd; `private` even when empty).
    provided: BTreeSet<&'static str>,
    /// The sector text as written (trimmed only if it is not a sector of
    /// a stored sector list).
    sector: Option<String>,
    /// The value of a second label key, with the key's name.
    label_alias: Option<(String, String)>,
}

/// An edge as read.
struct RawEdge {
    id: Option<String>,
    source: ActorId,
    target: ActorId,
    origin: Origin,
    /// Fields other than id and ends (those are placeholders here).
    tie: Tie,
    /// The kind text as written.
    kind: Option<String>,
}

impl RawEdge {
    fn describe(&self) -> String {
        match &self.id {
            Some(id) => format!("edge \"{id}\""),
            None => format!("the edge from \"{}\" to \"{}\"", self.source, self.target),
        }
    }
}

/// What a `<data>` element held.
pub(super) enum Content {
    Text(String),
    Yed {
        label: Option<String>,
        centre: Option<(f64, f64)>,
    },
    Skipped,
}

/// Graph-level values, each with the offset of its data element.
#[derive(Default)]
struct GraphData {
    title: Option<String>,
    description: Option<String>,
    metadata: Option<BTreeMap<String, String>>,
    sectors: Option<(Vec<Sector>, usize)>,
    tie_kinds: Option<(Vec<TieKind>, usize)>,
    extra: BTreeMap<String, String>,
}

/// Things skipped, for the warnings.
#[derive(Default)]
struct Skipped {
    nested_graphs: usize,
    nested_nodes: HashSet<String>,
    nested_edges: usize,
    hyperedges: usize,
    ports: usize,
    port_ends: usize,
    extra_graphs: usize,
}

pub(super) struct Parser<'a> {
    pub(super) xml: XmlText<'a>,
    keys: Vec<Key>,
    key_index: HashMap<String, usize>,
    /// Key offsets, for duplicate-id messages.
    key_offsets: Vec<usize>,
    roles: [Vec<Option<Role>>; 3],
    /// Keys with a `<default>`, per domain.
    defaults: [Vec<usize>; 3],
    edge_default_directed: bool,
    graph_seen: bool,
    builder: MapBuilder,
    edges: Vec<RawEdge>,
    graph: GraphData,
    skipped: Skipped,
}

/// Reads a GraphML map. `text` is already decoded; `path` is only used in
/// messages. `options.directed` is ignored: the file says.
pub fn read_graphml(path: &Path, text: &str, options: &ImportOptions) -> Result<Loaded, IoError> {
    let mut p = Parser {
        xml: XmlText::new(path, text, "graphml", "GraphML"),
        keys: Vec::new(),
        key_index: HashMap::new(),
        key_offsets: Vec::new(),
        roles: [Vec::new(), Vec::new(), Vec::new()],
        defaults: [Vec::new(), Vec::new(), Vec::new()],
        edge_default_directed: false,
        graph_seen: false,
        builder: {
            let mut b = MapBuilder::new(options);
            b.call_them("node", "edge");
            b
        },
        edges: Vec::new(),
        graph: GraphData::default(),
        skipped: Skipped::default(),
    };
    p.read_document()?;
    p.finish()
}

impl<'a> Parser<'a> {
    /// Skips the rest of an element whose start tag was just read, noting
    /// nodes and edges inside it (for nested graphs).
    fn skip(&mut self, note_nested: bool) -> Res<()> {
        let mut depth = 1usize;
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Start(e) | Event::Empty(e) if note_nested => {
                    let opened = matches!(self.xml.open.last(), Some(&o) if o == offset);
                    match local_name(&e).as_str() {
                        "node" => {
                            if let Some((_, id)) = self
                                .xml
                                .attributes(&e, offset)?
                                .into_iter()
                                .find(|(k, _)| k == "id")
                            {
                                self.skipped.nested_nodes.insert(id);
                            }
                        }
                        "edge" => self.skipped.nested_edges += 1,
                        _ => {}
                    }
                    if opened {
                        depth += 1;
                    }
                }
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    // --- document structure ----------------------------------------------

    fn read_document(&mut self) -> Res<()> {
        // Refuse non-XML at the first byte, without scanning the file.
        let trimmed = self.xml.text().trim_start();
        let first = self.xml.text().len() - trimmed.len();
        match trimmed.chars().next() {
            None => {
                return Err(IoError::invalid_file(
                    self.xml.path,
                    "the file holds no GraphML (it is blank)",
                ));
            }
            Some('<') => {}
            Some(_) => {
                return Err(self.xml.at(
                    first,
                    "this is not GraphML: the file starts with text, not with a tag; a GraphML file starts with <?xml ...?> or <graphml>",
                ));
            }
        }
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Text(t) => {
                    if let Some(i) = t.iter().position(|b| !b.is_ascii_whitespace()) {
                        return Err(self.xml.at(
                            offset + i,
                            "this is not GraphML: there is text before the <graphml> element",
                        ));
                    }
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = local_name(&e);
                    if name != "graphml" {
                        return Err(self.xml.at(
                            offset,
                            format!("the file's root element is <{name}>, not <graphml>; this is not a GraphML file"),
                        ));
                    }
                    if matches!(self.xml.open.last(), Some(&o) if o == offset) {
                        self.read_graphml_element()?;
                    }
                    if !self.graph_seen {
                        return Err(self.xml.at(
                            offset,
                            "the <graphml> element holds no <graph>; there is no map in this file",
                        ));
                    }
                    break;
                }
                Event::Eof => {
                    return Err(IoError::invalid_file(
                        self.xml.path,
                        "the file holds no <graphml> element",
                    ));
                }
                _ => {
                    return Err(self.xml.at(
                        offset,
                        "this is not GraphML: there is content before the <graphml> element",
                    ));
                }
            }
        }
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Eof => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                _ => {
                    return Err(self.xml.at(
                        offset,
                        "there is more after </graphml>; a GraphML file holds one <graphml> element",
                    ));
                }
            }
        }
    }

    fn read_graphml_element(&mut self) -> Res<()> {
        loop {
            let (ev, offset) = self.xml.event()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let has_body = matches!(self.xml.open.last(), Some(&o) if o == offset);
                    match local_name(&e).as_str() {
                        "key" => self.read_key(&e, offset, has_body)?,
                        "graph" if !self.graph_seen => {
                            self.graph_seen = true;
                            self.read_graph(&e, offset, has_body)?;
                        }
                        "graph" => {
                            self.skipped.extra_graphs += 1;
                            if has_body {
                                self.skip(false)?;
                            }
                        }
                        "data" => {
                            self.key_of_data(&e, offset, None)?;
                            if has_body {
                                self.skip(false)?;
                            }
                        }
                        _ if has_body => self.skip(false)?,
                        _ => {}
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
    }

    fn read_key(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        let mut id = None;
        let mut name = None;
        let mut domain = "all".to_owned();
        let mut yfiles = None;
        for (k, v) in self.xml.attributes(e, offset)? {
            match k.as_str() {
                "id" => id = Some(v),
                "attr.name" => name = Some(v),
                "for" => domain = v.trim().to_owned(),
                "yfiles.type" => yfiles = Some(v),
                _ => {}
            }
        }
        let Some(id) = id else {
            return Err(self
                .xml
                .at(offset, "a <key> has no id; give it an id=\"...\" attribute"));
        };
        let mut default = None;
        if has_body {
            let mut depth = 1usize;
            loop {
                let (ev, o) = self.xml.event()?;
                match ev {
                    Event::Start(d) if depth == 1 && local_name(&d) == "default" => {
                        let value = self.xml.read_text()?;
                        default = Some((value, o));
                    }
                    Event::Empty(d) if depth == 1 && local_name(&d) == "default" => {
                        default = Some((String::new(), o));
                    }
                    Event::Start(_) => depth += 1,
                    Event::End(_) => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Event::Eof => return Err(self.xml.truncated()),
                    _ => {}
                }
            }
        }
        if let Some(&first) = self.key_index.get(&id) {
            let first_line = self
                .key_offsets
                .get(first)
                .map(|&o| self.xml.line(o))
                .unwrap_or(0);
            return Err(self.xml.at(
                offset,
                format!("key id \"{id}\" is declared twice (lines {first_line} and {}); give each key its own id", self.xml.line(offset)),
            ));
        }
        self.key_index.insert(id.clone(), self.keys.len());
        self.key_offsets.push(offset);
        self.keys.push(Key {
            name: name.unwrap_or(id),
            domain,
            yfiles,
            default,
        });
        Ok(())
    }

    /// The key a `<data>` element refers to, checked to exist and (for
    /// `domain`) to be declared for that kind of element.
    fn key_of_data(&self, e: &BytesStart<'_>, offset: usize, domain: Option<Domain>) -> Res<usize> {
        let key = self
            .xml
            .attributes(e, offset)?
            .into_iter()
            .find(|(k, _)| k == "key")
            .map(|(_, v)| v);
        let Some(key) = key else {
            return Err(self.xml.at(
                offset,
                "a <data> element has no key=\"...\" attribute; say which <key> it is for",
            ));
        };
        let Some(&i) = self.key_index.get(&key) else {
            return Err(self.xml.at(
                offset,
                format!(
                    "<data> refers to key \"{key}\", which is not declared; add <key id=\"{key}\" for=\"...\" attr.name=\"...\"/> before the <graph> or remove the data"
                ),
            ));
        };
        if let (Some(d), Some(k)) = (domain, self.keys.get(i))
            && !k.applies_to(d)
        {
            return Err(self.xml.at(
                offset,
                format!(
                    "<data> on a <{}> uses key \"{key}\", which is declared for=\"{}\"; declare the key for=\"{}\" or for=\"all\"",
                    d.element(),
                    k.domain,
                    d.element()
                ),
            ));
        }
        Ok(i)
    }

    /// Reads a `<data>` element of `domain`: its key index, role and content.
    fn read_data(
        &mut self,
        e: &BytesStart<'a>,
        offset: usize,
        has_body: bool,
        d: Domain,
    ) -> Res<(usize, Role, Content)> {
        let i = self.key_of_data(e, offset, Some(d))?;
        let role = self
            .roles
            .get(d as usize)
            .and_then(|r| r.get(i))
            .cloned()
            .flatten()
            .unwrap_or(Role::Ignore);
        let content = match (&role, has_body) {
            (Role::Ignore, true) => {
                self.skip(false)?;
                Content::Skipped
            }
            (Role::Ignore, false) => Content::Skipped,
            (Role::YedNode, true) => self.read_yed_graphics("NodeLabel")?,
            (Role::YedEdge, true) => self.read_yed_graphics("EdgeLabel")?,
            (Role::YedNode | Role::YedEdge, false) => Content::Skipped,
            (_, true) => Content::Text(self.xml.read_text()?),
            (_, false) => Content::Text(String::new()),
        };
        Ok((i, role, content))
    }

    /// Reads yEd's node graphics: the first `<y:NodeLabel>` with text and
    /// the first `<y:Geometry>` (as its centre).
    fn read_graph(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        for (k, v) in self.xml.attributes(e, offset)? {
            if k == "edgedefault" {
                self.edge_default_directed = match v.trim() {
                    "directed" => true,
                    "undirected" => false,
                    other => {
                        return Err(self.xml.at(
                            offset,
                            format!(
                                "edgedefault=\"{other}\" is not \"directed\" or \"undirected\""
                            ),
                        ));
                    }
                };
            }
        }
        for d in Domain::ALL {
            let roles = resolve_roles(&self.keys, d);
            // The mapping step names built-in fields by their keys.
            if d != Domain::Graph {
                for (role, key) in roles.iter().zip(&self.keys) {
                    if let Some(Role::Field(c)) = role {
                        self.builder
                            .field_source(d == Domain::Edge, c, key.name.clone());
                    }
                }
            }
            let defaults = self
                .keys
                .iter()
                .enumerate()
                .filter(|(i, k)| k.default.is_some() && roles.get(*i).is_some_and(Option::is_some))
                .map(|(i, _)| i)
                .collect();
            if let (Some(r), Some(ds)) = (
                self.roles.get_mut(d as usize),
                self.defaults.get_mut(d as usize),
            ) {
                *r = roles;
                *ds = defaults;
            }
        }
        let seen = self.read_children(has_body, Domain::Graph, |p, _, role, content, o| {
            if let Content::Text(value) = content {
                p.set_graph_value(role, value, o)?;
            }
            Ok(())
        })?;
        self.apply_graph_defaults(&seen)
    }

    /// The `<default>`s of domain `d` that apply because the element had
    /// no `<data>` for their key (`seen`): (key index, role, value, offset
    /// of the default).
    fn pending_defaults(&self, d: Domain, seen: &[usize]) -> Vec<(usize, Role, String, usize)> {
        self.defaults
            .get(d as usize)
            .into_iter()
            .flatten()
            .filter(|i| !seen.contains(i))
            .filter_map(|&i| {
                let role = self.roles.get(d as usize)?.get(i)?.clone()?;
                let (value, o) = self.keys.get(i)?.default.clone()?;
                Some((i, role, value, o))
            })
            .collect()
    }

    fn apply_graph_defaults(&mut self, seen: &[usize]) -> Res<()> {
        for (_, role, value, o) in self.pending_defaults(Domain::Graph, seen) {
            self.set_graph_value(&role, value, o)?;
        }
        Ok(())
    }

    fn set_graph_value(&mut self, role: &Role, value: String, offset: usize) -> Res<()> {
        let bad_json = |what: &str, err: serde_json::Error| {
            self.xml.at(
                offset,
                format!(
                    "the graph's {what} is not valid ({err}); fix it, or delete this <data> element to rebuild the list from the nodes and edges"
                ),
            )
        };
        match role {
            Role::Title => self.graph.title = Some(value),
            Role::Description => self.graph.description = Some(value),
            Role::Metadata => {
                let m = serde_json::from_str(&value).map_err(|err| {
                    self.xml.at(
                        offset,
                        format!("the graph's {METADATA} is not a JSON object of texts ({err}); fix it or delete this <data> element"),
                    )
                })?;
                self.graph.metadata = Some(m);
            }
            Role::Sectors => {
                let s = serde_json::from_str(&value).map_err(|err| bad_json(SECTORS, err))?;
                self.graph.sectors = Some((s, offset));
            }
            Role::TieKinds => {
                let k = serde_json::from_str(&value).map_err(|err| bad_json(TIE_KINDS, err))?;
                self.graph.tie_kinds = Some((k, offset));
            }
            Role::MetaEntry(name) if !value.is_empty() => {
                self.graph.extra.insert(name.clone(), value);
            }
            _ => {}
        }
        Ok(())
    }

    // --- what graphs, nodes and edges hold ---------------------------------

    /// Reads the children of a `<graph>`, `<node>` or `<edge>` (domain `d`)
    /// up to its end tag, if it has a body. Each `<data>` goes to `on_data`
    /// with its key index, role, content and offset; a graph's nodes and
    /// edges are read; nested graphs, hyperedges (in a graph) and ports (in
    /// a node) are counted and skipped, anything else skipped. Returns the
    /// keys that had `<data>`, for [`Parser::pending_defaults`].
    fn read_children(
        &mut self,
        has_body: bool,
        d: Domain,
        mut on_data: impl FnMut(&mut Self, usize, &Role, Content, usize) -> Res<()>,
    ) -> Res<Vec<usize>> {
        let mut seen = Vec::new();
        if !has_body {
            return Ok(seen);
        }
        loop {
            let (ev, o) = self.xml.event()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let has_body = matches!(self.xml.open.last(), Some(&x) if x == o);
                    match (d, local_name(&e).as_str()) {
                        (_, "data") => {
                            let (i, role, content) = self.read_data(&e, o, has_body, d)?;
                            seen.push(i);
                            on_data(self, i, &role, content, o)?;
                        }
                        (Domain::Graph, "node") => self.read_node(&e, o, has_body)?,
                        (Domain::Graph, "edge") => self.read_edge(&e, o, has_body)?,
                        (_, "graph") => {
                            self.skipped.nested_graphs += 1;
                            if has_body {
                                self.skip(true)?;
                            }
                        }
                        (Domain::Graph, "hyperedge") => {
                            self.skipped.hyperedges += 1;
                            if has_body {
                                self.skip(false)?;
                            }
                        }
                        (Domain::Node, "port") => {
                            self.skipped.ports += 1;
                            if has_body {
                                self.skip(false)?;
                            }
                        }
                        _ if has_body => self.skip(false)?,
                        _ => {}
                    }
                }
                Event::GeneralRef(r) => {
                    // Text between elements is ignored, but an entity
                    // Bridgework does not read is still refused.
                    self.xml.resolve_ref(&r, o, &mut String::new())?;
                }
                Event::End(_) => break,
                Event::Eof => return Err(self.xml.truncated()),
                _ => {}
            }
        }
        Ok(seen)
    }

    /// The error for a value of key `key` that `fields` refused
    /// (`problem`), on `element` (`node "a1"`, `edge "t1"`); it says when
    /// the value was the key's `<default>`.
    fn value_error(
        &self,
        offset: usize,
        element: &str,
        key: usize,
        is_default: bool,
        problem: &str,
    ) -> IoError {
        let key_name = self.keys.get(key).map(|k| k.name.as_str()).unwrap_or("");
        let whose = if is_default {
            format!(" (the <default> of key \"{key_name}\")")
        } else {
            String::new()
        };
        self.xml
            .at(offset, format!("{element}, {key_name}{whose}: {problem}"))
    }

    // --- nodes -----------------------------------------------------------

    fn read_node(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        let id = self
            .xml
            .attributes(e, offset)?
            .into_iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v);
        let id = match id {
            None => {
                return Err(self.xml.at(
                    offset,
                    "a <node> has no id; give every node an id=\"...\" attribute",
                ));
            }
            Some(id) if id.is_empty() => {
                return Err(self.xml.at(
                    offset,
                    "a <node> has an empty id; give every node a non-empty id",
                ));
            }
            Some(id) => id,
        };
        let mut node = RawNode {
            actor: Actor::new(id.as_str(), "", ""),
            provided: BTreeSet::new(),
            sector: None,
            label_alias: None,
        };
        let mut yed_label = None;
        let mut yed_centre = None;
        let seen = self.read_children(has_body, Domain::Node, |p, i, role, content, o| {
            match content {
                Content::Text(value) => p.set_node_value(&mut node, role, i, &value, o, false)?,
                Content::Yed { label, centre } => {
                    yed_label = yed_label.take().or(label);
                    yed_centre = yed_centre.take().or(centre);
                }
                Content::Skipped => {}
            }
            Ok(())
        })?;
        for (i, role, value, o) in self.pending_defaults(Domain::Node, &seen) {
            self.set_node_value(&mut node, &role, i, &value, o, true)?;
        }
        if !node.provided.contains("label")
            && let Some((name, value)) = node.label_alias.take()
            && !value.trim().is_empty()
        {
            node.actor.attributes.remove(&name);
            node.actor.name = value;
            node.provided.insert("label");
        }
        if !node.provided.contains("label")
            && let Some(l) = yed_label
        {
            node.actor.name = l;
            node.provided.insert("label");
        }
        if let Some((x, y)) = yed_centre {
            if node.actor.x.is_none() {
                node.actor.x = Some(x);
                node.provided.insert("x");
            }
            if node.actor.y.is_none() {
                node.actor.y = Some(y);
                node.provided.insert("y");
            }
        }
        if let Some(sector) = node.sector.take() {
            node.actor.sector = sector;
        }
        let origin = self.xml.origin(offset);
        self.builder
            .add_actor_with(node.actor, node.provided, origin)
    }

    fn set_node_value(
        &self,
        node: &mut RawNode,
        role: &Role,
        key: usize,
        value: &str,
        offset: usize,
        is_default: bool,
    ) -> Res<()> {
        let blank = value.trim().is_empty();
        match role {
            // A blank label or sector is no label or sector.
            Role::Field("label" | "sector") if blank => {}
            Role::Field("label") => {
                node.actor.name = value.to_owned();
                node.provided.insert("label");
            }
            Role::Field("sector") => {
                node.sector = Some(value.to_owned());
                node.provided.insert("sector");
            }
            Role::Field(c) => {
                fields::set_actor_value(&mut node.actor, c, value).map_err(|m| {
                    let node = format!("node \"{}\"", node.actor.id());
                    self.value_error(offset, &node, key, is_default, &m)
                })?;
                if !value.trim().is_empty() || *c == "private" {
                    node.provided.insert(c);
                }
            }
            Role::Attribute(name) if !value.is_empty() => {
                node.actor.attributes.insert(name.clone(), value.to_owned());
            }
            Role::LabelAlias(name) if !value.is_empty() => {
                node.actor.attributes.insert(name.clone(), value.to_owned());
                node.label_alias = Some((name.clone(), value.to_owned()));
            }
            _ => {}
        }
        Ok(())
    }

    // --- edges -----------------------------------------------------------

    fn read_edge(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        let mut id = None;
        let mut source = None;
        let mut target = None;
        let mut directed = self.edge_default_directed;
        for (k, v) in self.xml.attributes(e, offset)? {
            match k.as_str() {
                "id" => id = Some(v),
                "source" => source = Some(v),
                "target" => target = Some(v),
                "directed" => {
                    directed = fields::parse_bool(&v).map_err(|m| {
                        self.xml.at(
                            offset,
                            format!("<edge> directed={m}; use directed=\"true\" or \"false\""),
                        )
                    })?;
                }
                "sourceport" | "targetport" => self.skipped.port_ends += 1,
                _ => {}
            }
        }
        let (Some(source), Some(target)) = (source, target) else {
            let which = id
                .as_deref()
                .map(|i| format!(" \"{i}\""))
                .unwrap_or_default();
            return Err(self.xml.at(
                offset,
                format!("edge{which} has no source or no target; every <edge> needs source=\"...\" and target=\"...\" naming nodes"),
            ));
        };
        let origin = self.xml.origin(offset);
        let mut edge = RawEdge {
            id,
            source: ActorId::new(source),
            target: ActorId::new(target),
            origin,
            tie: Tie::new("", "", "", "", directed),
            kind: None,
        };
        let mut yed_label = None;
        let seen = self.read_children(has_body, Domain::Edge, |p, i, role, content, o| {
            match content {
                Content::Text(value) => p.set_edge_value(&mut edge, role, i, &value, o, false)?,
                Content::Yed { label, .. } => yed_label = yed_label.take().or(label),
                Content::Skipped => {}
            }
            Ok(())
        })?;
        for (i, role, value, o) in self.pending_defaults(Domain::Edge, &seen) {
            self.set_edge_value(&mut edge, &role, i, &value, o, true)?;
        }
        if let Some(label) = yed_label {
            edge.tie
                .attributes
                .insert_if_absent(super::yed::EDGE_LABEL, label);
        }
        self.edges.push(edge);
        Ok(())
    }

    fn set_edge_value(
        &self,
        edge: &mut RawEdge,
        role: &Role,
        key: usize,
        value: &str,
        offset: usize,
        is_default: bool,
    ) -> Res<()> {
        match role {
            Role::Field("kind") if value.trim().is_empty() => {}
            Role::Field("kind") => edge.kind = Some(value.to_owned()),
            Role::Field(c) => {
                fields::set_tie_value(&mut edge.tie, c, value)
                    .map_err(|m| self.value_error(offset, &edge.describe(), key, is_default, &m))?;
            }
            Role::Attribute(name) if !value.is_empty() => {
                edge.tie.attributes.insert(name.clone(), value.to_owned());
            }
            _ => {}
        }
        Ok(())
    }

    // --- assembling the map ------------------------------------------------

    fn finish(mut self) -> Result<Loaded, IoError> {
        let graph = std::mem::take(&mut self.graph);
        if let Some((sectors, offset)) = graph.sectors {
            let origin = self.xml.origin(offset);
            self.builder.set_sectors(sectors, origin);
        }
        if let Some((kinds, offset)) = graph.tie_kinds {
            let origin = self.xml.origin(offset);
            self.builder.set_tie_kinds(kinds, origin);
        }
        let network = self.builder.network_mut();
        network.title = graph.title.unwrap_or_default();
        network.description = graph.description.unwrap_or_default();
        network.metadata = graph.metadata.unwrap_or_default();
        for (k, v) in graph.extra {
            network.metadata.entry(k).or_insert(v);
        }

        // Edges to nodes inside a skipped nested graph are dropped.
        let mut dropped = 0usize;
        for edge in std::mem::take(&mut self.edges) {
            let nested = [&edge.source, &edge.target].into_iter().any(|end| {
                !self.builder.has_actor(end.as_str())
                    && self.skipped.nested_nodes.contains(end.as_str())
            });
            if nested {
                dropped += 1;
                continue;
            }
            let mut tie = edge.tie.with_ids("", edge.source, edge.target);
            tie.kind = edge.kind.unwrap_or_default();
            self.builder.add_tie(edge.id, tie, edge.origin)?;
        }

        let s = &self.skipped;
        let mut warnings = Vec::new();
        if s.nested_graphs > 0 {
            let mut w = format!(
                "ignored {} (a graph inside a node or edge, such as a yEd group) with the {} and {} in {}; Bridgework maps have one level",
                plural(s.nested_graphs, "nested graph", "nested graphs"),
                plural(s.nested_nodes.len(), "node", "nodes"),
                plural(s.nested_edges, "edge", "edges"),
                if s.nested_graphs == 1 { "it" } else { "them" }
            );
            if dropped > 0 {
                w.push_str(&format!(
                    ", and {} to those nodes",
                    plural(dropped, "edge", "edges")
                ));
            }
            warnings.push(w);
        }
        if s.hyperedges > 0 {
            warnings.push(format!(
                "ignored {}; a Bridgework tie joins exactly two actors",
                plural(s.hyperedges, "hyperedge", "hyperedges")
            ));
        }
        if s.ports + s.port_ends > 0 {
            let mut parts = Vec::new();
            if s.ports > 0 {
                parts.push(format!(
                    "{} (named connection points on nodes)",
                    plural(s.ports, "port", "ports")
                ));
            }
            if s.port_ends > 0 {
                parts.push(format!(
                    "the ports named by {}",
                    plural(s.port_ends, "edge end", "edge ends")
                ));
            }
            warnings.push(format!(
                "ignored {}; ties are attached to the nodes themselves",
                parts.join(" and ")
            ));
        }
        if s.extra_graphs > 0 {
            warnings.push(format!(
                "the file holds {} graphs; read the first and ignored the other {}",
                s.extra_graphs + 1,
                s.extra_graphs
            ));
        }
        for w in warnings {
            self.builder.warn(w);
        }
        self.builder.finish()
    }
}
