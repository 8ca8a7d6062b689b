# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Albanija
country-BA = Bosna i Hercegovina
country-BG = Bugarska
country-HR = Hrvatska
country-GR = Grčka
country-XK = Kosovo
country-ME = Crna Gora
country-MK = Sjeverna Makedonija
country-RO = Rumunjska
country-RS = Srbija
country-SI = Slovenija
