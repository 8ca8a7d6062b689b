# Състояния и стъпки на работните потоци и причините стъпка да е блокирана.
# Ключовете и аргументите са обяснени в en/workflow.ftl.

## Предложения

proposal-state-draft = Чернова
proposal-state-submitted = Подадено
proposal-state-screening = Проверка на допустимостта
proposal-state-changes_requested = Поискани промени
proposal-state-eligible = Допустимо, готово за рецензиране
proposal-state-ineligible = Недопустимо
proposal-state-withdrawn = Оттеглено
proposal-state-in_review = В рецензиране
proposal-state-reviewed = Рецензирано
proposal-state-waitlisted = В списъка с чакащи
proposal-state-funded = Финансирано
proposal-state-declined = Отказано

proposal-step-submit = Подай
proposal-step-start_screening = Започни проверката на допустимостта
proposal-step-request_changes = Поискай промени
proposal-step-resubmit = Подай отново
proposal-step-changes_deadline_missed = Затвори след изтичане на срока за промени
proposal-step-mark_eligible = Отбележи като допустимо
proposal-step-mark_ineligible = Отбележи като недопустимо
proposal-step-withdraw = Оттегли
proposal-step-start_review = Започни рецензирането
proposal-step-complete_review = Приключи рецензирането
proposal-step-fund = Финансирай
proposal-step-waitlist = Сложи в списъка с чакащи
proposal-step-decline = Откажи

## Грантове

grant-state-agreement_pending = Договорът чака приемане
grant-state-active = Активен
grant-state-reporting = Окончателно отчитане
grant-state-closed = Приключен
grant-state-terminated = Прекратен

grant-step-accept_agreement = Приеми договора
grant-step-start_reporting = Започни окончателното отчитане
grant-step-close = Приключи гранта
grant-step-terminate = Прекрати гранта

## Траншове (плащания)

tranche-state-scheduled = Планиран
tranche-state-requested = Поискано плащане
tranche-state-approved = Одобрен за плащане
tranche-state-paid = Платен
tranche-state-cancelled = Отменен

tranche-step-request = Поискай плащане
tranche-step-approve = Одобри плащането
tranche-step-send_back = Върни
tranche-step-pay = Запиши плащането
tranche-step-cancel = Отмени

## Отчети

report-state-scheduled = Планиран
report-state-due = Очакван
report-state-overdue = Просрочен
report-state-submitted = Подаден
report-state-changes_requested = Поискани промени
report-state-accepted = Приет
report-state-cancelled = Отменен

report-step-open = Отвори за писане
report-step-mark_overdue = Отбележи като просрочен
report-step-extend = Срокът е удължен
report-step-submit = Подай отчета
report-step-accept = Приеми отчета
report-step-request_changes = Поискай промени
report-step-cancel = Отмени

## Кой може да направи стъпката

actor-applicant = кандидатът
actor-reviewer = рецензент
actor-jury_chair = председателят на журито
actor-programme_manager = ръководителят на програмата
actor-ambassador = посланикът
actor-finance = финансовият отдел
actor-admin = администратор
actor-owner = авторът на предложението
actor-country_ambassador = посланикът за държавата
actor-grantee = получателят на гранта
actor-system = системата
list-or = или

## Защо стъпката е блокирана

blocked-wrong-state = Стъпката „{ $step }“ не е възможна в състояние „{ $state }“.
blocked-not-permitted = Само { $allowed } може да направи стъпката „{ $step }“.
blocked-unknown-transition = Тук няма стъпка „{ $transition }“.

guard-call_open = { $case ->
        [not_yet_open] Поканата се отваря на { $opens_at }.
       *[closed] Поканата се затвори на { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Бюджетните пера са общо { $total }, а поисканата сума е { $requested }.
        [mixed_currencies] Бюджетните пера са в различни валути; използвайте една валута.
       *[incomplete] Предложението не е пълно: попълнете { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Посочете държавата на библиотеката.
       *[not_eligible] Библиотеките от { $country } не са допустими за тази програма.
    }
guard-amount_within_limits = { $case ->
        [missing] Посочете поисканата сума.
        [wrong_currency] Поискайте сумата в { $currency }, валутата на програмата.
       *[out_of_range] Поисканата сума трябва да е между { $min } и { $max }.
    }
guard-comment_given = Напишете коментар, в който обяснявате защо.
guard-decision_recorded = Решението за финансиране се записва заедно с писмото (а при финансиране и с отпуснатата сума) чрез формуляра за решение на страницата на предложението.
guard-final_report_accepted = { $case ->
        [missing] Грантът няма окончателен отчет.
       *[not_accepted] Окончателният отчет е в състояние „{ $report_state }“, а не е приет.
    }
guard-tranches_settled = Плащания, които още трябва да бъдат извършени или отменени: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Получателят на гранта още не е приел договора.
       *[not_running] Грантът е в състояние „{ $grant_state }“.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Договорът още не е приет.
        [report_not_accepted] Отчетът „{ $report }“ още не е приет.
        [not_started] Грантът още не е започнал.
       *[too_early] Плащането може да бъде поискано от { $requestable_on }.
    }
guard-not_requester = Вие поискахте това плащане; трябва да го одобри друг служител от финансовия отдел.
guard-report_complete = Отчетът не е пълен; липсват: { $missing }.

# Частите от формуляра, които липсват.
form-part-title = заглавие
form-part-summary = резюме
form-part-problem = проблем
form-part-proposed_service = предложена услуга
form-part-target_group = целева група
form-part-planned_activities = планирани дейности
form-part-organisation = организация
form-part-requested_amount = поискана сума
form-part-country = държава
form-part-language = език
form-part-budget_lines = бюджетни пера
form-part-narrative = история на проекта
form-part-activities = дейности
guard-second_factor_fresh = { $case ->
        [enrol] За плащане и одобряване е нужен вход в две стъпки: настройте го в раздела Сигурност при вход.
       *[step_up] Потвърдете с нов код от вашето приложение за удостоверяване.
    }
