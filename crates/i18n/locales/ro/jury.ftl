# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Juriu
jury-hint = Toți evaluatorii din juriul acestui program, cu limbile pe care le citesc, domeniile pe care le cunosc și câte propuneri au acum.
jury-saved = Profilul a fost salvat.
jury-languages = Limbi citite
jury-expertise = Domenii de expertiză
jury-load = Propuneri
jury-load-value = Repartizate acum: { $assigned }; preia între { $min } și { $max }
jury-available = Acceptă repartizări acum
jury-bids = Interes
jury-edit-profile = Editează profilul
jury-empty = Nu există încă nimeni în acest juriu.
jury-add = Adaugă un evaluator
jury-add-email = Adresa de e-mail a evaluatorului
jury-add-email-hint = Contul trebuie să aibă rolul de evaluator. Profilul pornește de la datele contului; le puteți modifica apoi.
jury-add-button = Adaugă în juriu
jury-profile-title = Profilul evaluatorului
jury-assigned-now = { $count ->
    [one] { $count } propunere repartizată acum în acest program.
    [few] { $count } propuneri repartizate acum în acest program.
   *[other] { $count } de propuneri repartizate acum în acest program.
}
jury-problems = Profilul nu a fost salvat: vedeți problemele de lângă câmpuri.
jury-expertise-hint = Separați-le prin virgule, de ex. makerspace, alfabetizare digitală.
jury-country-hint = Codul din două litere, de ex. RO, sau XK pentru Kosovo. Lăsați gol dacă nu este cazul.
jury-max-load = Numărul maxim de propuneri de evaluat
jury-max-load-hint = Cel mult { $cap }, plafonul programului.
jury-min-load = Numărul minim de propuneri de evaluat
jury-available-label = Acceptă repartizări acum
jury-save = Salvează profilul
jury-conflicts-title = Conflicte de interese
jury-conflicts-link = Conflicte de interese
jury-conflicts-hint = Un evaluator cu un conflict de interese în vigoare nu primește această propunere și nu o vede.
jury-keepers-only = Managerii de program înregistrează și ridică conflictele de interese.
jury-in-force = În vigoare
jury-none-in-force = Niciunul în vigoare.
jury-lift-reason = De ce nu se aplică
jury-lift = Ridică
jury-recorded = În evidență
jury-lifted = Ridicat
jury-declared = Înregistrat
jury-no-conflicts = Niciun evaluator nu are un conflict de interese cu această propunere.
jury-declare = Înregistrați un conflict de interese pentru un evaluator
jury-choose-reviewer = Alegeți un evaluator
jury-declare-reason = Motiv
jury-declare-button = Înregistrează conflictul
jury-conflict-lifted = Conflictul de interese a fost ridicat.
jury-conflict-declared = Conflictul de interese a fost înregistrat.
jury-kind-same-organisation = Aceeași organizație
jury-kind-same-country = Aceeași țară
jury-kind-named-by-applicant = Indicat de solicitant
jury-kind-declared-by-reviewer = Declarat de evaluator
jury-kind-added-by-manager = Adăugat de un manager de program
jury-kind-on-the-team = În echipa propunerii

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Alegeți cel puțin o limbă pe care o citește evaluatorul.
jury-problem-languages-unknown-locale = Alegeți limbile din listă.
jury-problem-expertise-invalid-tag = Un domeniu de expertiză are între 1 și 50 de caractere.
jury-problem-expertise-too-many = Cel mult 30 de domenii de expertiză.
jury-problem-country-unknown-country = Nu este un cod de țară: folosiți două litere, de ex. RO.
jury-problem-organisation-too-long = Cel mult 200 de caractere.
jury-problem-max-load-out-of-range = Între 0 și { $cap }, plafonul programului.
jury-problem-max-load-not-a-number = Un număr întreg, de ex. 5.
jury-problem-min-load-out-of-range = Între 0 și numărul maxim de propuneri de evaluat.
jury-problem-min-load-not-a-number = Un număr întreg, de ex. 2.
jury-problem-email-invalid-email = Nu este o adresă de e-mail.
jury-problem-email-too-long = O adresă de e-mail are cel mult 254 de caractere.
jury-problem-email-not-a-reviewer = Niciun cont activ cu rolul de evaluator nu are această adresă.
jury-problem-reason-required = Indicați motivul; acesta rămâne în evidență.
jury-problem-reason-too-long = Cel mult 2000 de caractere.
jury-problem-reviewer-id-required = Alegeți evaluatorul.
jury-problem-reviewer-id-not-on-the-jury = Persoana nu face parte din juriul acestui program.
jury-problem-kind-not-in-force = Acest conflict de interese nu mai este în vigoare.
jury-conflict-fields-locked = Țara și organizația dvs. decid ce propuneri nu puteți evalua (conflict de interese), de aceea doar managerii programului și președintele juriului le schimbă. Scrieți-le dacă sunt greșite.
