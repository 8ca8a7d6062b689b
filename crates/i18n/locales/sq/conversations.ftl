# Bisedat për propozimet, grantet dhe raportet.
conversations-heading = Bisedat
conversations-none = Ende nuk keni biseda këtu.
conversations-draft = Bisedat hapen pasi të dorëzohet propozimi.
conversations-start = Filloni një bisedë
conversations-unread-heading = Mesazhe të palexuara
conversations-unread-item = { $count ->
    [one] { $count } mesazh i palexuar
   *[other] { $count } mesazhe të palexuara
} në “{ $topic }” për { $title }
conversation-title = Biseda
conversation-new-title = Filloni një bisedë
conversation-on = Lidhur me: { $title }
conversation-on-label = Lidhur me
conversation-report-on = Raporti { $position } për { $title }
conversation-back = Kthehu te { $title }
conversation-audience-label = Kush e lexon
conversation-audience-applicants = Aplikuesi dhe stafi i programit
conversation-audience-applicants-who = E lexojnë dhe përgjigjen aplikuesi, menaxherët e programit dhe ambasadorët e zonës së propozimit.
conversation-audience-staff = Vetëm stafi i programit
conversation-audience-staff-who-proposal = E lexojnë menaxherët e programit dhe ambasadorët e zonës së propozimit; aplikuesi dhe juria nuk e lexojnë.
conversation-audience-staff-who-grant = E lexojnë menaxherët e programit dhe financat; përfituesi i grantit nuk e lexon.
conversation-audience-jury = Juria
conversation-audience-jury-who = E lexojnë vlerësuesit e propozimit pa konflikt interesi dhe kryetari i jurisë; aplikuesi nuk e lexon.
conversation-audience-grantee = Përfituesi i grantit, financat dhe menaxherët
conversation-audience-grantee-who = E lexojnë dhe përgjigjen përfituesi i grantit, financat dhe menaxherët e programit.
conversation-members = Kush merr pjesë tani
conversation-started-by = e nisi { $name }
conversation-messages = { $count ->
    [one] { $count } mesazh
   *[other] { $count } mesazhe
}
conversation-unread = { $count ->
    [one] { $count } i palexuar
   *[other] { $count } të palexuara
}
conversation-topic = Tema
conversation-topic-hint = Një rresht që tregon për çfarë bëhet fjalë, deri në 200 karaktere.
conversation-body = Mesazhi
conversation-body-hint = Tekst i thjeshtë, deri në 20 000 karaktere. Të gjithë të tjerët që e lexojnë bisedën e marrin me email.
conversation-start-send = Fillo bisedën
conversation-send = Dërgo
conversation-to = për: { $audience }
conversation-reply = Përgjigjuni këtij mesazhi
conversation-quoting = { $name } shkroi:
conversation-reply-cancel = Mos iu përgjigjni ndonjë mesazhi të caktuar
conversation-your-message = Mesazhi juaj
conversation-mention = Përmendni dikë
conversation-mention-hint = Mesazhin e marrin të gjithë ata që e lexojnë bisedën; email-i që merr personi i përmendur e thotë këtë.
conversation-mentions = Përmend: { $names }
problem-conversation-on-draft = bisedat për një propozim hapen pasi ai të dorëzohet
field-not_in_audience = Ky person nuk e lexon bisedën: përmendni vetëm njerëz që e lexojnë.
field-audience_not_offered = Zgjidhni një nga mundësitë e ofruara.
field-unknown_audience = Zgjidhni kush e lexon bisedën.
field-not_in_thread = Përgjigjuni një mesazhi të kësaj bisede.
field-unknown_subject = Nuk është diçka për të cilën mund të zhvillohet një bisedë.

conversation-files = Skedarët
conversation-files-none = Ende nuk ka skedarë në këtë bisedë.
conversation-files-hint = Të gjithë ata që e lexojnë bisedën mund t’i shkarkojnë. Një PDF, një imazh PNG, JPEG, GIF ose WebP, një dokument zyre (docx, xlsx, pptx, odt, ods, odp), ose tekst i thjeshtë ose CSV; deri në { $limit } secili dhe 20 për bisedë.
problem-conversation-file-not-yours = një skedar të bashkëngjitur në një bisedë e heq vetëm ai që e ka bashkëngjitur
