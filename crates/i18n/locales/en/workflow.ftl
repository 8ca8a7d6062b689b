# Workflow states, steps and the reasons a step is blocked.
#
# States and steps of the built-in workflows (workflows/*.yaml) are
# `{workflow}-state-{state}` and `{workflow}-step-{transition}`. English
# reads exactly as the definitions' labels (a test checks it); another
# language without a key shows the definition's label.
#
# Reasons: `blocked-*` for the engine's own, `guard-{guard}` for each
# guard, with the facts the guard gives; `$case` says which of a guard's
# refusals it is. A reason a catalogue lacks is shown in English.

## Proposals

proposal-state-draft = Draft
proposal-state-submitted = Submitted
proposal-state-screening = Eligibility screening
proposal-state-changes_requested = Changes requested
proposal-state-eligible = Eligible, ready for review
proposal-state-ineligible = Ineligible
proposal-state-withdrawn = Withdrawn
proposal-state-in_review = In review
proposal-state-reviewed = Reviewed
proposal-state-waitlisted = Waitlisted
proposal-state-funded = Funded
proposal-state-declined = Declined

proposal-step-submit = Submit
proposal-step-start_screening = Start eligibility screening
proposal-step-request_changes = Request changes
proposal-step-resubmit = Resubmit
proposal-step-changes_deadline_missed = Close after the change deadline passed
proposal-step-mark_eligible = Mark eligible
proposal-step-mark_ineligible = Mark ineligible
proposal-step-withdraw = Withdraw
proposal-step-start_review = Start review
proposal-step-complete_review = Close review
proposal-step-fund = Fund
proposal-step-waitlist = Waitlist
proposal-step-decline = Decline

## Grants

grant-state-agreement_pending = Agreement awaiting acceptance
grant-state-active = Active
grant-state-reporting = Final reporting
grant-state-closed = Closed
grant-state-terminated = Terminated

grant-step-accept_agreement = Accept the agreement
grant-step-start_reporting = Start final reporting
grant-step-close = Close the grant
grant-step-terminate = Terminate the grant

## Tranches (payments)

tranche-state-scheduled = Scheduled
tranche-state-requested = Payment requested
tranche-state-approved = Approved for payment
tranche-state-paid = Paid
tranche-state-cancelled = Cancelled

tranche-step-request = Request payment
tranche-step-approve = Approve payment
tranche-step-send_back = Send back
tranche-step-pay = Record the payment
tranche-step-cancel = Cancel

## Reports

report-state-scheduled = Scheduled
report-state-due = Due
report-state-overdue = Overdue
report-state-submitted = Submitted
report-state-changes_requested = Changes requested
report-state-accepted = Accepted
report-state-cancelled = Cancelled

report-step-open = Open for writing
report-step-mark_overdue = Mark overdue
report-step-extend = Due date moved later
report-step-submit = Submit the report
report-step-accept = Accept the report
report-step-request_changes = Ask for changes
report-step-cancel = Cancel

## Who may take a step: roles, relations to the subject, and the system

actor-applicant = the applicant
actor-reviewer = a reviewer
actor-jury_chair = the jury chair
actor-programme_manager = the programme manager
actor-ambassador = the ambassador
actor-finance = finance
actor-admin = an administrator
actor-owner = the proposal’s author
actor-country_ambassador = the country’s ambassador
actor-grantee = the grantee
actor-system = the system
# Joins the last of several alternatives: “a, b or c”.
list-or = or

## Why a step is blocked

# $step: the step; $state: the current state.
blocked-wrong-state = The step “{ $step }” is not possible while the state is “{ $state }”.
# $allowed: who may, e.g. “the programme manager or the country’s ambassador”.
blocked-not-permitted = Only { $allowed } may take the step “{ $step }”.
blocked-unknown-transition = There is no step “{ $transition }” here.

guard-call_open = { $case ->
        [not_yet_open] The call opens on { $opens_at }.
       *[closed] The call closed on { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] The budget lines add up to { $total }, not the requested { $requested }.
        [mixed_currencies] The budget lines mix currencies; use one currency throughout.
       *[incomplete] The proposal is incomplete: fill in { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Give the library’s country.
       *[not_eligible] Libraries in { $country } are not eligible for this programme.
    }
guard-amount_within_limits = { $case ->
        [missing] Give the requested amount.
        [wrong_currency] Request the award in { $currency }, the programme’s currency.
       *[out_of_range] The requested amount must be between { $min } and { $max }.
    }
guard-comment_given = Write a comment explaining why.
guard-decision_recorded = A funding decision is recorded with its letter (and, to fund, the award) through the proposal’s decision form.
guard-final_report_accepted = { $case ->
        [missing] The grant has no final report.
       *[not_accepted] The final report is “{ $report_state }”, not accepted.
    }
guard-tranches_settled = Payments still to be made or cancelled: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] The grantee has not accepted the agreement yet.
       *[not_running] The grant is “{ $grant_state }”.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] The agreement has not been accepted yet.
        [report_not_accepted] The report “{ $report }” has not been accepted yet.
        [not_started] The grant has not started yet.
       *[too_early] The payment may be requested from { $requestable_on }.
    }
guard-not_requester = You requested this payment; another finance user must approve it.
guard-report_complete = The report is not complete; missing: { $missing }.

# The parts of a form a guard finds missing.
form-part-title = title
form-part-summary = summary
form-part-problem = problem
form-part-proposed_service = proposed service
form-part-target_group = target group
form-part-planned_activities = planned activities
form-part-organisation = organisation
form-part-requested_amount = requested amount
form-part-country = country
form-part-language = language
form-part-budget_lines = budget lines
form-part-narrative = narrative
form-part-activities = activities
guard-second_factor_fresh = { $case ->
        [enrol] Paying and approving need two-step sign-in: set it up under Sign-in security.
       *[step_up] Confirm with a fresh code from your authenticator app.
    }
