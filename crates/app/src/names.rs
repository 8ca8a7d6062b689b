//! The states and steps the code acts on by name.
//!
//! Definitions are data, but some states and steps mean something to the
//! code (a draft may be edited, a paid tranche disburses, a report still
//! owed gets reminders). Each such name is declared here once, and
//! [`check`] holds every definition the service runs against them when the
//! definitions are validated (at start-up and by `grants workflow check`),
//! so a renamed state fails there, loudly, never silently at run time.

use grants_workflow::{Definition, Pos, Problem};

/// Proposal states and steps.
pub mod proposal {
    /// Being written; only its owner sees it.
    pub const DRAFT: &str = "draft";
    /// Submitted; its moment is kept.
    pub const SUBMITTED: &str = "submitted";
    /// Being screened for eligibility.
    pub const SCREENING: &str = "screening";
    /// Returned to the applicant to change.
    pub const CHANGES_REQUESTED: &str = "changes_requested";
    /// Eligible, waiting for reviewers: reviewers bid.
    pub const ELIGIBLE: &str = "eligible";
    /// Being reviewed.
    pub const IN_REVIEW: &str = "in_review";
    /// Every review is in; waiting for a decision.
    pub const REVIEWED: &str = "reviewed";
    /// Decided: on the waiting list.
    pub const WAITLISTED: &str = "waitlisted";
    /// Decided: funded.
    pub const FUNDED: &str = "funded";
    /// Decided: declined.
    pub const DECLINED: &str = "declined";
    /// Committing the assignment starts the review.
    pub const START_REVIEW: &str = "start_review";
    /// The last review in completes it.
    pub const COMPLETE_REVIEW: &str = "complete_review";
    /// The decisions, taken through the decision form with their letters.
    pub const FUND: &str = "fund";
    /// Decision: to the waiting list.
    pub const WAITLIST: &str = "waitlist";
    /// Decision: declined.
    pub const DECLINE: &str = "decline";
    /// Every state the code names.
    pub const STATES: &[&str] = &[
        DRAFT,
        SUBMITTED,
        SCREENING,
        CHANGES_REQUESTED,
        ELIGIBLE,
        IN_REVIEW,
        REVIEWED,
        WAITLISTED,
        FUNDED,
        DECLINED,
    ];
    /// Every step the code names.
    pub const STEPS: &[&str] = &[START_REVIEW, COMPLETE_REVIEW, FUND, WAITLIST, DECLINE];
}

/// Grant states and steps.
pub mod grant {
    /// Waiting for the grantee to accept the agreement.
    pub const AGREEMENT_PENDING: &str = "agreement_pending";
    /// Running.
    pub const ACTIVE: &str = "active";
    /// Running, in final reporting.
    pub const REPORTING: &str = "reporting";
    /// Ended as planned.
    pub const CLOSED: &str = "closed";
    /// Ended early.
    pub const TERMINATED: &str = "terminated";
    /// The final report opened.
    pub const START_REPORTING: &str = "start_reporting";
    /// Every report accepted and every tranche settled.
    pub const CLOSE: &str = "close";
    /// Every state the code names.
    pub const STATES: &[&str] = &[AGREEMENT_PENDING, ACTIVE, REPORTING, CLOSED, TERMINATED];
    /// Every step the code names.
    pub const STEPS: &[&str] = &[START_REPORTING, CLOSE];
}

/// Report states and steps.
pub mod report {
    /// Not yet due.
    pub const SCHEDULED: &str = "scheduled";
    /// Due: the grantee writes it.
    pub const DUE: &str = "due";
    /// Past its due date.
    pub const OVERDUE: &str = "overdue";
    /// Submitted for review.
    pub const SUBMITTED: &str = "submitted";
    /// Returned to the grantee.
    pub const CHANGES_REQUESTED: &str = "changes_requested";
    /// Accepted.
    pub const ACCEPTED: &str = "accepted";
    /// Cancelled (a terminated grant).
    pub const CANCELLED: &str = "cancelled";
    /// Its first reminder opens it.
    pub const OPEN: &str = "open";
    /// The overdue reminder marks it.
    pub const MARK_OVERDUE: &str = "mark_overdue";
    /// A due date moved past now reopens it.
    pub const EXTEND: &str = "extend";
    /// A terminated grant cancels it.
    pub const CANCEL: &str = "cancel";
    /// The states in which a report is still owed.
    pub const OWED: &[&str] = &[SCHEDULED, DUE, OVERDUE];
    /// The states in which the grantee may write it.
    pub const EDITABLE: &[&str] = &[SCHEDULED, DUE, OVERDUE, CHANGES_REQUESTED];
    /// The states in which nothing more happens to it.
    pub const CLOSED: &[&str] = &[ACCEPTED, CANCELLED];
    /// Every state the code names.
    pub const STATES: &[&str] = &[
        SCHEDULED,
        DUE,
        OVERDUE,
        SUBMITTED,
        CHANGES_REQUESTED,
        ACCEPTED,
        CANCELLED,
    ];
    /// Every step the code names.
    pub const STEPS: &[&str] = &[OPEN, MARK_OVERDUE, EXTEND, CANCEL];
}

/// Tranche states and steps.
pub mod tranche {
    /// Waiting for its condition.
    pub const SCHEDULED: &str = "scheduled";
    /// Requested by finance.
    pub const REQUESTED: &str = "requested";
    /// Approved by a second person.
    pub const APPROVED: &str = "approved";
    /// Paid: disbursed.
    pub const PAID: &str = "paid";
    /// Cancelled: released.
    pub const CANCELLED: &str = "cancelled";
    /// Finance asks for the payment.
    pub const REQUEST: &str = "request";
    /// A second person approves it.
    pub const APPROVE: &str = "approve";
    /// A terminated grant cancels it.
    pub const CANCEL: &str = "cancel";
    /// The states that still hold money committed but not paid.
    pub const OPEN: &[&str] = &[SCHEDULED, REQUESTED, APPROVED];
    /// Every state the code names.
    pub const STATES: &[&str] = &[SCHEDULED, REQUESTED, APPROVED, PAID, CANCELLED];
    /// Every step the code names.
    pub const STEPS: &[&str] = &[REQUEST, APPROVE, CANCEL];
}

/// Every workflow's names the code acts on: (workflow, states, steps).
const KNOWN: &[(&str, &[&str], &[&str])] = &[
    ("proposal", proposal::STATES, proposal::STEPS),
    ("grant", grant::STATES, grant::STEPS),
    ("report", report::STATES, report::STEPS),
    ("tranche", tranche::STATES, tranche::STEPS),
];

/// Every state and step the code acts on that `definition` lacks, each a
/// problem at the definition's name.
pub fn check(definition: &Definition) -> Vec<Problem> {
    let name = definition.name.value.as_str();
    let Some((_, states, steps)) = KNOWN.iter().find(|(w, _, _)| *w == name) else {
        return Vec::new();
    };
    let at: Pos = definition.name.pos;
    let missing_states = states
        .iter()
        .filter(|s| definition.state(s).is_none())
        .map(|s| {
            format!("the service acts on the state '{s}' of '{name}', which this definition lacks")
        });
    let missing_steps = steps
        .iter()
        .filter(|t| definition.transition(t).is_none())
        .map(|t| {
            format!("the service takes the step '{t}' of '{name}', which this definition lacks")
        });
    missing_states
        .chain(missing_steps)
        .map(|message| Problem::new(&definition.file, at, message))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_definitions_have_every_name_the_code_acts_on() {
        for source in crate::workflows::built_in() {
            let def = grants_workflow::parse(&source.file, &source.yaml).expect("parses");
            assert_eq!(check(&def), Vec::new(), "{}", source.file);
        }
    }

    #[test]
    fn a_renamed_state_is_named_where_the_definition_is() {
        let source = crate::workflows::built_in()
            .into_iter()
            .find(|s| s.file.ends_with("report.yaml"))
            .expect("the report workflow");
        let renamed = source.yaml.replace("overdue", "late");
        let def = grants_workflow::parse(&source.file, &renamed).expect("parses");
        let problems: Vec<String> = check(&def).iter().map(ToString::to_string).collect();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("'overdue'") && p.contains("report.yaml")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("'mark_overdue'")),
            "{problems:?}"
        );
    }
}
