# Pogovori o predlogih, nepovratnih sredstvih in poročilih.
conversations-heading = Pogovori
conversations-none = Tu še nimate pogovorov.
conversations-draft = Pogovori se odprejo, ko je predlog oddan.
conversations-start = Začnite pogovor
conversations-unread-heading = Neprebrana sporočila
conversations-unread-item = { $count ->
    [one] { $count } neprebrano sporočilo
    [two] { $count } neprebrani sporočili
    [few] { $count } neprebrana sporočila
   *[other] { $count } neprebranih sporočil
} v pogovoru »{ $topic }« ({ $title })
conversation-title = Pogovor
conversation-new-title = Začnite pogovor
conversation-on = Nanaša se na: { $title }
conversation-on-label = Nanaša se na
conversation-report-on = Poročilo { $position } o projektu { $title }
conversation-back = Nazaj na { $title }
conversation-audience-label = Kdo ga bere
conversation-audience-applicants = Prijavitelj in osebje programa
conversation-audience-applicants-who = Berejo ga in v njem odgovarjajo prijavitelj, vodje programa in ambasadorji območja predloga.
conversation-audience-staff = Samo osebje programa
conversation-audience-staff-who-proposal = Berejo ga vodje programa in ambasadorji območja predloga; prijavitelj in žirija ga ne bereta.
conversation-audience-staff-who-grant = Berejo ga vodje programa in finance; prejemnik sredstev ga ne bere.
conversation-audience-jury = Žirija
conversation-audience-jury-who = Berejo ga ocenjevalci predloga brez nasprotja interesov in predsednik žirije; prijavitelj ga ne bere.
conversation-audience-grantee = Prejemnik sredstev, finance in vodje
conversation-audience-grantee-who = Berejo ga in v njem odgovarjajo prejemnik sredstev, finance in vodje programa.
conversation-members = Kdo zdaj sodeluje v njem
conversation-started-by = začel/začela: { $name }
conversation-messages = { $count ->
    [one] { $count } sporočilo
    [two] { $count } sporočili
    [few] { $count } sporočila
   *[other] { $count } sporočil
}
conversation-unread = { $count ->
    [one] { $count } neprebrano
    [two] { $count } neprebrani
    [few] { $count } neprebrana
   *[other] { $count } neprebranih
}
conversation-topic = Tema
conversation-topic-hint = Ena vrstica, ki pove, za kaj gre, največ 200 znakov.
conversation-body = Sporočilo
conversation-body-hint = Navadno besedilo, največ 20.000 znakov. Vsi drugi, ki berejo pogovor, ga prejmejo po e-pošti.
conversation-start-send = Začni pogovor
conversation-send = Pošlji
conversation-to = za: { $audience }
conversation-reply = Odgovorite na to sporočilo
conversation-quoting = { $name } piše:
conversation-reply-cancel = Ne odgovarjajte na nobeno določeno sporočilo
conversation-your-message = Vaše sporočilo
conversation-mention = Omenite nekoga
conversation-mention-hint = Sporočilo prejmejo vsi, ki berejo pogovor; v e-poštnem sporočilu, ki ga prejme omenjena oseba, je to navedeno.
conversation-mentions = Omenja: { $names }
problem-conversation-on-draft = pogovori o predlogu se odprejo, ko je predlog oddan
field-not_in_audience = Ta oseba ne bere pogovora: omenite samo osebe, ki ga berejo.
field-audience_not_offered = Izberite eno od ponujenih možnosti.
field-unknown_audience = Izberite, kdo bere pogovor.
field-not_in_thread = Odgovorite na sporočilo iz tega pogovora.
field-unknown_subject = To ni nekaj, o čemer bi lahko tekel pogovor.

conversation-files = Datoteke
conversation-files-none = V tem pogovoru še ni datotek.
conversation-files-hint = Vsi, ki berejo pogovor, jih lahko prenesejo. PDF, slika PNG, JPEG, GIF ali WebP, pisarniški dokument (docx, xlsx, pptx, odt, ods, odp) ali navadno besedilo oz. CSV; največ { $limit } na datoteko in 20 na pogovor.
problem-conversation-file-not-yours = datoteko, priloženo pogovoru, lahko odstrani samo tisti, ki jo je priložil
