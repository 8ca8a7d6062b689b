# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Fletëllogaritëse (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Shkarko librin kryesor:
download-payments = Shkarko pagesat:
download-ranking = Shkarko renditjen:
download-impact = Shkarko përmbledhjen e ndikimit:
download-proposals = Shkarko këtë listë propozimesh:
download-grants = Shkarko grantet:
download-reports = Shkarko këtë listë raportesh:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Libri kryesor
export-sheet-payments = Pagesat
export-sheet-ranking = Renditja
export-sheet-impact = Ndikimi
export-sheet-proposals = Propozimet
export-sheet-grants = Grantet
export-sheet-reports = Raportet

## Column headings
export-column-recorded_at = Regjistruar (UTC)
export-column-kind = Lloji
export-column-amount = Shuma
export-column-currency = Monedha
export-column-grant_id = ID e grantit
export-column-proposal = Propozimi
export-column-country = Vendi
export-column-tranche = Kësti
export-column-by = Kush
export-column-memo = Shënim
export-column-committed_after = I angazhuar pas regjistrimit
export-column-disbursed_after = I paguar pas regjistrimit
export-column-remaining_after = I paangazhuar pas regjistrimit
export-column-value_date = Data e valutës
export-column-payment_reference = Referenca bankare
export-column-grantee = Përfituesi i grantit
export-column-paid_amount = Shuma e paguar
export-column-paid_currency = Monedha e pagesës
export-column-exchange_rate = Kursi i këmbimit
export-column-requested_by = Kërkuar nga
export-column-approved_by = Miratuar nga
export-column-recorded_by = Regjistruar nga
export-column-position = Pozicioni
export-column-proposal_id = ID e propozimit
export-column-title = Titulli
export-column-state = Gjendja
export-column-reviews = Vlerësimet
export-column-missing_reviews = Vlerësime që mungojnë
export-column-mean = Mesatarja e pikëve
export-column-median = Mediana e pikëve
export-column-normalised_mean = Mesatarja e normalizuar
export-column-spread = Shpërndarja
export-column-std_dev = Devijimi standard
export-column-disagreement = Vlerësuesit nuk pajtohen
export-column-tied_with_previous = Baras me të mëparshmin
export-column-grants = Grantet
export-column-grants_reporting = Grante me raport të pranuar
export-column-awarded = Dhënë
export-column-disbursed = I paguar
export-column-reports_on_time = Raporte në kohë
export-column-reports_late = Raporte me vonesë
export-column-reports_overdue = Raporte pas afatit
export-column-reports_not_yet_due = Raporte që s’e kanë arritur afatin
export-column-indicator-achieved = { $indicator }: arritur
export-column-indicator-target = { $indicator }: synimi
export-column-region = Rajoni
export-column-organisation = Organizata
export-column-language = Gjuha
export-column-requested_amount = Shuma e kërkuar
export-column-tags = Fjalë kyçe
export-column-submitted_at = Dorëzuar (UTC)
export-column-updated_at = Ndryshimi i fundit (UTC)
export-column-award = Shuma e dhënë
export-column-committed = I angazhuar
export-column-outstanding = Mbetet për t’u paguar
export-column-agreement_accepted_at = Marrëveshja u pranua (UTC)
export-column-started_at = Fillimi (UTC)
export-column-ended_at = Përfundimi (UTC)
export-column-report_id = ID e raportit
export-column-report = Raporti
export-column-due_on = Afati
export-column-timeliness = Në kohë?
export-column-days_late = Ditë vonesë
export-column-total_spent = Shpenzuar
export-column-reviewed_at = Shqyrtuar (UTC)

## Words in cells
export-term-all = Të gjitha vendet
export-term-commitment = Angazhim
export-term-release = Lirim i angazhimit
export-term-disbursement = Pagesë
export-term-interim = I ndërmjetëm
export-term-final = Përfundimtar
export-term-on_time = Në kohë
export-term-late = Me vonesë
export-term-overdue = Pas afatit
export-term-not_yet_due = Afati s’ka ardhur ende
