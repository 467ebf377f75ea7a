//! Survey responses from a name generator ("Who do you go to for
//! advice?"): a CSV file or a spreadsheet (`.xlsx`, `.xls`, `.ods`)
//! exported from an online form, one row per respondent. Read only, and
//! only when asked for ([`ImportOptions::survey`](crate::io::ImportOptions)):
//! a form export cannot be told from other tables by its look.
//!
//! **Columns.** The first non-blank row names the columns (the first sheet
//! with anything on it, for a workbook). Their roles are guessed from the
//! headers ([`guess_role`]) and can be given instead ([`SurveyOptions`]):
//!
//! * **respondent**: `Name`, `Your name`, `Full name`, `Respondent`, … —
//!   one name a row;
//! * **organisation**, **sector**, **role** (`Job title`): the
//!   respondent's;
//! * **left out**: what forms add on their own (`Timestamp`, `Start time`,
//!   `Completion time`, `Email address`, `ID`, …) — email addresses are not
//!   copied into the map;
//! * **question**: a header that asks about people (`who`, `whom`,
//!   `people`, `colleagues`, `contacts`, `names`), or any other column in
//!   which some answer names a respondent;
//! * every other column is kept as an attribute of the respondent.
//!
//! A file with more than [`MAX_QUESTIONS`] question columns is refused:
//! each question is a tie kind, and a form asks a handful.
//!
//! **The map.** Every respondent and every person named is an actor (ids
//! made from the name: "Amara Okafor" → `amara-okafor`), with the
//! attribute `surveyed` = `true` for respondents and `false` for people
//! named but not responding. Each question is a tie kind (directed), its
//! name tidied from the header ([`kind_name`]: "Who do you go to for
//! advice?" → `advice`, "Who do you work with?" → `works with`), the full
//! question kept in the map's metadata as `question: KIND`. Each name in
//! an answer is one directed tie respondent → person of that kind (the
//! same name twice in one answer is one tie; naming yourself is left out).
//! Names are split and matched as [`names`] says: ignoring case, spaces,
//! punctuation and accents. Near-duplicates are listed
//! ([`Survey::near_duplicates`] and one warning each), never merged: the
//! user merges them with [`SurveyOptions::same_person`] or keeps them
//! apart. Two rows from one respondent are read as one (answers from both
//! kept), with a warning.
//!
//! **Sectors.** With a sector column, people named but not surveyed (and
//! respondents who left it blank) go to the default sector, else
//! `unassigned`, with a warning; without one, the map's usual rule for
//! files without sectors holds.
//!
//! Problems name the file, the row (and sheet) and the column.

pub mod names;
mod read;
#[cfg(test)]
mod tests;

pub use read::{MAX_QUESTIONS, guess_role, kind_name, load_survey, read_survey};

use crate::io::Loaded;

/// What a column of a form export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    /// The respondent's name.
    Respondent,
    /// The respondent's organisation.
    Organisation,
    /// The respondent's sector.
    Sector,
    /// The respondent's role or job title.
    Role,
    /// A name-generator question: its answers are names.
    Question,
    /// Kept as an attribute of the respondent.
    Attribute,
    /// Not read (timestamps, email addresses, blank headers).
    LeftOut,
}

impl ColumnRole {
    /// Every role, in the order the import preview lists them.
    pub const ALL: [ColumnRole; 7] = [
        ColumnRole::Respondent,
        ColumnRole::Organisation,
        ColumnRole::Sector,
        ColumnRole::Role,
        ColumnRole::Question,
        ColumnRole::Attribute,
        ColumnRole::LeftOut,
    ];

    /// The role a word names (case, spaces, `-` and `_` ignored), as
    /// `--column HEADER=ROLE` gives it.
    pub fn parse(word: &str) -> Option<ColumnRole> {
        let w: String = word
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match w.as_str() {
            "respondent" | "name" => ColumnRole::Respondent,
            "organisation" | "organization" => ColumnRole::Organisation,
            "sector" => ColumnRole::Sector,
            "role" | "jobtitle" => ColumnRole::Role,
            "question" => ColumnRole::Question,
            "attribute" => ColumnRole::Attribute,
            "leftout" | "skip" | "ignore" => ColumnRole::LeftOut,
            _ => return None,
        })
    }

    /// Whether only one column can have it (the respondent's own fields).
    pub fn is_single(self) -> bool {
        matches!(
            self,
            ColumnRole::Respondent
                | ColumnRole::Organisation
                | ColumnRole::Sector
                | ColumnRole::Role
        )
    }

    /// In words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            ColumnRole::Respondent => "respondent",
            ColumnRole::Organisation => "organisation",
            ColumnRole::Sector => "sector",
            ColumnRole::Role => "role",
            ColumnRole::Question => "question",
            ColumnRole::Attribute => "attribute",
            ColumnRole::LeftOut => "left out",
        }
    }
}

/// Choices that override the guessed column roles. Columns are named by
/// their header, compared ignoring case and spaces at either end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyOptions {
    /// The column with the respondent's name.
    pub respondent_column: Option<String>,
    /// The column with the respondent's organisation.
    pub organisation_column: Option<String>,
    /// The column with the respondent's sector.
    pub sector_column: Option<String>,
    /// The column with the respondent's role.
    pub role_column: Option<String>,
    /// The question columns; when any are given, only these are questions
    /// (other unclaimed columns become attributes).
    pub question_columns: Vec<String>,
    /// Pairs of spellings that are one person: the second is read as the
    /// first (how a near-duplicate is merged).
    pub same_person: Vec<(String, String)>,
    /// Roles given column by column (the import preview's choices, the
    /// command line's `--column HEADER=ROLE`), over the guesses and the
    /// options above; the last choice for a column wins. Choosing the
    /// respondent, organisation, sector or role for a column makes the
    /// column that had it an attribute.
    pub column_roles: Vec<(String, ColumnRole)>,
}

impl SurveyOptions {
    /// Gives `header`'s column `role` (replacing an earlier choice for it).
    pub fn set_column_role(&mut self, header: &str, role: ColumnRole) {
        let fold = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        self.column_roles.retain(|(h, _)| fold(h) != fold(header));
        self.column_roles.push((header.to_owned(), role));
    }

    /// Reads `second` as `first` (`same`), or keeps them apart again.
    pub fn set_same_person(&mut self, first: &str, second: &str, same: bool) {
        self.same_person
            .retain(|(a, b)| !(a == first && b == second));
        if same {
            self.same_person.push((first.to_owned(), second.to_owned()));
        }
    }
}

/// What a survey read saw, for the import preview: each column with the
/// role it was read in, and the names that may be one person. Recorded
/// through [`ImportOptions::record_fields`](crate::io::ImportOptions) even
/// when the read then fails (so the user can choose another column).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyColumns {
    /// Each column's header (on one line) and its role.
    pub columns: Vec<(String, ColumnRole)>,
    /// Pairs of names that may be one person, not yet merged.
    pub near_duplicates: Vec<NearDuplicate>,
}

/// Two names that may be one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearDuplicate {
    /// One name as shown on the map.
    pub first: String,
    /// The other.
    pub second: String,
    /// Why they may be one person, in words.
    pub reason: &'static str,
}

/// A survey read into a map.
#[derive(Clone, Debug, PartialEq)]
pub struct Survey {
    /// The map and the warnings (near-duplicates among them).
    pub loaded: Loaded,
    /// Each column's header and the role it was read in.
    pub columns: Vec<(String, ColumnRole)>,
    /// The names that may be one person, for the user to merge or keep
    /// apart.
    pub near_duplicates: Vec<NearDuplicate>,
}
