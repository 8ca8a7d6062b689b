# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Žirija
jury-hint = Vsi ocenjevalci v žiriji tega programa, z jeziki, ki jih berejo, področji, ki jih poznajo, in številom predlogov, ki jih imajo zdaj.
jury-saved = Profil je shranjen.
jury-languages = Jeziki, ki jih bere
jury-expertise = Strokovna področja
jury-load = Predlogi
jury-load-value = Zdaj dodeljenih: { $assigned }; sprejme od { $min } do { $max }
jury-available = Zdaj sprejema naloge
jury-bids = Zanimanje
jury-edit-profile = Uredi profil
jury-empty = V tej žiriji še ni nikogar.
jury-add = Dodaj ocenjevalca
jury-add-email = E-poštni naslov ocenjevalca
jury-add-email-hint = Račun mora imeti vlogo ocenjevalca. Profil se izpolni iz računa; nato ga lahko spremenite.
jury-add-button = Dodaj v žirijo
jury-profile-title = Profil ocenjevalca
jury-assigned-now = { $count ->
    [one] V tem programu je zdaj dodeljen { $count } predlog.
    [two] V tem programu sta zdaj dodeljena { $count } predloga.
    [few] V tem programu so zdaj dodeljeni { $count } predlogi.
   *[other] V tem programu je zdaj dodeljenih { $count } predlogov.
}
jury-problems = Profil ni shranjen: oglejte si težave ob poljih.
jury-expertise-hint = Ločite jih z vejicami, npr. makerspace, digitalna pismenost.
jury-country-hint = Dvočrkovna oznaka, npr. SI, ali XK za Kosovo. Če je ni, pustite prazno.
jury-max-load = Največ predlogov za ocenjevanje
jury-max-load-hint = Največ { $cap }, kolikor dovoljuje program.
jury-min-load = Najmanj predlogov za ocenjevanje
jury-available-label = Zdaj sprejema naloge
jury-save = Shrani profil
jury-conflicts-title = Nasprotja interesov
jury-conflicts-link = Nasprotja interesov
jury-conflicts-hint = Ocenjevalec z veljavnim nasprotjem interesov tega predloga ne dobi in ga ne vidi.
jury-keepers-only = Nasprotja interesov evidentirajo in odpravljajo vodje programa.
jury-in-force = Veljavna
jury-none-in-force = Nobeno ni veljavno.
jury-lift-reason = Zakaj ne velja
jury-lift = Odpravi
jury-recorded = V evidenci
jury-lifted = Odpravljeno
jury-declared = Evidentirano
jury-no-conflicts = Noben ocenjevalec ni v nasprotju interesov s tem predlogom.
jury-declare = Evidentiraj nasprotje interesov za ocenjevalca
jury-choose-reviewer = Izberite ocenjevalca
jury-declare-reason = Razlog
jury-declare-button = Evidentiraj nasprotje interesov
jury-conflict-lifted = Nasprotje interesov je odpravljeno.
jury-conflict-declared = Nasprotje interesov je evidentirano.
jury-kind-same-organisation = Ista organizacija
jury-kind-same-country = Ista država
jury-kind-named-by-applicant = Navedel prijavitelj
jury-kind-declared-by-reviewer = Prijavil ocenjevalec
jury-kind-added-by-manager = Dodal vodja programa
jury-kind-on-the-team = V ekipi predloga

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Izberite vsaj en jezik, ki ga ocenjevalec bere.
jury-problem-languages-unknown-locale = Jezike izberite s seznama.
jury-problem-expertise-invalid-tag = Strokovno področje ima od 1 do 50 znakov.
jury-problem-expertise-too-many = Največ 30 strokovnih področij.
jury-problem-country-unknown-country = To ni oznaka države: uporabite dve črki, npr. SI.
jury-problem-organisation-too-long = Največ 200 znakov.
jury-problem-max-load-out-of-range = Med 0 in { $cap }, kolikor dovoljuje program.
jury-problem-max-load-not-a-number = Celo število, npr. 5.
jury-problem-min-load-out-of-range = Med 0 in največjim številom predlogov za ocenjevanje.
jury-problem-min-load-not-a-number = Celo število, npr. 2.
jury-problem-email-invalid-email = To ni e-poštni naslov.
jury-problem-email-too-long = E-poštni naslov ima največ 254 znakov.
jury-problem-email-not-a-reviewer = Noben aktiven račun z vlogo ocenjevalca nima tega naslova.
jury-problem-reason-required = Navedite razlog; ohrani se v evidenci.
jury-problem-reason-too-long = Največ 2000 znakov.
jury-problem-reviewer-id-required = Izberite ocenjevalca.
jury-problem-reviewer-id-not-on-the-jury = Ta oseba ni v žiriji tega programa.
jury-problem-kind-not-in-force = To nasprotje interesov ne velja več.
jury-conflict-fields-locked = Vaša država in organizacija določata, katerih predlogov ne smete ocenjevati (navzkrižje interesov), zato ju spreminjajo le vodje programa in predsednik žirije. Pišite jim, če sta napačni.
