# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Preglednica (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Prenesi glavno knjigo:
download-payments = Prenesi izplačila:
download-ranking = Prenesi razvrstitev:
download-impact = Prenesi povzetek učinka:
download-proposals = Prenesi ta seznam predlogov:
download-grants = Prenesi seznam nepovratnih sredstev:
download-reports = Prenesi ta seznam poročil:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Glavna knjiga
export-sheet-payments = Izplačila
export-sheet-ranking = Razvrstitev
export-sheet-impact = Učinek
export-sheet-proposals = Predlogi
export-sheet-grants = Nepovratna sredstva
export-sheet-reports = Poročila

## Column headings
export-column-recorded_at = Zabeleženo (UTC)
export-column-kind = Vrsta
export-column-amount = Znesek
export-column-currency = Valuta
export-column-grant_id = ID nepovratnih sredstev
export-column-proposal = Predlog
export-column-country = Država
export-column-tranche = Obrok
export-column-by = Kdo
export-column-memo = Opomba
export-column-committed_after = Prevzeto po vnosu
export-column-disbursed_after = Izplačano po vnosu
export-column-remaining_after = Neprevzeto po vnosu
export-column-value_date = Datum valute
export-column-payment_reference = Bančni sklic
export-column-grantee = Prejemnik sredstev
export-column-paid_amount = Izplačani znesek
export-column-paid_currency = Valuta izplačila
export-column-exchange_rate = Menjalni tečaj
export-column-requested_by = Zahteval/a
export-column-approved_by = Odobril/a
export-column-recorded_by = Zabeležil/a
export-column-position = Mesto
export-column-proposal_id = ID predloga
export-column-title = Naslov
export-column-state = Stanje
export-column-reviews = Ocene
export-column-missing_reviews = Manjkajoče ocene
export-column-mean = Povprečna ocena
export-column-median = Mediana ocen
export-column-normalised_mean = Normalizirano povprečje
export-column-spread = Razpon
export-column-std_dev = Standardni odklon
export-column-disagreement = Ocenjevalci se ne strinjajo
export-column-tied_with_previous = Izenačen s prejšnjim
export-column-grants = Financirani projekti
export-column-grants_reporting = Projekti s sprejetim poročilom
export-column-awarded = Dodeljeno
export-column-disbursed = Izplačano
export-column-reports_on_time = Pravočasna poročila
export-column-reports_late = Poročila z zamudo
export-column-reports_overdue = Neoddana poročila po roku
export-column-reports_not_yet_due = Poročila, katerih rok še ni potekel
export-column-indicator-achieved = { $indicator }: doseženo
export-column-indicator-target = { $indicator }: cilj
export-column-region = Regija
export-column-organisation = Organizacija
export-column-language = Jezik
export-column-requested_amount = Zaprošeni znesek
export-column-tags = Ključne besede
export-column-submitted_at = Oddano (UTC)
export-column-updated_at = Zadnja sprememba (UTC)
export-column-award = Dodeljeni znesek
export-column-committed = Prevzete obveznosti
export-column-outstanding = Še za izplačilo
export-column-agreement_accepted_at = Pogodba sprejeta (UTC)
export-column-started_at = Začetek (UTC)
export-column-ended_at = Konec (UTC)
export-column-report_id = ID poročila
export-column-report = Poročilo
export-column-due_on = Rok
export-column-timeliness = Pravočasno?
export-column-days_late = Dni zamude
export-column-total_spent = Porabljeno
export-column-reviewed_at = Pregledano (UTC)

## Words in cells
export-term-all = Vse države
export-term-commitment = Prevzem obveznosti
export-term-release = Sprostitev obveznosti
export-term-disbursement = Izplačilo
export-term-interim = Vmesno
export-term-final = Končno
export-term-on_time = Pravočasno
export-term-late = Z zamudo
export-term-overdue = Zamuja
export-term-not_yet_due = Rok še ni potekel
