# Refusals and errors: what the API's problem+json (title, detail) and the
# pages say when a request is refused. Each error has a stable code; its
# facts arrive as arguments. States, steps, roles and objects in the
# arguments are said through their own keys (actor-, action-, object-).

## The title of a problem: the HTTP status in words.
status-400 = Bad request
status-401 = Sign-in required
status-403 = Not allowed
status-404 = Not found
status-409 = Conflict
status-413 = Too large
status-415 = Unsupported type
status-422 = Invalid input
status-428 = Revision required
status-429 = Too many attempts
status-500 = Internal error

## Errors of every kind.
problem-unauthenticated = authentication required
problem-invalid-credentials = the email or password is wrong
problem-locked-out = too many failed log-ins; try again in { $retry_after_secs } seconds
problem-not-found = { $what } not found
problem-validation = { $count ->
    [one] { $count } field is invalid
   *[other] { $count } fields are invalid
}
problem-duplicate = { $field } is already taken
problem-stale-revision = the { $what } was changed by someone else; reload it (now at revision { $current })
problem-revision-required = send the revision you are editing (If-Match header or `revision` field)
problem-unreadable = the request could not be read: { $why }
problem-internal = something went wrong on our side; it has been logged
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = send the body as { $expected }
problem-no-such-resource = no such resource

## Refusals: the role or relation is missing (403).
problem-role-required = only { $roles } may { $action }
problem-owner-only = only the applicant who owns a proposal may { $action }
problem-grantee-only-writes = only the grantee writes the report
problem-admin-only-roles = only an administrator may change roles or deactivate accounts
problem-reviews-after-own = submit your own review before reading the others
problem-reviews-not-shared = this programme does not share reviews between reviewers
problem-reviews-readers = only the jury and, after the decision, the applicant read reviews

## Refusals: the state does not allow it now (409).
problem-call-closed = the call closed on { $closes_at }
problem-programme-archived = the programme is archived and takes no proposals
problem-programme-archived-edit = an archived programme cannot be edited; restore it first
problem-proposal-not-changeable = a proposal can be changed only as a draft or when changes were requested; it is { $proposal_state }
problem-no-requested-amount = the proposal requests no amount
problem-report-closed = the report is { $report_state }; it can no longer be changed
problem-report-not-owed = the report is { $report_state }; only a report still owed gets a new due date
problem-assignment-preview-stale = the assignments, profiles, bids, conflicts or proposals changed since this preview; preview again
problem-assignment-proposal-state = reviewers are assigned to eligible proposals or proposals in review; this one is { $proposal_state }
problem-reviewer-conflicted = the reviewer has a conflict of interest with this proposal ({ $kinds })
problem-reviewer-at-cap = the reviewer is at their load cap of { $cap }
problem-reviewer-declined = the reviewer declined this proposal
problem-assignment-already = the assignment is already { $assignment_state }
problem-assignment-is = the assignment is { $assignment_state }
problem-review-submitted-chair-reopens = the review is submitted; the chair must reopen it first
problem-review-submitted = the review is submitted; only the jury chair can reopen it
problem-review-not-saved = save the review before submitting it
problem-review-already-submitted = the review is already submitted
problem-review-not-submitted = only a submitted review can be reopened
problem-review-off-rubric = a submitted review no longer fits the programme's rubric (it was changed after reviewing began); reopen that review
problem-bid-needs-profile = save your reviewer profile for this programme before bidding
problem-bid-proposal-state = bids are taken while a proposal waits for assignment; this one is { $proposal_state }
problem-self-deactivation = you cannot deactivate yourself or drop your own admin role; ask another administrator
problem-attachments-full = a { $kind } carries at most { $max } attachments; remove one before adding another
problem-workflow-version-unknown = workflow '{ $workflow_name }' has no registered version { $version }
problem-outbox-message-state = a message that is { $message_state } cannot be { $action }
problem-idempotency-in-flight = a request with this Idempotency-Key is still being handled; retry shortly

## What a refusal names: the objects of the service.
object-assignment = assignment
object-attachment = attachment
object-grant = grant
object-ledger-entry = ledger entry
object-outbox-message = outbox message
object-programme = programme
object-proposal = proposal
object-record = record
object-report = report
object-review = review
object-reviewer-profile = reviewer profile
object-tranche = tranche
object-user = user
object-workflow-with-instances = workflow with instances

## What a refusal says the person may not do.
action-add_or_remove_its_attachments = add or remove its attachments
action-add_reviewers_to_the_jury = add reviewers to the jury
action-archive_programmes = archive programmes
action-assign_reviewers = assign reviewers
action-bid_on_proposals = bid on proposals
action-cancel = cancelled
action-create_programmes = create programmes
action-create_users = create users
action-declare_a_conflict_of_interest = declare a conflict of interest
action-edit_it = edit it
action-edit_programmes = edit programmes
action-export_the_ledger = export the ledger
action-export_the_payments = export the payments
action-lift_a_conflict_of_interest = lift a conflict of interest
action-list_users = list users
action-manage_programmes = manage programmes
action-manage_the_outbox = manage the outbox
action-move_a_report_s_due_date = move a report's due date
action-preview_emails = preview emails
action-preview_the_funding_line = preview the funding line
action-read_the_audit_trail = read the audit trail
action-read_the_impact_summary = read the impact summary
action-read_the_ledger = read the ledger
action-read_the_outbox = read the outbox
action-read_the_workflow_definitions = read the workflow definitions
action-record_a_conflict_for_another_reviewer = record a conflict for another reviewer
action-record_funding_decisions = record funding decisions
action-remove_reviewers = remove reviewers
action-reopen_a_review = reopen a review
action-retry = retried
action-run_reviewer_assignment = run reviewer assignment
action-see_bids = see bids
action-see_conflicts_of_interest = see conflicts of interest
action-see_the_assignments = see the assignments
action-see_the_jury = see the jury
action-see_the_ranking = see the ranking
action-verify_the_audit_trail = verify the audit trail
action-write_proposals = write proposals

## Uploaded files refused.
problem-too_large = the file is larger than the { $limit } bytes this programme allows
problem-empty = the file is empty
problem-unsupported_type = files of this type are not accepted (the content is { $detected }); attach a PDF, a PNG, JPEG, GIF or WebP image, an office document (docx, xlsx, pptx, odt, ods, odp), or plain text or CSV in UTF-8
problem-type_mismatch = the file was sent as { $declared } but its content is { $detected }
field-required = Fill this in.
field-too_long = At most { $max } characters.
field-invalid_amount = Write an amount such as { $whole } or { $decimal }.
field-invalid_iban = This is not a valid IBAN: its check digits or its length do not match its country. Copy it from a bank statement.
field-invalid_bic = A BIC has 8 or 11 letters and digits, such as STBAMK22XXX.
problem-bank-grantee-only = only the grantee enters the grant's bank details
problem-bank-grant-ended = the grant has ended: its bank details no longer change
problem-bank-nothing-pending = no change of bank details waits for confirmation
problem-bank-not-that-change = the change you looked at was replaced by a newer one: read the page again before deciding
problem-bank-own-change = you entered this change: another person confirms it
action-confirm_bank_details = confirm or reject a change of bank details
field-outdated = This changed since you read it: read it again.
problem-funding-line-changed = the funding line changed since you read its letters (a decision was taken, a review came in or the budget moved): read them again
field-too_many = Too many: at most { $max }.
field-too_short = At least { $min } characters.
field-out_of_range = Between { $min } and { $max }.
field-out_of_range-min_award = The smallest award cannot be more than the largest.
field-out_of_range-max_award = The largest award cannot be more than the budget.
field-out_of_range-closes_at = The call must close after it opens.
field-out_of_range-review-reminder_days_before = The reminder must come before the due date, within the days a reviewer has.
field-invalid_email = Write an email address, such as name@library.org.
field-unknown_country = Not a country the service knows: write its two-letter code, such as MK.
field-in_the_past = That day has passed: choose today or later.
field-unknown_currency = Write a currency code, such as EUR.
field-key_reused = This Idempotency-Key was used for another request: use a new one.
field-invalid_token = This link is not valid any more: ask for a new one.
field-not_in_round = The proposal is not open for review in this programme.
field-not_on_the_jury = This reviewer is not on the programme's jury.
field-not_assignable = This reviewer cannot review this proposal (a conflict of interest or an exclusion).
field-unknown_proposal = No such proposal in this programme.
field-language_not_read = This reviewer does not read the proposal's language.
field-not_funded = Only a funding decision carries an award.
field-funded_not_allowed = The proposals below the line are put on the waiting list or declined.
field-not_plannable = No funding line meets these country rules with this budget.
field-not_a_reviewer = This person is not a reviewer.
field-not_in_force = This conflict of interest is not in force.
field-unknown_state = Not a state this list knows.
field-unknown_event = Not an email this service sends.
field-urgent_event = Urgent emails are always sent at once, never in a daily summary.
field-invalid_cursor = This page link is not valid: start again from the first page.
field-unknown_programme = No such programme.
field-no_deadline = This step sets no deadline.
field-too_far_ahead = The value date is more than a month ahead.
field-not_a_payment = This step records no payment.
field-unmapped_state = Every state of the running version needs a state in the new one.
field-unknown_locale = Not a language the service speaks.
field-invalid_characters = This holds a control, direction-changing or invisible character: type it again without.
field-unknown_area = Not a country or region the service knows.
field-unknown_time_zone = Not a time zone, such as Europe/Skopje.
field-invalid_key = Use 1 to 64 letters, digits, '-' or '_'.
field-default_locale_missing = Give this text in the programme's default language too.
field-currency_mismatch = Amounts must be in the programme's currency.
field-must_be_positive = More than zero.
field-final_report_missing = The schedule needs a final report.
field-final_report_not_last = The final report must be the last one due.
field-several_final_reports = Only one final report.
field-unknown_report = No such report in the schedule.
field-tranche_template = The tranches' shares must be whole percentages adding up to 100.
field-invalid_description = Describe the line in 1 to 500 characters.
field-not_a_region = Give a region code such as BA-SRP, or leave it out.
field-region_outside_country = This region is not in the proposal's country.
field-invalid_name = Name a person, an email address or an organisation in 1 to 200 characters.
field-invalid_tag = A keyword has 1 to 50 characters.
field-unknown_indicator = Not one of the programme's indicators.
field-unknown_budget_line = Not one of the proposal's budget lines.
field-wrong_currency = Use the grant's currency.
field-negative = Spending cannot be negative.
field-unknown_conflict_kind = Not a kind of conflict of interest the service knows.
field-unknown_bid = Choose eager, willing or not preferred.
field-unknown_role = Not a role the service knows.
field-area_required = This role needs a country or region.
field-area_not_allowed = This role is not limited to a country or region.
field-all_not_applicable = Score at least one criterion: not every one can be not applicable.
field-unknown_criterion = Not a criterion of the programme's rubric.
field-not_applicable_not_allowed = This criterion cannot be marked not applicable.
field-empty_rubric = The rubric needs at least one criterion.
field-invalid-payment-reference = Give the bank's reference (1 to 140 characters).
field-duplicate = Listed twice: keep one.
field-duplicate-code = Another programme already has this code.
problem-body-too-large = the request is larger than this address takes
field-required_together = Give this together with the other one: the kind of object and its id go together.
field-before_the_request = This day is before the payment was requested: a payment is made after its approval.
field-set_by_jury_runners = Only the programme's managers and the jury chair change this: it decides your conflicts of interest.
field-set_by_administrators = A reviewer's country and organisation decide conflicts of interest: an administrator changes them.
problem-second-factor-needed = this account uses two-step sign-in: send the code from the authenticator app as `code`
problem-second-factor-enrolment-required = your role must use two-step sign-in: set it up first (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] this step needs two-step sign-in, which your account does not have yet: set it up first
       *[step_up] this step needs a fresh code: confirm with one (POST /auth/step-up) and try again within a few minutes
    }
problem-second-factor-already-on = two-step sign-in is on already; turn it off first to set it up again
problem-second-factor-not-started = start setting up two-step sign-in first (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = your role must use two-step sign-in: it cannot be turned off
field-wrong_code = The code is not right, or was used already. Wait for the app's next code and try again.
problem-admin-only-sessions = only an administrator may end another person's sessions
object-session = session
field-wrong_password = This is not your current password.
problem-admin-only-erasure = only an administrator may erase a person's data
problem-already-erased = this person's data was already erased
problem-erase-yourself = you cannot erase your own account; another administrator can
problem-sign-in-provider-failed = signing in with your organisation's account did not work; try again, or sign in with your email address and password
problem-sign-in-email-unverified = your organisation's account did not confirm your email address, so it cannot be matched to an account here; sign in with your password, or ask your organisation to confirm the address
problem-sign-in-account-inactive = this account is deactivated; ask an administrator to reactivate it
object-provider = sign-in provider
