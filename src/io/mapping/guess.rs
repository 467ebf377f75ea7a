//! Guessing which field is which: for each role the reader left empty, a
//! field kept as an attribute whose name is a common name for that role.

use super::{Assignment, FieldInventory, FieldRole};

/// Common names of each role's field, most likely first (compared with
/// case, spaces, `_` and `-` ignored).
fn names(role: FieldRole) -> &'static [&'static str] {
    match role {
        FieldRole::Name => &["name", "fullname", "person", "label", "title"],
        FieldRole::Sector => &[
            "sector",
            "type",
            "elementtype",
            "category",
            "group",
            "department",
            "service",
            "setting",
            "organisationtype",
            "organizationtype",
            "orgtype",
            "area",
        ],
        FieldRole::Kind => &["kind", "actorkind", "nodetype", "entitytype"],
        FieldRole::Organisation => &[
            "organisation",
            "organization",
            "org",
            "employer",
            "company",
            "institution",
            "affiliation",
            "agency",
            "trust",
            "practice",
        ],
        FieldRole::Role => &["role", "jobtitle", "job", "position", "post", "title"],
        FieldRole::Strength => &["weight", "strength", "value", "frequency", "score"],
        FieldRole::Direction => &["directed", "direction"],
        FieldRole::TieKind => &[
            "kind",
            "type",
            "connectiontype",
            "relationship",
            "relation",
            "label",
        ],
    }
}

fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each role the file's reader gave no field (no field in `fields` is
/// that built-in), the first attribute field with a value whose name is a
/// common name for the role. A field is guessed for one role at most.
///
/// # Example
///
/// A GraphML file from yEd with a `Department` key and no sector: the
/// guess is `sector ← Department`.
pub fn guess(fields: &FieldInventory) -> Assignment {
    let mut out = Assignment::default();
    let mut used: Vec<(bool, String)> = Vec::new();
    for role in FieldRole::ALL {
        let ties = role.is_tie();
        if fields.builtin(ties, role.column()).is_some() {
            continue;
        }
        let found = names(role).iter().find_map(|n| {
            fields
                .fields(ties)
                .iter()
                .filter(|f| f.builtin.is_none() && f.filled > 0)
                .find(|f| key(&f.name) == *n && !used.contains(&(ties, key(&f.name))))
        });
        if let Some(f) = found {
            used.push((ties, key(&f.name)));
            out.set(role, Some(f.name.clone()));
        }
    }
    out
}
