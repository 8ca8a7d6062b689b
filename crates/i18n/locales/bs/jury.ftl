# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Žiri
jury-hint = Svaki recenzent u žiriju ovog programa, s jezicima koje čita, oblastima koje poznaje i brojem prijedloga koje trenutno ima.
jury-saved = Profil je sačuvan.
jury-languages = Jezici koje čita
jury-expertise = Oblasti stručnosti
jury-load = Prijedlozi
jury-load-value = Trenutno dodijeljeno: { $assigned }; prihvata od { $min } do { $max }
jury-available = Trenutno prihvata zadatke
jury-bids = Interes
jury-edit-profile = Uredi profil
jury-empty = U ovom žiriju još nema nikoga.
jury-add = Dodaj recenzenta
jury-add-email = E-mail adresa recenzenta
jury-add-email-hint = Račun mora imati ulogu recenzenta. Profil se popunjava iz računa; poslije ga možete izmijeniti.
jury-add-button = Dodaj u žiri
jury-profile-title = Profil recenzenta
jury-assigned-now = { $count ->
    [one] U ovom programu trenutno je dodijeljen { $count } prijedlog.
    [few] U ovom programu trenutno su dodijeljena { $count } prijedloga.
   *[other] U ovom programu trenutno je dodijeljeno { $count } prijedloga.
}
jury-problems = Profil nije sačuvan: pogledajte probleme pored polja.
jury-expertise-hint = Odvojite ih zarezima, npr. makerspace, digitalna pismenost.
jury-country-hint = Šifra od dva slova, npr. BA, ili XK za Kosovo. Ostavite prazno ako nema.
jury-max-load = Najviše prijedloga za ocjenjivanje
jury-max-load-hint = Najviše { $cap }, koliko dozvoljava program.
jury-min-load = Najmanje prijedloga za ocjenjivanje
jury-available-label = Trenutno prihvata zadatke
jury-save = Sačuvaj profil
jury-conflicts-title = Sukobi interesa
jury-conflicts-link = Sukobi interesa
jury-conflicts-hint = Recenzent s važećim sukobom interesa ne dobija ovaj prijedlog i ne vidi ga.
jury-keepers-only = Menadžeri programa evidentiraju i ukidaju sukobe interesa.
jury-in-force = Važeći
jury-none-in-force = Nema važećih.
jury-lift-reason = Zašto ne važi
jury-lift = Ukini
jury-recorded = U evidenciji
jury-lifted = Ukinut
jury-declared = Evidentiran
jury-no-conflicts = Nijedan recenzent nema sukob interesa s ovim prijedlogom.
jury-declare = Evidentiraj sukob interesa za recenzenta
jury-choose-reviewer = Odaberite recenzenta
jury-declare-reason = Razlog
jury-declare-button = Evidentiraj sukob interesa
jury-conflict-lifted = Sukob interesa je ukinut.
jury-conflict-declared = Sukob interesa je evidentiran.
jury-kind-same-organisation = Ista organizacija
jury-kind-same-country = Ista država
jury-kind-named-by-applicant = Naveo aplikant
jury-kind-declared-by-reviewer = Prijavio recenzent
jury-kind-added-by-manager = Dodao menadžer programa
jury-kind-on-the-team = U timu prijedloga

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Odaberite barem jedan jezik koji recenzent čita.
jury-problem-languages-unknown-locale = Odaberite jezike sa spiska.
jury-problem-expertise-invalid-tag = Oblast stručnosti ima od 1 do 50 znakova.
jury-problem-expertise-too-many = Najviše 30 oblasti stručnosti.
jury-problem-country-unknown-country = Ovo nije šifra države: koristite dva slova, npr. BA.
jury-problem-organisation-too-long = Najviše 200 znakova.
jury-problem-max-load-out-of-range = Između 0 i { $cap }, koliko dozvoljava program.
jury-problem-max-load-not-a-number = Cijeli broj, npr. 5.
jury-problem-min-load-out-of-range = Između 0 i najvećeg broja prijedloga za ocjenjivanje.
jury-problem-min-load-not-a-number = Cijeli broj, npr. 2.
jury-problem-email-invalid-email = Ovo nije e-mail adresa.
jury-problem-email-too-long = E-mail adresa ima najviše 254 znaka.
jury-problem-email-not-a-reviewer = Nijedan aktivan račun s ulogom recenzenta nema ovu adresu.
jury-problem-reason-required = Navedite razlog; čuva se u evidenciji.
jury-problem-reason-too-long = Najviše 2000 znakova.
jury-problem-reviewer-id-required = Odaberite recenzenta.
jury-problem-reviewer-id-not-on-the-jury = Ova osoba nije u žiriju ovog programa.
jury-problem-kind-not-in-force = Ovaj sukob interesa više ne važi.
jury-conflict-fields-locked = Vaša država i organizacija određuju koje prijedloge ne smijete ocjenjivati (sukob interesa), pa ih mijenjaju samo menadžeri programa i predsjednik žirija. Pišite im ako su pogrešni.
