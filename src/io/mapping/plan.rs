//! [`ImportPlan`]: a file from another tool read with a chosen
//! [`Assignment`], kept aside until the user takes its map.

use super::{Assignment, FieldInventory, FieldRole, FieldSink, SourceField, guess};
use crate::io::survey::SurveyOptions;
use crate::io::{Format, ImportOptions, IoError, Loaded};
use std::path::{Path, PathBuf};

/// Reads a file into a map with the given options (the mapping inside
/// them); [`crate::io::load`] for every format it knows. A reader added
/// later (a survey export, say) plans through its own loader, as long as
/// it feeds [`crate::io::builder::MapBuilder`].
pub type Loader = fn(&Path, &ImportOptions) -> Result<Loaded, IoError>;

/// What one read of the file gives: the map (or the problem) and the
/// fields it saw.
#[derive(Debug)]
pub struct Reread {
    /// The map and warnings, or the first problem.
    pub result: Result<Loaded, IoError>,
    /// The fields seen, up to the problem if there was one.
    pub fields: FieldInventory,
}

/// A file read with an assignment of fields to roles, not yet taken.
#[derive(Debug)]
pub struct ImportPlan {
    /// The file.
    pub path: PathBuf,
    /// The fields of its actors and ties, as the reader found them.
    pub fields: FieldInventory,
    /// The choices in force (guessed, then changed by the user).
    pub assignment: Assignment,
    /// What the reader made of the file with them: the map and every
    /// warning, or the first problem (with its row or line).
    pub result: Result<Loaded, IoError>,
    /// The options the file is read with (without the assignment).
    options: ImportOptions,
    loader: Loader,
}

impl ImportPlan {
    /// Reads `path` with `loader`, records its fields and reads it again
    /// with `options.mapping` if it chooses anything, else with the
    /// guesses (see [`guess`]). Returns the error itself when the file
    /// fails before any actor or tie was read (nothing to choose from).
    pub fn new(path: &Path, options: &ImportOptions, loader: Loader) -> Result<Self, IoError> {
        let sink = FieldSink::default();
        let mut first = options.clone();
        first.mapping = Assignment::default();
        first.record_fields = Some(sink.clone());
        let plain = loader(path, &first);
        let fields = sink.take();
        let plain = match plain {
            // Survey columns can be chosen even when no row was read.
            Err(e) if fields.actors == 0 && fields.ties == 0 && fields.survey.is_none() => {
                return Err(e);
            }
            other => other,
        };
        // A survey's columns have their own roles (the reader guesses
        // them); the built-in fields are not guessed again.
        let assignment = if options.mapping.is_empty() && options.survey.is_none() {
            guess(&fields)
        } else {
            options.mapping.clone()
        };
        let mut base = options.clone();
        base.mapping = Assignment::default();
        base.record_fields = None;
        let mut plan = Self {
            path: path.to_owned(),
            fields,
            assignment: Assignment::default(),
            result: plain,
            options: base,
            loader,
        };
        if !assignment.is_empty() {
            plan.choose(assignment);
        }
        Ok(plan)
    }

    /// Reads the file again with `assignment` in force.
    pub fn choose(&mut self, assignment: Assignment) {
        let read = self.reading(&assignment)();
        self.accept(assignment, read);
    }

    /// The read [`ImportPlan::choose`] does, to run elsewhere (a worker
    /// thread): hand what it returns to [`ImportPlan::accept`].
    pub fn reading(&self, assignment: &Assignment) -> impl FnOnce() -> Reread + Send + 'static {
        let (path, loader) = (self.path.clone(), self.loader);
        let sink = FieldSink::default();
        let mut options = self.options.clone();
        options.mapping = assignment.clone();
        options.record_fields = Some(sink.clone());
        move || Reread {
            result: loader(&path, &options),
            fields: sink.take(),
        }
    }

    /// Takes the result of a [`ImportPlan::reading`] made for
    /// `assignment`. Its fields replace the plan's when it read further
    /// into the file (a repair got past a row that stopped the first read).
    /// A survey's columns are always the last read's.
    pub fn accept(&mut self, assignment: Assignment, mut read: Reread) {
        let survey = read.fields.survey.take();
        if read.fields.actors + read.fields.ties > self.fields.actors + self.fields.ties {
            self.fields = read.fields;
        }
        if survey.is_some() {
            self.fields.survey = survey;
        }
        self.assignment = assignment;
        self.result = read.result;
    }

    /// Whether actors that share an id are merged (the repair
    /// [`ImportOptions::merge_duplicates`]) rather than refused.
    pub fn merges_duplicates(&self) -> bool {
        self.options.merge_duplicates
    }

    /// Turns merging duplicate ids on or off for the next read.
    pub fn set_merge_duplicates(&mut self, on: bool) {
        self.options.merge_duplicates = on;
    }

    /// The survey choices the file is read with, when it is read as
    /// survey responses.
    pub fn survey_options(&self) -> Option<&SurveyOptions> {
        self.options.survey.as_ref()
    }

    /// Changes the survey choices for the next read (nothing for a file
    /// not read as a survey).
    pub fn set_survey_options(&mut self, survey: SurveyOptions) {
        if self.options.survey.is_some() {
            self.options.survey = Some(survey);
        }
    }

    /// Reads the file again with `role` taking `field` (or none).
    pub fn set(&mut self, role: FieldRole, field: Option<String>) {
        let mut a = self.assignment.clone();
        a.set(role, field);
        self.choose(a);
    }

    /// The field `role` takes its value from now: the one chosen, else the
    /// one the reader took it from; `None` when it takes none.
    pub fn field_for(&self, role: FieldRole) -> Option<&SourceField> {
        let ties = role.is_tie();
        match self.assignment.choices.get(&role) {
            Some(Some(name)) => self.fields.find(ties, name),
            Some(None) => None,
            None => self.fields.builtin(ties, role.column()),
        }
    }

    /// The fields `role` can take: the actors' fields for an actor's role,
    /// the ties' for a tie's.
    pub fn candidates(&self, role: FieldRole) -> &[SourceField] {
        self.fields.fields(role.is_tie())
    }

    /// Chosen field names that no actor (tie) of the file has, as
    /// messages naming the fields there are.
    pub fn unknown_fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (role, choice) in &self.assignment.choices {
            let Some(name) = choice else { continue };
            let ties = role.is_tie();
            if self.fields.find(ties, name).is_none() {
                let there: Vec<&str> = self
                    .fields
                    .fields(ties)
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect();
                out.push(format!(
                    "--map {}={name}: the {} have no field \"{name}\"; their fields are: {}",
                    role.label(),
                    if ties { "ties" } else { "actors" },
                    if there.is_empty() {
                        "(none)".to_owned()
                    } else {
                        there.join(", ")
                    }
                ));
            }
        }
        out
    }

    /// The map, if the file reads with the choices in force.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.result.as_ref().ok()
    }

    /// Takes the map (or the problem).
    pub fn into_result(self) -> Result<Loaded, IoError> {
        self.result
    }
}

/// What opening a file gives: Bridgework's own map at once, or a plan for
/// a file from another tool, to be shown before anything changes.
#[derive(Debug)]
pub enum Opened {
    /// A native map: nothing to choose.
    Map(Box<Loaded>),
    /// A file from another tool, read with the guessed choices.
    Plan(Box<ImportPlan>),
}

/// Opens `path`: a native Bridgework map is read as it is; anything else
/// becomes an [`ImportPlan`] through [`crate::io::load`], as does any file
/// read as survey responses (`options.survey`).
pub fn plan_or_load(path: &Path, options: &ImportOptions) -> Result<Opened, IoError> {
    if Format::from_extension(path) != Some(Format::Sheet) && options.survey.is_none() {
        let bytes = crate::io::read_bytes(path)?;
        let text = crate::io::decode(path, &bytes, options.encoding)?;
        if Format::detect(path, &text) == Some(Format::Native) {
            return Ok(Opened::Map(Box::new(Loaded {
                network: crate::io::native::from_str(path, &text)?,
                warnings: Vec::new(),
            })));
        }
    }
    ImportPlan::new(path, options, crate::io::load).map(|p| Opened::Plan(Box::new(p)))
}
