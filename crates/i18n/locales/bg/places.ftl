# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Албания
country-BA = Босна и Херцеговина
country-BG = България
country-HR = Хърватия
country-GR = Гърция
country-XK = Косово
country-ME = Черна гора
country-MK = Северна Македония
country-RO = Румъния
country-RS = Сърбия
country-SI = Словения
