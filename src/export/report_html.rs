//! The HTML report: one self-contained file for a board or an email — the
//! map with its legend, a summary, the brokers with their sentences and a
//! chart of the most between, the silo matrix with its gaps and sector
//! cuts, the single points of failure, the hidden influencers and the
//! coalition of the willing with its reasons.
//!
//! Self-contained: no link, font, script or image from outside (charts and
//! the map are inline SVG, the style is in the page; not even a web
//! address appears in it). Private by default: it is built from the map's
//! shareable copy ([`crate::model::Network::shareable_copy`]), so stances,
//! notes and whatever is marked private never reach it; including them is
//! an explicit choice ([`ReportOptions::include_private`]) that the report
//! announces at its top. Every text from the map is escaped. The page
//! reads at any width, and prints on A4 with each section on a new page.

use super::picture::{PictureOptions, fitted_picture};
use super::report_sections as sections;
use super::svg::{SvgFlavour, to_svg, xml_text};
use crate::analysis::{CoalitionInputs, CoalitionOptions, Control, coalition};
use crate::drawing::Theme;
use crate::jobs::JobError;
use crate::jobs::insight::{brokers_insight, influence_insight, resilience_insight, silo_insight};
use crate::model::{AnalysisView, Network, ViewOptions};
use std::fmt::Write as _;

/// What goes into a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// Include private fields (stance, notes, whatever is marked private).
    /// Off by default; announced in the report when on.
    pub include_private: bool,
    /// The date printed on it.
    pub date: String,
}

/// The style sheet, in the page.
const CSS: &str = include_str!("report.css");

/// The width of the map picture in the report (points).
const MAP_WIDTH: f32 = 1040.0;

/// The sentence the report opens with about private fields.
pub fn privacy_sentence(include_private: bool) -> &'static str {
    if include_private {
        "This report INCLUDES PRIVATE FIELDS (stances, notes and whatever is marked private on the map), because it was asked for. Do not share it beyond the people those judgements may be shown to."
    } else {
        "Private fields (stances, notes and whatever is marked private on the map) are left out of this report: it is built from the map's shareable copy and is safe to email."
    }
}

/// The report for `network` as one HTML page. Runs the analyses it shows
/// (O(n·m) for the path measures); `control` can cancel between them.
pub fn report_html(
    network: &Network,
    options: &ReportOptions,
    control: &Control,
) -> Result<String, JobError> {
    let shared;
    let net: &Network = if options.include_private {
        network
    } else {
        shared = network.shareable_copy();
        &shared
    };
    let view_options = ViewOptions::default();
    control.begin("report: silos", 1);
    let silo = silo_insight(net, &view_options, control)?;
    control.begin("report: brokers", 1);
    let brokers = brokers_insight(net, &view_options, control)?;
    control.begin("report: resilience", 1);
    let resilience = resilience_insight(net, &view_options, 3, control)?;
    control.begin("report: influence", 1);
    let influence = influence_insight(net, &view_options, control)?;
    control.begin("report: coalition", 1);
    let view = AnalysisView::new(net, &view_options);
    let inputs = CoalitionInputs::compute(net, &view);
    let chosen = coalition(net, &view, &inputs, &CoalitionOptions::default());
    control.check()?;
    let spof = sections::single_points(&view, &resilience.articulation_points);

    let title = if net.title.trim().is_empty() {
        "Untitled map".to_owned()
    } else {
        net.title.trim().to_owned()
    };
    let picture = fitted_picture(
        net,
        MAP_WIDTH,
        &PictureOptions {
            theme: Theme::light(),
            date: options.date.clone(),
            note: if options.include_private {
                "private fields included".to_owned()
            } else {
                "shareable copy: private fields left out".to_owned()
            },
        },
    );
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        xml_text(&format!("{title} — Bridgework report"))
    );
    let _ = write!(
        h,
        "<section class=\"first\" id=\"summary\">\n<h1>{}</h1>\n<p class=\"meta\">Bridgework report · {}</p>\n<p class=\"privacy{}\">{}</p>\n",
        xml_text(&title),
        xml_text(&options.date),
        if options.include_private {
            " private"
        } else {
            ""
        },
        xml_text(privacy_sentence(options.include_private))
    );
    if !net.description.trim().is_empty() {
        let _ = writeln!(h, "<p>{}</p>", xml_text(net.description.trim()));
    }
    sections::summary(&mut h, net, &view, &silo, &spof, &influence, &chosen);
    h.push_str("</section>\n");
    let _ = write!(
        h,
        "<section id=\"map\">\n<h2>The map</h2>\n<figure>\n{}<figcaption>{} actors and {} ties drawn; colour and shape show the sector, colour and dash the kind of tie, size the perceived influence.</figcaption>\n</figure>\n</section>\n",
        to_svg(&picture, SvgFlavour::Inline),
        picture.actors.len(),
        picture.ties.len()
    );
    sections::brokers(&mut h, net, &brokers, &influence);
    sections::silos(&mut h, net, &silo);
    sections::resilience(&mut h, net, &spof, &resilience);
    sections::hidden(&mut h, &influence);
    sections::coalition(&mut h, net, &view, &chosen, options.include_private);
    if options.include_private {
        sections::private_fields(&mut h, net);
    }
    h.push_str("</main>\n</body>\n</html>\n");
    Ok(h)
}
