# Απορρίψεις και σφάλματα: τι λένε το problem+json του API (title, detail)
# και οι σελίδες όταν ένα αίτημα απορρίπτεται. Τα κλειδιά και τα ορίσματα
# εξηγούνται στο en/errors.ftl.

## Ο τίτλος του προβλήματος: η κατάσταση HTTP με λέξεις.
status-400 = Μη έγκυρο αίτημα
status-401 = Απαιτείται σύνδεση
status-403 = Δεν επιτρέπεται
status-404 = Δεν βρέθηκε
status-409 = Δεν είναι δυνατό τώρα
status-413 = Πολύ μεγάλο
status-415 = Μη υποστηριζόμενος τύπος
status-422 = Μη έγκυρα στοιχεία
status-428 = Απαιτείται έκδοση
status-429 = Πάρα πολλές προσπάθειες
status-500 = Εσωτερικό σφάλμα

## Σφάλματα κάθε είδους.
problem-unauthenticated = απαιτείται σύνδεση
problem-invalid-credentials = το email ή ο κωδικός πρόσβασης είναι λανθασμένα
problem-locked-out = πάρα πολλές αποτυχημένες προσπάθειες σύνδεσης· δοκιμάστε ξανά σε { $retry_after_secs } δευτ.
problem-not-found = δεν βρέθηκε: { $what }
problem-validation = { $count ->
    [one] { $count } πεδίο δεν είναι έγκυρο
   *[other] μη έγκυρα πεδία: { $count }
}
problem-duplicate = η τιμή για το «{ $field }» χρησιμοποιείται ήδη
problem-stale-revision = { $what }: κάποιος άλλος έκανε αλλαγές στο μεταξύ· φορτώστε την τρέχουσα έκδοση (αρ. { $current })
problem-revision-required = στείλτε την έκδοση που επεξεργάζεστε (κεφαλίδα If-Match ή πεδίο `revision`)
problem-unreadable = δεν ήταν δυνατή η ανάγνωση του αιτήματος: { $why }
problem-internal = παρουσιάστηκε σφάλμα από την πλευρά μας· έχει καταγραφεί
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = στείλτε το περιεχόμενο του αιτήματος ως { $expected }
problem-no-such-resource = δεν υπάρχει τέτοιος πόρος

## Απορρίψεις: λείπει ο ρόλος ή η σχέση (403).
problem-role-required = μόνο { $roles } μπορεί να { $action }
problem-owner-only = μόνο ο αιτών στον οποίο ανήκει η πρόταση μπορεί να { $action }
problem-grantee-only-writes = την έκθεση τη συντάσσει μόνο ο δικαιούχος
problem-admin-only-roles = μόνο ένας διαχειριστής μπορεί να αλλάξει ρόλους ή να απενεργοποιήσει λογαριασμούς
problem-reviews-after-own = υποβάλετε τη δική σας αξιολόγηση πριν διαβάσετε τις υπόλοιπες
problem-reviews-not-shared = σε αυτό το πρόγραμμα οι αξιολογητές δεν βλέπουν ο ένας τις αξιολογήσεις του άλλου
problem-reviews-readers = τις αξιολογήσεις τις διαβάζουν μόνο η κριτική επιτροπή και, μετά την απόφαση, ο αιτών

## Απορρίψεις: η κατάσταση δεν το επιτρέπει τώρα (409).
problem-call-closed = η πρόσκληση έκλεισε στις { $closes_at }
problem-programme-archived = το πρόγραμμα έχει αρχειοθετηθεί και δεν δέχεται προτάσεις
problem-programme-archived-edit = ένα αρχειοθετημένο πρόγραμμα δεν μπορεί να τροποποιηθεί· επαναφέρετέ το πρώτα
problem-proposal-not-changeable = μια πρόταση μπορεί να αλλάξει μόνο ως πρόχειρο ή όταν έχουν ζητηθεί αλλαγές· η κατάστασή της είναι «{ $proposal_state }»
problem-no-requested-amount = η πρόταση δεν ζητά κανένα ποσό
problem-report-closed = η έκθεση είναι σε κατάσταση «{ $report_state }»· δεν μπορεί πλέον να αλλάξει
problem-report-not-owed = η έκθεση είναι σε κατάσταση «{ $report_state }»· νέα προθεσμία παίρνει μόνο μια έκθεση που εκκρεμεί ακόμη
problem-assignment-preview-stale = οι αναθέσεις, τα προφίλ, οι εκδηλώσεις ενδιαφέροντος, οι συγκρούσεις συμφερόντων ή οι προτάσεις άλλαξαν μετά από αυτή την προεπισκόπηση· κάντε νέα προεπισκόπηση
problem-assignment-proposal-state = οι αξιολογητές ανατίθενται σε επιλέξιμες προτάσεις ή σε προτάσεις υπό αξιολόγηση· αυτή είναι σε κατάσταση «{ $proposal_state }»
problem-reviewer-conflicted = ο αξιολογητής έχει σύγκρουση συμφερόντων με αυτή την πρόταση ({ $kinds })
problem-reviewer-at-cap = ο αξιολογητής έχει φτάσει τον μέγιστο επιτρεπόμενο φόρτο ({ $cap })
problem-reviewer-declined = ο αξιολογητής απέρριψε αυτή την πρόταση
problem-assignment-already = η ανάθεση είναι ήδη σε κατάσταση «{ $assignment_state }»
problem-assignment-is = η ανάθεση είναι σε κατάσταση «{ $assignment_state }»
problem-review-submitted-chair-reopens = η αξιολόγηση έχει υποβληθεί· πρέπει πρώτα ο πρόεδρος της κριτικής επιτροπής να την ανοίξει ξανά
problem-review-submitted = η αξιολόγηση έχει υποβληθεί· μόνο ο πρόεδρος της κριτικής επιτροπής μπορεί να την ανοίξει ξανά
problem-review-not-saved = αποθηκεύστε την αξιολόγηση πριν την υποβάλετε
problem-review-already-submitted = η αξιολόγηση έχει ήδη υποβληθεί
problem-review-not-submitted = μόνο μια υποβληθείσα αξιολόγηση μπορεί να ανοίξει ξανά
problem-review-off-rubric = μια υποβληθείσα αξιολόγηση δεν ταιριάζει πλέον στα κριτήρια αξιολόγησης του προγράμματος (άλλαξαν αφού ξεκίνησε η αξιολόγηση)· ανοίξτε ξανά αυτή την αξιολόγηση
problem-bid-needs-profile = αποθηκεύστε το προφίλ αξιολογητή σας για αυτό το πρόγραμμα πριν εκδηλώσετε ενδιαφέρον
problem-bid-proposal-state = ενδιαφέρον εκδηλώνεται όσο μια πρόταση περιμένει ανάθεση αξιολογητών· αυτή είναι σε κατάσταση «{ $proposal_state }»
problem-self-deactivation = δεν μπορείτε να απενεργοποιήσετε τον εαυτό σας ούτε να αφαιρέσετε τον δικό σας ρόλο διαχειριστή· ζητήστε το από άλλον διαχειριστή
problem-attachments-full = { $kind }: επιτρέπονται έως { $max } συνημμένα· αφαιρέστε ένα πριν προσθέσετε άλλο
problem-workflow-version-unknown = η ροή εργασιών «{ $workflow_name }» δεν έχει καταχωρισμένη έκδοση { $version }
problem-outbox-message-state = ένα μήνυμα σε κατάσταση «{ $message_state }» δεν μπορεί να { $action }
problem-idempotency-in-flight = ένα αίτημα με αυτό το Idempotency-Key βρίσκεται ακόμη σε επεξεργασία· δοκιμάστε ξανά σε λίγο

## Τι κατονομάζει μια απόρριψη: τα αντικείμενα της υπηρεσίας.
object-assignment = ανάθεση
object-attachment = συνημμένο
object-grant = επιχορήγηση
object-ledger-entry = εγγραφή καθολικού
object-outbox-message = μήνυμα εξερχομένων
object-programme = πρόγραμμα
object-proposal = πρόταση
object-record = εγγραφή
object-report = έκθεση
object-review = αξιολόγηση
object-reviewer-profile = προφίλ αξιολογητή
object-tranche = δόση
object-user = χρήστης
object-workflow-with-instances = ροή εργασιών με στιγμιότυπα

## Τι δεν μπορεί να κάνει το πρόσωπο («μόνο … μπορεί να …»);
## τα `action-retry` και `action-cancel` συμπληρώνουν «ένα μήνυμα … δεν μπορεί να …».
action-add_or_remove_its_attachments = προσθέσει ή να αφαιρέσει συνημμένα της
action-add_reviewers_to_the_jury = προσθέσει αξιολογητές στην κριτική επιτροπή
action-archive_programmes = αρχειοθετήσει προγράμματα
action-assign_reviewers = ορίσει αξιολογητές
action-bid_on_proposals = εκδηλώσει ενδιαφέρον για την αξιολόγηση προτάσεων
action-cancel = ακυρωθεί
action-create_programmes = δημιουργήσει προγράμματα
action-create_users = δημιουργήσει λογαριασμούς χρηστών
action-declare_a_conflict_of_interest = δηλώσει σύγκρουση συμφερόντων
action-edit_it = την επεξεργαστεί
action-edit_programmes = επεξεργαστεί προγράμματα
action-export_the_ledger = εξαγάγει το καθολικό
action-export_the_payments = εξαγάγει τις πληρωμές
action-lift_a_conflict_of_interest = άρει μια σύγκρουση συμφερόντων
action-list_users = δει τη λίστα των χρηστών
action-manage_programmes = διαχειριστεί προγράμματα
action-manage_the_outbox = διαχειριστεί τα εξερχόμενα email
action-move_a_report_s_due_date = μεταθέσει την προθεσμία μιας έκθεσης
action-preview_emails = κάνει προεπισκόπηση των email
action-preview_the_funding_line = κάνει προεπισκόπηση του ορίου χρηματοδότησης
action-read_the_audit_trail = διαβάσει το ίχνος ελέγχου
action-read_the_impact_summary = διαβάσει τη σύνοψη αντικτύπου
action-read_the_ledger = διαβάσει το καθολικό
action-read_the_outbox = διαβάσει τα εξερχόμενα email
action-read_the_workflow_definitions = διαβάσει τους ορισμούς των ροών εργασιών
action-record_a_conflict_for_another_reviewer = καταχωρίσει σύγκρουση συμφερόντων για άλλον αξιολογητή
action-record_funding_decisions = καταχωρίσει αποφάσεις χρηματοδότησης
action-remove_reviewers = αφαιρέσει αξιολογητές
action-reopen_a_review = ανοίξει ξανά μια αξιολόγηση
action-retry = σταλεί ξανά
action-run_reviewer_assignment = εκτελέσει την ανάθεση αξιολογητών
action-see_bids = δει το ενδιαφέρον των αξιολογητών
action-see_conflicts_of_interest = δει τις συγκρούσεις συμφερόντων
action-see_the_assignments = δει τις αναθέσεις
action-see_the_jury = δει την κριτική επιτροπή
action-see_the_ranking = δει την κατάταξη
action-verify_the_audit_trail = επαληθεύσει το ίχνος ελέγχου
action-write_proposals = συντάξει προτάσεις

## Απορριφθέντα αρχεία που ανέβηκαν.
problem-too_large = το αρχείο υπερβαίνει τα { $limit } byte που επιτρέπει αυτό το πρόγραμμα
problem-empty = το αρχείο είναι κενό
problem-unsupported_type = αρχεία αυτού του τύπου δεν γίνονται δεκτά (το περιεχόμενο είναι { $detected })· επισυνάψτε PDF, εικόνα PNG, JPEG, GIF ή WebP, έγγραφο γραφείου (docx, xlsx, pptx, odt, ods, odp) ή απλό κείμενο ή CSV σε UTF-8
problem-type_mismatch = το αρχείο στάλθηκε ως { $declared }, αλλά το περιεχόμενό του είναι { $detected }
field-required = Συμπληρώστε αυτό.
field-too_long = Έως { $max } χαρακτήρες.
field-invalid_amount = Γράψτε ένα ποσό όπως { $whole } ή { $decimal }.
field-invalid_iban = Αυτό δεν είναι έγκυρο IBAN: τα ψηφία ελέγχου ή το μήκος δεν ταιριάζουν με τη χώρα. Αντιγράψτε το από ένα αντίγραφο κίνησης λογαριασμού.
field-invalid_bic = Ένας BIC έχει 8 ή 11 γράμματα και ψηφία, π.χ. STBAMK22XXX.
problem-bank-grantee-only = μόνο ο δικαιούχος καταχωρίζει τα τραπεζικά στοιχεία της επιχορήγησης
problem-bank-grant-ended = η επιχορήγηση έχει λήξει: τα τραπεζικά στοιχεία δεν αλλάζουν πλέον
problem-bank-nothing-pending = καμία αλλαγή τραπεζικών στοιχείων δεν περιμένει επιβεβαίωση
problem-bank-not-that-change = η αλλαγή που είδατε αντικαταστάθηκε από νεότερη: διαβάστε ξανά τη σελίδα πριν αποφασίσετε
problem-bank-own-change = εσείς καταχωρίσατε αυτή την αλλαγή: την επιβεβαιώνει άλλο πρόσωπο
action-confirm_bank_details = επιβεβαιώσει ή απορρίψει αλλαγή τραπεζικών στοιχείων
field-outdated = Αυτό άλλαξε από τότε που το διαβάσατε: διαβάστε το ξανά.
problem-funding-line-changed = η γραμμή χρηματοδότησης άλλαξε από τότε που διαβάσατε τις επιστολές (λήφθηκε απόφαση, ήρθε αξιολόγηση ή άλλαξε ο προϋπολογισμός): διαβάστε τις ξανά
field-too_many = Πάρα πολλά: το πολύ { $max }.
field-too_short = Τουλάχιστον { $min } χαρακτήρες.
field-out_of_range = Από { $min } έως { $max }.
field-out_of_range-min_award = Το μικρότερο ποσό δεν μπορεί να είναι μεγαλύτερο από το μεγαλύτερο.
field-out_of_range-max_award = Το μεγαλύτερο ποσό δεν μπορεί να υπερβαίνει τον προϋπολογισμό.
field-out_of_range-closes_at = Η πρόσκληση πρέπει να κλείνει αφού ανοίξει.
field-out_of_range-review-reminder_days_before = Η υπενθύμιση πρέπει να έρθει πριν από την προθεσμία, μέσα στις ημέρες που έχει ο αξιολογητής.
field-invalid_email = Γράψτε μια διεύθυνση email, π.χ. name@library.org.
field-unknown_country = Δεν είναι χώρα που γνωρίζει η υπηρεσία: γράψτε τον διψήφιο κωδικό της, π.χ. MK.
field-in_the_past = Αυτή η ημέρα έχει περάσει: επιλέξτε σήμερα ή αργότερα.
field-unknown_currency = Γράψτε έναν κωδικό νομίσματος, π.χ. EUR.
field-key_reused = Αυτό το Idempotency-Key χρησιμοποιήθηκε για άλλο αίτημα: χρησιμοποιήστε νέο.
field-invalid_token = Αυτός ο σύνδεσμος δεν ισχύει πλέον: ζητήστε νέο.
field-not_in_round = Η πρόταση δεν είναι ανοιχτή για αξιολόγηση σε αυτό το πρόγραμμα.
field-not_on_the_jury = Αυτός ο αξιολογητής δεν ανήκει στην επιτροπή αξιολόγησης του προγράμματος.
field-not_assignable = Αυτός ο αξιολογητής δεν μπορεί να αξιολογήσει αυτή την πρόταση (σύγκρουση συμφερόντων ή εξαίρεση).
field-unknown_proposal = Δεν υπάρχει τέτοια πρόταση σε αυτό το πρόγραμμα.
field-language_not_read = Αυτός ο αξιολογητής δεν διαβάζει τη γλώσσα της πρότασης.
field-not_funded = Μόνο μια απόφαση χρηματοδότησης περιλαμβάνει ποσό επιχορήγησης.
field-funded_not_allowed = Οι προτάσεις κάτω από τη γραμμή μπαίνουν σε λίστα αναμονής ή απορρίπτονται.
field-not_plannable = Καμία γραμμή χρηματοδότησης δεν πληροί αυτούς τους κανόνες χωρών με αυτόν τον προϋπολογισμό.
field-not_a_reviewer = Αυτό το πρόσωπο δεν είναι αξιολογητής.
field-not_in_force = Αυτή η σύγκρουση συμφερόντων δεν ισχύει.
field-unknown_state = Αυτή η λίστα δεν γνωρίζει τέτοια κατάσταση.
field-unknown_event = Η υπηρεσία δεν στέλνει τέτοιο email.
field-urgent_event = Τα επείγοντα email αποστέλλονται πάντα αμέσως, ποτέ σε ημερήσια σύνοψη.
field-invalid_cursor = Αυτός ο σύνδεσμος σελίδας δεν είναι έγκυρος: ξεκινήστε ξανά από την πρώτη σελίδα.
field-unknown_programme = Δεν υπάρχει τέτοιο πρόγραμμα.
field-no_deadline = Αυτό το βήμα δεν ορίζει προθεσμία.
field-too_far_ahead = Η ημερομηνία αξίας είναι περισσότερο από έναν μήνα στο μέλλον.
field-not_a_payment = Αυτό το βήμα δεν καταχωρεί πληρωμή.
field-unmapped_state = Κάθε κατάσταση της τρέχουσας έκδοσης χρειάζεται μια κατάσταση στη νέα.
field-unknown_locale = Η υπηρεσία δεν υποστηρίζει αυτή τη γλώσσα.
field-invalid_characters = Περιέχει χαρακτήρα ελέγχου, αόρατο χαρακτήρα ή χαρακτήρα αλλαγής κατεύθυνσης: πληκτρολογήστε το ξανά χωρίς αυτόν.
field-unknown_area = Η υπηρεσία δεν γνωρίζει τέτοια χώρα ή περιφέρεια.
field-unknown_time_zone = Δεν είναι ζώνη ώρας, όπως Europe/Skopje.
field-invalid_key = Χρησιμοποιήστε 1 έως 64 γράμματα, ψηφία, '-' ή '_'.
field-default_locale_missing = Δώστε αυτό το κείμενο και στην προεπιλεγμένη γλώσσα του προγράμματος.
field-currency_mismatch = Τα ποσά πρέπει να είναι στο νόμισμα του προγράμματος.
field-must_be_positive = Περισσότερο από μηδέν.
field-final_report_missing = Το χρονοδιάγραμμα χρειάζεται τελική έκθεση.
field-final_report_not_last = Η τελική έκθεση πρέπει να έχει την τελευταία προθεσμία.
field-several_final_reports = Μόνο μία τελική έκθεση.
field-unknown_report = Δεν υπάρχει τέτοια έκθεση στο χρονοδιάγραμμα.
field-tranche_template = Τα μερίδια των δόσεων πρέπει να είναι ακέραια ποσοστά με άθροισμα 100.
field-invalid_description = Περιγράψτε τη γραμμή με 1 έως 500 χαρακτήρες.
field-not_a_region = Δώστε κωδικό περιφέρειας, όπως BA-SRP, ή αφήστε το κενό.
field-region_outside_country = Αυτή η περιφέρεια δεν βρίσκεται στη χώρα της πρότασης.
field-invalid_name = Αναφέρετε πρόσωπο, διεύθυνση email ή οργανισμό με 1 έως 200 χαρακτήρες.
field-invalid_tag = Μια λέξη-κλειδί έχει 1 έως 50 χαρακτήρες.
field-unknown_indicator = Δεν είναι ένας από τους δείκτες του προγράμματος.
field-unknown_budget_line = Δεν είναι μία από τις γραμμές προϋπολογισμού της πρότασης.
field-wrong_currency = Χρησιμοποιήστε το νόμισμα της επιχορήγησης.
field-negative = Οι δαπάνες δεν μπορούν να είναι αρνητικές.
field-unknown_conflict_kind = Η υπηρεσία δεν γνωρίζει τέτοιο είδος σύγκρουσης συμφερόντων.
field-unknown_bid = Επιλέξτε: ευχαρίστως, μπορώ ή προτιμώ όχι.
field-unknown_role = Η υπηρεσία δεν γνωρίζει τέτοιο ρόλο.
field-area_required = Αυτός ο ρόλος απαιτεί χώρα ή περιφέρεια.
field-area_not_allowed = Αυτός ο ρόλος δεν περιορίζεται σε χώρα ή περιφέρεια.
field-all_not_applicable = Βαθμολογήστε τουλάχιστον ένα κριτήριο: δεν μπορούν όλα να είναι μη εφαρμόσιμα.
field-unknown_criterion = Δεν είναι κριτήριο της κλίμακας αξιολόγησης του προγράμματος.
field-not_applicable_not_allowed = Αυτό το κριτήριο δεν μπορεί να σημειωθεί ως μη εφαρμόσιμο.
field-empty_rubric = Η κλίμακα αξιολόγησης χρειάζεται τουλάχιστον ένα κριτήριο.
field-invalid-payment-reference = Δώστε την αναφορά της τράπεζας (1 έως 140 χαρακτήρες).
field-duplicate = Αναφέρεται δύο φορές: κρατήστε ένα.
field-duplicate-code = Άλλο πρόγραμμα έχει ήδη αυτόν τον κωδικό.
problem-body-too-large = το αίτημα είναι μεγαλύτερο από όσο δέχεται αυτή η διεύθυνση
field-required_together = Δώστε το μαζί με το άλλο: το είδος του αντικειμένου και το αναγνωριστικό του πάνε μαζί.
field-before_the_request = Αυτή η ημέρα είναι πριν ζητηθεί η πληρωμή: η πληρωμή γίνεται μετά την έγκρισή της.
field-set_by_jury_runners = Αυτό το αλλάζουν μόνο οι διαχειριστές του προγράμματος και ο πρόεδρος της επιτροπής: από αυτό εξαρτώνται οι συγκρούσεις συμφερόντων σας.
field-set_by_administrators = Η χώρα και ο οργανισμός του αξιολογητή καθορίζουν τις συγκρούσεις συμφερόντων: τα αλλάζει ένας διαχειριστής.
problem-second-factor-needed = αυτός ο λογαριασμός χρησιμοποιεί σύνδεση δύο βημάτων: στείλτε τον κωδικό από την εφαρμογή ελέγχου ταυτότητας ως `code`
problem-second-factor-enrolment-required = ο ρόλος σας απαιτεί σύνδεση δύο βημάτων: ρυθμίστε την πρώτα (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] αυτή η ενέργεια απαιτεί σύνδεση δύο βημάτων, την οποία ο λογαριασμός σας δεν έχει ακόμη: ρυθμίστε την πρώτα
       *[step_up] αυτή η ενέργεια απαιτεί νέο κωδικό: επιβεβαιώστε με έναν (POST /auth/step-up) και δοκιμάστε ξανά μέσα σε λίγα λεπτά
    }
problem-second-factor-already-on = η σύνδεση δύο βημάτων είναι ήδη ενεργή· απενεργοποιήστε την πρώτα για να τη ρυθμίσετε ξανά
problem-second-factor-not-started = ξεκινήστε πρώτα τη ρύθμιση της σύνδεσης δύο βημάτων (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = ο ρόλος σας απαιτεί σύνδεση δύο βημάτων: δεν μπορεί να απενεργοποιηθεί
field-wrong_code = Ο κωδικός δεν είναι σωστός ή έχει ήδη χρησιμοποιηθεί. Περιμένετε τον επόμενο κωδικό της εφαρμογής και δοκιμάστε ξανά.
problem-admin-only-sessions = μόνο ένας διαχειριστής μπορεί να τερματίσει τις συνεδρίες άλλου προσώπου
object-session = συνεδρία
field-wrong_password = Αυτός δεν είναι ο τρέχων κωδικός πρόσβασής σας.
problem-admin-only-erasure = μόνο ένας διαχειριστής μπορεί να διαγράψει τα δεδομένα ενός προσώπου
problem-already-erased = τα δεδομένα αυτού του προσώπου έχουν ήδη διαγραφεί
problem-erase-yourself = δεν μπορείτε να διαγράψετε τον δικό σας λογαριασμό· μπορεί άλλος διαχειριστής
problem-sign-in-provider-failed = η σύνδεση με τον λογαριασμό του φορέα σας απέτυχε· δοκιμάστε ξανά ή συνδεθείτε με τη διεύθυνση email και τον κωδικό πρόσβασής σας
problem-sign-in-email-unverified = ο λογαριασμός του φορέα σας δεν επιβεβαίωσε τη διεύθυνση email σας, οπότε δεν μπορεί να αντιστοιχιστεί σε λογαριασμό εδώ· συνδεθείτε με τον κωδικό πρόσβασής σας ή ζητήστε από τον φορέα σας να επιβεβαιώσει τη διεύθυνση
problem-sign-in-account-inactive = αυτός ο λογαριασμός είναι απενεργοποιημένος· ζητήστε από έναν διαχειριστή να τον επανενεργοποιήσει
object-provider = πάροχος σύνδεσης
