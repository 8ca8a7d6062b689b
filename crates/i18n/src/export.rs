//! Downloads of lists in the reader's words: a CSV keeps the stable column
//! names and codes programs read; a spreadsheet gets headings, countries,
//! states and the service's own words in the reader's language.

use std::borrow::Cow;

use grants_app::AppResult;
use grants_app::export::{Cell, ExportFormat, Table};
use grants_domain::Locale;

use crate::catalogue::{Args, country_name, text, text_with};
use crate::workflow::state_label;

/// A list ready to send: its file name, media type and bytes.
#[derive(Debug)]
pub struct Download {
    /// The name to save it under, e.g. `proposals.xlsx`.
    pub file_name: String,
    /// Its media type.
    pub content_type: &'static str,
    /// The file.
    pub bytes: Vec<u8>,
}

/// `table` as a file in `format`; a spreadsheet in `locale`'s words.
pub fn download(locale: Locale, table: Table, format: ExportFormat) -> AppResult<Download> {
    let file_name = format!("{}.{}", table.kind, format.extension());
    let bytes = match format {
        // A byte order mark, so that spreadsheets read the Cyrillic and Greek right.
        ExportFormat::Csv => format!("\u{feff}{}", table.csv()?).into_bytes(),
        ExportFormat::Xlsx => spreadsheet(locale, table)?,
    };
    Ok(Download {
        file_name,
        content_type: format.content_type(),
        bytes,
    })
}

/// `table` as a spreadsheet in `locale`'s words.
pub fn spreadsheet(locale: Locale, mut table: Table) -> AppResult<Vec<u8>> {
    let headings: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let args: Args = c
                .args
                .iter()
                .map(|(k, v)| (Cow::Owned(k.clone()), v.clone().into()))
                .collect();
            text_with(locale, &c.heading, &args)
        })
        .collect();
    for cell in table.rows.iter_mut().flatten() {
        let words = match cell {
            Cell::Term(word) => text(locale, &format!("export-term-{word}")),
            Cell::Country(code) => country_name(locale, code),
            Cell::State {
                workflow,
                state,
                label,
            } => state_label(locale, workflow, state, label),
            _ => continue,
        };
        *cell = Cell::Text(words);
    }
    let title = text(locale, &format!("export-sheet-{}", table.kind));
    table.xlsx(&title, &headings)
}
