# Состојби и чекори на работните текови и причините зошто чекор е блокиран.
# Клучевите и аргументите се објаснети во en/workflow.ftl.

## Предлози

proposal-state-draft = Нацрт
proposal-state-submitted = Поднесен
proposal-state-screening = Проверка на подобноста
proposal-state-changes_requested = Побарани измени
proposal-state-eligible = Подобен, подготвен за оценување
proposal-state-ineligible = Неподобен
proposal-state-withdrawn = Повлечен
proposal-state-in_review = Во оценување
proposal-state-reviewed = Оценет
proposal-state-waitlisted = На листа на чекање
proposal-state-funded = Финансиран
proposal-state-declined = Одбиен

proposal-step-submit = Поднеси
proposal-step-start_screening = Започни проверка на подобноста
proposal-step-request_changes = Побарај измени
proposal-step-resubmit = Поднеси повторно
proposal-step-changes_deadline_missed = Затвори по истекот на рокот за измени
proposal-step-mark_eligible = Означи како подобен
proposal-step-mark_ineligible = Означи како неподобен
proposal-step-withdraw = Повлечи
proposal-step-start_review = Започни оценување
proposal-step-complete_review = Заврши оценување
proposal-step-fund = Финансирај
proposal-step-waitlist = Стави на листа на чекање
proposal-step-decline = Одбиј

## Грантови

grant-state-agreement_pending = Договорот чека прифаќање
grant-state-active = Активен
grant-state-reporting = Завршно известување
grant-state-closed = Затворен
grant-state-terminated = Раскинат

grant-step-accept_agreement = Прифати го договорот
grant-step-start_reporting = Започни завршно известување
grant-step-close = Затвори го грантот
grant-step-terminate = Раскини го грантот

## Транши (исплати)

tranche-state-scheduled = Закажана
tranche-state-requested = Побарана исплата
tranche-state-approved = Одобрена за исплата
tranche-state-paid = Исплатена
tranche-state-cancelled = Откажана

tranche-step-request = Побарај исплата
tranche-step-approve = Одобри исплата
tranche-step-send_back = Врати назад
tranche-step-pay = Запиши ја исплатата
tranche-step-cancel = Откажи

## Извештаи

report-state-scheduled = Закажан
report-state-due = Доспеан
report-state-overdue = Задоцнет
report-state-submitted = Поднесен
report-state-changes_requested = Побарани измени
report-state-accepted = Прифатен
report-state-cancelled = Откажан

report-step-open = Отвори за пишување
report-step-mark_overdue = Означи како задоцнет
report-step-extend = Рокот е поместен подоцна
report-step-submit = Поднеси го извештајот
report-step-accept = Прифати го извештајот
report-step-request_changes = Побарај измени
report-step-cancel = Откажи

## Кој може да направи чекор

actor-applicant = апликантот
actor-reviewer = рецензент
actor-jury_chair = претседателот на жирито
actor-programme_manager = менаџерот на програмата
actor-ambassador = амбасадорот
actor-finance = финансиската служба
actor-admin = администратор
actor-owner = авторот на предлогот
actor-country_ambassador = амбасадорот на државата
actor-grantee = корисникот на грантот
actor-system = системот
list-or = или

## Зошто чекорот е блокиран

blocked-wrong-state = Чекорот „{ $step }“ не е можен во состојбата „{ $state }“.
blocked-not-permitted = Чекорот „{ $step }“ може да го направи само { $allowed }.
blocked-unknown-transition = Тука нема чекор „{ $transition }“.

guard-call_open = { $case ->
        [not_yet_open] Повикот се отвора на { $opens_at }.
       *[closed] Повикот се затвори на { $closes_at }.
    }
guard-form_complete = { $case ->
        [budget_mismatch] Буџетските ставки изнесуваат вкупно { $total }, а побараниот износ е { $requested }.
        [mixed_currencies] Буџетските ставки се во различни валути; користете една валута насекаде.
       *[incomplete] Предлогот не е целосен: пополнете { $missing }.
    }
guard-country_eligible = { $case ->
        [missing] Наведете ја државата на библиотеката.
       *[not_eligible] Библиотеките од { $country } не се подобни за оваа програма.
    }
guard-amount_within_limits = { $case ->
        [missing] Наведете го побараниот износ.
        [wrong_currency] Побарајте го износот во { $currency }, валутата на програмата.
       *[out_of_range] Побараниот износ мора да биде помеѓу { $min } и { $max }.
    }
guard-comment_given = Напишете коментар во кој објаснувате зошто.
guard-decision_recorded = Одлуката за финансирање се запишува заедно со писмото (а за финансирање и со доделениот износ) преку формуларот за одлука на предлогот.
guard-final_report_accepted = { $case ->
        [missing] Грантот нема завршен извештај.
       *[not_accepted] Завршниот извештај е во состојба „{ $report_state }“, а не прифатен.
    }
guard-tranches_settled = Исплати што сè уште треба да се извршат или откажат: { $tranches }.
guard-grant_running = { $case ->
        [agreement_pending] Корисникот на грантот сè уште не го прифатил договорот.
       *[not_running] Грантот е во состојба „{ $grant_state }“.
    }
guard-condition_met = { $case ->
        [agreement_not_accepted] Договорот сè уште не е прифатен.
        [report_not_accepted] Извештајот „{ $report }“ сè уште не е прифатен.
        [not_started] Грантот сè уште не е започнат.
       *[too_early] Исплатата може да се побара од { $requestable_on }.
    }
guard-not_requester = Вие ја побаравте оваа исплата; мора да ја одобри друг корисник од финансиската служба.
guard-report_complete = Извештајот не е целосен; недостасува: { $missing }.

# Деловите од формуларот што недостасуваат.
form-part-title = наслов
form-part-summary = резиме
form-part-problem = проблем
form-part-proposed_service = предложена услуга
form-part-target_group = целна група
form-part-planned_activities = планирани активности
form-part-organisation = организација
form-part-requested_amount = побаран износ
form-part-country = држава
form-part-language = јазик
form-part-budget_lines = буџетски ставки
form-part-narrative = приказна на проектот
form-part-activities = активности
guard-second_factor_fresh = { $case ->
        [enrol] За плаќање и одобрување потребна е најава во два чекора: поставете ја во делот Безбедност на најавата.
       *[step_up] Потврдете со нов код од вашата апликација за автентикација.
    }
