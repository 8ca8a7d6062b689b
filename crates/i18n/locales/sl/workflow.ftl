# Stanja in koraki potekov dela ter razlogi, zakaj je korak blokiran.
# Ključi in argumenti so pojasnjeni v en/workflow.ftl.

## Predlogi

proposal-state-draft = Osnutek
proposal-state-submitted = Oddan
proposal-state-screening = Preverjanje upravičenosti
proposal-state-changes_requested = Zahtevane spremembe
proposal-state-eligible = Upravičen, pripravljen za ocenjevanje
proposal-state-ineligible = Neupravičen
proposal-state-withdrawn = Umaknjen
proposal-state-in_review = V ocenjevanju
proposal-state-reviewed = Ocenjen
proposal-state-waitlisted = Na čakalnem seznamu
proposal-state-funded = Financiran
proposal-state-declined = Zavrnjen

proposal-step-submit = Oddaj
proposal-step-start_screening = Začni preverjanje upravičenosti
proposal-step-request_changes = Zahtevaj spremembe
proposal-step-resubmit = Znova oddaj
proposal-step-changes_deadline_missed = Zaključi po izteku roka za spremembe
proposal-step-mark_eligible = Označi kot upravičen
proposal-step-mark_ineligible = Označi kot neupravičen
proposal-step-withdraw = Umakni
proposal-step-start_review = Začni ocenjevanje
proposal-step-complete_review = Zaključi ocenjevanje
proposal-step-fund = Financiraj
proposal-step-waitlist = Uvrsti na čakalni seznam
proposal-step-decline = Zavrni

## Nepovratna sredstva

grant-state-agreement_pending = Pogodba čaka na sprejetje
grant-state-active = V izvajanju
grant-state-reporting = Končno poročanje
grant-state-closed = Zaključeno
grant-state-terminated = Prekinjeno

grant-step-accept_agreement = Sprejmi pogodbo
grant-step-start_reporting = Začni končno poročanje
grant-step-close = Zaključi dodelitev sredstev
grant-step-terminate = Prekini dodelitev sredstev

## Obroki (izplačila)

tranche-state-scheduled = Načrtovan
tranche-state-requested = Izplačilo zahtevano
tranche-state-approved = Odobren za izplačilo
tranche-state-paid = Izplačan
tranche-state-cancelled = Preklican

tranche-step-request = Zahtevaj izplačilo
tranche-step-approve = Odobri izplačilo
tranche-step-send_back = Vrni v dopolnitev
tranche-step-pay = Zabeleži izplačilo
tranche-step-cancel = Prekliči

## Poročila

report-state-scheduled = Načrtovano
report-state-due = Čaka na oddajo
report-state-overdue = Zamuja
report-state-submitted = Oddano
report-state-changes_requested = Zahtevane spremembe
report-state-accepted = Sprejeto
report-state-cancelled = Preklicano

report-step-open = Odpri za pisanje
report-step-mark_overdue = Označi kot zamujeno
report-step-extend = Rok podaljšan
report-step-submit = Oddaj poročilo
report-step-accept = Sprejmi poročilo
report-step-request_changes = Zahtevaj spremembe
report-step-cancel = Prekliči

## Kdo lahko izvede korak: vloge, razmerja do predmeta in sistem

actor-applicant = prijavitelj
actor-reviewer = ocenjevalec
actor-jury_chair = predsednik žirije
actor-programme_manager = vodja programa
actor-ambassador = ambasador
actor-finance = finančna služba
actor-admin = skrbnik
actor-owner = avtor predloga
actor-country_ambassador = ambasador države
actor-grantee = prejemnik sredstev
actor-system = sistem
list-or = ali

## Zakaj je korak blokiran

blocked-wrong-state = Korak »{ $step }« ni mogoč, ko je stanje »{ $state }«.
blocked-not-permitted = Korak »{ $step }« lahko izvede samo { $allowed }.
blocked-unknown-transition = Tukaj ni koraka »{ $transition }«.

guard-call_open = { $case ->
        [not_yet_open] Razpis še ni odprt. Začetek: { $opens_at }.
       *[closed] Razpis je zaprt. Rok za oddajo je potekel: { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Vsota proračunskih postavk je { $total }, zaprošeni znesek pa { $requested }.
        [mixed_currencies] Proračunske postavke so v različnih valutah; uporabite eno samo valuto.
       *[incomplete] Predlog ni popoln; izpolnite: { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Navedite državo knjižnice.
       *[not_eligible] Knjižnice iz države { $country } niso upravičene do tega programa.
    }
guard-amount_within_limits = { $case ->
        [missing] Navedite zaprošeni znesek.
        [wrong_currency] Za sredstva zaprosite v valuti { $currency }, ki je valuta programa.
       *[out_of_range] Zaprošeni znesek mora biti med { $min } in { $max }.
    }
guard-comment_given = Napišite komentar z obrazložitvijo.
guard-decision_recorded = Odločitev o financiranju se zabeleži skupaj z dopisom (pri financiranju pa tudi z dodeljenim zneskom) prek obrazca za odločitev na strani predloga.
guard-final_report_accepted = { $case ->
        [missing] Končnega poročila ni.
       *[not_accepted] Končno poročilo je v stanju »{ $report_state }« in ni sprejeto.
    }
guard-tranches_settled = Izplačila, ki jih je treba še izvesti ali preklicati: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Prejemnik sredstev še ni sprejel pogodbe.
       *[not_running] Nepovratna sredstva so v stanju »{ $grant_state }«.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Pogodba še ni sprejeta.
        [report_not_accepted] Poročilo »{ $report }« še ni sprejeto.
        [not_started] Obdobje financiranja se še ni začelo.
       *[too_early] Izplačila še ni mogoče zahtevati. Najzgodnejši datum zahteve: { $requestable_on }.
    }
guard-not_requester = To izplačilo ste zahtevali vi; odobriti ga mora drug uporabnik iz finančne službe.
guard-report_complete = Poročilo ni popolno; manjka: { $missing }.

# Deli obrazca, ki manjkajo.
form-part-title = naslov
form-part-summary = povzetek
form-part-problem = težava
form-part-proposed_service = predlagana storitev
form-part-target_group = ciljna skupina
form-part-planned_activities = načrtovane dejavnosti
form-part-organisation = organizacija
form-part-requested_amount = zaprošeni znesek
form-part-country = država
form-part-language = jezik
form-part-budget_lines = proračunske postavke
form-part-narrative = zgodba projekta
form-part-activities = dejavnosti
guard-second_factor_fresh = { $case ->
        [enrol] Za plačevanje in odobravanje je potrebna prijava v dveh korakih: nastavite jo v razdelku Varnost prijave.
       *[step_up] Potrdite z novo kodo iz aplikacije za preverjanje pristnosti.
    }
