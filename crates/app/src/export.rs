//! Downloads of lists: one table per list, written as CSV for programs and
//! as a spreadsheet (xlsx) for people, so each list opens the same way in
//! both and a number stays a number, a date a date.

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::Money;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::{AppError, AppResult, Page, PageRequest};

/// What a cell holds: a spreadsheet gets numbers as numbers and dates as
/// dates; a CSV gets them as plain text every program reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text; text a person typed never runs as a formula.
    Text(String),
    /// A whole number.
    Whole(i64),
    /// A number with two decimals (a score, a mean).
    Decimal(f64),
    /// Yes or no.
    Flag(bool),
    /// An amount, with its currency's decimals (the currency is a column of its own).
    Money(Money),
    /// A calendar date.
    Date(NaiveDate),
    /// A moment, in UTC.
    Moment(DateTime<Utc>),
    /// A word of the service's own (`all`, `disbursement`): itself in a
    /// CSV, in the reader's language (catalogue key `export-term-<word>`)
    /// in a spreadsheet.
    Term(&'static str),
    /// A country by its ISO code: the code in a CSV, its name in the
    /// reader's language in a spreadsheet.
    Country(String),
    /// A workflow state: its name in a CSV, its label in the reader's
    /// language in a spreadsheet.
    State {
        /// The workflow.
        workflow: String,
        /// The state's name.
        state: String,
        /// Its label in the workflow file.
        label: String,
    },
}

impl Cell {
    /// Text, or nothing when there is none.
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    /// An optional text; nothing when absent.
    pub fn maybe(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }

    /// A count.
    pub fn count(value: impl TryInto<i64>) -> Cell {
        value.try_into().map_or(Cell::Empty, Cell::Whole)
    }

    /// The cell as a CSV field.
    fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => guarded(text),
            Cell::Whole(n) => n.to_string(),
            Cell::Decimal(n) => format!("{n:.2}"),
            Cell::Flag(b) => b.to_string(),
            Cell::Money(money) => amount(*money),
            Cell::Date(date) => date.to_string(),
            Cell::Moment(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            Cell::Term(word) => (*word).to_owned(),
            Cell::Country(code) => code.clone(),
            Cell::State { state, .. } => state.clone(),
        }
    }
}

/// A column: its name in a CSV header (stable, for programs) and the
/// catalogue key of its heading in a spreadsheet (for people).
#[derive(Debug, Clone)]
pub struct Column {
    /// The CSV header, e.g. `requested_amount`.
    pub name: String,
    /// The heading's catalogue key, e.g. `export-column-requested_amount`.
    pub heading: String,
    /// Arguments of the heading (an indicator's name).
    pub args: Vec<(String, String)>,
}

impl Column {
    /// A column whose heading is `export-column-<name>`.
    pub fn named(name: &str) -> Column {
        Column {
            name: name.to_owned(),
            heading: format!("export-column-{name}"),
            args: Vec::new(),
        }
    }
}

/// A list ready to download.
#[derive(Debug, Clone)]
pub struct Table {
    /// What the list is (`proposals`, `ledger`): the file's name and the
    /// sheet's title (catalogue key `export-sheet-<kind>`).
    pub kind: &'static str,
    /// Its columns.
    pub columns: Vec<Column>,
    /// Its rows, each with a cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// The formats a list downloads in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values, UTF-8, for programs.
    Csv,
    /// An Office Open XML spreadsheet, for people.
    Xlsx,
}

impl ExportFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

impl Table {
    /// A table of columns named by `names` (headings `export-column-<name>`).
    pub fn new(kind: &'static str, names: &[&str]) -> Table {
        Table {
            kind,
            columns: names.iter().map(|n| Column::named(n)).collect(),
            rows: Vec::new(),
        }
    }

    /// The table as CSV: the column names, then a line per row.
    pub fn csv(&self) -> AppResult<String> {
        let failed = |e: csv::Error| AppError::internal(format!("cannot write the CSV: {e}"));
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(self.columns.iter().map(|c| c.name.as_str()))
            .map_err(failed)?;
        for row in &self.rows {
            out.write_record(row.iter().map(Cell::csv))
                .map_err(failed)?;
        }
        let bytes = out
            .into_inner()
            .map_err(|e| AppError::internal(format!("cannot write the CSV: {e}")))?;
        String::from_utf8(bytes)
            .map_err(|e| AppError::internal(format!("the CSV is not UTF-8: {e}")))
    }

    /// The table as a spreadsheet: one sheet titled `title`, a bold header
    /// row of `headings` (one per column, in the reader's language) that
    /// stays in view and filters, numbers, amounts and dates as such.
    /// Countries and states are written as the caller put them in words
    /// (see `grants_i18n::spreadsheet`).
    pub fn xlsx(&self, title: &str, headings: &[String]) -> AppResult<Vec<u8>> {
        self.workbook(title, headings)
            .map_err(|e| AppError::internal(format!("cannot write the spreadsheet: {e}")))
    }

    fn workbook(&self, title: &str, headings: &[String]) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(title))?;
        let bold = Format::new().set_bold();
        for (col, heading) in (0u16..).zip(headings) {
            sheet.write_string_with_format(0, col, heading, &bold)?;
        }
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let moment = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        let decimal = Format::new().set_num_format("0.00");
        for (row, cells) in (1u32..).zip(&self.rows) {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Empty => {}
                    Cell::Term(text) => {
                        sheet.write_string(row, col, *text)?;
                    }
                    Cell::Text(text) | Cell::Country(text) | Cell::State { label: text, .. } => {
                        sheet.write_string(row, col, text)?;
                    }
                    #[allow(clippy::cast_precision_loss)]
                    Cell::Whole(n) => {
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    Cell::Decimal(n) => {
                        sheet.write_number_with_format(row, col, *n, &decimal)?;
                    }
                    Cell::Flag(b) => {
                        sheet.write_boolean(row, col, *b)?;
                    }
                    Cell::Money(money) => {
                        let (value, format) = money_cell(*money);
                        sheet.write_number_with_format(
                            row,
                            col,
                            value,
                            &Format::new().set_num_format(format),
                        )?;
                    }
                    Cell::Date(d) => {
                        sheet.write_date_with_format(row, col, d, &date)?;
                    }
                    Cell::Moment(at) => {
                        sheet.write_datetime_with_format(row, col, at.naive_utc(), &moment)?;
                    }
                }
            }
        }
        if let Some(last) = u16::try_from(self.columns.len())
            .ok()
            .and_then(|n| n.checked_sub(1))
        {
            let rows = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
            sheet.set_freeze_panes(1, 0)?;
            sheet.autofilter(0, 0, rows, last)?;
        }
        sheet.autofit();
        book.save_to_buffer()
    }
}

/// A sheet's title as spreadsheets allow it: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let name: String = title
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    if name.trim().is_empty() {
        "Sheet1".to_owned()
    } else {
        name
    }
}

/// An amount as a spreadsheet number, and its format with the currency's decimals.
fn money_cell(money: Money) -> (f64, String) {
    let exponent = i32::from(money.currency.exponent());
    #[allow(clippy::cast_precision_loss)]
    let value = money.minor as f64 / 10f64.powi(exponent);
    let decimals = "0".repeat(usize::from(money.currency.exponent()));
    let format = if decimals.is_empty() {
        "#,##0".to_owned()
    } else {
        format!("#,##0.{decimals}")
    };
    (value, format)
}

/// Every page of a list, each turned into rows as it comes, so that a long
/// list is never held whole as views.
pub(crate) async fn every_page<T, F, Fut>(
    mut page: F,
    mut row: impl FnMut(T) -> Vec<Cell>,
) -> AppResult<Vec<Vec<Cell>>>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: std::future::Future<Output = AppResult<Page<T>>>,
{
    let mut rows = Vec::new();
    let mut cursor = None;
    loop {
        let next = page(PageRequest {
            cursor: cursor.take(),
            limit: Some(200),
        })
        .await?;
        rows.extend(next.items.into_iter().map(&mut row));
        match next.next_cursor {
            Some(c) => cursor = Some(c),
            None => return Ok(rows),
        }
    }
}

/// A cell of free text: one that a spreadsheet would read as a formula
/// (`=`, `+`, `-`, `@`, tab or carriage return first) gets a leading `'`.
fn guarded(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// An amount as a plain decimal number (`1500.00`), which every spreadsheet reads.
fn amount(money: Money) -> String {
    let text = money.to_string();
    text.split_once(' ')
        .map_or(text.clone(), |(_, n)| n.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_typed_by_people_stay_text() {
        assert_eq!(guarded("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guarded("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guarded("Seed library"), "Seed library");
        assert_eq!(
            amount(grants_domain::Money::new(
                150_050,
                grants_domain::Currency::EUR
            )),
            "1500.50"
        );
    }

    #[test]
    fn a_table_is_the_same_list_in_both_formats() {
        let mut table = Table::new("proposals", &["title", "requested_amount", "due_on"]);
        table.rows.push(vec![
            Cell::text("=1+1 Библиотека"),
            Cell::Money(Money::new(150_050, grants_domain::Currency::EUR)),
            Cell::Date(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default()),
        ]);
        let csv = table.csv().unwrap_or_default();
        assert_eq!(
            csv,
            "title,requested_amount,due_on\n'=1+1 Библиотека,1500.50,2027-03-01\n"
        );
        let headings = vec!["Naslov".to_owned(), "Iznos".to_owned(), "Rok".to_owned()];
        let xlsx = table.xlsx("Предлози: [all]", &headings).unwrap_or_default();
        // A zip archive (the spreadsheet's container).
        assert!(xlsx.starts_with(b"PK"));
        assert_eq!(sheet_name("Предлози: [all]"), "Предлози all");
        assert_eq!(
            money_cell(Money::new(150_050, grants_domain::Currency::EUR)),
            (1500.5, "#,##0.00".to_owned())
        );
    }
}
