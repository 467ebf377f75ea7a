//! Tests of the survey reader on a hand-made form export (the same file as
//! `tests/data/formats/survey_form.csv`) and on workbooks made here with
//! rust_xlsxwriter.

use super::*;
use crate::io::{ImportOptions, IoError};
use crate::model::{ActorId, Network};
use rust_xlsxwriter::Workbook;
use std::path::Path;

const FORM: &str = include_str!("../../../tests/data/formats/survey_form.csv");

fn read_csv(text: &str, survey: &SurveyOptions) -> Result<Survey, IoError> {
    load_survey(
        Path::new("form.csv"),
        text.as_bytes(),
        &ImportOptions::default(),
        survey,
    )
}

fn ok(text: &str) -> Survey {
    match read_csv(text, &SurveyOptions::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn err(text: &str, survey: &SurveyOptions) -> String {
    match read_csv(text, survey) {
        Ok(_) => panic!("read, but should not have"),
        Err(e) => e.to_string(),
    }
}

/// (from, to, kind) of every tie, sorted.
fn ties(n: &Network) -> Vec<(String, String, String)> {
    let mut t: Vec<_> = n
        .ties()
        .iter()
        .map(|t| {
            assert!(t.directed);
            (
                t.from().as_str().to_owned(),
                t.to().as_str().to_owned(),
                t.kind.clone(),
            )
        })
        .collect();
    t.sort();
    t
}

fn attr(n: &Network, id: &str, key: &str) -> Option<String> {
    n.actor(&ActorId::new(id))?.attributes.get(key).cloned()
}

#[test]
fn the_form_export_becomes_actors_ties_and_kinds() {
    let s = ok(FORM);
    let n = &s.loaded.network;
    let mut ids: Vec<&str> = n.actors().iter().map(|a| a.id().as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "amara",
            "amara-okafor",
            "ben-hale",
            "chloe-martin",
            "dr-a-okafor",
            "dr-priya-shah",
            "jon-smith",
            "priya-shah",
            "tom-reed"
        ]
    );
    let kinds: Vec<&str> = n.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(kinds, ["advice", "works with most closely"]);
    assert!(n.tie_kinds.iter().all(|k| k.directed));
    assert_eq!(
        n.metadata.get("question: advice").map(String::as_str),
        Some("Who do you go to for advice?")
    );
    let t = |a: &str, b: &str, k: &str| (a.to_owned(), b.to_owned(), k.to_owned());
    let w = "works with most closely";
    assert_eq!(
        ties(n),
        [
            t("amara-okafor", "ben-hale", "advice"),
            t("amara-okafor", "ben-hale", w),
            t("amara-okafor", "chloe-martin", w),
            t("amara-okafor", "dr-priya-shah", "advice"),
            t("amara-okafor", "tom-reed", w),
            t("ben-hale", "amara-okafor", w),
            t("ben-hale", "chloe-martin", w),
            t("ben-hale", "dr-a-okafor", "advice"),
            t("ben-hale", "priya-shah", "advice"),
            t("chloe-martin", "ben-hale", w),
            t("chloe-martin", "tom-reed", w),
            t("priya-shah", "amara", w),
            t("priya-shah", "amara-okafor", "advice"),
            t("priya-shah", "jon-smith", w),
        ]
    );
    // Respondents keep their own spelling, fields and answers as attributes.
    let chloe = n.actor(&ActorId::new("chloe-martin")).unwrap();
    assert_eq!(chloe.name, "Chloé Martin");
    assert_eq!(chloe.organisation, "Riverside Council");
    assert_eq!(chloe.sector, "Social care");
    assert_eq!(chloe.role, "Social worker");
    assert_eq!(
        attr(n, "amara-okafor", "How long have you worked here?").as_deref(),
        Some("3 years")
    );
    // Surveyed or not, as an attribute; the named get the default sector.
    assert_eq!(attr(n, "ben-hale", "surveyed").as_deref(), Some("true"));
    assert_eq!(attr(n, "tom-reed", "surveyed").as_deref(), Some("false"));
    let tom = n.actor(&ActorId::new("tom-reed")).unwrap();
    assert_eq!(tom.organisation, "Riverside Council");
    assert_eq!(tom.sector, crate::io::builder::UNASSIGNED);
    // Email addresses are not copied anywhere.
    let json = crate::io::native::to_string(n).unwrap();
    assert!(!json.contains("example.org"), "{json}");
    assert!(!json.contains("Timestamp"));
}

#[test]
fn the_user_is_told_what_was_read_and_what_to_check() {
    let s = ok(FORM);
    let w = s.loaded.warnings.join("\n");
    assert!(w.contains("read 4 responses"), "{w}");
    assert!(
        w.contains("\"Who do you go to for advice?\" (tie kind \"advice\")"),
        "{w}"
    );
    assert!(
        w.contains("left out: \"Timestamp\", \"Email address\""),
        "{w}"
    );
    assert!(w.contains("5 people were named but did not respond"), "{w}");
    assert!(w.contains("no name in column \"Your name\""), "{w}");
    assert!(w.contains("(line 10)"), "{w}");
    assert!(w.contains("1 respondent named themselves"), "{w}");
    assert!(w.contains("1 answer named the same person twice"), "{w}");
    assert!(w.contains("in \"unassigned\""), "{w}");
    let pairs: Vec<(&str, &str, &str)> = s
        .near_duplicates
        .iter()
        .map(|d| (d.first.as_str(), d.second.as_str(), d.reason))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "Amara Okafor",
                "Dr A. Okafor",
                names::Likeness::Initial.describe()
            ),
            (
                "Amara Okafor",
                "Amara",
                names::Likeness::PartName.describe()
            ),
            (
                "Priya Shah",
                "Dr Priya Shah",
                names::Likeness::Title.describe()
            ),
        ]
    );
    assert!(w.contains("may be one person: \"Priya Shah\" and \"Dr Priya Shah\""));
    let roles: Vec<ColumnRole> = s.columns.iter().map(|(_, r)| *r).collect();
    use ColumnRole::*;
    assert_eq!(
        roles,
        [
            LeftOut,
            LeftOut,
            Respondent,
            Organisation,
            Sector,
            Role,
            Question,
            Question,
            Attribute
        ]
    );
}

#[test]
fn same_person_merges_a_near_duplicate_and_reading_is_deterministic() {
    let survey = SurveyOptions {
        same_person: vec![
            ("Amara Okafor".into(), "Dr A. Okafor".into()),
            ("Priya Shah".into(), "Dr Priya Shah".into()),
        ],
        ..Default::default()
    };
    let s = read_csv(FORM, &survey).unwrap();
    let n = &s.loaded.network;
    assert!(n.actor(&ActorId::new("dr-a-okafor")).is_none());
    assert!(n.actor(&ActorId::new("dr-priya-shah")).is_none());
    assert_eq!(n.actors().len(), 7);
    let t = ties(n);
    assert!(t.contains(&("ben-hale".into(), "amara-okafor".into(), "advice".into())));
    assert!(t.contains(&("amara-okafor".into(), "priya-shah".into(), "advice".into())));
    // Only the pair left apart is still listed.
    assert_eq!(s.near_duplicates.len(), 1);
    assert_eq!(s.near_duplicates[0].second, "Amara");
    assert_eq!(read_csv(FORM, &survey).unwrap(), s);
}

#[test]
fn kind_names_are_tidied_from_the_questions() {
    for (question, kind) in [
        ("Who do you go to for advice?", "advice"),
        ("Who do you work with?", "works with"),
        (
            "Who do you rely on when a referral goes wrong?",
            "relies on",
        ),
        (
            "Q3. Who have you shared information with in the last year?",
            "shared information with",
        ),
        (
            "Who are your closest colleagues? (up to five)",
            "closest colleagues",
        ),
        ("Please name the people you go to for support", "support"),
        ("Name the people you share data with", "shares data with"),
        ("Line manager", "line manager"),
        ("?", "question"),
    ] {
        assert_eq!(kind_name(question), kind, "{question}");
    }
}

#[test]
fn roles_are_guessed_from_headers() {
    use ColumnRole::*;
    for (header, role) in [
        ("Your name", Some(Respondent)),
        ("Name", Some(Respondent)),
        ("What is your name?", Some(Respondent)),
        ("Respondent", Some(Respondent)),
        ("Email Address", Some(LeftOut)),
        ("Completion time", Some(LeftOut)),
        ("Which organisation do you work for?", Some(Organisation)),
        ("Sector", Some(Sector)),
        ("Your role", Some(Role)),
        ("Job title", Some(Role)),
        ("Who in your organisation do you trust?", Some(Question)),
        ("Names of people you trust", Some(Question)),
        ("How long have you worked here?", None),
        ("", Some(LeftOut)),
    ] {
        assert_eq!(guess_role(header), role, "{header}");
    }
}

const SMALL: &str =
    "Participant,Team,Trusted,Comments\nAnn Lee,A,Bo Ray,fine\nBo Ray,B,Ann Lee;Cy Ng,\n";

#[test]
fn columns_can_be_named_instead_of_guessed() {
    // Guessed: "Trusted" names a respondent, so it is a question.
    let s = ok(SMALL);
    assert_eq!(s.loaded.network.tie_kinds[0].name, "trusted");
    assert_eq!(s.loaded.network.ties().len(), 3);
    // Given: only the named question; the rest are attributes.
    let survey = SurveyOptions {
        respondent_column: Some("participant".into()),
        question_columns: vec![" TRUSTED ".into()],
        ..Default::default()
    };
    let s = read_csv(SMALL, &survey).unwrap();
    let n = &s.loaded.network;
    assert_eq!(attr(n, "ann-lee", "Team").as_deref(), Some("A"));
    assert_eq!(attr(n, "ann-lee", "Comments").as_deref(), Some("fine"));
    let e = err(
        SMALL,
        &SurveyOptions {
            question_columns: vec!["Advice".into()],
            ..Default::default()
        },
    );
    assert!(
        e.contains("--question-column \"Advice\": there is no such column"),
        "{e}"
    );
    assert!(
        e.contains("\"Participant\", \"Team\", \"Trusted\", \"Comments\""),
        "{e}"
    );
}

#[test]
fn problems_name_the_file_row_and_column() {
    let e = err(
        "Colour,Who do you trust?\nred,Ann\n",
        &SurveyOptions::default(),
    );
    assert!(e.starts_with("form.csv"), "{e}");
    assert!(e.contains("no column holds the respondents' names"), "{e}");
    assert!(e.contains("--respondent-column"), "{e}");
    let e = err(
        "Your name,Who do you trust?\nAnn Lee,Bo\n\"Bo Ray; Cy Ng\",Ann Lee\n",
        &SurveyOptions::default(),
    );
    assert!(
        e.contains("line 3, column \"Your name\"") && e.contains("several names"),
        "{e}"
    );
    let e = err("Your name,Colour\nAnn Lee,red\n", &SurveyOptions::default());
    assert!(e.contains("no column holds names of people"), "{e}");
    assert!(e.contains("--question-column"), "{e}");
    let e = err("Your name,Who?\n,Ann\n", &SurveyOptions::default());
    assert!(e.contains("no row gives a respondent's name"), "{e}");
    let e = err(",,\n,,\n", &SurveyOptions::default());
    assert!(e.contains("no responses"), "{e}");
}

#[test]
fn a_second_response_from_one_person_adds_its_answers() {
    let s = ok("Your name,Who do you trust?\nAnn Lee,Bo Ray\nann  lee,Cy Ng\n");
    let n = &s.loaded.network;
    assert_eq!(n.actors().len(), 3);
    assert_eq!(n.ties().len(), 2);
    let w = s.loaded.warnings.join("\n");
    assert!(w.contains("\"Ann Lee\" (lines 2 and 3)"), "{w}");
}

/// The form as a workbook: one sheet, multiline cells, an empty sheet
/// before it and another sheet after.
fn form_workbook() -> Vec<u8> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(FORM.as_bytes());
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let mut b = Workbook::new();
    b.add_worksheet().set_name("Empty").unwrap();
    let ws = b.add_worksheet();
    ws.set_name("Form responses 1").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let notes = b.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "sent to 12 people").unwrap();
    b.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_reads_like_the_csv_and_names_its_sheet() {
    let bytes = form_workbook();
    let path = Path::new("form.xlsx");
    let s = load_survey(
        path,
        &bytes,
        &ImportOptions::default(),
        &SurveyOptions::default(),
    )
    .unwrap();
    let csv = ok(FORM);
    assert_eq!(ties(&s.loaded.network), ties(&csv.loaded.network));
    assert_eq!(s.near_duplicates, csv.near_duplicates);
    let w = s.loaded.warnings.join("\n");
    assert!(w.contains("on sheet \"Form responses 1\""), "{w}");
    assert!(w.contains("(\"Notes\") were not read"), "{w}");
    // A problem names the sheet, the row and the column.
    let mut b = Workbook::new();
    let ws = b.add_worksheet();
    ws.set_name("Form1").unwrap();
    for (c, h) in ["Your name", "Who do you trust?"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "Ann Lee\nBo Ray").unwrap();
    ws.write_string(1, 1, "Cy Ng").unwrap();
    let e = load_survey(
        path,
        &b.save_to_buffer().unwrap(),
        &ImportOptions::default(),
        &SurveyOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("sheet \"Form1\", row 2, column \"Your name\""),
        "{e}"
    );
}

/// Found by the fuzz harness: a header repeated 17,000 times across one
/// line took six minutes, as each repeat of a question walked past every
/// earlier "advice (N)" to find its kind a free name. Repeats now cost
/// one step each, and a file with more question columns than any form
/// has is refused, saying why.
#[test]
fn thousands_of_repeated_questions_are_numbered_or_refused() {
    let form = |repeats: usize| {
        let mut header = vec!["Your name".to_owned()];
        header.extend((0..repeats).map(|_| "Who do you go to for advice?".to_owned()));
        format!("{}\nAnn Lee,Bo Ray\nBo Ray,\n", header.join(","))
    };
    let s = ok(&form(MAX_QUESTIONS));
    let kinds: Vec<&str> = s
        .loaded
        .network
        .tie_kinds
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(kinds.len(), MAX_QUESTIONS);
    assert_eq!(kinds[..3], ["advice", "advice (2)", "advice (3)"]);
    assert_eq!(
        kinds[MAX_QUESTIONS - 1],
        format!("advice ({MAX_QUESTIONS})")
    );
    // Rows shorter than the header answer only the questions they reach.
    assert_eq!(
        ties(&s.loaded.network),
        [("ann-lee".into(), "bo-ray".into(), "advice".into())]
    );
    let e = err(&form(20_000), &SurveyOptions::default());
    assert!(
        e.contains("20000 columns read as questions about people, more than the 1000"),
        "{e}"
    );
}

/// A wide header over many short rows is read cell by cell: each row
/// costs its own cells, not the header's width.
#[test]
fn short_rows_under_a_wide_header_keep_their_attributes_and_answers() {
    let width = 20_000;
    let mut header = vec!["Your name".to_owned(), "Who do you trust?".to_owned()];
    header.extend((0..width).map(|i| format!("Extra {i}")));
    let mut text = header.join(",");
    for i in 0..2_000 {
        text.push_str(&format!("\nPerson {i},Person {}", (i + 1) % 2_000));
    }
    text.push_str("\nAnn Lee,Person 0,x,y\n");
    let s = ok(&text);
    let n = &s.loaded.network;
    assert_eq!(n.actors().len(), 2_001);
    assert_eq!(n.ties().len(), 2_001);
    assert_eq!(attr(n, "ann-lee", "Extra 1").as_deref(), Some("y"));
    assert_eq!(attr(n, "person-1", "Extra 0"), None);
}

#[test]
fn load_reads_a_survey_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("form.csv");
    std::fs::write(&p, FORM).unwrap();
    let options = ImportOptions {
        survey: Some(SurveyOptions::default()),
        ..Default::default()
    };
    let loaded = crate::io::load(&p, &options).unwrap();
    assert_eq!(loaded.network.ties().len(), 14);
    assert!(crate::io::load(&p, &ImportOptions::default()).is_err());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A cell from pieces forms hold: names with titles, initials,
    /// accents and brackets, separators, bullets, "none", odd characters.
    fn cell() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Amara Okafor".to_owned()),
            Just("Dr A. Okafor".to_owned()),
            Just("amára  okafor".to_owned()),
            Just("Ben Hale (PCN)".to_owned()),
            Just("Prof Zoë Ng".to_owned()),
            Just("Jon Smith".to_owned()),
            Just("John Smith".to_owned()),
            Just("none".to_owned()),
            Just("(x)".to_owned()),
            Just("- ".to_owned()),
            Just("1) ".to_owned()),
            Just("; ".to_owned()),
            Just(",".to_owned()),
            Just("\n".to_owned()),
            Just("\"".to_owned()),
            Just("?!".to_owned()),
            "[a-zA-Z é]{0,8}".prop_map(|s| s),
        ];
        proptest::collection::vec(piece, 0..6).prop_map(|p: Vec<String>| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_form_reads_to_a_valid_map_or_a_clear_error(
            rows in proptest::collection::vec((cell(), cell(), cell(), cell()), 0..8)
        ) {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["Your name", "Sector", "Who do you trust?", "Notes"]).unwrap();
            for (a, b, c, d) in &rows {
                w.write_record([a, b, c, d]).unwrap();
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            match read_csv(&text, &SurveyOptions::default()) {
                Err(e) => prop_assert!(e.to_string().starts_with("form.csv"), "{e}"),
                Ok(s) => {
                    let n = &s.loaded.network;
                    prop_assert!(n.validate().is_empty(), "{:?}", n.validate());
                    for t in n.ties() {
                        let from = n.actor(t.from()).unwrap();
                        prop_assert_eq!(from.attributes.get("surveyed").map(String::as_str), Some("true"));
                        prop_assert!(t.from() != t.to());
                    }
                    let p = n.pseudonymised_copy().unwrap();
                    prop_assert!(p.network.validate().is_empty());
                    prop_assert_eq!(p.key.len(), n.actors().len());
                }
            }
        }
    }
}

#[test]
fn column_roles_chosen_one_by_one_win_over_guesses_and_options() {
    // "Team" as the sector: the sector comes from it, no attribute kept.
    let mut survey = SurveyOptions::default();
    survey.set_column_role("team", ColumnRole::Sector);
    let s = read_csv(SMALL, &survey).unwrap();
    let n = &s.loaded.network;
    let ann = n.actor(&ActorId::new("ann-lee")).unwrap();
    assert_eq!(ann.sector, "A");
    assert!(attr(n, "ann-lee", "Team").is_none());
    assert!(s.columns.contains(&("Team".into(), ColumnRole::Sector)));
    // "Trusted" left out: no question remains, and the error says so.
    survey.set_column_role("Trusted", ColumnRole::LeftOut);
    let e = err(SMALL, &survey);
    assert!(e.contains("no column holds names of people"), "{e}");
    // The last choice for a column wins; a later respondent choice moves
    // the guessed one to an attribute.
    survey.set_column_role(" trusted ", ColumnRole::Question);
    assert_eq!(survey.column_roles.len(), 2);
    survey.set_column_role("Comments", ColumnRole::Respondent);
    let s = read_csv(SMALL, &survey).unwrap();
    assert!(
        s.columns
            .contains(&("Participant".into(), ColumnRole::Attribute))
    );
    assert!(s.loaded.network.actor(&ActorId::new("fine")).is_some());
    // A header that is not there is named with the ones that are.
    let mut wrong = SurveyOptions::default();
    wrong.set_column_role("Advice", ColumnRole::Question);
    let e = err(SMALL, &wrong);
    assert!(
        e.contains("--column \"Advice\": there is no such column"),
        "{e}"
    );
}

#[test]
fn a_survey_read_records_its_columns_even_when_it_fails() {
    use crate::io::mapping::FieldSink;
    let sink = FieldSink::default();
    let options = ImportOptions {
        record_fields: Some(sink.clone()),
        ..Default::default()
    };
    // No column is guessed as the respondent's: the read fails, and the
    // columns are there to choose from.
    let text = "Person,Trusted\nAnn Lee,Bo Ray\nBo Ray,Ann Lee\n";
    let read = load_survey(
        Path::new("form.csv"),
        text.as_bytes(),
        &options,
        &SurveyOptions::default(),
    );
    assert!(read.is_err());
    let seen = sink.take().survey.unwrap();
    let headers: Vec<&str> = seen.columns.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headers, ["Person", "Trusted"]);
    // A read that works records the final roles and the near-duplicates.
    let sink = FieldSink::default();
    let options = ImportOptions {
        record_fields: Some(sink.clone()),
        ..Default::default()
    };
    let s = load_survey(
        Path::new("form.csv"),
        FORM.as_bytes(),
        &options,
        &SurveyOptions::default(),
    )
    .unwrap();
    let seen = sink.take().survey.unwrap();
    assert_eq!(seen.columns, s.columns);
    assert_eq!(seen.near_duplicates, s.near_duplicates);
    assert!(!seen.near_duplicates.is_empty());
}

#[test]
fn a_survey_plans_like_any_import_with_its_columns_and_pairs() {
    use crate::io::mapping::{Opened, plan_or_load};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.csv");
    std::fs::write(
        &path,
        "Person,Trusted\nAnn Lee,Bo Ray\nBo Ray,Ann Lee;Dr Ann Lee\n",
    )
    .unwrap();
    let options = ImportOptions {
        survey: Some(SurveyOptions::default()),
        ..Default::default()
    };
    let Ok(Opened::Plan(mut plan)) = plan_or_load(&path, &options) else {
        panic!("a survey file is planned");
    };
    // Nobody is read yet (no respondent column), but the columns are
    // there to choose from.
    assert!(plan.loaded().is_none());
    let mut choices = plan.survey_options().unwrap().clone();
    choices.set_column_role("Person", ColumnRole::Respondent);
    plan.set_survey_options(choices.clone());
    plan.choose(plan.assignment.clone());
    let n = &plan.loaded().unwrap().network;
    assert_eq!(n.actors().len(), 3);
    let survey = plan.fields.survey.clone().unwrap();
    assert_eq!(survey.columns[0], ("Person".into(), ColumnRole::Respondent));
    let pair = survey.near_duplicates.first().unwrap();
    // Reading the pair as one person.
    choices.set_same_person(&pair.first, &pair.second, true);
    plan.set_survey_options(choices);
    plan.choose(plan.assignment.clone());
    assert_eq!(plan.loaded().unwrap().network.actors().len(), 2);
    assert!(
        plan.fields
            .survey
            .as_ref()
            .unwrap()
            .near_duplicates
            .is_empty()
    );
}
