# Countries by their ISO 3166-1 code (XK for Kosovo), as pages name them.
country-AL = Албанија
country-BA = Босна и Херцеговина
country-BG = Бугарска
country-HR = Хрватска
country-GR = Грчка
country-XK = Косово
country-ME = Црна Гора
country-MK = Северна Македонија
country-RO = Румунија
country-RS = Србија
country-SI = Словенија
