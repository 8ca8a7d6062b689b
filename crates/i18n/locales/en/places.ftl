# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Albania
country-BA = Bosnia and Herzegovina
country-BG = Bulgaria
country-HR = Croatia
country-GR = Greece
country-XK = Kosovo
country-ME = Montenegro
country-MK = North Macedonia
country-RO = Romania
country-RS = Serbia
country-SI = Slovenia
