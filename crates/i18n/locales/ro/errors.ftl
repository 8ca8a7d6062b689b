# Refuzuri și erori: ce spun documentul problem+json al API-ului (title,
# detail) și paginile când o cerere este refuzată. Cheile și argumentele
# sunt explicate în en/errors.ftl.

## Titlul problemei: statusul HTTP în cuvinte.
status-400 = Cerere incorectă
status-401 = Este necesară autentificarea
status-403 = Nu este permis
status-404 = Nu a fost găsit
status-409 = Nu este posibil acum
status-413 = Prea mare
status-415 = Tip neacceptat
status-422 = Date nevalide
status-428 = Este necesară versiunea
status-429 = Prea multe încercări
status-500 = Eroare internă

## Erori de orice fel.
problem-unauthenticated = este necesară autentificarea
problem-invalid-credentials = adresa de e-mail sau parola nu este corectă
problem-locked-out = prea multe încercări de autentificare eșuate; încercați din nou peste { $retry_after_secs } s
problem-not-found = nu s-a găsit: { $what }
problem-validation = { $count ->
    [one] { $count } câmp nu este valid
    [few] { $count } câmpuri nu sunt valide
   *[other] câmpuri nevalide: { $count }
}
problem-duplicate = valoarea pentru „{ $field }” este deja folosită
problem-stale-revision = { $what }: altcineva a făcut modificări între timp; reîncărcați versiunea curentă (nr. { $current })
problem-revision-required = trimiteți versiunea pe care o editați (antetul If-Match sau câmpul `revision`)
problem-unreadable = cererea nu a putut fi citită: { $why }
problem-internal = a apărut o eroare din partea noastră; eroarea a fost înregistrată
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = trimiteți conținutul cererii ca { $expected }
problem-no-such-resource = această resursă nu există

## Refuzuri: lipsește rolul sau relația (403).
problem-role-required = numai { $roles } poate să { $action }
problem-owner-only = numai solicitantul căruia îi aparține propunerea poate să { $action }
problem-grantee-only-writes = raportul îl scrie numai beneficiarul grantului
problem-admin-only-roles = numai un administrator poate modifica roluri sau dezactiva conturi
problem-reviews-after-own = trimiteți-vă propria evaluare înainte de a le citi pe celelalte
problem-reviews-not-shared = în acest program evaluatorii nu văd evaluările celorlalți evaluatori
problem-reviews-readers = evaluările le citesc doar juriul și, după decizie, solicitantul

## Refuzuri: starea nu permite acum acest lucru (409).
problem-call-closed = apelul s-a închis la { $closes_at }
problem-programme-archived = programul este arhivat și nu mai primește propuneri
problem-programme-archived-edit = un program arhivat nu poate fi editat; restaurați-l mai întâi
problem-proposal-not-changeable = o propunere poate fi modificată doar ca ciornă sau când s-au solicitat modificări; aceasta are starea „{ $proposal_state }”
problem-no-requested-amount = propunerea nu solicită nicio sumă
problem-report-closed = raportul are starea „{ $report_state }” și nu mai poate fi modificat
problem-report-not-owed = raportul are starea „{ $report_state }”; doar un raport încă datorat poate primi un termen nou
problem-assignment-preview-stale = repartizările, profilurile, manifestările de interes, conflictele de interese sau propunerile s-au schimbat după această previzualizare; previzualizați din nou
problem-assignment-proposal-state = evaluatorii se repartizează la propuneri eligibile sau aflate în evaluare; aceasta are starea „{ $proposal_state }”
problem-reviewer-conflicted = evaluatorul are un conflict de interese cu această propunere ({ $kinds })
problem-reviewer-at-cap = evaluatorul a atins volumul maxim de lucru permis ({ $cap })
problem-reviewer-declined = evaluatorul a refuzat această propunere
problem-assignment-already = sarcina are deja starea „{ $assignment_state }”
problem-assignment-is = sarcina are starea „{ $assignment_state }”
problem-review-submitted-chair-reopens = evaluarea a fost trimisă; președintele juriului trebuie mai întâi să o redeschidă
problem-review-submitted = evaluarea a fost trimisă; numai președintele juriului o poate redeschide
problem-review-not-saved = salvați evaluarea înainte de a o trimite
problem-review-already-submitted = evaluarea a fost deja trimisă
problem-review-not-submitted = numai o evaluare trimisă poate fi redeschisă
problem-review-off-rubric = o evaluare trimisă nu mai corespunde grilei de evaluare a programului (aceasta a fost modificată după începerea evaluării); redeschideți acea evaluare
problem-bid-needs-profile = salvați-vă profilul de evaluator pentru acest program înainte de a vă exprima interesul
problem-bid-proposal-state = interesul se poate exprima cât timp propunerea așteaptă repartizarea evaluatorilor; aceasta are starea „{ $proposal_state }”
problem-self-deactivation = nu vă puteți dezactiva propriul cont și nici nu vă puteți retrage propriul rol de administrator; rugați un alt administrator
problem-attachments-full = { $kind }: numărul maxim de atașamente este { $max }; eliminați unul înainte de a adăuga altul
problem-workflow-version-unknown = fluxul de lucru „{ $workflow_name }” nu are o versiune înregistrată { $version }
problem-outbox-message-state = un mesaj cu starea „{ $message_state }” nu poate fi { $action }
problem-idempotency-in-flight = o cerere cu acest antet Idempotency-Key este încă în curs de procesare; încercați din nou în scurt timp

## Ce numește un refuz: obiectele serviciului.
object-assignment = sarcină de evaluare
object-attachment = atașament
object-grant = grant
object-ledger-entry = înregistrare din registrul contabil
object-outbox-message = mesaj din căsuța de ieșire
object-programme = program
object-proposal = propunere
object-record = înregistrare
object-report = raport
object-review = evaluare
object-reviewer-profile = profil de evaluator
object-tranche = tranșă
object-user = utilizator
object-workflow-with-instances = flux de lucru cu instanțe

## Ce nu poate face persoana („numai … poate să …”, conjunctiv);
## `action-retry` și `action-cancel` completează „un mesaj … nu poate fi …”.
action-add_or_remove_its_attachments = adauge sau să elimine atașamentele ei
action-add_reviewers_to_the_jury = adauge evaluatori în juriu
action-archive_programmes = arhiveze programe
action-assign_reviewers = repartizeze evaluatori
action-bid_on_proposals = își exprime interesul pentru evaluarea propunerilor
action-cancel = anulat
action-create_programmes = creeze programe
action-create_users = creeze conturi de utilizator
action-declare_a_conflict_of_interest = declare un conflict de interese
action-edit_it = o editeze
action-edit_programmes = editeze programe
action-export_the_ledger = exporte registrul contabil
action-export_the_payments = exporte plățile
action-lift_a_conflict_of_interest = ridice un conflict de interese
action-list_users = vadă lista utilizatorilor
action-manage_programmes = gestioneze programe
action-manage_the_outbox = gestioneze căsuța de ieșire
action-move_a_report_s_due_date = mute termenul unui raport
action-preview_emails = previzualizeze e-mailurile
action-preview_the_funding_line = previzualizeze pragul de finanțare
action-read_the_audit_trail = citească jurnalul de audit
action-read_the_impact_summary = citească sinteza impactului
action-read_the_ledger = citească registrul contabil
action-read_the_outbox = citească căsuța de ieșire
action-read_the_workflow_definitions = citească definițiile fluxurilor de lucru
action-record_a_conflict_for_another_reviewer = înregistreze un conflict de interese pentru alt evaluator
action-record_funding_decisions = înregistreze decizii de finanțare
action-remove_reviewers = elimine evaluatori
action-reopen_a_review = redeschidă o evaluare
action-retry = retrimis
action-run_reviewer_assignment = efectueze repartizarea evaluatorilor
action-see_bids = vadă interesul evaluatorilor
action-see_conflicts_of_interest = vadă conflictele de interese
action-see_the_assignments = vadă repartizările
action-see_the_jury = vadă juriul
action-see_the_ranking = vadă clasamentul
action-verify_the_audit_trail = verifice jurnalul de audit
action-write_proposals = scrie propuneri

## Fișiere încărcate refuzate.
problem-too_large = fișierul depășește limita de { $limit } de octeți permisă de acest program
problem-empty = fișierul este gol
problem-unsupported_type = fișierele de acest tip nu sunt acceptate (conținutul este { $detected }); atașați un PDF, o imagine PNG, JPEG, GIF sau WebP, un document office (docx, xlsx, pptx, odt, ods, odp) ori text simplu sau CSV în UTF-8
problem-type_mismatch = fișierul a fost trimis ca { $declared }, dar conținutul lui este { $detected }
field-required = Completați acest câmp.
field-too_long = Cel mult { $max } caractere.
field-invalid_amount = Scrieți o sumă precum { $whole } sau { $decimal }.
field-invalid_iban = Acesta nu este un IBAN valid: cifrele de control sau lungimea nu corespund țării. Copiați-l dintr-un extras de cont.
field-invalid_bic = Un BIC are 8 sau 11 litere și cifre, de ex. STBAMK22XXX.
problem-bank-grantee-only = doar beneficiarul introduce datele bancare ale grantului
problem-bank-grant-ended = grantul s-a încheiat: datele bancare nu se mai schimbă
problem-bank-nothing-pending = nicio modificare a datelor bancare nu așteaptă confirmarea
problem-bank-not-that-change = modificarea pe care ați văzut-o a fost înlocuită de una mai nouă: citiți din nou pagina înainte de a decide
problem-bank-own-change = dumneavoastră ați introdus această modificare: o confirmă altă persoană
action-confirm_bank_details = confirme sau să respingă o modificare a datelor bancare
field-outdated = Acest text s-a schimbat de când l-ați citit: citiți-l din nou.
problem-funding-line-changed = linia de finanțare s-a schimbat de când ați citit scrisorile (s-a luat o decizie, a sosit o evaluare sau s-a modificat bugetul): citiți-le din nou
field-too_many = Prea multe: cel mult { $max }.
field-too_short = Cel puțin { $min } caractere.
field-out_of_range = Între { $min } și { $max }.
field-out_of_range-min_award = Suma cea mai mică nu poate depăși suma cea mai mare.
field-out_of_range-max_award = Suma cea mai mare nu poate depăși bugetul.
field-out_of_range-closes_at = Apelul trebuie să se închidă după ce se deschide.
field-out_of_range-review-reminder_days_before = Mementoul trebuie să vină înainte de termen, în zilele pe care le are evaluatorul.
field-invalid_email = Scrieți o adresă de e-mail, de ex. name@library.org.
field-unknown_country = Nu este o țară cunoscută de serviciu: scrieți codul ei din două litere, de ex. MK.
field-in_the_past = Ziua aceea a trecut: alegeți azi sau mai târziu.
field-unknown_currency = Scrieți un cod de monedă, de ex. EUR.
field-key_reused = Acest Idempotency-Key a fost folosit pentru o altă cerere: folosiți unul nou.
field-invalid_token = Acest link nu mai este valabil: cereți unul nou.
field-not_in_round = Propunerea nu este deschisă pentru evaluare în acest program.
field-not_on_the_jury = Acest evaluator nu face parte din juriul programului.
field-not_assignable = Acest evaluator nu poate evalua această propunere (conflict de interese sau excludere).
field-unknown_proposal = Nu există o astfel de propunere în acest program.
field-language_not_read = Acest evaluator nu citește limba propunerii.
field-not_funded = Doar o decizie de finanțare include o sumă acordată.
field-funded_not_allowed = Propunerile de sub linie sunt trecute pe lista de așteptare sau respinse.
field-not_plannable = Nicio linie de finanțare nu respectă aceste reguli pentru țări cu acest buget.
field-not_a_reviewer = Această persoană nu este evaluator.
field-not_in_force = Acest conflict de interese nu este în vigoare.
field-unknown_state = Această listă nu cunoaște o astfel de stare.
field-unknown_event = Serviciul nu trimite un astfel de e-mail.
field-urgent_event = E-mailurile urgente sunt trimise întotdeauna imediat, niciodată într-un rezumat zilnic.
field-invalid_cursor = Acest link de pagină nu este valid: începeți din nou de la prima pagină.
field-unknown_programme = Nu există un astfel de program.
field-no_deadline = Acest pas nu stabilește un termen.
field-too_far_ahead = Data valutei este la mai mult de o lună în viitor.
field-not_a_payment = Acest pas nu înregistrează o plată.
field-unmapped_state = Fiecare stare a versiunii curente are nevoie de o stare în cea nouă.
field-unknown_locale = Serviciul nu acceptă această limbă.
field-invalid_characters = Conține un caracter de control, invizibil sau care schimbă direcția textului: scrieți din nou fără el.
field-unknown_area = Serviciul nu cunoaște o astfel de țară sau regiune.
field-unknown_time_zone = Nu este un fus orar, cum ar fi Europe/Skopje.
field-invalid_key = Folosiți între 1 și 64 de litere, cifre, '-' sau '_'.
field-default_locale_missing = Introduceți acest text și în limba implicită a programului.
field-currency_mismatch = Sumele trebuie să fie în moneda programului.
field-must_be_positive = Mai mult decât zero.
field-final_report_missing = Calendarul are nevoie de un raport final.
field-final_report_not_last = Raportul final trebuie să aibă ultimul termen.
field-several_final_reports = Un singur raport final.
field-unknown_report = Nu există un astfel de raport în calendar.
field-tranche_template = Cotele tranșelor trebuie să fie procente întregi care însumează 100.
field-invalid_description = Descrieți linia în 1 până la 500 de caractere.
field-not_a_region = Introduceți un cod de regiune, cum ar fi BA-SRP, sau omiteți-l.
field-region_outside_country = Această regiune nu se află în țara propunerii.
field-invalid_name = Indicați o persoană, o adresă de e-mail sau o organizație în 1 până la 200 de caractere.
field-invalid_tag = Un cuvânt-cheie are între 1 și 50 de caractere.
field-unknown_indicator = Nu este unul dintre indicatorii programului.
field-unknown_budget_line = Nu este una dintre liniile bugetare ale propunerii.
field-wrong_currency = Folosiți moneda grantului.
field-negative = Cheltuielile nu pot fi negative.
field-unknown_conflict_kind = Serviciul nu cunoaște un astfel de tip de conflict de interese.
field-unknown_bid = Alegeți: cu plăcere, se poate sau mai degrabă nu.
field-unknown_role = Serviciul nu cunoaște un astfel de rol.
field-area_required = Acest rol necesită o țară sau o regiune.
field-area_not_allowed = Acest rol nu este limitat la o țară sau o regiune.
field-all_not_applicable = Notați cel puțin un criteriu: nu pot fi toate neaplicabile.
field-unknown_criterion = Nu este un criteriu al grilei de evaluare a programului.
field-not_applicable_not_allowed = Acest criteriu nu poate fi marcat ca neaplicabil.
field-empty_rubric = Grila de evaluare are nevoie de cel puțin un criteriu.
field-invalid-payment-reference = Introduceți referința băncii (1 până la 140 de caractere).
field-duplicate = Listat de două ori: păstrați unul.
field-duplicate-code = Un alt program are deja acest cod.
problem-body-too-large = cererea este mai mare decât acceptă această adresă
field-required_together = Dați-l împreună cu celălalt: tipul obiectului și identificatorul lui merg împreună.
field-before_the_request = Această zi este înainte de solicitarea plății: plata se face după aprobarea ei.
field-set_by_jury_runners = Doar managerii programului și președintele juriului schimbă acest lucru: de el depind conflictele dvs. de interese.
field-set_by_administrators = Țara și organizația evaluatorului decid conflictele de interese: le schimbă un administrator.
problem-second-factor-needed = acest cont folosește conectarea în doi pași: trimiteți codul din aplicația de autentificare ca `code`
problem-second-factor-enrolment-required = rolul dumneavoastră trebuie să folosească conectarea în doi pași: configurați-o mai întâi (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] această acțiune necesită conectarea în doi pași, pe care contul dumneavoastră nu o are încă: configurați-o mai întâi
       *[step_up] această acțiune necesită un cod nou: confirmați cu el (POST /auth/step-up) și încercați din nou în câteva minute
    }
problem-second-factor-already-on = conectarea în doi pași este deja activată; dezactivați-o mai întâi pentru a o configura din nou
problem-second-factor-not-started = începeți mai întâi configurarea conectării în doi pași (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = rolul dumneavoastră trebuie să folosească conectarea în doi pași: aceasta nu poate fi dezactivată
field-wrong_code = Codul nu este corect sau a fost deja folosit. Așteptați următorul cod din aplicație și încercați din nou.
problem-admin-only-sessions = numai un administrator poate închide sesiunile altei persoane
object-session = sesiune
field-wrong_password = Aceasta nu este parola dvs. actuală.
problem-admin-only-erasure = numai un administrator poate șterge datele unei persoane
problem-already-erased = datele acestei persoane au fost deja șterse
problem-erase-yourself = nu vă puteți șterge propriul cont; un alt administrator poate
problem-sign-in-provider-failed = autentificarea cu contul organizației dumneavoastră nu a reușit; încercați din nou sau autentificați-vă cu adresa de e-mail și parola
problem-sign-in-email-unverified = contul organizației dumneavoastră nu a confirmat adresa de e-mail, așa că nu poate fi asociat cu un cont de aici; autentificați-vă cu parola sau rugați organizația dumneavoastră să confirme adresa
problem-sign-in-account-inactive = acest cont este dezactivat; rugați un administrator să îl reactiveze
object-provider = furnizor de autentificare
