# Razgovori o prijedlozima, grantovima i izvještajima.
conversations-heading = Razgovori
conversations-none = Ovdje još nemate razgovora.
conversations-draft = Razgovori se otvaraju nakon što se prijedlog podnese.
conversations-start = Započnite razgovor
conversations-unread-heading = Nepročitane poruke
conversations-unread-item = { $count ->
    [one] { $count } nepročitana poruka
    [few] { $count } nepročitane poruke
   *[other] { $count } nepročitanih poruka
} u razgovoru „{ $topic }“ ({ $title })
conversation-title = Razgovor
conversation-new-title = Započnite razgovor
conversation-on = Odnosi se na: { $title }
conversation-on-label = Odnosi se na
conversation-report-on = Izvještaj { $position } o projektu { $title }
conversation-back = Nazad na { $title }
conversation-audience-label = Ko ga čita
conversation-audience-applicants = Aplikant i osoblje programa
conversation-audience-applicants-who = Čitaju ga i odgovaraju aplikant, menadžeri programa i ambasadori područja prijedloga.
conversation-audience-staff = Samo osoblje programa
conversation-audience-staff-who-proposal = Čitaju ga menadžeri programa i ambasadori područja prijedloga; aplikant i žiri ga ne čitaju.
conversation-audience-staff-who-grant = Čitaju ga menadžeri programa i finansije; korisnik granta ga ne čita.
conversation-audience-jury = Žiri
conversation-audience-jury-who = Čitaju ga recenzenti prijedloga bez sukoba interesa i predsjednik žirija; aplikant ga ne čita.
conversation-audience-grantee = Korisnik granta, finansije i menadžeri
conversation-audience-grantee-who = Čitaju ga i odgovaraju korisnik granta, finansije i menadžeri programa.
conversation-members = Ko sada učestvuje u njemu
conversation-started-by = započeo/započela: { $name }
conversation-messages = { $count ->
    [one] { $count } poruka
    [few] { $count } poruke
   *[other] { $count } poruka
}
conversation-unread = { $count ->
    [one] { $count } nepročitana
    [few] { $count } nepročitane
   *[other] { $count } nepročitanih
}
conversation-topic = Tema
conversation-topic-hint = Jedan red koji kaže o čemu se radi, najviše 200 znakova.
conversation-body = Poruka
conversation-body-hint = Običan tekst, najviše 20.000 znakova. Svi ostali koji čitaju razgovor dobijaju je e-mailom.
conversation-start-send = Započni razgovor
conversation-send = Pošalji
conversation-to = za: { $audience }
conversation-reply = Odgovorite na ovu poruku
conversation-quoting = { $name } piše:
conversation-reply-cancel = Ne odgovarajte na određenu poruku
conversation-your-message = Vaša poruka
conversation-mention = Spomenite nekoga
conversation-mention-hint = Poruku dobijaju svi koji čitaju razgovor; e-mail koji dobije spomenuta osoba to i navodi.
conversation-mentions = Spominje: { $names }
problem-conversation-on-draft = razgovori o prijedlogu otvaraju se nakon što se on podnese
field-not_in_audience = Ova osoba ne čita razgovor: spomenite samo osobe koje ga čitaju.
field-audience_not_offered = Odaberite jednu od ponuđenih mogućnosti.
field-unknown_audience = Odaberite ko čita razgovor.
field-not_in_thread = Odgovorite na poruku iz ovog razgovora.
field-unknown_subject = Ovo nije nešto o čemu se može voditi razgovor.

conversation-files = Datoteke
conversation-files-none = U ovom razgovoru još nema datoteka.
conversation-files-hint = Svi koji čitaju razgovor mogu ih preuzeti. PDF, slika PNG, JPEG, GIF ili WebP, kancelarijski dokument (docx, xlsx, pptx, odt, ods, odp) ili običan tekst ili CSV; najviše { $limit } po datoteci i 20 po razgovoru.
problem-conversation-file-not-yours = datoteku priloženu razgovoru može ukloniti samo onaj ko ju je priložio
