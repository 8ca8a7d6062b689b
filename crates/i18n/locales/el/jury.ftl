# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Κριτική επιτροπή
jury-hint = Όλοι οι αξιολογητές της κριτικής επιτροπής αυτού του προγράμματος, με τις γλώσσες που διαβάζουν, τα πεδία που γνωρίζουν και πόσες προτάσεις έχουν τώρα.
jury-saved = Το προφίλ αποθηκεύτηκε.
jury-languages = Γλώσσες που διαβάζει
jury-expertise = Πεδία εξειδίκευσης
jury-load = Προτάσεις
jury-load-value = Ανατεθειμένες τώρα: { $assigned }· αναλαμβάνει από { $min } έως { $max }
jury-available = Δέχεται αναθέσεις τώρα
jury-bids = Ενδιαφέρον
jury-edit-profile = Επεξεργασία του προφίλ
jury-empty = Δεν υπάρχει ακόμη κανείς σε αυτή την κριτική επιτροπή.
jury-add = Προσθήκη αξιολογητή
jury-add-email = Η διεύθυνση email του αξιολογητή
jury-add-email-hint = Ο λογαριασμός πρέπει να έχει τον ρόλο του αξιολογητή. Το προφίλ του συμπληρώνεται από τον λογαριασμό· μπορείτε να το αλλάξετε στη συνέχεια.
jury-add-button = Προσθήκη στην κριτική επιτροπή
jury-profile-title = Προφίλ αξιολογητή
jury-assigned-now = { $count ->
    [one] { $count } πρόταση ανατεθειμένη τώρα σε αυτό το πρόγραμμα.
   *[other] { $count } προτάσεις ανατεθειμένες τώρα σε αυτό το πρόγραμμα.
}
jury-problems = Το προφίλ δεν αποθηκεύτηκε: δείτε τα προβλήματα δίπλα στα πεδία.
jury-expertise-hint = Χωρίστε τα με κόμματα, π.χ. makerspace, ψηφιακός γραμματισμός.
jury-country-hint = Ο κωδικός δύο γραμμάτων, π.χ. GR, ή XK για το Κοσσυφοπέδιο. Αφήστε το κενό αν δεν υπάρχει.
jury-max-load = Μέγιστος αριθμός προτάσεων προς αξιολόγηση
jury-max-load-hint = Το πολύ { $cap }, το όριο του προγράμματος.
jury-min-load = Ελάχιστος αριθμός προτάσεων προς αξιολόγηση
jury-available-label = Δέχεται αναθέσεις τώρα
jury-save = Αποθήκευση του προφίλ
jury-conflicts-title = Συγκρούσεις συμφερόντων
jury-conflicts-link = Συγκρούσεις συμφερόντων
jury-conflicts-hint = Σε αξιολογητή με σύγκρουση συμφερόντων σε ισχύ δεν ανατίθεται αυτή η πρόταση και δεν την βλέπει.
jury-keepers-only = Οι υπεύθυνοι του προγράμματος καταχωρίζουν και αίρουν συγκρούσεις συμφερόντων.
jury-in-force = Σε ισχύ
jury-none-in-force = Καμία σε ισχύ.
jury-lift-reason = Γιατί δεν ισχύει
jury-lift = Άρση
jury-recorded = Στο αρχείο
jury-lifted = Άρθηκε
jury-declared = Καταχωρίστηκε
jury-no-conflicts = Κανένας αξιολογητής δεν έχει σύγκρουση συμφερόντων με αυτή την πρόταση.
jury-declare = Καταχώριση σύγκρουσης συμφερόντων για αξιολογητή
jury-choose-reviewer = Επιλέξτε αξιολογητή
jury-declare-reason = Αιτιολογία
jury-declare-button = Καταχώριση της σύγκρουσης
jury-conflict-lifted = Η σύγκρουση συμφερόντων άρθηκε.
jury-conflict-declared = Η σύγκρουση συμφερόντων καταχωρίστηκε.
jury-kind-same-organisation = Ίδιος φορέας
jury-kind-same-country = Ίδια χώρα
jury-kind-named-by-applicant = Υποδείχθηκε από τον αιτούντα
jury-kind-declared-by-reviewer = Δηλώθηκε από τον αξιολογητή
jury-kind-added-by-manager = Προστέθηκε από υπεύθυνο προγράμματος
jury-kind-on-the-team = Στην ομάδα της πρότασης

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Επιλέξτε τουλάχιστον μία γλώσσα που διαβάζει ο αξιολογητής.
jury-problem-languages-unknown-locale = Επιλέξτε τις γλώσσες από τον κατάλογο.
jury-problem-expertise-invalid-tag = Ένα πεδίο εξειδίκευσης έχει από 1 έως 50 χαρακτήρες.
jury-problem-expertise-too-many = Το πολύ 30 πεδία εξειδίκευσης.
jury-problem-country-unknown-country = Δεν είναι κωδικός χώρας: χρησιμοποιήστε δύο γράμματα, π.χ. GR.
jury-problem-organisation-too-long = Το πολύ 200 χαρακτήρες.
jury-problem-max-load-out-of-range = Από 0 έως { $cap }, το όριο του προγράμματος.
jury-problem-max-load-not-a-number = Ένας ακέραιος αριθμός, π.χ. 5.
jury-problem-min-load-out-of-range = Από 0 έως τον μέγιστο αριθμό προτάσεων προς αξιολόγηση.
jury-problem-min-load-not-a-number = Ένας ακέραιος αριθμός, π.χ. 2.
jury-problem-email-invalid-email = Δεν είναι διεύθυνση email.
jury-problem-email-too-long = Μια διεύθυνση email έχει το πολύ 254 χαρακτήρες.
jury-problem-email-not-a-reviewer = Κανένας ενεργός λογαριασμός με τον ρόλο του αξιολογητή δεν έχει αυτή τη διεύθυνση.
jury-problem-reason-required = Δώστε την αιτιολογία· διατηρείται στο αρχείο.
jury-problem-reason-too-long = Το πολύ 2000 χαρακτήρες.
jury-problem-reviewer-id-required = Επιλέξτε τον αξιολογητή.
jury-problem-reviewer-id-not-on-the-jury = Το πρόσωπο αυτό δεν είναι μέλος της κριτικής επιτροπής του προγράμματος.
jury-problem-kind-not-in-force = Αυτή η σύγκρουση συμφερόντων δεν ισχύει πλέον.
jury-conflict-fields-locked = Η χώρα και ο οργανισμός σας καθορίζουν ποιες προτάσεις δεν μπορείτε να αξιολογήσετε (σύγκρουση συμφερόντων), γι' αυτό τα αλλάζουν μόνο οι διαχειριστές του προγράμματος και ο πρόεδρος της επιτροπής. Γράψτε τους αν είναι λάθος.
