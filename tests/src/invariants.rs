//! The invariant checker: reads a server's database behind its back, after
//! a storm of concurrent requests or a crash, and names every rule that no
//! longer holds. It trusts nothing the server says about itself: states are
//! checked against the workflow definitions stored beside them, histories
//! against the audit chain, money against the ledger.

use std::collections::{BTreeMap, HashMap};

use grants_workflow::Definition;
use sea_orm::DatabaseConnection;

use crate::sql::{get, rows};
use serde_json::Value;
use uuid::Uuid;

/// The workflow instances the checker reads, as (table, audit subject type).
const INSTANCES: [(&str, &str); 4] = [
    ("proposals", "proposal"),
    ("grants", "grant"),
    ("tranches", "tranche"),
    ("reports", "report"),
];

/// One recorded move of a workflow instance, from the audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The transition taken.
    pub transition: String,
    /// The state it left.
    pub from: String,
    /// The state it reached.
    pub to: String,
    /// Who took it; `None` for the system (timers, effects).
    pub actor: Option<Uuid>,
}

/// What the checker found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Every broken rule, in words; empty when all hold.
    pub broken: Vec<String>,
    /// Each instance's recorded steps, oldest first.
    pub steps: HashMap<Uuid, Vec<Step>>,
    /// Each instance's current state.
    pub states: HashMap<Uuid, String>,
    /// How many audit events and chains were verified.
    pub audit_events: u64,
}

impl Findings {
    /// Panics with every broken rule, one per line.
    #[track_caller]
    pub fn assert_hold(&self) {
        assert!(
            self.broken.is_empty(),
            "{} invariant(s) broken:\n{}",
            self.broken.len(),
            self.broken.join("\n")
        );
    }
}

/// Reads the whole database and checks every invariant.
pub async fn check(db: &DatabaseConnection) -> Findings {
    let mut findings = Findings::default();
    let definitions = definitions(db, &mut findings).await;
    let history = audit_history(db).await;

    let verification = grants_store::audit::verify(db)
        .await
        .expect("the audit chain can be read");
    findings.audit_events = verification.events;
    if let Some((event, why)) = verification.first_broken {
        findings
            .broken
            .push(format!("audit chain broken at event {event}: {why}"));
    }

    for (table, subject) in INSTANCES {
        let rows = rows(
            db,
            &format!("SELECT id, state, workflow, workflow_version FROM {table}"),
            Vec::new(),
        )
        .await;
        for row in rows {
            let id: Uuid = get(&row, "id");
            let state: String = get(&row, "state");
            let workflow: String = get(&row, "workflow");
            let version: i32 = get(&row, "workflow_version");
            let Some(definition) = definitions.get(&(workflow.clone(), version)) else {
                findings.broken.push(format!(
                    "{subject} {id} is pinned to {workflow} v{version}, which is not stored"
                ));
                continue;
            };
            if definition.state(&state).is_none() {
                findings.broken.push(format!(
                    "{subject} {id} is in '{state}', not a state of {workflow} v{version}"
                ));
            }
            let events = history
                .get(&(subject.to_owned(), id))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let steps = walk(
                subject,
                id,
                &state,
                definition,
                events,
                &mut findings.broken,
            );
            findings.steps.insert(id, steps);
            findings.states.insert(id, state);
        }
    }

    check_money(db, &history, &mut findings.broken).await;
    check_reviews(db, &history, &mut findings.broken).await;
    findings
}

/// Follows an instance's transitions from the initial state: each leaves
/// the state the one before reached, is a legal move of its workflow, and
/// the last reaches the state stored on the row.
fn walk(
    subject: &str,
    id: Uuid,
    stored: &str,
    definition: &Definition,
    events: &[AuditRow],
    broken: &mut Vec<String>,
) -> Vec<Step> {
    let transition_action = format!("{subject}.transition");
    let migrated = events
        .iter()
        .any(|e| e.action == "proposal.workflow_migrated");
    let mut state = definition.initial.value.clone();
    let mut steps = Vec::new();
    for event in events {
        let is_transition = event.action == transition_action;
        if !is_transition && event.action != "proposal.workflow_migrated" {
            continue;
        }
        let from = event.details["from"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let to = event.details["to"].as_str().unwrap_or_default().to_owned();
        if from != state {
            broken.push(format!(
                "{subject} {id}: event {} leaves '{from}' but the one before reached '{state}'",
                event.seq
            ));
        }
        if is_transition {
            let name = event.details["transition"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            // After a version migration the earlier steps belong to another version.
            let legal = migrated
                || definition
                    .transition(&name)
                    .is_some_and(|t| t.to.value == to && t.from.iter().any(|f| f.value == from));
            if !legal {
                broken.push(format!(
                    "{subject} {id}: '{name}' from '{from}' to '{to}' is no move of {} v{}",
                    definition.name.value, definition.version.value
                ));
            }
            steps.push(Step {
                transition: name,
                from: from.clone(),
                to: to.clone(),
                actor: event.actor,
            });
        }
        state = to;
    }
    if state != stored {
        broken.push(format!(
            "{subject} {id} is stored in '{stored}' but its history ends in '{state}'"
        ));
    }
    steps
}

/// No tranche paid twice; every paid tranche has exactly its disbursement
/// in the ledger and nothing else has one; approval is never by the
/// requester; each programme's disbursements add up to its paid tranches.
async fn check_money(
    db: &DatabaseConnection,
    history: &BTreeMap<(String, Uuid), Vec<AuditRow>>,
    broken: &mut Vec<String>,
) {
    let mut disbursed: HashMap<Uuid, Vec<i64>> = HashMap::new();
    let mut disbursed_by_programme: BTreeMap<Uuid, i64> = BTreeMap::new();
    for row in rows(db, "SELECT programme_id, tranche_id, amount_minor FROM ledger_entries WHERE kind = 'disbursement'", Vec::new())
    .await
    {
        let programme: Uuid = get(&row, "programme_id");
        let amount: i64 = get(&row, "amount_minor");
        *disbursed_by_programme.entry(programme).or_default() += amount;
        match get::<Option<Uuid>>(&row, "tranche_id") {
            Some(tranche) => disbursed.entry(tranche).or_default().push(amount),
            None => broken.push(format!(
                "a disbursement of {amount} in programme {programme} names no tranche"
            )),
        }
    }
    let mut paid_by_programme: BTreeMap<Uuid, i64> = BTreeMap::new();
    let tranches = rows(
        db,
        "SELECT t.id, t.state, t.amount_minor, t.requested_by, t.approved_by, g.programme_id \
         FROM tranches t JOIN grants g ON g.id = t.grant_id",
        Vec::new(),
    )
    .await;
    for row in tranches {
        let id: Uuid = get(&row, "id");
        let state: String = get(&row, "state");
        let amount: i64 = get(&row, "amount_minor");
        let programme: Uuid = get(&row, "programme_id");
        let entries = disbursed.remove(&id).unwrap_or_default();
        let pays = history
            .get(&("tranche".to_owned(), id))
            .map_or(0, |events| {
                events
                    .iter()
                    .filter(|e| {
                        e.action == "tranche.transition" && e.details["transition"] == "pay"
                    })
                    .count()
            });
        if state == "paid" {
            *paid_by_programme.entry(programme).or_default() += amount;
            if entries != [amount] {
                broken.push(format!(
                    "paid tranche {id} of {amount} has disbursements {entries:?}"
                ));
            }
            if pays != 1 {
                broken.push(format!("tranche {id} was paid {pays} times"));
            }
        } else if !entries.is_empty() || pays != 0 {
            broken.push(format!(
                "tranche {id} is '{state}' yet has disbursements {entries:?} and {pays} payments"
            ));
        }
        let requested_by: Option<Uuid> = get(&row, "requested_by");
        let approved_by: Option<Uuid> = get(&row, "approved_by");
        if requested_by.is_some() && requested_by == approved_by {
            broken.push(format!("tranche {id} was approved by its requester"));
        }
        // The same rule over the whole history, not only the latest round.
        if let Some(events) = history.get(&("tranche".to_owned(), id)) {
            let mut requester = None;
            for e in events.iter().filter(|e| e.action == "tranche.transition") {
                match e.details["transition"].as_str() {
                    Some("request") => requester = e.actor,
                    Some("approve") if e.actor.is_some() && e.actor == requester => broken.push(
                        format!("tranche {id}: event {} approves its own request", e.seq),
                    ),
                    _ => {}
                }
            }
        }
    }
    for (tranche, entries) in disbursed {
        broken.push(format!(
            "disbursements {entries:?} name tranche {tranche}, which does not exist"
        ));
    }
    for (programme, total) in &disbursed_by_programme {
        let paid = paid_by_programme.get(programme).copied().unwrap_or(0);
        if *total != paid {
            broken.push(format!(
                "programme {programme}: the ledger disbursed {total} but paid tranches add up to {paid}"
            ));
        }
    }
}

/// A submitted review was submitted once more than it was reopened; a
/// draft as often as it was reopened.
async fn check_reviews(
    db: &DatabaseConnection,
    history: &BTreeMap<(String, Uuid), Vec<AuditRow>>,
    broken: &mut Vec<String>,
) {
    for row in rows(db, "SELECT assignment_id, state FROM reviews", Vec::new()).await {
        let assignment: Uuid = get(&row, "assignment_id");
        let state: String = get(&row, "state");
        let events = history
            .get(&("review_assignment".to_owned(), assignment))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let count = |action: &str| events.iter().filter(|e| e.action == action).count();
        let (submitted, reopened) = (count("review.submitted"), count("review.reopened"));
        let expected = usize::from(state == "submitted");
        if submitted != reopened + expected {
            broken.push(format!(
                "review of assignment {assignment} is '{state}' after {submitted} submissions and {reopened} reopenings"
            ));
        }
    }
}

#[derive(Debug)]
struct AuditRow {
    seq: i64,
    action: String,
    actor: Option<Uuid>,
    details: Value,
}

/// Every audit event, grouped by subject in chain order.
async fn audit_history(db: &DatabaseConnection) -> BTreeMap<(String, Uuid), Vec<AuditRow>> {
    let mut history: BTreeMap<(String, Uuid), Vec<AuditRow>> = BTreeMap::new();
    let rows = rows(
        db,
        "SELECT subject_type, subject_id, seq, action, actor_id, details FROM audit_events \
         ORDER BY subject_type, subject_id, seq",
        Vec::new(),
    )
    .await;
    for row in rows {
        history
            .entry((get(&row, "subject_type"), get(&row, "subject_id")))
            .or_default()
            .push(AuditRow {
                seq: get(&row, "seq"),
                action: get(&row, "action"),
                actor: get(&row, "actor_id"),
                details: get(&row, "details"),
            });
    }
    history
}

/// The stored workflow definitions by (name, version), parsed anew.
async fn definitions(
    db: &DatabaseConnection,
    findings: &mut Findings,
) -> HashMap<(String, i32), Definition> {
    let mut definitions = HashMap::new();
    for row in rows(
        db,
        "SELECT name, version, source FROM workflow_definitions",
        Vec::new(),
    )
    .await
    {
        let name: String = get(&row, "name");
        let version: i32 = get(&row, "version");
        let source: String = get(&row, "source");
        match grants_workflow::parse(&format!("{name} v{version}"), &source) {
            Ok(definition) => {
                definitions.insert((name, version), definition);
            }
            Err(problems) => findings.broken.push(format!(
                "stored workflow {name} v{version} does not parse: {problems:?}"
            )),
        }
    }
    definitions
}
