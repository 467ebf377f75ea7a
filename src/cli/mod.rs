//! The headless command line: argument types (clap) and one file per
//! command. `main.rs` only parses and calls [`run`].
//!
//! Depends on `model` and `io`; never on egui. Output goes to the writers
//! it is given, so tests can capture it.

mod analyse;
mod bench;
mod coalition;
mod convert;
mod fields;
mod fuzz;
mod generate;
mod latency;
mod layout_bench;
mod render;
mod report;
mod summary;
mod validate;
mod view_args;

pub use analyse::{AnalyseArgs, FormatArg};
pub use coalition::CoalitionArgs;
pub use fuzz::FuzzArgs;
pub use render::{RenderArgs, ThemeArg};
pub use report::ReportArgs;
pub use view_args::{ViewArgs, WeightsArg};

use crate::io::survey::{ColumnRole, SurveyOptions};
use crate::io::{Encoding, ImportOptions};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Bridgework: map and analyse the relationships that change a health and
/// care system. Runs offline; nothing leaves this machine.
#[derive(Debug, Parser)]
#[command(name = "bridgework", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A map to open in the desktop editor (the sample map if none).
    pub file: Option<PathBuf>,
    /// A command to run without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a map (.json, .graphml, or a .csv edges file with its nodes
    /// file) and print what is in it. Exit 0 if usable, 1 otherwise.
    Validate {
        /// The map file.
        file: PathBuf,
        /// How to read it.
        #[command(flatten)]
        import: ImportArgs,
        /// Also list the file's fields (with samples) and which field each
        /// role takes: the import preview's choices, for --map.
        #[arg(long)]
        fields: bool,
    },
    /// Convert a map between formats, chosen by extension (.json, .graphml,
    /// .csv). Writing to .csv writes a pair: the edges file OUT and a nodes
    /// file (--nodes-out, by default beside it: x.edges.csv → x.nodes.csv).
    Convert {
        /// The map to read.
        input: PathBuf,
        /// The file to write; an existing file is kept as OUT.bak.
        output: PathBuf,
        /// How to read the input.
        #[command(flatten)]
        import: ImportArgs,
        /// Where to write the nodes file when OUT is .csv.
        #[arg(long, value_name = "NODES.csv")]
        nodes_out: Option<PathBuf>,
        /// Write a copy safe to share: every private field (stance and
        /// notes, unless changed per actor) is removed.
        #[arg(long)]
        shareable: bool,
        /// Write a shareable copy with names replaced by stable codes
        /// (P001 for people, O001 for organisations, T001 for teams) and
        /// organisations, roles, notes, stances and attributes removed; the
        /// key (code → name) is written beside it as OUT-less-extension
        /// .key.csv, to keep local. Implies --shareable.
        #[arg(long, alias = "pseudonymize")]
        pseudonymise: bool,
        /// Replace OUT even when it is read-only, a named pipe or a socket
        /// (without it, such an OUT is refused with what would happen).
        /// A device or a folder is never replaced; a link is written
        /// through to the file it points to.
        #[arg(long)]
        force: bool,
    },
    /// Analyse a map: centrality, brokerage, silo gaps, resilience,
    /// communities, hidden influencers and the coalition of the willing.
    Analyse(AnalyseArgs),
    /// Choose a coalition of the willing: a small, diverse set of willing,
    /// influential people to build outwards from, with the reason for each
    /// member, the next ring to approach, and the sceptics to win over.
    Coalition(CoalitionArgs),
    /// Draw the whole map as a picture with its legend, title and date:
    /// SVG (vector) or PNG (at twice the width), by OUT's extension. No
    /// window or GPU needed.
    Render(RenderArgs),
    /// Write the HTML report: the map and its legend, a summary, brokers,
    /// silos, single points of failure, hidden influencers and the
    /// coalition, in one self-contained file that prints on A4. Private
    /// fields are left out unless --include-private.
    Report(ReportArgs),
    /// Generate a synthetic map (a powerlaw-cluster graph dressed as a
    /// fictional care system) for demos and benchmarks. Prints JSON, or
    /// writes FILE in the format its extension names.
    Generate {
        /// Number of actors.
        #[arg(long, default_value_t = 1000)]
        actors: usize,
        /// Random seed: the same seed gives the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Ties each new actor brings (about this many ties per actor).
        #[arg(long, default_value_t = 3)]
        ties_per_actor: usize,
        /// Write here instead of printing.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Time every measure on generated maps (and python-igraph on the same
    /// graphs, if installed) and print a Markdown table; with --latency,
    /// time what the editor's insight panels take to catch up with an
    /// edit, an actor marked as leaving and a coalition option.
    Bench {
        /// Map sizes (actors), comma-separated. Default: 1000,5000,20000
        /// (with --latency: 1000,2000,5000,20000).
        #[arg(long, value_delimiter = ',')]
        sizes: Option<Vec<usize>>,
        /// Random seed for the generated maps.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Do not run python-igraph alongside.
        #[arg(long)]
        no_igraph: bool,
        /// Time the interactive latencies of the insight panels instead
        /// (through the app's own background jobs), with their targets.
        #[arg(long)]
        latency: bool,
    },
    /// Time the layouts (force-directed to settled, grouped, circle, tidy)
    /// on generated maps and print a Markdown table.
    LayoutBench {
        /// Map sizes (actors), comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = [1000, 5000, 20000])]
        sizes: Vec<usize>,
        /// Random seed for the generated maps and the layouts.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Open the editor on FILE and zoom in and out for FRAMES frames, as a
    /// mouse wheel does, then print how long the frames took (the whole
    /// frame: building, tessellating and painting, as the window shows it)
    /// and close. Needs a display (Xvfb will do); vsync is off.
    FrameBench(FrameBenchArgs),
    /// Run every importer on many broken variants of the seed files
    /// (bit flips, truncation, splicing, huge and non-finite numbers, deep
    /// nesting, entities, NUL bytes, wrong encodings) and report panics,
    /// hangs (inputs over 1 s) and memory. Exit 1 if anything broke.
    /// Run from the repository (seeds in tests/data/fuzz), in release.
    Fuzz(FuzzArgs),
}

/// What `frame-bench` measures.
#[derive(Debug, Clone, Args)]
pub struct FrameBenchArgs {
    /// The map to draw.
    pub file: PathBuf,
    /// Frames to time (after a few to warm up).
    #[arg(long, default_value_t = 240)]
    pub frames: usize,
    /// Window width in points.
    #[arg(long, default_value_t = 1920.0)]
    pub width: f32,
    /// Window height in points.
    #[arg(long, default_value_t = 1080.0)]
    pub height: f32,
}

/// How a file is read: the options every reading command shares.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The nodes (actors) file, when FILE is a CSV edges (ties) file.
    /// Default: x.nodes.csv beside x.edges.csv, if there is one.
    #[arg(long, value_name = "NODES.csv")]
    pub nodes: Option<PathBuf>,
    /// Read a CSV edges file's ties as directed (CSV cannot say; a
    /// `directed` column, where present, wins).
    #[arg(long)]
    pub directed: bool,
    /// The text encoding of the input.
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8)]
    pub encoding: EncodingArg,
    /// Repair: merge actors that share an id instead of refusing the file
    /// (the later row fills fields the first left empty).
    #[arg(long)]
    pub merge_duplicates: bool,
    /// Repair: give actors with no sector this one instead of refusing the
    /// file (also allows a CSV edges file without a nodes file).
    #[arg(long, value_name = "NAME")]
    pub default_sector: Option<String>,
    /// The mapping step: take ROLE from the file's field FIELD (a column
    /// header, a key, a Kumu field), e.g. `--map sector=Type --map
    /// kind=Category`; `--map role=` takes none. Roles: name, sector,
    /// kind, organisation, role (actors), strength, direction, tie-kind
    /// (ties). Repeat for several.
    #[arg(long = "map", value_name = "ROLE=FIELD")]
    pub map: Vec<String>,
    /// Take the fields the app's import preview guesses for roles the file
    /// leaves empty (a "Type" or "Department" column as the sector, ...);
    /// `--map` choices win.
    #[arg(long)]
    pub guess_fields: bool,
    /// Read FILE as this kind of file, whatever its extension says:
    /// `survey` reads responses to a name-generator survey exported from
    /// an online form (CSV or a spreadsheet, one row per respondent).
    #[arg(long, value_enum, value_name = "KIND")]
    pub from: Option<FromArg>,
    /// With --from survey: the column (its header) holding the
    /// respondent's name. Default: guessed ("Name", "Your name", ...).
    #[arg(long, value_name = "HEADER")]
    pub respondent_column: Option<String>,
    /// With --from survey: the column holding the respondent's
    /// organisation. Default: guessed ("Organisation", "Employer").
    #[arg(long, value_name = "HEADER")]
    pub organisation_column: Option<String>,
    /// With --from survey: the column holding the respondent's sector.
    #[arg(long, value_name = "HEADER")]
    pub sector_column: Option<String>,
    /// With --from survey: the column holding the respondent's role or
    /// job title.
    #[arg(long, value_name = "HEADER")]
    pub role_column: Option<String>,
    /// With --from survey: a question column, whose answers are names
    /// (once per question). When given, only these are questions.
    /// Default: guessed (headers asking "who", and columns naming a
    /// respondent).
    #[arg(long = "question-column", value_name = "HEADER")]
    pub question_columns: Vec<String>,
    /// With --from survey: two spellings that are one person, the second
    /// read as the first ("Amara Okafor=Dr A. Okafor"); once per pair. How
    /// to merge the near-duplicates the import lists.
    #[arg(long = "same-person", value_name = "NAME=NAME")]
    pub same_person: Vec<String>,
    /// With --from survey: read the column headed HEADER in ROLE
    /// (respondent, organisation, sector, role, question, attribute,
    /// left-out), over the guesses and the options above; once per column.
    /// The same choices as the app's import preview.
    #[arg(long = "column", value_name = "HEADER=ROLE")]
    pub column_roles: Vec<String>,
}

/// Kinds of input named with --from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FromArg {
    /// Survey responses (name generator) from an online form.
    Survey,
}

/// Text encodings the command line offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 (with or without a byte-order mark; UTF-16 with a BOM too).
    Utf8,
    /// Latin-1 / Windows-1252, as older Excel versions save CSV.
    Latin1,
}

impl ImportArgs {
    /// The checked options the `io` readers take.
    pub fn options(&self) -> Result<ImportOptions, String> {
        if let Some(s) = &self.default_sector
            && s.trim().is_empty()
        {
            return Err("--default-sector needs a sector name".into());
        }
        let mut mapping = crate::io::mapping::Assignment::default();
        for m in &self.map {
            let (role, field) = crate::io::mapping::Assignment::parse_choice(m)?;
            if mapping.choices.contains_key(&role) {
                return Err(format!("--map {}: chosen twice", role.label()));
            }
            mapping.set(role, field);
        }
        let survey = self.survey_options()?;
        Ok(ImportOptions {
            mapping,
            record_fields: None,
            survey,
            directed: self.directed,
            encoding: match self.encoding {
                EncodingArg::Utf8 => Encoding::Utf8,
                EncodingArg::Latin1 => Encoding::Latin1,
            },
            nodes: self.nodes.clone(),
            merge_duplicates: self.merge_duplicates,
            default_sector: self.default_sector.as_ref().map(|s| s.trim().to_owned()),
        })
    }

    /// The survey column choices, checked: only with --from survey.
    fn survey_options(&self) -> Result<Option<SurveyOptions>, String> {
        if self.from != Some(FromArg::Survey) {
            let given = [
                ("--respondent-column", self.respondent_column.is_some()),
                ("--organisation-column", self.organisation_column.is_some()),
                ("--sector-column", self.sector_column.is_some()),
                ("--role-column", self.role_column.is_some()),
                ("--question-column", !self.question_columns.is_empty()),
                ("--same-person", !self.same_person.is_empty()),
                ("--column", !self.column_roles.is_empty()),
            ];
            if let Some((option, _)) = given.iter().find(|(_, on)| *on) {
                return Err(format!("{option} only applies with --from survey"));
            }
            return Ok(None);
        }
        let mut same_person = Vec::new();
        for pair in &self.same_person {
            match pair.split_once('=') {
                Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                    same_person.push((a.trim().to_owned(), b.trim().to_owned()));
                }
                _ => {
                    return Err(format!(
                        "--same-person \"{pair}\": give two spellings of one name joined by '=', as \"Amara Okafor=Dr A. Okafor\""
                    ));
                }
            }
        }
        let mut survey = SurveyOptions {
            respondent_column: self.respondent_column.clone(),
            organisation_column: self.organisation_column.clone(),
            sector_column: self.sector_column.clone(),
            role_column: self.role_column.clone(),
            question_columns: self.question_columns.clone(),
            same_person,
            column_roles: Vec::new(),
        };
        for choice in &self.column_roles {
            // The header may hold '=': the role is after the last one.
            let parsed = choice
                .rsplit_once('=')
                .and_then(|(h, r)| Some((h.trim(), ColumnRole::parse(r)?)))
                .filter(|(h, _)| !h.is_empty());
            match parsed {
                Some((header, role)) => survey.set_column_role(header, role),
                None => {
                    return Err(format!(
                        "--column \"{choice}\": write HEADER=ROLE, the role one of respondent, organisation, sector, role, question, attribute, left-out (as --column \"Team=attribute\")"
                    ));
                }
            }
        }
        Ok(Some(survey))
    }
}

/// What a command ended with: the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Success: exit 0.
    Ok,
    /// The input is not usable or the output could not be written: exit 1.
    Failed,
    /// There is nothing to run (no command): exit 2.
    Unavailable,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> i32 {
        match self {
            Outcome::Ok => 0,
            Outcome::Failed => 1,
            Outcome::Unavailable => 2,
        }
    }
}

/// Runs a parsed command line, printing results to `out` and problems to
/// `err`. A closed `out` (e.g. piped into `head`) is not an error.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let result = match cli.command {
        Some(Command::Validate {
            file,
            import,
            fields,
        }) => validate::run(&file, &import, fields, out, err),
        Some(Command::Convert {
            input,
            output,
            import,
            nodes_out,
            shareable,
            pseudonymise,
            force,
        }) => {
            let sharing = if pseudonymise {
                convert::Sharing::Pseudonymised
            } else if shareable {
                convert::Sharing::Shareable
            } else {
                convert::Sharing::Everything
            };
            convert::run(
                &input,
                &output,
                &import,
                &convert::Writing {
                    nodes_out,
                    sharing,
                    force,
                },
                out,
                err,
            )
        }
        Some(Command::Analyse(args)) => analyse::run(&args, out, err),
        Some(Command::Coalition(args)) => coalition::run(&args, out, err),
        Some(Command::Render(args)) => render::run(&args, out, err),
        Some(Command::Report(args)) => report::run(&args, out, err),
        Some(Command::Generate {
            actors,
            seed,
            ties_per_actor,
            out: file,
        }) => generate::run(actors, seed, ties_per_actor, file.as_deref(), out, err),
        Some(Command::Bench {
            sizes,
            seed,
            no_igraph: _,
            latency: true,
        }) => latency::run(
            &sizes.unwrap_or_else(|| vec![1000, 2000, 5000, 20000]),
            seed,
            out,
            err,
        ),
        Some(Command::Bench {
            sizes,
            seed,
            no_igraph,
            latency: false,
        }) => bench::run(
            &sizes.unwrap_or_else(|| vec![1000, 5000, 20000]),
            seed,
            !no_igraph,
            out,
            err,
        ),
        Some(Command::LayoutBench { sizes, seed }) => layout_bench::run(&sizes, seed, out, err),
        Some(Command::Fuzz(args)) => fuzz::run(&args, out, err),
        Some(Command::FrameBench(_)) | None => {
            // The binary opens the desktop editor (and frame-bench, which
            // needs its window) itself; this function has nothing to run.
            let _ = writeln!(err, "bridgework: no command given; see bridgework --help");
            return Outcome::Unavailable;
        }
    };
    match result {
        Ok(outcome) => outcome,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Ok,
        Err(e) => {
            let _ = writeln!(err, "bridgework: cannot write output: {e}");
            Outcome::Failed
        }
    }
}

/// Reads `file` as `import` says, reporting any problem on `err` once.
/// `None` means the command should end with [`Outcome::Failed`].
fn load_map(
    file: &std::path::Path,
    import: &ImportArgs,
    err: &mut dyn Write,
) -> Option<crate::io::Loaded> {
    let options = match import.options() {
        Ok(o) => o,
        Err(m) => {
            let _ = writeln!(err, "bridgework: {m}");
            return None;
        }
    };
    read_map(file, &options, import.guess_fields, err)
}

/// Reads `file` with `options`; through the mapping step's plan when
/// fields are chosen (`--map`) or guessed (`guess`), refusing a chosen
/// field the file does not have. Reports any problem on `err` once.
fn read_map(
    file: &std::path::Path,
    options: &crate::io::ImportOptions,
    guess: bool,
    err: &mut dyn Write,
) -> Option<crate::io::Loaded> {
    use crate::io::mapping::{ImportPlan, guess as guess_fields};
    let result = if options.mapping.is_empty() && !guess {
        crate::io::load(file, options)
    } else {
        match ImportPlan::new(file, options, crate::io::load) {
            Err(e) => Err(e),
            Ok(mut plan) => {
                if guess && !options.mapping.is_empty() {
                    let mut chosen = guess_fields(&plan.fields);
                    chosen.choices.extend(options.mapping.choices.clone());
                    plan.choose(chosen);
                }
                let unknown = plan.unknown_fields();
                if !unknown.is_empty() {
                    for u in unknown {
                        let _ = writeln!(err, "bridgework: {u}");
                    }
                    return None;
                }
                plan.into_result()
            }
        }
    };
    match result {
        Ok(l) => Some(l),
        Err(e) => {
            report(err, &e);
            None
        }
    }
}

/// Checks the files a command is about to write before it reads or
/// writes anything: a device or a folder is refused; a read-only file, a
/// named pipe or a socket needs `--force` (`force`), and is then noted; a
/// link is noted (the file it points to is written). Says why on `err`;
/// false means the command should end with [`Outcome::Failed`].
fn targets_ok(targets: &[PathBuf], force: bool, err: &mut dyn Write) -> std::io::Result<bool> {
    use crate::io::target::SaveTarget;
    for target in targets.iter().map(|t| SaveTarget::inspect(t)) {
        if let Some(why) = target.refusal() {
            writeln!(err, "bridgework: {why}; nothing was written")?;
            return Ok(false);
        }
        match (target.question(), force) {
            (Some(what), false) => {
                writeln!(
                    err,
                    "bridgework: {what}; nothing was written: add --force to do so"
                )?;
                return Ok(false);
            }
            (Some(what), true) => writeln!(err, "bridgework: note: {what} (--force)")?,
            (None, _) => {}
        }
        if let Some(note) = target.note() {
            writeln!(err, "bridgework: note: {note}")?;
        }
    }
    Ok(true)
}

/// Prints an error as the CLI does everywhere: `bridgework: ` and the
/// message, then a hint line where one helps.
fn report(err: &mut dyn Write, e: &crate::io::IoError) {
    let _ = writeln!(err, "bridgework: {e}");
    if e.suggests_latin1() {
        let _ = writeln!(err, "  hint: run the same command with --encoding latin1");
    }
}
