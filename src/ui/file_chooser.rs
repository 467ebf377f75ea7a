//! An in-app file chooser: a window that lists a folder and lets the user
//! pick a file to open or a name to save under, for when the desktop's own
//! chooser is not available (no file-chooser portal and no zenity, where
//! rfd returns nothing).
//!
//! [`FileChooser`] is the state (made by [`FileChooser::open`] or
//! [`FileChooser::save`] from a [`ChooserRequest`]); [`file_chooser_ui`]
//! draws it each frame and returns a [`ChooserOutcome`] once, when the user
//! has chosen a path or cancelled. The chooser only reads the file system
//! (folder listings, metadata); it never creates, writes or removes a file.
//! Saving is the caller's job.
//!
//! Self-contained: it depends on egui and `std` only, not on the app, the
//! model or any other part of the crate, so it can be driven alone in a
//! test.
//!
//! What it does, in short:
//! * the name field has the keyboard focus when the chooser opens (in Save
//!   mode the suggested name's stem is selected, so typing replaces it);
//! * Enter in the name field chooses: a typed absolute path, or one with a
//!   separator, is taken relative to the current folder; a folder is
//!   entered instead of chosen; Save mode appends the default extension to
//!   a name without one and asks before replacing an existing file; Open
//!   mode says so, inline, when no such file exists;
//! * a click on a file puts its name in the field, a double-click on a
//!   folder enters it and on a file chooses it;
//! * Escape or Cancel cancels (Escape in the "Replace it?" question only
//!   goes back to the chooser);
//! * a folder is listed once when entered (and again on Refresh), never per
//!   frame; only the rows in view are drawn; errors are shown in words.
//!
//! [`FileChooser`]: crate::ui::file_chooser::FileChooser
//! [`FileChooser::open`]: crate::ui::file_chooser::FileChooser::open
//! [`FileChooser::save`]: crate::ui::file_chooser::FileChooser::save
//! [`ChooserRequest`]: crate::ui::file_chooser::ChooserRequest
//! [`file_chooser_ui`]: crate::ui::file_chooser::file_chooser_ui
//! [`ChooserOutcome`]: crate::ui::file_chooser::ChooserOutcome

use egui::{
    Align, Align2, ComboBox, Context, Id, Key, Layout, Modifiers, RichText, Role, ScrollArea,
    Sense, TextEdit, Ui, WidgetInfo, vec2,
};
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// Whether the chooser picks an existing file or a name to save under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooserMode {
    /// Pick an existing file.
    Open,
    /// Pick a name to save under (new or existing, after confirmation).
    Save,
}

/// A filter of the file list: a label and the extensions it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFilter {
    /// What the filter is called, e.g. "Bridgework maps".
    pub label: String,
    /// The extensions shown, without the dot, compared ignoring case; an
    /// empty list shows every file.
    pub extensions: Vec<String>,
}

impl FileFilter {
    /// A filter of `label` for `extensions` (without dots).
    pub fn new(label: impl Into<String>, extensions: &[&str]) -> Self {
        Self {
            label: label.into(),
            extensions: extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_owned())
                .collect(),
        }
    }

    /// The filter that shows every file.
    pub fn all_files() -> Self {
        Self::new("All files", &[])
    }

    /// Whether a file named `name` passes the filter.
    pub fn matches(&self, name: &str) -> bool {
        if self.extensions.is_empty() {
            return true;
        }
        let ext = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        ext.is_some_and(|ext| self.extensions.iter().any(|e| e.to_lowercase() == ext))
    }

    /// The label with its patterns, as the filter menu shows it:
    /// "Bridgework maps (*.json)".
    pub fn display(&self) -> String {
        if self.extensions.is_empty() {
            return format!("{} (*)", self.label);
        }
        let patterns: Vec<String> = self.extensions.iter().map(|e| format!("*.{e}")).collect();
        format!("{} ({})", self.label, patterns.join(", "))
    }
}

/// What the caller asks the chooser for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChooserRequest {
    /// The window title, which says what the choice is for: "Save map as",
    /// "Open a map", "Import", "Export".
    pub title: String,
    /// Open or Save.
    pub mode: ChooserMode,
    /// The folder shown first; `None` means the user's home folder (or the
    /// current folder if there is no home). A folder that no longer exists
    /// is replaced by its nearest existing ancestor.
    pub folder: Option<PathBuf>,
    /// The name the name field starts with (for Save: the suggested name).
    pub file_name: String,
    /// The filters offered, the first active; "All files" is added at the
    /// end unless one of them already shows every file.
    pub filters: Vec<FileFilter>,
    /// In Save mode, the extension (without the dot) added to a typed name
    /// that has none.
    pub default_extension: Option<String>,
}

impl ChooserRequest {
    /// A request with a title and mode, starting in the home folder, with
    /// an empty name, no filters and no default extension.
    pub fn new(title: impl Into<String>, mode: ChooserMode) -> Self {
        Self {
            title: title.into(),
            mode,
            folder: None,
            file_name: String::new(),
            filters: Vec::new(),
            default_extension: None,
        }
    }

    /// Starts in `folder`.
    pub fn folder(mut self, folder: impl Into<PathBuf>) -> Self {
        self.folder = Some(folder.into());
        self
    }

    /// Starts with `name` in the name field.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// Adds a filter, as rfd's `add_filter` does.
    pub fn filter(mut self, label: impl Into<String>, extensions: &[&str]) -> Self {
        self.filters.push(FileFilter::new(label, extensions));
        self
    }

    /// Sets the extension (without the dot) that Save mode adds to a name
    /// without one.
    pub fn default_extension(mut self, extension: impl Into<String>) -> Self {
        self.default_extension = Some(extension.into().trim_start_matches('.').to_owned());
        self
    }
}

/// How the chooser ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChooserOutcome {
    /// The user chose this path (in Save mode: confirmed, if it existed).
    Chosen(PathBuf),
    /// The user cancelled (Cancel, Escape or the window's close button).
    Cancelled,
}

/// One entry of a folder listing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    /// The file or folder name.
    name: String,
    /// Whether it is a folder (following symbolic links).
    is_dir: bool,
    /// The size in bytes, for files whose metadata could be read.
    size: Option<u64>,
    /// The last modification time, where known.
    modified: Option<SystemTime>,
}

/// A folder as read from the disk, kept until the user enters another
/// folder or asks for a refresh.
#[derive(Clone, Debug, Default)]
struct Listing {
    /// Every entry, hidden ones included, folders first, then by name
    /// ignoring case.
    entries: Vec<Entry>,
    /// Why the folder could not be read, in words.
    error: Option<String>,
}

impl Listing {
    /// Reads `folder`. Never fails: an unreadable folder gives an empty
    /// listing with the reason.
    fn read(folder: &Path) -> Self {
        let dir = match std::fs::read_dir(folder) {
            Ok(d) => d,
            Err(e) => {
                return Self {
                    entries: Vec::new(),
                    error: Some(format!(
                        "Cannot open {}: {}",
                        folder.display(),
                        io_reason(&e)
                    )),
                };
            }
        };
        let mut entries = Vec::new();
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Follow symbolic links, so a link to a folder is a folder.
            let meta = std::fs::metadata(entry.path()).or_else(|_| entry.metadata());
            let (is_dir, size, modified) = match &meta {
                Ok(m) => (
                    m.is_dir(),
                    (!m.is_dir()).then_some(m.len()),
                    m.modified().ok(),
                ),
                Err(_) => (false, None, None),
            };
            entries.push(Entry {
                name,
                is_dir,
                size,
                modified,
            });
        }
        entries.sort_by(|a, b| {
            b.is_dir
                .cmp(&a.is_dir)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                .then_with(|| a.name.cmp(&b.name))
        });
        Self {
            entries,
            error: None,
        }
    }
}

/// An I/O error in words a user can act on.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "you do not have permission".to_owned(),
        std::io::ErrorKind::NotFound => "there is no such folder".to_owned(),
        std::io::ErrorKind::NotADirectory => "it is not a folder".to_owned(),
        _ => e.to_string(),
    }
}

/// The state of an in-app file chooser; see the module docs.
#[derive(Debug)]
pub struct FileChooser {
    /// What was asked for (filters completed with "All files").
    request: ChooserRequest,
    /// The folder shown.
    folder: PathBuf,
    /// The folder field's text (edited by the user; Enter goes there).
    folder_text: String,
    /// The name field's text.
    name: String,
    /// The active filter, an index into `request.filters`.
    filter: usize,
    /// Whether names starting with a dot are listed.
    show_hidden: bool,
    /// The folder as last read.
    listing: Listing,
    /// Indices into `listing.entries` of the rows shown (hidden files and
    /// the filter applied), kept until the listing, filter or hidden
    /// setting changes.
    visible: Vec<usize>,
    /// The entry last clicked, by name.
    selected: Option<String>,
    /// A problem with the last choice, shown in red under the name field.
    error: Option<String>,
    /// An existing file waiting for "Replace it?".
    confirm: Option<PathBuf>,
    /// Give the name field the keyboard focus on the next frame.
    focus_name: bool,
    /// Select the name's stem when the name field next takes the focus.
    select_stem: bool,
    /// An outcome has been returned; nothing more is drawn.
    finished: bool,
}

/// The id of the chooser's window.
fn window_id() -> Id {
    Id::unique("bridgework-file-chooser")
}

/// The id of the name field.
fn name_id() -> Id {
    window_id().with("name")
}

impl FileChooser {
    /// A chooser for an existing file (the request's mode is set to Open).
    pub fn open(request: ChooserRequest) -> Self {
        Self::new(ChooserRequest {
            mode: ChooserMode::Open,
            ..request
        })
    }

    /// A chooser for a name to save under (the request's mode is set to
    /// Save).
    pub fn save(request: ChooserRequest) -> Self {
        Self::new(ChooserRequest {
            mode: ChooserMode::Save,
            ..request
        })
    }

    /// A chooser for `request`, in the mode it names.
    pub fn new(mut request: ChooserRequest) -> Self {
        if !request.filters.iter().any(|f| f.extensions.is_empty()) {
            request.filters.push(FileFilter::all_files());
        }
        let start = request
            .folder
            .clone()
            .and_then(|f| nearest_existing_folder(&absolute(&f)))
            .unwrap_or_else(home_folder);
        let mut chooser = Self {
            name: request.file_name.clone(),
            select_stem: !request.file_name.is_empty(),
            request,
            folder: PathBuf::new(),
            folder_text: String::new(),
            filter: 0,
            show_hidden: false,
            listing: Listing::default(),
            visible: Vec::new(),
            selected: None,
            error: None,
            confirm: None,
            focus_name: true,
            finished: false,
        };
        chooser.enter(start);
        chooser
    }

    /// The request this chooser answers.
    pub fn request(&self) -> &ChooserRequest {
        &self.request
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Shows `folder`, reading it once.
    fn enter(&mut self, folder: PathBuf) {
        self.folder_text = folder.display().to_string();
        self.folder = folder;
        self.selected = None;
        self.error = None;
        self.confirm = None;
        self.refresh();
    }

    /// Reads the current folder again.
    fn refresh(&mut self) {
        self.listing = Listing::read(&self.folder);
        self.update_visible();
    }

    /// Recomputes which entries are shown.
    fn update_visible(&mut self) {
        let filter = self.request.filters.get(self.filter);
        self.visible = self
            .listing
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| self.show_hidden || !e.name.starts_with('.'))
            .filter(|(_, e)| e.is_dir || filter.is_none_or(|f| f.matches(&e.name)))
            .map(|(i, _)| i)
            .collect();
    }

    /// The path the typed `text` names: `~` is the home folder; an absolute
    /// path stays; anything else is relative to the current folder.
    fn resolve(&self, text: &str) -> PathBuf {
        if text == "~" {
            return home_folder();
        }
        if let Some(rest) = text.strip_prefix("~/") {
            return home_folder().join(rest);
        }
        let typed = Path::new(text);
        if typed.is_absolute() {
            typed.to_owned()
        } else {
            self.folder.join(typed)
        }
    }

    /// Acts on the text of the name field (Enter, or the Open/Save button).
    fn choose_typed(&mut self) -> Option<ChooserOutcome> {
        let text = self.name.trim().to_owned();
        if text.is_empty() {
            self.error = Some(match self.request.mode {
                ChooserMode::Open => "Choose a file, or type its name".to_owned(),
                ChooserMode::Save => "Type a name to save under".to_owned(),
            });
            return None;
        }
        let path = self.resolve(&text);
        self.choose_path(path)
    }

    /// Acts on a path: a folder is entered; a file is chosen (after the
    /// checks of the mode).
    fn choose_path(&mut self, mut path: PathBuf) -> Option<ChooserOutcome> {
        self.error = None;
        if path.is_dir() {
            self.enter(normalise(&path));
            self.name.clear();
            self.focus_name = true;
            return None;
        }
        match self.request.mode {
            ChooserMode::Open => {
                if path.is_file() {
                    return self.finish(ChooserOutcome::Chosen(path));
                }
                let (name, folder) = name_and_folder(&path);
                self.error = Some(if path.exists() {
                    format!("“{name}” in {folder} is not a file")
                } else {
                    format!("No file named “{name}” in {folder}")
                });
                self.focus_name = true;
                None
            }
            ChooserMode::Save => {
                let has_extension = path.extension().is_some_and(|e| !e.is_empty());
                if let (false, Some(ext)) = (has_extension, &self.request.default_extension) {
                    path.set_extension(ext);
                }
                if path.is_dir() {
                    let (name, folder) = name_and_folder(&path);
                    self.error = Some(format!("“{name}” in {folder} is a folder"));
                    return None;
                }
                if let Some(problem) = cannot_save_in(&path) {
                    self.error = Some(problem);
                    self.focus_name = true;
                    return None;
                }
                if path.exists() {
                    self.confirm = Some(path);
                    return None;
                }
                self.finish(ChooserOutcome::Chosen(path))
            }
        }
    }

    /// Ends the chooser with `outcome`.
    fn finish(&mut self, outcome: ChooserOutcome) -> Option<ChooserOutcome> {
        self.finished = true;
        Some(outcome)
    }
}

/// Why a file cannot be saved at `path`'s folder, if it cannot, in words
/// ("You cannot save in /x: there is no such folder — choose another
/// folder"). Checked with metadata only; the save itself may still fail
/// and says so.
fn cannot_save_in(path: &Path) -> Option<String> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let reason = match std::fs::metadata(&folder) {
        Err(e) => io_reason(&e),
        Ok(m) if !m.is_dir() => "it is not a folder".to_owned(),
        Ok(m) if m.permissions().readonly() => "it is read-only".to_owned(),
        Ok(_) => return None,
    };
    Some(format!(
        "You cannot save in {}: {reason} — choose another folder",
        folder.display()
    ))
}

/// A path's file name and folder, for messages.
fn name_and_folder(path: &Path) -> (String, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let folder = path
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    (name, folder)
}

/// The user's home folder (`HOME`, or `USERPROFILE` on Windows), else the
/// current folder, else `/`.
fn home_folder() -> PathBuf {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// `path` made absolute against the current folder (without touching the
/// disk beyond that).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// `path` with `.` and `..` worked out lexically (`/a/b/../c` → `/a/c`),
/// so that Up and the breadcrumbs follow what the user typed.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in absolute(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `folder` if it is one, else its nearest ancestor that is.
fn nearest_existing_folder(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .find(|p| p.is_dir())
        .map(Path::to_path_buf)
}

/// A size for people: "512 B", "12 KB", "3.4 MB".
fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// A modification time as a date, "2026-11-22" (UTC; `std` knows no time
/// zones).
fn date_text(time: SystemTime) -> String {
    let Ok(since) = time.duration_since(SystemTime::UNIX_EPOCH) else {
        return String::new();
    };
    let days = (since.as_secs() / 86_400) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// What the user did in one frame of the chooser; applied after drawing.
enum Action {
    Enter(PathBuf),
    Refresh,
    Select(String),
    Choose(PathBuf),
    ChooseTyped,
    GoToTyped,
    Replace,
    BackFromConfirm,
    Cancel,
}

/// Draws the chooser and returns `Some` once, when the user has chosen a
/// path or cancelled; `None` while it stays open (and on any call after it
/// returned). Escape is consumed while the chooser is open, so the app
/// behind does not also act on it.
///
/// The chooser is an [`egui::Modal`] framed as a window, with its title
/// at the top: the app behind it is dimmed and takes no clicks or keys
/// until the chooser closes (an [`egui::Window`] cannot be made modal).
/// It is centred horizontally, a little below the top so that it clears
/// a menu bar, and about 640 × 440 points (less on a small screen).
pub fn file_chooser_ui(ctx: &Context, chooser: &mut FileChooser) -> Option<ChooserOutcome> {
    if chooser.finished {
        return None;
    }
    let mut actions = Vec::new();
    // While the filter menu is open, Escape closes the menu, not the chooser.
    let menu_open = egui::Popup::is_any_open(ctx);
    if !menu_open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        actions.push(if chooser.confirm.is_some() {
            Action::BackFromConfirm
        } else {
            Action::Cancel
        });
    }
    let screen = ctx.content_rect();
    let size = vec2(
        640.0_f32.min(screen.width() - 32.0).max(320.0),
        440.0_f32.min(screen.height() - 96.0).max(240.0),
    );
    let area = egui::Modal::default_area(window_id()).anchor(Align2::CENTER_TOP, vec2(0.0, 40.0));
    egui::Modal::new(window_id())
        .area(area)
        .frame(egui::Frame::window(&ctx.global_style()))
        .show(ctx, |ui| {
            ui.set_width(size.x);
            ui.set_height(size.y);
            ui.heading(&chooser.request.title);
            ui.separator();
            contents_ui(ui, chooser, &mut actions);
        });
    let mut outcome = None;
    for action in actions {
        if outcome.is_some() {
            break;
        }
        outcome = apply(chooser, action);
    }
    outcome
}

/// Applies one action; returns the outcome if it ended the chooser.
fn apply(chooser: &mut FileChooser, action: Action) -> Option<ChooserOutcome> {
    match action {
        Action::Enter(folder) => {
            chooser.enter(folder);
            chooser.focus_name = true;
            None
        }
        Action::Refresh => {
            chooser.refresh();
            None
        }
        Action::Select(name) => {
            chooser.error = None;
            chooser.confirm = None;
            chooser.name = name.clone();
            chooser.selected = Some(name);
            chooser.focus_name = true;
            None
        }
        Action::Choose(path) => chooser.choose_path(path),
        Action::ChooseTyped => chooser.choose_typed(),
        Action::GoToTyped => {
            let text = chooser.folder_text.trim().to_owned();
            let path = chooser.resolve(&text);
            if path.is_dir() {
                chooser.enter(normalise(&path));
            } else {
                chooser.error = Some(format!("There is no folder {}", path.display()));
            }
            None
        }
        Action::Replace => match chooser.confirm.take() {
            Some(path) => chooser.finish(ChooserOutcome::Chosen(path)),
            None => None,
        },
        Action::BackFromConfirm => {
            chooser.confirm = None;
            chooser.focus_name = true;
            None
        }
        Action::Cancel => chooser.finish(ChooserOutcome::Cancelled),
    }
}

/// The window's contents: the folder bar, the list, and the name bar.
fn contents_ui(ui: &mut Ui, chooser: &mut FileChooser, actions: &mut Vec<Action>) {
    folder_bar_ui(ui, chooser, actions);
    breadcrumbs_ui(ui, chooser, actions);
    ui.separator();
    // Lay out from the bottom up, so the list takes whatever height is left.
    ui.with_layout(Layout::bottom_up(Align::LEFT), |ui| {
        message_ui(ui, chooser, actions);
        name_bar_ui(ui, chooser, actions);
        options_bar_ui(ui, chooser);
        ui.separator();
        ui.with_layout(Layout::top_down(Align::LEFT), |ui| {
            list_ui(ui, chooser, actions);
        });
    });
}

/// Up, Home, Refresh and the editable folder path.
fn folder_bar_ui(ui: &mut Ui, chooser: &mut FileChooser, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let parent = chooser.folder.parent().map(Path::to_path_buf);
        let up = ui
            .add_enabled(parent.is_some(), egui::Button::new("Up"))
            .on_hover_text("Go to the folder that holds this one");
        if let (true, Some(parent)) = (up.clicked(), parent) {
            actions.push(Action::Enter(parent));
        }
        if ui
            .button("Home")
            .on_hover_text("Go to your home folder")
            .clicked()
        {
            actions.push(Action::Enter(home_folder()));
        }
        if ui
            .button("Refresh")
            .on_hover_text("Read this folder again, to show files added or removed since")
            .clicked()
        {
            actions.push(Action::Refresh);
        }
        let label = ui.label("Folder:");
        let field = ui
            .add(
                TextEdit::singleline(&mut chooser.folder_text)
                    .id(window_id().with("folder"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
            .on_hover_text("The folder shown; type another folder and press Enter to go there");
        if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            actions.push(Action::GoToTyped);
        }
    });
}

/// One button per folder on the way from the root to the current folder.
fn breadcrumbs_ui(ui: &mut Ui, chooser: &FileChooser, actions: &mut Vec<Action>) {
    ScrollArea::horizontal()
        .id_salt(window_id().with("crumbs"))
        .stick_to_right(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let mut path = PathBuf::new();
                let count = chooser.folder.components().count();
                for (i, c) in chooser.folder.components().enumerate() {
                    path.push(c);
                    let label = match c {
                        Component::RootDir => std::path::MAIN_SEPARATOR_STR.to_owned(),
                        other => other.as_os_str().to_string_lossy().into_owned(),
                    };
                    if matches!(c, Component::Prefix(_)) {
                        // Windows drive letters join with the root that follows.
                        continue;
                    }
                    let here = i + 1 == count;
                    let b = ui
                        .add(egui::Button::selectable(here, label))
                        .on_hover_text(format!("Go to {}", path.display()));
                    if b.clicked() && !here {
                        actions.push(Action::Enter(path.clone()));
                    }
                }
            });
        });
}

/// The folder's entries, only the rows in view drawn.
fn list_ui(ui: &mut Ui, chooser: &mut FileChooser, actions: &mut Vec<Action>) {
    if let Some(error) = &chooser.listing.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
        return;
    }
    if chooser.visible.is_empty() {
        ui.weak(if chooser.listing.entries.is_empty() {
            "This folder is empty"
        } else {
            "No folders here, and no files of the type chosen below"
        });
        return;
    }
    let row_height = ui.spacing().interact_size.y;
    let date_width = 90.0;
    let size_width = 80.0;
    ScrollArea::vertical()
        .id_salt(window_id().with("list").with(&chooser.folder))
        .auto_shrink([false, false])
        .show_rows(ui, row_height, chooser.visible.len(), |ui, rows| {
            for row in rows {
                let Some(entry) = chooser
                    .visible
                    .get(row)
                    .and_then(|&i| chooser.listing.entries.get(i))
                else {
                    continue;
                };
                let label = if entry.is_dir {
                    format!("{}/", entry.name)
                } else {
                    entry.name.clone()
                };
                let selected = chooser.selected.as_deref() == Some(entry.name.as_str());
                let (rect, response) =
                    ui.allocate_exact_size(vec2(ui.available_width(), row_height), Sense::click());
                response.widget_info(|| {
                    WidgetInfo::selected(Role::Button, true, selected, label.clone())
                });
                if ui.is_rect_visible(rect) {
                    let visuals = ui.visuals();
                    if selected {
                        ui.painter()
                            .rect_filled(rect, 2.0, visuals.selection.bg_fill);
                    } else if response.hovered() {
                        ui.painter()
                            .rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
                    }
                    let colour = if selected {
                        visuals.selection.stroke.color
                    } else if entry.is_dir {
                        visuals.strong_text_color()
                    } else {
                        visuals.text_color()
                    };
                    let font = egui::TextStyle::Body.resolve(ui.style());
                    let mut name_rect = rect;
                    name_rect.set_right(rect.right() - date_width - size_width - 8.0);
                    ui.painter().with_clip_rect(name_rect).text(
                        name_rect.left_center() + vec2(4.0, 0.0),
                        Align2::LEFT_CENTER,
                        &label,
                        font.clone(),
                        colour,
                    );
                    if let Some(size) = entry.size {
                        ui.painter().text(
                            egui::pos2(rect.right() - date_width - 8.0, rect.center().y),
                            Align2::RIGHT_CENTER,
                            size_text(size),
                            font.clone(),
                            visuals.weak_text_color(),
                        );
                    }
                    if let Some(time) = entry.modified {
                        ui.painter().text(
                            egui::pos2(rect.right() - 4.0, rect.center().y),
                            Align2::RIGHT_CENTER,
                            date_text(time),
                            font,
                            visuals.weak_text_color(),
                        );
                    }
                }
                let response = response.on_hover_text(if entry.is_dir {
                    "Double-click to open this folder"
                } else {
                    "Click to use this name; double-click to choose this file"
                });
                let path = chooser.folder.join(&entry.name);
                if response.double_clicked() {
                    actions.push(if entry.is_dir {
                        Action::Enter(path)
                    } else {
                        Action::Choose(path)
                    });
                } else if response.clicked() {
                    actions.push(Action::Select(entry.name.clone()));
                }
            }
        });
}

/// "Show hidden files" and the filter menu.
fn options_bar_ui(ui: &mut Ui, chooser: &mut FileChooser) {
    ui.horizontal(|ui| {
        let hidden = ui
            .checkbox(&mut chooser.show_hidden, "Show hidden files")
            .on_hover_text("List files and folders whose names start with a dot");
        let before = chooser.filter;
        let current = chooser
            .request
            .filters
            .get(chooser.filter)
            .map(FileFilter::display)
            .unwrap_or_default();
        ui.label("Show:");
        ComboBox::from_id_salt(window_id().with("filter"))
            .selected_text(current)
            .width(260.0)
            .show_ui(ui, |ui| {
                for (i, f) in chooser.request.filters.iter().enumerate() {
                    ui.selectable_value(&mut chooser.filter, i, f.display())
                        .on_hover_text(format!("List only {}", f.display()));
                }
            })
            .response
            .on_hover_text("Which files to list (folders are always listed)");
        if hidden.changed() || chooser.filter != before {
            chooser.update_visible();
        }
    });
}

/// The name field with the Open/Save and Cancel buttons.
fn name_bar_ui(ui: &mut Ui, chooser: &mut FileChooser, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label("File name:");
        let verb = match chooser.request.mode {
            ChooserMode::Open => "Open",
            ChooserMode::Save => "Save",
        };
        // The buttons go on the right; the field takes the room between.
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .button("Cancel")
                .on_hover_text("Close without choosing a file (Esc)")
                .clicked()
            {
                actions.push(Action::Cancel);
            }
            let hint = match chooser.request.mode {
                ChooserMode::Open => "Open the file named in the field (Enter)",
                ChooserMode::Save => "Save under the name in the field (Enter)",
            };
            if ui.button(verb).on_hover_text(hint).clicked() {
                actions.push(Action::ChooseTyped);
            }
            let before = chooser.name.clone();
            let field = ui
                .add(
                    TextEdit::singleline(&mut chooser.name)
                        .id(name_id())
                        .desired_width(ui.available_width()),
                )
                .labelled_by(label.id)
                .on_hover_text(
                    "A file name, or a path (relative to this folder or from the root); \
                     Enter chooses it, or opens it if it is a folder",
                );
            if chooser.name != before {
                chooser.error = None;
                chooser.confirm = None;
            }
            if chooser.focus_name {
                chooser.focus_name = false;
                field.request_focus();
                if chooser.select_stem {
                    chooser.select_stem = false;
                    select_stem(ui.ctx(), &chooser.name);
                }
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                actions.push(Action::ChooseTyped);
                chooser.focus_name = true;
            }
        });
    });
}

/// Selects the part of the name field before the extension, so typing
/// replaces the suggested name but keeps ".json".
fn select_stem(ctx: &Context, name: &str) {
    use egui::text::{CCursor, CCursorRange};
    let chars = name.chars().count();
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => name[..dot].chars().count(),
        _ => chars,
    };
    let mut state = egui::text_edit::TextEditState::load(ctx, name_id()).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::two(CCursor::new(0), CCursor::new(stem))));
    state.store(ctx, name_id());
}

/// The inline error, or the "Replace it?" question, at the bottom.
fn message_ui(ui: &mut Ui, chooser: &FileChooser, actions: &mut Vec<Action>) {
    if let Some(path) = &chooser.confirm {
        let (name, folder) = name_and_folder(path);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("“{name}” already exists in {folder}. Replace it?"))
                    .color(ui.visuals().warn_fg_color),
            );
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Cancel")
                    .on_hover_text("Keep the existing file and choose another name")
                    .clicked()
                {
                    actions.push(Action::BackFromConfirm);
                }
                if ui
                    .button("Replace")
                    .on_hover_text(format!("Save over {}", path.display()))
                    .clicked()
                {
                    actions.push(Action::Replace);
                }
            });
        });
    } else if let Some(error) = &chooser.error {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    /// The chooser and what it returned so far.
    struct State {
        chooser: FileChooser,
        outcomes: Vec<ChooserOutcome>,
    }

    fn harness(chooser: FileChooser) -> Harness<'static, State> {
        let state = State {
            chooser,
            outcomes: Vec::new(),
        };
        let mut h = Harness::builder()
            .with_size(vec2(900.0, 600.0))
            .with_step_dt(1.0 / 60.0)
            .build_ui_state(
                |ui, s: &mut State| {
                    if let Some(o) = file_chooser_ui(ui.ctx(), &mut s.chooser) {
                        s.outcomes.push(o);
                    }
                },
                state,
            );
        h.run_steps(3);
        h
    }

    fn type_and_enter(h: &mut Harness<'static, State>, text: &str) {
        h.event(egui::Event::Text(text.to_owned()));
        h.run_steps(2);
        h.key_press(Key::Enter);
        h.run_steps(3);
    }

    fn save_request(dir: &Path) -> ChooserRequest {
        ChooserRequest::new("Save map as", ChooserMode::Save)
            .folder(dir)
            .filter("Bridgework maps", &["json"])
            .default_extension("json")
    }

    fn double_click(h: &mut Harness<'static, State>, label: &str) {
        h.run_steps(30);
        h.get_by_label(label).click();
        h.step();
        h.get_by_label(label).click();
        h.run_steps(3);
    }

    #[test]
    fn save_opens_with_focus_in_the_name_field_and_adds_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(FileChooser::save(save_request(dir.path())));
        assert!(h.state().outcomes.is_empty(), "open until the user acts");
        assert!(
            h.get_by_role_and_label(Role::TextInput, "File name:")
                .is_focused(),
            "the name field must have the focus"
        );
        type_and_enter(&mut h, "plan");
        assert_eq!(
            h.state().outcomes,
            [ChooserOutcome::Chosen(dir.path().join("plan.json"))]
        );
        h.run_steps(3);
        assert_eq!(h.state().outcomes.len(), 1, "the outcome comes once");
    }

    #[test]
    fn typing_replaces_the_suggested_stem_and_keeps_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let request = save_request(dir.path()).file_name("Untitled map.json");
        let mut h = harness(FileChooser::save(request));
        type_and_enter(&mut h, "plan");
        assert_eq!(
            h.state().outcomes,
            [ChooserOutcome::Chosen(dir.path().join("plan.json"))]
        );
    }

    #[test]
    fn a_typed_full_path_into_another_folder_is_chosen_as_typed() {
        let dir = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        let mut h = harness(FileChooser::save(save_request(dir.path())));
        let target = other.path().join("shared").join("board.json");
        std::fs::create_dir(other.path().join("shared")).unwrap();
        type_and_enter(&mut h, &target.display().to_string());
        assert_eq!(h.state().outcomes, [ChooserOutcome::Chosen(target)]);

        // A relative path with a separator is taken from the current folder.
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let mut h = harness(FileChooser::save(save_request(dir.path())));
        type_and_enter(&mut h, "sub/notes");
        assert_eq!(
            h.state().outcomes,
            [ChooserOutcome::Chosen(
                dir.path().join("sub").join("notes.json")
            )]
        );
    }

    #[test]
    fn an_existing_file_asks_before_it_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plan.json"), "{}").unwrap();
        let mut h = harness(FileChooser::save(save_request(dir.path())));
        type_and_enter(&mut h, "plan");
        assert!(h.state().outcomes.is_empty());
        assert!(
            h.query_by_label_contains("already exists").is_some(),
            "no Replace question"
        );
        // Cancel in the question (the lower of the two) goes back to the
        // chooser, still open.
        assert!(h.query_by_role_and_label(Role::Button, "Replace").is_some());
        let cancels: Vec<_> = h.query_all_by_label("Cancel").collect();
        assert_eq!(cancels.len(), 2, "the question's Cancel and the chooser's");
        let lowest = cancels
            .iter()
            .max_by(|a, b| a.rect().bottom().total_cmp(&b.rect().bottom()))
            .unwrap();
        lowest.click();
        drop(cancels);
        h.run_steps(3);
        assert!(h.state().outcomes.is_empty(), "Cancel must not close it");
        assert!(h.query_by_label_contains("already exists").is_none());
        assert!(h.query_by_label("Replace").is_none());
        // Ask again, and replace.
        h.key_press(Key::Enter);
        h.run_steps(3);
        h.get_by_role_and_label(Role::Button, "Replace").click();
        h.run_steps(3);
        assert_eq!(
            h.state().outcomes,
            [ChooserOutcome::Chosen(dir.path().join("plan.json"))]
        );
    }

    #[test]
    fn escape_or_cancel_cancels() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(FileChooser::save(save_request(dir.path())));
        h.key_press(Key::Escape);
        h.run_steps(2);
        assert_eq!(h.state().outcomes, [ChooserOutcome::Cancelled]);

        let mut h = harness(FileChooser::open(save_request(dir.path())));
        // Escape in the open filter menu closes only the menu.
        h.get_by_role(Role::ComboBox).click();
        h.run_steps(2);
        assert!(h.query_by_label("All files (*)").is_some(), "menu open");
        h.key_press(Key::Escape);
        h.run_steps(2);
        assert!(h.state().outcomes.is_empty(), "{:?}", h.state().outcomes);
        assert!(h.query_by_label("All files (*)").is_none(), "menu closed");
        h.get_by_role_and_label(Role::Button, "Cancel").click();
        h.run_steps(2);
        assert_eq!(h.state().outcomes, [ChooserOutcome::Cancelled]);
    }

    #[test]
    fn open_lists_folders_first_then_matching_files_and_enters_a_folder_on_double_click() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("Zeta")).unwrap();
        std::fs::create_dir(dir.path().join("alpha")).unwrap();
        std::fs::create_dir(dir.path().join(".hidden")).unwrap();
        std::fs::write(dir.path().join("b.json"), "{}").unwrap();
        std::fs::write(dir.path().join("A.JSON"), "{}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::write(dir.path().join("alpha").join("inner.json"), "{}").unwrap();
        let request = ChooserRequest::new("Open a map", ChooserMode::Open)
            .folder(dir.path())
            .filter("Bridgework maps", &["json"]);
        let mut h = harness(FileChooser::open(request));
        let shown: Vec<String> = h.state().chooser.visible_names();
        assert_eq!(shown, ["alpha/", "Zeta/", "A.JSON", "b.json"]);
        for label in &shown {
            assert!(h.query_by_label(label).is_some(), "{label} not drawn");
        }
        assert!(h.query_by_label("notes.txt").is_none());
        assert!(h.query_by_label(".hidden/").is_none());
        // The filter menu and the hidden-files box change the rows.
        h.get_by_label("Show hidden files").click();
        h.run_steps(2);
        assert!(h.query_by_label(".hidden/").is_some());
        h.get_by_role(Role::ComboBox).click();
        h.run_steps(2);
        h.get_by_label("All files (*)").click();
        h.run_steps(2);
        assert!(h.query_by_label("notes.txt").is_some());

        double_click(&mut h, "alpha/");
        assert_eq!(h.state().chooser.folder(), dir.path().join("alpha"));
        assert!(h.query_by_label("inner.json").is_some());
        assert!(h.state().outcomes.is_empty());
        // A click puts a file's name in the field; a double-click chooses it.
        h.get_by_label("inner.json").click();
        h.run_steps(2);
        assert_eq!(h.state().chooser.name, "inner.json");
        double_click(&mut h, "inner.json");
        assert_eq!(
            h.state().outcomes,
            [ChooserOutcome::Chosen(
                dir.path().join("alpha").join("inner.json")
            )]
        );
    }

    #[test]
    fn open_says_when_no_such_file_exists_and_stays_open() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("maps")).unwrap();
        let request = ChooserRequest::new("Open a map", ChooserMode::Open).folder(dir.path());
        let mut h = harness(FileChooser::open(request));
        type_and_enter(&mut h, "missing.json");
        assert!(h.state().outcomes.is_empty());
        let expected = format!("No file named “missing.json” in {}", dir.path().display());
        assert!(h.query_by_label(&expected).is_some(), "no {expected:?}");
        // A folder's name enters the folder instead of choosing it.
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        type_and_enter(&mut h, "maps");
        assert!(h.state().outcomes.is_empty());
        assert_eq!(h.state().chooser.folder(), dir.path().join("maps"));
        assert!(h.query_by_label(&expected).is_none(), "the error clears");
    }

    #[test]
    fn saving_into_a_missing_folder_is_refused_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(FileChooser::save(save_request(dir.path())));
        type_and_enter(&mut h, "nowhere/plan");
        assert!(h.state().outcomes.is_empty());
        assert!(
            h.query_by_label_contains("You cannot save in").is_some()
                && h.query_by_label_contains("choose another folder").is_some()
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_is_reported_not_panicked_on() {
        let chooser = FileChooser::open(
            ChooserRequest::new("Open a map", ChooserMode::Open).folder("/proc/1/fd"),
        );
        // Reading another process's fds is refused unless we are root.
        if chooser.listing.error.is_some() {
            let mut h = harness(chooser);
            assert!(h.query_by_label_contains("Cannot open").is_some());
            h.run_steps(2);
        }
        let listing = Listing::read(Path::new("/definitely/not/here"));
        assert_eq!(
            listing.error.as_deref(),
            Some("Cannot open /definitely/not/here: there is no such folder")
        );
    }

    #[test]
    fn the_layout_reads_top_to_bottom_and_fits_its_size() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..200 {
            std::fs::write(dir.path().join(format!("map {i:03}.json")), "{}").unwrap();
        }
        let mut h = harness(FileChooser::save(save_request(dir.path())));
        h.run_steps(2);
        let rect = |h: &Harness<'static, State>, label: &str| h.get_by_label(label).rect();
        let folder = h.get_by_role_and_label(Role::TextInput, "Folder:").rect();
        let first = rect(&h, "map 000.json");
        let hidden = rect(&h, "Show hidden files");
        let name = h
            .get_by_role_and_label(Role::TextInput, "File name:")
            .rect();
        assert!(folder.bottom() < first.top(), "folder bar above the list");
        assert!(first.bottom() < hidden.top(), "list above the options");
        assert!(hidden.bottom() < name.top(), "options above the name");
        assert!(
            name.width() > 300.0,
            "the name field takes the room: {name:?}"
        );
        assert!(name.bottom() - folder.top() < 460.0 && name.bottom() - folder.top() > 380.0);
        // Only the rows in view are drawn.
        assert!(h.query_by_label("map 199.json").is_none());
        assert!(h.query_by_label("map 010.json").is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_refused_before_saving() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let problem = cannot_save_in(&locked.join("plan.json"));
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            problem,
            Some(format!(
                "You cannot save in {}: it is read-only — choose another folder",
                locked.display()
            ))
        );
        assert_eq!(cannot_save_in(&dir.path().join("plan.json")), None);
    }

    #[test]
    fn sizes_and_dates_read_as_people_write_them() {
        assert_eq!(size_text(512), "512 B");
        assert_eq!(size_text(12 * 1024 + 100), "12 KB");
        assert_eq!(size_text(3_565_158), "3.4 MB");
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_795_305_600);
        assert_eq!(date_text(t), "2026-11-22");
        assert_eq!(date_text(SystemTime::UNIX_EPOCH), "1970-01-01");
    }

    #[test]
    fn filters_match_extensions_ignoring_case() {
        let f = FileFilter::new("Maps", &[".json", "graphml"]);
        assert!(f.matches("a.JSON") && f.matches("b.graphml") && !f.matches("c.csv"));
        assert!(!f.matches("json"));
        assert_eq!(f.display(), "Maps (*.json, *.graphml)");
        assert!(FileFilter::all_files().matches("anything"));
    }

    impl FileChooser {
        /// The rows as drawn, for tests.
        fn visible_names(&self) -> Vec<String> {
            self.visible
                .iter()
                .map(|&i| {
                    let e = &self.listing.entries[i];
                    if e.is_dir {
                        format!("{}/", e.name)
                    } else {
                        e.name.clone()
                    }
                })
                .collect()
        }
    }
}
