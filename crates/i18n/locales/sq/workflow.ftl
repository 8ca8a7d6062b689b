# Gjendjet dhe hapat e rrjedhave të punës, dhe arsyet pse një hap është i bllokuar.
# Çelësat dhe argumentet shpjegohen te en/workflow.ftl.

## Propozimet

proposal-state-draft = Skicë
proposal-state-submitted = I dorëzuar
proposal-state-screening = Verifikimi i pranueshmërisë
proposal-state-changes_requested = Kërkohen ndryshime
proposal-state-eligible = I pranueshëm, gati për vlerësim
proposal-state-ineligible = I papranueshëm
proposal-state-withdrawn = I tërhequr
proposal-state-in_review = Në vlerësim
proposal-state-reviewed = I vlerësuar
proposal-state-waitlisted = Në listën e pritjes
proposal-state-funded = I financuar
proposal-state-declined = I refuzuar

proposal-step-submit = Dorëzo
proposal-step-start_screening = Fillo verifikimin e pranueshmërisë
proposal-step-request_changes = Kërko ndryshime
proposal-step-resubmit = Dorëzo sërish
proposal-step-changes_deadline_missed = Mbyll pasi kaloi afati për ndryshime
proposal-step-mark_eligible = Shëno si të pranueshëm
proposal-step-mark_ineligible = Shëno si të papranueshëm
proposal-step-withdraw = Tërhiq
proposal-step-start_review = Fillo vlerësimin
proposal-step-complete_review = Mbyll vlerësimin
proposal-step-fund = Financo
proposal-step-waitlist = Vendos në listën e pritjes
proposal-step-decline = Refuzo

## Grantet

grant-state-agreement_pending = Marrëveshja pret pranimin
grant-state-active = Aktiv
grant-state-reporting = Raportimi përfundimtar
grant-state-closed = I mbyllur
grant-state-terminated = I ndërprerë

grant-step-accept_agreement = Prano marrëveshjen
grant-step-start_reporting = Fillo raportimin përfundimtar
grant-step-close = Mbyll grantin
grant-step-terminate = Ndërprit grantin

## Këstet (pagesat)

tranche-state-scheduled = I planifikuar
tranche-state-requested = Pagesa u kërkua
tranche-state-approved = I miratuar për pagesë
tranche-state-paid = I paguar
tranche-state-cancelled = I anuluar

tranche-step-request = Kërko pagesën
tranche-step-approve = Mirato pagesën
tranche-step-send_back = Kthe mbrapsht
tranche-step-pay = Regjistro pagesën
tranche-step-cancel = Anulo

## Raportet

report-state-scheduled = I planifikuar
report-state-due = Për t’u dorëzuar
report-state-overdue = Me vonesë
report-state-submitted = I dorëzuar
report-state-changes_requested = Kërkohen ndryshime
report-state-accepted = I pranuar
report-state-cancelled = I anuluar

report-step-open = Hap për shkrim
report-step-mark_overdue = Shëno me vonesë
report-step-extend = Afati u shty
report-step-submit = Dorëzo raportin
report-step-accept = Prano raportin
report-step-request_changes = Kërko ndryshime
report-step-cancel = Anulo

## Kush mund ta kryejë një hap

actor-applicant = aplikuesi
actor-reviewer = një vlerësues
actor-jury_chair = kryetari i jurisë
actor-programme_manager = menaxheri i programit
actor-ambassador = ambasadori
actor-finance = financat
actor-admin = një administrator
actor-owner = autori i propozimit
actor-country_ambassador = ambasadori i vendit
actor-grantee = përfituesi i grantit
actor-system = sistemi
list-or = ose

## Pse hapi është i bllokuar

blocked-wrong-state = Hapi “{ $step }” nuk është i mundur në gjendjen “{ $state }”.
blocked-not-permitted = Hapin “{ $step }” mund ta kryejë vetëm { $allowed }.
blocked-unknown-transition = Këtu nuk ka hap “{ $transition }”.

guard-call_open = { $case ->
        [not_yet_open] Thirrja hapet më { $opens_at }.
       *[closed] Thirrja u mbyll më { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Zërat e buxhetit arrijnë gjithsej { $total }, ndërsa shuma e kërkuar është { $requested }.
        [mixed_currencies] Zërat e buxhetit janë në monedha të ndryshme; përdorni një monedhë të vetme.
       *[incomplete] Propozimi nuk është i plotë; mungojnë: { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Jepni vendin e bibliotekës.
       *[not_eligible] Bibliotekat në { $country } nuk janë të pranueshme për këtë program.
    }
guard-amount_within_limits = { $case ->
        [missing] Jepni shumën e kërkuar.
        [wrong_currency] Kërkoni shumën në { $currency }, monedhën e programit.
       *[out_of_range] Shuma e kërkuar duhet të jetë ndërmjet { $min } dhe { $max }.
    }
guard-comment_given = Shkruani një koment që shpjegon arsyen.
guard-decision_recorded = Vendimi për financim regjistrohet bashkë me letrën (dhe, për financim, me shumën e dhënë) përmes formularit të vendimit në faqen e propozimit.
guard-final_report_accepted = { $case ->
        [missing] Granti nuk ka raport përfundimtar.
       *[not_accepted] Raporti përfundimtar është në gjendjen “{ $report_state }”, jo i pranuar.
    }
guard-tranches_settled = Pagesa që ende duhen kryer ose anuluar: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Përfituesi i grantit nuk e ka pranuar ende marrëveshjen.
       *[not_running] Granti është në gjendjen “{ $grant_state }”.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Marrëveshja nuk është pranuar ende.
        [report_not_accepted] Raporti “{ $report }” nuk është pranuar ende.
        [not_started] Granti nuk ka filluar ende.
       *[too_early] Pagesa mund të kërkohet nga { $requestable_on }.
    }
guard-not_requester = Ju e kërkuat këtë pagesë; duhet ta miratojë një përdorues tjetër i financave.
guard-report_complete = Raporti nuk është i plotë; mungojnë: { $missing }.

# Pjesët e formularit që mungojnë.
form-part-title = titulli
form-part-summary = përmbledhja
form-part-problem = problemi
form-part-proposed_service = shërbimi i propozuar
form-part-target_group = grupi i synuar
form-part-planned_activities = aktivitetet e planifikuara
form-part-organisation = organizata
form-part-requested_amount = shuma e kërkuar
form-part-country = vendi
form-part-language = gjuha
form-part-budget_lines = zërat e buxhetit
form-part-narrative = rrëfimi i projektit
form-part-activities = aktivitetet
guard-second_factor_fresh = { $case ->
        [enrol] Pagesat dhe miratimet kërkojnë hyrjen me dy hapa: konfigurojeni te Siguria e hyrjes.
       *[step_up] Konfirmoni me një kod të ri nga aplikacioni i vërtetimit.
    }
