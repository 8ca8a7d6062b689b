# Stanja i koraci tokova rada te razlozi zbog kojih je korak blokiran.
# Ključevi i argumenti su objašnjeni u en/workflow.ftl.

## Prijedlozi

proposal-state-draft = Nacrt
proposal-state-submitted = Podnesen
proposal-state-screening = Provjera ispunjenosti uslova
proposal-state-changes_requested = Tražene izmjene
proposal-state-eligible = Ispunjava uslove, spreman za ocjenjivanje
proposal-state-ineligible = Ne ispunjava uslove
proposal-state-withdrawn = Povučen
proposal-state-in_review = U ocjenjivanju
proposal-state-reviewed = Ocijenjen
proposal-state-waitlisted = Na listi čekanja
proposal-state-funded = Finansiran
proposal-state-declined = Odbijen

proposal-step-submit = Podnesi
proposal-step-start_screening = Započni provjeru ispunjenosti uslova
proposal-step-request_changes = Zatraži izmjene
proposal-step-resubmit = Podnesi ponovo
proposal-step-changes_deadline_missed = Zatvori nakon isteka roka za izmjene
proposal-step-mark_eligible = Označi da ispunjava uslove
proposal-step-mark_ineligible = Označi da ne ispunjava uslove
proposal-step-withdraw = Povuci
proposal-step-start_review = Započni ocjenjivanje
proposal-step-complete_review = Završi ocjenjivanje
proposal-step-fund = Finansiraj
proposal-step-waitlist = Stavi na listu čekanja
proposal-step-decline = Odbij

## Grantovi

grant-state-agreement_pending = Ugovor čeka prihvatanje
grant-state-active = Aktivan
grant-state-reporting = Završno izvještavanje
grant-state-closed = Zatvoren
grant-state-terminated = Raskinut

grant-step-accept_agreement = Prihvati ugovor
grant-step-start_reporting = Započni završno izvještavanje
grant-step-close = Zatvori grant
grant-step-terminate = Raskini grant

## Tranše (isplate)

tranche-state-scheduled = Planirana
tranche-state-requested = Isplata zatražena
tranche-state-approved = Odobrena za isplatu
tranche-state-paid = Isplaćena
tranche-state-cancelled = Otkazana

tranche-step-request = Zatraži isplatu
tranche-step-approve = Odobri isplatu
tranche-step-send_back = Vrati na doradu
tranche-step-pay = Evidentiraj isplatu
tranche-step-cancel = Otkaži

## Izvještaji

report-state-scheduled = Planiran
report-state-due = Dospio
report-state-overdue = Kasni
report-state-submitted = Podnesen
report-state-changes_requested = Tražene izmjene
report-state-accepted = Prihvaćen
report-state-cancelled = Otkazan

report-step-open = Otvori za pisanje
report-step-mark_overdue = Označi da kasni
report-step-extend = Rok je pomjeren
report-step-submit = Podnesi izvještaj
report-step-accept = Prihvati izvještaj
report-step-request_changes = Zatraži izmjene
report-step-cancel = Otkaži

## Ko može izvršiti korak

actor-applicant = aplikant
actor-reviewer = recenzent
actor-jury_chair = predsjednik žirija
actor-programme_manager = menadžer programa
actor-ambassador = ambasador
actor-finance = finansijska služba
actor-admin = administrator
actor-owner = autor prijedloga
actor-country_ambassador = ambasador države
actor-grantee = korisnik granta
actor-system = sistem
list-or = ili

## Zašto je korak blokiran

blocked-wrong-state = Korak „{ $step }“ nije moguć u stanju „{ $state }“.
blocked-not-permitted = Korak „{ $step }“ može izvršiti samo { $allowed }.
blocked-unknown-transition = Ovdje nema koraka „{ $transition }“.

guard-call_open = { $case ->
        [not_yet_open] Poziv se otvara { $opens_at }.
       *[closed] Poziv je zatvoren { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Budžetske stavke iznose ukupno { $total }, a traženi iznos je { $requested }.
        [mixed_currencies] Budžetske stavke su u različitim valutama; koristite jednu valutu.
       *[incomplete] Prijedlog nije potpun; nedostaje: { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Navedite državu biblioteke.
       *[not_eligible] Biblioteke iz { $country } ne ispunjavaju uslove za ovaj program.
    }
guard-amount_within_limits = { $case ->
        [missing] Navedite traženi iznos.
        [wrong_currency] Zatražite iznos u { $currency }, valuti programa.
       *[out_of_range] Traženi iznos mora biti između { $min } i { $max }.
    }
guard-comment_given = Napišite komentar u kojem objašnjavate zašto.
guard-decision_recorded = Odluka o finansiranju se evidentira zajedno s pismom (a za finansiranje i s dodijeljenim iznosom) putem obrasca za odluku na stranici prijedloga.
guard-final_report_accepted = { $case ->
        [missing] Grant nema završni izvještaj.
       *[not_accepted] Završni izvještaj je u stanju „{ $report_state }“, a nije prihvaćen.
    }
guard-tranches_settled = Isplate koje još treba izvršiti ili otkazati: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Korisnik granta još nije prihvatio ugovor.
       *[not_running] Grant je u stanju „{ $grant_state }“.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Ugovor još nije prihvaćen.
        [report_not_accepted] Izvještaj „{ $report }“ još nije prihvaćen.
        [not_started] Grant još nije počeo.
       *[too_early] Isplata se može zatražiti od { $requestable_on }.
    }
guard-not_requester = Vi ste zatražili ovu isplatu; mora je odobriti drugi korisnik iz finansijske službe.
guard-report_complete = Izvještaj nije potpun; nedostaje: { $missing }.

# Dijelovi obrasca koji nedostaju.
form-part-title = naslov
form-part-summary = sažetak
form-part-problem = problem
form-part-proposed_service = predložena usluga
form-part-target_group = ciljna grupa
form-part-planned_activities = planirane aktivnosti
form-part-organisation = organizacija
form-part-requested_amount = traženi iznos
form-part-country = država
form-part-language = jezik
form-part-budget_lines = budžetske stavke
form-part-narrative = priča o projektu
form-part-activities = aktivnosti
guard-second_factor_fresh = { $case ->
        [enrol] Za plaćanje i odobravanje potrebna je prijava u dva koraka: postavite je u odjeljku Sigurnost prijave.
       *[step_up] Potvrdite novim kodom iz aplikacije za autentifikaciju.
    }
