//! `bridgework validate FILE --fields`: the mapping step as text — which
//! field of the file each role takes (and what Bridgework would guess),
//! then every field of the actors and ties with how often it is filled
//! and sample values, so the `--map ROLE=FIELD` choices can be made.

use crate::io::mapping::{Assignment, FieldRole, ImportPlan, SourceField, guess};
use crate::io::{ImportOptions, IoError};
use std::fmt::Write;
use std::path::Path;

/// Reads `file` as the mapping step does and describes its fields.
/// `guessing`: the guesses are in force (`--guess-fields`).
pub(super) fn fields_text(
    file: &Path,
    options: &ImportOptions,
    guessing: bool,
) -> Result<String, IoError> {
    let mut plan = ImportPlan::new(file, options, crate::io::load)?;
    let guessed = guess(&plan.fields);
    if !guessing && options.mapping.is_empty() && !plan.assignment.is_empty() {
        plan.choose(Assignment::default());
    }
    Ok(describe(&plan, &guessed))
}

fn describe(plan: &ImportPlan, guessed: &Assignment) -> String {
    let mut s = String::new();
    if plan.fields.actors == 0 && plan.fields.ties == 0 {
        let _ = writeln!(
            s,
            "  fields:    none to choose from (a Bridgework map is read as it is)"
        );
        return s;
    }
    let _ = writeln!(s, "  roles (change with --map ROLE=FIELD):");
    for role in FieldRole::ALL {
        if role.is_tie() && plan.fields.ties == 0 {
            continue;
        }
        let taken = plan
            .field_for(role)
            .map_or("(none)".to_owned(), |f| f.name.clone());
        let mut line = format!("    {:<14}← {taken}", role.label());
        if let Some(Some(g)) = guessed.choices.get(&role)
            && !plan.assignment.choices.contains_key(&role)
        {
            let _ = write!(
                line,
                "   (guess: {g}; take it with --guess-fields or --map {}={g})",
                role.label()
            );
        }
        let _ = writeln!(s, "{line}");
    }
    for ties in [false, true] {
        let (count, what) = if ties {
            (plan.fields.ties, "tie")
        } else {
            (plan.fields.actors, "actor")
        };
        if count == 0 {
            continue;
        }
        let _ = writeln!(s, "  {what} fields ({count} {what}s read):");
        for f in plan.fields.fields(ties) {
            let _ = writeln!(s, "{}", field_line(f, count));
        }
    }
    s
}

fn field_line(f: &SourceField, count: usize) -> String {
    let samples = if f.samples.is_empty() {
        String::new()
    } else {
        format!("   e.g. {}", f.samples.join(", "))
    };
    format!("    {:<22}{:>6} of {count}{samples}", f.name, f.filled)
}
