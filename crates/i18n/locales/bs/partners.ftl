# Partnerske biblioteke
field-partners = Partnerske biblioteke
field-partners-hint = Biblioteke iz drugih mjesta koje s vama provode novu uslugu. Ambasadori njihovih država mogu čitati prijedlog, a niko ko tamo radi neće ga ocjenjivati.
partner-organisation = Biblioteka
partner-country = Država
partner-contact = Kontakt (ime, e-mail adresa ili broj telefona)
read-partners = Partnerske biblioteke
