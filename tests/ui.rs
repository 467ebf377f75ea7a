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
    let a = app.doc.network.actor(&id.into()).unwrap();
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
        h.state().doc.network.actors().len(),
        1,
        "double-click adds an actor"
    );
    type_text(&mut h, "Dr Amara Okafor");
    assert_eq!(
        h.state().doc.network.actors()[0].name,
        "Dr Amara Okafor",
        "the name field had the focus"
    );

    double_click(&mut h, right);
    type_text(&mut h, "Ben Hughes");
    assert_eq!(h.state().doc.network.actors().len(), 2);
    let ids: Vec<String> = h
        .state()
        .doc
        .network
        .actors()
        .iter()
        .map(|a| a.id().to_string())
        .collect();

    let (a, b) = (screen_of(&h, &ids[0]), screen_of(&h, &ids[1]));
    drag(&mut h, a, b, Modifiers::SHIFT);
    let net = &h.state().doc.network;
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
        app.doc.network.actors().is_empty() && app.doc.network.ties().is_empty(),
        "undo returns to the start"
    );
    assert!(!app.doc.is_dirty(), "back at the saved state");
    for _ in 0..20 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run_steps(1);
    }
    assert_eq!(
        h.state().doc.network.actors().len(),
        2,
        "redo brings it all back"
    );
    assert_eq!(h.state().doc.network.ties().len(), 1);
}

#[test]
fn dragging_moves_an_actor_in_one_undo_step() {
    let mut h = harness(sample());
    let id = h.state().doc.network.actors()[0].id().to_string();
    let before = h.state().doc.network.actors()[0].x;
    let from = screen_of(&h, &id);
    drag(&mut h, from, from + egui::vec2(60.0, 40.0), Modifiers::NONE);
    let after = h.state().doc.network.actors()[0].x;
    assert_ne!(before, after, "the actor moved");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network.actors()[0].x,
        before,
        "one undo undoes the whole drag"
    );
}

#[test]
fn the_inspector_edits_the_selected_actor() {
    let mut h = harness(sample());
    let id = h.state().doc.network.actors()[0].id().to_string();
    let name = h.state().doc.network.actors()[0].name.clone();
    let p = screen_of(&h, &id);
    click(&mut h, p, Modifiers::NONE);
    assert!(h.state().canvas.selected.contains(&id.as_str().into()));
    // Double-clicking an actor puts the cursor in its name field.
    double_click(&mut h, p);
    type_text(&mut h, "Dr A. Okafor-Reid");
    assert_eq!(h.state().doc.network.actors()[0].name, "Dr A. Okafor-Reid");
    let corner = h.state().canvas.last_rect.unwrap().left_top() + egui::vec2(5.0, 5.0);
    click(&mut h, corner, Modifiers::NONE);
    for _ in 0..30 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(1);
    }
    assert_eq!(
        h.state().doc.network.actors()[0].name,
        name,
        "the edit is undoable"
    );
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn search_highlights_and_filters_hide() {
    let mut h = harness(sample());
    let name = h.state().doc.network.actors()[3].name.clone();
    h.get_by_role(egui::accesskit::Role::TextInput).click();
    h.run_steps(1);
    h.event(Event::Text(name.clone()));
    h.run_steps(2);
    assert!(
        h.state()
            .canvas
            .highlight()
            .contains(h.state().doc.network.actors()[3].id())
    );
    // Hide a sector from the legend.
    let sector = h.state().doc.network.actors()[0].sector.clone();
    let count = h
        .state()
        .doc
        .network
        .actors()
        .iter()
        .filter(|a| a.sector == sector)
        .count();
    let boxes: Vec<_> = h.get_all_by_role(egui::accesskit::Role::CheckBox).collect();
    assert!(!boxes.is_empty());
    boxes[0].click();
    h.run_steps(2);
    let _ = count;
    assert!(
        !h.state().canvas.hidden().is_empty(),
        "unticking a sector hides its actors"
    );
}

#[test]
fn delete_removes_the_selection_with_its_ties() {
    let mut h = harness(sample());
    let id = h.state().doc.network.actors()[0].id().to_string();
    let ties_before = h.state().doc.network.ties().len();
    let touching = h.state().doc.network.ties_of(&id.as_str().into()).count();
    let p = screen_of(&h, &id);
    click(&mut h, p, Modifiers::NONE);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().doc.network.actor(&id.as_str().into()).is_none());
    assert_eq!(h.state().doc.network.ties().len(), ties_before - touching);
}

#[test]
fn copy_paste_and_duplicate_make_new_actors_in_one_undo_step() {
    let mut h = harness(sample());
    let n = h.state().doc.network.actors().len();
    let id = h.state().doc.network.actors()[0].id().to_string();
    let p = screen_of(&h, &id);
    click(&mut h, p, Modifiers::NONE);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network.actors().len(),
        n + 1,
        "Ctrl+D duplicates"
    );
    h.event(Event::Copy);
    h.run_steps(1);
    h.event(Event::Paste(String::new()));
    h.run_steps(2);
    assert_eq!(
        h.state().doc.network.actors().len(),
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
    assert_eq!(h.state().doc.network.actors().len(), n);
}
