# Partnerske knjižnice
field-partners = Partnerske knjižnice
field-partners-hint = Knjižnice iz drugih mjesta koje s vama provode novu uslugu. Ambasadori njihovih država mogu čitati prijedlog, a nitko tko ondje radi neće ga recenzirati.
partner-organisation = Knjižnica
partner-country = Država
partner-contact = Kontakt (ime, e-adresa ili broj telefona)
read-partners = Partnerske knjižnice
