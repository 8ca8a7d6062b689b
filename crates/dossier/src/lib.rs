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

/// A template of ours.
#[derive(Debug, Clone, Copy)]
pub enum Template {
    /// A proposal: every answer, the attachments, the decisions and the history.
    Proposal,
}

impl Template {
    /// The template's Typst source.
    fn source(self) -> &'static str {
        match self {
            Template::Proposal => include_str!("../templates/proposal.typ"),
        }
    }
}

/// Why a dossier could not be made: Typst's own words, for the log.
#[derive(Debug)]
pub struct DossierError(pub String);

impl std::fmt::Display for DossierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DossierError {}

/// `template` laid out with `data` as a PDF.
pub fn pdf(template: Template, data: &serde_json::Value) -> Result<Vec<u8>, DossierError> {
    let data = serde_json::to_vec(data).map_err(|e| DossierError(e.to_string()))?;
    let world = Dossier::new(template, data)?;
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
    fn new(template: Template, data: Vec<u8>) -> Result<Self, DossierError> {
        Ok(Dossier {
            main: Source::new(file_id("main.typ")?, template.source().to_owned()),
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
    fn a_proposal_in_three_scripts_is_a_pdf() {
        let data = serde_json::json!({
            "title": "Библиотека Београд — Βιβλιοθήκη — Češko",
            "subtitle": "#set page(width: 1cm) = markup typed by someone",
            "facts": [{ "label": "Država", "value": "Србија" }],
            "sections": [{ "heading": "Summary", "text": "Line one.\nLine two." }],
            "budget": { "heading": "Budget", "description": "Item", "amount": "Amount",
                        "rows": [{ "description": "3D printer", "amount": "€1,500.00" }],
                        "total_label": "Total", "total": "€1,500.00" },
            "lists": [{ "heading": "Files", "items": ["plan.pdf (12 KB)"] }],
            "history": { "heading": "History", "when": "When", "who": "Who", "what": "What",
                         "rows": [{ "when": "7 Dec 2026", "who": null, "what": "Submitted", "comment": "Ready.\nThanks" }] },
            "unanswered": "Not answered",
            "nothing": "None",
            "lang": "sr",
            "footer": "Printed 7 December 2026"
        });
        let pdf = pdf(Template::Proposal, &data).unwrap_or_else(|e| panic!("{e}"));
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
