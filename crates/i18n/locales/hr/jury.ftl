# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Žiri
jury-hint = Svaki recenzent u žiriju ovog programa, s jezicima koje čita, područjima koja poznaje i brojem prijedloga koje trenutačno ima.
jury-saved = Profil je spremljen.
jury-languages = Jezici koje čita
jury-expertise = Područja stručnosti
jury-load = Prijedlozi
jury-load-value = Trenutačno dodijeljeno: { $assigned }; prihvaća od { $min } do { $max }
jury-available = Trenutačno prihvaća zadatke
jury-bids = Interes
jury-edit-profile = Uredi profil
jury-empty = U ovom žiriju još nema nikoga.
jury-add = Dodaj recenzenta
jury-add-email = E-adresa recenzenta
jury-add-email-hint = Račun mora imati ulogu recenzenta. Profil se popunjava iz računa; nakon toga ga možete promijeniti.
jury-add-button = Dodaj u žiri
jury-profile-title = Profil recenzenta
jury-assigned-now = { $count ->
    [one] U ovom je programu trenutačno dodijeljen { $count } prijedlog.
    [few] U ovom su programu trenutačno dodijeljena { $count } prijedloga.
   *[other] U ovom je programu trenutačno dodijeljeno { $count } prijedloga.
}
jury-problems = Profil nije spremljen: pogledajte probleme pokraj polja.
jury-expertise-hint = Odvojite ih zarezima, npr. makerspace, digitalna pismenost.
jury-country-hint = Dvoslovna oznaka, npr. HR, ili XK za Kosovo. Ostavite prazno ako je nema.
jury-max-load = Najviše prijedloga za recenziranje
jury-max-load-hint = Najviše { $cap }, koliko dopušta program.
jury-min-load = Najmanje prijedloga za recenziranje
jury-available-label = Trenutačno prihvaća zadatke
jury-save = Spremi profil
jury-conflicts-title = Sukobi interesa
jury-conflicts-link = Sukobi interesa
jury-conflicts-hint = Recenzent s važećim sukobom interesa ne dobiva ovaj prijedlog i ne vidi ga.
jury-keepers-only = Voditelji programa bilježe i ukidaju sukobe interesa.
jury-in-force = Važeći
jury-none-in-force = Nema važećih.
jury-lift-reason = Zašto ne vrijedi
jury-lift = Ukini
jury-recorded = U evidenciji
jury-lifted = Ukinut
jury-declared = Zabilježen
jury-no-conflicts = Nijedan recenzent nema sukob interesa s ovim prijedlogom.
jury-declare = Zabilježi sukob interesa za recenzenta
jury-choose-reviewer = Odaberite recenzenta
jury-declare-reason = Razlog
jury-declare-button = Zabilježi sukob interesa
jury-conflict-lifted = Sukob interesa je ukinut.
jury-conflict-declared = Sukob interesa je zabilježen.
jury-kind-same-organisation = Ista organizacija
jury-kind-same-country = Ista država
jury-kind-named-by-applicant = Naveo prijavitelj
jury-kind-declared-by-reviewer = Prijavio recenzent
jury-kind-added-by-manager = Dodao voditelj programa
jury-kind-on-the-team = U timu prijedloga

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Odaberite barem jedan jezik koji recenzent čita.
jury-problem-languages-unknown-locale = Odaberite jezike s popisa.
jury-problem-expertise-invalid-tag = Područje stručnosti ima od 1 do 50 znakova.
jury-problem-expertise-too-many = Najviše 30 područja stručnosti.
jury-problem-country-unknown-country = To nije oznaka države: upotrijebite dva slova, npr. HR.
jury-problem-organisation-too-long = Najviše 200 znakova.
jury-problem-max-load-out-of-range = Između 0 i { $cap }, koliko dopušta program.
jury-problem-max-load-not-a-number = Cijeli broj, npr. 5.
jury-problem-min-load-out-of-range = Između 0 i najvećeg broja prijedloga za recenziranje.
jury-problem-min-load-not-a-number = Cijeli broj, npr. 2.
jury-problem-email-invalid-email = To nije e-adresa.
jury-problem-email-too-long = E-adresa ima najviše 254 znaka.
jury-problem-email-not-a-reviewer = Nijedan aktivni račun s ulogom recenzenta nema tu adresu.
jury-problem-reason-required = Navedite razlog; čuva se u evidenciji.
jury-problem-reason-too-long = Najviše 2000 znakova.
jury-problem-reviewer-id-required = Odaberite recenzenta.
jury-problem-reviewer-id-not-on-the-jury = Ta osoba nije u žiriju ovog programa.
jury-problem-kind-not-in-force = Taj sukob interesa više ne vrijedi.
jury-conflict-fields-locked = Vaša država i organizacija određuju koje prijedloge ne smijete ocjenjivati (sukob interesa), pa ih mijenjaju samo voditelji programa i predsjednik žirija. Pišite im ako su pogrešni.
