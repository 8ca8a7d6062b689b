# Stanja i koraci tijekova rada te razlozi zbog kojih je korak blokiran.
# Ključevi i argumenti objašnjeni su u en/workflow.ftl.

## Prijedlozi

proposal-state-draft = Nacrt
proposal-state-submitted = Predan
proposal-state-screening = Provjera prihvatljivosti
proposal-state-changes_requested = Zatražene izmjene
proposal-state-eligible = Prihvatljiv, spreman za recenziju
proposal-state-ineligible = Neprihvatljiv
proposal-state-withdrawn = Povučen
proposal-state-in_review = U recenziji
proposal-state-reviewed = Recenziran
proposal-state-waitlisted = Na listi čekanja
proposal-state-funded = Financiran
proposal-state-declined = Odbijen

proposal-step-submit = Predaj
proposal-step-start_screening = Započni provjeru prihvatljivosti
proposal-step-request_changes = Zatraži izmjene
proposal-step-resubmit = Predaj ponovno
proposal-step-changes_deadline_missed = Zatvori nakon isteka roka za izmjene
proposal-step-mark_eligible = Označi kao prihvatljiv
proposal-step-mark_ineligible = Označi kao neprihvatljiv
proposal-step-withdraw = Povuci
proposal-step-start_review = Započni recenziju
proposal-step-complete_review = Završi recenziju
proposal-step-fund = Financiraj
proposal-step-waitlist = Stavi na listu čekanja
proposal-step-decline = Odbij

## Potpore

grant-state-agreement_pending = Ugovor čeka prihvaćanje
grant-state-active = Aktivna
grant-state-reporting = Završno izvješćivanje
grant-state-closed = Zatvorena
grant-state-terminated = Raskinuta

grant-step-accept_agreement = Prihvati ugovor
grant-step-start_reporting = Započni završno izvješćivanje
grant-step-close = Zatvori potporu
grant-step-terminate = Raskini potporu

## Obroci (isplate)

tranche-state-scheduled = Planiran
tranche-state-requested = Isplata zatražena
tranche-state-approved = Odobren za isplatu
tranche-state-paid = Isplaćen
tranche-state-cancelled = Otkazan

tranche-step-request = Zatraži isplatu
tranche-step-approve = Odobri isplatu
tranche-step-send_back = Vrati na doradu
tranche-step-pay = Zabilježi isplatu
tranche-step-cancel = Otkaži

## Izvješća

report-state-scheduled = Planirano
report-state-due = Dospjelo
report-state-overdue = Kasni
report-state-submitted = Predano
report-state-changes_requested = Zatražene izmjene
report-state-accepted = Prihvaćeno
report-state-cancelled = Otkazano

report-step-open = Otvori za pisanje
report-step-mark_overdue = Označi da kasni
report-step-extend = Rok je pomaknut
report-step-submit = Predaj izvješće
report-step-accept = Prihvati izvješće
report-step-request_changes = Zatraži izmjene
report-step-cancel = Otkaži

## Tko može izvršiti korak

actor-applicant = prijavitelj
actor-reviewer = recenzent
actor-jury_chair = predsjednik žirija
actor-programme_manager = voditelj programa
actor-ambassador = ambasador
actor-finance = financijska služba
actor-admin = administrator
actor-owner = autor prijedloga
actor-country_ambassador = ambasador države
actor-grantee = korisnik potpore
actor-system = sustav
list-or = ili

## Zašto je korak blokiran

blocked-wrong-state = Korak „{ $step }” nije moguć u stanju „{ $state }”.
blocked-not-permitted = Korak „{ $step }” može izvršiti samo { $allowed }.
blocked-unknown-transition = Ovdje nema koraka „{ $transition }”.

guard-call_open = { $case ->
        [not_yet_open] Poziv se otvara { $opens_at }.
       *[closed] Poziv je zatvoren { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Proračunske stavke iznose ukupno { $total }, a traženi iznos je { $requested }.
        [mixed_currencies] Proračunske stavke su u različitim valutama; koristite jednu valutu.
       *[incomplete] Prijedlog nije potpun; nedostaje: { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Navedite državu knjižnice.
       *[not_eligible] Knjižnice iz { $country } nisu prihvatljive za ovaj program.
    }
guard-amount_within_limits = { $case ->
        [missing] Navedite traženi iznos.
        [wrong_currency] Zatražite iznos u { $currency }, valuti programa.
       *[out_of_range] Traženi iznos mora biti između { $min } i { $max }.
    }
guard-comment_given = Napišite komentar u kojem objašnjavate zašto.
guard-decision_recorded = Odluka o financiranju bilježi se zajedno s pismom (a za financiranje i s dodijeljenim iznosom) putem obrasca za odluku na stranici prijedloga.
guard-final_report_accepted = { $case ->
        [missing] Potpora nema završno izvješće.
       *[not_accepted] Završno izvješće je u stanju „{ $report_state }”, a nije prihvaćeno.
    }
guard-tranches_settled = Isplate koje još treba izvršiti ili otkazati: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Korisnik potpore još nije prihvatio ugovor.
       *[not_running] Potpora je u stanju „{ $grant_state }”.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Ugovor još nije prihvaćen.
        [report_not_accepted] Izvješće „{ $report }” još nije prihvaćeno.
        [not_started] Potpora još nije započela.
       *[too_early] Isplata se može zatražiti od { $requestable_on }.
    }
guard-not_requester = Vi ste zatražili ovu isplatu; mora je odobriti drugi korisnik iz financijske službe.
guard-report_complete = Izvješće nije potpuno; nedostaje: { $missing }.

# Dijelovi obrasca koji nedostaju.
form-part-title = naslov
form-part-summary = sažetak
form-part-problem = problem
form-part-proposed_service = predložena usluga
form-part-target_group = ciljna skupina
form-part-planned_activities = planirane aktivnosti
form-part-organisation = organizacija
form-part-requested_amount = traženi iznos
form-part-country = država
form-part-language = jezik
form-part-budget_lines = proračunske stavke
form-part-narrative = priča o projektu
form-part-activities = aktivnosti
guard-second_factor_fresh = { $case ->
        [enrol] Za plaćanje i odobravanje potrebna je prijava u dva koraka: postavite je u odjeljku Sigurnost prijave.
       *[step_up] Potvrdite novim kôdom iz aplikacije za autentifikaciju.
    }
