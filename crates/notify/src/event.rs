//! The events that send email, each with its typed context.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use grants_domain::{Currency, Locale, Money};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Formatter;

/// What every message needs besides its event: who it is for, and the
/// programme it belongs to (for the title, the fallback language and the
/// time zone of its dates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// The recipient's name, for the greeting.
    pub recipient_name: String,
    /// The programme's code.
    pub programme_code: String,
    /// The programme's title per locale.
    pub programme_titles: BTreeMap<Locale, String>,
    /// The programme's default locale: the fallback when the recipient's has no template.
    pub programme_locale: Locale,
    /// The programme's time zone, in which dates are shown.
    pub time_zone: Tz,
}

impl Envelope {
    /// The programme's title in `locale`, else in its default locale, else any.
    pub fn programme_title(&self, locale: Locale) -> String {
        self.programme_titles
            .get(&locale)
            .or_else(|| self.programme_titles.get(&self.programme_locale))
            .or_else(|| self.programme_titles.values().next())
            .cloned()
            .unwrap_or_else(|| self.programme_code.clone())
    }

    /// An envelope for previews and checks.
    pub fn sample() -> Self {
        Self {
            recipient_name: "Ana Petrovska".into(),
            programme_code: "INELI-2027".into(),
            programme_titles: BTreeMap::from([
                (Locale::En, "INELI-Balkans Innovation Awards".to_owned()),
                (Locale::Mk, "INELI-Балкан Награди за иновации".to_owned()),
            ]),
            programme_locale: Locale::En,
            time_zone: chrono_tz::Europe::Skopje,
        }
    }
}

/// What the outbox stores for one message: the typed event and its envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Letter {
    /// Recipient and programme.
    pub envelope: Envelope,
    /// The event and its context.
    pub notification: Notification,
}

/// A value a template can show, formatted for the reader.
pub trait FieldValue {
    /// The value as the template sees it.
    fn value(&self, f: Formatter) -> Value;
    /// A plausible value for previews and checks, from the field's name.
    fn sample(field: &str) -> Self;
}

impl FieldValue for String {
    fn value(&self, _: Formatter) -> Value {
        Value::String(self.clone())
    }
    fn sample(field: &str) -> Self {
        if field.ends_with("_url") {
            format!("http://127.0.0.1:8080/{}", field.trim_end_matches("_url"))
        } else {
            match field {
                "proposal_title" => "Maker space for teenagers".into(),
                "applicant_name" => "Ana Petrovska".into(),
                "report_name" => "interim report".into(),
                "payment_reference" => "PAY-2027-0042".into(),
                "tranche_name" => "interim".into(),
                "requested_by_name" => "Marko Stojanovski".into(),
                "approved_by_name" => "Elena Dimitrova".into(),
                _ => format!("<{field}>"),
            }
        }
    }
}

impl FieldValue for Option<String> {
    fn value(&self, _: Formatter) -> Value {
        self.clone().map_or(Value::Null, Value::String)
    }
    fn sample(_: &str) -> Self {
        Some("Please add a budget line for staff time & training.".into())
    }
}

impl FieldValue for DateTime<Utc> {
    fn value(&self, f: Formatter) -> Value {
        Value::String(f.date_time(*self))
    }
    fn sample(_: &str) -> Self {
        Utc.with_ymd_and_hms(2027, 3, 12, 16, 0, 0)
            .single()
            .unwrap_or_default()
    }
}

impl FieldValue for NaiveDate {
    fn value(&self, f: Formatter) -> Value {
        Value::String(f.date(*self))
    }
    fn sample(_: &str) -> Self {
        NaiveDate::from_ymd_opt(2027, 9, 30).unwrap_or_default()
    }
}

impl FieldValue for Money {
    fn value(&self, f: Formatter) -> Value {
        Value::String(f.money(*self))
    }
    fn sample(_: &str) -> Self {
        Money::new(1_500_000, Currency::EUR)
    }
}

impl FieldValue for u64 {
    fn value(&self, f: Formatter) -> Value {
        Value::String(f.count(*self))
    }
    fn sample(_: &str) -> Self {
        12
    }
}

impl FieldValue for Vec<String> {
    fn value(&self, _: Formatter) -> Value {
        Value::Array(self.iter().cloned().map(Value::String).collect())
    }
    fn sample(field: &str) -> Self {
        if field == "reviewer_comments" {
            return vec![
                "A clear need and a realistic plan; the budget for equipment is generous.".into(),
                "Say how you will reach teenagers outside the city.".into(),
            ];
        }
        vec![
            "Proposal submitted: Maker space for teenagers".into(),
            "Proposal withdrawn: Coding club for girls".into(),
        ]
    }
}

impl FieldValue for bool {
    fn value(&self, _: Formatter) -> Value {
        Value::Bool(*self)
    }
    fn sample(_: &str) -> Self {
        true
    }
}

macro_rules! events {
    ($(
        $(#[$doc:meta])*
        $name:ident = $event:literal, urgent: $urgent:literal {
            $( $(#[$fdoc:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            pub struct $name {
                $( $(#[$fdoc])* pub $field: $ty, )*
            }
        )*

        /// Every event that sends email, with its context.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "event", rename_all = "snake_case")]
        pub enum Notification {
            $( $(#[$doc])* $name($name), )*
        }

        impl Notification {
            /// The names of every event, as workflow definitions and template files use them.
            pub const EVENTS: &'static [&'static str] = &[$($event),*];

            /// This notification's event name.
            pub fn event(&self) -> &'static str {
                match self { $( Notification::$name(_) => $event, )* }
            }

            /// Urgent events (decisions, payments, deadlines) are always sent at once, never in a digest.
            pub fn urgent(&self) -> bool {
                match self { $( Notification::$name(_) => $urgent, )* }
            }

            /// The event's own fields, formatted for the reader.
            pub(crate) fn fields(&self, f: Formatter) -> Map<String, Value> {
                let mut map = Map::new();
                match self {
                    $( Notification::$name(context) => {
                        $( map.insert(stringify!($field).to_owned(), FieldValue::value(&context.$field, f)); )*
                    } )*
                }
                map
            }

            /// The address this email goes to when it is not its recipient
            /// account's: an invitation, to someone who may have no account yet.
            pub fn addressed_to(&self) -> Option<&str> {
                match self {
                    Notification::TeamInvitation(invitation) => Some(&invitation.invitee_email),
                    _ => None,
                }
            }

            /// One notification of every event, with plausible values.
            pub fn samples() -> Vec<Notification> {
                vec![ $( Notification::$name($name { $( $field: <$ty as FieldValue>::sample(stringify!($field)), )* }), )* ]
            }
        }
    };
}

events! {
    /// A new account must confirm its address.
    AccountRegistered = "account_registered", urgent: true {
        /// Where to confirm.
        verify_url: String,
        /// Until when the link works.
        expires_at: DateTime<Utc>,
    }
    /// Someone asked to reset a password.
    PasswordReset = "password_reset", urgent: true {
        /// Where to choose a new password.
        reset_url: String,
        /// Until when the link works.
        expires_at: DateTime<Utc>,
    }
    /// A proposal was submitted.
    ProposalSubmitted = "proposal_submitted", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Where to see it.
        proposal_url: String,
        /// Who submitted it.
        applicant_name: String,
        /// When.
        submitted_at: DateTime<Utc>,
        /// True when the recipient is the applicant.
        is_owner: bool,
    }
    /// A proposal returned for changes was submitted again.
    ProposalResubmitted = "proposal_resubmitted", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Where to see it.
        proposal_url: String,
        /// Who submitted it.
        applicant_name: String,
        /// When.
        submitted_at: DateTime<Utc>,
        /// True when the recipient is the applicant.
        is_owner: bool,
    }
    /// The applicant must change the proposal by a deadline.
    ChangesRequested = "changes_requested", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Where to edit it.
        proposal_url: String,
        /// What to change.
        comment: String,
        /// The last moment to resubmit.
        deadline: DateTime<Utc>,
    }
    /// The proposal cannot be considered.
    ProposalIneligible = "proposal_ineligible", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Where to see it.
        proposal_url: String,
        /// Why.
        comment: Option<String>,
    }
    /// The applicant withdrew the proposal.
    ProposalWithdrawn = "proposal_withdrawn", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Where to see it.
        proposal_url: String,
        /// Who withdrew it.
        applicant_name: String,
        /// Their reason.
        comment: Option<String>,
        /// True when the recipient is the applicant.
        is_owner: bool,
    }
    /// A reviewer was assigned a proposal.
    ReviewAssigned = "review_assigned", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Where to review it.
        review_url: String,
        /// When the review is due.
        due_at: DateTime<Utc>,
    }
    /// A review is due soon.
    ReviewReminder = "review_reminder", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Where to review it.
        review_url: String,
        /// When the review is due.
        due_at: DateTime<Utc>,
    }
    /// A review is late.
    ReviewOverdue = "review_overdue", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Where to review it.
        review_url: String,
        /// When the review was due.
        due_at: DateTime<Utc>,
    }
    /// Every review of the programme is in.
    ReviewsComplete = "reviews_complete", urgent: false {
        /// How many reviews.
        reviews_count: u64,
        /// Of how many proposals.
        proposals_count: u64,
        /// Where to see the ranking.
        ranking_url: String,
    }
    /// The proposal will be funded.
    DecisionFunded = "decision_funded", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Where to see it.
        proposal_url: String,
        /// The award.
        award: Money,
        /// The decision letter.
        comment: Option<String>,
        /// The reviewers' comments for the applicant, where the programme
        /// sends them with the decision.
        #[serde(default)]
        reviewer_comments: Vec<String>,
    }
    /// The proposal is on the waiting list.
    DecisionWaitlisted = "decision_waitlisted", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Where to see it.
        proposal_url: String,
        /// The decision letter.
        comment: Option<String>,
        /// The reviewers' comments for the applicant, where the programme
        /// sends them with the decision.
        #[serde(default)]
        reviewer_comments: Vec<String>,
    }
    /// The proposal will not be funded.
    DecisionDeclined = "decision_declined", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Where to see it.
        proposal_url: String,
        /// The decision letter.
        comment: Option<String>,
        /// The reviewers' comments for the applicant, where the programme
        /// sends them with the decision.
        #[serde(default)]
        reviewer_comments: Vec<String>,
    }
    /// The grant agreement is ready to accept.
    AgreementReady = "agreement_ready", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// The award.
        award: Money,
        /// Where to read and accept it.
        agreement_url: String,
    }
    /// Finance requested a tranche's payment: the other finance users may
    /// approve it (never the requester: four eyes).
    TrancheRequested = "tranche_requested", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// The tranche's name in the payment template.
        tranche_name: String,
        /// Its amount.
        amount: Money,
        /// Who requested it.
        requested_by_name: String,
        /// Where to approve it.
        grant_url: String,
    }
    /// A second finance user approved a tranche's payment: it waits to be
    /// paid and recorded.
    TrancheApproved = "tranche_approved", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// The tranche's name in the payment template.
        tranche_name: String,
        /// Its amount.
        amount: Money,
        /// Who requested it.
        requested_by_name: String,
        /// Who approved it.
        approved_by_name: String,
        /// Where to record the payment.
        grant_url: String,
    }
    /// A tranche was paid.
    TranchePaid = "tranche_paid", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// The amount paid.
        amount: Money,
        /// The value date.
        paid_on: NaiveDate,
        /// The bank's reference.
        payment_reference: String,
    }
    /// A report is due soon.
    ReportDueSoon = "report_due_soon", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Which report.
        report_name: String,
        /// When it is due.
        due_on: NaiveDate,
        /// Where to write it.
        report_url: String,
    }
    /// A report is late.
    ReportOverdue = "report_overdue", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Which report.
        report_name: String,
        /// When it was due.
        due_on: NaiveDate,
        /// Where to write it.
        report_url: String,
    }
    /// A report must be changed.
    ReportChangesRequested = "report_changes_requested", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Which report.
        report_name: String,
        /// What to change.
        comment: String,
        /// Where to edit it.
        report_url: String,
    }
    /// A report was accepted.
    ReportAccepted = "report_accepted", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Which report.
        report_name: String,
    }
    /// A grantee handed in a report for the managers to review.
    ReportSubmitted = "report_submitted", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Which report.
        report_name: String,
        /// Who wrote it.
        grantee_name: String,
        /// Where to review it.
        report_url: String,
    }
    /// A tranche's condition now holds, so finance may request it.
    TrancheRequestable = "tranche_requestable", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// The tranche's name in the payment template.
        tranche_name: String,
        /// Its amount.
        amount: Money,
        /// Where to request it.
        grant_url: String,
    }
    /// The programme's late reports, once a week for its managers, instead
    /// of one email per report.
    OverdueSummary = "overdue_summary", urgent: true {
        /// One line per late report.
        items: Vec<String>,
        /// How many.
        count: u64,
        /// Where to see them all.
        reports_url: String,
    }
    /// The grant is closed.
    GrantClosed = "grant_closed", urgent: false {
        /// The proposal's title.
        proposal_title: String,
        /// Everything paid.
        total_paid: Money,
    }
    /// A new message in a conversation the recipient is part of.
    MessagePosted = "message_posted", urgent: false {
        /// What the conversation is on: the proposal's title.
        proposal_title: String,
        /// The conversation's topic.
        topic: String,
        /// Who wrote the message.
        author_name: String,
        /// The message, or its beginning.
        excerpt: String,
        /// Where to read and answer it.
        thread_url: String,
        /// True when the message mentions the recipient.
        mentions_you: bool,
    }
    /// The lead applicant of a proposal invites someone to its team.
    TeamInvitation = "team_invitation", urgent: true {
        /// The proposal's title.
        proposal_title: String,
        /// Who invites.
        inviter_name: String,
        /// True for an editor, who writes; false for a viewer, who reads.
        as_editor: bool,
        /// Where to accept (or register first).
        invitation_url: String,
        /// Until when the link works.
        expires_at: DateTime<Utc>,
        /// The address invited, which may have no account yet.
        invitee_email: String,
    }
    /// The day's non-urgent emails, for people who chose a daily summary.
    DailyDigest = "daily_digest", urgent: true {
        /// The subject of each email summarised.
        items: Vec<String>,
        /// How many.
        count: u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_match_the_serialised_tags() {
        for sample in Notification::samples() {
            let json = serde_json::to_value(&sample).expect("serialises");
            assert_eq!(json["event"], sample.event());
            let back: Notification = serde_json::from_value(json).expect("deserialises");
            assert_eq!(back, sample);
        }
        assert_eq!(Notification::samples().len(), Notification::EVENTS.len());
    }

    #[test]
    fn the_programme_title_falls_back_to_its_default_language() {
        let envelope = Envelope::sample();
        assert_eq!(
            envelope.programme_title(Locale::Mk),
            "INELI-Балкан Награди за иновации"
        );
        assert_eq!(
            envelope.programme_title(Locale::Sq),
            "INELI-Balkans Innovation Awards"
        );
    }
}
