//! Files read by independent readers from PyPI, as a person's programs
//! would open them, not by the crates that wrote them: spreadsheets by
//! openpyxl, PDFs by pypdf, feeds by feedparser and calendars by icalendar.

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

/// The feed reader: the feed's title, language and links, and each
/// entry's id, title, summary, content, language and links, as feedparser
/// reads them (it reports a malformed feed as `bozo`).
const FEED_READER: &str = r#"
import json, sys
import feedparser
feed = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": bool(feed.bozo),
    "version": feed.version,
    "title": feed.feed.get("title"),
    "language": feed.feed.get("language"),
    "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in feed.feed.get("links", [])],
    "entries": [{
        "id": e.get("id"),
        "title": e.get("title"),
        "summary": e.get("summary"),
        "content": [c.get("value") for c in e.get("content", [])],
        "language": (e.get("content") or [{}])[0].get("language"),
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in e.get("links", [])],
        "updated": e.get("updated"),
    } for e in feed.entries],
}, ensure_ascii=False))
"#;

/// The calendar reader: the calendar's name and each event's uid,
/// summary, description, url and start (ISO 8601), as icalendar reads them.
const CALENDAR_READER: &str = r#"
import json, sys
import icalendar
with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
events = []
for event in calendar.walk("VEVENT"):
    events.append({
        "uid": str(event.get("UID")),
        "summary": str(event.get("SUMMARY")),
        "description": str(event.get("DESCRIPTION")),
        "url": str(event.get("URL")),
        "start": event.decoded("DTSTART").isoformat(),
    })
print(json.dumps({"name": str(calendar.get("NAME") or calendar.get("X-WR-CALNAME")), "events": events}, ensure_ascii=False))
"#;

/// An Atom feed as feedparser reads it (see [`FEED_READER`]).
pub fn read_feed(bytes: &[u8]) -> Value {
    read_with(FEED_READER, bytes, ".atom")
}

/// An iCalendar file as the icalendar package reads it (see [`CALENDAR_READER`]).
pub fn read_calendar(bytes: &[u8]) -> Value {
    read_with(CALENDAR_READER, bytes, ".ics")
}

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
