# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Tabela (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Preuzmi glavnu knjigu:
download-payments = Preuzmi isplate:
download-ranking = Preuzmi rang-listu:
download-impact = Preuzmi pregled uticaja:
download-proposals = Preuzmi ovaj spisak prijedloga:
download-grants = Preuzmi grantove:
download-reports = Preuzmi ovaj spisak izvještaja:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Glavna knjiga
export-sheet-payments = Isplate
export-sheet-ranking = Rang-lista
export-sheet-impact = Uticaj
export-sheet-proposals = Prijedlozi
export-sheet-grants = Grantovi
export-sheet-reports = Izvještaji

## Column headings
export-column-recorded_at = Evidentirano (UTC)
export-column-kind = Vrsta
export-column-amount = Iznos
export-column-currency = Valuta
export-column-grant_id = ID granta
export-column-proposal = Prijedlog
export-column-country = Država
export-column-tranche = Tranša
export-column-by = Ko
export-column-memo = Napomena
export-column-committed_after = Preuzeto nakon unosa
export-column-disbursed_after = Isplaćeno nakon unosa
export-column-remaining_after = Nepreuzeto nakon unosa
export-column-value_date = Datum valute
export-column-payment_reference = Bankovna referenca
export-column-grantee = Korisnik granta
export-column-paid_amount = Isplaćeni iznos
export-column-paid_currency = Valuta isplate
export-column-exchange_rate = Kurs
export-column-requested_by = Zatražio/la
export-column-approved_by = Odobrio/la
export-column-recorded_by = Evidentirao/la
export-column-position = Mjesto
export-column-proposal_id = ID prijedloga
export-column-title = Naslov
export-column-state = Stanje
export-column-reviews = Ocjene
export-column-missing_reviews = Ocjene koje nedostaju
export-column-mean = Prosječna ocjena
export-column-median = Medijan ocjena
export-column-normalised_mean = Normalizovani prosjek
export-column-spread = Raspon
export-column-std_dev = Standardna devijacija
export-column-disagreement = Recenzenti se ne slažu
export-column-tied_with_previous = Izjednačen s prethodnim
export-column-grants = Grantovi
export-column-grants_reporting = Grantovi s prihvaćenim izvještajem
export-column-awarded = Dodijeljeno
export-column-disbursed = Isplaćeno
export-column-reports_on_time = Izvještaji na vrijeme
export-column-reports_late = Izvještaji sa zakašnjenjem
export-column-reports_overdue = Izvještaji nakon roka
export-column-reports_not_yet_due = Izvještaji koji još nisu dospjeli
export-column-indicator-achieved = { $indicator }: postignuto
export-column-indicator-target = { $indicator }: cilj
export-column-region = Regija
export-column-organisation = Organizacija
export-column-language = Jezik
export-column-requested_amount = Traženi iznos
export-column-tags = Ključne riječi
export-column-submitted_at = Podneseno (UTC)
export-column-updated_at = Posljednja izmjena (UTC)
export-column-award = Dodijeljeni iznos
export-column-committed = Preuzeta obaveza
export-column-outstanding = Preostalo za isplatu
export-column-agreement_accepted_at = Ugovor prihvaćen (UTC)
export-column-started_at = Početak (UTC)
export-column-ended_at = Završetak (UTC)
export-column-report_id = ID izvještaja
export-column-report = Izvještaj
export-column-due_on = Rok
export-column-timeliness = Na vrijeme?
export-column-days_late = Dana kašnjenja
export-column-total_spent = Potrošeno
export-column-reviewed_at = Pregledano (UTC)

## Words in cells
export-term-all = Sve države
export-term-commitment = Preuzimanje obaveze
export-term-release = Oslobađanje obaveze
export-term-disbursement = Isplata
export-term-interim = Periodični
export-term-final = Završni
export-term-on_time = Na vrijeme
export-term-late = Sa zakašnjenjem
export-term-overdue = Kasni
export-term-not_yet_due = Još nije dospio
