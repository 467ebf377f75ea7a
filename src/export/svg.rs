//! A [`Picture`] as SVG 1.1: real vector output — one `<path>` per tie,
//! one `<g>` per actor (its halo and its shape as a `<polygon>`), labels
//! and the legend as `<text>` — readable by browsers and Inkscape. Each
//! element carries the id of what it draws (`data-id`, `data-kind`,
//! `data-sector`) and a `<title>` a screen reader or a tooltip shows.
//! User text is escaped, and characters XML cannot hold are left out.

use super::legend::{Legend, Swatch};
use super::picture::{ActorItem, Picture, TieItem, soften};
use super::text::{FONT_FAMILY, Weight, ascent, truncate};
use super::view::KeySwatch;
use crate::drawing::{FAINT, OUTLINE, edge_colour, outline};
use crate::model::Colour;
use std::fmt::Write as _;

/// How the SVG is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvgFlavour {
    /// A standalone `.svg` file (XML declaration and namespace).
    File,
    /// Inline in an HTML5 page (no declaration, no namespace: HTML gives it
    /// one, and the page stays free of any web address).
    Inline,
}

/// `s` with the characters XML 1.0 cannot hold left out, then escaped for
/// text and attribute values.
pub fn xml_text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(&c)
                || ('\u{E000}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}'
        })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

/// A number for SVG: at most two decimals, no trailing zeros.
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn points(ps: &[[f32; 2]]) -> String {
    ps.iter()
        .map(|p| format!("{},{}", num(p[0]), num(p[1])))
        .collect::<Vec<_>>()
        .join(" ")
}

fn opacity(attr: &str, o: f32) -> String {
    if o >= 0.999 {
        String::new()
    } else {
        format!(" {attr}=\"{}\"", num(o))
    }
}

/// The picture as an SVG document.
pub fn to_svg(p: &Picture, flavour: SvgFlavour) -> String {
    let mut s = String::with_capacity(64 * (p.actors.len() + p.ties.len()) + 4096);
    let (w, h) = (num(p.width), num(p.height));
    if flavour == SvgFlavour::File {
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let ns = match flavour {
        // The SVG namespace is a name, not a link; an inline SVG in HTML
        // takes it from the page.
        SvgFlavour::File => " xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"",
        SvgFlavour::Inline => "",
    };
    let _ = writeln!(
        s,
        "<svg{ns} width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\" font-weight=\"{}\" role=\"img\" aria-label=\"{}\">",
        xml_text(FONT_FAMILY),
        Weight::Regular.svg(),
        xml_text(&format!("Map: {}", p.title))
    );
    let _ = writeln!(s, "<title>{}</title>", xml_text(&p.title));
    let _ = writeln!(
        s,
        "<desc>{}</desc>",
        xml_text(&format!(
            "{} actors and {} ties in view. {}",
            p.actors.len(),
            p.ties.len(),
            p.subtitle
        ))
    );
    let bg = p.theme.background;
    let _ = writeln!(s, "<rect width=\"{w}\" height=\"{h}\" fill=\"{bg}\"/>");
    header(&mut s, p);
    let m = p.map;
    let _ = writeln!(
        s,
        "<defs><clipPath id=\"bw-map\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
        num(m.x),
        num(m.y),
        num(m.w),
        num(m.h)
    );
    let _ = writeln!(s, "<g id=\"map\" clip-path=\"url(#bw-map)\">");
    s.push_str("<g id=\"ties\" fill=\"none\">\n");
    for t in &p.ties {
        tie(&mut s, t);
    }
    s.push_str("</g>\n<g id=\"actors\">\n");
    for a in &p.actors {
        actor(&mut s, a, bg);
    }
    // As the canvas paints them: the labels' backdrops, the arrowheads
    // over them (a label never hides the head of a tie pointing at its
    // actor), then the names over the heads (no head hides a letter).
    s.push_str("</g>\n<g id=\"label-backdrops\">\n");
    for l in &p.labels {
        let b = l.backdrop;
        let _ = writeln!(
            s,
            "<rect class=\"label-backdrop\" data-actor=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{bg}\"{}/>",
            xml_text(l.actor.as_str()),
            num(b.x),
            num(b.y),
            num(b.w),
            num(b.h),
            opacity("fill-opacity", l.backdrop_opacity),
        );
    }
    s.push_str("</g>\n<g id=\"badges\">\n");
    let ink = edge_colour(bg);
    for b in &p.badges {
        let _ = writeln!(
            s,
            "<g class=\"badge\"><circle cx=\"{x}\" cy=\"{y}\" r=\"7.5\" fill=\"{bg}\" stroke=\"{ink}\" stroke-width=\"1.2\"/><text x=\"{x}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{ink}\">{}</text></g>",
            num(b.centre[1] - 5.5 + ascent(11.0)),
            xml_text(&b.letter.to_string()),
            x = num(b.centre[0]),
            y = num(b.centre[1]),
        );
    }
    s.push_str("</g>\n<g id=\"arrowheads\">\n");
    for t in &p.ties {
        if let Some(a) = &t.arrow {
            let _ = writeln!(
                s,
                "<polygon class=\"arrowhead\" data-tie=\"{}\" points=\"{}\" fill=\"{}\"{}/>",
                xml_text(t.id.as_str()),
                points(a),
                t.colour,
                opacity("fill-opacity", t.opacity)
            );
        }
    }
    s.push_str("</g>\n<g id=\"labels\">\n");
    for l in &p.labels {
        let _ = writeln!(
            s,
            "<text class=\"label\" data-actor=\"{}\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{}>{}</text>",
            xml_text(l.actor.as_str()),
            num(l.x),
            num(l.baseline),
            num(l.size),
            l.colour,
            opacity("fill-opacity", l.opacity),
            xml_text(&l.text)
        );
    }
    s.push_str("</g>\n</g>\n");
    legend(&mut s, &p.legend, p);
    s.push_str("</svg>\n");
    s
}

/// The title (bold) and the subtitle, each cut with "…" where it would
/// run past the picture's right edge (the whole title stays in the SVG's
/// `<title>`).
fn header(s: &mut String, p: &Picture) {
    let pad = (p.title_size * 0.6).round();
    let room = p.width - 2.0 * pad;
    let title = truncate(&p.title, p.title_size, room, Weight::Bold);
    let subtitle = truncate(&p.subtitle, p.subtitle_size, room, Weight::Regular);
    let title_base = 12.0 + ascent(p.title_size);
    let sub_base = 12.0 + super::text::line_height(p.title_size) + ascent(p.subtitle_size);
    let _ = writeln!(
        s,
        "<g id=\"header\"><text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"{}\" fill=\"{}\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text></g>",
        num(pad),
        num(title_base),
        num(p.title_size),
        Weight::Bold.svg(),
        p.theme.text,
        xml_text(&title),
        num(pad),
        num(sub_base),
        num(p.subtitle_size),
        p.theme.text,
        xml_text(&subtitle)
    );
}

fn tie(s: &mut String, t: &TieItem) {
    let d = match t.control {
        Some(c) => format!(
            "M{} {} Q{} {} {} {}",
            num(t.start[0]),
            num(t.start[1]),
            num(c[0]),
            num(c[1]),
            num(t.end[0]),
            num(t.end[1])
        ),
        None => format!(
            "M{} {} L{} {}",
            num(t.start[0]),
            num(t.start[1]),
            num(t.end[0]),
            num(t.end[1])
        ),
    };
    let dashes = if t.dashes.is_empty() {
        String::new()
    } else {
        let runs: Vec<String> = t.dashes.iter().map(|&r| num(r)).collect();
        format!(" stroke-dasharray=\"{}\"", runs.join(" "))
    };
    let _ = writeln!(
        s,
        "<path class=\"tie\" data-id=\"{}\" data-kind=\"{}\" d=\"{d}\" stroke=\"{}\" stroke-width=\"{}\"{dashes}{}><title>{}</title></path>",
        xml_text(t.id.as_str()),
        xml_text(&t.kind),
        t.colour,
        num(t.width),
        opacity("stroke-opacity", t.opacity),
        xml_text(&format!("{} – {}: {}", t.ends.0, t.ends.1, t.kind))
    );
}

fn actor(s: &mut String, a: &ActorItem, bg: Colour) {
    let _ = write!(
        s,
        "<g class=\"actor\" data-id=\"{}\" data-sector=\"{}\"><title>{}</title>",
        xml_text(a.id.as_str()),
        xml_text(&a.sector),
        xml_text(&format!("{} ({})", a.name, a.sector))
    );
    if let Some(h) = &a.halo {
        let (cx, cy) = (num(a.centre[0]), num(a.centre[1]));
        if let Some(edge) = h.edge {
            let _ = write!(
                s,
                "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{}\" fill=\"{edge}\"/>",
                num(h.outer + 1.0)
            );
        }
        // The ring as a stroke centred between inner and outer, over a
        // disc of the background (the gap round the actor).
        let _ = write!(
            s,
            "<circle class=\"halo\" cx=\"{cx}\" cy=\"{cy}\" r=\"{}\" fill=\"{bg}\" stroke=\"{}\" stroke-width=\"{}\"/>",
            num((h.inner + h.outer) / 2.0),
            h.colour,
            num(h.outer - h.inner)
        );
    }
    let stroke = match a.outline {
        Some(c) => format!(
            " stroke=\"{c}\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
            num(2.0 * OUTLINE)
        ),
        None => String::new(),
    };
    let _ = writeln!(
        s,
        "<polygon class=\"shape\" points=\"{}\" fill=\"{}\"{stroke}{}/></g>",
        points(&a.points),
        a.fill,
        opacity("opacity", a.opacity)
    );
}

fn legend(s: &mut String, l: &Legend, p: &Picture) {
    let bg = p.theme.background;
    let text = p.theme.text;
    let ink = edge_colour(bg);
    let _ = writeln!(
        s,
        "<g id=\"legend\" font-size=\"{}\" fill=\"{text}\"><line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{ink}\" stroke-opacity=\"0.3\"/>",
        num(l.text_size),
        num(l.y),
        num(p.height),
        x = num(l.x + 0.5),
    );
    for r in &l.rows {
        let mid = r.y + l.row / 2.0;
        let base = mid - l.text_size * 0.5 + ascent(l.text_size) - l.text_size * 0.1;
        let mut tx = l.x + l.pad;
        if let Some(sw) = &r.swatch {
            let cx = l.x + l.pad + l.swatch / 2.0;
            swatch(s, sw, [cx, mid], l, bg);
            tx += l.swatch + l.pad / 2.0;
        }
        let class = if r.heading {
            "legend-heading"
        } else {
            "legend-entry"
        };
        let weight = if r.heading {
            format!(" font-weight=\"{}\"", Weight::Bold.svg())
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\"{weight}>{}</text>",
            num(tx),
            num(base),
            xml_text(&r.text)
        );
    }
    s.push_str("</g>\n");
}

fn swatch(s: &mut String, sw: &Swatch, c: [f32; 2], l: &Legend, bg: Colour) {
    let k = l.text_size / 13.0;
    let ink = edge_colour(bg);
    let grey = Colour::rgb(140, 140, 140);
    let circle = |r: f32, fill: &str, extra: &str| {
        format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\"{extra}/>",
            num(c[0]),
            num(c[1]),
            num(r)
        )
    };
    let out = match sw {
        Swatch::Shape(shape, colour) => {
            let r = l.text_size * 0.5;
            let ps: Vec<[f32; 2]> = outline(*shape)
                .into_iter()
                .map(|[x, y]| [c[0] + x * r, c[1] + y * r])
                .collect();
            format!(
                "<polygon class=\"legend-shape\" points=\"{}\" fill=\"{colour}\" stroke=\"{ink}\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"/>",
                points(&ps),
                num(2.0 * OUTLINE)
            )
        }
        Swatch::Line {
            colour,
            dashes,
            width,
            arrow,
        } => {
            let (x0, x1) = (c[0] - l.swatch / 2.0, c[0] + l.swatch / 2.0);
            let head = (6.0 + 2.0 * width).min(l.swatch / 2.0);
            let end = if *arrow { x1 - head * 0.8 } else { x1 };
            let dash = if dashes.is_empty() {
                String::new()
            } else {
                let runs: Vec<String> = dashes.iter().map(|&r| num(r)).collect();
                format!(" stroke-dasharray=\"{}\"", runs.join(" "))
            };
            let mut out = format!(
                "<line class=\"legend-line\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"{}\"{dash}/>",
                num(x0),
                num(end),
                num(*width),
                y = num(c[1]),
            );
            if *arrow {
                let _ = write!(
                    out,
                    "<polygon points=\"{}\" fill=\"{colour}\"/>",
                    points(&[
                        [x1, c[1]],
                        [x1 - head, c[1] - head / 2.0],
                        [x1 - head, c[1] + head / 2.0]
                    ])
                );
            }
            out
        }
        Swatch::Key(KeySwatch::Ring(colour)) => {
            let ring = circle(
                6.0 * k,
                "none",
                &format!(" stroke=\"{colour}\" stroke-width=\"{}\"", num(3.0 * k)),
            );
            format!("{ring}{}", circle(3.0 * k, &grey.to_string(), ""))
        }
        Swatch::Key(KeySwatch::Fill(colour)) => circle(
            6.0 * k,
            &colour.to_string(),
            &format!(" stroke=\"{ink}\" stroke-width=\"{}\"", num(k)),
        ),
        Swatch::Key(KeySwatch::Soft) => circle(6.0 * k, &soften(grey, bg).to_string(), ""),
        Swatch::Key(KeySwatch::Faint) => circle(
            6.0 * k,
            &grey.to_string(),
            &format!(" fill-opacity=\"{}\"", num(FAINT)),
        ),
        Swatch::Key(KeySwatch::Badge(letter)) => {
            let disc = circle(
                7.0 * k,
                &bg.to_string(),
                &format!(" stroke=\"{ink}\" stroke-width=\"{}\"", num(1.2 * k)),
            );
            format!(
                "{disc}<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{}</text>",
                num(c[0]),
                num(c[1] - 5.5 * k + ascent(11.0 * k)),
                num(11.0 * k),
                xml_text(&letter.to_string())
            )
        }
        Swatch::Key(KeySwatch::Tie(colour)) => format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"{}\"/>",
            num(c[0] - l.swatch / 2.0),
            num(c[0] + l.swatch / 2.0),
            num(3.5 * k),
            y = num(c[1]),
        ),
    };
    s.push_str(&out);
}
