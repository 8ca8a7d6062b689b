# Разговори за предлози, грантови и извештаи.
conversations-heading = Разговори
conversations-none = Сè уште немате разговори тука.
conversations-draft = Разговорите се отвораат откако предлогот ќе биде поднесен.
conversations-start = Започнете разговор
conversations-unread-heading = Непрочитани пораки
conversations-unread-item = { $count ->
    [one] 1 непрочитана порака
   *[other] { $count } непрочитани пораки
} во „{ $topic }“ за { $title }
conversation-title = Разговор
conversation-new-title = Започнете разговор
conversation-on = За: { $title }
conversation-on-label = За
conversation-report-on = Извештај { $position } за { $title }
conversation-back = Назад кон { $title }
conversation-audience-label = Кој го чита
conversation-audience-applicants = Апликант и персонал на програмата
conversation-audience-applicants-who = Го читаат и одговараат апликантот, менаџерите на програмата и амбасадорите на подрачјето на предлогот.
conversation-audience-staff = Само персоналот на програмата
conversation-audience-staff-who-proposal = Го читаат менаџерите на програмата и амбасадорите на подрачјето на предлогот; апликантот и жирито не го читаат.
conversation-audience-staff-who-grant = Го читаат менаџерите на програмата и финансиите; грантистот не го чита.
conversation-audience-jury = Жири
conversation-audience-jury-who = Го читаат рецензентите на предлогот без судир на интереси и претседавачот на жирито; апликантот не го чита.
conversation-audience-grantee = Грантист, финансии и менаџери
conversation-audience-grantee-who = Го читаат и одговараат грантистот, финансиите и менаџерите на програмата.
conversation-members = Кој е во него сега
conversation-started-by = го започна { $name }
conversation-messages = { $count ->
    [one] 1 порака
   *[other] { $count } пораки
}
conversation-unread = { $count ->
    [one] 1 непрочитана
   *[other] { $count } непрочитани
}
conversation-topic = Тема
conversation-topic-hint = Еден ред што кажува за што станува збор, најмногу 200 знаци.
conversation-body = Порака
conversation-body-hint = Обичен текст, најмногу 20.000 знаци. Сите други што го читаат разговорот ја добиваат по е-пошта.
conversation-start-send = Започнете го разговорот
conversation-send = Испратете
conversation-to = до: { $audience }
conversation-reply = Одговорете на ова
conversation-quoting = { $name } напиша:
conversation-reply-cancel = Не одговарајте на одредена порака
conversation-your-message = Ваша порака
conversation-mention = Спомнете некого
conversation-mention-hint = Пораката ја добиваат сите што го читаат разговорот; е-поштата на спомнатото лице го кажува тоа.
conversation-mentions = Ги спомнува { $names }
problem-conversation-on-draft = разговорите за предлог се отвораат откако ќе биде поднесен
field-not_in_audience = Ова лице не го чита разговорот: спомнувајте само луѓе што го читаат.
field-audience_not_offered = Изберете една од понудените публики.
field-unknown_audience = Изберете кој го чита разговорот.
field-not_in_thread = Одговорете на порака од овој разговор.
field-unknown_subject = Не е нешто за кое може да се води разговор.

conversation-files = Датотеки
conversation-files-none = Сè уште нема датотеки во овој разговор.
conversation-files-hint = Секој што го чита разговорот може да ги преземе. PDF, слика PNG, JPEG, GIF или WebP, канцелариски документ (docx, xlsx, pptx, odt, ods, odp) или обичен текст или CSV; најмногу { $limit } секоја и 20 по разговор.
problem-conversation-file-not-yours = само тој што прикачил датотека во разговорот може да ја отстрани
