# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Αλβανία
country-BA = Βοσνία-Ερζεγοβίνη
country-BG = Βουλγαρία
country-HR = Κροατία
country-GR = Ελλάδα
country-XK = Κοσσυφοπέδιο
country-ME = Μαυροβούνιο
country-MK = Βόρεια Μακεδονία
country-RO = Ρουμανία
country-RS = Σερβία
country-SI = Σλοβενία
