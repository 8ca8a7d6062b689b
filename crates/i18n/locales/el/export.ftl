# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Υπολογιστικό φύλλο (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Λήψη του καθολικού:
download-payments = Λήψη των πληρωμών:
download-ranking = Λήψη της κατάταξης:
download-impact = Λήψη της σύνοψης αντικτύπου:
download-proposals = Λήψη αυτής της λίστας προτάσεων:
download-grants = Λήψη των επιχορηγήσεων:
download-reports = Λήψη αυτής της λίστας εκθέσεων:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Καθολικό
export-sheet-payments = Πληρωμές
export-sheet-ranking = Κατάταξη
export-sheet-impact = Αντίκτυπος
export-sheet-proposals = Προτάσεις
export-sheet-grants = Επιχορηγήσεις
export-sheet-reports = Εκθέσεις

## Column headings
export-column-recorded_at = Καταχώριση (UTC)
export-column-kind = Είδος
export-column-amount = Ποσό
export-column-currency = Νόμισμα
export-column-grant_id = Αναγνωριστικό επιχορήγησης
export-column-proposal = Πρόταση
export-column-country = Χώρα
export-column-tranche = Δόση
export-column-by = Ποιος
export-column-memo = Σημείωση
export-column-committed_after = Δεσμευμένα μετά την εγγραφή
export-column-disbursed_after = Καταβληθέντα μετά την εγγραφή
export-column-remaining_after = Αδέσμευτα μετά την εγγραφή
export-column-value_date = Ημερομηνία αξίας
export-column-payment_reference = Αριθμός αναφοράς τράπεζας
export-column-grantee = Δικαιούχος
export-column-paid_amount = Καταβληθέν ποσό
export-column-paid_currency = Νόμισμα πληρωμής
export-column-exchange_rate = Ισοτιμία
export-column-requested_by = Ζητήθηκε από
export-column-approved_by = Εγκρίθηκε από
export-column-recorded_by = Καταχωρίστηκε από
export-column-position = Θέση
export-column-proposal_id = Αναγνωριστικό πρότασης
export-column-title = Τίτλος
export-column-state = Κατάσταση
export-column-reviews = Αξιολογήσεις
export-column-missing_reviews = Αξιολογήσεις σε εκκρεμότητα
export-column-mean = Μέση βαθμολογία
export-column-median = Διάμεση βαθμολογία
export-column-normalised_mean = Κανονικοποιημένος μέσος όρος
export-column-spread = Εύρος
export-column-std_dev = Τυπική απόκλιση
export-column-disagreement = Οι αξιολογητές διαφωνούν
export-column-tied_with_previous = Ισοβαθμία με την προηγούμενη
export-column-grants = Επιχορηγήσεις
export-column-grants_reporting = Επιχορηγήσεις με αποδεκτή έκθεση
export-column-awarded = Χορηγηθέν ποσό
export-column-disbursed = Καταβληθέντα
export-column-reports_on_time = Εμπρόθεσμες εκθέσεις
export-column-reports_late = Εκπρόθεσμες εκθέσεις
export-column-reports_overdue = Ληξιπρόθεσμες εκθέσεις
export-column-reports_not_yet_due = Εκθέσεις με προθεσμία που δεν έληξε
export-column-indicator-achieved = { $indicator }: επίτευξη
export-column-indicator-target = { $indicator }: στόχος
export-column-region = Περιφέρεια
export-column-organisation = Φορέας
export-column-language = Γλώσσα
export-column-requested_amount = Αιτούμενο ποσό
export-column-tags = Λέξεις-κλειδιά
export-column-submitted_at = Υποβολή (UTC)
export-column-updated_at = Τελευταία αλλαγή (UTC)
export-column-award = Ποσό επιχορήγησης
export-column-committed = Δεσμευμένα
export-column-outstanding = Υπόλοιπο προς καταβολή
export-column-agreement_accepted_at = Αποδοχή σύμβασης (UTC)
export-column-started_at = Έναρξη (UTC)
export-column-ended_at = Λήξη (UTC)
export-column-report_id = Αναγνωριστικό έκθεσης
export-column-report = Έκθεση
export-column-due_on = Προθεσμία υποβολής
export-column-timeliness = Εμπρόθεσμα;
export-column-days_late = Ημέρες καθυστέρησης
export-column-total_spent = Δαπάνες
export-column-reviewed_at = Εξέταση (UTC)

## Words in cells
export-term-all = Όλες οι χώρες
export-term-commitment = Δέσμευση
export-term-release = Αποδέσμευση
export-term-disbursement = Πληρωμή
export-term-interim = Ενδιάμεση
export-term-final = Τελική
export-term-on_time = Εμπρόθεσμη
export-term-late = Εκπρόθεσμη
export-term-overdue = Ληξιπρόθεσμη
export-term-not_yet_due = Η προθεσμία δεν έληξε
