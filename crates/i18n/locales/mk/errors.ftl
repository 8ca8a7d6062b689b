# Одбивања и грешки: што велат problem+json на API-то (title, detail) и
# страниците кога барањето е одбиено. Клучевите и аргументите се објаснети
# во en/errors.ftl.

## Насловот на проблемот: HTTP-статусот со зборови.
status-400 = Неисправно барање
status-401 = Потребна е најава
status-403 = Не е дозволено
status-404 = Не е пронајдено
status-409 = Моментално не е можно
status-413 = Премногу големо
status-415 = Неподдржан тип
status-422 = Неважечки податоци
status-428 = Потребна е верзија
status-429 = Премногу обиди
status-500 = Внатрешна грешка

## Грешки од секаков вид.
problem-unauthenticated = потребна е најава
problem-invalid-credentials = е-поштата или лозинката се погрешни
problem-locked-out = премногу неуспешни најави; обидете се повторно за { $retry_after_secs } сек.
problem-not-found = не е пронајдено: { $what }
problem-validation = { $count ->
    [one] { $count } поле не е исправно
   *[other] неисправни полиња: { $count }
}
problem-duplicate = вредноста за „{ $field }“ веќе е зафатена
problem-stale-revision = { $what }: некој друг во меѓувреме направи измени; вчитајте ја тековната верзија (бр. { $current })
problem-revision-required = испратете ја верзијата што ја уредувате (заглавие If-Match или поле `revision`)
problem-unreadable = барањето не може да се прочита: { $why }
problem-internal = нешто тргна наопаку кај нас; грешката е запишана
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = испратете ја содржината на барањето како { $expected }
problem-no-such-resource = таков ресурс не постои

## Одбивања: недостасува улога или врска (403).
problem-role-required = само { $roles } може да { $action }
problem-owner-only = само апликантот чиј е предлогот може да { $action }
problem-grantee-only-writes = извештајот го пишува само корисникот на грантот
problem-admin-only-roles = само администратор може да менува улоги или да деактивира сметки
problem-reviews-after-own = поднесете ја својата оценка пред да ги читате другите
problem-reviews-not-shared = во оваа програма оценувачите не ги гледаат оценките едни на други
problem-reviews-readers = оценките ги читаат само жирито и, по одлуката, апликантот

## Одбивања: состојбата сега не го дозволува тоа (409).
problem-call-closed = повикот се затвори на { $closes_at }
problem-programme-archived = програмата е архивирана и не прима предлози
problem-programme-archived-edit = архивирана програма не може да се уредува; прво вратете ја
problem-proposal-not-changeable = предлогот може да се менува само како нацрт или кога се побарани измени; сега е во состојба „{ $proposal_state }“
problem-no-requested-amount = во предлогот не е побаран износ
problem-report-closed = извештајот е во состојба „{ $report_state }“ и повеќе не може да се менува
problem-report-not-owed = извештајот е во состојба „{ $report_state }“; нов рок може да добие само извештај што сè уште се должи
problem-assignment-preview-stale = распределбите, профилите, интересите, судирите на интереси или предлозите се променија по овој преглед; направете нов преглед
problem-assignment-proposal-state = оценувачи се распределуваат на подобни предлози или на предлози во оценување; овој е во состојба „{ $proposal_state }“
problem-reviewer-conflicted = оценувачот има судир на интереси со овој предлог ({ $kinds })
problem-reviewer-at-cap = оценувачот ја достигна најголемата дозволена оптовареност ({ $cap })
problem-reviewer-declined = оценувачот го одби овој предлог
problem-assignment-already = задачата веќе е во состојба „{ $assignment_state }“
problem-assignment-is = задачата е во состојба „{ $assignment_state }“
problem-review-submitted-chair-reopens = оценката е поднесена; претседателот на жирито прво треба повторно да ја отвори
problem-review-submitted = оценката е поднесена; само претседателот на жирито може повторно да ја отвори
problem-review-not-saved = зачувајте ја оценката пред да ја поднесете
problem-review-already-submitted = оценката е веќе поднесена
problem-review-not-submitted = повторно може да се отвори само поднесена оценка
problem-review-off-rubric = поднесена оценка повеќе не одговара на критериумите за оценување на програмата (тие се променети откако започна оценувањето); отворете ја повторно таа оценка
problem-bid-needs-profile = зачувајте го својот профил на оценувач за оваа програма пред да изразите интерес
problem-bid-proposal-state = интерес може да се изрази додека предлогот чека распределба на оценувачи; овој е во состојба „{ $proposal_state }“
problem-self-deactivation = не можете да се деактивирате себеси ниту да си ја одземете својата администраторска улога; побарајте од друг администратор
problem-attachments-full = најмногу { $max } прилози по { $kind }; отстранете еден пред да додадете друг
problem-workflow-version-unknown = работниот тек „{ $workflow_name }“ нема регистрирана верзија { $version }
problem-outbox-message-state = порака во состојба „{ $message_state }“ не може да биде { $action }
problem-idempotency-in-flight = барање со овој Idempotency-Key сè уште се обработува; обидете се повторно наскоро

## Што именува одбивањето: објектите на услугата.
object-assignment = задача за оценување
object-attachment = прилог
object-grant = грант
object-ledger-entry = запис во главната книга
object-outbox-message = порака во излезната пошта
object-programme = програма
object-proposal = предлог
object-record = запис
object-report = извештај
object-review = оценка
object-reviewer-profile = профил на оценувач
object-tranche = транша
object-user = корисник
object-workflow-with-instances = работен тек со инстанци

## Што лицето не смее да направи („само … може да …“); `action-retry` и
## `action-cancel` завршуваат „порака … не може да биде …“.
action-add_or_remove_its_attachments = додава или отстранува негови прилози
action-add_reviewers_to_the_jury = додава оценувачи во жирито
action-archive_programmes = архивира програми
action-assign_reviewers = распределува оценувачи
action-bid_on_proposals = изразува интерес за оценување предлози
action-cancel = откажана
action-create_programmes = создава програми
action-create_users = создава кориснички сметки
action-declare_a_conflict_of_interest = пријавува судир на интереси
action-edit_it = го уредува
action-edit_programmes = уредува програми
action-export_the_ledger = ја извезува главната книга
action-export_the_payments = ги извезува исплатите
action-lift_a_conflict_of_interest = укинува судир на интереси
action-list_users = го гледа списокот на корисници
action-manage_programmes = управува со програми
action-manage_the_outbox = управува со излезната пошта
action-move_a_report_s_due_date = поместува рок на извештај
action-preview_emails = прегледува е-пораки пред испраќање
action-preview_the_funding_line = ја прегледува линијата на финансирање
action-read_the_audit_trail = ја чита ревизорската трага
action-read_the_impact_summary = го чита прегледот на влијанието
action-read_the_ledger = ја чита главната книга
action-read_the_outbox = ја чита излезната пошта
action-read_the_workflow_definitions = ги чита дефинициите на работните текови
action-record_a_conflict_for_another_reviewer = запишува судир на интереси за друг оценувач
action-record_funding_decisions = запишува одлуки за финансирање
action-remove_reviewers = отстранува оценувачи
action-reopen_a_review = повторно отвора оценка
action-retry = испратена повторно
action-run_reviewer_assignment = врши распределба на оценувачи
action-see_bids = го гледа интересот на оценувачите
action-see_conflicts_of_interest = ги гледа судирите на интереси
action-see_the_assignments = ги гледа распределбите
action-see_the_jury = го гледа жирито
action-see_the_ranking = го гледа рангирањето
action-verify_the_audit_trail = ја проверува ревизорската трага
action-write_proposals = пишува предлози

## Одбиени прикачени датотеки.
problem-too_large = датотеката е поголема од { $limit } бајти, колку што дозволува оваа програма
problem-empty = датотеката е празна
problem-unsupported_type = датотеки од овој тип не се примаат (содржината е { $detected }); прикачете PDF, слика PNG, JPEG, GIF или WebP, канцелариски документ (docx, xlsx, pptx, odt, ods, odp) или обичен текст или CSV во UTF-8
problem-type_mismatch = датотеката е испратена како { $declared }, но нејзината содржина е { $detected }
field-required = Пополнете го ова.
field-too_long = Најмногу { $max } знаци.
field-invalid_amount = Напишете износ како { $whole } или { $decimal }.
field-invalid_iban = Ова не е важечки IBAN: контролните цифри или должината не одговараат на земјата. Препишете го од извод од банка.
field-invalid_bic = BIC има 8 или 11 букви и цифри, на пр. STBAMK22XXX.
problem-bank-grantee-only = само корисникот на грантот ги внесува банкарските податоци
problem-bank-grant-ended = грантот заврши: банкарските податоци повеќе не се менуваат
problem-bank-nothing-pending = ниту една промена на банкарските податоци не чека потврда
problem-bank-not-that-change = промената што ја гледавте е заменета со понова: прочитајте ја страницата повторно пред да одлучите
problem-bank-own-change = вие ја внесовте оваа промена: ја потврдува друго лице
action-confirm_bank_details = потврди или одбие промена на банкарските податоци
field-outdated = Ова се промени откако го прочитавте: прочитајте го повторно.
problem-funding-line-changed = линијата за финансирање се промени откако ги прочитавте писмата (донесена е одлука, стигна оценка или се смени буџетот): прочитајте ги повторно
field-too_many = Премногу: најмногу { $max }.
field-too_short = Најмалку { $min } знаци.
field-out_of_range = Помеѓу { $min } и { $max }.
field-out_of_range-min_award = Најмалата награда не може да биде поголема од најголемата.
field-out_of_range-max_award = Најголемата награда не може да биде поголема од буџетот.
field-out_of_range-closes_at = Повикот мора да се затвори откако ќе се отвори.
field-out_of_range-review-reminder_days_before = Потсетникот мора да стигне пред рокот, во деновите што ги има оценувачот.
field-invalid_email = Напишете адреса за е-пошта, на пр. name@library.org.
field-unknown_country = Не е земја што сервисот ја знае: напишете го нејзиниот двобуквен код, на пр. MK.
field-in_the_past = Тој ден помина: изберете денес или подоцна.
field-unknown_currency = Напишете код на валута, на пр. EUR.
field-key_reused = Овој Idempotency-Key е веќе употребен за друго барање: употребете нов.
field-invalid_token = Оваа врска повеќе не важи: побарајте нова.
field-not_in_round = Предлогот не е отворен за оценување во оваа програма.
field-not_on_the_jury = Овој оценувач не е во жирито на програмата.
field-not_assignable = Овој оценувач не може да го оценува овој предлог (судир на интереси или исклучување).
field-unknown_proposal = Во оваа програма нема таков предлог.
field-language_not_read = Овој оценувач не го чита јазикот на предлогот.
field-not_funded = Само одлуката за финансирање содржи доделен износ.
field-funded_not_allowed = Предлозите под линијата се ставаат на листата на чекање или се одбиваат.
field-not_plannable = Ниедна линија на финансирање не ги исполнува овие правила за државите со овој буџет.
field-not_a_reviewer = Ова лице не е оценувач.
field-not_in_force = Овој судир на интереси не е на сила.
field-unknown_state = Оваа листа не познава таква состојба.
field-unknown_event = Услугата не испраќа таква е-порака.
field-urgent_event = Итните е-пораки секогаш се испраќаат веднаш, никогаш во дневен преглед.
field-invalid_cursor = Оваа врска до страница не важи: почнете повторно од првата страница.
field-unknown_programme = Нема таква програма.
field-no_deadline = Овој чекор не поставува рок.
field-too_far_ahead = Датумот на валута е повеќе од еден месец однапред.
field-not_a_payment = Овој чекор не евидентира плаќање.
field-unmapped_state = Секоја состојба од тековната верзија мора да има состојба во новата.
field-unknown_locale = Услугата не го поддржува овој јазик.
field-invalid_characters = Ова содржи контролен, невидлив знак или знак што ја менува насоката: напишете го повторно без него.
field-unknown_area = Услугата не познава таква држава или регион.
field-unknown_time_zone = Ова не е временска зона, како Europe/Skopje.
field-invalid_key = Користете од 1 до 64 букви, цифри, '-' или '_'.
field-default_locale_missing = Внесете го овој текст и на основниот јазик на програмата.
field-currency_mismatch = Износите мора да бидат во валутата на програмата.
field-must_be_positive = Повеќе од нула.
field-final_report_missing = Распоредот мора да содржи завршен извештај.
field-final_report_not_last = Завршниот извештај мора да има последен рок.
field-several_final_reports = Само еден завршен извештај.
field-unknown_report = Во распоредот нема таков извештај.
field-tranche_template = Уделите на траншите мора да бидат цели проценти што вкупно даваат 100.
field-invalid_description = Опишете ја ставката со 1 до 500 знаци.
field-not_a_region = Внесете код на регион, како BA-SRP, или оставете празно.
field-region_outside_country = Овој регион не е во државата на предлогот.
field-invalid_name = Наведете лице, адреса на е-пошта или организација со 1 до 200 знаци.
field-invalid_tag = Клучниот збор има од 1 до 50 знаци.
field-unknown_indicator = Ова не е еден од показателите на програмата.
field-unknown_budget_line = Ова не е една од буџетските ставки на предлогот.
field-wrong_currency = Користете ја валутата на грантот.
field-negative = Трошоците не можат да бидат негативни.
field-unknown_conflict_kind = Услугата не познава таков вид судир на интереси.
field-unknown_bid = Изберете: со задоволство, може или подобро не.
field-unknown_role = Услугата не познава таква улога.
field-area_required = Оваа улога бара држава или регион.
field-area_not_allowed = Оваа улога не е ограничена на држава или регион.
field-all_not_applicable = Оценете барем еден критериум: не можат сите да бидат неприменливи.
field-unknown_criterion = Ова не е критериум од рубриката за оценување на програмата.
field-not_applicable_not_allowed = Овој критериум не може да се означи како неприменлив.
field-empty_rubric = Рубриката за оценување мора да има барем еден критериум.
field-invalid-payment-reference = Внесете ја референцата на банката (1 до 140 знаци).
field-duplicate = Наведено двапати: оставете едно.
field-duplicate-code = Друга програма веќе го има овој код.
problem-body-too-large = барањето е поголемо отколку што прима оваа адреса
field-required_together = Дајте го ова заедно со другото: видот на објектот и неговиот идентификатор одат заедно.
field-before_the_request = Овој ден е пред да биде побарана исплатата: исплатата се прави по нејзиното одобрување.
field-set_by_jury_runners = Ова го менуваат само менаџерите на програмата и претседателот на жирито: од него зависат вашите судири на интереси.
field-set_by_administrators = Државата и организацијата на оценувачот одредуваат судири на интереси: ги менува администратор.
problem-second-factor-needed = оваа сметка користи најава во два чекора: испратете го кодот од апликацијата за автентикација како `code`
problem-second-factor-enrolment-required = вашата улога мора да користи најава во два чекора: прво поставете ја (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] ова дејство бара најава во два чекора, која вашата сметка сè уште ја нема: прво поставете ја
       *[step_up] ова дејство бара нов код: потврдете со него (POST /auth/step-up) и обидете се повторно во рок од неколку минути
    }
problem-second-factor-already-on = најавата во два чекора е веќе вклучена; прво исклучете ја за да ја поставите повторно
problem-second-factor-not-started = прво започнете со поставување на најавата во два чекора (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = вашата улога мора да користи најава во два чекора: таа не може да се исклучи
field-wrong_code = Кодот не е точен или веќе е искористен. Почекајте го следниот код од апликацијата и обидете се повторно.
problem-admin-only-sessions = само администратор може да завршува сесии на друго лице
object-session = сесија
field-wrong_password = Ова не е вашата тековна лозинка.
problem-admin-only-erasure = само администратор може да ги брише податоците на некое лице
problem-already-erased = податоците на ова лице веќе се избришани
problem-erase-yourself = не можете да ја избришете сопствената сметка; друг администратор може
problem-sign-in-provider-failed = најавата со сметката на вашата организација не успеа; обидете се повторно или најавете се со вашата адреса на е-пошта и лозинка
problem-sign-in-email-unverified = сметката на вашата организација не ја потврди вашата адреса на е-пошта, па не може да се поврзе со сметка тука; најавете се со лозинката или побарајте од вашата организација да ја потврди адресата
problem-sign-in-account-inactive = оваа сметка е деактивирана; побарајте од администратор повторно да ја активира
object-provider = давател на услуга за најава
