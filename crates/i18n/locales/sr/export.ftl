# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Табела (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Преузми главну књигу:
download-payments = Преузми исплате:
download-ranking = Преузми рангирање:
download-impact = Преузми преглед утицаја:
download-proposals = Преузми овај списак предлога:
download-grants = Преузми грантове:
download-reports = Преузми овај списак извештаја:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Главна књига
export-sheet-payments = Исплате
export-sheet-ranking = Рангирање
export-sheet-impact = Утицај
export-sheet-proposals = Предлози
export-sheet-grants = Грантови
export-sheet-reports = Извештаји

## Column headings
export-column-recorded_at = Евидентирано (UTC)
export-column-kind = Врста
export-column-amount = Износ
export-column-currency = Валута
export-column-grant_id = ИД гранта
export-column-proposal = Предлог
export-column-country = Држава
export-column-tranche = Транша
export-column-by = Ко
export-column-memo = Напомена
export-column-committed_after = Преузето након уноса
export-column-disbursed_after = Исплаћено након уноса
export-column-remaining_after = Непреузето након уноса
export-column-value_date = Датум валуте
export-column-payment_reference = Банкарска референца
export-column-grantee = Корисник гранта
export-column-paid_amount = Исплаћени износ
export-column-paid_currency = Валута исплате
export-column-exchange_rate = Курс
export-column-requested_by = Затражио/ла
export-column-approved_by = Одобрио/ла
export-column-recorded_by = Евидентирао/ла
export-column-position = Место
export-column-proposal_id = ИД предлога
export-column-title = Наслов
export-column-state = Стање
export-column-reviews = Оцене
export-column-missing_reviews = Оцене које недостају
export-column-mean = Просечна оцена
export-column-median = Медијана оцена
export-column-normalised_mean = Нормализовани просек
export-column-spread = Распон
export-column-std_dev = Стандардна девијација
export-column-disagreement = Рецензенти се не слажу
export-column-tied_with_previous = Изједначен са претходним
export-column-grants = Грантови
export-column-grants_reporting = Грантови са прихваћеним извештајем
export-column-awarded = Додељено
export-column-disbursed = Исплаћено
export-column-reports_on_time = Извештаји на време
export-column-reports_late = Извештаји са закашњењем
export-column-reports_overdue = Извештаји после рока
export-column-reports_not_yet_due = Извештаји који још нису доспели
export-column-indicator-achieved = { $indicator }: постигнуто
export-column-indicator-target = { $indicator }: циљ
export-column-region = Регион
export-column-organisation = Организација
export-column-language = Језик
export-column-requested_amount = Тражени износ
export-column-tags = Кључне речи
export-column-submitted_at = Поднето (UTC)
export-column-updated_at = Последња измена (UTC)
export-column-award = Додељени износ
export-column-committed = Преузета обавеза
export-column-outstanding = Још за исплату
export-column-agreement_accepted_at = Уговор прихваћен (UTC)
export-column-started_at = Почетак (UTC)
export-column-ended_at = Завршетак (UTC)
export-column-report_id = ИД извештаја
export-column-report = Извештај
export-column-due_on = Рок
export-column-timeliness = На време?
export-column-days_late = Дана кашњења
export-column-total_spent = Потрошено
export-column-reviewed_at = Прегледано (UTC)

## Words in cells
export-term-all = Све државе
export-term-commitment = Преузимање обавезе
export-term-release = Ослобађање обавезе
export-term-disbursement = Исплата
export-term-interim = Периодични
export-term-final = Завршни
export-term-on_time = На време
export-term-late = Са закашњењем
export-term-overdue = Касни
export-term-not_yet_due = Још није доспео
