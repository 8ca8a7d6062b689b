//! Conversations: threads of messages on a proposal, a grant or a report,
//! each with an audience fixed when it starts. Who is in an audience
//! follows from what a person is to the thread's subject (its applicant,
//! a manager, the ambassador of its area, a juror on it), read afresh at
//! every request, so a reviewer whose assignment ends leaves the jury's
//! threads with it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ParseError, ValidationErrors};

/// The longest message, in characters.
pub const MESSAGE_MAX: usize = 20_000;
/// The longest topic of a thread, in characters.
pub const TOPIC_MAX: usize = 200;
/// The most people one message mentions.
pub const MENTIONS_MAX: usize = 50;

/// What a thread is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThreadSubject {
    /// A proposal, from its submission on.
    Proposal,
    /// A grant.
    Grant,
    /// A report on a grant.
    Report,
}

impl ThreadSubject {
    /// The subject's name, as the audit trail and the outbox name it.
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadSubject::Proposal => "proposal",
            ThreadSubject::Grant => "grant",
            ThreadSubject::Report => "report",
        }
    }

    /// The subject named `raw`.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        match raw {
            "proposal" => Ok(ThreadSubject::Proposal),
            "grant" => Ok(ThreadSubject::Grant),
            "report" => Ok(ThreadSubject::Report),
            _ => Err(ParseError::new(
                "unknown_subject",
                format!("not a subject: {raw}"),
            )),
        }
    }

    /// The audiences a thread on this subject may have, in the order offered.
    pub fn audiences(self) -> &'static [Audience] {
        match self {
            ThreadSubject::Proposal => &[Audience::Applicants, Audience::Staff, Audience::Jury],
            ThreadSubject::Grant | ThreadSubject::Report => &[Audience::Grantee, Audience::Staff],
        }
    }
}

/// Who reads a thread and writes in it, chosen when it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The applicant and the programme's staff: its managers and the
    /// ambassadors of the proposal's area.
    Applicants,
    /// The staff only: managers and the area's ambassadors on a proposal;
    /// managers and finance on a grant or a report.
    Staff,
    /// The jury: the proposal's reviewers without a conflict and the jury chair.
    Jury,
    /// The grantee with finance and the managers.
    Grantee,
}

impl Audience {
    /// The audience's name in the API and the catalogues.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Applicants => "applicants",
            Audience::Staff => "staff",
            Audience::Jury => "jury",
            Audience::Grantee => "grantee",
        }
    }

    /// The audience named `raw`.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        match raw.trim() {
            "applicants" => Ok(Audience::Applicants),
            "staff" => Ok(Audience::Staff),
            "jury" => Ok(Audience::Jury),
            "grantee" => Ok(Audience::Grantee),
            other => Err(ParseError::new(
                "unknown_audience",
                format!("not an audience: {other}"),
            )),
        }
    }

    /// Whether a person standing so to a subject of kind `subject` is in
    /// this audience. An audience the subject does not offer has nobody.
    pub fn includes(self, subject: ThreadSubject, person: &Standing) -> bool {
        if !subject.audiences().contains(&self) {
            return false;
        }
        match (self, subject) {
            (Audience::Applicants, _) => person.holder || person.manager || person.area_ambassador,
            (Audience::Staff, ThreadSubject::Proposal) => person.manager || person.area_ambassador,
            (Audience::Staff, _) => person.manager || person.finance,
            (Audience::Jury, _) => person.juror || person.chair,
            (Audience::Grantee, _) => person.holder || person.manager || person.finance,
        }
    }
}

/// What one person is to a thread's subject, as far as audiences ask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// On the proposal's team (its lead applicant or a member), which is
    /// the grantee's team on its grant and reports.
    pub holder: bool,
    /// A programme manager.
    pub manager: bool,
    /// An ambassador whose area covers the proposal's country and region.
    pub area_ambassador: bool,
    /// Of finance.
    pub finance: bool,
    /// The jury chair.
    pub chair: bool,
    /// A reviewer assigned to the proposal without a conflict, who (where
    /// the programme shares reviews only after submission) submitted
    /// their own review.
    pub juror: bool,
}

/// A message's text as written, checked: not blank, at most
/// [`MESSAGE_MAX`] characters, no hidden characters. Problems go to
/// `errors` under `field`; the trimmed text comes back when it is good.
pub fn check_body(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<String> {
    check_text(errors, field, raw, MESSAGE_MAX, true)
}

/// A thread's topic, checked as [`check_body`] does, at most [`TOPIC_MAX`]
/// characters on one line.
pub fn check_topic(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<String> {
    check_text(errors, field, raw, TOPIC_MAX, false)
}

fn check_text(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &str,
    max: usize,
    several_lines: bool,
) -> Option<String> {
    let text = raw.trim();
    if text.is_empty() {
        errors.push(field, "required", format!("{field} is required"));
        return None;
    }
    let length = text.chars().count();
    if length > max {
        errors.push_limits(
            field,
            "too_long",
            format!("{field} has {length} characters; at most {max}"),
            &[("max", max as i64)],
        );
        return None;
    }
    if crate::text::has_hidden_characters(text, several_lines) {
        errors.push(
            field,
            "invalid_characters",
            format!("{field} holds a control, direction-changing or invisible character"),
        );
        return None;
    }
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_audience_holds_whom_it_says() {
        let applicant = Standing {
            holder: true,
            ..Default::default()
        };
        let ambassador = Standing {
            area_ambassador: true,
            ..Default::default()
        };
        let juror = Standing {
            juror: true,
            ..Default::default()
        };
        let finance = Standing {
            finance: true,
            ..Default::default()
        };
        let proposal = ThreadSubject::Proposal;
        assert!(Audience::Applicants.includes(proposal, &applicant));
        assert!(Audience::Applicants.includes(proposal, &ambassador));
        assert!(!Audience::Applicants.includes(proposal, &juror));
        assert!(!Audience::Staff.includes(proposal, &applicant));
        assert!(Audience::Staff.includes(proposal, &ambassador));
        assert!(!Audience::Staff.includes(proposal, &finance));
        assert!(Audience::Jury.includes(proposal, &juror));
        assert!(!Audience::Jury.includes(proposal, &ambassador));
        assert!(!Audience::Grantee.includes(proposal, &applicant));
        let grant = ThreadSubject::Grant;
        assert!(Audience::Grantee.includes(grant, &applicant));
        assert!(Audience::Grantee.includes(grant, &finance));
        assert!(Audience::Staff.includes(grant, &finance));
        assert!(!Audience::Staff.includes(grant, &ambassador));
        assert!(!Audience::Jury.includes(grant, &juror));
        assert!(!Audience::Applicants.includes(ThreadSubject::Report, &applicant));
    }

    #[test]
    fn a_message_is_neither_blank_nor_too_long_nor_hidden() {
        let mut errors = ValidationErrors::default();
        assert_eq!(
            check_body(&mut errors, "body", "  Hello \n"),
            Some("Hello".into())
        );
        assert!(errors.is_empty());
        assert_eq!(check_body(&mut errors, "body", "   "), None);
        assert_eq!(
            check_body(&mut errors, "body", &"я".repeat(MESSAGE_MAX + 1)),
            None
        );
        assert_eq!(check_topic(&mut errors, "topic", "a\u{202E}b"), None);
        assert_eq!(check_topic(&mut errors, "topic", "two\nlines"), None);
        let codes: Vec<_> = errors.fields().iter().map(|e| e.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "required",
                "too_long",
                "invalid_characters",
                "invalid_characters"
            ]
        );
        assert_eq!(
            check_body(&mut errors, "body", &"я".repeat(MESSAGE_MAX)).map(|b| b.len()),
            Some(MESSAGE_MAX * 2)
        );
    }
}
