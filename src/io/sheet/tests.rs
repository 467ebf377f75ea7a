//! Tests of the spreadsheet reader and writer, on workbooks made here with
//! rust_xlsxwriter.

use super::read::{ElementCounter, ZipLimits, check_zip_members};
use super::*;
use crate::io::{ImportOptions, Loaded};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::Path;

/// A workbook of sheets, each a name and rows of text cells ("" is none).
fn book(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut b = Workbook::new();
    for (name, rows) in sheets {
        let ws = b.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
    }
    b.save_to_buffer().unwrap()
}

fn load(bytes: &[u8]) -> Result<Loaded, crate::io::IoError> {
    let p = Path::new("map.xlsx");
    let tables = read_workbook(p, bytes)?;
    tables_to_map(p, &tables, &ImportOptions::default())
}

/// Fails unless one of `l`'s warnings holds `text`.
fn assert_warns(l: &Loaded, text: &str) {
    assert!(
        l.warnings.iter().any(|w| w.contains(text)),
        "{:?}",
        l.warnings
    );
}

fn ok(bytes: &[u8]) -> Loaded {
    match load(bytes) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn actors_and_ties_sheets() {
    let l = ok(&book(&[
        (
            "Actors",
            &[
                &["id", "label", "sector", "Team"],
                &["a", "Ann \"AJ\" | Jones", "GP", "Blue"],
                &["b", "Bo", "Acute", ""],
            ],
        ),
        (
            "Ties",
            &[&["source", "target", "weight"], &["a", "b", "2.5"]],
        ),
    ]));
    let n = &l.network;
    assert_eq!(
        n.actors()[0].name,
        "Ann \"AJ\" | Jones",
        "a plain label keeps its |"
    );
    assert_eq!(
        n.actors()[0].attributes.get("Team").map(String::as_str),
        Some("Blue")
    );
    assert_eq!(n.ties()[0].strength, 2.5);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn kumus_layout_with_ignored_sheets_and_several_names_in_to() {
    let l = ok(&book(&[
        ("Notes (ignore)", &[&["id", "whatever"], &["x", "y"]]),
        (
            "Elements",
            &[
                &["Label", "Type", "Tags", "Organisation"],
                &["Amara", "Primary care", "lead | frailty", "Riverside"],
                &["Grace", "Social care", "", ""],
                &["Ward 7", "Acute", "", ""],
            ],
        ),
        (
            "Connections",
            &[
                &["From", "To", "Type", "Direction"],
                &["Amara", "Grace | Ward 7", "referral", ""],
                &["Grace", "Ward 7", "collaboration", "mutual"],
            ],
        ),
    ]));
    let n = &l.network;
    assert_eq!(n.actors().len(), 3);
    assert_eq!(n.actors()[0].sector, "Primary care");
    assert_eq!(n.actors()[0].tags, ["lead", "frailty"]);
    assert_eq!(n.actors()[0].organisation, "Riverside");
    let ties: Vec<(&str, &str, &str, bool)> = n
        .ties()
        .iter()
        .map(|t| {
            (
                t.from().as_str(),
                t.to().as_str(),
                t.kind.as_str(),
                t.directed,
            )
        })
        .collect();
    assert_eq!(
        ties,
        [
            ("Amara", "Grace", "referral", false),
            ("Amara", "Ward 7", "referral", false),
            ("Grace", "Ward 7", "collaboration", false)
        ]
    );
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn one_sheet_with_elements_two_blank_rows_then_connections() {
    let l = ok(&book(&[(
        "Sheet1",
        &[
            &["Label", "Type"],
            &["A", "X"],
            &["B", "Y"],
            &[],
            &[],
            &["From", "To"],
            &["A", "B"],
        ],
    )]));
    assert_eq!(l.network.actors().len(), 2);
    assert_eq!(l.network.ties().len(), 1);
    // The same as Kumu-style CSV.
    let text = "Label,Type\nA,X\nB,Y\n,\n,\nFrom,To\nA,B\n";
    assert!(crate::io::is_kumu_csv(text));
    let p = Path::new("kumu.csv");
    let t = read_tables(p, text).unwrap();
    let l = tables_to_map(p, &t, &ImportOptions::default()).unwrap();
    assert_eq!(l.network.ties().len(), 1);
    assert!(!crate::io::is_kumu_csv("id,label,sector\na,A,X\n"));
}

#[test]
fn awkward_workbooks() {
    // Empty sheets, a merged header cell, dates and formulas.
    let mut b = Workbook::new();
    b.add_worksheet().set_name("Empty").unwrap();
    let ws = b.add_worksheet();
    ws.set_name("People").unwrap();
    let bold = Format::new().set_bold();
    ws.write_string(0, 0, "id").unwrap();
    ws.write_string(0, 1, "label").unwrap();
    ws.merge_range(0, 2, 0, 3, "Start date", &bold).unwrap();
    ws.write_string(0, 4, "influence").unwrap();
    ws.write_string(1, 0, "a").unwrap();
    ws.write_string(1, 1, "Ann").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 3, 1).unwrap(), &date)
        .unwrap();
    ws.write_string(1, 3, "under the merge").unwrap();
    ws.write_formula(1, 4, Formula::new("=1+2").set_result("3"))
        .unwrap();
    let bytes = b.save_to_buffer().unwrap();
    let l = ok(&bytes);
    let a = &l.network.actors()[0];
    assert_eq!(
        a.attributes.get("Start date").map(String::as_str),
        Some("2024-03-01")
    );
    assert_eq!(a.influence, Some(3), "a formula's computed value");
    assert_eq!(l.network.actors()[0].sector, "unassigned");
    assert_warns(&l, "left out 1 column with a blank header");
    assert!(l.warnings.iter().any(|w| w.contains("\"Empty\"")) || l.warnings.len() == 2);
    // Nothing readable at all.
    let e = load(&book(&[("Sheet1", &[&["what", "ever"]])]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("no sheet holds actors"), "{e}");
    let e = load(b"not a workbook").unwrap_err().to_string();
    assert!(e.contains("not a spreadsheet"), "{e}");
    // A bad value names sheet, row and column.
    let e = load(&book(&[("Actors", &[&["id", "influence"], &["a", "9"]])]))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("sheet \"Actors\", row 2, column \"influence\""),
        "{e}"
    );
}

mod round_trip {
    use super::*;
    use crate::io::graphml::tests::{XmlText, lists};
    use crate::model::arbitrary;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// An .xlsx holds the actors and ties with every field: they come
        /// back.
        #[test]
        fn what_a_workbook_holds_survives_a_write_and_read(
            n in arbitrary::network::<XmlText>(lists(), 5, 7)
        ) {
            let bytes = write_xlsx(&n, &[]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let back = load(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back.network.actors(), n.actors());
            prop_assert_eq!(back.network.ties(), n.ties());
        }
    }
}

/// A workbook's bytes with `from` replaced by `to` in its first sheet's XML.
fn with_sheet_xml_replaced(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    with_member_replaced(bytes, "xl/worksheets/sheet1.xml", from, to)
}

/// A workbook's bytes with `from` replaced by `to` in member `member`.
fn with_member_replaced(bytes: &[u8], member: &str, from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == member {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{text}");
            data = text.replace(from, to).into_bytes();
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Found by the fuzz harness: calamine laid out every sheet as the full
/// rectangle up to its farthest cell, so one cell at Excel's last address
/// asked for 17 billion cells (a crash). The sheet is now read cell by
/// cell, and a run of blank rows is kept as two.
#[test]
fn a_cell_at_the_last_address_does_not_fill_the_sheet() {
    let mut b = Workbook::new();
    let ws = b.add_worksheet();
    ws.write_string(0, 0, "label").unwrap();
    ws.write_string(1, 0, "A").unwrap();
    ws.write_string(1_048_575, 16_383, "far away").unwrap();
    let bytes = b.save_to_buffer().unwrap();
    let tables = read_workbook(Path::new("far.xlsx"), &bytes).unwrap();
    let rows = &tables[0].rows;
    let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [1, 2, 1_048_574, 1_048_575, 1_048_576]);
    assert_eq!(rows[0].1[0], "label");
    assert_eq!(rows[4].1.len(), 16_384);
    assert_eq!(rows[4].1[16_383], "far away");
    assert!(rows[2].1.iter().all(String::is_empty));
}

/// Found by the fuzz harness: a damaged cell address (`A99999999999`)
/// overflowed calamine's arithmetic (a panic in debug builds, a row four
/// billion away in release). It is refused, naming the sheet.
#[test]
fn a_cell_address_beyond_excel_is_refused_not_a_panic() {
    let good = book(&[("Actors", &[&["label"], &["A"]])]);
    let bad = with_sheet_xml_replaced(&good, "r=\"A2\"", "r=\"A99999999999\"");
    let e = load(&bad).unwrap_err().to_string();
    assert!(e.contains("sheet \"Actors\""), "{e}");
    assert!(e.contains("beyond the last row or column"), "{e}");
}

/// Found by the fuzz harness: a Kumu-style CSV of 1.7 MB, mostly blank
/// rows (`,,,`), held every blank row's empty cells and took 86 MB. A run
/// of blank rows is kept as two; the layout reads the same.
#[test]
fn a_long_run_of_blank_csv_rows_is_kept_as_two() {
    let text = format!(
        "Label,Type\nA,GP\nB,GP\n{}From,To\nA,B\n",
        ",,,\n".repeat(100_000)
    );
    let p = Path::new("kumu.csv");
    let tables = read_tables(p, &text).unwrap();
    let numbers: Vec<usize> = tables[0].rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 100_004, 100_005]);
    let l = tables_to_map(p, &tables, &ImportOptions::default()).unwrap();
    assert_eq!(l.network.actors().len(), 2);
    assert_eq!(l.network.ties().len(), 1);
}

/// Found by the fuzz harness: calamine reserved room for as many shared
/// strings as `uniqueCount` claims, so a damaged count asked for 96 GB and
/// aborted the process. Such a count is refused before calamine reads it.
#[test]
fn a_huge_shared_strings_count_is_refused_not_an_abort() {
    let good = book(&[("Actors", &[&["label"], &["A"]])]);
    let bad = with_member_replaced(
        &good,
        "xl/sharedStrings.xml",
        "uniqueCount=\"2\"",
        "uniqueCount=\"4294967296\"",
    );
    let e = load(&bad).unwrap_err().to_string();
    assert!(e.contains("claims 4294967296 different texts"), "{e}");
    assert!(load(&good).is_ok());
}

/// Found by reading the code after the `.xls` finds: a cell of shared
/// text is a copy of it, so a 12 KB `.xlsx` naming one 1 MB text in
/// 20,000 cells asked for 20 GB and aborted. The workbook's cells may hold
/// 32 MB of text together (here 1,100 cells of 32,000 letters, Excel's
/// longest text); the text is measured before it is copied.
#[test]
fn one_long_text_in_thousands_of_cells_is_refused_not_copied_into_each() {
    let long = "x".repeat(32_000);
    let sheet = |cells: u32| {
        let mut b = Workbook::new();
        let ws = b.add_worksheet().set_name("Actors").unwrap();
        ws.write_string(0, 0, "label").unwrap();
        ws.write_string(0, 1, "notes").unwrap();
        for r in 1..=cells {
            ws.write_string(r, 0, format!("A{r}")).unwrap();
            ws.write_string(r, 1, &long).unwrap();
        }
        b.save_to_buffer().unwrap()
    };
    let bad = sheet(1_100);
    assert!(bad.len() < 100_000, "{} bytes", bad.len());
    let e = load(&bad).unwrap_err().to_string();
    assert!(e.contains("sheet \"Actors\" cannot be read"), "{e}");
    assert!(e.contains("more than 32 MB of text"), "{e}");
    let l = ok(&sheet(20));
    assert_eq!(l.network.actors().len(), 20);
}

/// A zip packs repeated text 1,000 to 1: a 1.4 MB `.xlsx` held a sheet of
/// 560 MB of XML and took 1.4 GB and 6 s to refuse. Every member is
/// unpacked to a count first and refused over its limit (256 MB, shared
/// texts 64 MB; here, smaller limits on a small book).
#[test]
fn a_member_that_unpacks_past_its_limit_is_refused_before_calamine_reads_it() {
    let good = book(&[("Actors", &[&["label"], &["A"], &["B"]])]);
    let p = Path::new("packed.xlsx");
    let roomy = ZipLimits {
        member: 1 << 20,
        xml: 1 << 20,
        shared: 1 << 20,
        ..ZipLimits::default()
    };
    assert!(check_zip_members(p, &good, &roomy).is_ok());
    let tight = |f: fn(&mut ZipLimits)| {
        let mut l = roomy;
        f(&mut l);
        check_zip_members(p, &good, &l).unwrap_err().to_string()
    };
    let e = tight(|l| l.member = 100);
    assert!(
        e.contains("worksheets/sheet1.xml\" unpacks to more than 100 bytes"),
        "{e}"
    );
    assert!(e.contains("packed.xlsx"), "{e}");
    let e = tight(|l| l.xml = 100);
    assert!(e.contains("unpacks to more than 100 bytes"), "{e}");
    assert!(
        !e.contains("worksheets/"),
        "sheets have their own limit: {e}"
    );
    let e = tight(|l| l.shared = 10);
    assert!(e.contains("xl/sharedStrings.xml\" unpacks to more than 10 bytes, more than Bridgework reads of text"), "{e}");
    // label, A, B
    let e = tight(|l| l.shared_count = 2);
    assert!(
        e.contains("holds 3 different texts, more than the 2"),
        "{e}"
    );
    let e = tight(|l| l.sheets = 0);
    assert!(e.contains("lists 1 sheets, more than the 0"), "{e}");
    let e = tight(|l| l.styles = 0);
    assert!(e.contains("cell formats, more than the 0"), "{e}");
}

/// Found by cargo-fuzz (a 346 MB process on a 10 KB `sheet` input):
/// calamine holds every shared text and every sheet the workbook lists
/// before Bridgework sees any, so a 154 KB file of 3.5 million one-letter
/// texts took 200 MB and a workbook listing a million sheets 250 MB. Both
/// are counted as the file is unpacked and refused first.
#[test]
fn millions_of_shared_texts_are_counted_and_refused_before_calamine_holds_them() {
    let good = book(&[("Actors", &[&["label"], &["A"]])]);
    let many = with_member_replaced(
        &good,
        "xl/sharedStrings.xml",
        "<si><t>A</t></si>",
        &"<si><t>A</t></si>".repeat(1_000_001),
    );
    assert!(many.len() < 200_000, "{}", many.len());
    let e = load(&many).unwrap_err().to_string();
    assert!(
        e.contains("holds 1000002 different texts, more than the 1000000"),
        "{e}"
    );
}

#[test]
fn elements_are_counted_across_chunk_boundaries_with_or_without_a_prefix() {
    let xml = b"<sst><si><t>a</t></si><x:si>b</x:si><si/><sid/><si\n></sst>";
    for size in 1..xml.len() {
        let mut c = ElementCounter::new(b"si");
        for chunk in xml.chunks(size) {
            c.feed(chunk);
        }
        assert_eq!(c.count, 4, "chunks of {size}");
    }
}

/// Found by the fuzz harness (workbooks taking 6–10 s): one cell far to
/// the right made every row of the sheet as wide as that cell's row, so
/// 300 actors and a stray cell at column 16,000 laid out 4.8 million
/// cells (and were refused as too large). A row is now as long as its own
/// last cell.
#[test]
fn a_stray_cell_far_to_the_right_widens_its_own_row_only() {
    let mut b = Workbook::new();
    let ws = b.add_worksheet();
    ws.write_string(0, 0, "label").unwrap();
    for r in 1..=300u32 {
        ws.write_string(r, 0, format!("A{r}")).unwrap();
    }
    ws.write_string(2, 16_000, "stray").unwrap();
    let bytes = b.save_to_buffer().unwrap();
    let tables = read_workbook(Path::new("wide.xlsx"), &bytes).unwrap();
    let lengths: Vec<usize> = tables[0].rows.iter().map(|(_, c)| c.len()).collect();
    assert_eq!(lengths.iter().filter(|&&n| n == 1).count(), 300);
    assert_eq!(lengths[2], 16_001);
    assert_eq!(tables[0].rows[2].1[16_000], "stray");
    let l = tables_to_map(Path::new("wide.xlsx"), &tables, &ImportOptions::default()).unwrap();
    assert_eq!(l.network.actors().len(), 300);
    // The stray cell is under a blank header, and that is said.
    assert_warns(&l, "left out 1 column with a blank header");
}

/// Every name in a row's `From` with every name in its `To` is one tie
/// each: 200 × 200 names would be 40,000 ties from one row (a few MB of
/// names could ask for billions), so a row may make at most
/// `MAX_TIES_A_ROW`, and the error names the row.
#[test]
fn a_row_naming_thousands_of_ties_is_refused_naming_the_row() {
    let names = |p: &str, n: usize| {
        (0..n)
            .map(|i| format!("{p}{i}"))
            .collect::<Vec<_>>()
            .join("|")
    };
    let p = Path::new("kumu.csv");
    let text = format!("From,To\nA,B\n{},{}\n", names("a", 200), names("b", 200));
    let tables = read_tables(p, &text).unwrap();
    let e = tables_to_map(p, &tables, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 3, column \"To\""), "{e}");
    assert!(e.contains("make 40000 ties, more than the 10000"), "{e}");
    let text = format!("From,To\n{},{}\n", names("a", 100), names("b", 100));
    let tables = read_tables(p, &text).unwrap();
    let l = tables_to_map(p, &tables, &ImportOptions::default()).unwrap();
    assert_eq!(l.network.ties().len(), 10_000);
}

/// An `.ods` file with one sheet: `rows` is the XML of its rows.
fn ods(rows: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Actors">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
        .unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

/// calamine lays out every sheet of an `.ods` file whole when it opens
/// it, repeated rows and columns written out, up to 100 million cells
/// (3 GB). A sheet over Bridgework's limit is refused by name before
/// calamine reads it; the usual trailing run of empty repeated rows is
/// not counted, as calamine does not lay it out.
#[test]
fn an_ods_sheet_of_millions_of_repeated_cells_is_refused_before_it_is_laid_out() {
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let head = format!(
        "<table:table-row>{}</table:table-row><table:table-row>{}</table:table-row>",
        cell("label"),
        cell("A")
    );
    let tail = r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    let good = ods(&format!("{head}{tail}"));
    let l = ok(&good);
    assert_eq!(l.network.actors().len(), 1);
    let wide = r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let e = load(&ods(&format!("{head}{wide}{tail}")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("sheet \"Actors\" spans 16416768 cells"), "{e}");
}

/// Found by the fuzz harness: a damaged `workbook.xml` listing one sheet
/// 40,000 times (a 20 kB file) read that sheet 40,000 times, 1.5 s. A
/// workbook may list at most `MAX_SHEETS` sheets; more is refused, saying
/// how many.
#[test]
fn a_workbook_listing_one_sheet_thousands_of_times_is_refused() {
    let good = book(&[("Actors", &[&["label"], &["A"]])]);
    let entry = r#"<sheet name="Actors" sheetId="1" r:id="rId1"/>"#;
    let bad = with_member_replaced(&good, "xl/workbook.xml", entry, &entry.repeat(1_001));
    let e = load(&bad).unwrap_err().to_string();
    assert!(e.contains("lists 1001 sheets, more than the 1000"), "{e}");
    let at_limit = with_member_replaced(&good, "xl/workbook.xml", entry, &entry.repeat(1_000));
    assert_eq!(ok(&at_limit).network.actors().len(), 1);
}

/// An `.xls` workbook from `tests/data/xls/` (made by `make_xls.py` there).
fn xls_file(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/xls")
            .join(name),
    )
    .unwrap()
}

#[test]
fn an_xls_workbook_of_actors_and_ties_imports() {
    let bytes = xls_file("map.xls");
    let p = Path::new("map.xls");
    let tables = read_workbook(p, &bytes).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Actors", "Ties"]);
    // The formula's value as the file holds it (xlwt writes none: 0).
    let actors = &tables[0];
    assert_eq!(actors.rows[1].1[..3], ["Ana Lòpez", "GP practice", "3"]);
    let l = tables_to_map(p, &tables, &ImportOptions::default()).unwrap();
    let net = &l.network;
    let mut labels: Vec<&str> = net.actors().iter().map(|a| a.name.as_str()).collect();
    labels.sort_unstable();
    assert_eq!(labels, ["Ana Lòpez", "Ben Okafor", "Chloé Martin"]);
    assert_eq!(net.ties().len(), 2);
}

#[test]
fn an_xls_cell_at_the_last_row_and_column_is_refused_naming_the_sheet() {
    let e = read_workbook(Path::new("far.xls"), &xls_file("far.xls"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("sheet \"Alpha\" spans 16777216 cells") && e.contains("delete the rows"),
        "{e}"
    );
}

#[test]
fn xls_sheets_under_the_limit_each_but_over_it_together_are_refused() {
    // Three sheets of 2 million cells, measured against 4 million a sheet.
    let p = Path::new("wide.xls");
    let e = super::xls_size::repack_xls(p, &xls_file("wide.xls"), 4_000_000, MAX_SHEETS)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("span 6000000 cells together") && e.contains("sheet \"Alpha\""),
        "{e}"
    );
    // Read, each is over the .xls limit (1.5 million) by itself.
    let e = read_workbook(p, &xls_file("wide.xls"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("sheet \"Alpha\" spans 2000000 cells"), "{e}");
    assert!(e.contains("more than the 1500000"), "{e}");
}

/// Found by the fuzz harness (`sheet`, `--seed 2026`, input 318471 and
/// four more): a 5.6 KB `.xls` whose Ties sheet spans 3.8 million cells,
/// under the 4 million a sheet other workbooks may span, peaked at 242 MB
/// alone (calamine lays the sheet out whole, then the reader copies it).
/// An `.xls` may span 1.5 million cells; it is refused at 18 MB.
#[test]
fn an_xls_sheet_of_millions_of_cells_under_the_xlsx_limit_is_refused() {
    let e = read_workbook(
        Path::new("t.xls"),
        &xls_file("ties_sheet_of_3780510_cells.xls"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("sheet \"Ties\" spans 3780510 cells") && e.contains("more than the 1500000"),
        "{e}"
    );
}

#[test]
fn a_truncated_xls_file_is_refused_without_panicking() {
    let bytes = xls_file("map.xls");
    for len in (0..bytes.len()).step_by(97) {
        let cut = bytes.get(..len).unwrap();
        if len > 8 {
            assert!(read_workbook(Path::new("cut.xls"), cut).is_err(), "{len}");
        } else {
            let _ = read_workbook(Path::new("cut.xls"), cut);
        }
    }
}

#[test]
fn garbage_in_an_xls_container_is_refused_without_panicking() {
    let bytes = xls_file("map.xls");
    // Each 64-byte stretch overwritten in turn.
    for at in (0..bytes.len()).step_by(64) {
        let mut b = bytes.clone();
        for (i, x) in b.iter_mut().enumerate().skip(at).take(64) {
            *x = (i as u8).wrapping_mul(151) ^ 0xA5;
        }
        let _ = read_workbook(Path::new("garbage.xls"), &b);
    }
}

/// calamine follows the directory's sector chain without looking for a
/// loop: one that loops made it grow without end.
#[test]
fn an_xls_directory_chain_that_loops_is_refused() {
    let mut b = xls_file("map.xls");
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    // 512-byte sectors; the first FAT sector from the header's DIFAT.
    let dir = u32_at(&b, 48) as usize;
    let fat = 512 + 512 * u32_at(&b, 76) as usize;
    b[fat + 4 * dir..fat + 4 * dir + 4].copy_from_slice(&(dir as u32).to_le_bytes());
    let e = read_workbook(Path::new("loop.xls"), &b)
        .unwrap_err()
        .to_string();
    assert!(e.contains("damaged"), "{e}");
}
