//! CSV exports: one writer for every download, so each opens the same way
//! in a spreadsheet.

use crate::{AppError, AppResult};

/// A CSV document from a header and rows. Text a person typed is passed
/// through [`text`] by the caller, so a spreadsheet never runs it as a formula.
pub(crate) fn csv(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> AppResult<String> {
    let failed = |e: csv::Error| AppError::internal(format!("cannot write the CSV: {e}"));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header).map_err(failed)?;
    for row in rows {
        out.write_record(&row).map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal(format!("cannot write the CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal(format!("the CSV is not UTF-8: {e}")))
}

/// A cell of free text: one that a spreadsheet would read as a formula
/// (`=`, `+`, `-`, `@`, tab or carriage return first) gets a leading `'`.
pub(crate) fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// An amount as a plain decimal number (`1500.00`), which every spreadsheet reads.
pub(crate) fn amount(money: grants_domain::Money) -> String {
    let text = money.to_string();
    text.split_once(' ')
        .map_or(text.clone(), |(_, n)| n.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_typed_by_people_stay_text() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Seed library"), "Seed library");
        assert_eq!(
            amount(grants_domain::Money::new(
                150_050,
                grants_domain::Currency::EUR
            )),
            "1500.50"
        );
    }
}
