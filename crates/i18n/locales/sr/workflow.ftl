# Стања и кораци радних токова и разлози због којих је корак блокиран.
# Кључеви и аргументи су објашњени у en/workflow.ftl.

## Предлози

proposal-state-draft = Нацрт
proposal-state-submitted = Поднет
proposal-state-screening = Провера испуњености услова
proposal-state-changes_requested = Тражене измене
proposal-state-eligible = Испуњава услове, спреман за оцењивање
proposal-state-ineligible = Не испуњава услове
proposal-state-withdrawn = Повучен
proposal-state-in_review = У оцењивању
proposal-state-reviewed = Оцењен
proposal-state-waitlisted = На листи чекања
proposal-state-funded = Финансиран
proposal-state-declined = Одбијен

proposal-step-submit = Поднеси
proposal-step-start_screening = Започни проверу испуњености услова
proposal-step-request_changes = Затражи измене
proposal-step-resubmit = Поднеси поново
proposal-step-changes_deadline_missed = Затвори након истека рока за измене
proposal-step-mark_eligible = Означи да испуњава услове
proposal-step-mark_ineligible = Означи да не испуњава услове
proposal-step-withdraw = Повуци
proposal-step-start_review = Започни оцењивање
proposal-step-complete_review = Заврши оцењивање
proposal-step-fund = Финансирај
proposal-step-waitlist = Стави на листу чекања
proposal-step-decline = Одбиј

## Грантови

grant-state-agreement_pending = Уговор чека прихватање
grant-state-active = Активан
grant-state-reporting = Завршно извештавање
grant-state-closed = Затворен
grant-state-terminated = Раскинут

grant-step-accept_agreement = Прихвати уговор
grant-step-start_reporting = Започни завршно извештавање
grant-step-close = Затвори грант
grant-step-terminate = Раскини грант

## Транше (исплате)

tranche-state-scheduled = Заказана
tranche-state-requested = Исплата затражена
tranche-state-approved = Одобрена за исплату
tranche-state-paid = Исплаћена
tranche-state-cancelled = Отказана

tranche-step-request = Затражи исплату
tranche-step-approve = Одобри исплату
tranche-step-send_back = Врати на дораду
tranche-step-pay = Евидентирај исплату
tranche-step-cancel = Откажи

## Извештаји

report-state-scheduled = Заказан
report-state-due = Доспео
report-state-overdue = Касни
report-state-submitted = Поднет
report-state-changes_requested = Тражене измене
report-state-accepted = Прихваћен
report-state-cancelled = Отказан

report-step-open = Отвори за писање
report-step-mark_overdue = Означи да касни
report-step-extend = Рок је померен
report-step-submit = Поднеси извештај
report-step-accept = Прихвати извештај
report-step-request_changes = Затражи измене
report-step-cancel = Откажи

## Ко може да изврши корак

actor-applicant = подносилац пријаве
actor-reviewer = рецензент
actor-jury_chair = председник жирија
actor-programme_manager = менаџер програма
actor-ambassador = амбасадор
actor-finance = финансијска служба
actor-admin = администратор
actor-owner = аутор предлога
actor-country_ambassador = амбасадор државе
actor-grantee = корисник гранта
actor-system = систем
list-or = или

## Зашто је корак блокиран

blocked-wrong-state = Корак „{ $step }“ није могућ у стању „{ $state }“.
blocked-not-permitted = Корак „{ $step }“ може да изврши само { $allowed }.
blocked-unknown-transition = Овде нема корака „{ $transition }“.

guard-call_open = { $case ->
        [not_yet_open] Позив се отвара { $opens_at }.
       *[closed] Позив је затворен { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Буџетске ставке износе укупно { $total }, а тражени износ је { $requested }.
        [mixed_currencies] Буџетске ставке су у различитим валутама; користите једну валуту.
       *[incomplete] Предлог није потпун; недостаје: { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Наведите државу библиотеке.
       *[not_eligible] Библиотеке из { $country } не испуњавају услове за овај програм.
    }
guard-amount_within_limits = { $case ->
        [missing] Наведите тражени износ.
        [wrong_currency] Затражите износ у { $currency }, валути програма.
       *[out_of_range] Тражени износ мора бити између { $min } и { $max }.
    }
guard-comment_given = Напишите коментар у коме објашњавате зашто.
guard-decision_recorded = Одлука о финансирању се евидентира заједно са писмом (а за финансирање и са додељеним износом) кроз образац за одлуку на страници предлога.
guard-final_report_accepted = { $case ->
        [missing] Грант нема завршни извештај.
       *[not_accepted] Завршни извештај је у стању „{ $report_state }“, а не прихваћен.
    }
guard-tranches_settled = Исплате које још треба извршити или отказати: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Корисник гранта још није прихватио уговор.
       *[not_running] Грант је у стању „{ $grant_state }“.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Уговор још није прихваћен.
        [report_not_accepted] Извештај „{ $report }“ још није прихваћен.
        [not_started] Грант још није почео.
       *[too_early] Исплата се може затражити од { $requestable_on }.
    }
guard-not_requester = Ви сте затражили ову исплату; мора да је одобри други корисник из финансијске службе.
guard-report_complete = Извештај није потпун; недостаје: { $missing }.

# Делови обрасца који недостају.
form-part-title = наслов
form-part-summary = сажетак
form-part-problem = проблем
form-part-proposed_service = предложена услуга
form-part-target_group = циљна група
form-part-planned_activities = планиране активности
form-part-organisation = организација
form-part-requested_amount = тражени износ
form-part-country = држава
form-part-language = језик
form-part-budget_lines = буџетске ставке
form-part-narrative = прича о пројекту
form-part-activities = активности
guard-second_factor_fresh = { $case ->
        [enrol] За плаћање и одобравање потребна је пријава у два корака: подесите је у одељку Безбедност пријаве.
       *[step_up] Потврдите новим кодом из апликације за аутентификацију.
    }
