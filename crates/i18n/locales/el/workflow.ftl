# Καταστάσεις και βήματα των ροών εργασιών και οι λόγοι για τους οποίους ένα βήμα δεν είναι δυνατό.
# Τα κλειδιά και τα ορίσματα εξηγούνται στο en/workflow.ftl.

## Προτάσεις

proposal-state-draft = Πρόχειρο
proposal-state-submitted = Υποβλήθηκε
proposal-state-screening = Έλεγχος επιλεξιμότητας
proposal-state-changes_requested = Ζητήθηκαν αλλαγές
proposal-state-eligible = Επιλέξιμη, έτοιμη για αξιολόγηση
proposal-state-ineligible = Μη επιλέξιμη
proposal-state-withdrawn = Αποσύρθηκε
proposal-state-in_review = Υπό αξιολόγηση
proposal-state-reviewed = Αξιολογήθηκε
proposal-state-waitlisted = Σε λίστα αναμονής
proposal-state-funded = Χρηματοδοτείται
proposal-state-declined = Απορρίφθηκε

proposal-step-submit = Υποβολή
proposal-step-start_screening = Έναρξη ελέγχου επιλεξιμότητας
proposal-step-request_changes = Αίτημα αλλαγών
proposal-step-resubmit = Επανυποβολή
proposal-step-changes_deadline_missed = Κλείσιμο μετά τη λήξη της προθεσμίας για αλλαγές
proposal-step-mark_eligible = Χαρακτηρισμός ως επιλέξιμης
proposal-step-mark_ineligible = Χαρακτηρισμός ως μη επιλέξιμης
proposal-step-withdraw = Απόσυρση
proposal-step-start_review = Έναρξη αξιολόγησης
proposal-step-complete_review = Ολοκλήρωση αξιολόγησης
proposal-step-fund = Χρηματοδότηση
proposal-step-waitlist = Ένταξη σε λίστα αναμονής
proposal-step-decline = Απόρριψη

## Επιχορηγήσεις

grant-state-agreement_pending = Η σύμβαση αναμένει αποδοχή
grant-state-active = Ενεργή
grant-state-reporting = Στάδιο τελικής έκθεσης
grant-state-closed = Έκλεισε
grant-state-terminated = Διακόπηκε

grant-step-accept_agreement = Αποδοχή της σύμβασης
grant-step-start_reporting = Έναρξη του σταδίου τελικής έκθεσης
grant-step-close = Κλείσιμο της επιχορήγησης
grant-step-terminate = Διακοπή της επιχορήγησης

## Δόσεις (πληρωμές)

tranche-state-scheduled = Προγραμματισμένη
tranche-state-requested = Ζητήθηκε πληρωμή
tranche-state-approved = Εγκρίθηκε για πληρωμή
tranche-state-paid = Καταβλήθηκε
tranche-state-cancelled = Ακυρώθηκε

tranche-step-request = Αίτημα πληρωμής
tranche-step-approve = Έγκριση πληρωμής
tranche-step-send_back = Επιστροφή
tranche-step-pay = Καταχώριση της πληρωμής
tranche-step-cancel = Ακύρωση

## Εκθέσεις

report-state-scheduled = Προγραμματισμένη
report-state-due = Προς υποβολή
report-state-overdue = Ληξιπρόθεσμη
report-state-submitted = Υποβλήθηκε
report-state-changes_requested = Ζητήθηκαν αλλαγές
report-state-accepted = Έγινε αποδεκτή
report-state-cancelled = Ακυρώθηκε

report-step-open = Άνοιγμα για σύνταξη
report-step-mark_overdue = Χαρακτηρισμός ως ληξιπρόθεσμης
report-step-extend = Παράταση της προθεσμίας
report-step-submit = Υποβολή της έκθεσης
report-step-accept = Αποδοχή της έκθεσης
report-step-request_changes = Αίτημα αλλαγών
report-step-cancel = Ακύρωση

## Ποιος μπορεί να εκτελέσει ένα βήμα: ρόλοι, σχέσεις με το αντικείμενο και το σύστημα

actor-applicant = ο αιτών
actor-reviewer = ένας αξιολογητής
actor-jury_chair = ο πρόεδρος της κριτικής επιτροπής
actor-programme_manager = ο υπεύθυνος του προγράμματος
actor-ambassador = ο πρεσβευτής
actor-finance = η οικονομική υπηρεσία
actor-admin = ένας διαχειριστής
actor-owner = ο συντάκτης της πρότασης
actor-country_ambassador = ο πρεσβευτής της χώρας
actor-grantee = ο δικαιούχος
actor-system = το σύστημα
list-or = ή

## Γιατί ένα βήμα δεν είναι δυνατό

blocked-wrong-state = Το βήμα «{ $step }» δεν είναι δυνατό όσο η κατάσταση είναι «{ $state }».
blocked-not-permitted = Το βήμα «{ $step }» μπορεί να το εκτελέσει μόνο { $allowed }.
blocked-unknown-transition = Δεν υπάρχει βήμα «{ $transition }» εδώ.

guard-call_open = { $case ->
        [not_yet_open] Η πρόσκληση ανοίγει στις { $opens_at }.
       *[closed] Η πρόσκληση έκλεισε στις { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Τα κονδύλια του προϋπολογισμού ανέρχονται συνολικά σε { $total } και όχι στο αιτούμενο ποσό των { $requested }.
        [mixed_currencies] Τα κονδύλια του προϋπολογισμού είναι σε διαφορετικά νομίσματα· χρησιμοποιήστε ένα μόνο νόμισμα σε όλα.
       *[incomplete] Η πρόταση δεν είναι πλήρης· συμπληρώστε: { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Δηλώστε τη χώρα της βιβλιοθήκης.
       *[not_eligible] Οι βιβλιοθήκες της χώρας { $country } δεν είναι επιλέξιμες για αυτό το πρόγραμμα.
    }
guard-amount_within_limits = { $case ->
        [missing] Δηλώστε το αιτούμενο ποσό.
        [wrong_currency] Ζητήστε την επιχορήγηση σε { $currency }, το νόμισμα του προγράμματος.
       *[out_of_range] Το αιτούμενο ποσό πρέπει να είναι μεταξύ { $min } και { $max }.
    }
guard-comment_given = Γράψτε ένα σχόλιο που να εξηγεί τον λόγο.
guard-decision_recorded = Η απόφαση χρηματοδότησης καταχωρίζεται μαζί με την επιστολή της (και, σε περίπτωση χρηματοδότησης, με το ποσό της επιχορήγησης) μέσω της φόρμας απόφασης της πρότασης.
guard-final_report_accepted = { $case ->
        [missing] Η επιχορήγηση δεν έχει τελική έκθεση.
       *[not_accepted] Η τελική έκθεση είναι σε κατάσταση «{ $report_state }» και δεν έχει γίνει αποδεκτή.
    }
guard-tranches_settled = Πληρωμές που πρέπει ακόμη να γίνουν ή να ακυρωθούν: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Ο δικαιούχος δεν έχει αποδεχθεί ακόμη τη σύμβαση.
       *[not_running] Η επιχορήγηση είναι σε κατάσταση «{ $grant_state }».
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Η σύμβαση δεν έχει γίνει ακόμη αποδεκτή.
        [report_not_accepted] Η έκθεση «{ $report }» δεν έχει γίνει ακόμη αποδεκτή.
        [not_started] Η επιχορήγηση δεν έχει ξεκινήσει ακόμη.
       *[too_early] Η πληρωμή μπορεί να ζητηθεί από τις { $requestable_on }.
    }
guard-not_requester = Εσείς ζητήσατε αυτή την πληρωμή· πρέπει να την εγκρίνει άλλος χρήστης της οικονομικής υπηρεσίας.
guard-report_complete = Η έκθεση δεν είναι πλήρης· ελλιπή στοιχεία: { $missing }.

# Τα μέρη μιας φόρμας που βρέθηκαν ελλιπή.
form-part-title = τίτλος
form-part-summary = περίληψη
form-part-problem = πρόβλημα
form-part-proposed_service = προτεινόμενη υπηρεσία
form-part-target_group = ομάδα-στόχος
form-part-planned_activities = προγραμματισμένες δράσεις
form-part-organisation = φορέας
form-part-requested_amount = αιτούμενο ποσό
form-part-country = χώρα
form-part-language = γλώσσα
form-part-budget_lines = κονδύλια προϋπολογισμού
form-part-narrative = περιγραφή της πορείας του έργου
form-part-activities = δράσεις
guard-second_factor_fresh = { $case ->
        [enrol] Για πληρωμές και εγκρίσεις απαιτείται σύνδεση δύο βημάτων: ρυθμίστε τη στην ενότητα Ασφάλεια σύνδεσης.
       *[step_up] Επιβεβαιώστε με νέο κωδικό από την εφαρμογή ελέγχου ταυτότητας.
    }
