# Одбијања и грешке: шта кажу problem+json API-ја (title, detail) и
# странице када је захтев одбијен. Кључеви и аргументи су објашњени у
# en/errors.ftl.

## Наслов проблема: HTTP статус речима.
status-400 = Неисправан захтев
status-401 = Потребна је пријава
status-403 = Није дозвољено
status-404 = Није пронађено
status-409 = Тренутно није могуће
status-413 = Превелико
status-415 = Неподржан тип
status-422 = Неисправни подаци
status-428 = Потребна је верзија
status-429 = Превише покушаја
status-500 = Интерна грешка

## Грешке свих врста.
problem-unauthenticated = потребна је пријава
problem-invalid-credentials = е-пошта или лозинка нису исправни
problem-locked-out = превише неуспешних пријава; покушајте поново за { $retry_after_secs } сек.
problem-not-found = није пронађено: { $what }
problem-validation = { $count ->
    [one] { $count } поље није исправно
    [few] { $count } поља нису исправна
   *[other] неисправна поља: { $count }
}
problem-duplicate = вредност за „{ $field }“ је већ заузета
problem-stale-revision = { $what }: неко други је у међувремену унео измене; учитајте тренутну верзију (бр. { $current })
problem-revision-required = пошаљите верзију коју уређујете (заглавље If-Match или поље `revision`)
problem-unreadable = захтев није могуће прочитати: { $why }
problem-internal = дошло је до грешке на нашој страни; грешка је забележена
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = пошаљите садржај захтева као { $expected }
problem-no-such-resource = такав ресурс не постоји

## Одбијања: недостаје улога или веза (403).
problem-role-required = само { $roles } може да { $action }
problem-owner-only = само подносилац пријаве чији је предлог може да { $action }
problem-grantee-only-writes = извештај пише само корисник гранта
problem-admin-only-roles = само администратор може да мења улоге или деактивира налоге
problem-reviews-after-own = поднесите своју оцену пре него што прочитате остале
problem-reviews-not-shared = у овом програму рецензенти не виде оцене једни других
problem-reviews-readers = оцене читају само жири и, након одлуке, подносилац пријаве

## Одбијања: стање то сада не дозвољава (409).
problem-call-closed = позив је затворен { $closes_at }
problem-programme-archived = програм је архивиран и не прима предлоге
problem-programme-archived-edit = архивирани програм не може да се уређује; прво га вратите
problem-proposal-not-changeable = предлог може да се мења само као нацрт или када су тражене измене; тренутно је у стању „{ $proposal_state }“
problem-no-requested-amount = у предлогу није тражен никакав износ
problem-report-closed = извештај је у стању „{ $report_state }“ и више не може да се мења
problem-report-not-owed = извештај је у стању „{ $report_state }“; нови рок може да добије само извештај који тек треба поднети
problem-assignment-preview-stale = распоређивања, профили, исказана интересовања, сукоби интереса или предлози промењени су после овог прегледа; поново направите преглед
problem-assignment-proposal-state = рецензенти се распоређују на предлоге који испуњавају услове или су у оцењивању; овај је у стању „{ $proposal_state }“
problem-reviewer-conflicted = рецензент је у сукобу интереса са овим предлогом ({ $kinds })
problem-reviewer-at-cap = рецензент је достигао највеће дозвољено оптерећење ({ $cap })
problem-reviewer-declined = рецензент је одбио овај предлог
problem-assignment-already = задатак је већ у стању „{ $assignment_state }“
problem-assignment-is = задатак је у стању „{ $assignment_state }“
problem-review-submitted-chair-reopens = оцена је поднета; председник жирија мора прво поново да је отвори
problem-review-submitted = оцена је поднета; само председник жирија може поново да је отвори
problem-review-not-saved = сачувајте оцену пре него што је поднесете
problem-review-already-submitted = оцена је већ поднета
problem-review-not-submitted = поново може да се отвори само поднета оцена
problem-review-off-rubric = поднета оцена више не одговара критеријумима оцењивања програма (промењени су након што је оцењивање почело); поново отворите ту оцену
problem-bid-needs-profile = сачувајте свој профил рецензента за овај програм пре него што искажете интересовање
problem-bid-proposal-state = интересовање се исказује док предлог чека распоређивање рецензената; овај је у стању „{ $proposal_state }“
problem-self-deactivation = не можете да деактивирате себе нити да себи одузмете администраторску улогу; замолите другог администратора
problem-attachments-full = { $kind }: највећи дозвољени број прилога је { $max }; уклоните један пре него што додате нови
problem-workflow-version-unknown = радни ток „{ $workflow_name }“ нема регистровану верзију { $version }
problem-outbox-message-state = порука у стању „{ $message_state }“ не може да буде { $action }
problem-idempotency-in-flight = захтев са овим Idempotency-Key се још обрађује; покушајте поново ускоро

## Шта одбијање именује: објекти услуге.
object-assignment = задатак оцењивања
object-attachment = прилог
object-grant = грант
object-ledger-entry = ставка главне књиге
object-outbox-message = порука у одлазној пошти
object-programme = програм
object-proposal = предлог
object-record = запис
object-report = извештај
object-review = оцена
object-reviewer-profile = профил рецензента
object-tranche = транша
object-user = корисник
object-workflow-with-instances = радни ток са инстанцама

## Шта особа не сме да уради („само … може да …“); `action-retry` и
## `action-cancel` довршавају „порука … не може да буде …“.
action-add_or_remove_its_attachments = додаје или уклања његове прилоге
action-add_reviewers_to_the_jury = додаје рецензенте у жири
action-archive_programmes = архивира програме
action-assign_reviewers = распоређује рецензенте
action-bid_on_proposals = исказује интересовање за оцењивање предлога
action-cancel = отказана
action-create_programmes = креира програме
action-create_users = креира корисничке налоге
action-declare_a_conflict_of_interest = пријављује сукоб интереса
action-edit_it = га уређује
action-edit_programmes = уређује програме
action-export_the_ledger = извози главну књигу
action-export_the_payments = извози исплате
action-lift_a_conflict_of_interest = укида сукоб интереса
action-list_users = види списак корисника
action-manage_programmes = управља програмима
action-manage_the_outbox = управља одлазном поштом
action-move_a_report_s_due_date = помера рок извештаја
action-preview_emails = прегледа е-поруке пре слања
action-preview_the_funding_line = прегледа линију финансирања
action-read_the_audit_trail = чита ревизорски траг
action-read_the_impact_summary = чита преглед утицаја
action-read_the_ledger = чита главну књигу
action-read_the_outbox = чита одлазну пошту
action-read_the_workflow_definitions = чита дефиниције радних токова
action-record_a_conflict_for_another_reviewer = евидентира сукоб интереса за другог рецензента
action-record_funding_decisions = евидентира одлуке о финансирању
action-remove_reviewers = уклања рецензенте
action-reopen_a_review = поново отвара оцену
action-retry = поново послата
action-run_reviewer_assignment = покреће распоређивање рецензената
action-see_bids = види интересовања рецензената
action-see_conflicts_of_interest = види сукобе интереса
action-see_the_assignments = види распоређивања
action-see_the_jury = види жири
action-see_the_ranking = види рангирање
action-verify_the_audit_trail = проверава ревизорски траг
action-write_proposals = пише предлоге

## Одбијене отпремљене датотеке.
problem-too_large = датотека је већа од { $limit } бајтова, колико овај програм дозвољава
problem-empty = датотека је празна
problem-unsupported_type = датотеке ове врсте се не примају (садржај је { $detected }); приложите PDF, слику PNG, JPEG, GIF или WebP, канцеларијски документ (docx, xlsx, pptx, odt, ods, odp) или обичан текст или CSV у UTF-8
problem-type_mismatch = датотека је послата као { $declared }, али је њен садржај { $detected }
field-required = Попуните ово.
field-too_long = Највише { $max } знакова.
field-invalid_amount = Упишите износ као { $whole } или { $decimal }.
field-invalid_iban = Ово није исправан IBAN: контролне цифре или дужина не одговарају земљи. Препишите га са извода из банке.
field-invalid_bic = BIC има 8 или 11 слова и цифара, нпр. STBAMK22XXX.
problem-bank-grantee-only = само корисник гранта уноси банковне податке
problem-bank-grant-ended = грант је завршен: банковни подаци се више не мењају
problem-bank-nothing-pending = ниједна промена банковних података не чека потврду
problem-bank-not-that-change = промену коју сте гледали заменила је новија: поново прочитајте страницу пре одлуке
problem-bank-own-change = ви сте унели ову промену: потврђује је друго лице
action-confirm_bank_details = потврди или одбије промену банковних података
field-outdated = Ово се променило откако сте прочитали: прочитајте поново.
problem-funding-line-changed = линија финансирања се променила откако сте прочитали писма (донета је одлука, стигла је рецензија или се променио буџет): прочитајте их поново
field-too_many = Превише: највише { $max }.
field-too_short = Најмање { $min } знакова.
field-out_of_range = Између { $min } и { $max }.
field-out_of_range-min_award = Најмањи износ не може бити већи од највећег.
field-out_of_range-max_award = Највећи износ не може бити већи од буџета.
field-out_of_range-closes_at = Позив мора да се затвори након што се отвори.
field-out_of_range-review-reminder_days_before = Подсетник мора стићи пре рока, у данима које рецензент има.
field-invalid_email = Упишите адресу е-поште, нпр. name@library.org.
field-unknown_country = Није земља коју сервис познаје: упишите њен двословни код, нпр. MK.
field-in_the_past = Тај дан је прошао: изаберите данас или касније.
field-unknown_currency = Упишите ознаку валуте, нпр. EUR.
field-key_reused = Овај Idempotency-Key је коришћен за други захтев: користите нови.
field-invalid_token = Ова веза више не важи: затражите нову.
field-not_in_round = Предлог није отворен за оцењивање у овом програму.
field-not_on_the_jury = Овај рецензент није у жирију програма.
field-not_assignable = Овај рецензент не може да оцењује овај предлог (сукоб интереса или изузеће).
field-unknown_proposal = У овом програму нема таквог предлога.
field-language_not_read = Овај рецензент не чита језик предлога.
field-not_funded = Само одлука о финансирању садржи додељени износ.
field-funded_not_allowed = Предлози испод црте стављају се на листу чекања или се одбијају.
field-not_plannable = Ниједна црта финансирања не испуњава ова правила за државе уз овај буџет.
field-not_a_reviewer = Ова особа није рецензент.
field-not_in_force = Овај сукоб интереса није на снази.
field-unknown_state = Ова листа не познаје такво стање.
field-unknown_event = Услуга не шаље такву е-поруку.
field-urgent_event = Хитне е-поруке увек се шаљу одмах, никад у дневном сажетку.
field-invalid_cursor = Ова веза до странице не важи: почните поново од прве странице.
field-unknown_programme = Нема таквог програма.
field-no_deadline = Овај корак не поставља рок.
field-too_far_ahead = Датум валуте је више од месец дана унапред.
field-not_a_payment = Овај корак не евидентира плаћање.
field-unmapped_state = Свако стање активне верзије треба да има стање у новој.
field-unknown_locale = Услуга не подржава овај језик.
field-invalid_characters = Ово садржи контролни, невидљиви знак или знак који мења смер: упишите поново без њега.
field-unknown_area = Услуга не познаје такву државу или регион.
field-unknown_time_zone = Ово није временска зона, као нпр. Europe/Skopje.
field-invalid_key = Користите од 1 до 64 слова, цифре, '-' или '_'.
field-default_locale_missing = Унесите овај текст и на подразумеваном језику програма.
field-currency_mismatch = Износи морају бити у валути програма.
field-must_be_positive = Више од нуле.
field-final_report_missing = Распоред треба да садржи завршни извештај.
field-final_report_not_last = Завршни извештај мора имати последњи рок.
field-several_final_reports = Само један завршни извештај.
field-unknown_report = У распореду нема таквог извештаја.
field-tranche_template = Удели транши морају бити цели проценти који заједно дају 100.
field-invalid_description = Опишите ставку са 1 до 500 знакова.
field-not_a_region = Унесите код региона, нпр. BA-SRP, или га изоставите.
field-region_outside_country = Овај регион није у држави предлога.
field-invalid_name = Наведите особу, адресу е-поште или организацију са 1 до 200 знакова.
field-invalid_tag = Кључна реч има од 1 до 50 знакова.
field-unknown_indicator = Ово није један од показатеља програма.
field-unknown_budget_line = Ово није једна од буџетских ставки предлога.
field-wrong_currency = Користите валуту гранта.
field-negative = Трошкови не могу бити негативни.
field-unknown_conflict_kind = Услуга не познаје такву врсту сукоба интереса.
field-unknown_bid = Изаберите: радо, може или радије не.
field-unknown_role = Услуга не познаје такву улогу.
field-area_required = Ова улога захтева државу или регион.
field-area_not_allowed = Ова улога није ограничена на државу или регион.
field-all_not_applicable = Оцените бар један критеријум: не могу сви бити непримењиви.
field-unknown_criterion = Ово није критеријум рубрике за оцењивање програма.
field-not_applicable_not_allowed = Овај критеријум не може се означити као непримењив.
field-empty_rubric = Рубрика за оцењивање мора имати бар један критеријум.
field-invalid-payment-reference = Унесите референцу банке (1 до 140 знакова).
field-duplicate = Наведено двапут: оставите једно.
field-duplicate-code = Други програм већ има ову шифру.
problem-body-too-large = захтев је већи него што ова адреса прима
field-required_together = Наведите ово заједно са другим: врста објекта и његов идентификатор иду заједно.
field-before_the_request = Овај дан је пре него што је исплата затражена: исплата се врши после одобрења.
field-set_by_jury_runners = Ово мењају само менаџери програма и председник жирија: од тога зависе ваши сукоби интереса.
field-set_by_administrators = Држава и организација оцењивача одређују сукобе интереса: мења их администратор.
problem-second-factor-needed = овај налог користи пријаву у два корака: пошаљите код из апликације за аутентификацију као `code`
problem-second-factor-enrolment-required = ваша улога мора да користи пријаву у два корака: прво је подесите (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] ова радња захтева пријаву у два корака, коју ваш налог још нема: прво је подесите
       *[step_up] ова радња захтева нов код: потврдите њиме (POST /auth/step-up) и покушајте поново у року од неколико минута
    }
problem-second-factor-already-on = пријава у два корака је већ укључена; прво је искључите да бисте је поново подесили
problem-second-factor-not-started = прво започните подешавање пријаве у два корака (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = ваша улога мора да користи пријаву у два корака: она се не може искључити
field-wrong_code = Код није исправан или је већ искоришћен. Сачекајте следећи код у апликацији и покушајте поново.
problem-admin-only-sessions = само администратор може да окончава туђе сесије
object-session = сесија
field-wrong_password = Ово није ваша тренутна лозинка.
problem-admin-only-erasure = само администратор може да избрише податке неке особе
problem-already-erased = подаци ове особе већ су избрисани
problem-erase-yourself = не можете да избришете сопствени налог; то може други администратор
problem-sign-in-provider-failed = пријава налогом ваше организације није успела; покушајте поново или се пријавите својом адресом е-поште и лозинком
problem-sign-in-email-unverified = налог ваше организације није потврдио вашу адресу е-поште, па не може да се повеже са налогом овде; пријавите се лозинком или замолите своју организацију да потврди адресу
problem-sign-in-account-inactive = овај налог је деактивиран; замолите администратора да га поново активира
object-provider = пружалац услуге пријаве
