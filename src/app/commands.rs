//! What the user can ask for, in one table: each [`UiCommand`] owns its menu
//! text, tooltip and keyboard shortcuts, and the menus, the shortcut
//! handling and the F1 help are all drawn from it (as rerun's `UICommand`
//! does), so a binding cannot be listed in one place and missing from
//! another. [`Command`] is the app's own work queue, filled during a frame
//! and run after it.

use crate::edit::Edit;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Something to do after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A command from the menus, the keyboard or a button.
    Ui(UiCommand),
    /// Apply an edit (one undo step).
    Edit(Box<Edit>),
    /// Apply an edit, merged into the previous undo step if that had the
    /// same key (typing in one field is one step, not one per letter).
    EditCoalescing(Box<Edit>, String),
    /// Open this file (a recent file, a dropped file).
    OpenPath(PathBuf),
    /// Export a copy to this file (the format from its extension).
    ExportTo {
        /// Where to write.
        path: PathBuf,
        /// Leave out every private field.
        shareable: bool,
    },
    /// Focus on the selected actor's neighbourhood within this many steps
    /// (the rest dimmed), or end the focus (`None`).
    Focus(Option<usize>),
}

impl Command {
    /// An edit command.
    pub fn edit(e: Edit) -> Self {
        Command::Edit(Box::new(e))
    }
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Command::Ui(c)
    }
}

/// The layouts the Layout menu offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LayoutKind {
    /// Force-directed, worked out in the background and shown as it
    /// settles.
    Force,
    /// Force-directed with each sector kept in a region of its own.
    ForceBySector,
    /// Sectors as clusters.
    Grouped,
    /// A circle, by sector.
    Circle,
    /// Remove overlaps.
    Tidy,
}

/// The menu a command is listed under (and its heading in the help).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// File.
    File,
    /// Edit.
    Edit,
    /// Map.
    Map,
    /// View.
    View,
    /// Insight.
    Insight,
    /// Layout.
    Layout,
    /// Help.
    Help,
    /// Keys that work in workshop mode only (listed in the help, not in
    /// the menu bar).
    Workshop,
}

impl Menu {
    /// Every menu, in menu-bar order.
    pub const ALL: [Menu; 7] = [
        Menu::File,
        Menu::Edit,
        Menu::Map,
        Menu::View,
        Menu::Insight,
        Menu::Layout,
        Menu::Help,
    ];

    /// Every heading of the help, in order: the menus, then the keys of
    /// workshop mode.
    pub const HELP: [Menu; 8] = [
        Menu::File,
        Menu::Edit,
        Menu::Map,
        Menu::View,
        Menu::Insight,
        Menu::Layout,
        Menu::Help,
        Menu::Workshop,
    ];

    /// The menu's title.
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::Workshop => "Workshop mode",
            Menu::Map => "Map",
            Menu::View => "View",
            Menu::Insight => "Insight",
            Menu::Layout => "Layout",
            Menu::Help => "Help",
        }
    }
}

/// A command the user can give from a menu, a shortcut or a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// A new, empty map.
    New,
    /// Open a map.
    Open,
    /// Save to the map's file (or ask for one).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Open a file from another tool as a new map.
    Import,
    /// Read survey responses (a name generator) as a new map.
    ImportSurvey,
    /// Write a copy in another format.
    Export,
    /// Write a copy without private fields.
    ExportShareable,
    /// Write a copy with names as codes, and its key beside it.
    ExportPseudonymised,
    /// A picture of the map as shown (PNG or SVG).
    ExportPicture,
    /// The measures as CSV.
    ExportMeasures,
    /// The HTML report.
    ExportReport,
    /// Close Bridgework (asking about unsaved changes).
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Delete the selection with its ties.
    Delete,
    /// Select every actor.
    SelectAll,
    /// Copy the selected actors and the ties among them.
    Copy,
    /// Paste as new actors.
    Paste,
    /// Duplicate the selection.
    Duplicate,
    /// Put the keyboard in the search box.
    Find,
    /// Title, description, sectors and tie kinds.
    MapSettings,
    /// Frame the whole map.
    Fit,
    /// Focus on the selected actor: one step.
    Focus1,
    /// Focus on the selected actor: two steps.
    Focus2,
    /// End the focus.
    EndFocus,
    /// Show or hide the tables.
    Tables,
    /// Full screen on or off.
    Fullscreen,
    /// Show or hide how long each frame takes.
    FrameTime,
    /// The silo map panel.
    InsightSilo,
    /// The brokers panel.
    InsightBrokers,
    /// The coalition builder.
    InsightCoalition,
    /// The what-if panel.
    InsightWhatIf,
    /// The influence charts.
    InsightInfluence,
    /// The communities panel.
    InsightCommunities,
    /// Mark the selected actors as leaving (what if), or take them off.
    MarkLeaving,
    /// Force-directed layout.
    LayoutForce,
    /// Force-directed layout that keeps sectors together.
    LayoutForceBySector,
    /// Sectors as clusters.
    LayoutGrouped,
    /// Everyone on a circle.
    LayoutCircle,
    /// Push overlapping actors apart.
    LayoutTidy,
    /// Stop a running layout where it is.
    StopLayout,
    /// The list of shortcuts.
    Help,
    /// Workshop mode on or off.
    Workshop,
    /// Workshop: reveal the next step.
    RevealNext,
    /// Workshop: go back a step.
    RevealPrevious,
    /// Workshop: show everything.
    RevealAll,
    /// Workshop: put the keyboard in the Add box.
    QuickAdd,
    /// Workshop: tie the two selected actors.
    TieSelected,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [UiCommand; 49] = [
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::Import,
        UiCommand::ImportSurvey,
        UiCommand::Export,
        UiCommand::ExportShareable,
        UiCommand::ExportPseudonymised,
        UiCommand::ExportPicture,
        UiCommand::ExportMeasures,
        UiCommand::ExportReport,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::Delete,
        UiCommand::SelectAll,
        UiCommand::Copy,
        UiCommand::Paste,
        UiCommand::Duplicate,
        UiCommand::Find,
        UiCommand::MapSettings,
        UiCommand::Fit,
        UiCommand::Focus1,
        UiCommand::Focus2,
        UiCommand::EndFocus,
        UiCommand::Tables,
        UiCommand::Fullscreen,
        UiCommand::FrameTime,
        UiCommand::InsightSilo,
        UiCommand::InsightBrokers,
        UiCommand::InsightCoalition,
        UiCommand::InsightWhatIf,
        UiCommand::InsightInfluence,
        UiCommand::InsightCommunities,
        UiCommand::MarkLeaving,
        UiCommand::LayoutForce,
        UiCommand::LayoutForceBySector,
        UiCommand::LayoutGrouped,
        UiCommand::LayoutCircle,
        UiCommand::LayoutTidy,
        UiCommand::StopLayout,
        UiCommand::Help,
        UiCommand::Workshop,
        UiCommand::RevealNext,
        UiCommand::RevealPrevious,
        UiCommand::RevealAll,
        UiCommand::QuickAdd,
        UiCommand::TieSelected,
    ];

    /// The menu it is listed under.
    pub fn menu(self) -> Menu {
        use UiCommand::*;
        match self {
            New | Open | Save | SaveAs | Import | ImportSurvey | Export | ExportShareable
            | ExportPseudonymised | ExportPicture | ExportMeasures | ExportReport | Quit => {
                Menu::File
            }
            Undo | Redo | Delete | SelectAll | Copy | Paste | Duplicate | Find => Menu::Edit,
            MapSettings => Menu::Map,
            Fit | Focus1 | Focus2 | EndFocus | Tables | Fullscreen | FrameTime | Workshop => {
                Menu::View
            }
            RevealNext | RevealPrevious | RevealAll | QuickAdd | TieSelected => Menu::Workshop,
            InsightSilo | InsightBrokers | InsightCoalition | InsightWhatIf | InsightInfluence
            | InsightCommunities | MarkLeaving => Menu::Insight,
            LayoutForce | LayoutForceBySector | LayoutGrouped | LayoutCircle | LayoutTidy
            | StopLayout => Menu::Layout,
            Help => Menu::Help,
        }
    }

    /// The text of its menu item.
    pub fn text(self) -> &'static str {
        use UiCommand::*;
        match self {
            New => "New",
            Open => "Open…",
            Save => "Save",
            SaveAs => "Save as…",
            Import => "Import…",
            ImportSurvey => "Import survey responses…",
            Export => "Export…",
            ExportShareable => "Export shareable copy…",
            ExportPseudonymised => "Export pseudonymised copy…",
            ExportPicture => "Export picture…",
            ExportMeasures => "Export measures…",
            ExportReport => "Export report…",
            Quit => "Quit",
            Undo => "Undo",
            Redo => "Redo",
            Delete => "Delete selection",
            SelectAll => "Select all",
            Copy => "Copy",
            Paste => "Paste",
            Duplicate => "Duplicate",
            Find => "Find an actor",
            MapSettings => "Map settings…",
            Fit => "Fit map to window",
            Focus1 => "Focus: 1 step",
            Focus2 => "Focus: 2 steps",
            EndFocus => "End focus",
            Tables => "Tables",
            Fullscreen => "Full screen",
            FrameTime => "Show frame time",
            InsightSilo => "Silo map",
            InsightBrokers => "Brokers",
            InsightCoalition => "Coalition builder",
            InsightWhatIf => "What if…",
            InsightInfluence => "Influence",
            InsightCommunities => "Communities",
            MarkLeaving => "Mark selection as leaving",
            LayoutForce => "Force-directed",
            LayoutForceBySector => "Force-directed, sectors together",
            LayoutGrouped => "Grouped by sector",
            LayoutCircle => "Circle",
            LayoutTidy => "Tidy",
            StopLayout => "Stop layout",
            Workshop => "Workshop mode",
            RevealNext => "Reveal the next step",
            RevealPrevious => "Back a step",
            RevealAll => "Show everything",
            QuickAdd => "Add an actor",
            TieSelected => "Tie the two selected",
            Help => "Shortcuts",
        }
    }

    /// What it does, for its tooltip and the help.
    pub fn tooltip(self) -> &'static str {
        use UiCommand::*;
        match self {
            New => "Start a new, empty map",
            Open => {
                "Open a map: Bridgework .json, GraphML, or a CSV ties file with its actors file"
            }
            Save => "Save the map to its file (asks for a name the first time)",
            SaveAs => "Save the map under a new name",
            Import => {
                "Open a GraphML file or a CSV ties file (with its actors file) as a new map; Save then asks where to keep it"
            }
            ImportSurvey => {
                "Make a map from the responses to a \"who do you go to for …?\" survey, exported from an online form as CSV or a spreadsheet: one actor per person, one tie kind per question; names that may be one person are listed to merge or keep apart"
            }
            Export => {
                "Write a copy as GraphML (Gephi, yEd, NetworkX) or a CSV pair, private fields included"
            }
            ExportShareable => {
                "Write a copy without any private field (stance, notes, whatever you marked private), safe to email"
            }
            ExportPseudonymised => {
                "Write a shareable copy with every name replaced by a code (P001, O001, …) and organisations, roles, notes, stances and attributes left out; the key (which code is whom) is written beside it as NAME.key.csv: keep that to yourself"
            }
            ExportPicture => {
                "Save the map as shown (view, filters, highlights, the workshop look in workshop mode) as PNG at twice the size, or as an SVG drawing, with the legend, title and date"
            }
            ExportMeasures => {
                "Save every measure as a CSV table, one row per actor (as `bridgework analyse --format csv`)"
            }
            ExportReport => {
                "Save a report for a board as one web page: the map, brokers, silos, single points of failure, hidden influencers and the coalition; private fields left out"
            }
            Quit => "Close Bridgework; unsaved changes are asked about first",
            Undo => "Undo the last change",
            Redo => "Redo what was undone",
            Delete => "Delete the selected actors with their ties, and the selected ties",
            SelectAll => "Select every actor",
            Copy => "Copy the selected actors and the ties among them",
            Paste => "Paste what was copied as new actors",
            Duplicate => "Duplicate the selected actors and the ties among them",
            Find => "Find an actor by name: matches light up; Enter centres on the first",
            MapSettings => "Title, description, the sector list and the tie-kind list",
            Fit => "Show the whole map",
            Focus1 => "Dim everyone more than 1 step from the selected actor",
            Focus2 => "Dim everyone more than 2 steps from the selected actor",
            EndFocus => "Show everyone at full strength again",
            Tables => {
                "Show or hide the tables of actors and ties: sort by a column, filter, edit in place"
            }
            Fullscreen => "Full screen on or off",
            FrameTime => {
                "Show how long each frame takes to draw (in the status bar), to check the app keeps up"
            }
            InsightSilo => "Which sectors barely talk to each other, and who bridges them?",
            InsightBrokers => "Who carries word between sectors: brokers and their roles",
            InsightCoalition => {
                "Who should be in the first core group: the coalition of the willing"
            }
            InsightWhatIf => "What happens if someone leaves: who is cut off",
            InsightInfluence => "Who is central, and who is more central than their role",
            InsightCommunities => "The natural clusters, and whether they follow sectors",
            MarkLeaving => {
                "Mark the selected actors as leaving, or take them off if they all are (a view: the map is unchanged)"
            }
            LayoutForce => {
                "Tied actors pull together, all push apart; worked out in the background and shown as it settles"
            }
            LayoutForceBySector => {
                "Force-directed, but each sector keeps a region of its own, so the silo picture stays"
            }
            LayoutGrouped => "Each sector its own cluster, so silos show at a glance",
            LayoutCircle => "Everyone on a circle, by sector",
            LayoutTidy => "Push overlapping actors apart, moving them as little as it can",
            StopLayout => "Stop the running layout and keep where it got to",
            Help => "List every shortcut",
            Workshop => {
                "Present the map to a room: full screen, large type, private judgements hidden (F5 or Esc leaves)"
            }
            RevealNext => "Show the next tie kind or sector (the arrow keys step through them)",
            RevealPrevious => "Hide the last step shown",
            RevealAll => "Show everything at once",
            QuickAdd => "Type a name, Tab picks the sector, Enter adds the actor",
            TieSelected => "Tie the two selected actors with the kind for new ties",
        }
    }

    /// Its keyboard shortcuts, the first shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        use UiCommand::*;
        match self {
            New => const { &[key(CMD, Key::N)] },
            Open => const { &[key(CMD, Key::O)] },
            Save => const { &[key(CMD, Key::S)] },
            SaveAs => const { &[key(CMD_SHIFT, Key::S)] },
            Quit => const { &[key(CMD, Key::Q)] },
            ExportPicture => const { &[key(CMD, Key::E)] },
            Undo => const { &[key(CMD, Key::Z)] },
            Redo => const { &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)] },
            Delete => {
                const {
                    &[
                        key(Modifiers::NONE, Key::Delete),
                        key(Modifiers::NONE, Key::Backspace),
                    ]
                }
            }
            SelectAll => const { &[key(CMD, Key::A)] },
            Copy => const { &[key(CMD, Key::C)] },
            Paste => const { &[key(CMD, Key::V)] },
            Duplicate => const { &[key(CMD, Key::D)] },
            Find => const { &[key(CMD, Key::F)] },
            Focus1 => const { &[key(Modifiers::NONE, Key::F)] },
            Focus2 => const { &[key(Modifiers::SHIFT, Key::F)] },
            EndFocus | StopLayout => const { &[key(Modifiers::NONE, Key::Escape)] },
            Tables => const { &[key(CMD, Key::T)] },
            InsightSilo => const { &[key(CMD, Key::Num1)] },
            InsightBrokers => const { &[key(CMD, Key::Num2)] },
            InsightCoalition => const { &[key(CMD, Key::Num3)] },
            InsightWhatIf => const { &[key(CMD, Key::Num4)] },
            InsightInfluence => const { &[key(CMD, Key::Num5)] },
            InsightCommunities => const { &[key(CMD, Key::Num6)] },
            MarkLeaving => const { &[key(Modifiers::NONE, Key::L)] },
            Fullscreen => const { &[key(Modifiers::NONE, Key::F11)] },
            Help => const { &[key(Modifiers::NONE, Key::F1)] },
            Workshop => const { &[key(Modifiers::NONE, Key::F5)] },
            RevealNext => {
                const {
                    &[
                        key(Modifiers::NONE, Key::ArrowRight),
                        key(Modifiers::NONE, Key::ArrowDown),
                    ]
                }
            }
            RevealPrevious => {
                const {
                    &[
                        key(Modifiers::NONE, Key::ArrowLeft),
                        key(Modifiers::NONE, Key::ArrowUp),
                    ]
                }
            }
            RevealAll => const { &[key(Modifiers::NONE, Key::Home)] },
            QuickAdd => const { &[key(Modifiers::NONE, Key::N)] },
            TieSelected => const { &[key(Modifiers::NONE, Key::T)] },
            Import | ImportSurvey | Export | ExportShareable | ExportPseudonymised
            | ExportMeasures | ExportReport | MapSettings | Fit | FrameTime | LayoutForce
            | LayoutForceBySector | LayoutGrouped | LayoutCircle | LayoutTidy => const { &[] },
        }
    }

    /// Whether its shortcut works while a text field has the keyboard
    /// (where plain keys, Delete and Ctrl+Z belong to the field).
    pub fn works_while_typing(self) -> bool {
        use UiCommand::*;
        matches!(
            self,
            New | Open
                | Save
                | SaveAs
                | Quit
                | Tables
                | Fullscreen
                | Workshop
                | Help
                | Find
                | InsightSilo
                | InsightBrokers
                | InsightCoalition
                | InsightWhatIf
                | InsightInfluence
                | InsightCommunities
        )
    }

    /// The insight panel a command opens.
    pub fn insight(self) -> Option<crate::ui::insight::InsightPanel> {
        use crate::ui::insight::InsightPanel as P;
        Some(match self {
            UiCommand::InsightSilo => P::Silo,
            UiCommand::InsightBrokers => P::Brokers,
            UiCommand::InsightCoalition => P::Coalition,
            UiCommand::InsightWhatIf => P::WhatIf,
            UiCommand::InsightInfluence => P::Influence,
            UiCommand::InsightCommunities => P::Communities,
            _ => return None,
        })
    }

    /// The layout a layout command runs.
    pub fn layout(self) -> Option<LayoutKind> {
        match self {
            UiCommand::LayoutForce => Some(LayoutKind::Force),
            UiCommand::LayoutForceBySector => Some(LayoutKind::ForceBySector),
            UiCommand::LayoutGrouped => Some(LayoutKind::Grouped),
            UiCommand::LayoutCircle => Some(LayoutKind::Circle),
            UiCommand::LayoutTidy => Some(LayoutKind::Tidy),
            _ => None,
        }
    }

    /// Its shortcuts as the platform writes them ("Ctrl+S", "⌘S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the keyboard asks for this frame, taken from egui's input (so a
/// shortcut does not also reach a widget). `typing`: a text field has the
/// keyboard. `active` says which commands apply now (Esc stops a layout
/// if one runs, else ends a focus).
pub fn shortcuts(
    ctx: &egui::Context,
    typing: bool,
    active: impl Fn(UiCommand) -> bool,
) -> Vec<UiCommand> {
    let mut taken = Vec::new();
    // The more modifiers a shortcut has, the earlier it is tried: egui
    // matches Ctrl+S also when Shift is down, so Ctrl+Shift+S goes first.
    let mut all: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
        .iter()
        .filter(|c| !typing || c.works_while_typing())
        .filter(|c| active(**c))
        .flat_map(|c| c.shortcuts().iter().map(move |s| (*c, *s)))
        .collect();
    all.sort_by_key(|(_, s)| {
        let m = s.modifiers;
        std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
    });
    for (command, shortcut) in all {
        if taken.contains(&command) {
            continue;
        }
        // Copy and paste arrive as events, not keys (egui turns Ctrl+C and
        // Ctrl+V into them).
        let pressed = match command {
            UiCommand::Copy => ctx.input(|i| i.events.contains(&egui::Event::Copy)),
            UiCommand::Paste => {
                ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Paste(_))))
            }
            _ => ctx.input_mut(|i| i.consume_shortcut(&shortcut)),
        };
        if pressed {
            taken.push(command);
        }
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_once_and_has_words() {
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::ALL {
            assert!(seen.insert(c), "{c:?} twice");
            assert!(!c.text().is_empty() && !c.tooltip().is_empty(), "{c:?}");
        }
    }

    #[test]
    fn no_two_commands_share_a_shortcut_unless_esc() {
        let mut seen: Vec<(KeyboardShortcut, UiCommand)> = Vec::new();
        for c in UiCommand::ALL {
            for s in c.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(t, _)| t == s)
                    && s.logical_key != Key::Escape
                {
                    panic!("{c:?} and {other:?} share a shortcut");
                }
                seen.push((*s, c));
            }
        }
    }

    #[test]
    fn ctrl_shift_s_is_save_as_not_save() {
        let ctx = egui::Context::default();
        let mut input = egui::RawInput::default();
        input.events.push(egui::Event::Key {
            key: Key::S,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: CMD_SHIFT,
        });
        ctx.begin_pass(input);
        let got = shortcuts(&ctx, false, |_| true);
        assert_eq!(got, vec![UiCommand::SaveAs]);
    }
}
