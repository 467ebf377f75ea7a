//! The editor driven as a user drives it, headless (egui_kittest): the same
//! gestures, shortcuts and panels, on the real app state.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bridgework::app::{BridgeworkApp, Document, Preferences};
use bridgework::model::Network;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(network: Network) -> Harness<'static, BridgeworkApp> {
    let app = BridgeworkApp::new(Document::new(network, None), Preferences::default(), None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut BridgeworkApp| app.frame_ui(ui), app);
    h.run_steps(3);
    wait_for_open(&mut h);
    h
}

fn sample() -> Network {
    bridgework::io::native::from_str(std::path::Path::new("sample.json"), bridgework::app::SAMPLE)
        .unwrap()
}

fn press(h: &mut Harness<'static, BridgeworkApp>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(Event::PointerMoved(pos));
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

fn click(h: &mut Harness<'static, BridgeworkApp>, pos: Pos2, modifiers: Modifiers) {
    press(h, pos, true, modifiers);
    h.step();
    press(h, pos, false, modifiers);
    h.step();
}

fn double_click(h: &mut Harness<'static, BridgeworkApp>, pos: Pos2) {
    // Let any earlier click expire, so this is a double and not a triple click.
    h.run_steps(30);
    click(h, pos, Modifiers::NONE);
    click(h, pos, Modifiers::NONE);
    h.run_steps(2);
}

fn drag(h: &mut Harness<'static, BridgeworkApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    press(h, from, true, modifiers);
    h.step();
    for k in 1..=8 {
        let p = from + (to - from) * (k as f32 / 8.0);
        h.event(Event::PointerMoved(p));
        h.step();
    }
    press(h, to, false, modifiers);
    h.run_steps(2);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.step();
}

fn screen_of(h: &Harness<'static, BridgeworkApp>, id: &str) -> Pos2 {
    let app = h.state();
    let a = app.doc.network().actor(&id.into()).unwrap();
    let rect = app.canvas.last_rect.unwrap();
    app.canvas
        .camera
        .to_screen(rect, [a.x.unwrap(), a.y.unwrap()])
}

fn type_text(h: &mut Harness<'static, BridgeworkApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(text.to_owned()));
    h.run_steps(2);
}

#[test]
fn add_actors_and_a_tie_by_gesture_then_undo_back_to_the_start() {
    let mut h = harness(Network::new());
    let centre = h.state().canvas.last_rect.unwrap().center();
    let (left, right) = (
        centre - egui::vec2(150.0, 0.0),
        centre + egui::vec2(150.0, 0.0),
    );

    double_click(&mut h, left);
    assert_eq!(
        h.state().doc.network().actors().len(),
        1,
        "double-click adds an actor"
    );
    type_text(&mut h, "Dr Amara Okafor");
    assert_eq!(
        h.state().doc.network().actors()[0].name,
        "Dr Amara Okafor",
        "the name field had the focus"
    );

    double_click(&mut h, right);
    type_text(&mut h, "Ben Hughes");
    assert_eq!(h.state().doc.network().actors().len(), 2);
    let ids: Vec<String> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .map(|a| a.id().to_string())
        .collect();

    let (a, b) = (screen_of(&h, &ids[0]), screen_of(&h, &ids[1]));
    drag(&mut h, a, b, Modifiers::SHIFT);
    let net = &h.state().doc.network();
    assert_eq!(
        net.ties().len(),
        1,
        "shift-drag from one actor to another ties them"
    );
    assert_eq!(net.ties()[0].kind, "collaboration");
    assert!(h.state().doc.is_dirty());

    // Click empty space (the text field loses focus), then undo everything.
    click(&mut h, centre + egui::vec2(0.0, 200.0), Modifiers::NONE);
    for _ in 0..20 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(1);
    }
    let app = h.state();
    assert!(
        app.doc.network().actors().is_empty() && app.doc.network().ties().is_empty(),
        "undo returns to the start"
    );
    assert!(!app.doc.is_dirty(), "back at the saved state");
    for _ in 0..20 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run_steps(1);
    }
    assert_eq!(
        h.state().doc.network().actors().len(),
        2,
        "redo brings it all back"
    );
    assert_eq!(h.state().doc.network().ties().len(), 1);
}

#[test]
fn dragging_moves_an_actor_in_one_undo_step() {
    let mut h = harness(sample());
    let id = h.state().doc.network().actors()[0].id().to_string();
    let before = h.state().doc.network().actors()[0].x;
    let from = screen_of(&h, &id);
    drag(&mut h, from, from + egui::vec2(60.0, 40.0), Modifiers::NONE);
    let after = h.state().doc.network().actors()[0].x;
    assert_ne!(before, after, "the actor moved");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().actors()[0].x,
        before,
        "one undo undoes the whole drag"
    );
}

#[test]
fn the_inspector_edits_the_selected_actor() {
    let mut h = harness(sample());
    let id = h.state().doc.network().actors()[0].id().to_string();
    let name = h.state().doc.network().actors()[0].name.clone();
    let p = screen_of(&h, &id);
    click(&mut h, p, Modifiers::NONE);
    assert!(h.state().canvas.selected.contains(&id.as_str().into()));
    // Double-clicking an actor puts the cursor in its name field.
    double_click(&mut h, p);
    type_text(&mut h, "Dr A. Okafor-Reid");
    assert_eq!(
        h.state().doc.network().actors()[0].name,
        "Dr A. Okafor-Reid"
    );
    let corner = h.state().canvas.last_rect.unwrap().left_top() + egui::vec2(5.0, 5.0);
    click(&mut h, corner, Modifiers::NONE);
    for _ in 0..30 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(1);
    }
    assert_eq!(
        h.state().doc.network().actors()[0].name,
        name,
        "the edit is undoable"
    );
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn search_highlights_and_filters_hide() {
    let mut h = harness(sample());
    let name = h.state().doc.network().actors()[3].name.clone();
    h.get_by_role(egui::accesskit::Role::TextInput).click();
    h.run_steps(1);
    h.event(Event::Text(name.clone()));
    h.run_steps(2);
    assert!(
        h.state()
            .canvas
            .highlight()
            .contains(h.state().doc.network().actors()[3].id())
    );
    // Hide a sector from the legend.
    let sector = h.state().doc.network().actors()[0].sector.clone();
    let count = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .filter(|a| a.sector == sector)
        .count();
    let boxes: Vec<_> = h.get_all_by_role(egui::accesskit::Role::CheckBox).collect();
    assert!(!boxes.is_empty());
    // The first box is the first sector listed: the first in the map's
    // sector list that has actors.
    let net = &h.state().doc.network();
    let first = net
        .sectors
        .iter()
        .find(|s| net.actors().iter().any(|a| a.sector == s.name))
        .unwrap()
        .name
        .clone();
    let expected: std::collections::HashSet<_> = net
        .actors()
        .iter()
        .filter(|a| a.sector == first)
        .map(|a| a.id().clone())
        .collect();
    assert_eq!(expected.len(), count_in(net, &first));
    boxes[0].click();
    h.run_steps(2);
    assert_eq!(
        h.state().canvas.hidden(),
        &expected,
        "unticking a sector hides exactly its actors"
    );
    h.get_by_label("Show all").click();
    h.run_steps(2);
    assert!(h.state().canvas.hidden().is_empty(), "Show all clears it");
    let _ = (sector, count);
}

fn count_in(net: &Network, sector: &str) -> usize {
    net.actors().iter().filter(|a| a.sector == sector).count()
}

#[test]
fn stance_and_kind_filters_hide_those_actors() {
    let mut h = harness(sample());
    let sceptics: std::collections::HashSet<_> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .filter(|a| a.stance == bridgework::model::Stance::Sceptic)
        .map(|a| a.id().clone())
        .collect();
    assert!(!sceptics.is_empty(), "the sample has sceptics");
    h.get_by_label("Stance (private)").click();
    h.run_steps(2);
    h.get_by_label(&format!("sceptic ({})", sceptics.len()))
        .click();
    h.run_steps(2);
    assert_eq!(h.state().canvas.hidden(), &sceptics);
    // Kinds of actor: hide the organisations too.
    let organisations: Vec<_> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .filter(|a| a.kind == bridgework::model::ActorKind::Organisation)
        .map(|a| a.id().clone())
        .collect();
    assert!(!organisations.is_empty(), "the sample has organisations");
    h.get_by_label("Kinds of actor").click();
    h.run_steps(2);
    h.get_by_label(&format!("organisation ({})", organisations.len()))
        .click();
    h.run_steps(2);
    let hidden = h.state().canvas.hidden();
    assert!(organisations.iter().all(|id| hidden.contains(id)));
    assert!(sceptics.iter().all(|id| hidden.contains(id)));
}

#[test]
fn focus_dims_everyone_beyond_the_neighbourhood() {
    let mut h = harness(sample());
    let id = h.state().doc.network().actors()[0].id().clone();
    let p = screen_of(&h, id.as_str());
    click(&mut h, p, Modifiers::NONE);
    assert_eq!(h.state().canvas.selected.len(), 1);
    h.key_press(Key::F);
    h.run_steps(2);
    let net = &h.state().doc.network();
    let one = bridgework::analysis::neighbourhood(net, &id, 1, |_| true);
    let focus = h.state().canvas.focus().expect("F focuses").clone();
    assert_eq!(focus, one.iter().cloned().collect());
    assert!(one.len() > 1 && one.len() < net.actors().len());
    let outsider = net
        .actors()
        .iter()
        .find(|a| !one.contains(a.id()))
        .unwrap()
        .id()
        .clone();
    assert!(h.state().canvas.is_dimmed(&outsider));
    assert!(!h.state().canvas.is_dimmed(&id));
    // Two steps reach further.
    h.key_press_modifiers(Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    let two = bridgework::analysis::neighbourhood(h.state().doc.network(), &id, 2, |_| true);
    assert!(two.len() > one.len());
    assert_eq!(h.state().canvas.focus().unwrap().len(), two.len());
    // Esc ends it.
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().canvas.focus().is_none());
    assert!(!h.state().canvas.is_dimmed(&outsider));
}

#[test]
fn delete_removes_the_selection_with_its_ties() {
    let mut h = harness(sample());
    let id = h.state().doc.network().actors()[0].id().to_string();
    let ties_before = h.state().doc.network().ties().len();
    let touching = h.state().doc.network().ties_of(&id.as_str().into()).count();
    let p = screen_of(&h, &id);
    click(&mut h, p, Modifiers::NONE);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().doc.network().actor(&id.as_str().into()).is_none());
    assert_eq!(h.state().doc.network().ties().len(), ties_before - touching);
}

#[test]
fn copy_paste_and_duplicate_make_new_actors_in_one_undo_step() {
    let mut h = harness(sample());
    let n = h.state().doc.network().actors().len();
    let id = h.state().doc.network().actors()[0].id().to_string();
    let p = screen_of(&h, &id);
    click(&mut h, p, Modifiers::NONE);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().actors().len(),
        n + 1,
        "Ctrl+D duplicates"
    );
    h.event(Event::Copy);
    h.run_steps(1);
    h.event(Event::Paste(String::new()));
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().actors().len(),
        n + 2,
        "copy then paste adds another"
    );
    assert_eq!(
        h.state().canvas.selected.len(),
        1,
        "the pasted actor is selected"
    );
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(1);
    }
    assert_eq!(h.state().doc.network().actors().len(), n);
}

/// Steps frames until `done` holds: a bounded number of steps, each with a
/// short sleep so the analysis thread can run. Not a timing assertion: the
/// bound only stops a broken build from hanging.
fn step_until(
    h: &mut Harness<'static, BridgeworkApp>,
    what: &str,
    done: impl Fn(&Harness<'static, BridgeworkApp>) -> bool,
) {
    // Generous: a debug build on a loaded 2-core machine can take a minute
    // for what takes seconds alone.
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(180) {
        h.step();
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("gave up waiting for {what}");
}

/// The actor with the highest betweenness, as the analysis library says
/// (steps counted, the map's default analysis view).
fn top_by_betweenness(net: &Network) -> bridgework::model::ActorId {
    use bridgework::analysis::{Control, PathLength, betweenness};
    use bridgework::model::{AnalysisView, ViewOptions};
    let view = AnalysisView::new(net, &ViewOptions::default());
    let b = betweenness(&view, PathLength::Hops, &Control::none()).unwrap();
    let best = (0..b.raw.len())
        .max_by(|&x, &y| b.raw[x].total_cmp(&b.raw[y]).then(y.cmp(&x)))
        .unwrap();
    view.id(best).unwrap().clone()
}

fn pick_size_by(h: &mut Harness<'static, BridgeworkApp>, label: &str) {
    use egui::accesskit::Role;
    h.get_by_role_and_label(Role::ComboBox, "Size by:").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, label).click();
    h.step();
}

#[test]
fn size_by_betweenness_runs_off_the_ui_thread_and_follows_edits() {
    use bridgework::app::Command;
    use bridgework::edit::Edit;
    let mut h = harness(sample());
    assert!(
        h.state().canvas.sizes().is_none(),
        "sized by perceived influence at first"
    );
    h.get_by_label("Size: perceived influence");

    pick_size_by(&mut h, "Betweenness");
    step_until(&mut h, "betweenness sizes", |h| {
        h.state().canvas.sizes().is_some()
    });
    let top = top_by_betweenness(h.state().doc.network());
    let sizes = h.state().canvas.sizes().unwrap();
    assert_eq!(sizes.len(), h.state().doc.network().actors().len());
    assert!(sizes.values().all(|s| (0.0..=1.0).contains(s)));
    assert_eq!(sizes[&top], 1.0, "the top broker is drawn largest");
    h.run_steps(1);
    h.get_by_label("Size: betweenness");

    // Removing the top broker: the old sizes stay until the new ones
    // arrive, then the new top broker is the largest.
    h.state_mut()
        .command(Command::edit(Edit::RemoveActors(vec![top.clone()])));
    h.run_steps(2);
    assert!(
        h.state().canvas.sizes().unwrap().contains_key(&top),
        "old sizes stay on screen meanwhile"
    );
    step_until(&mut h, "sizes for the edited map", |h| {
        h.state()
            .canvas
            .sizes()
            .is_some_and(|s| !s.contains_key(&top))
    });
    let next = top_by_betweenness(h.state().doc.network());
    assert_ne!(next, top);
    assert_eq!(h.state().canvas.sizes().unwrap()[&next], 1.0);
    h.get_by_label("Size: betweenness");

    // Back to perceived influence: no sizes.
    pick_size_by(&mut h, "Perceived influence");
    h.run_steps(2);
    assert!(h.state().canvas.sizes().is_none());
    h.get_by_label("Size: perceived influence");
}

#[test]
fn a_long_sizing_job_shows_progress_can_be_cancelled_and_ignores_moves() {
    use bridgework::app::Command;
    use bridgework::edit::Edit;
    use bridgework::generate::{GenerateOptions, generate};
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    // Big enough that betweenness takes seconds in a test build, against a
    // fraction of a second for the progress bar to show.
    let mut h = harness(generate(&GenerateOptions {
        actors: 3000,
        ..GenerateOptions::default()
    }));
    pick_size_by(&mut h, "Betweenness");
    step_until(&mut h, "the progress bar", |h| {
        h.query_by_label("Cancel").is_some()
    });
    h.get_by_label("working out betweenness…");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.query_by_label("Cancel").is_none(), "nothing runs");
    assert!(
        h.state().canvas.sizes().is_none(),
        "the picture is as it was"
    );
    h.get_by_label("Size: perceived influence");
    let combo = h.get_by_role_and_label(Role::ComboBox, "Size by:");
    assert_eq!(
        combo.accesskit_node().value().as_deref(),
        Some("Perceived influence"),
        "the choice went back to what the picture shows"
    );
    h.run_steps(30);
    assert!(h.query_by_label("Cancel").is_none(), "nor starts by itself");

    // Run it to the end this time.
    pick_size_by(&mut h, "Betweenness");
    step_until(&mut h, "betweenness sizes", |h| {
        h.state().canvas.sizes().is_some()
    });
    let sizes = h.state().canvas.sizes().unwrap().clone();
    // Moving an actor cannot change betweenness: nothing runs again (a run
    // would show its progress bar for seconds) and the sizes stand.
    let a = h.state().doc.network().actors()[0].clone();
    let key = h.state().doc.content_key();
    let moved = [a.x.unwrap_or(0.0) + 30.0, a.y.unwrap_or(0.0) + 20.0];
    h.state_mut().command(Command::edit(Edit::MoveActors(vec![(
        a.id().clone(),
        Some(moved),
    )])));
    h.step();
    assert_ne!(h.state().doc.content_key(), key, "the map changed");
    for _ in 0..60 {
        h.step();
        assert!(
            h.query_by_label("Cancel").is_none(),
            "no analysis after a move"
        );
    }
    assert_eq!(h.state().canvas.sizes(), Some(&sizes));
    assert!(h.query_by_label("from before the last change").is_none());

    // A new tie does change it: the job runs again, with the old sizes
    // and a note in the legend meanwhile.
    let (from, to) = {
        let actors = h.state().doc.network().actors();
        (actors[1].id().clone(), actors[2].id().clone())
    };
    let id = h.state().doc.network().fresh_tie_id();
    h.state_mut().command(Command::edit(Edit::AddTie {
        position: None,
        tie: bridgework::model::Tie::new(id, from, to, "collaboration", false),
    }));
    step_until(&mut h, "the rerun", |h| {
        h.query_by_label("Cancel").is_some()
    });
    h.get_by_label("from before the last change; updating…");
    assert_eq!(h.state().canvas.sizes(), Some(&sizes));
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(
        h.state().canvas.sizes(),
        Some(&sizes),
        "cancelling a rerun keeps the last sizes"
    );
    h.get_by_label("Size: betweenness");
    h.get_by_label("from before the last change");
}

#[test]
fn multi_select_edits_the_shared_fields_in_one_undo_step() {
    let mut h = harness(sample());
    let net = &h.state().doc.network();
    let first = net.actors()[0].clone();
    let other = net
        .actors()
        .iter()
        .find(|x| x.sector != first.sector)
        .unwrap()
        .clone();
    let (pa, pb) = (
        screen_of(&h, first.id().as_str()),
        screen_of(&h, other.id().as_str()),
    );
    click(&mut h, pa, Modifiers::NONE);
    h.event(Event::ModifiersChanged(Modifiers::COMMAND));
    click(&mut h, pb, Modifiers::COMMAND);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(2);
    assert_eq!(h.state().canvas.selected.len(), 2);
    // Whoever the clicks picked (actors may overlap on screen).
    let picked: Vec<_> = h
        .state()
        .canvas
        .selected
        .iter()
        .map(|id| h.state().doc.network().actor(id).unwrap().clone())
        .collect();
    let (a, b) = (picked[0].clone(), picked[1].clone());
    h.get_by_label("2 actors selected");
    // The sectors differ, so the sector box says so; the stance box too if
    // theirs differ.
    assert!(h.query_all_by_value("(mixed)").count() >= 1);
    // Set both to "opposed" from the stance box.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Stance")
        .click();
    h.run_steps(2);
    h.get_by_label("opposed").click();
    h.run_steps(2);
    let net = &h.state().doc.network();
    for id in [a.id(), b.id()] {
        assert_eq!(
            net.actor(id).unwrap().stance,
            bridgework::model::Stance::Opposed
        );
    }
    // One undo puts both back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let net = &h.state().doc.network();
    assert_eq!(net.actor(a.id()).unwrap().stance, a.stance);
    assert_eq!(net.actor(b.id()).unwrap().stance, b.stance);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn typing_a_name_letter_by_letter_is_one_undo_step() {
    let mut h = harness(sample());
    let id = h.state().doc.network().actors()[0].id().to_string();
    let name = h.state().doc.network().actors()[0].name.clone();
    let p = screen_of(&h, &id);
    click(&mut h, p, Modifiers::NONE);
    double_click(&mut h, p);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    for c in "Ann".chars() {
        h.event(Event::Text(c.to_string()));
        h.run_steps(1);
    }
    h.run_steps(1);
    assert_eq!(h.state().doc.network().actors()[0].name, "Ann");
    let corner = h.state().canvas.last_rect.unwrap().left_top() + egui::vec2(5.0, 5.0);
    click(&mut h, corner, Modifiers::NONE);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.network().actors()[0].name, name);
    assert!(!h.state().doc.is_dirty());
}

// ---- Tables of actors and ties; map settings ----

fn names_in_table_order(h: &Harness<'static, BridgeworkApp>) -> Vec<String> {
    let app = h.state();
    app.tables
        .actor_order()
        .iter()
        .map(|id| app.doc.network().actor(id).unwrap().name.clone())
        .collect()
}

fn open_tables(h: &mut Harness<'static, BridgeworkApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_steps(3);
    assert!(h.state().tables.open, "Ctrl+T opens the tables");
}

#[test]
fn the_actor_table_sorts_by_a_column_and_filters() {
    let mut h = harness(sample());
    open_tables(&mut h);
    let map_order: Vec<String> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .map(|a| a.name.clone())
        .collect();
    assert_eq!(names_in_table_order(&h), map_order, "map order at first");

    h.get_by_role_and_label(egui::accesskit::Role::Button, "Name")
        .click();
    h.run_steps(2);
    let mut ascending = map_order.clone();
    ascending.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names_in_table_order(&h), ascending, "A to Z");
    // The first row drawn is the first name.
    assert!(
        h.query_by_label(&format!("Name of {}", ascending[0]))
            .is_some()
    );

    h.get_by_role_and_label(egui::accesskit::Role::Button, "Name")
        .click();
    h.run_steps(2);
    let descending: Vec<String> = ascending.iter().rev().cloned().collect();
    assert_eq!(names_in_table_order(&h), descending, "Z to A");

    h.get_by_role_and_label(egui::accesskit::Role::Button, "Name")
        .click();
    h.run_steps(2);
    assert_eq!(
        names_in_table_order(&h),
        map_order,
        "a third click is map order"
    );

    // Sort by tie count, most first: counts never increase down the table.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Ties")
        .click();
    h.run_steps(1);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Ties")
        .click();
    h.run_steps(2);
    let net = &h.state().doc.network();
    let counts: Vec<usize> = h
        .state()
        .tables
        .actor_order()
        .iter()
        .map(|id| net.ties_of(id).count())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    // Filter: every word, any column, any case.
    h.get_by_label("Filter actors").click();
    h.run_steps(1);
    h.event(Event::Text("CASTLEGATE gp".into()));
    h.run_steps(2);
    let expected: Vec<String> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .filter(|a| {
            let all = format!("{} {} {}", a.name, a.organisation, a.role).to_lowercase();
            all.contains("castlegate") && all.contains("gp")
        })
        .map(|a| a.name.clone())
        .collect();
    assert!(!expected.is_empty());
    let mut shown = names_in_table_order(&h);
    shown.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(shown, expected_sorted);
    h.get_by_label("Clear the filter").click();
    h.run_steps(2);
    assert_eq!(names_in_table_order(&h).len(), map_order.len());
    h.get_by_label("Filter actors").click();
    h.run_steps(1);
    h.event(Event::Text("zzz".into()));
    h.run_steps(2);
    assert!(names_in_table_order(&h).is_empty());
    assert!(h.query_by_label("No actors match “zzz”.").is_some());
}

#[test]
fn typing_in_a_table_cell_edits_the_actor_in_one_undo_step() {
    let mut h = harness(sample());
    open_tables(&mut h);
    let actor = h.state().doc.network().actors()[0].clone();
    h.get_by_label(&format!("Organisation of {}", actor.name))
        .click();
    h.run_steps(2);
    assert!(
        h.state().canvas.selected.contains(actor.id()),
        "editing a row selects its actor"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Riverside".into()));
    h.run_steps(2);
    h.event(Event::Text(" PCN hub".into()));
    h.run_steps(2);
    assert_eq!(
        h.state()
            .doc
            .network()
            .actor(actor.id())
            .unwrap()
            .organisation,
        "Riverside PCN hub"
    );
    assert!(h.state().tables.is_editing());
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(!h.state().tables.is_editing(), "Enter ends the edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().actor(actor.id()).unwrap(),
        &actor,
        "one undo takes back the whole cell"
    );
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn an_empty_name_in_the_table_is_not_applied() {
    let mut h = harness(sample());
    open_tables(&mut h);
    let actor = h.state().doc.network().actors()[0].clone();
    h.get_by_label(&format!("Name of {}", actor.name)).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().actor(actor.id()).unwrap().name,
        actor.name,
        "the map keeps the name while the cell is empty"
    );
    h.event(Event::Text("Dr A. Okafor".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().actor(actor.id()).unwrap().name,
        "Dr A. Okafor"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().actor(actor.id()).unwrap().name,
        actor.name
    );
}

#[test]
fn the_tie_table_edits_direction_and_selects_rows() {
    let mut h = harness(sample());
    open_tables(&mut h);
    h.get_by_label("Ties table").click();
    h.run_steps(3);
    let net = &h.state().doc.network();
    let tie = h.state().tables.tie_order()[0].clone();
    let t = net.tie(&tie).unwrap().clone();
    let name = |id| net.actor(id).unwrap().name.clone();
    let what = format!("the tie {} – {}", name(t.from()), name(t.to()));
    h.get_by_label(&format!("Directed: {what}")).click();
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network().tie(&tie).unwrap().directed,
        !t.directed
    );
    h.get_by_label(&format!("Show {what} on the map")).click();
    h.run_steps(2);
    assert!(h.state().canvas.selected_ties.contains(&tie));
    assert!(h.state().canvas.selected.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.network().tie(&tie).unwrap(), &t);
}

#[test]
fn the_row_button_selects_the_actor_on_the_map() {
    let mut h = harness(sample());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Tables")
        .click();
    h.run_steps(3);
    assert!(h.state().tables.open, "the toolbar button opens the tables");
    let actor = h.state().doc.network().actors()[1].clone();
    h.get_by_label(&format!("Show {} on the map", actor.name))
        .click();
    h.run_steps(2);
    let selected: Vec<_> = h.state().canvas.selected.iter().cloned().collect();
    assert_eq!(selected, [actor.id().clone()]);
}

fn open_settings(h: &mut Harness<'static, BridgeworkApp>, page: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Map")
        .click();
    h.run_steps(2);
    h.get_by_label("Map settings…").click();
    h.run_steps(3);
    assert!(h.state().settings.open);
    h.get_by_label(&format!("{page} page")).click();
    h.run_steps(2);
}

fn in_sector(h: &Harness<'static, BridgeworkApp>, sector: &str) -> Vec<String> {
    h.state()
        .doc
        .network()
        .actors()
        .iter()
        .filter(|a| a.sector == sector)
        .map(|a| a.id().to_string())
        .collect()
}

#[test]
fn renaming_a_sector_in_map_settings_moves_its_actors_and_undoes() {
    let mut h = harness(sample());
    let before = h.state().doc.network().clone();
    let gps = in_sector(&h, "primary care");
    assert!(!gps.is_empty());
    open_settings(&mut h, "Sectors");
    h.get_by_label("Name of sector “primary care”").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("general practice".into()));
    h.run_steps(2);
    assert!(
        h.state().doc.network().sector("primary care").is_some(),
        "not renamed while typing"
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    let net = &h.state().doc.network();
    assert!(net.sector("primary care").is_none());
    assert_eq!(in_sector(&h, "general practice"), gps);
    assert_eq!(
        net.sectors[0].name, "general practice",
        "keeps its place in the list"
    );
    assert_eq!(
        h.state().doc.history().undo_label(),
        Some("Rename sector “primary care” to “general practice”")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        *h.state().doc.network(),
        before,
        "undo restores the map exactly"
    );
}

#[test]
fn map_settings_refuse_a_duplicate_sector_name() {
    let mut h = harness(sample());
    let before = h.state().doc.network().clone();
    open_settings(&mut h, "Sectors");
    h.get_by_label("Name of sector “primary care”").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Hospital Care".into()));
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("There is already a sector named “hospital care”")
            .is_some(),
        "the problem is shown beside the field"
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(*h.state().doc.network(), before, "nothing was applied");
    assert!(!h.state().doc.history().can_undo());
    // Adding a sector by a taken name is refused too; a new name is added.
    h.get_by_label("New sector name").click();
    h.run_steps(1);
    h.event(Event::Text("social care".into()));
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("There is already a sector named “social care”; not added")
            .is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("pharmacy".into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let net = &h.state().doc.network();
    assert_eq!(net.sectors.len(), before.sectors.len() + 1);
    assert_eq!(net.sectors.last().unwrap().name, "pharmacy");
}

#[test]
fn removing_a_used_sector_warns_moves_its_actors_and_undoes() {
    let mut h = harness(sample());
    let before = h.state().doc.network().clone();
    let moved = in_sector(&h, "mental health");
    assert!(!moved.is_empty());
    open_settings(&mut h, "Sectors");
    h.get_by_label("Remove sector “mental health”").click();
    h.run_steps(2);
    assert_eq!(
        *h.state().doc.network(),
        before,
        "nothing happens before confirming"
    );
    assert!(h.query_by_label("Remove sector “mental health”?").is_some());
    assert!(
        h.query_by_label(&format!("{} actors use it.", moved.len()))
            .is_some(),
        "the warning says how many actors use it"
    );
    h.get_by_label(&format!("Remove and move {} actors", moved.len()))
        .click();
    h.run_steps(3);
    let net = &h.state().doc.network();
    assert!(net.sector("mental health").is_none());
    let first = net.sectors[0].name.clone();
    for id in &moved {
        assert_eq!(net.actor(&id.as_str().into()).unwrap().sector, first);
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(*h.state().doc.network(), before);
}

#[test]
fn renaming_the_kind_for_new_ties_keeps_new_ties_working() {
    let mut h = harness(sample());
    open_settings(&mut h, "Tie kinds");
    h.get_by_label("Name of tie kind “collaboration”").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("works with".into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().doc.network().tie_kind("works with").is_some());
    assert_eq!(h.state().session.new_tie_kind, "works with");
    // Undoing the rename: the kind for new ties falls back to a kind of the map.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let app = h.state();
    assert!(
        app.doc
            .network()
            .tie_kind(&app.session.new_tie_kind)
            .is_some()
    );
}

#[test]
fn the_map_title_edits_in_one_undo_step() {
    let mut h = harness(sample());
    let title = h.state().doc.network().title.clone();
    open_settings(&mut h, "Map");
    h.get_by_label("Map title").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Eastvale".into()));
    h.run_steps(1);
    h.event(Event::Text(" frailty network".into()));
    h.run_steps(2);
    assert_eq!(h.state().doc.network().title, "Eastvale frailty network");
    h.key_press(Key::Enter);
    h.run_steps(1);
    // Close the dialog, then undo.
    h.get_by_label("Close window").click();
    h.run_steps(2);
    assert!(!h.state().settings.open);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.network().title, title);
}

#[test]
fn a_new_actors_name_is_selected_so_typing_replaces_it() {
    let mut h = harness(sample());
    let before = h.state().doc.network().actors().len();
    let spot = h.state().canvas.last_rect.unwrap().left_bottom() + egui::vec2(40.0, -40.0);
    double_click(&mut h, spot);
    assert_eq!(h.state().doc.network().actors().len(), before + 1);
    for c in "Zara Quinn".chars() {
        h.event(Event::Text(c.to_string()));
        h.run_steps(1);
    }
    h.key_press(Key::Enter);
    h.run_steps(2);
    let added = h.state().doc.network().actors().last().unwrap();
    assert_eq!(added.name, "Zara Quinn");
}

/// A file dropped on the window, as the native integration hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'static, BridgeworkApp>, path: &std::path::Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    h.run_steps(3);
    wait_for_open(h);
}

/// Steps until the file being opened (on its thread) is in place.
fn wait_for_open(h: &mut Harness<'static, BridgeworkApp>) {
    let started = std::time::Instant::now();
    while h.state().opening().is_some() {
        assert!(started.elapsed().as_secs() < 120, "the open never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run_steps(2);
}

#[test]
fn dropping_a_sample_opens_it_and_a_broken_file_leaves_the_map_alone() {
    let mut h = harness(sample());
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_networks")
        .join("frailty_discharge.json");
    drop_file(&mut h, &sample);
    assert_eq!(
        h.state().doc.network().title,
        "Calderbrook frailty and discharge system"
    );
    assert_eq!(h.state().doc.path(), Some(sample.as_path()));
    let actors = h.state().doc.network().actors().len();
    // A truncated copy: an error in the app, and the open map untouched.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    let text = std::fs::read_to_string(&sample).unwrap();
    std::fs::write(&broken, &text[..text.len() / 2]).unwrap();
    drop_file(&mut h, &broken);
    h.get_by_label_contains("broken.json");
    h.get_by_label_contains("The open map is unchanged.");
    assert_eq!(h.state().doc.network().actors().len(), actors);
    assert_eq!(h.state().doc.path(), Some(sample.as_path()));
}

#[test]
fn selecting_a_tie_with_an_imported_strength_outside_1_to_5_keeps_it() {
    let mut net = sample();
    let id = net.ties()[0].id().clone();
    net.tie_mut(&id).unwrap().strength = 17.0;
    let mut h = harness(net);
    h.state_mut().canvas.selected_ties.insert(id.clone());
    h.run_steps(3);
    h.get_by_label("Tie");
    assert_eq!(h.state().doc.network().tie(&id).unwrap().strength, 17.0);
    assert!(!h.state().doc.is_dirty(), "showing a tie is not an edit");
}

#[test]
fn export_shareable_copy_leaves_out_private_fields_and_keeps_the_document_file() {
    let mut h = harness(sample());
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full.json");
    let shared = dir.path().join("shared.json");
    h.state_mut().command(bridgework::app::Command::ExportTo {
        path: full.clone(),
        shareable: false,
    });
    h.state_mut().command(bridgework::app::Command::ExportTo {
        path: shared.clone(),
        shareable: true,
    });
    h.run_steps(2);
    let read = |p: &std::path::Path| {
        bridgework::io::load(p, &bridgework::io::ImportOptions::default())
            .unwrap()
            .network
    };
    let (full, shared) = (read(&full), read(&shared));
    assert_eq!(full.actors().len(), shared.actors().len());
    use bridgework::model::{ActorField, Stance};
    let mut private_stances = 0;
    for a in full.actors() {
        let s = shared.actor(a.id()).unwrap();
        if a.is_private(ActorField::Stance) {
            assert_eq!(s.stance, Stance::Unknown, "{}", a.name);
            private_stances += usize::from(a.stance != Stance::Unknown);
        } else {
            assert_eq!(s.stance, a.stance);
        }
        if a.is_private(ActorField::Notes) {
            assert!(s.notes.is_empty(), "{}", a.name);
        }
    }
    assert!(private_stances > 0, "the sample has private stances");
    assert!(full.actors().iter().any(|a| !a.notes.is_empty()));
    assert_eq!(h.state().doc.path(), None, "exporting is not saving");
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn a_hidden_sector_stays_hidden_through_rename_undo_and_redo() {
    let mut h = harness(sample());
    let gps: std::collections::HashSet<_> = in_sector(&h, "primary care").into_iter().collect();
    // Untick "primary care" in the legend (its first box).
    h.get_all_by_role(egui::accesskit::Role::CheckBox)
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    let hidden = |h: &Harness<'static, BridgeworkApp>| -> std::collections::HashSet<String> {
        h.state()
            .canvas
            .hidden()
            .iter()
            .map(|id| id.to_string())
            .collect()
    };
    assert_eq!(hidden(&h), gps);
    open_settings(&mut h, "Sectors");
    h.get_by_label("Name of sector “primary care”").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("general practice".into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().doc.network().sector("general practice").is_some());
    assert_eq!(hidden(&h), gps, "hidden after the rename");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(h.state().doc.network().sector("primary care").is_some());
    assert_eq!(hidden(&h), gps, "still hidden after undo");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(3);
    assert!(h.state().doc.network().sector("general practice").is_some());
    assert_eq!(hidden(&h), gps, "still hidden after redo");
}

// ---- The tables follow the map's selection; columns resize ----

/// A generated map of 1,000 actors where the first actor, the 901st and
/// the ends of the last tie have names no other actor has.
fn big_map() -> Network {
    let mut n = bridgework::generate::generate(&bridgework::generate::GenerateOptions {
        actors: 1000,
        ..Default::default()
    });
    n.actor_mut(&"a1".into()).unwrap().name = "Aaron First".into();
    n.actor_mut(&"a901".into()).unwrap().name = "Zuzana Far-Down".into();
    let last = n.ties().last().unwrap().clone();
    n.actor_mut(last.from()).unwrap().name = "Tess Tail".into();
    n.actor_mut(last.to()).unwrap().name = "Tom Tail".into();
    n
}

/// The rectangle of the widget labelled `label`, if it is drawn and lies
/// wholly in the rows area of the table whose first column is `first`
/// (below the header, above the status bar).
fn in_table_view(
    h: &Harness<'static, BridgeworkApp>,
    first: &str,
    label: &str,
) -> Option<egui::Rect> {
    let rect = h.query_by_label(label)?.rect();
    let header = h
        .get_by_role_and_label(egui::accesskit::Role::Button, first)
        .rect();
    let status = h.get_by_label_contains("actors ·").rect();
    (rect.top() >= header.bottom() && rect.bottom() <= status.top()).then_some(rect)
}

fn wheel(h: &mut Harness<'static, BridgeworkApp>, over: Pos2, dy: f32) {
    h.event(Event::PointerMoved(over));
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(30);
}

#[test]
fn selecting_an_actor_on_the_map_scrolls_the_table_to_its_row_once() {
    let mut h = harness(big_map());
    open_tables(&mut h);
    let far = "Name of Zuzana Far-Down";
    assert!(h.query_by_label(far).is_none(), "row 901 is far below");
    // As a click on the canvas, or search + Enter, would.
    h.state_mut().canvas.selected = ["a901".into()].into_iter().collect();
    h.run_steps(30);
    let row = in_table_view(&h, "Name", far).expect("the table scrolled to the selected row");

    // The user scrolls away: the table stays where they put it.
    wheel(&mut h, row.center(), 600.0);
    assert!(
        in_table_view(&h, "Name", far).is_none(),
        "scrolled away by the user"
    );
    h.run_steps(10);
    assert!(
        in_table_view(&h, "Name", far).is_none(),
        "and not pulled back"
    );

    // Sorting moves the row; with no new selection the table keeps still.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Name")
        .click();
    h.run_steps(10);
    assert!(
        in_table_view(&h, "Name", far).is_none(),
        "sorting does not scroll"
    );

    // Selecting it again (another actor, then it) scrolls again, in the
    // sorted order.
    h.state_mut().canvas.selected = ["a2".into()].into_iter().collect();
    h.run_steps(3);
    h.state_mut().canvas.selected = ["a901".into()].into_iter().collect();
    h.run_steps(30);
    assert!(
        in_table_view(&h, "Name", far).is_some(),
        "found in the sorted table"
    );
}

#[test]
fn picking_a_row_in_the_table_does_not_scroll_the_table() {
    let mut h = harness(big_map());
    open_tables(&mut h);
    let button = "Show Aaron First on the map";
    let first = h.get_by_label(button).rect();
    // Scroll a few points, so that the first row is cut by the header.
    wheel(&mut h, first.center() + egui::vec2(200.0, 40.0), -6.0);
    let cut = h.get_by_label(button).rect();
    // The first row started at the top of the rows area.
    assert!(
        cut.top() < first.top() - 3.0,
        "scrolled {first:?} → {cut:?}"
    );
    // Click its visible part: it is selected, and the table keeps still
    // (following the selection would bring the whole row into view).
    click(
        &mut h,
        egui::pos2(cut.center().x, cut.bottom() - 3.0),
        Modifiers::NONE,
    );
    h.run_steps(30);
    let selected: Vec<_> = h.state().canvas.selected.iter().cloned().collect();
    assert_eq!(selected, ["a1".into()]);
    assert_eq!(h.get_by_label(button).rect(), cut, "the table kept still");
}

#[test]
fn a_selected_actor_hidden_by_the_filter_is_reported_not_scrolled_to() {
    let mut h = harness(big_map());
    open_tables(&mut h);
    h.get_by_label("Filter actors").click();
    h.run_steps(1);
    h.event(Event::Text("aaron first".into()));
    h.run_steps(2);
    assert_eq!(h.state().tables.actor_order(), ["a1".into()]);
    h.state_mut().canvas.selected = ["a901".into()].into_iter().collect();
    h.run_steps(3);
    assert!(
        h.query_by_label("selected actor hidden by the filter")
            .is_some()
    );
    h.state_mut().canvas.selected = ["a1".into(), "a901".into()].into_iter().collect();
    h.run_steps(3);
    assert!(
        h.query_by_label("1 of 2 selected actors hidden by the filter")
            .is_some()
    );
    h.get_by_label("Clear the filter").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("hidden by the filter").is_none(),
        "no note without a filter"
    );
}

#[test]
fn the_ties_table_shows_a_tie_selected_on_the_map() {
    let mut h = harness(big_map());
    open_tables(&mut h);
    let tie = h.state().doc.network().ties().last().unwrap().id().clone();
    h.state_mut().canvas.selected_ties = [tie].into_iter().collect();
    h.run_steps(3);
    // Selected while the actors table was shown: the ties table follows
    // when it is opened.
    h.get_by_label("Ties table").click();
    h.run_steps(30);
    let label = "Directed: the tie Tess Tail – Tom Tail";
    assert!(in_table_view(&h, "From", label).is_some());
}

#[test]
fn dragging_a_column_edge_resizes_it_and_a_double_click_fits_it() {
    let mut h = harness(sample());
    open_tables(&mut h);
    let name = h.state().doc.network().actors()[0].name.clone();
    let cell =
        |h: &Harness<'static, BridgeworkApp>| h.get_by_label(&format!("Name of {name}")).rect();
    let before = cell(&h).width();
    assert_eq!(h.state().tables.actor_column_widths()[0], None, "automatic");
    let edge = h.get_by_label("Resize the Name column").rect().center();
    drag(&mut h, edge, edge + egui::vec2(80.0, 0.0), Modifiers::NONE);
    let wider = h.state().tables.actor_column_widths()[0].expect("a width set by the drag");
    assert!(
        (wider - (before + 80.0)).abs() < 1.0,
        "{before} + 80 → {wider}"
    );
    assert!((cell(&h).width() - wider).abs() < 1.0, "the cells follow");
    let edge = h.get_by_label("Resize the Name column").rect().center();
    drag(&mut h, edge, edge - egui::vec2(140.0, 0.0), Modifiers::NONE);
    let narrow = h.state().tables.actor_column_widths()[0].unwrap();
    assert!(
        (narrow - (wider - 140.0)).abs() < 1.0,
        "{wider} - 140 → {narrow}"
    );

    // Double-click the edge (where it is now): the column fits its
    // widest content, the longest name of the sample.
    let edge = h.get_by_label("Resize the Name column").rect().center();
    double_click(&mut h, edge);
    let fitted = h.state().tables.actor_column_widths()[0].expect("a fitted width");
    assert!((cell(&h).width() - fitted).abs() < 1.0);
    let longest = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .map(|a| {
            let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
            h.ctx
                .fonts_mut(|f| f.layout_no_wrap(a.name.clone(), font, egui::Color32::WHITE))
                .size()
                .x
        })
        .fold(0.0, f32::max);
    assert!(
        fitted > longest && fitted < longest + 40.0,
        "fitted {fitted} for a longest name of {longest}"
    );

    // Right-click the edge: every column back to automatic.
    h.get_by_label("Resize the Name column").click_secondary();
    h.run_steps(2);
    h.get_by_label("Automatic width for every column").click();
    h.run_steps(2);
    assert!(
        h.state()
            .tables
            .actor_column_widths()
            .iter()
            .all(Option::is_none)
    );
    assert!((cell(&h).width() - before).abs() < 1.0);
}

// ---- Issue 8: the editor as new users met it ----

fn sample_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_networks")
        .join(name)
}

/// A harness on `app`; a file it starts on is read (on its thread) before
/// this returns, however loaded the machine.
fn harness_for(app: BridgeworkApp) -> Harness<'static, BridgeworkApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut BridgeworkApp| app.frame_ui(ui), app);
    h.run_steps(3);
    wait_for_open(&mut h);
    h
}

/// The screen rectangles of the legend's sector rows (their boxes).
fn legend_boxes(h: &Harness<'static, BridgeworkApp>) -> Vec<egui::Rect> {
    h.get_all_by_role(egui::accesskit::Role::CheckBox)
        .map(|n| n.rect())
        .collect()
}

#[test]
fn unticking_a_legend_box_leaves_every_row_where_it_was() {
    let mut h = harness(sample());
    let before = legend_boxes(&h);
    let boxes: Vec<_> = h.get_all_by_role(egui::accesskit::Role::CheckBox).collect();
    boxes[1].click();
    h.run_steps(3);
    assert!(
        !h.state().canvas.hidden().is_empty(),
        "the box hid a sector"
    );
    let after = legend_boxes(&h);
    assert_eq!(before, after, "no row moved when Show all became active");
}

#[test]
fn alt_click_and_right_click_show_only_one_sector() {
    let mut h = harness(sample());
    let net = &h.state().doc.network();
    let listed: Vec<String> = net
        .sectors
        .iter()
        .filter(|s| net.actors().iter().any(|a| a.sector == s.name))
        .map(|s| s.name.clone())
        .collect();
    let second = listed[1].clone();
    let only_second = |h: &Harness<'static, BridgeworkApp>| {
        let net = &h.state().doc.network();
        let shown: std::collections::BTreeSet<String> = net
            .actors()
            .iter()
            .filter(|a| !h.state().canvas.hidden().contains(a.id()))
            .map(|a| a.sector.clone())
            .collect();
        shown.into_iter().collect::<Vec<_>>() == vec![second.clone()]
    };
    // Alt-click the second sector's box.
    let rect = legend_boxes(&h)[1];
    h.event(Event::ModifiersChanged(Modifiers::ALT));
    click(&mut h, rect.center(), Modifiers::ALT);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(2);
    assert!(only_second(&h), "Alt-click shows only that sector");
    h.get_by_label("Show all").click();
    h.run_steps(2);
    assert!(h.state().canvas.hidden().is_empty());
    // Right-click its name: Show only this.
    h.get_by_label_contains(&format!("{second} ("))
        .click_secondary();
    h.run_steps(2);
    h.get_by_label("Show only this").click();
    h.run_steps(2);
    assert!(only_second(&h), "the row's menu shows only that sector");
}

#[test]
fn the_map_keeps_its_place_when_the_side_panels_change() {
    let mut h = harness(sample());
    let start = h.state().canvas.last_rect.unwrap();
    // Select an actor (the inspector fills with fields) and then a tie.
    let id = h.state().doc.network().actors()[0].id().clone();
    h.state_mut().canvas.selected = [id].into_iter().collect();
    h.run_steps(3);
    assert_eq!(h.state().canvas.last_rect.unwrap(), start, "actor selected");
    let tie = h.state().doc.network().ties()[0].id().clone();
    h.state_mut().canvas.selected.clear();
    h.state_mut().canvas.selected_ties = [tie.clone()].into_iter().collect();
    h.run_steps(3);
    assert_eq!(h.state().canvas.last_rect.unwrap(), start, "tie selected");
    // A new tie kind with a long name appears in the legend.
    let mut kinds = h.state().doc.network().tie_kinds.clone();
    let mut long = kinds[0].clone();
    long.name = "joint commissioning and pooled budget arrangements".to_owned();
    kinds.push(long.clone());
    let mut t = h.state().doc.network().tie(&tie).unwrap().clone();
    t.kind = long.name.clone();
    h.state_mut().command(bridgework::app::Command::edit(
        bridgework::edit::Edit::Batch(vec![
            bridgework::edit::Edit::SetTieKinds(kinds),
            bridgework::edit::Edit::UpdateTie(t),
        ]),
    ));
    h.run_steps(3);
    assert!(
        h.state()
            .doc
            .network()
            .ties()
            .iter()
            .any(|t| t.kind == long.name)
    );
    assert_eq!(h.state().canvas.last_rect.unwrap(), start, "legend grew");
}

#[test]
fn quit_asks_about_unsaved_changes_and_closes_when_told() {
    let mut h = harness(sample());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    assert!(h.state().is_quitting(), "a saved map closes at once");

    let mut h = harness(sample());
    let id = h.state().doc.network().actors()[0].id().clone();
    h.state_mut().command(bridgework::app::Command::edit(
        bridgework::edit::Edit::MoveActors(vec![(id, Some([1.0, 2.0]))]),
    ));
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    assert!(!h.state().is_quitting());
    h.get_by_label_contains("Save them before quitting");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().is_quitting(), "Cancel keeps the app open");
    assert!(h.query_by_label_contains("Save them before").is_none());
    // From the File menu this time.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    h.run_steps(2);
    h.get_by_label_contains("Quit").click();
    h.run_steps(2);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert!(h.state().is_quitting(), "Don't save closes");
}

#[test]
fn starting_with_a_broken_file_opens_an_empty_map_and_says_which_file() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("our-network.json");
    std::fs::write(&broken, "{\"format\": \"bridgework\", \"actors\": [").unwrap();
    let app = BridgeworkApp::starting_with(Some(broken), Preferences::default(), None);
    let mut h = harness_for(app);
    assert_eq!(
        h.state().doc.network().actors().len(),
        0,
        "not the sample map"
    );
    assert_eq!(h.state().doc.title(), "Untitled map");
    h.get_by_label_contains("our-network.json");
    h.get_by_label_contains("started with an empty, untitled map");
    assert!(
        h.query_by_label_contains("The open map is unchanged")
            .is_none()
    );
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().problem().is_none());
}

#[test]
fn files_opened_from_the_command_line_or_dropped_are_recent() {
    let path = sample_path("frailty_discharge.json");
    let app = BridgeworkApp::starting_with(Some(path.clone()), Preferences::default(), None);
    let mut h = harness_for(app);
    let canonical = std::fs::canonicalize(&path).unwrap();
    assert_eq!(h.state().recent_files().first(), Some(&canonical));
    let other = sample_path("mental_health_crisis.json");
    drop_file(&mut h, &other);
    assert_eq!(
        h.state().recent_files().first(),
        Some(&std::fs::canonicalize(&other).unwrap())
    );
    assert_eq!(h.state().recent_files().len(), 2);
}

#[test]
fn a_recovered_map_saves_back_to_the_file_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("frailty.json");
    std::fs::copy(sample_path("frailty_discharge.json"), &map).unwrap();
    // What autosave leaves behind: the unsaved map and the file it is of.
    let recovery = dir.path().join("state").join("recovery.json");
    std::fs::create_dir_all(recovery.parent().unwrap()).unwrap();
    let mut edited = bridgework::io::load(&map, &Default::default())
        .unwrap()
        .network;
    edited.title = "Frailty, edited before the crash".to_owned();
    std::fs::write(
        &recovery,
        bridgework::io::native::to_string(&edited).unwrap(),
    )
    .unwrap();
    std::fs::write(
        recovery.with_extension("source"),
        format!("{}\n", map.display()),
    )
    .unwrap();
    let app = BridgeworkApp::new(
        Document::new(sample(), None),
        Preferences::default(),
        Some(recovery.clone()),
    );
    let mut h = harness_for(app);
    h.get_by_label_contains("frailty.json");
    h.get_by_label("Recover").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.path(), Some(map.as_path()));
    assert!(h.state().doc.is_dirty(), "recovered work is unsaved");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().doc.is_dirty(), "Ctrl+S saved without asking");
    let saved = bridgework::io::load(&map, &Default::default())
        .unwrap()
        .network;
    assert_eq!(saved.title, "Frailty, edited before the crash");
    assert!(
        !recovery.exists(),
        "the recovery file is cleared once saved"
    );
}

#[test]
fn unsaved_work_is_autosaved_with_its_file_and_cleared_once_saved() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("care.json");
    bridgework::io::save(&sample(), &map, &Default::default()).unwrap();
    let recovery = dir.path().join("state").join("recovery.json");
    let app = BridgeworkApp::new(
        Document::new(sample(), Some(map.clone())),
        Preferences::default(),
        Some(recovery.clone()),
    )
    .with_autosave_every(std::time::Duration::from_millis(200));
    let mut h = harness_for(app);
    h.run_steps(3);
    assert!(!recovery.exists(), "nothing unsaved, nothing written");
    // An edit: a frame hands a copy of the map to the autosave thread, and
    // the window goes on.
    let id = h.state().doc.network().actors()[0].id().clone();
    h.state_mut().command(bridgework::app::Command::edit(
        bridgework::edit::Edit::MoveActors(vec![(id, Some([12.0, 34.0]))]),
    ));
    step_until(&mut h, "the autosave", |_| recovery.exists());
    let written = bridgework::io::load(&recovery, &Default::default())
        .unwrap()
        .network;
    assert_eq!(&written, h.state().doc.network());
    assert_eq!(
        bridgework::io::recovery::read_source(&recovery),
        Some(map.clone())
    );
    // Saved: the recovery file goes (after any write still running).
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().doc.is_dirty());
    assert!(!recovery.exists(), "cleared once saved");
    assert!(!bridgework::io::recovery::source_path(&recovery).exists());
}

#[test]
fn the_status_bar_drops_stale_messages_and_counts_in_words() {
    let mut one = Network::new();
    one.add_actor(bridgework::model::Actor::new(
        "a1",
        "Amara Okafor",
        one.sectors[0].name.clone(),
    ))
    .unwrap();
    let mut h = harness(one);
    h.get_by_label_contains("1 actor ·");
    let id = h.state().doc.network().actors()[0].id().clone();
    let moved = |x: f64| {
        bridgework::app::Command::edit(bridgework::edit::Edit::MoveActors(vec![(
            id.clone(),
            Some([x, 0.0]),
        )]))
    };
    h.state_mut().command(moved(10.0));
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state().status_text().starts_with("Undid"),
        "{}",
        h.state().status_text()
    );
    h.state_mut().command(moved(20.0));
    h.run_steps(3);
    assert_eq!(
        h.state().status_text(),
        "",
        "the undo message went with the next edit"
    );
}

#[test]
fn digit_keys_pick_the_sector_for_new_actors_and_the_toolbar_shows_it() {
    let mut h = harness(sample());
    let second = h.state().doc.network().sectors[1].name.clone();
    h.key_press(Key::Num2);
    h.run_steps(2);
    assert_eq!(h.state().session.new_actor_sector, second);
    let shown: Vec<String> = h
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .filter_map(|n| n.value())
        .collect();
    assert!(
        shown.iter().any(|v| v.contains(&format!("2  {second}"))),
        "{shown:?}"
    );
    let centre = h.state().canvas.last_rect.unwrap().center();
    double_click(&mut h, centre + egui::vec2(37.0, 23.0));
    let added = h.state().doc.network().actors().last().unwrap().clone();
    assert_eq!(added.sector, second, "a new actor takes the sector shown");
}

#[test]
fn the_help_lists_every_shortcut_from_the_command_table() {
    let mut h = harness(sample());
    h.key_press(Key::F1);
    h.run_steps(2);
    for c in bridgework::app::UiCommand::ALL {
        if c.shortcuts().is_empty() {
            continue;
        }
        let keys = c.shortcut_text(&h.ctx);
        assert!(
            h.query_all_by_label(&keys).next().is_some(),
            "{c:?} ({keys}) missing from the help"
        );
    }
    h.get_by_label_contains("Quit");
}

#[test]
fn the_actors_table_has_a_sortable_column_for_the_size_by_measure() {
    let mut h = harness(sample());
    open_tables(&mut h);
    h.get_by_label("Measure");
    pick_size_by(&mut h, "Betweenness");
    step_until(&mut h, "betweenness sizes", |h| {
        h.state().canvas.sizes().is_some()
    });
    h.run_steps(3);
    assert!(
        h.query_by_label("Measure").is_none(),
        "the column is titled by the measure now"
    );
    // Sort by it, largest first (two clicks on its header).
    for _ in 0..2 {
        let header = h
            .query_all_by_label("Betweenness")
            .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
            .unwrap();
        header.click();
        h.run_steps(2);
    }
    let first = h.state().tables.actor_order()[0].clone();
    assert_eq!(first, top_by_betweenness(h.state().doc.network()));
}

// ---- Saving without a native dialog ----

fn edited_untitled() -> Harness<'static, BridgeworkApp> {
    harness_with(None)
}

fn harness_with(native: Option<bridgework::app::NativeDialog>) -> Harness<'static, BridgeworkApp> {
    let app = BridgeworkApp::new(Document::new(sample(), None), Preferences::default(), None)
        .with_native_dialog(native);
    let mut h = harness_for(app);
    let id = h.state().doc.network().actors()[0].id().clone();
    h.state_mut().command(bridgework::app::Command::edit(
        bridgework::edit::Edit::MoveActors(vec![(id, Some([3.0, 4.0]))]),
    ));
    h.run_steps(2);
    assert!(h.state().doc.is_dirty());
    h
}

fn name_field_focused(h: &Harness<'static, BridgeworkApp>) -> bool {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "File name:")
        .is_focused()
}

fn type_path_and_enter(h: &mut Harness<'static, BridgeworkApp>, path: &std::path::Path) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(path.display().to_string()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    wait_for_open(h);
}

#[test]
fn ctrl_s_without_a_native_dialog_opens_bridgeworks_chooser_and_saves_where_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = edited_untitled();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(name_field_focused(&h), "the name field has the keyboard");
    let target = dir.path().join("diabetes plan");
    type_path_and_enter(&mut h, &target);
    let saved = dir.path().join("diabetes plan.json");
    assert!(saved.is_file(), "saved where typed, with .json added");
    assert_eq!(h.state().doc.path(), Some(saved.as_path()));
    assert!(!h.state().doc.is_dirty());
    let back = bridgework::io::load(&saved, &Default::default()).unwrap();
    assert_eq!(back.network.actors().len(), sample().actors().len());
}

#[test]
fn cancelling_bridgeworks_chooser_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = edited_untitled();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert!(name_field_focused(&h));
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::TextInput, "File name:")
            .is_none()
    );
    assert!(h.state().doc.is_dirty(), "still unsaved");
    assert!(h.state().doc.path().is_none());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_native_dialog_that_cannot_show_falls_back_to_bridgeworks_chooser() {
    let unavailable: bridgework::app::NativeDialog =
        std::sync::Arc::new(|_: &bridgework::app::DialogSpec| {
            bridgework::app::NativeOutcome::Unavailable
        });
    let mut h = harness_with(Some(unavailable));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    step_until(&mut h, "the fallback chooser", |h| {
        h.query_by_role_and_label(egui::accesskit::Role::TextInput, "File name:")
            .is_some()
    });
    h.run_steps(2);
    assert!(name_field_focused(&h));
    assert!(
        h.state()
            .status_text()
            .contains("Bridgework is using its own"),
        "{}",
        h.state().status_text()
    );
}

#[test]
fn a_native_dialog_runs_off_the_frame_loop_and_its_choice_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chosen.json");
    let chosen = target.clone();
    let native: bridgework::app::NativeDialog =
        std::sync::Arc::new(move |spec: &bridgework::app::DialogSpec| {
            assert!(spec.save);
            // The user takes a while; the window keeps drawing meanwhile.
            std::thread::sleep(std::time::Duration::from_millis(200));
            bridgework::app::NativeOutcome::Chosen(chosen.clone())
        });
    let mut h = harness_with(Some(native));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(h.state().doc.is_dirty(), "not saved before the user chose");
    step_until(&mut h, "the native choice", |h| !h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path(), Some(target.as_path()));
    assert!(target.is_file());
}

#[test]
fn save_in_the_unsaved_changes_box_saves_an_untitled_map_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = edited_untitled();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Save")
        .click();
    h.run_steps(3);
    assert!(name_field_focused(&h), "Save asks for a name");
    assert!(!h.state().is_quitting());
    type_path_and_enter(&mut h, &dir.path().join("kept.json"));
    assert!(dir.path().join("kept.json").is_file());
    assert!(h.state().is_quitting(), "then it quits");
}

#[test]
fn saving_over_an_existing_file_in_bridgeworks_chooser_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("old.json");
    std::fs::write(&existing, "keep me").unwrap();
    let mut h = edited_untitled();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    type_path_and_enter(&mut h, &existing);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Replace")
        .click();
    h.run_steps(3);
    assert_ne!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn open_and_export_use_bridgeworks_chooser_too() {
    let mut h = harness_for(
        BridgeworkApp::new(Document::new(sample(), None), Preferences::default(), None)
            .with_native_dialog(None),
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    assert!(name_field_focused(&h));
    let frailty = sample_path("frailty_discharge.json");
    type_path_and_enter(&mut h, &frailty);
    assert_eq!(
        h.state().doc.network().title,
        "Calderbrook frailty and discharge system"
    );
    let dir = tempfile::tempdir().unwrap();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    h.run_steps(2);
    h.get_by_label_contains("Export shareable copy").click();
    h.run_steps(3);
    assert!(name_field_focused(&h));
    let out = dir.path().join("for the board.json");
    type_path_and_enter(&mut h, &out);
    let shared = bridgework::io::load(&out, &Default::default()).unwrap();
    assert!(
        shared.network.actors().iter().all(|a| a.notes.is_empty()),
        "the shareable copy has no notes"
    );
}

/// Picks `item` from the File menu and writes to `path` in Bridgework's
/// chooser.
fn export_via_chooser(h: &mut Harness<'static, BridgeworkApp>, item: &str, path: &std::path::Path) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    h.run_steps(2);
    h.get_by_label_contains(item).click();
    h.run_steps(3);
    assert!(name_field_focused(h), "{item}: the chooser asks for a name");
    type_path_and_enter(h, path);
    step_until(h, item, |h| h.state().status_text().starts_with("Exported"));
    assert!(h.state().problem().is_none());
}

#[test]
fn export_picture_and_measures_through_bridgeworks_chooser_write_the_view() {
    let mut h = harness_for(
        BridgeworkApp::new(Document::new(sample(), None), Preferences::default(), None)
            .with_native_dialog(None),
    );
    // Select an actor, so the picture shows the selection.
    let first = h.state().doc.network().actors()[0].clone();
    h.state_mut().canvas.selected.insert(first.id().clone());
    h.run_steps(2);
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("as shown.svg");
    export_via_chooser(&mut h, "Export picture", &svg);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(&format!("data-id=\"{}\"", first.id())));
    assert!(
        text.contains("selected (1)"),
        "the legend names the selection"
    );
    let rect = h.state().canvas.last_rect.unwrap();
    assert!(
        text.contains("<clipPath id=\"bw-map\"><rect x=\"0\" y="),
        "the map area"
    );

    // A name without an extension gets .png: twice the view's size.
    export_via_chooser(&mut h, "Export picture", &dir.path().join("as shown"));
    let png = dir.path().join("as shown.png");
    assert!(png.is_file());
    let mut head = [0u8; 24];
    std::io::Read::read_exact(&mut std::fs::File::open(&png).unwrap(), &mut head).unwrap();
    let width = u32::from_be_bytes([head[16], head[17], head[18], head[19]]);
    assert!(
        width as f32 >= rect.width() * 2.0,
        "{width} for a view {}",
        rect.width()
    );

    let csv = dir.path().join("measures.csv");
    export_via_chooser(&mut h, "Export measures", &csv);
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(table.starts_with("id,name,sector,"));
    assert_eq!(table.lines().count(), sample().actors().len() + 1);

    let report = dir.path().join("board.html");
    export_via_chooser(&mut h, "Export report", &report);
    let page = std::fs::read_to_string(&report).unwrap();
    assert!(page.contains("left out of this report"));
    assert!(!page.contains("http"));
}

#[test]
fn ctrl_e_in_workshop_mode_exports_the_projector_look_from_the_shareable_copy() {
    let mut h = harness_for(
        BridgeworkApp::new(Document::new(sample(), None), Preferences::default(), None)
            .with_native_dialog(None),
    );
    h.key_press(Key::F5);
    h.run_steps(4);
    assert!(h.state().workshop.on);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    assert!(
        name_field_focused(&h),
        "Ctrl+E asks where to write the picture"
    );
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("for the room.svg");
    type_path_and_enter(&mut h, &svg);
    step_until(&mut h, "the picture", |h| {
        h.state().status_text().starts_with("Exported")
    });
    assert!(h.state().workshop.on, "still in workshop mode");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("private judgements hidden"));
    // Every label at 24 points or more.
    let sizes: Vec<f32> = text
        .split("<text class=\"label\"")
        .skip(1)
        .filter_map(|g| {
            let at = g.find("font-size=\"")? + 11;
            g[at..].split('"').next()?.parse().ok()
        })
        .collect();
    assert!(
        !sizes.is_empty() && sizes.iter().all(|&s| s >= 24.0),
        "{sizes:?}"
    );
}

/// The canvas alone on a 1280 × 800 window, as the app draws it (a network
/// key set), without the rest of the app.
struct CanvasOnly {
    network: Network,
    canvas: bridgework::ui::canvas::CanvasState,
}

fn canvas_harness(network: Network) -> Harness<'static, CanvasOnly> {
    use bridgework::ui::canvas::{CanvasState, CanvasStyle, canvas_ui};
    let state = CanvasOnly {
        network,
        canvas: CanvasState::fitted(),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, s: &mut CanvasOnly| {
                s.canvas.network_key = Some(1);
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    canvas_ui(ui, &s.network, &mut s.canvas, &CanvasStyle::default())
                });
            },
            state,
        );
    h.run_steps(3);
    h
}

/// Steps until nobody asks for another frame; returns how many steps that
/// took (at most `limit`, then it fails).
fn step_until_idle<T>(h: &mut Harness<'static, T>, limit: usize) -> usize {
    for steps in 1..=limit {
        h.step();
        if !h.ctx.has_requested_repaint() {
            return steps;
        }
    }
    panic!(
        "still asking for frames after {limit} steps: {:?}",
        h.ctx.repaint_causes()
    );
}

fn screen_in_canvas(h: &Harness<'static, CanvasOnly>, id: &str) -> Pos2 {
    let s = h.state();
    let a = s.network.actor(&id.into()).unwrap();
    s.canvas
        .camera
        .to_screen(s.canvas.last_rect.unwrap(), [a.x.unwrap(), a.y.unwrap()])
}

#[test]
fn a_map_at_rest_under_the_pointer_asks_for_no_frames() {
    let mut h = canvas_harness(sample());
    let actor = h.state().network.actors()[0].id().clone();
    let spot = screen_in_canvas(&h, actor.as_str());
    h.event(Event::PointerMoved(spot));
    h.step();
    // Hover follows the pointer on the frame it moves.
    assert_eq!(h.state().canvas.hovered.as_ref(), Some(&actor));
    // Two seconds pass with the pointer resting on the actor (its tooltip
    // shows on the way): then nobody asks for a frame, and that lasts.
    h.run_steps(120);
    assert!(
        !h.ctx.has_requested_repaint(),
        "a hovered map at rest still asks for frames: {:?}",
        h.ctx.repaint_causes()
    );
    h.step();
    assert!(!h.ctx.has_requested_repaint());
    assert_eq!(h.state().canvas.hovered.as_ref(), Some(&actor));

    // Moving off the actor ends the hover on that frame.
    let corner = h.state().canvas.last_rect.unwrap().left_top() + egui::vec2(5.0, 5.0);
    h.event(Event::PointerMoved(corner));
    h.step();
    assert_eq!(h.state().canvas.hovered, None);
}

#[test]
fn a_click_that_selects_asks_for_the_frame_that_shows_it() {
    let mut h = canvas_harness(sample());
    let actor = h.state().network.actors()[0].id().clone();
    let spot = screen_in_canvas(&h, actor.as_str());
    h.event(Event::PointerMoved(spot));
    step_until_idle(&mut h, 200);
    press_at(&mut h, spot, true);
    h.step();
    press_at(&mut h, spot, false);
    h.step();
    assert!(h.state().canvas.selected.contains(&actor));
    // The selection changed after the actors were drawn: one more frame.
    assert!(h.ctx.has_requested_repaint());
    step_until_idle(&mut h, 200);
}

fn press_at<T>(h: &mut Harness<'static, T>, pos: Pos2, pressed: bool) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

#[test]
fn a_wheel_zoom_plays_out_whole_and_then_the_map_rests() {
    let mut h = canvas_harness(sample());
    let rect = h.state().canvas.last_rect.unwrap();
    let spot = rect.left_top() + egui::vec2(5.0, 5.0);
    h.event(Event::PointerMoved(spot));
    step_until_idle(&mut h, 200);
    let before = h.state().canvas.camera.zoom;
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.step();
    let first = h.state().canvas.camera.zoom;
    let steps = step_until_idle(&mut h, 300);
    let after = h.state().canvas.camera.zoom;
    // Smoothed over several frames, each asked for by egui, to the whole
    // factor the wheel asked for (e^(120/400)).
    assert!(first > before && first < after, "{before} {first} {after}");
    assert!(steps > 3, "settled in {steps} steps");
    let expected = before * (120.0f32 / 400.0).exp();
    assert!(
        (after - expected).abs() < 1e-3 * expected,
        "zoom {after}, expected {expected}"
    );
}

#[test]
fn clicking_each_of_two_parallel_ties_selects_that_one() {
    use bridgework::model::{Actor, Tie};
    let mut n = Network::new();
    for (id, x) in [("a", -200.0), ("b", 200.0)] {
        let mut a = Actor::new(id, id, "primary care");
        (a.x, a.y) = (Some(x), Some(0.0));
        n.add_actor(a).unwrap();
    }
    n.add_tie(Tie::new("t1", "a", "b", "collaboration", false))
        .unwrap();
    n.add_tie(Tie::new("t2", "a", "b", "informal/advice", false))
        .unwrap();
    let mut h = canvas_harness(n);
    let (pa, pb) = (screen_in_canvas(&h, "a"), screen_in_canvas(&h, "b"));
    assert!((pa.y - pb.y).abs() < 1e-3);
    let mid = pa + (pb - pa) * 0.5;
    let click_at = |h: &mut Harness<'static, CanvasOnly>, p: Pos2| {
        h.run_steps(30); // no double click
        h.event(Event::PointerMoved(p));
        press_at(h, p, true);
        h.step();
        press_at(h, p, false);
        h.step();
        h.state().canvas.selected_ties.clone()
    };
    // Two parallel ties bow 8 points (half of the canvas's 16-point lane)
    // either side of the straight line, the first below it, the second above.
    let below = click_at(&mut h, mid + egui::vec2(0.0, 8.0));
    let above = click_at(&mut h, mid - egui::vec2(0.0, 8.0));
    assert_eq!(below, ["t1".into()].into_iter().collect());
    assert_eq!(above, ["t2".into()].into_iter().collect());
    // Nearer their ends they run closer to the line, still apart.
    let quarter = pa + (pb - pa) * 0.25;
    assert_eq!(
        click_at(&mut h, quarter + egui::vec2(0.0, 6.0)),
        ["t1".into()].into_iter().collect()
    );
    // The straight line between them is clear of both.
    assert!(click_at(&mut h, mid).is_empty());
}

// ---- Layout on the worker ----

fn run_layout(h: &mut Harness<'static, BridgeworkApp>, item: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Layout")
        .click();
    h.run_steps(2);
    h.get_by_label(item).click();
    h.run_steps(2);
}

#[test]
fn force_layout_runs_on_the_worker_is_one_undo_step_and_fits_the_view() {
    let mut h = harness(sample());
    let before: Vec<_> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .map(|a| (a.x, a.y))
        .collect();
    h.state_mut().canvas.camera.zoom = 5.0;
    run_layout(&mut h, "Force-directed");
    h.get_by_label("Stop layout");
    step_until(&mut h, "the layout to finish", |h| {
        h.query_by_label("Stop layout").is_none()
    });
    h.run_steps(3);
    let after: Vec<_> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .map(|a| (a.x, a.y))
        .collect();
    assert_ne!(before, after, "the layout moved the actors");
    assert!(h.state().status_text().starts_with("Layout done"));
    assert!(
        h.state().canvas.camera.zoom < 5.0,
        "the view fits the result"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let undone: Vec<_> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .map(|a| (a.x, a.y))
        .collect();
    assert_eq!(before, undone, "one undo step puts everyone back");
}

#[test]
fn esc_stops_a_force_layout_where_it_got_to() {
    // A big map, so the layout is still running when Esc arrives.
    let big = bridgework::generate::generate(&bridgework::generate::GenerateOptions {
        actors: 3000,
        seed: 7,
        ..Default::default()
    });
    let mut h = harness(big);
    run_layout(&mut h, "Force-directed, sectors together");
    h.get_by_label("Stop layout");
    h.key_press(Key::Escape);
    step_until(&mut h, "the layout to stop", |h| {
        h.query_by_label("Stop layout").is_none()
    });
    assert!(
        h.state().status_text().starts_with("Layout stopped"),
        "{}",
        h.state().status_text()
    );
    assert!(
        h.state().doc.history().can_undo(),
        "what it reached is kept"
    );
}

// ---- Insight panels ----

fn open_insight(h: &mut Harness<'static, BridgeworkApp>, digit: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, digit);
    h.run_steps(2);
    step_until(h, "the insight result", |h| h.state().insight.is_current());
    h.run_steps(3);
}

fn members(h: &Harness<'static, BridgeworkApp>) -> Vec<bridgework::model::ActorId> {
    h.state()
        .insight
        .coalition_result()
        .unwrap()
        .members
        .iter()
        .map(|(id, _)| id.clone())
        .collect()
}

#[test]
fn the_coalition_panel_shows_the_command_lines_members_and_follows_its_options() {
    use bridgework::analysis::{CoalitionInputs, CoalitionOptions, coalition};
    use bridgework::model::{AnalysisView, ViewOptions};
    let mut h = harness(sample());
    open_insight(&mut h, Key::Num3);
    let net = sample();
    let view = AnalysisView::new(&net, &ViewOptions::default());
    let cli = coalition(
        &net,
        &view,
        &CoalitionInputs::compute(&net, &view),
        &CoalitionOptions::default(),
    );
    let want: Vec<_> = cli
        .members
        .iter()
        .map(|m| view.id(m.node).unwrap().clone())
        .collect();
    assert_eq!(members(&h), want, "the defaults of coalition --size 6");
    let first = bridgework::ui::insight::name_of(&net, &want[0]);
    h.get_by_label(&first);
    // k = 4.
    h.state_mut().insight.coalition_state.options.size = 4;
    h.step();
    step_until(&mut h, "the new coalition", |h| {
        h.state().insight.is_current()
    });
    assert_eq!(members(&h).len(), 4);
    // Must include someone from the map's selection.
    let outsider = net
        .actors()
        .iter()
        .map(|a| a.id().clone())
        .find(|id| !want.contains(id))
        .unwrap();
    h.state_mut().canvas.selected = [outsider.clone()].into_iter().collect();
    h.run_steps(2);
    h.get_by_label("Must include selection").click();
    h.run_steps(2);
    step_until(&mut h, "the coalition with the outsider", |h| {
        h.state().insight.is_current()
    });
    assert!(members(&h).contains(&outsider), "{:?}", members(&h));
}

/// Two groups of three joined only through m.
fn two_parts() -> Network {
    use bridgework::model::{Actor, Tie};
    let mut net = Network::new();
    let sectors = ["primary care", "social care"];
    for (i, id) in ["a1", "a2", "a3", "m", "c1", "c2", "c3"]
        .into_iter()
        .enumerate()
    {
        let mut a = Actor::new(id, id, sectors[usize::from(i > 3)]);
        (a.x, a.y) = (
            Some(i as f64 * 60.0),
            Some(if i % 2 == 0 { 0.0 } else { 50.0 }),
        );
        net.add_actor(a).unwrap();
    }
    let ties = [
        ("a1", "a2"),
        ("a2", "a3"),
        ("a1", "a3"),
        ("a3", "m"),
        ("m", "c1"),
        ("c1", "c2"),
        ("c2", "c3"),
        ("c1", "c3"),
    ];
    for (k, (x, y)) in ties.into_iter().enumerate() {
        net.add_tie(Tie::new(format!("t{k}"), x, y, "collaboration", false))
            .unwrap();
    }
    net
}

#[test]
fn marking_the_single_bridge_as_leaving_cuts_the_other_part_off() {
    let mut h = harness(two_parts());
    h.state_mut().canvas.selected = ["m".into()].into_iter().collect();
    h.run_steps(2);
    h.key_press(Key::L);
    h.run_steps(2);
    assert_eq!(
        h.state().insight.leaving,
        ["m".into()].into_iter().collect(),
        "L marks the selection as leaving"
    );
    assert_eq!(
        h.state().insight.open,
        Some(bridgework::ui::insight::InsightPanel::WhatIf)
    );
    step_until(&mut h, "the what-if result", |h| {
        h.state().insight.is_current()
    });
    let w = h.state().insight.what_if_result().unwrap().clone();
    assert_eq!(w.pieces, (1, 2));
    assert_eq!(w.cut_off.len(), 3, "the smaller side of m: {:?}", w.cut_off);
    h.get_by_label_contains("would be cut off");
    assert_eq!(
        h.state().doc.network().actors().len(),
        7,
        "the map is unchanged"
    );
    assert!(!h.state().doc.is_dirty());
    // L again takes m off the list.
    h.key_press(Key::L);
    h.run_steps(2);
    assert!(h.state().insight.leaving.is_empty());
}

/// With nobody marked as leaving, the What if panel shows the single points
/// of failure; once they are worked out it must not call them stale.
#[test]
fn what_if_with_nobody_leaving_is_not_marked_stale() {
    let mut h = harness(sample());
    open_insight(&mut h, Key::Num4);
    h.get_by_label_contains("whose leaving alone would split the map");
    assert!(
        h.query_by_label_contains("from before the last change")
            .is_none(),
        "fresh results are not marked stale"
    );
    assert!(h.query_by_label_contains("updating").is_none());
}

#[test]
fn clicking_a_silo_cell_lights_exactly_the_ties_between_those_sectors() {
    let mut h = harness(sample());
    open_insight(&mut h, Key::Num1);
    let net = sample();
    let names: Vec<String> = net
        .sectors
        .iter()
        .filter(|s| net.actors().iter().any(|a| a.sector == s.name))
        .map(|s| s.name.clone())
        .collect();
    let (a, b) = (0, 1);
    let k = names.len();
    let at = h
        .state()
        .insight
        .silo_state
        .cell_centre(k, a, b)
        .expect("the matrix was drawn");
    click(&mut h, at, Modifiers::NONE);
    h.run_steps(2);
    let sector = |id: &bridgework::model::ActorId| net.actor(id).unwrap().sector.clone();
    let mut want: Vec<_> = net
        .ties()
        .iter()
        .filter(|t| net.tie_kind(&t.kind).is_none_or(|k| k.include_in_analysis))
        .filter(|t| {
            let (x, y) = (sector(t.from()), sector(t.to()));
            (x == names[a] && y == names[b]) || (x == names[b] && y == names[a])
        })
        .map(|t| t.id().clone())
        .collect();
    want.sort();
    let (mut got, bridgers) = h.state().insight.cell.clone().expect("a cell is lit");
    got.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    assert!(!bridgers.is_empty());
    // The panel names the pair, and so does the key on the map.
    assert_eq!(
        h.query_all_by_label_contains(&format!("between {} and {}", names[a], names[b]))
            .count(),
        2
    );
}

#[test]
fn clicking_a_bar_of_the_influence_chart_selects_its_actor() {
    let mut h = harness(sample());
    open_insight(&mut h, Key::Num5);
    let (id, rect) = h.state().insight.influence_state.bars[0].clone();
    assert_eq!(id, top_by_betweenness(h.state().doc.network()));
    click(&mut h, rect.center(), Modifiers::NONE);
    h.run_steps(2);
    assert_eq!(
        h.state().canvas.selected,
        [id].into_iter().collect(),
        "the bar's actor is selected"
    );
}

#[test]
fn save_as_group_tags_the_coalition_in_one_undo_step_and_the_legend_lists_it() {
    let mut h = harness(sample());
    open_insight(&mut h, Key::Num3);
    let want = members(&h);
    h.get_by_label("Save as group").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Save as group").click();
    h.run_steps(3);
    let tagged: Vec<_> = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .filter(|a| a.tags.iter().any(|t| t == "Core group"))
        .map(|a| a.id().clone())
        .collect();
    let mut w = want.clone();
    w.sort();
    let mut t = tagged.clone();
    t.sort();
    assert_eq!(t, w);
    // The legend lists the group; a click selects its members.
    h.get_by_label_contains("Core group (").click();
    h.run_steps(2);
    assert_eq!(h.state().canvas.selected, want.iter().cloned().collect());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state()
            .doc
            .network()
            .actors()
            .iter()
            .all(|a| !a.tags.iter().any(|t| t == "Core group")),
        "one undo step takes the group off"
    );
}

fn overlay(h: &Harness<'static, BridgeworkApp>) -> bridgework::ui::canvas::Overlay {
    h.state()
        .canvas
        .overlay()
        .cloned()
        .expect("an overlay on the map")
}

fn right_click(h: &mut Harness<'static, BridgeworkApp>, pos: Pos2) {
    for pressed in [true, false] {
        h.event(Event::PointerMoved(pos));
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(2);
}

#[test]
fn right_click_marks_as_leaving_and_the_map_fades_them_and_reddens_the_cut_off() {
    use bridgework::ui::canvas::Tone;
    let mut h = harness(two_parts());
    let m = screen_of(&h, "m");
    right_click(&mut h, m);
    assert_eq!(
        h.state().canvas.selected,
        ["m".into()].into_iter().collect(),
        "a right-click selects the actor it is on"
    );
    h.get_by_label_contains("Mark as leaving (what if)").click();
    h.run_steps(2);
    assert_eq!(
        h.state().insight.leaving,
        ["m".into()].into_iter().collect()
    );
    step_until(&mut h, "the what-if result", |h| {
        h.state().insight.is_current()
    });
    h.run_steps(2);
    let o = overlay(&h);
    let cut = h.state().insight.what_if_result().unwrap().cut_off.clone();
    assert_eq!(cut.len(), 3);
    let leaving = o.actors[&"m".into()];
    assert_eq!(leaving.tone, Tone::Faint, "the leaver fades");
    assert_eq!(leaving.badge, Some('×'));
    for id in &cut {
        let mark = o.actors[id];
        assert!(mark.fill.is_some() && mark.ring.is_some(), "{id} turns red");
        assert_eq!(mark.fill, mark.ring);
    }
    let kept = ["a1", "a2", "a3", "c1", "c2", "c3"]
        .into_iter()
        .map(bridgework::model::ActorId::from)
        .find(|id| !cut.contains(id))
        .unwrap();
    assert!(o.actors.get(&kept).is_none_or(|m| m.fill.is_none()));
    // The key says what the marks mean, in words.
    h.get_by_label("cut off from the largest piece (3)");
    h.get_by_label("leaving (1)");
    // Clearing the view clears the map.
    right_click(&mut h, m);
    h.get_by_label_contains("No longer leaving (what if)")
        .click();
    h.run_steps(3);
    assert!(h.state().insight.leaving.is_empty());
    assert!(h.state().canvas.overlay().is_none());
}

#[test]
fn the_coalition_lights_up_with_its_reach_shaded() {
    use bridgework::ui::canvas::Tone;
    let mut h = harness(sample());
    open_insight(&mut h, Key::Num3);
    h.run_steps(2);
    let o = overlay(&h);
    let c = h.state().insight.coalition_result().unwrap().clone();
    assert_eq!(o.rest, Tone::Faint, "beyond two steps is faint");
    for (id, _) in &c.members {
        assert!(o.actors[id].ring.is_some(), "member {id} has a ring");
    }
    for id in c
        .reach_one
        .iter()
        .filter(|id| !c.members.iter().any(|(m, _)| m == *id))
    {
        assert_eq!(o.actors[id].tone, Tone::Full);
        assert!(o.actors[id].ring.is_none());
    }
    let two = c
        .reach_two
        .iter()
        .find(|id| !c.reach_one.contains(*id) && !c.members.iter().any(|(m, _)| m == *id));
    if let Some(id) = two {
        assert_eq!(o.actors[id].tone, Tone::Soft);
    }
    h.get_by_label(&format!("in the coalition ({})", c.members.len()));
    // Back to the inspector: the map is plain again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run_steps(3);
    assert!(h.state().canvas.overlay().is_none());
}

#[test]
fn a_silo_cell_lights_its_ties_and_rings_its_bridgers_on_the_map() {
    let mut h = harness(sample());
    open_insight(&mut h, Key::Num1);
    let k = h.state().doc.network().sectors.len();
    let at = h.state().insight.silo_state.cell_centre(k.min(99), 0, 1);
    // The matrix holds the sectors that have actors; click a cell of it.
    let at = at.expect("the matrix was drawn");
    click(&mut h, at, Modifiers::NONE);
    h.run_steps(3);
    let (ties, bridgers) = h.state().insight.cell.clone().expect("a cell is lit");
    let o = overlay(&h);
    assert_eq!(o.ties, ties.iter().cloned().collect());
    for b in &bridgers {
        assert!(o.actors[b].ring.is_some(), "bridger {b} is ringed");
    }
    assert!(o.title.starts_with("Ties between"), "{}", o.title);
}

#[test]
fn brokers_carry_their_role_letter_and_weak_points_are_marked() {
    let mut h = harness(two_parts());
    open_insight(&mut h, Key::Num2);
    h.run_steps(2);
    let o = overlay(&h);
    let top = h.state().insight.brokers_any().unwrap().rows[0].clone();
    assert!(
        o.actors[&top.id].badge.is_some(),
        "the top broker has a letter"
    );
    assert!(!o.key.is_empty(), "the key names the letters");
    // What if: single points of failure.
    open_insight(&mut h, Key::Num4);
    h.get_by_label("Show single points of failure").click();
    h.run_steps(3);
    step_until(&mut h, "the weak points", |h| {
        h.state().insight.weak_points_shown().is_some()
    });
    h.run_steps(2);
    let o = overlay(&h);
    for id in ["a3", "m", "c1"] {
        assert_eq!(o.actors[&id.into()].badge, Some('!'), "{id} splits the map");
    }
    assert_eq!(o.ties.len(), 2, "a3–m and m–c1 are the only ties across");
}

#[test]
fn the_legend_colours_the_map_by_community_with_an_entry_per_community() {
    let mut h = harness(sample());
    h.get_by_label("Community colours").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Community colours").click();
    h.run_steps(3);
    h.get_by_label("Colour by community").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Colour by community").click();
    h.run_steps(2);
    assert!(h.state().insight.communities_state.colour_by_community);
    step_until(&mut h, "the communities", |h| {
        h.state().insight.communities_shown().is_some()
    });
    h.run_steps(3);
    let c = h.state().insight.communities_shown().unwrap().clone();
    let o = overlay(&h);
    let n = h.state().doc.network().actors().len();
    assert_eq!(o.actors.values().filter(|m| m.fill.is_some()).count(), n);
    h.get_by_label_contains("Community 1 (").scroll_to_me();
    h.run_steps(3);
    h.get_by_label_contains("Community 1 (").click();
    h.run_steps(2);
    let want: std::collections::BTreeSet<_> =
        c.of.iter()
            .filter(|(_, k)| **k == 0)
            .map(|(id, _)| id.clone())
            .collect();
    assert_eq!(
        h.state().canvas.selected,
        want,
        "a click selects its members"
    );
}

/// The sample map with private judgements that must never reach a room:
/// a note, a stance and a role marked private.
fn map_with_secrets() -> Network {
    use bridgework::model::{ActorField, Stance};
    let mut net = sample();
    let ids: Vec<_> = net.actors().iter().map(|a| a.id().clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        let a = net.actor_mut(id).unwrap();
        a.notes = format!("SECRET NOTE {i}");
        a.stance = if i % 2 == 0 {
            Stance::Sceptic
        } else {
            Stance::Champion
        };
        a.role = format!("Hidden role {i}");
        a.private.insert(ActorField::Role);
        a.private.insert(ActorField::Stance);
        a.private.insert(ActorField::Notes);
    }
    net
}

fn assert_nothing_private(h: &Harness<'static, BridgeworkApp>, where_: &str) {
    for secret in [
        "SECRET NOTE",
        "Hidden role",
        "ceptic",
        "hampion",
        "Stance",
        "stance",
    ] {
        assert_eq!(
            h.query_all_by_label_contains(secret).count(),
            0,
            "{secret:?} shows in workshop mode ({where_})"
        );
    }
}

#[test]
fn workshop_mode_hides_every_private_field_and_leaving_restores_the_editor() {
    use bridgework::ui::insight::InsightPanel;
    let mut h = harness(map_with_secrets());
    // The editor as the facilitator left it: a hidden sector, the tables.
    h.state_mut()
        .session
        .filters
        .hidden_sectors
        .insert("public health".into());
    h.run_steps(2);
    let filters = h.state().session.filters.clone();
    // The editor shows the private fields (so the test can fail).
    let first = h.state().doc.network().actors()[0].id().clone();
    h.state_mut().canvas.selected = [first.clone()].into_iter().collect();
    h.run_steps(2);
    assert!(h.query_all_by_label_contains("Stance").count() > 0);
    let p = screen_of(&h, first.as_str());
    h.event(Event::PointerMoved(p));
    h.run_steps(80);
    assert!(
        h.query_all_by_label_contains("Hidden role").count() > 0,
        "the editor's tooltip shows the role"
    );
    h.event(Event::PointerMoved(Pos2::new(5.0, 700.0)));
    h.state_mut().tables.open = true;
    h.run_steps(2);
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().workshop.on);
    h.get_by_label("Private judgements hidden");
    assert_nothing_private(&h, "the map and legend");
    // Hover an actor: its tooltip.
    let p = screen_of(&h, first.as_str());
    h.event(Event::PointerMoved(p));
    h.run_steps(80);
    assert_nothing_private(&h, "a tooltip");
    // The coalition, in the mode.
    h.get_by_label("Coalition").click();
    h.run_steps(2);
    step_until(&mut h, "the coalition", |h| h.state().insight.is_current());
    h.run_steps(2);
    assert_eq!(h.state().insight.open, Some(InsightPanel::Coalition));
    assert_nothing_private(&h, "the coalition panel");
    // What if, in the mode.
    h.get_by_label("What if").click();
    h.run_steps(3);
    assert_nothing_private(&h, "the what-if panel");
    // Leaving puts the editor back as it was.
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(!h.state().workshop.on);
    assert_eq!(h.state().session.filters, filters);
    assert!(h.state().tables.open);
    assert!(h.query_all_by_label_contains("Stance").count() > 0);
}

#[test]
fn the_arrow_keys_reveal_tie_kinds_one_at_a_time_and_home_shows_everything() {
    let mut h = harness(sample());
    h.key_press(Key::F5);
    h.run_steps(2);
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    let net = sample();
    let kinds: Vec<String> = net
        .tie_kinds
        .iter()
        .filter(|k| net.ties().iter().any(|t| t.kind == k.name))
        .map(|k| k.name.clone())
        .collect();
    let hidden =
        |h: &Harness<'static, BridgeworkApp>| h.state().session.filters.hidden_kinds.clone();
    assert!(
        kinds.iter().all(|k| hidden(&h).contains(k)),
        "step 0: no ties"
    );
    h.get_by_label_contains("Step 0 of");
    for (i, k) in kinds.iter().enumerate() {
        h.key_press(Key::ArrowRight);
        h.run_steps(2);
        assert!(!hidden(&h).contains(k), "step {}: {k} shown", i + 1);
        if let Some(next) = kinds.get(i + 1) {
            assert!(hidden(&h).contains(next), "step {}: {next} not yet", i + 1);
        }
        h.get_by_label_contains(&format!("{k} ties"));
    }
    // The canvas hides the ties of kinds not yet shown.
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    let last = kinds.last().unwrap();
    assert!(hidden(&h).contains(last));
    let hidden_ties = h.state().canvas.hidden_ties().len();
    let of_last = net.ties().iter().filter(|t| &t.kind == last).count();
    assert_eq!(hidden_ties, of_last);
    h.key_press(Key::Home);
    h.run_steps(2);
    assert!(hidden(&h).is_empty());
    assert!(h.state().workshop.on, "still in the mode");
}

#[test]
fn quick_capture_adds_an_actor_and_stays_in_the_mode_and_t_ties_two() {
    let mut h = harness(sample());
    h.key_press(Key::F5);
    h.run_steps(2);
    let before = h.state().doc.network().actors().len();
    h.key_press(Key::N);
    h.run_steps(2);
    h.event(Event::Text("Maya Idris".into()));
    h.run_steps(1);
    // Tab picks the next sector.
    let sector0 = h.state().workshop.add_sector.clone();
    h.key_press(Key::Tab);
    h.run_steps(1);
    let sector = h.state().workshop.add_sector.clone();
    assert_ne!(sector, sector0, "Tab picks another sector");
    h.key_press(Key::Enter);
    h.run_steps(3);
    let net = h.state().doc.network();
    assert_eq!(net.actors().len(), before + 1);
    let new = net
        .actors()
        .iter()
        .find(|a| a.name == "Maya Idris")
        .unwrap();
    assert_eq!(new.sector, sector);
    let new_id = new.id().clone();
    assert!(h.state().workshop.on);
    assert!(
        h.state().workshop.add_name.is_empty(),
        "ready for the next name"
    );
    assert_eq!(
        h.state().canvas.selected,
        [new_id.clone()].into_iter().collect()
    );
    // The box still has the keyboard: a second name.
    h.event(Event::Text("Tom Rees".into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let second = h
        .state()
        .doc
        .network()
        .actors()
        .iter()
        .find(|a| a.name == "Tom Rees")
        .unwrap()
        .id()
        .clone();
    // T ties the two selected.
    h.state_mut().canvas.selected = [new_id.clone(), second.clone()].into_iter().collect();
    h.run_steps(1);
    // Take the keyboard out of the Add box first.
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.state().workshop.on,
        "Esc in the Add box leaves the box, not the mode"
    );
    let ties = h.state().doc.network().ties().len();
    h.key_press(Key::T);
    h.run_steps(2);
    assert_eq!(h.state().doc.network().ties().len(), ties + 1);
    assert!(h.state().workshop.on);
    // All undoable.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.network().ties().len(), ties);
}

#[test]
fn the_keyboard_walks_the_actors_and_follows_ties_to_a_neighbour() {
    use egui::accesskit::Role;
    let mut h = harness(two_parts());
    let canvas = h.state().canvas.widget_id.expect("the canvas was drawn");
    h.ctx.memory_mut(|m| m.request_focus(canvas));
    h.run_steps(2);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(
        h.state().canvas.keyboard_focus,
        Some("a1".into()),
        "Tab starts with the first sector's first name"
    );
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(h.state().canvas.keyboard_focus, Some("a2".into()));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run_steps(2);
    assert_eq!(h.state().canvas.keyboard_focus, Some("a1".into()));
    // The arrows follow ties: a1 to a3 (to its right), to m, to c1.
    for want in ["a3", "m", "c1"] {
        h.key_press(Key::ArrowRight);
        h.run_steps(2);
        assert_eq!(h.state().canvas.keyboard_focus, Some(want.into()));
    }
    // The focused actor's ties are announced with the canvas.
    h.get_by_label_contains("Map. c1, social care");
    // Every actor is a node a screen reader finds by role and label.
    h.get_by_role_and_label(Role::Button, "m, primary care, person, 2 ties");
    // Enter opens it in the inspector.
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(
        h.state().canvas.selected,
        ["c1".into()].into_iter().collect()
    );
    assert!(h.state().insight.open.is_none());
    // The map's shortcuts still work while the canvas has the keyboard.
    h.key_press(Key::L);
    h.run_steps(2);
    assert_eq!(
        h.state().insight.leaving,
        ["c1".into()].into_iter().collect()
    );
}

/// A CSV pair from another tool: no sector column, a `Type` and an
/// `Employer` column the preview can choose as the sector.
fn staff_pair(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::write(
        dir.join("staff.nodes.csv"),
        "id,label,Type,Employer\n\
         a,Amara,GP practice,Riverside\n\
         b,Ben,Hospital,St Jude's\n\
         c,Cat,Hospital,Council\n",
    )
    .unwrap();
    let edges = dir.join("staff.edges.csv");
    std::fs::write(&edges, "source,target\na,b\nb,c\n").unwrap();
    edges
}

/// Picks, in the import preview, the field whose entry starts with
/// `field` for the role labelled `role`, and waits for the new preview.
fn choose_field(h: &mut Harness<'static, BridgeworkApp>, role: &str, field: &str) {
    choose_in_preview(h, role, field, false);
}

/// Picks `item` (the whole label when `exact`) from the preview's drop-down
/// labelled `combo`, and waits for the file to be read again.
fn choose_in_preview(
    h: &mut Harness<'static, BridgeworkApp>,
    combo: &str,
    item: &str,
    exact: bool,
) {
    use egui::accesskit::Role;
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run_steps(2);
    if exact {
        h.get_by_label(item).click();
    } else {
        h.get_by_label_contains(item).click();
    }
    h.step();
    // The file is read again on a worker thread.
    assert!(h.state().import_reading());
    wait_for_import_read(h);
}

/// Steps the app until the preview's read on its worker thread is done.
fn wait_for_import_read(h: &mut Harness<'static, BridgeworkApp>) {
    let started = std::time::Instant::now();
    while h.state().import_reading() {
        assert!(started.elapsed().as_secs() < 120, "the read never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run_steps(2);
}

#[test]
fn importing_shows_a_preview_and_changing_the_sector_field_changes_it() {
    use egui::accesskit::Role;
    let mut h = harness(sample());
    let before = h.state().doc.network().clone();
    let dir = tempfile::tempdir().unwrap();
    drop_file(&mut h, &staff_pair(dir.path()));
    // The guess: Type is the sector. Nothing has changed yet.
    h.get_by_label("Import staff.edges.csv");
    h.get_by_label_contains("Will create 3 actors in 2 sectors and 2 ties");
    h.get_by_label("Sectors: GP practice (1), Hospital (2)");
    assert_eq!(h.state().doc.network(), &before);

    // Employer as the sector: three sectors, shown in the rows.
    choose_field(&mut h, "Sector", "Employer — e.g. Riverside");
    h.get_by_label_contains("Will create 3 actors in 3 sectors and 2 ties");
    h.get_by_label("Sectors: Riverside (1), St Jude's (1), Council (1)");
    // In the Sector column of the rows, and in Organisation (guessed).
    assert_eq!(h.query_all_by_label("St Jude's").count(), 2);
    assert_eq!(h.state().doc.network(), &before);

    // Cancel: the open map is as it was, and no plan waits.
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run_steps(3);
    assert!(h.state().import_plan().is_none());
    assert_eq!(h.state().doc.network(), &before);
    assert!(h.query_by_label_contains("Will create").is_none());
}

#[test]
fn import_in_the_preview_creates_the_map_as_shown() {
    use egui::accesskit::Role;
    let mut h = harness(sample());
    let dir = tempfile::tempdir().unwrap();
    drop_file(&mut h, &staff_pair(dir.path()));
    h.get_by_role_and_label(Role::ComboBox, "Organisation")
        .click();
    h.run_steps(2);
    h.get_by_label("(not used)").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run_steps(3);
    assert!(h.state().import_plan().is_none());
    let net = h.state().doc.network();
    assert_eq!(net.actors().len(), 3);
    assert_eq!(net.ties().len(), 2);
    assert_eq!(net.actors()[1].sector, "Hospital");
    assert_eq!(net.actors()[1].organisation, "");
    assert_eq!(
        net.actors()[1]
            .attributes
            .get("Employer")
            .map(String::as_str),
        Some("St Jude's")
    );
    // An imported map has no file of its own: Save asks where.
    assert_eq!(h.state().doc.path(), None);
}

#[test]
fn started_on_a_kumu_file_the_preview_makes_type_the_kind_and_escape_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.json");
    std::fs::write(
        &path,
        r#"{"elements": [
            {"label": "Amara", "type": "Person", "Team": "Frailty"},
            {"label": "Riverside", "type": "Organisation", "Team": "Primary care"}
        ], "connections": [{"from": "Amara", "to": "Riverside"}]}"#,
    )
    .unwrap();
    let app = BridgeworkApp::starting_with(Some(path.clone()), Preferences::default(), None);
    let mut h = harness_for(app);
    // Kumu's type is the sector to begin with.
    h.get_by_label("Sectors: Person (1), Organisation (1)");
    choose_field(&mut h, "Kind", "type — e.g. Person");
    choose_field(&mut h, "Sector", "Team — e.g. Frailty");
    h.get_by_label("Sectors: Frailty (1), Primary care (1)");
    h.get_by_label("organisation");
    // Esc cancels: the empty map it started with stays.
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.state().import_plan().is_none());
    assert!(h.state().doc.network().actors().is_empty());
}

#[test]
fn a_file_that_cannot_be_imported_says_why_and_a_repair_in_the_preview_fixes_it() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    let mut h = harness(sample());
    let before = h.state().doc.network().clone();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dup.nodes.csv"),
        "id,label\na,A\na,A again\nb,B\n",
    )
    .unwrap();
    let edges = dir.path().join("dup.edges.csv");
    std::fs::write(&edges, "source,target\na,b\n").unwrap();
    drop_file(&mut h, &edges);
    h.get_by_label_contains("Cannot import with these choices");
    h.get_by_label_contains("duplicate id \"a\"");
    assert!(
        h.get_by_role_and_label(Role::Button, "Import")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label("Merge actors that repeat an id").click();
    h.step();
    wait_for_import_read(&mut h);
    h.get_by_label_contains("Will create 2 actors");
    assert_eq!(h.state().doc.network(), &before);
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.network().actors().len(), 2);
}

#[test]
fn any_reader_that_feeds_the_builder_gets_the_preview() {
    // A reader of its own (here: the CSV pair's, with the actors file
    // named): the same preview, the same choices.
    fn staff_reader(
        path: &std::path::Path,
        options: &bridgework::io::ImportOptions,
    ) -> Result<bridgework::io::Loaded, bridgework::io::IoError> {
        let mut o = options.clone();
        o.nodes = Some(path.with_file_name("staff.nodes.csv"));
        bridgework::io::load(path, &o)
    }
    let mut h = harness(sample());
    let dir = tempfile::tempdir().unwrap();
    let edges = staff_pair(dir.path());
    h.state_mut().preview_with(&edges, staff_reader);
    h.run_steps(3);
    h.get_by_label_contains("Will create 3 actors in 2 sectors and 2 ties");
    choose_field(&mut h, "Sector", "(not used)");
    h.get_by_label("Sectors: unassigned (3)");
}

// ---- Survey responses and pseudonymised copies ----

/// File ▸ Import survey responses… on `form`, up to the preview.
fn survey_preview(form: &std::path::Path) -> Harness<'static, BridgeworkApp> {
    let mut h = harness_for(
        BridgeworkApp::new(Document::new(sample(), None), Preferences::default(), None)
            .with_native_dialog(None),
    );
    h.get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    h.run_steps(2);
    h.get_by_label_contains("Import survey responses").click();
    h.run_steps(3);
    assert!(name_field_focused(&h));
    type_path_and_enter(&mut h, form);
    wait_for_open(&mut h);
    h.run_steps(2);
    h
}

#[test]
fn a_survey_shows_a_preview_merges_a_ticked_pair_and_imports_on_confirm() {
    use egui::accesskit::Role;
    let form =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/survey_form.csv");
    let mut h = survey_preview(&form);
    let before = h.state().doc.content_key();
    // Nothing changes before Import: the preview says what will be made.
    h.get_by_label_contains("Will create 9 actors");
    assert!(
        h.state().import_plan().is_some(),
        "{:?}",
        h.state().problem()
    );
    // The pair is listed with a box; ticking it reads the file again.
    h.get_by_label_contains("\"Amara Okafor\" and \"Dr A. Okafor\"")
        .click();
    h.step();
    wait_for_import_read(&mut h);
    h.get_by_label_contains("Will create 8 actors");
    h.get_by_label_contains("\"Amara Okafor\" and \"Dr A. Okafor\": one person");
    assert_eq!(h.state().doc.content_key(), before);
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run_steps(2);
    let net = h.state().doc.network();
    assert_eq!(net.actors().len(), 8);
    assert_eq!(net.ties().len(), 14);
    assert!(
        net.actor(&bridgework::model::ActorId::new("dr-a-okafor"))
            .is_none()
    );
    assert!(h.state().import_plan().is_none());
    assert!(h.state().status_text().starts_with("Imported"));
}

/// Picks `role` (exactly as listed) for the survey column `header`.
fn choose_column_role(h: &mut Harness<'static, BridgeworkApp>, header: &str, role: &str) {
    choose_in_preview(h, header, role, true);
}

#[test]
fn a_survey_column_can_be_given_another_role_and_cancel_leaves_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.csv");
    std::fs::write(
        &form,
        "Person,Team,Trusted\nAnn Lee,A,Bo Ray\nBo Ray,B,Ann Lee;Cy Ng\n",
    )
    .unwrap();
    let mut h = survey_preview(&form);
    let before = h.state().doc.content_key();
    // No column is guessed as the respondent's: the preview says so and
    // lists the columns to choose from; Import waits.
    h.get_by_label_contains("Cannot import with these choices");
    choose_column_role(&mut h, "Person", "respondent");
    h.get_by_label_contains("Will create 3 actors");
    // "Team" as the sector.
    choose_column_role(&mut h, "Team", "sector");
    h.get_by_label_contains("Sectors: A (1), B (1), unassigned (1)");
    // Cancel: the open map is as it was.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
        .click();
    h.run_steps(2);
    assert!(h.state().import_plan().is_none());
    assert_eq!(h.state().doc.content_key(), before);
}

#[test]
fn export_pseudonymised_copy_writes_codes_and_the_key_beside_it() {
    let mut h = harness_for(
        BridgeworkApp::new(Document::new(sample(), None), Preferences::default(), None)
            .with_native_dialog(None),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("share.json");
    export_via_chooser(&mut h, "Export pseudonymised copy", &out);
    let key = dir.path().join("share.key.csv");
    assert!(h.state().status_text().contains("share.key.csv"));
    let copy = std::fs::read_to_string(&out).unwrap();
    for a in sample().actors() {
        assert!(
            !copy.contains(&format!("\"{}\"", a.name)),
            "{} in the copy",
            a.name
        );
    }
    let key = std::fs::read_to_string(key).unwrap();
    assert!(key.starts_with("code,id,name,organisation,role"));
    assert_eq!(key.lines().count(), sample().actors().len() + 1);
}

// ---- Opening on a worker thread ----

#[test]
fn opening_runs_on_its_thread_and_the_map_appears_after_steps() {
    let mut h = harness(sample());
    let before = h.state().doc.network().clone();
    let frailty = sample_path("frailty_discharge.json");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(frailty.clone())));
    // The frame that starts the read leaves the open map as it was: the
    // file is read on the "bridgework-open" thread.
    h.step();
    assert_eq!(h.state().opening(), Some(frailty.as_path()));
    assert_eq!(h.state().doc.network(), &before);
    // The next frame's status bar says so, with a way out.
    h.step();
    h.get_by_label("Opening frailty_discharge.json…");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel");
    wait_for_open(&mut h);
    assert_eq!(
        h.state().doc.network().title,
        "Calderbrook frailty and discharge system"
    );
    assert_eq!(h.state().doc.path(), Some(frailty.as_path()));
    assert!(h.query_by_label_contains("Opening frailty").is_none());
}

/// A map big enough that reading it takes many frames of a debug build.
fn big_map_file(dir: &std::path::Path) -> std::path::PathBuf {
    let big = dir.join("big.json");
    let net = bridgework::generate::generate(&bridgework::generate::GenerateOptions {
        actors: 30_000,
        ..Default::default()
    });
    std::fs::write(&big, bridgework::io::native::to_string(&net).unwrap()).unwrap();
    big
}

#[test]
fn an_edit_while_opening_asks_about_unsaved_changes_again() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_map_file(dir.path());
    let mut h = harness(sample());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(big.clone())));
    h.run_steps(2);
    assert!(h.state().opening().is_some(), "still reading");
    // The open map stays usable: an edit while the file is read.
    let id = h.state().doc.network().actors()[0].id().clone();
    h.state_mut().command(bridgework::app::Command::edit(
        bridgework::edit::Edit::MoveActors(vec![(id, Some([1.0, 2.0]))]),
    ));
    h.run_steps(2);
    wait_for_open(&mut h);
    // Not replaced behind the user's back: the question comes first.
    assert!(h.state().doc.is_dirty());
    assert_eq!(
        h.state().doc.network().actors().len(),
        sample().actors().len()
    );
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    wait_for_open(&mut h);
    assert_eq!(h.state().doc.network().actors().len(), 30_000);
}

#[test]
fn cancel_while_opening_leaves_the_open_map() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_map_file(dir.path());
    let mut h = harness(sample());
    let before = h.state().doc.network().clone();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(big.clone())));
    h.run_steps(2);
    // The window keeps drawing and the open map stays usable meanwhile.
    assert!(h.state().opening().is_some(), "still reading");
    h.get_by_label_contains("Opening big.json (");
    assert_eq!(h.state().doc.network(), &before);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
        .click();
    h.run_steps(2);
    assert!(h.state().opening().is_none());
    h.get_by_label_contains("Stopped opening big.json");
    // The read may finish on its thread; what it gives is ignored.
    std::thread::sleep(std::time::Duration::from_millis(300));
    h.run_steps(3);
    assert_eq!(h.state().doc.network(), &before);
    assert!(h.state().problem().is_none());
}

#[test]
fn the_silo_panel_says_why_a_map_with_too_many_sectors_has_no_silo_map() {
    let mut net = Network::new();
    for i in 0..=bridgework::analysis::MAX_CUT_GROUPS {
        let sector = format!("team {i}");
        net.ensure_sector(&sector);
        net.add_actor(bridgework::model::Actor::new(
            format!("a{i}"),
            format!("A {i}"),
            sector,
        ))
        .unwrap();
    }
    let mut h = harness(net);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(2);
    step_until(&mut h, "the silo map to fail", |h| {
        h.state().insight.failure().is_some()
    });
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("The map has 101 sectors; the silo map compares at most 100")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Working out the silo map")
            .is_none()
    );
}
