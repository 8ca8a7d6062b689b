# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Табела (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Преземи ја главната книга:
download-payments = Преземи ги исплатите:
download-ranking = Преземи го рангирањето:
download-impact = Преземи го прегледот на влијанието:
download-proposals = Преземи ја оваа листа на предлози:
download-grants = Преземи ги грантовите:
download-reports = Преземи ја оваа листа на извештаи:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Главна книга
export-sheet-payments = Исплати
export-sheet-ranking = Рангирање
export-sheet-impact = Влијание
export-sheet-proposals = Предлози
export-sheet-grants = Грантови
export-sheet-reports = Извештаи

## Column headings
export-column-recorded_at = Евидентирано (UTC)
export-column-kind = Вид
export-column-amount = Износ
export-column-currency = Валута
export-column-grant_id = ИД на грантот
export-column-proposal = Предлог
export-column-country = Држава
export-column-tranche = Транша
export-column-by = Кој
export-column-memo = Забелешка
export-column-committed_after = Преземено по записот
export-column-disbursed_after = Исплатено по записот
export-column-remaining_after = Непреземено по записот
export-column-value_date = Датум на валута
export-column-payment_reference = Банкарска референца
export-column-grantee = Корисник на грантот
export-column-paid_amount = Исплатен износ
export-column-paid_currency = Валута на исплатата
export-column-exchange_rate = Девизен курс
export-column-requested_by = Побарал
export-column-approved_by = Одобрил
export-column-recorded_by = Евидентирал
export-column-position = Место
export-column-proposal_id = ИД на предлогот
export-column-title = Наслов
export-column-state = Состојба
export-column-reviews = Оценки
export-column-missing_reviews = Оценки што недостасуваат
export-column-mean = Просечна оценка
export-column-median = Медијана на оценките
export-column-normalised_mean = Нормализиран просек
export-column-spread = Распон
export-column-std_dev = Стандардна девијација
export-column-disagreement = Оценувачите не се согласуваат
export-column-tied_with_previous = Изедначен со претходниот
export-column-grants = Грантови
export-column-grants_reporting = Грантови со прифатен извештај
export-column-awarded = Доделено
export-column-disbursed = Исплатено
export-column-reports_on_time = Извештаи навреме
export-column-reports_late = Задоцнети извештаи
export-column-reports_overdue = Извештаи по рокот
export-column-reports_not_yet_due = Извештаи што уште не доспеале
export-column-indicator-achieved = { $indicator }: постигнато
export-column-indicator-target = { $indicator }: цел
export-column-region = Регион
export-column-organisation = Организација
export-column-language = Јазик
export-column-requested_amount = Побаран износ
export-column-tags = Клучни зборови
export-column-submitted_at = Поднесено (UTC)
export-column-updated_at = Последна измена (UTC)
export-column-award = Доделен износ
export-column-committed = Преземена обврска
export-column-outstanding = Уште за исплата
export-column-agreement_accepted_at = Договорот прифатен (UTC)
export-column-started_at = Почеток (UTC)
export-column-ended_at = Крај (UTC)
export-column-report_id = ИД на извештајот
export-column-report = Извештај
export-column-due_on = Рок
export-column-timeliness = Навреме?
export-column-days_late = Денови задоцнување
export-column-total_spent = Потрошено
export-column-reviewed_at = Прегледано (UTC)

## Words in cells
export-term-all = Сите земји
export-term-commitment = Преземање обврска
export-term-release = Ослободување обврска
export-term-disbursement = Исплата
export-term-interim = Периодичен
export-term-final = Завршен
export-term-on_time = Навреме
export-term-late = Со задоцнување
export-term-overdue = Задоцнет
export-term-not_yet_due = Уште не доспеал
