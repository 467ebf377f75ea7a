//! Exports read back: the SVG parsed as XML holds every actor in view with
//! its name, every tie and the legend's entries; the PNG decodes at twice
//! the picture's size with text drawn in the embedded font; the report
//! from a map full of private judgements holds none of them (and no web
//! address) unless private fields are asked for.

use bridgework::drawing::Theme;
use bridgework::export::report_html::{ReportOptions, report_html};
use bridgework::export::svg::{SvgFlavour, to_svg};
use bridgework::export::{PictureOptions, View, fitted_picture, picture, text_width, to_png};
use bridgework::model::{Actor, ActorField, Network, Stance};
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet};

pub fn sample(name: &str) -> Network {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_networks")
        .join(name);
    bridgework::io::load(&path, &Default::default())
        .unwrap()
        .network
}

fn options() -> PictureOptions {
    PictureOptions {
        theme: Theme::light(),
        date: "2026-12-05".to_owned(),
        note: String::new(),
    }
}

/// What an SVG holds, by class.
#[derive(Default, Debug)]
pub struct SvgContents {
    /// `data-id` of every `g.actor`, with its `<title>`.
    pub actors: BTreeMap<String, String>,
    /// `data-id` of every `path.tie`.
    pub ties: BTreeSet<String>,
    /// Every label's text.
    pub labels: Vec<String>,
    /// Every legend entry's text.
    pub legend: Vec<String>,
    /// The header's texts.
    pub header: Vec<String>,
}

/// Parses an SVG document with quick-xml (failing on malformed XML).
pub fn read_svg(svg: &str) -> SvgContents {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out = SvgContents::default();
    // The open elements, innermost last: name, class, data-id, and the
    // text read inside so far (entity references resolved).
    let mut stack: Vec<(String, Option<String>, Option<String>, String)> = Vec::new();
    // The ids of the open groups (header, map, labels, legend …).
    let mut groups: Vec<Option<String>> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let attr = |k: &str| {
                    e.try_get_attribute(k)
                        .unwrap()
                        .map(|a| a.unescape_value().unwrap().into_owned())
                };
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "g" {
                    groups.push(attr("id"));
                }
                stack.push((name, attr("class"), attr("data-id"), String::new()));
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.3.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                let entity = format!("&{};", r.decode().unwrap());
                if let Some(top) = stack.last_mut() {
                    top.3
                        .push_str(&quick_xml::escape::unescape(&entity).unwrap());
                }
            }
            Event::End(_) => {
                let (name, class, id, text) = stack.pop().unwrap();
                let parent = stack.last();
                let within = |g: &str| groups.iter().any(|x| x.as_deref() == Some(g));
                match (name.as_str(), class.as_deref()) {
                    ("title", _) => {
                        if let Some((_, Some(c), Some(pid), _)) = parent {
                            if c == "actor" {
                                out.actors.insert(pid.clone(), text);
                            } else if c == "tie" {
                                out.ties.insert(pid.clone());
                            }
                        }
                    }
                    ("text", Some("legend-entry")) => out.legend.push(text),
                    ("text", _) if within("labels") => out.labels.push(text),
                    ("text", _) if within("header") => out.header.push(text),
                    _ => {}
                }
                let _ = id;
                if name == "g" {
                    groups.pop();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    out
}

#[test]
fn the_svg_holds_every_actor_in_view_with_its_name_every_tie_and_the_legend() {
    for name in [
        "diabetes_network.json",
        "frailty_discharge.json",
        "mental_health_crisis.json",
    ] {
        let net = sample(name);
        let pic = fitted_picture(&net, 1600.0, &options());
        let svg = to_svg(&pic, SvgFlavour::File);
        let read = read_svg(&svg);
        assert_eq!(read.actors.len(), net.actors().len(), "{name}: actors");
        for a in net.actors() {
            let title = &read.actors[a.id().as_str()];
            assert_eq!(title, &format!("{} ({})", a.name, a.sector));
        }
        // Every tie but self-ties and those between actors that overlap on
        // screen (nothing of them shows, on the canvas either).
        let at: BTreeMap<&str, ([f32; 2], f32)> = pic
            .actors
            .iter()
            .map(|a| (a.id.as_str(), (a.centre, a.radius)))
            .collect();
        let drawn: BTreeSet<String> = net
            .ties()
            .iter()
            .filter(|t| {
                let (a, b) = (at[t.from().as_str()], at[t.to().as_str()]);
                let d = (a.0[0] - b.0[0]).hypot(a.0[1] - b.0[1]);
                t.from() != t.to() && d > a.1 + b.1 + 1.0
            })
            .map(|t| t.id().to_string())
            .collect();
        assert!(
            drawn.len() + 3 >= net.ties().len(),
            "{name}: most ties drawn"
        );
        assert_eq!(read.ties, drawn, "{name}: ties");
        // Labels: every one is an actor's name; at this size all fit.
        let names: BTreeSet<&str> = net.actors().iter().map(|a| a.name.as_str()).collect();
        assert!(read.labels.iter().all(|l| names.contains(l.as_str())));
        assert!(
            read.labels.len() * 2 >= net.actors().len(),
            "{name}: {} labels of {}",
            read.labels.len(),
            net.actors().len()
        );
        // The legend names each sector and tie kind in use, with counts.
        for s in &net.sectors {
            let n = net.actors().iter().filter(|a| a.sector == s.name).count();
            if n > 0 {
                let entry = format!("{} ({n})", s.name);
                assert!(
                    read.legend.contains(&entry),
                    "{name}: {entry} in {:?}",
                    read.legend
                );
            }
        }
        for k in &net.tie_kinds {
            let n = net.ties().iter().filter(|t| t.kind == k.name).count();
            if n > 0 {
                let entry = format!("{} ({n})", k.name);
                assert!(read.legend.contains(&entry), "{name}: {entry}");
            }
        }
        assert_eq!(read.header[0], net.title);
        assert!(read.header[1].contains("2026-12-05"));
    }
}

#[test]
fn a_view_shows_only_what_is_in_it_and_the_filters_leave() {
    let net = sample("diabetes_network.json");
    let fitted = View::fit(&net, 1200.0);
    // Zoom in on the first actor: the far side of the map is out of view.
    let first = &net.actors()[0];
    let mut view = View::new(
        [first.x.unwrap(), first.y.unwrap()],
        fitted.zoom * 4.0,
        fitted.size,
    );
    let hidden_sector = net
        .actors()
        .iter()
        .map(|a| a.sector.clone())
        .find(|s| *s != first.sector)
        .unwrap();
    view.hidden_actors = net
        .actors()
        .iter()
        .filter(|a| a.sector == hidden_sector)
        .map(|a| a.id().clone())
        .collect();
    view.selected.insert(first.id().clone());
    let pic = picture(&net, &view, &options());
    let read = read_svg(&to_svg(&pic, SvgFlavour::File));
    assert!(read.actors.contains_key(first.id().as_str()));
    assert!(read.actors.len() < net.actors().len());
    for a in net.actors().iter().filter(|a| a.sector == hidden_sector) {
        assert!(
            !read.actors.contains_key(a.id().as_str()),
            "{} hidden",
            a.name
        );
    }
    // The selected actor is always labelled and has a halo.
    assert!(read.labels.contains(&first.name));
    assert!(
        pic.actors
            .iter()
            .any(|a| a.id == *first.id() && a.halo.is_some())
    );
    // Every actor drawn is within the view (with the canvas's margin).
    for a in &pic.actors {
        assert!(a.centre[0] > -61.0 && a.centre[0] < pic.map.w + 61.0);
    }
    assert!(read.legend.iter().any(|e| e.contains("selected (1)")));
    assert!(
        read.legend
            .iter()
            .any(|e| *e == format!("sector {hidden_sector}"))
    );
}

#[test]
fn the_projector_look_names_actors_at_24_points_or_more_at_1920_wide() {
    let net = sample("frailty_discharge.json");
    let options = PictureOptions {
        theme: Theme::projector(false),
        ..options()
    };
    let pic = fitted_picture(&net, 1920.0, &options);
    assert!(!pic.labels.is_empty());
    assert!(pic.labels.iter().all(|l| l.size >= 24.0));
    assert!(pic.legend.text_size >= 24.0);
    let light = fitted_picture(&net, 1920.0, &super::exports::options());
    let widest =
        |p: &bridgework::export::Picture| p.ties.iter().map(|t| t.width).fold(0.0, f32::max);
    assert!(widest(&pic) > widest(&light) * 1.5, "thick ties");
}

#[test]
fn the_png_is_twice_the_picture_and_has_text_without_system_fonts() {
    let net = sample("diabetes_network.json");
    let pic = fitted_picture(&net, 800.0, &options());
    let bytes = to_png(&pic, 2.0).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    assert_eq!(info.width, (pic.width * 2.0).ceil() as u32);
    assert_eq!(info.height, (pic.height * 2.0).ceil() as u32);
    // Text alone, in the embedded font: some pixels are inked.
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#ffffff\"/><text x=\"5\" y=\"28\" font-size=\"24\" font-family=\"Ubuntu\" fill=\"#000000\">Bridge</text></svg>";
    let png = bridgework::export::png::render_svg(svg, 1.0).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let dark = buf[..frame.buffer_size()]
        .chunks(4)
        .filter(|p| p[0] < 100)
        .count();
    assert!(dark > 50, "text drew {dark} dark pixels");
}

#[test]
fn the_title_and_legend_headings_ask_for_the_bold_face_the_png_embeds() {
    let pic = fitted_picture(&sample("diabetes_network.json"), 900.0, &options());
    let svg = to_svg(&pic, SvgFlavour::File);
    let bold = |text: &str| {
        svg.contains(&format!(
            "font-weight=\"700\" fill=\"{}\">{text}</text>",
            pic.theme.text
        )) || svg.contains(&format!("font-weight=\"700\">{text}</text>"))
    };
    assert!(bold(&pic.title), "the title is bold");
    assert!(
        bold("Sectors") && bold("Ties"),
        "the legend's headings are bold"
    );
    // Everything else inherits the light weight from the root.
    assert!(svg.contains("font-weight=\"300\" role=\"img\""));
    assert_eq!(svg.matches("font-weight=").count(), 1 + 1 + 2);
    // The PNG's fonts hold exactly those two weights of the family named.
    let db = bridgework::export::png::font_database();
    let mut weights: Vec<u16> = db.faces().map(|f| f.weight.0).collect();
    weights.sort_unstable();
    assert_eq!(weights, [300, 700]);
    assert!(
        db.faces()
            .all(|f| f.families.iter().any(|(n, _)| n == "Ubuntu"))
    );
}

/// A map with long names on actors at its left, right and bottom edges.
fn long_names_at_the_edges() -> Network {
    let mut n = Network::new();
    let actors = [
        (
            "far",
            "Calderbrook and Wyvern Integrated Care Board, strategic commissioning",
            -400.0,
            0.0,
        ),
        ("mid", "Ann", 0.0, 0.0),
        (
            "right",
            "Wyvern Community Health NHS Trust, intermediate care",
            400.0,
            40.0,
        ),
        (
            "low",
            "Northern Community Interest Company for Carers",
            0.0,
            300.0,
        ),
    ];
    for (id, name, x, y) in actors {
        let mut a = Actor::new(id, name, "primary care");
        a.x = Some(x);
        a.y = Some(y);
        n.add_actor(a).unwrap();
    }
    n
}

/// The value of attribute `name` in the first element `svg` has after
/// `from` (a number).
fn attr_after(svg: &str, from: &str, name: &str) -> f32 {
    let at = svg.find(from).unwrap();
    let rest = &svg[at..];
    let key = format!(" {name}=\"");
    let start = rest.find(&key).unwrap() + key.len();
    let end = start + rest[start..].find('"').unwrap();
    rest[start..end].parse().unwrap()
}

/// Asserts that the labels of `ids` lie wholly inside the SVG's view box
/// and the map's clip, their boxes estimated from the embedded font's
/// advances; returns the view box.
fn assert_named_inside(net: &Network, svg: &str, ids: &[&str]) -> Vec<f32> {
    let view_box: Vec<f32> = {
        let at = svg.find("viewBox=\"").unwrap() + "viewBox=\"".len();
        let end = at + svg[at..].find('"').unwrap();
        svg[at..end]
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect()
    };
    let clip = "<clipPath id=\"bw-map\">";
    let map = [
        attr_after(svg, clip, "x"),
        attr_after(svg, clip, "y"),
        attr_after(svg, clip, "width"),
        attr_after(svg, clip, "height"),
    ];
    for id in ids {
        let actor = net.actor(&(*id).into()).unwrap();
        let label = format!("data-actor=\"{id}\"");
        let (x, baseline, size) = (
            attr_after(svg, &label, "x"),
            attr_after(svg, &label, "y"),
            attr_after(svg, &label, "font-size"),
        );
        let (x0, x1) = (x - 1.0, x + text_width(&actor.name, size) + 1.0);
        let y1 = baseline + size * 0.25;
        assert!(
            x0 >= view_box[0] && x1 <= view_box[0] + view_box[2] && y1 <= view_box[1] + view_box[3],
            "{id}: {x0}..{x1} × ..{y1} in the view box {view_box:?}"
        );
        assert!(
            x0 >= map[0] && x1 <= map[0] + map[2] && y1 <= map[1] + map[3],
            "{id}: {x0}..{x1} × ..{y1} inside the map's clip {map:?}"
        );
    }
    view_box
}

#[test]
fn names_at_the_maps_edges_are_not_cut() {
    let net = long_names_at_the_edges();
    // The command line frames every name: here names longer than half the
    // map, so the picture grows past the width asked for …
    let pic = fitted_picture(&net, 800.0, &options());
    let svg = to_svg(&pic, SvgFlavour::File);
    let view_box = assert_named_inside(&net, &svg, &["far", "right", "low"]);
    assert!(view_box[2] >= 800.0);
    // … while a map whose edge names need only a little room (the fitted
    // view alone would need 7 points more) is centred and zoomed out a
    // little, keeping the width asked for exactly.
    let diabetes = sample("diabetes_network.json");
    let roomy = fitted_picture(&diabetes, 1000.0, &options());
    assert_eq!(roomy.width, 1000.0);
    let plain = View::fit(&diabetes, roomy.map.w);
    assert!(roomy.world[0] < plain.world_bounds()[0] || roomy.world[2] > plain.world_bounds()[2]);

    // The editor's view, the long name's actor 20 points from the left
    // edge: the map grows to the left to hold it.
    let size = [500.0, 360.0];
    let view = View::new([-400.0 + 250.0 - 20.0, 100.0], 1.0, size);
    let pic = picture(&net, &view, &options());
    let svg = to_svg(&pic, SvgFlavour::File);
    assert_named_inside(&net, &svg, &["far"]);
    assert!(pic.map.w > size[0] + 100.0, "{:?}", pic.map);
    // The legend still stands to the map's right, the title above it.
    assert!((pic.legend.x - (pic.map.x + pic.map.w)).abs() < 0.01);
    assert!(pic.width > pic.map.w && pic.map.y >= pic.title_size);
    // The PNG grows with it.
    let png = to_png(&pic, 1.0).unwrap();
    let width = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap()
        .info()
        .width;
    assert_eq!(width, pic.width.ceil() as u32);
    // Actors drawn keep their places relative to one another.
    let at = |id: &str| {
        pic.actors
            .iter()
            .find(|a| a.id.as_str() == id)
            .unwrap()
            .centre
    };
    assert!((at("mid")[0] - at("far")[0] - 400.0).abs() < 0.01);
}

#[test]
fn a_title_wider_than_the_picture_is_cut_with_an_ellipsis_not_clipped() {
    let mut net = long_names_at_the_edges();
    net.title =
        "Calderbrook and Wyvern frailty, discharge and intermediate care system map, winter review"
            .to_owned();
    let pic = fitted_picture(&net, 400.0, &options());
    let read = read_svg(&to_svg(&pic, SvgFlavour::File));
    let drawn = read.header.first().unwrap();
    assert!(
        drawn.ends_with('…') && drawn.len() < net.title.len(),
        "{drawn}"
    );
    let pad = (pic.title_size * 0.6).round();
    let bold = bridgework::export::text::width_in(
        drawn,
        pic.title_size,
        bridgework::export::text::Weight::Bold,
    );
    assert!(pad + bold <= pic.width - pad, "{bold} in {}", pic.width);
    // The whole title is still the picture's name.
    let svg = to_svg(&pic, SvgFlavour::File);
    assert!(svg.contains(&format!("<title>{}</title>", net.title)));
}

/// A sample map with a secret in every private field.
fn full_of_secrets() -> Network {
    let mut net = sample("diabetes_network.json");
    let ids: Vec<_> = net.actors().iter().map(|a| a.id().clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        let a = net.actor_mut(id).unwrap();
        a.notes = format!("SECRETNOTE{i} about them");
        a.stance = [
            Stance::Champion,
            Stance::Sceptic,
            Stance::Opposed,
            Stance::Supporter,
        ][i % 4];
        a.private.insert(ActorField::Attributes);
        a.private.insert(ActorField::Stance);
        a.private.insert(ActorField::Notes);
        a.attributes
            .insert("whisper".to_owned(), format!("SECRETATTR{i}"));
    }
    let tie_ids: Vec<_> = net.ties().iter().map(|t| t.id().clone()).collect();
    for (i, id) in tie_ids.iter().enumerate() {
        net.tie_mut(id).unwrap().notes = format!("SECRETTIE{i}");
    }
    net
}

#[test]
fn the_report_leaves_out_every_private_field_and_has_no_web_address() {
    let net = full_of_secrets();
    let page = report_html(
        &net,
        &ReportOptions {
            include_private: false,
            date: "2026-12-05".to_owned(),
        },
        &bridgework::analysis::Control::none(),
    )
    .unwrap();
    assert!(!page.contains("SECRET"), "a private field leaked");
    let lower = page.to_lowercase();
    for stance in ["champion", "sceptic", "opposed", "supporter"] {
        assert!(
            !lower.contains(stance),
            "the stance word {stance:?} is in the report"
        );
    }
    assert!(!lower.contains("http"), "a web address");
    assert!(!lower.contains("<script") && !lower.contains("<link") && !lower.contains("<img"));
    // The only url() is the map's clip path, within the page.
    assert!(
        lower
            .split("url(")
            .skip(1)
            .all(|rest| rest.starts_with('#'))
    );
    assert!(!lower.contains(" src=") && !lower.contains(" href="));
    for section in [
        "summary",
        "map",
        "brokers",
        "silos",
        "resilience",
        "hidden",
        "coalition",
    ] {
        assert!(page.contains(&format!("id=\"{section}\"")), "{section}");
    }
    assert!(page.contains("left out of this report"));
    // Every actor's name is on the map.
    for a in net.actors() {
        assert!(
            page.contains(&bridgework::export::svg::xml_text(&a.name)),
            "{}",
            a.name
        );
    }
    // The map and the chart are inline SVG, and the page is well formed
    // enough for an XML reader from <main> on.
    assert!(page.matches("<svg").count() >= 2);
    let main = &page[page.find("<main>").unwrap()..page.find("</main>").unwrap() + 7];
    let mut reader = quick_xml::Reader::from_str(main);
    loop {
        if reader.read_event().unwrap() == Event::Eof {
            break;
        }
    }
}

#[test]
fn include_private_puts_them_in_and_says_so() {
    let net = full_of_secrets();
    let page = report_html(
        &net,
        &ReportOptions {
            include_private: true,
            date: "2026-12-05".to_owned(),
        },
        &bridgework::analysis::Control::none(),
    )
    .unwrap();
    assert!(page.contains("SECRETNOTE0 about them"));
    assert!(page.contains("INCLUDES PRIVATE FIELDS"));
    assert!(page.to_lowercase().contains("champion"));
    assert!(!page.to_lowercase().contains("http"));
}

#[test]
fn names_with_markup_are_escaped_everywhere() {
    let mut net = sample("diabetes_network.json");
    let id = net.actors()[0].id().clone();
    net.actor_mut(&id).unwrap().name = "<b>Dr & \"Co\"</b>\u{1}".to_owned();
    net.title = "A <title> & more".to_owned();
    let pic = fitted_picture(&net, 1000.0, &options());
    let svg = to_svg(&pic, SvgFlavour::File);
    assert!(!svg.contains("<b>") && !svg.contains('\u{1}'));
    let read = read_svg(&svg);
    assert_eq!(read.header[0], "A <title> & more");
    assert!(read.actors[id.as_str()].starts_with("<b>Dr & \"Co\"</b>"));
    let page = report_html(
        &net,
        &ReportOptions {
            include_private: false,
            date: String::new(),
        },
        &bridgework::analysis::Control::none(),
    )
    .unwrap();
    assert!(!page.contains("<b>Dr"));
    assert!(page.contains("&lt;b&gt;Dr &amp;"));
}
