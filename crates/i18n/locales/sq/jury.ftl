# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Juria
jury-hint = Çdo vlerësues në jurinë e këtij programi, me gjuhët që lexon, fushat që njeh dhe sa propozime ka tani.
jury-saved = Profili u ruajt.
jury-languages = Gjuhët që lexon
jury-expertise = Fushat e ekspertizës
jury-load = Propozimet
jury-load-value = Të caktuara tani: { $assigned }; merr nga { $min } deri në { $max }
jury-available = Pranon caktime tani
jury-bids = Interesi
jury-edit-profile = Ndrysho profilin
jury-empty = Ende nuk ka askënd në këtë juri.
jury-add = Shto një vlerësues
jury-add-email = Adresa email e vlerësuesit
jury-add-email-hint = Llogaria duhet të ketë rolin e vlerësuesit. Profili fillon nga llogaria; më pas mund ta ndryshoni.
jury-add-button = Shto në juri
jury-profile-title = Profili i vlerësuesit
jury-assigned-now = { $count ->
    [one] { $count } propozim i caktuar tani në këtë program.
   *[other] { $count } propozime të caktuara tani në këtë program.
}
jury-problems = Profili nuk u ruajt: shihni problemet pranë fushave.
jury-expertise-hint = Ndajini me presje, p.sh. makerspace, shkrim-leximi digjital.
jury-country-hint = Kodi me dy shkronja, p.sh. AL, ose XK për Kosovën. Lëreni bosh nëse nuk ka.
jury-max-load = Numri më i madh i propozimeve për t’u vlerësuar
jury-max-load-hint = Jo më shumë se { $cap }, kufiri i programit.
jury-min-load = Numri më i vogël i propozimeve për t’u vlerësuar
jury-available-label = Pranon caktime tani
jury-save = Ruaj profilin
jury-conflicts-title = Konfliktet e interesit
jury-conflicts-link = Konfliktet e interesit
jury-conflicts-hint = Një vlerësuesi me konflikt interesi në fuqi nuk i caktohet ky propozim dhe ai nuk e sheh.
jury-keepers-only = Menaxherët e programit i regjistrojnë dhe i heqin konfliktet e interesit.
jury-in-force = Në fuqi
jury-none-in-force = Asnjë në fuqi.
jury-lift-reason = Pse nuk zbatohet
jury-lift = Hiq
jury-recorded = Në regjistër
jury-lifted = I hequr
jury-declared = I regjistruar
jury-no-conflicts = Asnjë vlerësues nuk ka konflikt interesi me këtë propozim.
jury-declare = Regjistro një konflikt interesi për një vlerësues
jury-choose-reviewer = Zgjidhni një vlerësues
jury-declare-reason = Arsyeja
jury-declare-button = Regjistro konfliktin
jury-conflict-lifted = Konflikti i interesit u hoq.
jury-conflict-declared = Konflikti i interesit u regjistrua.
jury-kind-same-organisation = E njëjta organizatë
jury-kind-same-country = I njëjti vend
jury-kind-named-by-applicant = I përmendur nga aplikuesi
jury-kind-declared-by-reviewer = I deklaruar nga vlerësuesi
jury-kind-added-by-manager = I shtuar nga një menaxher programi
jury-kind-on-the-team = Në ekipin e propozimit

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Zgjidhni të paktën një gjuhë që lexon vlerësuesi.
jury-problem-languages-unknown-locale = Zgjidhni gjuhët nga lista.
jury-problem-expertise-invalid-tag = Një fushë ekspertize ka nga 1 deri në 50 shenja.
jury-problem-expertise-too-many = Jo më shumë se 30 fusha ekspertize.
jury-problem-country-unknown-country = Nuk është kod vendi: përdorni dy shkronja, p.sh. AL.
jury-problem-organisation-too-long = Jo më shumë se 200 shenja.
jury-problem-max-load-out-of-range = Nga 0 deri në { $cap }, kufiri i programit.
jury-problem-max-load-not-a-number = Një numër i plotë, p.sh. 5.
jury-problem-min-load-out-of-range = Nga 0 deri te numri më i madh i propozimeve për t’u vlerësuar.
jury-problem-min-load-not-a-number = Një numër i plotë, p.sh. 2.
jury-problem-email-invalid-email = Nuk është adresë email-i.
jury-problem-email-too-long = Një adresë email-i ka jo më shumë se 254 shenja.
jury-problem-email-not-a-reviewer = Asnjë llogari aktive me rolin e vlerësuesit nuk e ka këtë adresë.
jury-problem-reason-required = Jepni arsyen; ajo ruhet në regjistër.
jury-problem-reason-too-long = Jo më shumë se 2000 shenja.
jury-problem-reviewer-id-required = Zgjidhni vlerësuesin.
jury-problem-reviewer-id-not-on-the-jury = Personi nuk është në jurinë e këtij programi.
jury-problem-kind-not-in-force = Ky konflikt interesi nuk është më në fuqi.
jury-conflict-fields-locked = Shteti dhe organizata juaj përcaktojnë cilat propozime nuk mund t'i vlerësoni (konflikt interesi), prandaj vetëm menaxherët e programit dhe kryetari i jurisë i ndryshojnë. Shkruajuni nëse janë të gabuara.
