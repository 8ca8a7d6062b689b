use proptest::prelude::*;

use super::*;
use crate::programme::ReportingSettingsInput;

const LIMIT: u64 = 1024 * 1024;

/// The first bytes of a PNG image.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.resize(200, 7);
    bytes
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec()
}

/// A zip whose first entry names the folder of a Word document.
fn docx() -> Vec<u8> {
    let mut bytes = vec![0u8; 0x1E];
    bytes[..4].copy_from_slice(b"PK\x03\x04");
    bytes.extend_from_slice(b"word/document.xml");
    bytes.resize(300, 0);
    bytes
}

/// A zip whose first entry is an OpenDocument's `mimetype`.
fn opendocument(kind: &str) -> Vec<u8> {
    let mut bytes = vec![0u8; 0x1E];
    bytes[..4].copy_from_slice(b"PK\x03\x04");
    bytes.extend_from_slice(b"mimetype");
    bytes.extend_from_slice(format!("application/vnd.oasis.opendocument.{kind}").as_bytes());
    bytes.resize(300, 0);
    bytes
}

/// The start of an ELF executable.
fn elf() -> Vec<u8> {
    let mut bytes = b"\x7fELF\x02\x01\x01\0".to_vec();
    bytes.resize(120, 0);
    bytes
}

/// Checks a whole file fed in pieces of `piece` bytes.
fn check_in_pieces(
    bytes: &[u8],
    declared: Option<&str>,
    limit: u64,
    piece: usize,
) -> Result<CheckedFile, FileRefusal> {
    let mut check = FileCheck::new(limit, declared);
    for chunk in bytes.chunks(piece.max(1)) {
        check.feed(chunk)?;
    }
    check.finish()
}

fn check(bytes: &[u8], declared: Option<&str>) -> Result<FileKind, FileRefusal> {
    check_in_pieces(bytes, declared, LIMIT, 8192).map(|f| f.kind)
}

#[test]
fn names_lose_their_folders_and_control_characters() {
    assert_eq!(FileName::clean("plan.pdf").as_str(), "plan.pdf");
    assert_eq!(
        FileName::clean("C:\\Users\\ana\\Budget 2027.xlsx").as_str(),
        "Budget 2027.xlsx"
    );
    assert_eq!(FileName::clean("../../etc/passwd").as_str(), "passwd");
    assert_eq!(
        FileName::clean("re\u{0}port\n.pdf\r").as_str(),
        "report.pdf"
    );
    assert_eq!(FileName::clean("  spaced.txt  ").as_str(), "spaced.txt");
    assert_eq!(
        FileName::clean("Извештај за библиотеката.odt").as_str(),
        "Извештај за библиотеката.odt"
    );
}

#[test]
fn a_text_direction_trick_cannot_disguise_the_extension() {
    // Shown as "invoice_fdp.exe" in some viewers, really "invoice_exe.pdf".
    assert_eq!(
        FileName::clean("invoice_\u{202E}fdp.exe").as_str(),
        "invoice_fdp.exe"
    );
}

#[test]
fn names_that_clean_away_become_attachment() {
    for raw in ["", "   ", "folder/", "..", ".", "\u{1}\u{2}", "C:\\"] {
        assert_eq!(FileName::clean(raw).as_str(), "attachment", "{raw:?}");
    }
}

#[test]
fn long_names_keep_their_extension() {
    let long = format!("{}.docx", "ж".repeat(300));
    let cleaned = FileName::clean(&long);
    assert_eq!(cleaned.as_str().chars().count(), 200);
    assert!(cleaned.as_str().ends_with(".docx"));
    let no_extension = "x".repeat(250);
    assert_eq!(FileName::clean(&no_extension).as_str().chars().count(), 200);
    // An "extension" too long to be one is cut like the rest.
    let odd = format!("a.{}", "b".repeat(250));
    assert_eq!(FileName::clean(&odd).as_str(), &odd[..200]);
}

#[test]
fn downloads_offer_the_name_encoded_with_an_ascii_fallback() {
    assert_eq!(
        FileName::clean("Буџет \"2027\".pdf").content_disposition(),
        "attachment; filename=\"_____ _2027_.pdf\"; filename*=UTF-8''%D0%91%D1%83%D1%9F%D0%B5%D1%82%20%222027%22.pdf"
    );
    assert_eq!(
        FileName::clean("plan_v2.pdf").content_disposition(),
        "attachment; filename=\"plan_v2.pdf\"; filename*=UTF-8''plan_v2.pdf"
    );
}

proptest! {
    #[test]
    fn cleaned_names_are_short_plain_and_never_empty(raw in "\\PC{0,400}") {
        let cleaned = FileName::clean(&raw);
        let name = cleaned.as_str();
        prop_assert!(!name.is_empty());
        prop_assert!(name.chars().count() <= 200);
        prop_assert!(!name.contains(['/', '\\']));
        prop_assert!(!name.chars().any(is_hidden_char));
        prop_assert_eq!(FileName::clean(name), cleaned.clone());
    }
}

#[test]
fn the_kinds_taken_are_told_from_their_bytes() {
    assert_eq!(check(&pdf(), Some("application/pdf")), Ok(FileKind::Pdf));
    assert_eq!(check(&png(), Some("image/png")), Ok(FileKind::Png));
    assert_eq!(
        check(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", Some("image/jpeg")),
        Ok(FileKind::Jpeg)
    );
    assert_eq!(check(b"GIF89a\x01\0\x01\0", None), Ok(FileKind::Gif));
    assert_eq!(
        check(b"RIFF\x24\0\0\0WEBPVP8 ", Some("image/webp")),
        Ok(FileKind::WebP)
    );
    assert_eq!(check(&docx(), None), Ok(FileKind::Docx));
    assert_eq!(check(&opendocument("text"), None), Ok(FileKind::Odt));
    assert_eq!(check(&opendocument("spreadsheet"), None), Ok(FileKind::Ods));
    assert_eq!(
        check(&opendocument("presentation"), None),
        Ok(FileKind::Odp)
    );
}

#[test]
fn a_generic_or_aliased_declared_type_is_fine_and_the_detected_one_is_kept() {
    assert_eq!(
        check(&png(), Some("application/octet-stream")),
        Ok(FileKind::Png)
    );
    assert_eq!(
        check(&png(), Some("IMAGE/X-PNG; name=a")),
        Ok(FileKind::Png)
    );
    assert_eq!(check(&pdf(), Some("")), Ok(FileKind::Pdf));
}

#[test]
fn bytes_that_contradict_the_declared_type_are_refused() {
    assert_eq!(
        check(&png(), Some("application/pdf")),
        Err(FileRefusal::TypeMismatch {
            declared: "application/pdf".into(),
            detected: "image/png".into(),
        })
    );
    assert_eq!(
        check(&pdf(), Some("text/plain")).map_err(|e| e.code()),
        Err("type_mismatch")
    );
}

#[test]
fn programs_pages_and_archives_are_refused_saying_what_they_are() {
    let refused = check(&elf(), Some("application/pdf"));
    assert_eq!(
        refused,
        Err(FileRefusal::UnsupportedType {
            detected: "application/x-executable".into()
        })
    );
    assert!(
        refused
            .map_err(|e| e.to_string())
            .is_err_and(|m| m.contains("application/x-executable"))
    );
    let page = b"<!DOCTYPE html><html><body>hello</body></html>";
    for declared in [Some("application/pdf"), Some("text/plain"), None] {
        assert_eq!(
            check(page, declared).map_err(|e| e.code()),
            Err("unsupported_type"),
            "{declared:?}"
        );
    }
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    assert_eq!(
        check(svg, Some("text/plain")).map_err(|e| e.code()),
        Err("unsupported_type")
    );
    assert_eq!(
        check(svg, Some("image/svg+xml")).map_err(|e| e.code()),
        Err("unsupported_type")
    );
    let zip = b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0notes.txt";
    assert_eq!(
        check(zip, None),
        Err(FileRefusal::UnsupportedType {
            detected: "application/zip".into()
        })
    );
    assert_eq!(
        check(b"#!/bin/sh\nrm -rf /\n", Some("text/plain")).map_err(|e| e.code()),
        Err("unsupported_type")
    );
}

#[test]
fn text_is_taken_only_as_declared_and_only_if_every_byte_is_text() {
    let csv = "name,city\nАна,Скопје\nBMW,München\n".as_bytes();
    assert_eq!(check(csv, Some("text/csv")), Ok(FileKind::Csv));
    assert_eq!(
        check(
            b"Meeting notes\r\n\tline two\x0c",
            Some("text/plain; charset=utf-8")
        ),
        Ok(FileKind::Text)
    );
    // Undeclared text has no signature to go by.
    assert_eq!(
        check(csv, None).map_err(|e| e.code()),
        Err("unsupported_type")
    );
    assert_eq!(
        check(csv, Some("application/pdf")).map_err(|e| e.code()),
        Err("unsupported_type")
    );
    // Latin-1, not UTF-8.
    assert_eq!(
        check(b"caf\xe9", Some("text/plain")).map_err(|e| e.code()),
        Err("type_mismatch")
    );
    // A Windows program sent as text: "MZ" could start a line, its NUL bytes cannot.
    let mut exe = b"MZ\x90\0\x03\0\0\0".to_vec();
    exe.resize(200, 0);
    assert_eq!(
        check(&exe, Some("text/plain")),
        Err(FileRefusal::TypeMismatch {
            declared: "text/plain".into(),
            detected: "application/vnd.microsoft.portable-executable".into(),
        })
    );
    // A character cut off at the very end.
    assert_eq!(
        check(
            "ok ж"
                .as_bytes()
                .split_last()
                .map_or(&[][..], |(_, rest)| rest),
            Some("text/plain")
        )
        .map_err(|e| e.code()),
        Err("type_mismatch")
    );
}

proptest! {
    #[test]
    fn text_split_anywhere_is_still_text(text in "[a-zA-Zа-шѓќ€😀,.\\n\\t ]{1,300}", piece in 1usize..9) {
        let checked = check_in_pieces(text.as_bytes(), Some("text/plain"), LIMIT, piece);
        prop_assert_eq!(checked.map(|f| f.kind), Ok(FileKind::Text));
    }

    #[test]
    fn a_bad_byte_anywhere_breaks_text(text in "[a-zж ]{0,100}", at in 0usize..100, piece in 1usize..9) {
        let mut bytes = text.into_bytes();
        let at = at.min(bytes.len());
        bytes.insert(at, 0xFF);
        let checked = check_in_pieces(&bytes, Some("text/csv"), LIMIT, piece);
        prop_assert_eq!(checked.map_err(|e| e.code()), Err("type_mismatch"));
    }
}

#[test]
fn the_limit_is_exact_and_refused_at_the_first_byte_past_it() {
    let mut bytes = pdf();
    bytes.resize(4096, b' ');
    let at_limit = check_in_pieces(&bytes, None, 4096, 1000);
    assert_eq!(
        at_limit,
        Ok(CheckedFile {
            kind: FileKind::Pdf,
            size: 4096
        })
    );
    let mut check = FileCheck::new(4095, None);
    assert_eq!(check.feed(&bytes[..4095]), Ok(()));
    assert_eq!(
        check.feed(&bytes[4095..]),
        Err(FileRefusal::TooLarge { limit: 4095 })
    );
    assert_eq!(check.size(), 4095);
}

#[test]
fn a_refused_type_is_known_before_the_rest_arrives() {
    let mut check = FileCheck::new(LIMIT, Some("application/pdf"));
    let mut start = elf();
    start.resize(SNIFF_BYTES, 0);
    assert_eq!(
        check.feed(&start).map_err(|e| e.code()),
        Err("unsupported_type")
    );
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(
        FileCheck::new(LIMIT, None).finish(),
        Err(FileRefusal::Empty)
    );
}

#[test]
fn stored_types_are_served_with_a_charset_for_text() {
    for kind in FileKind::ALL {
        assert_eq!(FileKind::from_mime(kind.mime()), Some(kind));
        assert!(kind.served_as().starts_with(kind.mime()));
    }
    assert_eq!(FileKind::Csv.served_as(), "text/csv; charset=utf-8");
    assert_eq!(FileKind::from_mime("text/html"), None);
}

#[test]
fn the_largest_limit_is_the_largest_a_programme_may_set() {
    let with_limit = |bytes: u64| {
        let mut input = crate::programme::tests::valid();
        input.reporting = Some(ReportingSettingsInput {
            max_attachment_bytes: i64::try_from(bytes).ok(),
            ..ReportingSettingsInput::default()
        });
        input.validate()
    };
    assert_eq!(
        with_limit(LARGEST_LIMIT_BYTES).map(|p| p.reporting.max_attachment_bytes),
        Ok(LARGEST_LIMIT_BYTES)
    );
    assert!(with_limit(LARGEST_LIMIT_BYTES + 1).is_err());
}
