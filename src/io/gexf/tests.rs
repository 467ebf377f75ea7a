//! Tests of the GEXF reader and writer.

use super::*;
use crate::io::{ImportOptions, Loaded};
use std::path::Path;

fn read(text: &str) -> Result<Loaded, crate::io::IoError> {
    read_gexf(Path::new("map.gexf"), text, &ImportOptions::default())
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

#[test]
fn hello_world_from_the_primer() {
    let l = ok(r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
    <meta lastmodifieddate="2009-03-20">
        <creator>Gexf.net</creator>
        <description>A hello world! file</description>
    </meta>
    <graph mode="static" defaultedgetype="directed">
        <nodes>
            <node id="0" label="Hello" />
            <node id="1" label="Word" />
        </nodes>
        <edges>
            <edge id="0" source="0" target="1" />
        </edges>
    </graph>
</gexf>"#);
    let n = &l.network;
    assert_eq!(n.description, "A hello world! file");
    assert_eq!(
        n.metadata.get("creator").map(String::as_str),
        Some("Gexf.net")
    );
    let names: Vec<&str> = n.actors().iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Hello", "Word"]);
    assert!(n.ties()[0].directed);
    assert_eq!(n.ties()[0].id().as_str(), "0");
    assert!(n.actors().iter().all(|a| a.sector == "unassigned"));
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
}

#[test]
fn attributes_defaults_and_viz_are_read() {
    let l = ok(r##"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
  <graph defaultedgetype="undirected">
    <attributes class="node">
      <attribute id="0" title="url" type="string"/>
      <attribute id="1" title="Sector" type="string">
        <default>social care</default>
      </attribute>
      <attribute id="2" title="influence" type="integer"/>
    </attributes>
    <attributes class="edge">
      <attribute id="k" title="relationship" type="string"/>
    </attributes>
    <nodes>
      <node id="a" label="Ann">
        <attvalues>
          <attvalue for="0" value="https://gephi.org"/>
          <attvalue for="1" value="primary care"/>
          <attvalue for="2" value="4"/>
        </attvalues>
        <viz:color r="239" g="173" b="66" a="0.6"/>
        <viz:position x="15.78" y="-40.1" z="0.0"/>
        <viz:size value="2.5"/>
      </node>
      <node id="b" label="Bo &amp; co">
        <viz:color hex="#0072b2"/>
      </node>
    </nodes>
    <edges>
      <edge id="e" source="a" target="b" weight="2.5" label="advice">
        <attvalues><attvalue for="k" value="referral"/></attvalues>
      </edge>
      <edge source="b" target="a" type="directed"/>
    </edges>
  </graph>
</gexf>"##);
    let n = &l.network;
    let a = &n.actors()[0];
    assert_eq!(a.sector, "primary care");
    assert_eq!(a.influence, Some(4));
    assert_eq!((a.x, a.y), (Some(15.78), Some(-40.1)));
    assert_eq!(
        a.attributes.get("url").map(String::as_str),
        Some("https://gephi.org")
    );
    assert_eq!(
        a.attributes.get(VIZ_COLOUR),
        None,
        "the sector took the colour"
    );
    assert_eq!(
        n.sector("primary care").unwrap().colour.to_string(),
        "#EFAD42"
    );
    assert_eq!(a.attributes.get(VIZ_SIZE).map(String::as_str), Some("2.5"));
    let b = &n.actors()[1];
    assert_eq!(b.name, "Bo & co");
    assert_eq!(b.sector, "social care", "the attribute's default");
    // Each sector's actors share one colour, so the sector takes it.
    assert_eq!(
        n.sector("social care").unwrap().colour.to_string(),
        "#0072B2"
    );
    let t = &n.ties()[0];
    assert_eq!(t.strength, 2.5);
    assert_eq!(t.kind, "referral", "relationship is read as the kind");
    assert_eq!(
        t.attributes.get("label").map(String::as_str),
        Some("advice")
    );
    assert!(!t.directed);
    assert!(n.ties()[1].directed, "type on the edge wins");
    assert_eq!(n.ties()[1].id().as_str(), "t1");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn broken_files_are_refused_with_their_line() {
    let e = err("<gexf><graph><nodes><node label=\"x\"/></nodes></graph></gexf>");
    assert!(
        e.contains("line 1, column 21") && e.contains("no id"),
        "{e}"
    );
    let e = err(
        "<gexf>\n<graph>\n<nodes>\n<node id=\"a\">\n<attvalues><attvalue for=\"9\" value=\"x\"/></attvalues></node></nodes></graph></gexf>",
    );
    assert!(
        e.contains("line 5") && e.contains("\"9\", which is not declared"),
        "{e}"
    );
    let e = err(
        "<gexf><graph><nodes><node id=\"a\"/></nodes><edges><edge source=\"a\" target=\"zz\"/></edges></graph></gexf>",
    );
    assert!(e.contains("no node with id \"zz\""), "{e}");
    let e = err("<gexf><graph><nodes><node id=\"a\">&ent;</node></nodes></graph></gexf>");
    assert!(e.contains("&ent;"), "{e}");
    let e = err("<gexf><graph><nodes><node id=\"a\"/></nodes>");
    assert!(e.contains("truncated"), "{e}");
    let e = err("<graphml/>");
    assert!(e.contains("not <gexf>"), "{e}");
    let e = err(
        "<gexf><graph><edges><edge source=\"a\" target=\"a\" weight=\"-1\"/></edges></graph></gexf>",
    );
    assert!(e.contains("weight"), "{e}");
}

#[test]
fn hierarchies_and_times_are_skipped_with_a_warning() {
    let l = ok(r#"<gexf version="1.3"><graph mode="dynamic">
      <nodes>
        <node id="a" label="A" start="2001"><nodes><node id="a1"/></nodes></node>
        <node id="b" label="B"><spells><spell start="2002"/></spells></node>
      </nodes>
    </graph></gexf>"#);
    assert_eq!(l.network.actors().len(), 2);
    assert_eq!(l.warnings.len(), 3, "{:?}", l.warnings);
    assert!(l.warnings.iter().any(|w| w.contains("hierarchy")));
    assert!(l.warnings.iter().any(|w| w.contains("dynamic")));
}

mod round_trip {
    use super::*;
    use crate::io::graphml::tests::{XmlText, lists, text};
    use crate::model::Network;
    use crate::model::arbitrary;
    use proptest::prelude::*;

    fn network() -> impl Strategy<Value = Network> {
        (
            arbitrary::network::<XmlText>(lists(), 5, 7),
            (text(12), text(30)),
        )
            .prop_map(|(mut n, (title, description))| {
                n.title = title;
                n.description = description;
                n
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// GEXF holds the actors and ties with every field, the title and
        /// the description (not the lists' styles): those come back.
        #[test]
        fn what_gexf_holds_survives_a_write_and_read(n in network()) {
            let text = write_gexf(&n);
            let back = read(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let b = &back.network;
            prop_assert_eq!(b.actors(), n.actors());
            prop_assert_eq!(b.ties(), n.ties());
            prop_assert_eq!(&b.title, &n.title);
            prop_assert_eq!(&b.description, &n.description);
            prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
            prop_assert_eq!(write_gexf(b), text);
        }
    }
}
