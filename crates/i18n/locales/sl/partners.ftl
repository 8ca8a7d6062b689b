# Partnerske knjižnice
field-partners = Partnerske knjižnice
field-partners-hint = Knjižnice drugod, ki z vami izvajajo novo storitev. Predlog lahko berejo ambasadorji njihovih držav, ocenjeval pa ga ne bo nihče, ki tam dela.
partner-organisation = Knjižnica
partner-country = Država
partner-contact = Kontakt (ime, e-poštni naslov ali telefonska številka)
read-partners = Partnerske knjižnice
