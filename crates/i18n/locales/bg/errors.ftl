# Откази и грешки: какво казват problem+json на API-то (title, detail) и
# страниците, когато заявка е отказана. Ключовете и аргументите са
# обяснени в en/errors.ftl.

## Заглавието на проблема: HTTP статусът с думи.
status-400 = Невалидна заявка
status-401 = Нужен е вход
status-403 = Не е позволено
status-404 = Не е намерено
status-409 = В момента не е възможно
status-413 = Твърде голямо
status-415 = Неподдържан тип
status-422 = Невалидни данни
status-428 = Нужна е версия
status-429 = Твърде много опити
status-500 = Вътрешна грешка

## Грешки от всякакъв вид.
problem-unauthenticated = нужен е вход
problem-invalid-credentials = имейлът или паролата са грешни
problem-locked-out = твърде много неуспешни опити за вход; опитайте отново след { $retry_after_secs } сек.
problem-not-found = не е намерено: { $what }
problem-validation = { $count ->
    [one] { $count } поле е невалидно
   *[other] невалидни полета: { $count }
}
problem-duplicate = стойността на „{ $field }“ вече е заета
problem-stale-revision = { $what }: някой друг е направил промени междувременно; заредете текущата версия (№ { $current })
problem-revision-required = изпратете версията, която редактирате (заглавие If-Match или поле `revision`)
problem-unreadable = заявката не можа да бъде прочетена: { $why }
problem-internal = нещо се обърка при нас; грешката е записана
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = изпратете съдържанието на заявката като { $expected }
problem-no-such-resource = такъв ресурс не съществува

## Откази: липсва роля или връзка (403).
problem-role-required = само { $roles } може да { $action }
problem-owner-only = само кандидатът, чието е предложението, може да { $action }
problem-grantee-only-writes = отчета го пише само получателят на гранта
problem-admin-only-roles = само администратор може да променя роли или да деактивира профили
problem-reviews-after-own = подайте своята рецензия, преди да четете останалите
problem-reviews-not-shared = в тази програма рецензентите не виждат рецензиите един на друг
problem-reviews-readers = рецензиите се четат само от журито и, след решението, от кандидата

## Откази: състоянието не го позволява сега (409).
problem-call-closed = поканата се затвори на { $closes_at }
problem-programme-archived = програмата е архивирана и не приема предложения
problem-programme-archived-edit = архивирана програма не може да се редактира; първо я възстановете
problem-proposal-not-changeable = предложението може да се променя само като чернова или когато са поискани промени; сега е в състояние „{ $proposal_state }“
problem-no-requested-amount = в предложението няма поискана сума
problem-report-closed = отчетът е в състояние „{ $report_state }“ и вече не може да се променя
problem-report-not-owed = отчетът е в състояние „{ $report_state }“; нов срок може да получи само отчет, който все още се дължи
problem-assignment-preview-stale = разпределенията, профилите, заявеният интерес, конфликтите на интереси или предложенията са се променили след този преглед; направете нов преглед
problem-assignment-proposal-state = рецензенти се разпределят към допустими предложения или към предложения в рецензиране; това е в състояние „{ $proposal_state }“
problem-reviewer-conflicted = рецензентът има конфликт на интереси с това предложение ({ $kinds })
problem-reviewer-at-cap = рецензентът е достигнал максималната си допустима натовареност ({ $cap })
problem-reviewer-declined = рецензентът е отказал това предложение
problem-assignment-already = задачата вече е в състояние „{ $assignment_state }“
problem-assignment-is = задачата е в състояние „{ $assignment_state }“
problem-review-submitted-chair-reopens = рецензията е подадена; първо председателят на журито трябва да я отвори отново
problem-review-submitted = рецензията е подадена; само председателят на журито може да я отвори отново
problem-review-not-saved = запазете рецензията, преди да я подадете
problem-review-already-submitted = рецензията вече е подадена
problem-review-not-submitted = само подадена рецензия може да бъде отворена отново
problem-review-off-rubric = подадена рецензия вече не отговаря на критериите за оценяване на програмата (те са променени след началото на рецензирането); отворете отново тази рецензия
problem-bid-needs-profile = запазете профила си на рецензент за тази програма, преди да заявите интерес
problem-bid-proposal-state = интерес може да се заявява, докато предложението чака разпределяне на рецензенти; това е в състояние „{ $proposal_state }“
problem-self-deactivation = не можете да деактивирате себе си, нито да премахнете собствената си администраторска роля; помолете друг администратор
problem-attachments-full = най-много { $max } прикачени файла на { $kind }; премахнете един, преди да добавите друг
problem-workflow-version-unknown = работният поток „{ $workflow_name }“ няма регистрирана версия { $version }
problem-outbox-message-state = съобщение в състояние „{ $message_state }“ не може да бъде { $action }
problem-idempotency-in-flight = заявка с този Idempotency-Key все още се обработва; опитайте отново след малко

## Какво назовава отказът: обектите на услугата.
object-assignment = задача за рецензиране
object-attachment = прикачен файл
object-grant = грант
object-ledger-entry = запис в главната книга
object-outbox-message = съобщение в изходящата поща
object-programme = програма
object-proposal = предложение
object-record = запис
object-report = отчет
object-review = рецензия
object-reviewer-profile = профил на рецензент
object-tranche = транш
object-user = потребител
object-workflow-with-instances = работен поток с инстанции

## Какво човекът не може да направи („само … може да …“); `action-retry` и
## `action-cancel` завършват „съобщение … не може да бъде …“.
action-add_or_remove_its_attachments = добавя или премахва прикачените към него файлове
action-add_reviewers_to_the_jury = добавя рецензенти към журито
action-archive_programmes = архивира програми
action-assign_reviewers = разпределя рецензенти
action-bid_on_proposals = заявява интерес за рецензиране на предложения
action-cancel = отменено
action-create_programmes = създава програми
action-create_users = създава потребителски профили
action-declare_a_conflict_of_interest = декларира конфликт на интереси
action-edit_it = го редактира
action-edit_programmes = редактира програми
action-export_the_ledger = експортира главната книга
action-export_the_payments = експортира плащанията
action-lift_a_conflict_of_interest = отменя конфликт на интереси
action-list_users = вижда списъка с потребители
action-manage_programmes = управлява програми
action-manage_the_outbox = управлява изходящата поща
action-move_a_report_s_due_date = премества срока на отчет
action-preview_emails = преглежда имейлите преди изпращане
action-preview_the_funding_line = преглежда границата на финансиране
action-read_the_audit_trail = чете одитната следа
action-read_the_impact_summary = чете обобщението на въздействието
action-read_the_ledger = чете главната книга
action-read_the_outbox = чете изходящата поща
action-read_the_workflow_definitions = чете дефинициите на работните потоци
action-record_a_conflict_for_another_reviewer = записва конфликт на интереси за друг рецензент
action-record_funding_decisions = записва решения за финансиране
action-remove_reviewers = премахва рецензенти
action-reopen_a_review = отваря отново рецензия
action-retry = изпратено отново
action-run_reviewer_assignment = извършва разпределяне на рецензенти
action-see_bids = вижда интереса на рецензентите
action-see_conflicts_of_interest = вижда конфликтите на интереси
action-see_the_assignments = вижда разпределенията
action-see_the_jury = вижда журито
action-see_the_ranking = вижда класирането
action-verify_the_audit_trail = проверява одитната следа
action-write_proposals = пише предложения

## Отказани качени файлове.
problem-too_large = файлът е по-голям от разрешените от тази програма { $limit } байта
problem-empty = файлът е празен
problem-unsupported_type = файлове от този тип не се приемат (съдържанието е { $detected }); прикачете PDF, изображение PNG, JPEG, GIF или WebP, офис документ (docx, xlsx, pptx, odt, ods, odp) или обикновен текст или CSV в UTF-8
problem-type_mismatch = файлът е изпратен като { $declared }, но съдържанието му е { $detected }
field-required = Попълнете това.
field-too_long = Най-много { $max } знака.
field-invalid_amount = Напишете сума като { $whole } или { $decimal }.
field-invalid_iban = Това не е валиден IBAN: контролните цифри или дължината не отговарят на страната. Препишете го от банково извлечение.
field-invalid_bic = BIC има 8 или 11 букви и цифри, напр. STBAMK22XXX.
problem-bank-grantee-only = само получателят на гранта въвежда банковите данни
problem-bank-grant-ended = грантът е приключил: банковите данни вече не се променят
problem-bank-nothing-pending = няма промяна на банковите данни, която да очаква потвърждение
problem-bank-not-that-change = промяната, която разгледахте, беше заменена с по-нова: прочетете страницата отново, преди да решите
problem-bank-own-change = вие въведохте тази промяна: потвърждава я друго лице
action-confirm_bank_details = потвърди или отхвърли промяна на банковите данни
field-outdated = Това се промени, откакто го прочетохте: прочетете го отново.
problem-funding-line-changed = линията на финансиране се промени, откакто прочетохте писмата (взето е решение, дошла е оценка или бюджетът се е променил): прочетете ги отново
field-too_many = Твърде много: най-много { $max }.
field-too_short = Поне { $min } знака.
field-out_of_range = Между { $min } и { $max }.
field-out_of_range-min_award = Най-малката сума не може да е по-голяма от най-голямата.
field-out_of_range-max_award = Най-голямата сума не може да е по-голяма от бюджета.
field-out_of_range-closes_at = Поканата трябва да се затвори след като се отвори.
field-out_of_range-review-reminder_days_before = Напомнянето трябва да дойде преди срока, в дните, които оценителят има.
field-invalid_email = Напишете имейл адрес, напр. name@library.org.
field-unknown_country = Не е държава, която услугата познава: напишете двубуквения ѝ код, напр. MK.
field-in_the_past = Този ден е минал: изберете днес или по-късно.
field-unknown_currency = Напишете код на валута, напр. EUR.
field-key_reused = Този Idempotency-Key е използван за друга заявка: използвайте нов.
field-invalid_token = Тази връзка вече не е валидна: поискайте нова.
field-not_in_round = Предложението не е отворено за оценяване в тази програма.
field-not_on_the_jury = Този оценител не е в журито на програмата.
field-not_assignable = Този оценител не може да оценява това предложение (конфликт на интереси или изключване).
field-unknown_proposal = В тази програма няма такова предложение.
field-language_not_read = Този оценител не чете езика на предложението.
field-not_funded = Само решението за финансиране съдържа отпусната сума.
field-funded_not_allowed = Предложенията под чертата се поставят в списъка на чакащите или се отхвърлят.
field-not_plannable = Никоя линия на финансиране не отговаря на тези правила за държавите при този бюджет.
field-not_a_reviewer = Това лице не е оценител.
field-not_in_force = Този конфликт на интереси не е в сила.
field-unknown_state = Този списък не познава такова състояние.
field-unknown_event = Услугата не изпраща такъв имейл.
field-urgent_event = Спешните имейли винаги се изпращат веднага, никога в дневно обобщение.
field-invalid_cursor = Тази връзка към страница не е валидна: започнете отново от първата страница.
field-unknown_programme = Няма такава програма.
field-no_deadline = Тази стъпка не задава срок.
field-too_far_ahead = Датата на вальора е повече от месец напред.
field-not_a_payment = Тази стъпка не отразява плащане.
field-unmapped_state = Всяко състояние от текущата версия трябва да има състояние в новата.
field-unknown_locale = Услугата не поддържа този език.
field-invalid_characters = Това съдържа управляващ, невидим знак или знак, който сменя посоката: напишете го отново без него.
field-unknown_area = Услугата не познава такава държава или регион.
field-unknown_time_zone = Това не е часова зона, като Europe/Skopje.
field-invalid_key = Използвайте от 1 до 64 букви, цифри, '-' или '_'.
field-default_locale_missing = Въведете този текст и на езика по подразбиране на програмата.
field-currency_mismatch = Сумите трябва да са във валутата на програмата.
field-must_be_positive = Повече от нула.
field-final_report_missing = Графикът трябва да включва окончателен отчет.
field-final_report_not_last = Окончателният отчет трябва да е с последен срок.
field-several_final_reports = Само един окончателен отчет.
field-unknown_report = В графика няма такъв отчет.
field-tranche_template = Дяловете на траншовете трябва да са цели проценти, които дават общо 100.
field-invalid_description = Опишете реда с 1 до 500 знака.
field-not_a_region = Въведете код на регион, като BA-SRP, или го пропуснете.
field-region_outside_country = Този регион не е в държавата на предложението.
field-invalid_name = Посочете лице, имейл адрес или организация с 1 до 200 знака.
field-invalid_tag = Ключовата дума е от 1 до 50 знака.
field-unknown_indicator = Това не е един от показателите на програмата.
field-unknown_budget_line = Това не е един от бюджетните редове на предложението.
field-wrong_currency = Използвайте валутата на гранта.
field-negative = Разходите не могат да бъдат отрицателни.
field-unknown_conflict_kind = Услугата не познава такъв вид конфликт на интереси.
field-unknown_bid = Изберете: с желание, може или по-скоро не.
field-unknown_role = Услугата не познава такава роля.
field-area_required = Тази роля изисква държава или регион.
field-area_not_allowed = Тази роля не е ограничена до държава или регион.
field-all_not_applicable = Оценете поне един критерий: не може всички да са неприложими.
field-unknown_criterion = Това не е критерий от рубриката за оценяване на програмата.
field-not_applicable_not_allowed = Този критерий не може да бъде отбелязан като неприложим.
field-empty_rubric = Рубриката за оценяване трябва да има поне един критерий.
field-invalid-payment-reference = Въведете референцията на банката (1 до 140 знака).
field-duplicate = Посочено два пъти: оставете едно.
field-duplicate-code = Друга програма вече има този код.
problem-body-too-large = заявката е по-голяма, отколкото приема този адрес
field-required_together = Посочете това заедно с другото: видът на обекта и идентификаторът му вървят заедно.
field-before_the_request = Този ден е преди плащането да бъде поискано: плащането се извършва след одобрението му.
field-set_by_jury_runners = Това го променят само мениджърите на програмата и председателят на журито: от него зависят вашите конфликти на интереси.
field-set_by_administrators = Държавата и организацията на оценителя определят конфликтите на интереси: променя ги администратор.
problem-second-factor-needed = този профил използва вход в две стъпки: изпратете кода от приложението за удостоверяване като `code`
problem-second-factor-enrolment-required = при вашата роля трябва да се използва вход в две стъпки: първо го настройте (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] това действие изисква вход в две стъпки, който вашият профил все още няма: първо го настройте
       *[step_up] това действие изисква нов код: потвърдете с него (POST /auth/step-up) и опитайте отново до няколко минути
    }
problem-second-factor-already-on = входът в две стъпки вече е включен; първо го изключете, за да го настроите отново
problem-second-factor-not-started = първо започнете настройването на входа в две стъпки (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = при вашата роля трябва да се използва вход в две стъпки: той не може да бъде изключен
field-wrong_code = Кодът не е верен или вече е използван. Изчакайте следващия код от приложението и опитайте отново.
problem-admin-only-sessions = само администратор може да прекратява сесиите на друг човек
object-session = сесия
field-wrong_password = Това не е текущата ви парола.
problem-admin-only-erasure = само администратор може да изтрие данните на дадено лице
problem-already-erased = данните на това лице вече са изтрити
problem-erase-yourself = не можете да изтриете собствения си профил; друг администратор може
problem-sign-in-provider-failed = входът с профила на вашата организация не успя; опитайте отново или влезте с имейл адреса и паролата си
problem-sign-in-email-unverified = профилът на вашата организация не потвърди имейл адреса ви, затова не може да бъде свързан с профил тук; влезте с паролата си или помолете организацията си да потвърди адреса
problem-sign-in-account-inactive = този профил е деактивиран; помолете администратор да го активира отново
object-provider = доставчик на вход
