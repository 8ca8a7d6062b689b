# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Spreadsheet (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Download the ledger:
download-payments = Download the payments:
download-ranking = Download the ranking:
download-impact = Download the impact summary:
download-proposals = Download this list of proposals:
download-grants = Download the grants:
download-reports = Download this list of reports:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Ledger
export-sheet-payments = Payments
export-sheet-ranking = Ranking
export-sheet-impact = Impact
export-sheet-proposals = Proposals
export-sheet-grants = Grants
export-sheet-reports = Reports

## Column headings
export-column-recorded_at = Recorded (UTC)
export-column-kind = Kind
export-column-amount = Amount
export-column-currency = Currency
export-column-grant_id = Grant ID
export-column-proposal = Proposal
export-column-country = Country
export-column-tranche = Tranche
export-column-by = By
export-column-memo = Memo
export-column-committed_after = Committed after
export-column-disbursed_after = Disbursed after
export-column-remaining_after = Remaining after
export-column-value_date = Value date
export-column-payment_reference = Payment reference
export-column-grantee = Grantee
export-column-paid_amount = Amount paid
export-column-paid_currency = Currency paid
export-column-exchange_rate = Exchange rate
export-column-requested_by = Requested by
export-column-approved_by = Approved by
export-column-recorded_by = Recorded by
export-column-position = Position
export-column-proposal_id = Proposal ID
export-column-title = Title
export-column-state = State
export-column-reviews = Reviews
export-column-missing_reviews = Reviews missing
export-column-mean = Mean score
export-column-median = Median score
export-column-normalised_mean = Normalised mean
export-column-spread = Spread
export-column-std_dev = Standard deviation
export-column-disagreement = Reviewers disagree
export-column-tied_with_previous = Tied with the one above
export-column-grants = Grants
export-column-grants_reporting = Grants reporting
export-column-awarded = Awarded
export-column-disbursed = Disbursed
export-column-reports_on_time = Reports on time
export-column-reports_late = Reports late
export-column-reports_overdue = Reports overdue
export-column-reports_not_yet_due = Reports not yet due
export-column-indicator-achieved = { $indicator }: achieved
export-column-indicator-target = { $indicator }: target
export-column-region = Region
export-column-organisation = Organisation
export-column-language = Language
export-column-requested_amount = Amount requested
export-column-tags = Keywords
export-column-submitted_at = Submitted (UTC)
export-column-updated_at = Last changed (UTC)
export-column-award = Award
export-column-committed = Committed
export-column-outstanding = Outstanding
export-column-agreement_accepted_at = Agreement accepted (UTC)
export-column-started_at = Started (UTC)
export-column-ended_at = Ended (UTC)
export-column-report_id = Report ID
export-column-report = Report
export-column-due_on = Due on
export-column-timeliness = On time?
export-column-days_late = Days late
export-column-total_spent = Spent
export-column-reviewed_at = Reviewed (UTC)

## Words in cells
export-term-all = All countries
export-term-commitment = Commitment
export-term-release = Release
export-term-disbursement = Payment
export-term-interim = Interim
export-term-final = Final
export-term-on_time = On time
export-term-late = Late
export-term-overdue = Overdue
export-term-not_yet_due = Not yet due
