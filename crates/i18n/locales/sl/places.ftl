# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Albanija
country-BA = Bosna in Hercegovina
country-BG = Bolgarija
country-HR = Hrvaška
country-GR = Grčija
country-XK = Kosovo
country-ME = Črna gora
country-MK = Severna Makedonija
country-RO = Romunija
country-RS = Srbija
country-SI = Slovenija
