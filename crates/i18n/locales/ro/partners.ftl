# Biblioteci partenere
field-partners = Biblioteci partenere
field-partners-hint = Biblioteci din alte locuri care derulează noul serviciu împreună cu dumneavoastră. Ambasadorii țărilor lor pot citi propunerea, iar nimeni dintre cei care lucrează acolo nu o va evalua.
partner-organisation = Bibliotecă
partner-country = Țara
partner-contact = Contact (un nume, o adresă de e-mail sau un număr de telefon)
read-partners = Biblioteci partenere
