//! Attachments of proposals: upload, list, details, download and delete,
//! what is refused (and that a refusal stores nothing, in the table or the
//! folder), and who may do what.

use std::path::{Path, PathBuf};

use grants_tests::{
    Backend, Reply, TestApp, World, complete_proposal_json, on_both_databases, open_programme_json,
};
use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::json;
use sha2::{Digest, Sha256};

on_both_databases!(
    an_uploaded_file_downloads_byte_for_byte_and_the_same_bytes_are_kept_once,
    a_file_over_the_programmes_limit_is_refused_and_nothing_is_stored,
    a_file_of_a_refused_type_is_refused_and_nothing_is_stored,
    who_may_list_read_download_upload_and_delete,
    a_proposal_carries_at_most_twenty_attachments,
    every_other_request_keeps_the_one_mebibyte_limit,
    an_upload_that_breaks_off_leaves_nothing_behind,
);

/// The shared [`World`] with a draft, in a programme (`FILES`) with
/// `limit` bytes per file, if given.
async fn files_world(backend: Backend, limit: Option<u64>) -> World {
    let mut programme = open_programme_json("FILES");
    if let Some(limit) = limit {
        programme["reporting"] = json!({ "max_attachment_bytes": limit });
    }
    TestApp::init(backend)
        .with_programme(programme)
        .with_draft("MK")
        .await
}

/// What these tests do with the draft's attachments and what they leave behind.
trait Attachments {
    fn attachments_path(&self) -> String;

    /// Uploads a file as the applicant.
    async fn upload(&self, file: (&str, &str, Vec<u8>)) -> Reply;

    /// Takes a transition with the proposal's current revision; it must succeed.
    async fn step(&self, token: &str, name: &str);

    /// Rows in the attachments table.
    async fn rows(&self) -> i64;

    /// The kept files and the temporary files in the attachment folder.
    fn folder(&self) -> (Vec<PathBuf>, Vec<PathBuf>);

    /// Asserts that nothing was stored: no row, no kept file, no temporary file.
    #[track_caller]
    fn assert_nothing_stored(&self, rows: i64);
}

impl Attachments for World {
    fn attachments_path(&self) -> String {
        format!("/proposals/{}/attachments", self.proposal_id())
    }

    async fn upload(&self, file: (&str, &str, Vec<u8>)) -> Reply {
        self.app
            .upload(&self.attachments_path(), Some(&self.applicant), file)
            .await
    }

    async fn step(&self, token: &str, name: &str) {
        self.take(token, self.proposal_id(), name, json!({}))
            .await
            .expect(200);
    }

    async fn rows(&self) -> i64 {
        let db = self.app.database.connect().await;
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM attachments".to_owned(),
            ))
            .await
            .expect("attachments readable")
            .expect("a count");
        row.try_get::<i64>("", "n").expect("a number")
    }

    fn folder(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let dir = self.app.config.attachment_dir();
        let kept = files_in(&dir.join("sha256"))
            .iter()
            .flat_map(|prefix| files_in(prefix))
            .collect();
        (kept, files_in(&dir.join("tmp")))
    }

    #[track_caller]
    fn assert_nothing_stored(&self, rows: i64) {
        assert_eq!(rows, 0, "no attachment row");
        let (kept, temporary) = self.folder();
        assert!(kept.is_empty(), "no kept file: {kept:?}");
        assert!(temporary.is_empty(), "no temporary file: {temporary:?}");
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// A PDF of `size` bytes whose content depends on `seed`.
fn pdf(size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..size.saturating_sub(bytes.len())).map(|i| (i % 251) as u8 ^ seed));
    bytes
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn an_uploaded_file_downloads_byte_for_byte_and_the_same_bytes_are_kept_once(
    backend: Backend,
) {
    let w = files_world(backend, None).await;
    // Larger than the 1 MiB every other request may send.
    let bytes = pdf(2 * 1024 * 1024 + 123, 7);
    let sha = sha256_hex(&bytes);
    let uploaded = w
        .app
        .upload_with(
            &w.attachments_path(),
            Some(&w.applicant),
            (
                "C:\\Users\\ana\\Буџет\t2027.pdf",
                "application/pdf",
                bytes.clone(),
            ),
            // Taken, but not needed: uploads bypass the idempotency store.
            &[("idempotency-key", "upload-1")],
        )
        .await;
    uploaded.expect(201);
    let id = uploaded.id();
    assert_eq!(
        uploaded.header("location"),
        Some(&*format!("/attachments/{id}"))
    );
    assert_eq!(uploaded.body["file_name"], "Буџет2027.pdf");
    assert_eq!(uploaded.body["content_type"], "application/pdf");
    assert_eq!(uploaded.body["size_bytes"], bytes.len());
    assert_eq!(uploaded.body["sha256"], sha);
    assert_eq!(
        uploaded.body["download_url"],
        format!("/attachments/{id}/content")
    );
    assert!(uploaded.body["uploaded_by"].is_string());
    assert!(uploaded.body["created_at"].is_string());

    let listed = w.app.get(&w.attachments_path(), Some(&w.applicant)).await;
    listed.expect(200);
    assert_eq!(listed.body, json!([uploaded.body]));
    let details = w
        .app
        .get(&format!("/attachments/{id}"), Some(&w.applicant))
        .await;
    details.expect(200);
    assert_eq!(details.body, uploaded.body);

    let (status, headers, downloaded) = w
        .app
        .download(&format!("/attachments/{id}/content"), Some(&w.applicant))
        .await;
    assert_eq!(status, 200);
    assert_eq!(downloaded.len(), bytes.len());
    assert!(downloaded == bytes, "the bytes come back unchanged");
    assert_eq!(sha256_hex(&downloaded), sha);
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("content-type"), Some("application/pdf"));
    assert_eq!(header("content-length"), Some(&*bytes.len().to_string()));
    assert_eq!(
        header("content-disposition"),
        Some(
            "attachment; filename=\"_____2027.pdf\"; filename*=UTF-8''%D0%91%D1%83%D1%9F%D0%B5%D1%822027.pdf"
        )
    );
    assert_eq!(header("x-content-type-options"), Some("nosniff"));

    // The same bytes under another name: a second attachment, one file on disk.
    let again = w
        .upload(("budget-copy.pdf", "application/pdf", bytes.clone()))
        .await;
    again.expect(201);
    assert_ne!(again.body["id"], uploaded.body["id"]);
    assert_eq!(again.body["sha256"], sha);
    assert_eq!(w.rows().await, 2);
    let (kept, temporary) = w.folder();
    assert_eq!(kept.len(), 1, "one file for the same bytes: {kept:?}");
    assert!(temporary.is_empty());
    assert!(
        kept[0].ends_with(Path::new("sha256").join(&sha[..2]).join(&sha[2..])),
        "named by its hash: {kept:?}"
    );
    // The very same file again (a retry): nothing is added.
    let retried = w
        .upload(("budget-copy.pdf", "application/pdf", bytes.clone()))
        .await;
    retried.expect(200);
    assert_eq!(retried.body["id"], again.body["id"]);
    assert_eq!(w.rows().await, 2);

    // Uploads and deletions are on the proposal's history.
    w.app
        .request(
            Method::DELETE,
            &format!("/attachments/{id}"),
            Some(&w.applicant),
            None,
        )
        .await
        .expect(204);
    w.app
        .get(&format!("/attachments/{id}"), Some(&w.applicant))
        .await
        .expect_problem(404);
    assert_eq!(
        w.folder().0.len(),
        1,
        "the other attachment still uses the file"
    );
    let other = again.id();
    w.app
        .request(
            Method::DELETE,
            &format!("/attachments/{other}"),
            Some(&w.applicant),
            None,
        )
        .await
        .expect(204);
    assert!(
        w.folder().0.is_empty(),
        "the last attachment took its file along"
    );
    let history = w
        .app
        .get(
            &format!("/proposals/{}/history", w.proposal_id()),
            Some(&w.applicant),
        )
        .await;
    history.expect(200);
    let actions: Vec<&str> = history
        .body
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("attachment."))
        .collect();
    assert_eq!(
        actions,
        [
            "attachment.added",
            "attachment.added",
            "attachment.removed",
            "attachment.removed"
        ]
    );
    w.finish().await;
}

async fn a_file_over_the_programmes_limit_is_refused_and_nothing_is_stored(backend: Backend) {
    let w = files_world(backend, Some(4096)).await;
    let at_limit = w
        .upload(("exact.pdf", "application/pdf", pdf(4096, 1)))
        .await;
    at_limit.expect(201);
    let id = at_limit.id();
    w.app
        .request(
            Method::DELETE,
            &format!("/attachments/{id}"),
            Some(&w.applicant),
            None,
        )
        .await
        .expect(204);

    for size in [4097, 3 * 1024 * 1024] {
        let refused = w
            .upload(("too-big.pdf", "application/pdf", pdf(size, 2)))
            .await;
        refused.expect_problem(413);
        assert_eq!(refused.error_fields(), ["file"]);
        assert_eq!(refused.body["errors"][0]["code"], "too_large");
        assert!(
            refused.body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("4096 bytes")),
            "names the limit: {}",
            refused.body
        );
        w.assert_nothing_stored(w.rows().await);
    }
    w.finish().await;
}

async fn a_file_of_a_refused_type_is_refused_and_nothing_is_stored(backend: Backend) {
    let w = files_world(backend, None).await;
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
    elf.resize(4096, 0x90);
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".to_vec();
    let png = {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.resize(512, 3);
        png
    };
    for (bytes, declared, code, detected) in [
        (
            elf,
            "application/pdf",
            "unsupported_type",
            "application/x-executable",
        ),
        (
            html.clone(),
            "application/pdf",
            "unsupported_type",
            "text/html",
        ),
        (html, "text/plain", "unsupported_type", "text/html"),
        (png, "application/pdf", "type_mismatch", "image/png"),
        (
            b"caf\xe9 au lait".to_vec(),
            "text/plain",
            "type_mismatch",
            "not UTF-8 text",
        ),
    ] {
        let refused = w.upload(("report.pdf", declared, bytes)).await;
        refused.expect_problem(415);
        assert_eq!(refused.error_fields(), ["file"]);
        assert_eq!(refused.body["errors"][0]["code"], code);
        assert!(
            refused.body["detail"]
                .as_str()
                .is_some_and(|d| d.contains(detected)),
            "says what it found ({detected}): {}",
            refused.body
        );
        w.assert_nothing_stored(w.rows().await);
    }

    let empty = w.upload(("empty.txt", "text/plain", Vec::new())).await;
    empty.expect_problem(422);
    assert_eq!(empty.error_fields(), ["file"]);
    let not_a_form = w
        .app
        .post(&w.attachments_path(), Some(&w.applicant), &json!({}))
        .await;
    not_a_form.expect_problem(415);
    w.assert_nothing_stored(w.rows().await);

    // Text is taken as declared when every byte is text; the type stored is what was found.
    let csv = w
        .upload((
            "people.csv",
            "text/csv",
            "name,city\nАна,Скопје\n".as_bytes().to_vec(),
        ))
        .await;
    csv.expect(201);
    assert_eq!(csv.body["content_type"], "text/csv");
    let disguised = w
        .upload(("photo.pdf", "application/octet-stream", pdf(100, 3)))
        .await;
    disguised.expect(201);
    assert_eq!(disguised.body["content_type"], "application/pdf");
    let id = csv.id();
    let (_, headers, _) = w
        .app
        .download(&format!("/attachments/{id}/content"), Some(&w.applicant))
        .await;
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    w.finish().await;
}

/// What a caller may do, in the order list, details, download, upload, delete.
type Expected = [u16; 5];

async fn who_may_list_read_download_upload_and_delete(backend: Backend) {
    let w = files_world(backend, None).await;
    let app = &w.app;
    let (_, other_applicant) = app
        .user_with_roles("boris@tests.example", &["applicant"])
        .await;
    let (_, ambassador) = app
        .user_with_roles("ambassador.mk@tests.example", &["ambassador:MK"])
        .await;
    let (_, foreign_ambassador) = app
        .user_with_roles("ambassador.al@tests.example", &["ambassador:AL"])
        .await;
    let (_, finance) = app
        .user_with_roles("finance@tests.example", &["finance"])
        .await;
    let (reviewer_id, reviewer) = app
        .user_with_roles("reviewer@tests.example", &["reviewer"])
        .await;
    app.request(
        Method::PUT,
        &format!("/programmes/{}/reviewers/{reviewer_id}", w.programme_id),
        Some(&w.manager),
        Some(&json!({ "languages": ["mk"], "country": "RS" })),
    )
    .await
    .expect(200);
    let kept = w
        .upload(("plan.pdf", "application/pdf", pdf(2048, 9)))
        .await;
    kept.expect(201);
    let attachment = kept.id();

    let callers: [(&str, Option<&str>); 8] = [
        ("owner", Some(&w.applicant)),
        ("another applicant", Some(&other_applicant)),
        ("ambassador of MK", Some(&ambassador)),
        ("ambassador of AL", Some(&foreign_ambassador)),
        ("programme manager", Some(&w.manager)),
        ("finance", Some(&finance)),
        ("reviewer", Some(&reviewer)),
        ("anonymous", None),
    ];
    let hidden: Expected = [404; 5];
    let anonymous: Expected = [401; 5];
    // A draft: only its owner knows it exists.
    let as_draft: [Expected; 8] = [
        [200, 200, 200, 201, 204],
        hidden,
        hidden,
        hidden,
        hidden,
        hidden,
        hidden,
        anonymous,
    ];
    // Eligible for review: readers read; nobody changes it, the owner is told why.
    let readers_only = [200, 200, 200, 403, 403];
    let once_eligible: [Expected; 8] = [
        [200, 200, 200, 409, 409],
        hidden,
        readers_only,
        hidden,
        readers_only,
        hidden,
        readers_only,
        anonymous,
    ];

    let mut wrong = Vec::new();
    for (phase, expected) in [("draft", as_draft), ("eligible", once_eligible)] {
        if phase == "eligible" {
            w.step(&w.applicant, "submit").await;
            w.step(&w.manager, "start_screening").await;
            w.step(&w.manager, "mark_eligible").await;
        }
        for ((who, token), expected) in callers.iter().zip(expected) {
            let list = app.get(&w.attachments_path(), *token).await.status;
            let details = app
                .get(&format!("/attachments/{attachment}"), *token)
                .await
                .status;
            let (download, _, _) = app
                .download(&format!("/attachments/{attachment}/content"), *token)
                .await;
            let upload = app
                .upload(
                    &w.attachments_path(),
                    *token,
                    (&format!("{who}.txt"), "text/plain", who.as_bytes().to_vec()),
                )
                .await;
            // The owner deletes what they just uploaded; everyone else tries the kept file.
            let target = upload.body["id"]
                .as_str()
                .filter(|_| upload.status == 201)
                .unwrap_or(&attachment)
                .to_owned();
            let delete = app
                .request(
                    Method::DELETE,
                    &format!("/attachments/{target}"),
                    *token,
                    None,
                )
                .await
                .status;
            let got = [list, details, download, upload.status, delete].map(|s| s.as_u16());
            if got != expected {
                wrong.push(format!(
                    "{phase}, {who}: expected {expected:?}, got {got:?} ({})",
                    upload.body["detail"]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "outcomes differ: {wrong:#?}");
    // Nothing anyone was refused left a trace.
    assert_eq!(w.rows().await, 1);
    let (kept, temporary) = w.folder();
    assert_eq!(kept.len(), 1);
    assert!(temporary.is_empty());
    w.finish().await;
}

async fn a_proposal_carries_at_most_twenty_attachments(backend: Backend) {
    let w = files_world(backend, None).await;
    for i in 0..20 {
        w.upload((
            &format!("note-{i}.txt"),
            "text/plain",
            format!("note {i}").into_bytes(),
        ))
        .await
        .expect(201);
    }
    let refused = w
        .upload(("one-too-many.txt", "text/plain", b"21".to_vec()))
        .await;
    refused.expect_problem(409);
    assert!(
        refused.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("at most 20")),
        "{}",
        refused.body
    );
    assert_eq!(w.rows().await, 20);
    w.finish().await;
}

/// Bodies declared over a mebibyte are refused from the headers alone,
/// before a byte of them is read. The request goes over a bare socket
/// that sends only the headers: a client still writing a body the server
/// has already refused may see its write fail before it reads the 413.
async fn every_other_request_keeps_the_one_mebibyte_limit(backend: Backend) {
    let w = files_world(backend, None).await;
    let declared = 1024 * 1024 + 1;
    let api = status_of_unsent_body(
        &w.app.base,
        "/proposals",
        "application/json",
        Some(&w.applicant),
        declared,
    )
    .await;
    assert_eq!(api, 413, "the API refuses the declared length");
    let page = status_of_unsent_body(
        &w.app.base,
        "/app/login",
        "application/x-www-form-urlencoded",
        None,
        declared,
    )
    .await;
    assert_eq!(page, 413, "the pages refuse the declared length");
    // Just under the limit is read and judged on its content instead.
    let mut draft = complete_proposal_json(&w.programme_id, "MK");
    draft["summary"] = json!("x".repeat(1000 * 1000));
    let api = w.app.post("/proposals", Some(&w.applicant), &draft).await;
    assert_ne!(api.status, 413, "{}", api.body);
    w.finish().await;
}

/// Sends a POST's headers declaring `length` bytes of body and none of the
/// body, and reads the status the server answers with.
async fn status_of_unsent_body(
    base: &str,
    path: &str,
    content_type: &str,
    token: Option<&str>,
    length: usize,
) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let address = base.trim_start_matches("http://");
    let mut socket = tokio::net::TcpStream::connect(address)
        .await
        .expect("the server listens");
    let authorization = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\n{authorization}Content-Type: {content_type}\r\n\
         Content-Length: {length}\r\n\r\n"
    );
    socket
        .write_all(request.as_bytes())
        .await
        .expect("the headers go");
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    // The status line arrives without the body ever being sent.
    while !answer.windows(2).any(|w| w == b"\r\n") {
        let read =
            tokio::time::timeout(std::time::Duration::from_secs(10), socket.read(&mut buffer))
                .await
                .expect("the server answers before the body is sent")
                .expect("the socket reads");
        assert!(read > 0, "the server closed without answering");
        answer.extend_from_slice(&buffer[..read]);
    }
    let status_line = String::from_utf8_lossy(&answer).into_owned();
    status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {status_line}"))
}

/// The client goes away half-way through a file (a crash, a lost
/// connection): no row, no kept file, and the temporary file is gone.
async fn an_upload_that_breaks_off_leaves_nothing_behind(backend: Backend) {
    use tokio::io::AsyncWriteExt;

    let w = files_world(backend, None).await;
    let boundary = "----broken-off-upload";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    let promised = head.len() + 4 * 1024 * 1024;
    let address = w.app.base.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&address)
        .await
        .expect("the server listens");
    let request = format!(
        "POST {} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {promised}\r\n\r\n{head}",
        w.attachments_path(),
        w.applicant
    );
    socket
        .write_all(request.as_bytes())
        .await
        .expect("the request starts");
    // Half a mebibyte of the promised four, then the connection drops.
    socket
        .write_all(&pdf(512 * 1024, 9))
        .await
        .expect("part of the file goes");
    socket.flush().await.expect("flushed");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    drop(socket);

    // The server notices, refuses the rest and cleans up after itself.
    let mut left = (Vec::new(), Vec::new());
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        left = w.folder();
        if left.0.is_empty() && left.1.is_empty() {
            break;
        }
    }
    w.assert_nothing_stored(w.rows().await);
    assert!(left.1.is_empty(), "the temporary file is removed: {left:?}");
    let listed = w.app.get(&w.attachments_path(), Some(&w.applicant)).await;
    assert_eq!(listed.body, json!([]));
    w.finish().await;
}
