use super::*;
use crate::io::error::IoError;
use crate::io::{ImportOptions, Loaded};
use crate::model::arbitrary::{self, Alphabet, Lists};
use crate::model::{Actor, Network, Sector, Tie, TieKind, default_tie_kinds};
use crate::model::{Colour, Dash, Shape, Stance};
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

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
    assert_eq!(
        t.attributes.get("label").map(String::as_str),
        Some("refers"),
        "the yEd edge label"
    );
    assert_eq!(t.attributes.len(), 1);
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
        e.starts_with("map.graphml: line 9, column 5: duplicate id \"a\" (first on line 7)"),
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
        [
            "map.graphml: merged 1 duplicate node into the first with the same id (\"a\"); a later one only fills fields the earlier ones left blank, so 2 values that differed from the first's were dropped"
        ]
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
        "map.graphml: line 8, column 5: node \"n3\" has no sector, though others have one; give it a sector, or pass --default-sector NAME"
    );
    // A blank sector is no sector: with no other node having one, the
    // map opens with every node "unassigned".
    let e = err(&doc(&format!(
        "{}\n    <node id=\"n3\"><data key=\"d1\">  </data></node>",
        node("a", "X")
    )));
    assert!(e.contains("node \"n3\" has no sector"), "{e}");
    let l = ok(&doc(
        "    <node id=\"n3\"><data key=\"d1\">  </data></node>\n    <node id=\"n4\"/>",
    ));
    assert!(l.network.actors().iter().all(|a| a.sector == "unassigned"));
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(
        l.warnings[0].starts_with(
            "map.graphml: no actor in the file has a sector, so all 2 actors are in \"unassigned\""
        ),
        "{:?}",
        l.warnings
    );
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
        ["map.graphml: 2 actors had no sector and were put in \"Unsorted\" (--default-sector)"]
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
        e.starts_with("map.graphml: line 10, column 5: duplicate edge id \"e1\" (first on line 9)"),
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
            "map.graphml: 1 edge reused an earlier edge's id and got a fresh one (line 10: \"e1\" is now \"t1\")"
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
        "map.graphml: line 8, column 5: no node with id \"n99\" in map.graphml; add it there or remove this edge"
    );
    let text = doc(&format!(
        "{}\n    <edge source=\"n98\" target=\"a\"/>",
        node("a", "X")
    ));
    assert!(err(&text).contains("line 8, column 5: no node with id \"n98\""));
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
    assert!(
        e.starts_with("map.graphml: line 5, column 5: sectors[1].name: duplicate sector \"X\""),
        "{e}"
    );
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
    assert!(text.contains("<edge id=\"t1\" source=\"a\" target=\"b&#10;2\" directed=\"true\">"));
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

pub(crate) fn text(max: usize) -> impl Strategy<Value = String> {
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
/// Text XML finds hard (shared with the GEXF round trip).
pub(crate) struct XmlText;

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
        crate::model::MIN_STRENGTH..=crate::model::MAX_STRENGTH
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
pub(crate) fn lists() -> impl Strategy<Value = Lists> {
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

/// XML readers never resolve a DTD or expand an entity it declares: an
/// external entity (`file:///etc/passwd`) or a billion-laughs chain is
/// refused where it is used, and a DTD nothing uses changes nothing.
#[test]
fn a_dtd_is_never_read_and_its_entities_never_expanded() {
    let body = |name: &str| {
        format!(
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="s" for="node" attr.name="sector" attr.type="string"/>
<graph edgedefault="undirected"><node id="a"><data key="s">{name}</data></node></graph></graphml>"#
        )
    };
    let xxe =
        r#"<?xml version="1.0"?><!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#;
    let e = read(&format!("{xxe}{}", body("&xxe;")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("&xxe; is not an entity Bridgework reads"), "{e}");
    let laughs = r#"<!DOCTYPE graphml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>"#;
    let e = read(&format!("{laughs}{}", body("&lol2;")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("&lol2; is not an entity"), "{e}");
    let external_dtd = r#"<!DOCTYPE graphml SYSTEM "file:///etc/passwd">"#;
    let l = read(&format!("{external_dtd}{}", body("GP &amp; co"))).unwrap();
    assert_eq!(l.network.actors()[0].sector, "GP & co");
}
