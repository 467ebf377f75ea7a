//! The attribute rules an edit must respect where it touches the map.
//!
//! Rather than repeat the rules of [`Network::validate`] here (and drift
//! from them), each check puts the items it is given into a scratch network
//! with the map's sector and tie-kind lists, validates that, and maps the
//! issues found on those items back to their ids. The scratch network holds
//! only the items checked, so a check costs O(items), not O(map).

use super::error::{EditError, NameList};
use crate::model::{Actor, ModelError, Network, Sector, Tie, TieKind, ValidationIssue};
use std::collections::HashSet;

/// Splits a validation place such as `actors[3].tags[1]` into the index (3)
/// and the field (`tags[1]`), if it starts with `list[`.
fn split_place<'a>(place: &'a str, list: &str) -> Option<(usize, &'a str)> {
    let rest = place.strip_prefix(list)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once(']')?;
    let index = index.parse().ok()?;
    Some((index, rest.strip_prefix('.').unwrap_or(rest)))
}

/// The first issue of `issues` placed in `list`, as (index, field, message).
fn first_in<'a>(issues: &'a [ValidationIssue], list: &str) -> Option<(usize, &'a str, &'a str)> {
    issues.iter().find_map(|issue| {
        let (i, field) = split_place(&issue.place, list)?;
        Some((i, field, issue.message.as_str()))
    })
}

/// Checks that every actor keeps the map's rules (name, known sector,
/// ranges, tags, finite position). Ids are checked by the caller.
pub(super) fn check_actors<'a>(
    network: &Network,
    actors: impl IntoIterator<Item = &'a Actor>,
) -> Result<(), EditError> {
    let mut scratch = Network::with_lists(network.sectors.clone(), Vec::new());
    for actor in actors {
        scratch.add_actor(actor.clone()).map_err(|e| match e {
            ModelError::DuplicateActor(id) => EditError::RepeatedActor(id),
            _ => EditError::EmptyId,
        })?;
    }
    let issues = scratch.validate();
    match first_in(&issues, "actors") {
        Some((i, field, problem)) => Err(EditError::InvalidActor {
            id: scratch
                .actors()
                .get(i)
                .map(|a| a.id().clone())
                .unwrap_or_else(|| "?".into()),
            field: field.to_owned(),
            problem: problem.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Checks that every tie keeps the map's rules (known kind, positive
/// finite strength). Ids and ends are checked by the caller.
pub(super) fn check_ties<'a>(
    network: &Network,
    ties: impl IntoIterator<Item = &'a Tie> + Clone,
) -> Result<(), EditError> {
    let mut scratch = Network::with_lists(Vec::new(), network.tie_kinds.clone());
    // Stand-ins for the ends, so the scratch ties have somewhere to go;
    // their own issues are ignored below.
    let mut ends = HashSet::new();
    for tie in ties.clone() {
        for end in [tie.from(), tie.to()] {
            if ends.insert(end) {
                scratch
                    .add_actor(Actor::new(end.clone(), "end", ""))
                    .map_err(|_| EditError::EmptyId)?;
            }
        }
    }
    for tie in ties {
        scratch.add_tie(tie.clone()).map_err(|e| match e {
            ModelError::DuplicateTie(id) => EditError::RepeatedTie(id),
            ModelError::UnknownActor(actor) => EditError::TieEndUnknown {
                tie: tie.id().clone(),
                actor,
            },
            _ => EditError::EmptyId,
        })?;
    }
    let issues = scratch.validate();
    match first_in(&issues, "ties") {
        Some((i, field, problem)) => Err(EditError::InvalidTie {
            id: scratch
                .ties()
                .get(i)
                .map(|t| t.id().clone())
                .unwrap_or_else(|| "?".into()),
            field: field.to_owned(),
            problem: problem.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Checks a whole sector list (names present, trimmed, unique).
pub(super) fn check_sector_list(sectors: &[Sector]) -> Result<(), EditError> {
    check_list(
        NameList::Sectors,
        Network::with_lists(sectors.to_vec(), Vec::new()),
        sectors.iter().map(|s| s.name.as_str()),
    )
}

/// Checks a whole tie-kind list (names present, trimmed, unique).
pub(super) fn check_tie_kind_list(kinds: &[TieKind]) -> Result<(), EditError> {
    check_list(
        NameList::TieKinds,
        Network::with_lists(Vec::new(), kinds.to_vec()),
        kinds.iter().map(|k| k.name.as_str()),
    )
}

fn check_list<'a>(
    list: NameList,
    scratch: Network,
    mut names: impl Iterator<Item = &'a str>,
) -> Result<(), EditError> {
    let place = match list {
        NameList::Sectors => "sectors",
        NameList::TieKinds => "tie_kinds",
    };
    let issues = scratch.validate();
    match first_in(&issues, place) {
        Some((i, _, problem)) => Err(EditError::InvalidName {
            list,
            name: names.nth(i).unwrap_or_default().to_owned(),
            problem: problem.to_owned(),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_split_into_index_and_field() {
        assert_eq!(
            split_place("actors[12].sector", "actors"),
            Some((12, "sector"))
        );
        assert_eq!(
            split_place("actors[0].tags[3]", "actors"),
            Some((0, "tags[3]"))
        );
        assert_eq!(split_place("ties[2].kind", "actors"), None);
        assert_eq!(split_place("actors[x].name", "actors"), None);
    }

    #[test]
    fn actor_rules_come_from_validate() {
        let n = Network::new();
        let mut a = Actor::new("a", "Ann", "primary care");
        assert_eq!(check_actors(&n, [&a]), Ok(()));
        a.influence = Some(9);
        assert_eq!(
            check_actors(&n, [&a]),
            Err(EditError::InvalidActor {
                id: "a".into(),
                field: "influence".into(),
                problem: "9 is out of range; use 1 to 5".into()
            })
        );
        let b = Actor::new("b", "Bo", "hospitl care");
        let err = check_actors(&n, [&b]).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "actor \"b\", sector: unknown sector \"hospitl care\" (did you mean \"hospital care\"?)"
            ),
            "{err}"
        );
    }

    #[test]
    fn tie_rules_come_from_validate() {
        let n = Network::new();
        let mut t = Tie::new("t", "a", "b", "referral", true);
        assert_eq!(check_ties(&n, [&t]), Ok(()));
        t.strength = 0.0;
        let err = check_ties(&n, [&t]).unwrap_err();
        assert!(
            matches!(&err, EditError::InvalidTie { id, field, .. } if id.as_str() == "t" && field == "strength"),
            "{err:?}"
        );
        let u = Tie::new("u", "a", "a", "nope", false);
        let err = check_ties(&n, [&u]).unwrap_err();
        assert!(
            matches!(&err, EditError::InvalidTie { field, .. } if field == "kind"),
            "{err:?}"
        );
    }

    #[test]
    fn list_rules_come_from_validate() {
        let mut sectors = crate::model::default_sectors();
        assert_eq!(check_sector_list(&sectors), Ok(()));
        sectors[2].name = " padded".into();
        assert!(matches!(
            check_sector_list(&sectors),
            Err(EditError::InvalidName { name, .. }) if name == " padded"
        ));
        let mut kinds = crate::model::default_tie_kinds();
        let dup = kinds[0].clone();
        kinds.push(dup);
        assert!(matches!(
            check_tie_kind_list(&kinds),
            Err(EditError::InvalidName { list: NameList::TieKinds, name, .. }) if name == "collaboration"
        ));
    }
}
