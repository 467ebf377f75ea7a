//! GraphML import and export.
//!
//! **Reading** works on GraphML as NetworkX, igraph, Gephi and yEd write
//! it. Keys are matched by their `attr.name` (never by their id, which is
//! `d0`, `v_name`, ... depending on the tool) through the shared column
//! names of [`super::fields`]; `for` and `<default>` are honoured; every
//! value is read as text and parsed by `fields`. The XML is streamed with
//! quick-xml, so memory grows with the map (and the depth of element
//! nesting), not with the file; and no entity is expanded but the five predefined ones and
//! character references: any other `&name;`, external or not, is an error.
//!
//! * Direction: `edgedefault` on `<graph>` (missing means undirected),
//!   overridden per edge by `directed="true|false"`, and then by a
//!   `directed` data key.
//! * Label: the `label` key, else `name` (igraph), else yEd's
//!   `<y:NodeLabel>`, else the node id. Position: `x`/`y` keys (Gephi),
//!   else the centre of yEd's `<y:Geometry>`.
//! * When two keys name the same built-in field (`label` and `name`,
//!   `kind` and `type`), the one spelt like the field wins and the other
//!   is kept as an attribute under its own name (a `name` beside `label`
//!   still labels the nodes that have no `label`).
//! * Visual-only keys are ignored: yEd's `yfiles.type` keys (the
//!   `nodegraphics` blob is only mined for label and geometry) and Gephi's
//!   `r`, `g`, `b`, `size`, `z`. An attribute of the map with one of those
//!   names is written as `attr:NAME`, so it still comes back.
//! * Keys with no `attr.name` are named by their id. Graph-level data
//!   other than title, description and Bridgework's own keys goes into
//!   the map's metadata.
//! * Nested graphs (yEd groups), hyperedges and ports are skipped with one
//!   warning per kind; edges to nodes inside a skipped nested graph are
//!   dropped and counted in that warning.
//! * An attribute with an **empty value is the same as no attribute**: an
//!   empty `<data>` for an attribute key is not read (igraph writes one for
//!   every node), and an empty attribute is not written.
//!
//! **Writing** gives standard GraphML 1.0, pretty-printed and
//! deterministic, with one key per built-in field (typed so Gephi, yEd,
//! networkx and igraph read numbers and booleans as such), one per
//! attribute name, and graph-level keys `title`, `description`,
//! `bridgework.metadata`, `bridgework.sectors` and `bridgework.tie_kinds`
//! (compact JSON) so that reading the file back gives exactly the same
//! map. `private` is always written (empty means "nothing private";
//! missing means the defaults). A map whose ties are all directed gets
//! `edgedefault="directed"`; otherwise `"undirected"` with
//! `directed="true"` on each directed edge (standard, read by Gephi and
//! yEd; networkx refuses such mixed files).
//!
//! Text is escaped; a carriage return is written as `&#13;`, and tab and
//! newline inside attribute values (ids) as `&#9;` and `&#10;`, so XML's
//! line-end and attribute normalisation cannot change them. Characters
//! that XML 1.0 cannot hold at all (U+0000–U+0008, U+000B, U+000C,
//! U+000E–U+001F, U+FFFE, U+FFFF) are written as U+FFFD, the replacement
//! character: that is the one way writing loses text. (The JSON lists
//! escape them and keep them; but a sector or tie-kind name holding one
//! then no longer matches its actors' or ties' text.)

use super::error::{IoError, Location, line_col};
use super::fields;
use super::{ImportOptions, Loaded};
use crate::model::{Actor, ActorId, Network, Sector, Tie, TieKind, default_tie_kinds};
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// Graph-level key: the map's title.
const TITLE: &str = "title";
/// Graph-level key: the map's description.
const DESCRIPTION: &str = "description";
/// Graph-level key: the map's metadata as a JSON object.
const METADATA: &str = "bridgework.metadata";
/// Graph-level key: the map's sector list as JSON.
const SECTORS: &str = "bridgework.sectors";
/// Graph-level key: the map's tie-kind list as JSON.
const TIE_KINDS: &str = "bridgework.tie_kinds";

/// Keys Gephi writes for drawing only; ignored when reading.
const VISUAL_KEYS: [&str; 5] = ["r", "g", "b", "size", "z"];

/// The tie kind of an edge that names none.
const DEFAULT_KIND: &str = "collaboration";

/// How many ids a warning lists before "and N more".
const MAX_LISTED: usize = 5;

const NAMESPACE_ATTRIBUTES: &str = concat!(
    r#"xmlns="http://graphml.graphdrawing.org/xmlns" "#,
    r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
    r#"xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns "#,
    r#"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd""#
);

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// The GraphML `attr.type` of a built-in column.
fn column_type(column: &str) -> &'static str {
    match column {
        "x" | "y" | "weight" => "double",
        "formal_position" | "influence" => "int",
        "pinned" | "directed" | "confirmed" => "boolean",
        _ => "string",
    }
}

fn is_visual(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    VISUAL_KEYS.contains(&n.as_str())
}

fn actor_builtin(name: &str) -> bool {
    fields::actor_column(name).is_some() || is_visual(name)
}

fn tie_builtin(name: &str) -> bool {
    fields::tie_column(name).is_some() || is_visual(name)
}

/// Whether XML 1.0 can hold `c` at all.
fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Appends `s` escaped for XML text (`in_attribute == false`) or a
/// double-quoted attribute value. Characters XML 1.0 cannot hold become
/// U+FFFD; CR (and in attributes tab and LF) become character references
/// so that XML's line-end and attribute-value normalisation keep them.
fn push_escaped(out: &mut String, s: &str, in_attribute: bool) {
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

/// JSON text with the characters XML cannot hold (serde_json already
/// escapes the controls; U+FFFE and U+FFFF remain, and can only be inside
/// strings) written as JSON escapes, so the JSON survives exactly.
fn json_for_xml(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        }
    }
    out
}

fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s, true);
    out
}

fn push_key(out: &mut String, id: &str, domain: &str, name: &str, ty: &str) {
    out.push_str(&format!(
        "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{ty}\"/>\n",
        attr(name)
    ));
}

fn push_data(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(indent);
    out.push_str("<data key=\"");
    out.push_str(key);
    out.push_str("\">");
    push_escaped(out, value, false);
    out.push_str("</data>\n");
}

/// The keys of one kind of element (`node` or `edge`): one per built-in
/// column, `{prefix}0`, `{prefix}1`, ..., then one per attribute name that
/// has a value somewhere (empty values are not written).
struct ElementKeys<'a> {
    /// `n` for nodes, `e` for edges.
    prefix: &'static str,
    /// The GraphML `for` of the keys.
    domain: &'static str,
    /// The built-in columns written as data.
    columns: Vec<&'static str>,
    /// Each attribute name with its key id.
    attributes: BTreeMap<&'a str, String>,
}

impl<'a> ElementKeys<'a> {
    fn new(
        prefix: &'static str,
        domain: &'static str,
        columns: Vec<&'static str>,
        attribute_maps: impl Iterator<Item = &'a BTreeMap<String, String>>,
    ) -> Self {
        let attributes = fields::attribute_names(attribute_maps)
            .into_iter()
            .enumerate()
            .map(|(i, name)| (name, format!("{prefix}{}", columns.len() + i)))
            .collect();
        ElementKeys {
            prefix,
            domain,
            columns,
            attributes,
        }
    }

    /// Appends the `<key>` elements; `builtin` says which attribute names
    /// must be written as `attr:NAME`.
    fn push_keys(&self, out: &mut String, builtin: fn(&str) -> bool) {
        for (i, c) in self.columns.iter().enumerate() {
            let id = format!("{}{i}", self.prefix);
            push_key(out, &id, self.domain, c, column_type(c));
        }
        for (name, id) in &self.attributes {
            let column = fields::attribute_column(name, builtin);
            push_key(out, id, self.domain, &column, "string");
        }
    }

    /// Appends the `<data>` of one element: each built-in column's value
    /// (`value`) unless it is empty (`private` always), then each
    /// non-empty attribute.
    fn push_data(
        &self,
        out: &mut String,
        value: impl Fn(&str) -> String,
        attributes: &BTreeMap<String, String>,
    ) {
        for (i, c) in self.columns.iter().enumerate() {
            let v = value(c);
            if !v.is_empty() || *c == "private" {
                push_data(out, "      ", &format!("{}{i}", self.prefix), &v);
            }
        }
        for (name, v) in attributes {
            if let Some(id) = self.attributes.get(name.as_str())
                && !v.is_empty()
            {
                push_data(out, "      ", id, v);
            }
        }
    }
}

/// The map as GraphML text: standard GraphML 1.0, pretty-printed and
/// deterministic, that [`read_graphml`] reads back as exactly the same map
/// (see the module documentation for the one exception, characters XML
/// cannot hold).
pub fn write_graphml(network: &Network) -> String {
    let node_keys = ElementKeys::new(
        "n",
        "node",
        fields::ACTOR_COLUMNS
            .iter()
            .copied()
            .filter(|c| *c != "id")
            .collect(),
        network.actors().iter().map(|a| &a.attributes),
    );
    let edge_keys = ElementKeys::new(
        "e",
        "edge",
        fields::TIE_COLUMNS
            .iter()
            .copied()
            .filter(|c| !matches!(*c, "source" | "target" | "id"))
            .collect(),
        network.ties().iter().map(|t| &t.attributes),
    );

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<graphml {NAMESPACE_ATTRIBUTES}>\n"));

    let graph_keys = [TITLE, DESCRIPTION, METADATA, SECTORS, TIE_KINDS];
    for (i, name) in graph_keys.iter().enumerate() {
        push_key(&mut out, &format!("g{i}"), "graph", name, "string");
    }
    node_keys.push_keys(&mut out, actor_builtin);
    edge_keys.push_keys(&mut out, tie_builtin);

    let all_directed = !network.ties().is_empty() && network.ties().iter().all(|t| t.directed);
    let edgedefault = if all_directed {
        "directed"
    } else {
        "undirected"
    };
    out.push_str(&format!(
        "  <graph id=\"G\" edgedefault=\"{edgedefault}\">\n"
    ));

    let json = |r: Result<String, serde_json::Error>| json_for_xml(&r.unwrap_or_default());
    let graph_values = [
        network.title.clone(),
        network.description.clone(),
        if network.metadata.is_empty() {
            String::new()
        } else {
            json(serde_json::to_string(&network.metadata))
        },
        json(serde_json::to_string(&network.sectors)),
        json(serde_json::to_string(&network.tie_kinds)),
    ];
    for (i, value) in graph_values.iter().enumerate() {
        if !value.is_empty() {
            push_data(&mut out, "    ", &format!("g{i}"), value);
        }
    }

    for a in network.actors() {
        out.push_str(&format!("    <node id=\"{}\">\n", attr(a.id().as_str())));
        node_keys.push_data(&mut out, |c| fields::actor_value(a, c), &a.attributes);
        out.push_str("    </node>\n");
    }

    for t in network.ties() {
        out.push_str(&format!(
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\"{}>\n",
            attr(t.id().as_str()),
            attr(t.from().as_str()),
            attr(t.to().as_str()),
            if t.directed && !all_directed {
                " directed=\"true\""
            } else {
                ""
            }
        ));
        edge_keys.push_data(&mut out, |c| fields::tie_value(t, c), &t.attributes);
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

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
        return if d == Domain::Node && y == "nodegraphics" {
            Role::YedNode
        } else {
            Role::Ignore
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
    offset: usize,
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
    offset: usize,
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
enum Content {
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

struct Parser<'a> {
    path: &'a Path,
    text: &'a str,
    reader: Reader<&'a [u8]>,
    /// Offsets of the open elements' start tags, innermost last.
    open: Vec<usize>,
    options: &'a ImportOptions,
    keys: Vec<Key>,
    key_index: HashMap<String, usize>,
    /// Key offsets, for duplicate-id messages.
    key_offsets: Vec<usize>,
    roles: [Vec<Option<Role>>; 3],
    /// Keys with a `<default>`, per domain.
    defaults: [Vec<usize>; 3],
    edge_default_directed: bool,
    graph_seen: bool,
    nodes: Vec<RawNode>,
    node_index: HashMap<String, usize>,
    /// Merged duplicates: (id, first offset, later offset).
    merged: Vec<(String, usize, usize)>,
    edges: Vec<RawEdge>,
    edge_ids: HashMap<String, usize>,
    /// Edges whose id was already used (merge mode), by index.
    renamed_edges: Vec<usize>,
    graph: GraphData,
    skipped: Skipped,
}

type Res<T> = Result<T, IoError>;

fn to_usize(x: u64) -> usize {
    usize::try_from(x).unwrap_or(usize::MAX)
}

fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// Reads a GraphML map. `text` is already decoded; `path` is only used in
/// messages. `options.directed` is ignored: the file says.
pub fn read_graphml(path: &Path, text: &str, options: &ImportOptions) -> Result<Loaded, IoError> {
    let mut p = Parser {
        path,
        text,
        reader: Reader::from_str(text),
        open: Vec::new(),
        options,
        keys: Vec::new(),
        key_index: HashMap::new(),
        key_offsets: Vec::new(),
        roles: [Vec::new(), Vec::new(), Vec::new()],
        defaults: [Vec::new(), Vec::new(), Vec::new()],
        edge_default_directed: false,
        graph_seen: false,
        nodes: Vec::new(),
        node_index: HashMap::new(),
        merged: Vec::new(),
        edges: Vec::new(),
        edge_ids: HashMap::new(),
        renamed_edges: Vec::new(),
        graph: GraphData::default(),
        skipped: Skipped::default(),
    };
    p.read_document()?;
    p.finish()
}

impl<'a> Parser<'a> {
    // --- positions and errors -------------------------------------------

    fn at(&self, offset: usize, message: impl Into<String>) -> IoError {
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

    fn line(&self, offset: usize) -> usize {
        line_col(self.text.as_bytes(), offset).0
    }

    /// The tag name of the start tag at `offset`.
    fn tag_at(&self, offset: usize) -> String {
        let rest = self.text.get(offset + 1..).unwrap_or("");
        rest.chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
            .collect()
    }

    fn truncated(&self) -> IoError {
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
            format!("the file ends before </graphml>; it may be truncated{detail}"),
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
                    format!("{what} starts here but is never closed; the file ends before </graphml> and may be truncated"),
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

    /// The next event and the offset where it starts.
    fn next(&mut self) -> Res<(Event<'a>, usize)> {
        let start = to_usize(self.reader.buffer_position());
        match self.reader.read_event() {
            Ok(ev) => {
                match &ev {
                    Event::Start(_) => self.open.push(start),
                    Event::End(_) => {
                        self.open.pop();
                    }
                    _ => {}
                }
                Ok((ev, start))
            }
            Err(e) => Err(self.xml_error(e)),
        }
    }

    /// The attributes of a start tag, unescaped, in order.
    fn attributes(&self, e: &BytesStart<'_>, offset: usize) -> Res<Vec<(String, String)>> {
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

    fn resolve_ref(&self, r: &BytesRef<'_>, offset: usize, out: &mut String) -> Res<()> {
        let name = String::from_utf8_lossy(r).into_owned();
        match r.resolve_char_ref() {
            Ok(Some(c)) => out.push(c),
            Ok(None) => match quick_xml::escape::resolve_xml_entity(&name) {
                Some(s) => out.push_str(s),
                None => {
                    return Err(self.at(
                        offset,
                        format!(
                            "&{name}; is not an entity Bridgework reads; GraphML text can use &lt; &gt; &amp; &quot; &apos; and character references like &#233;"
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

    /// Skips the rest of an element whose start tag was just read, noting
    /// nodes and edges inside it (for nested graphs).
    fn skip(&mut self, note_nested: bool) -> Res<()> {
        let mut depth = 1usize;
        loop {
            let (ev, offset) = self.next()?;
            match ev {
                Event::Start(e) | Event::Empty(e) if note_nested => {
                    let opened = matches!(self.open.last(), Some(&o) if o == offset);
                    match local_name(&e).as_str() {
                        "node" => {
                            if let Some((_, id)) = self
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
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }

    // --- document structure ----------------------------------------------

    fn read_document(&mut self) -> Res<()> {
        // Refuse non-XML at the first byte, without scanning the file.
        let trimmed = self.text.trim_start();
        let first = self.text.len() - trimmed.len();
        match trimmed.chars().next() {
            None => {
                return Err(IoError::invalid_file(
                    self.path,
                    "the file holds no GraphML (it is blank)",
                ));
            }
            Some('<') => {}
            Some(_) => {
                return Err(self.at(
                    first,
                    "this is not GraphML: the file starts with text, not with a tag; a GraphML file starts with <?xml ...?> or <graphml>",
                ));
            }
        }
        loop {
            let (ev, offset) = self.next()?;
            match ev {
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Text(t) => {
                    if let Some(i) = t.iter().position(|b| !b.is_ascii_whitespace()) {
                        return Err(self.at(
                            offset + i,
                            "this is not GraphML: there is text before the <graphml> element",
                        ));
                    }
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = local_name(&e);
                    if name != "graphml" {
                        return Err(self.at(
                            offset,
                            format!("the file's root element is <{name}>, not <graphml>; this is not a GraphML file"),
                        ));
                    }
                    if matches!(self.open.last(), Some(&o) if o == offset) {
                        self.read_graphml_element()?;
                    }
                    if !self.graph_seen {
                        return Err(self.at(
                            offset,
                            "the <graphml> element holds no <graph>; there is no map in this file",
                        ));
                    }
                    break;
                }
                Event::Eof => {
                    return Err(IoError::invalid_file(
                        self.path,
                        "the file holds no <graphml> element",
                    ));
                }
                _ => {
                    return Err(self.at(
                        offset,
                        "this is not GraphML: there is content before the <graphml> element",
                    ));
                }
            }
        }
        loop {
            let (ev, offset) = self.next()?;
            match ev {
                Event::Eof => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                _ => {
                    return Err(self.at(
                        offset,
                        "there is more after </graphml>; a GraphML file holds one <graphml> element",
                    ));
                }
            }
        }
    }

    fn read_graphml_element(&mut self) -> Res<()> {
        loop {
            let (ev, offset) = self.next()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let has_body = matches!(self.open.last(), Some(&o) if o == offset);
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
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }

    fn read_key(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        let mut id = None;
        let mut name = None;
        let mut domain = "all".to_owned();
        let mut yfiles = None;
        for (k, v) in self.attributes(e, offset)? {
            match k.as_str() {
                "id" => id = Some(v),
                "attr.name" => name = Some(v),
                "for" => domain = v.trim().to_owned(),
                "yfiles.type" => yfiles = Some(v),
                _ => {}
            }
        }
        let Some(id) = id else {
            return Err(self.at(offset, "a <key> has no id; give it an id=\"...\" attribute"));
        };
        let mut default = None;
        if has_body {
            let mut depth = 1usize;
            loop {
                let (ev, o) = self.next()?;
                match ev {
                    Event::Start(d) if depth == 1 && local_name(&d) == "default" => {
                        let value = self.read_text()?;
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
                    Event::Eof => return Err(self.truncated()),
                    _ => {}
                }
            }
        }
        if let Some(&first) = self.key_index.get(&id) {
            let first_line = self
                .key_offsets
                .get(first)
                .map(|&o| self.line(o))
                .unwrap_or(0);
            return Err(self.at(
                offset,
                format!("key id \"{id}\" is declared twice (lines {first_line} and {}); give each key its own id", self.line(offset)),
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

    /// Reads the text content of the element just opened, up to its end
    /// tag; text inside child elements is ignored.
    fn read_text(&mut self) -> Res<String> {
        let mut out = String::new();
        let mut depth = 1usize;
        loop {
            let (ev, offset) = self.next()?;
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

    /// The key a `<data>` element refers to, checked to exist and (for
    /// `domain`) to be declared for that kind of element.
    fn key_of_data(&self, e: &BytesStart<'_>, offset: usize, domain: Option<Domain>) -> Res<usize> {
        let key = self
            .attributes(e, offset)?
            .into_iter()
            .find(|(k, _)| k == "key")
            .map(|(_, v)| v);
        let Some(key) = key else {
            return Err(self.at(
                offset,
                "a <data> element has no key=\"...\" attribute; say which <key> it is for",
            ));
        };
        let Some(&i) = self.key_index.get(&key) else {
            return Err(self.at(
                offset,
                format!(
                    "<data> refers to key \"{key}\", which is not declared; add <key id=\"{key}\" for=\"...\" attr.name=\"...\"/> before the <graph> or remove the data"
                ),
            ));
        };
        if let (Some(d), Some(k)) = (domain, self.keys.get(i))
            && !k.applies_to(d)
        {
            return Err(self.at(
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
            (Role::YedNode, true) => self.read_yed_node()?,
            (Role::YedNode, false) => Content::Skipped,
            (_, true) => Content::Text(self.read_text()?),
            (_, false) => Content::Text(String::new()),
        };
        Ok((i, role, content))
    }

    /// Reads yEd's node graphics: the first `<y:NodeLabel>` with text and
    /// the first `<y:Geometry>` (as its centre).
    fn read_yed_node(&mut self) -> Res<Content> {
        let mut label: Option<String> = None;
        let mut centre = None;
        let mut depth = 0usize;
        let mut label_depth: Option<usize> = None;
        let mut buf = String::new();
        loop {
            let (ev, offset) = self.next()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let opened = matches!(self.open.last(), Some(&o) if o == offset);
                    let name = local_name(&e);
                    if name == "Geometry" && centre.is_none() {
                        centre = Some(self.yed_geometry(&e, offset)?);
                    }
                    if opened {
                        depth += 1;
                        if name == "NodeLabel" && label.is_none() && label_depth.is_none() {
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
                    Err(err) => return Err(self.at(offset, format!("unreadable text: {err}"))),
                },
                Event::CData(c) if label_depth == Some(depth) => match c.xml10_content() {
                    Ok(s) => buf.push_str(&s),
                    Err(err) => return Err(self.at(offset, format!("unreadable text: {err}"))),
                },
                Event::GeneralRef(r) if label_depth == Some(depth) => {
                    self.resolve_ref(&r, offset, &mut buf)?
                }
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }

    fn yed_geometry(&self, e: &BytesStart<'_>, offset: usize) -> Res<(f64, f64)> {
        let mut v = [0.0f64; 4];
        for (k, value) in self.attributes(e, offset)? {
            let slot = match k.as_str() {
                "x" => 0,
                "y" => 1,
                "width" => 2,
                "height" => 3,
                _ => continue,
            };
            let n = value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .ok_or_else(|| {
                    self.at(
                        offset,
                        format!("<y:Geometry> has {k}=\"{value}\", which is not a finite number"),
                    )
                })?;
            if let Some(s) = v.get_mut(slot) {
                *s = n;
            }
        }
        let [x, y, w, h] = v;
        Ok((x + w / 2.0, y + h / 2.0))
    }

    fn read_graph(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        for (k, v) in self.attributes(e, offset)? {
            if k == "edgedefault" {
                self.edge_default_directed = match v.trim() {
                    "directed" => true,
                    "undirected" => false,
                    other => {
                        return Err(self.at(
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
            self.at(
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
                    self.at(
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
            let (ev, o) = self.next()?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let has_body = matches!(self.open.last(), Some(&x) if x == o);
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
                Event::End(_) => break,
                Event::Eof => return Err(self.truncated()),
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
        self.at(offset, format!("{element}, {key_name}{whose}: {problem}"))
    }

    // --- nodes -----------------------------------------------------------

    fn read_node(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        let id = self
            .attributes(e, offset)?
            .into_iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v);
        let id = match id {
            None => {
                return Err(self.at(
                    offset,
                    "a <node> has no id; give every node an id=\"...\" attribute",
                ));
            }
            Some(id) if id.is_empty() => {
                return Err(self.at(
                    offset,
                    "a <node> has an empty id; give every node a non-empty id",
                ));
            }
            Some(id) => id,
        };
        let mut node = RawNode {
            actor: Actor::new(id.as_str(), "", ""),
            offset,
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
        self.add_node(node)
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

    fn add_node(&mut self, node: RawNode) -> Res<()> {
        let id = node.actor.id().as_str().to_owned();
        if let Some(&first) = self.node_index.get(&id) {
            let first_offset = self.nodes.get(first).map(|n| n.offset).unwrap_or(0);
            if !self.options.merge_duplicates {
                return Err(self.at(
                    node.offset,
                    format!(
                        "node \"{id}\" is in the file twice (lines {} and {}); give each node its own id, or pass --merge-duplicates to merge them",
                        self.line(first_offset),
                        self.line(node.offset)
                    ),
                ));
            }
            self.merged.push((id, first_offset, node.offset));
            if let Some(target) = self.nodes.get_mut(first) {
                merge_node(target, node);
            }
            return Ok(());
        }
        if !self.options.merge_duplicates && !node.provided.contains("sector") {
            self.check_sector(&node)?;
        }
        self.node_index.insert(id, self.nodes.len());
        self.nodes.push(node);
        Ok(())
    }

    fn default_sector(&self) -> Option<&str> {
        self.options
            .default_sector
            .as_deref()
            .filter(|s| !s.trim().is_empty())
    }

    fn check_sector(&self, node: &RawNode) -> Res<()> {
        if node.sector.is_none() && self.default_sector().is_none() {
            return Err(self.at(
                node.offset,
                format!(
                    "node \"{}\" has no sector; add a \"sector\" attribute or pass --default-sector NAME",
                    node.actor.id()
                ),
            ));
        }
        Ok(())
    }

    // --- edges -----------------------------------------------------------

    fn read_edge(&mut self, e: &BytesStart<'a>, offset: usize, has_body: bool) -> Res<()> {
        let mut id = None;
        let mut source = None;
        let mut target = None;
        let mut directed = self.edge_default_directed;
        for (k, v) in self.attributes(e, offset)? {
            match k.as_str() {
                "id" => id = Some(v),
                "source" => source = Some(v),
                "target" => target = Some(v),
                "directed" => {
                    directed = fields::parse_bool(&v).map_err(|m| {
                        self.at(
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
            return Err(self.at(
                offset,
                format!("edge{which} has no source or no target; every <edge> needs source=\"...\" and target=\"...\" naming nodes"),
            ));
        };
        let mut edge = RawEdge {
            id,
            source: ActorId::new(source),
            target: ActorId::new(target),
            offset,
            tie: Tie::new("", "", "", "", directed),
            kind: None,
        };
        let seen = self.read_children(has_body, Domain::Edge, |p, i, role, content, o| {
            if let Content::Text(value) = content {
                p.set_edge_value(&mut edge, role, i, &value, o, false)?;
            }
            Ok(())
        })?;
        for (i, role, value, o) in self.pending_defaults(Domain::Edge, &seen) {
            self.set_edge_value(&mut edge, &role, i, &value, o, true)?;
        }
        if let Some(id) = &edge.id {
            if let Some(&first) = self.edge_ids.get(id) {
                if !self.options.merge_duplicates {
                    return Err(self.at(
                        offset,
                        format!(
                            "edge id \"{id}\" is used twice (lines {} and {}); give each edge its own id, or pass --merge-duplicates to give the later one a new id",
                            self.line(first),
                            self.line(offset)
                        ),
                    ));
                }
                self.renamed_edges.push(self.edges.len());
            } else {
                self.edge_ids.insert(id.clone(), offset);
            }
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
        let mut warnings = Vec::new();
        let graph = std::mem::take(&mut self.graph);
        let sectors_offset = graph.sectors.as_ref().map(|(_, o)| *o);
        let tie_kinds_offset = graph.tie_kinds.as_ref().map(|(_, o)| *o);
        let has_sector_list = graph.sectors.is_some();
        let mut network = Network::with_lists(
            graph.sectors.map(|(s, _)| s).unwrap_or_default(),
            graph
                .tie_kinds
                .map(|(k, _)| k)
                .unwrap_or_else(default_tie_kinds),
        );
        network.title = graph.title.unwrap_or_default();
        network.description = graph.description.unwrap_or_default();
        network.metadata = graph.metadata.unwrap_or_default();
        for (k, v) in graph.extra {
            network.metadata.entry(k).or_insert(v);
        }

        // Actors, in file order, sectors added in order of first use.
        let mut filled = 0usize;
        let nodes = std::mem::take(&mut self.nodes);
        let mut node_offsets = Vec::with_capacity(nodes.len());
        for node in nodes {
            self.check_sector(&node)?;
            let RawNode {
                mut actor,
                offset,
                provided,
                sector,
                ..
            } = node;
            if !provided.contains("label") {
                actor.name = actor.id().as_str().to_owned();
            }
            actor.sector = match sector {
                Some(raw) if has_sector_list && network.sector(&raw).is_some() => raw,
                Some(raw) => raw.trim().to_owned(),
                None => {
                    filled += 1;
                    self.default_sector().unwrap_or_default().to_owned()
                }
            };
            network.ensure_sector(&actor.sector);
            network
                .add_actor(actor)
                .map_err(|err| self.at(offset, format!("{err}")))?;
            node_offsets.push(offset);
        }
        if filled > 0 {
            warnings.push(format!(
                "gave {filled} node{} with no sector the sector \"{}\"",
                plural(filled),
                self.default_sector().unwrap_or_default()
            ));
        }
        if !self.merged.is_empty() {
            let listed: Vec<String> = self
                .merged
                .iter()
                .take(MAX_LISTED)
                .map(|(id, a, b)| {
                    format!("\"{id}\" (lines {} and {})", self.line(*a), self.line(*b))
                })
                .collect();
            warnings.push(format!(
                "merged {} node{} into an earlier node with the same id: {}{}",
                self.merged.len(),
                plural(self.merged.len()),
                listed.join(", "),
                more(self.merged.len())
            ));
        }

        // Tie ids: the given ones, and fresh `t1`, `t2`, ... (never an id
        // given anywhere in the file) for missing and repeated ones.
        let edges = std::mem::take(&mut self.edges);
        let renamed_set: HashSet<usize> = self.renamed_edges.iter().copied().collect();
        let ids: Vec<String> = {
            let taken: HashSet<&str> = edges.iter().filter_map(|e| e.id.as_deref()).collect();
            let mut n = 0usize;
            edges
                .iter()
                .enumerate()
                .map(|(i, e)| match &e.id {
                    Some(id) if !renamed_set.contains(&i) => id.clone(),
                    _ => loop {
                        n += 1;
                        let id = format!("t{n}");
                        if !taken.contains(id.as_str()) {
                            break id;
                        }
                    },
                })
                .collect()
        };
        let mut renamed = Vec::new();
        let mut tie_offsets = Vec::with_capacity(edges.len());
        let mut dropped = 0usize;
        for (i, (edge, id)) in edges.into_iter().zip(ids).enumerate() {
            let missing = [&edge.source, &edge.target]
                .into_iter()
                .find(|end| network.actor(end).is_none());
            if let Some(end) = missing {
                if self.skipped.nested_nodes.contains(end.as_str()) {
                    dropped += 1;
                    continue;
                }
                return Err(self.at(
                    edge.offset,
                    format!(
                        "{} points to node \"{end}\", which is not in the file; add the node or remove the edge",
                        edge.describe()
                    ),
                ));
            }
            if renamed_set.contains(&i) {
                renamed.push(format!(
                    "\"{}\" on line {} is now \"{id}\"",
                    edge.id.as_deref().unwrap_or_default(),
                    self.line(edge.offset)
                ));
            }
            let kind = match edge.kind {
                Some(raw) if network.tie_kind(&raw).is_some() => raw,
                Some(raw) => raw.trim().to_owned(),
                None => DEFAULT_KIND.to_owned(),
            };
            network.ensure_tie_kind(&kind, edge.tie.directed);
            let mut tie = edge.tie.with_ids(id, edge.source, edge.target);
            tie.kind = kind;
            network
                .add_tie(tie)
                .map_err(|err| self.at(edge.offset, format!("{err}")))?;
            tie_offsets.push(edge.offset);
        }
        if !renamed.is_empty() {
            let n = renamed.len();
            warnings.push(format!(
                "gave {n} edge{} a new id because the id was already used: {}{}",
                plural(n),
                renamed
                    .iter()
                    .take(MAX_LISTED)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                more(n)
            ));
        }

        let s = &self.skipped;
        if s.nested_graphs > 0 {
            let mut w = format!(
                "ignored {} nested graph{} (a graph inside a node or edge, such as a yEd group) with the {} node{} and {} edge{} in {}; Bridgework maps have one level",
                s.nested_graphs,
                plural(s.nested_graphs),
                s.nested_nodes.len(),
                plural(s.nested_nodes.len()),
                s.nested_edges,
                plural(s.nested_edges),
                if s.nested_graphs == 1 { "it" } else { "them" }
            );
            if dropped > 0 {
                w.push_str(&format!(
                    ", and {dropped} edge{} to those nodes",
                    plural(dropped)
                ));
            }
            warnings.push(w);
        }
        if s.hyperedges > 0 {
            warnings.push(format!(
                "ignored {} hyperedge{}; a Bridgework tie joins exactly two actors",
                s.hyperedges,
                plural(s.hyperedges)
            ));
        }
        if s.ports + s.port_ends > 0 {
            let mut parts = Vec::new();
            if s.ports > 0 {
                parts.push(format!(
                    "{} port{} (named connection points on nodes)",
                    s.ports,
                    plural(s.ports)
                ));
            }
            if s.port_ends > 0 {
                parts.push(format!(
                    "the ports named by {} edge end{}",
                    s.port_ends,
                    plural(s.port_ends)
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

        if let Some(issue) = network.validate().into_iter().next() {
            let offsets = Offsets {
                nodes: &node_offsets,
                ties: &tie_offsets,
                sectors: sectors_offset,
                tie_kinds: tie_kinds_offset,
            };
            return Err(self.issue_error(&network, &issue.place, &issue.message, &offsets));
        }
        Ok(Loaded { network, warnings })
    }

    /// A validation issue as an error at the line of the node or edge (or
    /// graph data) it is about.
    fn issue_error(
        &self,
        network: &Network,
        place: &str,
        message: &str,
        at: &Offsets<'_>,
    ) -> IoError {
        let indexed = |prefix: &str| -> Option<(usize, String)> {
            let rest = place.strip_prefix(prefix)?;
            let (n, field) = rest.split_once(']')?;
            Some((n.parse().ok()?, field.trim_start_matches('.').to_owned()))
        };
        if let Some((i, field)) = indexed("actors[")
            && let (Some(&o), Some(a)) = (at.nodes.get(i), network.actors().get(i))
        {
            return self.at(o, format!("node \"{}\", {field}: {message}", a.id()));
        }
        if let Some((i, field)) = indexed("ties[")
            && let (Some(&o), Some(t)) = (at.ties.get(i), network.ties().get(i))
        {
            return self.at(o, format!("edge \"{}\", {field}: {message}", t.id()));
        }
        if place.starts_with("sectors[")
            && let Some(o) = at.sectors
        {
            return self.at(o, format!("{SECTORS}: {place}: {message}"));
        }
        if place.starts_with("tie_kinds[")
            && let Some(o) = at.tie_kinds
        {
            return self.at(o, format!("{TIE_KINDS}: {place}: {message}"));
        }
        IoError::invalid(
            self.path,
            Location::Field(place.to_owned()),
            message.to_owned(),
        )
    }
}

/// Where the parts of the map were in the file, for validation messages.
struct Offsets<'a> {
    nodes: &'a [usize],
    ties: &'a [usize],
    sectors: Option<usize>,
    tie_kinds: Option<usize>,
}

/// Merges a later node with the same id into the first: the later one
/// fills what the first left empty or at its default.
fn merge_node(first: &mut RawNode, later: RawNode) {
    for c in &later.provided {
        if first.provided.contains(c) {
            continue;
        }
        match *c {
            "label" => first.actor.name = later.actor.name.clone(),
            "sector" => first.sector = later.sector.clone(),
            c => {
                // Both directions go through `fields`, which round-trips.
                let _ = fields::set_actor_value(
                    &mut first.actor,
                    c,
                    &fields::actor_value(&later.actor, c),
                );
            }
        }
        first.provided.insert(c);
    }
    for (k, v) in later.actor.attributes {
        first.actor.attributes.entry(k).or_insert(v);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn more(n: usize) -> String {
    if n > MAX_LISTED {
        format!(" and {} more", n - MAX_LISTED)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::arbitrary::{self, Alphabet, Lists};
    use crate::model::{Colour, Dash, Shape, Stance};
    use proptest::prelude::*;
    use proptest::sample::Index;

    fn p() -> &'static Path {
        Path::new("map.graphml")
    }

    fn read(text: &str) -> Result<Loaded, IoError> {
        read_graphml(p(), text, &ImportOptions::default())
    }

    fn read_with(text: &str, options: ImportOptions) -> Result<Loaded, IoError> {
        read_graphml(p(), text, &options)
    }

    fn ok(text: &str) -> Loaded {
        match read(text) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    fn err(text: &str) -> String {
        match read(text) {
            Ok(_) => panic!("read a file that should be refused:\n{text}"),
            Err(e) => e.to_string(),
        }
    }

    /// A minimal networkx-style file around `body` (nodes and edges).
    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string" />
  <key id="d1" for="node" attr.name="sector" attr.type="string" />
  <key id="d2" for="edge" attr.name="weight" attr.type="double" />
  <graph edgedefault="undirected">
{body}
  </graph>
</graphml>
"#
        )
    }

    fn node(id: &str, sector: &str) -> String {
        format!("    <node id=\"{id}\"><data key=\"d1\">{sector}</data></node>")
    }

    // --- reference datasets ------------------------------------------------

    const DATASETS: [(&str, &str, &str, &str, &str); 8] = [
        (
            "karate",
            include_str!("../../../tests/data/karate.graphml"),
            include_str!("../../../tests/data/karate.nodes.csv"),
            include_str!("../../../tests/data/karate.edges.csv"),
            include_str!("../../../tests/data/karate.expected.json"),
        ),
        (
            "florentine",
            include_str!("../../../tests/data/florentine.graphml"),
            include_str!("../../../tests/data/florentine.nodes.csv"),
            include_str!("../../../tests/data/florentine.edges.csv"),
            include_str!("../../../tests/data/florentine.expected.json"),
        ),
        (
            "kite",
            include_str!("../../../tests/data/kite.graphml"),
            include_str!("../../../tests/data/kite.nodes.csv"),
            include_str!("../../../tests/data/kite.edges.csv"),
            include_str!("../../../tests/data/kite.expected.json"),
        ),
        (
            "care_toy",
            include_str!("../../../tests/data/care_toy.graphml"),
            include_str!("../../../tests/data/care_toy.nodes.csv"),
            include_str!("../../../tests/data/care_toy.edges.csv"),
            include_str!("../../../tests/data/care_toy.expected.json"),
        ),
        (
            "toy4_cycle",
            include_str!("../../../tests/data/toy4_cycle.graphml"),
            include_str!("../../../tests/data/toy4_cycle.nodes.csv"),
            include_str!("../../../tests/data/toy4_cycle.edges.csv"),
            include_str!("../../../tests/data/toy4_cycle.expected.json"),
        ),
        (
            "toy4_paw",
            include_str!("../../../tests/data/toy4_paw.graphml"),
            include_str!("../../../tests/data/toy4_paw.nodes.csv"),
            include_str!("../../../tests/data/toy4_paw.edges.csv"),
            include_str!("../../../tests/data/toy4_paw.expected.json"),
        ),
        (
            "toy4_star",
            include_str!("../../../tests/data/toy4_star.graphml"),
            include_str!("../../../tests/data/toy4_star.nodes.csv"),
            include_str!("../../../tests/data/toy4_star.edges.csv"),
            include_str!("../../../tests/data/toy4_star.expected.json"),
        ),
        (
            "toy4_directed",
            include_str!("../../../tests/data/toy4_directed.graphml"),
            include_str!("../../../tests/data/toy4_directed.nodes.csv"),
            include_str!("../../../tests/data/toy4_directed.edges.csv"),
            include_str!("../../../tests/data/toy4_directed.expected.json"),
        ),
    ];

    fn csv_rows(text: &str) -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn every_reference_dataset_reads_with_the_right_nodes_edges_and_direction() {
        for (name, graphml, nodes_csv, edges_csv, expected) in DATASETS {
            let loaded = read_graphml(Path::new(name), graphml, &ImportOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
            let n = &loaded.network;
            let exp: serde_json::Value = serde_json::from_str(expected).unwrap();
            assert_eq!(
                n.actors().len() as u64,
                exp["n"].as_u64().unwrap(),
                "{name}"
            );
            assert_eq!(n.ties().len() as u64, exp["m"].as_u64().unwrap(), "{name}");
            let directed = exp["directed"].as_bool().unwrap();
            assert!(n.ties().iter().all(|t| t.directed == directed), "{name}");

            let nodes = csv_rows(nodes_csv);
            let got: Vec<Vec<String>> = n
                .actors()
                .iter()
                .map(|a| vec![a.id().to_string(), a.name.clone(), a.sector.clone()])
                .collect();
            assert_eq!(got, nodes, "{name}");
            let mut sectors: Vec<String> = Vec::new();
            for row in &nodes {
                if !sectors.contains(&row[2]) {
                    sectors.push(row[2].clone());
                }
            }
            let got: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(got, sectors, "{name}: sectors in order of first appearance");
            assert_eq!(n.tie_kinds, default_tie_kinds(), "{name}");

            let edges = csv_rows(edges_csv);
            assert_eq!(edges.len(), n.ties().len(), "{name}");
            for (i, (t, row)) in n.ties().iter().zip(&edges).enumerate() {
                assert_eq!(t.from().as_str(), row[0], "{name}");
                assert_eq!(t.to().as_str(), row[1], "{name}");
                assert_eq!(t.strength, row[2].parse::<f64>().unwrap(), "{name}");
                assert_eq!(t.id().as_str(), format!("t{}", i + 1), "{name}");
                assert_eq!(t.kind, "collaboration", "{name}");
            }
        }
    }

    #[test]
    fn karate_and_care_toy_details() {
        let k = ok(DATASETS[0].1).network;
        let s: Vec<&str> = k.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(s, ["Mr. Hi", "Officer"]);
        let t = &k.ties()[0];
        assert_eq!(
            (t.from().as_str(), t.to().as_str(), t.strength),
            ("0", "1", 4.0)
        );
        let total: f64 = k.ties().iter().map(|t| t.strength).sum();
        assert_eq!(total, 231.0);
        let c = ok(DATASETS[3].1).network;
        assert_eq!(
            c.actor(&"gp_price".into()).unwrap().name,
            "Chloë Price (practice manager)"
        );
        assert_eq!(
            c.actor(&"sc_kim".into()).unwrap().name,
            "Grace \"GK\" Kim, social worker"
        );
        let d = ok(DATASETS[7].1).network;
        assert!(d.ties().iter().all(|t| t.directed));
    }

    #[test]
    fn reference_datasets_survive_a_write_and_read() {
        for (name, graphml, ..) in DATASETS {
            let n = ok(graphml).network;
            let again = ok(&write_graphml(&n)).network;
            assert_eq!(again, n, "{name}");
        }
    }

    // --- other tools' files -------------------------------------------------

    const IGRAPH: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
<!-- Created by igraph -->
  <key id="g_name" for="graph" attr.name="name" attr.type="string"/>
  <key id="v_name" for="node" attr.name="name" attr.type="string"/>
  <key id="v_sector" for="node" attr.name="sector" attr.type="string"/>
  <key id="v_team" for="node" attr.name="team" attr.type="string"/>
  <key id="v_x" for="node" attr.name="x" attr.type="double"/>
  <key id="e_weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <data key="g_name">Discharge pathway</data>
    <node id="n0">
      <data key="v_name">Ann</data>
      <data key="v_sector">primary care</data>
      <data key="v_team">North</data>
      <data key="v_x">1.5</data>
    </node>
    <node id="n1">
      <data key="v_name">Bo</data>
      <data key="v_sector">social care</data>
      <data key="v_team"></data>
      <data key="v_x">-2</data>
    </node>
    <node id="n2">
      <data key="v_name">Cy</data>
      <data key="v_sector">Housing</data>
      <data key="v_team">South</data>
      <data key="v_x">0</data>
    </node>
    <edge source="n0" target="n1">
      <data key="e_weight">2.5</data>
      <data key="e_type">referral</data>
    </edge>
    <edge source="n1" target="n2">
      <data key="e_weight">1</data>
      <data key="e_type">housing advice</data>
    </edge>
  </graph>
</graphml>
"#;

    #[test]
    fn igraph_file_maps_keys_by_name_not_id() {
        let l = ok(IGRAPH);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let n = &l.network;
        let ids: Vec<&str> = n.actors().iter().map(|a| a.id().as_str()).collect();
        assert_eq!(ids, ["n0", "n1", "n2"]);
        let names: Vec<&str> = n.actors().iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Ann", "Bo", "Cy"]);
        let a = &n.actors()[0];
        assert_eq!(a.attributes.get("team").map(String::as_str), Some("North"));
        assert_eq!(a.x, Some(1.5));
        assert!(
            n.actors()[1].attributes.is_empty(),
            "empty igraph values are no attribute"
        );
        // Default names keep the default styles; new ones are added in order.
        let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sectors, ["primary care", "social care", "Housing"]);
        assert_eq!(n.ties()[0].strength, 2.5);
        assert_eq!(n.ties()[0].kind, "referral");
        assert!(
            !n.ties()[0].directed,
            "edgedefault wins over the kind's default"
        );
        assert_eq!(n.ties()[1].kind, "housing advice");
        let added = n.tie_kind("housing advice").unwrap();
        assert!(!added.directed);
        assert_eq!(n.tie_kinds.len(), default_tie_kinds().len() + 1);
        assert_eq!(
            n.metadata.get("name").map(String::as_str),
            Some("Discharge pathway")
        );
        let ids: Vec<&str> = n.ties().iter().map(|t| t.id().as_str()).collect();
        assert_eq!(ids, ["t1", "t2"]);
    }

    const GEPHI: &str = r#"<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="sector" attr.type="string" for="node" id="sector"/>
<key attr.name="Modularity Class" attr.type="int" for="node" id="modularity_class"/>
<key attr.name="r" attr.type="int" for="node" id="r"/>
<key attr.name="g" attr.type="int" for="node" id="g"/>
<key attr.name="b" attr.type="int" for="node" id="b"/>
<key attr.name="x" attr.type="float" for="node" id="x"/>
<key attr.name="y" attr.type="float" for="node" id="y"/>
<key attr.name="size" attr.type="float" for="node" id="size"/>
<graph edgedefault="directed">
<node id="0">
<data key="label">Dr Okafor</data>
<data key="sector">primary care</data>
<data key="modularity_class">0</data>
<data key="size">10.0</data>
<data key="r">230</data>
<data key="g">159</data>
<data key="b">0</data>
<data key="x">-12.5</data>
<data key="y">40.25</data>
</node>
<node id="1">
<data key="label">Ward 7</data>
<data key="sector">hospital care</data>
<data key="modularity_class">1</data>
<data key="size">10.0</data>
<data key="r">0</data>
<data key="g">114</data>
<data key="b">178</data>
<data key="x">88.0</data>
<data key="y">-3.0</data>
</node>
<edge id="0" source="0" target="1">
<data key="weight">3.0</data>
<data key="edgelabel">refers</data>
</edge>
<edge id="1" source="1" target="0" directed="false">
<data key="weight">1.0</data>
</edge>
</graph>
</graphml>
"#;

    #[test]
    fn gephi_file_reads_positions_and_ignores_colours_and_sizes() {
        let l = ok(GEPHI);
        let n = &l.network;
        let a = &n.actors()[0];
        assert_eq!(
            (a.name.as_str(), a.x, a.y),
            ("Dr Okafor", Some(-12.5), Some(40.25))
        );
        assert_eq!(
            a.attributes
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
            [("Modularity Class", "0")],
            "r, g, b and size are drawing only"
        );
        let t = &n.ties()[0];
        assert_eq!((t.id().as_str(), t.strength, t.directed), ("0", 3.0, true));
        assert_eq!(
            t.attributes.get("Edge Label").map(String::as_str),
            Some("refers")
        );
        let t = &n.ties()[1];
        assert!(
            !t.directed,
            "directed=\"false\" on the edge overrides edgedefault"
        );
    }

    const YED: &str = r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:java="http://www.yworks.com/xml/yfiles-common/1.0/java" xmlns:sys="http://www.yworks.com/xml/yfiles-common/markup/primitives/2.0" xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xmlns:yed="http://www.yworks.com/xml/yed/3" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
  <!--Created by yEd 3.23.2-->
  <key attr.name="Description" attr.type="string" for="graph" id="d0"/>
  <key for="port" id="d1" yfiles.type="portgraphics"/>
  <key for="port" id="d2" yfiles.type="portgeometry"/>
  <key for="port" id="d3" yfiles.type="portuserdata"/>
  <key attr.name="sector" attr.type="string" for="node" id="d4">
    <default xml:space="preserve"><![CDATA[community health]]></default>
  </key>
  <key attr.name="url" attr.type="string" for="node" id="d5"/>
  <key attr.name="description" attr.type="string" for="node" id="d6"/>
  <key for="node" id="d7" yfiles.type="nodegraphics"/>
  <key for="graphml" id="d8" yfiles.type="resources"/>
  <key attr.name="url" attr.type="string" for="edge" id="d9"/>
  <key attr.name="description" attr.type="string" for="edge" id="d10"/>
  <key for="edge" id="d11" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <data key="d0" xml:space="preserve"><![CDATA[Hospital discharge, drawn in yEd]]></data>
    <node id="n0">
      <data key="d4" xml:space="preserve"><![CDATA[hospital care]]></data>
      <data key="d6"/>
      <data key="d7">
        <y:ShapeNode>
          <y:Geometry height="30.0" width="60.0" x="100.0" y="200.0"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:BorderStyle color="#000000" raised="false" type="line" width="1.0"/>
          <y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" fontStyle="plain" hasBackgroundColor="false" hasLineColor="false" height="18.1328125" horizontalTextPosition="center" iconTextGap="4" modelName="custom" textColor="#000000" verticalTextPosition="bottom" visible="true" width="74.01953125" x="-7.009765625" y="5.93359375">Dr Mistry &amp; team<y:LabelModel>
              <y:SmartNodeLabelModel distance="4.0"/>
            </y:LabelModel>
            <y:ModelParameter>
              <y:SmartNodeLabelModelParameter labelRatioX="0.0" labelRatioY="0.0" nodeRatioX="0.0" nodeRatioY="0.0" offsetX="0.0" offsetY="0.0" upX="0.0" upY="-1.0"/>
            </y:ModelParameter>
          </y:NodeLabel>
          <y:Shape type="rectangle"/>
        </y:ShapeNode>
      </data>
    </node>
    <node id="n1">
      <data key="d5" xml:space="preserve"><![CDATA[https://example.org/ward7]]></data>
      <data key="d7">
        <y:ShapeNode>
          <y:Geometry height="30.0" width="30.0" x="300.0" y="-50.5"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:NodeLabel alignment="center" autoSizePolicy="content" visible="true">Ward 7</y:NodeLabel>
          <y:Shape type="ellipse"/>
        </y:ShapeNode>
      </data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d11">
        <y:PolyLineEdge>
          <y:Path sx="0.0" sy="0.0" tx="0.0" ty="0.0"/>
          <y:LineStyle color="#000000" type="line" width="1.0"/>
          <y:Arrows source="none" target="standard"/>
          <y:EdgeLabel alignment="center" visible="true">refers</y:EdgeLabel>
          <y:BendStyle smoothed="false"/>
        </y:PolyLineEdge>
      </data>
    </edge>
  </graph>
  <data key="d8">
    <y:Resources/>
  </data>
</graphml>
"##;

    #[test]
    fn yed_file_reads_labels_geometry_and_key_defaults() {
        let l = ok(YED);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let n = &l.network;
        assert_eq!(n.description, "Hospital discharge, drawn in yEd");
        let a = &n.actors()[0];
        assert_eq!(a.name, "Dr Mistry & team");
        assert_eq!(
            (a.x, a.y),
            (Some(130.0), Some(215.0)),
            "centre of the geometry"
        );
        assert_eq!(a.sector, "hospital care");
        assert!(
            a.attributes.is_empty(),
            "no graphics blob, no empty description: {:?}",
            a.attributes
        );
        let b = &n.actors()[1];
        assert_eq!(b.name, "Ward 7");
        assert_eq!((b.x, b.y), (Some(315.0), Some(-35.5)));
        assert_eq!(b.sector, "community health", "from the key's <default>");
        assert_eq!(
            b.attributes.get("url").map(String::as_str),
            Some("https://example.org/ward7")
        );
        let t = &n.ties()[0];
        assert!(t.directed);
        assert!(t.attributes.is_empty());
        assert_eq!(t.kind, "collaboration");
    }

    #[test]
    fn yed_groups_are_skipped_with_one_warning() {
        let text = YED.replace(
            "    <edge id=\"e0\"",
            r#"    <node id="n2" yfiles.foldertype="group">
      <data key="d7"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>
        <y:Geometry height="80.0" width="100.0" x="0.0" y="0.0"/><y:NodeLabel>Care home</y:NodeLabel>
      </y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n2:">
        <node id="n2::n0"/>
        <node id="n2::n1"><data key="d4">social care</data></node>
        <edge id="n2::e0" source="n2::n0" target="n2::n1"/>
      </graph>
    </node>
    <edge id="e1" source="n0" target="n2::n0"/>
    <edge id="e0""#,
        );
        let l = ok(&text);
        assert_eq!(l.network.actors().len(), 3);
        assert_eq!(l.network.actors()[2].name, "Care home");
        assert_eq!(l.network.ties().len(), 1);
        assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
        let w = &l.warnings[0];
        assert!(w.starts_with("ignored 1 nested graph"), "{w}");
        assert!(w.contains("2 nodes and 1 edge in it"), "{w}");
        assert!(w.contains("and 1 edge to those nodes"), "{w}");
    }

    #[test]
    fn hyperedges_ports_and_extra_graphs_are_skipped_with_a_warning_each() {
        let text = r#"<graphml>
  <key id="s" for="node" attr.name="sector"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="s">X</data><port name="p1"/><port name="p2"><port name="p3"/></port></node>
    <node id="b"><data key="s">X</data></node>
    <hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>
    <hyperedge><endpoint node="a"/></hyperedge>
    <edge source="a" target="b" sourceport="p1"/>
  </graph>
  <graph edgedefault="directed"><node id="z"/></graph>
</graphml>"#;
        let l = ok(text);
        assert_eq!(l.network.ties().len(), 1);
        assert_eq!(l.warnings.len(), 3, "{:?}", l.warnings);
        assert!(
            l.warnings[0].starts_with("ignored 2 hyperedges"),
            "{:?}",
            l.warnings
        );
        assert!(
            l.warnings[1].starts_with(
                "ignored 2 ports (named connection points on nodes) and the ports named by 1 edge end;"
            ),
            "{:?}",
            l.warnings
        );
        assert!(l.warnings[2].contains("holds 2 graphs"), "{:?}", l.warnings);
    }

    // --- reading rules -------------------------------------------------------

    #[test]
    fn direction_comes_from_edgedefault_then_the_edge_then_a_directed_key() {
        let text = r#"<graphml>
  <key id="s" for="node" attr.name="sector"/>
  <key id="dir" for="edge" attr.name="directed" attr.type="boolean"/>
  <graph edgedefault="directed">
    <node id="a"><data key="s">X</data></node>
    <node id="b"><data key="s">X</data></node>
    <edge source="a" target="b"/>
    <edge source="a" target="b" directed="false"/>
    <edge source="a" target="b" directed="false"><data key="dir">true</data></edge>
  </graph>
</graphml>"#;
        let n = ok(text).network;
        let d: Vec<bool> = n.ties().iter().map(|t| t.directed).collect();
        assert_eq!(d, [true, false, true]);
        let text = text.replace("edgedefault=\"directed\"", "");
        let n = ok(&text).network;
        assert!(!n.ties()[0].directed, "no edgedefault reads as undirected");
    }

    #[test]
    fn self_loops_and_parallel_edges_are_kept() {
        let n = ok(&doc(&format!(
            "{}\n{}\n<edge source=\"a\" target=\"a\"/><edge source=\"a\" target=\"b\"/><edge source=\"a\" target=\"b\"/><edge source=\"b\" target=\"a\"/>",
            node("a", "X"),
            node("b", "X")
        )))
        .network;
        assert_eq!(n.ties().len(), 4);
        assert_eq!(n.ties()[0].from(), n.ties()[0].to());
    }

    #[test]
    fn missing_edge_ids_are_fresh_and_never_collide_with_given_ones() {
        let n = ok(&doc(&format!(
            "{}\n{}\n<edge source=\"a\" target=\"b\"/><edge id=\"t1\" source=\"a\" target=\"b\"/><edge source=\"a\" target=\"b\"/><edge id=\"t3\" source=\"b\" target=\"a\"/>",
            node("a", "X"),
            node("b", "X")
        )))
        .network;
        let ids: Vec<&str> = n.ties().iter().map(|t| t.id().as_str()).collect();
        assert_eq!(ids, ["t2", "t1", "t4", "t3"]);
    }

    #[test]
    fn label_falls_back_to_name_then_id_and_a_second_label_key_is_an_attribute() {
        let text = r#"<graphml>
  <key id="a" for="node" attr.name="name"/>
  <key id="b" for="node" attr.name="Label"/>
  <key id="s" for="all" attr.name="sector"/>
  <graph>
    <node id="1"><data key="a">Ann Smith</data><data key="b">Ann</data><data key="s">X</data></node>
    <node id="2"><data key="a">Bo Jones</data><data key="s">X</data></node>
    <node id="3"><data key="s">X</data></node>
  </graph>
</graphml>"#;
        let n = ok(text).network;
        let a = &n.actors()[0];
        assert_eq!(a.name, "Ann");
        assert_eq!(
            a.attributes.get("name").map(String::as_str),
            Some("Ann Smith")
        );
        let b = &n.actors()[1];
        assert_eq!(
            b.name, "Bo Jones",
            "no label on this node, so the name is the label"
        );
        assert!(b.attributes.is_empty());
        assert_eq!(n.actors()[2].name, "3");
    }

    #[test]
    fn igraph_name_is_the_label_when_there_is_no_label_key() {
        let text = r#"<graphml>
  <key id="v_name" for="node" attr.name="name"/>
  <key id="s" for="node" attr.name="sector"/>
  <graph><node id="n0"><data key="v_name">Ann</data><data key="s">X</data></node><node id="n1"><data key="s">X</data></node></graph>
</graphml>"#;
        let n = ok(text).network;
        assert_eq!(n.actors()[0].name, "Ann");
        assert_eq!(n.actors()[1].name, "n1");
        assert!(n.actors()[0].attributes.is_empty());
    }

    #[test]
    fn built_in_fields_aliases_and_attr_escapes_are_read() {
        let text = r#"<graphml>
  <key id="k0" for="node" attr.name="sector"/>
  <key id="k1" for="node" attr.name="Organization"/>
  <key id="k2" for="node" attr.name="influence" attr.type="int"/>
  <key id="k3" for="node" attr.name="tags"/>
  <key id="k4" for="node" attr.name="attr:sector"/>
  <key id="k5" for="node" attr.name="private"/>
  <key id="k6" for="node" attr.name="stance"><default>supporter</default></key>
  <key id="k7" for="edge" attr.name="strength"/>
  <key id="k8" for="edge" attr.name="relationship"/>
  <key id="k9" for="edge" attr.name="confirmed"/>
  <key id="k10" for="edge" attr.name="notes"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="k0">X</data><data key="k1">Riverside</data><data key="k2">4</data>
      <data key="k3">lead; new in post</data><data key="k4">old sector</data><data key="k5"></data></node>
    <node id="b"><data key="k0">X</data><data key="k6">opposed</data></node>
    <edge source="a" target="b"><data key="k7">2</data><data key="k8">referral</data><data key="k9">no</data>
      <data key="k10">line 1&#13;
line 2</data></edge>
  </graph>
</graphml>"#;
        let n = ok(text).network;
        let a = &n.actors()[0];
        assert_eq!(a.organisation, "Riverside");
        assert_eq!(a.influence, Some(4));
        assert_eq!(a.tags, ["lead", "new in post"]);
        assert_eq!(
            a.attributes.get("sector").map(String::as_str),
            Some("old sector")
        );
        assert!(
            a.private.is_empty(),
            "an empty private value means nothing private"
        );
        assert_eq!(a.stance, Stance::Supporter, "key default");
        assert_eq!(n.actors()[1].stance, Stance::Opposed);
        assert_eq!(
            n.actors()[1].private,
            crate::model::default_private_actor_fields()
        );
        let t = &n.ties()[0];
        assert_eq!(
            (t.strength, t.kind.as_str(), t.confirmed),
            (2.0, "referral", false)
        );
        assert_eq!(t.notes, "line 1\r\nline 2");
    }

    #[test]
    fn bridgework_graph_data_restores_lists_title_and_metadata() {
        let mut n = Network::with_lists(Vec::new(), Vec::new());
        n.ensure_sector("Z last");
        n.ensure_sector("A first");
        n.ensure_tie_kind("mentoring", true);
        n.title = "Frailty <pathway> & co".into();
        n.description = "Drawn 2024\nby the ICB".into();
        n.metadata.insert("author".into(), "J \"Jo\" Bloggs".into());
        n.add_actor(Actor::new("a", "Ann", "A first")).unwrap();
        let text = write_graphml(&n);
        let back = ok(&text).network;
        assert_eq!(back, n);
        let names: Vec<&str> = back.sectors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Z last", "A first"],
            "the stored order, not first appearance"
        );
    }

    #[test]
    fn unknown_sectors_and_kinds_are_added_to_stored_lists() {
        let mut n = Network::new();
        n.add_actor(Actor::new("a", "Ann", "primary care")).unwrap();
        let text = write_graphml(&n).replace(
            "primary care</data>\n      <data key=\"n2\">",
            "Pharmacy</data>\n      <data key=\"n2\">",
        );
        let back = ok(&text).network;
        assert_eq!(back.actors()[0].sector, "Pharmacy");
        assert_eq!(back.sectors.last().unwrap().name, "Pharmacy");
        assert_eq!(back.sectors.len(), n.sectors.len() + 1);
    }

    // --- repairs ----------------------------------------------------------------

    #[test]
    fn duplicate_nodes_merge_when_asked_and_later_fills_what_the_first_left_empty() {
        let text = r#"<graphml>
  <key id="l" for="node" attr.name="label"/>
  <key id="s" for="node" attr.name="sector"/>
  <key id="r" for="node" attr.name="role"/>
  <key id="t" for="node" attr.name="team"/>
  <graph>
    <node id="a"><data key="s">X</data><data key="r">GP</data></node>
    <node id="b"><data key="s">X</data></node>
    <node id="a"><data key="l">Ann</data><data key="s">Y</data><data key="r">Nurse</data><data key="t">North</data></node>
  </graph>
</graphml>"#;
        let e = err(text);
        assert!(
            e.starts_with(
                "map.graphml: line 9, column 5: node \"a\" is in the file twice (lines 7 and 9)"
            ),
            "{e}"
        );
        assert!(e.contains("--merge-duplicates"), "{e}");
        let l = read_with(
            text,
            ImportOptions {
                merge_duplicates: true,
                ..Default::default()
            },
        )
        .unwrap();
        let n = &l.network;
        assert_eq!(n.actors().len(), 2);
        let a = &n.actors()[0];
        assert_eq!(
            (a.name.as_str(), a.sector.as_str(), a.role.as_str()),
            ("Ann", "X", "GP")
        );
        assert_eq!(a.attributes.get("team").map(String::as_str), Some("North"));
        assert_eq!(
            l.warnings,
            ["merged 1 node into an earlier node with the same id: \"a\" (lines 7 and 9)"]
        );
    }

    #[test]
    fn missing_sector_is_an_error_unless_a_default_is_given() {
        let text = doc(&format!(
            "{}\n    <node id=\"n3\"><data key=\"d0\">Cy</data></node>\n    <node id=\"n4\"/>",
            node("a", "X")
        ));
        let e = err(&text);
        assert_eq!(
            e,
            "map.graphml: line 8, column 5: node \"n3\" has no sector; add a \"sector\" attribute or pass --default-sector NAME"
        );
        let e = err(&doc(
            "    <node id=\"n3\"><data key=\"d1\">  </data></node>",
        ));
        assert!(e.contains("node \"n3\" has no sector"), "{e}");
        let l = read_with(
            &text,
            ImportOptions {
                default_sector: Some("Unsorted".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let s: Vec<&str> = l
            .network
            .actors()
            .iter()
            .map(|a| a.sector.as_str())
            .collect();
        assert_eq!(s, ["X", "Unsorted", "Unsorted"]);
        assert_eq!(
            l.warnings,
            ["gave 2 nodes with no sector the sector \"Unsorted\""]
        );
    }

    #[test]
    fn duplicate_edge_ids_are_refused_or_renamed() {
        let text = doc(&format!(
            "{}\n{}\n    <edge id=\"e1\" source=\"a\" target=\"b\"/>\n    <edge id=\"e1\" source=\"b\" target=\"a\"/>",
            node("a", "X"),
            node("b", "X")
        ));
        let e = err(&text);
        assert!(
            e.starts_with(
                "map.graphml: line 10, column 5: edge id \"e1\" is used twice (lines 9 and 10)"
            ),
            "{e}"
        );
        let l = read_with(
            &text,
            ImportOptions {
                merge_duplicates: true,
                ..Default::default()
            },
        )
        .unwrap();
        let ids: Vec<&str> = l.network.ties().iter().map(|t| t.id().as_str()).collect();
        assert_eq!(ids, ["e1", "t1"]);
        assert_eq!(
            l.warnings,
            [
                "gave 1 edge a new id because the id was already used: \"e1\" on line 10 is now \"t1\""
            ]
        );
    }

    // --- errors -----------------------------------------------------------------

    #[test]
    fn edge_to_an_unknown_node_names_line_edge_and_node() {
        let text = doc(&format!(
            "{}\n    <edge id=\"e7\" source=\"a\" target=\"n99\"/>",
            node("a", "X")
        ));
        assert_eq!(
            err(&text),
            "map.graphml: line 8, column 5: edge \"e7\" points to node \"n99\", which is not in the file; add the node or remove the edge"
        );
        let text = doc(&format!(
            "{}\n    <edge source=\"n98\" target=\"a\"/>",
            node("a", "X")
        ));
        assert!(
            err(&text).contains(
                "line 8, column 5: the edge from \"n98\" to \"a\" points to node \"n98\""
            )
        );
    }

    #[test]
    fn edges_may_come_before_their_nodes() {
        let text = doc(&format!(
            "    <edge source=\"a\" target=\"b\"/>\n{}\n{}",
            node("a", "X"),
            node("b", "X")
        ));
        assert_eq!(ok(&text).network.ties().len(), 1);
    }

    #[test]
    fn bad_weights_give_the_line_and_the_reason() {
        for (w, want) in [
            ("abc", "\"abc\" is not a number"),
            ("NaN", "\"NaN\" is not a number"),
            ("inf", "\"inf\" is infinite"),
            ("-1", "-1 is not positive"),
            ("0", "0 is not positive"),
        ] {
            let text = doc(&format!(
                "{}\n    <edge id=\"e1\" source=\"a\" target=\"a\">\n      <data key=\"d2\">{w}</data>\n    </edge>",
                node("a", "X")
            ));
            let e = err(&text);
            assert!(
                e.starts_with("map.graphml: line 9, column 7: edge \"e1\", weight: "),
                "{e}"
            );
            assert!(e.contains(want), "{w}: {e}");
        }
    }

    #[test]
    fn bad_field_values_name_the_node_and_key() {
        let text = r#"<graphml>
  <key id="s" for="node" attr.name="sector"/>
  <key id="i" for="node" attr.name="Influence"/>
  <graph>
    <node id="n3">
      <data key="s">X</data>
      <data key="i">6</data>
    </node>
  </graph>
</graphml>"#;
        assert_eq!(
            err(text),
            "map.graphml: line 7, column 7: node \"n3\", Influence: \"6\" is not a whole number from 1 to 5"
        );
        let text = text.replace("<data key=\"i\">6</data>", "").replace(
            "attr.name=\"Influence\"/>",
            "attr.name=\"Influence\"><default>high</default></key>",
        );
        let e = err(&text);
        assert!(e.starts_with("map.graphml: line 3, column 48: node \"n3\", Influence (the <default> of key \"Influence\"): \"high\""), "{e}");
    }

    #[test]
    fn data_with_an_undeclared_key_is_refused() {
        let text = doc("    <node id=\"a\"><data key=\"d9\">x</data></node>");
        let e = err(&text);
        assert!(
            e.starts_with(
                "map.graphml: line 7, column 18: <data> refers to key \"d9\", which is not declared"
            ),
            "{e}"
        );
        let text = doc("    <node id=\"a\"><data>x</data></node>");
        assert!(err(&text).contains("line 7, column 18: a <data> element has no key"));
        let text = doc("    <node id=\"a\"><data key=\"d2\">x</data></node>");
        assert!(err(&text).contains(
            "line 7, column 18: <data> on a <node> uses key \"d2\", which is declared for=\"edge\""
        ));
    }

    #[test]
    fn nodes_and_edges_without_ids_or_ends_are_refused() {
        assert!(
            err(&doc("    <node><data key=\"d1\">X</data></node>"))
                .contains("line 7, column 5: a <node> has no id")
        );
        assert!(
            err(&doc("    <node id=\"\"/>")).contains("line 7, column 5: a <node> has an empty id")
        );
        let e = err(&doc(&format!(
            "{}\n    <edge id=\"e1\" source=\"a\"/>",
            node("a", "X")
        )));
        assert!(
            e.contains("line 8, column 5: edge \"e1\" has no source or no target"),
            "{e}"
        );
        let e = err(&doc(&format!(
            "{}\n    <edge source=\"a\" target=\"a\" directed=\"maybe\"/>",
            node("a", "X")
        )));
        assert!(
            e.contains("line 8, column 5: <edge> directed=\"maybe\" is not true or false"),
            "{e}"
        );
    }

    #[test]
    fn bad_graph_attributes_and_keys_are_refused() {
        let e = err("<graphml><graph edgedefault=\"sideways\"/></graphml>");
        assert!(
            e.contains("line 1, column 10: edgedefault=\"sideways\" is not"),
            "{e}"
        );
        let e = err("<graphml>\n<key id=\"a\"/>\n<key id=\"a\"/><graph/></graphml>");
        assert!(
            e.contains("line 3, column 1: key id \"a\" is declared twice (lines 2 and 3)"),
            "{e}"
        );
        let e = err("<graphml>\n<key for=\"node\"/><graph/></graphml>");
        assert!(e.contains("line 2, column 1: a <key> has no id"), "{e}");
    }

    #[test]
    fn mismatched_tags_say_which_tag_and_line() {
        let text = "<graphml>\n  <graph>\n    <node id=\"a\">\n  </graph>\n</graphml>\n";
        assert_eq!(
            err(text),
            "map.graphml: line 4, column 3: </graph> does not close <node>, opened on line 3; the file is not well-formed XML; add the missing </node> or fix the tag name"
        );
        let e = err("<graphml>\n<graph/>\n</graph>\n</graphml>");
        assert!(
            e.contains("line 3, column 1: </graph> does not close <graphml>, opened on line 1"),
            "{e}"
        );
        let e = err("<graphml><graph/></graphml>\n</graphml>");
        assert!(
            e.contains("line 2, column 1: </graphml> closes an element that was never opened"),
            "{e}"
        );
        let e = err("<graphml><graph>\n<node id=\"a&b\"/></graph></graphml>");
        assert!(
            e.contains("line 2, column 1: <node>: the value of id cannot be read"),
            "{e}"
        );
        let e = err("<graphml><graph><node id=\"a\" id=\"b\"/></graph></graphml>");
        assert!(e.contains("<node> has the same attribute twice"), "{e}");
        let e = err("<graphml><graph><node id=a/></graph></graphml>");
        assert!(e.contains("without quotes"), "{e}");
    }

    #[test]
    fn truncated_files_are_refused_as_truncated() {
        let full = DATASETS[3].1;
        // Cut between elements, inside a tag and inside text.
        for cut in [
            full.len() - 12,
            full.find("<edge source=\"at_novak\"").unwrap() + 10,
            full.find("Chlo").unwrap(),
        ] {
            let e = err(&full[..cut]);
            assert!(
                e.contains("it may be truncated") || e.contains("may be truncated"),
                "{cut}: {e}"
            );
        }
        let e = err(&full[..full.len() - 12]);
        assert!(e.contains("the file ends before </graphml>; it may be truncated (<graphml> opened on line 2 is not closed)"), "{e}");
        let cut = full.find("Chlo").unwrap();
        let e = err(&full[..cut]);
        assert!(
            e.contains("it may be truncated (<data> opened on line 16 is not closed)"),
            "{e}"
        );
        let e = err("<graphml><graph><node id=\"a");
        assert!(
            e.starts_with("map.graphml: line 1, column 17: a tag starts here but is never closed"),
            "{e}"
        );
        let e = err("<graphml><!-- a comment");
        assert!(
            e.contains("a comment <!-- --> starts here but is never closed"),
            "{e}"
        );
    }

    #[test]
    fn other_roots_text_and_garbage_are_refused_at_the_first_bytes() {
        assert!(
            err("<html><body/></html>")
                .contains("line 1, column 1: the file's root element is <html>, not <graphml>")
        );
        assert!(
            err("<?xml version=\"1.0\"?>\n<graphml/>")
                .contains("line 2, column 1: the <graphml> element holds no <graph>")
        );
        assert!(err("<graphml><key id=\"a\"/></graphml>").contains("holds no <graph>"));
        assert!(err("  hello <graphml/>").starts_with(
            "map.graphml: line 1, column 3: this is not GraphML: the file starts with text"
        ));
        assert!(
            err("<?xml version=\"1.0\"?>\nhello<graphml/>")
                .contains("line 2, column 1: this is not GraphML: there is text before")
        );
        assert!(err(" \n ").contains("the file holds no GraphML"));
        assert!(
            err("<?xml version=\"1.0\"?><!-- only a comment -->")
                .contains("holds no <graphml> element")
        );
        assert!(
            err("<graphml><graph/></graphml><graphml/>")
                .contains("line 1, column 28: there is more after </graphml>")
        );
        assert!(err("{\"format\": \"bridgework\"}").contains("starts with text"));
        let e = err("<graphml><graph><node id=\"a\">&nbsp;</node></graph></graphml>");
        assert!(e.is_empty() || !e.is_empty());
        let e = err(&doc(
            "    <node id=\"a\"><data key=\"d1\">X&nbsp;</data></node>",
        ));
        assert!(
            e.contains("line 7, column 34: &nbsp; is not an entity Bridgework reads"),
            "{e}"
        );
        let e = err("<graphml><graph>\n<node id=\"a\">a & b</node></graph></graphml>");
        assert!(
            e.contains("line 2, column 16: \"&\" starts a reference that is not closed"),
            "{e}"
        );
    }

    #[test]
    fn external_entities_are_never_expanded() {
        let text = r#"<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<graphml><key id="s" for="node" attr.name="sector"/><graph>
<node id="a"><data key="s">&xxe;</data></node></graph></graphml>"#;
        let e = err(text);
        assert!(
            e.contains("line 4, column 28: &xxe; is not an entity Bridgework reads"),
            "{e}"
        );
    }

    #[test]
    fn fifty_megabytes_of_random_text_fail_fast() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut bytes = Vec::with_capacity(50_000_000);
        while bytes.len() < 50_000_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.push(b' ' + (seed % 95) as u8);
        }
        let mut text = String::from_utf8(bytes).unwrap();
        text.replace_range(..1, "x");
        let start = std::time::Instant::now();
        let e = err(&text);
        assert!(
            start.elapsed() < std::time::Duration::from_millis(50),
            "{:?}",
            start.elapsed()
        );
        assert!(e.contains("line 1, column 1: this is not GraphML"), "{e}");
        // Random text that starts like a tag is refused quickly too.
        text.replace_range(..1, "<");
        let start = std::time::Instant::now();
        let e = err(&text);
        assert!(
            start.elapsed() < std::time::Duration::from_millis(500),
            "{:?}",
            start.elapsed()
        );
        assert!(e.starts_with("map.graphml: line 1"), "{e}");
    }

    #[test]
    fn malformed_bridgework_lists_are_refused_with_their_line() {
        let text = r#"<graphml>
  <key id="g3" for="graph" attr.name="bridgework.sectors"/>
  <graph>
    <data key="g3">[{"name": "X"}]</data>
  </graph>
</graphml>"#;
        let e = err(text);
        assert!(e.starts_with("map.graphml: line 4, column 5: the graph's bridgework.sectors is not valid (missing field `colour`"), "{e}");
        let text = text
            .replace("bridgework.sectors", "bridgework.metadata")
            .replace("[{\"name\": \"X\"}]", "{\"a\": 1}");
        assert!(err(&text).contains(
            "line 4, column 5: the graph's bridgework.metadata is not a JSON object of texts"
        ));
    }

    #[test]
    fn validation_problems_point_at_the_node() {
        let text = r##"<graphml>
  <key id="g3" for="graph" attr.name="bridgework.sectors"/>
  <key id="s" for="node" attr.name="sector"/>
  <graph>
    <data key="g3">[{"name":"X","colour":"#000000","shape":"circle"},{"name":"X","colour":"#000000","shape":"square"}]</data>
    <node id="a"><data key="s">X</data></node>
  </graph>
</graphml>"##;
        let e = err(text);
        assert!(e.starts_with("map.graphml: line 5, column 5: bridgework.sectors: sectors[1].name: duplicate sector \"X\""), "{e}");
        let e = err(
            "<graphml><key id=\"s\" for=\"node\" attr.name=\"sector\"/><graph>\n<node id=\" \"><data key=\"s\">X</data></node></graph></graphml>",
        );
        assert!(
            e.contains("line 2, column 1: node \" \", name: actor \" \" has no name"),
            "{e}"
        );
    }

    // --- writing ----------------------------------------------------------------

    fn small_map() -> Network {
        let mut n = Network::new();
        n.title = "Discharge".into();
        let mut a = Actor::new("a", "Ann <RN> & \"co\"", "primary care");
        a.attributes
            .insert("label".into(), "dup of a built-in".into());
        a.attributes.insert("team".into(), "North".into());
        a.attributes.insert("size".into(), "large".into());
        a.attributes.insert("empty".into(), String::new());
        n.add_actor(a).unwrap();
        let mut b = Actor::new("b\n2", "Bo\u{1}", "social care");
        b.private.clear();
        n.add_actor(b).unwrap();
        n.add_tie(Tie::new("t1", "a", "b\n2", "referral", true))
            .unwrap();
        let mut t = Tie::new("t2", "b\n2", "a", "collaboration", false);
        t.private.clear();
        n.add_tie(t).unwrap();
        n
    }

    #[test]
    fn written_text_is_standard_deterministic_and_escaped() {
        let n = small_map();
        let text = write_graphml(&n);
        assert_eq!(text, write_graphml(&n.clone()));
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""));
        assert!(text.contains("<graph id=\"G\" edgedefault=\"undirected\">"));
        assert!(
            text.contains("<key id=\"n0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>")
        );
        assert!(text.contains("attr.name=\"x\" attr.type=\"double\""));
        assert!(text.contains("attr.name=\"influence\" attr.type=\"int\""));
        assert!(text.contains("attr.name=\"pinned\" attr.type=\"boolean\""));
        assert!(text.contains("for=\"edge\" attr.name=\"weight\" attr.type=\"double\""));
        assert!(text.contains("attr.name=\"attr:label\""));
        assert!(
            text.contains("attr.name=\"attr:size\""),
            "Gephi's size would be ignored"
        );
        assert!(
            !text.contains("attr.name=\"empty\""),
            "empty attributes are not written"
        );
        assert!(text.contains("<data key=\"n0\">Ann &lt;RN&gt; &amp; \"co\"</data>"));
        assert!(text.contains("<node id=\"b&#10;2\">"));
        assert!(
            text.contains("<edge id=\"t1\" source=\"a\" target=\"b&#10;2\" directed=\"true\">")
        );
        assert!(text.contains("<edge id=\"t2\" source=\"b&#10;2\" target=\"a\">"));
        assert!(
            text.contains("Bo\u{FFFD}"),
            "control characters become U+FFFD"
        );
        assert!(!text.contains('\u{1}'));

        let mut back = ok(&text).network;
        let b = back.actor_mut(&"b\n2".into()).unwrap();
        assert_eq!(b.name, "Bo\u{FFFD}");
        b.name = "Bo\u{1}".into();
        let mut want = n.clone();
        want.actor_mut(&"a".into())
            .unwrap()
            .attributes
            .remove("empty");
        assert_eq!(back, want);
    }

    #[test]
    fn private_is_always_written_and_empty_differs_from_missing() {
        let n = small_map();
        let text = write_graphml(&n);
        let back = ok(&text).network;
        assert!(back.actors()[1].private.is_empty());
        assert_eq!(
            back.actors()[0].private,
            crate::model::default_private_actor_fields()
        );
        assert!(back.ties()[1].private.is_empty());
        assert_eq!(
            back.ties()[0].private,
            crate::model::default_private_tie_fields()
        );
        // n14 is the actors' private key, e5 the ties'.
        assert!(text.contains("<data key=\"n14\"></data>"));
        assert!(text.contains("<data key=\"n14\">stance;notes</data>"));
        assert!(text.contains("<data key=\"e5\"></data>"));
        // Without the private data, the defaults come back.
        let stripped: String = text
            .lines()
            .filter(|l| !l.contains("key=\"n14\">") && !l.contains("key=\"e5\">"))
            .map(|l| format!("{l}\n"))
            .collect();
        let back = ok(&stripped).network;
        assert_eq!(
            back.actors()[1].private,
            crate::model::default_private_actor_fields()
        );
        assert_eq!(
            back.ties()[1].private,
            crate::model::default_private_tie_fields()
        );
    }

    #[test]
    fn all_directed_maps_use_a_directed_edgedefault() {
        let mut n = Network::new();
        n.add_actor(Actor::new("a", "A", "primary care")).unwrap();
        n.add_tie(Tie::new("t", "a", "a", "referral", true))
            .unwrap();
        let text = write_graphml(&n);
        assert!(text.contains("edgedefault=\"directed\""));
        assert!(!text.contains("directed=\"true\""));
        assert_eq!(ok(&text).network, n);
        let empty = write_graphml(&Network::new());
        assert!(empty.contains("edgedefault=\"undirected\""));
        assert_eq!(ok(&empty).network, Network::new());
    }

    #[test]
    fn json_lists_keep_characters_xml_cannot_hold() {
        let mut n = Network::new();
        n.metadata
            .insert("odd\u{FFFE}".into(), "\u{0}\u{FFFF}\u{1b}".into());
        let text = write_graphml(&n);
        assert!(text.contains("\\ufffe"));
        assert_eq!(ok(&text).network, n);
    }

    // --- the round-trip property ---------------------------------------------------

    fn text(max: usize) -> impl Strategy<Value = String> {
        proptest::string::string_regex(&format!("[\\PC\n\r\t<>&\"' \u{85}\u{2028}é;]{{0,{max}}}"))
            .unwrap()
    }

    fn nonblank(max: usize) -> impl Strategy<Value = String> {
        text(max).prop_filter("blank", |s| !s.trim().is_empty())
    }

    fn colour() -> impl Strategy<Value = Colour> {
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Colour::rgb(r, g, b))
    }

    /// What GraphML finds hard: markup, quotes, line ends and the
    /// characters XML normalises.
    struct XmlText;

    impl Alphabet for XmlText {
        fn actor_id() -> impl Strategy<Value = String> {
            "[\\PC\n\t \"&<]{1,5}"
        }

        fn name() -> impl Strategy<Value = String> {
            nonblank(10)
        }

        fn text() -> impl Strategy<Value = String> {
            text(16)
        }

        fn tag() -> impl Strategy<Value = String> {
            "[a-zé<&\"' ]{1,6}"
                .prop_map(|s| s.trim().to_owned())
                .prop_filter("blank", |s| !s.is_empty())
        }

        fn coordinate() -> impl Strategy<Value = f64> {
            any::<f64>().prop_filter("finite", |f| f.is_finite())
        }

        fn strength() -> impl Strategy<Value = f64> {
            any::<f64>()
                .prop_map(f64::abs)
                .prop_filter("positive finite", |w| w.is_finite() && *w > 0.0)
        }

        fn attributes() -> impl Strategy<Value = BTreeMap<String, String>> {
            let name = prop_oneof![
                prop::sample::select(vec![
                    "label",
                    "attr:label",
                    "size",
                    "R",
                    "id",
                    "name",
                    "Title",
                    "source",
                    "private",
                    "",
                    "weight",
                    "sector",
                    " team ",
                    "x",
                ])
                .prop_map(String::from),
                text(6),
            ];
            prop::collection::btree_map(name, text(8).prop_filter("empty", |v| !v.is_empty()), 0..4)
        }
    }

    /// Sector and tie-kind lists in any style, every entry given out.
    fn lists() -> impl Strategy<Value = Lists> {
        (
            prop::collection::vec((nonblank(8), colour(), any::<Index>()), 1..4),
            prop::collection::vec(
                (
                    nonblank(8),
                    colour(),
                    any::<Index>(),
                    any::<bool>(),
                    any::<bool>(),
                ),
                1..4,
            ),
        )
            .prop_map(|(sectors, kinds)| {
                let mut seen = HashSet::new();
                // Names are trimmed and non-empty, as validation requires.
                let sectors: Vec<Sector> = sectors
                    .into_iter()
                    .map(|(name, c, s)| (name.trim().to_owned(), c, s))
                    .filter(|(name, ..)| !name.is_empty() && seen.insert(name.clone()))
                    .map(|(name, colour, shape)| Sector {
                        name,
                        colour,
                        shape: *shape.get(&Shape::ALL),
                    })
                    .collect();
                let mut seen = HashSet::new();
                let kinds: Vec<TieKind> = kinds
                    .into_iter()
                    .map(|(name, c, d, dir, inc)| (name.trim().to_owned(), c, d, dir, inc))
                    .filter(|(name, ..)| !name.is_empty() && seen.insert(name.clone()))
                    .map(|(name, colour, dash, directed, include)| TieKind {
                        name,
                        colour,
                        dash: *dash.get(&Dash::ALL),
                        directed,
                        include_in_analysis: include,
                    })
                    .collect();
                Lists::given_out(sectors, kinds)
            })
    }

    /// Any valid map, with a title, a description and metadata.
    fn network() -> impl Strategy<Value = Network> {
        (
            arbitrary::network::<XmlText>(lists(), 5, 7),
            prop::collection::btree_map(any::<String>(), any::<String>(), 0..3),
            (text(12), text(30)),
        )
            .prop_map(|(mut n, metadata, (title, description))| {
                n.title = title;
                n.description = description;
                n.metadata = metadata;
                n
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_valid_map_survives_a_write_and_read_exactly(n in network()) {
            prop_assert!(n.validate().is_empty(), "{:?}", n.validate());
            let text = write_graphml(&n);
            let back = read(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(&back.network, &n);
            prop_assert!(back.warnings.is_empty());
            prop_assert_eq!(write_graphml(&back.network), text);
        }
    }
}
