# Zavrnitve in napake: kaj povedo problem+json API-ja (title, detail) in
# strani, ko je zahteva zavrnjena. Ključi in argumenti so pojasnjeni v
# en/errors.ftl.

## Naslov težave: stanje HTTP z besedami.
status-400 = Neveljavna zahteva
status-401 = Potrebna je prijava
status-403 = Ni dovoljeno
status-404 = Ni najdeno
status-409 = Trenutno ni mogoče
status-413 = Preveliko
status-415 = Nepodprta vrsta
status-422 = Neveljavni podatki
status-428 = Potrebna je različica
status-429 = Preveč poskusov
status-500 = Notranja napaka

## Napake vseh vrst.
problem-unauthenticated = potrebna je prijava
problem-invalid-credentials = e-poštni naslov ali geslo ni pravilno
problem-locked-out = preveč neuspešnih prijav; poskusite znova čez { $retry_after_secs } s
problem-not-found = ni najdeno: { $what }
problem-validation = { $count ->
    [one] { $count } polje ni veljavno
    [two] { $count } polji nista veljavni
    [few] { $count } polja niso veljavna
   *[other] neveljavna polja: { $count }
}
problem-duplicate = vrednost za »{ $field }« je že zasedena
problem-stale-revision = { $what }: nekdo drug je medtem naredil spremembe; naložite trenutno različico (št. { $current })
problem-revision-required = pošljite različico, ki jo urejate (glava If-Match ali polje `revision`)
problem-unreadable = zahteve ni bilo mogoče prebrati: { $why }
problem-internal = na naši strani je prišlo do napake; napaka je zabeležena
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = vsebino zahteve pošljite kot { $expected }
problem-no-such-resource = tak vir ne obstaja

## Zavrnitve: manjka vloga ali razmerje (403).
problem-role-required = samo { $roles } { $action }
problem-owner-only = samo prijavitelj, ki mu predlog pripada, { $action }
problem-grantee-only-writes = poročilo piše samo prejemnik sredstev
problem-admin-only-roles = samo skrbnik lahko spreminja vloge ali deaktivira račune
problem-reviews-after-own = preden preberete ocene drugih, oddajte svojo
problem-reviews-not-shared = v tem programu ocenjevalci ne vidijo ocen drug drugega
problem-reviews-readers = ocene berejo samo žirija in po odločitvi prijavitelj

## Zavrnitve: stanje tega zdaj ne dovoljuje (409).
problem-call-closed = razpis je zaprt; rok za oddajo je potekel: { $closes_at }
problem-programme-archived = program je arhiviran in ne sprejema predlogov
problem-programme-archived-edit = arhiviranega programa ni mogoče urejati; najprej ga obnovite
problem-proposal-not-changeable = predlog je mogoče spreminjati samo kot osnutek ali ko so zahtevane spremembe; zdaj je v stanju »{ $proposal_state }«
problem-no-requested-amount = v predlogu ni zaprošenega zneska
problem-report-closed = poročilo je v stanju »{ $report_state }« in ga ni več mogoče spreminjati
problem-report-not-owed = poročilo je v stanju »{ $report_state }«; nov rok je mogoče določiti samo za poročilo, ki še ni oddano
problem-assignment-preview-stale = dodelitve, profili, izraženo zanimanje, nasprotja interesov ali predlogi so se po tem predogledu spremenili; naredite nov predogled
problem-assignment-proposal-state = ocenjevalci se dodeljujejo upravičenim predlogom ali predlogom v ocenjevanju; ta je v stanju »{ $proposal_state }«
problem-reviewer-conflicted = ocenjevalec je v nasprotju interesov s tem predlogom ({ $kinds })
problem-reviewer-at-cap = ocenjevalec je dosegel največjo dovoljeno obremenitev ({ $cap })
problem-reviewer-declined = ocenjevalec je ta predlog zavrnil
problem-assignment-already = naloga je že v stanju »{ $assignment_state }«
problem-assignment-is = naloga je v stanju »{ $assignment_state }«
problem-review-submitted-chair-reopens = ocena je oddana; predsednik žirije jo mora najprej znova odpreti
problem-review-submitted = ocena je oddana; znova jo lahko odpre samo predsednik žirije
problem-review-not-saved = oceno shranite, preden jo oddate
problem-review-already-submitted = ocena je že oddana
problem-review-not-submitted = znova je mogoče odpreti samo oddano oceno
problem-review-off-rubric = oddana ocena ne ustreza več merilom za ocenjevanje v programu (spremenjena so bila po začetku ocenjevanja); to oceno znova odprite
problem-bid-needs-profile = preden izrazite zanimanje, shranite svoj profil ocenjevalca za ta program
problem-bid-proposal-state = zanimanje je mogoče izraziti, dokler predlog čaka na dodelitev ocenjevalcev; ta je v stanju »{ $proposal_state }«
problem-self-deactivation = sebe ne morete deaktivirati niti si odvzeti skrbniške vloge; prosite drugega skrbnika
problem-attachments-full = { $kind }: največje dovoljeno število prilog je { $max }; preden dodate novo, eno odstranite
problem-workflow-version-unknown = potek dela »{ $workflow_name }« nima registrirane različice { $version }
problem-outbox-message-state = sporočila v stanju »{ $message_state }« ni mogoče { $action }
problem-idempotency-in-flight = zahteva s tem Idempotency-Key se še obdeluje; kmalu poskusite znova

## Kaj zavrnitev imenuje: predmeti storitve.
object-assignment = naloga ocenjevanja
object-attachment = priloga
object-grant = nepovratna sredstva
object-ledger-entry = vnos v glavni knjigi
object-outbox-message = sporočilo v odhodni pošti
object-programme = program
object-proposal = predlog
object-record = zapis
object-report = poročilo
object-review = ocena
object-reviewer-profile = profil ocenjevalca
object-tranche = obrok
object-user = uporabnik
object-workflow-with-instances = potek dela z instancami

## Česa oseba ne sme storiti (dopolnjuje »samo …«, zato vrednosti vsebujejo »lahko«);
## `action-retry` in `action-cancel` dopolnjujeta »sporočila … ni mogoče …«.
action-add_or_remove_its_attachments = lahko dodaja ali odstranjuje njegove priloge
action-add_reviewers_to_the_jury = lahko dodaja ocenjevalce v žirijo
action-archive_programmes = lahko arhivira programe
action-assign_reviewers = lahko dodeljuje ocenjevalce
action-bid_on_proposals = lahko izraža zanimanje za ocenjevanje predlogov
action-cancel = preklicati
action-create_programmes = lahko ustvarja programe
action-create_users = lahko ustvarja uporabniške račune
action-declare_a_conflict_of_interest = lahko prijavi nasprotje interesov
action-edit_it = ga lahko ureja
action-edit_programmes = lahko ureja programe
action-export_the_ledger = lahko izvozi glavno knjigo
action-export_the_payments = lahko izvozi izplačila
action-lift_a_conflict_of_interest = lahko odpravi nasprotje interesov
action-list_users = lahko vidi seznam uporabnikov
action-manage_programmes = lahko upravlja programe
action-manage_the_outbox = lahko upravlja odhodno pošto
action-move_a_report_s_due_date = lahko prestavi rok poročila
action-preview_emails = si lahko pred pošiljanjem ogleda e-poštna sporočila
action-preview_the_funding_line = si lahko ogleda predogled meje financiranja
action-read_the_audit_trail = lahko bere revizijsko sled
action-read_the_impact_summary = lahko bere povzetek učinka
action-read_the_ledger = lahko bere glavno knjigo
action-read_the_outbox = lahko bere odhodno pošto
action-read_the_workflow_definitions = lahko bere definicije potekov dela
action-record_a_conflict_for_another_reviewer = lahko zabeleži nasprotje interesov za drugega ocenjevalca
action-record_funding_decisions = lahko beleži odločitve o financiranju
action-remove_reviewers = lahko odstranjuje ocenjevalce
action-reopen_a_review = lahko znova odpre oceno
action-retry = znova poslati
action-run_reviewer_assignment = lahko zažene dodelitev ocenjevalcev
action-see_bids = lahko vidi zanimanje ocenjevalcev
action-see_conflicts_of_interest = lahko vidi nasprotja interesov
action-see_the_assignments = lahko vidi dodelitve
action-see_the_jury = lahko vidi žirijo
action-see_the_ranking = lahko vidi razvrstitev
action-verify_the_audit_trail = lahko preveri revizijsko sled
action-write_proposals = lahko piše predloge

## Zavrnjene naložene datoteke.
problem-too_large = datoteka je večja od { $limit } bajtov, kolikor jih dovoljuje ta program
problem-empty = datoteka je prazna
problem-unsupported_type = datoteke te vrste niso sprejete (vsebina je { $detected }); priložite PDF, sliko PNG, JPEG, GIF ali WebP, pisarniški dokument (docx, xlsx, pptx, odt, ods, odp) ali navadno besedilo oz. CSV v UTF-8
problem-type_mismatch = datoteka je bila poslana kot { $declared }, vendar je njena vsebina { $detected }
field-required = Izpolnite to.
field-too_long = Največ { $max } znakov.
field-invalid_amount = Vpišite znesek, kot je { $whole } ali { $decimal }.
field-invalid_iban = To ni veljaven IBAN: kontrolni števki ali dolžina se ne ujemajo z državo. Prepišite ga z bančnega izpiska.
field-invalid_bic = BIC ima 8 ali 11 črk in števk, npr. STBAMK22XXX.
problem-bank-grantee-only = bančne podatke vnese le prejemnik
problem-bank-grant-ended = nepovratna sredstva so zaključena: bančni podatki se ne spreminjajo več
problem-bank-nothing-pending = nobena sprememba bančnih podatkov ne čaka na potrditev
problem-bank-not-that-change = spremembo, ki ste jo gledali, je nadomestila novejša: pred odločitvijo znova preberite stran
problem-bank-own-change = to spremembo ste vnesli vi: potrdi jo druga oseba
action-confirm_bank_details = lahko potrdi ali zavrne spremembo bančnih podatkov
field-outdated = To se je spremenilo, odkar ste prebrali: preberite znova.
problem-funding-line-changed = črta financiranja se je spremenila, odkar ste prebrali obvestila (sprejeta je bila odločitev, prispela je ocena ali se je spremenil proračun): preberite jih znova
field-too_many = Preveč: največ { $max }.
field-too_short = Vsaj { $min } znakov.
field-out_of_range = Med { $min } in { $max }.
field-out_of_range-min_award = Najmanjši znesek ne sme biti večji od največjega.
field-out_of_range-max_award = Največji znesek ne sme biti večji od proračuna.
field-out_of_range-closes_at = Poziv se mora zapreti po tem, ko se odpre.
field-out_of_range-review-reminder_days_before = Opomnik mora priti pred rokom, v dneh, ki jih ima ocenjevalec.
field-invalid_email = Vpišite e-poštni naslov, npr. name@library.org.
field-unknown_country = Ni država, ki jo storitev pozna: vpišite njeno dvočrkovno oznako, npr. MK.
field-in_the_past = Ta dan je minil: izberite danes ali pozneje.
field-unknown_currency = Vpišite oznako valute, npr. EUR.
field-key_reused = Ta Idempotency-Key je bil uporabljen za drugo zahtevo: uporabite novega.
field-invalid_token = Ta povezava ni več veljavna: zahtevajte novo.
field-not_in_round = Predlog ni odprt za ocenjevanje v tem programu.
field-not_on_the_jury = Ta ocenjevalec ni v žiriji programa.
field-not_assignable = Ta ocenjevalec ne more ocenjevati tega predloga (nasprotje interesov ali izločitev).
field-unknown_proposal = V tem programu ni takega predloga.
field-language_not_read = Ta ocenjevalec ne bere jezika predloga.
field-not_funded = Le odločitev o financiranju vsebuje dodeljeni znesek.
field-funded_not_allowed = Predlogi pod črto se uvrstijo na čakalni seznam ali zavrnejo.
field-not_plannable = Nobena črta financiranja ne izpolnjuje teh pravil za države s tem proračunom.
field-not_a_reviewer = Ta oseba ni ocenjevalec.
field-not_in_force = To nasprotje interesov ne velja.
field-unknown_state = Ta seznam ne pozna takega stanja.
field-unknown_event = Storitev ne pošilja takega e-sporočila.
field-urgent_event = Nujna e-sporočila so vedno poslana takoj, nikoli v dnevnem povzetku.
field-invalid_cursor = Ta povezava do strani ni veljavna: začnite znova na prvi strani.
field-unknown_programme = Takega programa ni.
field-no_deadline = Ta korak ne določa roka.
field-too_far_ahead = Datum valute je več kot mesec dni vnaprej.
field-not_a_payment = Ta korak ne beleži plačila.
field-unmapped_state = Vsako stanje trenutne različice potrebuje stanje v novi.
field-unknown_locale = Storitev ne podpira tega jezika.
field-invalid_characters = To vsebuje kontrolni, neviden znak ali znak, ki spremeni smer: vpišite znova brez njega.
field-unknown_area = Storitev ne pozna take države ali regije.
field-unknown_time_zone = To ni časovni pas, kot je Europe/Skopje.
field-invalid_key = Uporabite od 1 do 64 črk, števk, '-' ali '_'.
field-default_locale_missing = Vnesite to besedilo tudi v privzetem jeziku programa.
field-currency_mismatch = Zneski morajo biti v valuti programa.
field-must_be_positive = Več kot nič.
field-final_report_missing = Razpored potrebuje končno poročilo.
field-final_report_not_last = Končno poročilo mora imeti zadnji rok.
field-several_final_reports = Samo eno končno poročilo.
field-unknown_report = V razporedu ni takega poročila.
field-tranche_template = Deleži tranš morajo biti celi odstotki s skupno vsoto 100.
field-invalid_description = Opišite postavko z 1 do 500 znaki.
field-not_a_region = Vnesite oznako regije, npr. BA-SRP, ali jo izpustite.
field-region_outside_country = Ta regija ni v državi predloga.
field-invalid_name = Navedite osebo, e-poštni naslov ali organizacijo z 1 do 200 znaki.
field-invalid_tag = Ključna beseda ima od 1 do 50 znakov.
field-unknown_indicator = To ni eden od kazalnikov programa.
field-unknown_budget_line = To ni ena od proračunskih postavk predloga.
field-wrong_currency = Uporabite valuto nepovratnih sredstev.
field-negative = Stroški ne smejo biti negativni.
field-unknown_conflict_kind = Storitev ne pozna takšne vrste nasprotja interesov.
field-unknown_bid = Izberite: z veseljem, lahko ali raje ne.
field-unknown_role = Storitev ne pozna take vloge.
field-area_required = Ta vloga zahteva državo ali regijo.
field-area_not_allowed = Ta vloga ni omejena na državo ali regijo.
field-all_not_applicable = Ocenite vsaj eno merilo: vsa ne morejo biti neuporabna.
field-unknown_criterion = To ni merilo ocenjevalne rubrike programa.
field-not_applicable_not_allowed = Tega merila ni mogoče označiti kot neuporabnega.
field-empty_rubric = Ocenjevalna rubrika potrebuje vsaj eno merilo.
field-invalid-payment-reference = Vnesite sklic banke (1 do 140 znakov).
field-duplicate = Navedeno dvakrat: obdržite enega.
field-duplicate-code = To oznako že ima drug program.
problem-body-too-large = zahteva je večja, kot jo ta naslov sprejme
field-required_together = Navedite to skupaj z drugim: vrsta predmeta in njen identifikator gresta skupaj.
field-before_the_request = Ta dan je pred zahtevo za izplačilo: izplačilo se izvede po odobritvi.
field-set_by_jury_runners = To spreminjajo le vodje programa in predsednik žirije: od tega so odvisna vaša navzkrižja interesov.
field-set_by_administrators = Država in organizacija ocenjevalca določata navzkrižja interesov: spremeni ju skrbnik.
problem-second-factor-needed = ta račun uporablja prijavo v dveh korakih: pošljite kodo iz aplikacije za preverjanje pristnosti kot `code`
problem-second-factor-enrolment-required = vaša vloga mora uporabljati prijavo v dveh korakih: najprej jo nastavite (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] to dejanje zahteva prijavo v dveh korakih, ki je vaš račun še nima: najprej jo nastavite
       *[step_up] to dejanje zahteva novo kodo: potrdite z njo (POST /auth/step-up) in poskusite znova v nekaj minutah
    }
problem-second-factor-already-on = prijava v dveh korakih je že vklopljena; najprej jo izklopite, da jo lahko znova nastavite
problem-second-factor-not-started = najprej začnite nastavljati prijavo v dveh korakih (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = vaša vloga mora uporabljati prijavo v dveh korakih: ni je mogoče izklopiti
field-wrong_code = Koda ni pravilna ali je bila že uporabljena. Počakajte na naslednjo kodo v aplikaciji in poskusite znova.
problem-admin-only-sessions = samo skrbnik lahko konča seje druge osebe
object-session = seja
field-wrong_password = To ni vaše trenutno geslo.
problem-admin-only-erasure = samo skrbnik lahko izbriše podatke osebe
problem-already-erased = podatki te osebe so že izbrisani
problem-erase-yourself = svojega računa ne morete izbrisati; to lahko stori drug skrbnik
problem-sign-in-provider-failed = prijava z računom vaše organizacije ni uspela; poskusite znova ali pa se prijavite s svojim e-poštnim naslovom in geslom
problem-sign-in-email-unverified = račun vaše organizacije ni potrdil vašega e-poštnega naslova, zato ga ni mogoče povezati z računom tukaj; prijavite se z geslom ali pa prosite svojo organizacijo, naj potrdi naslov
problem-sign-in-account-inactive = ta račun je deaktiviran; prosite skrbnika, naj ga znova aktivira
object-provider = ponudnik prijave
