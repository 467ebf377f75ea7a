//! Writing `.xlsx`: see the module docs of `sheet`.

use crate::io::write_csv_pair;
use crate::model::Network;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// CSV text as rows of cells.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect()
}

/// The cells of a column that hold numbers (weight, position, levels) are
/// written as numbers where the text is one, so Excel can sum and sort
/// them; every other cell as text, exactly.
const NUMERIC: [&str; 5] = ["weight", "x", "y", "influence", "formal_position"];

/// The `.xlsx` bytes of `network`: `Actors` and `Ties` sheets (the CSV
/// pair's columns) and then each of `extra` (name, rows; the first row the
/// header), such as `Measures`.
pub fn write_xlsx(
    network: &Network,
    extra: &[(String, Vec<Vec<String>>)],
) -> Result<Vec<u8>, XlsxError> {
    let (nodes, edges) = write_csv_pair(network);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheets = [
        ("Actors".to_owned(), csv_rows(&nodes)),
        ("Ties".to_owned(), csv_rows(&edges)),
    ];
    for (name, rows) in sheets.iter().chain(extra) {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        let header: Vec<String> = rows.first().cloned().unwrap_or_default();
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                let numeric = r > 0
                    && header
                        .get(usize::from(c))
                        .is_some_and(|h| NUMERIC.contains(&h.as_str()));
                match cell.parse::<f64>() {
                    _ if r == 0 => {
                        ws.write_string_with_format(r, c, cell, &bold)?;
                    }
                    Ok(n) if numeric && n.is_finite() && n.to_string() == *cell => {
                        ws.write_number(r, c, n)?;
                    }
                    _ if cell.is_empty() => {}
                    _ => {
                        ws.write_string(r, c, cell)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}
