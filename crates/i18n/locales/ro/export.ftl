# Downloads of lists: the spreadsheet's title, its column headings and the
# service's own words in its cells. A CSV keeps the column names and codes
# programs read; only the spreadsheet is in the reader's language.

## Links on the pages
download-xlsx = Foaie de calcul (.xlsx)
download-csv-file = CSV (.csv)
download-ledger = Descarcă registrul contabil:
download-payments = Descarcă plățile:
download-ranking = Descarcă clasamentul:
download-impact = Descarcă sinteza impactului:
download-proposals = Descarcă această listă de propuneri:
download-grants = Descarcă granturile:
download-reports = Descarcă această listă de rapoarte:

## Sheet titles (at most 31 characters)
export-sheet-ledger = Registru contabil
export-sheet-payments = Plăți
export-sheet-ranking = Clasament
export-sheet-impact = Impact
export-sheet-proposals = Propuneri
export-sheet-grants = Granturi
export-sheet-reports = Rapoarte

## Column headings
export-column-recorded_at = Înregistrat (UTC)
export-column-kind = Tip
export-column-amount = Sumă
export-column-currency = Monedă
export-column-grant_id = ID grant
export-column-proposal = Propunere
export-column-country = Țara
export-column-tranche = Tranșă
export-column-by = Cine
export-column-memo = Notă
export-column-committed_after = Angajat după înregistrare
export-column-disbursed_after = Plătit după înregistrare
export-column-remaining_after = Neangajat după înregistrare
export-column-value_date = Data valutei
export-column-payment_reference = Referința bancară
export-column-grantee = Beneficiar
export-column-paid_amount = Suma plătită
export-column-paid_currency = Moneda plății
export-column-exchange_rate = Curs de schimb
export-column-requested_by = Solicitată de
export-column-approved_by = Aprobată de
export-column-recorded_by = Înregistrată de
export-column-position = Poziție
export-column-proposal_id = ID propunere
export-column-title = Titlu
export-column-state = Stare
export-column-reviews = Evaluări
export-column-missing_reviews = Evaluări lipsă
export-column-mean = Punctaj mediu
export-column-median = Punctaj median
export-column-normalised_mean = Medie normalizată
export-column-spread = Dispersie
export-column-std_dev = Abatere standard
export-column-disagreement = Evaluatorii nu sunt de acord
export-column-tied_with_previous = La egalitate cu cea de deasupra
export-column-grants = Granturi
export-column-grants_reporting = Granturi cu raport acceptat
export-column-awarded = Acordat
export-column-disbursed = Plătit
export-column-reports_on_time = Rapoarte la timp
export-column-reports_late = Rapoarte întârziate
export-column-reports_overdue = Rapoarte restante
export-column-reports_not_yet_due = Rapoarte cu termenul încă nesosit
export-column-indicator-achieved = { $indicator }: realizat
export-column-indicator-target = { $indicator }: țintă
export-column-region = Regiune
export-column-organisation = Organizație
export-column-language = Limba
export-column-requested_amount = Suma solicitată
export-column-tags = Cuvinte-cheie
export-column-submitted_at = Trimis (UTC)
export-column-updated_at = Ultima modificare (UTC)
export-column-award = Suma acordată
export-column-committed = Angajat
export-column-outstanding = Rămas de plătit
export-column-agreement_accepted_at = Contract acceptat (UTC)
export-column-started_at = Început (UTC)
export-column-ended_at = Încheiat (UTC)
export-column-report_id = ID raport
export-column-report = Raport
export-column-due_on = Termen
export-column-timeliness = La timp?
export-column-days_late = Zile de întârziere
export-column-total_spent = Cheltuit
export-column-reviewed_at = Verificat (UTC)

## Words in cells
export-term-all = Toate țările
export-term-commitment = Angajament
export-term-release = Dezangajare
export-term-disbursement = Plată
export-term-interim = Intermediar
export-term-final = Final
export-term-on_time = La timp
export-term-late = Întârziat
export-term-overdue = Restant
export-term-not_yet_due = Termen încă nesosit
