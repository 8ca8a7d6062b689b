# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Електронна таблица (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Изтегли главната книга:
download-payments = Изтегли плащанията:
download-ranking = Изтегли класирането:
download-impact = Изтегли обобщението на въздействието:
download-proposals = Изтегли този списък с предложения:
download-grants = Изтегли грантовете:
download-reports = Изтегли този списък с отчети:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Главна книга
export-sheet-payments = Плащания
export-sheet-ranking = Класиране
export-sheet-impact = Въздействие
export-sheet-proposals = Предложения
export-sheet-grants = Грантове
export-sheet-reports = Отчети

## Column headings
export-column-recorded_at = Записано (UTC)
export-column-kind = Вид
export-column-amount = Сума
export-column-currency = Валута
export-column-grant_id = ID на гранта
export-column-proposal = Предложение
export-column-country = Държава
export-column-tranche = Транш
export-column-by = Кой
export-column-memo = Бележка
export-column-committed_after = Поето след записа
export-column-disbursed_after = Изплатено след записа
export-column-remaining_after = Непоето след записа
export-column-value_date = Вальор
export-column-payment_reference = Банково основание
export-column-grantee = Получател на гранта
export-column-paid_amount = Изплатена сума
export-column-paid_currency = Валута на плащането
export-column-exchange_rate = Обменен курс
export-column-requested_by = Поискано от
export-column-approved_by = Одобрено от
export-column-recorded_by = Записано от
export-column-position = Място
export-column-proposal_id = ID на предложението
export-column-title = Заглавие
export-column-state = Състояние
export-column-reviews = Рецензии
export-column-missing_reviews = Липсващи рецензии
export-column-mean = Средна оценка
export-column-median = Медиана на оценките
export-column-normalised_mean = Нормализирана средна оценка
export-column-spread = Разсейване
export-column-std_dev = Стандартно отклонение
export-column-disagreement = Рецензентите се разминават
export-column-tied_with_previous = Наравно с предходното
export-column-grants = Грантове
export-column-grants_reporting = Грантове с приет отчет
export-column-awarded = Отпуснато
export-column-disbursed = Изплатено
export-column-reports_on_time = Отчети навреме
export-column-reports_late = Закъснели отчети
export-column-reports_overdue = Просрочени отчети
export-column-reports_not_yet_due = Отчети с ненастъпил срок
export-column-indicator-achieved = { $indicator }: постигнато
export-column-indicator-target = { $indicator }: цел
export-column-region = Регион
export-column-organisation = Организация
export-column-language = Език
export-column-requested_amount = Поискана сума
export-column-tags = Ключови думи
export-column-submitted_at = Подадено (UTC)
export-column-updated_at = Последна промяна (UTC)
export-column-award = Отпусната сума
export-column-committed = Поет ангажимент
export-column-outstanding = Остава за изплащане
export-column-agreement_accepted_at = Приет договор (UTC)
export-column-started_at = Начало (UTC)
export-column-ended_at = Край (UTC)
export-column-report_id = ID на отчета
export-column-report = Отчет
export-column-due_on = Срок
export-column-timeliness = Навреме?
export-column-days_late = Дни закъснение
export-column-total_spent = Изразходвано
export-column-reviewed_at = Прегледано (UTC)

## Words in cells
export-term-all = Всички държави
export-term-commitment = Поет ангажимент
export-term-release = Освобождаване
export-term-disbursement = Плащане
export-term-interim = Междинен
export-term-final = Окончателен
export-term-on_time = Навреме
export-term-late = Закъснял
export-term-overdue = Просрочен
export-term-not_yet_due = Срокът не е настъпил
