//! Attachments: which files a proposal (or a report) may carry, how their
//! names are cleaned, and how a file's type is told from its bytes rather
//! than from what the client says it is.
//!
//! A file is judged while it arrives, a piece at a time ([`FileCheck`]):
//! its size against the programme's limit (refused at the first byte past
//! it), its type from its first bytes, and — for plain text and CSV, which
//! have no signature — every byte, which must be UTF-8 without control
//! characters. The types taken are those of [`FileKind`]; everything else
//! (programs, scripts, web pages, SVG, archives, …) is refused, and so is a
//! file whose bytes contradict the type it was sent as.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The most attachments one proposal (or report) may carry.
pub const MAX_PER_PARENT: usize = 20;

/// The largest file any programme may allow (its
/// `reporting.max_attachment_bytes` is at most this): 100 MiB.
pub const LARGEST_LIMIT_BYTES: u64 = 100 * 1024 * 1024;

/// How many leading bytes a file's type is told from. Office documents
/// need the most: their kind shows in the names of the first entries of
/// the zip archive they are.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The longest a cleaned file name may be, in characters.
const MAX_NAME_CHARS: usize = 200;
/// The longest extension kept whole when a long name is shortened.
const MAX_EXTENSION_CHARS: usize = 16;
/// The name given to a file whose name cleans away to nothing.
const FALLBACK_NAME: &str = "attachment";

/// A file name safe to store and to offer back in a download: no folders,
/// no control or text-direction characters, at most 200 characters with
/// the extension kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct FileName(String);

impl FileName {
    /// Cleans the name a client sent: keeps only the last path component
    /// (`C:\Users\ana\plan.pdf` and `../../plan.pdf` become `plan.pdf`),
    /// drops control characters and the invisible characters that reverse
    /// text direction (which can disguise `exe.pdf` as `fdp.exe`), trims
    /// spaces, and shortens a long name to 200 characters keeping its
    /// extension. A name that cleans away to nothing becomes `attachment`.
    pub fn clean(raw: &str) -> FileName {
        let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
        let kept: String = last.chars().filter(|c| !is_hidden_char(*c)).collect();
        let trimmed = kept.trim();
        if trimmed.is_empty() || trimmed == "." || trimmed == ".." {
            return FileName(FALLBACK_NAME.to_owned());
        }
        FileName(shorten(trimmed))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `Content-Disposition` header that offers the file for download
    /// under this name: `attachment; filename="<ASCII fallback>";
    /// filename*=UTF-8''<percent-encoded name>` (RFC 6266, RFC 8187).
    pub fn content_disposition(&self) -> String {
        let fallback: String = self
            .0
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let mut encoded = String::with_capacity(self.0.len() * 3);
        for byte in self.0.bytes() {
            if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
                encoded.push(char::from(byte));
            } else {
                encoded.push_str(&format!("%{byte:02X}"));
            }
        }
        format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
    }

    /// Restores a name cleaned before (as read back from storage).
    pub fn from_stored(name: String) -> FileName {
        FileName(name)
    }
}

impl std::fmt::Display for FileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Control characters, and the marks that change the direction of text.
fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Shortens `name` to [`MAX_NAME_CHARS`], keeping a short extension whole.
fn shorten(name: &str) -> String {
    let length = name.chars().count();
    if length <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let extension = name
        .rsplit_once('.')
        .map(|(stem, ext)| (stem.chars().count(), ext))
        .filter(|(stem_chars, ext)| {
            *stem_chars > 0 && !ext.is_empty() && ext.chars().count() <= MAX_EXTENSION_CHARS
        })
        .map(|(_, ext)| ext);
    match extension {
        Some(ext) => {
            let stem_chars = MAX_NAME_CHARS - 1 - ext.chars().count();
            let stem: String = name.chars().take(stem_chars).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        None => name.chars().take(MAX_NAME_CHARS).collect(),
    }
}

/// A kind of file an attachment may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A PDF document.
    Pdf,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image.
    Gif,
    /// A WebP image.
    WebP,
    /// A Word document (Office Open XML).
    Docx,
    /// An Excel workbook (Office Open XML).
    Xlsx,
    /// A PowerPoint presentation (Office Open XML).
    Pptx,
    /// An OpenDocument text.
    Odt,
    /// An OpenDocument spreadsheet.
    Ods,
    /// An OpenDocument presentation.
    Odp,
    /// Plain text in UTF-8.
    Text,
    /// Comma-separated values in UTF-8.
    Csv,
}

impl FileKind {
    /// Every kind taken, in the order a person would list them.
    pub const ALL: [FileKind; 13] = [
        FileKind::Pdf,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::WebP,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Pptx,
        FileKind::Odt,
        FileKind::Ods,
        FileKind::Odp,
        FileKind::Text,
        FileKind::Csv,
    ];

    /// The media type, as stored and served.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::WebP => "image/webp",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileKind::Odp => "application/vnd.oasis.opendocument.presentation",
            FileKind::Text => "text/plain",
            FileKind::Csv => "text/csv",
        }
    }

    /// The `Content-Type` a download is served with: text kinds name their
    /// character set.
    pub fn served_as(self) -> &'static str {
        match self {
            FileKind::Text => "text/plain; charset=utf-8",
            FileKind::Csv => "text/csv; charset=utf-8",
            other => other.mime(),
        }
    }

    /// The kind with this media type (as stored), if it is one taken.
    pub fn from_mime(mime: &str) -> Option<FileKind> {
        let mime = normalise(mime);
        FileKind::ALL.into_iter().find(|k| k.mime() == mime)
    }

    /// True for the kinds that have no signature and are told by their
    /// declared type and their bytes being text.
    pub fn is_text(self) -> bool {
        matches!(self, FileKind::Text | FileKind::Csv)
    }

    /// Other names clients use for this media type.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["application/x-pdf"],
            FileKind::Png => &["image/x-png"],
            FileKind::Jpeg => &["image/jpg", "image/pjpeg"],
            _ => &[],
        }
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileRefusal {
    /// The file is larger than the programme allows.
    #[error("the file is larger than the {limit} bytes this programme allows")]
    TooLarge {
        /// The largest file allowed, in bytes.
        limit: u64,
    },
    /// The file has no content.
    #[error("the file is empty")]
    Empty,
    /// The file's content is of a type that is not taken.
    #[error(
        "files of this type are not accepted (the content is {detected}); attach a PDF, a PNG, \
         JPEG, GIF or WebP image, an office document (docx, xlsx, pptx, odt, ods, odp), or plain \
         text or CSV in UTF-8"
    )]
    UnsupportedType {
        /// What the content was found to be.
        detected: String,
    },
    /// The file's content contradicts the type it was sent as.
    #[error("the file was sent as {declared} but its content is {detected}")]
    TypeMismatch {
        /// The type the client declared.
        declared: String,
        /// The type the content was found to be.
        detected: String,
    },
}

impl FileRefusal {
    /// A stable machine-readable reason.
    pub fn code(&self) -> &'static str {
        match self {
            FileRefusal::TooLarge { .. } => "too_large",
            FileRefusal::Empty => "empty",
            FileRefusal::UnsupportedType { .. } => "unsupported_type",
            FileRefusal::TypeMismatch { .. } => "type_mismatch",
        }
    }
}

/// A file that passed every check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedFile {
    /// What it is, as told from its bytes.
    pub kind: FileKind,
    /// Its size in bytes.
    pub size: u64,
}

/// Checks a file as it arrives: feed it every piece in order
/// ([`FileCheck::feed`]), then [`FileCheck::finish`]. A refusal comes as
/// soon as it is certain — at the first byte past the limit, or once the
/// first bytes show a refused type — so the rest need not be read.
#[derive(Debug, Clone)]
pub struct FileCheck {
    limit: u64,
    declared: Option<String>,
    size: u64,
    head: Vec<u8>,
    judged: Option<Judged>,
    text: TextCheck,
}

/// What the first bytes said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judged {
    /// A kind with a signature: nothing more to check but the size.
    Known(FileKind),
    /// Text as declared, if every byte turns out to be text; `resembles` is
    /// what a signature matcher took its first bytes for, if anything.
    Text {
        kind: FileKind,
        resembles: Option<&'static str>,
    },
}

impl FileCheck {
    /// A check for a file of at most `limit` bytes that the client sent as
    /// `declared` (its `Content-Type`, if any).
    pub fn new(limit: u64, declared: Option<&str>) -> FileCheck {
        FileCheck {
            limit,
            declared: declared.map(normalise).filter(|d| !d.is_empty()),
            size: 0,
            head: Vec::new(),
            judged: None,
            text: TextCheck::default(),
        }
    }

    /// Takes the next piece of the file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), FileRefusal> {
        let size = self.size.saturating_add(chunk.len() as u64);
        if size > self.limit {
            return Err(FileRefusal::TooLarge { limit: self.limit });
        }
        self.size = size;
        if self.judged.is_none() {
            let wanted = SNIFF_BYTES - self.head.len();
            self.head
                .extend_from_slice(&chunk[..wanted.min(chunk.len())]);
            if self.head.len() == SNIFF_BYTES {
                self.judged = Some(judge(&self.head, self.declared.as_deref())?);
            }
        }
        if !matches!(self.judged, Some(Judged::Known(_))) {
            self.text.feed(chunk);
        }
        Ok(())
    }

    /// Bytes taken so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The verdict once the whole file has been fed.
    pub fn finish(self) -> Result<CheckedFile, FileRefusal> {
        if self.size == 0 {
            return Err(FileRefusal::Empty);
        }
        let judged = match self.judged {
            Some(judged) => judged,
            None => judge(&self.head, self.declared.as_deref())?,
        };
        let kind = match judged {
            Judged::Known(kind) => kind,
            Judged::Text { kind, resembles } => {
                if !self.text.finish() {
                    return Err(FileRefusal::TypeMismatch {
                        declared: kind.mime().to_owned(),
                        detected: resembles
                            .unwrap_or("binary data, not UTF-8 text")
                            .to_owned(),
                    });
                }
                kind
            }
        };
        Ok(CheckedFile {
            kind,
            size: self.size,
        })
    }
}

/// Media types that say nothing about the content.
const GENERIC_TYPES: [&str; 2] = ["application/octet-stream", "binary/octet-stream"];
/// Types recognised by signature that are text a person could have typed,
/// but are refused even when sent as text: pages and scripts.
const REFUSED_TEXT: [&str; 3] = ["text/html", "text/xml", "text/x-shellscript"];

/// The media type without parameters, in lower case.
fn normalise(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Judges a file by its first bytes and the type it was sent as.
fn judge(head: &[u8], declared: Option<&str>) -> Result<Judged, FileRefusal> {
    let detected = infer::get(head);
    let detected_kind = detected.and_then(|t| FileKind::from_mime(t.mime_type()));
    let declared_text = declared
        .and_then(FileKind::from_mime)
        .filter(|k| k.is_text());
    if let Some(kind) = declared_text {
        return match (detected, detected_kind) {
            (_, Some(found)) => Err(FileRefusal::TypeMismatch {
                declared: kind.mime().to_owned(),
                detected: found.mime().to_owned(),
            }),
            (Some(t), None) if REFUSED_TEXT.contains(&t.mime_type()) => {
                Err(FileRefusal::UnsupportedType {
                    detected: t.mime_type().to_owned(),
                })
            }
            _ if looks_like_markup(head) => Err(FileRefusal::UnsupportedType {
                detected: "markup (HTML, XML or SVG)".to_owned(),
            }),
            // A two-letter signature ("BM", "MZ") can open a line of text:
            // every byte decides, and binary data is never all text.
            (t, None) => Ok(Judged::Text {
                kind,
                resembles: t.map(|t| t.mime_type()),
            }),
        };
    }
    match (detected, detected_kind) {
        (_, Some(kind)) => match declared {
            Some(declared) if !declared_as(kind, declared) => Err(FileRefusal::TypeMismatch {
                declared: declared.to_owned(),
                detected: kind.mime().to_owned(),
            }),
            _ => Ok(Judged::Known(kind)),
        },
        (Some(t), None) => Err(FileRefusal::UnsupportedType {
            detected: t.mime_type().to_owned(),
        }),
        (None, None) => Err(FileRefusal::UnsupportedType {
            detected: match declared {
                Some(declared) => {
                    format!("not recognisable as any type (it was sent as {declared})")
                }
                None => "not recognisable as any type".to_owned(),
            },
        }),
    }
}

/// True if a client sending `declared` meant `kind` (or said nothing useful).
fn declared_as(kind: FileKind, declared: &str) -> bool {
    GENERIC_TYPES.contains(&declared)
        || kind.mime() == declared
        || kind.aliases().contains(&declared)
}

/// True if the text starts like a web page, an XML document or an SVG
/// image: its first character (after spaces and a byte-order mark) is `<`.
fn looks_like_markup(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    text.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
}

/// Whether a stream of bytes is text: valid UTF-8 (a character may be
/// split between pieces) with no control characters but tab, line feed,
/// carriage return and form feed.
#[derive(Debug, Clone, Default)]
struct TextCheck {
    /// The start of a character split by the end of the last piece.
    pending: Vec<u8>,
    /// False once anything that is not text was seen.
    broken: bool,
}

impl TextCheck {
    fn feed(&mut self, mut chunk: &[u8]) {
        if self.broken {
            return;
        }
        while !self.pending.is_empty() {
            let Some((first, rest)) = chunk.split_first() else {
                return;
            };
            self.pending.push(*first);
            chunk = rest;
            match std::str::from_utf8(&self.pending) {
                Ok(text) => {
                    self.broken = has_control(text);
                    self.pending.clear();
                }
                Err(e) if e.error_len().is_some() => self.broken = true,
                Err(_) => {}
            }
            if self.broken {
                return;
            }
        }
        match std::str::from_utf8(chunk) {
            Ok(text) => self.broken = has_control(text),
            Err(e) if e.error_len().is_some() => self.broken = true,
            Err(e) => {
                let (valid, rest) = chunk.split_at(e.valid_up_to());
                self.broken = std::str::from_utf8(valid).map_or(true, has_control);
                self.pending = rest.to_vec();
            }
        }
    }

    fn finish(&self) -> bool {
        !self.broken && self.pending.is_empty()
    }
}

fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
}

#[cfg(test)]
mod tests;
