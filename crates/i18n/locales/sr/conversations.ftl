# Разговори о предлозима, грантовима и извештајима.
conversations-heading = Разговори
conversations-none = Овде још немате разговора.
conversations-draft = Разговори се отварају када се предлог поднесе.
conversations-start = Започните разговор
conversations-unread-heading = Непрочитане поруке
conversations-unread-item = { $count ->
    [one] { $count } непрочитана порука
    [few] { $count } непрочитане поруке
   *[other] { $count } непрочитаних порука
} у разговору „{ $topic }“ ({ $title })
conversation-title = Разговор
conversation-new-title = Започните разговор
conversation-on = Односи се на: { $title }
conversation-on-label = Односи се на
conversation-report-on = Извештај { $position } о пројекту { $title }
conversation-back = Назад на { $title }
conversation-audience-label = Ко га чита
conversation-audience-applicants = Подносилац пријаве и особље програма
conversation-audience-applicants-who = Читају га и одговарају подносилац пријаве, менаџери програма и амбасадори подручја предлога.
conversation-audience-staff = Само особље програма
conversation-audience-staff-who-proposal = Читају га менаџери програма и амбасадори подручја предлога; подносилац пријаве и жири га не читају.
conversation-audience-staff-who-grant = Читају га менаџери програма и финансије; корисник гранта га не чита.
conversation-audience-jury = Жири
conversation-audience-jury-who = Читају га рецензенти предлога без сукоба интереса и председник жирија; подносилац пријаве га не чита.
conversation-audience-grantee = Корисник гранта, финансије и менаџери
conversation-audience-grantee-who = Читају га и одговарају корисник гранта, финансије и менаџери програма.
conversation-members = Ко сада учествује у њему
conversation-started-by = започео/започела: { $name }
conversation-messages = { $count ->
    [one] { $count } порука
    [few] { $count } поруке
   *[other] { $count } порука
}
conversation-unread = { $count ->
    [one] { $count } непрочитана
    [few] { $count } непрочитане
   *[other] { $count } непрочитаних
}
conversation-topic = Тема
conversation-topic-hint = Један ред који каже о чему се ради, највише 200 знакова.
conversation-body = Порука
conversation-body-hint = Обичан текст, највише 20.000 знакова. Сви остали који читају разговор добијају је е-поштом.
conversation-start-send = Започни разговор
conversation-send = Пошаљи
conversation-to = за: { $audience }
conversation-reply = Одговорите на ову поруку
conversation-quoting = { $name } пише:
conversation-reply-cancel = Не одговарајте на одређену поруку
conversation-your-message = Ваша порука
conversation-mention = Помените некога
conversation-mention-hint = Поруку добијају сви који читају разговор; е-порука коју добије поменута особа то и наводи.
conversation-mentions = Помиње: { $names }
problem-conversation-on-draft = разговори о предлогу отварају се када се он поднесе
field-not_in_audience = Ова особа не чита разговор: помените само особе које га читају.
field-audience_not_offered = Изаберите једну од понуђених могућности.
field-unknown_audience = Изаберите ко чита разговор.
field-not_in_thread = Одговорите на поруку из овог разговора.
field-unknown_subject = Ово није нешто о чему се може водити разговор.

conversation-files = Датотеке
conversation-files-none = У овом разговору још нема датотека.
conversation-files-hint = Сви који читају разговор могу да их преузму. PDF, слика PNG, JPEG, GIF или WebP, канцеларијски документ (docx, xlsx, pptx, odt, ods, odp) или обичан текст или CSV; највише { $limit } по датотеци и 20 по разговору.
problem-conversation-file-not-yours = датотеку приложену разговору може да уклони само онај ко ју је приложио
