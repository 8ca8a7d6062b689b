use clap::Parser;
use grants_server::Application;
use grants_server::cli::Cli;
use grants_tests::{Backend, TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(
    the_workflows_and_their_diagrams_are_served,
    a_changed_definition_needs_a_new_version_and_instances_move_explicitly,
);

async fn the_workflows_and_their_diagrams_are_served(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let list = app.get("/workflows", None).await;
    list.expect(200);
    let names: Vec<&str> = list
        .body
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|w| w["name"].as_str())
        .collect();
    assert_eq!(names, ["grant", "proposal", "report", "tranche"]);
    let proposal = &list.body[1];
    assert_eq!(proposal["version"], built_in_version());
    assert!(proposal["states"].as_array().is_some_and(|s| {
        s.iter()
            .any(|s| s["name"] == "withdrawn" && s["is_final"] == true)
    }));
    let mermaid = app
        .client
        .get(format!("{}/workflows/proposal/diagram", app.base))
        .send()
        .await
        .expect("answers");
    assert_eq!(mermaid.status(), 200);
    let text = mermaid.text().await.expect("text");
    assert!(text.starts_with("stateDiagram-v2"));
    assert!(text.contains("draft --> submitted: Submit"));
    let dot = app
        .client
        .get(format!(
            "{}/workflows/proposal/diagram?format=dot",
            app.base
        ))
        .send()
        .await
        .expect("answers");
    assert!(
        dot.text()
            .await
            .expect("text")
            .starts_with("digraph \"proposal\"")
    );
    app.get("/workflows/proposal/diagram?format=png", None)
        .await
        .expect_problem(400);
    let grant = app
        .client
        .get(format!("{}/workflows/tranche/diagram", app.base))
        .send()
        .await
        .expect("answers");
    assert!(
        grant
            .text()
            .await
            .expect("text")
            .contains("requested --> approved: Approve payment")
    );
    let report = app
        .client
        .get(format!("{}/workflows/report/diagram", app.base))
        .send()
        .await
        .expect("answers");
    assert!(
        report
            .text()
            .await
            .expect("text")
            .contains("due --> overdue: Mark overdue")
    );
    app.get("/workflows/budget/diagram", None)
        .await
        .expect_problem(404);
    app.finish().await;
}

/// The version of the built-in proposal workflow.
fn built_in_version() -> u32 {
    include_str!("../../../workflows/proposal.yaml")
        .lines()
        .find_map(|l| l.strip_prefix("version: "))
        .and_then(|v| v.trim().parse().ok())
        .expect("the built-in workflow has a version")
}

async fn a_changed_definition_needs_a_new_version_and_instances_move_explicitly(backend: Backend) {
    let current = built_in_version();
    let next = current + 1;
    let w = TestApp::init(backend)
        .with_open_programme("V")
        .with_draft("MK")
        .await;
    let (app, applicant, id) = (&w.app, &w.applicant, w.proposal_id());
    app.transition(applicant, id, "submit", 1, &json!({}))
        .await
        .expect(200);

    // The same version with other content is refused at start-up.
    let built_in = include_str!("../../../workflows/proposal.yaml");
    let changed = built_in.replace(
        "submitted: { label: Submitted }",
        "submitted: { label: Received }",
    );
    let dir = tempfile::tempdir().expect("folder");
    std::fs::write(dir.path().join("proposal.yaml"), &changed).expect("written");
    for (name, yaml) in [
        ("grant.yaml", include_str!("../../../workflows/grant.yaml")),
        (
            "tranche.yaml",
            include_str!("../../../workflows/tranche.yaml"),
        ),
        (
            "report.yaml",
            include_str!("../../../workflows/report.yaml"),
        ),
    ] {
        std::fs::write(dir.path().join(name), yaml).expect("written");
    }
    let mut config = app.config.clone();
    config.workflows.dir = dir.path().display().to_string();
    let refused = Application::build(&config, true)
        .await
        .expect_err("refused");
    assert!(
        refused.to_string().contains(&format!(
            "version {current} is already registered with different content"
        )),
        "{refused}"
    );

    // As version 2 it registers, and running proposals move only when told.
    std::fs::write(
        dir.path().join("proposal.yaml"),
        changed.replace(&format!("version: {current}"), &format!("version: {next}")),
    )
    .expect("written");
    let second = Application::build(&config, true)
        .await
        .expect("version 2 registers");
    drop(second);
    let config_file = app.database.write_config_file_with(
        dir.path(),
        &format!("[workflows]\ndir = \"{}\"\n", dir.path().display()),
    );
    let run = |args: &[&str]| {
        let mut argv = vec!["grants", "--config", config_file.to_str().expect("utf-8")];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv).expect("parses").run()
    };
    let (from, to) = (current.to_string(), next.to_string());
    let unmapped = run(&[
        "workflow",
        "migrate",
        "proposal",
        "--from",
        &from,
        "--to",
        &to,
        "--map",
        "submitted=nowhere",
    ])
    .await;
    assert!(
        unmapped
            .expect_err("refused")
            .to_string()
            .contains(&format!("version {next} has no state 'nowhere'"))
    );
    run(&[
        "workflow", "migrate", "proposal", "--from", &from, "--to", &to,
    ])
    .await
    .expect("migrates");

    let moved = app.get(&format!("/proposals/{id}"), Some(applicant)).await;
    assert_eq!(moved.body["workflow_version"], next);
    assert_eq!(moved.body["state"], "submitted");
    let history = app
        .get(&format!("/proposals/{id}/history"), Some(applicant))
        .await;
    let last = history
        .body
        .as_array()
        .and_then(|h| h.last())
        .expect("events")
        .clone();
    assert_eq!(last["action"], "proposal.workflow_migrated");
    assert_eq!(last["details"]["to_version"], next);
    w.finish().await;
}
