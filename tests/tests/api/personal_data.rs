//! A person's data, whole: `GET /me/export` (and the page's link) gives a
//! zip with everything held about them and the files they attached, and
//! nothing of anybody else's.

use std::io::Read;

use grants_tests::{Backend, TestApp, on_both_databases};
use serde_json::Value;

on_both_databases!(a_person_gets_their_data_and_files_and_nobody_elses);

/// The archive's files by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("readable");
            (file.name().expect("a name").into_owned(), content)
        })
        .collect()
}

async fn a_person_gets_their_data_and_files_and_nobody_elses(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mine_id, mine, my_file) = app
        .draft_with_file("MINE", "ana.data@tests.example", "our-budget.pdf")
        .await;
    let (_, _, their_file) = app
        .draft_with_file(
            "THEIRS",
            "boris.other@tests.example",
            "their-secret-plan.pdf",
        )
        .await;
    app.get("/me/export", None).await.expect_problem(401);
    let (status, headers, bytes) = app.download("/me/export", Some(&mine)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/zip");
    assert!(
        headers["content-disposition"]
            .to_str()
            .is_ok_and(|d| d.contains("personal-data-")),
        "{headers:?}"
    );
    let files = unzip(&bytes);
    let json = &files
        .iter()
        .find(|(name, _)| name == "personal-data.json")
        .expect("the data")
        .1;
    let data: Value = serde_json::from_slice(json).expect("JSON");
    assert_eq!(data["account"]["id"], mine_id.as_str());
    assert_eq!(data["account"]["email"], "ana.data@tests.example");
    let proposals = data["proposals"].as_array().expect("proposals");
    assert_eq!(proposals.len(), 1, "{proposals:?}");
    assert_eq!(proposals[0]["attachments"][0]["id"], my_file.as_str());
    assert!(
        !proposals[0]["history"]
            .as_array()
            .expect("history")
            .is_empty()
    );
    assert!(data["sessions"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(data["activity"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(data["privacy_consents"].as_array().map(Vec::len), Some(0));
    let attached = files
        .iter()
        .find(|(name, _)| name.starts_with("files/") && name.ends_with("our-budget.pdf"))
        .expect("the file attached");
    assert!(attached.1.starts_with(b"%PDF"));

    // Nothing of the other applicant's.
    let text = String::from_utf8_lossy(json);
    for theirs in [
        "boris.other@tests.example",
        "their-secret-plan.pdf",
        their_file.as_str(),
    ] {
        assert!(!text.contains(theirs), "{theirs} is not in the export");
        assert!(files.iter().all(|(name, _)| !name.contains(theirs)));
    }
    assert_eq!(files.len(), 2, "the data and one file");

    // The page's link gives the same archive to a browser session.
    let cookie = app.session_cookie("ana.data@tests.example").await;
    let page = app
        .client
        .get(format!("{}/app/me/export", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(page.status(), 200);
    let from_page = unzip(&page.bytes().await.expect("the archive"));
    assert_eq!(from_page.len(), 2);
    app.finish().await;
}
