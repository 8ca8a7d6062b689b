//! The public showcase: a programme that opts in shows its open call to
//! anyone, as JSON, an Atom feed and an iCalendar feed in the reader's
//! language, and each funded project whose grantee consented, with the
//! indicators its accepted report achieved; nothing personal, no review,
//! no score and nothing of a programme or grant that did not agree.

use grants_tests::readers::{read_calendar, read_feed};
use grants_tests::{Backend, Reply, on_both_databases, open_programme_json};
use reqwest::Method;
use serde_json::{Value, json};

use super::money::{Round, round};
use super::reports::{advance_past, complete_report, reports_of, take, time, until_state, write};

on_both_databases!(only_what_programmes_and_grantees_agree_to_is_public);

const REVIEWER_EMAIL: &str = "bg@tests.example";
/// Words only the jury and the applicant may read.
const JURY_WORDS: &str = "Confidential jury remark";
const APPLICANT_WORDS: &str = "Private advice to the applicant";
/// A proposal funded whose grantee does not consent.
const UNCONSENTED: &str = "Unconsented sound archive";
/// A programme that does not show itself.
const PRIVATE_TITLE: &str = "Closed-door pilot fund";

async fn anonymous(r: &Round, path: &str, lang: &str) -> Reply {
    r.app
        .request_with(Method::GET, path, None, None, &[("accept-language", lang)])
        .await
}

/// Everything a signed-out reader can fetch of the showcase, as text.
async fn everything_public(r: &Round) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    for lang in ["en", "mk", "el", "sr"] {
        for path in [
            "/showcase".to_owned(),
            "/showcase?country=MK".to_owned(),
            "/showcase?programme=MONEY".to_owned(),
            format!("/showcase/calls.atom?lang={lang}"),
            format!("/showcase/deadlines.ics?lang={lang}"),
            format!("/app/showcase?lang={lang}"),
            format!("/app/showcase/MONEY?lang={lang}"),
            format!("/app/showcase/MONEY?country=MK&lang={lang}"),
        ] {
            let (status, _, bytes) = r
                .app
                .download_with(&path, None, &[("accept-language", lang)])
                .await;
            assert_eq!(status, 200, "{path}");
            seen.push((path, String::from_utf8(bytes).expect("UTF-8")));
        }
    }
    seen
}

/// Keys of a JSON value at any depth.
fn keys(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                into.push(k.clone());
                keys(v, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

async fn consent(r: &Round, method: Method, token: &str, grant: &str) -> Reply {
    r.app
        .request(
            method,
            &format!("/grants/{grant}/showcase-consent"),
            Some(token),
            None,
        )
        .await
}

async fn only_what_programmes_and_grantees_agree_to_is_public(backend: Backend) {
    let r = round(
        backend,
        10_000_000,
        |p| {
            p["showcase"] = json!(true);
            p["description"] =
                json!({ "en": "New library services.", "mk": "Нови библиотечни услуги." });
        },
        |_| {},
    )
    .await;
    let mut private = open_programme_json("SECRET");
    private["title"] = json!({ "en": PRIVATE_TITLE });
    r.app
        .post("/programmes", Some(&r.manager), &private)
        .await
        .expect(201);

    // Two proposals reviewed with remarks, both funded and started.
    let shown = r
        .eligible_shaped(
            "MK",
            "Читалница на отворено",
            200_000,
            |p| {
                p["indicator_targets"] = json!({ "people_reached": 500 });
            },
        )
        .await;
    let hidden = r.eligible("AL", UNCONSENTED, 200_000).await;
    let reviewer = r.assigned_reviewer().await;
    let assignments = r.app.get("/me/assignments", Some(&reviewer)).await;
    for a in assignments.body.as_array().expect("assignments") {
        let path = format!("/assignments/{}/review", a["id"].as_str().expect("id"));
        r.app
            .request(
                Method::PUT,
                &path,
                Some(&reviewer),
                Some(&json!({
                    "scores": { "impact": 4, "feasibility": 3 },
                    "recommendation": "fund",
                    "comment_for_applicant": APPLICANT_WORDS,
                    "comment_for_jury": JURY_WORDS,
                })),
            )
            .await
            .expect(200);
        r.app
            .request_with(
                Method::POST,
                &format!("{path}/submit"),
                Some(&reviewer),
                Some(&json!({})),
                &[("if-match", "\"1\"")],
            )
            .await
            .expect(200);
    }
    let (grant, other) = (&r.started(&shown).await, &r.started(&hidden).await);

    // Before any consent: the call is public, no project is.
    let before = anonymous(&r, "/showcase", "en").await;
    before.expect(200);
    assert_eq!(before.header("cache-control"), Some("public, max-age=300"));
    let calls = before.body["calls"].as_array().expect("calls");
    assert_eq!(
        calls.len(),
        1,
        "only the showcased programme: {:#}",
        before.body
    );
    assert_eq!(calls[0]["code"], "MONEY");
    assert_eq!(calls[0]["status"], "open");
    assert_eq!(calls[0]["time_zone"], "Europe/Skopje");
    assert_eq!(before.body["projects"], json!([]));

    // Only the grantee consents; the manager may read but not decide.
    let by_manager = consent(&r, Method::PUT, &r.manager, grant).await;
    by_manager.expect_problem(403);
    let read = consent(&r, Method::GET, &r.manager, grant).await;
    read.expect(200);
    assert_eq!(read.body["programme_showcased"], true);
    assert_eq!(read.body["may"]["give"], false);
    let mine = consent(&r, Method::GET, &r.applicant, grant).await;
    assert_eq!(mine.body["may"]["give"], true);
    let given = consent(&r, Method::PUT, &r.applicant, grant).await;
    given.expect(200);
    assert_eq!(given.body["shown"], true);
    assert_eq!(given.body["may"]["withdraw"], true);
    // Giving it again changes nothing, and the history says it once.
    consent(&r, Method::PUT, &r.applicant, grant)
        .await
        .expect(200);
    let history = r
        .app
        .get(&format!("/grants/{grant}/history"), Some(&r.manager))
        .await;
    let agreed = history
        .body
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["action"] == "grant.showcase_consent_given")
        .count();
    assert_eq!(agreed, 1, "{:#}", history.body);

    let after = anonymous(&r, "/showcase", "en").await;
    let projects = after.body["projects"].as_array().expect("projects");
    assert_eq!(projects.len(), 1, "{:#}", after.body);
    let project = &projects[0];
    assert_eq!(project["title"], "Читалница на отворено");
    assert_eq!(project["organisation"], "City Library");
    assert_eq!(project["country"], "MK");
    assert_eq!(
        project["summary"],
        "A maker space in the children's department."
    );
    assert_eq!(project["completed"], false);
    assert_eq!(after.body["countries"], json!(["MK"]));

    // Per country and per programme; bad filters are named.
    let albania = anonymous(&r, "/showcase?country=al", "en").await;
    assert_eq!(albania.body["projects"], json!([]));
    assert_eq!(albania.body["countries"], json!(["MK"]));
    let bad = anonymous(&r, "/showcase?country=Macedonia", "mk").await;
    bad.expect_problem(422);
    assert_eq!(bad.error_fields(), ["country"]);
    anonymous(&r, "/showcase?programme=SECRET", "en")
        .await
        .expect_problem(404);
    let one = anonymous(&r, "/showcase?programme=money", "en").await;
    one.expect(200);
    assert_eq!(one.body["programmes"].as_array().map(Vec::len), Some(1));

    // The feeds, read by independent readers, in Macedonian.
    let (status, headers, atom) = r.app.download("/showcase/calls.atom?lang=mk", None).await;
    assert_eq!(status, 200);
    assert!(
        headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .is_ok_and(|t| t.starts_with("application/atom+xml"))
    );
    let feed = read_feed(&atom);
    assert_eq!(feed["bozo"], false, "{feed:#}");
    assert_eq!(feed["version"], "atom10");
    assert_eq!(feed["language"], "mk");
    let entries = feed["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "{feed:#}");
    assert_eq!(entries[0]["title"], "Награди за иновации 2027");
    assert_eq!(entries[0]["content"][0], "Нови библиотечни услуги.");
    assert!(
        entries[0]["links"]
            .to_string()
            .contains("/app/showcase/MONEY?lang=mk"),
        "{feed:#}"
    );
    let summary = entries[0]["summary"].as_str().unwrap_or_default();
    assert!(summary.contains("Северна Македонија"), "{summary}");
    let (status, headers, ics) = r
        .app
        .download("/showcase/deadlines.ics?lang=mk", None)
        .await;
    assert_eq!(status, 200);
    assert!(
        headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/calendar"))
    );
    let calendar = read_calendar(&ics);
    let events = calendar["events"].as_array().expect("events");
    assert_eq!(events.len(), 1, "{calendar:#}");
    assert!(
        events[0]["summary"]
            .as_str()
            .is_some_and(|s| s.contains("Награди за иновации 2027")),
        "{calendar:#}"
    );
    let closes =
        chrono::DateTime::parse_from_rfc3339(calls[0]["closes_at"].as_str().expect("closes_at"))
            .expect("a moment");
    let starts =
        chrono::DateTime::parse_from_rfc3339(events[0]["start"].as_str().expect("a start"))
            .expect("a moment");
    assert_eq!(starts.timestamp(), closes.timestamp());
    anonymous(&r, "/showcase/calls.atom?lang=xx", "en")
        .await
        .expect_problem(422);
    anonymous(&r, "/showcase/deadlines.ics?lang=xx", "en")
        .await
        .expect_problem(422);

    // Nothing personal, no review, no score, nothing not agreed, anywhere.
    let (manager_me, reviewer_me) = (
        r.app.get("/me", Some(&r.manager)).await,
        r.app.get("/me", Some(&reviewer)).await,
    );
    let applicant_me = r.app.get("/me", Some(&r.applicant)).await;
    let secrets = [
        REVIEWER_EMAIL.to_owned(),
        JURY_WORDS.to_owned(),
        APPLICANT_WORDS.to_owned(),
        UNCONSENTED.to_owned(),
        PRIVATE_TITLE.to_owned(),
        applicant_me.body["email"]
            .as_str()
            .expect("email")
            .to_owned(),
        applicant_me.body["name"].as_str().expect("name").to_owned(),
        reviewer_me.body["name"].as_str().expect("name").to_owned(),
        manager_me.body["email"].as_str().expect("email").to_owned(),
        grant.clone(),
        other.clone(),
        shown.clone(),
    ];
    for (path, text) in everything_public(&r).await {
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "{path} shows {secret}");
        }
        assert!(
            !text.contains('@') || path.contains(".ics"),
            "{path} shows an address"
        );
    }
    let mut names = Vec::new();
    keys(&anonymous(&r, "/showcase", "en").await.body, &mut names);
    // The calls' award range is public; a project's award and payments are not.
    for forbidden in [
        "email",
        "score",
        "comment",
        "review",
        "grantee",
        "iban",
        "paid",
        "disbursed",
    ] {
        assert!(
            names.iter().all(|k| !k.contains(forbidden)),
            "a field named like {forbidden}: {names:?}"
        );
    }
    assert!(!names.iter().any(|k| k == "award"), "{names:?}");

    // The report accepted: the indicator achieved shows beside its target.
    let reports = reports_of(&r, &r.applicant, grant).await;
    let interim = reports[0]["id"].as_str().expect("id").to_owned();
    advance_past(&r, time(&reports[0]["next_reminder_at"]));
    until_state(&r, &interim, "due").await;
    write(&r, &interim, complete_report()).await.expect(200);
    take(&r, &r.applicant, &interim, "submit", json!({}))
        .await
        .expect(200);
    let submitted = anonymous(&r, "/showcase", "en").await;
    let indicators = &submitted.body["projects"][0]["indicators"];
    assert_eq!(indicators[0]["achieved"], Value::Null, "not accepted yet");
    take(&r, &r.manager, &interim, "accept", json!({}))
        .await
        .expect(200);
    let accepted = anonymous(&r, "/showcase", "en").await;
    let people = accepted.body["projects"][0]["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["key"] == "people_reached")
        .cloned()
        .expect("people reached");
    assert_eq!(people["achieved"], 420);
    // The call has closed meanwhile: no call, the project stays.
    assert_eq!(accepted.body["calls"], json!([]));
    let page = r
        .app
        .download_with("/app/showcase/MONEY?lang=en", None, &[])
        .await;
    let html = String::from_utf8(page.2).expect("UTF-8");
    assert!(html.contains("420"), "the page shows what was achieved");

    // Withdrawn: gone at once. A programme that stops showing hides all.
    let withdrawn = consent(&r, Method::DELETE, &r.applicant, grant).await;
    withdrawn.expect(200);
    assert_eq!(withdrawn.body["shown"], false);
    assert_eq!(
        anonymous(&r, "/showcase", "en").await.body["projects"],
        json!([])
    );
    consent(&r, Method::PUT, &r.applicant, grant)
        .await
        .expect(200);
    let programme = r
        .app
        .get(&format!("/programmes/{}", r.programme_id), Some(&r.manager))
        .await;
    r.app
        .patch(
            &format!("/programmes/{}", r.programme_id),
            &r.manager,
            programme.body["revision"].as_i64(),
            &json!({ "showcase": false }),
        )
        .await
        .expect(200);
    let none = anonymous(&r, "/showcase", "en").await;
    assert_eq!(none.body["programmes"], json!([]));
    assert_eq!(none.body["projects"], json!([]));
    anonymous(&r, "/showcase?programme=MONEY", "en")
        .await
        .expect_problem(404);
    let refused = consent(&r, Method::GET, &r.applicant, grant).await;
    assert_eq!(refused.body["shown"], false);
    assert_eq!(refused.body["may"]["give"], false);
    r.app.finish().await;
}
