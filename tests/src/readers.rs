//! Files read by independent readers from PyPI, as a person's programs
//! would open them, not by the crates that wrote them: spreadsheets by
//! openpyxl, PDFs by pypdf.

use std::io::Write;

use serde_json::Value;

/// The spreadsheet reader: every sheet's title and rows, each cell as JSON
/// (a number stays a number, a date becomes `YYYY-MM-DD…`), each cell's
/// number format and type (`s` text, `n` number, `f` formula, `d` date)
/// beside it.
const SPREADSHEET_READER: &str = r#"
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

/// The PDF reader: the text of every page, in order, and the fonts the
/// file embeds.
const PDF_READER: &str = r#"
import json, sys
from pypdf import PdfReader
reader = PdfReader(sys.argv[1])
fonts = set()
for page in reader.pages:
    resources = page.get("/Resources") or {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        for descendant in font.get("/DescendantFonts") or []:
            descriptor = descendant.get_object().get("/FontDescriptor") or descriptor
        if descriptor is not None:
            descriptor = descriptor.get_object()
            if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                fonts.add(str(descriptor.get("/FontName")))
print(json.dumps({
    "pages": [page.extract_text() for page in reader.pages],
    "embedded_fonts": sorted(fonts),
}, ensure_ascii=False))
"#;

/// The sheets of an xlsx file, as openpyxl reads them; panics when it
/// cannot (the file would not open in a spreadsheet either).
pub fn read_xlsx(bytes: &[u8]) -> Value {
    read_with(SPREADSHEET_READER, bytes, ".xlsx")
}

/// A PDF as pypdf reads it: `{"pages": [text…], "embedded_fonts": [name…]}`;
/// panics when it cannot (no viewer would open it either).
pub fn read_pdf(bytes: &[u8]) -> Value {
    read_with(PDF_READER, bytes, ".pdf")
}

/// The words of a PDF read by [`read_pdf`], every page, each run of spaces
/// and line breaks as one space.
pub fn words_of(pdf: &Value) -> String {
    let pages: Vec<&str> = pdf["pages"]
        .as_array()
        .map(|pages| pages.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    pages
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `bytes`, saved as a file ending in `suffix`, read by the Python `script`,
/// which prints JSON.
fn read_with(script: &str, bytes: &[u8], suffix: &str) -> Value {
    let mut file = tempfile::Builder::new()
        .suffix(suffix)
        .tempfile()
        .expect("a temporary file");
    file.write_all(bytes).expect("the file is written");
    let output = std::process::Command::new(crate::smtp::python())
        .arg("-c")
        .arg(script)
        .arg(file.path())
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "the reader cannot open the {suffix} file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}
