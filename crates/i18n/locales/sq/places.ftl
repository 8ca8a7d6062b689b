# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Shqipëria
country-BA = Bosnjë-Hercegovina
country-BG = Bullgaria
country-HR = Kroacia
country-GR = Greqia
country-XK = Kosova
country-ME = Mali i Zi
country-MK = Maqedonia e Veriut
country-RO = Rumania
country-RS = Serbia
country-SI = Sllovenia
