# Conversații despre propuneri, granturi și rapoarte.
conversations-heading = Conversații
conversations-none = Încă nu aveți conversații aici.
conversations-draft = Conversațiile se deschid după ce propunerea este trimisă.
conversations-start = Începeți o conversație
conversations-unread-heading = Mesaje necitite
conversations-unread-item = { $count ->
    [one] { $count } mesaj necitit
    [few] { $count } mesaje necitite
   *[other] { $count } de mesaje necitite
} în „{ $topic }” ({ $title })
conversation-title = Conversație
conversation-new-title = Începeți o conversație
conversation-on = Referitor la: { $title }
conversation-on-label = Referitor la
conversation-report-on = Raportul { $position } privind { $title }
conversation-back = Înapoi la { $title }
conversation-audience-label = Cine o citește
conversation-audience-applicants = Solicitantul și personalul programului
conversation-audience-applicants-who = O citesc și răspund solicitantul, managerii programului și ambasadorii zonei propunerii.
conversation-audience-staff = Doar personalul programului
conversation-audience-staff-who-proposal = O citesc managerii programului și ambasadorii zonei propunerii; solicitantul și juriul nu o citesc.
conversation-audience-staff-who-grant = O citesc managerii programului și departamentul financiar; beneficiarul nu o citește.
conversation-audience-jury = Juriul
conversation-audience-jury-who = O citesc evaluatorii propunerii fără conflict de interese și președintele juriului; solicitantul nu o citește.
conversation-audience-grantee = Beneficiarul, departamentul financiar și managerii
conversation-audience-grantee-who = O citesc și răspund beneficiarul, departamentul financiar și managerii programului.
conversation-members = Cine participă acum
conversation-started-by = începută de { $name }
conversation-messages = { $count ->
    [one] { $count } mesaj
    [few] { $count } mesaje
   *[other] { $count } de mesaje
}
conversation-unread = { $count ->
    [one] { $count } necitit
    [few] { $count } necitite
   *[other] { $count } de necitite
}
conversation-topic = Subiect
conversation-topic-hint = Un singur rând care spune despre ce este vorba, cel mult 200 de caractere.
conversation-body = Mesaj
conversation-body-hint = Text simplu, cel mult 20.000 de caractere. Toți ceilalți care citesc conversația îl primesc prin e-mail.
conversation-start-send = Începe conversația
conversation-send = Trimite
conversation-to = către: { $audience }
conversation-reply = Răspundeți la acest mesaj
conversation-quoting = { $name } a scris:
conversation-reply-cancel = Nu răspundeți la un anumit mesaj
conversation-your-message = Mesajul dumneavoastră
conversation-mention = Menționați pe cineva
conversation-mention-hint = Mesajul îl primesc toți cei care citesc conversația; e-mailul primit de persoana menționată precizează acest lucru.
conversation-mentions = Menționează: { $names }
problem-conversation-on-draft = conversațiile despre o propunere se deschid după ce aceasta este trimisă
field-not_in_audience = Această persoană nu citește conversația: menționați doar persoane care o citesc.
field-audience_not_offered = Alegeți una dintre opțiunile oferite.
field-unknown_audience = Alegeți cine citește conversația.
field-not_in_thread = Răspundeți la un mesaj din această conversație.
field-unknown_subject = Nu este ceva despre care se poate purta o conversație.

conversation-files = Fișiere
conversation-files-none = Încă nu există fișiere în această conversație.
conversation-files-hint = Toți cei care citesc conversația le pot descărca. Un PDF, o imagine PNG, JPEG, GIF sau WebP, un document office (docx, xlsx, pptx, odt, ods, odp) ori text simplu sau CSV; cel mult { $limit } per fișier și 20 per conversație.
problem-conversation-file-not-yours = un fișier atașat la o conversație îl poate elimina numai cel care l-a atașat
