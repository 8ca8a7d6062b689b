# Stările și pașii fluxurilor de lucru și motivele pentru care un pas este blocat.
# Cheile și argumentele sunt explicate în en/workflow.ftl.

## Propuneri

proposal-state-draft = Ciornă
proposal-state-submitted = Trimisă
proposal-state-screening = Verificarea eligibilității
proposal-state-changes_requested = Modificări solicitate
proposal-state-eligible = Eligibilă, pregătită pentru evaluare
proposal-state-ineligible = Neeligibilă
proposal-state-withdrawn = Retrasă
proposal-state-in_review = În evaluare
proposal-state-reviewed = Evaluată
proposal-state-waitlisted = Pe lista de așteptare
proposal-state-funded = Finanțată
proposal-state-declined = Respinsă

proposal-step-submit = Trimite
proposal-step-start_screening = Începe verificarea eligibilității
proposal-step-request_changes = Solicită modificări
proposal-step-resubmit = Retrimite
proposal-step-changes_deadline_missed = Închide după expirarea termenului pentru modificări
proposal-step-mark_eligible = Marchează ca eligibilă
proposal-step-mark_ineligible = Marchează ca neeligibilă
proposal-step-withdraw = Retrage
proposal-step-start_review = Începe evaluarea
proposal-step-complete_review = Încheie evaluarea
proposal-step-fund = Finanțează
proposal-step-waitlist = Pune pe lista de așteptare
proposal-step-decline = Respinge

## Granturi

grant-state-agreement_pending = Contract în așteptarea acceptării
grant-state-active = Activ
grant-state-reporting = Raportare finală
grant-state-closed = Închis
grant-state-terminated = Reziliat

grant-step-accept_agreement = Acceptă contractul
grant-step-start_reporting = Începe raportarea finală
grant-step-close = Închide grantul
grant-step-terminate = Reziliază grantul

## Tranșe (plăți)

tranche-state-scheduled = Programată
tranche-state-requested = Plată solicitată
tranche-state-approved = Aprobată pentru plată
tranche-state-paid = Plătită
tranche-state-cancelled = Anulată

tranche-step-request = Solicită plata
tranche-step-approve = Aprobă plata
tranche-step-send_back = Trimite înapoi
tranche-step-pay = Înregistrează plata
tranche-step-cancel = Anulează

## Rapoarte

report-state-scheduled = Programat
report-state-due = De predat
report-state-overdue = Întârziat
report-state-submitted = Trimis
report-state-changes_requested = Modificări solicitate
report-state-accepted = Acceptat
report-state-cancelled = Anulat

report-step-open = Deschide pentru redactare
report-step-mark_overdue = Marchează ca întârziat
report-step-extend = Termenul a fost amânat
report-step-submit = Trimite raportul
report-step-accept = Acceptă raportul
report-step-request_changes = Solicită modificări
report-step-cancel = Anulează

## Cine poate efectua un pas: roluri, relații cu obiectul și sistemul

actor-applicant = solicitantul
actor-reviewer = un evaluator
actor-jury_chair = președintele juriului
actor-programme_manager = managerul de program
actor-ambassador = ambasadorul
actor-finance = departamentul financiar
actor-admin = un administrator
actor-owner = autorul propunerii
actor-country_ambassador = ambasadorul țării
actor-grantee = beneficiarul grantului
actor-system = sistemul
list-or = sau

## De ce este blocat un pas

blocked-wrong-state = Pasul „{ $step }” nu este posibil cât timp starea este „{ $state }”.
blocked-not-permitted = Numai { $allowed } poate efectua pasul „{ $step }”.
blocked-unknown-transition = Aici nu există pasul „{ $transition }”.

guard-call_open = { $case ->
        [not_yet_open] Apelul se deschide la { $opens_at }.
       *[closed] Apelul s-a închis la { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Liniile bugetare însumează { $total }, nu suma solicitată de { $requested }.
        [mixed_currencies] Liniile bugetare folosesc monede diferite; utilizați o singură monedă pentru toate.
       *[incomplete] Propunerea este incompletă: completați { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Indicați țara bibliotecii.
       *[not_eligible] Bibliotecile din { $country } nu sunt eligibile pentru acest program.
    }
guard-amount_within_limits = { $case ->
        [missing] Indicați suma solicitată.
        [wrong_currency] Solicitați finanțarea în { $currency }, moneda programului.
       *[out_of_range] Suma solicitată trebuie să fie între { $min } și { $max }.
    }
guard-comment_given = Scrieți un comentariu care să explice motivul.
guard-decision_recorded = Decizia de finanțare se înregistrează împreună cu scrisoarea (iar pentru finanțare, și cu suma acordată) prin formularul de decizie al propunerii.
guard-final_report_accepted = { $case ->
        [missing] Grantul nu are un raport final.
       *[not_accepted] Raportul final are starea „{ $report_state }” și nu este acceptat.
    }
guard-tranches_settled = Plăți care trebuie încă efectuate sau anulate: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Beneficiarul nu a acceptat încă contractul.
       *[not_running] Grantul are starea „{ $grant_state }”.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Contractul nu a fost încă acceptat.
        [report_not_accepted] Raportul „{ $report }” nu a fost încă acceptat.
        [not_started] Grantul nu a început încă.
       *[too_early] Plata poate fi solicitată începând cu { $requestable_on }.
    }
guard-not_requester = Dumneavoastră ați solicitat această plată; ea trebuie aprobată de un alt utilizator din departamentul financiar.
guard-report_complete = Raportul nu este complet; lipsesc: { $missing }.

# Părțile unui formular pe care o condiție le găsește lipsă.
form-part-title = titlul
form-part-summary = rezumatul
form-part-problem = problema
form-part-proposed_service = serviciul propus
form-part-target_group = grupul țintă
form-part-planned_activities = activitățile planificate
form-part-organisation = organizația
form-part-requested_amount = suma solicitată
form-part-country = țara
form-part-language = limba
form-part-budget_lines = liniile bugetare
form-part-narrative = descrierea narativă
form-part-activities = activitățile
guard-second_factor_fresh = { $case ->
        [enrol] Plata și aprobarea necesită conectarea în doi pași: configurați-o în secțiunea Securitatea conectării.
       *[step_up] Confirmați cu un cod nou din aplicația de autentificare.
    }
