# Συζητήσεις για προτάσεις, επιχορηγήσεις και εκθέσεις.
conversations-heading = Συζητήσεις
conversations-none = Δεν έχετε ακόμη συζητήσεις εδώ.
conversations-draft = Οι συζητήσεις ανοίγουν μόλις υποβληθεί η πρόταση.
conversations-start = Έναρξη συζήτησης
conversations-unread-heading = Μη αναγνωσμένα μηνύματα
conversations-unread-item = { $count ->
    [one] { $count } μη αναγνωσμένο μήνυμα
   *[other] { $count } μη αναγνωσμένα μηνύματα
} στη συζήτηση «{ $topic }» ({ $title })
conversation-title = Συζήτηση
conversation-new-title = Έναρξη συζήτησης
conversation-on = Σχετικά με: { $title }
conversation-on-label = Σχετικά με
conversation-report-on = Έκθεση { $position } για το έργο { $title }
conversation-back = Επιστροφή στη σελίδα «{ $title }»
conversation-audience-label = Ποιοι τη διαβάζουν
conversation-audience-applicants = Αιτών και προσωπικό του προγράμματος
conversation-audience-applicants-who = Τη διαβάζουν και απαντούν ο αιτών, οι υπεύθυνοι του προγράμματος και οι πρεσβευτές της περιοχής της πρότασης.
conversation-audience-staff = Μόνο το προσωπικό του προγράμματος
conversation-audience-staff-who-proposal = Τη διαβάζουν οι υπεύθυνοι του προγράμματος και οι πρεσβευτές της περιοχής της πρότασης· ο αιτών και η κριτική επιτροπή δεν τη διαβάζουν.
conversation-audience-staff-who-grant = Τη διαβάζουν οι υπεύθυνοι του προγράμματος και το οικονομικό τμήμα· ο δικαιούχος δεν τη διαβάζει.
conversation-audience-jury = Κριτική επιτροπή
conversation-audience-jury-who = Τη διαβάζουν οι αξιολογητές της πρότασης χωρίς σύγκρουση συμφερόντων και ο πρόεδρος της κριτικής επιτροπής· ο αιτών δεν τη διαβάζει.
conversation-audience-grantee = Δικαιούχος, οικονομικό τμήμα και υπεύθυνοι
conversation-audience-grantee-who = Τη διαβάζουν και απαντούν ο δικαιούχος, το οικονομικό τμήμα και οι υπεύθυνοι του προγράμματος.
conversation-members = Ποιοι συμμετέχουν τώρα
conversation-started-by = ξεκίνησε από { $name }
conversation-messages = { $count ->
    [one] { $count } μήνυμα
   *[other] { $count } μηνύματα
}
conversation-unread = { $count ->
    [one] { $count } μη αναγνωσμένο
   *[other] { $count } μη αναγνωσμένα
}
conversation-topic = Θέμα
conversation-topic-hint = Μία γραμμή που λέει τι αφορά η συζήτηση, έως 200 χαρακτήρες.
conversation-body = Μήνυμα
conversation-body-hint = Απλό κείμενο, έως 20.000 χαρακτήρες. Όλοι οι άλλοι που διαβάζουν τη συζήτηση το λαμβάνουν με email.
conversation-start-send = Έναρξη της συζήτησης
conversation-send = Αποστολή
conversation-to = προς: { $audience }
conversation-reply = Απάντηση σε αυτό το μήνυμα
conversation-quoting = { $name } έγραψε:
conversation-reply-cancel = Απάντηση χωρίς αναφορά σε συγκεκριμένο μήνυμα
conversation-your-message = Το μήνυμά σας
conversation-mention = Αναφέρετε κάποιον
conversation-mention-hint = Το μήνυμα το λαμβάνουν όλοι όσοι διαβάζουν τη συζήτηση· το email που λαμβάνει το πρόσωπο που αναφέρεται το επισημαίνει.
conversation-mentions = Αναφέρει: { $names }
problem-conversation-on-draft = οι συζητήσεις για μια πρόταση ανοίγουν μόλις αυτή υποβληθεί
field-not_in_audience = Αυτό το πρόσωπο δεν διαβάζει τη συζήτηση: αναφέρετε μόνο πρόσωπα που τη διαβάζουν.
field-audience_not_offered = Επιλέξτε μία από τις επιλογές που προσφέρονται.
field-unknown_audience = Επιλέξτε ποιοι διαβάζουν τη συζήτηση.
field-not_in_thread = Απαντήστε σε ένα μήνυμα αυτής της συζήτησης.
field-unknown_subject = Δεν είναι κάτι για το οποίο μπορεί να γίνει συζήτηση.

conversation-files = Αρχεία
conversation-files-none = Δεν υπάρχουν ακόμη αρχεία σε αυτή τη συζήτηση.
conversation-files-hint = Όλοι όσοι διαβάζουν τη συζήτηση μπορούν να τα κατεβάσουν. PDF, εικόνα PNG, JPEG, GIF ή WebP, έγγραφο γραφείου (docx, xlsx, pptx, odt, ods, odp) ή απλό κείμενο ή CSV· έως { $limit } ανά αρχείο και έως 20 αρχεία ανά συζήτηση.
problem-conversation-file-not-yours = ένα αρχείο που έχει επισυναφθεί σε συζήτηση μπορεί να το αφαιρέσει μόνο όποιος το επισύναψε
