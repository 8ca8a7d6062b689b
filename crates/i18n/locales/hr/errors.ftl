# Odbijanja i pogreške: što kažu problem+json API-ja (title, detail) i
# stranice kada je zahtjev odbijen. Ključevi i argumenti objašnjeni su u
# en/errors.ftl.

## Naslov problema: HTTP status riječima.
status-400 = Neispravan zahtjev
status-401 = Potrebna je prijava
status-403 = Nije dopušteno
status-404 = Nije pronađeno
status-409 = Trenutačno nije moguće
status-413 = Preveliko
status-415 = Nepodržana vrsta
status-422 = Neispravni podaci
status-428 = Potrebna je verzija
status-429 = Previše pokušaja
status-500 = Unutarnja pogreška

## Pogreške svih vrsta.
problem-unauthenticated = potrebna je prijava
problem-invalid-credentials = e-adresa ili lozinka nisu točni
problem-locked-out = previše neuspjelih prijava; pokušajte ponovno za { $retry_after_secs } s
problem-not-found = nije pronađeno: { $what }
problem-validation = { $count ->
    [one] { $count } polje nije ispravno
    [few] { $count } polja nisu ispravna
   *[other] neispravna polja: { $count }
}
problem-duplicate = vrijednost za „{ $field }” već je zauzeta
problem-stale-revision = { $what }: netko je drugi u međuvremenu unio izmjene; učitajte trenutačnu verziju (br. { $current })
problem-revision-required = pošaljite verziju koju uređujete (zaglavlje If-Match ili polje `revision`)
problem-unreadable = zahtjev nije moguće pročitati: { $why }
problem-internal = došlo je do pogreške na našoj strani; pogreška je zabilježena
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = pošaljite sadržaj zahtjeva kao { $expected }
problem-no-such-resource = takav resurs ne postoji

## Odbijanja: nedostaje uloga ili veza (403).
problem-role-required = { $action } može samo { $roles }
problem-owner-only = { $action } može samo prijavitelj čiji je to prijedlog
problem-grantee-only-writes = izvješće piše samo korisnik potpore
problem-admin-only-roles = samo administrator može mijenjati uloge ili deaktivirati račune
problem-reviews-after-own = predajte svoju recenziju prije nego što pročitate ostale
problem-reviews-not-shared = u ovom programu recenzenti ne vide recenzije jedni drugih
problem-reviews-readers = recenzije čitaju samo žiri i, nakon odluke, prijavitelj

## Odbijanja: stanje to sada ne dopušta (409).
problem-call-closed = poziv je zatvoren { $closes_at }
problem-programme-archived = program je arhiviran i ne prima prijedloge
problem-programme-archived-edit = arhivirani program ne može se uređivati; najprije ga vratite
problem-proposal-not-changeable = prijedlog se može mijenjati samo kao nacrt ili kada su zatražene izmjene; trenutačno je u stanju „{ $proposal_state }”
problem-no-requested-amount = u prijedlogu nije zatražen nikakav iznos
problem-report-closed = izvješće je u stanju „{ $report_state }” i više se ne može mijenjati
problem-report-not-owed = izvješće je u stanju „{ $report_state }”; novi rok može dobiti samo izvješće koje tek treba predati
problem-assignment-preview-stale = raspodjele, profili, iskazani interesi, sukobi interesa ili prijedlozi promijenili su se nakon ovog pregleda; ponovno napravite pregled
problem-assignment-proposal-state = recenzenti se raspoređuju na prihvatljive prijedloge ili prijedloge u recenziji; ovaj je u stanju „{ $proposal_state }”
problem-reviewer-conflicted = recenzent je u sukobu interesa s ovim prijedlogom ({ $kinds })
problem-reviewer-at-cap = recenzent je dosegnuo najveće dopušteno opterećenje ({ $cap })
problem-reviewer-declined = recenzent je odbio ovaj prijedlog
problem-assignment-already = zadatak je već u stanju „{ $assignment_state }”
problem-assignment-is = zadatak je u stanju „{ $assignment_state }”
problem-review-submitted-chair-reopens = recenzija je predana; predsjednik žirija najprije je mora ponovno otvoriti
problem-review-submitted = recenzija je predana; samo je predsjednik žirija može ponovno otvoriti
problem-review-not-saved = spremite recenziju prije nego što je predate
problem-review-already-submitted = recenzija je već predana
problem-review-not-submitted = ponovno se može otvoriti samo predana recenzija
problem-review-off-rubric = predana recenzija više ne odgovara kriterijima ocjenjivanja programa (promijenjeni su nakon početka recenziranja); ponovno otvorite tu recenziju
problem-bid-needs-profile = spremite svoj profil recenzenta za ovaj program prije nego što iskažete interes
problem-bid-proposal-state = interes se iskazuje dok prijedlog čeka raspodjelu recenzenata; ovaj je u stanju „{ $proposal_state }”
problem-self-deactivation = ne možete deaktivirati sebe niti sebi oduzeti administratorsku ulogu; zamolite drugog administratora
problem-attachments-full = { $kind }: najveći dopušteni broj privitaka je { $max }; uklonite jedan prije nego što dodate novi
problem-workflow-version-unknown = tijek rada „{ $workflow_name }” nema registriranu verziju { $version }
problem-outbox-message-state = poruka u stanju „{ $message_state }” ne može biti { $action }
problem-idempotency-in-flight = zahtjev s ovim Idempotency-Key još se obrađuje; pokušajte ponovno uskoro

## Što odbijanje imenuje: objekti usluge.
object-assignment = zadatak recenziranja
object-attachment = privitak
object-grant = potpora
object-ledger-entry = stavka glavne knjige
object-outbox-message = poruka u odlaznoj pošti
object-programme = program
object-proposal = prijedlog
object-record = zapis
object-report = izvješće
object-review = recenzija
object-reviewer-profile = profil recenzenta
object-tranche = obrok
object-user = korisnik
object-workflow-with-instances = tijek rada s instancama

## Što osoba ne smije učiniti („… može samo …”, infinitiv); `action-retry` i
## `action-cancel` dovršavaju „poruka … ne može biti …”.
action-add_or_remove_its_attachments = dodavati ili uklanjati njegove privitke
action-add_reviewers_to_the_jury = dodavati recenzente u žiri
action-archive_programmes = arhivirati programe
action-assign_reviewers = raspoređivati recenzente
action-bid_on_proposals = iskazivati interes za recenziranje prijedloga
action-cancel = otkazana
action-create_programmes = stvarati programe
action-create_users = otvarati korisničke račune
action-declare_a_conflict_of_interest = prijaviti sukob interesa
action-edit_it = uređivati ga
action-edit_programmes = uređivati programe
action-export_the_ledger = izvoziti glavnu knjigu
action-export_the_payments = izvoziti isplate
action-lift_a_conflict_of_interest = ukinuti sukob interesa
action-list_users = vidjeti popis korisnika
action-manage_programmes = upravljati programima
action-manage_the_outbox = upravljati odlaznom poštom
action-move_a_report_s_due_date = pomaknuti rok izvješća
action-preview_emails = pregledavati e-poruke prije slanja
action-preview_the_funding_line = pregledati granicu financiranja
action-read_the_audit_trail = čitati revizijski trag
action-read_the_impact_summary = čitati pregled učinka
action-read_the_ledger = čitati glavnu knjigu
action-read_the_outbox = čitati odlaznu poštu
action-read_the_workflow_definitions = čitati definicije tijekova rada
action-record_a_conflict_for_another_reviewer = zabilježiti sukob interesa za drugog recenzenta
action-record_funding_decisions = bilježiti odluke o financiranju
action-remove_reviewers = uklanjati recenzente
action-reopen_a_review = ponovno otvoriti recenziju
action-retry = ponovno poslana
action-run_reviewer_assignment = pokrenuti raspodjelu recenzenata
action-see_bids = vidjeti interes recenzenata
action-see_conflicts_of_interest = vidjeti sukobe interesa
action-see_the_assignments = vidjeti raspodjele
action-see_the_jury = vidjeti žiri
action-see_the_ranking = vidjeti rang-listu
action-verify_the_audit_trail = provjeriti revizijski trag
action-write_proposals = pisati prijedloge

## Odbijene prenesene datoteke.
problem-too_large = datoteka je veća od { $limit } bajtova, koliko ovaj program dopušta
problem-empty = datoteka je prazna
problem-unsupported_type = datoteke ove vrste ne primaju se (sadržaj je { $detected }); priložite PDF, sliku PNG, JPEG, GIF ili WebP, uredski dokument (docx, xlsx, pptx, odt, ods, odp) ili obični tekst ili CSV u UTF-8
problem-type_mismatch = datoteka je poslana kao { $declared }, ali njezin je sadržaj { $detected }
field-required = Ispunite ovo.
field-too_long = Najviše { $max } znakova.
field-invalid_amount = Upišite iznos kao { $whole } ili { $decimal }.
field-invalid_iban = Ovo nije ispravan IBAN: kontrolne znamenke ili duljina ne odgovaraju zemlji. Prepišite ga s bankovnog izvatka.
field-invalid_bic = BIC ima 8 ili 11 slova i znamenki, npr. STBAMK22XXX.
problem-bank-grantee-only = samo korisnik potpore unosi bankovne podatke
problem-bank-grant-ended = potpora je završila: bankovni podaci više se ne mijenjaju
problem-bank-nothing-pending = nijedna promjena bankovnih podataka ne čeka potvrdu
problem-bank-not-that-change = promjenu koju ste gledali zamijenila je novija: ponovno pročitajte stranicu prije odluke
problem-bank-own-change = vi ste unijeli ovu promjenu: potvrđuje je druga osoba
action-confirm_bank_details = potvrditi ili odbiti promjenu bankovnih podataka
field-outdated = Ovo se promijenilo otkako ste pročitali: pročitajte ponovno.
problem-funding-line-changed = linija financiranja promijenila se otkako ste pročitali pisma (donesena je odluka, stigla je recenzija ili se promijenio proračun): pročitajte ih ponovno
field-too_many = Previše: najviše { $max }.
field-too_short = Najmanje { $min } znakova.
field-out_of_range = Između { $min } i { $max }.
field-out_of_range-min_award = Najmanji iznos ne može biti veći od najvećeg.
field-out_of_range-max_award = Najveći iznos ne može biti veći od proračuna.
field-out_of_range-closes_at = Poziv se mora zatvoriti nakon što se otvori.
field-out_of_range-review-reminder_days_before = Podsjetnik mora stići prije roka, unutar dana koje recenzent ima.
field-invalid_email = Upišite adresu e-pošte, npr. name@library.org.
field-unknown_country = Nije zemlja koju usluga poznaje: upišite njezinu dvoslovnu oznaku, npr. MK.
field-in_the_past = Taj je dan prošao: odaberite danas ili kasnije.
field-unknown_currency = Upišite oznaku valute, npr. EUR.
field-key_reused = Ovaj Idempotency-Key upotrijebljen je za drugi zahtjev: upotrijebite novi.
field-invalid_token = Ova poveznica više ne vrijedi: zatražite novu.
field-not_in_round = Prijedlog nije otvoren za ocjenjivanje u ovom programu.
field-not_on_the_jury = Ovaj recenzent nije u žiriju programa.
field-not_assignable = Ovaj recenzent ne može ocjenjivati ovaj prijedlog (sukob interesa ili izuzeće).
field-unknown_proposal = U ovom programu nema takvog prijedloga.
field-language_not_read = Ovaj recenzent ne čita jezik prijedloga.
field-not_funded = Samo odluka o financiranju sadrži dodijeljeni iznos.
field-funded_not_allowed = Prijedlozi ispod crte stavljaju se na listu čekanja ili se odbijaju.
field-not_plannable = Nijedna crta financiranja ne zadovoljava ova pravila za države uz ovaj proračun.
field-not_a_reviewer = Ova osoba nije recenzent.
field-not_in_force = Ovaj sukob interesa nije na snazi.
field-unknown_state = Ovaj popis ne poznaje takvo stanje.
field-unknown_event = Usluga ne šalje takvu e-poruku.
field-urgent_event = Hitne e-poruke uvijek se šalju odmah, nikad u dnevnom sažetku.
field-invalid_cursor = Ova poveznica na stranicu ne vrijedi: počnite ponovno od prve stranice.
field-unknown_programme = Nema takvog programa.
field-no_deadline = Ovaj korak ne postavlja rok.
field-too_far_ahead = Datum valute je više od mjesec dana unaprijed.
field-not_a_payment = Ovaj korak ne bilježi plaćanje.
field-unmapped_state = Svako stanje aktivne verzije treba imati stanje u novoj.
field-unknown_locale = Usluga ne podržava ovaj jezik.
field-invalid_characters = Ovo sadrži kontrolni, nevidljivi znak ili znak koji mijenja smjer: upišite ponovno bez njega.
field-unknown_area = Usluga ne poznaje takvu državu ili regiju.
field-unknown_time_zone = Ovo nije vremenska zona, kao npr. Europe/Skopje.
field-invalid_key = Upotrijebite od 1 do 64 slova, znamenke, '-' ili '_'.
field-default_locale_missing = Unesite ovaj tekst i na zadanom jeziku programa.
field-currency_mismatch = Iznosi moraju biti u valuti programa.
field-must_be_positive = Više od nule.
field-final_report_missing = Raspored treba sadržavati završno izvješće.
field-final_report_not_last = Završno izvješće mora imati posljednji rok.
field-several_final_reports = Samo jedno završno izvješće.
field-unknown_report = U rasporedu nema takvog izvješća.
field-tranche_template = Udjeli tranši moraju biti cijeli postoci koji zajedno daju 100.
field-invalid_description = Opišite stavku s 1 do 500 znakova.
field-not_a_region = Unesite oznaku regije, npr. BA-SRP, ili je izostavite.
field-region_outside_country = Ova regija nije u državi prijedloga.
field-invalid_name = Navedite osobu, adresu e-pošte ili organizaciju s 1 do 200 znakova.
field-invalid_tag = Ključna riječ ima od 1 do 50 znakova.
field-unknown_indicator = Ovo nije jedan od pokazatelja programa.
field-unknown_budget_line = Ovo nije jedna od proračunskih stavki prijedloga.
field-wrong_currency = Upotrijebite valutu potpore.
field-negative = Troškovi ne mogu biti negativni.
field-unknown_conflict_kind = Usluga ne poznaje takvu vrstu sukoba interesa.
field-unknown_bid = Odaberite: rado, može ili radije ne.
field-unknown_role = Usluga ne poznaje takvu ulogu.
field-area_required = Ova uloga zahtijeva državu ili regiju.
field-area_not_allowed = Ova uloga nije ograničena na državu ili regiju.
field-all_not_applicable = Ocijenite barem jedan kriterij: ne mogu svi biti neprimjenjivi.
field-unknown_criterion = Ovo nije kriterij rubrike za ocjenjivanje programa.
field-not_applicable_not_allowed = Ovaj kriterij ne može se označiti kao neprimjenjiv.
field-empty_rubric = Rubrika za ocjenjivanje treba imati barem jedan kriterij.
field-invalid-payment-reference = Unesite referencu banke (1 do 140 znakova).
field-duplicate = Navedeno dvaput: ostavite jedno.
field-duplicate-code = Drugi program već ima tu oznaku.
problem-body-too-large = zahtjev je veći nego što ova adresa prima
field-required_together = Navedite ovo zajedno s drugim: vrsta objekta i njegov identifikator idu zajedno.
field-before_the_request = Ovaj je dan prije nego što je isplata zatražena: isplata se obavlja nakon odobrenja.
field-set_by_jury_runners = Ovo mijenjaju samo voditelji programa i predsjednik žirija: o tome ovise vaši sukobi interesa.
field-set_by_administrators = Država i organizacija ocjenjivača određuju sukobe interesa: mijenja ih administrator.
problem-second-factor-needed = ovaj račun koristi prijavu u dva koraka: pošaljite kôd iz aplikacije za autentifikaciju kao `code`
problem-second-factor-enrolment-required = vaša uloga mora koristiti prijavu u dva koraka: najprije je postavite (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] ova radnja zahtijeva prijavu u dva koraka, koju vaš račun još nema: najprije je postavite
       *[step_up] ova radnja zahtijeva novi kôd: potvrdite njime (POST /auth/step-up) i pokušajte ponovno u roku od nekoliko minuta
    }
problem-second-factor-already-on = prijava u dva koraka već je uključena; najprije je isključite kako biste je ponovno postavili
problem-second-factor-not-started = najprije započnite postavljanje prijave u dva koraka (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = vaša uloga mora koristiti prijavu u dva koraka: ne može se isključiti
field-wrong_code = Kôd nije točan ili je već iskorišten. Pričekajte sljedeći kôd u aplikaciji i pokušajte ponovno.
problem-admin-only-sessions = samo administrator može završavati tuđe sesije
object-session = sesija
field-wrong_password = Ovo nije vaša trenutačna lozinka.
problem-admin-only-erasure = samo administrator može izbrisati podatke neke osobe
problem-already-erased = podaci ove osobe već su izbrisani
problem-erase-yourself = ne možete izbrisati vlastiti račun; to može drugi administrator
problem-sign-in-provider-failed = prijava računom vaše organizacije nije uspjela; pokušajte ponovno ili se prijavite svojom e-adresom i lozinkom
problem-sign-in-email-unverified = račun vaše organizacije nije potvrdio vašu e-adresu pa se ne može povezati s računom ovdje; prijavite se lozinkom ili zamolite svoju organizaciju da potvrdi adresu
problem-sign-in-account-inactive = ovaj je račun deaktiviran; zamolite administratora da ga ponovno aktivira
object-provider = pružatelj usluge prijave
