//! Dossiers as PDF: a document a board or an auditor can keep, laid out by
//! Typst from one of our templates and its data, with the fonts embedded
//! (Libertinus Serif, which covers Latin, Cyrillic and Greek).
//!
//! The data reaches the template as a JSON file it reads (`data.json`),
//! never as markup: whatever a person typed is set as text and cannot run
//! as Typst code.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The template every dossier is laid out with: a title, facts, then
/// blocks of text, tables and lists (see its head for the data it reads).
const TEMPLATE: &str = include_str!("../templates/dossier.typ");

/// Why a dossier could not be made: Typst's own words, for the log.
#[derive(Debug)]
pub struct DossierError(pub String);

impl std::fmt::Display for DossierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DossierError {}

/// `data` laid out as a PDF: `title`, `subtitle`, `facts` (`label`,
/// `value`), then `blocks`, each a `text` (`heading`, `text`), a `list`
/// (`heading`, `items`) or a `table` (`heading`, `columns`, `rows` of cells,
/// each a text or `{text, note}`; optionally `wide`, `numeric`, `total`,
/// `note`); and the words `unanswered`, `nothing`, `footer`, `lang`.
pub fn pdf(data: &serde_json::Value) -> Result<Vec<u8>, DossierError> {
    let data = serde_json::to_vec(data).map_err(|e| DossierError(e.to_string()))?;
    let world = Dossier::new(data)?;
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| DossierError(said(&errors)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| DossierError(said(&errors)))
}

/// Typst's diagnostics in one line.
fn said(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The fonts every dossier may use, read once.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One dossier's world: its template and its data, nothing else to read.
struct Dossier {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

/// The id of a file of the dossier.
fn file_id(path: &str) -> Result<FileId, DossierError> {
    let path = VirtualPath::new(path).map_err(|e| DossierError(format!("{path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

impl Dossier {
    fn new(data: Vec<u8>) -> Result<Self, DossierError> {
        Ok(Dossier {
            main: Source::new(file_id("main.typ")?, TEMPLATE.to_owned()),
            data_id: file_id("data.json")?,
            data: Bytes::new(data),
        })
    }
}

impl World for Dossier {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    // The template prints the moment it is given, never the clock's.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dossier_in_three_scripts_is_a_pdf() {
        let data = serde_json::json!({
            "title": "Библиотека Београд — Βιβλιοθήκη — Češko",
            "subtitle": "#set page(width: 1cm) = markup typed by someone",
            "facts": [{ "label": "Država", "value": "Србија" }],
            "blocks": [
                { "kind": "text", "heading": "Summary", "text": "Line one.\nLine two." },
                { "kind": "text", "heading": "Problem", "text": null },
                { "kind": "table", "heading": "Budget", "columns": ["Item", "Amount"],
                  "rows": [["3D printer", "€1,500.00"], [{ "text": "Books", "note": "by Ana" }, null]],
                  "numeric": [1], "total": ["Total", "€1,500.00"] },
                { "kind": "list", "heading": "Files", "items": [] },
                { "kind": "table", "heading": "History", "columns": ["When", "Who", "What"],
                  "rows": [], "wide": 2 }
            ],
            "unanswered": "Not answered",
            "nothing": "None",
            "lang": "sr",
            "footer": "Printed 7 December 2026"
        });
        let pdf = pdf(&data).unwrap_or_else(|e| panic!("{e}"));
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
