//! Spreadsheets read by an independent reader: openpyxl (PyPI), as a
//! person's spreadsheet program would open them, not by the crate that
//! wrote them.

use std::io::Write;

use serde_json::Value;

/// The reader: every sheet's title and rows, each cell as JSON (a number
/// stays a number, a date becomes `YYYY-MM-DD…`), each cell's number
/// format and type (`s` text, `n` number, `f` formula, `d` date) beside it.
const READER: &str = r#"
import json, sys, datetime
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sheets = []
for sheet in book.worksheets:
    rows, formats, types = [], [], []
    for row in sheet.iter_rows():
        cells, fmts, kinds = [], [], []
        for cell in row:
            v = cell.value
            if isinstance(v, (datetime.date, datetime.datetime)):
                v = v.isoformat()
            cells.append(v)
            fmts.append(cell.number_format)
            kinds.append(cell.data_type)
        rows.append(cells)
        formats.append(fmts)
        types.append(kinds)
    sheets.append({"title": sheet.title, "rows": rows, "formats": formats, "types": types,
                   "frozen": sheet.freeze_panes, "filter": sheet.auto_filter.ref})
print(json.dumps(sheets, ensure_ascii=False))
"#;

/// The sheets of an xlsx file, as openpyxl reads them; panics when it
/// cannot (the file would not open in a spreadsheet either).
pub fn read_xlsx(bytes: &[u8]) -> Value {
    let mut file = tempfile::Builder::new()
        .suffix(".xlsx")
        .tempfile()
        .expect("a temporary file");
    file.write_all(bytes).expect("the spreadsheet is written");
    let output = std::process::Command::new(crate::smtp::python())
        .arg("-c")
        .arg(READER)
        .arg(file.path())
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "openpyxl cannot open the spreadsheet: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}
