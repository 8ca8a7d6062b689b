# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Jury
jury-hint = Every reviewer on this programme's jury, with what they read and know, and how many proposals they have now.
jury-saved = The profile is saved.
jury-languages = Languages read
jury-expertise = Fields of expertise
jury-load = Proposals
jury-load-value = { $assigned } assigned now; takes { $min } to { $max }
jury-available = Takes assignments now
jury-bids = Bids
jury-edit-profile = Edit the profile
jury-empty = Nobody is on this jury yet.
jury-add = Add a reviewer
jury-add-email = The reviewer's email address
jury-add-email-hint = The account must hold the reviewer role. Their profile starts from their account; you can change it next.
jury-add-button = Add to the jury
jury-profile-title = Reviewer profile
jury-assigned-now = { $count ->
    [one] One proposal assigned now in this programme.
   *[other] { $count } proposals assigned now in this programme.
}
jury-problems = The profile is not saved: see the problems beside the fields.
jury-expertise-hint = Separate them with commas, e.g. makerspace, digital literacy.
jury-country-hint = The two-letter code, e.g. MK, or XK for Kosovo. Leave it empty if none.
jury-max-load = Most proposals to review
jury-max-load-hint = At most { $cap }, the programme's cap.
jury-min-load = Fewest proposals to review
jury-available-label = Takes assignments now
jury-save = Save the profile
jury-conflicts-title = Conflicts of interest
jury-conflicts-link = Conflicts of interest
jury-conflicts-hint = A reviewer with a conflict in force is not assigned this proposal and does not see it.
jury-keepers-only = Programme managers record and lift conflicts.
jury-in-force = In force
jury-none-in-force = None in force.
jury-lift-reason = Why it does not apply
jury-lift = Lift
jury-recorded = On the record
jury-lifted = Lifted
jury-declared = Recorded
jury-no-conflicts = No reviewer has a conflict with this proposal.
jury-declare = Record a conflict for a reviewer
jury-choose-reviewer = Choose a reviewer
jury-declare-reason = Reason
jury-declare-button = Record the conflict
jury-conflict-lifted = The conflict is lifted.
jury-conflict-declared = The conflict is recorded.
jury-kind-same-organisation = Same organisation
jury-kind-same-country = Same country
jury-kind-named-by-applicant = Named by the applicant
jury-kind-declared-by-reviewer = Declared by the reviewer
jury-kind-added-by-manager = Added by a programme manager
jury-kind-on-the-team = On the proposal's team

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Choose at least one language the reviewer reads.
jury-problem-languages-unknown-locale = Choose the languages from the list.
jury-problem-expertise-invalid-tag = A field of expertise has 1 to 50 characters.
jury-problem-expertise-too-many = At most 30 fields of expertise.
jury-problem-country-unknown-country = Not a country code: use two letters, e.g. MK.
jury-problem-organisation-too-long = At most 200 characters.
jury-problem-max-load-out-of-range = Between 0 and { $cap }, the programme's cap.
jury-problem-max-load-not-a-number = A whole number, e.g. 5.
jury-problem-min-load-out-of-range = Between 0 and the most proposals to review.
jury-problem-min-load-not-a-number = A whole number, e.g. 2.
jury-problem-email-invalid-email = Not an email address.
jury-problem-email-too-long = An email address has at most 254 characters.
jury-problem-email-not-a-reviewer = No active account with the reviewer role has this address.
jury-problem-reason-required = Give the reason; it is kept on the record.
jury-problem-reason-too-long = At most 2000 characters.
jury-problem-reviewer-id-required = Choose the reviewer.
jury-problem-reviewer-id-not-on-the-jury = The person is not on this programme's jury.
jury-problem-kind-not-in-force = This conflict is no longer in force.
jury-conflict-fields-locked = Your country and organisation decide which proposals you may not review (conflicts of interest), so only the programme's managers and the jury chair change them. Write to them if these are wrong.
