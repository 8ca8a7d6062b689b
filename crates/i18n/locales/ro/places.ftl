# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Albania
country-BA = Bosnia și Herțegovina
country-BG = Bulgaria
country-HR = Croația
country-GR = Grecia
country-XK = Kosovo
country-ME = Muntenegru
country-MK = Macedonia de Nord
country-RO = România
country-RS = Serbia
country-SI = Slovenia
