# Разговори по предложения, грантове и отчети.
conversations-heading = Разговори
conversations-none = Все още нямате разговори тук.
conversations-draft = Разговорите се отварят, след като предложението бъде подадено.
conversations-start = Започнете разговор
conversations-unread-heading = Непрочетени съобщения
conversations-unread-item = { $count ->
    [one] { $count } непрочетено съобщение
   *[other] { $count } непрочетени съобщения
} в „{ $topic }“ за { $title }
conversation-title = Разговор
conversation-new-title = Започнете разговор
conversation-on = Относно: { $title }
conversation-on-label = Относно
conversation-report-on = Отчет { $position } за { $title }
conversation-back = Обратно към { $title }
conversation-audience-label = Кой го чете
conversation-audience-applicants = Кандидат и екип на програмата
conversation-audience-applicants-who = Четат го и отговарят кандидатът, ръководителите на програмата и посланиците за територията на предложението.
conversation-audience-staff = Само екипът на програмата
conversation-audience-staff-who-proposal = Четат го ръководителите на програмата и посланиците за територията на предложението; кандидатът и журито не го четат.
conversation-audience-staff-who-grant = Четат го ръководителите на програмата и финансите; получателят на гранта не го чете.
conversation-audience-jury = Жури
conversation-audience-jury-who = Четат го рецензентите на предложението без конфликт на интереси и председателят на журито; кандидатът не го чете.
conversation-audience-grantee = Получател на гранта, финанси и ръководители
conversation-audience-grantee-who = Четат го и отговарят получателят на гранта, финансите и ръководителите на програмата.
conversation-members = Кой участва в него сега
conversation-started-by = започнат от { $name }
conversation-messages = { $count ->
    [one] { $count } съобщение
   *[other] { $count } съобщения
}
conversation-unread = { $count ->
    [one] { $count } непрочетено
   *[other] { $count } непрочетени
}
conversation-topic = Тема
conversation-topic-hint = Един ред, който казва за какво става дума, най-много 200 знака.
conversation-body = Съобщение
conversation-body-hint = Обикновен текст, най-много 20 000 знака. Всички останали, които четат разговора, го получават по имейл.
conversation-start-send = Започни разговора
conversation-send = Изпрати
conversation-to = до: { $audience }
conversation-reply = Отговорете на това съобщение
conversation-quoting = { $name } написа:
conversation-reply-cancel = Не отговаряйте на конкретно съобщение
conversation-your-message = Вашето съобщение
conversation-mention = Споменете някого
conversation-mention-hint = Съобщението се получава от всички, които четат разговора; в имейла до споменатия човек това е отбелязано.
conversation-mentions = Споменава: { $names }
problem-conversation-on-draft = разговорите по предложение се отварят, след като то бъде подадено
field-not_in_audience = Този човек не чете разговора: споменавайте само хора, които го четат.
field-audience_not_offered = Изберете една от предложените възможности.
field-unknown_audience = Изберете кой чете разговора.
field-not_in_thread = Отговорете на съобщение от този разговор.
field-unknown_subject = Това не е нещо, по което може да се води разговор.

conversation-files = Файлове
conversation-files-none = В този разговор все още няма файлове.
conversation-files-hint = Всички, които четат разговора, могат да ги изтеглят. PDF, изображение PNG, JPEG, GIF или WebP, офис документ (docx, xlsx, pptx, odt, ods, odp) или обикновен текст или CSV; най-много { $limit } на файл и 20 на разговор.
problem-conversation-file-not-yours = файл, прикачен към разговор, може да премахне само този, който го е прикачил
